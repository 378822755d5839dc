// Package vecio writes the oracle vector files of tests/vectors: records of
// TAB-separated fields, escaped as tests/support/vec.h reads them, plus the
// suite registry and main loop the oracle programs share.  Every oracle
// module under tests/oracle uses it through a replace line in its go.mod
// (replace cozypkg.test/oracle/vecio => ../vecio), so the format lives here
// once.
package vecio

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

// Escape makes a field safe for one line: \\ \t \n \r, control bytes and
// invalid UTF-8 as \xHH; valid UTF-8 stays as it is, except the code points
// editors break lines at (U+0085, U+2028, U+2029, U+FEFF), written byte by
// byte as \xHH.
func Escape(s string) string {
	var sb strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\':
			sb.WriteString(`\\`)
		case c == '\t':
			sb.WriteString(`\t`)
		case c == '\n':
			sb.WriteString(`\n`)
		case c == '\r':
			sb.WriteString(`\r`)
		case c < 0x20 || c == 0x7f:
			fmt.Fprintf(&sb, `\x%02x`, c)
		case c < 0x80:
			sb.WriteByte(c)
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size <= 1 {
				fmt.Fprintf(&sb, `\x%02x`, c)
			} else if r == 0x2028 || r == 0x2029 || r == 0x85 || r == 0xfeff {
				for j := 0; j < size; j++ {
					fmt.Fprintf(&sb, `\x%02x`, s[i+j])
				}
			} else {
				sb.WriteString(s[i : i+size])
			}
			i += size
			continue
		}
		i++
	}
	return sb.String()
}

// Writer writes one .vec file.  Record names must be unique within it.
type Writer struct {
	b     *bufio.Writer
	f     *os.File
	names map[string]bool
	n     int
}

// Create creates (truncates) the vector file at path.
func Create(path string) (*Writer, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	return &Writer{b: bufio.NewWriter(f), f: f, names: map[string]bool{}}, nil
}

// MustCreate is Create for mains: it exits with the error on failure.
func MustCreate(path string) *Writer {
	w, err := Create(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	return w
}

// Rec writes one record; the first field is its name and must be unique.
func (w *Writer) Rec(name string, fields ...string) {
	if w.names[name] {
		panic("duplicate vector name " + name)
	}
	w.names[name] = true
	w.b.WriteString(Escape(name))
	for _, f := range fields {
		w.b.WriteByte('\t')
		w.b.WriteString(Escape(f))
	}
	w.b.WriteByte('\n')
	w.n++
}

// Comment writes a '#' line (ignored by the reader), escaped like a field.
func (w *Writer) Comment(s string) { w.b.WriteString("# " + Escape(s) + "\n") }

// Raw writes s unescaped: header lines a generator spells out itself.
func (w *Writer) Raw(s string) { w.b.WriteString(s) }

// Printf is Raw with fmt formatting.
func (w *Writer) Printf(format string, a ...interface{}) { fmt.Fprintf(w.b, format, a...) }

// N is the number of records written so far.
func (w *Writer) N() int { return w.n }

// Close flushes the buffer and closes the file.
func (w *Writer) Close() error {
	err := w.b.Flush()
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// MustClose is Close for mains: it exits with the error on failure.
func (w *Writer) MustClose() {
	if err := w.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// Suites is the registry of one oracle program: suites register in init()
// and Run writes <dir>/<Prefix><suite>.vec for each.
type Suites struct {
	Prog   string                    // for messages: "values oracle"
	Prefix string                    // file name prefix: "values_"
	Header func(suite string) string // text of the first (comment) line
	fns    map[string]func(w *Writer)
}

// Register adds a suite; a name registered twice is a bug.
func (s *Suites) Register(name string, fn func(w *Writer)) {
	if s.fns == nil {
		s.fns = map[string]func(w *Writer){}
	}
	if s.fns[name] != nil {
		panic("suite registered twice: " + name)
	}
	s.fns[name] = fn
}

// Run writes the named suites (every registered one, in name order, when
// names is empty) into dir, reporting each file and its count on stderr.
// An unknown suite name exits with status 2, before anything is written.
func (s *Suites) Run(dir string, names []string) {
	if len(names) == 0 {
		for n := range s.fns {
			names = append(names, n)
		}
		sort.Strings(names)
	}
	for _, n := range names {
		if s.fns[n] == nil {
			fmt.Fprintf(os.Stderr, "%s: no suite %q\n", s.Prog, n)
			os.Exit(2)
		}
	}
	for _, n := range names {
		path := filepath.Join(dir, s.Prefix+n+".vec")
		w := MustCreate(path)
		w.Comment(s.Header(n))
		s.fns[n](w)
		w.MustClose()
		fmt.Fprintf(os.Stderr, "%s: %d vectors\n", path, w.n)
	}
}

// Main is the whole main of a registry oracle: flags -out DIR (default
// defaultOut), then the suites to write (default all).
func (s *Suites) Main(defaultOut string) {
	out := flag.String("out", defaultOut, "directory for .vec files")
	flag.Parse()
	s.Run(*out, flag.Args())
}
