/* node.h — the parse tree of Go's text/template (text/template/parse
 * node.go), allocated in the template set's arena.  Text and identifiers
 * point into the template source; nothing is copied that need not be. */
#ifndef COZY_TMPL_NODE_H
#define COZY_TMPL_NODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct tmpl_tree;

enum tmpl_node_type {
	TN_TEXT,
	TN_ACTION,
	TN_BOOL,
	TN_CHAIN,
	TN_COMMAND,
	TN_DOT,
	TN_FIELD,
	TN_IDENT,
	TN_IF,
	TN_LIST,
	TN_NIL,
	TN_NUMBER,
	TN_PIPE,
	TN_RANGE,
	TN_STRING,
	TN_TEMPLATE,
	TN_VARIABLE,
	TN_WITH,
	TN_COMMENT,
	TN_BREAK,
	TN_CONTINUE,
	TN_END,  /* parser-internal: {{end}} */
	TN_ELSE, /* parser-internal: {{else}} */
};

/* A string slice into the source or the arena. */
struct tmpl_str {
	const char *p;
	uint32_t n;
};

struct tmpl_node {
	uint8_t type;  /* enum tmpl_node_type */
	uint32_t pos;  /* byte offset in tree->text */
	uint32_t line; /* actions, pipes, branches, templates, break/continue, else */
	struct tmpl_tree *tree;
};

struct tmpl_list {
	struct tmpl_node h;
	uint32_t n, cap;
	struct tmpl_node **nodes;
};

struct tmpl_text {
	struct tmpl_node h;
	struct tmpl_str text;
};

struct tmpl_comment {
	struct tmpl_node h;
	struct tmpl_str text; /* including the comment markers */
};

struct tmpl_command {
	struct tmpl_node h;
	uint32_t n, cap;
	struct tmpl_node **args;
};

struct tmpl_variable {
	struct tmpl_node h;
	uint32_t n;             /* number of idents: "$x.a.b" -> $x a b */
	struct tmpl_str *ident;
};

struct tmpl_pipe {
	struct tmpl_node h;
	bool is_assign;
	uint32_t ndecl;
	struct tmpl_variable **decl;
	uint32_t n, cap;
	struct tmpl_command **cmds;
};

struct tmpl_action {
	struct tmpl_node h;
	struct tmpl_pipe *pipe;
};

struct tmpl_ident {
	struct tmpl_node h;
	struct tmpl_str name;
	int func; /* index in the function table, -1 when unchecked */
};

struct tmpl_field {
	struct tmpl_node h;
	uint32_t n;
	struct tmpl_str *ident;
};

struct tmpl_chain {
	struct tmpl_node h;
	struct tmpl_node *node;
	uint32_t n, cap;
	struct tmpl_str *field;
};

struct tmpl_bool {
	struct tmpl_node h;
	bool value;
};

struct tmpl_number {
	struct tmpl_node h;
	bool is_int, is_uint, is_float, is_complex;
	int64_t i;
	uint64_t u;
	double f;
	double real, imag; /* complex128 */
	struct tmpl_str text;
};

struct tmpl_string {
	struct tmpl_node h;
	struct tmpl_str quoted; /* as written, quotes included */
	struct tmpl_str text;   /* unquoted */
};

/* if, range, with */
struct tmpl_branch {
	struct tmpl_node h;
	struct tmpl_pipe *pipe;
	struct tmpl_list *list;
	struct tmpl_list *else_list; /* NULL when absent */
};

struct tmpl_template {
	struct tmpl_node h;
	struct tmpl_str name;
	struct tmpl_pipe *pipe; /* NULL when absent */
};

/* A parsed template: one per file and one per {{define}}/{{block}}. */
struct tmpl_tree {
	struct tmpl_str name;       /* template name */
	struct tmpl_str parse_name; /* top-level name during parsing, for errors */
	struct tmpl_list *root;
	const char *text;           /* the whole source the tree was parsed from */
	size_t text_len;
};

struct sb;
/* Go's Node.String(): the canonical text of a node / tree. */
void tmpl_node_write(struct sb *out, const struct tmpl_node *n);
/* ErrorContext: "NAME:LINE:COL" of a node (col in bytes, as Go counts). */
void tmpl_node_location(struct sb *out, const struct tmpl_node *n);

#endif
