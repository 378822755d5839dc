/* discovery.c — /version + aggregated discovery, cached like kubectl
 * (see discovery.h). */
#include "kube/discovery.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "value/codec.h"

/* kubectl's discovery cache lifetime (diskcached client, 6 hours) */
#define CACHE_TTL_SECONDS (6 * 3600)

#define AGGREGATED_ACCEPT \
	"application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList," \
	"application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json"

static val get(val m, const char *k)
{
	val v = val_null();

	if (m.kind == VAL_MAP)
		val_map_get(m, k, strlen(k), &v);
	return v;
}

static const char *get_str(val m, const char *k)
{
	val v = get(m, k);

	return v.kind == VAL_STRING ? v.u.s : NULL;
}

/* kubectl: $KUBECACHEDIR or ~/.kube/cache, then discovery/<host> with
 * every character outside [(\w/.)] turned into '_' (computeDiscoverCacheDir). */
static void cache_dir(const struct kube_client *c, struct sb *dir)
{
	const char *base = getenv("KUBECACHEDIR"), *home = getenv("HOME"), *h = c->cfg.server;

	if (base && *base)
		sb_adds(dir, base);
	else
		sb_addf(dir, "%s/.kube/cache", home && *home ? home : ".");
	sb_adds(dir, "/discovery/");
	if (!strncmp(h, "https://", 8))
		h += 8;
	else if (!strncmp(h, "http://", 7))
		h += 7;
	for (; *h; h++) {
		char ch = *h;
		bool keep = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
			    ch == '_' || ch == '(' || ch == ')' || ch == '/' || ch == '.';
		sb_addc(dir, keep ? ch : '_');
	}
}

static void mkdir_p(char *path)
{
	char *p;

	for (p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		mkdir(path, 0750);
		*p = '/';
	}
	mkdir(path, 0750);
}

static bool read_cache(struct kube_client *c, const char *file, val *out)
{
	struct stat st;
	FILE *f;
	char *buf;
	size_t n;
	struct sb err = SB_INIT;
	bool ok;

	if (stat(file, &st) < 0 || time(NULL) - st.st_mtime > CACHE_TTL_SECONDS || st.st_size <= 0)
		return false;
	f = fopen(file, "rb");
	if (!f)
		return false;
	buf = xmalloc((size_t)st.st_size + 1);
	n = fread(buf, 1, (size_t)st.st_size, f);
	fclose(f);
	ok = n == (size_t)st.st_size && val_from_json(c->a, buf, n, out, &err) == 0 && out->kind == VAL_MAP &&
	     get(*out, "version").kind == VAL_MAP && get(*out, "apis").kind == VAL_MAP;
	free(buf);
	sb_release(&err);
	return ok;
}

static void write_cache(const char *dir, const char *file, const struct sb *doc)
{
	struct sb tmp = SB_INIT;
	FILE *f;
	char *d = xstrdup(dir);

	mkdir_p(d);
	free(d);
	sb_addf(&tmp, "%s.%ld.tmp", file, (long)getpid());
	f = fopen(tmp.buf, "wb");
	if (f) {
		bool ok = fwrite(doc->buf, 1, doc->len, f) == doc->len;

		if (fclose(f) == 0 && ok)
			rename(tmp.buf, file);
		else
			unlink(tmp.buf);
	}
	sb_release(&tmp);
}

static int fetch(struct kube_client *c, const char *path, const char *accept, struct sb *doc, const char *key,
		 struct sb *err)
{
	struct kube_resp r = { 0, SB_INIT };
	int rc = -1;

	if (kube_do(c, "GET", path, accept, NULL, NULL, 0, &r, err) < 0)
		goto out;
	if (r.status < 200 || r.status > 299) {
		kube_status_message(c->a, r.status, r.body.buf, r.body.len, err);
		goto out;
	}
	sb_addf(doc, "%s\"%s\":", doc->len > 1 ? "," : "", key);
	sb_add(doc, r.body.buf ? r.body.buf : "null", r.body.buf ? r.body.len : 4);
	rc = 0;
out:
	sb_release(&r.body);
	return rc;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Helm's GetVersionSet over one APIGroupDiscoveryList; resources appended. */
static void add_groups(struct arena *a, val list, const char ***vs, size_t *nv, size_t *cv,
		       struct kube_resource **rs, size_t *nr, size_t *cr)
{
	val items = get(list, "items");
	size_t i, j, k, s;

#define PUSH_V(str)                                                               \
	do {                                                                      \
		if (*nv == *cv) {                                                 \
			*cv = *cv ? *cv * 2 : 256;                                \
			*vs = xrealloc((void *)*vs, *cv * sizeof(**vs));          \
		}                                                                 \
		(*vs)[(*nv)++] = (str);                                           \
	} while (0)

	for (i = 0; items.kind == VAL_LIST && i < val_list_len(items); i++) {
		val g = val_list_at(items, i), versions = get(g, "versions");
		const char *group = get_str(get(g, "metadata"), "name");

		for (j = 0; versions.kind == VAL_LIST && j < val_list_len(versions); j++) {
			val v = val_list_at(versions, j), res = get(v, "resources");
			const char *ver = get_str(v, "version");
			struct sb gv = SB_INIT;
			const char *gvs;

			if (!ver)
				continue;
			if (group && *group)
				sb_addf(&gv, "%s/%s", group, ver);
			else
				sb_adds(&gv, ver);
			gvs = arena_strdup(a, gv.buf);
			PUSH_V(gvs);
			for (k = 0; res.kind == VAL_LIST && k < val_list_len(res); k++) {
				val r = val_list_at(res, k), subs = get(r, "subresources");
				const char *kind = get_str(get(r, "responseKind"), "kind");
				const char *name = get_str(r, "resource");
				const char *scope = get_str(r, "scope");
				struct sb id = SB_INIT;

				if (kind && *kind) {
					sb_addf(&id, "%s/%s", gvs, kind);
					PUSH_V(arena_strdup(a, id.buf));
				}
				if (name && kind) {
					if (*nr == *cr) {
						*cr = *cr ? *cr * 2 : 256;
						*rs = xrealloc(*rs, *cr * sizeof(**rs));
					}
					(*rs)[(*nr)++] = (struct kube_resource){ group ? group : "", ver, name, kind,
										 scope && !strcmp(scope, "Namespaced") };
				}
				for (s = 0; subs.kind == VAL_LIST && s < val_list_len(subs); s++) {
					const char *sk = get_str(get(val_list_at(subs, s), "responseKind"), "kind");

					if (!sk || !*sk)
						continue;
					sb_reset(&id);
					sb_addf(&id, "%s/%s", gvs, sk);
					PUSH_V(arena_strdup(a, id.buf));
				}
				sb_release(&id);
			}
			sb_release(&gv);
		}
	}
#undef PUSH_V
}

int kube_discover(struct kube_client *c, bool fresh, struct kube_discovery *d, struct sb *err)
{
	struct sb dir = SB_INIT, file = SB_INIT, doc = SB_INIT;
	val all, ver;
	const char **vs = NULL;
	struct kube_resource *rs = NULL;
	size_t nv = 0, cv = 0, nr = 0, cr = 0, i, w;
	int rc = -1;

	memset(d, 0, sizeof(*d));
	cache_dir(c, &dir);
	sb_addf(&file, "%s/cozypkg-discovery.json", dir.buf);
	if (!fresh && read_cache(c, file.buf, &all)) {
		d->from_cache = true;
	} else {
		sb_addc(&doc, '{');
		if (fetch(c, "/version", NULL, &doc, "version", err) < 0 ||
		    fetch(c, "/api", AGGREGATED_ACCEPT, &doc, "api", err) < 0 ||
		    fetch(c, "/apis", AGGREGATED_ACCEPT, &doc, "apis", err) < 0)
			goto out;
		sb_addc(&doc, '}');
		if (val_from_json(c->a, doc.buf, doc.len, &all, err) < 0)
			goto out;
		write_cache(dir.buf, file.buf, &doc);
	}
	ver = get(all, "version");
	d->git_version = get_str(ver, "gitVersion");
	d->major = get_str(ver, "major");
	d->minor = get_str(ver, "minor");
	add_groups(c->a, get(all, "api"), &vs, &nv, &cv, &rs, &nr, &cr);
	add_groups(c->a, get(all, "apis"), &vs, &nv, &cv, &rs, &nr, &cr);
	if (nv)
		qsort(vs, nv, sizeof(*vs), cmp_str);
	for (i = 0, w = 0; i < nv; i++)
		if (!w || strcmp(vs[w - 1], vs[i]))
			vs[w++] = vs[i];
	d->n_api_versions = w;
	d->api_versions = (const char **)(void *)arena_memdup(c->a, vs, (w ? w : 1) * sizeof(*vs));
	d->n_resources = nr;
	d->resources = (struct kube_resource *)(void *)arena_memdup(c->a, rs, (nr ? nr : 1) * sizeof(*rs));
	rc = 0;
out:
	free((void *)vs);
	free(rs);
	sb_release(&dir);
	sb_release(&file);
	sb_release(&doc);
	return rc;
}

static const struct kube_resource *find(const struct kube_discovery *d, const char *api_version, const char *kind)
{
	const char *slash = strchr(api_version, '/');
	size_t glen = slash ? (size_t)(slash - api_version) : 0;
	const char *version = slash ? slash + 1 : api_version;
	size_t i;

	for (i = 0; i < d->n_resources; i++) {
		const struct kube_resource *r = &d->resources[i];

		if (strlen(r->group) == glen && !strncmp(r->group, api_version, glen) &&
		    !strcmp(r->version, version) && !strcmp(r->kind, kind))
			return r;
	}
	return NULL;
}

const struct kube_resource *kube_discovery_find(struct kube_client *c, struct kube_discovery *d,
						const char *api_version, const char *kind, struct sb *err)
{
	const struct kube_resource *r = find(d, api_version, kind);

	if (!r && c && d->from_cache) {
		if (kube_discover(c, true, d, err) < 0)
			return NULL;
		r = find(d, api_version, kind);
	}
	return r;
}
