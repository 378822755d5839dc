/* cli.c — runs a command line the way cobra v1.10.1's Command.ExecuteC does
 * (command.go: Find/stripFlags/argsMinusFirstX, execute, the default help
 * and usage templates, InitDefaultHelpCmd, legacyArgs and SuggestionsFor),
 * with upstream cozyhr's SilenceErrors + log.Fatalf("error: %v") handling. */
#include "cli/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/sb.h"
#include "base/xalloc.h"
#include "cli/cli_int.h"
#include "cli/quote.h"

/* cobra's InitDefaultHelpCmd; its Long names the root (see help_long()).
 * Its ValidArgsFunction (command names) is in complete.c. */
const struct cli_command cli_help_cmd = {
	.use = "help [command]",
	.short_help = "Help about any command",
	.args = CLI_ARGS_ANY,
};

size_t cli_name_len(const struct cli_command *cmd)
{
	const char *sp = strchr(cmd->use, ' ');
	return sp ? (size_t)(sp - cmd->use) : strlen(cmd->use);
}

static bool name_is(const struct cli_command *cmd, const char *s)
{
	size_t n = cli_name_len(cmd);
	return strlen(s) == n && !memcmp(cmd->use, s, n);
}

static void add_path(struct sb *out, const struct cli_run *r, const struct cli_command *cmd)
{
	sb_adds(out, r->app->name);
	if (cmd != &r->root) {
		sb_addc(out, ' ');
		sb_add(out, cmd->use, cli_name_len(cmd));
	}
}

static void put(FILE *fp, const struct sb *sb)
{
	fwrite(sb->buf, 1, sb->len, fp);
}

/* ---- finding the command (cobra Command.Find) ------------------------- */

/* findNext: exact name or alias; CLI_ON_DEMAND commands only when asked. */
static const struct cli_command *find_next(const struct cli_run *r, const char *name, bool on_demand)
{
	for (size_t i = 0; i < r->app->ncmds; i++) {
		const struct cli_command *c = &r->app->cmds[i];
		if ((c->flags & CLI_ON_DEMAND) && !on_demand)
			continue;
		if (name_is(c, name))
			return c;
		for (const char *const *a = c->aliases; a && *a; a++)
			if (!strcmp(*a, name))
				return c;
	}
	return name_is(&cli_help_cmd, name) ? &cli_help_cmd : NULL;
}

/* Does this word take the next one as its value, in stripFlags' eyes?  At
 * that point only the root's persistent flags exist (no -h, no -v yet), and
 * a flag not found at all is assumed to take a value. */
static bool eats_next(const struct opt_set *set, const char *s)
{
	if (strchr(s, '='))
		return false;
	if (s[0] == '-' && s[1] == '-') {
		const struct option *o = opt_find_long(set, 1, s + 2, strlen(s + 2), NULL);
		return !(o && o->type == OPT_T_BOOL);
	}
	if (s[0] == '-' && strlen(s) == 2) {
		const struct option *o = opt_find_short(set, 1, s[1], NULL);
		return !(o && o->type == OPT_T_BOOL);
	}
	return false;
}

/* stripFlags(args)[0]: the first word that is not a flag or a flag's value. */
static const char *first_word(const struct opt_set *set, int argc, const char **argv)
{
	for (int i = 0; i < argc; i++) {
		const char *s = argv[i];
		if (!strcmp(s, "--"))
			return NULL;
		if (eats_next(set, s)) {
			if (argc - (i + 1) <= 1)
				return NULL;
			i++;
			continue;
		}
		if (s[0] != '\0' && s[0] != '-')
			return s;
	}
	return NULL;
}

/* argsMinusFirstX: drop the first non-flag occurrence of x. */
static const char **minus_first(struct arena *a, const struct opt_set *set, int *argc,
				const char **argv, const char *x)
{
	for (int pos = 0; pos < *argc; pos++) {
		const char *s = argv[pos];
		if (!strcmp(s, "--"))
			break;
		if (eats_next(set, s)) {
			pos++;
			continue;
		}
		if (s[0] != '-' && !strcmp(s, x)) {
			const char **out = arena_alloc(a, (size_t)*argc * sizeof(*out));
			memcpy(out, argv, (size_t)pos * sizeof(*out));
			memcpy(out + pos, argv + pos + 1, (size_t)(*argc - pos - 1) * sizeof(*out));
			(*argc)--;
			return out;
		}
	}
	return argv;
}

/* cobra's ld(): Levenshtein distance, ASCII case folded. */
static size_t distance(struct arena *a, const char *s, const char *t)
{
	size_t n = strlen(s), m = strlen(t);
	size_t *prev = arena_alloc(a, (m + 1) * sizeof(*prev));
	size_t *cur = arena_alloc(a, (m + 1) * sizeof(*cur));
	for (size_t j = 0; j <= m; j++)
		prev[j] = j;
	for (size_t i = 1; i <= n; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= m; j++) {
			int x = s[i - 1], y = t[j - 1];
			if (x >= 'A' && x <= 'Z')
				x += 'a' - 'A';
			if (y >= 'A' && y <= 'Z')
				y += 'a' - 'A';
			if (x == y) {
				cur[j] = prev[j - 1];
			} else {
				size_t best = prev[j];
				if (cur[j - 1] < best)
					best = cur[j - 1];
				if (prev[j - 1] < best)
					best = prev[j - 1];
				cur[j] = best + 1;
			}
		}
		size_t *tmp = prev;
		prev = cur;
		cur = tmp;
	}
	return prev[m];
}

static bool has_prefix_fold(const char *s, size_t slen, const char *prefix)
{
	size_t n = strlen(prefix);
	if (n > slen)
		return false;
	for (size_t i = 0; i < n; i++) {
		int x = s[i], y = prefix[i];
		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		if (y >= 'A' && y <= 'Z')
			y += 'a' - 'A';
		if (x != y)
			return false;
	}
	return true;
}

/* legacyArgs' error for the root, with findSuggestions (distance <= 2 or a
 * prefix, over available commands in AddCommand order). */
static void unknown_command(struct cli_run *r, struct sb *err, const char *word)
{
	sb_adds(err, "unknown command ");
	cli_quote(err, word, strlen(word));
	sb_adds(err, " for ");
	cli_quote(err, r->app->name, strlen(r->app->name));
	bool any = false;
	for (size_t i = 0; i < r->app->ncmds; i++) {
		const struct cli_command *c = &r->app->cmds[i];
		if (c->flags & CLI_HIDDEN)
			continue;
		size_t n = cli_name_len(c);
		char *name = arena_memdup(&r->arena, c->use, n);
		if (distance(&r->arena, word, name) <= 2 || has_prefix_fold(name, n, word)) {
			if (!any)
				sb_adds(err, "\n\nDid you mean this?\n");
			any = true;
			sb_addf(err, "\t%s\n", name);
		}
	}
}

int cli_find(struct cli_run *r, int argc, const char **argv, bool on_demand,
	     const struct cli_command **found, int *rest_argc, const char ***rest_argv,
	     struct sb *err, const char **word)
{
	struct cli_global dummy = { 0 };
	struct opt_set set = { r->app->persistent, &dummy, NULL };
	const char *w = first_word(&set, argc, argv);
	*found = &r->root;
	*rest_argc = argc;
	*rest_argv = argv;
	if (!w)
		return 0;
	const struct cli_command *c = find_next(r, w, on_demand);
	if (!c) {
		unknown_command(r, err, w);
		return -1;
	}
	*found = c;
	if (word)
		*word = w;
	*rest_argv = minus_first(&r->arena, &set, rest_argc, argv, w);
	return 0;
}

/* ---- help and usage text (cobra's default templates) ------------------ */

static const char *help_long(struct cli_run *r)
{
	struct sb sb = SB_INIT;
	sb_addf(&sb, "Help provides help for any command in the application.\n"
		     "Simply type %s help [path to command] for full details.", r->app->name);
	char *s = arena_memdup(&r->arena, sb.buf, sb.len);
	sb_release(&sb);
	return s;
}

size_t cli_builtin_opts(struct cli_run *r, const struct cli_command *cmd, struct option *out,
			   size_t help_off, size_t version_off)
{
	struct sb sb = SB_INIT;
	sb_adds(&sb, "help for ");
	if (cmd == &r->root)
		sb_adds(&sb, r->app->name);
	else
		sb_add(&sb, cmd->use, cli_name_len(cmd));
	size_t n = 0;
	out[n++] = (struct option){ OPT_T_BOOL, 'h', "help", help_off,
				    arena_memdup(&r->arena, sb.buf, sb.len), 0, COMPLETE_NONE };
	if (cmd == &r->root) {
		sb_reset(&sb);
		sb_addf(&sb, "version for %s", r->app->name);
		out[n++] = (struct option){ OPT_T_BOOL, 'v', "version", version_off,
					    arena_memdup(&r->arena, sb.buf, sb.len), 0, COMPLETE_NONE };
	}
	out[n] = (struct option)OPT_END();
	sb_release(&sb);
	return n;
}

static void add_flags_section(struct sb *out, const char *title, const struct opt_set *sets,
			      size_t nsets)
{
	struct sb u = SB_INIT;
	opt_usages(&u, sets, nsets);
	while (u.len && strchr(" \t\n\v\f\r", u.buf[u.len - 1]))
		u.len--; /* trimRightSpace */
	if (u.len) {
		sb_addf(out, "\n\n%s:\n", title);
		sb_add(out, u.buf, u.len);
	}
	sb_release(&u);
}

static int cmp_cmd(const void *a, const void *b)
{
	const struct cli_command *x = *(const struct cli_command *const *)a;
	const struct cli_command *y = *(const struct cli_command *const *)b;
	size_t nx = cli_name_len(x), ny = cli_name_len(y);
	int c = memcmp(x->use, y->use, nx < ny ? nx : ny);
	return c ? c : (nx > ny) - (nx < ny);
}

size_t cli_subcommands(const struct cli_run *r, const struct cli_command *cmd,
		       const struct cli_command **out)
{
	if (cmd != &r->root)
		return 0;
	size_t n = 0;
	for (size_t i = 0; i < r->app->ncmds; i++) {
		const struct cli_command *c = &r->app->cmds[i];
		if (!(c->flags & (CLI_HIDDEN | CLI_ON_DEMAND)))
			out[n++] = c;
	}
	out[n++] = &cli_help_cmd;
	qsort(out, n, sizeof(*out), cmp_cmd);
	return n;
}

/* defaultUsageFunc.  `init`: whether cobra has added -h/-v to the command
 * yet (not for the root's usage after "Unknown help topic"). */
static void render_usage(struct cli_run *r, struct sb *out, const struct cli_command *cmd, bool init)
{
	bool root = cmd == &r->root;
	sb_adds(out, "Usage:");
	if (!root) {
		sb_adds(out, "\n  ");
		sb_adds(out, r->app->name);
		sb_addc(out, ' ');
		sb_adds(out, cmd->use);
		if (!strstr(cmd->use, "[flags]") && !(cmd->flags & CLI_RAW_ARGS))
			sb_adds(out, " [flags]");
	} else {
		sb_addf(out, "\n  %s [command]", r->app->name);
	}
	if (cmd->aliases && cmd->aliases[0]) {
		sb_adds(out, "\n\nAliases:\n  ");
		sb_add(out, cmd->use, cli_name_len(cmd));
		for (const char *const *a = cmd->aliases; *a; a++)
			sb_addf(out, ", %s", *a);
	}
	if (root) {
		const struct cli_command **list = xcalloc(r->app->ncmds + 1, sizeof(*list));
		size_t n = 0, pad = 11; /* cobra's minNamePadding */
		for (size_t i = 0; i < r->app->ncmds; i++) {
			const struct cli_command *c = &r->app->cmds[i];
			if (c->flags & CLI_ON_DEMAND)
				continue;
			if (cli_name_len(c) > pad)
				pad = cli_name_len(c);
			if (!(c->flags & CLI_HIDDEN))
				list[n++] = c;
		}
		list[n++] = &cli_help_cmd;
		qsort(list, n, sizeof(*list), cmp_cmd);
		sb_adds(out, "\n\nAvailable Commands:");
		for (size_t i = 0; i < n; i++) {
			size_t len = cli_name_len(list[i]);
			sb_adds(out, "\n  ");
			sb_add(out, list[i]->use, len);
			sb_addrep(out, ' ', pad - len);
			sb_addf(out, " %s", list[i]->short_help);
		}
		free(list);
	}
	struct option builtin[3];
	cli_builtin_opts(r, cmd, builtin, 0, 0);
	struct opt_set local[3];
	size_t nlocal = 0;
	if (root)
		local[nlocal++] = (struct opt_set){ r->app->persistent, NULL, NULL };
	else if (cmd->opts)
		local[nlocal++] = (struct opt_set){ cmd->opts, NULL, NULL };
	if (init)
		local[nlocal++] = (struct opt_set){ builtin, NULL, NULL };
	add_flags_section(out, "Flags", local, nlocal);
	if (!root) {
		struct opt_set global = { r->app->persistent, NULL, NULL };
		add_flags_section(out, "Global Flags", &global, 1);
	}
	if (root)
		sb_addf(out, "\n\nUse \"%s [command] --help\" for more information about a command.",
			r->app->name);
	sb_addc(out, '\n');
}

/* defaultHelpFunc: Long (or Short), a blank line, the usage. */
static void render_help(struct cli_run *r, struct sb *out, const struct cli_command *cmd, bool init)
{
	const char *text = cmd == &cli_help_cmd ? help_long(r)
			   : cmd->long_help ? cmd->long_help : cmd->short_help;
	size_t n = text ? strlen(text) : 0;
	while (n && strchr(" \t\n\v\f\r", text[n - 1]))
		n--;
	if (n) {
		sb_add(out, text, n);
		sb_adds(out, "\n\n");
	}
	render_usage(r, out, cmd, init);
}

/* ---- running ---------------------------------------------------------- */

static int usage_error(struct cli_run *r, const struct cli_command *cmd, const struct sb *msg)
{
	struct sb e = SB_INIT;
	sb_adds(&e, "error: ");
	sb_add(&e, msg->buf, msg->len);
	sb_adds(&e, "\nRun '");
	add_path(&e, r, cmd);
	sb_adds(&e, " --help' for usage.\n");
	put(stderr, &e);
	sb_release(&e);
	return 1;
}

/* log.Fatalf("error: %v"): a newline is added unless there is one. */
static int fatal(const struct sb *msg)
{
	fputs("error: ", stderr);
	put(stderr, msg);
	if (!msg->len || msg->buf[msg->len - 1] != '\n')
		fputc('\n', stderr);
	return 1;
}

static int args_error(const struct cli_command *cmd, size_t nargs, struct sb *err)
{
	if (cmd->args == CLI_ARGS_EXACT && nargs != (size_t)cmd->nargs) {
		sb_addf(err, "accepts %d arg(s), received %zu", cmd->nargs, nargs);
		return -1;
	}
	if (cmd->args == CLI_ARGS_MIN && nargs < (size_t)cmd->nargs) {
		sb_addf(err, "requires at least %d arg(s), only received %zu", cmd->nargs, nargs);
		return -1;
	}
	return 0;
}

/* The help command's Run: help for the named command, or "Unknown help
 * topic" and the root's usage on stderr (exit status still 0). */
static int run_help(struct cli_run *r, int argc, const char **argv)
{
	const struct cli_command *cmd;
	int rest_argc;
	const char **rest_argv;
	struct sb out = SB_INIT, err = SB_INIT;
	if (cli_find(r, argc, argv, false, &cmd, &rest_argc, &rest_argv, &err, NULL) < 0) {
		sb_adds(&out, "Unknown help topic [");
		for (int i = 0; i < argc; i++) {
			if (i)
				sb_addc(&out, ' ');
			cli_quote_sharp(&out, argv[i], strlen(argv[i]));
		}
		sb_adds(&out, "]\n");
		render_usage(r, &out, &r->root, false);
		put(stderr, &out);
	} else {
		render_help(r, &out, cmd, true);
		put(stdout, &out);
	}
	sb_release(&out);
	sb_release(&err);
	return 0;
}

/* The directory the process started in, kept open when -C leaves it (one
 * piece of process state: the command line is only valid from there). */
static int start_dir_fd = -1;

int cli_restore_start_dir(void)
{
	return start_dir_fd < 0 ? 0 : fchdir(start_dir_fd);
}

/* Go's os.Chdir error text: "chdir <dir>: <errno text>". */
static int change_dir(const char *dir)
{
	if (start_dir_fd < 0)
		start_dir_fd = open(".", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (chdir(dir) == 0)
		return 0;
	const char *why = strerror(errno);
	struct sb msg = SB_INIT;
	sb_addf(&msg, "could not chdir to %s: chdir %s: ", dir, dir);
	size_t at = msg.len;
	sb_adds(&msg, why);
	if (msg.buf[at] >= 'A' && msg.buf[at] <= 'Z')
		msg.buf[at] += 'a' - 'A'; /* Go's errno texts start lowercase */
	int rc = fatal(&msg);
	sb_release(&msg);
	return rc;
}

struct builtin_vals {
	bool help, version;
};

/* cobra Command.execute for the found command. */
static int execute(struct cli_run *r, const struct cli_command *cmd, const char *called_as,
		   int argc, const char **argv)
{
	bool root = cmd == &r->root;
	struct cli_ctx ctx = { .app = r->app, .cmd = cmd, .arena = &r->arena, .run = r,
			       .called_as = called_as };
	if (cmd->opts_size) {
		ctx.opts = arena_zalloc(&r->arena, cmd->opts_size);
		opt_defaults(cmd->opts, ctx.opts);
	}
	opt_defaults(r->app->persistent, &ctx.g);

	struct builtin_vals b = { 0 };
	struct option builtin[3];
	size_t nb = cli_builtin_opts(r, cmd, builtin, offsetof(struct builtin_vals, help),
				 offsetof(struct builtin_vals, version));
	size_t nl = opt_count(cmd->opts), np = opt_count(r->app->persistent);
	bool *changed = arena_zalloc(&r->arena, nl + np + nb + 1);
	struct opt_set sets[3] = {
		{ cmd->opts, ctx.opts, changed },
		{ r->app->persistent, &ctx.g, changed + nl },
		{ builtin, &b, changed + nl + np },
	};

	const char **args = argv;
	size_t nargs = (size_t)argc;
	if (!(cmd->flags & CLI_RAW_ARGS)) {
		struct opt_parser p = { .arena = &r->arena, .sets = sets, .nsets = 3 };
		sb_init(&p.err);
		if (opt_parse(&p, argc, argv) < 0) {
			int rc = usage_error(r, cmd, &p.err);
			opt_parser_release(&p);
			return rc;
		}
		args = p.args;
		nargs = p.nargs;
		opt_parser_release(&p);
	}

	if (b.help || (root && !b.version)) { /* the root does not run: it helps */
		struct sb out = SB_INIT;
		render_help(r, &out, cmd, true);
		put(stdout, &out);
		sb_release(&out);
		return 0;
	}
	if (root) {
		printf("%s version %s\n", r->app->name, r->app->version);
		return 0;
	}
	struct sb err = SB_INIT;
	if (args_error(cmd, nargs, &err) < 0) {
		int rc = usage_error(r, cmd, &err);
		sb_release(&err);
		return rc;
	}
	sb_release(&err);
	/* the root's PersistentPreRun (upstream): -C applies to every command */
	if (ctx.g.workdir && *ctx.g.workdir && change_dir(ctx.g.workdir))
		return 1;
	if (cmd == &cli_help_cmd)
		return run_help(r, (int)nargs, args);

	const char *trace = getenv("COZYPKG_CLI_TRACE");
	if (trace && *trace) {
		struct sb t = SB_INIT;
		opt_trace(&t, sets, 3);
		sb_adds(&t, "args=[");
		for (size_t i = 0; i < nargs; i++) {
			if (i)
				sb_addc(&t, ' ');
			cli_quote(&t, args[i], strlen(args[i]));
		}
		sb_adds(&t, "]\n");
		put(stderr, &t);
		sb_release(&t);
		/* the hook checks parsing only: the body would touch files and
		 * clusters the CLI test does not set up */
		return 3;
	}
	return cmd->fn((int)nargs, args, &ctx);
}

int cli_main(const struct cli_app *app, int argc, const char **argv)
{
	struct cli_run r = { .app = app };
	arena_init(&r.arena);
	r.root.use = app->name;
	r.root.short_help = app->short_help;

	const struct cli_command *cmd;
	int rest_argc;
	const char **rest_argv;
	const char *word = NULL;
	struct sb err = SB_INIT;
	int rc;
	if (cli_find(&r, argc - 1, argv + 1, true, &cmd, &rest_argc, &rest_argv, &err, &word) < 0)
		rc = usage_error(&r, cmd, &err);
	else
		rc = execute(&r, cmd, word, rest_argc, rest_argv);
	sb_release(&err);
	arena_free(&r.arena);
	fflush(stdout);
	return rc;
}

int cli_not_implemented(struct cli_ctx *ctx)
{
	fprintf(stderr, "error: %s %.*s: not implemented yet\n", ctx->app->name,
		(int)cli_name_len(ctx->cmd), ctx->cmd->use);
	return 1;
}
