// Heap preparation for crmctl's scheduler runs on large CIBs.
//
// A 16-node, 500-resource CIB makes the scheduler allocate ~30 MB in small objects. glibc grows
// its heap in small steps and the kernel then faults each 4 KiB page in on first touch: ~4 000
// page faults, a quarter of the run's time spent in the kernel. Growing the heap once and
// marking that range MADV_HUGEPAGE (the kernel's THP mode is usually "madvise") lets it be
// backed by 2 MiB pages instead. Untouched parts of the range cost no memory.
#include "CHeapPreparation.h"

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

void halyard_prepare_heap(size_t bytes) {
    const uintptr_t huge_page = 2u << 20;
    const size_t largest_mmap_threshold = 32u << 20;  // glibc refuses more on 64-bit machines
    if (bytes > INT32_MAX) bytes = INT32_MAX;
    // Keep large arrays on the heap as well, and never hand its top back before exit.
    mallopt(M_MMAP_THRESHOLD, (int)(bytes < largest_mmap_threshold ? bytes : largest_mmap_threshold));
    mallopt(M_TRIM_THRESHOLD, INT32_MAX);
    mallopt(M_TOP_PAD, (int)bytes);
    uintptr_t start = (uintptr_t)sbrk(0);
    // A request just larger than the heap's free top makes malloc grow it, by the pad as well.
    // (volatile: a compiler may drop an allocation that is freed unused.)
    void *volatile probe = malloc(mallinfo2().keepcost + 1);
    free(probe);
    uintptr_t end = (uintptr_t)sbrk(0);
    uintptr_t aligned = (start + huge_page - 1) & ~(huge_page - 1);
    if (end > aligned && end - aligned >= huge_page) madvise((void *)aligned, end - aligned, MADV_HUGEPAGE);
}
