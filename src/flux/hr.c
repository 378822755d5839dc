/* hr.c — HelmRelease addresses and field access (see hr.h). */
#include "flux/hr.h"

#include <string.h>

#include "kube/client.h"

void flux_hr_path(struct sb *out, const char *ns, const char *name)
{
	kube_path(out, FLUX_HR_GROUP, FLUX_HR_VERSION, FLUX_HR_RESOURCE, ns, name);
}

val flux_get(val v, const char *const *path)
{
	for (; *path; path++) {
		val next;

		if (v.kind != VAL_MAP || !val_map_get(v, *path, strlen(*path), &next))
			return val_null();
		v = next;
	}
	return v;
}

const char *flux_get_str(val v, const char *const *path)
{
	v = flux_get(v, path);
	return v.kind == VAL_STRING ? v.u.s : NULL;
}
