package ingest

import (
	"bytes"
	"errors"
	"fmt"
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
	const n = 1 << 18
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

// xrefStreamPDF writes a PDF whose cross-reference is a stream (compressed
// with the PNG-Up predictor, as Word and Acrobat write it) and whose font
// is in an object stream. With loop set, the font's object stream is said
// to be inside the font's, a loop the library would recurse on forever.
func xrefStreamPDF(loop bool) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	offs := map[int]int{}
	obj := func(n int, body string) {
		offs[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, body)
	}
	obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>")
	obj(4, stream("BT /F1 12 Tf 72 700 Td (Hello) Tj ET", ""))
	font := "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
	obj(6, stream("5 0 "+font, "/Type /ObjStm /N 1 /First 4"))
	// Entries of W [1 2 1]: type, offset or stream, generation or index.
	var rows []byte
	row := func(typ, f2, f3 int) { rows = append(rows, byte(typ), byte(f2>>8), byte(f2), byte(f3)) }
	row(0, 0, 255)
	for n := 1; n <= 4; n++ {
		row(1, offs[n], 0)
	}
	row(2, 6, 0) // 5 is in object stream 6
	if loop {
		row(2, 5, 0) // and 6 in 5
	} else {
		row(1, offs[6], 0)
	}
	row(1, b.Len(), 0) // 7, the xref stream itself
	// PNG Up: each row prefixed by 2 and stored as the difference from
	// the row above.
	var png []byte
	prev := make([]byte, 4)
	for i := 0; i < len(rows); i += 4 {
		png = append(png, 2)
		for j := 0; j < 4; j++ {
			png = append(png, rows[i+j]-prev[j])
		}
		copy(prev, rows[i:i+4])
	}
	x := b.Len()
	fmt.Fprintf(&b, "7 0 obj\n%s\nendobj\nstartxref\n%d\n%%%%EOF\n",
		stream(zlibOf(png), "/Type /XRef /Size 8 /W [1 2 1] /Root 1 0 R /Filter /FlateDecode /DecodeParms << /Columns 4 /Predictor 12 >>"), x)
	return b.Bytes()
}

func TestObjectStreams(t *testing.T) {
	doc, err := Read(t.Context(), bytes.NewReader(xrefStreamPDF(false)), "objstm.pdf")
	if err != nil || doc.Text != "Hello\n" {
		t.Errorf("Read(objstm.pdf) = %v, %v; want Hello", doc, err)
	}
	_, err = Read(t.Context(), bytes.NewReader(xrefStreamPDF(true)), "loop.pdf")
	if !errors.Is(err, ErrCorrupt) {
		t.Errorf("Read(loop.pdf) = %v; want ErrCorrupt", err)
	}
}
