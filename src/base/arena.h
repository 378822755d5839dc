/* arena.h — bump allocator that owns every value of one run.
 *
 * Values (src/value/value.h) are allocated from an arena and never freed one
 * by one; arena_free() releases them all at once.  Allocation is a pointer
 * bump in the common case, so building a value tree costs no malloc per node.
 * The last allocation can be grown in place (arena_grow), which lets string
 * builders append without copying. */
#ifndef COZY_ARENA_H
#define COZY_ARENA_H

#include <stddef.h>

struct arena_chunk;
struct arena_adopted;

struct arena {
	struct arena_chunk *head; /* current chunk; older ones linked behind */
	char *ptr;                /* next free byte in head */
	char *end;                /* end of head */
	char *last;               /* start of the most recent allocation */
	size_t total;             /* bytes obtained from malloc, for stats */
	struct arena_adopted *adopted; /* malloc'd blocks freed with the arena */
};

#define ARENA_INIT { 0 }

void arena_init(struct arena *a);
void arena_free(struct arena *a); /* frees every chunk; a is reusable after */

/* 16-byte aligned, uninitialised memory; never NULL. */
void *arena_alloc(struct arena *a, size_t n);
void *arena_zalloc(struct arena *a, size_t n);
/* Copy n bytes and add a terminating NUL (not counted). */
char *arena_memdup(struct arena *a, const void *p, size_t n);
char *arena_strdup(struct arena *a, const char *s);
/* Resize p, which must be the most recent allocation (or NULL), to n bytes;
 * grows in place when possible, otherwise copies. */
void *arena_grow(struct arena *a, void *p, size_t old, size_t n);
/* Take ownership of p (from xmalloc, e.g. sb_detach): freed by arena_free.
 * Lets a big buffer become a value without copying it. */
void arena_adopt(struct arena *a, void *p);

#endif
