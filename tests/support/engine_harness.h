/* engine_harness.h — render template snippets the way the engine oracle
 * (tests/oracle/engine) renders them with Helm 3.17.3: as
 * mychart/templates/t.yaml of a fixed chart (mychart 0.1.0, appVersion 1.0,
 * a _helpers.tpl defining "helper", files/a.txt and files/b.json) with the
 * fixture values of engine_fixture.h, release "rel" in namespace "ns". */
#ifndef COZY_TEST_ENGINE_HARNESS_H
#define COZY_TEST_ENGINE_HARNESS_H

#include <stddef.h>

#include "base/sb.h"

/* Appends "ok\t<output>" or "err\t<error text>" exactly as the oracle. */
void harness_render(const char *tpl, size_t n, struct sb *out);

/* Compare every vector of tests/vectors/engine_<suite>.vec; prints the
 * summary line and returns the number of mismatches (also counting a file
 * with fewer than min_vectors vectors as a failure). */
size_t harness_run_suite(const char *suite, size_t min_vectors);

#endif
