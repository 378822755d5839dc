/* test_cli.c — the CLI against cobra: runs the built binary (COZYPKG, default
 * build/cozypkg) for every case in tests/vectors/cli.vec (made by the real
 * cobra v1.10.1 program in tests/oracle/cli: help, parsing, completion
 * scripts and the __complete protocol) in the case's environment and
 * compares exit status, stdout and stderr byte for byte; plus focused tests
 * of the flag parser and Go's duration syntax. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/sb.h"
#include "cli/opt.h"
#include "cli/quote.h"
#include "support/vec.h"

#ifndef COZYPKG_VERSION
#define COZYPKG_VERSION "0.0.0"
#endif

#define MIN_VECTORS 900

extern char **environ;

static const char *binary(void)
{
	const char *b = getenv("COZYPKG");
	return b && *b ? b : "build/cozypkg";
}

struct result {
	int status;
	struct sb out, err;
};

static void drain(int fd, struct sb *sb, bool *open)
{
	char buf[4096];
	ssize_t n = read(fd, buf, sizeof(buf));
	if (n > 0)
		sb_add(sb, buf, (size_t)n);
	else if (n == 0 || errno != EINTR)
		*open = false;
}

/* Variables that change what the binary prints: the generator ran the
 * oracle without them, each case adds its own. */
static bool case_owned(const char *e)
{
	return !strncmp(e, "COZYPKG_", 8) || !strncmp(e, "COBRA_", 6) ||
	       !strncmp(e, "BASH_COMP_DEBUG_FILE=", 21);
}

/* Run the binary with argv[0..argc) after its name, in our environment
 * minus case_owned() plus the nenv entries of env; trace sets
 * COZYPKG_CLI_TRACE=1. */
static void run_env(int argc, char **args, int nenvx, char **envx, bool trace, struct result *res)
{
	int po[2], pe[2];
	assert_int_equal(pipe(po), 0);
	assert_int_equal(pipe(pe), 0);
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, po[1], 1);
	posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
	posix_spawn_file_actions_addclose(&fa, po[0]);
	posix_spawn_file_actions_addclose(&fa, pe[0]);

	size_t nenv = 0;
	while (environ[nenv])
		nenv++;
	char **envp = calloc(nenv + (size_t)nenvx + 2, sizeof(*envp));
	size_t k = 0;
	for (size_t i = 0; i < nenv; i++)
		if (!case_owned(environ[i]))
			envp[k++] = environ[i];
	for (int i = 0; i < nenvx; i++)
		envp[k++] = envx[i];
	if (trace)
		envp[k++] = "COZYPKG_CLI_TRACE=1";
	char **argv = calloc((size_t)argc + 2, sizeof(*argv));
	argv[0] = (char *)binary();
	for (int i = 0; i < argc; i++)
		argv[i + 1] = args[i];
	pid_t pid;
	int rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, envp);
	if (rc) {
		fprintf(stderr, "cannot run %s: %s (build it first: make)\n", argv[0], strerror(rc));
		fail();
	}
	posix_spawn_file_actions_destroy(&fa);
	close(po[1]);
	close(pe[1]);
	sb_init(&res->out);
	sb_init(&res->err);
	bool oo = true, eo = true;
	while (oo || eo) {
		struct pollfd pf[2] = { { oo ? po[0] : -1, POLLIN, 0 }, { eo ? pe[0] : -1, POLLIN, 0 } };
		if (poll(pf, 2, -1) < 0) {
			assert_int_equal(errno, EINTR);
			continue;
		}
		if (pf[0].revents)
			drain(po[0], &res->out, &oo);
		if (pf[1].revents)
			drain(pe[0], &res->err, &eo);
	}
	close(po[0]);
	close(pe[0]);
	int st;
	while (waitpid(pid, &st, 0) < 0)
		assert_int_equal(errno, EINTR);
	res->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	free(envp);
	free(argv);
}

static void run(int argc, char **args, bool trace, struct result *res)
{
	run_env(argc, args, 0, NULL, trace, res);
}

static void result_release(struct result *r)
{
	sb_release(&r->out);
	sb_release(&r->err);
}

/* The oracle prints @VERSION@ and @COMMIT@: the version must be ours, the
 * commit may be anything on one line (the binary may predate the test's
 * compile).  Returns true when got matches. */
static bool match_version(const char *want, size_t wn, const char *got, size_t gn)
{
	struct sb w = SB_INIT;
	for (size_t i = 0; i < wn; i++) {
		if (wn - i >= 9 && !memcmp(want + i, "@VERSION@", 9)) {
			sb_adds(&w, COZYPKG_VERSION);
			i += 8;
		} else {
			sb_addc(&w, want[i]);
		}
	}
	bool ok;
	char *c = memmem(w.buf, w.len, "@COMMIT@", 8);
	if (!c) {
		ok = w.len == gn && !memcmp(w.buf, got, gn);
	} else {
		size_t pre = (size_t)(c - w.buf), post = w.len - pre - 8;
		ok = gn > pre + post && !memcmp(got, w.buf, pre) &&
		     !memcmp(got + gn - post, c + 8, post);
		for (size_t i = pre; ok && i < gn - post; i++)
			ok = got[i] != '\n';
	}
	sb_release(&w);
	return ok;
}

static void test_vectors(void **state)
{
	struct vec_file *vf = vec_open("tests/vectors/cli.vec");
	struct vec_stats st = { "cli", 0, 0 };
	const struct vec_rec *r;
	while ((r = vec_next(vf))) {
		assert_int_equal(r->nfields, 9);
		int argc = (int)strtol(r->f[1].p, NULL, 10);
		char **args = calloc((size_t)argc + 1, sizeof(*args));
		char *p = r->f[2].p;
		for (int i = 0; i < argc; i++) {
			args[i] = p;
			p += strlen(p) + 1;
		}
		/* environment: NUL-separated, none when the field is empty */
		int nenv = 0;
		char **env = calloc(r->f[8].n + 1, sizeof(*env));
		for (char *e = r->f[8].p; r->f[8].n && e < r->f[8].p + r->f[8].n + 1; e += strlen(e) + 1)
			env[nenv++] = e;
		bool stub = !strcmp(r->f[3].p, "stub");
		struct result res;
		run_env(argc, args, nenv, env, stub, &res);
		int want_status = (int)strtol(r->f[5].p, NULL, 10);
		struct sb want_err = SB_INIT;
		sb_add(&want_err, r->f[7].p, r->f[7].n);
		if (stub) {
			/* a command body would run: with the trace hook ours stops
			 * after printing what it parsed, with status 3 */
			want_status = 3;
		}
		st.total++;
		size_t before = st.failed;
		char code[32], gcode[32];
		snprintf(code, sizeof(code), "%d", want_status);
		snprintf(gcode, sizeof(gcode), "%d", res.status);
		if (res.status != want_status)
			vec_mismatch(&st, r, "exit", code, strlen(code), gcode, strlen(gcode));
		else if (!match_version(r->f[6].p, r->f[6].n, res.out.buf, res.out.len))
			vec_mismatch(&st, r, "stdout", r->f[6].p, r->f[6].n, res.out.buf, res.out.len);
		else if (want_err.len != res.err.len || memcmp(want_err.buf, res.err.buf, res.err.len))
			vec_mismatch(&st, r, "stderr", want_err.buf, want_err.len, res.err.buf, res.err.len);
		(void)before;
		sb_release(&want_err);
		result_release(&res);
		free(args);
		free(env);
	}
	vec_close(vf);
	size_t failed = vec_summary(&st);
	if (st.total < MIN_VECTORS) {
		fprintf(stderr, "cli: only %zu vectors (want >= %d)\n", st.total, MIN_VECTORS);
		fail();
	}
	assert_int_equal(failed, 0);
}

/* The scripts come out whole (the vectors compare them with cobra's). */
static void test_completion_script(void **state)
{
	char *args[] = { "completion", "zsh" };
	struct result res;
	run(2, args, false, &res);
	assert_int_equal(res.status, 0);
	assert_int_equal(res.err.len, 0);
	assert_true(!strncmp(res.out.buf, "#compdef cozypkg\ncompdef _cozypkg cozypkg\n", 41));
	result_release(&res);
}

static void test_version_commit(void **state)
{
	char *args[] = { "version" };
	struct result res;
	run(1, args, false, &res);
	assert_int_equal(res.status, 0);
	assert_true(!strncmp(res.out.buf, "cozypkg " COZYPKG_VERSION "\ncommit: ",
			     strlen("cozypkg " COZYPKG_VERSION "\ncommit: ")));
	assert_true(res.out.len > strlen("cozypkg " COZYPKG_VERSION "\ncommit: \n"));
	result_release(&res);
}

/* ---- the parser through its API -------------------------------------- */

struct t_opts {
	bool b;
	const char *s;
	struct opt_list slice, array;
};

static const struct option t_flags[] = {
	OPT_BOOL('b', "bool", struct t_opts, b, "a bool"),
	OPT_STRING('s', "str", struct t_opts, s, "a `NAME` string"),
	OPT_STRING_SLICE('l', "slice", struct t_opts, slice, "comma list"),
	OPT_STRING_ARRAY(0, "array", struct t_opts, array, "kept whole"),
	OPT_END(),
};

static int t_parse(struct arena *a, struct t_opts *o, bool *changed, struct sb *err, int argc,
		   const char **argv, struct opt_parser *out)
{
	memset(o, 0, sizeof(*o));
	memset(changed, 0, 4);
	struct opt_set *set = arena_alloc(a, sizeof(*set));
	*set = (struct opt_set){ t_flags, o, changed };
	struct opt_parser p = { .arena = a, .sets = set, .nsets = 1 };
	sb_init(&p.err);
	int rc = opt_parse(&p, argc, argv);
	sb_reset(err);
	sb_add(err, p.err.buf, p.err.len);
	opt_parser_release(&p);
	*out = p;
	return rc;
}

static void test_parse_forms(void **state)
{
	struct arena a = ARENA_INIT;
	struct t_opts o;
	bool changed[4];
	struct sb err = SB_INIT;
	struct opt_parser p;
	const char *argv[] = { "x", "-bsv", "--slice=a,\"b,c\"", "-l", "d", "--array", "e,f",
			       "y", "--", "-b", "--str" };
	assert_int_equal(t_parse(&a, &o, changed, &err, 11, argv, &p), 0);
	assert_true(o.b);
	assert_string_equal(o.s, "v");
	assert_int_equal(o.slice.n, 3);
	assert_string_equal(o.slice.v[1], "b,c");
	assert_string_equal(o.slice.v[2], "d");
	assert_int_equal(o.array.n, 1);
	assert_string_equal(o.array.v[0], "e,f");
	assert_int_equal(p.nargs, 4);
	assert_string_equal(p.args[0], "x");
	assert_string_equal(p.args[1], "y");
	assert_string_equal(p.args[2], "-b");
	assert_string_equal(p.args[3], "--str");
	assert_true(changed[0] && changed[1] && changed[2] && changed[3]);

	const char *argv2[] = { "-b=false", "--str", "--bool" };
	assert_int_equal(t_parse(&a, &o, changed, &err, 3, argv2, &p), 0);
	assert_false(o.b);
	assert_string_equal(o.s, "--bool"); /* a string flag takes the next word, whatever it is */
	assert_false(changed[2]);

	const char *argv3[] = { "-bs" };
	assert_int_equal(t_parse(&a, &o, changed, &err, 1, argv3, &p), -1);
	assert_string_equal(err.buf, "flag needs an argument: 's' in -s");
	const char *argv4[] = { "--slice", "\"x" };
	assert_int_equal(t_parse(&a, &o, changed, &err, 2, argv4, &p), -1);
	assert_string_equal(err.buf, "invalid argument \"\\\"x\" for \"-l, --slice\" flag: "
				     "parse error on line 1, column 3: extraneous or missing \" in quoted-field");
	sb_release(&err);
	arena_free(&a);
}

static void test_usages_backquote(void **state)
{
	struct opt_set set = { t_flags, NULL, NULL };
	struct sb out = SB_INIT;
	opt_usages(&out, &set, 1);
	assert_string_equal(out.buf,
			    "      --array stringArray   kept whole\n"
			    "  -b, --bool                a bool\n"
			    "  -l, --slice strings       comma list\n"
			    "  -s, --str NAME            a NAME string\n");
	sb_release(&out);
}

static void test_quote(void **state)
{
	struct sb out = SB_INIT;
	cli_quote(&out, "a\"\\\n\x01\x7f\xff\xc2\xa0\xe2\x80\xa8\xf0\x9f\x98\x80", 16);
	assert_string_equal(out.buf, "\"a\\\"\\\\\\n\\x01\\x7f\\xff\\u00a0\\u2028\xf0\x9f\x98\x80\"");
	sb_reset(&out);
	cli_quote_sharp(&out, "a b", 3);
	assert_string_equal(out.buf, "`a b`");
	sb_reset(&out);
	cli_quote_rune(&out, '\'');
	assert_string_equal(out.buf, "'\\''");
	sb_release(&out);
}

/* time.ParseDuration / Duration.String through the API (the vectors cover
 * them against Go through --timeout). */
static void test_duration(void **state)
{
	static const struct { const char *in; long long ns; const char *str; } ok[] = {
		{ "0", 0, "0s" }, { "-0", 0, "0s" }, { "1.5h", 5400000000000LL, "1h30m0s" },
		{ "300ms", 300000000LL, "300ms" }, { "1\xc2\xb5s", 1000, "1\xc2\xb5s" },
		{ "1.5us", 1500, "1.5\xc2\xb5s" }, { "-2h45m", -9900000000000LL, "-2h45m0s" },
		{ "9223372036854775807ns", 9223372036854775807LL, "2562047h47m16.854775807s" },
		{ "-9223372036854775808ns", -9223372036854775807LL - 1, "-2562047h47m16.854775808s" },
		{ ".5s", 500000000LL, "500ms" }, { "1ns", 1, "1ns" }, { "61s", 61000000000LL, "1m1s" },
	};
	struct sb sb = SB_INIT;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		long long v = 42;
		sb_reset(&sb);
		assert_int_equal(opt_parse_duration(ok[i].in, &v, &sb), 0);
		assert_true(v == ok[i].ns);
		opt_format_duration(&sb, v);
		assert_string_equal(sb.buf, ok[i].str);
	}
	static const struct { const char *in, *err; } bad[] = {
		{ "", "time: invalid duration \"\"" },
		{ "1", "time: missing unit in duration \"1\"" },
		{ "1d", "time: unknown unit \"d\" in duration \"1d\"" },
		{ "9223372036854775808ns", "time: invalid duration \"9223372036854775808ns\"" },
		{ "1\xb5s", "time: unknown unit \"\\xb5s\" in duration \"1\\xb5s\"" },
		{ "x\"", "time: invalid duration \"x\\\"\"" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		long long v;
		sb_reset(&sb);
		assert_int_equal(opt_parse_duration(bad[i].in, &v, &sb), -1);
		assert_string_equal(sb.buf, bad[i].err);
	}
	sb_release(&sb);
}

/* The completion seam: names filtered by prefix, "!" a failed query. */
static void test_complete_seam(void **state)
{
	char *args[] = { "__complete", "get", "-n", "x", "b" };
	char *env[] = { "COZYPKG_TEST_COMPLETE_RELEASES=alpha beta bravo", "COZYPKG_TEST_COMPLETE_NAMESPACES=!" };
	struct result res;
	run_env(5, args, 2, env, false, &res);
	assert_int_equal(res.status, 0);
	assert_string_equal(res.out.buf, "beta\nbravo\n:4\n");
	result_release(&res);
	char *args2[] = { "__complete", "get", "-n", "" };
	run_env(4, args2, 2, env, false, &res);
	assert_string_equal(res.out.buf, ":1\n");
	assert_string_equal(res.err.buf, "Completion ended with directive: ShellCompDirectiveError\n");
	result_release(&res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_completion_script),
		cmocka_unit_test(test_version_commit),
		cmocka_unit_test(test_parse_forms),
		cmocka_unit_test(test_usages_backquote),
		cmocka_unit_test(test_quote),
		cmocka_unit_test(test_duration),
		cmocka_unit_test(test_complete_seam),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
