/* test_manifest_scan.c — the fast path of the SimpleHead decode
 * (src/chart/manifest_scan.c): it must accept the plain block YAML Helm
 * charts render, refuse whatever it cannot prove go-yaml accepts, and every
 * document it accepts must decode to the same SimpleHead from its head
 * entries as from the whole (the full decode is the reference).  Checked on
 * focused cases and on seeded random mutations of a CRD-like document. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/arena.h"
#include "base/sb.h"
#include "chart/manifest.h"
#include "value/codec.h"

/* Plain block YAML the way charts and controller-gen write it. */
static const char sample[] =
	"# Source: chart/templates/crd.yaml\n"
	"apiVersion: apiextensions.k8s.io/v1\n"
	"kind: CustomResourceDefinition\n"
	"metadata:\n"
	"  annotations:\n"
	"    controller-gen.kubebuilder.io/version: v0.16.1\n"
	"    helm.sh/hook: pre-install,pre-upgrade\n"
	"    helm.sh/hook-weight: \"-5\"\n"
	"    note: |\n"
	"      two\n"
	"      lines\n"
	"  name: widgets.example.com\n"
	"  labels: {}\n"
	"spec:\n"
	"  group: example.com\n"
	"  names:\n"
	"    kind: Widget\n"
	"    shortNames: [wd, \"wdg\"]\n"
	"    categories:\n"
	"    - all\n"
	"    - 'example'\n"
	"  versions:\n"
	"  - name: v1\n"
	"    served: true\n"
	"    schema:\n"
	"      openAPIV3Schema:\n"
	"        description: 'APIVersion defines the versioned schema of this representation\n"
	"          of an object. Servers should convert recognized schemas: see ''docs''.'\n"
	"        properties:\n"
	"          spec:\n"
	"            description: A plain scalar that the emitter folded\n"
	"              over two lines - with a dash\n"
	"            type: object\n"
	"            x-kubernetes-list-map-keys: [[a, b], []]\n"
	"            default: {}\n"
	"            pattern: \"^[a-z]\\\\.\\\"x\\\"$\"\n"
	"            enum:\n"
	"              - - nested\n"
	"                - seq\n"
	"              -\n"
	"                key: value # comment\n"
	"              - >-\n"
	"                folded\n"
	"\n"
	"                text\n"
	"          status:\n"
	"            type: object   # trailing comment\n"
	"      x: 1\n"
	"# a comment at the end\n";

static bool str_eq(struct manifest_str a, struct manifest_str b)
{
	return a.n == b.n && (a.n == 0 || memcmp(a.p, b.p, a.n) == 0);
}

/* -1: the scanner refused; 0: accepted and agrees; 1: accepted, disagrees. */
static int check(const char *d, size_t n)
{
	struct arena a = ARENA_INIT;
	struct sb head = SB_INIT, e1 = SB_INIT, e2 = SB_INIT;
	struct manifest_head h1, h2;
	int rc = -1;
	if (manifest_head_scan(d, n, &head)) {
		int r1 = manifest_head_decode_full(&a, d, n, &h1, &e1);
		int r2 = manifest_head_decode_full(&a, head.buf, head.len, &h2, &e2);
		rc = 0;
		if (r2 == 0 && r1 != 0)
			rc = 1; /* Helm fails, the fast path would not */
		if (r1 == 0 && r2 == 0) {
			bool same = str_eq(h1.version, h2.version) && str_eq(h1.kind, h2.kind) &&
				    h1.has_metadata == h2.has_metadata && str_eq(h1.name, h2.name) &&
				    h1.annotations.kind == h2.annotations.kind;
			if (same && h1.annotations.kind == VAL_MAP) {
				struct sb j1 = SB_INIT, j2 = SB_INIT;
				val_to_json(&a, h1.annotations, 0, NULL, NULL, &j1, &e1);
				val_to_json(&a, h2.annotations, 0, NULL, NULL, &j2, &e2);
				same = j1.len == j2.len && memcmp(j1.buf, j2.buf, j1.len) == 0;
				sb_release(&j1);
				sb_release(&j2);
			}
			rc = same ? 0 : 1;
		}
		if (rc)
			fprintf(stderr, "scan disagrees on:\n%.*s\n--- head part:\n%.*s\n", (int)n, d, (int)head.len,
				head.buf);
	}
	sb_release(&head);
	sb_release(&e1);
	sb_release(&e2);
	arena_free(&a);
	return rc;
}

static void test_sample(void **state)
{
	struct sb head = SB_INIT;
	assert_true(manifest_head_scan(sample, sizeof sample - 1, &head));
	/* the head entries only, nothing of spec */
	assert_non_null(memmem(head.buf, head.len, "kind: CustomResourceDefinition\n", 31));
	assert_null(memmem(head.buf, head.len, "spec:", 5));
	sb_release(&head);
	assert_int_equal(check(sample, sizeof sample - 1), 0);

	struct arena a = ARENA_INIT;
	struct sb err = SB_INIT;
	struct manifest_head h;
	assert_int_equal(manifest_head_decode(&a, sample, sizeof sample - 1, &h, &err), 0);
	assert_true(str_eq(h.name, (struct manifest_str){ "widgets.example.com", 19 }));
	assert_int_equal(val_map_len(h.annotations), 4);
	sb_release(&err);
	arena_free(&a);
}

/* Accepted: plain block YAML; the head must match the full decode. */
static void test_accepts(void **state)
{
	static const char *const docs[] = {
		"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: \"1\"\n",
		"kind: Secret\nmetadata: {}\nstringData:\n  k: |+\n    keep\n\n",
		"Kind: Odd\nAPIVERSION: v2\nMetadata:\n  Name: folded-case\n",
		"kind: A\nkind: B\nmetadata:\n  name: dup\n",
		"kind: 1.5\napiVersion: true\nmetadata:\n  name: 0x1f\n",
		"metadata:\n  annotations:\n    a: 1\n    b: null\n    c: ~\nkind: X\n",
		"list:\n- a\n- b: c\n  d: e\n-   f: g\n    h: [i]\nkind: Y\n",
		"kind: Z\nspec:\n  x: a:b\n  y: http://h/p#frag\n  z: '#'\n  w: \"a\\tb\"\n",
		"metadata:\n  name: n\nrest:\n  k: 'multi\n\n    line'\n  j: \"esc\\\n    aped\"\n",
		"kind: K\nblock: >\n\n  folded\n\n  more\n\nnext: 1\n",
		"---\napiVersion: v1\nkind: Opened\nmetadata:\n  name: after-marker\n",
		"# comment\n---   \nkind: K\n",
	};
	for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
		struct sb head = SB_INIT;
		if (!manifest_head_scan(docs[i], strlen(docs[i]), &head))
			fail_msg("refused: %s", docs[i]);
		sb_release(&head);
		assert_int_equal(check(docs[i], strlen(docs[i])), 0);
	}
}

/* Refused: whatever the scanner cannot prove go-yaml accepts the same way. */
static void test_refuses(void **state)
{
	static const char *const docs[] = {
		"",                                       /* empty: the full path */
		"# only a comment\n",
		"- a\n- b\n",                             /* not a mapping */
		"plain scalar\n",
		"a: &x 1\nb: *x\n",                       /* anchors, aliases */
		"a: &x 1\n",
		"a: !!str 1\n",                           /* tags */
		"a: {b: c}\n",                            /* flow mappings */
		"a: [b: c]\n",
		"a: [b, {c: d}]\n",
		"a: [b\n",
		"a: .nan\n",                              /* json.Marshal fails */
		"a:\n  b: -.Inf\n",
		"~: x\n",                                 /* null key */
		"null: x\n",
		"<<: {a: b}\n",                           /* merge key */
		"a: b: c\n",                              /* mapping values not allowed */
		"a: b\n  c: d\n",                         /* more indented after a scalar */
		"a:\n  b: 1\n c: 2\n",                    /* bad dedent */
		"a:\tb\n",                                /* tabs */
		"a:\n\tb: c\n",
		"a: b\r\nc: d\r\n",                       /* CR */
		"a: \xef\xbb\xbf" "b\n",                  /* BOM */
		"a: \"\\'\"\n",                           /* go-yaml's escape, not libyaml's */
		"a: \"\\/\"\n",
		"a: \"\\x41\"\n",
		"a: 'unterminated\n",
		"a: |2\n   x\n",                          /* indentation indicator */
		"a: |\n    \n  x\n",                      /* leading blank wider than the text */
		"%YAML 1.1\n---\na: b\n",
		"a: b\n---\nc: d\n",
		"---\n---\na: b\n",
		"--- a: b\n",
		"--- |\n  x\n",
		"a: b\n...\n",
		"? a\n: b\n",
		"a: @b\n",
		"a: `b`\n",
		"\"kind\": X\n",                          /* quoted top-level key */
		"k\xc3\xa9y: x\n",                        /* non-ASCII top-level key */
		"a: \x01\n",                              /* control character */
		"a: \xc3\n",                              /* invalid UTF-8 */
		"a: \xc2\x85\n",                          /* NEL */
		"a:\n  - b\n  c: d\n",
	};
	for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
		struct sb head = SB_INIT;
		if (manifest_head_scan(docs[i], strlen(docs[i]), &head))
			fail_msg("accepted: %s", docs[i]);
		sb_release(&head);
	}
}

/* Seeded random edits of the sample: every accepted mutant must agree
 * with the full decode, and a good share must still be accepted. */
static void test_mutations(void **state)
{
	static const char *const ins[] = {
		":", " ", "  ", "- ", "#", "\t", "'", "\"", "\n", "\\", "|", ">", "[", "]", "{", "}", ",",
		"&a ", "*a", "!t ", "? ", ": ", "\n  ", "\n- ", "---\n", "~: x\n", ".nan", "<<: ", "\r", "%",
		"''", "\\'", "\n    - ", "\nkind: ", "\nmetadata:\n  name: ", "\n  annotations: ",
	};
	const size_t n = sizeof sample - 1;
	char *buf = malloc(n + 64);
	uint64_t rs = 0x9e3779b97f4a7c15ULL;
	long accepted = 0, total = 0, bad = 0;
	for (int t = 0; t < 20000; t++) {
		size_t m = n;
		memcpy(buf, sample, n);
		int edits = 1 + t % 3;
		for (int e = 0; e < edits; e++) {
			rs ^= rs << 13, rs ^= rs >> 7, rs ^= rs << 17;
			size_t pos = (size_t)(rs % m);
			unsigned op = (unsigned)(rs >> 40) % 3;
			if (op == 0) {
				const char *s = ins[(rs >> 20) % (sizeof ins / sizeof *ins)];
				size_t k = strlen(s);
				if (m + k > n + 60)
					continue;
				memmove(buf + pos + k, buf + pos, m - pos);
				memcpy(buf + pos, s, k);
				m += k;
			} else if (op == 1) {
				size_t k = 1 + (rs >> 24) % 3;
				if (pos + k > m)
					k = m - pos;
				memmove(buf + pos, buf + pos + k, m - pos - k);
				m -= k;
			} else {
				buf[pos] = " :-#'\"\n\t|>[],{}x"[(rs >> 28) % 16];
			}
		}
		int r = check(buf, m);
		total++;
		if (r >= 0)
			accepted++;
		if (r > 0)
			bad++;
	}
	free(buf);
	printf("manifest_scan: %ld/%ld mutants accepted, %ld disagree\n", accepted, total, bad);
	assert_int_equal(bad, 0);
	assert_true(accepted > total / 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample),
		cmocka_unit_test(test_accepts),
		cmocka_unit_test(test_refuses),
		cmocka_unit_test(test_mutations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
