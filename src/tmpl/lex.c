/* lex.c — text/template's lexer (text/template/parse/lex.go of Go 1.23.7,
 * the Go that built Helm 3.17.3): the same
 * states, the same trim-marker rules and the same error texts, because parse
 * errors and their line numbers are visible to chart authors. */
#include "tmpl/lex.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "base/quote.h"
#include "base/sb.h"
#include "base/utf8.h"

#define EOF_RUNE (-1)

enum lex_state {
	S_NONE, /* an item was emitted */
	S_TEXT,
	S_LEFT_DELIM,
	S_COMMENT,
	S_RIGHT_DELIM,
	S_INSIDE_ACTION,
	S_SPACE,
	S_IDENTIFIER,
	S_FIELD,
	S_VARIABLE,
	S_CHAR,
	S_NUMBER,
	S_QUOTE,
	S_RAW_QUOTE,
};

static bool is_space(int32_t r)
{
	return r == ' ' || r == '\t' || r == '\r' || r == '\n';
}

/* ASCII classes: 1 alphanumeric (Go's isAlphaNumeric), 2 space (isSpace),
 * 4 a rune atTerminator accepts */
static const unsigned char ascii_class[128] = {
	['\t'] = 6, ['\n'] = 6, ['\r'] = 6, [' '] = 6, ['.'] = 4, [','] = 4, ['|'] = 4, [':'] = 4,
	[')'] = 4, ['('] = 4, ['_'] = 1,
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
	['8'] = 1, ['9'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
	['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
	['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
	['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
	['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
};

static inline __attribute__((always_inline)) bool is_alnum(int32_t r)
{
	/* ASCII without the Unicode tables: nearly every rune of a chart */
	if (r >= 0 && r < 0x80)
		return ascii_class[r] & 1;
	if (r < 0)
		return false;
	return unicode_is_letter(r) || unicode_is_digit(r);
}

static inline __attribute__((always_inline)) bool has_prefix(const struct tmpl_lexer *l, size_t at,
								const char *p, size_t n)
{
	if (at > l->len || l->len - at < n)
		return false;
	/* delimiters are two bytes: no memcmp call for those */
	if (n == 2)
		return l->input[at] == p[0] && l->input[at + 1] == p[1];
	return memcmp(l->input + at, p, n) == 0;
}

static bool has_left_trim(const struct tmpl_lexer *l, size_t at)
{
	return l->len - at >= 2 && l->input[at] == '-' && is_space((unsigned char)l->input[at + 1]);
}

static bool has_right_trim(const struct tmpl_lexer *l, size_t at)
{
	return l->len - at >= 2 && is_space((unsigned char)l->input[at]) && l->input[at + 1] == '-';
}

static int32_t next(struct tmpl_lexer *l)
{
	if (l->pos >= l->len) {
		l->at_eof = true;
		return EOF_RUNE;
	}
	unsigned char c = (unsigned char)l->input[l->pos];
	if (c < 0x80) { /* utf8.DecodeRune's own ASCII shortcut */
		l->pos++;
		if (c == '\n')
			l->line++;
		return c;
	}
	size_t w;
	int32_t r = utf8_decode(l->input + l->pos, l->len - l->pos, &w);
	l->pos += w;
	return r;
}

static void backup(struct tmpl_lexer *l)
{
	if (!l->at_eof && l->pos > 0) {
		unsigned char c = (unsigned char)l->input[l->pos - 1];
		if (c < 0x80) { /* a lone ASCII byte is a whole rune */
			l->pos--;
			if (c == '\n')
				l->line--;
			return;
		}
		size_t w;
		int32_t r = utf8_decode_last(l->input, l->pos, &w);
		l->pos -= w;
		if (r == '\n')
			l->line--;
	}
}

static int32_t peek(struct tmpl_lexer *l)
{
	/* next+backup, without the round trip for ASCII (at EOF next still
	 * sets at_eof, as Go's peek does) */
	if (l->pos < l->len && (unsigned char)l->input[l->pos] < 0x80)
		return (unsigned char)l->input[l->pos];
	int32_t r = next(l);
	backup(l);
	return r;
}

/* Newlines in p[0..n): sixteen bytes a step where SSE2 is there (every
 * x86-64), instead of one memchr call per line of template text. */
static size_t count_nl(const char *p, size_t n)
{
	size_t c = 0, i = 0;
#ifdef __SSE2__
	const __m128i nl = _mm_set1_epi8('\n');
	while (i + 16 <= n) {
		/* each match subtracts -1 from a byte lane: at most 255 steps
		 * before the lanes are summed */
		__m128i acc = _mm_setzero_si128();
		/* a lane gains at most 4 a 64-byte step: 63 steps */
		size_t stop = i + 63 * 64 < n ? i + 63 * 64 : n;
		for (; i + 64 <= stop; i += 64) {
			const __m128i *v = (const __m128i *)(const void *)(p + i);
			__m128i a = _mm_cmpeq_epi8(_mm_loadu_si128(v), nl);
			__m128i b = _mm_cmpeq_epi8(_mm_loadu_si128(v + 1), nl);
			__m128i c2 = _mm_cmpeq_epi8(_mm_loadu_si128(v + 2), nl);
			__m128i d = _mm_cmpeq_epi8(_mm_loadu_si128(v + 3), nl);
			acc = _mm_sub_epi8(acc, _mm_add_epi8(_mm_add_epi8(a, b), _mm_add_epi8(c2, d)));
		}
		for (; i + 16 <= stop; i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
			acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(v, nl));
		}
		__m128i sum = _mm_sad_epu8(acc, _mm_setzero_si128());
		c += (size_t)_mm_cvtsi128_si32(sum) + (size_t)_mm_extract_epi16(sum, 4);
	}
#endif
	for (; i < n; i++)
		c += p[i] == '\n';
	return c;
}

static struct tmpl_tok this_item(struct tmpl_lexer *l, enum tmpl_tok_type t)
{
	struct tmpl_tok i = { l->input + l->start, (uint32_t)(l->pos - l->start), (uint32_t)l->start,
			      l->start_line, (uint8_t)t, 0 };
	l->start = l->pos;
	l->start_line = l->line;
	return i;
}

static enum lex_state emit(struct tmpl_lexer *l, enum tmpl_tok_type t)
{
	l->item = this_item(l, t);
	return S_NONE;
}

static void ignore(struct tmpl_lexer *l)
{
	l->line += (int)count_nl(l->input + l->start, l->pos - l->start);
	l->start = l->pos;
	l->start_line = l->line;
}

static bool accept(struct tmpl_lexer *l, const char *valid)
{
	int32_t r = next(l);
	if (r > 0 && r < 0x80 && strchr(valid, (int)r))
		return true;
	backup(l);
	return false;
}

static void accept_run(struct tmpl_lexer *l, const char *valid)
{
	for (;;) {
		int32_t r = next(l);
		if (!(r > 0 && r < 0x80 && strchr(valid, (int)r)))
			break;
	}
	backup(l);
}

static enum lex_state errorf(struct tmpl_lexer *l, struct sb *msg)
{
	l->item.type = TK_ERROR;
	l->item.plain = 0;
	l->item.pos = (uint32_t)l->start;
	l->item.line = l->start_line;
	l->item.val = arena_memdup(l->arena, msg->buf, msg->len);
	l->item.len = (uint32_t)msg->len;
	sb_release(msg);
	/* Go empties the input so that every later call returns EOF. */
	l->start = 0;
	l->pos = 0;
	l->len = 0;
	return S_NONE;
}

static enum lex_state error_str(struct tmpl_lexer *l, const char *s)
{
	struct sb m = SB_INIT;
	sb_adds(&m, s);
	return errorf(l, &m);
}

/* fmt's %#U: "U+0041 'A'" (the character only when strconv.IsPrint). */
static void add_U(struct sb *m, int32_t r)
{
	sb_addf(m, "U+%04X", (unsigned)r);
	if (strconv_is_print(r)) {
		char buf[4];
		sb_adds(m, " '");
		sb_add(m, buf, utf8_encode(r, buf));
		sb_addc(m, '\'');
	}
}

static enum lex_state error_rune(struct tmpl_lexer *l, const char *prefix, int32_t r)
{
	struct sb m = SB_INIT;
	sb_adds(&m, prefix);
	add_U(&m, r);
	return errorf(l, &m);
}

static size_t right_trim_length(const char *p, size_t n)
{
	size_t k = n;
	while (k > 0 && is_space((unsigned char)p[k - 1]))
		k--;
	return n - k;
}

static size_t left_trim_length(const char *p, size_t n)
{
	size_t k = 0;
	while (k < n && is_space((unsigned char)p[k]))
		k++;
	return k;
}

/* memchr for the first byte, then compare: several times faster than
 * glibc's memmem for the two-byte delimiters of big template texts. */
static const char *find(const char *hay, size_t n, const char *needle, size_t m)
{
	const char *end = hay + n;
	while (hay < end) {
		const char *p = memchr(hay, needle[0], (size_t)(end - hay));
		if (!p || (size_t)(end - p) < m)
			return NULL;
		if (m == 2 ? p[1] == needle[1] : memcmp(p, needle, m) == 0)
			return p;
		hay = p + 1;
	}
	return NULL;
}

/* atRightDelim: at a right delimiter, possibly preceded by a trim marker. */
static bool at_right_delim(struct tmpl_lexer *l, bool *trim)
{
	if (has_right_trim(l, l->pos) && has_prefix(l, l->pos + 2, l->rdelim, l->rdlen)) {
		*trim = true;
		return true;
	}
	*trim = false;
	return has_prefix(l, l->pos, l->rdelim, l->rdlen);
}

static bool at_terminator(struct tmpl_lexer *l)
{
	int32_t r = peek(l);
	if (is_space(r))
		return true;
	switch (r) {
	case EOF_RUNE:
	case '.':
	case ',':
	case '|':
	case ':':
	case ')':
	case '(':
		return true;
	}
	return has_prefix(l, l->pos, l->rdelim, l->rdlen);
}

static enum lex_state lex_text(struct tmpl_lexer *l)
{
	const char *x = find(l->input + l->pos, l->len - l->pos, l->ldelim, l->ldlen);
	if (x) {
		size_t off = (size_t)(x - (l->input + l->pos));
		if (off > 0) {
			l->pos += off;
			size_t trim = 0;
			size_t delim_end = l->pos + l->ldlen;
			if (has_left_trim(l, delim_end))
				trim = right_trim_length(l->input + l->start, l->pos - l->start);
			l->pos -= trim;
			l->line += (int)count_nl(l->input + l->start, l->pos - l->start);
			struct tmpl_tok i = this_item(l, TK_TEXT);
			l->pos += trim;
			ignore(l);
			if (i.len > 0) {
				l->item = i;
				return S_NONE;
			}
		}
		return S_LEFT_DELIM;
	}
	l->pos = l->len;
	if (l->pos > l->start) {
		l->line += (int)count_nl(l->input + l->start, l->pos - l->start);
		return emit(l, TK_TEXT);
	}
	return emit(l, TK_EOF);
}

static enum lex_state lex_left_delim(struct tmpl_lexer *l)
{
	l->pos += l->ldlen;
	bool trim = has_left_trim(l, l->pos);
	size_t after = trim ? 2 : 0;
	if (has_prefix(l, l->pos + after, "/*", 2)) {
		l->pos += after;
		ignore(l);
		return S_COMMENT;
	}
	struct tmpl_tok i = this_item(l, TK_LEFT_DELIM);
	l->inside_action = true;
	l->pos += after;
	ignore(l);
	l->paren_depth = 0;
	l->item = i;
	return S_NONE;
}

static enum lex_state lex_comment(struct tmpl_lexer *l)
{
	l->pos += 2;
	const char *x = find(l->input + l->pos, l->len - l->pos, "*/", 2);
	if (!x)
		return error_str(l, "unclosed comment");
	l->pos = (size_t)(x - l->input) + 2;
	bool trim;
	if (!at_right_delim(l, &trim))
		return error_str(l, "comment ends before closing delimiter");
	/* Go 1.23 (Helm 3.17.3's) does not count the comment's newlines here
	 * (fixed in Go 1.24): lines after a multi-line comment are reported as
	 * Helm reports them. */
	struct tmpl_tok i = this_item(l, TK_COMMENT);
	if (trim)
		l->pos += 2;
	l->pos += l->rdlen;
	if (trim)
		l->pos += left_trim_length(l->input + l->pos, l->len - l->pos);
	ignore(l);
	if (l->emit_comment) {
		l->item = i;
		return S_NONE;
	}
	return S_TEXT;
}

static enum lex_state lex_right_delim(struct tmpl_lexer *l)
{
	bool trim;
	at_right_delim(l, &trim);
	if (trim) {
		l->pos += 2;
		ignore(l);
	}
	l->pos += l->rdlen;
	struct tmpl_tok i = this_item(l, TK_RIGHT_DELIM);
	if (trim) {
		l->pos += left_trim_length(l->input + l->pos, l->len - l->pos);
		ignore(l);
	}
	l->inside_action = false;
	l->item = i;
	return S_NONE;
}

static enum lex_state lex_inside_action(struct tmpl_lexer *l)
{
	bool trim;
	if (at_right_delim(l, &trim)) {
		if (l->paren_depth == 0)
			return S_RIGHT_DELIM;
		return error_str(l, "unclosed left paren");
	}
	int32_t r = next(l);
	if (r == EOF_RUNE)
		return error_str(l, "unclosed action");
	if (is_space(r)) {
		backup(l);
		return S_SPACE;
	}
	switch (r) {
	case '=':
		return emit(l, TK_ASSIGN);
	case ':':
		if (next(l) != '=')
			return error_str(l, "expected :=");
		return emit(l, TK_DECLARE);
	case '|':
		return emit(l, TK_PIPE);
	case '"':
		return S_QUOTE;
	case '`':
		return S_RAW_QUOTE;
	case '$':
		return S_VARIABLE;
	case '\'':
		return S_CHAR;
	case '(':
		l->paren_depth++;
		return emit(l, TK_LEFT_PAREN);
	case ')':
		l->paren_depth--;
		if (l->paren_depth < 0)
			return error_str(l, "unexpected right paren");
		return emit(l, TK_RIGHT_PAREN);
	}
	if (r == '.') {
		/* look-ahead for ".field" so backup stays single-step */
		if (l->pos < l->len) {
			char c = l->input[l->pos];
			if (c < '0' || c > '9')
				return S_FIELD;
		}
		backup(l);
		return S_NUMBER;
	}
	if (r == '+' || r == '-' || (r >= '0' && r <= '9')) {
		backup(l);
		return S_NUMBER;
	}
	if (is_alnum(r)) {
		backup(l);
		return S_IDENTIFIER;
	}
	if (r < 0x80 && r >= 0x20 && r < 0x7f)
		return emit(l, TK_CHAR);
	return error_rune(l, "unrecognized character in action: ", r);
}

static enum lex_state lex_space(struct tmpl_lexer *l)
{
	int spaces = 0;
	while (is_space(peek(l))) {
		next(l);
		spaces++;
	}
	/* A trim-marked right delimiter starts with a space: leave it alone. */
	if (has_right_trim(l, l->pos - 1) && has_prefix(l, l->pos - 1 + 2, l->rdelim, l->rdlen)) {
		backup(l);
		if (spaces == 1)
			return S_RIGHT_DELIM;
	}
	return emit(l, TK_SPACE);
}

static const struct {
	const char *word;
	size_t len;
	enum tmpl_tok_type type;
} keywords[] = {
	{ ".", 1, TK_DOT },           { "block", 5, TK_BLOCK }, { "break", 5, TK_BREAK },
	{ "continue", 8, TK_CONTINUE }, { "define", 6, TK_DEFINE }, { "else", 4, TK_ELSE },
	{ "end", 3, TK_END },         { "if", 2, TK_IF },       { "range", 5, TK_RANGE },
	{ "nil", 3, TK_NIL },         { "template", 8, TK_TEMPLATE }, { "with", 4, TK_WITH },
};

/* Consume alphanumeric runes; return the first other rune, left unread
 * (Go's next-until-not-alnum then backup; ASCII bytes are checked in
 * place, which leaves pos and line exactly as that round trip does). */
static int32_t skip_alnum(struct tmpl_lexer *l)
{
	for (;;) {
		if (l->pos < l->len) {
			unsigned char c = (unsigned char)l->input[l->pos];
			if (c < 0x80) {
				if (!is_alnum(c))
					return c;
				l->pos++;
				continue;
			}
		}
		int32_t r = next(l);
		if (!is_alnum(r)) {
			backup(l);
			return r;
		}
	}
}

static enum lex_state lex_identifier(struct tmpl_lexer *l)
{
	int32_t r = skip_alnum(l);
	const char *word = l->input + l->start;
	size_t n = l->pos - l->start;
	if (!at_terminator(l))
		return error_rune(l, "bad character ", r);
	for (size_t k = 0; k < sizeof(keywords) / sizeof(keywords[0]); k++) {
		if (keywords[k].len == n && keywords[k].word[0] == word[0] &&
		    memcmp(keywords[k].word, word, n) == 0) {
			enum tmpl_tok_type t = keywords[k].type;
			if ((t == TK_BREAK && !l->break_ok) || (t == TK_CONTINUE && !l->continue_ok))
				return emit(l, TK_IDENTIFIER);
			return emit(l, t);
		}
	}
	if (word[0] == '.')
		return emit(l, TK_FIELD);
	if ((n == 4 && memcmp(word, "true", 4) == 0) || (n == 5 && memcmp(word, "false", 5) == 0))
		return emit(l, TK_BOOL);
	return emit(l, TK_IDENTIFIER);
}

static enum lex_state lex_field_or_variable(struct tmpl_lexer *l, enum tmpl_tok_type t)
{
	if (at_terminator(l))
		return emit(l, t == TK_VARIABLE ? TK_VARIABLE : TK_DOT);
	int32_t r = skip_alnum(l);
	if (!at_terminator(l))
		return error_rune(l, "bad character ", r);
	return emit(l, t);
}

static enum lex_state lex_char(struct tmpl_lexer *l)
{
	for (;;) {
		int32_t r = next(l);
		if (r == '\\') {
			r = next(l);
			if (r != EOF_RUNE && r != '\n')
				continue;
			return error_str(l, "unterminated character constant");
		}
		if (r == EOF_RUNE || r == '\n')
			return error_str(l, "unterminated character constant");
		if (r == '\'')
			break;
	}
	return emit(l, TK_CHAR_CONSTANT);
}

static bool scan_number(struct tmpl_lexer *l)
{
	accept(l, "+-");
	const char *digits = "0123456789_";
	if (accept(l, "0")) {
		if (accept(l, "xX"))
			digits = "0123456789abcdefABCDEF_";
		else if (accept(l, "oO"))
			digits = "01234567_";
		else if (accept(l, "bB"))
			digits = "01_";
	}
	accept_run(l, digits);
	if (accept(l, "."))
		accept_run(l, digits);
	size_t dl = strlen(digits);
	if (dl == 11 && accept(l, "eE")) {
		accept(l, "+-");
		accept_run(l, "0123456789_");
	}
	if (dl == 23 && accept(l, "pP")) {
		accept(l, "+-");
		accept_run(l, "0123456789_");
	}
	accept(l, "i");
	if (is_alnum(peek(l))) {
		next(l);
		return false;
	}
	return true;
}

static enum lex_state bad_number(struct tmpl_lexer *l)
{
	struct sb m = SB_INIT;
	sb_adds(&m, "bad number syntax: ");
	strconv_append_quote(&m, l->input + l->start, l->pos - l->start);
	return errorf(l, &m);
}

static enum lex_state lex_number(struct tmpl_lexer *l)
{
	if (!scan_number(l))
		return bad_number(l);
	int32_t sign = peek(l);
	if (sign == '+' || sign == '-') {
		if (!scan_number(l) || l->input[l->pos - 1] != 'i')
			return bad_number(l);
		return emit(l, TK_COMPLEX);
	}
	return emit(l, TK_NUMBER);
}

static enum lex_state lex_quote(struct tmpl_lexer *l)
{
	for (;;) {
		int32_t r = next(l);
		if (r == '\\') {
			r = next(l);
			if (r != EOF_RUNE && r != '\n')
				continue;
			return error_str(l, "unterminated quoted string");
		}
		if (r == EOF_RUNE || r == '\n')
			return error_str(l, "unterminated quoted string");
		if (r == '"')
			break;
	}
	return emit(l, TK_STRING);
}

static enum lex_state lex_raw_quote(struct tmpl_lexer *l)
{
	for (;;) {
		int32_t r = next(l);
		if (r == EOF_RUNE)
			return error_str(l, "unterminated raw quoted string");
		if (r == '`')
			break;
	}
	return emit(l, TK_RAW_STRING);
}

void tmpl_lex_init(struct tmpl_lexer *l, struct arena *a, const char *input, size_t len,
		   const char *ldelim, const char *rdelim)
{
	memset(l, 0, sizeof(*l));
	l->arena = a;
	l->input = input;
	l->len = len;
	l->ldelim = ldelim && *ldelim ? ldelim : "{{";
	l->rdelim = rdelim && *rdelim ? rdelim : "}}";
	l->ldlen = strlen(l->ldelim);
	l->rdlen = strlen(l->rdelim);
	l->line = 1;
	l->start_line = 1;
	l->break_ok = true;
	l->continue_ok = true;
}

/* --- the fast path ---
 * The common tokens of an action (spaces, fields, identifiers, variables,
 * strings, pipes, parens, the right delimiter) scanned in place, with the
 * results lexInsideAction and its states give for them.  Anything else, an
 * error or a token that reaches the end of the input goes to the state
 * machine above, which starts from the same position: the fast path only
 * commits when it produces a token.  At a token's start start == pos and
 * start_line == line (every emit and ignore leaves them so). */

static inline bool fast_is_space(unsigned char c)
{
	return c < 0x80 && (ascii_class[c] & 2);
}

/* atTerminator at q < len, without moving. */
static inline bool term_at(const struct tmpl_lexer *l, size_t q)
{
	unsigned char c = (unsigned char)l->input[q];
	if (c < 0x80 && (ascii_class[c] & 4))
		return true;
	return has_prefix(l, q, l->rdelim, l->rdlen);
}

/* The end of the alphanumeric run from q, or 0 when it reaches the end of
 * the input (left to the state machine, which then sets at_eof). */
static inline size_t alnum_end(const struct tmpl_lexer *l, size_t q)
{
	const char *in = l->input;
	size_t n = l->len;
	while (q < n) {
		unsigned char c = (unsigned char)in[q];
		if (c < 0x80) {
			if (!(ascii_class[c] & 1))
				return q;
			q++;
			continue;
		}
		size_t w;
		int32_t r = utf8_decode(in + q, n - q, &w);
		if (!(unicode_is_letter(r) || unicode_is_digit(r)))
			return q;
		q += w;
	}
	return 0;
}

static inline void fast_emit(struct tmpl_lexer *l, struct tmpl_tok *out, enum tmpl_tok_type t, size_t end)
{
	out->type = (uint8_t)t;
	out->plain = 0;
	out->pos = (uint32_t)l->pos;
	out->line = l->line;
	out->val = l->input + l->pos;
	out->len = (uint32_t)(end - l->pos);
	l->pos = end;
	l->start = end;
}

/* w[0..k) == s (k == strlen(s)) without a call: keywords are short */
static inline bool word_is(const char *w, const char *s, size_t k)
{
	for (size_t i = 0; i < k; i++)
		if (w[i] != s[i])
			return false;
	return true;
}

static bool lex_action_fast(struct tmpl_lexer *l, struct tmpl_tok *out)
{
	const char *in = l->input;
	size_t n = l->len, p = l->pos;
	if (p + 2 >= n)
		return false;
	unsigned char c = (unsigned char)in[p];
	size_t q;
	/* lexRightDelim (atRightDelim is checked first, as Go does; the
	 * trim-marked form, which starts with a space, in the switch below) */
	bool trim;
	if (c == (unsigned char)l->rdelim[0] && has_prefix(l, p, l->rdelim, l->rdlen)) {
		trim = fast_is_space(c) && in[p + 1] == '-' && has_prefix(l, p + 2, l->rdelim, l->rdlen);
	right_delim:
		if (l->paren_depth != 0)
			return false;
		if (trim) {
			if (c == '\n')
				l->line++;
			p += 2;
		}
		l->pos = p;
		fast_emit(l, out, TK_RIGHT_DELIM, p + l->rdlen);
		if (trim) {
			q = l->pos;
			while (q < n && fast_is_space((unsigned char)in[q])) {
				l->line += in[q] == '\n';
				q++;
			}
			l->pos = l->start = q;
		}
		l->start_line = l->line;
		l->inside_action = false;
		return true;
	}
	switch (c) {
	case ' ':
	case '\t':
	case '\r':
	case '\n': {
		if (in[p + 1] == '-' && has_prefix(l, p + 2, l->rdelim, l->rdlen)) {
			trim = true;
			goto right_delim;
		}
		/* lexSpace */
		int line = l->line;
		q = p;
		while (q < n && fast_is_space((unsigned char)in[q]))
			line += in[q++] == '\n';
		if (q + 1 >= n)
			return false;
		if (in[q] == '-' && has_prefix(l, q + 1, l->rdelim, l->rdlen)) {
			/* the last space belongs to a trim-marked right delimiter
			 * (q > p + 1: a lone space before it was taken above) */
			q--;
			line -= in[q] == '\n';
		}
		fast_emit(l, out, TK_SPACE, q);
		l->line = l->start_line = line;
		return true;
	}
	case '.':
		/* lexField */
		if (in[p + 1] >= '0' && in[p + 1] <= '9')
			return false;
		if (term_at(l, p + 1)) {
			fast_emit(l, out, TK_DOT, p + 1);
			return true;
		}
		q = alnum_end(l, p + 1);
		if (!q || !term_at(l, q))
			return false;
		fast_emit(l, out, TK_FIELD, q);
		return true;
	case '$':
		/* lexVariable */
		if (term_at(l, p + 1)) {
			fast_emit(l, out, TK_VARIABLE, p + 1);
			return true;
		}
		q = alnum_end(l, p + 1);
		if (!q || !term_at(l, q))
			return false;
		fast_emit(l, out, TK_VARIABLE, q);
		return true;
	case '"':
		/* lexQuote: a newline or the end of input is an error */
		{
			bool plain = true;
			for (q = p + 1; q < n; q++) {
				unsigned char d = (unsigned char)in[q];
				if (d == '"') {
					fast_emit(l, out, TK_STRING, q + 1);
					out->plain = plain;
					return true;
				}
				if (d == '\n')
					return false;
				if (d >= 0x80)
					plain = false;
				if (d == '\\') {
					if (q + 1 >= n || in[q + 1] == '\n')
						return false;
					plain = false;
					q++;
				}
			}
		}
		return false;
	case '|':
		fast_emit(l, out, TK_PIPE, p + 1);
		return true;
	case '(':
		l->paren_depth++;
		fast_emit(l, out, TK_LEFT_PAREN, p + 1);
		return true;
	case ')':
		if (l->paren_depth == 0)
			return false;
		l->paren_depth--;
		fast_emit(l, out, TK_RIGHT_PAREN, p + 1);
		return true;
	case '=':
		fast_emit(l, out, TK_ASSIGN, p + 1);
		return true;
	case ':':
		if (in[p + 1] != '=')
			return false;
		fast_emit(l, out, TK_DECLARE, p + 2);
		return true;
	}
	if (c >= '0' && c <= '9') {
		/* lexNumber of plain decimal digits: what follows can neither
		 * continue the number ('.', alphanumeric incl. x o b e i _) nor
		 * start an imaginary part ('+', '-') */
		q = p + 1;
		while (q < n && in[q] >= '0' && in[q] <= '9')
			q++;
		if (q >= n)
			return false;
		unsigned char e = (unsigned char)in[q];
		if (e >= 0x80 || (ascii_class[e] & 1) || e == '.' || e == '+' || e == '-')
			return false;
		fast_emit(l, out, TK_NUMBER, q);
		return true;
	}
	if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'))
		return false;
	/* lexIdentifier */
	q = alnum_end(l, p + 1);
	if (!q || !term_at(l, q))
		return false;
	const char *w = in + p;
	size_t k = q - p;
	enum tmpl_tok_type t = TK_IDENTIFIER;
	switch (k) {
	case 2:
		if (w[0] == 'i' && w[1] == 'f')
			t = TK_IF;
		break;
	case 3:
		if (word_is(w, "end", 3))
			t = TK_END;
		else if (word_is(w, "nil", 3))
			t = TK_NIL;
		break;
	case 4:
		if (word_is(w, "else", 4))
			t = TK_ELSE;
		else if (word_is(w, "with", 4))
			t = TK_WITH;
		else if (word_is(w, "true", 4))
			t = TK_BOOL;
		break;
	case 5:
		if (word_is(w, "range", 5))
			t = TK_RANGE;
		else if (word_is(w, "block", 5))
			t = TK_BLOCK;
		else if (word_is(w, "false", 5))
			t = TK_BOOL;
		else if (word_is(w, "break", 5) && l->break_ok)
			t = TK_BREAK;
		break;
	case 6:
		if (word_is(w, "define", 6))
			t = TK_DEFINE;
		break;
	case 8:
		if (word_is(w, "template", 8))
			t = TK_TEMPLATE;
		else if (word_is(w, "continue", 8) && l->continue_ok)
			t = TK_CONTINUE;
		break;
	}
	fast_emit(l, out, t, q);
	return true;
}

/* lexText up to a left delimiter and lexLeftDelim without a comment. */
static bool lex_text_fast(struct tmpl_lexer *l, struct tmpl_tok *out)
{
	const char *in = l->input;
	size_t n = l->len, p = l->pos;
	const char *x = find(in + p, n - p, l->ldelim, l->ldlen);
	if (!x)
		return false;
	size_t d = (size_t)(x - in), after = d + l->ldlen;
	bool trim = has_left_trim(l, after);
	if (d > p) {
		size_t end = trim ? d - right_trim_length(in + p, d - p) : d;
		int line = l->line;
		l->line += (int)count_nl(in + p, d - p);
		l->pos = l->start = d;
		l->start_line = l->line;
		if (end > p) {
			*out = (struct tmpl_tok){ in + p, (uint32_t)(end - p), (uint32_t)p, line, TK_TEXT, 0 };
			return true;
		}
	}
	if (has_prefix(l, after + (trim ? 2 : 0), "/*", 2))
		return false; /* a comment: the state machine, from the delimiter */
	*out = (struct tmpl_tok){ x, (uint32_t)l->ldlen, (uint32_t)d, l->line, TK_LEFT_DELIM, 0 };
	if (trim) {
		after += 2;
		l->line += in[after - 1] == '\n';
	}
	l->pos = l->start = after;
	l->start_line = l->line;
	l->inside_action = true;
	l->paren_depth = 0;
	return true;
}

static __attribute__((noinline)) void lex_slow(struct tmpl_lexer *l, struct tmpl_tok *out)
{
	l->item = (struct tmpl_tok){ "EOF", 3, (uint32_t)l->pos, l->start_line, TK_EOF, 0 };
	enum lex_state s = l->inside_action ? S_INSIDE_ACTION : S_TEXT;
	while (s != S_NONE) {
		switch (s) {
		case S_TEXT: s = lex_text(l); break;
		case S_LEFT_DELIM: s = lex_left_delim(l); break;
		case S_COMMENT: s = lex_comment(l); break;
		case S_RIGHT_DELIM: s = lex_right_delim(l); break;
		case S_INSIDE_ACTION: s = lex_inside_action(l); break;
		case S_SPACE: s = lex_space(l); break;
		case S_IDENTIFIER: s = lex_identifier(l); break;
		case S_FIELD: s = lex_field_or_variable(l, TK_FIELD); break;
		case S_VARIABLE:
			s = at_terminator(l) ? emit(l, TK_VARIABLE) : lex_field_or_variable(l, TK_VARIABLE);
			break;
		case S_CHAR: s = lex_char(l); break;
		case S_NUMBER: s = lex_number(l); break;
		case S_QUOTE: s = lex_quote(l); break;
		case S_RAW_QUOTE: s = lex_raw_quote(l); break;
		case S_NONE: break;
		}
	}
	*out = l->item;
}

void tmpl_lex_next_call(struct tmpl_lexer *l, struct tmpl_tok *out)
{
	if (l->inside_action ? lex_action_fast(l, out) : lex_text_fast(l, out))
		return;
	lex_slow(l, out);
}

void tmpl_tok_describe(struct sb *out, const struct tmpl_tok *t)
{
	if (t->type == TK_EOF) {
		sb_adds(out, "EOF");
	} else if (t->type == TK_ERROR) {
		sb_add(out, t->val, t->len);
	} else if (t->type > TK_KEYWORD) {
		sb_addc(out, '<');
		sb_add(out, t->val, t->len);
		sb_addc(out, '>');
	} else if (t->len > 10) {
		/* %.10q: the first ten runes, quoted, then "..." */
		size_t i = 0, runes = 0;
		while (i < t->len && runes < 10) {
			size_t w;
			utf8_decode(t->val + i, t->len - i, &w);
			i += w ? w : 1;
			runes++;
		}
		strconv_append_quote(out, t->val, i);
		sb_adds(out, "...");
	} else {
		strconv_append_quote(out, t->val, t->len);
	}
}
