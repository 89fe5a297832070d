#ifndef FLOTILLA_CMALLOCCOUNTER_H
#define FLOTILLA_CMALLOCCOUNTER_H
#include <stdint.h>

/// Number of heap allocations (malloc, calloc, realloc, aligned allocations) made by this
/// process since it started. Linked only into the benchmark binary, where it interposes the
/// allocator; never into the controller.
uint64_t flotilla_malloc_count(void);

#endif
