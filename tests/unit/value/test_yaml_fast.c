/* test_yaml_fast.c — the values fast path (yaml_fast.c) against the full
 * decoder: wherever yfast_decode_map accepts, its value must equal what
 * val_from_yaml gives through libyaml, deep (types, key order, bytes).
 * (a) every *.yaml of the cozystack corpus and of the public charts in the Go
 * module cache, (b) seeded random mutations of real values files, (c) focused
 * cases for each construct and each decline. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "support/vec.h"
#include "value/codec.h"
#include "value/yaml_fast.h"

/* Deep equality that also sees what val_equal forgives: Go type, flags,
 * key order, int vs float. */
static bool same(val x, val y)
{
	if (x.kind != y.kind || x.gotype != y.gotype || x.flags != y.flags)
		return false;
	switch (x.kind) {
	case VAL_NULL:
		return true;
	case VAL_BOOL:
		return x.u.b == y.u.b;
	case VAL_INT:
		return x.u.i == y.u.i;
	case VAL_FLOAT:
		return memcmp(&x.u.f, &y.u.f, sizeof(double)) == 0;
	case VAL_STRING:
		return x.len == y.len && memcmp(x.u.s, y.u.s, x.len) == 0;
	case VAL_LIST:
		if (val_list_len(x) != val_list_len(y))
			return false;
		for (size_t i = 0; i < val_list_len(x); i++)
			if (!same(val_list_at(x, i), val_list_at(y, i)))
				return false;
		return true;
	case VAL_MAP:
		if (val_map_len(x) != val_map_len(y))
			return false;
		for (size_t i = 0; i < val_map_len(x); i++) {
			const struct val_map_entry *a = val_map_entry_at(x, i), *b = val_map_entry_at(y, i);
			if (a->klen != b->klen || memcmp(a->key, b->key, a->klen) != 0 || !same(a->v, b->v))
				return false;
		}
		return true;
	default:
		return false;
	}
}

static size_t disagreements;

/* -1 declined, 1 accepted and equal, 0 accepted and different. */
static int check(const char *p, size_t n, const char *what)
{
	struct arena a = ARENA_INIT;
	struct sb err = SB_INIT;
	val fast, slow;
	int rc = -1;

	if (yfast_decode_map(&a, p, n, &fast)) {
		rc = 1;
		/* the reference: the full decoder (the fast path only serves the
		 * map target; a map document decodes the same into interface{}) */
		if (val_from_yaml(&a, p, n, VAL_YAML_ANY, &slow, &err) < 0) {
			rc = 0;
		} else {
			if (slow.kind == VAL_NULL)
				slow = val_map_new(&a, 0);
			if (!same(fast, slow))
				rc = 0;
		}
		if (rc == 0 && disagreements++ < 5) {
			struct sb j = SB_INIT, e2 = SB_INIT;
			fprintf(stderr, "yaml_fast: DISAGREE on %s (%s)\n--- input ---\n%.*s\n--- fast ---\n", what,
				err.buf ? err.buf : "", (int)(n > 4000 ? 4000 : n), p);
			val_to_json(&a, fast, 0, NULL, NULL, &j, &e2);
			fprintf(stderr, "%.*s\n--- full ---\n", (int)j.len, j.buf ? j.buf : "");
			sb_reset(&j);
			if (!err.len)
				val_to_json(&a, slow, 0, NULL, NULL, &j, &e2);
			fprintf(stderr, "%.*s\n", (int)j.len, j.buf ? j.buf : "");
			sb_release(&j);
			sb_release(&e2);
		}
	}
	sb_release(&err);
	arena_free(&a);
	return rc;
}

/* ------------------------------------------------------- (a) real files */

struct files {
	char **path;
	size_t n, cap;
};
static struct files *walk_into;

static int walk_cb(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	size_t l = strlen(path);
	(void)ftw;
	if (type == FTW_F && S_ISREG(st->st_mode) &&
	    ((l > 5 && strcmp(path + l - 5, ".yaml") == 0) || (l > 4 && strcmp(path + l - 4, ".yml") == 0))) {
		struct files *f = walk_into;
		if (f->n == f->cap) {
			f->cap = f->cap ? f->cap * 2 : 256;
			f->path = realloc(f->path, f->cap * sizeof(*f->path));
		}
		f->path[f->n++] = strdup(path);
	}
	return 0;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static void collect(struct files *f, const char *root)
{
	struct stat st;
	if (stat(root, &st) != 0 || !S_ISDIR(st.st_mode))
		return;
	walk_into = f;
	nftw(root, walk_cb, 32, FTW_PHYS);
}

/* The public charts tests/parity/public renders, where the module cache
 * holds them (skipped silently when absent). */
static const char *const public_roots[] = {
	"github.com/prometheus-community", "github.com/grafana", "github.com/grafana-community",
	"github.com/bitnami", "k8s.io/ingress-nginx@v0.0.0-20240708192948-52c50467d67d",
	"github.com/cert-manager/cert-manager@v1.21.2", "github.com/argoproj/argo-helm@v0.0.0-20260904222229-3bbb4305eea9",
	"github.com/traefik", "github.com/kedacore", "github.com/aws/eks-charts@v0.0.243-0.20260821194545-743f98a89b5b",
	"github.com/hashicorp/vault-helm@v0.34.1", "github.com/!dandy!developer", "github.com/vmware-tanzu",
};

static struct files corpus_files, public_files;

/* What Helm reads as values: values*.yaml, the corpus's -f files, ci/ files. */
static bool values_file(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	return strncmp(base, "values", 6) == 0 || strstr(path, "/cozystack/values/") || strstr(path, "/ci/");
}

struct tally {
	size_t n, acc, vn, vacc, bytes, accb;
};

static void run_files(const struct files *f, struct tally *t)
{
	for (size_t i = 0; i < f->n; i++) {
		size_t len;
		char *p = vec_slurp(f->path[i], &len);
		if (!p)
			continue;
		int r = check(p, len, f->path[i]);
		bool v = values_file(f->path[i]);
		t->n++;
		t->vn += v;
		t->bytes += len;
		if (r >= 0) {
			t->acc++;
			t->vacc += v;
			t->accb += len;
		} else if (getenv("YFAST_VERBOSE")) {
			fprintf(stderr, "declined: %s\n", f->path[i]);
		}
		free(p);
	}
}

static void test_real_files(void **state)
{
	(void)state;
	struct stat st;
	struct tally c = { 0 }, p = { 0 };
	const char *home = getenv("HOME");
	char dir[4096];

	/* the corpus as tests/parity/run finds it */
	const char *corpus = getenv("CORPUS") ? getenv("CORPUS") : "../shared/corpus/cozystack";
	if (stat(corpus, &st) != 0) {
		fprintf(stderr, "yaml_fast: SKIPPED part (a): no corpus at %s\n", corpus);
		skip();
	}
	collect(&corpus_files, corpus);
	qsort(corpus_files.path, corpus_files.n, sizeof(char *), cmp_str);
	run_files(&corpus_files, &c);
	fprintf(stderr,
		"yaml_fast: corpus: %zu/%zu values files accepted, %zu/%zu .yaml files in all (%zu/%zu KiB; "
		"templates never), %zu disagreements\n",
		c.vacc, c.vn, c.acc, c.n, c.accb >> 10, c.bytes >> 10, disagreements);

	for (size_t i = 0; home && i < sizeof(public_roots) / sizeof(*public_roots); i++) {
		snprintf(dir, sizeof(dir), "%s/go/pkg/mod/%s", home, public_roots[i]);
		collect(&public_files, dir);
	}
	snprintf(dir, sizeof(dir), "%s/.cache/cozypkg/parity-public", home ? home : "/nonexistent");
	collect(&public_files, dir);
	qsort(public_files.path, public_files.n, sizeof(char *), cmp_str);
	run_files(&public_files, &p);
	if (p.n)
		fprintf(stderr, "yaml_fast: public charts: %zu/%zu values files accepted, %zu/%zu .yaml files in all, "
				"%zu disagreements\n",
			p.vacc, p.vn, p.acc, p.n, disagreements);
	else
		fprintf(stderr, "yaml_fast: no public charts in the module cache (that part skipped)\n");
	assert_int_equal(disagreements, 0);
	assert_true(c.n >= 1000 && c.vn >= 200);
	/* nearly all real values files take the fast path */
	assert_true(c.vacc * 100 >= c.vn * 97);
	assert_true(p.vacc * 100 >= p.vn * 90);
}

/* ---------------------------------------------------- (b) mutations */

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static size_t rn(size_t n)
{
	return n ? (size_t)(rnd() % n) : 0;
}

static const char *const seeds_builtin[] = {
	"# c\nimage:\n  repository: nginx # c\n  tag: \"1.2\"\n  pullPolicy: IfNotPresent\nreplicas: 3\n"
	"args:\n- --a\n- '--b=c d'\nenv:\n  - name: X\n    value: \"1\"\n  - name: Y\n    value: |\n      line\n"
	"       more\n\n      end\n    other: >-\n      folded\n      text\nres: {}\nl: []\nnum: 1.5\nyes: on\n",
	"---\na:\n  b:\n    c: ~\n    d: 0x1F\n  e:\n  - - x\n    - y\n  - k: v\n    j: 'it''s'\nf: \"\\t\\u00e9\\x41\"\n",
};

struct doc {
	char *p;
	size_t n;
};

/* Lines [*b, *e) of a random window of a real file, starting at a
 * top-level line. */
static void window(const struct doc *d, struct sb *out)
{
	size_t nl = 0, starts = 0;
	const char *p = d->p, *end = d->p + d->n;

	for (const char *q = p; q < end; q++)
		if (*q == '\n')
			nl++;
	if (d->n < 3000) {
		sb_add(out, d->p, d->n);
		return;
	}
	/* pick a line at column 0 that is not a comment */
	size_t want = rn(nl + 1), line = 0;
	const char *start = p;
	for (const char *q = p; q < end; q++) {
		if (q == p || q[-1] == '\n') {
			if (line >= want && *q != ' ' && *q != '#' && *q != '\n') {
				start = q;
				starts = 1;
				break;
			}
			line++;
		}
	}
	if (!starts)
		start = p;
	size_t take = 5 + rn(60);
	const char *q = start;
	while (q < end && take) {
		if (*q++ == '\n')
			take--;
	}
	sb_add(out, start, (size_t)(q - start));
}

static const char sigchars[] = " \t#:-'\"|>[]{}&*!%@`,?~\\\n+0.xy<=";

static void mutate(struct sb *s)
{
	size_t nm = 1 + rn(3);
	for (size_t m = 0; m < nm; m++) {
		size_t n = s->len, lines[4096], nl = 0;
		if (!n)
			return;
		lines[nl++] = 0;
		for (size_t i = 0; i < n && nl < 4095; i++)
			if (s->buf[i] == '\n' && i + 1 < n)
				lines[nl++] = i + 1;
		size_t li = rn(nl), lb = lines[li], le = li + 1 < nl ? lines[li + 1] : n;
		struct sb t = SB_INIT;
		switch (rn(8)) {
		case 0: /* delete a line */
			sb_add(&t, s->buf, lb);
			sb_add(&t, s->buf + le, n - le);
			break;
		case 1: /* duplicate a line */
			sb_add(&t, s->buf, le);
			sb_add(&t, s->buf + lb, le - lb);
			sb_add(&t, s->buf + le, n - le);
			break;
		case 2: { /* swap with the next line */
			size_t l2e = li + 2 < nl ? lines[li + 2] : n;
			sb_add(&t, s->buf, lb);
			sb_add(&t, s->buf + le, l2e - le);
			if (l2e == n && (le == lb || s->buf[le - 1] == '\n') && (l2e == le || s->buf[l2e - 1] != '\n'))
				sb_addc(&t, '\n');
			sb_add(&t, s->buf + lb, le - lb);
			sb_add(&t, s->buf + l2e, n - l2e);
			break;
		}
		case 3:
		case 4: { /* insert a YAML-significant character */
			size_t at = rn(n + 1);
			sb_add(&t, s->buf, at);
			sb_addc(&t, sigchars[rn(sizeof(sigchars) - 1)]);
			sb_add(&t, s->buf + at, n - at);
			break;
		}
		case 5: { /* change the indentation of a line */
			size_t k = 1 + rn(3);
			sb_add(&t, s->buf, lb);
			if (rn(2)) {
				sb_addrep(&t, ' ', k);
				sb_add(&t, s->buf + lb, n - lb);
			} else {
				size_t sp = 0;
				while (lb + sp < n && s->buf[lb + sp] == ' ' && sp < k)
					sp++;
				sb_add(&t, s->buf + lb + sp, n - lb - sp);
			}
			break;
		}
		case 6: { /* replace a character */
			size_t at = rn(n);
			sb_add(&t, s->buf, n);
			t.buf[at] = sigchars[rn(sizeof(sigchars) - 1)];
			break;
		}
		default: /* cut the end */
			sb_add(&t, s->buf, rn(n + 1));
			break;
		}
		sb_release(s);
		*s = t;
	}
}

static void test_mutations(void **state)
{
	(void)state;
	struct doc *docs = NULL;
	size_t nd = 0;
	size_t want = 200000, acc = 0;
	const char *env = getenv("YFAST_MUTATIONS");

	if (env)
		want = strtoul(env, NULL, 10);
	/* values files of the corpus (and the public charts) as seeds */
	struct files *lists[] = { &corpus_files, &public_files };
	for (size_t l = 0; l < 2; l++) {
		for (size_t i = 0; i < lists[l]->n; i++) {
			const char *path = lists[l]->path[i], *base = strrchr(path, '/');
			if (!base || strncmp(base + 1, "values", 6) != 0)
				continue;
			size_t len;
			char *p = vec_slurp(path, &len);
			if (!p)
				continue;
			docs = realloc(docs, (nd + 1) * sizeof(*docs));
			docs[nd++] = (struct doc){ p, len };
		}
	}
	if (nd == 0)
		fprintf(stderr, "yaml_fast: no corpus: mutating the built-in documents only\n");
	for (size_t i = 0; i < sizeof(seeds_builtin) / sizeof(*seeds_builtin); i++) {
		docs = realloc(docs, (nd + 1) * sizeof(*docs));
		docs[nd++] = (struct doc){ strdup(seeds_builtin[i]), strlen(seeds_builtin[i]) };
	}
	for (size_t k = 0; k < want; k++) {
		struct sb s = SB_INIT;
		char what[64];
		window(&docs[rn(nd)], &s);
		mutate(&s);
		snprintf(what, sizeof(what), "mutation %zu", k);
		if (check(s.buf ? s.buf : "", s.len, what) >= 0)
			acc++;
		sb_release(&s);
	}
	fprintf(stderr, "yaml_fast: mutations: %zu/%zu accepted by the fast path, %zu disagreements\n", acc, want,
		disagreements);
	for (size_t i = 0; i < nd; i++)
		free(docs[i].p);
	free(docs);
	assert_int_equal(disagreements, 0);
	assert_true(acc * 5 >= want); /* the accepted ones are a real share */
}

/* ------------------------------------------------------- (c) focused */

struct fcase {
	const char *in;
	int accept; /* 1 the fast path takes it, 0 it declines */
};

static const struct fcase cases[] = {
	/* accepted constructs */
	{ "", 1 },
	{ "# only a comment\n\n   \n", 1 },
	{ "---\n", 1 },
	{ "# c\n---\na: 1\n", 1 },
	{ "--- \na: 1\n", 1 },
	{ "a: 1\nb: two\nc: 'three'\nd: \"four\"\n", 1 },
	{ "a: 1 # trailing\nb: x#y\nc: 'q # not a comment' # c\nd: \"q # no\"\n", 1 },
	{ "a:\n  b:\n    c: d\n  e: f\ng: h\n", 1 },
	{ "l:\n  - a\n  - b\n", 1 },
	{ "l:\n- a\n- b\nm: 1\n", 1 },
	{ "l:\n  - name: x\n    value: y\n  - name: z\n", 1 },
	{ "l:\n- name: x\n  value: y\n- k:\n  - i\n  - j\n", 1 },
	{ "l:\n  - - a\n    - b\n  - - c\n", 1 },
	{ "l:\n  -\n    a: 1\n  -\n  - x\n", 1 },
	{ "a:\nb: # c\nc:\n", 1 },
	{ "a: {}\nb: []\nc: { }\nd: [ ]\n", 1 },
	{ "a: ~\nb: null\nc: true\nd: yes\ne: off\nf: 0x1f\ng: 1e3\nh: 12345678901234567890\ni: -.5\n", 1 },
	{ "a: 2001-12-14\nb: 1:20\nc: 0o17\nd: +1\ne: 1_000\n", 1 },
	{ "yes: 1\n1: a\n0x10: b\n2020-01-01: c\n\"null\": d\n'': e\n", 1 },
	{ "a: 'it''s'\nb: \"\\t\\n\\\\\\\"\\x41\\u00e9\\U0001F600\\0\\a\\b\\v\\f\\r\\e\\ \\N\\_\\L\\P\"\n", 1 },
	{ "a: \"tab\there\"\n", 1 },
	{ "a: |\n  line1\n  line2\n", 1 },
	{ "a: |-\n  line1\n\n  line2\n\n\nb: 1\n", 1 },
	{ "a: |+\n  line1\n\n\nb: 1\n", 1 },
	{ "a: >\n  folded\n  text\n\n  para\n    indented\n  back\n", 1 },
	{ "a: >-\n  x\n   y\n  z\n", 1 },
	{ "a: >+\n  x\n\n", 1 },
	{ "a: |\n\n  after blank\n", 1 },
	{ "a: |\nb: 1\n", 1 },
	{ "a: |+\n\nb: 1\n", 1 },
	{ "a: |\n  # not a comment\n  x: y\n\t\n", 0 },
	{ "a: |\n  x\n  \ty\n", 1 },
	{ "a: |\n  x\n     \n  y\n", 1 },
	{ "a: |\n    x\n  b", 0 },
	{ "l:\n  - |\n    text\n  - >\n    more\n", 1 },
	{ "l:\n- k: |\n    text\n  j: 1\n", 1 },
	{ "a: |\n  no newline at end", 1 },
	{ "a: b", 1 },
	{ "a:    spaced    \n", 1 },
	{ "a: -1\nb: -x\nc: ?x\nd: :x\ne: a:b\nf: http://x/y\ng: a, b [c] {d}\n", 1 },
	{ "key with spaces: v\n\"quoted key\": v\n'single': v\n$schema: x\n.dot: y\n/slash: z\n", 1 },
	{ "a:\n  b: 1\n\n  # comment\n\n  c: 2\n", 1 },
	{ "a: x\n  # indented comment\nb: y\n", 1 },
	{ "é: ü\n", 1 },
	{ "a: <<\n", 1 },
	{ "a: 1\nb: 2\na: 3\n", 1 },  /* duplicate string keys: the last value, the first place */
	{ "a:\n  x: 1\nb: 2\na: |\n  t\n'a': {}\n", 1 },
	{ "l:\n- k: 1\n  k: 2\n", 1 },
	{ "a:\n  {}\nb:\n  []\nc:\n    'x'\nd:\n  plain # c\ne:\n  |\n   t\nf:\n  [a]\n", 1 },
	{ "l:\n  -\n    x\n  -\n   \"y\"\n", 1 },
	{ "a:\n  x\n  y\n", 0 },
	{ "a:\n  x\n b: 1\n", 0 },
	{ "a:\n  'x'\n  b: 1\n", 0 },
	{ "a: [1, 2]\n", 1 },
	{ "a: [\"x\", 'y', z]  # c\n", 1 },
	{ "a: [ [a, b], [] ]\n", 1 },
	{ "a: [null, true, 0x1f, 1.5, -1, a.b/c_d, \"\\u00e9\"]\n", 1 },
	{ "l:\n- [a]\n- []\n", 1 },
	{ "{}\n", 1 },
	{ "# c\n---\n{ }  # c\n", 1 },
	/* declined */
	{ "1: a\n01: b\n", 0 },        /* duplicate after conversion */
	{ "true: a\n\"true\": b\n", 0 },
	{ "\"1\": a\n\"1\": b\n", 0 },
	{ "a:\n\tb: 1\n", 0 },         /* tab indentation */
	{ "a: &x 1\nb: *x\n", 0 },     /* anchor, alias */
	{ "a: !!str 1\n", 0 },         /* tag */
	{ "a: {b: 1}\n", 0 },          /* flow other than below */
	{ "a: [a b]\n", 0 },
	{ "a: [a,]\n", 0 },
	{ "a: [a:b]\n", 0 },
	{ "a: [a?]\n", 0 },
	{ "a: [.inf]\n", 0 },
	{ "a: [--x]\n", 0 },
	{ "a: [a\n", 0 },
	{ "a: [a,\n  b]\n", 0 },
	{ "a: [!x a]\n", 0 },
	{ "a: [&x a]\n", 0 },
	{ "a: [a] b\n", 0 },
	{ "a: [{b: 1}]\n", 0 },
	{ "{}\na: 1\n", 0 },
	{ "[]\n", 0 },
	{ "{a: 1}\n", 0 },
	{ "a: b\n  c\n", 0 },          /* multi-line plain */
	{ "a: 'b\n  c'\n", 0 },        /* multi-line quoted */
	{ "a: \"b\\\n  c\"\n", 0 },
	{ "? a\n: b\n", 0 },           /* complex key */
	{ "<<: {}\n", 0 },             /* merge key */
	{ "%YAML 1.1\n---\na: 1\n", 0 }, /* directive */
	{ "a: 1\n---\nb: 2\n", 0 },    /* second document */
	{ "a: 1\n...\n", 0 },
	{ "\xef\xbb\xbf" "a: 1\n", 0 }, /* BOM */
	{ "a: 1\r\n", 0 },             /* CR */
	{ "a: \"\xff\"\n", 0 },        /* invalid UTF-8 */
	{ "a: .inf\n", 0 },            /* json.Marshal fails */
	{ "~: 1\n", 0 },               /* null key */
	{ "1.5: x\n", 0 },             /* float key */
	{ "18446744073709551615: x\n", 0 }, /* uint64 key */
	{ "- a\n- b\n", 0 },           /* not a map */
	{ "just text\n", 0 },
	{ "  a: 1\n", 0 },             /* root not at column 0 */
	{ "a: b: c\n", 0 },
	{ "a: \"x\" y\n", 0 },
	{ "a: \"\\/\"\n", 0 },         /* go-yaml has no \/ */
	{ "a: \"\\'\"\n", 0 },         /* libyaml has no \' */
	{ "a: \"\\ud800\"\n", 0 },
	{ "a: |2\n   x\n", 0 },        /* indentation indicator */
	{ "a: |\n   \n  x\n", 0 },     /* blank line wider than the content */
	{ "a: |\n \tx\n", 0 },
	{ "a:\n  b: 1\n c: 2\n", 0 },  /* bad indentation */
	{ "a:\n  - x\n  b: 1\n", 0 },
	{ "a: x\nb:\tc\n", 0 },
	{ "a: @x\n", 0 },
	{ "a: `x\n", 0 },
	{ "a: \"x\"#c\n", 0 },
	{ "a:b\n", 0 },
};

static void test_focused(void **state)
{
	(void)state;
	size_t bad = 0;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const char *in = cases[i].in;
		int r = check(in, strlen(in), in);
		if ((r >= 0) != cases[i].accept || r == 0) {
			fprintf(stderr, "yaml_fast: case %zu %s: %s\n", i, r == 0 ? "disagrees" : r > 0 ? "accepted" : "declined",
				in);
			bad++;
		}
	}
	fprintf(stderr, "yaml_fast: %zu/%zu focused cases as expected\n", sizeof(cases) / sizeof(*cases) - bad,
		sizeof(cases) / sizeof(*cases));
	assert_int_equal(bad, 0);

	/* a few exact values, not only agreement */
	struct arena a = ARENA_INIT;
	val v, x;
	assert_true(yfast_decode_map(&a, "", 0, &v));
	assert_int_equal(v.kind, VAL_MAP);
	assert_int_equal(val_map_len(v), 0);
	const char *doc = "b: 1\na: |-\n  x\n\n  y\nyes: on\n";
	assert_true(yfast_decode_map(&a, doc, strlen(doc), &v));
	assert_int_equal(val_map_len(v), 3);
	assert_string_equal(val_map_entry_at(v, 0)->key, "b");
	assert_true(val_map_get(v, "b", 1, &x) && x.kind == VAL_FLOAT && x.u.f == 1.0);
	assert_true(val_map_get(v, "a", 1, &x) && x.kind == VAL_STRING && x.len == 4 && memcmp(x.u.s, "x\n\ny", 4) == 0);
	assert_true(val_map_get(v, "true", 4, &x) && x.kind == VAL_BOOL && x.u.b);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_focused),
		cmocka_unit_test(test_real_files),
		cmocka_unit_test(test_mutations),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	struct files *lists[] = { &corpus_files, &public_files };
	for (size_t l = 0; l < 2; l++) {
		for (size_t i = 0; i < lists[l]->n; i++)
			free(lists[l]->path[i]);
		free(lists[l]->path);
	}
	return rc;
}
