/* tmpl.h — Go's text/template for cozypkg: a set of named templates parsed
 * once (lex.c, parse.c) and executed against values (exec.c).
 *
 * Names and texts passed in must outlive the set (chart files stay loaded
 * for the whole run); the parse trees point into them. */
#ifndef COZY_TMPL_H
#define COZY_TMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/sb.h"
#include "tmpl/node.h"
#include "value/codec.h"
#include "value/value.h"

struct tmpl_exec;

/* A template function, called with arguments already converted to the
 * declared parameter types.  Returns 0 with *out set, or -1 after
 * tmpl_fail() (Go's non-nil error return: "error calling NAME: ..."). */
typedef int (*tmpl_fn)(struct tmpl_exec *x, val *args, size_t nargs, val *out);

/* Parameter types, as text/template's evalArg/validateType sees them. */
enum tmpl_ptype {
	TP_ANY,     /* interface{} */
	TP_VALUE,   /* reflect.Value (builtins): no conversion, nil stays invalid */
	TP_STRING,  /* string */
	TP_INT,     /* int */
	TP_INT64,   /* int64 */
	TP_FLOAT64, /* float64 */
	TP_BOOL,    /* bool */
	TP_LIST,    /* []interface{} */
	TP_MAP,     /* map[string]interface{} (chartutil.Values converts) */
	TP_STRINGS, /* []string */
	TP_BYTES,   /* []byte */
	TP_UINT32,  /* uint32 (Sprig's derivePassword counter) */
	/* in[i] >= GT_HOST_FIRST: the host type with that gotype (a struct,
	 * e.g. sprig.certificate: type_of names it; nil is not assignable) */
};
#define TMPL_HAVE_HOST_PARAMS 1

struct tmpl_func {
	const char *name;
	tmpl_fn fn;
	uint8_t nin;   /* declared parameters */
	bool variadic; /* the last parameter is ...in[nin-1] */
	uint8_t in[6];
	uint8_t special; /* TF_* for the builtins the executor treats specially */
};

enum {
	TF_SHORT_CIRCUIT = 1, /* and, or: arguments evaluated lazily */
	TF_CALL,              /* call: the callee's text is passed first */
};

/* The function map: text/template's builtins plus added tables; a later
 * table's function replaces an earlier one of the same name (Go's Funcs). */
struct tmpl_funcs {
	struct arena *arena;
	val index; /* name -> VAL_INT position */
	const struct tmpl_func **funcs;
	size_t n, cap;
};

void tmpl_funcs_init(struct tmpl_funcs *f, struct arena *a);
void tmpl_funcs_add(struct tmpl_funcs *f, const struct tmpl_func *table, size_t n);
int tmpl_funcs_lookup(const struct tmpl_funcs *f, const char *name, size_t n);

struct tmpl_set {
	struct arena *arena;
	val trees; /* name -> VAL_OPAQUE (struct tmpl_tree *) */
	const struct tmpl_funcs *funcs;
	const char *ldelim, *rdelim; /* NULL = "{{" "}}" */
	bool skip_func_check;        /* parse.SkipFuncCheck */
	const char *root_name;       /* name of the set's root template (Helm: "gotpl") */
	const struct tmpl_set *parent; /* a clone sees its parent's templates (tpl) */
};

void tmpl_set_init(struct tmpl_set *s, struct arena *a, const struct tmpl_funcs *funcs);

/* t.New(name).Parse(text): parse text as template `name`; its {{define}}s
 * and {{block}}s join the set (an empty definition does not replace an
 * existing one, as text/template's associate rules).  On error nothing is
 * added, -1 is returned and err gets Go's text, e.g.
 * `template: x.yaml:3: function "nope" not defined`. */
int tmpl_parse(struct tmpl_set *s, const char *name, size_t nlen, const char *text, size_t tlen,
	       struct sb *err);

/* tmpl_parse that also gives the tree parsed from text itself (Go's
 * t.New(name).Parse(text) leaves it in t.Tree even when the set keeps an
 * older non-empty definition of name: an empty text executes as ""). */
int tmpl_parse_top(struct tmpl_set *s, const char *name, size_t nlen, const char *text, size_t tlen,
		   struct tmpl_tree **tree, struct sb *err);

struct tmpl_tree *tmpl_lookup(const struct tmpl_set *s, const char *name, size_t n);

/* A cheap Template.Clone(): a child set whose own definitions shadow the
 * parent's, which stays untouched (Helm's tpl parses into a clone). */
void tmpl_set_clone(struct tmpl_set *child, const struct tmpl_set *parent);

/* ---- execution (exec.c) ---- */

/* Set on val.flags by the executor: the value sits in an interface{} (Go's
 * reflect.Interface kind: a map/slice element or a zero interface).  A
 * VAL_NULL without it is Go's invalid reflect.Value ("<no value>"). */
#define TMPL_IFACE 0x0001

/* A host type (Helm's structs and named maps such as chartutil.Values or
 * engine.files), found by the value's gotype. */
struct tmpl_type {
	const char *name;  /* Go type name, for errors and %T */
	bool is_struct;    /* a VAL_MAP standing for a struct: unknown fields are errors */
	bool elem_iface;   /* elements are interface{} (map[string]interface{}) */
	const struct tmpl_func *methods; /* receiver passed as args[0] */
	size_t nmethods;
	/* fmt.Print of the value (String() methods, struct layout), or NULL */
	void (*print)(struct tmpl_exec *x, val v, struct sb *out);
	/* a missing key of a map whose elements are not interface{} */
	val elem_zero;
	/* Go's == works on it (a struct of comparable fields): eq/ne compare
	 * the fields instead of failing with "non-comparable type" */
	bool comparable;
	/* print is the type's String() method, which fmt also calls (%v %s
	 * %q %x %X at any depth); without it fmt prints the struct or map */
	bool stringer;
};

struct tmpl_var {
	struct tmpl_str name;
	val v;
};

struct tmpl_exec {
	struct tmpl_set *set;
	struct arena *a;
	struct sb *out;
	const struct tmpl_tree *tmpl;  /* template being executed (error text) */
	const struct tmpl_node *node;  /* current node (error position) */
	struct tmpl_var *vars;
	size_t nvars, capvars;
	int depth;
	void *jb;                      /* jmp_buf of this execution */
	struct sb *err;
	struct sb fnerr;               /* a function's error, set by tmpl_fail */
	void *host;
	const struct tmpl_type *(*type_of)(void *host, uint8_t gotype);
	const void *fmt_deref; /* fmt prints this pointer's struct without & (printableValue) */
};

/* t.ExecuteTemplate(out, name, data).  Returns 0, or -1 with Go's error text
 * in err (output written so far stays in out, as Go leaves it). */
int tmpl_execute(struct tmpl_set *s, const char *name, size_t n, val data, struct sb *out,
		 struct sb *err, void *host, const struct tmpl_type *(*type_of)(void *, uint8_t));
/* t.Execute(out, data) of a tree from tmpl_parse_top. */
int tmpl_execute_tree(struct tmpl_set *s, const struct tmpl_tree *t, val data, struct sb *out, struct sb *err,
		      void *host, const struct tmpl_type *(*type_of)(void *, uint8_t));
/* tmpl_execute's return for "no template NAME associated with ...", which
 * Go returns as a plain error rather than an ExecError. */
#define TMPL_ENOTEMPLATE (-2)

/* A function's error return: the text after "error calling NAME: ". */
int tmpl_fail(struct tmpl_exec *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Go's reflect type name of a value as the executor sees it. */
const char *tmpl_type_name(struct tmpl_exec *x, val v);

/* Go's fmt with the host types (%T names, String() methods, structs as
 * {a b}, pointers to structs as &{a b}): the hook for codec.h's *_h
 * printers, and fmt.Sprint(v) through it. */
#define TMPL_HAVE_HOST_FMT 1
void tmpl_fmt_host(struct tmpl_exec *x, struct val_fmt_host *h);
void tmpl_fmt_v(struct tmpl_exec *x, val v, struct sb *out);
/* The same after text/template's indirect(): a pointer to a struct prints
 * as the struct (printableValue, range's error, html/js/urlquery). */
void tmpl_fmt_v_deref(struct tmpl_exec *x, val v, struct sb *out);

#endif
