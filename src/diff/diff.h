/* diff.h — `cozypkg diff`'s output: github.com/databus23/helm-diff/v3 v3.12.2
 * as upstream cozyhr calls it (manifest.Parse of both manifests, then
 * diff.Manifests with the plain "diff" report).  Byte for byte the same text,
 * coloured with mgutz/ansi codes or plain. */
#ifndef COZY_DIFF_H
#define COZY_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/sb.h"

/* ---- manifest.go: the parsed objects ---- */

/* manifest.MappingResult, keyed by "<ns>, <name>, <Kind> (<group>)". */
struct diff_object {
	const char *key;
	size_t keyn;
	const char *kind;
	size_t kindn;
	const char *content; /* the trimmed document (List items: re-marshalled) */
	size_t contentn;
	bool keep;           /* helm.sh/resource-policy: keep */
};

/* The map manifest.Parse returns, as an array sorted by key (byte order,
 * sort.Strings); for a duplicate key the first document wins, as in Go. */
struct diff_index {
	struct diff_object *v;
	size_t n;
};

/* manifest.Parse(text, ns, false, "test", "test-success"): split on
 * "\n---\n", drop comment-only documents, expand *List kinds, skip test
 * hooks, fill the namespace.  Duplicate keys are reported to `warn` (may be
 * NULL) as helm-diff's log.Printf words them, without the log timestamp.
 * -1 with the message helm-diff would log.Fatalf with (without timestamp)
 * appended to err: upstream exits there. */
int diff_parse(struct arena *a, const char *text, size_t n, const char *ns, size_t nsn,
	       struct diff_index *out, struct sb *warn, struct sb *err);

/* ---- udiff.c: github.com/aryann/difflib Diff over lines ---- */

enum diff_delta {
	DIFF_COMMON = 0,
	DIFF_LEFT,  /* only in the old text: "- " */
	DIFF_RIGHT, /* only in the new text: "+ " */
};

struct diff_rec {
	const char *p;
	uint32_t n;
	uint8_t delta; /* enum diff_delta */
};

struct diff_line {
	const char *p;
	size_t n;
};

/* strings.Split(s, "\n"), each line without a trailing "\r" when strip_cr. */
size_t diff_split_lines(struct arena *a, const char *s, size_t n, bool strip_cr,
			struct diff_line **out);

/* difflib.Diff(seq1, seq2): common head and tail trimmed, then the LCS
 * back-track of difflib's matrix with its exact tie-breaking (left-only
 * first, then right-only, then common).  Same records as Go, without Go's
 * (n+1)*(m+1) matrix when that would be large.  Returns the record count. */
size_t diff_lines(struct arena *a, const struct diff_line *l1, size_t n1,
		  const struct diff_line *l2, size_t n2, struct diff_rec **out);
/* The same with the matrix size (cells) above which rows are recomputed in
 * sqrt-sized blocks instead of kept (diff_lines: DIFF_FULL_CELLS). */
#define DIFF_FULL_CELLS ((size_t)16 << 20)
size_t diff_lines_limit(struct arena *a, const struct diff_line *l1, size_t n1,
			const struct diff_line *l2, size_t n2, struct diff_rec **out, size_t max_cells);

/* ---- print.c: diff.Manifests and the "diff" report ---- */

struct diff_report_opts {
	int context;            /* OutputContext: -1 = whole objects (upstream) */
	bool show_secrets;      /* ShowSecrets (upstream: true); false = redacted */
	bool strip_trailing_cr; /* StripTrailingCR */
	bool color;             /* mgutz/ansi colours (upstream: always) */
	const char *ns;         /* default namespace for both manifests */
	size_t nsn;
	struct sb *warn;        /* duplicate-key lines, may be NULL */
};

/* diff.Manifests(old, new) over two indexes (contents of Secrets may be
 * rewritten in place when !show_secrets).  *changed = seenAnyChanges. */
void diff_indexes(struct arena *a, struct diff_index *old, struct diff_index *new_,
		  const struct diff_report_opts *o, struct sb *out, bool *changed);

/* Both steps: parse both manifests with o->ns, diff, append the report to
 * out.  -1 with err when a manifest does not parse (see diff_parse). */
int diff_manifests(struct arena *a, const char *old_manifest, size_t on, const char *new_manifest,
		   size_t nn, const struct diff_report_opts *o, struct sb *out, bool *changed,
		   struct sb *err);

/* ---- secret.c: redactSecrets (ShowSecrets false) ---- */

/* Rewrite old/new (either may be NULL, not both) as helm-diff's
 * redactSecrets does when their kind is Secret. */
void diff_redact_secrets(struct arena *a, struct diff_object *old, struct diff_object *new_);

#endif
