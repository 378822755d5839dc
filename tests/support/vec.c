/* vec.c — parse oracle vector files and report mismatches. */
#include "support/vec.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/hex.h"
#include "base/sb.h"

struct vec_file *vec_open(const char *path)
{
	struct vec_file *vf = calloc(1, sizeof(*vf));
	vf->fp = fopen(path, "rb");
	vf->path = path;
	if (!vf->fp) {
		fprintf(stderr, "cannot open vector file %s (run from the repository root)\n", path);
		abort();
	}
	return vf;
}


const struct vec_rec *vec_next(struct vec_file *vf)
{
	for (;;) {
		ssize_t n = getline(&vf->buf, &vf->cap, vf->fp);
		if (n < 0)
			return NULL;
		vf->line++;
		if (n && vf->buf[n - 1] == '\n')
			vf->buf[--n] = '\0';
		if (n == 0 || vf->buf[0] == '#')
			continue;
		struct vec_rec *r = &vf->rec;
		r->line = vf->line;
		r->nfields = 0;
		/* Unescape in place: output never longer than input. */
		char *w = vf->buf, *start = vf->buf;
		for (char *p = vf->buf;; p++) {
			if (*p == '\t' || p == vf->buf + n) {
				bool end = p == vf->buf + n;
				if (r->nfields < VEC_MAX_FIELDS) {
					r->f[r->nfields].p = start;
					r->f[r->nfields].n = (size_t)(w - start);
					r->nfields++;
				}
				*w++ = '\0';
				start = w;
				if (end)
					break;
				continue;
			}
			if (*p == '\\' && p + 1 < vf->buf + n) {
				p++;
				switch (*p) {
				case 'n': *w++ = '\n'; break;
				case 't': *w++ = '\t'; break;
				case 'r': *w++ = '\r'; break;
				case '\\': *w++ = '\\'; break;
				case 'x': {
					int hi = hex_val((unsigned char)p[1]), lo = hi >= 0 ? hex_val((unsigned char)p[2]) : -1;
					if (hi < 0 || lo < 0) {
						fprintf(stderr, "%s:%zu: bad \\x escape\n", vf->path, vf->line);
						abort();
					}
					*w++ = (char)(hi * 16 + lo);
					p += 2;
					break;
				}
				default:
					fprintf(stderr, "%s:%zu: bad escape \\%c\n", vf->path, vf->line, *p);
					abort();
				}
				continue;
			}
			*w++ = *p;
		}
		return r;
	}
}

void vec_close(struct vec_file *vf)
{
	if (!vf)
		return;
	fclose(vf->fp);
	free(vf->buf);
	free(vf);
}

void vec_print_escaped(FILE *fp, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c == '\n')
			fputs("\\n", fp);
		else if (c == '\t')
			fputs("\\t", fp);
		else if (c == '\\')
			fputs("\\\\", fp);
		else if (c < 0x20 || c == 0x7f)
			fprintf(fp, "\\x%02x", c);
		else
			fputc(c, fp);
	}
}

void vec_mismatch(struct vec_stats *st, const struct vec_rec *r, const char *what,
		  const char *want, size_t wn, const char *got, size_t gn)
{
	st->failed++;
	if (st->failed > 25)
		return;
	fprintf(stderr, "MISMATCH %s line %zu [%s] %s\n  input: ", st->suite, r->line,
		r->nfields ? r->f[0].p : "?", what);
	if (r->nfields > 1)
		vec_print_escaped(stderr, r->f[1].p, r->f[1].n > 400 ? 400 : r->f[1].n);
	fputs("\n  want:  ", stderr);
	vec_print_escaped(stderr, want, wn);
	fputs("\n  got:   ", stderr);
	vec_print_escaped(stderr, got, gn);
	fputc('\n', stderr);
}

size_t vec_summary(const struct vec_stats *st)
{
	fprintf(stderr, "%s: %zu/%zu vectors match\n", st->suite, st->total - st->failed, st->total);
	return st->failed;
}

char *vec_slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	struct sb s = SB_INIT;
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		sb_add(&s, buf, n);
	fclose(fp);
	return sb_detach(&s, len); /* an sb always ends in a NUL */
}
