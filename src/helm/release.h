/* release.h — Helm's release record (helm.sh/helm/v3@v3.17.3 pkg/release,
 * pkg/chart) and its storage in Kubernetes Secrets (pkg/storage/driver
 * secrets.go, util.go), byte-compatible with what Helm 3 writes and able to
 * read what Helm 3 and Helm 4 write (docs/release-storage.md).
 *
 * Every release lives in an arena (value.h's rule).  Conventions:
 *   - struct helm_str: bytes + length; p == NULL means a Go nil []byte (JSON
 *     null), for a Go string NULL and "" are the same.
 *   - slices: `v == NULL` is Go's nil slice (JSON null where the field has
 *     no omitempty), an empty non-nil slice has n == 0 and v != NULL.
 *   - maps (values, config, annotations, labels) are `val`: VAL_NULL is a nil
 *     map, otherwise VAL_MAP. */
#ifndef COZY_HELM_RELEASE_H
#define COZY_HELM_RELEASE_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/sb.h"
#include "value/value.h"

/* Go's time.Time as far as JSON shows it: the instant (seconds since
 * 0001-01-01T00:00:00Z, so a zeroed struct is Go's zero time) and the zone
 * offset it is written in. */
struct helm_time {
	int64_t sec;  /* seconds since Go's zero time, UTC */
	int32_t nsec; /* 0..999999999 */
	int32_t off;  /* zone offset, seconds east of UTC */
};

struct helm_str {
	const char *p;
	size_t n;
};

struct helm_strlist {
	struct helm_str *v; /* NULL = nil slice */
	size_t n;
};

struct helm_file { /* chart.File */
	struct helm_str name;
	struct helm_str data; /* []byte: p == NULL is nil */
};

struct helm_maintainer {
	struct helm_str name, email, url;
};

struct helm_dependency { /* chart.Dependency */
	struct helm_str name, version, repository, condition;
	struct helm_strlist tags;
	bool enabled;
	val import_values; /* []interface{}: VAL_LIST or VAL_NULL */
	struct helm_str alias;
};

struct helm_metadata { /* chart.Metadata: every Chart.yaml field */
	struct helm_str name, home;
	struct helm_strlist sources;
	struct helm_str version, description;
	struct helm_strlist keywords;
	struct helm_maintainer *maintainers; /* NULL = nil */
	size_t nmaintainers;
	struct helm_str icon, api_version, condition, tags, app_version;
	bool deprecated;
	val annotations; /* map[string]string */
	struct helm_str kube_version;
	struct helm_dependency *dependencies; /* NULL = nil */
	size_t ndependencies;
	struct helm_str type;
};

struct helm_lock { /* chart.Lock; generated is a plain time.Time */
	struct helm_time generated;
	struct helm_str digest;
	struct helm_dependency *dependencies; /* NULL = nil (JSON null) */
	size_t ndependencies;
};

/* chart.Chart as stored in a release: the root chart only (subcharts are
 * unexported in Go and never stored). */
struct helm_chart {
	struct helm_metadata *metadata; /* NULL = null */
	struct helm_lock *lock;         /* NULL = null */
	struct helm_file *templates;    /* NULL = null */
	size_t ntemplates;
	val values;                     /* VAL_NULL = null */
	struct helm_str schema;         /* p == NULL = null */
	struct helm_file *files;        /* NULL = null */
	size_t nfiles;
};

struct helm_hook_exec { /* release.HookExecution */
	struct helm_time started_at, completed_at;
	struct helm_str phase;
};

struct helm_hook { /* release.Hook */
	struct helm_str name, kind, path, manifest;
	struct helm_strlist events;
	struct helm_hook_exec last_run;
	int64_t weight;
	struct helm_strlist delete_policies;
	struct helm_strlist output_log_policies; /* Helm 4 only: read, never written */
};

struct helm_info { /* release.Info (resources is never stored) */
	struct helm_time first_deployed, last_deployed, deleted;
	struct helm_str description, status, notes;
};

struct helm_release {
	struct helm_str name;
	struct helm_info *info;   /* NULL = omitted */
	struct helm_chart *chart; /* NULL = omitted */
	val config;
	struct helm_str manifest;
	struct helm_hook *hooks;
	size_t nhooks;
	int64_t version;
	struct helm_str namespace_;
	val labels;                /* map[string]string, `json:"-"`: the Secret's labels */
	struct helm_str apply_method; /* Helm 4 only: read, never written */
};

/* ---- time (Go's time.Time JSON form, RFC 3339 with nanoseconds) ---- */
#define HELM_TIME_UNIX_OFFSET INT64_C(62135596800) /* 1970 - year 1, seconds */
static inline struct helm_time helm_time_unix(int64_t unix_sec, int32_t nsec, int32_t off)
{
	struct helm_time t = { unix_sec + HELM_TIME_UNIX_OFFSET, nsec, off };
	return t;
}
static inline bool helm_time_is_zero(struct helm_time t) { return t.sec == 0 && t.nsec == 0; }
/* time.Now() in the local zone (helmtime.Now), offset from localtime_r. */
struct helm_time helm_time_now(void);
/* Time.MarshalJSON's text without quotes (RFC3339Nano in t's offset); -1 and
 * Go's message in err when the year is outside [0,9999]. */
int helm_time_format(struct sb *out, struct helm_time t, struct sb *err);
/* Time.UnmarshalJSON's parse of the unquoted text (time's parseRFC3339);
 * -1 with a message on anything else. */
int helm_time_parse(const char *s, size_t n, struct helm_time *out, struct sb *err);

/* ---- JSON (release.c) ---- */
/* json.Marshal(release) exactly as Helm 3.17.3 writes it. */
int helm_rel_to_json(struct arena *a, const struct helm_release *r, struct sb *out,
		     struct sb *err);
/* json.Unmarshal into a release as Helm 3 does, also accepting Helm 4's
 * shape (omitted zero times, extra fields).  out->labels is left null. */
int helm_rel_from_json(struct arena *a, const char *p, size_t n, struct helm_release *out,
		       struct sb *err);

/* ---- the secrets driver (storage.c) ---- */
#define HELM_REL_STORAGE_TYPE "sh.helm.release.v1"
#define HELM_REL_SECRET_TYPE "helm.sh/release.v1"
/* driver's errors, as Helm words them */
#define HELM_REL_ERR_NOT_FOUND "release: not found"

/* encodeRelease: base64(gzip(json)), gzip at BestCompression. */
int helm_rel_encode(struct arena *a, const struct helm_release *r, struct sb *out,
		    struct sb *err);
/* decodeRelease: base64, gunzip when the gzip magic is there, JSON. */
int helm_rel_decode(struct arena *a, const char *data, size_t n, struct helm_release *out,
		    struct sb *err);
/* storage makeKey: "sh.helm.release.v1.<name>.v<version>" */
void helm_rel_secret_name(struct sb *out, const char *name, size_t nlen, int64_t version);

enum helm_rel_write { HELM_REL_CREATE, HELM_REL_UPDATE };
/* The v1.Secret the driver's Create/Update sends (newSecretsObject), as a
 * val to marshal with val_to_json: kind, apiVersion, metadata{name,
 * creationTimestamp: null, labels}, data{release}, type.  Labels: the
 * release's labels, createdAt (create) or modifiedAt (update) = now_unix,
 * then the release's labels again, then name/owner/status/version — in that
 * order of precedence, as Helm does.  r->info must be set. */
int helm_rel_secret(struct arena *a, const struct helm_release *r, enum helm_rel_write mode,
		    int64_t now_unix, val *out, struct sb *err);
/* A Secret as read from the apiserver (JSON decoded to val) back to a
 * release.  Labels: all of the Secret's labels (the driver's List/Query), or
 * with the system labels removed (its Get) when filter_system is set. */
int helm_rel_from_secret(struct arena *a, val secret, bool filter_system,
			 struct helm_release *out, struct sb *err);

/* Label selectors the storage layer lists with (kblabels.Set.String()):
 * History/Last "name=N,owner=helm", Deployed adds ",status=deployed";
 * name NULL gives List's "owner=helm". */
void helm_rel_selector(struct sb *out, const char *name, size_t nlen, const char *status);
/* Index of the highest revision (storage Last / Deployed after a query), or
 * -1 when n == 0. */
long helm_rel_pick_latest(const struct helm_release *const *v, size_t n);
/* storage.Deployed's error when none is found: `"NAME" has no deployed releases` */
void helm_rel_err_no_deployed(struct sb *out, const char *name, size_t nlen);
/* helm's Status.IsPending */
bool helm_rel_status_pending(struct helm_str status);

#endif
