/* arena.c — chunked bump allocation; big requests get their own chunk. */
#include "base/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/heap.h"
#include "base/xalloc.h"

struct arena_chunk {
	struct arena_chunk *next;
	size_t size;
	max_align_t data[];
};

#define ARENA_ALIGN 16
#define ARENA_CHUNK (64 * 1024)

static size_t align_up(size_t n)
{
	return (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
}

void arena_init(struct arena *a)
{
	memset(a, 0, sizeof(*a));
}

struct arena_adopted {
	struct arena_adopted *next;
	void *p;
};

void arena_adopt(struct arena *a, void *p)
{
	struct arena_adopted *n = arena_alloc(a, sizeof(*n));
	n->p = p;
	n->next = a->adopted;
	a->adopted = n;
}

void arena_free(struct arena *a)
{
	/* the list lives in the chunks: walk it before they go */
	for (struct arena_adopted *n = a->adopted; n; n = n->next)
		free(n->p);
	struct arena_chunk *c = a->head;
	while (c) {
		struct arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	arena_init(a);
}

static void *new_chunk(struct arena *a, size_t n)
{
	/* Chunks grow with the arena so that big renders need few mallocs. */
	size_t size = a->total / 4 > ARENA_CHUNK ? a->total / 4 : ARENA_CHUNK;
	if (size > 16 * 1024 * 1024)
		size = 16 * 1024 * 1024;
	if (n > size / 4) {
		/* Large block: own chunk, linked behind head so head stays usable. */
		heap_note(n);
		struct arena_chunk *c = xmalloc(sizeof(*c) + n);
		c->size = n;
		a->total += n;
		if (a->head) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = NULL;
			a->head = c;
			a->ptr = a->end = (char *)c->data + n;
		}
		a->last = NULL;
		return c->data;
	}
	heap_note(size);
	struct arena_chunk *c = xmalloc(sizeof(*c) + size);
	c->size = size;
	c->next = a->head;
	a->head = c;
	a->total += size;
	a->ptr = (char *)c->data;
	a->end = a->ptr + size;
	a->last = a->ptr;
	a->ptr += n;
	return a->last;
}

void *arena_alloc(struct arena *a, size_t n)
{
	n = align_up(n ? n : 1);
	if ((size_t)(a->end - a->ptr) >= n) {
		a->last = a->ptr;
		a->ptr += n;
		return a->last;
	}
	return new_chunk(a, n);
}

void *arena_zalloc(struct arena *a, size_t n)
{
	void *p = arena_alloc(a, n);
	memset(p, 0, n);
	return p;
}

char *arena_memdup(struct arena *a, const void *p, size_t n)
{
	char *q = arena_alloc(a, n + 1);
	if (n)
		memcpy(q, p, n);
	q[n] = '\0';
	return q;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_memdup(a, s, strlen(s));
}

void *arena_grow(struct arena *a, void *p, size_t old, size_t n)
{
	if (p && p == a->last) {
		size_t need = align_up(n ? n : 1);
		if ((size_t)(a->end - (char *)p) >= need) {
			a->ptr = (char *)p + need;
			return p;
		}
	}
	void *q = arena_alloc(a, n);
	if (p && old)
		memcpy(q, p, old < n ? old : n);
	return q;
}
