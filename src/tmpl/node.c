/* node.c — Node.String() of text/template/parse (node.go writeTo): the
 * canonical text of a parse tree, used in error messages ("at <...>") and
 * by the parser itself to rebuild field chains. */
#include "tmpl/node.h"

#include "base/quote.h"
#include "base/sb.h"

static void add(struct sb *out, struct tmpl_str s)
{
	sb_add(out, s.p, s.n);
}

static void write_pipe(struct sb *out, const struct tmpl_pipe *p)
{
	if (p->ndecl > 0) {
		for (uint32_t i = 0; i < p->ndecl; i++) {
			if (i > 0)
				sb_adds(out, ", ");
			tmpl_node_write(out, &p->decl[i]->h);
		}
		sb_adds(out, p->is_assign ? " = " : " := ");
	}
	for (uint32_t i = 0; i < p->n; i++) {
		if (i > 0)
			sb_adds(out, " | ");
		tmpl_node_write(out, &p->cmds[i]->h);
	}
}

static void write_list(struct sb *out, const struct tmpl_list *l)
{
	for (uint32_t i = 0; i < l->n; i++)
		tmpl_node_write(out, l->nodes[i]);
}

void tmpl_node_write(struct sb *out, const struct tmpl_node *n)
{
	switch (n->type) {
	case TN_TEXT:
		add(out, ((const struct tmpl_text *)n)->text);
		break;
	case TN_COMMENT:
		sb_adds(out, "{{");
		add(out, ((const struct tmpl_comment *)n)->text);
		sb_adds(out, "}}");
		break;
	case TN_ACTION:
		sb_adds(out, "{{");
		write_pipe(out, ((const struct tmpl_action *)n)->pipe);
		sb_adds(out, "}}");
		break;
	case TN_PIPE:
		write_pipe(out, (const struct tmpl_pipe *)n);
		break;
	case TN_COMMAND: {
		const struct tmpl_command *c = (const struct tmpl_command *)n;
		for (uint32_t i = 0; i < c->n; i++) {
			if (i > 0)
				sb_addc(out, ' ');
			if (c->args[i]->type == TN_PIPE) {
				sb_addc(out, '(');
				write_pipe(out, (const struct tmpl_pipe *)c->args[i]);
				sb_addc(out, ')');
				continue;
			}
			tmpl_node_write(out, c->args[i]);
		}
		break;
	}
	case TN_IDENT:
		add(out, ((const struct tmpl_ident *)n)->name);
		break;
	case TN_VARIABLE: {
		const struct tmpl_variable *v = (const struct tmpl_variable *)n;
		for (uint32_t i = 0; i < v->n; i++) {
			if (i > 0)
				sb_addc(out, '.');
			add(out, v->ident[i]);
		}
		break;
	}
	case TN_DOT:
		sb_addc(out, '.');
		break;
	case TN_NIL:
		sb_adds(out, "nil");
		break;
	case TN_FIELD: {
		const struct tmpl_field *f = (const struct tmpl_field *)n;
		for (uint32_t i = 0; i < f->n; i++) {
			sb_addc(out, '.');
			add(out, f->ident[i]);
		}
		break;
	}
	case TN_CHAIN: {
		const struct tmpl_chain *c = (const struct tmpl_chain *)n;
		if (c->node->type == TN_PIPE) {
			sb_addc(out, '(');
			tmpl_node_write(out, c->node);
			sb_addc(out, ')');
		} else {
			tmpl_node_write(out, c->node);
		}
		for (uint32_t i = 0; i < c->n; i++) {
			sb_addc(out, '.');
			add(out, c->field[i]);
		}
		break;
	}
	case TN_BOOL:
		sb_adds(out, ((const struct tmpl_bool *)n)->value ? "true" : "false");
		break;
	case TN_NUMBER:
		add(out, ((const struct tmpl_number *)n)->text);
		break;
	case TN_STRING:
		add(out, ((const struct tmpl_string *)n)->quoted);
		break;
	case TN_IF:
	case TN_RANGE:
	case TN_WITH: {
		const struct tmpl_branch *b = (const struct tmpl_branch *)n;
		sb_adds(out, n->type == TN_IF ? "{{if " : n->type == TN_RANGE ? "{{range " : "{{with ");
		write_pipe(out, b->pipe);
		sb_adds(out, "}}");
		write_list(out, b->list);
		if (b->else_list) {
			sb_adds(out, "{{else}}");
			write_list(out, b->else_list);
		}
		sb_adds(out, "{{end}}");
		break;
	}
	case TN_LIST:
		write_list(out, (const struct tmpl_list *)n);
		break;
	case TN_TEMPLATE: {
		const struct tmpl_template *t = (const struct tmpl_template *)n;
		sb_adds(out, "{{template ");
		strconv_append_quote(out, t->name.p, t->name.n);
		if (t->pipe) {
			sb_addc(out, ' ');
			write_pipe(out, t->pipe);
		}
		sb_adds(out, "}}");
		break;
	}
	case TN_BREAK:
		sb_adds(out, "{{break}}");
		break;
	case TN_CONTINUE:
		sb_adds(out, "{{continue}}");
		break;
	case TN_END:
		sb_adds(out, "{{end}}");
		break;
	case TN_ELSE:
		sb_adds(out, "{{else}}");
		break;
	}
}

void tmpl_node_location(struct sb *out, const struct tmpl_node *n)
{
	const struct tmpl_tree *t = n->tree;
	size_t pos = n->pos;
	size_t line = 1, last_nl = (size_t)-1;
	for (size_t i = 0; i < pos && i < t->text_len; i++) {
		if (t->text[i] == '\n') {
			line++;
			last_nl = i;
		}
	}
	size_t col = last_nl == (size_t)-1 ? pos : pos - (last_nl + 1);
	sb_add(out, t->parse_name.p, t->parse_name.n);
	sb_addf(out, ":%zu:%zu", line, col);
}
