/* cmd.h — the subcommands of cozypkg, one file each in src/cmd/, and the
 * options struct each one's flags are parsed into.
 *
 * Adding a command:
 *  1. Write src/cmd/<name>.c with `int cmd_<name>(int argc, const char **argv,
 *     struct cli_ctx *ctx)`: argv = positional arguments, ctx->opts = your
 *     options struct (zeroed, then filled by the parser), ctx->g = global
 *     flags; the return value is the exit status.  Errors: "error: <msg>" on
 *     stderr and return 1, as upstream's log.Fatalf("error: %v") does.
 *  2. Declare it here, with its `struct <name>_opts` if it has flags.
 *  3. In src/main.c add its flag table (OPT_* ... OPT_END(), help texts
 *     copied from upstream or Helm) and a row in `commands[]`: Use line,
 *     aliases, Short, function, table, sizeof options, argument rule.  The
 *     row order is cobra's AddCommand order, which orders suggestions.
 *  4. Declare the same command in tests/oracle/cli/cozypkg/main.go, add
 *     cases to tests/oracle/cli/gen/main.go, run tests/oracle/cli/regen,
 *     then `make check`.
 * Adding a flag: steps 2-4 for the field and the table entry. */
#ifndef COZY_CMD_H
#define COZY_CMD_H

#include <stdbool.h>

#include "cli/cli.h"
#include "cli/opt.h"

/* Helm's value flags, as show/diff/apply take them (merge order is Helm's:
 * -f files, then --set-json, --set, --set-string, --set-file, --set-literal). */
struct value_flags {
	struct opt_list values;      /* -f/--values (comma-split) */
	struct opt_list set;         /* --set */
	struct opt_list set_string;  /* --set-string */
	struct opt_list set_file;    /* --set-file */
	struct opt_list set_json;    /* --set-json */
	struct opt_list set_literal; /* --set-literal */
	bool skip_schema;            /* --skip-schema-validation */
};

struct show_opts {
	struct value_flags v;
	struct opt_list show_only;    /* -s: template globs */
	bool plain;
	const char *kube_version;     /* --kube-version */
	struct opt_list api_versions; /* -a/--api-versions */
	bool include_crds;
	bool skip_tests;
};

struct apply_opts {
	struct value_flags v;
	bool plain;
	bool resume;
	bool take_ownership;
	bool recover; /* a pending-* release left by an interrupted run becomes failed */
	bool wait;    /* wait for the resources to be ready (src/helm/wait.h) */
	long long timeout_ns; /* hooks and --wait (Helm's --timeout, default 5m) */
};

struct diff_opts {
	struct value_flags v;
	bool plain;
	bool exit_code; /* 2 when there are changes */
	bool live;      /* live objects vs apply's server-side dry run */
};

struct reconcile_opts {
	bool with_source;
	bool force;
	long long timeout_ns; /* --timeout (Go duration; default 5m) */
};

/* get and list */
struct get_opts {
	bool all_namespaces;
	const char *output; /* -o: json|yaml|wide|name|custom-columns=... */
	const char *selector; /* -l/--selector: label selector, sent as is */
};

/* kubecmd.c: shared by the commands that talk to the cluster */
struct kube_client;
struct sb;
/* kube_open from the global flags; prints kubectl's error and returns -1. */
int cmd_kube_open(struct cli_ctx *ctx, struct kube_client *c);
/* Prints err (one line) on stderr, releases it, returns exit status 1. */
int cmd_fail(struct sb *err);
/* list.c: get and list are one command with two names */
int cmd_get_or_list(int argc, const char **argv, struct cli_ctx *ctx);
/* suspend.c: the suspend/resume merge patch */
int cmd_patch_suspend(struct cli_ctx *ctx, const char *name, bool suspend);

cli_fn cmd_show;
cli_fn cmd_apply;
cli_fn cmd_diff;
cli_fn cmd_suspend;
cli_fn cmd_resume;
cli_fn cmd_delete;
cli_fn cmd_get;
cli_fn cmd_list;
cli_fn cmd_reconcile;
cli_fn cmd_completion;
cli_fn cmd_complete; /* cobra's hidden __complete */
cli_fn cmd_version;

#endif
