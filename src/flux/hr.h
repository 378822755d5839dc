/* hr.h — where Flux's HelmRelease lives in the API (helm.toolkit.fluxcd.io/v2,
 * the version helm-controller v1 serves and upstream cozyhr uses) and the
 * few fields commands read from it. */
#ifndef COZY_FLUX_HR_H
#define COZY_FLUX_HR_H

#include "base/sb.h"
#include "value/value.h"

#define FLUX_HR_GROUP "helm.toolkit.fluxcd.io"
#define FLUX_HR_VERSION "v2"
#define FLUX_HR_RESOURCE "helmreleases"
/* kubectl's -o name prefix and the qualified resource in API errors */
#define FLUX_HR_KIND_GROUP "helmrelease.helm.toolkit.fluxcd.io"
#define FLUX_SOURCE_GROUP "source.toolkit.fluxcd.io"
#define FLUX_SOURCE_VERSION "v1"

/* /apis/helm.toolkit.fluxcd.io/v2[/namespaces/NS]/helmreleases[/NAME] */
void flux_hr_path(struct sb *out, const char *ns, const char *name);

/* v.path.to.field as a value (VAL_NULL when any step is missing): the path is
 * a NULL-terminated list of map keys. */
val flux_get(val v, const char *const *path);
/* The same for a string field; NULL when absent or not a string. */
const char *flux_get_str(val v, const char *const *path);

#endif
