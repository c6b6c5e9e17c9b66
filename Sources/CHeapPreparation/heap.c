// Heap preparation for crmctl's scheduler runs on large CIBs.
//
// A 16-node, 500-resource CIB makes the scheduler allocate ~30 MB in small objects. glibc grows
// its heap in small steps and the kernel then faults each 4 KiB page in on first touch: ~4 000
// page faults, a quarter of the run's time spent in the kernel. Growing the heap once and
// marking that range MADV_HUGEPAGE (the kernel's THP mode is usually "madvise") lets it be
// backed by 2 MiB pages instead. Untouched parts of the range cost no memory.
//
// A thread that also allocates much (the decoder's helper) gets an arena of its own from glibc:
// a heap mapped apart, faulted in 4 KiB pages too. Each such thread asks for its arena to be
// prepared the same way (only when the process prepared its main heap).
#include "CHeapPreparation.h"

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

// Whether the process prepared its main heap.
static int heap_prepared;

static const uintptr_t huge_page = 2u << 20;

// glibc's arenas other than the main one live in heaps of this size, aligned to it (64-bit).
static const uintptr_t arena_heap_size = 64u << 20;

void halyard_prepare_heap(size_t bytes) {
    const size_t largest_mmap_threshold = 32u << 20;  // glibc refuses more on 64-bit machines
    if (bytes > INT32_MAX) bytes = INT32_MAX;
    // Keep large arrays on the heap as well, and never hand its top back before exit.
    mallopt(M_MMAP_THRESHOLD, (int)(bytes < largest_mmap_threshold ? bytes : largest_mmap_threshold));
    mallopt(M_TRIM_THRESHOLD, INT32_MAX);
    mallopt(M_TOP_PAD, (int)bytes);
    uintptr_t start = (uintptr_t)sbrk(0);
    heap_prepared = 1;
    // A request just larger than the heap's free top makes malloc grow it, by the pad as well.
    // (volatile: a compiler may drop an allocation that is freed unused.)
    void *volatile probe = malloc(mallinfo2().keepcost + 1);
    free(probe);
    uintptr_t end = (uintptr_t)sbrk(0);
    uintptr_t aligned = (start + huge_page - 1) & ~(huge_page - 1);
    if (end <= aligned || end - aligned < huge_page) return;
    madvise((void *)aligned, end - aligned, MADV_HUGEPAGE);
    // malloc serves the heap's free top from its start, below `aligned`, where pages can only
    // be 4 KiB ones: a block that is never used nor freed takes that part, so that what the run
    // allocates lies on huge pages. (Untouched, it costs no memory.)
    uintptr_t top_start = end - mallinfo2().keepcost;
    if (aligned > top_start) {
        void *volatile filler = malloc(aligned - top_start);
        (void)filler;
    }
}

void halyard_prepare_thread_heap(void) {
    if (!heap_prepared) return;
    // The thread's first allocation settles its arena. A chunk's size word has glibc's
    // NON_MAIN_ARENA bit (4) set when it comes from an arena other than the main one.
    void *volatile probe = malloc(1);
    uintptr_t address = (uintptr_t)probe;
    int other_arena = probe != NULL && (((size_t *)probe)[-1] & 4) != 0;
    free(probe);
    if (!other_arena) return;
    // The arena's heap: reserved whole, made writable as far as the pad set above on creation.
    uintptr_t base = address & ~(arena_heap_size - 1);
    if (madvise((void *)base, arena_heap_size, MADV_HUGEPAGE) != 0) return;
    // Its first 2 MiB were touched already (the arena's header): 4 KiB pages there. A block
    // never used nor freed takes the rest of them (unless the arena is older and beyond them).
    if (address < base + huge_page) {
        void *volatile filler = malloc(base + huge_page - address);
        (void)filler;
    }
}
