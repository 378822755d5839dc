/* exec.c — text/template's executor (text/template/exec.go of Go 1.23.7):
 * walks a parse tree against a value, with reflect's rules re-stated on the
 * value model: interface{} wrapping (TMPL_IFACE), invalid values, Go's
 * assignability for function arguments and the exact error texts.
 * Errors unwind with longjmp to tmpl_execute(); everything allocated during
 * execution is arena memory, so nothing leaks on the way out. */
#include "tmpl/tmpl.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <string.h>

#include "base/quote.h"
#include "value/codec.h"

/* Go's maxExecDepth: template invocations nested this deep are an error. */
#define MAX_EXEC_DEPTH 100000

enum walk_result { W_NORMAL, W_BREAK, W_CONTINUE };

/* Stands for text/template's missingVal: "no final argument". */
static const val missing = { .kind = VAL_OPAQUE, .flags = 0x8000 };

static bool is_missing(val v)
{
	return v.kind == VAL_OPAQUE && v.flags == 0x8000 && v.u.p == NULL;
}

static bool is_invalid(val v)
{
	return v.kind == VAL_NULL && !(v.flags & TMPL_IFACE);
}

static bool is_iface(val v)
{
	return (v.flags & TMPL_IFACE) != 0;
}

/* reflect's Elem() on an interface: the concrete value (invalid for nil). */
static val concrete(val v)
{
	v.flags &= (uint16_t)~TMPL_IFACE;
	return v;
}

static val as_iface(val v)
{
	v.flags |= TMPL_IFACE;
	return v;
}

/* ---- types ---- */

static const struct tmpl_type *host_type(struct tmpl_exec *x, val v)
{
	if (!x->type_of || v.gotype == GT_DEFAULT)
		return NULL;
	return x->type_of(x->host, v.gotype);
}

const char *tmpl_type_name(struct tmpl_exec *x, val v)
{
	if (is_iface(v))
		return "interface {}";
	const struct tmpl_type *t = host_type(x, v);
	if (t)
		return t->name;
	return val_go_type_name(v);
}

/* ---- errors ---- */

__attribute__((noreturn)) static void unwind(struct tmpl_exec *x)
{
	longjmp(*(jmp_buf *)x->jb, 1);
}

__attribute__((noreturn, format(printf, 2, 3))) static void errorf(struct tmpl_exec *x, const char *fmt, ...)
{
	struct sb *e = x->err;
	sb_adds(e, "template: ");
	if (!x->node) {
		sb_add(e, x->tmpl->name.p, x->tmpl->name.n);
		sb_adds(e, ": ");
	} else {
		tmpl_node_location(e, x->node);
		sb_adds(e, ": executing ");
		strconv_append_quote(e, x->tmpl->name.p, x->tmpl->name.n);
		sb_adds(e, " at <");
		tmpl_node_write(e, x->node);
		sb_adds(e, ">: ");
	}
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(e, fmt, ap);
	va_end(ap);
	unwind(x);
}

int tmpl_fail(struct tmpl_exec *x, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&x->fnerr, fmt, ap);
	va_end(ap);
	return -1;
}

/* fmt's %v of a value for error messages, in the arena. */
static const char *fmt_v(struct tmpl_exec *x, val v)
{
	struct sb s = SB_INIT;
	if (is_invalid(v))
		sb_adds(&s, "<invalid reflect.Value>");
	else
		tmpl_fmt_v_deref(x, concrete(v), &s);
	char *p = arena_memdup(x->a, s.buf, s.len);
	sb_release(&s);
	return p;
}

static const char *node_str(struct tmpl_exec *x, const struct tmpl_node *n)
{
	struct sb s = SB_INIT;
	tmpl_node_write(&s, n);
	char *p = arena_memdup(x->a, s.buf, s.len);
	sb_release(&s);
	return p;
}

static const char *quoted(struct tmpl_exec *x, const char *p, size_t n)
{
	struct sb s = SB_INIT;
	strconv_append_quote(&s, p, n);
	char *r = arena_memdup(x->a, s.buf, s.len);
	sb_release(&s);
	return r;
}

/* ---- variables ---- */

static void push_var(struct tmpl_exec *x, struct tmpl_str name, val v)
{
	if (x->nvars == x->capvars) {
		size_t nc = x->capvars ? x->capvars * 2 : 16;
		x->vars = arena_grow(x->a, x->vars, x->capvars * sizeof(*x->vars), nc * sizeof(*x->vars));
		x->capvars = nc;
	}
	x->vars[x->nvars++] = (struct tmpl_var){ name, v };
}

static bool str_eq(struct tmpl_str a, struct tmpl_str b)
{
	return a.n == b.n && memcmp(a.p, b.p, a.n) == 0;
}

static void set_var(struct tmpl_exec *x, struct tmpl_str name, val v)
{
	for (size_t i = x->nvars; i-- > 0;) {
		if (str_eq(x->vars[i].name, name)) {
			x->vars[i].v = v;
			return;
		}
	}
	errorf(x, "undefined variable: %.*s", (int)name.n, name.p);
}

static val var_value(struct tmpl_exec *x, struct tmpl_str name)
{
	for (size_t i = x->nvars; i-- > 0;)
		if (str_eq(x->vars[i].name, name))
			return x->vars[i].v;
	errorf(x, "undefined variable: %.*s", (int)name.n, name.p);
}

/* ---- truth ---- */

/* isTrue: ok is false for kinds without a truth value (none here but
 * opaque host objects, which are structs: always true). */
static bool is_true(val v)
{
	if (is_iface(v) && v.kind == VAL_NULL)
		return false;
	return val_truthy(v);
}

/* ---- evaluation ---- */

static val eval_pipeline(struct tmpl_exec *x, val dot, const struct tmpl_pipe *pipe);
static val eval_arg(struct tmpl_exec *x, val dot, uint8_t ptype, const struct tmpl_node *n);
static enum walk_result walk(struct tmpl_exec *x, val dot, const struct tmpl_node *n);

static void not_a_function(struct tmpl_exec *x, const struct tmpl_command *cmd, uint32_t nargs, val final)
{
	if (nargs > 1 || !is_missing(final))
		errorf(x, "can't give argument to non-function %s", node_str(x, cmd->args[0]));
}

static bool is_hex_int(struct tmpl_str s)
{
	if (s.n <= 2 || s.p[0] != '0' || (s.p[1] != 'x' && s.p[1] != 'X'))
		return false;
	return !memchr(s.p, 'p', s.n) && !memchr(s.p, 'P', s.n);
}

static val ideal_constant(struct tmpl_exec *x, const struct tmpl_number *c)
{
	x->node = &c->h;
	bool has_float_syntax = false;
	for (uint32_t i = 0; i < c->text.n; i++)
		if (strchr(".eEpP", c->text.p[i]))
			has_float_syntax = true;
	if (c->is_complex)
		errorf(x, "complex constants are not supported: %.*s", (int)c->text.n, c->text.p);
	if (c->is_float && !is_hex_int(c->text) && !(c->text.n && c->text.p[0] == '\'') && has_float_syntax)
		return val_float(c->f);
	if (c->is_int)
		return val_typed(val_int(c->i), GT_INT);
	if (c->is_uint)
		errorf(x, "%.*s overflows int", (int)c->text.n, c->text.p);
	return val_null();
}

/* Zero value of a map's element type for missingkey=zero. */
static val map_zero(struct tmpl_exec *x, val m)
{
	const struct tmpl_type *t = host_type(x, m);
	if (t && !t->elem_iface)
		return t->elem_zero;
	return as_iface(val_null());
}

static val eval_call(struct tmpl_exec *x, val dot, const struct tmpl_func *f, bool method, val receiver,
		     const struct tmpl_node *node, struct tmpl_str name,
		     struct tmpl_node *const *args, uint32_t nargs, val final);

static const struct tmpl_func *find_method(const struct tmpl_type *t, const char *name, size_t n)
{
	if (!t)
		return NULL;
	for (size_t i = 0; i < t->nmethods; i++)
		if (strlen(t->methods[i].name) == n && memcmp(t->methods[i].name, name, n) == 0)
			return &t->methods[i];
	return NULL;
}

/* evalField: .Name on receiver, with args when it is the last in a chain. */
static val eval_field(struct tmpl_exec *x, val dot, struct tmpl_str field, const struct tmpl_node *node,
		      struct tmpl_node *const *args, uint32_t nargs, val final, val receiver)
{
	if (is_invalid(receiver))
		return val_null(); /* missingkey=zero: no error */
	const char *typ = tmpl_type_name(x, receiver);
	if (is_iface(receiver) && receiver.kind == VAL_NULL)
		errorf(x, "nil pointer evaluating %s.%.*s", typ, (int)field.n, field.p);
	val r = concrete(receiver);
	const struct tmpl_type *ht = host_type(x, r);
	const struct tmpl_func *m = find_method(ht, field.p, field.n);
	if (m)
		return eval_call(x, dot, m, true, r, node, field, args, nargs, final);
	bool has_args = nargs > 1 || !is_missing(final);
	if (r.kind == VAL_MAP) {
		if (ht && ht->is_struct) {
			val *fv = val_map_ref(r, field.p, field.n);
			if (fv) {
				if (has_args)
					errorf(x, "%.*s has arguments but cannot be invoked as function",
					       (int)field.n, field.p);
				return *fv;
			}
		} else {
			if (has_args)
				errorf(x, "%.*s is not a method but has arguments", (int)field.n, field.p);
			val *fv = val_map_ref(r, field.p, field.n);
			if (!fv)
				return map_zero(x, r);
			if (ht && !ht->elem_iface)
				return *fv;
			return as_iface(*fv);
		}
	}
	errorf(x, "can't evaluate field %.*s in type %s", (int)field.n, field.p, typ);
}

static val eval_field_chain(struct tmpl_exec *x, val dot, val receiver, const struct tmpl_node *node,
			    const struct tmpl_str *ident, uint32_t n, struct tmpl_node *const *args,
			    uint32_t nargs, val final)
{
	for (uint32_t i = 0; i + 1 < n; i++)
		receiver = eval_field(x, dot, ident[i], node, NULL, 0, missing, receiver);
	return eval_field(x, dot, ident[n - 1], node, args, nargs, final, receiver);
}

static val eval_field_node(struct tmpl_exec *x, val dot, const struct tmpl_field *f,
			   struct tmpl_node *const *args, uint32_t nargs, val final)
{
	x->node = &f->h;
	return eval_field_chain(x, dot, dot, &f->h, f->ident, f->n, args, nargs, final);
}

static val eval_chain_node(struct tmpl_exec *x, val dot, const struct tmpl_chain *c,
			   struct tmpl_node *const *args, uint32_t nargs, val final)
{
	x->node = &c->h;
	if (c->n == 0)
		errorf(x, "internal error: no fields in evalChainNode");
	if (c->node->type == TN_NIL)
		errorf(x, "indirection through explicit nil in %s", node_str(x, &c->h));
	val pipe = eval_arg(x, dot, TP_VALUE, c->node);
	return eval_field_chain(x, dot, pipe, &c->h, c->field, c->n, args, nargs, final);
}

static val eval_variable_node(struct tmpl_exec *x, val dot, const struct tmpl_variable *v,
			      struct tmpl_node *const *args, uint32_t nargs, val final,
			      const struct tmpl_command *cmd)
{
	x->node = &v->h;
	val value = var_value(x, v->ident[0]);
	if (v->n == 1) {
		if (cmd)
			not_a_function(x, cmd, nargs, final);
		return value;
	}
	return eval_field_chain(x, dot, value, &v->h, v->ident + 1, v->n - 1, args, nargs, final);
}

/* cmd is the node errors from the call point at: the whole command when
 * the function heads one, else the identifier itself (Go's evalFunction). */
static val eval_function(struct tmpl_exec *x, val dot, const struct tmpl_ident *id,
			 const struct tmpl_node *cmd, struct tmpl_node *const *args, uint32_t nargs, val final)
{
	x->node = &id->h;
	const struct tmpl_funcs *fs = x->set->funcs;
	int idx = id->func >= 0 ? id->func : (fs ? tmpl_funcs_lookup(fs, id->name.p, id->name.n) : -1);
	if (idx < 0 || !fs)
		errorf(x, "%s is not a defined function", quoted(x, id->name.p, id->name.n));
	return eval_call(x, dot, fs->funcs[idx], false, val_null(), cmd, id->name, args, nargs, final);
}

static const char *ptype_name(struct tmpl_exec *x, uint8_t t)
{
	if (t >= GT_HOST_FIRST) {
		const struct tmpl_type *ht = x->type_of ? x->type_of(x->host, t) : NULL;
		return ht ? ht->name : "struct {}";
	}
	switch (t) {
	case TP_UINT32: return "uint32";
	case TP_STRING: return "string";
	case TP_INT: return "int";
	case TP_INT64: return "int64";
	case TP_FLOAT64: return "float64";
	case TP_BOOL: return "bool";
	case TP_LIST: return "[]interface {}";
	case TP_MAP: return "map[string]interface {}";
	case TP_STRINGS: return "[]string";
	case TP_BYTES: return "[]uint8";
	case TP_VALUE: return "reflect.Value";
	default: return "interface {}";
	}
}

static bool can_be_nil(struct tmpl_exec *x, uint8_t t)
{
	if (t >= GT_HOST_FIRST) { /* a pointer type (*semver.Version) */
		const struct tmpl_type *ht = x->type_of ? x->type_of(x->host, t) : NULL;
		return ht && ht->name[0] == '*';
	}
	return t == TP_ANY || t == TP_VALUE || t == TP_LIST || t == TP_MAP || t == TP_STRINGS || t == TP_BYTES;
}

/* Is a concrete value of Go type assignable to the parameter type? */
static bool assignable(struct tmpl_exec *x, val v, uint8_t t)
{
	switch (t) {
	case TP_ANY:
	case TP_VALUE:
		return true;
	case TP_STRING:
		return v.kind == VAL_STRING && v.gotype == GT_DEFAULT;
	case TP_INT:
		return v.kind == VAL_INT && v.gotype == GT_INT;
	case TP_INT64:
		return v.kind == VAL_INT && v.gotype == GT_DEFAULT;
	case TP_FLOAT64:
		return v.kind == VAL_FLOAT;
	case TP_BOOL:
		return v.kind == VAL_BOOL;
	case TP_LIST:
		return v.kind == VAL_LIST && v.gotype == GT_DEFAULT;
	case TP_STRINGS:
		return v.kind == VAL_LIST && v.gotype == GT_STRINGS;
	case TP_BYTES:
		return v.kind == VAL_STRING && v.gotype == GT_BYTES;
	case TP_UINT32:
		return false; /* no template value is a uint32 */
	case TP_MAP: {
		/* named map types with the same underlying type are assignable */
		if (v.kind != VAL_MAP)
			return false;
		const struct tmpl_type *ht = host_type(x, v);
		return !ht || (!ht->is_struct && ht->elem_iface);
	}
	}
	return t >= GT_HOST_FIRST && v.gotype == t;
}

/* The zero value of a parameter type for an invalid argument. */
static val zero_of(struct tmpl_exec *x, uint8_t t)
{
	switch (t) {
	case TP_LIST:
		return val_list_new(x->a, 0);
	case TP_STRINGS:
		return val_typed(val_list_new(x->a, 0), GT_STRINGS);
	case TP_MAP: {
		/* Go's nil map: reads as empty, writes panic, encodes as null */
		val m = val_map_new(x->a, 0);
		m.flags |= VAL_F_GO_NIL;
		return m;
	}
	case TP_BYTES:
		return val_typed(val_str_ref("", 0), GT_BYTES);
	default:
		return val_null();
	}
}

static val validate_type(struct tmpl_exec *x, val v, uint8_t t)
{
	if (is_invalid(v)) {
		if (t == TP_VALUE)
			return v;
		if (can_be_nil(x, t))
			return zero_of(x, t);
		errorf(x, "invalid value; expected %s", ptype_name(x, t));
	}
	if (t == TP_VALUE)
		return v;
	if (t == TP_ANY)
		return concrete(v);
	if (is_iface(v)) {
		if (v.kind != VAL_NULL && assignable(x, concrete(v), t))
			return concrete(v);
		errorf(x, "wrong type for value; expected %s; got %s", ptype_name(x, t),
		       v.kind == VAL_NULL ? "interface {}" : tmpl_type_name(x, concrete(v)));
	}
	if (!assignable(x, v, t))
		errorf(x, "wrong type for value; expected %s; got %s", ptype_name(x, t), tmpl_type_name(x, v));
	return v;
}

static val eval_empty_interface(struct tmpl_exec *x, val dot, const struct tmpl_node *n)
{
	x->node = n;
	switch (n->type) {
	case TN_BOOL:
		return val_bool(((const struct tmpl_bool *)n)->value);
	case TN_DOT:
		return dot;
	case TN_FIELD:
		return eval_field_node(x, dot, (const struct tmpl_field *)n, NULL, 0, missing);
	case TN_IDENT:
		return eval_function(x, dot, (const struct tmpl_ident *)n, n, NULL, 0, missing);
	case TN_NUMBER:
		return ideal_constant(x, (const struct tmpl_number *)n);
	case TN_STRING: {
		const struct tmpl_string *s = (const struct tmpl_string *)n;
		return val_str_ref(s->text.p, s->text.n);
	}
	case TN_VARIABLE:
		return eval_variable_node(x, dot, (const struct tmpl_variable *)n, NULL, 0, missing, NULL);
	case TN_PIPE:
		return eval_pipeline(x, dot, (const struct tmpl_pipe *)n);
	default:
		errorf(x, "can't handle assignment of %s to empty interface argument", node_str(x, n));
	}
}

static val eval_arg(struct tmpl_exec *x, val dot, uint8_t t, const struct tmpl_node *n)
{
	x->node = n;
	switch (n->type) {
	case TN_DOT:
		return validate_type(x, dot, t);
	case TN_NIL:
		if (can_be_nil(x, t))
			return t == TP_VALUE || t == TP_ANY ? val_null() : zero_of(x, t);
		errorf(x, "cannot assign nil to %s", ptype_name(x, t));
	case TN_FIELD: {
		struct tmpl_node *self = (struct tmpl_node *)n;
		return validate_type(x, eval_field_node(x, dot, (const struct tmpl_field *)n, &self, 1, missing), t);
	}
	case TN_VARIABLE:
		return validate_type(x, eval_variable_node(x, dot, (const struct tmpl_variable *)n, NULL, 0,
							   missing, NULL), t);
	case TN_PIPE:
		return validate_type(x, eval_pipeline(x, dot, (const struct tmpl_pipe *)n), t);
	case TN_IDENT:
		return validate_type(x, eval_function(x, dot, (const struct tmpl_ident *)n, n, NULL, 0, missing), t);
	case TN_CHAIN:
		return validate_type(x, eval_chain_node(x, dot, (const struct tmpl_chain *)n, NULL, 0, missing), t);
	default:
		break;
	}
	const struct tmpl_number *num = n->type == TN_NUMBER ? (const struct tmpl_number *)n : NULL;
	switch (t) {
	case TP_BOOL:
		if (n->type == TN_BOOL)
			return val_bool(((const struct tmpl_bool *)n)->value);
		errorf(x, "expected bool; found %s", node_str(x, n));
	case TP_FLOAT64:
		if (num && num->is_float)
			return val_float(num->f);
		errorf(x, "expected float; found %s", node_str(x, n));
	case TP_UINT32:
		/* evalUnsignedInteger; reflect's SetUint truncates to 32 bits */
		if (num && num->is_uint)
			return val_int((int64_t)(uint32_t)num->u);
		errorf(x, "expected unsigned integer; found %s", node_str(x, n));
	case TP_INT:
	case TP_INT64:
		if (num && num->is_int)
			return val_typed(val_int(num->i), t == TP_INT ? GT_INT : GT_DEFAULT);
		errorf(x, "expected integer; found %s", node_str(x, n));
	case TP_ANY:
		return eval_empty_interface(x, dot, n);
	case TP_VALUE:
		return eval_empty_interface(x, dot, n);
	case TP_STRING:
		if (n->type == TN_STRING) {
			const struct tmpl_string *s = (const struct tmpl_string *)n;
			return val_str_ref(s->text.p, s->text.n);
		}
		errorf(x, "expected string; found %s", node_str(x, n));
	default:
		errorf(x, "can't handle %s for arg of type %s", node_str(x, n), ptype_name(x, t));
	}
}

static val eval_call(struct tmpl_exec *x, val dot, const struct tmpl_func *f, bool method, val receiver,
		     const struct tmpl_node *node, struct tmpl_str name,
		     struct tmpl_node *const *args, uint32_t nargs, val final)
{
	if (args) {
		args++; /* args[0] is the function's own node */
		nargs--;
	} else {
		nargs = 0;
	}
	/* A method's receiver is bound: it is not among the declared inputs. */
	uint32_t nin = f->nin - (method ? 1 : 0);
	const uint8_t *in = f->in + (method ? 1 : 0);
	uint32_t num_in = nargs + (is_missing(final) ? 0 : 1);
	uint32_t num_fixed = nargs;
	if (f->variadic) {
		num_fixed = nin - 1;
		if (num_in < num_fixed)
			errorf(x, "wrong number of args for %.*s: want at least %u got %u", (int)name.n, name.p,
			       nin - 1, nargs);
	} else if (num_in != nin) {
		errorf(x, "wrong number of args for %.*s: want %u got %u", (int)name.n, name.p, nin, num_in);
	}

	if (!method && f->special == TF_SHORT_CIRCUIT) {
		/* and/or short-circuit: return the deciding argument itself */
		bool is_or = name.n == 2;
		val v = val_null();
		for (uint32_t i = 0; i < nargs; i++) {
			v = eval_arg(x, dot, TP_VALUE, args[i]);
			if (is_true(v) == is_or)
				return v;
		}
		if (!is_missing(final))
			v = final;
		return v;
	}

	val *argv = arena_alloc(x->a, (num_in + 2) * sizeof(val));
	size_t k = 0;
	if (method)
		argv[k++] = receiver;
	if (!method && f->special == TF_CALL) {
		/* Go 1.23: the callee name is the first argument's text */
		const char *callee = nargs ? node_str(x, args[0]) : "";
		argv[k++] = val_str_ref(callee, strlen(callee));
	}
	uint32_t i = 0;
	for (; i < num_fixed && i < nargs; i++)
		argv[k++] = eval_arg(x, dot, in[i], args[i]);
	if (f->variadic)
		for (; i < nargs; i++)
			argv[k++] = eval_arg(x, dot, in[nin - 1], args[i]);
	if (!is_missing(final)) {
		uint8_t t = in[nin - 1];
		if (f->variadic && num_in - 1 < num_fixed)
			t = in[num_in - 1];
		argv[k++] = validate_type(x, final, t);
	}

	sb_reset(&x->fnerr);
	val out = val_null();
	const struct tmpl_node *saved_node = x->node;
	const struct tmpl_tree *saved_tmpl = x->tmpl;
	if (f->fn(x, argv, k, &out) < 0) {
		x->node = node;
		x->tmpl = saved_tmpl;
		/* copy: fnerr is reused by nested calls while formatting */
		const char *msg = arena_memdup(x->a, x->fnerr.buf, x->fnerr.len);
		errorf(x, "error calling %.*s: %s", (int)name.n, name.p, msg);
	}
	x->node = saved_node;
	return out;
}

static val eval_command(struct tmpl_exec *x, val dot, const struct tmpl_command *cmd, val final)
{
	const struct tmpl_node *first = cmd->args[0];
	switch (first->type) {
	case TN_FIELD:
		return eval_field_node(x, dot, (const struct tmpl_field *)first, cmd->args, cmd->n, final);
	case TN_CHAIN:
		return eval_chain_node(x, dot, (const struct tmpl_chain *)first, cmd->args, cmd->n, final);
	case TN_IDENT:
		return eval_function(x, dot, (const struct tmpl_ident *)first, &cmd->h, cmd->args, cmd->n, final);
	case TN_PIPE:
		not_a_function(x, cmd, cmd->n, final);
		return eval_pipeline(x, dot, (const struct tmpl_pipe *)first);
	case TN_VARIABLE:
		return eval_variable_node(x, dot, (const struct tmpl_variable *)first, cmd->args, cmd->n, final, cmd);
	default:
		break;
	}
	x->node = first;
	not_a_function(x, cmd, cmd->n, final);
	switch (first->type) {
	case TN_BOOL:
		return val_bool(((const struct tmpl_bool *)first)->value);
	case TN_DOT:
		return dot;
	case TN_NIL:
		errorf(x, "nil is not a command");
	case TN_NUMBER:
		return ideal_constant(x, (const struct tmpl_number *)first);
	case TN_STRING: {
		const struct tmpl_string *s = (const struct tmpl_string *)first;
		return val_str_ref(s->text.p, s->text.n);
	}
	default:
		errorf(x, "can't evaluate command %s", quoted(x, node_str(x, first), strlen(node_str(x, first))));
	}
}

static val eval_pipeline(struct tmpl_exec *x, val dot, const struct tmpl_pipe *pipe)
{
	if (!pipe)
		return val_null();
	x->node = &pipe->h;
	val value = missing;
	for (uint32_t i = 0; i < pipe->n; i++) {
		value = eval_command(x, dot, pipe->cmds[i], value);
		/* an interface{} result is unwrapped to the value inside */
		value = concrete(value);
	}
	for (uint32_t i = 0; i < pipe->ndecl; i++) {
		if (pipe->is_assign)
			set_var(x, pipe->decl[i]->ident[0], value);
		else
			push_var(x, pipe->decl[i]->ident[0], value);
	}
	return value;
}

/* ---- walking ---- */

static void print_value(struct tmpl_exec *x, const struct tmpl_node *n, val v)
{
	x->node = n;
	if (is_invalid(v)) {
		sb_adds(x->out, "<no value>");
		return;
	}
	if (v.kind == VAL_OPAQUE)
		errorf(x, "can't print %s of type %s", node_str(x, n), tmpl_type_name(x, v));
	const struct tmpl_type *t = host_type(x, v);
	/* printableValue: a String() method, also one of the pointer (the
	 * value is addressable: KubeVersion); a pointer is indirected */
	if (t && t->print && (t->stringer || find_method(t, "String", 6))) {
		t->print(x, v, x->out);
		return;
	}
	tmpl_fmt_v_deref(x, v, x->out);
}

static enum walk_result walk_list(struct tmpl_exec *x, val dot, const struct tmpl_list *l)
{
	for (uint32_t i = 0; i < l->n; i++) {
		enum walk_result r = walk(x, dot, l->nodes[i]);
		if (r != W_NORMAL)
			return r;
	}
	return W_NORMAL;
}

static enum walk_result walk_if_or_with(struct tmpl_exec *x, val dot, const struct tmpl_branch *b)
{
	size_t mark = x->nvars;
	val v = eval_pipeline(x, dot, b->pipe);
	enum walk_result r = W_NORMAL;
	if (is_true(v)) {
		r = walk_list(x, b->h.type == TN_WITH ? v : dot, b->list);
	} else if (b->else_list) {
		r = walk_list(x, dot, b->else_list);
	}
	x->nvars = mark;
	return r;
}

static enum walk_result one_iteration(struct tmpl_exec *x, const struct tmpl_branch *r, size_t mark,
				      val index, val elem)
{
	const struct tmpl_pipe *p = r->pipe;
	if (p->ndecl > 0) {
		if (p->is_assign) {
			if (p->ndecl > 1)
				set_var(x, p->decl[0]->ident[0], index);
			else
				set_var(x, p->decl[0]->ident[0], elem);
		} else {
			x->vars[x->nvars - 1].v = elem;
		}
	}
	if (p->ndecl > 1) {
		if (p->is_assign)
			set_var(x, p->decl[1]->ident[0], elem);
		else
			x->vars[x->nvars - 2].v = index;
	}
	enum walk_result res = walk_list(x, elem, r->list);
	x->nvars = mark;
	return res;
}

static void walk_range(struct tmpl_exec *x, val dot, const struct tmpl_branch *r)
{
	x->node = &r->h;
	size_t outer = x->nvars;
	val v = concrete(eval_pipeline(x, dot, r->pipe));
	size_t mark = x->nvars;
	bool ran = false;
	switch (v.kind) {
	case VAL_LIST: {
		struct val_list *l = v.u.l;
		bool elem_iface = v.gotype == GT_DEFAULT;
		for (uint32_t i = 0; i < l->len; i++) {
			ran = true;
			val e = l->items[i];
			if (elem_iface)
				e = as_iface(e);
			if (one_iteration(x, r, mark, val_typed(val_int(i), GT_INT), e) == W_BREAK)
				break;
		}
		break;
	}
	case VAL_MAP: {
		const struct tmpl_type *ht = host_type(x, v);
		if (ht && ht->is_struct)
			errorf(x, "range can't iterate over %s", fmt_v(x, v));
		size_t n = val_map_len(v);
		if (n == 0)
			break;
		const uint32_t *order = val_map_order(x->a, v);
		bool elem_iface = !ht || ht->elem_iface;
		for (size_t i = 0; i < n; i++) {
			ran = true;
			const struct val_map_entry *e = val_map_entry_at(v, order[i]);
			val ev = elem_iface ? as_iface(e->v) : e->v;
			if (one_iteration(x, r, mark, val_str_ref(e->key, e->klen), ev) == W_BREAK)
				break;
		}
		break;
	}
	case VAL_NULL:
		break; /* an invalid value acts like an empty map */
	default:
		errorf(x, "range can't iterate over %s", fmt_v(x, v));
	}
	if (!ran && r->else_list)
		walk_list(x, dot, r->else_list);
	x->nvars = outer;
}

/* Go's goroutine stacks grow to 1 GB, so {{template}} recursion reaches
 * maxExecDepth (100000 levels) before it fails; a C thread's stack does
 * not.  Every STACK_HOP levels the invocation continues on a new thread
 * with a stack of STACK_HOP_SIZE (reserved, touched as used) while this
 * one waits; an error there unwinds its thread and is re-raised here. */
#define STACK_HOP 2048
#define STACK_HOP_SIZE ((size_t)64 << 20)

static void walk_tree(struct tmpl_exec *x, val dot, struct tmpl_tree *tree);

struct hop {
	struct tmpl_exec *x;
	val dot;
	struct tmpl_tree *tree;
	bool failed;
};

static void *hop_main(void *arg)
{
	struct hop *h = arg;
	jmp_buf jb;
	void *outer = h->x->jb;
	h->x->jb = &jb;
	if (setjmp(jb))
		h->failed = true;
	else
		walk_tree(h->x, h->dot, h->tree);
	h->x->jb = outer;
	return NULL;
}

/* Walk tree on a fresh stack; false if no thread could be made. */
static bool walk_tree_hop(struct tmpl_exec *x, val dot, struct tmpl_tree *tree)
{
	struct hop h = { x, dot, tree, false };
	pthread_attr_t attr;
	pthread_t th;
	if (pthread_attr_init(&attr) != 0)
		return false;
	bool ok = pthread_attr_setstacksize(&attr, STACK_HOP_SIZE) == 0 &&
		  pthread_create(&th, &attr, hop_main, &h) == 0;
	pthread_attr_destroy(&attr);
	if (!ok)
		return false;
	pthread_join(th, NULL);
	if (h.failed)
		unwind(x);
	return true;
}

static void walk_tree(struct tmpl_exec *x, val dot, struct tmpl_tree *tree)
{
	/* no dynamic scoping: the invoked template sees only $ */
	struct tmpl_exec saved = *x;
	x->depth++;
	x->tmpl = tree;
	x->vars = NULL;
	x->nvars = x->capvars = 0;
	push_var(x, (struct tmpl_str){ "$", 1 }, dot);
	walk_list(x, dot, tree->root);
	x->tmpl = saved.tmpl;
	x->vars = saved.vars;
	x->nvars = saved.nvars;
	x->capvars = saved.capvars;
	x->depth = saved.depth;
}

static void walk_template(struct tmpl_exec *x, val dot, const struct tmpl_template *t)
{
	x->node = &t->h;
	struct tmpl_tree *tree = tmpl_lookup(x->set, t->name.p, t->name.n);
	if (!tree)
		errorf(x, "template %s not defined", quoted(x, t->name.p, t->name.n));
	if (x->depth == MAX_EXEC_DEPTH)
		errorf(x, "exceeded maximum template depth (%d)", MAX_EXEC_DEPTH);
	dot = eval_pipeline(x, dot, t->pipe);
	if (x->depth % STACK_HOP == STACK_HOP - 1 && walk_tree_hop(x, dot, tree))
		return;
	walk_tree(x, dot, tree);
}

static enum walk_result walk(struct tmpl_exec *x, val dot, const struct tmpl_node *n)
{
	x->node = n;
	switch (n->type) {
	case TN_ACTION: {
		const struct tmpl_action *a = (const struct tmpl_action *)n;
		val v = eval_pipeline(x, dot, a->pipe);
		if (a->pipe->ndecl == 0)
			print_value(x, n, v);
		return W_NORMAL;
	}
	case TN_BREAK:
		return W_BREAK;
	case TN_CONTINUE:
		return W_CONTINUE;
	case TN_COMMENT:
		return W_NORMAL;
	case TN_IF:
	case TN_WITH:
		return walk_if_or_with(x, dot, (const struct tmpl_branch *)n);
	case TN_LIST:
		return walk_list(x, dot, (const struct tmpl_list *)n);
	case TN_RANGE:
		walk_range(x, dot, (const struct tmpl_branch *)n);
		return W_NORMAL;
	case TN_TEMPLATE:
		walk_template(x, dot, (const struct tmpl_template *)n);
		return W_NORMAL;
	case TN_TEXT: {
		const struct tmpl_text *t = (const struct tmpl_text *)n;
		sb_add(x->out, t->text.p, t->text.n);
		return W_NORMAL;
	}
	default:
		errorf(x, "unknown node: %s", node_str(x, n));
	}
}

static bool run(struct tmpl_exec *x, jmp_buf *jb, val dot, const struct tmpl_tree *t)
{
	x->jb = jb;
	if (setjmp(*jb))
		return false;
	if (!t->root) {
		x->node = NULL;
		errorf(x, "%s is an incomplete or empty template", quoted(x, t->name.p, t->name.n));
	}
	walk_list(x, dot, t->root);
	return true;
}

int tmpl_execute(struct tmpl_set *s, const char *name, size_t n, val data, struct sb *out,
		 struct sb *err, void *host, const struct tmpl_type *(*type_of)(void *, uint8_t))
{
	struct tmpl_tree *t = tmpl_lookup(s, name, n);
	if (!t) {
		sb_adds(err, "template: no template ");
		strconv_append_quote(err, name, n);
		sb_adds(err, " associated with template ");
		const char *root = s->root_name ? s->root_name : "";
		strconv_append_quote(err, root, strlen(root));
		return TMPL_ENOTEMPLATE;
	}
	return tmpl_execute_tree(s, t, data, out, err, host, type_of);
}

int tmpl_execute_tree(struct tmpl_set *s, const struct tmpl_tree *t, val data, struct sb *out, struct sb *err,
		      void *host, const struct tmpl_type *(*type_of)(void *, uint8_t))
{
	struct tmpl_exec *x = arena_zalloc(s->arena, sizeof(*x));
	x->set = s;
	x->a = s->arena;
	x->out = out;
	x->tmpl = t;
	x->err = err;
	x->host = host;
	x->type_of = type_of;
	sb_init(&x->fnerr);
	push_var(x, (struct tmpl_str){ "$", 1 }, data);
	jmp_buf jb;
	bool ok = run(x, &jb, data, t);
	sb_release(&x->fnerr);
	return ok ? 0 : -1;
}
