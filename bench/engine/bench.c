/* bench.c — times cozypkg's template engine (engine_render: parse and
 * execute every template of a chart tree) on one corpus chart, measured
 * exactly as bench/engine/main.go measures Helm 3.17.3's engine.Render.
 * Chart loading and values coalescing happen once, outside the timing.
 *
 *   bench [-t SECONDS] CHART-DIR VALUES-FILE RELEASE NAMESPACE
 *
 * Prints one line: "ns_per_op ITERATIONS OUTPUT-BYTES". */
#include <limits.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/sb.h"
#include "chart/engine.h"
#include "chart/load.h"
#include "chart/values.h"

static void die(const char *what, const struct sb *err)
{
	fprintf(stderr, "bench/engine (c): %s: %s\n", what, err->buf ? err->buf : "");
	exit(1);
}

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* One engine.Render in a fresh arena, freed afterwards (Go's garbage
 * collector gets the same chance); the rendered bytes, as a check that both
 * sides did the same work.  Templates may change .Values (Sprig's set on a
 * values map): each render starts from its own deep copy of the values,
 * made in its arena and counted in our time (Go renders the same map again
 * and again). */
static size_t render(const struct chart *c, val values, const struct engine_release *rel)
{
	struct arena a = ARENA_INIT;
	struct sb err = SB_INIT;
	val out;
	size_t n = 0;

	val top = engine_render_values(&a, c, val_copy_deep(&a, values), rel, &engine_default_caps);
	if (engine_render(&a, c, top, &out, &err) < 0)
		die("render", &err);
	for (size_t i = 0; i < val_map_len(out); i++)
		n += val_map_entry_at(out, i)->v.len;
	arena_free(&a);
	sb_release(&err);
	return n;
}

int main(int argc, char **argv)
{
	double seconds = 2;
	int i = 1;

	if (argc > 2 && !strcmp(argv[1], "-t")) {
		seconds = strtod(argv[2], NULL);
		i = 3;
	}
	if (argc - i != 4) {
		fputs("usage: bench [-t SECONDS] CHART-DIR VALUES-FILE RELEASE NAMESPACE\n", stderr);
		return 2;
	}
	char vfile[PATH_MAX];
	if (!realpath(argv[i + 1], vfile)) {
		perror(argv[i + 1]);
		return 1;
	}
	if (chdir(argv[i]) < 0) {
		perror(argv[i]);
		return 1;
	}

	/* Go's heap stays mapped from one render to the next; without this,
	 * glibc hands each big arena chunk back to the kernel on free and every
	 * render pays its page faults again (~4 ms a MB on this VM), which is
	 * not the engine's cost. */
	mallopt(M_MMAP_THRESHOLD, 256 << 20);
	mallopt(M_TRIM_THRESHOLD, 1 << 30);

	/* what `cozypkg show --plain` (src/cmd/render.c) does before rendering */
	struct arena a = ARENA_INIT;
	struct sb err = SB_INIT, warn = SB_INIT;
	const char *files[] = { vfile };
	struct values_opts vo = { .files = files, .nfiles = 1 };
	struct chart *c;
	val user, values;

	if (values_merge_options(&a, &vo, &user, &err) < 0)
		die("values", &err);
	if (chart_load(&a, ".", &c, &err) < 0)
		die("load", &err);
	if (values_for_render(&a, c, user, false, &values, &warn, &err) < 0)
		die("values", &err);
	struct engine_release rel = { argv[i + 2], argv[i + 3], 1, true, false };

	/* one warm-up, then rounds of >= 0.2 s; the best round's mean counts */
	size_t bytes = render(c, values, &rel);
	double best = -1, start = now_ns();
	long total = 0;
	while (now_ns() - start < seconds * 1e9) {
		long n = 0;
		double t0 = now_ns(), t;
		do {
			render(c, values, &rel);
			n++;
			t = now_ns() - t0;
		} while (t < 0.2e9);
		if (best < 0 || t / n < best)
			best = t / n;
		total += n;
	}
	printf("%.0f %ld %zu\n", best, total, bytes);
	arena_free(&a);
	sb_release(&err);
	sb_release(&warn);
	return 0;
}
