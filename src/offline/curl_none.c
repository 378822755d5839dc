/* curl_none.c — the offline binary's side of kube/handoff.h: linked into
 * build/cozypkg (static) in place of src/kube/curl_lazy.c, never into
 * libcozy.a.  kube_handoff() runs the unchanged command line as the full
 * program, cozypkg-net, found in $COZYPKG_EXEC_PATH, next to this one (the
 * build tree), in ../libexec/cozypkg/ (`make install`), or where the build
 * put it (COZYPKG_EXEC_DIRS, compiled in: a copy of the binary elsewhere
 * still finds it) — the way git runs git-remote-https, which alone carries
 * libcurl, from its compiled-in exec path.  The curl_*
 * functions only satisfy the linker: kube_open() hands off before any of
 * them could run, and they fail if that rule is ever broken. */
#define CURL_DISABLE_TYPECHECK /* we define curl_easy_setopt itself */
#include <curl/curl.h>
#include <errno.h>
#include <stdbool.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/sb.h"
#include "base/xalloc.h"
#include "cli/cli.h"
#include "kube/handoff.h"

#define TWIN "cozypkg-net"

/* Set in the environment of the program handed to: an offline binary that
 * finds it set was started by another one (COZYPKG_EXEC_PATH pointing at
 * the wrong file) and stops instead of looping. */
#define HANDOFF_ENV "COZYPKG_HANDOFF"

/* The original argv from /proc/self/cmdline (NUL-separated). */
static char **original_argv(void)
{
	struct sb b = SB_INIT;
	FILE *f = fopen("/proc/self/cmdline", "rb");
	if (!f)
		return NULL;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		sb_add(&b, chunk, n);
	fclose(f);
	size_t argc = 0;
	for (size_t i = 0; i < b.len; i++)
		argc += b.buf[i] == '\0';
	char **argv = xmalloc((argc + 1) * sizeof *argv);
	size_t k = 0;
	for (size_t i = 0; i < b.len && k < argc; i += strlen(b.buf + i) + 1)
		argv[k++] = b.buf + i; /* b's buffer lives until exec */
	argv[k] = NULL;
	return argc ? argv : NULL;
}

static void fail(const char *msg)
{
	fprintf(stderr, "error: %s\n", msg);
	exit(1);
}

#ifndef COZYPKG_EXEC_DIRS
#define COZYPKG_EXEC_DIRS ""
#endif

/* The first directory of the search order holding an executable TWIN, its
 * path in *path; else the places looked at, in *path, and false. */
static bool find_twin(struct sb *path)
{
	struct sb tried = SB_INIT, dirs = SB_INIT;
	const char *env = getenv("COZYPKG_EXEC_PATH");
	if (env && *env) {
		sb_adds(&dirs, env); /* set: the only place */
	} else {
		char self[PATH_MAX];
		ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
		if (n > 0) {
			self[n] = '\0';
			*strrchr(self, '/') = '\0';
			sb_addf(&dirs, "%s:%s/../libexec/cozypkg:", self, self);
		}
		sb_adds(&dirs, COZYPKG_EXEC_DIRS);
	}
	bool found = false;
	for (const char *d = dirs.buf; d && *d && !found;) {
		const char *e = strchr(d, ':');
		size_t dn = e ? (size_t)(e - d) : strlen(d);
		if (dn) {
			sb_reset(path);
			sb_add(path, d, dn);
			sb_adds(path, "/" TWIN);
			found = access(path->buf, X_OK) == 0;
			if (!found)
				sb_addf(&tried, "%s%s", tried.len ? ", " : "", path->buf);
		}
		d = e ? e + 1 : d + dn;
	}
	if (!found) {
		sb_reset(path);
		sb_add(path, tried.buf ? tried.buf : "", tried.len);
	}
	sb_release(&tried);
	sb_release(&dirs);
	return found;
}

void kube_handoff(void)
{
	struct sb path = SB_INIT, msg = SB_INIT;

	if (getenv(HANDOFF_ENV))
		fail("cozypkg: " TWIN " is itself an offline build (check COZYPKG_EXEC_PATH)");
	if (!find_twin(&path)) {
		sb_addf(&msg, "cozypkg: commands that talk to a cluster run " TWIN ", which is not at %s "
			"(install both with `make install`, or set COZYPKG_EXEC_PATH to its directory)", path.buf);
		fail(msg.buf);
	}
	char **argv = original_argv();
	if (!argv)
		fail("cozypkg: cannot read its command line (/proc/self/cmdline)");
	if (cli_restore_start_dir() < 0) {
		sb_addf(&msg, "cozypkg: cannot return to the starting directory: %s", strerror(errno));
		fail(msg.buf);
	}
	setenv(HANDOFF_ENV, "1", 1);
	fflush(NULL);
	execv(path.buf, argv);
	sb_addf(&msg, "cozypkg: cannot run %s: %s", path.buf, strerror(errno));
	fail(msg.buf);
}

CURLcode curl_global_init(long flags)
{
	(void)flags;
	return CURLE_FAILED_INIT;
}

CURL *curl_easy_init(void)
{
	return NULL;
}

CURLcode curl_easy_setopt(CURL *h, CURLoption opt, ...)
{
	(void)h, (void)opt;
	return CURLE_FAILED_INIT;
}

CURLcode curl_easy_getinfo(CURL *h, CURLINFO info, ...)
{
	(void)h, (void)info;
	return CURLE_FAILED_INIT;
}

CURLcode curl_easy_perform(CURL *h)
{
	(void)h;
	return CURLE_FAILED_INIT;
}

void curl_easy_cleanup(CURL *h)
{
	(void)h;
}

const char *curl_easy_strerror(CURLcode c)
{
	(void)c;
	return "this binary has no HTTP client (" TWIN " has)";
}

struct curl_slist *curl_slist_append(struct curl_slist *l, const char *s)
{
	(void)l, (void)s;
	return NULL;
}

void curl_slist_free_all(struct curl_slist *l)
{
	(void)l;
}
