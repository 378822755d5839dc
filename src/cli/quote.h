/* quote.h — Go's quoting of user text in CLI messages: strconv.Quote (fmt
 * %q), strconv.QuoteRune (%q of a rune) and fmt's %#q, which cobra and pflag
 * use for "unknown command %q", "invalid argument %q ..." and the like. */
#ifndef COZY_CLI_QUOTE_H
#define COZY_CLI_QUOTE_H

#include <stddef.h>
#include <stdint.h>

#include "base/sb.h"

/* strconv.Quote: "..." with Go escapes; invalid UTF-8 bytes as \xHH. */
void cli_quote(struct sb *out, const char *s, size_t n);
/* strconv.QuoteRune: '...'. */
void cli_quote_rune(struct sb *out, uint32_t r);
/* fmt %#q: `...` when strconv.CanBackquote allows it, else cli_quote. */
void cli_quote_sharp(struct sb *out, const char *s, size_t n);
/* Decode one rune like utf8.DecodeRune: invalid or short input gives
 * U+FFFD with width 1 (width 0 only for n == 0). */
uint32_t cli_utf8_decode(const unsigned char *s, size_t n, size_t *width);

#endif
