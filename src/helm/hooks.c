/* hooks.c — Helm 3.17.3's hooks as install, upgrade and uninstall run them
 * (pkg/action/hooks.go execHook + deleteHookByPolicy, pkg/kube/client.go
 * Create / Delete / WatchUntilReady / WaitForDelete): the same API writes
 * in the same order, the same record (last_run, the default delete policy)
 * and the same error texts, so Helm and cozypkg can take turns on one
 * release. */
#include "helm/hooks.h"

#include <limits.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "kube/resource.h"
#include "value/codec.h"

struct hobj {
	val v;
	const char *kind, *name;
};

static bool hstr_eq(struct helm_str s, const char *c)
{
	size_t n = strlen(c);

	return s.n == n && (!n || !memcmp(s.p, c, n));
}

static struct helm_str hstr(struct arena *a, struct manifest_str s)
{
	return (struct helm_str){ s.p ? arena_memdup(a, s.p, s.n) : "", s.n };
}

void helm_hooks_fill(struct arena *a, const struct manifest_sorted *s, struct helm_release *rel)
{
	size_t i, j;

	rel->nhooks = s->nhooks;
	rel->hooks = s->nhooks ? arena_zalloc(a, s->nhooks * sizeof(*rel->hooks)) : NULL;
	for (i = 0; i < s->nhooks; i++) {
		const struct manifest_hook *m = &s->hooks[i];
		struct helm_hook *h = &rel->hooks[i];

		h->name = hstr(a, m->name);
		h->kind = hstr(a, m->kind);
		h->path = hstr(a, m->path);
		h->manifest = hstr(a, m->manifest);
		h->weight = m->weight;
		/* sortHooks makes both non-nil empty slices; omitempty hides them */
		h->events.n = m->nevents;
		h->events.v = arena_zalloc(a, (m->nevents ? m->nevents : 1) * sizeof(*h->events.v));
		for (j = 0; j < m->nevents; j++) {
			const char *e = manifest_hook_event_name((enum manifest_hook_event)m->events[j]);
			h->events.v[j] = (struct helm_str){ e, strlen(e) };
		}
		h->delete_policies.n = m->ndelete_policies;
		h->delete_policies.v = arena_zalloc(a, (m->ndelete_policies ? m->ndelete_policies : 1) *
							       sizeof(*h->delete_policies.v));
		for (j = 0; j < m->ndelete_policies; j++)
			h->delete_policies.v[j] = hstr(a, m->delete_policies[j]);
	}
}

/* A client-go error's Error(): the apiserver's Status message, where the
 * kube client words it as kubectl prints it ("Error from server (R): m"). */
static void go_error(struct sb *out, const struct sb *kubectl)
{
	struct sb t = SB_INIT;
	const char *s;

	kube_err_go_text(kubectl->buf ? kubectl->buf : "", kubectl->len, &t);
	s = t.buf ? t.buf : "";
	sb_adds(out, strncmp(s, "error: ", 7) ? s : s + 7);
	sb_release(&t);
}

void helm_multierror(struct sb *out, const struct sb *errs, size_t n)
{
	if (n == 1)
		sb_addf(out, "1 error occurred:\n\t* %s\n\n", errs[0].buf ? errs[0].buf : "");
	else {
		size_t i;

		sb_addf(out, "%zu errors occurred:", n);
		for (i = 0; i < n; i++)
			sb_addf(out, "\n\t* %s", errs[i].buf ? errs[i].buf : "");
		sb_adds(out, "\n\n");
	}
}

/* KubeClient.Build(manifest): the objects with the namespace of Helm's -n
 * where the kind is namespaced and the object has none.  The error is
 * Build's own text. */
static int build(const struct helm_hooks_ctx *x, struct helm_str manifest, struct hobj **out, size_t *n,
		 struct sb *err)
{
	struct arena *a = x->kc->a;
	struct manifest_str *docs;
	size_t nd = manifest_split(a, manifest.p ? manifest.p : "", manifest.n, &docs), i;

	*n = 0;
	*out = arena_alloc(a, (nd ? nd : 1) * sizeof(**out));
	for (i = 0; i < nd; i++) {
		struct hobj *o = &(*out)[*n];
		const struct kube_resource *r;
		const char *api, *own;
		struct sb e = SB_INIT;

		if (val_from_yaml(a, docs[i].p, docs[i].n, VAL_YAML_ANY, &o->v, &e) < 0) {
			sb_add(err, e.buf, e.len);
			sb_release(&e);
			return -1;
		}
		sb_release(&e);
		if (o->v.kind != VAL_MAP)
			continue;
		api = val_map_str(o->v, "apiVersion", NULL);
		o->kind = val_map_str(o->v, "kind", NULL);
		o->name = val_map_str(o->v, "metadata", "name");
		own = val_map_str(o->v, "metadata", "namespace");
		if (!api || !o->kind || !*o->kind) {
			sb_adds(err, "Object 'Kind' is missing in the manifest");
			return -1;
		}
		if (!o->name)
			o->name = "";
		r = kube_discovery_find(x->kc, x->d, api, o->kind, err);
		if (!r) {
			if (!err->len)
				sb_addf(err, "resource mapping not found for name: \"%s\" namespace: \"%s\" from \"\": no "
					     "matches for kind \"%s\" in version \"%s\"\nensure CRDs are installed first",
					o->name, own ? own : "", o->kind, api);
			return -1;
		}
		if (r->namespaced && (!own || !*own)) {
			val *meta = val_map_ref(o->v, "metadata", 8);

			if (!meta || meta->kind != VAL_MAP) {
				val_map_set(a, o->v, "metadata", 8, val_map_new(a, 2));
				meta = val_map_ref(o->v, "metadata", 8);
			}
			val_map_set(a, *meta, "namespace", 9, val_cstr(a, x->namespace));
		}
		(*n)++;
	}
	return 0;
}

/* KubeClient.Delete (background propagation, NotFound ignored) and then
 * WaitForDelete: a GET every 2 s (the first at once) until every object is
 * gone or timeout. */
static int delete_objects(const struct helm_hooks_ctx *x, const struct hobj *objs, size_t n, struct sb *err)
{
	static const char body[] = "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\","
				   "\"propagationPolicy\":\"Background\"}";
	struct kube_client *kc = x->kc;
	size_t i, nerr = 0;
	long long deadline;

	if (!n) {
		sb_adds(err, "object not found, skipping delete: no objects visited");
		return -1;
	}
	for (i = 0; i < n; i++) {
		struct sb path = SB_INIT, e = SB_INIT;
		long status = 0;

		if (kube_object_path(kc, x->d, objs[i].v, x->namespace, true, &path, &e) < 0 ||
		    (kube_call(kc, "DELETE", path.buf, NULL, NULL, body, sizeof(body) - 1, NULL, &status, &e) < 0 &&
		     status != 404)) {
			/* joinErrors: "; " between them */
			if (nerr++)
				sb_adds(err, "; ");
			go_error(err, &e);
		}
		sb_release(&path);
		sb_release(&e);
	}
	if (nerr)
		return -1;
	deadline = clock_mono_ns() + x->timeout_ns;
	for (;;) {
		bool gone = true;

		for (i = 0; i < n && gone; i++) {
			struct sb e = SB_INIT;
			val live;
			int rc = kube_object_get(kc, x->d, objs[i].v, x->namespace, &live, &e);

			if (rc < 0) {
				go_error(err, &e);
				sb_release(&e);
				return -1;
			}
			sb_release(&e);
			gone = rc == 0;
		}
		if (gone)
			return 0;
		if (clock_mono_ns() + 2000000000LL > deadline) {
			clock_sleep_ns(deadline - clock_mono_ns());
			sb_adds(err, "context deadline exceeded");
			return -1;
		}
		clock_sleep_ns(2000000000LL);
	}
}

static bool has_policy(const struct helm_hook *h, const char *policy)
{
	size_t i;

	for (i = 0; i < h->delete_policies.n; i++)
		if (hstr_eq(h->delete_policies.v[i], policy))
			return true;
	return false;
}

/* deleteHookByPolicy */
static int delete_by_policy(const struct helm_hooks_ctx *x, const struct helm_hook *h, const char *policy,
			    struct sb *err)
{
	struct hobj *objs;
	size_t n;

	/* never CustomResourceDefinitions: cascading garbage collection */
	if (hstr_eq(h->kind, "CustomResourceDefinition") || !has_policy(h, policy))
		return 0;
	if (build(x, h->manifest, &objs, &n, err) < 0) {
		struct sb e = SB_INIT;

		sb_addf(&e, "unable to build kubernetes object for deleting hook %.*s: %s", (int)h->path.n,
			h->path.p ? h->path.p : "", err->buf ? err->buf : "");
		sb_reset(err);
		sb_add(err, e.buf, e.len);
		sb_release(&e);
		return -1;
	}
	return delete_objects(x, objs, n, err);
}

/* ---- WatchUntilReady ---- */

struct watch_ctx {
	struct arena *a;
	const char *kind, *name;
	struct sb *why;  /* the condition's error */
	const char *rv;  /* the last resourceVersion seen */
	bool done;
	bool expired;    /* 410 Gone: list again (the informer's relist) */
};

/* waitForJob / waitForPodSuccess on one state of the object */
static bool judge(struct watch_ctx *w, val obj)
{
	val st, conds;
	size_t i;

	if (!strcmp(w->kind, "Pod")) {
		const char *phase = val_map_str(obj, "status", "phase");

		if (phase && !strcmp(phase, "Succeeded"))
			return true;
		if (phase && !strcmp(phase, "Failed")) {
			sb_addf(w->why, "pod %s failed", w->name);
			return true;
		}
		return false;
	}
	if (obj.kind != VAL_MAP || !val_map_get(obj, "status", 6, &st) || st.kind != VAL_MAP ||
	    !val_map_get(st, "conditions", 10, &conds) || conds.kind != VAL_LIST)
		return false;
	for (i = 0; i < val_list_len(conds); i++) {
		val c = val_list_at(conds, i);
		const char *t = val_map_str(c, "type", NULL), *s = val_map_str(c, "status", NULL);

		if (!t || !s || strcmp(s, "True"))
			continue;
		if (!strcmp(t, "Complete"))
			return true;
		if (!strcmp(t, "Failed")) {
			const char *r = val_map_str(c, "reason", NULL);
			sb_addf(w->why, "job %s failed: %s", w->name, r ? r : "");
			return true;
		}
	}
	return false;
}

static int on_event(void *ctx, val ev)
{
	struct watch_ctx *w = ctx;
	const char *type = val_map_str(ev, "type", NULL);
	val obj = val_null();

	if (!type)
		return 0;
	if (ev.kind == VAL_MAP)
		val_map_get(ev, "object", 6, &obj);
	if (strcmp(type, "ERROR")) {
		const char *rv = val_map_str(obj, "metadata", "resourceVersion");

		if (rv)
			w->rv = arena_strdup(w->a, rv);
	}
	if (!strcmp(type, "ADDED") || !strcmp(type, "MODIFIED")) {
		w->done = judge(w, obj);
		return w->done;
	}
	if (!strcmp(type, "DELETED")) {
		w->done = true;
		return 1;
	}
	if (!strcmp(type, "ERROR")) {
		val code;

		if (obj.kind == VAL_MAP && val_map_get(obj, "code", 4, &code) && code.kind == VAL_INT &&
		    code.u.i == 410) {
			w->expired = true;
			return 1;
		}
		sb_addf(w->why, "failed to deploy %s", w->name);
		w->done = true;
		return 1;
	}
	return 0;
}

/* watchUntilReady for one object: a list by name (fieldSelector) and a
 * watch from its resourceVersion, as UntilWithSync does; "" in why when it
 * completed, else the error. */
static void watch_one(const struct helm_hooks_ctx *x, const struct hobj *o, struct sb *why)
{
	struct kube_client *kc = x->kc;
	struct watch_ctx w = { kc->a, o->kind, o->name, why, NULL, false, false };
	/* ContextWithOptionalTimeout: no timeout given, no deadline */
	long long deadline = x->timeout_ns > 0 ? clock_mono_ns() + x->timeout_ns : LLONG_MAX;
	struct sb base = SB_INIT, path = SB_INIT, e = SB_INIT;
	val list, items;
	size_t i;

	if (strcmp(o->kind, "Job") && strcmp(o->kind, "Pod"))
		return;
	if (kube_object_path(kc, x->d, o->v, x->namespace, false, &base, &e) < 0)
		goto fail;
relist:
	sb_reset(&path);
	sb_add(&path, base.buf, base.len);
	sb_adds(&path, "?fieldSelector=");
	{
		struct sb sel = SB_INIT;

		sb_addf(&sel, "metadata.name=%s", o->name);
		kube_escape(&path, sel.buf, true);
		sb_release(&sel);
	}
	if (kube_call(kc, "GET", path.buf, NULL, NULL, NULL, 0, &list, NULL, &e) < 0)
		goto fail;
	w.rv = val_map_str(list, "metadata", "resourceVersion");
	w.expired = false;
	if (val_map_get(list, "items", 5, &items) && items.kind == VAL_LIST)
		for (i = 0; i < val_list_len(items) && !w.done; i++)
			w.done = judge(&w, val_list_at(items, i));
	while (!w.done) {
		long long left = deadline - clock_mono_ns();
		long secs;
		int rc;

		if (left <= 0) {
			sb_adds(why, "timed out waiting for the condition");
			break;
		}
		if (left > 600000000000LL)
			left = 600000000000LL; /* one watch at most 10 min, then again */
		secs = (long)((left + 999999999LL) / 1000000000LL);
		sb_reset(&path);
		sb_add(&path, base.buf, base.len);
		sb_adds(&path, "?allowWatchBookmarks=true&fieldSelector=");
		{
			struct sb sel = SB_INIT;

			sb_addf(&sel, "metadata.name=%s", o->name);
			kube_escape(&path, sel.buf, true);
			sb_release(&sel);
		}
		if (w.rv) {
			sb_adds(&path, "&resourceVersion=");
			kube_escape(&path, w.rv, true);
		}
		sb_addf(&path, "&timeoutSeconds=%ld&watch=true", secs);
		rc = kube_watch(kc, path.buf, (long)(left / 1000000) + 1, on_event, &w, &e);
		if (w.expired)
			goto relist;
		if (rc < 0) {
			if (clock_mono_ns() >= deadline) {
				sb_reset(&e);
				continue;
			}
			goto fail;
		}
	}
	sb_release(&base);
	sb_release(&path);
	sb_release(&e);
	return;
fail:
	go_error(why, &e);
	sb_release(&base);
	sb_release(&path);
	sb_release(&e);
}

/* WatchUntilReady: perform() over the objects, errors gathered */
static int watch_until_ready(const struct helm_hooks_ctx *x, const struct hobj *objs, size_t n, struct sb *err)
{
	struct sb *errs = arena_zalloc(x->kc->a, (n ? n : 1) * sizeof(*errs));
	size_t i, nerr = 0;

	if (!n) {
		sb_adds(err, "no objects visited");
		return -1;
	}
	for (i = 0; i < n; i++) {
		struct sb why = SB_INIT;

		watch_one(x, &objs[i], &why);
		if (why.len)
			errs[nerr++] = why;
		else
			sb_release(&why);
	}
	if (nerr)
		helm_multierror(err, errs, nerr);
	for (i = 0; i < nerr; i++)
		sb_release(&errs[i]);
	return nerr ? -1 : 0;
}

/* KubeClient.Create: perform(createResource) */
static int create_objects(const struct helm_hooks_ctx *x, const struct hobj *objs, size_t n, struct sb *err)
{
	struct sb *errs = arena_zalloc(x->kc->a, (n ? n : 1) * sizeof(*errs));
	size_t i, nerr = 0;

	if (!n) {
		sb_adds(err, "no objects visited");
		return -1;
	}
	for (i = 0; i < n; i++) {
		struct sb path = SB_INIT, json = SB_INIT, e = SB_INIT;

		if (kube_object_path(x->kc, x->d, objs[i].v, x->namespace, false, &path, &e) < 0 ||
		    val_to_json(x->kc->a, objs[i].v, 0, NULL, NULL, &json, &e) < 0 ||
		    kube_call(x->kc, "POST", path.buf, NULL, NULL, json.buf, json.len, NULL, NULL, &e) < 0)
			go_error(&errs[nerr++], &e);
		sb_release(&path);
		sb_release(&json);
		sb_release(&e);
	}
	if (nerr)
		helm_multierror(err, errs, nerr);
	for (i = 0; i < nerr; i++)
		sb_release(&errs[i]);
	return nerr ? -1 : 0;
}

/* recordRelease: an Update whose failure Helm only logs */
static void record(const struct helm_hooks_ctx *x, const struct helm_release *rel)
{
	struct sb e = SB_INIT;

	helm_store_write(x->st, rel, HELM_REL_UPDATE, &e);
	sb_release(&e);
}

/* hookByWeight with sort.Stable */
static bool hook_less(const struct helm_hook *a, const struct helm_hook *b)
{
	size_t n;
	int c;

	if (a->weight != b->weight)
		return a->weight < b->weight;
	n = a->name.n < b->name.n ? a->name.n : b->name.n;
	c = n ? memcmp(a->name.p, b->name.p, n) : 0;
	return c < 0 || (c == 0 && a->name.n < b->name.n);
}

int helm_hooks_exec(const struct helm_hooks_ctx *x, struct helm_release *rel, const char *event, struct sb *err)
{
	struct arena *a = x->kc->a;
	struct helm_hook **run = arena_alloc(a, (rel->nhooks ? rel->nhooks : 1) * 4 * sizeof(*run));
	size_t cap = (rel->nhooks ? rel->nhooks : 1) * 4, n = 0, i, j;

	for (i = 0; i < rel->nhooks; i++)
		for (j = 0; j < rel->hooks[i].events.n; j++)
			if (hstr_eq(rel->hooks[i].events.v[j], event)) {
				if (n == cap) {
					run = arena_grow(a, run, cap * sizeof(*run), 2 * cap * sizeof(*run));
					cap *= 2;
				}
				run[n++] = &rel->hooks[i];
			}
	/* insertion sort: stable, and hook lists are short */
	for (i = 1; i < n; i++) {
		struct helm_hook *h = run[i];

		for (j = i; j > 0 && hook_less(h, run[j - 1]); j--)
			run[j] = run[j - 1];
		run[j] = h;
	}
	for (i = 0; i < n; i++) {
		struct helm_hook *h = run[i];
		struct hobj *objs;
		size_t nobj;

		if (!h->delete_policies.n) {
			/* the default policy is written into the record too */
			h->delete_policies.v = arena_alloc(a, sizeof(*h->delete_policies.v));
			h->delete_policies.v[0] = (struct helm_str){ "before-hook-creation", 20 };
			h->delete_policies.n = 1;
		}
		if (delete_by_policy(x, h, "before-hook-creation", err) < 0)
			return -1;
		if (build(x, h->manifest, &objs, &nobj, err) < 0) {
			struct sb e = SB_INIT;

			sb_addf(&e, "unable to build kubernetes object for %s hook %.*s: %s", event, (int)h->path.n,
				h->path.p ? h->path.p : "", err->buf ? err->buf : "");
			sb_reset(err);
			sb_add(err, e.buf, e.len);
			sb_release(&e);
			return -1;
		}
		h->last_run = (struct helm_hook_exec){ helm_time_now(), { 0, 0, 0 }, { "Running", 7 } };
		record(x, rel);
		h->last_run.phase = (struct helm_str){ "Unknown", 7 };
		{
			struct sb e = SB_INIT;

			if (create_objects(x, objs, nobj, &e) < 0) {
				h->last_run.completed_at = helm_time_now();
				h->last_run.phase = (struct helm_str){ "Failed", 6 };
				sb_addf(err, "warning: Hook %s %.*s failed: %s", event, (int)h->path.n,
					h->path.p ? h->path.p : "", e.buf);
				sb_release(&e);
				return -1;
			}
			sb_release(&e);
		}
		if (watch_until_ready(x, objs, nobj, err) < 0) {
			struct sb e = SB_INIT;

			h->last_run.completed_at = helm_time_now();
			h->last_run.phase = (struct helm_str){ "Failed", 6 };
			/* hook-failed: its own error replaces the watch's */
			if (delete_by_policy(x, h, "hook-failed", &e) < 0) {
				sb_reset(err);
				sb_add(err, e.buf, e.len);
			}
			sb_release(&e);
			return -1;
		}
		h->last_run.completed_at = helm_time_now();
		h->last_run.phase = (struct helm_str){ "Succeeded", 9 };
	}
	/* all succeeded: hook-succeeded deletes, last hook first */
	for (i = n; i-- > 0;)
		if (delete_by_policy(x, run[i], "hook-succeeded", err) < 0)
			return -1;
	return 0;
}
