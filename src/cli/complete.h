/* complete.h — shell completion as spf13/cobra v1.10.1 does it for
 * upstream cozyhr: the scripts `completion bash|zsh|fish|powershell` prints
 * (GenBashCompletion v1, GenZshCompletion, GenFishCompletion with
 * descriptions, GenPowerShellCompletionWithDesc) and the hidden
 * `__complete` / `__completeNoDesc` request those scripts make
 * (completions.go getCompletions).  Names that only the cluster knows come
 * from complete_dynamic(). */
#ifndef COZY_CLI_COMPLETE_H
#define COZY_CLI_COMPLETE_H

#include <stddef.h>

#include "base/arena.h"
#include "base/sb.h"
#include "cli/cli.h"
#include "cli/opt.h"

/* Names handed back by complete_dynamic(), in arena memory. */
struct complete_list {
	struct arena *arena;
	const char **v;
	size_t n, cap;
};

/* Append a copy of name. */
void complete_list_add(struct complete_list *l, const char *name);

/* The dynamic part of completion, upstream's completeHelmReleases
 * (COMPLETE_RELEASES: HelmRelease names in ctx->g.namespace, or the
 * current context's namespace) and completeNamespaces (COMPLETE_NAMESPACES).
 * ctx holds the command being completed and the flags parsed from the
 * command line being completed (--kubeconfig, --context, -n).  Return 0
 * with the names in out (the caller keeps those starting with to_complete,
 * as upstream does, and answers ShellCompDirectiveNoFileComp), or -1 when
 * the cluster cannot be asked (upstream answers ShellCompDirectiveError).
 * Implemented in src/cmd/complete_kube.c.
 *
 * Test seam: when COZYPKG_TEST_COMPLETE_RELEASES (for COMPLETE_RELEASES)
 * or COZYPKG_TEST_COMPLETE_NAMESPACES (for COMPLETE_NAMESPACES) is set in
 * the environment, complete.c does not call this at all: the names are the
 * variable's space-separated words, and the value "!" stands for a failed
 * query.  The cobra oracle (tests/oracle/cli) reads the same variables. */
int complete_dynamic(struct cli_ctx *ctx, enum complete_kind kind, const char *to_complete,
		     struct complete_list *out);

/* The completion script for shell ("bash", "zsh", "fish", "powershell"),
 * as cozypkg's `completion` command prints it: 0, or -1 for another shell
 * (nothing written). */
int complete_script(struct cli_ctx *ctx, const char *shell, struct sb *out);

/* cobra's __complete command body: argv is the command line being
 * completed, its last word the one under the cursor.  Prints the choices,
 * ":<directive>" on stdout and "Completion ended with directive: ..." on
 * stderr; returns the exit status (0). */
int complete_request(struct cli_ctx *ctx, int argc, const char **argv);

/* The scripts' fixed text, generated from cobra for the program name
 * complete_app_name (src/cli/complete_scripts.c). */
extern const char complete_app_name[];
extern const char complete_bash_head[]; /* before the per-command functions */
extern const char complete_bash_tail[]; /* __start_<name>() and `complete` */
extern const char complete_zsh[];
extern const char complete_fish[];
extern const char complete_powershell[];

#endif
