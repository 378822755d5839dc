/* opt.h — flag tables and the flag parser, behaving as spf13/pflag v1.0.10
 * does under cobra v1.10.1: `--flag=value`, `--flag value`, `-f value`,
 * `-fvalue`, `-f=value`, clusters (`-An`), `--`, flags among arguments, and
 * pflag's exact error texts.  A table (one per command) is an array of
 * OPT_* entries ended by OPT_END(); each entry names a field of the
 * command's options struct, checked for its C type at compile time. */
#ifndef COZY_CLI_OPT_H
#define COZY_CLI_OPT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/sb.h"

enum opt_type {
	OPT_T_END,
	OPT_T_BOOL,         /* bool; `--f` means true, `--f=false` works (pflag NoOptDefVal) */
	OPT_T_STRING,       /* const char *; last one wins */
	OPT_T_STRING_SLICE, /* struct opt_list; each value split as one CSV record (pflag StringSlice) */
	OPT_T_STRING_ARRAY, /* struct opt_list; each value kept whole (pflag StringArray) */
	OPT_T_DURATION,     /* long long nanoseconds; time.ParseDuration (pflag DurationVar) */
};

/* What cobra's completion offers for a flag's value or a command's
 * arguments (a RegisterFlagCompletionFunc / ValidArgsFunction), answered by
 * complete_dynamic() in src/cli/complete.h. */
enum complete_kind {
	COMPLETE_NONE,
	COMPLETE_RELEASES,   /* HelmRelease names in the namespace */
	COMPLETE_NAMESPACES, /* namespace names */
};

/* The values of a repeatable flag, in command-line order (arena memory). */
struct opt_list {
	const char **v;
	size_t n, cap;
};

struct option {
	enum opt_type type;
	char short_name; /* 0: none */
	const char *long_name;
	size_t offset;   /* of the value inside the options struct */
	const char *help;
	long long def;   /* OPT_T_DURATION: the default, set before parsing (pflag DefValue) */
	enum complete_kind complete; /* flag value completion (cobra RegisterFlagCompletionFunc) */
};

/* offsetof(st, field), refusing (via -Werror) a field of another C type. */
#define OPT__AT(st, field, ctype) \
	(offsetof(st, field) + 0 * sizeof(&((st *)0)->field == (ctype *)0))
#define OPT_BOOL(s, l, st, field, h) \
	{ OPT_T_BOOL, (s), (l), OPT__AT(st, field, bool), (h), 0, COMPLETE_NONE }
#define OPT_STRING(s, l, st, field, h) \
	{ OPT_T_STRING, (s), (l), OPT__AT(st, field, const char *), (h), 0, COMPLETE_NONE }
/* A string flag whose values shell completion asks complete_dynamic() for. */
#define OPT_STRING_COMPLETE(s, l, st, field, kind, h) \
	{ OPT_T_STRING, (s), (l), OPT__AT(st, field, const char *), (h), 0, (kind) }
/* def: the default in nanoseconds (help shows it as Go's Duration.String). */
#define OPT_DURATION(s, l, st, field, def, h) \
	{ OPT_T_DURATION, (s), (l), OPT__AT(st, field, long long), (h), (def), COMPLETE_NONE }
#define OPT_STRING_SLICE(s, l, st, field, h) \
	{ OPT_T_STRING_SLICE, (s), (l), OPT__AT(st, field, struct opt_list), (h), 0, COMPLETE_NONE }
#define OPT_STRING_ARRAY(s, l, st, field, h) \
	{ OPT_T_STRING_ARRAY, (s), (l), OPT__AT(st, field, struct opt_list), (h), 0, COMPLETE_NONE }
#define OPT_END() { OPT_T_END, 0, NULL, 0, NULL, 0, COMPLETE_NONE }

/* One table and the struct its offsets point into.  `changed` (one bool per
 * entry, may be NULL) records which flags the command line set. */
struct opt_set {
	const struct option *opts;
	void *base;
	bool *changed;
};

size_t opt_count(const struct option *opts);

/* Find a flag by long name (n bytes) or by shorthand across sets; NULL if
 * absent.  *set_index, when not NULL, receives the set it came from. */
const struct option *opt_find_long(const struct opt_set *sets, size_t nsets,
				   const char *name, size_t n, size_t *set_index);
const struct option *opt_find_short(const struct opt_set *sets, size_t nsets,
				    char c, size_t *set_index);

struct opt_parser {
	struct arena *arena;
	const struct opt_set *sets;
	size_t nsets;
	const char **args; /* positional arguments (arena), nargs of them */
	size_t nargs;
	struct sb err;     /* pflag's message when opt_parse() fails */
};

/* pflag FlagSet.Parse with interspersed arguments: 0, or -1 with p->err set
 * (e.g. "unknown flag: --nosuch").  Stops at the first error like pflag. */
int opt_parse(struct opt_parser *p, int argc, const char **argv);
void opt_parser_release(struct opt_parser *p);

/* Store every flag's default into the options struct at base (pflag sets
 * the variable to the default when the flag is defined). */
void opt_defaults(const struct option *opts, void *base);

/* pflag FlagSet.FlagUsages(): one aligned line per flag, sorted by name. */
void opt_usages(struct sb *out, const struct opt_set *sets, size_t nsets);

/* The flags the command line set, sorted by name, one "--name=value" line
 * each (value as Go prints it: bool, %q, or [%q %q]).  For tests. */
void opt_trace(struct sb *out, const struct opt_set *sets, size_t nsets);

/* strconv.ParseBool. */
int opt_parse_bool(const char *s, bool *out);

/* Split one value as pflag's StringSlice does (encoding/csv, first record):
 * 0, or -1 with the csv error text ("parse error on line 1, column 2: ...")
 * in err. */
int opt_split_csv(struct arena *a, const char *s, struct opt_list *out, struct sb *err);

void opt_list_add(struct arena *a, struct opt_list *l, const char *s);

/* time.ParseDuration: 0, or -1 with Go's error text in err (e.g. `time:
 * unknown unit "d" in duration "1d"`). */
int opt_parse_duration(const char *s, long long *out, struct sb *err);
/* time.Duration.String: "1h2m3.5s", "1.5ms", "0s". */
void opt_format_duration(struct sb *out, long long ns);

#endif
