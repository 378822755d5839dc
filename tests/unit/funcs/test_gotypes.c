/* test_gotypes.c — where Go's types show through, against Helm 3.17.3
 * rendering the same snippets: split's map[string]string, Go's nil slices
 * and nil maps (engine_gotypes.vec); fmt of the Go types Helm and Sprig
 * hand to templates — structs, pointers, Stringers (engine_hostfmt.vec);
 * and snippet families modelled on real charts (engine_charts.vec). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/sb.h"
#include "support/engine_harness.h"

static void test_engine_gotypes(void **state)
{
	assert_int_equal(harness_run_suite("gotypes", 470), 0);
}

static void test_engine_hostfmt(void **state)
{
	assert_int_equal(harness_run_suite("hostfmt", 740), 0);
}

static void test_engine_charts(void **state)
{
	assert_int_equal(harness_run_suite("charts", 1150), 0);
}

static void expect(const char *tpl, const char *want)
{
	struct sb out = SB_INIT;
	harness_render(tpl, strlen(tpl), &out);
	if (strcmp(out.buf, want) != 0)
		fail_msg("%s\n want: %s\n  got: %s", tpl, want, out.buf);
	sb_release(&out);
}

/* A nil map reads as empty but is not the empty map. */
static void test_nil_map(void **state)
{
	expect("{{ merge nil nil | toJson }}", "ok\tnull");
	expect("{{ merge nil (dict) | toJson }}", "ok\t{}");
	expect("{{ fromJson \"null\" | len }} {{ fromJson \"null\" | empty }}", "ok\t0 true");
	expect("{{ eq (fromJson \"null\") nil }} {{ eq (dict) nil }}", "ok\ttrue false");
	expect("{{ deepEqual (fromJson \"null\") (dict) }}", "ok\tfalse");
	expect("{{ printf \"%v|%#v\" (fromJson \"null\") (fromJson \"null\") }}",
	       "ok\tmap[]|map[string]interface {}(nil)");
	expect("{{ set nil \"a\" 1 }}",
	       "err\ttemplate: mychart/templates/t.yaml:1:3: executing \"mychart/templates/t.yaml\" at <set nil \"a\" 1>: "
	       "error calling set: assignment to entry in nil map");
	/* merging into a nil map makes a new one: the caller's stays nil */
	expect("{{ $m := fromJson \"null\" }}{{ $r := merge $m (dict \"a\" 1) }}{{ toJson $m }} {{ toJson $r }}",
	       "ok\tnull {\"a\":1}");
}

/* fmt of host types: structs, pointers, Stringers, %T. */
static void test_host_fmt(void **state)
{
	expect("{{ printf \"%v|%+v|%T\" .Capabilities.KubeVersion .Capabilities.KubeVersion .Capabilities.KubeVersion }}",
	       "ok\t{v1.32.0 1 32}|{Version:v1.32.0 Major:1 Minor:32}|chartutil.KubeVersion");
	/* the template prints through the pointer's String() */
	expect("{{ .Capabilities.KubeVersion }}", "ok\tv1.32.0");
	expect("{{ printf \"%v %s %T\" (semver \"1.2.3\") (semver \"1.2.3\") (semver \"1.2.3\") }}",
	       "ok\t1.2.3 1.2.3 *semver.Version");
	expect("{{ list (semver \"1.0.0\") (toDate \"2006\" \"2020\").Month }}", "ok\t[1.0.0 January]");
	expect("{{ printf \"%T %T %T\" (until 2) (split \",\" \"a\") .Files }}", "ok\t[]int map[string]string engine.files");
	expect("{{ print (toDate \"2006\" \"2020\").Location 1 }}", "ok\tUTC 1");
}

int main(void)
{
	setenv("TZ", "UTC", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_engine_gotypes),
		cmocka_unit_test(test_engine_hostfmt),
		cmocka_unit_test(test_engine_charts),
		cmocka_unit_test(test_nil_map),
		cmocka_unit_test(test_host_fmt),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
