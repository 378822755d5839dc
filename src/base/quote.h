/* quote.h — Go's strconv quoting (Quote, QuoteToASCII, QuoteToGraphic,
 * QuoteRune..., CanBackquote, IsPrint), byte for byte.  fmt's %q and %#U
 * go through here; UTF-8 decoding is base/utf8.h. */
#ifndef COZY_QUOTE_H
#define COZY_QUOTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/sb.h"

/* strconv.IsPrint / IsGraphic (Unicode 15.0.0, as Go 1.21-1.26 ship). */
bool strconv_is_print(int32_t r);
bool strconv_is_graphic(int32_t r);
bool strconv_can_backquote(const char *s, size_t n);

/* strconv.AppendQuote / AppendQuoteToASCII / AppendQuoteToGraphic. */
void strconv_append_quote(struct sb *out, const char *s, size_t n);
void strconv_append_quote_ascii(struct sb *out, const char *s, size_t n);
void strconv_append_quote_graphic(struct sb *out, const char *s, size_t n);
/* strconv.AppendQuoteRune / ...ToASCII / ...ToGraphic: invalid runes are
 * quoted as U+FFFD. */
void strconv_append_quote_rune(struct sb *out, int32_t r);
void strconv_append_quote_rune_ascii(struct sb *out, int32_t r);
void strconv_append_quote_rune_graphic(struct sb *out, int32_t r);

#endif
