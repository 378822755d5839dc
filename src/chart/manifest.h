/* manifest.h — what Helm 3.17.3 does with rendered templates before they
 * become a release: split into documents (releaseutil.SplitManifests), sort
 * into hooks and manifests by kind (releaseutil.SortManifests, InstallOrder),
 * gather CRDs (chart.CRDObjects), and print them as `helm template` does
 * (pkg/action renderResources + cmd/helm/template.go). */
#ifndef COZY_MANIFEST_H
#define COZY_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/sb.h"
#include "chart/chart.h"
#include "value/value.h"

/* A byte string borrowed from the input or the arena. */
struct manifest_str {
	const char *p;
	size_t n;
};

/* releaseutil.SplitManifests: TrimSpace the text, split it on the regexp
 * `(?:^|\s*\n)---\s*`, drop empty pieces, TrimSpace each remaining one (so a
 * piece of only Unicode spaces becomes an empty document, as in Go).
 * *docs gets the documents in order ("manifest-0", "manifest-1"...), pointing
 * into text; the return value is their count. */
size_t manifest_split(struct arena *a, const char *text, size_t n, struct manifest_str **docs);

/* releaseutil.SimpleHead after yaml.Unmarshal (sigs.k8s.io/yaml: numbers and
 * bools coerced to strings for string fields, field names matched
 * case-insensitively, later keys in sorted order winning). */
struct manifest_head {
	struct manifest_str version; /* apiVersion */
	struct manifest_str kind;
	bool has_metadata;           /* Metadata != nil */
	struct manifest_str name;    /* metadata.name */
	val annotations;             /* VAL_NULL (nil map) or a VAL_MAP of strings */
};

/* yaml.Unmarshal(doc, &SimpleHead).  -1 with Go's error text appended to err
 * ("error converting YAML to JSON: ..." / "error unmarshaling JSON: ..."). */
int manifest_head_decode(struct arena *a, const char *doc, size_t n, struct manifest_head *h,
			 struct sb *err);

/* The same by the full decode of every document, as Helm does it (what
 * manifest_head_decode falls back to; for tests). */
int manifest_head_decode_full(struct arena *a, const char *doc, size_t n, struct manifest_head *h,
			      struct sb *err);

/* manifest_scan.c: true when doc is plain block YAML that go-yaml v2 surely
 * parses and converts to JSON without error; out then gets its top-level
 * entries SimpleHead reads (apiVersion, kind, metadata in any case), which
 * decode to the same SimpleHead as the whole document.  False: unsure. */
bool manifest_head_scan(const char *doc, size_t n, struct sb *out);

/* release.HookEvent */
enum manifest_hook_event {
	MANIFEST_HOOK_PRE_INSTALL,
	MANIFEST_HOOK_POST_INSTALL,
	MANIFEST_HOOK_PRE_DELETE,
	MANIFEST_HOOK_POST_DELETE,
	MANIFEST_HOOK_PRE_UPGRADE,
	MANIFEST_HOOK_POST_UPGRADE,
	MANIFEST_HOOK_PRE_ROLLBACK,
	MANIFEST_HOOK_POST_ROLLBACK,
	MANIFEST_HOOK_TEST,
};
/* The event's string ("pre-install"...; "test" for test and test-success). */
const char *manifest_hook_event_name(enum manifest_hook_event e);

/* releaseutil.Manifest */
struct manifest {
	struct manifest_str name;    /* template path, e.g. "chart/templates/x.yaml" */
	struct manifest_str content; /* the trimmed document */
	struct manifest_head head;
};

/* release.Hook as SortManifests fills it. */
struct manifest_hook {
	struct manifest_str name, kind, path, manifest;
	uint8_t *events; /* enum manifest_hook_event, in annotation order */
	size_t nevents;
	int64_t weight;  /* helm.sh/hook-weight through strconv.Atoi, else 0 */
	struct manifest_str *delete_policies; /* lowered, trimmed, in order */
	size_t ndelete_policies;
};

struct manifest_sorted {
	struct manifest *manifests; /* sorted by InstallOrder, stable */
	size_t nmanifests;
	struct manifest_hook *hooks; /* sorted by InstallOrder, stable */
	size_t nhooks;
};

bool manifest_hook_is_test(const struct manifest_hook *h);

/* Position of kind in releaseutil.InstallOrder, or -1 (kind_order.c). */
int manifest_install_rank(const char *kind, size_t n);

/* releaseutil.SortManifests(files, nil, InstallOrder).  files maps template
 * path -> rendered text (VAL_STRING); paths are visited in sorted order,
 * partials (base name "_*") and blank files skipped.  Unknown hook events are
 * dropped with the line Helm's log.Printf writes (log.Lshortfile, as
 * cmd/helm sets it) appended to `log` when non-NULL.  -1 with
 * "YAML parse error on PATH: ..." in err. */
int manifest_sort(struct arena *a, val files, struct manifest_sorted *out, struct sb *err,
		  struct sb *log);

/* chart.CRDObjects: files under crds/ with a .yaml/.yml/.json extension
 * (case-folded) of the chart, then of its dependencies, depth first. */
struct manifest_crd {
	struct manifest_str filename; /* filepath.Join(ChartFullPath, name) */
	struct manifest_str data;
};
size_t manifest_crds(struct arena *a, const struct chart *c, struct manifest_crd **out);

/* `helm template` flags that act after rendering. */
struct manifest_opts {
	bool disable_hooks; /* --no-hooks */
	bool include_crds;  /* --include-crds */
	bool skip_tests;    /* --skip-tests */
	const char *const *show_only; /* --show-only patterns, as given */
	size_t nshow_only;
	/* Write the output here instead of into `out` (not with --show-only,
	 * which selects from the whole text): megabytes of CRDs are then never
	 * copied into one buffer.  Nothing is written when an error returns. */
	FILE *stream;
};

/* From engine_render's map to exactly what `helm template` prints on
 * stdout: NOTES.txt dropped, SortManifests, CRDs, "---\n# Source: ..."
 * blocks, hooks after the manifests, --show-only selection.  -1 with the
 * error text `helm template` returns (cobra prints it after "Error: "),
 * including "\n\nUse --debug flag to render out invalid YAML" for a parse
 * error, as template.go adds it whenever the release exists.  `log` as for
 * manifest_sort. */
int manifest_template_output(struct arena *a, val rendered, const struct chart *c,
			     const struct manifest_opts *o, struct sb *out, struct sb *err,
			     struct sb *log);

#endif
