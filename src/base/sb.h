/* sb.h — growable byte buffer (after git's strbuf).
 *
 * Invariants: `buf` is never NULL (SB_INIT points it at a shared empty
 * string), it is always NUL-terminated at buf[len], and it may hold NUL bytes
 * inside (Go strings do).  sb_detach() is the only way to take the bytes; the
 * buffer is empty and reusable afterwards.  Memory comes from malloc, not an
 * arena: buffers grow and shrink, values do not. */
#ifndef COZY_SB_H
#define COZY_SB_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

struct sb {
	char *buf;
	size_t len;
	size_t cap; /* 0 while buf points at the shared empty string */
};

extern char sb_empty[];
#define SB_INIT { sb_empty, 0, 0 }

void sb_init(struct sb *sb);
void sb_release(struct sb *sb);           /* free; sb is SB_INIT again */
void sb_reset(struct sb *sb);             /* len = 0, keep memory */
char *sb_detach(struct sb *sb, size_t *len); /* caller frees */
void sb_grow(struct sb *sb, size_t extra);   /* room for extra more bytes */
void sb_setlen(struct sb *sb, size_t len);

void sb_add(struct sb *sb, const void *p, size_t n);
void sb_addc(struct sb *sb, char c);
void sb_adds(struct sb *sb, const char *s);
void sb_addf(struct sb *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sb_vaddf(struct sb *sb, const char *fmt, va_list ap);
void sb_addrep(struct sb *sb, char c, size_t n); /* n copies of c */

static inline void sb_addc_fast(struct sb *sb, char c)
{
	if (sb->len + 1 >= sb->cap)
		sb_grow(sb, 1);
	sb->buf[sb->len++] = c;
	sb->buf[sb->len] = '\0';
}

#endif
