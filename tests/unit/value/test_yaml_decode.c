/* test_yaml_decode.c — val_from_yaml against sigs.k8s.io/yaml v1.4.0
 * Unmarshal (tests/vectors/yaml_decode.vec and yaml_corpus.vec): each input
 * decoded into interface{}, map[string]interface{} and []interface{}, the
 * result compared as json.Marshal text, errors compared byte for byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sb.h"
#include "base/xalloc.h"
#include "support/vec.h"
#include "value/codec.h"

static const enum val_yaml_target targets[3] = { VAL_YAML_ANY, VAL_YAML_MAP, VAL_YAML_LIST };
static const char *const target_names[3] = { "any", "map", "list" };

/* Decode for one target and compare with the oracle's (status, text). */
static void check_target(struct vec_stats *st, const struct vec_rec *r, const char *in, size_t n, int t,
			 const struct vec_field *status, const struct vec_field *want)
{
	struct arena a = ARENA_INIT;
	struct sb err = SB_INIT, got = SB_INIT, jerr = SB_INIT;
	val v;
	char what[32];
	int rc = val_from_yaml(&a, in, n, targets[t], &v, &err);

	st->total++;
	snprintf(what, sizeof(what), "target %s", target_names[t]);
	if (strcmp(status->p, "err") == 0) {
		if (rc == 0) {
			val_to_json(&a, v, VAL_JSON_ESCAPE_HTML, NULL, NULL, &got, &jerr);
			sb_adds(&err, "(no error) ");
			sb_add(&err, got.buf, got.len);
			vec_mismatch(st, r, what, want->p, want->n, err.buf, err.len);
		} else if (err.len != want->n || memcmp(err.buf, want->p, err.len) != 0) {
			vec_mismatch(st, r, what, want->p, want->n, err.buf, err.len);
		}
		goto out;
	}
	if (rc < 0) {
		vec_mismatch(st, r, what, want->p, want->n, err.buf, err.len);
		goto out;
	}
	if (targets[t] == VAL_YAML_MAP && want->n == 4 && memcmp(want->p, "null", 4) == 0) {
		/* Go leaves a nil map (json "null"); we promise an empty map */
		if (v.kind != VAL_MAP || val_map_len(v) != 0)
			vec_mismatch(st, r, what, "(empty map)", 11, "(other)", 7);
		goto out;
	}
	if (val_to_json(&a, v, VAL_JSON_ESCAPE_HTML, NULL, NULL, &got, &jerr) < 0) {
		vec_mismatch(st, r, what, want->p, want->n, jerr.buf, jerr.len);
		goto out;
	}
	if (got.len != want->n || memcmp(got.buf, want->p, got.len) != 0)
		vec_mismatch(st, r, what, want->p, want->n, got.buf, got.len);
out:
	sb_release(&err);
	sb_release(&got);
	sb_release(&jerr);
	arena_free(&a);
}

/* fields: status/text for any, map ("=" = same as any), list */
static void check_all(struct vec_stats *st, const struct vec_rec *r, const char *in, size_t n,
		      const struct vec_field *res)
{
	for (int t = 0; t < 3; t++) {
		const struct vec_field *status = &res[2 * t], *want = &res[2 * t + 1];
		if (t == 1 && want->n == 1 && want->p[0] == '=') {
			status = &res[0];
			want = &res[1];
		}
		check_target(st, r, in, n, t, status, want);
	}
}

static void test_decode_vectors(void **state)
{
	struct vec_file *vf = vec_open("tests/vectors/yaml_decode.vec");
	struct vec_stats st = { "yaml_decode", 0, 0 };
	const struct vec_rec *r;

	while ((r = vec_next(vf))) {
		assert_int_equal(r->nfields, 8);
		check_all(&st, r, r->f[1].p, r->f[1].n, &r->f[2]);
	}
	vec_close(vf);
	assert_int_equal(vec_summary(&st), 0);
	assert_true(st.total >= 2000);
}

static char *read_file(const char *path, size_t *n)
{
	FILE *fp = fopen(path, "rb");
	struct sb b = SB_INIT;
	char buf[65536];
	size_t k;

	if (!fp)
		return NULL;
	while ((k = fread(buf, 1, sizeof(buf), fp)) > 0)
		sb_add(&b, buf, k);
	fclose(fp);
	return sb_detach(&b, n);
}

static void test_corpus_vectors(void **state)
{
	struct vec_file *vf = vec_open("tests/vectors/yaml_corpus.vec");
	struct vec_stats st = { "yaml_corpus", 0, 0 };
	const struct vec_rec *r;
	size_t absent = 0, files = 0;
	const char *root = getenv("COZY_CORPUS");

	if (!root)
		root = "../shared/corpus/cozystack";
	while ((r = vec_next(vf))) {
		char path[4096], hex[2 * SHA256_DIGEST_LENGTH + 1];
		unsigned char md[SHA256_DIGEST_LENGTH];
		size_t n;
		char *data;

		assert_int_equal(r->nfields, 8);
		files++;
		snprintf(path, sizeof(path), "%s/%s", root, r->f[0].p + strlen("corpus:"));
		data = read_file(path, &n);
		if (!data) {
			absent++;
			continue;
		}
		SHA256((const unsigned char *)data, n, md);
		for (int i = 0; i < SHA256_DIGEST_LENGTH; i++)
			snprintf(hex + 2 * i, 3, "%02x", md[i]);
		if (strcmp(hex, r->f[1].p) != 0) {
			st.total++;
			vec_mismatch(&st, r, "sha256 of corpus file (regenerate the vectors)", r->f[1].p,
				     r->f[1].n, hex, strlen(hex));
			free(data);
			continue;
		}
		check_all(&st, r, data, n, &r->f[2]);
		free(data);
	}
	vec_close(vf);
	if (absent)
		fprintf(stderr, "yaml_corpus: SKIPPED %zu of %zu files: not found under %s\n", absent, files, root);
	assert_int_equal(vec_summary(&st), 0);
	assert_true(files >= 100);
}

static int decode_str(struct arena *a, const char *s, enum val_yaml_target t, val *v, struct sb *err)
{
	return val_from_yaml(a, s, strlen(s), t, v, err);
}

/* Focused cases whose exact shape the JSON comparison cannot show. */
static void test_decode_shapes(void **state)
{
	struct arena a = ARENA_INIT;
	struct sb err = SB_INIT;
	val v, x;

	assert_int_equal(decode_str(&a, "a: 1\nb: [x, 2.5]\n", VAL_YAML_MAP, &v, &err), 0);
	assert_int_equal(v.kind, VAL_MAP);
	assert_true(val_map_get(v, "a", 1, &x));
	assert_int_equal(x.kind, VAL_FLOAT); /* every number is float64 */
	assert_true(x.u.f == 1.0);
	assert_true(val_map_get(v, "b", 1, &x));
	assert_int_equal(x.kind, VAL_LIST);
	assert_int_equal(val_list_at(x, 0).kind, VAL_STRING);

	/* aliases are copies, as in Go: writing one does not change the other */
	assert_int_equal(decode_str(&a, "a: &x {k: 1}\nb: *x\n", VAL_YAML_ANY, &v, &err), 0);
	val va, vb;
	assert_true(val_map_get(v, "a", 1, &va));
	assert_true(val_map_get(v, "b", 1, &vb));
	assert_true(va.u.m != vb.u.m);

	assert_int_equal(decode_str(&a, "", VAL_YAML_MAP, &v, &err), 0);
	assert_int_equal(v.kind, VAL_MAP);
	assert_int_equal(val_map_len(v), 0);
	assert_int_equal(decode_str(&a, "# only\n", VAL_YAML_ANY, &v, &err), 0);
	assert_int_equal(v.kind, VAL_NULL);
	assert_int_equal(decode_str(&a, "", VAL_YAML_LIST, &v, &err), 0);
	assert_int_equal(v.kind, VAL_NULL);

	assert_int_equal(decode_str(&a, "[1]", VAL_YAML_MAP, &v, &err), -1);
	assert_string_equal(err.buf, "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal "
				     "array into Go value of type map[string]interface {}");
	sb_release(&err);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_shapes),
		cmocka_unit_test(test_decode_vectors),
		cmocka_unit_test(test_corpus_vectors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
