package ingest

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// sentinels is every error a failed Read may wrap.
var sentinels = []error{ErrUnsupported, ErrEncoding, ErrNoText, ErrEncrypted, ErrTooLarge, ErrCorrupt}

// checkRead reads data as name and checks the properties that hold for any
// input: no panic (the fuzzer sees one), a result within a time bound, an
// *Error wrapping a sentinel on failure, and valid UTF-8 text that is not
// empty on success.
func checkRead(t *testing.T, data []byte, name string) *Document {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	doc, err := Read(ctx, bytes.NewReader(data), name)
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("Read(%s) error %v (%T) is not an *Error", name, err, err)
		}
		for _, s := range sentinels {
			if errors.Is(err, s) {
				return nil
			}
		}
		t.Fatalf("Read(%s) error %v wraps no sentinel", name, err)
	}
	if !utf8.ValidString(doc.Text) {
		t.Fatalf("Read(%s) text is not valid UTF-8: %q", name, doc.Text)
	}
	if strings.TrimFunc(doc.Text, isSpace) == "" {
		t.Fatalf("Read(%s) returned no text and no error", name)
	}
	return doc
}

func addFixtures(f *testing.F, names ...string) {
	for _, n := range names {
		f.Add(readFixture(f, n))
	}
}

func FuzzReadTXT(f *testing.F) {
	addFixtures(f, "short.txt", "spaced.txt")
	for _, s := range []string{"", "\ufeff", "\xff\xfe", "\xfe\xff\x00a", "a\r\nb\rc", "\xc4\xe3\xba\xc3", "\x00\x00"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc := checkRead(t, data, "report.txt")
		// UTF-8 text comes back byte for byte, less a BOM.
		if doc != nil && doc.Format == TXT && strings.HasPrefix(doc.Encoding, "UTF-8") {
			want := strings.TrimPrefix(string(data), "\ufeff")
			if doc.Text != want {
				t.Fatalf("Read(%q) = %q; want the input (less a BOM)", data, doc.Text)
			}
		}
	})
}

func FuzzReadHTML(f *testing.F) {
	f.Add(readFixture(f, "seed.html")[:4096])
	for _, s := range []string{
		"<html><body><p>一、总结</p></body></html>",
		"<!DOCTYPE html><div><ul><li><a>a</a></li></ul><p>正文<br>第二段</p></div>",
		"<meta charset=gbk><p>\xc4\xe3</p>",
		"<pre>a\n b</pre><table><tr><td>1</td></tr></table>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRead(t, data, "page.html")
	})
}

func FuzzReadDOCX(f *testing.F) {
	addFixtures(f, "short.docx", "spaced.docx")
	f.Add(buildDOCX(f, `<w:p><w:r><w:t>一</w:t><w:tab/><w:br/></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>5%</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRead(t, data, "report.docx")
	})
}

func FuzzReadPDF(f *testing.F) {
	addFixtures(f, "short.pdf")
	f.Add(onePagePDF("BT /F1 12 Tf 72 700 Td (Hello) Tj T* [(wor) -250 (ld)] TJ ET"))
	f.Add(encryptedPDF())
	f.Add(fontsPDF())
	f.Add(xrefStreamPDF(false))
	f.Add(xrefStreamPDF(true))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRead(t, data, "report.pdf")
	})
}
