/* storage.c — Helm's secrets storage driver (pkg/storage/driver secrets.go,
 * util.go, labels.go and pkg/storage/storage.go in v3.17.3): the release
 * payload base64(gzip(json)), the v1.Secret newSecretsObject builds, its
 * labels, and the selectors and revision picks the storage layer uses. */
#include "helm/release.h"

#include <string.h>
#include <zlib.h>

#include "base/quote.h"
#include "base/strconv.h"
#include "funcs/fn_encoding.h"
#include "value/codec.h"

/* encodeRelease: gzip.NewWriterLevel(BestCompression) over json.Marshal,
 * then base64.StdEncoding.  zlib's deflate need not match Go's bytes, only
 * be valid gzip; the header is made like Go's (no name, mtime 0, OS 255). */
int helm_rel_encode(struct arena *a, const struct helm_release *r, struct sb *out,
		    struct sb *err)
{
	struct sb js = SB_INIT;
	if (helm_rel_to_json(a, r, &js, err) < 0) {
		sb_release(&js);
		return -1;
	}
	z_stream zs;
	memset(&zs, 0, sizeof(zs));
	if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
		sb_release(&js);
		sb_adds(err, "gzip: cannot initialise deflate");
		return -1;
	}
	gz_header h;
	memset(&h, 0, sizeof(h));
	h.os = 255;
	deflateSetHeader(&zs, &h);
	uLong bound = deflateBound(&zs, (uLong)js.len);
	struct sb gz = SB_INIT;
	sb_grow(&gz, bound + 32);
	zs.next_in = (Bytef *)js.buf;
	zs.avail_in = (uInt)js.len;
	zs.next_out = (Bytef *)gz.buf;
	zs.avail_out = (uInt)(bound + 32);
	int zr = deflate(&zs, Z_FINISH);
	size_t produced = zs.total_out;
	deflateEnd(&zs);
	sb_release(&js);
	if (zr != Z_STREAM_END) {
		sb_release(&gz);
		sb_adds(err, "gzip: deflate failed");
		return -1;
	}
	sb_setlen(&gz, produced);
	fn_b64_encode(out, (const unsigned char *)gz.buf, gz.len);
	sb_release(&gz);
	return 0;
}

/* gzip.NewReader + io.ReadAll: every member of a multistream file, CRC and
 * length checked; errors worded as compress/gzip and flate word them. */
static int gunzip(const char *p, size_t n, struct sb *out, struct sb *err)
{
	z_stream zs;
	memset(&zs, 0, sizeof(zs));
	if (inflateInit2(&zs, 15 + 16) != Z_OK) {
		sb_adds(err, "gzip: cannot initialise inflate");
		return -1;
	}
	zs.next_in = (Bytef *)p;
	zs.avail_in = (uInt)n;
	int rc = 0;
	for (;;) {
		sb_grow(out, n * 4 + 4096);
		zs.next_out = (Bytef *)out->buf + out->len;
		zs.avail_out = (uInt)(out->cap - out->len - 1);
		size_t before = zs.avail_out;
		int zr = inflate(&zs, Z_NO_FLUSH);
		sb_setlen(out, out->len + (before - zs.avail_out));
		if (zr == Z_STREAM_END) {
			if (zs.avail_in == 0)
				break;
			inflateReset(&zs); /* the next member of a multistream */
			continue;
		}
		if (zr == Z_OK)
			continue;
		if (zr == Z_BUF_ERROR && zs.avail_in == 0) {
			sb_adds(err, "unexpected EOF");
		} else if (zs.msg && (strstr(zs.msg, "header") || strstr(zs.msg, "compression method"))) {
			sb_adds(err, "gzip: invalid header");
		} else if (zs.msg && strstr(zs.msg, "check")) {
			sb_adds(err, "gzip: invalid checksum");
		} else {
			sb_addf(err, "flate: corrupt input before offset %lu", (unsigned long)zs.total_in);
		}
		rc = -1;
		break;
	}
	inflateEnd(&zs);
	return rc;
}

/* decodeRelease: base64, then gunzip if the bytes start with gzip's magic
 * (and are longer than it), else the bytes are the JSON itself. */
int helm_rel_decode(struct arena *a, const char *data, size_t n, struct helm_release *out,
		    struct sb *err)
{
	struct sb raw = SB_INIT, js = SB_INIT;
	long bad = 0;
	int rc = -1;
	memset(out, 0, sizeof(*out));
	if (fn_b64_decode(&raw, data, n, &bad) < 0) {
		sb_addf(err, "illegal base64 data at input byte %ld", bad);
		goto done;
	}
	const struct sb *src = &raw;
	if (raw.len > 3 && memcmp(raw.buf, "\x1f\x8b\x08", 3) == 0) {
		if (gunzip(raw.buf, raw.len, &js, err) < 0)
			goto done;
		src = &js;
	}
	rc = helm_rel_from_json(a, src->buf, src->len, out, err);
done:
	sb_release(&raw);
	sb_release(&js);
	return rc;
}

void helm_rel_secret_name(struct sb *out, const char *name, size_t nlen, int64_t version)
{
	sb_adds(out, HELM_REL_STORAGE_TYPE ".");
	sb_add(out, name, nlen);
	sb_adds(out, ".v");
	strconv_format_int(out, version, 10);
}

static val hstr(struct arena *a, struct helm_str s)
{
	return val_str(a, s.p ? s.p : "", s.n);
}

/* labels.fromMap: every string label of the release */
static void labels_from(struct arena *a, val lbs, val from)
{
	if (from.kind != VAL_MAP)
		return;
	for (size_t i = 0; i < val_map_len(from); i++) {
		const struct val_map_entry *e = val_map_entry_at(from, i);
		if (e->v.kind == VAL_STRING)
			val_map_set(a, lbs, e->key, e->klen, e->v);
	}
}

static void set_label(struct arena *a, val lbs, const char *k, val v)
{
	val_map_set(a, lbs, k, strlen(k), v);
}

static val struct_map(struct arena *a, size_t cap)
{
	val m = val_map_new(a, cap);
	m.flags |= VAL_F_STRUCT;
	return m;
}

/* Create/Update + newSecretsObject, and the TypeMeta client-go's encoder
 * adds; the field order is v1.Secret's and metav1.ObjectMeta's. */
int helm_rel_secret(struct arena *a, const struct helm_release *r, enum helm_rel_write mode,
		    int64_t now_unix, val *out, struct sb *err)
{
	if (!r->info) {
		sb_adds(err, "release has no info: cannot store it");
		return -1;
	}
	struct sb payload = SB_INIT;
	if (helm_rel_encode(a, r, &payload, err) < 0) {
		sb_release(&payload);
		return -1;
	}
	val data = val_map_new(a, 1);
	val_map_set(a, data, "release", 7,
		    val_typed(val_str(a, payload.buf, payload.len), GT_BYTES));
	sb_release(&payload);

	struct sb num = SB_INIT;
	val lbs = val_map_new(a, 8);
	labels_from(a, lbs, r->labels);
	strconv_format_int(&num, now_unix, 10);
	set_label(a, lbs, mode == HELM_REL_CREATE ? "createdAt" : "modifiedAt",
		  val_str(a, num.buf, num.len));
	labels_from(a, lbs, r->labels); /* newSecretsObject applies them again */
	set_label(a, lbs, "name", hstr(a, r->name));
	set_label(a, lbs, "owner", val_str_ref("helm", 4));
	set_label(a, lbs, "status", hstr(a, r->info->status));
	sb_reset(&num);
	strconv_format_int(&num, r->version, 10);
	set_label(a, lbs, "version", val_str(a, num.buf, num.len));

	sb_reset(&num);
	helm_rel_secret_name(&num, r->name.p ? r->name.p : "", r->name.n, r->version);
	val meta = struct_map(a, 3);
	val_map_set(a, meta, "name", 4, val_str(a, num.buf, num.len));
	val_map_set(a, meta, "creationTimestamp", 17, val_null());
	val_map_set(a, meta, "labels", 6, lbs);
	sb_release(&num);

	val s = struct_map(a, 5);
	val_map_set(a, s, "kind", 4, val_str_ref("Secret", 6));
	val_map_set(a, s, "apiVersion", 10, val_str_ref("v1", 2));
	val_map_set(a, s, "metadata", 8, meta);
	val_map_set(a, s, "data", 4, data);
	val_map_set(a, s, "type", 4, val_str_ref(HELM_REL_SECRET_TYPE, strlen(HELM_REL_SECRET_TYPE)));
	*out = s;
	return 0;
}

/* util.go systemLabels */
static bool is_system_label(const char *k, size_t n)
{
	static const char *const sys[] = { "name", "owner", "status", "version", "createdAt",
					   "modifiedAt" };
	for (size_t i = 0; i < sizeof(sys) / sizeof(sys[0]); i++)
		if (strlen(sys[i]) == n && memcmp(sys[i], k, n) == 0)
			return true;
	return false;
}

static val map_get(val m, const char *k)
{
	val v = val_null();
	if (m.kind == VAL_MAP)
		val_map_get(m, k, strlen(k), &v);
	return v;
}

int helm_rel_from_secret(struct arena *a, val secret, bool filter_system,
			 struct helm_release *out, struct sb *err)
{
	val rel = map_get(map_get(secret, "data"), "release");
	/* the apiserver sends data values base64-encoded: the payload is the
	 * decoded bytes, itself base64 text */
	struct sb payload = SB_INIT;
	long bad = 0;
	if (rel.kind == VAL_STRING && fn_b64_decode(&payload, rel.u.s, rel.len, &bad) < 0) {
		sb_addf(err, "illegal base64 data at input byte %ld", bad);
		sb_release(&payload);
		return -1;
	}
	int rc = helm_rel_decode(a, payload.buf, payload.len, out, err);
	sb_release(&payload);
	if (rc < 0)
		return -1;
	val lbs = map_get(map_get(secret, "metadata"), "labels");
	if (filter_system) {
		val f = val_map_new(a, 0); /* filterSystemLabels: never nil */
		if (lbs.kind == VAL_MAP)
			for (size_t i = 0; i < val_map_len(lbs); i++) {
				const struct val_map_entry *e = val_map_entry_at(lbs, i);
				if (!is_system_label(e->key, e->klen))
					val_map_set(a, f, e->key, e->klen, e->v);
			}
		out->labels = f;
	} else {
		out->labels = lbs.kind == VAL_MAP ? lbs : val_null();
	}
	return 0;
}

/* kblabels.Set{...}.AsSelector().String(): requirements sorted by key */
void helm_rel_selector(struct sb *out, const char *name, size_t nlen, const char *status)
{
	if (name) {
		sb_adds(out, "name=");
		sb_add(out, name, nlen);
		sb_addc(out, ',');
	}
	sb_adds(out, "owner=helm");
	if (status) {
		sb_adds(out, ",status=");
		sb_adds(out, status);
	}
}

/* relutil.Reverse(h, SortByRevision); h[0]: the highest version (the first
 * one met among equals) */
long helm_rel_pick_latest(const struct helm_release *const *v, size_t n)
{
	long best = -1;
	for (size_t i = 0; i < n; i++)
		if (best < 0 || v[i]->version > v[best]->version)
			best = (long)i;
	return best;
}

/* driver.StorageDriverError: fmt.Sprintf("%q %s", name, ErrNoDeployedReleases) */
void helm_rel_err_no_deployed(struct sb *out, const char *name, size_t nlen)
{
	strconv_append_quote(out, name, nlen);
	sb_adds(out, " has no deployed releases");
}

bool helm_rel_status_pending(struct helm_str s)
{
	static const char *const pend[] = { "pending-install", "pending-upgrade", "pending-rollback" };
	for (size_t i = 0; i < 3; i++)
		if (strlen(pend[i]) == s.n && memcmp(pend[i], s.p, s.n) == 0)
			return true;
	return false;
}
