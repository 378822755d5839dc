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
#include "value/value.h"

/* The function table the parser checks identifiers against (Go's
 * parse.Tree.funcs): returns an index >= 0, or -1 for "not defined". */
struct tmpl_funcs {
	int (*lookup)(const void *ctx, const char *name, size_t n);
	const void *ctx;
};

struct tmpl_set {
	struct arena *arena;
	val trees; /* name -> VAL_OPAQUE (struct tmpl_tree *) */
	const struct tmpl_funcs *funcs;
	const char *ldelim, *rdelim; /* NULL = "{{" "}}" */
	bool skip_func_check;        /* parse.SkipFuncCheck */
};

void tmpl_set_init(struct tmpl_set *s, struct arena *a, const struct tmpl_funcs *funcs);

/* t.New(name).Parse(text): parse text as template `name`; its {{define}}s
 * and {{block}}s join the set (an empty definition does not replace an
 * existing one, as text/template's associate rules).  On error nothing is
 * added, -1 is returned and err gets Go's text, e.g.
 * `template: x.yaml:3: function "nope" not defined`. */
int tmpl_parse(struct tmpl_set *s, const char *name, size_t nlen, const char *text, size_t tlen,
	       struct sb *err);

struct tmpl_tree *tmpl_lookup(const struct tmpl_set *s, const char *name, size_t n);

#endif
