/* test_corpus_roundtrip.c — every values file of the cozystack corpus
 * (../shared/corpus/cozystack, or $CORPUS) decoded as Helm reads values and
 * written back with toYaml and toJson must equal what Go produced.  Files
 * are checked by sha256; a missing corpus is reported as SKIPPED, never as
 * passed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "support/vec.h"
#include "value/codec.h"

static void sha256_hex(const char *p, size_t n, char out[65])
{
	unsigned char md[32];
	unsigned int mdlen = 0;
	EVP_Digest(p, n, md, &mdlen, EVP_sha256(), NULL);
	for (int i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

static void test_corpus_roundtrip(void **state)
{
	const char *corpus = getenv("CORPUS") ? getenv("CORPUS") : "../shared/corpus/cozystack";
	struct stat st;
	if (stat(corpus, &st) < 0) {
		fprintf(stderr, "corpus_roundtrip: SKIPPED (no corpus at %s)\n", corpus);
		skip();
	}
	struct vec_file *vf = vec_open("tests/vectors/corpus_roundtrip.vec");
	struct vec_stats st2 = { "corpus_roundtrip", 0, 0 };
	const struct vec_rec *r;
	size_t lines = 0;
	while ((r = vec_next(vf))) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", corpus, r->f[0].p + 3);
		size_t len;
		char *data = vec_slurp(path, &len);
		assert_non_null(data);
		char sum[65];
		sha256_hex(data, len, sum);
		assert_string_equal(sum, r->f[1].p);
		struct arena a = ARENA_INIT;
		struct sb y = SB_INIT, j = SB_INIT, err = SB_INIT;
		val v;
		st2.total++;
		if (val_from_yaml(&a, data, len, VAL_YAML_MAP, &v, &err) < 0) {
			if (strcmp(r->f[2].p, "err") != 0 || err.len != r->f[3].n || memcmp(err.buf, r->f[3].p, err.len))
				vec_mismatch(&st2, r, "decode", r->f[3].p, r->f[3].n, err.buf, err.len);
		} else {
			val_to_yaml(&a, v, &y, &err);
			val_to_json(&a, v, VAL_JSON_ESCAPE_HTML, NULL, NULL, &j, &err);
			if (y.len != r->f[3].n || memcmp(y.buf, r->f[3].p, y.len))
				vec_mismatch(&st2, r, "toYaml", r->f[3].p, r->f[3].n, y.buf, y.len);
			else if (j.len != r->f[4].n || memcmp(j.buf, r->f[4].p, j.len))
				vec_mismatch(&st2, r, "toJson", r->f[4].p, r->f[4].n, j.buf, j.len);
			for (size_t i = 0; i < y.len; i++)
				lines += y.buf[i] == '\n';
		}
		sb_release(&y);
		sb_release(&j);
		sb_release(&err);
		arena_free(&a);
		free(data);
	}
	vec_close(vf);
	fprintf(stderr, "corpus_roundtrip: %zu YAML lines written back\n", lines);
	assert_int_equal(vec_summary(&st2), 0);
	assert_true(st2.total >= 200);
	assert_true(lines >= 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus_roundtrip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
