/* sb.c — growable byte buffer. */
#include "base/sb.h"

#include "base/heap.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/xalloc.h"

char sb_empty[1];

void sb_init(struct sb *sb)
{
	sb->buf = sb_empty;
	sb->len = 0;
	sb->cap = 0;
}

void sb_release(struct sb *sb)
{
	if (sb->cap)
		free(sb->buf);
	sb_init(sb);
}

void sb_reset(struct sb *sb)
{
	sb->len = 0;
	if (sb->cap)
		sb->buf[0] = '\0';
}

char *sb_detach(struct sb *sb, size_t *len)
{
	char *p = sb->cap ? sb->buf : xcalloc(1, 1);
	if (len)
		*len = sb->len;
	sb_init(sb);
	return p;
}

void sb_grow(struct sb *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;
	if (need < sb->len)
		abort();
	if (need <= sb->cap)
		return;
	size_t cap = xgrow(sb->cap, need);
	if (cap >= (64 << 10))
		heap_note(cap - sb->cap);
	if (sb->cap) {
		sb->buf = xrealloc(sb->buf, cap);
	} else {
		sb->buf = xmalloc(cap);
		sb->buf[0] = '\0';
	}
	sb->cap = cap;
}

void sb_setlen(struct sb *sb, size_t len)
{
	if (len > sb->len)
		sb_grow(sb, len - sb->len);
	sb->len = len;
	if (sb->cap)
		sb->buf[len] = '\0';
}

void sb_add(struct sb *sb, const void *p, size_t n)
{
	if (!n)
		return;
	sb_grow(sb, n);
	memcpy(sb->buf + sb->len, p, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void sb_addc(struct sb *sb, char c)
{
	sb_addc_fast(sb, c);
}

void sb_adds(struct sb *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

void sb_addrep(struct sb *sb, char c, size_t n)
{
	if (!n)
		return;
	sb_grow(sb, n);
	memset(sb->buf + sb->len, c, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void sb_vaddf(struct sb *sb, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(sb->buf + sb->len, sb->cap ? sb->cap - sb->len : 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	if (sb->len + (size_t)n + 1 > sb->cap) {
		sb_grow(sb, (size_t)n);
		vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, ap);
	}
	sb->len += (size_t)n;
}

void sb_addf(struct sb *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(sb, fmt, ap);
	va_end(ap);
}
