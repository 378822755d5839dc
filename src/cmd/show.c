/* show.c — `cozypkg show RELEASE`: the chart in the working directory
 * rendered as `helm template RELEASE . --no-hooks` prints it.  --plain: fully
 * offline with the chart's values and -f/--set (upstream still needs a
 * cluster).  Without --plain: the HelmRelease's values, release name and
 * namespace, the cluster's capabilities and Flux's origin labels (see
 * render.c); `-s` works in both modes and `# Source:` headers stay (We:
 * upstream's server-side dry run loses them). */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/render.h"

int cmd_show(int argc, const char **argv, struct cli_ctx *ctx)
{
	const struct show_opts *o = ctx->opts;
	struct render_in in = { argv[0], o->plain, NULL, &o->v, &o->show_only, o->kube_version, &o->api_versions,
				o->include_crds, o->skip_tests };
	struct render_out out;
	struct kube_client kc;
	struct sb err = SB_INIT;
	int rc;

	in.stream = stdout; /* written as it is assembled, after every check passed */
	if (!o->plain) {
		if (cmd_kube_open(ctx, &kc) < 0)
			return 1;
		in.kc = &kc;
	}
	rc = cmd_render(ctx, &in, &out, &err);
	if (!o->plain)
		kube_close(&kc);
	if (rc < 0) {
		sb_release(&out.manifest);
		/* the rule: no cluster -> say so in one line, suggest --plain */
		if (!o->plain && err.buf && (strstr(err.buf, "The connection to the server") ||
					     strstr(err.buf, "Unable to connect to the server")))
			sb_adds(&err, " (show --plain renders without a cluster)");
		return cmd_fail(&err);
	}
	fwrite(out.manifest.buf ? out.manifest.buf : "", 1, out.manifest.len, stdout);
	sb_release(&out.manifest);
	sb_release(&err);
	return 0;
}
