/* lex.h — the text/template lexer (text/template/parse/lex.go), pulled one
 * token at a time by the parser. */
#ifndef COZY_TMPL_LEX_H
#define COZY_TMPL_LEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/sb.h"

enum tmpl_tok_type {
	TK_ERROR, /* val is the error text */
	TK_BOOL,
	TK_CHAR,
	TK_CHAR_CONSTANT,
	TK_COMMENT,
	TK_COMPLEX,
	TK_ASSIGN,
	TK_DECLARE,
	TK_EOF,
	TK_FIELD,
	TK_IDENTIFIER,
	TK_LEFT_DELIM,
	TK_LEFT_PAREN,
	TK_NUMBER,
	TK_PIPE,
	TK_RAW_STRING,
	TK_RIGHT_DELIM,
	TK_RIGHT_PAREN,
	TK_SPACE,
	TK_STRING,
	TK_TEXT,
	TK_VARIABLE,
	TK_KEYWORD, /* keywords follow */
	TK_BLOCK,
	TK_BREAK,
	TK_CONTINUE,
	TK_DOT,
	TK_DEFINE,
	TK_ELSE,
	TK_END,
	TK_IF,
	TK_NIL,
	TK_RANGE,
	TK_TEMPLATE,
	TK_WITH,
};

struct tmpl_tok {
	const char *val;
	uint32_t len;
	uint32_t pos;
	int line;
	uint8_t type;  /* enum tmpl_tok_type */
	uint8_t plain; /* TK_STRING of ASCII without escapes: unquoting is slicing */
};

struct tmpl_lexer {
	struct arena *arena; /* for error texts */
	const char *input;
	size_t len;
	const char *ldelim, *rdelim;
	size_t ldlen, rdlen;
	size_t pos, start;
	bool at_eof;
	bool inside_action;
	int paren_depth;
	int line, start_line;
	bool emit_comment, break_ok, continue_ok;
	struct tmpl_tok item;
};

void tmpl_lex_init(struct tmpl_lexer *l, struct arena *a, const char *input, size_t len,
		   const char *ldelim, const char *rdelim);
void tmpl_lex_next_call(struct tmpl_lexer *l, struct tmpl_tok *out);

/* The next token into *out (Go's nextItem).  The commonest token, one
 * space between two words of an action, is made here without a call. */
static inline void tmpl_lex_next(struct tmpl_lexer *l, struct tmpl_tok *out)
{
	size_t p = l->pos;
	if (l->inside_action && p + 2 < l->len && l->input[p] == ' ' && l->rdelim[0] != ' ') {
		char c = l->input[p + 1];
		/* not a longer run, not the " -" of a trim-marked delimiter */
		if (c != ' ' && c != '-' && c != '\n' && c != '\t' && c != '\r') {
			*out = (struct tmpl_tok){ l->input + p, 1, (uint32_t)p, l->line, TK_SPACE, 0 };
			l->pos = l->start = p + 1;
			return;
		}
	}
	tmpl_lex_next_call(l, out);
}
/* Go's item.String(): EOF, the error text, <keyword>, or %q (%.10q... when long). */
void tmpl_tok_describe(struct sb *out, const struct tmpl_tok *t);

#endif
