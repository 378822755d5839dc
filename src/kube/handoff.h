/* handoff.h — the one door to the cluster client in the offline binary.
 *
 * `make` links two programs from the same objects (docs/performance.md,
 * "Two binaries"): build/cozypkg is static and has no HTTP client — a static
 * link saves ~1 ms of start-up on every `show --plain`, and libcurl cannot
 * be linked statically from Debian's packages — and build/cozypkg-net is the
 * full, dynamically linked program.  kube_open() calls kube_handoff() before
 * anything else: in cozypkg-net it returns (src/kube/curl_lazy.c); in the
 * offline binary (src/offline/curl_none.c) it re-executes the same command
 * line as cozypkg-net and never returns, or prints why it cannot and exits.
 * Every command reaches the cluster through kube_open() before it prints
 * or changes anything, so the hand-off is never seen. */
#ifndef COZYPKG_KUBE_HANDOFF_H
#define COZYPKG_KUBE_HANDOFF_H

void kube_handoff(void);

#endif
