/* test_yaml_resolve.c — go-yaml v2's scalar resolver against the Go oracle
 * (tests/vectors/yaml_resolve.vec: resolve() under every tag, parseTimestamp,
 * isBase60Float), plus a few focused cases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/sb.h"
#include "base/strconv.h"
#include "support/vec.h"
#include "value/yaml_resolve.h"

static const char *const tags[] = { "", "!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp",
				    "!!binary" };
#define NTAGS (sizeof(tags) / sizeof(tags[0]))

/* The oracle's "<short tag> <kind> <value>" line for resolve(tag, s). */
static void describe(const char *tag, const char *s, size_t n, struct sb *out)
{
	struct yaml_resolved r;
	struct sb err = SB_INIT;
	char longtag[64];
	int ln = 0;
	enum yaml_tag t;

	if (tag[0])
		ln = snprintf(longtag, sizeof(longtag), "tag:yaml.org,2002:%s", tag + 2);
	t = yaml_tag_of(longtag, (size_t)ln);
	if (yaml_resolve_tagged(t, s, n, &r, &err) < 0) {
		sb_adds(out, "err ");
		sb_add(out, err.buf, err.len);
		sb_release(&err);
		return;
	}
	if (t == YAML_TAG_BINARY) {
		sb_adds(out, "!!binary str");
		return;
	}
	switch (r.tag) {
	case YAML_R_NULL:
		sb_adds(out, "!!null null");
		break;
	case YAML_R_BOOL:
		sb_adds(out, r.b ? "!!bool true" : "!!bool false");
		break;
	case YAML_R_INT:
		sb_addf(out, "!!int int %lld", (long long)r.i);
		break;
	case YAML_R_UINT:
		sb_addf(out, "!!int uint %llu", (unsigned long long)r.u);
		break;
	case YAML_R_FLOAT:
		sb_adds(out, "!!float float ");
		strconv_format_float(out, r.f, 'g', -1);
		break;
	case YAML_R_TIMESTAMP:
		sb_adds(out, "!!timestamp time");
		break;
	case YAML_R_STR:
	case YAML_R_MERGE:
		sb_adds(out, "!!str str");
		break;
	}
}

static void test_resolve_vectors(void **state)
{
	struct vec_file *vf = vec_open("tests/vectors/yaml_resolve.vec");
	struct vec_stats st = { "yaml_resolve", 0, 0 };
	const struct vec_rec *r;
	struct sb got = SB_INIT;

	while ((r = vec_next(vf))) {
		const char *s = r->f[1].p;
		size_t n = r->f[1].n;
		bool ok = true;

		assert_int_equal(r->nfields, 4 + NTAGS);
		st.total++;
		sb_reset(&got);
		sb_adds(&got, yaml_is_base60_float(s, n) ? "true" : "false");
		if (strcmp(got.buf, r->f[2].p) != 0) {
			vec_mismatch(&st, r, "isBase60Float", r->f[2].p, r->f[2].n, got.buf, got.len);
			continue;
		}
		sb_reset(&got);
		sb_adds(&got, yaml_parse_timestamp(s, n) ? "true" : "false");
		if (strcmp(got.buf, r->f[3].p) != 0) {
			vec_mismatch(&st, r, "parseTimestamp", r->f[3].p, r->f[3].n, got.buf, got.len);
			continue;
		}
		for (size_t t = 0; t < NTAGS && ok; t++) {
			const struct vec_field *want = &r->f[4 + t];
			sb_reset(&got);
			describe(tags[t], s, n, &got);
			if (got.len != want->n || memcmp(got.buf, want->p, got.len) != 0) {
				char what[64];
				snprintf(what, sizeof(what), "resolve(%s)", t ? tags[t] : "\"\"");
				vec_mismatch(&st, r, what, want->p, want->n, got.buf, got.len);
				ok = false;
			}
		}
	}
	vec_close(vf);
	sb_release(&got);
	assert_int_equal(vec_summary(&st), 0);
	assert_true(st.total >= 4000);
}

static void test_resolve_focused(void **state)
{
	struct yaml_resolved r;

	yaml_resolve_plain("0777", 4, &r);
	assert_int_equal(r.tag, YAML_R_INT);
	assert_int_equal(r.i, 511);
	yaml_resolve_plain("08", 2, &r); /* bad octal, but the float regexp takes it */
	assert_int_equal(r.tag, YAML_R_FLOAT);
	assert_true(r.f == 8.0);
	yaml_resolve_plain("<<", 2, &r); /* hint 0: a string to resolve() */
	assert_int_equal(r.tag, YAML_R_STR);
	yaml_resolve_plain("18446744073709551615", 20, &r);
	assert_int_equal(r.tag, YAML_R_UINT);
	assert_true(r.u == UINT64_MAX);
	yaml_resolve_plain("1e400", 5, &r); /* ParseFloat range error: a string */
	assert_int_equal(r.tag, YAML_R_STR);
	yaml_resolve_plain("2001-02-29", 10, &r);
	assert_int_equal(r.tag, YAML_R_STR);
	yaml_resolve_plain("2000-02-29", 10, &r);
	assert_int_equal(r.tag, YAML_R_TIMESTAMP);
	assert_true(yaml_is_base60_float("190:20:30.15", 12));
	assert_false(yaml_is_base60_float("1:60", 4));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resolve_vectors),
		cmocka_unit_test(test_resolve_focused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
