/* tabwriter.c — Go's text/tabwriter (go/src/text/tabwriter/tabwriter.go)
 * with liggitt/tabwriter's RememberWidths, rewritten in C.  The structure
 * follows Go's closely because its quirks show in the output: the width of
 * the last cell of a line is never counted, a line with one cell flushes,
 * an unterminated escape still loses two runes of width at Flush. */
#include "kube/tabwriter.h"

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/xalloc.h"

#define TABW_ESC_BYTE 0xffu

static void add_line(struct tabw *w)
{
	if (w->nlines == w->linecap) {
		w->linecap = xgrow(w->linecap, w->nlines + 1);
		w->lines = xrealloc(w->lines, w->linecap * sizeof(*w->lines));
	}
	w->lines[w->nlines++] = w->ncells;
}

static size_t line_len(const struct tabw *w, size_t i)
{
	size_t end = i + 1 < w->nlines ? w->lines[i + 1] : w->ncells;
	return end - w->lines[i];
}

static void reset(struct tabw *w)
{
	sb_reset(&w->buf);
	w->pos = 0;
	w->cell = (struct tabw_cell){ 0 };
	w->endchar = 0;
	w->ncells = 0;
	w->nlines = 0;
	w->nwidths = 0;
	add_line(w);
}

void tabw_init(struct tabw *w, struct sb *out, int minwidth, int tabwidth, int padding,
	       char padchar, unsigned flags)
{
	*w = (struct tabw){ 0 };
	sb_init(&w->buf);
	w->out = out;
	w->minwidth = minwidth < 0 ? 0 : minwidth;
	w->tabwidth = tabwidth < 0 ? 0 : tabwidth;
	w->padding = padding < 0 ? 0 : padding;
	w->padchar = padchar;
	if (padchar == '\t')
		flags &= ~TABW_ALIGN_RIGHT; /* tab padding forces left alignment */
	w->flags = flags;
	reset(w);
}

void tabw_init_kubectl(struct tabw *w, struct sb *out)
{
	tabw_init(w, out, 6, 4, 3, ' ', TABW_REMEMBER_WIDTHS);
}

void tabw_free(struct tabw *w)
{
	sb_release(&w->buf);
	free(w->cells);
	free(w->lines);
	free(w->widths);
	free(w->maxwidths);
	*w = (struct tabw){ 0 };
	sb_init(&w->buf);
}

static void write_padding(struct tabw *w, long textw, long cellw, bool use_tabs)
{
	if (w->padchar == '\t' || use_tabs) {
		if (w->tabwidth == 0)
			return; /* tabs have no width: no padding possible */
		cellw = (cellw + w->tabwidth - 1) / w->tabwidth * w->tabwidth;
		long n = cellw - textw;
		if (n > 0)
			sb_addrep(w->out, '\t', (size_t)((n + w->tabwidth - 1) / w->tabwidth));
		return;
	}
	if (cellw > textw)
		sb_addrep(w->out, w->padchar, (size_t)(cellw - textw));
}

static size_t write_lines(struct tabw *w, size_t pos, size_t line0, size_t line1)
{
	for (size_t i = line0; i < line1; i++) {
		const struct tabw_cell *line = w->cells + w->lines[i];
		size_t n = line_len(w, i);
		/* TabIndent: leading empty cells are padded with tabs */
		bool use_tabs = (w->flags & TABW_TAB_INDENT) != 0;

		for (size_t j = 0; j < n; j++) {
			const struct tabw_cell *c = &line[j];
			if (j > 0 && (w->flags & TABW_DEBUG))
				sb_addc(w->out, '|');
			if (c->size == 0) {
				if (j < w->nwidths)
					write_padding(w, c->width, w->widths[j], use_tabs);
				continue;
			}
			use_tabs = false;
			if (!(w->flags & TABW_ALIGN_RIGHT)) {
				sb_add(w->out, w->buf.buf + pos, c->size);
				pos += c->size;
				if (j < w->nwidths)
					write_padding(w, c->width, w->widths[j], false);
			} else {
				if (j < w->nwidths)
					write_padding(w, c->width, w->widths[j], false);
				sb_add(w->out, w->buf.buf + pos, c->size);
				pos += c->size;
			}
		}
		if (i + 1 == w->nlines) {
			/* the last buffered line has no newline yet */
			sb_add(w->out, w->buf.buf + pos, w->cell.size);
			pos += w->cell.size;
		} else {
			sb_addc(w->out, '\n');
		}
	}
	return pos;
}

static void push_width(struct tabw *w, long width)
{
	if (w->nwidths == w->widthcap) {
		w->widthcap = xgrow(w->widthcap, w->nwidths + 1);
		w->widths = xrealloc(w->widths, w->widthcap * sizeof(*w->widths));
	}
	w->widths[w->nwidths++] = width;
}

/* liggitt/tabwriter: widen to, or record, the widest this column has been. */
static long remember_width(struct tabw *w, long width)
{
	size_t col = w->nwidths;
	if (w->nmax < col) {
		if (w->maxcap < col) {
			w->maxcap = xgrow(w->maxcap, col);
			w->maxwidths = xrealloc(w->maxwidths, w->maxcap * sizeof(long));
		}
		memcpy(w->maxwidths + w->nmax, w->widths + w->nmax, (col - w->nmax) * sizeof(long));
		w->nmax = col;
	}
	if (w->nmax == col) {
		if (w->maxcap < col + 1) {
			w->maxcap = xgrow(w->maxcap, col + 1);
			w->maxwidths = xrealloc(w->maxwidths, w->maxcap * sizeof(long));
		}
		w->maxwidths[w->nmax++] = width;
	} else if (w->maxwidths[col] > width) {
		width = w->maxwidths[col];
	} else if (w->maxwidths[col] < width) {
		w->maxwidths[col] = width;
	}
	return width;
}

/* Format lines [line0, line1) whose text starts at buf offset pos; returns
 * the offset after them.  One recursion level per column, as in Go. */
static size_t format(struct tabw *w, size_t pos, size_t line0, size_t line1)
{
	size_t column = w->nwidths;
	for (size_t this = line0; this < line1; this++) {
		/* the last cell of a line is not part of any column */
		if (column + 1 >= line_len(w, this))
			continue;

		pos = write_lines(w, pos, line0, this);
		line0 = this;

		long width = w->minwidth;
		bool discardable = true; /* all cells empty and soft */
		for (; this < line1; this++) {
			if (column + 1 >= line_len(w, this))
				break;
			const struct tabw_cell *c = &w->cells[w->lines[this] + column];
			if (c->width + w->padding > width)
				width = c->width + w->padding;
			if (c->width > 0 || c->htab)
				discardable = false;
		}
		if (discardable && (w->flags & TABW_DISCARD_EMPTY_COLUMNS))
			width = 0;
		if (w->flags & TABW_REMEMBER_WIDTHS)
			width = remember_width(w, width);

		push_width(w, width);
		pos = format(w, pos, line0, this);
		w->nwidths--;
		line0 = this;
	}
	return write_lines(w, pos, line0, line1);
}

static void append_text(struct tabw *w, const char *p, size_t n)
{
	sb_add(&w->buf, p, n);
	w->cell.size += n;
}

static void update_width(struct tabw *w)
{
	w->cell.width += (long)utf8_rune_count(w->buf.buf + w->pos, w->buf.len - w->pos);
	w->pos = w->buf.len;
}

static void start_escape(struct tabw *w, unsigned char ch)
{
	switch (ch) {
	case TABW_ESC_BYTE:
		w->endchar = TABW_ESC_BYTE;
		break;
	case '<':
		w->endchar = '>';
		break;
	case '&':
		w->endchar = ';';
		break;
	}
}

/* An HTML tag is 0 wide, an entity 1, escaped text its runes less the two
 * Escape bytes when they stay in the text (Go subtracts 2 even when the
 * escape was left open at Flush and only one byte is there). */
static void end_escape(struct tabw *w)
{
	switch (w->endchar) {
	case TABW_ESC_BYTE:
		update_width(w);
		if (!(w->flags & TABW_STRIP_ESCAPE))
			w->cell.width -= 2;
		break;
	case '>':
		break;
	case ';':
		w->cell.width++;
		break;
	}
	w->pos = w->buf.len;
	w->endchar = 0;
}

static size_t terminate_cell(struct tabw *w, bool htab)
{
	w->cell.htab = htab;
	if (w->ncells == w->cellcap) {
		w->cellcap = xgrow(w->cellcap, w->ncells + 1);
		w->cells = xrealloc(w->cells, w->cellcap * sizeof(*w->cells));
	}
	w->cells[w->ncells++] = w->cell;
	w->cell = (struct tabw_cell){ 0 };
	return line_len(w, w->nlines - 1);
}

void tabw_flush(struct tabw *w)
{
	if (w->cell.size > 0) {
		if (w->endchar != 0)
			end_escape(w); /* an open escape counts as closed */
		terminate_cell(w, false);
	}
	format(w, 0, 0, w->nlines);
	reset(w);
}

void tabw_write(struct tabw *w, const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (w->endchar != 0) {
			if (ch == w->endchar) {
				size_t j = i + 1;
				if (ch == TABW_ESC_BYTE && (w->flags & TABW_STRIP_ESCAPE))
					j = i;
				append_text(w, s + n, j - n);
				n = i + 1;
				end_escape(w);
			}
			continue;
		}
		switch (ch) {
		case '\t':
		case '\v':
		case '\n':
		case '\f': {
			append_text(w, s + n, i - n);
			update_width(w);
			n = i + 1;
			size_t ncells = terminate_cell(w, ch == '\t');
			if (ch == '\n' || ch == '\f') {
				add_line(w);
				/* a line of one cell cannot affect later columns */
				if (ch == '\f' || ncells == 1) {
					tabw_flush(w);
					if (ch == '\f' && (w->flags & TABW_DEBUG))
						sb_adds(w->out, "---\n");
				}
			}
			break;
		}
		case TABW_ESC_BYTE:
			append_text(w, s + n, i - n);
			update_width(w);
			n = i;
			if (w->flags & TABW_STRIP_ESCAPE)
				n++;
			start_escape(w, ch);
			break;
		case '<':
		case '&':
			if (w->flags & TABW_FILTER_HTML) {
				append_text(w, s + n, i - n);
				update_width(w);
				n = i;
				start_escape(w, ch);
			}
			break;
		}
	}
	append_text(w, s + n, len - n);
}
