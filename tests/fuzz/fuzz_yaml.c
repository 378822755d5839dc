/* fuzz_yaml.c — libFuzzer target for val_from_yaml: every input, for every
 * target, either fails with a message or gives a value whose JSON text reads
 * back (val_from_json) to the same JSON text; nothing may crash or leak. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "value/codec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum val_yaml_target targets[] = { VAL_YAML_ANY, VAL_YAML_MAP, VAL_YAML_LIST };

	for (size_t t = 0; t < sizeof(targets) / sizeof(targets[0]); t++) {
		struct arena a = ARENA_INIT;
		struct sb err = SB_INIT, js = SB_INIT, js2 = SB_INIT;
		val v, w;

		if (val_from_yaml(&a, (const char *)data, size, targets[t], &v, &err) == 0) {
			/* NaN/Inf are decode errors, so the JSON encoder cannot fail */
			if (err.len != 0 || val_to_json(&a, v, VAL_JSON_ESCAPE_HTML, NULL, NULL, &js, &err) != 0)
				abort();
			if (val_from_json(&a, js.buf, js.len, &w, &err) != 0 ||
			    val_to_json(&a, w, VAL_JSON_ESCAPE_HTML, NULL, NULL, &js2, &err) != 0)
				abort();
			if (js.len != js2.len || memcmp(js.buf, js2.buf, js.len) != 0)
				abort();
		} else if (err.len == 0) {
			abort(); /* an error always says something */
		}
		sb_release(&err);
		sb_release(&js);
		sb_release(&js2);
		arena_free(&a);
	}
	return 0;
}
