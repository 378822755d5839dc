/* cli_int.h — the runner's internals that the completion engine
 * (complete.c) shares with cli.c: cobra's Command.Find, the -h/-v flags it
 * adds, and the command list as cobra's Commands() sorts it.  Only files in
 * src/cli include this. */
#ifndef COZY_CLI_CLI_INT_H
#define COZY_CLI_CLI_INT_H

#include <stdbool.h>

#include "base/arena.h"
#include "base/sb.h"
#include "cli/cli.h"

struct cli_run {
	const struct cli_app *app;
	struct cli_command root; /* Use = app name; not runnable: it shows help */
	struct arena arena;
};

/* cobra's default `help` command. */
extern const struct cli_command cli_help_cmd;

/* Command.Find from the root: 0 with the command and its remaining args
 * (*word, when not NULL, gets the word that named it; untouched for the
 * root), or -1 with the unknown-command error (the root and the full args
 * returned).  on_demand: whether CLI_ON_DEMAND commands exist. */
int cli_find(struct cli_run *r, int argc, const char **argv, bool on_demand,
	     const struct cli_command **found, int *rest_argc, const char ***rest_argv,
	     struct sb *err, const char **word);

/* The -h/--help (and on the root -v/--version) flags cobra adds, with help
 * texts naming the command, at the given offsets; out needs 3 entries (the
 * last is OPT_END).  Returns how many flags. */
size_t cli_builtin_opts(struct cli_run *r, const struct cli_command *cmd, struct option *out,
			size_t help_off, size_t version_off);

/* cmd's subcommands cobra offers (IsAvailableCommand, plus `help`), sorted
 * by name as Commands() returns them; out needs app->ncmds + 1 entries. */
size_t cli_subcommands(const struct cli_run *r, const struct cli_command *cmd,
		       const struct cli_command **out);

#endif
