/* engine_harness.c — the engine oracle's fixed chart, rendered by
 * src/chart/engine.c (see engine_harness.h). */
#include "support/engine_harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart/engine.h"
#include "support/engine_fixture.h"
#include "support/vec.h"
#include "value/codec.h"

static const char helpers_tpl[] = "{{- define \"helper\" -}}[{{ . }}]{{- end -}}";
static const char file_a[] = "hello\nworld\n";
static const char file_b[] = "{\"x\": 1}";

void harness_render(const char *tpl, size_t n, struct sb *out)
{
	struct arena a = ARENA_INIT;
	struct sb err = SB_INIT;
	struct chart c = { 0 };
	c.meta = val_map_new(&a, 6);
	val_map_set(&a, c.meta, "apiVersion", 10, val_str_ref("v2", 2));
	val_map_set(&a, c.meta, "name", 4, val_str_ref("mychart", 7));
	val_map_set(&a, c.meta, "version", 7, val_str_ref("0.1.0", 5));
	val_map_set(&a, c.meta, "appVersion", 10, val_str_ref("1.0", 3));
	val_map_set(&a, c.meta, "description", 11, val_str_ref("test chart", 10));
	val_map_set(&a, c.meta, "type", 4, val_str_ref("application", 11));
	struct chart_file templates[2] = {
		{ "templates/t.yaml", arena_memdup(&a, tpl, n), n },
		{ "templates/_helpers.tpl", helpers_tpl, sizeof(helpers_tpl) - 1 },
	};
	struct chart_file files[2] = {
		{ "files/a.txt", file_a, sizeof(file_a) - 1 },
		{ "files/b.json", file_b, sizeof(file_b) - 1 },
	};
	c.templates = templates;
	c.ntemplates = 2;
	c.files = files;
	c.nfiles = 2;
	c.values = val_map_new(&a, 0);
	val values;
	if (val_from_json(&a, engine_fixture_json, strlen(engine_fixture_json), &values, &err) < 0) {
		fprintf(stderr, "fixture: %s\n", err.buf);
		abort();
	}
	struct engine_release rel = { "rel", "ns", 1, true, false };
	val top = engine_render_values(&a, &c, values, &rel, &engine_default_caps);
	val rendered;
	if (engine_render(&a, &c, top, &rendered, &err) < 0) {
		sb_adds(out, "err\t");
		sb_add(out, err.buf, err.len);
	} else {
		val v;
		sb_adds(out, "ok\t");
		if (val_map_get(rendered, "mychart/templates/t.yaml", 24, &v))
			sb_add(out, v.u.s, v.len);
	}
	sb_release(&err);
	arena_free(&a);
}

size_t harness_run_suite(const char *suite, size_t min_vectors)
{
	char path[256];
	snprintf(path, sizeof(path), "tests/vectors/engine_%s.vec", suite);
	struct vec_file *vf = vec_open(path);
	char name[64];
	snprintf(name, sizeof(name), "engine_%s", suite);
	struct vec_stats st = { name, 0, 0 };
	const struct vec_rec *r;
	struct sb got = SB_INIT;
	while ((r = vec_next(vf))) {
		sb_reset(&got);
		harness_render(r->f[1].p, r->f[1].n, &got);
		st.total++;
		if (r->nfields != 3 || got.len != r->f[2].n || memcmp(got.buf, r->f[2].p, got.len) != 0)
			vec_mismatch(&st, r, "render", r->f[2].p, r->f[2].n, got.buf, got.len);
	}
	sb_release(&got);
	vec_close(vf);
	size_t failed = vec_summary(&st);
	if (st.total < min_vectors) {
		fprintf(stderr, "%s: only %zu vectors (want >= %zu)\n", name, st.total, min_vectors);
		failed++;
	}
	return failed;
}
