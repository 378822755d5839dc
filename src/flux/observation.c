/* observation.c — the `digest` of a HelmRelease history snapshot as
 * helm-controller v1.6.0 computes it (internal/release/observation.go,
 * digest.go): sha256 of json.NewEncoder(h).Encode(Observation), where the
 * Observation is the stored release as Helm 4 (helm.sh/helm/v4 v4.2.1, the
 * version it links) reads it back: release/v1.Info, chart/v2.Metadata and
 * release/v1.Hook with their field order and omitempty/omitzero rules, the
 * config through map[string]any (every number a float64), test hooks left
 * out.  helm-controller re-computes it from storage on every reconcile
 * (action.VerifyReleaseObject) when the snapshot says apiVersion v2, so one
 * byte off makes it take the release for someone else's and upgrade it. */
#include "flux/release.h"

#include <string.h>

#include <openssl/sha.h>

#include "value/codec.h"

struct oenc {
	struct arena *a;
	struct sb *out;
	struct sb *err;
	int rc;
};

/* a Go string through encoding/json with HTML escaping */
static void o_str(struct oenc *e, const char *p, size_t n)
{
	if (e->rc == 0)
		e->rc = val_to_json(e->a, val_str(e->a, p ? p : "", p ? n : 0), VAL_JSON_ESCAPE_HTML, NULL, NULL, e->out,
				    e->err);
}

static void o_key(struct oenc *e, bool *first, const char *k)
{
	if (!*first)
		sb_addc(e->out, ',');
	*first = false;
	sb_addc(e->out, '"');
	sb_adds(e->out, k);
	sb_adds(e->out, "\":");
}

/* `json:"k,omitempty"` string */
static void o_str_opt(struct oenc *e, bool *first, const char *k, struct helm_str s)
{
	if (!s.n)
		return;
	o_key(e, first, k);
	o_str(e, s.p, s.n);
}

/* []string with omitempty: nil and empty slices are both left out */
static void o_strlist_opt(struct oenc *e, bool *first, const char *k, struct helm_strlist l)
{
	size_t i;

	if (!l.n)
		return;
	o_key(e, first, k);
	sb_addc(e->out, '[');
	for (i = 0; i < l.n; i++) {
		if (i)
			sb_addc(e->out, ',');
		o_str(e, l.v[i].p, l.v[i].n);
	}
	sb_addc(e->out, ']');
}

/* time.Time with omitzero: RFC 3339 with nanoseconds, "Z" for UTC */
static void o_time_opt(struct oenc *e, bool *first, const char *k, struct helm_time t)
{
	if (helm_time_is_zero(t))
		return;
	o_key(e, first, k);
	sb_addc(e->out, '"');
	if (e->rc == 0 && helm_time_format(e->out, t, e->err) < 0)
		e->rc = -1;
	sb_addc(e->out, '"');
}

static void o_any(struct oenc *e, val v)
{
	if (e->rc == 0)
		e->rc = val_to_json(e->a, v, VAL_JSON_ESCAPE_HTML, NULL, NULL, e->out, e->err);
}

static void o_info(struct oenc *e, const struct helm_info *in)
{
	bool first = true;

	sb_addc(e->out, '{');
	if (in) {
		o_time_opt(e, &first, "first_deployed", in->first_deployed);
		o_time_opt(e, &first, "last_deployed", in->last_deployed);
		o_time_opt(e, &first, "deleted", in->deleted);
		o_str_opt(e, &first, "description", in->description);
		o_str_opt(e, &first, "status", in->status);
		o_str_opt(e, &first, "notes", in->notes);
	}
	sb_addc(e->out, '}');
}

static void o_metadata(struct oenc *e, const struct helm_metadata *m)
{
	bool first = true;
	size_t i;

	sb_addc(e->out, '{');
	if (!m) {
		sb_addc(e->out, '}');
		return;
	}
	o_str_opt(e, &first, "name", m->name);
	o_str_opt(e, &first, "home", m->home);
	o_strlist_opt(e, &first, "sources", m->sources);
	o_str_opt(e, &first, "version", m->version);
	o_str_opt(e, &first, "description", m->description);
	o_strlist_opt(e, &first, "keywords", m->keywords);
	if (m->nmaintainers) {
		o_key(e, &first, "maintainers");
		sb_addc(e->out, '[');
		for (i = 0; i < m->nmaintainers; i++) {
			bool f = true;

			if (i)
				sb_addc(e->out, ',');
			sb_addc(e->out, '{');
			o_str_opt(e, &f, "name", m->maintainers[i].name);
			o_str_opt(e, &f, "email", m->maintainers[i].email);
			o_str_opt(e, &f, "url", m->maintainers[i].url);
			sb_addc(e->out, '}');
		}
		sb_addc(e->out, ']');
	}
	o_str_opt(e, &first, "icon", m->icon);
	o_str_opt(e, &first, "apiVersion", m->api_version);
	o_str_opt(e, &first, "condition", m->condition);
	o_str_opt(e, &first, "tags", m->tags);
	o_str_opt(e, &first, "appVersion", m->app_version);
	if (m->deprecated) {
		o_key(e, &first, "deprecated");
		sb_adds(e->out, "true");
	}
	if (m->annotations.kind == VAL_MAP && val_map_len(m->annotations)) {
		o_key(e, &first, "annotations");
		o_any(e, m->annotations);
	}
	o_str_opt(e, &first, "kubeVersion", m->kube_version);
	if (m->ndependencies) {
		o_key(e, &first, "dependencies");
		sb_addc(e->out, '[');
		for (i = 0; i < m->ndependencies; i++) {
			const struct helm_dependency *d = &m->dependencies[i];
			bool f = true;

			if (i)
				sb_addc(e->out, ',');
			sb_addc(e->out, '{');
			o_key(e, &f, "name");
			o_str(e, d->name.p, d->name.n);
			o_str_opt(e, &f, "version", d->version);
			o_key(e, &f, "repository");
			o_str(e, d->repository.p, d->repository.n);
			o_str_opt(e, &f, "condition", d->condition);
			o_strlist_opt(e, &f, "tags", d->tags);
			if (d->enabled) {
				o_key(e, &f, "enabled");
				sb_adds(e->out, "true");
			}
			if (d->import_values.kind == VAL_LIST && val_list_len(d->import_values)) {
				o_key(e, &f, "import-values");
				o_any(e, d->import_values);
			}
			o_str_opt(e, &f, "alias", d->alias);
			sb_addc(e->out, '}');
		}
		sb_addc(e->out, ']');
	}
	o_str_opt(e, &first, "type", m->type);
	sb_addc(e->out, '}');
}

static bool hook_is_test(const struct helm_hook *h)
{
	size_t i;

	for (i = 0; i < h->events.n; i++)
		if (h->events.v[i].n == 4 && !memcmp(h->events.v[i].p, "test", 4))
			return true;
	return false;
}

static void o_hook(struct oenc *e, const struct helm_hook *h)
{
	bool first = true, f = true;

	sb_addc(e->out, '{');
	o_str_opt(e, &first, "name", h->name);
	o_str_opt(e, &first, "kind", h->kind);
	o_str_opt(e, &first, "path", h->path);
	o_str_opt(e, &first, "manifest", h->manifest);
	o_strlist_opt(e, &first, "events", h->events);
	o_key(e, &first, "last_run");
	sb_addc(e->out, '{');
	o_time_opt(e, &f, "started_at", h->last_run.started_at);
	o_time_opt(e, &f, "completed_at", h->last_run.completed_at);
	o_key(e, &f, "phase");
	o_str(e, h->last_run.phase.p, h->last_run.phase.n);
	sb_addc(e->out, '}');
	if (h->weight) {
		o_key(e, &first, "weight");
		sb_addf(e->out, "%lld", (long long)h->weight);
	}
	o_strlist_opt(e, &first, "delete_policies", h->delete_policies);
	o_strlist_opt(e, &first, "output_log_policies", h->output_log_policies);
	sb_addc(e->out, '}');
}

int flux_release_observation(struct arena *a, const struct helm_release *r, struct sb *out, struct sb *err)
{
	struct oenc e = { a, out, err, 0 };
	size_t i, nh = 0;
	bool first = true;

	sb_addc(out, '{');
	o_key(&e, &first, "name");
	o_str(&e, r->name.p, r->name.n);
	o_key(&e, &first, "version");
	sb_addf(out, "%lld", (long long)r->version);
	o_key(&e, &first, "info");
	o_info(&e, r->info);
	o_key(&e, &first, "chartMetadata");
	o_metadata(&e, r->chart ? r->chart->metadata : NULL);
	o_key(&e, &first, "config");
	if (r->config.kind == VAL_MAP && val_map_len(r->config)) {
		/* Helm 4 decodes the stored config into map[string]any: numbers come
		 * back as float64, and that is what gets encoded */
		struct sb js = SB_INIT;
		val f;

		if (e.rc == 0 && (e.rc = val_to_json(a, r->config, 0, NULL, NULL, &js, err)) == 0 &&
		    (e.rc = val_from_json(a, js.buf, js.len, &f, err)) == 0)
			o_any(&e, f);
		sb_release(&js);
	} else {
		sb_adds(out, "null");
	}
	o_key(&e, &first, "manifest");
	o_str(&e, r->manifest.p, r->manifest.n);
	o_key(&e, &first, "hooks");
	for (i = 0; i < r->nhooks; i++)
		nh += !hook_is_test(&r->hooks[i]);
	if (!nh) {
		sb_adds(out, "null");
	} else {
		bool f = true;

		sb_addc(out, '[');
		for (i = 0; i < r->nhooks; i++) {
			if (hook_is_test(&r->hooks[i]))
				continue;
			if (!f)
				sb_addc(out, ',');
			f = false;
			o_hook(&e, &r->hooks[i]);
		}
		sb_addc(out, ']');
	}
	o_key(&e, &first, "namespace");
	o_str(&e, r->namespace_.p, r->namespace_.n);
	sb_adds(out, "}\n");
	return e.rc;
}

int flux_release_digest(struct arena *a, const struct helm_release *r, struct sb *out, struct sb *err)
{
	struct sb js = SB_INIT;
	unsigned char md[SHA256_DIGEST_LENGTH];
	size_t k;
	int rc = flux_release_observation(a, r, &js, err);

	if (rc == 0) {
		SHA256((const unsigned char *)js.buf, js.len, md);
		sb_adds(out, "sha256:");
		for (k = 0; k < sizeof(md); k++)
			sb_addf(out, "%02x", md[k]);
	}
	sb_release(&js);
	return rc;
}
