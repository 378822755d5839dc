/* complete.c — cobra v1.10.1's shell completion for cozypkg: the hidden
 * __complete request (completions.go getCompletions, checkIfFlagCompletion,
 * getFlagNameCompletions, the help command's ValidArgsFunction in
 * command.go) and the bash v1 script's per-command functions
 * (bash_completions.go gen/writeFlags); the fixed script text is generated
 * into complete_scripts.c. */
#include "cli/complete.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "cli/cli_int.h"
#include "cli/quote.h"

/* ShellCompDirective bits */
enum {
	DIR_DEFAULT = 0,
	DIR_ERROR = 1,
	DIR_NO_SPACE = 2,
	DIR_NO_FILE_COMP = 4,
	DIR_FILTER_FILE_EXT = 8,
	DIR_FILTER_DIRS = 16,
	DIR_KEEP_ORDER = 32,
};

void complete_list_add(struct complete_list *l, const char *name)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 8;
		const char **v = arena_alloc(l->arena, cap * sizeof(*v));
		if (l->n)
			memcpy(v, l->v, l->n * sizeof(*v));
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = arena_strdup(l->arena, name);
}

static bool has_prefix(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* ---- one flag set view of a command (cobra's Flags() after merging) ---- */

struct builtin_vals {
	bool help, version;
};

enum { SET_LOCAL, SET_PERSISTENT, SET_BUILTIN, NSETS };

struct cmd_flags {
	struct option builtin[3];
	struct builtin_vals b;
	struct opt_set sets[NSETS];
	void *opts;
	struct cli_global g;
};

/* builtin: whether cobra has added -h (and on the root -v) to it yet. */
static void cmd_flags_init(struct cli_run *r, const struct cli_command *cmd, bool builtin,
			   struct cmd_flags *f)
{
	memset(f, 0, sizeof(*f));
	if (builtin)
		cli_builtin_opts(r, cmd, f->builtin, offsetof(struct builtin_vals, help),
				 offsetof(struct builtin_vals, version));
	else
		f->builtin[0] = (struct option)OPT_END();
	if (cmd->opts_size) {
		f->opts = arena_zalloc(&r->arena, cmd->opts_size);
		opt_defaults(cmd->opts, f->opts);
	}
	opt_defaults(r->app->persistent, &f->g);
	size_t nl = opt_count(cmd->opts), np = opt_count(r->app->persistent);
	bool *changed = arena_zalloc(&r->arena, nl + np + 3);
	/* the root's persistent flags are its own (local) flags */
	f->sets[SET_LOCAL] = (struct opt_set){ cmd->opts, f->opts, changed };
	f->sets[SET_PERSISTENT] = (struct opt_set){ r->app->persistent, &f->g, changed + nl };
	f->sets[SET_BUILTIN] = (struct opt_set){ f->builtin, &f->b, changed + nl + np };
}

static bool is_changed(const struct cmd_flags *f, size_t set, const struct option *o)
{
	return f->sets[set].changed[o - f->sets[set].opts];
}

struct flag_ref {
	const struct option *o;
	size_t set;
};

static int cmp_ref(const void *a, const void *b)
{
	const struct flag_ref *x = a, *y = b;
	return strcmp(x->o->long_name, y->o->long_name);
}

/* The flags of the given sets sorted by name (pflag VisitAll); free() it. */
static struct flag_ref *sorted_flags(const struct cmd_flags *f, const size_t *sets, size_t nsets,
				     size_t *n)
{
	size_t total = 0;
	for (size_t i = 0; i < nsets; i++)
		total += opt_count(f->sets[sets[i]].opts);
	struct flag_ref *v = xcalloc(total + 1, sizeof(*v));
	*n = 0;
	for (size_t i = 0; i < nsets; i++)
		for (const struct option *o = f->sets[sets[i]].opts; o && o->type != OPT_T_END; o++)
			v[(*n)++] = (struct flag_ref){ o, sets[i] };
	qsort(v, *n, sizeof(*v), cmp_ref);
	return v;
}

static bool takes_many(const struct option *o)
{
	return o->type == OPT_T_STRING_SLICE || o->type == OPT_T_STRING_ARRAY;
}

/* ---- the request ------------------------------------------------------ */

struct request {
	struct cli_ctx *ctx;
	struct cli_run *r;
	struct arena *a;
	const struct cli_command *cmd; /* finalCmd */
	bool root, raw;
	struct cmd_flags f;
	struct complete_list comps;
	int directive;
	struct sb err; /* the error cobra prints with CompErrorln, if any */
	const char *called_as; /* of __complete itself: each Find that meets it renames it */
};

/* Command.Find, noting what __complete was last found as (cobra's findNext
 * sets commandCalledAs, so `__complete __completeNoDesc ...` turns the
 * descriptions off). */
static int find(struct request *q, int argc, const char **argv, const struct cli_command **found,
		int *rest_argc, const char ***rest_argv)
{
	struct sb e = SB_INIT;
	const char *word = NULL;
	int rc = cli_find(q->r, argc, argv, true, found, rest_argc, rest_argv, &e, &word);
	sb_release(&e);
	if (rc == 0 && *found == q->ctx->cmd && word)
		q->called_as = word;
	return rc;
}

static void add_comp(struct request *q, const char *s)
{
	if (q->comps.n == q->comps.cap) {
		size_t cap = q->comps.cap ? 2 * q->comps.cap : 16;
		const char **v = arena_alloc(q->a, cap * sizeof(*v));
		if (q->comps.n)
			memcpy(v, q->comps.v, q->comps.n * sizeof(*v));
		q->comps.v = v;
		q->comps.cap = cap;
	}
	q->comps.v[q->comps.n++] = s;
}

/* CompletionWithDesc */
static void add_comp_desc(struct request *q, const char *choice, size_t n, const char *desc)
{
	struct sb sb = SB_INIT;
	sb_add(&sb, choice, n);
	sb_addc(&sb, '\t');
	sb_adds(&sb, desc);
	add_comp(q, arena_memdup(q->a, sb.buf, sb.len));
	sb_release(&sb);
}

/* Go's %v of a []string: [a b c]. */
static void add_go_list(struct sb *out, int argc, const char **argv)
{
	sb_addc(out, '[');
	for (int i = 0; i < argc; i++) {
		if (i)
			sb_addc(out, ' ');
		sb_adds(out, argv[i]);
	}
	sb_addc(out, ']');
}

/* findFlag: a one-byte name is a shorthand (even from "--n"). */
static const struct option *find_flag(struct request *q, const char *name, size_t n)
{
	if (n == 1)
		return opt_find_short(q->f.sets, NSETS, name[0], NULL);
	return opt_find_long(q->f.sets, NSETS, name, n, NULL);
}

/* pflag isFlagArg */
static bool is_flag_arg(const char *s)
{
	size_t n = strlen(s);
	return (n >= 3 && s[0] == '-' && s[1] == '-') || (n >= 2 && s[0] == '-' && s[1] != '-');
}

/* checkIfFlagCompletion: the flag whose value is being completed (or NULL);
 * may drop the flag word from the arguments (*argc) and the "--flag=" part
 * of *to_complete.  -1 for cobra's flagCompError (arguments untouched). */
static int flag_for_value(struct request *q, int *argc, const char **argv,
			  const char **to_complete, const struct option **flag)
{
	*flag = NULL;
	if (q->raw)
		return 0;
	const char *last = *to_complete, *name = NULL;
	size_t nlen = 0;
	bool with_equal = false;
	int trimmed = *argc;
	if (last[0] == '-') {
		const char *eq = strchr(last, '=');
		if (!eq)
			return 0; /* completing a flag name */
		if (last[1] == '-' && eq - last >= 2) {
			name = last + 2;
			nlen = (size_t)(eq - name);
		} else {
			name = eq - 1; /* the last shorthand of -abc= */
			nlen = 1;
		}
		last = eq + 1;
		with_equal = true;
	}
	if (nlen == 0 && *argc > 0) {
		const char *prev = argv[*argc - 1];
		if (is_flag_arg(prev) && !strchr(prev, '=')) {
			if (prev[1] == '-') {
				name = prev + 2;
				nlen = strlen(name);
			} else {
				name = prev + strlen(prev) - 1;
				nlen = 1;
			}
			trimmed = *argc - 1;
		}
	}
	if (nlen == 0) {
		*to_complete = last;
		return 0;
	}
	const struct option *o = find_flag(q, name, nlen);
	if (!o) {
		sb_adds(&q->err, "Subcommand '");
		if (q->root)
			sb_adds(&q->err, q->r->app->name);
		else
			sb_add(&q->err, q->cmd->use, cli_name_len(q->cmd));
		sb_adds(&q->err, "' does not support flag '");
		sb_add(&q->err, name, nlen);
		sb_addc(&q->err, '\'');
		return -1;
	}
	*to_complete = last;
	if (!with_equal && o->type == OPT_T_BOOL) {
		/* a bool flag takes no value word: complete arguments */
		return 0;
	}
	*argc = trimmed;
	*flag = o;
	return 0;
}

/* getFlagNameCompletions */
static void flag_name_comps(struct request *q, const struct option *o, const char *to_complete)
{
	struct sb name = SB_INIT;
	sb_addf(&name, "--%s", o->long_name);
	if (has_prefix(name.buf, to_complete))
		add_comp_desc(q, name.buf, name.len, o->help);
	size_t tn = strlen(to_complete);
	if (o->short_name) {
		char s[2] = { '-', o->short_name };
		if (tn <= 2 && !memcmp(s, to_complete, tn))
			add_comp_desc(q, s, 2, o->help);
	}
	sb_release(&name);
}

static void complete_flag_names(struct request *q, const char *to_complete)
{
	/* InheritedFlags().VisitAll, then NonInheritedFlags().VisitAll */
	static const size_t inherited[] = { SET_PERSISTENT };
	static const size_t local[] = { SET_LOCAL, SET_BUILTIN };
	static const size_t root_local[] = { SET_PERSISTENT, SET_BUILTIN };
	const size_t *groups[2];
	size_t sizes[2], ng = 0;
	if (q->root) {
		groups[ng] = root_local;
		sizes[ng++] = 2;
	} else {
		groups[ng] = inherited;
		sizes[ng++] = 1;
		groups[ng] = local;
		sizes[ng++] = 2;
	}
	for (size_t g = 0; g < ng; g++) {
		size_t n;
		struct flag_ref *v = sorted_flags(&q->f, groups[g], sizes[g], &n);
		for (size_t i = 0; i < n; i++)
			if (!is_changed(&q->f, v[i].set, v[i].o) || takes_many(v[i].o))
				flag_name_comps(q, v[i].o, to_complete);
		free(v);
	}
}

/* unicode.IsSpace */
static bool is_space_rune(uint32_t r)
{
	switch (r) {
	case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
	case 0x85: case 0xa0: case 0x1680: case 0x2028: case 0x2029: case 0x202f:
	case 0x205f: case 0x3000:
		return true;
	}
	return r >= 0x2000 && r <= 0x200a;
}

/* The names the env seam or complete_dynamic() give, filtered by prefix. */
static void complete_names(struct request *q, enum complete_kind kind, const char *to_complete)
{
	const char *env = getenv(kind == COMPLETE_RELEASES ? "COZYPKG_TEST_COMPLETE_RELEASES"
							   : "COZYPKG_TEST_COMPLETE_NAMESPACES");
	struct complete_list names = { .arena = q->a };
	int rc;
	if (env) {
		/* strings.Fields */
		rc = strcmp(env, "!") ? 0 : -1;
		const unsigned char *p = (const unsigned char *)env;
		size_t len = strlen(env), i = 0, w;
		while (rc == 0 && i < len) {
			while (i < len && is_space_rune(cli_utf8_decode(p + i, len - i, &w)))
				i += w;
			size_t start = i;
			while (i < len && !is_space_rune(cli_utf8_decode(p + i, len - i, &w)))
				i += w;
			if (i > start)
				complete_list_add(&names, arena_memdup(q->a, env + start, i - start));
		}
	} else {
		struct cli_ctx hctx = *q->ctx;
		hctx.cmd = q->cmd;
		hctx.g = q->f.g;
		hctx.opts = q->f.opts;
		rc = complete_dynamic(&hctx, kind, to_complete, &names);
	}
	if (rc < 0) {
		q->directive = DIR_ERROR;
		return;
	}
	for (size_t i = 0; i < names.n; i++)
		if (has_prefix(names.v[i], to_complete))
			add_comp(q, names.v[i]);
	q->directive = DIR_NO_FILE_COMP;
}

static void add_subcommands(struct request *q, const struct cli_command *cmd,
			    const char *to_complete, bool set_directive)
{
	const struct cli_command **subs = xcalloc(q->r->app->ncmds + 1, sizeof(*subs));
	size_t n = cli_subcommands(q->r, cmd, subs);
	for (size_t i = 0; i < n; i++) {
		size_t len = cli_name_len(subs[i]);
		if (strlen(to_complete) <= len && !memcmp(subs[i]->use, to_complete, strlen(to_complete)))
			add_comp_desc(q, subs[i]->use, len, subs[i]->short_help);
		if (set_directive)
			q->directive = DIR_NO_FILE_COMP;
	}
	free(subs);
}

/* getCompletions */
static void get_completions(struct request *q, int argc, const char **argv)
{
	const char *to_complete = argv[argc - 1];
	int nargs = argc - 1;
	const char **args;
	const struct cli_command *cmd;
	if (find(q, nargs, argv, &cmd, &nargs, &args) < 0) {
		sb_adds(&q->err, "unable to find a command for arguments: ");
		add_go_list(&q->err, argc - 1, argv);
		q->directive = DIR_DEFAULT;
		return;
	}
	q->cmd = cmd;
	q->root = cmd == &q->r->root;
	q->raw = cmd->flags & CLI_RAW_ARGS;
	/* cobra adds -h/-v here unless flag parsing is off, and __complete got
	 * its -h when it was executed: every command has them */
	cmd_flags_init(q->r, cmd, true, &q->f);

	const struct option *flag;
	int flag_err = flag_for_value(q, &nargs, args, &to_complete, &flag);

	/* ParseFlags(args + "--") then ParseFlags(args), into the same flags:
	 * one more argument the first time means "--" was already there */
	bool flag_completion = true;
	const char **final = args;
	size_t nfinal = (size_t)nargs;
	if (!q->raw) {
		const char **with_dd = arena_alloc(q->a, ((size_t)nargs + 1) * sizeof(*with_dd));
		if (nargs)
			memcpy(with_dd, args, (size_t)nargs * sizeof(*args));
		with_dd[nargs] = "--";
		struct opt_parser p = { .arena = q->a, .sets = q->f.sets, .nsets = NSETS };
		sb_init(&p.err);
		opt_parse(&p, nargs + 1, with_dd);
		size_t new_count = p.nargs;
		sb_reset(&p.err);
		if (opt_parse(&p, nargs, args) < 0) {
			sb_reset(&q->err);
			sb_adds(&q->err, "Error while parsing flags from args ");
			add_go_list(&q->err, nargs, args);
			sb_adds(&q->err, ": ");
			sb_add(&q->err, p.err.buf, p.err.len);
			opt_parser_release(&p);
			q->directive = DIR_DEFAULT;
			return;
		}
		opt_parser_release(&p);
		if (new_count > p.nargs)
			flag_completion = false;
		final = p.args;
		nfinal = p.nargs;
	}
	if (flag_err < 0) {
		if (flag_completion) {
			q->directive = DIR_DEFAULT;
			return;
		}
		sb_reset(&q->err); /* a flagCompError is ignored after "--" */
	}
	for (const struct option *o = q->f.builtin; o->type != OPT_T_END; o++) {
		if (is_changed(&q->f, SET_BUILTIN, o)) { /* helpOrVersionFlagPresent */
			q->directive = DIR_NO_FILE_COMP;
			return;
		}
	}

	if (!flag && to_complete[0] == '-' && !strchr(to_complete, '=') && flag_completion) {
		complete_flag_names(q, to_complete);
		q->directive = DIR_NO_FILE_COMP;
		if (q->comps.n == 1) {
			size_t n = strlen(q->comps.v[0]);
			if (n && q->comps.v[0][n - 1] == '=')
				q->directive = DIR_NO_SPACE;
		}
		if (!q->raw)
			return;
	} else {
		q->directive = DIR_DEFAULT;
		if (!flag) {
			/* subcommands, unless a local non-persistent flag is set */
			bool local_set = false;
			for (size_t s = 0; s < NSETS; s++) {
				if (s == SET_PERSISTENT)
					continue;
				for (const struct option *o = q->f.sets[s].opts; o && o->type != OPT_T_END; o++)
					local_set = local_set || is_changed(&q->f, s, o);
			}
			if (nfinal == 0 && !local_set)
				add_subcommands(q, cmd, to_complete, true);
		}
	}

	enum complete_kind kind = COMPLETE_NONE;
	if (flag && flag_completion) {
		kind = flag->complete;
	} else if (cmd == &cli_help_cmd) {
		/* the help command's ValidArgsFunction: its argument's subcommands */
		const struct cli_command *target;
		int rest_argc;
		const char **rest_argv;
		if (find(q, (int)nfinal, final, &target, &rest_argc, &rest_argv) == 0)
			add_subcommands(q, target, to_complete, false);
		q->directive = DIR_NO_FILE_COMP;
		return;
	} else {
		kind = cmd->complete;
	}
	if (kind != COMPLETE_NONE)
		complete_names(q, kind, to_complete);
}

/* strings.TrimSpace */
static void trim_space(const char **s, size_t *n)
{
	const unsigned char *p = (const unsigned char *)*s;
	size_t i = 0, end = 0, len = *n, w;
	while (i < len && is_space_rune(cli_utf8_decode(p + i, len - i, &w)))
		i += w;
	size_t start = i;
	end = start;
	while (i < len) {
		uint32_t r = cli_utf8_decode(p + i, len - i, &w);
		i += w;
		if (!is_space_rune(r))
			end = i;
	}
	*s += start;
	*n = end - start;
}

/* getEnvConfig: <PROGRAM>_<suffix>, else COBRA_<suffix>. */
static const char *env_config(const char *app, const char *suffix)
{
	struct sb name = SB_INIT;
	sb_addf(&name, "%s_%s", app, suffix);
	for (size_t i = 0; i < name.len; i++) {
		char c = name.buf[i];
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
			c = '_';
		name.buf[i] = c;
	}
	const char *v = getenv(name.buf);
	sb_release(&name);
	if (!v || !*v) {
		sb_addf(&name, "COBRA_%s", suffix);
		v = getenv(name.buf);
		sb_release(&name);
	}
	return v ? v : "";
}

/* ShellCompDirective.string() */
static void add_directive_string(struct sb *out, int d)
{
	static const char *const names[] = {
		"ShellCompDirectiveError", "ShellCompDirectiveNoSpace",
		"ShellCompDirectiveNoFileComp", "ShellCompDirectiveFilterFileExt",
		"ShellCompDirectiveFilterDirs", "ShellCompDirectiveKeepOrder",
	};
	size_t start = out->len;
	for (int i = 0; i < 6; i++) {
		if (d & (1 << i)) {
			if (out->len > start)
				sb_adds(out, ", ");
			sb_adds(out, names[i]);
		}
	}
	if (out->len == start)
		sb_adds(out, "ShellCompDirectiveDefault");
}

/* CompErrorln: "[Debug] [Error] msg" on stderr and in $BASH_COMP_DEBUG_FILE. */
static void comp_error(const struct sb *msg)
{
	struct sb line = SB_INIT;
	sb_adds(&line, "[Debug] [Error] ");
	sb_add(&line, msg->buf, msg->len);
	sb_addc(&line, '\n');
	const char *path = getenv("BASH_COMP_DEBUG_FILE");
	if (path && *path) {
		FILE *fp = fopen(path, "a");
		if (fp) {
			fwrite(line.buf, 1, line.len, fp);
			fclose(fp);
		}
	}
	fwrite(line.buf, 1, line.len, stderr);
	sb_release(&line);
}

int complete_request(struct cli_ctx *ctx, int argc, const char **argv)
{
	struct request q = { .ctx = ctx, .r = ctx->run, .a = ctx->arena,
			     .called_as = ctx->called_as };
	q.comps.arena = ctx->arena;
	sb_init(&q.err);
	get_completions(&q, argc, argv);
	if (q.err.len)
		comp_error(&q.err);

	const char *app = ctx->app->name;
	bool no_desc = q.called_as && !strcmp(q.called_as, "__completeNoDesc");
	bool b;
	if (!no_desc && opt_parse_bool(env_config(app, "COMPLETION_DESCRIPTIONS"), &b) == 0)
		no_desc = !b;
	/* GetActiveHelpConfig(finalCmd) == "0" */
	const char *ah = getenv("COBRA_ACTIVE_HELP");
	if (!ah || strcmp(ah, "0")) {
		struct sb name = SB_INIT;
		sb_addf(&name, "%s_ACTIVE_HELP", app);
		for (size_t i = 0; i < name.len; i++) {
			char c = name.buf[i];
			if (c >= 'a' && c <= 'z')
				c = (char)(c - 'a' + 'A');
			name.buf[i] = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_';
		}
		ah = getenv(name.buf);
		sb_release(&name);
	}
	bool no_active_help = ah && !strcmp(ah, "0");

	struct sb out = SB_INIT;
	for (size_t i = 0; i < q.comps.n; i++) {
		const char *c = q.comps.v[i];
		if (no_active_help && has_prefix(c, "_activeHelp_ "))
			continue;
		size_t n = strlen(c);
		if (no_desc && strchr(c, '\t'))
			n = (size_t)(strchr(c, '\t') - c);
		const char *nl = memchr(c, '\n', n);
		if (nl)
			n = (size_t)(nl - c);
		trim_space(&c, &n);
		sb_add(&out, c, n);
		sb_addc(&out, '\n');
	}
	sb_addf(&out, ":%d\n", q.directive);
	fwrite(out.buf, 1, out.len, stdout);
	sb_reset(&out);
	sb_adds(&out, "Completion ended with directive: ");
	add_directive_string(&out, q.directive);
	sb_addc(&out, '\n');
	fwrite(out.buf, 1, out.len, stderr);
	sb_release(&out);
	sb_release(&q.err);
	return 0;
}

/* ---- the bash v1 script's per-command functions ----------------------- */

static void bash_q(struct sb *out, const char *fmt_head, const char *s, size_t n,
		   const char *fmt_tail)
{
	sb_adds(out, fmt_head);
	cli_quote(out, s, n);
	sb_adds(out, fmt_tail);
}

/* writeFlagHandler for a flag with a registered completion function */
static void bash_flag_handler(struct sb *out, const char *app, const struct option *o,
			      const char *name)
{
	if (o->complete == COMPLETE_NONE)
		return;
	bash_q(out, "    flags_with_completion+=(", name, strlen(name), ")\n");
	struct sb h = SB_INIT;
	sb_addf(&h, "__%s_handle_go_custom_completion", app);
	bash_q(out, "    flags_completion+=(", h.buf, h.len, ")\n");
	sb_release(&h);
}

/* writeFlag + writeShortFlag (+ writeLocalNonPersistentFlag) */
static void bash_flag(struct sb *out, const char *app, const struct option *o, bool local)
{
	bool value = o->type != OPT_T_BOOL;
	sb_addf(out, "    flags+=(\"--%s%s\")\n", o->long_name, value ? "=" : "");
	if (value)
		sb_addf(out, "    two_word_flags+=(\"--%s\")\n", o->long_name);
	struct sb name = SB_INIT;
	sb_addf(&name, "--%s", o->long_name);
	bash_flag_handler(out, app, o, name.buf);
	if (o->short_name) {
		sb_addf(out, "    %sflags+=(\"-%c\")\n", value ? "two_word_" : "", o->short_name);
		sb_reset(&name);
		sb_addf(&name, "-%c", o->short_name);
		bash_flag_handler(out, app, o, name.buf);
	}
	sb_release(&name);
	if (local) {
		sb_addf(out, "    local_nonpersistent_flags+=(\"--%s\")\n", o->long_name);
		if (value)
			sb_addf(out, "    local_nonpersistent_flags+=(\"--%s=\")\n", o->long_name);
		if (o->short_name)
			sb_addf(out, "    local_nonpersistent_flags+=(\"-%c\")\n", o->short_name);
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* gen() for one command.  Only the command cobra executed (ctx->cmd, i.e.
 * `completion`) has its -h/--help flag when the script is generated. */
static void bash_command(struct cli_ctx *ctx, struct sb *out, const struct cli_command *cmd)
{
	struct cli_run *r = ctx->run;
	const char *app = r->app->name;
	bool root = cmd == &r->root;
	struct sb path = SB_INIT;
	sb_adds(&path, app);
	if (!root) {
		sb_addc(&path, '_');
		sb_add(&path, cmd->use, cli_name_len(cmd));
	}
	sb_addf(out, "_%s%s()\n{\n", path.buf, root ? "_root_command" : "");
	bash_q(out, "    last_command=", path.buf, path.len, "\n\n");
	sb_adds(out, "    command_aliases=()\n\n    commands=()\n");
	sb_release(&path);

	const struct cli_command **subs = xcalloc(r->app->ncmds + 1, sizeof(*subs));
	size_t nsubs = cli_subcommands(r, cmd, subs);
	for (size_t i = 0; i < nsubs; i++) {
		bash_q(out, "    commands+=(", subs[i]->use, cli_name_len(subs[i]), ")\n");
		if (subs[i]->aliases && subs[i]->aliases[0]) { /* writeCmdAliases */
			size_t na = 0;
			while (subs[i]->aliases[na])
				na++;
			const char **al = xcalloc(na, sizeof(*al));
			memcpy(al, subs[i]->aliases, na * sizeof(*al));
			qsort(al, na, sizeof(*al), cmp_str);
			sb_adds(out, "    if [[ -z \"${BASH_VERSION:-}\" || \"${BASH_VERSINFO[0]:-}\" -gt 3 ]]; then\n");
			for (size_t k = 0; k < na; k++) {
				bash_q(out, "        command_aliases+=(", al[k], strlen(al[k]), ")\n");
				bash_q(out, "        aliashash[", al[k], strlen(al[k]), "]=");
				cli_quote(out, subs[i]->use, cli_name_len(subs[i]));
				sb_addc(out, '\n');
			}
			sb_adds(out, "    fi\n");
			free(al);
		}
	}
	free(subs);
	sb_adds(out, "\n    flags=()\n    two_word_flags=()\n    local_nonpersistent_flags=()\n"
		     "    flags_with_completion=()\n    flags_completion=()\n\n");
	if (cmd->flags & CLI_RAW_ARGS)
		sb_adds(out, "    flag_parsing_disabled=1\n");

	struct cmd_flags f;
	cmd_flags_init(r, cmd, cmd == ctx->cmd, &f);
	static const size_t local[] = { SET_LOCAL, SET_BUILTIN };
	static const size_t root_local[] = { SET_PERSISTENT, SET_BUILTIN };
	static const size_t inherited[] = { SET_PERSISTENT };
	size_t n;
	struct flag_ref *v = sorted_flags(&f, root ? root_local : local, 2, &n);
	for (size_t i = 0; i < n; i++)
		bash_flag(out, app, v[i].o, v[i].set != SET_PERSISTENT);
	free(v);
	if (!root) {
		v = sorted_flags(&f, inherited, 1, &n);
		for (size_t i = 0; i < n; i++)
			bash_flag(out, app, v[i].o, false);
		free(v);
	}
	sb_adds(out, "\n    must_have_one_flag=()\n    must_have_one_noun=()\n");
	if (cmd->complete != COMPLETE_NONE || cmd == &cli_help_cmd)
		sb_adds(out, "    has_completion_function=1\n");
	sb_adds(out, "    noun_aliases=()\n}\n\n");
}

int complete_script(struct cli_ctx *ctx, const char *shell, struct sb *out)
{
	if (!strcmp(shell, "bash")) {
		struct cli_run *r = ctx->run;
		sb_adds(out, complete_bash_head);
		const struct cli_command **subs = xcalloc(r->app->ncmds + 1, sizeof(*subs));
		size_t n = cli_subcommands(r, &r->root, subs);
		for (size_t i = 0; i < n; i++)
			bash_command(ctx, out, subs[i]);
		free(subs);
		bash_command(ctx, out, &r->root);
		sb_adds(out, complete_bash_tail);
	} else if (!strcmp(shell, "zsh")) {
		sb_adds(out, complete_zsh);
	} else if (!strcmp(shell, "fish")) {
		sb_adds(out, complete_fish);
	} else if (!strcmp(shell, "powershell")) {
		sb_adds(out, complete_powershell);
	} else {
		return -1;
	}
	return 0;
}
