/* main.c — cozypkg's command table: every command with its Use line,
 * aliases, Short text, flag table and argument rule, as upstream cozyhr's
 * main.go declares them (plus our additions, marked "We:"), dispatched by
 * src/cli/cli.c the way cobra does.  See src/cmd/cmd.h to add a command. */
#include <stddef.h>

#include "cli/cli.h"
#include "cli/opt.h"
#include "cmd/cmd.h"

#ifndef COZYPKG_VERSION
#define COZYPKG_VERSION "0.0.0"
#endif

/* root.PersistentFlags() */
static const struct option global_flags[] = {
	OPT_STRING(0, "kubeconfig", struct cli_global, kubeconfig, "Path to kubeconfig"),
	OPT_STRING(0, "context", struct cli_global, context, "Kube context"),
	OPT_STRING_COMPLETE('n', "namespace", struct cli_global, namespace, COMPLETE_NAMESPACES,
			    "Kubernetes namespace (defaults to the current context)"),
	OPT_STRING('C', "working-directory", struct cli_global, workdir,
		   "Root directory of Helm chart to run against (defaults to current directory)"),
	OPT_END(),
};

#define VALUES_FILES(st) \
	OPT_STRING_SLICE('f', "values", st, v.values, "Additional values files (may be repeated)")

/* We: Helm 3.17.3's value flags (cmd/helm/flags.go addValueOptionsFlags). */
#define HELM_SET_FLAGS(st) \
	OPT_STRING_ARRAY(0, "set", st, v.set, "set values on the command line (can specify " \
			 "multiple or separate values with commas: key1=val1,key2=val2)"), \
	OPT_STRING_ARRAY(0, "set-string", st, v.set_string, "set STRING values on the command " \
			 "line (can specify multiple or separate values with commas: key1=val1,key2=val2)"), \
	OPT_STRING_ARRAY(0, "set-file", st, v.set_file, "set values from respective files " \
			 "specified via the command line (can specify multiple or separate values with " \
			 "commas: key1=path1,key2=path2)"), \
	OPT_STRING_ARRAY(0, "set-json", st, v.set_json, "set JSON values on the command line " \
			 "(can specify multiple or separate values with commas: " \
			 "key1=jsonval1,key2=jsonval2)"), \
	OPT_STRING_ARRAY(0, "set-literal", st, v.set_literal, \
			 "set a literal STRING value on the command line"), \
	OPT_BOOL(0, "skip-schema-validation", st, v.skip_schema, "if set, disables JSON schema validation")

static const struct option show_flags[] = {
	OPT_STRING_SLICE('s', "show-only", struct show_opts, show_only,
			 "Render only templates matching glob(s)"),
	VALUES_FILES(struct show_opts),
	OPT_BOOL(0, "plain", struct show_opts, plain,
		 "Render chart without querying values from the HelmRelease"),
	HELM_SET_FLAGS(struct show_opts),
	/* We: Helm's `helm template` capability flags (cmd/helm/template.go) */
	OPT_STRING(0, "kube-version", struct show_opts, kube_version,
		   "Kubernetes version used for Capabilities.KubeVersion"),
	OPT_STRING_SLICE('a', "api-versions", struct show_opts, api_versions,
			 "Kubernetes api versions used for Capabilities.APIVersions"),
	OPT_BOOL(0, "include-crds", struct show_opts, include_crds,
		 "include CRDs in the templated output"),
	OPT_BOOL(0, "skip-tests", struct show_opts, skip_tests, "skip tests from templated output"),
	OPT_END(),
};

static const struct option apply_flags[] = {
	OPT_BOOL(0, "plain", struct apply_opts, plain,
		 "Install chart without querying values from the HelmRelease"),
	OPT_BOOL(0, "resume", struct apply_opts, resume,
		 "Automatically clear spec.suspend after successful apply"),
	VALUES_FILES(struct apply_opts),
	OPT_BOOL(0, "take-ownership", struct apply_opts, take_ownership,
		 "Take ownership of existing resources"),
	/* We: after an interrupted apply (Helm has no such flag) */
	OPT_BOOL(0, "recover", struct apply_opts, recover,
		 "Mark a release left in pending-install/pending-upgrade as failed and go on"),
	/* We: upstream never waits (helm-controller waits unless disableWait) */
	OPT_BOOL(0, "wait", struct apply_opts, wait,
		 "Wait until the release's resources are ready, showing progress"),
	OPT_DURATION(0, "timeout", struct apply_opts, timeout_ns, 5 * 60 * 1000000000LL,
		     "time to wait for hooks and, with --wait, for the resources"),
	HELM_SET_FLAGS(struct apply_opts),
	OPT_END(),
};

static const struct option diff_flags[] = {
	VALUES_FILES(struct diff_opts),
	OPT_BOOL(0, "plain", struct diff_opts, plain,
		 "Render chart without querying values from the HelmRelease"),
	HELM_SET_FLAGS(struct diff_opts),
	/* We: upstream always exits 0 */
	OPT_BOOL(0, "exit-code", struct diff_opts, exit_code,
		 "Exit with status 2 when there are changes, 0 when there are none"),
	/* We: upstream compares manifests only */
	OPT_BOOL(0, "live", struct diff_opts, live,
		 "Compare with the live objects through a server-side dry run of apply (drift)"),
	OPT_END(),
};

static const struct option get_flags[] = {
	OPT_BOOL('A', "all-namespaces", struct get_opts, all_namespaces, "Across all namespaces"),
	OPT_STRING('o', "output", struct get_opts, output, "json|yaml|wide|name|custom-columns=<...>"),
	/* We: kubectl's label selector flag (AddLabelSelectorFlagVar) */
	OPT_STRING('l', "selector", struct get_opts, selector, "Selector (label query) to filter on, "
		   "supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)"),
	OPT_END(),
};

static const struct option list_flags[] = {
	OPT_BOOL('A', "all-namespaces", struct get_opts, all_namespaces,
		 "Across all namespaces (only when no names are given)"),
	OPT_STRING('o', "output", struct get_opts, output, "json|yaml|wide|name|custom-columns=<...>"),
	/* We: kubectl's label selector flag (AddLabelSelectorFlagVar) */
	OPT_STRING('l', "selector", struct get_opts, selector, "Selector (label query) to filter on, "
		   "supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)"),
	OPT_END(),
};

static const struct option reconcile_flags[] = {
	OPT_BOOL(0, "with-source", struct reconcile_opts, with_source,
		 "Reconcile the source HelmChart before the HelmRelease"),
	OPT_BOOL(0, "force", struct reconcile_opts, force, "Force a one-off upgrade of the HelmRelease"),
	/* We: upstream always waits 5 minutes */
	OPT_DURATION(0, "timeout", struct reconcile_opts, timeout_ns, 5 * 60 * 1000000000LL,
		     "how long to wait for the reconciliation"),
	OPT_END(),
};

static const char *const list_aliases[] = { "ls", NULL };
static const char *const complete_aliases[] = { "__completeNoDesc", NULL };

#define RELEASE(name) name " <release>"
#define NOOPTS NULL, 0

/* Upstream's AddCommand order (cobra suggests "Did you mean" in this order;
 * help output sorts by name).  Upstream's completeHelmReleases is the
 * ValidArgsFunction of every <release> command, get and list. */
static const struct cli_command commands[] = {
	{ RELEASE("show"), NULL, "Render manifests like helm template", NULL, cmd_show,
	  show_flags, sizeof(struct show_opts), CLI_ARGS_EXACT, 1, 0, COMPLETE_RELEASES },
	{ RELEASE("apply"), NULL, "Upgrade or install HelmRelease and sync status", NULL, cmd_apply,
	  apply_flags, sizeof(struct apply_opts), CLI_ARGS_EXACT, 1, 0, COMPLETE_RELEASES },
	{ RELEASE("diff"), NULL, "Show a diff between live and desired manifests", NULL, cmd_diff,
	  diff_flags, sizeof(struct diff_opts), CLI_ARGS_EXACT, 1, 0, COMPLETE_RELEASES },
	{ RELEASE("suspend"), NULL, "Suspend Flux HelmRelease", NULL, cmd_suspend,
	  NOOPTS, CLI_ARGS_EXACT, 1, 0, COMPLETE_RELEASES },
	{ RELEASE("resume"), NULL, "Resume Flux HelmRelease", NULL, cmd_resume,
	  NOOPTS, CLI_ARGS_EXACT, 1, 0, COMPLETE_RELEASES },
	{ RELEASE("delete"), NULL, "Uninstall the Helm release", NULL, cmd_delete,
	  NOOPTS, CLI_ARGS_EXACT, 1, 0, COMPLETE_RELEASES },
	{ "list [release...]", list_aliases, "List HelmReleases", NULL, cmd_list,
	  list_flags, sizeof(struct get_opts), CLI_ARGS_ANY, 0, 0, COMPLETE_RELEASES },
	{ "get [release...]", NULL, "Get one or many HelmReleases", NULL, cmd_get,
	  get_flags, sizeof(struct get_opts), CLI_ARGS_ANY, 0, 0, COMPLETE_RELEASES },
	{ "completion [bash|zsh|fish|powershell]", NULL,
	  "Generate the autocompletion script for the specified shell", NULL, cmd_completion,
	  NOOPTS, CLI_ARGS_EXACT, 1, 0, COMPLETE_NONE },
	{ RELEASE("reconcile"), NULL, "Trigger HelmRelease reconciliation", NULL, cmd_reconcile,
	  reconcile_flags, sizeof(struct reconcile_opts), CLI_ARGS_EXACT, 1, 0, COMPLETE_RELEASES },
	{ "version", NULL, "Print version", NULL, cmd_version, NOOPTS, CLI_ARGS_ANY, 0, 0,
	  COMPLETE_NONE },
	/* cobra's hidden completion request command (completions.go) */
	{ "__complete [command-line]", complete_aliases,
	  "Request shell completion choices for the specified command-line",
	  "__complete is a special command that is used by the shell completion logic\n"
	  "to request completion choices for the specified command-line.",
	  cmd_complete, NOOPTS, CLI_ARGS_MIN, 1, CLI_HIDDEN | CLI_RAW_ARGS | CLI_ON_DEMAND,
	  COMPLETE_NONE },
};

static const struct cli_app app = {
	.name = "cozypkg",
	.short_help = "Cozy wrapper around Helm and Flux CD for local development",
	.version = COZYPKG_VERSION,
	.persistent = global_flags,
	.cmds = commands,
	.ncmds = sizeof(commands) / sizeof(commands[0]),
};

int main(int argc, const char **argv)
{
	return cli_main(&app, argc, argv);
}
