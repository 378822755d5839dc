/* curl_lazy.c — libcurl loaded on first use (dlopen), not at start-up:
 * libcurl.so.4 pulls in 30 shared libraries (nghttp2, ssh2, ldap, gssapi,
 * ...) whose loading and relocation cost every run ~25 ms, while `show
 * --plain` and most commands never talk to a cluster.  Defines the few
 * curl_* functions cozypkg calls and forwards them. */
#define CURL_DISABLE_TYPECHECK /* we define curl_easy_setopt itself */
#include <curl/curl.h>
#include <dlfcn.h>
#include <stdarg.h>
#include <stdbool.h>

#include "kube/handoff.h"

/* This binary has the transport: nothing to hand off (kube/handoff.h). */
void kube_handoff(void)
{
}

struct curl_api {
	CURLcode (*global_init)(long);
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
	CURLcode (*easy_perform)(CURL *);
	void (*easy_cleanup)(CURL *);
	const char *(*easy_strerror)(CURLcode);
	struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
	void (*slist_free_all)(struct curl_slist *);
};

/* Resolved once; NULL when libcurl cannot be loaded.  (The one piece of
 * process state: a cache of dlsym results, written before first use.) */
static const struct curl_api *api(void)
{
	static struct curl_api a;
	static int state; /* 0 not tried, 1 loaded, -1 failed */
	if (state == 0) {
		void *h = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
		state = -1;
		if (h) {
#define SYM(f, n) *(void **)&a.f = dlsym(h, n)
			SYM(global_init, "curl_global_init");
			SYM(easy_init, "curl_easy_init");
			SYM(easy_setopt, "curl_easy_setopt");
			SYM(easy_getinfo, "curl_easy_getinfo");
			SYM(easy_perform, "curl_easy_perform");
			SYM(easy_cleanup, "curl_easy_cleanup");
			SYM(easy_strerror, "curl_easy_strerror");
			SYM(slist_append, "curl_slist_append");
			SYM(slist_free_all, "curl_slist_free_all");
#undef SYM
			if (a.global_init && a.easy_init && a.easy_setopt && a.easy_getinfo && a.easy_perform &&
			    a.easy_cleanup && a.easy_strerror && a.slist_append && a.slist_free_all)
				state = 1;
		}
	}
	return state == 1 ? &a : NULL;
}

CURLcode curl_global_init(long flags)
{
	const struct curl_api *a = api();
	return a ? a->global_init(flags) : CURLE_FAILED_INIT;
}

CURL *curl_easy_init(void)
{
	const struct curl_api *a = api();
	return a ? a->easy_init() : NULL;
}

/* The argument's type follows from the option number (curl.h's
 * CURLOPTTYPE_* ranges). */
CURLcode curl_easy_setopt(CURL *h, CURLoption opt, ...)
{
	const struct curl_api *a = api();
	CURLcode rc;
	va_list ap;
	if (!a)
		return CURLE_FAILED_INIT;
	va_start(ap, opt);
	if (opt < CURLOPTTYPE_OBJECTPOINT)
		rc = a->easy_setopt(h, opt, va_arg(ap, long));
	else if (opt < CURLOPTTYPE_FUNCTIONPOINT || opt >= CURLOPTTYPE_BLOB)
		rc = a->easy_setopt(h, opt, va_arg(ap, void *));
	else if (opt < CURLOPTTYPE_OFF_T)
		rc = a->easy_setopt(h, opt, va_arg(ap, void (*)(void)));
	else
		rc = a->easy_setopt(h, opt, va_arg(ap, curl_off_t));
	va_end(ap);
	return rc;
}

/* Every CURLINFO takes one pointer. */
CURLcode curl_easy_getinfo(CURL *h, CURLINFO info, ...)
{
	const struct curl_api *a = api();
	va_list ap;
	if (!a)
		return CURLE_FAILED_INIT;
	va_start(ap, info);
	void *p = va_arg(ap, void *);
	va_end(ap);
	return a->easy_getinfo(h, info, p);
}

CURLcode curl_easy_perform(CURL *h)
{
	const struct curl_api *a = api();
	return a ? a->easy_perform(h) : CURLE_FAILED_INIT;
}

void curl_easy_cleanup(CURL *h)
{
	const struct curl_api *a = api();
	if (a)
		a->easy_cleanup(h);
}

const char *curl_easy_strerror(CURLcode c)
{
	const struct curl_api *a = api();
	return a ? a->easy_strerror(c) : "libcurl.so.4 could not be loaded";
}

struct curl_slist *curl_slist_append(struct curl_slist *l, const char *s)
{
	const struct curl_api *a = api();
	return a ? a->slist_append(l, s) : NULL;
}

void curl_slist_free_all(struct curl_slist *l)
{
	const struct curl_api *a = api();
	if (a)
		a->slist_free_all(l);
}
