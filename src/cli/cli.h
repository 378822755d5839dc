/* cli.h — the command tree and its runner, behaving as a spf13/cobra v1.10.1
 * program does: command lookup with suggestions, the auto `help` command,
 * `-h/--help` everywhere, `-v/--version` on the root, cobra's help and usage
 * text, argument-count rules, and upstream cozyhr's error handling
 * (`error: <msg>`, exit 1, plus cobra's "Run '... --help' for usage." line
 * after usage errors).  The table itself lives in src/main.c. */
#ifndef COZY_CLI_CLI_H
#define COZY_CLI_CLI_H

#include <stddef.h>

#include "base/arena.h"
#include "cli/opt.h"

struct cli_ctx;

/* A command body: argv holds the positional arguments (after flags), the
 * parsed flags are in ctx->opts; the return value is the exit status. */
typedef int cli_fn(int argc, const char **argv, struct cli_ctx *ctx);

enum cli_args_rule {
	CLI_ARGS_ANY,   /* cobra ArbitraryArgs (or no Args on a leaf) */
	CLI_ARGS_EXACT, /* cobra ExactArgs(n) */
	CLI_ARGS_MIN,   /* cobra MinimumNArgs(n) */
};

#define CLI_HIDDEN    (1u << 0) /* not listed, not suggested (cobra Hidden) */
#define CLI_RAW_ARGS  (1u << 1) /* flags not parsed (cobra DisableFlagParsing) */
#define CLI_ON_DEMAND (1u << 2) /* exists only when called, like cobra's __complete:
				 * `help <it>` does not find it */

struct cli_command {
	const char *use;            /* cobra Use: "show <release>"; first word = name */
	const char *const *aliases; /* NULL-terminated, or NULL */
	const char *short_help;
	const char *long_help;      /* NULL: help shows short_help */
	cli_fn *fn;
	const struct option *opts;  /* flag table (offsets into the options struct), or NULL */
	size_t opts_size;           /* sizeof the options struct ctx->opts points to */
	enum cli_args_rule args;
	int nargs;
	unsigned flags;             /* CLI_* */
	enum complete_kind complete; /* what its arguments complete to (cobra ValidArgsFunction) */
};

/* cozypkg's persistent (global) flags; the root's flag table points here. */
struct cli_global {
	const char *kubeconfig;
	const char *context;
	const char *namespace;
	const char *workdir;        /* -C: chdir'ed to before the command runs */
};

struct cli_app {
	const char *name;           /* "cozypkg" */
	const char *short_help;
	const char *version;        /* for -v/--version: "<name> version <version>" */
	const struct option *persistent;
	const struct cli_command *cmds; /* in cobra AddCommand order (= suggestion order) */
	size_t ncmds;
};

struct cli_run; /* the runner's state (src/cli/cli_int.h) */

struct cli_ctx {
	const struct cli_app *app;
	const struct cli_command *cmd; /* the running command */
	struct arena *arena;           /* lives until the process exits */
	struct cli_global g;
	void *opts;                    /* the command's options struct, zeroed then parsed */
	struct cli_run *run;
	const char *called_as;         /* the name or alias it was called by (cobra CalledAs) */
};

/* Run the command line; returns the exit status.  COZYPKG_CLI_TRACE=1 in
 * the environment makes it print the parsed flags and arguments on stderr
 * instead of running the command body, and exit 3 (tests compare them with
 * cobra's). */
int cli_main(const struct cli_app *app, int argc, const char **argv);

/* Back to the directory the process started in, undoing -C: for running
 * the same command line again as another program (kube/handoff.h).
 * 0, or -1 with errno. */
int cli_restore_start_dir(void);

/* "error: <app> <cmd>: not implemented yet" on stderr; returns 1. */
int cli_not_implemented(struct cli_ctx *ctx);

/* The command's name: the first word of its Use line. */
size_t cli_name_len(const struct cli_command *cmd);

#endif
