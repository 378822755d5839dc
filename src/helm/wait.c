/* wait.c — Helm 3.17.3's --wait (pkg/kube/wait.go waitForResources with
 * the ReadyChecker of ready.c): poll every 2 s until every object is ready,
 * retrying transient API errors (429, 5xx but 501, transport) up to 30
 * times in a row per object, failing at once on any other API error, and
 * with "context deadline exceeded" when the timeout passes.
 * Helm asks one object at a time and stops at the first one not ready; we
 * judge them all each poll (one LIST per kind and namespace when it holds
 * several of them) so the progress display can show every one, and apply
 * Helm's order to the results, so the outcome is Helm's.
 * Progress (our addition): a live view redrawn in place on a terminal, one
 * plain line per change of state otherwise. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/xalloc.h"
#include "cli/opt.h"
#include "helm/ready.h"
#include "helm/wait.h"
#include "value/codec.h"

#define POLL_NS 2000000000LL  /* wait.PollUntilContextCancel(ctx, 2*time.Second, ...) */
#define MAX_RETRIES 30        /* waitRetries */
#define TICK_NS 1000000000LL  /* live view: elapsed time redrawn every second */

struct wobj {
	const char *kind, *name, *ns, *api_version;
	enum helm_ready_kind rk;
	val applied;
	int nerr;             /* numberOfErrors[i] */
	/* this poll */
	bool ready, failed, retryable;
	struct sb err;        /* Helm's error text when failed */
	struct sb why;        /* reason when not ready */
	/* last reported */
	bool reported, was_ready;
	struct sb last;
};

/* one LIST of a collection per poll, when it holds several of our objects */
struct coll {
	char *path;           /* collection path (xstrdup) */
	size_t count;         /* our objects in it */
	bool fetched, failed, retryable;
	val byname;           /* name -> item (poll arena) */
	struct sb err;
};

struct waiter {
	struct kube_client *kc;
	struct arena pa;      /* per-poll arena: the answers of one poll */
	struct wobj *o;
	size_t n, ntracked;
	struct coll *c;
	size_t nc;
	FILE *out;
	bool tty, color;
	unsigned frame_lines;
	long long start, timeout;
};

static const char *mstr(struct arena *a, val m, const char *k1, const char *k2)
{
	val v;

	if (m.kind != VAL_MAP || !val_map_get(m, k1, strlen(k1), &v))
		return NULL;
	if (k2 && (v.kind != VAL_MAP || !val_map_get(v, k2, strlen(k2), &v)))
		return NULL;
	return v.kind == VAL_STRING ? arena_memdup(a, v.u.s, v.len) : NULL;
}

static val mget(val m, const char *k)
{
	val v;

	if (m.kind != VAL_MAP || !val_map_get(m, k, strlen(k), &v))
		return val_null();
	return v;
}

/* REST coordinates of the typed client Helm's checker uses */
static void rest(const struct wobj *o, const char **group, const char **version, const char **resource)
{
	*group = "apps";
	*version = "v1";
	switch (o->rk) {
	case HELM_READY_POD: *group = ""; *resource = "pods"; break;
	case HELM_READY_PVC: *group = ""; *resource = "persistentvolumeclaims"; break;
	case HELM_READY_SERVICE: *group = ""; *resource = "services"; break;
	case HELM_READY_RC: *group = ""; *resource = "replicationcontrollers"; break;
	case HELM_READY_DEPLOYMENT: *resource = "deployments"; break;
	case HELM_READY_DAEMONSET: *resource = "daemonsets"; break;
	case HELM_READY_STATEFULSET: *resource = "statefulsets"; break;
	case HELM_READY_RS: *resource = "replicasets"; break;
	case HELM_READY_CRD:
		/* v.Get(): the object's own mapping */
		*group = "apiextensions.k8s.io";
		*version = strchr(o->api_version, '/') + 1;
		*resource = "customresourcedefinitions";
		break;
	case HELM_READY_NONE: *resource = ""; break;
	}
}

/* isRetryableHTTPStatusCode */
static bool retryable_code(long code)
{
	return code == 0 || code == 429 || (code >= 500 && code != 501);
}

/* GET/LIST: 0 with *out, or -1 with Helm's error text (the Status message,
 * as apierrors.StatusError.Error() gives it) and whether Helm retries it. */
static int fetch(struct waiter *w, const char *path, val *out, struct sb *err, bool *retryable)
{
	struct kube_resp r = { 0, SB_INIT };
	struct sb jerr = SB_INIT;
	int rc = -1;

	sb_reset(err);
	if (kube_do(w->kc, "GET", path, NULL, NULL, NULL, 0, &r, err) < 0) {
		*retryable = true; /* not an apierrors.StatusError */
	} else if (r.status >= 200 && r.status < 300) {
		if (val_from_json(&w->pa, r.body.buf ? r.body.buf : "", r.body.len, out, &jerr) == 0) {
			rc = 0;
		} else {
			sb_add(err, jerr.buf, jerr.len);
			*retryable = true;
		}
	} else {
		val st = val_null();
		const char *msg = NULL;

		if (r.body.len && val_from_json(&w->pa, r.body.buf, r.body.len, &st, &jerr) == 0)
			msg = mstr(&w->pa, st, "message", NULL);
		if (msg) {
			sb_adds(err, msg);
		} else {
			/* client-go's generic message: kubectl's text without its prefix */
			struct sb k = SB_INIT;
			const char *p;

			kube_status_message(&w->pa, r.status, r.body.buf ? r.body.buf : "", r.body.len, &k);
			p = k.buf ? k.buf : "";
			if (!strncmp(p, "Error from server", 17) && strstr(p, ": "))
				p = strstr(p, ": ") + 2;
			sb_adds(err, p);
			sb_release(&k);
		}
		*retryable = retryable_code(r.status);
	}
	sb_release(&jerr);
	sb_release(&r.body);
	return rc;
}

static struct coll *coll_of(struct waiter *w, const char *path)
{
	for (size_t i = 0; i < w->nc; i++)
		if (!strcmp(w->c[i].path, path))
			return &w->c[i];
	return NULL;
}

/* The live object: from its collection's LIST when batched, else a GET. */
static int get_object(struct waiter *w, struct wobj *o, val *out)
{
	const char *g, *v, *res;
	struct sb path = SB_INIT;
	struct coll *c;
	int rc;

	rest(o, &g, &v, &res);
	kube_path(&path, g, v, res, o->ns, NULL);
	c = coll_of(w, path.buf);
	if (c && c->count > 1 && o->rk != HELM_READY_CRD) {
		if (!c->fetched) {
			val list, items;

			c->fetched = true;
			c->failed = fetch(w, path.buf, &list, &c->err, &c->retryable) < 0;
			c->byname = val_map_new(&w->pa, 8);
			items = mget(list, "items");
			for (size_t i = 0; !c->failed && items.kind == VAL_LIST && i < val_list_len(items); i++) {
				val it = val_list_at(items, i), nm = mget(mget(it, "metadata"), "name");

				if (nm.kind == VAL_STRING)
					val_map_set(&w->pa, c->byname, nm.u.s, nm.len, it);
			}
		}
		sb_release(&path);
		if (c->failed) {
			sb_reset(&o->err);
			sb_add(&o->err, c->err.buf, c->err.len);
			o->retryable = c->retryable;
			return -1;
		}
		if (!val_map_get(c->byname, o->name, strlen(o->name), out)) {
			/* the API server's NotFound message for the GET */
			sb_reset(&o->err);
			sb_addf(&o->err, "%s%s%s \"%s\" not found", res, *g ? "." : "", g, o->name);
			o->retryable = false;
			return -1;
		}
		return 0;
	}
	sb_reset(&path);
	kube_path(&path, g, v, res, o->ns, o->name);
	rc = fetch(w, path.buf, out, &o->err, &o->retryable);
	sb_release(&path);
	return rc;
}

/* LIST of what a selector picks in the object's namespace */
static int list_selected(struct waiter *w, struct wobj *o, const char *group, const char *resource, val sel,
			 bool map, val *items)
{
	struct sb path = SB_INIT, s = SB_INIT;
	val list;
	int rc = -1;

	if (helm_ready_selector(sel, map, &s) < 0) {
		sb_reset(&o->err);
		sb_adds(&o->err, "invalid label selector");
		o->retryable = true;
		goto out;
	}
	kube_path(&path, group, "v1", resource, o->ns, NULL);
	if (s.len) {
		sb_adds(&path, "?labelSelector=");
		kube_escape(&path, s.buf, true);
	}
	if (fetch(w, path.buf, &list, &o->err, &o->retryable) == 0) {
		*items = mget(list, "items");
		rc = 0;
	}
out:
	sb_release(&path);
	sb_release(&s);
	return rc;
}

/* ReadyChecker.IsReady for one object: sets ready / failed+err / why */
static void judge(struct waiter *w, struct wobj *o)
{
	val live, items = val_null();
	bool ok = true;

	o->ready = false;
	o->failed = false;
	sb_reset(&o->why);
	if (o->rk == HELM_READY_NONE) {
		o->ready = true;
		return;
	}
	if (get_object(w, o, &live) < 0) {
		o->failed = true;
		return;
	}
	switch (o->rk) {
	case HELM_READY_POD: ok = helm_ready_pod(live, &o->why); break;
	case HELM_READY_PVC: ok = helm_ready_pvc(live, &o->why); break;
	case HELM_READY_SERVICE: ok = helm_ready_service(live, &o->why); break;
	case HELM_READY_DAEMONSET: ok = helm_ready_daemonset(live, &o->why); break;
	case HELM_READY_STATEFULSET: ok = helm_ready_statefulset(live, &o->why); break;
	case HELM_READY_CRD: ok = helm_ready_crd(live, &o->why); break;
	case HELM_READY_DEPLOYMENT: {
		val paused = mget(mget(live, "spec"), "paused");

		if (paused.kind == VAL_BOOL && paused.u.b)
			break; /* PausedAsReady(true) */
		/* GetNewReplicaSet lists with the live Deployment's selector */
		if (list_selected(w, o, "apps", "replicasets", mget(mget(live, "spec"), "selector"), false,
				  &items) < 0) {
			o->failed = true;
			return;
		}
		ok = helm_ready_deployment(live, items, &o->why);
		break;
	}
	case HELM_READY_RC:
	case HELM_READY_RS: {
		/* podsReadyForObject selects with the object as applied */
		val sel = mget(mget(o->applied, "spec"), "selector");

		if (!helm_ready_generation(live, &o->why)) {
			ok = false;
			break;
		}
		if (sel.kind == VAL_NULL)
			sel = mget(mget(live, "spec"), "selector");
		if (list_selected(w, o, "", "pods", sel, o->rk == HELM_READY_RC, &items) < 0) {
			o->failed = true;
			return;
		}
		ok = helm_ready_pods(items, &o->why);
		break;
	}
	case HELM_READY_NONE: break;
	}
	o->ready = ok;
}

/* --- progress ----------------------------------------------------------- */

static void elapsed(struct sb *out, long long ns)
{
	opt_format_duration(out, ns / 1000000000LL * 1000000000LL);
}

static void state_text(const struct wobj *o, struct sb *out)
{
	if (o->failed) {
		sb_adds(out, "error: ");
		sb_add(out, o->err.buf, o->err.len);
		if (o->retryable)
			sb_adds(out, " (retrying)");
	} else {
		sb_add(out, o->why.buf, o->why.len);
	}
}

static void color(struct waiter *w, struct sb *out, const char *code)
{
	if (w->color)
		sb_adds(out, code);
}

/* visible width of UTF-8 text (one column per code point) */
static size_t width(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return c;
}

/* appends s cut to the terminal width */
static void add_cut(struct sb *out, const char *s, size_t n, size_t cols, size_t used)
{
	size_t c = used;

	for (size_t i = 0; i < n; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80 && ++c >= cols)
			break;
		sb_addc(out, s[i]);
	}
}

static void plain_changes(struct waiter *w)
{
	struct sb line = SB_INIT, st = SB_INIT;

	for (size_t i = 0; i < w->n; i++) {
		struct wobj *o = &w->o[i];

		if (o->rk == HELM_READY_NONE)
			continue;
		sb_reset(&st);
		if (!o->ready)
			state_text(o, &st);
		if (o->reported && o->was_ready == o->ready && o->last.len == st.len &&
		    (!st.len || !memcmp(o->last.buf, st.buf, st.len)))
			continue;
		o->reported = true;
		o->was_ready = o->ready;
		sb_reset(&o->last);
		sb_add(&o->last, st.buf, st.len);
		sb_reset(&line);
		if (o->ready)
			sb_addf(&line, "ready: %s/%s\n", o->kind, o->name);
		else
			sb_addf(&line, "waiting: %s/%s: %s\n", o->kind, o->name, st.buf ? st.buf : "");
		fwrite(line.buf, 1, line.len, w->out);
	}
	fflush(w->out);
	sb_release(&line);
	sb_release(&st);
}

/* The live view: a header and one line per object not ready, redrawn in
 * place; final = the summary that stays (with what is left on failure). */
static void frame(struct waiter *w, int final, long long now)
{
	struct sb f = SB_INIT, t = SB_INIT, line = SB_INIT;
	struct winsize ws = { 0 };
	size_t cols = 80, rows = 24, pending = 0, namew = 0, shown = 0, maxl;

	if (ioctl(fileno(w->out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
		cols = ws.ws_col;
		rows = ws.ws_row > 4 ? ws.ws_row : 4;
	}
	for (size_t i = 0; i < w->n; i++)
		if (!w->o[i].ready) {
			size_t nw = strlen(w->o[i].kind) + 1 + strlen(w->o[i].name);

			pending++;
			if (nw > namew)
				namew = nw;
		}
	if (namew > 48)
		namew = 48;
	if (w->frame_lines)
		sb_addf(&f, "\r\033[%uA", w->frame_lines);
	sb_adds(&f, "\r\033[J");
	elapsed(&t, now - w->start);
	if (final > 0) {
		color(w, &f, "\033[32m");
		sb_adds(&f, "✔");
		color(w, &f, "\033[0m");
		sb_addf(&line, " %zu resource%s ready (%s)", w->ntracked, w->ntracked == 1 ? "" : "s", t.buf);
	} else if (final < 0) {
		color(w, &f, "\033[31m");
		sb_adds(&f, "✗");
		color(w, &f, "\033[0m");
		sb_addf(&line, " %zu of %zu resource%s not ready (%s)", pending, w->ntracked,
			w->ntracked == 1 ? "" : "s", t.buf);
	} else {
		color(w, &f, "\033[36m");
		sb_adds(&f, "◎");
		color(w, &f, "\033[0m");
		sb_addf(&line, " waiting for %zu of %zu resource%s (%s", pending, w->ntracked,
			w->ntracked == 1 ? "" : "s", t.buf);
		sb_reset(&t);
		opt_format_duration(&t, w->timeout);
		sb_addf(&line, " of %s)", t.buf);
	}
	add_cut(&f, line.buf, line.len, cols, 2);
	sb_adds(&f, "\033[K\n");
	w->frame_lines = 1;
	maxl = final > 0 ? 0 : rows - 2;
	for (size_t i = 0; i < w->n && final <= 0; i++) {
		const struct wobj *o = &w->o[i];
		size_t nw;

		if (o->ready)
			continue;
		if (shown + 1 == maxl && pending > maxl) {
			sb_addf(&f, "  … and %zu more\033[K\n", pending - shown);
			w->frame_lines++;
			break;
		}
		sb_reset(&line);
		sb_addf(&line, "  %s/%s", o->kind, o->name);
		nw = width(line.buf, line.len);
		if (nw < namew + 2)
			sb_addrep(&line, ' ', namew + 2 - nw);
		sb_adds(&line, "  ");
		state_text(o, &line);
		color(w, &f, o->failed ? "\033[33m" : "");
		add_cut(&f, line.buf, line.len, cols, 0);
		color(w, &f, o->failed ? "\033[0m" : "");
		sb_adds(&f, "\033[K\n");
		w->frame_lines++;
		shown++;
	}
	if (final)
		w->frame_lines = 0;
	fwrite(f.buf, 1, f.len, w->out);
	fflush(w->out);
	sb_release(&f);
	sb_release(&t);
	sb_release(&line);
}

static void show(struct waiter *w, int final)
{
	long long now = clock_mono_ns();

	if (!w->out || !w->ntracked)
		return;
	if (w->tty) {
		frame(w, final, now);
		return;
	}
	if (!final) {
		plain_changes(w);
	} else {
		struct sb t = SB_INIT;
		size_t pending = 0;

		for (size_t i = 0; i < w->n; i++)
			pending += !w->o[i].ready;
		elapsed(&t, now - w->start);
		if (final > 0)
			fprintf(w->out, "all %zu resource%s ready (%s)\n", w->ntracked, w->ntracked == 1 ? "" : "s",
				t.buf);
		else
			fprintf(w->out, "%zu of %zu resource%s not ready (%s)\n", pending, w->ntracked,
				w->ntracked == 1 ? "" : "s", t.buf);
		fflush(w->out);
		sb_release(&t);
	}
}

/* --- the poll ----------------------------------------------------------- */

/* One round of waitForResources' condition on this poll's judgements:
 * 1 = all ready, 0 = poll again, -1 = give up with err. */
static int condition(struct waiter *w, struct sb *err)
{
	for (size_t i = 0; i < w->n; i++) {
		struct wobj *o = &w->o[i];

		if (o->failed && o->retryable) {
			if (++o->nerr > MAX_RETRIES) {
				sb_add(err, o->err.buf, o->err.len);
				return -1;
			}
			return 0;
		}
		o->nerr = 0;
		if (!o->ready) {
			if (o->failed) {
				sb_add(err, o->err.buf, o->err.len);
				return -1;
			}
			return 0;
		}
	}
	return 1;
}

static int poll_once(struct waiter *w, struct sb *err)
{
	arena_free(&w->pa);
	for (size_t i = 0; i < w->nc; i++) {
		w->c[i].fetched = false;
		w->c[i].failed = false;
	}
	for (size_t i = 0; i < w->n; i++)
		judge(w, &w->o[i]);
	return condition(w, err);
}

static void setup(struct waiter *w, val objs)
{
	struct arena *a = w->kc->a;
	size_t n = objs.kind == VAL_LIST ? val_list_len(objs) : 0;

	w->o = xcalloc(n ? n : 1, sizeof(*w->o));
	w->c = xcalloc(n ? n : 1, sizeof(*w->c));
	for (size_t i = 0; i < n; i++) {
		val obj = val_list_at(objs, i);
		struct wobj *o = &w->o[w->n];
		const char *g, *v, *res;
		struct sb path = SB_INIT;
		struct coll *c;

		o->api_version = mstr(a, obj, "apiVersion", NULL);
		o->kind = mstr(a, obj, "kind", NULL);
		o->name = mstr(a, obj, "metadata", "name");
		o->ns = mstr(a, obj, "metadata", "namespace");
		if (!o->kind || !o->name)
			continue;
		o->rk = helm_ready_kind_of(o->api_version, o->kind);
		if (o->rk == HELM_READY_CRD)
			o->ns = NULL;
		o->applied = obj;
		w->n++;
		if (o->rk == HELM_READY_NONE)
			continue;
		w->ntracked++;
		rest(o, &g, &v, &res);
		kube_path(&path, g, v, res, o->ns, NULL);
		c = coll_of(w, path.buf);
		if (!c) {
			c = &w->c[w->nc++];
			c->path = xstrdup(path.buf);
		}
		c->count++;
		sb_release(&path);
	}
}

static void teardown(struct waiter *w)
{
	for (size_t i = 0; i < w->n; i++) {
		sb_release(&w->o[i].err);
		sb_release(&w->o[i].why);
		sb_release(&w->o[i].last);
	}
	for (size_t i = 0; i < w->nc; i++) {
		free(w->c[i].path);
		sb_release(&w->c[i].err);
	}
	free(w->o);
	free(w->c);
	arena_free(&w->pa);
}

int helm_wait_ready(struct kube_client *kc, struct kube_discovery *d, val objs, long long timeout_ns,
		    FILE *progress, bool tty, struct sb *err)
{
	struct waiter w = { 0 };
	const char *nc = getenv("NO_COLOR");
	long long deadline;
	int rc = -1;

	(void)d; /* the checker's typed clients need no discovery */
	w.kc = kc;
	w.out = progress;
	w.tty = tty;
	w.color = tty && !nc;
	w.timeout = timeout_ns;
	w.start = clock_mono_ns();
	deadline = w.start + timeout_ns;
	arena_init(&w.pa);
	setup(&w, objs);
	if (!w.ntracked) {
		rc = 0;
		goto out;
	}
	if (progress && !tty) {
		struct sb t = SB_INIT;

		opt_format_duration(&t, timeout_ns);
		fprintf(progress, "waiting for %zu resource%s to be ready (timeout %s)\n", w.ntracked,
			w.ntracked == 1 ? "" : "s", t.buf);
		sb_release(&t);
	}
	if (timeout_ns <= 0) {
		/* the immediate first check runs on an expired context: every
		 * request fails, and the poll ends with ctx.Err() */
		sb_adds(err, "context deadline exceeded");
		goto out;
	}
	for (;;) {
		long long t0 = clock_mono_ns(), next = t0 + POLL_NS, now;
		int c = poll_once(&w, err);

		if (!w.tty || !c)
			show(&w, 0); /* on a terminal the final frame replaces it */
		if (c > 0) {
			rc = 0;
			show(&w, 1);
			goto out;
		}
		if (c < 0) {
			show(&w, -1);
			goto out;
		}
		while ((now = clock_mono_ns()) < next && now < deadline) {
			long long step = (next < deadline ? next : deadline) - now;
			/* the live view's clock moves on whole seconds */
			long long tick = w.start + ((now - w.start) / TICK_NS + 1) * TICK_NS - now;

			if (w.tty && w.out && step > tick)
				step = tick;
			clock_sleep_ns(step);
			if (w.tty)
				show(&w, 0);
		}
		if (clock_mono_ns() >= deadline) {
			sb_adds(err, "context deadline exceeded");
			show(&w, -1);
			goto out;
		}
	}
out:
	teardown(&w);
	return rc;
}
