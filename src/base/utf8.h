/* utf8.h — UTF-8 the way Go's unicode/utf8 sees it: an invalid or short
 * sequence decodes as U+FFFD with width 1, surrogates and > U+10FFFF are
 * invalid.  Plus the few unicode package predicates cozypkg needs. */
#ifndef COZY_UTF8_H
#define COZY_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UTF8_RUNE_ERROR 0xFFFD

/* Decode the rune at p (n > 0 bytes available); *width gets its length. */
int32_t utf8_decode(const char *p, size_t n, size_t *width);
/* Decode the last rune of p[0..n) (utf8.DecodeLastRune). */
int32_t utf8_decode_last(const char *p, size_t n, size_t *width);
/* Write r (invalid runes as U+FFFD) into out[4]; returns the length. */
size_t utf8_encode(int32_t r, char *out);
bool utf8_valid(const char *p, size_t n);
bool utf8_valid_rune(int32_t r);
size_t utf8_rune_count(const char *p, size_t n);

struct unicode_range {
	uint32_t lo, hi, stride;
};
/* Generated from Go's unicode package (unicode_tables.c). */
extern const struct unicode_range unicode_letter[];
extern const size_t unicode_letter_len;
extern const struct unicode_range unicode_digit[];
extern const size_t unicode_digit_len;

bool unicode_is_letter(int32_t r); /* unicode.IsLetter */
bool unicode_is_digit(int32_t r);  /* unicode.IsDigit */

#endif
