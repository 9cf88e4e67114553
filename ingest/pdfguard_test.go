package ingest

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// TestCheckPDFCounts checks the object counts the library would allocate
// for, however they are spelled.
func TestCheckPDFCounts(t *testing.T) {
	tests := []struct {
		raw  string
		want error
	}{
		{"trailer << /Size 12 >>", nil},
		{"trailer << /Size 99999999999 >>", ErrTooLarge},
		{"trailer << /Si#7Ae 99999999999 >>", ErrTooLarge},
		{"<< /Type /ObjStm /N 99999999999 >>", ErrTooLarge},
		{"<< /Type /XRef /Index [0 5 99999999999 1] >>", ErrTooLarge},
		{"<< /Type /XRef /W [1 2 99999999999] >>", ErrCorrupt},
		{"<< /W [1 [500 600] 3 5 700] >>", nil}, // a CID font's widths
		{"xref\n99999999999 1\n0000000000 65535 f \ntrailer << >>\nstartxref\n0\n%%EOF", ErrTooLarge},
		{"xref\n0 1\n0000000000 65535 f \n99999999999 1\n0000000000 00000 n \ntrailer << >>\nstartxref\n0\n%%EOF", ErrTooLarge},
		// Not at an offset the library reads, so not its business.
		{"% xref\n99999999999 1\n", nil},
	}
	for _, tt := range tests {
		err := checkPDF(t.Context(), []byte(tt.raw))
		if tt.want == nil && err != nil || tt.want != nil && !errors.Is(err, tt.want) {
			t.Errorf("checkPDF(%q) = %v; want %v", tt.raw, err, tt.want)
		}
	}
}

// TestCheckPDFLinear runs the checks on inputs built to make naive scans
// quadratic (every occurrence rescanning the rest of the file); they must
// finish in about the time of one pass.
func TestCheckPDFLinear(t *testing.T) {
	const n = 1 << 20
	for _, unit := range []string{"stream\n", "/W [1 ", "xref 0 4000000\n%xref\n", "startxref 0\n", "/Prev 0 "} {
		data := []byte("xref\n0 4000000\n" + strings.Repeat(unit, n/len(unit)))
		if err := checkPDF(t.Context(), data); err != nil && !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrTooLarge) {
			t.Errorf("checkPDF(%q × %d) = %v", unit, n/len(unit), err)
		}
	}
}

// TestPDFHeader reads a PDF 2.0 file and one with bytes after %%EOF, which
// the library alone refuses.
func TestPDFHeader(t *testing.T) {
	data := onePagePDF("BT /F1 12 Tf 72 700 Td (Hello) Tj ET")
	v2 := append([]byte("%PDF-2.0"), data[len("%PDF-1.4"):]...)
	tail := append(append([]byte{}, data...), bytes.Repeat([]byte("<html>junk</html>\n"), 20)...)
	for name, b := range map[string][]byte{"v2": v2, "tail": tail} {
		doc, err := Read(t.Context(), bytes.NewReader(b), name+".pdf")
		if err != nil || doc.Text != "Hello\n" {
			t.Errorf("Read(%s.pdf) = %v, %v; want Hello", name, doc, err)
		}
	}
}
