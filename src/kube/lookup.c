/* lookup.c — Helm's `lookup` against the live cluster, as Helm 3.17.3's
 * newLookupFunction does it with client-go's discovery and dynamic clients:
 * the quirks (a kind unknown in a served group/version, NotFound on a list)
 * are Helm's, kept so templates see what they see under helm install. */
#include "kube/lookup.h"

#include <string.h>

#include "base/quote.h"
#include "kube/jsonpath.h"
#include "value/codec.h"

/* metav1.StatusError.Error() is the Status message alone: kubectl's
 * "Error from server (Reason): " framing (client.c) taken off again. */
static void go_status_error(struct arena *a, long status, const struct sb *body, struct sb *err)
{
	struct sb m = SB_INIT;

	kube_status_message(a, status, body->buf ? body->buf : "", body->len, &m);
	kube_err_go_text(m.buf ? m.buf : "", m.len, err);
	sb_release(&m);
}

/* rest.IsValidPathSegmentName as the dynamic client checks the namespace
 * and name before asking: false with Go's %v of the messages appended. */
static bool valid_segment(const char *s, struct sb *msg)
{
	if (!strcmp(s, ".") || !strcmp(s, "..")) {
		sb_addf(msg, "[may not be '%s']", s);
		return false;
	}
	bool slash = strchr(s, '/') != NULL, pct = strchr(s, '%') != NULL;

	if (!slash && !pct)
		return true;
	sb_addf(msg, "[%s%s%s]", slash ? "may not contain '/'" : "", slash && pct ? " " : "",
		pct ? "may not contain '%'" : "");
	return false;
}

/* schema.GroupVersionKind.String(): "group/version, Kind=kind" */
static void gvk_string(struct sb *s, const char *group, size_t glen, const char *version, const char *kind)
{
	sb_add(s, group, glen);
	sb_addf(s, "/%s, Kind=%s", version, kind);
}

/* UnstructuredList.UnstructuredContent() of a LIST answer: items without
 * kind and apiVersion get the list's (kind minus "List"); an answer that is
 * no list (no "items") becomes itself plus "items": [] (Unstructured.ToList). */
static val list_content(struct arena *a, val obj)
{
	val items, kind = val_null(), api = val_null();

	if (obj.kind != VAL_MAP)
		return val_map_new(a, 0);
	if (!val_map_get(obj, "items", 5, &items) || items.kind != VAL_LIST) {
		val_map_set(a, obj, "items", 5, val_list_new(a, 0));
		return obj;
	}
	val_map_get(obj, "kind", 4, &kind);
	val_map_get(obj, "apiVersion", 10, &api);
	for (size_t i = 0; i < val_list_len(items); i++) {
		val it = val_list_at(items, i), k, v;
		bool hk = val_map_get(it, "kind", 4, &k) && k.kind == VAL_STRING && k.len;
		bool hv = val_map_get(it, "apiVersion", 10, &v) && v.kind == VAL_STRING && v.len;

		if (it.kind != VAL_MAP || hk || hv)
			continue;
		if (kind.kind == VAL_STRING) {
			size_t kl = kind.len;

			if (kl >= 4 && !memcmp(kind.u.s + kl - 4, "List", 4))
				kl -= 4;
			val_map_set(a, it, "kind", 4, val_str(a, kind.u.s, kl));
		} else {
			val_map_set(a, it, "kind", 4, val_str_ref("", 0));
		}
		val_map_set(a, it, "apiVersion", 10, api.kind == VAL_STRING ? api : val_str_ref("", 0));
	}
	return obj;
}

int kube_lookup(void *ctx, const char *api_version, const char *kind, const char *ns, const char *name, val *out,
		struct sb *err)
{
	struct kube_lookup *lk = ctx;
	struct arena *a = lk->a;
	const char *slash = strchr(api_version, '/');
	const char *group = slash ? api_version : "", *version = slash ? slash + 1 : api_version;
	size_t glen = slash ? (size_t)(slash - api_version) : 0;
	const struct kube_resource *r = NULL;
	bool gv_served = false;
	struct sb path = SB_INIT, derr = SB_INIT;
	struct kube_resp resp = { 0, SB_INIT };
	int rc = -1;

	*out = val_map_new(a, 0);
	/* schema.ParseGroupVersion as FromAPIVersionAndKind calls it: more than
	 * one "/" is no group/version at all (empty GVK) */
	if (slash && strchr(slash + 1, '/')) {
		group = "";
		glen = 0;
		version = "";
	}
	for (size_t i = 0; i < lk->d->n_resources; i++) {
		const struct kube_resource *x = &lk->d->resources[i];

		if (strlen(x->group) != glen || memcmp(x->group, group, glen) || strcmp(x->version, version))
			continue;
		gv_served = true;
		if (!strcmp(x->kind, kind)) {
			r = x;
			break;
		}
	}
	if (!gv_served) {
		/* discovery's ServerResourcesForGroupVersion failed: client-go
		 * answers 404 without a Status body with this text */
		sb_adds(err, "unable to get apiresource from unstructured: ");
		gvk_string(err, group, glen, version, kind);
		sb_adds(err, ": the server could not find the requested resource");
		goto out;
	}
	const char *cns = r && r->namespaced ? ns : "";
	if (!valid_segment(cns, &derr)) {
		sb_adds(err, "invalid namespace ");
		strconv_append_quote(err, cns, strlen(cns));
		sb_addf(err, ": %s", derr.buf);
		goto out;
	}
	if (*name && !valid_segment(name, &derr)) {
		sb_adds(err, "invalid resource name ");
		strconv_append_quote(err, name, strlen(name));
		sb_addf(err, ": %s", derr.buf);
		goto out;
	}
	if (r) {
		kube_path(&path, r->group, r->version, r->resource, r->namespaced && *ns ? ns : NULL,
			  *name ? name : NULL);
	} else {
		/* Helm keeps a zero APIResource when the kind is missing from a
		 * served group/version: the dynamic client then asks for
		 * path.Join("/api", "", "", name), i.e. /api or /api/NAME */
		sb_adds(&path, "/api");
		if (*name) {
			sb_addc(&path, '/');
			kube_escape(&path, name, false);
		}
	}
	if (kube_do(lk->kc, "GET", path.buf, NULL, NULL, NULL, 0, &resp, err) < 0)
		goto out;
	if (resp.status == 404) {
		rc = 0; /* apierrors.IsNotFound: `if not (lookup ...)` works */
		goto out;
	}
	if (resp.status < 200 || resp.status > 299) {
		go_status_error(a, resp.status, &resp.body, err);
		goto out;
	}
	val obj;
	if (val_from_json(a, resp.body.buf ? resp.body.buf : "", resp.body.len, &obj, &derr) < 0) {
		sb_add(err, derr.buf, derr.len);
		goto out;
	}
	/* the dynamic client decodes with apimachinery's util/json: integers
	 * int64, other numbers float64 */
	jsonpath_preserve_ints(obj);
	*out = *name ? (obj.kind == VAL_MAP ? obj : val_map_new(a, 0)) : list_content(a, obj);
	rc = 0;
out:
	sb_release(&path);
	sb_release(&derr);
	sb_release(&resp.body);
	return rc;
}
