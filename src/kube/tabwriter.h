/* tabwriter.h — Go's text/tabwriter (elastic tabstops), byte for byte, plus
 * the RememberWidths flag of github.com/liggitt/tabwriter, the fork kubectl
 * prints its tables with.
 *
 * kubectl's tables come from k8s.io/cli-runtime/pkg/printers.GetNewTabWriter:
 *   tabwriter.NewWriter(out, 6, 4, 3, ' ', tabwriter.RememberWidths)
 * which tabw_init_kubectl() sets up.  With RememberWidths a column never gets
 * narrower than it was in an earlier flush of the same writer (kubectl get
 * --watch, several resource kinds in one run).
 *
 * Cells are terminated by '\t' (hard) or '\v' (soft); '\n' and '\f' end a
 * line, '\f' also ends every column (a flush).  Widths are counted in runes as
 * utf8.RuneCount does (an invalid byte is one rune).  Text between two
 * TABW_ESCAPE bytes is passed through unparsed.  Output is appended to `out`
 * only at flush points; call tabw_flush() at the end, as in Go. */
#ifndef COZY_KUBE_TABWRITER_H
#define COZY_KUBE_TABWRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "base/sb.h"

/* The flag bits, same values as Go's. */
#define TABW_FILTER_HTML          0x01u /* <tags> width 0, &entities; width 1 */
#define TABW_STRIP_ESCAPE         0x02u /* drop the TABW_ESCAPE bytes */
#define TABW_ALIGN_RIGHT          0x04u
#define TABW_DISCARD_EMPTY_COLUMNS 0x08u /* columns of empty '\v' cells vanish */
#define TABW_TAB_INDENT           0x10u /* pad leading empty cells with tabs */
#define TABW_DEBUG                0x20u /* '|' between columns, "---" at '\f' */
#define TABW_REMEMBER_WIDTHS      0x40u /* liggitt/tabwriter: widths survive flushes */

#define TABW_ESCAPE '\xff'

struct tabw_cell {
	size_t size;  /* bytes of text in buf */
	long width;   /* runes, tags/escape bytes excluded (can go below 0 as in Go) */
	bool htab;    /* terminated by '\t' (not '\v' or a line end) */
};

struct tabw {
	struct sb *out;
	long minwidth, tabwidth, padding;
	char padchar;
	unsigned flags;

	struct sb buf;            /* cell text without tabs and line breaks */
	size_t pos;               /* buf offset up to which cell.width is counted */
	struct tabw_cell cell;    /* the incomplete cell at the end of buf */
	unsigned char endchar;    /* escape terminator: 0xff, '>', ';' or 0 */

	struct tabw_cell *cells;  /* cells of every buffered line, in order */
	size_t ncells, cellcap;
	size_t *lines;            /* index in cells of each line's first cell */
	size_t nlines, linecap;
	long *widths;             /* column widths while formatting (a stack) */
	size_t nwidths, widthcap;
	long *maxwidths;          /* TABW_REMEMBER_WIDTHS: widest seen per column */
	size_t nmax, maxcap;
};

/* tabwriter.NewWriter(out, minwidth, tabwidth, padding, padchar, flags).
 * Negative sizes (Go panics) are taken as 0.  padchar '\t' clears
 * TABW_ALIGN_RIGHT as Go does. */
void tabw_init(struct tabw *w, struct sb *out, int minwidth, int tabwidth, int padding,
	       char padchar, unsigned flags);
/* printers.GetNewTabWriter(out): 6, 4, 3, ' ', RememberWidths. */
void tabw_init_kubectl(struct tabw *w, struct sb *out);
void tabw_write(struct tabw *w, const char *s, size_t n);
static inline void tabw_puts(struct tabw *w, const char *s) { tabw_write(w, s, strlen(s)); }
/* Writer.Flush: format and emit everything buffered; remembered widths stay. */
void tabw_flush(struct tabw *w);
/* Frees the writer's memory (not `out`); buffered text is dropped. */
void tabw_free(struct tabw *w);

#endif
