/* fuzz_tmpl.c — libFuzzer target for the template engine: the input is a
 * template; it is parsed and, when it parses, executed with the builtins
 * against a small data map.  Any crash, leak or sanitizer report is a bug;
 * errors are fine. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tmpl/tmpl.h"
#include "value/codec.h"

static const char data_json[] =
	"{\"Values\":{\"a\":1,\"s\":\"x\",\"l\":[1,\"b\",null],\"m\":{\"k\":{\"z\":true}}},\"Release\":{\"Name\":\"r\"}}";

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t n)
{
	struct arena a = ARENA_INIT;
	struct sb err = SB_INIT, out = SB_INIT;
	val data;
	if (val_from_json(&a, data_json, sizeof(data_json) - 1, &data, &err) == 0) {
		struct tmpl_funcs f;
		tmpl_funcs_init(&f, &a);
		struct tmpl_set set;
		tmpl_set_init(&set, &a, &f);
		const char *text = arena_memdup(&a, in, n);
		sb_reset(&err);
		if (tmpl_parse(&set, "t", 1, text, n, &err) == 0) {
			sb_reset(&err);
			tmpl_execute(&set, "t", 1, data, &out, &err, NULL, NULL);
		}
	}
	sb_release(&err);
	sb_release(&out);
	arena_free(&a);
	return 0;
}
