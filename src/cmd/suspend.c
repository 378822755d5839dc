/* suspend.c — `cozypkg suspend NAME` and `cozypkg resume NAME`: the merge
 * patches upstream sends with Flux's field manager (patchSuspend):
 * {"spec":{"suspend":true}} and {"spec":{"suspend":null}}.  Silent on
 * success, as upstream; one request (upstream GETs the object first). */
#include "cmd/cmd.h"
#include "flux/hr.h"
#include "kube/client.h"

/* Shared with resume.c. */
int cmd_patch_suspend(struct cli_ctx *ctx, const char *name, bool suspend)
{
	static const char on[] = "{\"spec\":{\"suspend\":true}}";
	static const char off[] = "{\"spec\":{\"suspend\":null}}";
	struct kube_client kc;
	struct sb path = SB_INIT, err = SB_INIT;
	int rc;

	if (cmd_kube_open(ctx, &kc) < 0)
		return 1;
	flux_hr_path(&path, kube_namespace(&kc), name);
	sb_adds(&path, "?fieldManager=flux-client-side-apply");
	rc = kube_call(&kc, "PATCH", path.buf, NULL, "application/merge-patch+json", suspend ? on : off,
		       suspend ? sizeof(on) - 1 : sizeof(off) - 1, NULL, NULL, &err);
	sb_release(&path);
	kube_close(&kc);
	if (rc < 0)
		return cmd_fail(&err);
	sb_release(&err);
	return 0;
}

int cmd_suspend(int argc, const char **argv, struct cli_ctx *ctx)
{
	return cmd_patch_suspend(ctx, argv[0], true);
}
