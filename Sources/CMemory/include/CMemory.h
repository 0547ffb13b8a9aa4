// Memory hints that Swift has no spelling for. Header-only: each function is inlined into its
// Swift caller.
#ifndef PRENSA_CMEMORY_H
#define PRENSA_CMEMORY_H

/// Asks for the cache line holding `address` to be loaded for reading; no effect on what a
/// program computes, and no fault for any address.
static inline void prensa_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

#endif
