/* strings.c — Sprig v3.3.0's string functions (strings.go, functions.go)
 * with the libraries they call: Go's strings and unicode packages,
 * Masterminds/goutils v1.1.1 (abbreviate, wrap, initials, swapcase...) and
 * huandu/xstrings v1.5.0 (snakecase, kebabcase, camelcase, shuffle). */
#include "funcs/funcs.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/quote.h"
#include "base/strconv.h"
#include "base/unicode_case.h"
#include "base/utf8.h"
#include "chart/engine.h"
#include "funcs/fn_encoding.h"
#include "value/codec.h"

/* ---- helpers ---- */

static val mkstr(struct tmpl_exec *x, const struct sb *s)
{
	return val_str(x->a, s->buf, s->len);
}

/* Finish a builder into a string value and release it. */
static int ret_sb(struct tmpl_exec *x, struct sb *s, val *out)
{
	*out = mkstr(x, s);
	sb_release(s);
	return 0;
}

static void add_rune(struct sb *s, int32_t r)
{
	char b[4];
	sb_add(s, b, utf8_encode(r, b));
}

/* fmt's %v of one value, with the host types' String() methods. */
static void fmt_v(struct tmpl_exec *x, val v, struct sb *out)
{
	tmpl_fmt_v(x, v, out);
}

/* sprig's strval: strings and []byte as their bytes, the rest as %v
 * (fmt already prefers Error() and String()). */
static void strval(struct tmpl_exec *x, val v, struct sb *out)
{
	if (v.kind == VAL_STRING)
		sb_add(out, v.u.s, v.len);
	else
		fmt_v(x, v, out);
}

static val strval_v(struct tmpl_exec *x, val v)
{
	if (v.kind == VAL_STRING)
		return val_str_ref(v.u.s, v.len);
	struct sb s = SB_INIT;
	strval(x, v, &s);
	val r = mkstr(x, &s);
	sb_release(&s);
	return r;
}

static val strings_list(struct tmpl_exec *x, size_t cap)
{
	return val_typed(val_list_new(x->a, cap), GT_STRINGS);
}

/* sprig's strslice: []string as is, []interface{} and other slices with
 * nil elements dropped and the rest through strval, nil as [], anything
 * else as a one-element list. */
static val strslice(struct tmpl_exec *x, val v)
{
	/* Sprig's strslice returns a []string as it is: a nil one stays nil */
	if (v.kind == VAL_LIST && v.gotype == GT_STRINGS)
		return v;
	if (v.kind == VAL_LIST) {
		val l = strings_list(x, val_list_len(v));
		for (size_t i = 0; i < val_list_len(v); i++) {
			val e = val_list_at(v, i);
			if (e.kind != VAL_NULL)
				val_list_push(x->a, l, strval_v(x, e));
		}
		return l;
	}
	if (v.kind == VAL_STRING && v.gotype == GT_BYTES) {
		/* a []byte is a slice of uint8: each element prints as a number */
		val l = strings_list(x, v.len);
		for (size_t i = 0; i < v.len; i++) {
			char b[4];
			size_t n = 0;
			unsigned c = (unsigned char)v.u.s[i];
			if (c >= 100)
				b[n++] = (char)('0' + c / 100);
			if (c >= 10)
				b[n++] = (char)('0' + c / 10 % 10);
			b[n++] = (char)('0' + c % 10);
			val_list_push(x->a, l, val_str(x->a, b, n));
		}
		return l;
	}
	val l = strings_list(x, 1);
	if (v.kind != VAL_NULL)
		val_list_push(x->a, l, strval_v(x, v));
	return l;
}

/* Go's runtime panic for strings.Repeat with a negative count. */
static int repeat_into(struct tmpl_exec *x, struct sb *s, const char *p, size_t n, int64_t count)
{
	if (count < 0)
		return tmpl_fail(x, "strings: negative Repeat count");
	if (count && n > (size_t)INT64_MAX / (uint64_t)count)
		return tmpl_fail(x, "strings: Repeat output length overflow");
	sb_grow(s, n * (size_t)count);
	if (n == 1)
		sb_addrep(s, p[0], (size_t)count);
	else
		for (int64_t i = 0; i < count; i++)
			sb_add(s, p, n);
	return 0;
}

/* strings.Map over the runes of s: invalid bytes come out as U+FFFD. */
typedef int32_t (*rune_map)(int32_t r, int32_t *state);

static void map_runes(struct sb *out, const char *p, size_t n, rune_map fn, int32_t state)
{
	sb_grow(out, n);
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)p[i];
		if (c < 0x80) {
			int32_t r = fn(c, &state);
			if (r < 0x80)
				sb_addc_fast(out, (char)r);
			else
				add_rune(out, r);
			i++;
			continue;
		}
		size_t w;
		int32_t r = utf8_decode(p + i, n - i, &w);
		add_rune(out, fn(r, &state));
		i += w;
	}
}

static bool is_ascii(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)p[i] >= 0x80)
			return false;
	return true;
}

static int32_t map_upper(int32_t r, int32_t *st)
{
	(void)st;
	return unicode_to_upper(r);
}

static int32_t map_lower(int32_t r, int32_t *st)
{
	(void)st;
	return unicode_to_lower(r);
}

/* strings.Title's isSeparator. */
static bool is_separator(int32_t r)
{
	if (r <= 0x7F) {
		if ((r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '_')
			return false;
		return true;
	}
	if (unicode_is_letter(r) || unicode_is_digit(r))
		return false;
	return unicode_is_space(r);
}

static int32_t map_title(int32_t r, int32_t *prev)
{
	int32_t out = is_separator(*prev) ? unicode_to_title(r) : r;
	*prev = r;
	return out;
}

/* ToUpper/ToLower keep an unchanged ASCII string as is (fast path). */
static int case_map(struct tmpl_exec *x, val s, rune_map fn, val *out)
{
	struct sb b = SB_INIT;
	if (is_ascii(s.u.s, s.len)) {
		sb_grow(&b, s.len);
		for (size_t i = 0; i < s.len; i++)
			sb_addc_fast(&b, (char)fn((unsigned char)s.u.s[i], NULL));
		return ret_sb(x, &b, out);
	}
	map_runes(&b, s.u.s, s.len, fn, 0);
	return ret_sb(x, &b, out);
}

/* Decode s into runes as []rune(s) does (invalid bytes become U+FFFD). */
static int32_t *to_runes(struct tmpl_exec *x, const char *p, size_t n, size_t *count)
{
	int32_t *r = arena_alloc(x->a, (n + 1) * sizeof(*r));
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		size_t w;
		r[k++] = utf8_decode(p + i, n - i, &w);
		i += w;
	}
	*count = k;
	return r;
}

static int ret_runes(struct tmpl_exec *x, const int32_t *r, size_t n, val *out)
{
	struct sb b = SB_INIT;
	sb_grow(&b, n);
	for (size_t i = 0; i < n; i++)
		add_rune(&b, r[i]);
	return ret_sb(x, &b, out);
}

static bool has_rune(const char *set, size_t n, int32_t r)
{
	for (size_t i = 0; i < n;) {
		size_t w;
		if (utf8_decode(set + i, n - i, &w) == r)
			return true;
		i += w;
	}
	return false;
}

static const char *memmem_go(const char *h, size_t hn, const char *nd, size_t nn)
{
	if (nn == 0)
		return h;
	if (nn > hn)
		return NULL;
	return memmem(h, hn, nd, nn);
}

static const char *last_index(const char *h, size_t hn, const char *nd, size_t nn)
{
	if (nn > hn)
		return NULL;
	for (size_t i = hn - nn + 1; i-- > 0;)
		if (memcmp(h + i, nd, nn) == 0)
			return h + i;
	return NULL;
}

/* ---- Go strings package ---- */

static int f_trim(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	const char *p = a[0].u.s;
	size_t b = 0, e = a[0].len;
	while (b < e) {
		size_t w;
		int32_t r = utf8_decode(p + b, e - b, &w);
		if (!unicode_is_space(r))
			break;
		b += w;
	}
	while (e > b) {
		size_t w;
		int32_t r = utf8_decode_last(p + b, e - b, &w);
		if (!unicode_is_space(r))
			break;
		e -= w;
	}
	*out = val_str_ref(p + b, e - b);
	return 0;
}

static int f_upper(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return case_map(x, a[0], map_upper, out);
}

static int f_lower(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return case_map(x, a[0], map_lower, out);
}

static int f_title(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb b = SB_INIT;
	map_runes(&b, a[0].u.s, a[0].len, map_title, ' ');
	return ret_sb(x, &b, out);
}

/* strings.Trim(b, a): runes of the cutset, invalid bytes as U+FFFD. */
static int f_trim_all(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	const char *set = a[0].u.s, *p = a[1].u.s;
	size_t sn = a[0].len, b = 0, e = a[1].len;
	if (sn) {
		while (b < e) {
			size_t w;
			if (!has_rune(set, sn, utf8_decode(p + b, e - b, &w)))
				break;
			b += w;
		}
		while (e > b) {
			size_t w;
			if (!has_rune(set, sn, utf8_decode_last(p + b, e - b, &w)))
				break;
			e -= w;
		}
	}
	*out = val_str_ref(p + b, e - b);
	return 0;
}

static int f_trim_suffix(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	val s = a[1];
	if (a[0].len <= s.len && memcmp(s.u.s + s.len - a[0].len, a[0].u.s, a[0].len) == 0)
		s.len -= a[0].len;
	*out = val_str_ref(s.u.s, s.len);
	return 0;
}

static int f_trim_prefix(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	val s = a[1];
	if (a[0].len <= s.len && memcmp(s.u.s, a[0].u.s, a[0].len) == 0)
		*out = val_str_ref(s.u.s + a[0].len, s.len - a[0].len);
	else
		*out = val_str_ref(s.u.s, s.len);
	return 0;
}

static int f_repeat(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb b = SB_INIT;
	if (repeat_into(x, &b, a[1].u.s, a[1].len, a[0].u.i) < 0) {
		sb_release(&b);
		return -1;
	}
	return ret_sb(x, &b, out);
}

static int f_contains(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = val_bool(memmem_go(a[1].u.s, a[1].len, a[0].u.s, a[0].len) != NULL);
	return 0;
}

static int f_has_prefix(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = val_bool(a[0].len <= a[1].len && memcmp(a[1].u.s, a[0].u.s, a[0].len) == 0);
	return 0;
}

static int f_has_suffix(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = val_bool(a[0].len <= a[1].len &&
			memcmp(a[1].u.s + a[1].len - a[0].len, a[0].u.s, a[0].len) == 0);
	return 0;
}

/* strings.Replace(src, old, new, -1): an empty old matches before every
 * rune and at the end. */
static void replace_all(struct sb *b, val src, val old, val nw)
{
	const char *p = src.u.s;
	size_t n = src.len, i = 0;
	if (old.len == 0) {
		sb_grow(b, n + (n + 1) * nw.len);
		sb_add(b, nw.u.s, nw.len);
		while (i < n) {
			size_t w;
			utf8_decode(p + i, n - i, &w);
			sb_add(b, p + i, w);
			sb_add(b, nw.u.s, nw.len);
			i += w;
		}
		return;
	}
	for (;;) {
		const char *m = memmem_go(p + i, n - i, old.u.s, old.len);
		if (!m)
			break;
		sb_add(b, p + i, (size_t)(m - (p + i)));
		sb_add(b, nw.u.s, nw.len);
		i = (size_t)(m - p) + old.len;
	}
	sb_add(b, p + i, n - i);
}

static int f_replace(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	if (a[0].len && !memmem_go(a[2].u.s, a[2].len, a[0].u.s, a[0].len)) {
		*out = val_str_ref(a[2].u.s, a[2].len);
		return 0;
	}
	struct sb b = SB_INIT;
	replace_all(&b, a[2], a[0], a[1]);
	return ret_sb(x, &b, out);
}

/* strings.SplitN (n < 0: all); an empty separator splits into runes, an
 * invalid byte being a rune of its own. */
static val split_n(struct tmpl_exec *x, val s, val sep, int64_t n)
{
	val l = strings_list(x, 4);
	if (n == 0)
		return l;
	const char *p = s.u.s;
	size_t len = s.len, i = 0;
	if (sep.len == 0) {
		size_t cnt = utf8_rune_count(p, len);
		if (n < 0 || (uint64_t)n > cnt)
			n = (int64_t)cnt;
		for (int64_t k = 0; k < n; k++) {
			size_t w;
			if (k == n - 1) {
				val_list_push(x->a, l, val_str_ref(p + i, len - i));
				break;
			}
			utf8_decode(p + i, len - i, &w);
			val_list_push(x->a, l, val_str_ref(p + i, w));
			i += w;
		}
		return l;
	}
	int64_t k = 0;
	while (n < 0 || k < n - 1) {
		const char *m = memmem_go(p + i, len - i, sep.u.s, sep.len);
		if (!m)
			break;
		val_list_push(x->a, l, val_str_ref(p + i, (size_t)(m - (p + i))));
		i = (size_t)(m - p) + sep.len;
		k++;
	}
	val_list_push(x->a, l, val_str_ref(p + i, len - i));
	return l;
}

/* split/splitn: map[string]string with keys _0, _1, ... */
static val index_map(struct tmpl_exec *x, val parts)
{
	size_t n = val_list_len(parts);
	val m = val_map_new(x->a, n);
	for (size_t i = 0; i < n; i++) {
		struct sb k = SB_INIT;
		sb_addc(&k, '_');
		strconv_format_int(&k, (int64_t)i, 10);
		char *key = arena_memdup(x->a, k.buf, k.len);
		val_map_set(x->a, m, key, k.len, val_list_at(parts, i));
		sb_release(&k);
	}
	return val_typed(m, GT_STRING_MAP); /* the engine's map[string]string */
}

static int f_split(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = index_map(x, split_n(x, a[1], a[0], -1));
	return 0;
}

static int f_splitn(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	int64_t cnt = a[1].u.i;
	/* genSplit clamps n to len(s)+1 */
	if (cnt > (int64_t)a[2].len + 1)
		cnt = (int64_t)a[2].len + 1;
	*out = index_map(x, split_n(x, a[2], a[0], cnt));
	return 0;
}

static int f_split_list(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = split_n(x, a[1], a[0], -1);
	return 0;
}

/* ---- sprig strings.go ---- */

/* goutils.AbbreviateFull; errors come back as "" (sprig drops them). */
static val abbreviate_full(val s, int64_t offset, int64_t max, struct sb *b)
{
	int64_t len = s.len;
	if (len == 0)
		return val_str_ref("", 0);
	if (max < 4)
		return val_str_ref("", 0);
	if (len <= max)
		return s;
	if (offset > len)
		offset = len;
	if (len - offset < max - 3)
		offset = len - (max - 3);
	if (offset <= 4) {
		sb_add(b, s.u.s, (size_t)(max - 3));
		sb_adds(b, "...");
		return val_null();
	}
	if (max < 7)
		return val_str_ref("", 0);
	if (offset + max - 3 < len) {
		sb_adds(b, "...");
		val rest = val_str_ref(s.u.s + offset, (size_t)(len - offset));
		val r = abbreviate_full(rest, 0, max - 3, b);
		if (r.kind == VAL_STRING)
			sb_add(b, r.u.s, r.len);
		return val_null();
	}
	sb_adds(b, "...");
	sb_add(b, s.u.s + (len - (max - 3)), (size_t)(max - 3));
	return val_null();
}

static int abbrev_out(struct tmpl_exec *x, val s, int64_t off, int64_t max, val *out)
{
	struct sb b = SB_INIT;
	val r = abbreviate_full(s, off, max, &b);
	if (r.kind == VAL_STRING) {
		sb_release(&b);
		*out = r;
		return 0;
	}
	return ret_sb(x, &b, out);
}

static int f_abbrev(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	if (a[0].u.i < 4) {
		*out = a[1];
		return 0;
	}
	return abbrev_out(x, a[1], 0, a[0].u.i, out);
}

static int f_abbrevboth(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	int64_t left = a[0].u.i, right = a[1].u.i;
	if (right < 4 || (left > 0 && right < 7)) {
		*out = a[2];
		return 0;
	}
	return abbrev_out(x, a[2], left, right, out);
}

static int f_trunc(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	int64_t c = a[0].u.i, len = a[1].len;
	const char *p = a[1].u.s;
	if (c < 0 && len + c > 0)
		*out = val_str_ref(p + len + c, (size_t)-c);
	else if (c >= 0 && len > c)
		*out = val_str_ref(p, (size_t)c);
	else
		*out = a[1];
	return 0;
}

/* Go's runtime error for a bad string slice expression s[lo:hi]. */
static int slice_panic(struct tmpl_exec *x, int64_t lo, int64_t hi, int64_t len, bool has_lo)
{
	if (hi < 0 || hi > len) {
		if (hi < 0)
			return tmpl_fail(x, "runtime error: slice bounds out of range [:%lld]", (long long)hi);
		return tmpl_fail(x, "runtime error: slice bounds out of range [:%lld] with length %lld",
				 (long long)hi, (long long)len);
	}
	(void)has_lo;
	return tmpl_fail(x, "runtime error: slice bounds out of range [%lld:%lld]", (long long)lo,
			 (long long)hi);
}

static int f_substr(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	int64_t start = a[0].u.i, end = a[1].u.i, len = a[2].len;
	const char *p = a[2].u.s;
	if (start < 0) {
		if (end < 0 || end > len)
			return slice_panic(x, 0, end, len, false);
		*out = val_str_ref(p, (size_t)end);
		return 0;
	}
	if (end < 0 || end > len) {
		if (start > len)
			return slice_panic(x, start, len, len, true);
		*out = val_str_ref(p + start, (size_t)(len - start));
		return 0;
	}
	if (start > end)
		return slice_panic(x, start, end, len, true);
	*out = val_str_ref(p + start, (size_t)(end - start));
	return 0;
}

/* goutils.Uncapitalize: lower-case the first rune of each space-separated word. */
static int f_untitle(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	if (a[0].len == 0) {
		*out = a[0];
		return 0;
	}
	size_t cnt;
	int32_t *r = to_runes(x, a[0].u.s, a[0].len, &cnt);
	bool next = true;
	for (size_t i = 0; i < cnt; i++) {
		if (unicode_is_space(r[i])) {
			next = true;
		} else if (next) {
			r[i] = unicode_to_lower(r[i]);
			next = false;
		}
	}
	return ret_runes(x, r, cnt, out);
}

/* goutils.SwapCase (word based: a lower-case letter starting a word becomes title case). */
static int f_swapcase(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	if (a[0].len == 0) {
		*out = a[0];
		return 0;
	}
	size_t cnt;
	int32_t *r = to_runes(x, a[0].u.s, a[0].len, &cnt);
	bool ws = true;
	for (size_t i = 0; i < cnt; i++) {
		int32_t c = r[i];
		if (unicode_is_upper(c) || unicode_is_title(c)) {
			r[i] = unicode_to_lower(c);
			ws = false;
		} else if (unicode_is_lower(c)) {
			if (ws) {
				r[i] = unicode_to_title(c);
				ws = false;
			} else {
				r[i] = unicode_to_upper(c);
			}
		} else {
			ws = unicode_is_space(c);
		}
	}
	return ret_runes(x, r, cnt, out);
}

/* goutils.DeleteWhiteSpace: works on bytes, so a byte >= 0x80 is written
 * back as the Latin-1 rune of that value (and 0x85, 0xA0 count as space). */
static int f_nospace(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb b = SB_INIT;
	size_t kept = 0;
	for (size_t i = 0; i < a[0].len; i++) {
		int32_t c = (unsigned char)a[0].u.s[i];
		if (!unicode_is_space(c)) {
			add_rune(&b, c);
			kept++;
		}
	}
	if (kept == a[0].len) {
		sb_release(&b);
		*out = a[0];
		return 0;
	}
	return ret_sb(x, &b, out);
}

/* goutils.Initials: byte based, like DeleteWhiteSpace. */
static int f_initials(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb b = SB_INIT;
	bool gap = true;
	for (size_t i = 0; i < a[0].len; i++) {
		int32_t c = (unsigned char)a[0].u.s[i];
		if (unicode_is_space(c)) {
			gap = true;
		} else if (gap) {
			add_rune(&b, c);
			gap = false;
		}
	}
	return ret_sb(x, &b, out);
}

/* goutils.WrapCustom (byte offsets throughout). */
static int wrap_custom(struct tmpl_exec *x, val s, int64_t wl, val nl, bool long_words, val *out)
{
	if (s.len == 0) {
		*out = val_str_ref("", 0);
		return 0;
	}
	if (nl.len == 0)
		nl = val_str_ref("\n", 1);
	if (wl < 1)
		wl = 1;
	const char *p = s.u.s;
	int64_t len = s.len, off = 0;
	struct sb b = SB_INIT;
	while (len - off > wl) {
		if (p[off] == ' ') {
			off++;
			continue;
		}
		int64_t end = wl + off + 1;
		const char *sp = last_index(p + off, (size_t)(end - off), " ", 1);
		if (sp) {
			int64_t at = sp - p;
			sb_add(&b, p + off, (size_t)(at - off));
			sb_add(&b, nl.u.s, nl.len);
			off = at + 1;
		} else if (long_words) {
			sb_add(&b, p + off, (size_t)wl);
			sb_add(&b, nl.u.s, nl.len);
			off += wl;
		} else {
			int64_t e2 = wl + off;
			const char *sp2 = memchr(p + e2, ' ', (size_t)(len - e2));
			if (!sp2) {
				sb_add(&b, p + off, (size_t)(len - off));
				off = len;
			} else {
				int64_t at = sp2 - p;
				sb_add(&b, p + off, (size_t)(at - off));
				sb_add(&b, nl.u.s, nl.len);
				off = at + 1;
			}
		}
	}
	sb_add(&b, p + off, (size_t)(len - off));
	return ret_sb(x, &b, out);
}

static int f_wrap(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return wrap_custom(x, a[1], a[0].u.i, val_str_ref("", 0), false, out);
}

static int f_wrap_with(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return wrap_custom(x, a[2], a[0].u.i, a[1], true, out);
}

static int f_quote(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb b = SB_INIT, t = SB_INIT;
	bool first = true;
	for (size_t i = 0; i < n; i++) {
		if (a[i].kind == VAL_NULL)
			continue;
		if (!first)
			sb_addc(&b, ' ');
		first = false;
		if (a[i].kind == VAL_STRING) {
			strconv_append_quote(&b, a[i].u.s, a[i].len);
		} else {
			sb_reset(&t);
			strval(x, a[i], &t);
			strconv_append_quote(&b, t.buf, t.len);
		}
	}
	sb_release(&t);
	return ret_sb(x, &b, out);
}

static int f_squote(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb b = SB_INIT;
	bool first = true;
	for (size_t i = 0; i < n; i++) {
		if (a[i].kind == VAL_NULL)
			continue;
		if (!first)
			sb_addc(&b, ' ');
		first = false;
		sb_addc(&b, '\'');
		fmt_v(x, a[i], &b);
		sb_addc(&b, '\'');
	}
	return ret_sb(x, &b, out);
}

/* cat: Sprintf("%v %v ...") of the non-nil arguments. */
static int f_cat(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb b = SB_INIT;
	bool first = true;
	for (size_t i = 0; i < n; i++) {
		if (a[i].kind == VAL_NULL)
			continue;
		if (!first)
			sb_addc(&b, ' ');
		first = false;
		fmt_v(x, a[i], &b);
	}
	return ret_sb(x, &b, out);
}

static int indent_into(struct tmpl_exec *x, struct sb *b, int64_t spaces, val s)
{
	struct sb pad = SB_INIT;
	if (repeat_into(x, &pad, " ", 1, spaces) < 0)
		return -1;
	sb_add(b, pad.buf, pad.len);
	const char *p = s.u.s;
	size_t len = s.len, i = 0;
	for (;;) {
		const char *nl = memchr(p + i, '\n', len - i);
		if (!nl)
			break;
		size_t at = (size_t)(nl - p);
		sb_add(b, p + i, at + 1 - i);
		sb_add(b, pad.buf, pad.len);
		i = at + 1;
	}
	sb_add(b, p + i, len - i);
	sb_release(&pad);
	return 0;
}

static int f_indent(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb b = SB_INIT;
	if (indent_into(x, &b, a[0].u.i, a[1]) < 0) {
		sb_release(&b);
		return -1;
	}
	return ret_sb(x, &b, out);
}

static int f_nindent(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb b = SB_INIT;
	sb_addc(&b, '\n');
	if (indent_into(x, &b, a[0].u.i, a[1]) < 0) {
		sb_release(&b);
		return -1;
	}
	return ret_sb(x, &b, out);
}

static int f_plural(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = a[2].u.i == 1 ? a[0] : a[1];
	return 0;
}

static int f_to_string(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = strval_v(x, a[0]);
	return 0;
}

static int f_to_strings(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = strslice(x, a[0]);
	return 0;
}

static int f_join(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	val l = strslice(x, a[1]);
	struct sb b = SB_INIT;
	for (size_t i = 0; i < val_list_len(l); i++) {
		val e = val_list_at(l, i);
		if (i)
			sb_add(&b, a[0].u.s, a[0].len);
		sb_add(&b, e.u.s, e.len);
	}
	return ret_sb(x, &b, out);
}

static int cmp_str(const void *pa, const void *pb)
{
	const val *a = pa, *b = pb;
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->u.s, b->u.s, n);
	if (c)
		return c;
	return (a->len > b->len) - (a->len < b->len);
}

static int f_sort_alpha(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	val v = a[0];
	if (v.kind == VAL_LIST || (v.kind == VAL_STRING && v.gotype == GT_BYTES)) {
		val l = strslice(x, v);
		if (val_list_len(l) > 1)
			qsort(l.u.l->items, val_list_len(l), sizeof(val), cmp_str);
		*out = l;
		return 0;
	}
	val l = strings_list(x, 1);
	val_list_push(x->a, l, strval_v(x, v));
	*out = l;
	return 0;
}

/* ---- random strings (goutils CryptoRandom*, xstrings.Shuffle) ---- */

/* A uniform index below n (n <= 256) by rejection, like crypto/rand.Int. */
static unsigned random_below(unsigned n, unsigned char *pool, size_t *left)
{
	unsigned lim = 256 - 256 % n;
	for (;;) {
		if (*left == 0) {
			fn_random_bytes(pool, 64);
			*left = 64;
		}
		unsigned c = pool[--*left];
		if (c < lim)
			return c % n;
	}
}

static int random_string(struct tmpl_exec *x, int64_t count, const char *alphabet, val *out)
{
	if (count <= 0) {
		*out = val_str_ref("", 0);
		return 0;
	}
	if (count > (int64_t)1 << 40)
		return tmpl_fail(x, "runtime error: makeslice: len out of range");
	size_t an = strlen(alphabet), left = 0;
	unsigned char pool[64];
	char *s = arena_alloc(x->a, (size_t)count + 1);
	for (int64_t i = 0; i < count; i++)
		s[i] = alphabet[random_below((unsigned)an, pool, &left)];
	s[count] = 0;
	*out = val_str_ref(s, (size_t)count);
	return 0;
}

static const char alnum[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

static int f_rand_alnum(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return random_string(x, a[0].u.i, alnum, out);
}

static int f_rand_alpha(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return random_string(x, a[0].u.i, alnum + 10, out);
}

static int f_rand_numeric(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	static const char digits[] = "0123456789";
	return random_string(x, a[0].u.i, digits, out);
}

static int f_rand_ascii(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	char ascii[96];
	for (int i = 0; i < 95; i++)
		ascii[i] = (char)(32 + i);
	ascii[95] = 0;
	return random_string(x, a[0].u.i, ascii, out);
}

static int f_shuffle(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	if (a[0].len == 0) {
		*out = a[0];
		return 0;
	}
	size_t cnt;
	int32_t *r = to_runes(x, a[0].u.s, a[0].len, &cnt);
	for (size_t i = cnt; i-- > 1;) {
		uint64_t v;
		fn_random_bytes((unsigned char *)&v, sizeof(v));
		size_t j = (size_t)(v % (i + 1));
		int32_t t = r[i];
		r[i] = r[j];
		r[j] = t;
	}
	return ret_runes(x, r, cnt, out);
}

/* ---- xstrings case conversions (convert.go) ---- */

static bool is_connector(int32_t r)
{
	return r == '-' || r == '_' || unicode_is_space(r);
}

/* xstrings isAlphabet: a letter that is not a common CJK ideograph. */
static bool is_alphabet(int32_t r)
{
	if (!unicode_is_letter(r))
		return false;
	if (r < 0x3400)
		return true;
	if (r >= 0x4E00 && r <= 0x9FCC)
		return false;
	if (r >= 0x3400 && r <= 0x4D85)
		return false;
	if (r >= 0x20000 && r <= 0x2B81D)
		return false;
	return true;
}

/* toCamelCase(str, isBig=true) = ToPascalCase. */
static int f_camelcase(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	const char *p = a[0].u.s;
	size_t len = a[0].len, i = 0, size = 0;
	if (len == 0) {
		*out = val_str_ref("", 0);
		return 0;
	}
	struct sb b = SB_INIT;
	bool first_upper = false;
	int32_t r0 = 0, r1;
	while (i < len) {
		r0 = utf8_decode(p + i, len - i, &size);
		i += size;
		if (!is_connector(r0)) {
			first_upper = unicode_is_upper(r0);
			r0 = unicode_to_upper(r0);
			break;
		}
		add_rune(&b, r0);
	}
	if (i >= len) {
		if (size != 0)
			add_rune(&b, r0);
		return ret_sb(x, &b, out);
	}
	while (i < len) {
		r1 = r0;
		r0 = utf8_decode(p + i, len - i, &size);
		i += size;
		if (is_connector(r0) && is_connector(r1)) {
			add_rune(&b, r1);
			continue;
		}
		if (is_connector(r1)) {
			first_upper = unicode_is_upper(r0);
			r0 = unicode_to_upper(r0);
		} else {
			if (first_upper) {
				if (unicode_is_upper(r0))
					r0 = unicode_to_lower(r0);
				else
					first_upper = false;
			}
			add_rune(&b, r1);
		}
	}
	add_rune(&b, r0);
	return ret_sb(x, &b, out);
}

enum word_type { W_INVALID, W_NUMBER, W_UPPER, W_ALPHA, W_CONNECTOR, W_PUNCT, W_OTHER };

struct word {
	enum word_type wt;
	const char *p;
	size_t n;
};

/* nextValidRune: the next rune that is not RuneError, or prev at the end;
 * size counts the skipped bytes too. */
static int32_t next_valid_rune(const char *p, size_t n, int32_t prev, size_t *size)
{
	size_t i = 0;
	*size = 0;
	while (i < n) {
		size_t w;
		int32_t r = utf8_decode(p + i, n - i, &w);
		*size += w;
		if (r != UTF8_RUNE_ERROR)
			return r;
		i += w;
	}
	return prev;
}

/* nextWord: splits the head word off str; rem gets the rest. */
static struct word next_word(const char *str, size_t n, const char **rem, size_t *remn)
{
	struct word w = { W_INVALID, str, 0 };
	if (n == 0) {
		*rem = str + n;
		*remn = 0;
		return w;
	}
	size_t offset = 0, size;
	const char *rp = str;
	size_t rn = n;
	int32_t r = next_valid_rune(rp, rn, UTF8_RUNE_ERROR, &size);
	offset += size;
	if (r == UTF8_RUNE_ERROR) {
		w.n = offset;
		*rem = str + offset;
		*remn = n - offset;
		return w;
	}
#define ADV() (rp += size, rn -= size)
	if (is_connector(r)) {
		w.wt = W_CONNECTOR;
		ADV();
		while (rn > 0) {
			r = next_valid_rune(rp, rn, r, &size);
			if (!is_connector(r))
				break;
			offset += size;
			ADV();
		}
	} else if (unicode_is_punct(r)) {
		w.wt = W_PUNCT;
		ADV();
		while (rn > 0) {
			r = next_valid_rune(rp, rn, r, &size);
			if (!unicode_is_punct(r))
				break;
			offset += size;
			ADV();
		}
	} else if (unicode_is_upper(r)) {
		w.wt = W_UPPER;
		ADV();
		if (rn > 0) {
			r = next_valid_rune(rp, rn, r, &size);
			if (unicode_is_upper(r)) {
				size_t prev_size = size;
				offset += size;
				ADV();
				while (rn > 0) {
					r = next_valid_rune(rp, rn, r, &size);
					if (!unicode_is_upper(r))
						break;
					prev_size = size;
					offset += size;
					ADV();
				}
				if (rn > 0 && is_alphabet(r)) {
					offset -= prev_size;
					rp = str + offset;
					rn = n - offset;
				}
			} else if (is_alphabet(r)) {
				offset += size;
				ADV();
				while (rn > 0) {
					r = next_valid_rune(rp, rn, r, &size);
					if (!is_alphabet(r) || unicode_is_upper(r))
						break;
					offset += size;
					ADV();
				}
			}
		}
	} else if (is_alphabet(r)) {
		w.wt = W_ALPHA;
		ADV();
		while (rn > 0) {
			r = next_valid_rune(rp, rn, r, &size);
			if (!is_alphabet(r) || unicode_is_upper(r))
				break;
			offset += size;
			ADV();
		}
	} else if (unicode_is_number(r)) {
		w.wt = W_NUMBER;
		ADV();
		while (rn > 0) {
			r = next_valid_rune(rp, rn, r, &size);
			if (!unicode_is_number(r))
				break;
			offset += size;
			ADV();
		}
	} else {
		w.wt = W_OTHER;
		ADV();
		while (rn > 0) {
			r = next_valid_rune(rp, rn, r, &size);
			if (size == 0 || is_connector(r) || is_alphabet(r) || unicode_is_number(r) ||
			    unicode_is_punct(r))
				break;
			offset += size;
			ADV();
		}
	}
#undef ADV
	w.n = offset;
	*rem = rp;
	*remn = rn;
	return w;
}

static void word_lower(struct sb *b, struct word w, int32_t conn)
{
	if (w.wt != W_UPPER && w.wt != W_CONNECTOR) {
		sb_add(b, w.p, w.n);
		return;
	}
	for (size_t i = 0; i < w.n;) {
		size_t sz;
		int32_t r = utf8_decode(w.p + i, w.n - i, &sz);
		i += sz;
		if (is_connector(r))
			add_rune(b, conn);
		else if (unicode_is_upper(r))
			add_rune(b, unicode_to_lower(r));
		else
			add_rune(b, r);
	}
}

/* camelCaseToLowerCase (snakecase, kebabcase). */
static void camel_to_lower(struct sb *b, const char *str, size_t n, int32_t conn)
{
	const char *rem;
	size_t remn;
	struct word w = next_word(str, n, &rem, &remn);
	while (remn > 0) {
		if (w.wt != W_CONNECTOR)
			word_lower(b, w, conn);
		enum word_type prev = w.wt;
		struct word last = w;
		w = next_word(rem, remn, &rem, &remn);
		switch (prev) {
		case W_NUMBER:
			while (w.wt == W_ALPHA || w.wt == W_NUMBER) {
				word_lower(b, w, conn);
				w = next_word(rem, remn, &rem, &remn);
			}
			if (w.wt != W_INVALID && w.wt != W_PUNCT && w.wt != W_CONNECTOR)
				add_rune(b, conn);
			break;
		case W_CONNECTOR:
			word_lower(b, last, conn);
			break;
		case W_PUNCT:
			break;
		default:
			if (w.wt != W_NUMBER) {
				if (w.wt != W_CONNECTOR && w.wt != W_PUNCT)
					add_rune(b, conn);
				break;
			}
			if (remn == 0)
				break;
			last = w;
			w = next_word(rem, remn, &rem, &remn);
			if (w.wt != W_ALPHA) {
				last.wt = W_NUMBER;
				word_lower(b, last, conn);
				if (w.wt != W_CONNECTOR && w.wt != W_PUNCT)
					add_rune(b, conn);
				break;
			}
			add_rune(b, conn);
			last.wt = W_NUMBER;
			word_lower(b, last, conn);
			while (w.wt == W_ALPHA || w.wt == W_NUMBER) {
				word_lower(b, w, conn);
				w = next_word(rem, remn, &rem, &remn);
			}
			if (w.wt != W_INVALID && w.wt != W_CONNECTOR && w.wt != W_PUNCT)
				add_rune(b, conn);
			break;
		}
	}
	word_lower(b, w, conn);
}

static int f_snakecase(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb b = SB_INIT;
	camel_to_lower(&b, a[0].u.s, a[0].len, '_');
	return ret_sb(x, &b, out);
}

static int f_kebabcase(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb b = SB_INIT;
	camel_to_lower(&b, a[0].u.s, a[0].len, '-');
	return ret_sb(x, &b, out);
}

/* sprig's "hello": func() string { return "Hello!" } */
static int f_hello(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = val_str_ref("Hello!", 6);
	return 0;
}

const struct tmpl_func fn_strings_table[] = {
	{ "hello", f_hello, 0, false, { 0 } },
	{ "abbrev", f_abbrev, 2, false, { TP_INT, TP_STRING } },
	{ "abbrevboth", f_abbrevboth, 3, false, { TP_INT, TP_INT, TP_STRING } },
	{ "trunc", f_trunc, 2, false, { TP_INT, TP_STRING } },
	{ "trim", f_trim, 1, false, { TP_STRING } },
	{ "upper", f_upper, 1, false, { TP_STRING } },
	{ "lower", f_lower, 1, false, { TP_STRING } },
	{ "title", f_title, 1, false, { TP_STRING } },
	{ "untitle", f_untitle, 1, false, { TP_STRING } },
	{ "substr", f_substr, 3, false, { TP_INT, TP_INT, TP_STRING } },
	{ "repeat", f_repeat, 2, false, { TP_INT, TP_STRING } },
	{ "trimall", f_trim_all, 2, false, { TP_STRING, TP_STRING } },
	{ "trimAll", f_trim_all, 2, false, { TP_STRING, TP_STRING } },
	{ "trimSuffix", f_trim_suffix, 2, false, { TP_STRING, TP_STRING } },
	{ "trimPrefix", f_trim_prefix, 2, false, { TP_STRING, TP_STRING } },
	{ "nospace", f_nospace, 1, false, { TP_STRING } },
	{ "initials", f_initials, 1, false, { TP_STRING } },
	{ "randAlphaNum", f_rand_alnum, 1, false, { TP_INT } },
	{ "randAlpha", f_rand_alpha, 1, false, { TP_INT } },
	{ "randAscii", f_rand_ascii, 1, false, { TP_INT } },
	{ "randNumeric", f_rand_numeric, 1, false, { TP_INT } },
	{ "swapcase", f_swapcase, 1, false, { TP_STRING } },
	{ "shuffle", f_shuffle, 1, false, { TP_STRING } },
	{ "snakecase", f_snakecase, 1, false, { TP_STRING } },
	{ "camelcase", f_camelcase, 1, false, { TP_STRING } },
	{ "kebabcase", f_kebabcase, 1, false, { TP_STRING } },
	{ "wrap", f_wrap, 2, false, { TP_INT, TP_STRING } },
	{ "wrapWith", f_wrap_with, 3, false, { TP_INT, TP_STRING, TP_STRING } },
	{ "contains", f_contains, 2, false, { TP_STRING, TP_STRING } },
	{ "hasPrefix", f_has_prefix, 2, false, { TP_STRING, TP_STRING } },
	{ "hasSuffix", f_has_suffix, 2, false, { TP_STRING, TP_STRING } },
	{ "quote", f_quote, 1, true, { TP_ANY } },
	{ "squote", f_squote, 1, true, { TP_ANY } },
	{ "cat", f_cat, 1, true, { TP_ANY } },
	{ "indent", f_indent, 2, false, { TP_INT, TP_STRING } },
	{ "nindent", f_nindent, 2, false, { TP_INT, TP_STRING } },
	{ "replace", f_replace, 3, false, { TP_STRING, TP_STRING, TP_STRING } },
	{ "plural", f_plural, 3, false, { TP_STRING, TP_STRING, TP_INT } },
	{ "toString", f_to_string, 1, false, { TP_ANY } },
	{ "split", f_split, 2, false, { TP_STRING, TP_STRING } },
	{ "splitList", f_split_list, 2, false, { TP_STRING, TP_STRING } },
	{ "splitn", f_splitn, 3, false, { TP_STRING, TP_INT, TP_STRING } },
	{ "toStrings", f_to_strings, 1, false, { TP_ANY } },
	{ "join", f_join, 2, false, { TP_STRING, TP_ANY } },
	{ "sortAlpha", f_sort_alpha, 1, false, { TP_ANY } },
};
const size_t fn_strings_count = sizeof(fn_strings_table) / sizeof(fn_strings_table[0]);
