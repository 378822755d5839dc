/* xalloc.c — allocation that dies on exhaustion instead of returning NULL. */
#include "base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(size_t n)
{
	fprintf(stderr, "fatal: out of memory allocating %zu bytes\n", n);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (!p)
		oom(nmemb * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

char *xmemdup(const void *p, size_t n)
{
	char *q = xmalloc(n + 1);
	if (n)
		memcpy(q, p, n);
	q[n] = '\0';
	return q;
}

char *xstrdup(const char *s)
{
	return xmemdup(s, strlen(s));
}

size_t xgrow(size_t cap, size_t need)
{
	if (need < cap)
		return cap;
	size_t n = cap ? cap : 16;
	while (n <= need) {
		if (n > ((size_t)-1) / 2)
			oom(need);
		n *= 2;
	}
	return n;
}
