/* list.c — `cozypkg list` and `cozypkg get`: HelmReleases printed exactly
 * as `kubectl get helmreleases.helm.toolkit.fluxcd.io` prints them.
 * Upstream cozyhr's runHRCommand decides what is fetched (names → one GET
 * each, none → one LIST; tables asked of the server); kubectl decides the
 * look (printers, "No resources found", errors after what was found).
 * One request per name or one in all: no discovery round trip, because the
 * group/version of HelmRelease is fixed (helm.toolkit.fluxcd.io/v2). */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "flux/hr.h"
#include "kube/client.h"
#include "kube/jsonpath.h"
#include "kube/print.h"

/* kubectl's Accept for server-side printing (get.go transformRequests) */
#define TABLE_ACCEPT \
	"application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io," \
	"application/json"

static void add_query(struct sb *path, const char *key, const char *value)
{
	sb_addc(path, strchr(path->buf, '?') ? '&' : '?');
	sb_adds(path, key);
	sb_addc(path, '=');
	kube_escape(path, value, true);
}

int cmd_get_or_list(int argc, const char **argv, struct cli_ctx *ctx)
{
	const struct get_opts *o = ctx->opts;
	struct kube_printer pr = { 0 };
	struct kube_client kc;
	struct sb err = SB_INIT, out = SB_INIT, errors = SB_INIT;
	const char *ns;
	bool table;
	val *got;
	size_t ngot = 0, i;
	int status = 0;

	if (kube_printer_parse(o->output, &pr, &err) < 0)
		return cmd_fail(&err);
	if (o->all_namespaces && argc > 0) {
		sb_adds(&err, "error: -A/--all-namespaces may be used only when no names are specified");
		return cmd_fail(&err);
	}
	if (o->selector && *o->selector && argc > 0) {
		/* kubectl's resource builder refuses names with a selector */
		sb_adds(&err, "error: name cannot be provided when a selector is specified");
		return cmd_fail(&err);
	}
	if (cmd_kube_open(ctx, &kc) < 0)
		return 1;
	ns = o->all_namespaces ? NULL : kube_namespace(&kc);
	table = kube_printer_wants_table(&pr);
	got = arena_alloc(ctx->arena, (size_t)(argc ? argc : 1) * sizeof(val));

	if (argc == 0) {
		struct sb path = SB_INIT;
		val list;

		flux_hr_path(&path, ns, NULL);
		if (o->selector && *o->selector)
			add_query(&path, "labelSelector", o->selector);
		if (kube_call(&kc, "GET", path.buf, table ? TABLE_ACCEPT : NULL, NULL, NULL, 0, &list, NULL,
			      &err) < 0) {
			sb_release(&path);
			kube_close(&kc);
			return cmd_fail(&err);
		}
		sb_release(&path);
		/* kubectl reads whole numbers as int64 (printing and filters see it) */
		jsonpath_preserve_ints(list);
		if (table) {
			got[ngot++] = list;
		} else {
			val items = flux_get(list, (const char *const[]){ "items", NULL });

			got = arena_alloc(ctx->arena,
					  (items.kind == VAL_LIST ? val_list_len(items) : 0) * sizeof(val) + 1);
			for (i = 0; items.kind == VAL_LIST && i < val_list_len(items); i++)
				got[ngot++] = val_list_at(items, i);
		}
	} else {
		for (i = 0; i < (size_t)argc; i++) {
			struct sb path = SB_INIT;
			val obj;

			flux_hr_path(&path, ns, argv[i]);
			if (kube_call(&kc, "GET", path.buf, table ? TABLE_ACCEPT : NULL, NULL, NULL, 0, &obj, NULL,
				      &err) < 0) {
				/* kubectl prints what it found, then every error */
				sb_add(&errors, err.buf, err.len);
				sb_addc(&errors, '\n');
				sb_reset(&err);
				status = 1;
			} else {
				jsonpath_preserve_ints(obj);
				got[ngot++] = obj;
			}
			sb_release(&path);
		}
	}
	kube_close(&kc);

	if (table) {
		size_t rows = kube_print_tables(ctx->arena, got, ngot, pr.format == KUBE_OUT_WIDE,
						o->all_namespaces, &out);
		if (!rows && !status && argc == 0) {
			if (ns)
				fprintf(stderr, "No resources found in %s namespace.\n", ns);
			else
				fprintf(stderr, "No resources found\n");
		}
	} else if ((ngot || argc == 0) &&
		   kube_print_objects(ctx->arena, &pr, got, ngot, argc == 1, FLUX_HR_KIND_GROUP, &out, &err) < 0) {
		fwrite(out.buf ? out.buf : "", 1, out.len, stdout);
		sb_release(&out);
		sb_release(&errors);
		return cmd_fail(&err);
	}
	fwrite(out.buf ? out.buf : "", 1, out.len, stdout);
	fflush(stdout);
	fwrite(errors.buf ? errors.buf : "", 1, errors.len, stderr);
	sb_release(&out);
	sb_release(&errors);
	sb_release(&err);
	return status;
}

int cmd_list(int argc, const char **argv, struct cli_ctx *ctx)
{
	return cmd_get_or_list(argc, argv, ctx);
}
