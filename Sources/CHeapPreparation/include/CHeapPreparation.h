#ifndef HALYARD_CHEAP_PREPARATION_H
#define HALYARD_CHEAP_PREPARATION_H

#include <stddef.h>

/// Grows the C heap once by `bytes` and asks the kernel to back it with transparent huge pages,
/// for a short run that allocates tens of megabytes in small objects (see heap.c).
void halyard_prepare_heap(size_t bytes);

/// On a thread that is about to allocate much: backs its own glibc arena with transparent huge
/// pages as well, when the process prepared its heap with halyard_prepare_heap (else nothing).
void halyard_prepare_thread_heap(void);

#endif
