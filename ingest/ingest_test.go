package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/reportbot/reportbot/report"
)

// shape is what a fixture must keep of the seed's parse: the parts and
// sections by number and title, and the figures by raw text, value, unit
// and kind. Spans differ between formats, so they are not compared.
type shape struct {
	Parts    []string
	Sections []string
	Figures  []string
}

func shapeOf(r *report.Report) shape {
	var s shape
	for _, p := range r.Parts {
		s.Parts = append(s.Parts, p.Number+" "+p.Title)
		for _, sec := range p.Sections {
			s.Sections = append(s.Sections, fmt.Sprintf("%s %s [%s]", sec.Number, sec.Title, sec.Kind))
		}
	}
	for _, f := range r.Figures {
		s.Figures = append(s.Figures, fmt.Sprintf("%s = %g %s (%s)", f.Raw, f.Value, f.Unit, f.Kind))
	}
	return s
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestFixtures reads the seed report in every format and checks that each
// parses to the same parts, sections and figures as the UTF-8 text, and
// that the text encodings give the text itself.
func TestFixtures(t *testing.T) {
	seed := string(readFixture(t, "seed.txt"))
	want, err := report.ParseString(seed)
	if err != nil {
		t.Fatalf("report.ParseString(seed.txt): %v", err)
	}
	wantShape := shapeOf(want)
	if len(wantShape.Parts) == 0 || len(wantShape.Figures) == 0 {
		t.Fatalf("seed parses to %d parts and %d figures; the comparison would be empty", len(wantShape.Parts), len(wantShape.Figures))
	}
	tests := []struct {
		file     string
		format   Format
		encoding string
		same     bool // the text is the seed's, byte for byte
	}{
		{"seed.txt", TXT, "UTF-8", true},
		{"seed.utf8bom.txt", TXT, "UTF-8 (BOM)", true},
		{"seed.utf16le.txt", TXT, "UTF-16LE", true},
		{"seed.gbk.txt", TXT, "GB18030", true},
		{"seed.html", HTML, "GBK", false},
		{"seed.docx", DOCX, "", false},
		{"seed.pdf", PDF, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			rep, doc, err := Load(t.Context(), filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatalf("Load(%s): %v", tt.file, err)
			}
			if doc.Format != tt.format || doc.Encoding != tt.encoding || doc.Name != tt.file {
				t.Errorf("Load(%s) = format %q, encoding %q, name %q; want %q, %q, %q",
					tt.file, doc.Format, doc.Encoding, doc.Name, tt.format, tt.encoding, tt.file)
			}
			if !utf8.ValidString(doc.Text) {
				t.Errorf("Load(%s): text is not valid UTF-8", tt.file)
			}
			if tt.same && doc.Text != seed {
				t.Errorf("Load(%s): text differs from seed.txt:\n%s", tt.file, cmp.Diff(seed, doc.Text))
			}
			if diff := cmp.Diff(wantShape, shapeOf(rep)); diff != "" {
				t.Errorf("Load(%s): parse differs from seed.txt (-want +got):\n%s", tt.file, diff)
			}
		})
	}
}

// TestPDFSpaced checks how a PDF's lines are joined when the text has
// English words and numbers written with spaces: spaces inside a line are
// kept, wrapped English words get their space back, Chinese text none.
func TestPDFSpaced(t *testing.T) {
	doc, err := ReadFile(t.Context(), "testdata/spaced.pdf")
	if err != nil {
		t.Fatal(err)
	}
	want := string(readFixture(t, "spaced.txt"))
	if doc.Text != want {
		t.Errorf("ReadFile(spaced.pdf) text:\n%s", cmp.Diff(want, doc.Text))
	}
}

// TestPDFDropsFurniture checks that the seed PDF's running header (the
// title at the top of every page) and page numbers (—1—) are gone while
// the title itself stays, once.
func TestPDFDropsFurniture(t *testing.T) {
	doc, err := ReadFile(t.Context(), "testdata/seed.pdf")
	if err != nil {
		t.Fatal(err)
	}
	lines := splitLines(doc.Text)
	if n := count(lines, "2024年观湖街道党工委工作报告"); n != 1 {
		t.Errorf("ReadFile(seed.pdf): the title appears on %d lines, want 1 (headers dropped, title kept)", n)
	}
	for _, l := range lines {
		if pageNumberRE.MatchString(l) {
			t.Errorf("ReadFile(seed.pdf): page number line %q kept", l)
		}
	}
}

// TestDocumentNames checks Name and Path for files and for readers.
func TestDocumentNames(t *testing.T) {
	path := filepath.Join("testdata", "short.txt")
	doc, err := ReadFile(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Name != "short.txt" || doc.Path != path {
		t.Errorf("ReadFile(%s) = name %q, path %q; want short.txt, %s", path, doc.Name, doc.Path, path)
	}
}

func splitLines(s string) []string {
	var out []string
	for len(s) > 0 {
		i := 0
		for i < len(s) && s[i] != '\n' {
			i++
		}
		out = append(out, s[:i])
		if i < len(s) {
			i++
		}
		s = s[i:]
	}
	return out
}

func count(xs []string, x string) int {
	n := 0
	for _, y := range xs {
		if y == x {
			n++
		}
	}
	return n
}
