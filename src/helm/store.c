/* store.c — the secrets driver on the live cluster (see store.h). */
#include "helm/store.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "value/codec.h"

static int by_version(const void *x, const void *y)
{
	const struct helm_release *a = *(const struct helm_release *const *)x;
	const struct helm_release *b = *(const struct helm_release *const *)y;

	return a->version < b->version ? -1 : a->version > b->version;
}

int helm_store_history(struct helm_store *s, const char *name, struct helm_release ***out, size_t *n,
		       struct sb *err)
{
	struct arena *a = s->kc->a;
	struct sb path = SB_INIT, sel = SB_INIT;
	val list, items;
	size_t i, k = 0;
	int rc = -1;

	*out = NULL;
	*n = 0;
	kube_path(&path, "", "v1", "secrets", s->ns, NULL);
	helm_rel_selector(&sel, name, strlen(name), NULL);
	sb_adds(&path, "?labelSelector=");
	kube_escape(&path, sel.buf, true);
	if (kube_call(s->kc, "GET", path.buf, NULL, NULL, NULL, 0, &list, NULL, err) < 0)
		goto out;
	items = val_null();
	if (list.kind == VAL_MAP)
		val_map_get(list, "items", 5, &items);
	if (items.kind != VAL_LIST || !val_list_len(items)) {
		rc = 0;
		goto out;
	}
	*out = arena_alloc(a, val_list_len(items) * sizeof(**out));
	for (i = 0; i < val_list_len(items); i++) {
		struct helm_release *r = arena_zalloc(a, sizeof(*r));
		struct sb e = SB_INIT;

		/* the driver's Query: a record that does not decode is an error */
		if (helm_rel_from_secret(a, val_list_at(items, i), false, r, &e) < 0) {
			sb_addf(err, "query: failed to query with labels: %s", e.buf);
			sb_release(&e);
			goto out;
		}
		sb_release(&e);
		(*out)[k++] = r;
	}
	qsort(*out, k, sizeof(**out), by_version);
	*n = k;
	rc = 0;
out:
	sb_release(&path);
	sb_release(&sel);
	return rc;
}

static int64_t label_version(val secret, const char *status)
{
	val meta, labels, v;
	int64_t n = 0;
	size_t i;

	if (secret.kind != VAL_MAP || !val_map_get(secret, "metadata", 8, &meta) || meta.kind != VAL_MAP ||
	    !val_map_get(meta, "labels", 6, &labels) || labels.kind != VAL_MAP)
		return -1;
	if (status && (!val_map_get(labels, "status", 6, &v) || v.kind != VAL_STRING || v.len != strlen(status) ||
		       memcmp(v.u.s, status, v.len)))
		return -1;
	if (!val_map_get(labels, "version", 7, &v) || v.kind != VAL_STRING || !v.len)
		return -1;
	for (i = 0; i < v.len; i++) {
		if (v.u.s[i] < '0' || v.u.s[i] > '9')
			return -1;
		n = n * 10 + (v.u.s[i] - '0');
	}
	return n;
}

int helm_store_last(struct helm_store *s, const char *name, const char *status, struct helm_release **out,
		    struct sb *err)
{
	struct arena *a = s->kc->a;
	struct sb path = SB_INIT, sel = SB_INIT;
	val list, items = val_null();
	int64_t best = -1;
	size_t i, at = 0;
	int rc = -1;

	*out = NULL;
	kube_path(&path, "", "v1", "secrets", s->ns, NULL);
	helm_rel_selector(&sel, name, strlen(name), NULL);
	sb_adds(&path, "?labelSelector=");
	kube_escape(&path, sel.buf, true);
	if (kube_call(s->kc, "GET", path.buf, NULL, NULL, NULL, 0, &list, NULL, err) < 0)
		goto out;
	if (list.kind == VAL_MAP)
		val_map_get(list, "items", 5, &items);
	for (i = 0; items.kind == VAL_LIST && i < val_list_len(items); i++) {
		int64_t v = label_version(val_list_at(items, i), status);

		if (v > best) {
			best = v;
			at = i;
		}
	}
	if (best < 0) {
		rc = 0;
		goto out;
	}
	*out = arena_zalloc(a, sizeof(**out));
	{
		struct sb e = SB_INIT;

		if (helm_rel_from_secret(a, val_list_at(items, at), false, *out, &e) < 0) {
			sb_addf(err, "query: failed to query with labels: %s", e.buf);
			sb_release(&e);
			goto out;
		}
		sb_release(&e);
	}
	rc = 1;
out:
	sb_release(&path);
	sb_release(&sel);
	return rc;
}

int helm_store_write(struct helm_store *s, const struct helm_release *r, enum helm_rel_write mode,
		     struct sb *err)
{
	struct arena *a = s->kc->a;
	struct sb path = SB_INIT, body = SB_INIT, name = SB_INIT;
	val secret;
	int rc = -1;

	if (helm_rel_secret(a, r, mode, (int64_t)time(NULL), &secret, err) < 0)
		goto out;
	if (val_to_json(a, secret, 0, NULL, NULL, &body, err) < 0)
		goto out;
	helm_rel_secret_name(&name, r->name.p, r->name.n, r->version);
	kube_path(&path, "", "v1", "secrets", s->ns, mode == HELM_REL_CREATE ? NULL : name.buf);
	rc = kube_call(s->kc, mode == HELM_REL_CREATE ? "POST" : "PUT", path.buf, NULL, NULL, body.buf, body.len,
		       NULL, NULL, err);
out:
	sb_release(&path);
	sb_release(&body);
	sb_release(&name);
	return rc;
}

int helm_store_delete(struct helm_store *s, const char *name, int64_t version, struct sb *err)
{
	struct sb path = SB_INIT, sname = SB_INIT;
	long status = 0;
	int rc;

	helm_rel_secret_name(&sname, name, strlen(name), version);
	kube_path(&path, "", "v1", "secrets", s->ns, sname.buf);
	rc = kube_call(s->kc, "DELETE", path.buf, NULL, NULL, NULL, 0, NULL, &status, err);
	if (rc < 0 && status == 404) {
		sb_reset(err);
		rc = 0;
	}
	sb_release(&path);
	sb_release(&sname);
	return rc;
}
