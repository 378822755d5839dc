/* digest.c — Flux's configDigest: fluxcd/pkg/chartutil DigestValues, the
 * SHA-256 of go-yaml v2's Encoder output for yaml.JSONObjectToYAMLObject(v)
 * with SortMapSlice applied (digest.go, encode.go, sort.go).  Not JSON, and
 * not sigs.k8s.io/yaml.Marshal: keys sort bytewise (Go's <), not by go-yaml's
 * natural order, and values are encoded as they are, without a JSON round
 * trip; so this drives libyaml's emitter itself, with go-yaml's choices. */
#include "flux/values.h"

#include <math.h>
#include <string.h>
#include <yaml.h>

#include <openssl/evp.h>

#include "base/base64.h"
#include "base/strconv.h"
#include "base/utf8.h"
#include "value/yaml_resolve.h"

struct dg {
	struct arena *a;
	yaml_emitter_t em;
	struct sb num;
	bool failed;
};

static void dg_event(struct dg *d, yaml_event_t *ev)
{
	if (d->failed)
		yaml_event_delete(ev);
	else if (!yaml_emitter_emit(&d->em, ev))
		d->failed = true;
}

static void dg_scalar(struct dg *d, const char *tag, const char *s, size_t n, yaml_scalar_style_t style)
{
	yaml_event_t ev;
	int implicit = tag == NULL;

	if (!yaml_scalar_event_initialize(&ev, NULL, (yaml_char_t *)(uintptr_t)tag,
					  (yaml_char_t *)(uintptr_t)s, (int)n, implicit, implicit, style)) {
		d->failed = true;
		return;
	}
	dg_event(d, &ev);
}

/* encode.go stringv */
static void dg_string(struct dg *d, const char *s, size_t n)
{
	const char *tag = NULL;
	bool plain = true;

	if (!utf8_valid(s, n)) {
		/* !!binary with base64.StdEncoding */
		struct sb *o = &d->num;
		sb_reset(o);
		b64_encode(o, s, n);
		tag = "tag:yaml.org,2002:binary";
		s = arena_memdup(d->a, o->buf, o->len);
		n = o->len;
	} else {
		struct yaml_resolved r;
		yaml_resolve_plain(s, n, &r);
		plain = r.tag == YAML_R_STR && !yaml_is_base60_float(s, n);
	}
	if (memchr(s, '\n', n))
		dg_scalar(d, tag, s, n, YAML_LITERAL_SCALAR_STYLE);
	else
		dg_scalar(d, tag, s, n, plain ? YAML_PLAIN_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

/* jsonToYAMLValue turns an integral float64 into int (or uint64 above
 * int64), then go-yaml prints ints with FormatInt and floats with
 * FormatFloat(f, 'g', -1, 64); the range test mirrors Go's conversions
 * on amd64 (out-of-range conversions never compare equal). */
static void dg_float(struct dg *d, double f)
{
	sb_reset(&d->num);
	if (f == trunc(f) && f >= -9223372036854775808.0 && f < 18446744073709551616.0) {
		if (f < 9223372036854775808.0)
			strconv_format_int(&d->num, (int64_t)f, 10);
		else
			strconv_format_uint(&d->num, (uint64_t)f, 10);
	} else if (isinf(f)) {
		sb_adds(&d->num, f > 0 ? ".inf" : "-.inf");
	} else if (isnan(f)) {
		sb_adds(&d->num, ".nan");
	} else {
		strconv_format_float(&d->num, f, 'g', -1);
	}
	dg_scalar(d, NULL, d->num.buf, d->num.len, YAML_PLAIN_SCALAR_STYLE);
}

static void dg_node(struct dg *d, val v)
{
	yaml_event_t ev;

	if (d->failed)
		return;
	switch ((enum val_kind)v.kind) {
	case VAL_NULL:
		dg_scalar(d, NULL, "null", 4, YAML_PLAIN_SCALAR_STYLE);
		return;
	case VAL_BOOL:
		dg_scalar(d, NULL, v.u.b ? "true" : "false", v.u.b ? 4 : 5, YAML_PLAIN_SCALAR_STYLE);
		return;
	case VAL_INT:
		sb_reset(&d->num);
		if (v.gotype == GT_UINT64)
			strconv_format_uint(&d->num, (uint64_t)v.u.i, 10);
		else
			strconv_format_int(&d->num, v.u.i, 10);
		dg_scalar(d, NULL, d->num.buf, d->num.len, YAML_PLAIN_SCALAR_STYLE);
		return;
	case VAL_FLOAT:
		dg_float(d, v.u.f);
		return;
	case VAL_STRING:
		dg_string(d, v.u.s, v.len);
		return;
	case VAL_LIST:
		yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
		dg_event(d, &ev);
		for (size_t i = 0; i < val_list_len(v) && !d->failed; i++)
			dg_node(d, val_list_at(v, i));
		yaml_sequence_end_event_initialize(&ev);
		dg_event(d, &ev);
		return;
	case VAL_MAP: {
		/* SortMapSlice: sort.Slice by key with Go's string < */
		const uint32_t *ord = val_map_order(d->a, v);
		yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
		dg_event(d, &ev);
		for (size_t i = 0; i < val_map_len(v) && !d->failed; i++) {
			const struct val_map_entry *e = val_map_entry_at(v, ord[i]);
			dg_string(d, e->key, e->klen);
			dg_node(d, e->v);
		}
		yaml_mapping_end_event_initialize(&ev);
		dg_event(d, &ev);
		return;
	}
	default:
		d->failed = true;
		return;
	}
}

static int dg_write(void *data, unsigned char *buffer, size_t size)
{
	sb_add(data, buffer, size);
	return 1;
}

/* Encode(w, values, SortMapSlice): one document, no "---"; false when
 * go-yaml would have failed (Encode's error makes DigestValues return ""). */
static bool dg_encode(struct arena *a, val v, struct sb *out)
{
	struct dg d = { .a = a, .num = SB_INIT };
	yaml_event_t ev;

	if (!yaml_emitter_initialize(&d.em))
		return false;
	yaml_emitter_set_output(&d.em, dg_write, out);
	yaml_emitter_set_unicode(&d.em, 1);
	yaml_emitter_set_indent(&d.em, 2);
	yaml_emitter_set_width(&d.em, 80);
	yaml_emitter_set_break(&d.em, YAML_LN_BREAK);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	dg_event(&d, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	dg_event(&d, &ev);
	dg_node(&d, v);
	yaml_document_end_event_initialize(&ev, 1);
	dg_event(&d, &ev);
	/* no Close(): go-yaml never writes the "..." of an open-ended end */
	d.em.open_ended = 0;
	yaml_stream_end_event_initialize(&ev);
	dg_event(&d, &ev);
	yaml_emitter_delete(&d.em);
	sb_release(&d.num);
	return !d.failed;
}

void flux_digest_values(struct arena *a, val values, struct sb *out)
{
	static const char hex[] = "0123456789abcdef";
	struct sb doc = SB_INIT;
	unsigned char sum[EVP_MAX_MD_SIZE];
	unsigned int sn = 0;

	/* valuesOrNil: an empty map digests like nil, i.e. nothing */
	if (values.kind == VAL_MAP && val_map_len(values) > 0 && !dg_encode(a, values, &doc)) {
		sb_release(&doc);
		return; /* DigestValues returns "" */
	}
	EVP_Digest(doc.buf, doc.len, sum, &sn, EVP_sha256(), NULL);
	sb_adds(out, "sha256:");
	for (unsigned int i = 0; i < sn; i++) {
		sb_addc(out, hex[sum[i] >> 4]);
		sb_addc(out, hex[sum[i] & 15]);
	}
	sb_release(&doc);
}
