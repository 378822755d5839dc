/* vec.h — reader for oracle vector files (tests/vectors/NAME.vec).
 *
 * Format, written by tests/oracle (Go): one record per line, fields separated
 * by TAB; inside a field `\\` `\t` `\n` `\r` and `\xHH` are escapes (control
 * bytes and invalid UTF-8 are always escaped).  Lines starting with '#' are
 * comments.  Field 0 is the record's name. */
#ifndef COZY_TEST_VEC_H
#define COZY_TEST_VEC_H

#include <stddef.h>
#include <stdio.h>

#define VEC_MAX_FIELDS 16

struct vec_field {
	char *p; /* NUL-terminated, may contain NUL */
	size_t n;
};

struct vec_rec {
	size_t line;
	size_t nfields;
	struct vec_field f[VEC_MAX_FIELDS];
};

struct vec_file {
	FILE *fp;
	const char *path;
	size_t line;
	char *buf;
	size_t cap;
	struct vec_rec rec;
};

/* Open or abort the test with a message. */
struct vec_file *vec_open(const char *path);
/* Next record, or NULL at end of file.  Fields live until the next call. */
const struct vec_rec *vec_next(struct vec_file *vf);
void vec_close(struct vec_file *vf);

/* A whole file, NUL-terminated after *len bytes (caller frees); NULL when
 * it cannot be opened.  For tests that read corpus files. */
char *vec_slurp(const char *path, size_t *len);

/* Failure accounting shared by the vector tests: print the first few
 * mismatches in full, count the rest. */
struct vec_stats {
	const char *suite;
	size_t total, failed;
};
void vec_mismatch(struct vec_stats *st, const struct vec_rec *r, const char *what,
		  const char *want, size_t wn, const char *got, size_t gn);
/* Print "suite: N/M vectors match" and return failed count. */
size_t vec_summary(const struct vec_stats *st);
/* Escape bytes for display the same way the vector files do. */
void vec_print_escaped(FILE *fp, const char *p, size_t n);

#endif
