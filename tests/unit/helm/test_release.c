/* test_release.c — Helm release storage (src/helm/release.c, storage.c)
 * against Helm 3.17.3 itself (tests/vectors/release.vec from
 * tests/oracle/release): our JSON of each release, our decode of Helm's
 * secret payload, our Secret object; with RELEASE_OUT=FILE it also writes
 * the Secrets we build for the oracle's `check` mode (Helm reads them). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "funcs/fn_encoding.h"
#include "helm/release.h"
#include "support/vec.h"
#include "unit/chart/values_tval.h"
#include "value/codec.h"

/* The oracle writes 527 records (7 hand-picked, 520 random). */
#define RELEASE_MIN_VECTORS 520

/* ---- the spec (tval) -> our model, through the public structs ---- */

static val sget(val m, const char *k)
{
	val v = val_null();
	if (m.kind == VAL_MAP)
		val_map_get(m, k, strlen(k), &v);
	return v;
}

static struct helm_str sstr(val m, const char *k)
{
	val v = sget(m, k);
	struct helm_str s = { NULL, 0 };
	if (v.kind == VAL_STRING) {
		s.p = v.u.s;
		s.n = v.len;
	}
	return s;
}

/* []byte: null stays nil, a string (even "") is non-nil */
static struct helm_str sbytes(val m, const char *k)
{
	val v = sget(m, k);
	struct helm_str s = { NULL, 0 };
	if (v.kind == VAL_STRING) {
		s.p = v.len ? v.u.s : "";
		s.n = v.len;
	}
	return s;
}

static struct helm_strlist sstrs(struct arena *a, val m, const char *k)
{
	val v = sget(m, k);
	struct helm_strlist l = { NULL, 0 };
	if (v.kind != VAL_LIST)
		return l;
	l.n = val_list_len(v);
	l.v = arena_zalloc(a, (l.n + 1) * sizeof(*l.v));
	for (size_t i = 0; i < l.n; i++) {
		val s = val_list_at(v, i);
		l.v[i].p = s.u.s;
		l.v[i].n = s.len;
	}
	return l;
}

static struct helm_time stime(val m, const char *k)
{
	val v = sget(m, k);
	assert_int_equal(v.kind, VAL_LIST);
	return helm_time_unix(val_list_at(v, 0).u.i, (int32_t)val_list_at(v, 1).u.i,
			      (int32_t)val_list_at(v, 2).u.i);
}

static struct helm_file *sfiles(struct arena *a, val m, const char *k, size_t *n)
{
	val v = sget(m, k);
	*n = 0;
	if (v.kind != VAL_LIST)
		return NULL;
	*n = val_list_len(v);
	struct helm_file *f = arena_zalloc(a, (*n + 1) * sizeof(*f));
	for (size_t i = 0; i < *n; i++) {
		f[i].name = sstr(val_list_at(v, i), "name");
		f[i].data = sbytes(val_list_at(v, i), "data");
	}
	return f;
}

static struct helm_dependency *sdeps(struct arena *a, val m, const char *k, size_t *n)
{
	val v = sget(m, k);
	*n = 0;
	if (v.kind != VAL_LIST)
		return NULL;
	*n = val_list_len(v);
	struct helm_dependency *d = arena_zalloc(a, (*n + 1) * sizeof(*d));
	for (size_t i = 0; i < *n; i++) {
		val o = val_list_at(v, i);
		d[i].name = sstr(o, "name");
		d[i].version = sstr(o, "version");
		d[i].repository = sstr(o, "repository");
		d[i].condition = sstr(o, "condition");
		d[i].tags = sstrs(a, o, "tags");
		d[i].enabled = sget(o, "enabled").u.b;
		d[i].import_values = sget(o, "import-values");
		d[i].alias = sstr(o, "alias");
	}
	return d;
}

static void build(struct arena *a, val s, struct helm_release *r)
{
	memset(r, 0, sizeof(*r));
	r->name = sstr(s, "name");
	r->namespace_ = sstr(s, "namespace");
	r->manifest = sstr(s, "manifest");
	r->version = sget(s, "version").u.i;
	r->config = sget(s, "config");
	r->labels = sget(s, "labels");
	val i = sget(s, "info");
	if (i.kind == VAL_MAP) {
		r->info = arena_zalloc(a, sizeof(*r->info));
		r->info->first_deployed = stime(i, "first_deployed");
		r->info->last_deployed = stime(i, "last_deployed");
		r->info->deleted = stime(i, "deleted");
		r->info->description = sstr(i, "description");
		r->info->status = sstr(i, "status");
		r->info->notes = sstr(i, "notes");
	}
	val c = sget(s, "chart");
	if (c.kind == VAL_MAP) {
		struct helm_chart *ch = arena_zalloc(a, sizeof(*ch));
		r->chart = ch;
		ch->templates = sfiles(a, c, "templates", &ch->ntemplates);
		ch->files = sfiles(a, c, "files", &ch->nfiles);
		ch->values = sget(c, "values");
		ch->schema = sbytes(c, "schema");
		val m = sget(c, "metadata");
		if (m.kind == VAL_MAP) {
			struct helm_metadata *md = arena_zalloc(a, sizeof(*md));
			ch->metadata = md;
			md->name = sstr(m, "name");
			md->home = sstr(m, "home");
			md->sources = sstrs(a, m, "sources");
			md->version = sstr(m, "version");
			md->description = sstr(m, "description");
			md->keywords = sstrs(a, m, "keywords");
			val ms = sget(m, "maintainers");
			if (ms.kind == VAL_LIST) {
				md->nmaintainers = val_list_len(ms);
				md->maintainers = arena_zalloc(a, (md->nmaintainers + 1) * sizeof(*md->maintainers));
				for (size_t k = 0; k < md->nmaintainers; k++) {
					md->maintainers[k].name = sstr(val_list_at(ms, k), "name");
					md->maintainers[k].email = sstr(val_list_at(ms, k), "email");
					md->maintainers[k].url = sstr(val_list_at(ms, k), "url");
				}
			}
			md->icon = sstr(m, "icon");
			md->api_version = sstr(m, "apiVersion");
			md->condition = sstr(m, "condition");
			md->tags = sstr(m, "tags");
			md->app_version = sstr(m, "appVersion");
			md->deprecated = sget(m, "deprecated").u.b;
			md->annotations = sget(m, "annotations");
			md->kube_version = sstr(m, "kubeVersion");
			md->dependencies = sdeps(a, m, "dependencies", &md->ndependencies);
			md->type = sstr(m, "type");
		}
		val l = sget(c, "lock");
		if (l.kind == VAL_MAP) {
			ch->lock = arena_zalloc(a, sizeof(*ch->lock));
			ch->lock->generated = stime(l, "generated");
			ch->lock->digest = sstr(l, "digest");
			ch->lock->dependencies = sdeps(a, l, "dependencies", &ch->lock->ndependencies);
		}
	}
	val hs = sget(s, "hooks");
	if (hs.kind == VAL_LIST) {
		r->nhooks = val_list_len(hs);
		r->hooks = arena_zalloc(a, (r->nhooks + 1) * sizeof(*r->hooks));
		for (size_t k = 0; k < r->nhooks; k++) {
			val h = val_list_at(hs, k);
			struct helm_hook *x = &r->hooks[k];
			x->name = sstr(h, "name");
			x->kind = sstr(h, "kind");
			x->path = sstr(h, "path");
			x->manifest = sstr(h, "manifest");
			x->events = sstrs(a, h, "events");
			x->weight = sget(h, "weight").u.i;
			x->delete_policies = sstrs(a, h, "delete_policies");
			val lr = sget(h, "last_run");
			x->last_run.started_at = stime(lr, "started_at");
			x->last_run.completed_at = stime(lr, "completed_at");
			x->last_run.phase = sstr(lr, "phase");
		}
	}
}

/* ---- the vectors ---- */

static void check(struct vec_stats *st, const struct vec_rec *r, const char *what,
		  const char *want, size_t wn, const struct sb *got)
{
	if (got->len != wn || memcmp(got->buf, want, wn) != 0)
		vec_mismatch(st, r, what, want, wn, got->buf, got->len);
}

static void test_vectors(void **state)
{
	(void)state;
	struct vec_file *vf = vec_open("tests/vectors/release.vec");
	struct vec_stats st = { "release", 0, 0 };
	const char *outpath = getenv("RELEASE_OUT");
	FILE *out = NULL;
	if (outpath) {
		out = fopen(outpath, "w");
		assert_non_null(out);
	}
	size_t nsecrets = 0;
	const struct vec_rec *r;
	while ((r = vec_next(vf))) {
		assert_int_equal(r->nfields, 8);
		struct arena a = ARENA_INIT;
		struct sb got = SB_INIT, err = SB_INIT;
		st.total++;
		size_t fails = st.failed;
		val spec;
		assert_true(tval_parse(&a, r->f[1].p, r->f[1].n, &spec));
		struct helm_release rel;
		build(&a, spec, &rel);
		const struct vec_field *js = &r->f[2];
		const struct vec_field *back = r->f[7].n == 1 && r->f[7].p[0] == '=' ? js : &r->f[7];

		/* 1. our model -> json.Marshal bytes */
		if (helm_rel_to_json(&a, &rel, &got, &err) < 0)
			sb_adds(&got, err.buf);
		check(&st, r, "json", js->p, js->n, &got);

		/* 2. Go's JSON -> our decode -> our JSON: unchanged except where
		 * Go's own decode changes it (int64 config becomes float64) */
		struct helm_release dec;
		sb_reset(&got);
		sb_reset(&err);
		if (helm_rel_from_json(&a, js->p, js->n, &dec, &err) < 0 ||
		    helm_rel_to_json(&a, &dec, &got, &err) < 0)
			sb_adds(&got, err.buf);
		check(&st, r, "json-roundtrip", back->p, back->n, &got);

		if (r->f[3].n == 0) {
			if (st.failed > fails)
				st.failed = fails + 1;
			sb_release(&got);
			sb_release(&err);
			arena_free(&a);
			continue;
		}
		/* 3. Helm's payload -> our decode -> our JSON */
		sb_reset(&got);
		sb_reset(&err);
		if (helm_rel_decode(&a, r->f[3].p, r->f[3].n, &dec, &err) < 0 ||
		    helm_rel_to_json(&a, &dec, &got, &err) < 0)
			sb_adds(&got, err.buf);
		check(&st, r, "decode-helm-payload", back->p, back->n, &got);

		/* 4. our Secret: the same object as Helm's but for the payload
		 * bytes (gzip output differs); swap Helm's payload in and compare */
		int64_t now = strtoll(r->f[5].p, NULL, 10);
		enum helm_rel_write mode = strcmp(r->f[4].p, "update") == 0 ? HELM_REL_UPDATE : HELM_REL_CREATE;
		val sec;
		sb_reset(&err);
		assert_int_equal(helm_rel_secret(&a, &rel, mode, now, &sec, &err), 0);
		struct sb ours = SB_INIT;
		assert_int_equal(val_to_json(&a, sec, VAL_JSON_ESCAPE_HTML, NULL, NULL, &ours, &err), 0);
		if (r->f[6].n) {
			val data = sget(sec, "data");
			val save = sget(data, "release");
			val_map_set(&a, data, "release", 7,
				    val_typed(val_str_ref(r->f[3].p, r->f[3].n), GT_BYTES));
			sb_reset(&got);
			assert_int_equal(val_to_json(&a, sec, VAL_JSON_ESCAPE_HTML, NULL, NULL, &got, &err), 0);
			check(&st, r, "secret", r->f[6].p, r->f[6].n, &got);
			val_map_set(&a, data, "release", 7, save);
		}

		/* 5. our Secret as the apiserver returns it -> our release */
		val back_sec;
		sb_reset(&got);
		sb_reset(&err);
		if (val_from_json(&a, ours.buf, ours.len, &back_sec, &err) < 0 ||
		    helm_rel_from_secret(&a, back_sec, true, &dec, &err) < 0 ||
		    helm_rel_to_json(&a, &dec, &got, &err) < 0)
			sb_adds(&got, err.buf);
		check(&st, r, "secret-roundtrip", back->p, back->n, &got);
		if (out) {
			fprintf(out, "%s\t%s\t", r->f[0].p, ours.buf);
			fwrite(back->p, 1, back->n, out);
			fputc('\n', out);
			nsecrets++;
		}
		sb_release(&ours);
		/* count a record once however many of its checks failed */
		if (st.failed > fails)
			st.failed = fails + 1;
		sb_release(&got);
		sb_release(&err);
		arena_free(&a);
	}
	vec_close(vf);
	if (out) {
		fclose(out);
		fprintf(stderr, "release: %zu secrets written to %s\n", nsecrets, outpath);
	}
	assert_int_equal(vec_summary(&st), 0);
	assert_true(st.total >= RELEASE_MIN_VECTORS);
}

/* ---- focused checks ---- */

static void test_time(void **state)
{
	(void)state;
	struct sb out = SB_INIT, err = SB_INIT;
	struct helm_time t;
	/* parse -> format: offsets kept, +00:00 becomes Z, >9 digits cut */
	static const char *const cases[][2] = {
		{ "2024-02-29T23:59:59.123456789+05:30", "2024-02-29T23:59:59.123456789+05:30" },
		{ "2024-01-01T00:00:00+00:00", "2024-01-01T00:00:00Z" },
		{ "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z" },
		{ "1969-12-31T23:59:59.5-09:30", "1969-12-31T23:59:59.5-09:30" },
		{ "2020-05-06T07:08:09.1234567891Z", "2020-05-06T07:08:09.123456789Z" },
		{ "9999-12-31T23:59:59.100Z", "9999-12-31T23:59:59.1Z" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sb_reset(&out);
		assert_int_equal(helm_time_parse(cases[i][0], strlen(cases[i][0]), &t, &err), 0);
		assert_int_equal(helm_time_format(&out, t, &err), 0);
		assert_string_equal(out.buf, cases[i][1]);
	}
	assert_true(helm_time_parse("0001-01-01T00:00:00Z", 20, &t, &err) == 0 && helm_time_is_zero(t));
	static const char *const bad[] = { "2023-02-29T00:00:00Z", "2024-01-01 00:00:00Z",
					   "2024-01-01T24:00:00Z", "2024-01-01T00:00:00", "2024-01-01T00:00:00+24:00", "" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(helm_time_parse(bad[i], strlen(bad[i]), &t, &err), -1);
	/* year out of range is Marshal's error */
	sb_reset(&err);
	assert_int_equal(helm_time_format(&out, helm_time_unix(253402300800, 0, 0), &err), -1);
	assert_string_equal(err.buf, "Time.MarshalJSON: year outside of range [0,9999]");
	/* an offset under a minute prints +00:00 as Go does */
	sb_reset(&out);
	assert_int_equal(helm_time_format(&out, helm_time_unix(0, 0, 45), &err), 0);
	assert_string_equal(out.buf, "1970-01-01T00:00:45+00:00");
	sb_release(&out);
	sb_release(&err);
}

static void test_decode_forms(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct sb out = SB_INIT, err = SB_INIT;
	struct helm_release r;
	/* decodeRelease takes plain JSON (no gzip magic) too; keys match
	 * case-insensitively; unknown fields (Helm 4's) are ignored; Helm 4
	 * omits zero times */
	const char *js = "{\"NAME\":\"x\",\"apply_method\":\"ssa\",\"info\":{\"status\":\"deployed\"},"
			 "\"hooks\":[{\"last_run\":{\"phase\":\"\"},\"output_log_policies\":[\"hook-failed\"]}],"
			 "\"chart\":{\"schemamodtime\":\"0001-01-01T00:00:00Z\",\"metadata\":null},\"version\":2}";
	fn_b64_encode(&out, (const unsigned char *)js, strlen(js));
	assert_int_equal(helm_rel_decode(&a, out.buf, out.len, &r, &err), 0);
	assert_int_equal(r.apply_method.n, 3);
	assert_int_equal(r.hooks[0].output_log_policies.n, 1);
	sb_reset(&out);
	assert_int_equal(helm_rel_to_json(&a, &r, &out, &err), 0);
	assert_string_equal(out.buf, "{\"name\":\"x\",\"info\":{\"first_deployed\":\"\",\"last_deployed\":\"\","
			    "\"deleted\":\"\",\"status\":\"deployed\"},\"chart\":{\"metadata\":null,\"lock\":null,"
			    "\"templates\":null,\"values\":null,\"schema\":null,\"files\":null},"
			    "\"hooks\":[{\"last_run\":{\"started_at\":\"\",\"completed_at\":\"\",\"phase\":\"\"}}],\"version\":2}");
	/* type errors: Go's wording, first one wins */
	sb_reset(&err);
	js = "{\"version\":\"1\",\"name\":2}";
	assert_int_equal(helm_rel_from_json(&a, js, strlen(js), &r, &err), -1);
	assert_string_equal(err.buf, "json: cannot unmarshal string into Go struct field Release.version of type int");
	sb_reset(&err);
	js = "{\"info\":{\"deleted\":5}}";
	assert_int_equal(helm_rel_from_json(&a, js, strlen(js), &r, &err), -1);
	assert_string_equal(err.buf, "Time.UnmarshalJSON: input is not a JSON string");
	sb_reset(&err);
	assert_int_equal(helm_rel_decode(&a, "H4sI", 4, &r, &err), -1); /* gzip magic, then nothing */
	sb_reset(&err);
	assert_int_equal(helm_rel_decode(&a, "!!", 2, &r, &err), -1);
	assert_string_equal(err.buf, "illegal base64 data at input byte 0");
	sb_release(&out);
	sb_release(&err);
	arena_free(&a);
}

static void test_storage_helpers(void **state)
{
	(void)state;
	struct sb out = SB_INIT;
	helm_rel_selector(&out, "web", 3, NULL);
	assert_string_equal(out.buf, "name=web,owner=helm");
	sb_reset(&out);
	helm_rel_selector(&out, "web", 3, "deployed");
	assert_string_equal(out.buf, "name=web,owner=helm,status=deployed");
	sb_reset(&out);
	helm_rel_selector(&out, NULL, 0, NULL);
	assert_string_equal(out.buf, "owner=helm");
	sb_reset(&out);
	helm_rel_secret_name(&out, "web", 3, 12);
	assert_string_equal(out.buf, "sh.helm.release.v1.web.v12");
	sb_reset(&out);
	helm_rel_err_no_deployed(&out, "web", 3);
	assert_string_equal(out.buf, "\"web\" has no deployed releases");
	struct helm_release r1 = { .version = 3 }, r2 = { .version = 10 }, r3 = { .version = 10 };
	const struct helm_release *v[] = { &r1, &r2, &r3 };
	assert_int_equal(helm_rel_pick_latest(v, 3), 1);
	assert_int_equal(helm_rel_pick_latest(v, 0), -1);
	struct helm_str s = { "pending-upgrade", 15 }, d = { "deployed", 8 };
	assert_true(helm_rel_status_pending(s));
	assert_false(helm_rel_status_pending(d));
	sb_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_time),
		cmocka_unit_test(test_decode_forms),
		cmocka_unit_test(test_storage_helpers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
