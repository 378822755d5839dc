/* fuzz_json.c — libFuzzer target for the JSON codecs: any input either
 * fails to decode or round-trips, and encode(decode(encode(x))) == encode(x)
 * for Marshal, MarshalIndent and the non-HTML Encoder form alike. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "value/codec.h"

static void same_or_die(const struct sb *a, const struct sb *b)
{
	if (a->len != b->len || memcmp(a->buf, b->buf, a->len) != 0)
		abort();
}

/* Re-decode text and re-encode it compactly: must give want. */
static void roundtrip(struct arena *a, const struct sb *text, const struct sb *want)
{
	struct sb out = SB_INIT, err = SB_INIT;
	val v;
	if (val_from_json(a, text->buf, text->len, &v, &err) != 0)
		abort();
	if (val_to_json(a, v, VAL_JSON_ESCAPE_HTML, NULL, NULL, &out, &err) != 0)
		abort();
	same_or_die(&out, want);
	sb_release(&out);
	sb_release(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct sb e1 = SB_INIT, ind = SB_INIT, raw = SB_INIT, err = SB_INIT;
	val v;
	if (val_from_json(&a, (const char *)data, size, &v, &err) == 0) {
		/* decoded values hold no NaN, Inf or cycle: encoding cannot fail */
		if (val_to_json(&a, v, VAL_JSON_ESCAPE_HTML, NULL, NULL, &e1, &err) != 0)
			abort();
		if (val_to_json(&a, v, VAL_JSON_ESCAPE_HTML, "", "  ", &ind, &err) != 0)
			abort();
		if (val_to_json(&a, v, 0, NULL, NULL, &raw, &err) != 0)
			abort();
		roundtrip(&a, &e1, &e1);
		roundtrip(&a, &ind, &e1);
		roundtrip(&a, &raw, &e1);
	} else if (err.len == 0) {
		abort(); /* every failure carries Go's message */
	}
	sb_release(&e1);
	sb_release(&ind);
	sb_release(&raw);
	sb_release(&err);
	arena_free(&a);
	return 0;
}
