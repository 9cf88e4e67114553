package ingest

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

// oleFile is the start of an OLE2 compound file holding a stream named
// name, as legacy .doc files and password-protected .docx files are.
func oleFile(name string) []byte {
	b := append([]byte{}, magicOLE2...)
	b = append(b, make([]byte, 504)...)
	return append(b, utf16Name(name)...)
}

func randomBytes(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// repeatReader yields c forever. It fills with copy, which the race
// detector does not slow down byte by byte.
type repeatReader byte

var repeatChunk = bytes.Repeat([]byte{'a'}, 64<<10)

func (r repeatReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		n += copy(p[n:], repeatChunk)
	}
	return n, nil
}

// encryptedPDF is a PDF encrypted with a user password (its /U entry does
// not match the empty password).
func encryptedPDF() []byte {
	return buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [] /Count 0 >>",
		"<< /Filter /Standard /V 2 /R 3 /Length 128 /P -1340" +
			" /O <" + strings.Repeat("5a", 32) + "> /U <" + strings.Repeat("a5", 32) + "> >>",
	}, "/Encrypt 3 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]")
}

// zlibOf compresses b.
func zlibOf(b []byte) string {
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.String()
}

func TestErrors(t *testing.T) {
	seedDOCX := readFixture(t, "seed.docx")
	tests := []struct {
		name string
		data []byte
		want error
		says string // part of the message
	}{
		{"report.doc", oleFile("WordDocument"), ErrUnsupported, "save it as .docx or .txt"},
		{"report.docx", oleFile("EncryptedPackage"), ErrEncrypted, "remove the password"},
		{"report.xls", oleFile("Workbook"), ErrUnsupported, "legacy Office"},
		{"report.doc", []byte("some text that is not OLE2"), ErrUnsupported, "legacy Word .doc"},
		{"random.txt", randomBytes(4096), ErrEncoding, "binary data"},
		{"nul.txt", []byte("一、2023年\x00\x00\x01工作总结"), ErrEncoding, "NUL"},
		{"damaged.txt", append([]byte(strings.Repeat("全年规上工业总产值494.91亿元,", 4)), 0xff, 0xfe, 'x'), ErrEncoding, "invalid byte at offset"},
		{"cut.docx", seedDOCX[:len(seedDOCX)/2], ErrCorrupt, "damaged or cut off"},
		{"notword.docx", buildZip(t, map[string]string{"readme.txt": "hi"}), ErrUnsupported, "without word/document.xml"},
		{"book.xlsx", buildZip(t, map[string]string{"xl/workbook.xml": "<workbook/>"}), ErrUnsupported, "Excel"},
		{"bad.docx", buildZip(t, map[string]string{"word/document.xml": "<w:document><w:body><w:p>"}), ErrCorrupt, "not well-formed"},
		{"empty.docx", buildDOCX(t, "<w:p></w:p>"), ErrNoText, "no text"},
		{"locked.pdf", encryptedPDF(), ErrEncrypted, "password"},
		{"scan.pdf", onePagePDF("q 100 0 0 100 0 0 cm 0 0 m 1 1 l S Q"), ErrNoText, "run OCR"},
		{"broken.pdf", []byte("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"), ErrCorrupt, "cannot be read"},
		{"huge.pdf", buildPDF([]string{"<< /Type /Catalog >>"}, "/Size 99999999999"), ErrTooLarge, "objects"},
		{"bomb.pdf", onePagePDF(""), nil, ""}, // replaced below
		{"empty.txt", nil, ErrNoText, "empty"},
		{"blank.txt", []byte(" \n\t\u3000\n"), ErrNoText, "empty"},
		{"blank16.txt", []byte{0xff, 0xfe, ' ', 0, '\n', 0}, ErrNoText, "white space"},
		{"odd16.txt", []byte{0xff, 0xfe, 'a', 0, 'b'}, ErrEncoding, "odd number of bytes"},
		{"photo.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ErrUnsupported, "OCR"},
		{"empty.html", []byte("<!DOCTYPE html><html><body><script>x()</script></body></html>"), ErrNoText, "JavaScript"},
	}
	// A stream of zeros that unpacks past the inflate limit (lowered to
	// keep the test fast).
	defer func(n int64) { pdfInflateLimit = n }(pdfInflateLimit)
	pdfInflateLimit = 1 << 20
	bomb := zlibOf(make([]byte, pdfInflateLimit+1))
	tests[16].data = buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [] /Count 0 >>",
		stream(bomb, "/Filter /FlateDecode"),
	}, "")
	tests[16].want, tests[16].says = ErrTooLarge, "decompression bomb"

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(t.Context(), bytes.NewReader(tt.data), tt.name)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Read(%s) = %v, %v; want error %v", tt.name, doc, err, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) || e.Path != tt.name {
				t.Fatalf("Read(%s) error %v is not an *Error with Path %q", tt.name, err, tt.name)
			}
			if !strings.Contains(err.Error(), tt.says) {
				t.Errorf("Read(%s) error %q does not say %q", tt.name, err, tt.says)
			}
		})
	}
}

// TestTooLarge reads a stream one byte over MaxSize.
func TestTooLarge(t *testing.T) {
	if raceEnabled {
		t.Skip("reading 64 MiB takes seconds under the race detector; run without -race")
	}
	r := io.LimitReader(repeatReader('a'), MaxSize+1)
	_, err := Read(t.Context(), r, "big.txt")
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Read(MaxSize+1 bytes) = %v; want ErrTooLarge", err)
	}
}

// TestDOCXBomb reads a .docx whose document part unpacks past the limit.
func TestDOCXBomb(t *testing.T) {
	defer func(n int64) { docxPartLimit = n }(docxPartLimit)
	docxPartLimit = 1 << 20
	body := "<w:p><w:r><w:t>" + strings.Repeat("0", 2<<20) + "</w:t></w:r></w:p>"
	_, err := Read(t.Context(), bytes.NewReader(buildDOCX(t, body)), "bomb.docx")
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Read(bomb.docx) = %v; want ErrTooLarge", err)
	}
}

func TestContextCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	for _, name := range []string{"seed.txt", "seed.pdf", "seed.docx", "seed.html"} {
		_, err := Read(ctx, bytes.NewReader(readFixture(t, name)), name)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Read(%s) with a canceled context = %v; want context.Canceled", name, err)
		}
	}
}

// TestReadFileErrors checks the errors ReadFile adds: a missing file, a
// directory.
func TestReadFileErrors(t *testing.T) {
	if _, err := ReadFile(t.Context(), "testdata/nope.txt"); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("ReadFile(missing) = %v; want a not-found error", err)
	}
	if _, err := ReadFile(t.Context(), "testdata"); err == nil || !strings.Contains(err.Error(), "directory") {
		t.Errorf("ReadFile(testdata) = %v; want a directory error", err)
	}
}
