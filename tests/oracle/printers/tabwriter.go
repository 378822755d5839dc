package main

// Suite tabwriter: Go's text/tabwriter and liggitt/tabwriter (RememberWidths,
// the flag kubectl's printers.GetNewTabWriter sets) over cell grids split
// into random Write calls with Flush calls in between.
//
// Record: name, "minwidth tabwidth padding padchar-byte flags", ops, output.
// ops is a sequence of W<len>:<bytes> (one Write) and F (one Flush); a final
// Flush always follows.

import (
	"bytes"
	"fmt"
	"math/rand"
	"strings"
	gotab "text/tabwriter"

	ltab "github.com/liggitt/tabwriter"
)

func init() { register("tabwriter", genTabwriter) }

const rememberWidths = 1 << 6

type twCase struct {
	minwidth, tabwidth, padding int
	padchar                     byte
	flags                       uint
	ops                         []string // "" = Flush, else the bytes of one Write
}

func runTab(c twCase) string {
	var out bytes.Buffer
	if c.flags&rememberWidths != 0 {
		w := ltab.NewWriter(&out, c.minwidth, c.tabwidth, c.padding, c.padchar, c.flags)
		for _, op := range c.ops {
			if op == "" {
				w.Flush()
			} else {
				w.Write([]byte(op))
			}
		}
		w.Flush()
		return out.String()
	}
	w := gotab.NewWriter(&out, c.minwidth, c.tabwidth, c.padding, c.padchar, c.flags)
	for _, op := range c.ops {
		if op == "" {
			w.Flush()
		} else {
			w.Write([]byte(op))
		}
	}
	w.Flush()
	res := out.String()
	// the fork must agree with the standard library without RememberWidths
	var out2 bytes.Buffer
	w2 := ltab.NewWriter(&out2, c.minwidth, c.tabwidth, c.padding, c.padchar, c.flags)
	for _, op := range c.ops {
		if op == "" {
			w2.Flush()
		} else {
			w2.Write([]byte(op))
		}
	}
	w2.Flush()
	if out2.String() != res {
		panic(fmt.Sprintf("liggitt/tabwriter differs from text/tabwriter: %q", c.ops))
	}
	return res
}

func encodeOps(ops []string) string {
	var b strings.Builder
	for _, op := range ops {
		if op == "" {
			b.WriteString("F")
		} else {
			fmt.Fprintf(&b, "W%d:%s", len(op), op)
		}
	}
	return b.String()
}

func recTab(w *Writer, name string, c twCase) {
	params := fmt.Sprintf("%d %d %d %d %d", c.minwidth, c.tabwidth, c.padding, c.padchar, c.flags)
	w.Rec(name, params, encodeOps(c.ops), runTab(c))
}

var twCells = []string{
	"", "", "a", "b", "ab", "abc", "NAME", "READY", "STATUS", "x y", "hello world",
	"héllo", "日本語", "🙂", "ß", "\u0301e", "<b>", "</i>", "&amp;", "&", "<", ">", ";",
	"a<b>c", "&lt;x&gt;", "\xff", "\xffa\tb\xff", "\xff\n\xff", "x\xffy", "\xc3", "\xe6\x97",
	"\x80", "12", "1.5", "True", "<none>", "3d4h", "a\xffb\xffc", "&bogus", "<unterminated",
	"very-long-cell-value-that-is-wide", "  ", " lead", "trail ",
}

var twSeps = []string{"\t", "\t", "\t", "\v", "\n", "\n", "\f"}

func randomGridText(r *rand.Rand) string {
	var b strings.Builder
	lines := 1 + r.Intn(8)
	for l := 0; l < lines; l++ {
		cells := r.Intn(6)
		for c := 0; c < cells; c++ {
			b.WriteString(twCells[r.Intn(len(twCells))])
			switch r.Intn(10) {
			case 0:
				b.WriteString("\v")
			case 1:
				b.WriteString(twSeps[r.Intn(len(twSeps))])
			default:
				b.WriteString("\t")
			}
		}
		if r.Intn(3) > 0 {
			b.WriteString(twCells[r.Intn(len(twCells))])
		}
		switch r.Intn(12) {
		case 0:
			b.WriteString("\f")
		case 1:
			if l == lines-1 {
				break
			}
			b.WriteString("\n")
		default:
			b.WriteString("\n")
		}
	}
	return b.String()
}

// splitOps cuts text into Write calls at random byte offsets (splitting
// UTF-8 sequences and escapes too), sometimes with a Flush in between.
func splitOps(r *rand.Rand, text string, flushes bool) []string {
	var ops []string
	for len(text) > 0 {
		n := 1 + r.Intn(len(text))
		if r.Intn(3) == 0 {
			n = len(text)
		}
		ops = append(ops, text[:n])
		text = text[n:]
		if flushes && r.Intn(6) == 0 {
			ops = append(ops, "")
		}
	}
	return ops
}

func genTabwriter(w *Writer) {
	// hand-picked
	kub := func(text ...string) twCase {
		return twCase{6, 4, 3, ' ', rememberWidths, text}
	}
	recTab(w, "kubectl-table", kub("NAME\tAGE\tREADY\tSTATUS\nfoo\t5m\tTrue\tRelease reconciliation succeeded\nlonger-name\t10d\tFalse\tinstall retries exhausted\n"))
	recTab(w, "kubectl-empty-cells", kub("NAME\t\tX\n\t\t\nabc\tdef\t\n"))
	recTab(w, "kubectl-remember", kub("A\tB\nlong-value-here\tx\n", "", "a\tb\n", "", "c\td\n"))
	recTab(w, "kubectl-remember-narrow-first", kub("a\tb\tc\n", "", "wider-value\tb\tc\n", "", "a\tb\tc\n"))
	recTab(w, "kubectl-unicode", kub("NAME\tVALUE\nжёлтый\t日本語\nplain\t🙂🙂\n"))
	recTab(w, "kubectl-no-newline", kub("NAME\tAGE\nfoo\t1m"))
	recTab(w, "kubectl-only-header", kub("NAME\tAGE\n"))
	recTab(w, "kubectl-nothing", kub())
	recTab(w, "kubectl-split-utf8", kub("NAME\tX\n\xe6", "\x97\xa5\tx\n"))
	base := func(minw, tabw, pad int, pc byte, flags uint, text ...string) twCase {
		return twCase{minw, tabw, pad, pc, flags, text}
	}
	recTab(w, "go-example-1", base(0, 8, 1, '.', gotab.AlignRight|gotab.Debug, "a\tb\tc\naa\tbb\tcc\naaa\t\naaaa\tdddd\teeee\n"))
	recTab(w, "go-example-2", base(5, 0, 1, ' ', gotab.AlignRight, "a\tb\tc\t\naa\tbb\tcc\t\naaa\tbbb\tccc\t\n"))
	recTab(w, "go-example-elastic", base(0, 8, 0, '\t', 0, "a\tb\tc\naaa\tbbbb\tc\naa\tbbb\tcccc\n"))
	recTab(w, "tabindent", base(0, 8, 1, ' ', gotab.TabIndent, "\t\tx\ty\n\tab\tcd\n\t\t\tz\n"))
	recTab(w, "tabindent-tw0", base(0, 0, 1, ' ', gotab.TabIndent, "\t\tx\ty\n\tab\tcd\n"))
	recTab(w, "discard", base(0, 8, 1, '.', gotab.DiscardEmptyColumns|gotab.Debug, "a\v\vb\n\v\vc\nd\v\ve\n"))
	recTab(w, "discard-hard", base(0, 8, 1, '.', gotab.DiscardEmptyColumns|gotab.Debug, "a\t\tb\n\t\tc\n"))
	recTab(w, "escape", base(0, 8, 1, '-', 0, "a\xff\tb\xff\tc\nxx\tyy\n"))
	recTab(w, "escape-strip", base(0, 8, 1, '-', gotab.StripEscape, "a\xff\tb\xff\tc\nxx\tyy\n"))
	recTab(w, "escape-open", base(0, 8, 1, '-', 0, "abc\txyz\nq\xffopen"))
	recTab(w, "escape-open-strip", base(0, 8, 1, '-', gotab.StripEscape, "abc\txyz\nq\xffopen"))
	recTab(w, "escape-only", base(0, 8, 1, '-', gotab.StripEscape, "\xff"))
	recTab(w, "html", base(0, 8, 1, '.', gotab.FilterHTML, "<b>bold</b>\t&amp;\tx\nplain\t&\tx\n"))
	recTab(w, "html-open", base(0, 8, 1, '.', gotab.FilterHTML, "a\t<b\tc\nd"))
	recTab(w, "formfeed-debug", base(0, 8, 1, '.', gotab.Debug, "a\tb\fcc\tdd\nx\ty\n"))
	recTab(w, "cr-is-text", base(0, 8, 1, '.', 0, "a\r\tb\nccc\td\n"))
	recTab(w, "padchar-tab-align-right", base(4, 4, 1, '\t', gotab.AlignRight, "a\tbb\nccccc\td\n"))
	recTab(w, "flush-mid-line", base(2, 4, 2, '*', 0, "ab\tc", "", "d\te\n"))

	r := rand.New(rand.NewSource(20260706))
	flagsets := []uint{0, rememberWidths, gotab.AlignRight, gotab.Debug, gotab.FilterHTML, gotab.StripEscape,
		gotab.DiscardEmptyColumns, gotab.TabIndent, gotab.Debug | gotab.DiscardEmptyColumns}
	padchars := []byte{' ', ' ', '.', '\t', '-', '0'}
	for i := 0; i < 1500; i++ {
		var c twCase
		if i%4 == 0 {
			c = twCase{6, 4, 3, ' ', rememberWidths, nil}
		} else {
			c.minwidth = r.Intn(9)
			c.tabwidth = r.Intn(9)
			c.padding = r.Intn(5)
			c.padchar = padchars[r.Intn(len(padchars))]
			if r.Intn(2) == 0 {
				c.flags = uint(r.Intn(128))
			} else {
				c.flags = flagsets[r.Intn(len(flagsets))]
			}
		}
		text := randomGridText(r)
		if r.Intn(3) == 0 {
			text += randomGridText(r)
		}
		c.ops = splitOps(r, text, r.Intn(2) == 0)
		recTab(w, fmt.Sprintf("random-%04d", i), c)
	}
}
