/* release.c — release name, target and storage namespace of a HelmRelease
 * (helm-controller api/v2/helmrelease_types.go and internal/release/name.go,
 * v1.6.0).  Go compares strings with "" rather than testing presence, so an
 * empty field counts as unset here too. */
#include "flux/release.h"

#include <string.h>

#include <openssl/evp.h>

/* The value along the NULL-terminated path of map keys, or null. */
static val rel_get(val v, const char *const *path)
{
	for (; *path; path++) {
		val next;

		if (v.kind != VAL_MAP || !val_map_get(v, *path, strlen(*path), &next))
			return val_null();
		v = next;
	}
	return v;
}

/* A string field of v along the path, or "" (Go's zero value). */
static const char *rel_str(struct arena *a, val v, const char *const *path, bool *present)
{
	v = rel_get(v, path);
	if (present)
		*present = v.kind == VAL_STRING;
	if (v.kind != VAL_STRING)
		return "";
	return arena_memdup(a, v.u.s, v.len);
}

static const char *rel_join(struct arena *a, const char *x, const char *y)
{
	size_t xn = strlen(x), yn = strlen(y);
	char *s = arena_alloc(a, xn + 1 + yn + 1);

	memcpy(s, x, xn);
	s[xn] = '-';
	memcpy(s + xn + 1, y, yn);
	s[xn + 1 + yn] = '\0';
	return s;
}

const char *flux_shorten_name(struct arena *a, const char *name, size_t n)
{
	/* name.go: maxLength 53, shortHashLength 12 */
	static const char hex[] = "0123456789abcdef";
	unsigned char sum[EVP_MAX_MD_SIZE];
	unsigned int sn = 0;
	char *s;

	if (n <= 53)
		return name;
	EVP_Digest(name, n, sum, &sn, EVP_sha256(), NULL);
	s = arena_alloc(a, 53 + 1);
	memcpy(s, name, 40);
	s[40] = '-';
	for (size_t i = 0; i < 6; i++) {
		s[41 + 2 * i] = hex[sum[i] >> 4];
		s[42 + 2 * i] = hex[sum[i] & 15];
	}
	s[53] = '\0';
	return s;
}

void flux_release_of(struct arena *a, val hr, struct flux_release *r)
{
	static const char *const p_name[] = { "metadata", "name", NULL };
	static const char *const p_ns[] = { "metadata", "namespace", NULL };
	static const char *const p_rel[] = { "spec", "releaseName", NULL };
	static const char *const p_target[] = { "spec", "targetNamespace", NULL };
	static const char *const p_storage[] = { "spec", "storageNamespace", NULL };
	static const char *const p_chart[] = { "spec", "chart", NULL };
	static const char *const p_cname[] = { "spec", "chart", "spec", "chart", NULL };
	static const char *const p_cver[] = { "spec", "chart", "spec", "version", NULL };
	const char *rel, *target, *storage;
	bool has_ver;

	memset(r, 0, sizeof(*r));
	r->hr_name = rel_str(a, hr, p_name, NULL);
	r->hr_namespace = rel_str(a, hr, p_ns, NULL);
	rel = rel_str(a, hr, p_rel, NULL);
	target = rel_str(a, hr, p_target, NULL);
	storage = rel_str(a, hr, p_storage, NULL);

	if (*rel)
		r->release_name = rel;
	else if (*target)
		r->release_name = rel_join(a, target, r->hr_name);
	else
		r->release_name = r->hr_name;
	r->helm_name = flux_shorten_name(a, r->release_name, strlen(r->release_name));
	r->namespace = *target ? target : r->hr_namespace;
	r->storage_namespace = *storage ? storage : r->hr_namespace;
	r->helmchart_name = rel_join(a, r->hr_namespace, r->hr_name);

	/* HasChartTemplate: spec.chart is a pointer in Go, null = absent */
	if (rel_get(hr, p_chart).kind == VAL_MAP) {
		r->chart_name = rel_str(a, hr, p_cname, NULL);
		r->chart_version = rel_str(a, hr, p_cver, &has_ver);
		if (!has_ver)
			r->chart_version = NULL;
	}
}
