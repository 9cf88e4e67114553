package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/reportbot/reportbot/report"
)

// MaxSize is the largest input ingest reads, in bytes (64 MiB, the same
// limit as [report.MaxSize]).
const MaxSize = 64 << 20

// Format is the kind of file a document was read from.
type Format string

// The formats ingest reads.
const (
	TXT  Format = "txt"
	HTML Format = "html"
	DOCX Format = "docx"
	PDF  Format = "pdf"
)

// Document is a report as read from a file, with the text that
// [report.Parse] gets.
type Document struct {
	Name   string // the file's base name: report.pdf
	Path   string // the path it was read from, or the name given to Read
	Format Format
	// Encoding is how the text was encoded: "UTF-8", "UTF-8 (BOM)",
	// "UTF-16LE", "UTF-16BE", "GB18030" for text files; the page's charset
	// for HTML ("UTF-8", "GBK", …); "" for .docx and .pdf.
	Encoding string
	// Text is the report's text. Spans of the parsed report are code points
	// of this string. For a UTF-8 .txt it is the file byte for byte (less a
	// leading BOM); see [Read] for what other formats normalise.
	Text string
}

// ReadFile reads the report at path: a .txt in UTF-8, UTF-16 or GB18030, a
// saved web page, a .docx or a .pdf. See [Read] for how the format is chosen
// and what the text is. It returns an [*Error] wrapping [ErrTooLarge] for a
// file over [MaxSize] bytes without reading it, and the *os.PathError of a
// file that cannot be opened.
func ReadFile(ctx context.Context, path string) (*Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("ingest: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("ingest: %w", err)
	}
	if st.IsDir() {
		return nil, fmt.Errorf("ingest: %s is a directory; use Walk to list the reports in it", path)
	}
	if st.Size() > MaxSize {
		return nil, &Error{Path: path, Err: failf(ErrTooLarge, "%d bytes, more than %d; split the report", st.Size(), MaxSize)}
	}
	return Read(ctx, f, path)
}

// Read reads a report from r. name is the file's name or path; its
// extension is used only when the content does not say what it is. The
// format is recognised from the content first: %PDF, a zip holding
// word/document.xml, an HTML start (<!DOCTYPE html, <html …), byte-order
// marks; then from the extension.
//
// What the text is, by format:
//   - .txt in UTF-8 (with or without a BOM): the file's bytes, less the BOM.
//     Nothing is normalised, so spans can be checked against the file.
//   - .txt in UTF-16 (with a BOM, or without one when its NULs show it) or
//     GB18030/GBK: the text decoded, with \r\n and \r turned into \n.
//   - .html, .docx, .pdf: one paragraph per line, each trimmed of
//     surrounding white space, empty paragraphs dropped, lines ending in \n;
//     control characters other than \t are dropped and the text is valid
//     UTF-8.
//
// Read honours ctx between steps of its work and returns ctx's error when
// it is done. A file that cannot be read gets an [*Error] wrapping one of
// [ErrUnsupported], [ErrEncoding], [ErrNoText], [ErrEncrypted],
// [ErrTooLarge] or [ErrCorrupt]. Read never panics on any input.
func Read(ctx context.Context, r io.Reader, name string) (*Document, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(ctxReader{ctx, r}, MaxSize+1))
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, ctxErr
		}
		return nil, fmt.Errorf("ingest: read %s: %w", name, err)
	}
	doc := &Document{Name: filepath.Base(name), Path: name}
	if name == "" {
		doc.Name = ""
	}
	if len(data) > MaxSize {
		return nil, &Error{Path: name, Err: failf(ErrTooLarge, "more than %d bytes; split the report", MaxSize)}
	}
	doc.Format, err = detect(data, name)
	if err == nil {
		err = doc.decode(ctx, data)
	}
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return nil, err
		}
		return nil, &Error{Path: name, Format: doc.Format, Err: err}
	}
	return doc, nil
}

// Load reads the report at path with [ReadFile] and parses its text with
// [report.ParseString]. A parse failure keeps its *report.ParseError.
func Load(ctx context.Context, path string) (*report.Report, *Document, error) {
	doc, err := ReadFile(ctx, path)
	if err != nil {
		return nil, nil, err
	}
	rep, err := report.ParseString(doc.Text)
	if err != nil {
		return nil, doc, fmt.Errorf("ingest: parse %s: %w", path, err)
	}
	return rep, doc, nil
}

func (d *Document) decode(ctx context.Context, data []byte) error {
	var err error
	switch d.Format {
	case PDF:
		d.Text, err = readPDF(ctx, data)
	case DOCX:
		d.Text, err = readDOCX(ctx, data)
	case HTML:
		d.Text, d.Encoding, err = readHTML(ctx, data)
	default:
		d.Text, d.Encoding, err = decodeText(data)
	}
	return err
}

// ctxReader stops reading once ctx is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// Signatures of files that are not reports in a readable form.
var (
	magicOLE2 = []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}
	magicZip  = []byte("PK\x03\x04")
	magicZip0 = []byte("PK\x05\x06") // an empty zip
)

// other names binary formats by their first bytes, with what to do.
var other = []struct {
	magic string
	what  string
}{
	{"{\\rtf", "an RTF document; save it as .docx or .txt"},
	{"\x89PNG\r\n\x1a\n", "a PNG image; run OCR first and save the text as .txt"},
	{"\xff\xd8\xff", "a JPEG image; run OCR first and save the text as .txt"},
	{"GIF8", "a GIF image; run OCR first and save the text as .txt"},
	{"II*\x00", "a TIFF image; run OCR first and save the text as .txt"},
	{"MM\x00*", "a TIFF image; run OCR first and save the text as .txt"},
	{"\x1f\x8b", "a gzip archive; unpack it first"},
	{"7z\xbc\xaf\x27\x1c", "a 7z archive; unpack it first"},
	{"Rar!\x1a\x07", "a RAR archive; unpack it first"},
	{"\x7fELF", "a program, not a report"},
	{"MZ", "a Windows program, not a report"},
}

// detect says what format data is in, from its content and then from the
// extension of name. It returns an error for formats that are recognised
// but not read.
func detect(data []byte, name string) (Format, error) {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return "", failf(ErrNoText, "the file is empty")
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return PDF, nil
	case bytes.HasPrefix(data, magicOLE2):
		return "", oleError(data)
	case bytes.HasPrefix(data, magicZip) || bytes.HasPrefix(data, magicZip0):
		return DOCX, nil
	}
	for _, o := range other {
		if bytes.HasPrefix(data, []byte(o.magic)) && (o.magic != "MZ" || ext == ".exe" || ext == ".dll") {
			return "", failf(ErrUnsupported, "%s", o.what)
		}
	}
	if looksHTML(data) {
		return HTML, nil
	}
	switch ext {
	case ".pdf":
		return PDF, nil
	case ".docx":
		return DOCX, nil
	case ".html", ".htm", ".xhtml", ".shtml":
		return HTML, nil
	case ".doc", ".wps":
		return "", failf(ErrUnsupported, "legacy Word %s; save it as .docx or .txt", ext)
	}
	return TXT, nil
}

// oleError explains an OLE2 compound file: a password-protected .docx is
// one (an EncryptedPackage stream inside), and so are legacy .doc, .xls,
// .ppt and WPS files.
func oleError(data []byte) error {
	switch {
	case bytes.Contains(data, utf16Name("EncryptedPackage")) || bytes.Contains(data, utf16Name("EncryptionInfo")):
		return failf(ErrEncrypted, "a password-protected Office document; remove the password in Word and save it again as .docx")
	case bytes.Contains(data, utf16Name("WordDocument")):
		return failf(ErrUnsupported, "legacy Word .doc (OLE2); save it as .docx or .txt")
	}
	return failf(ErrUnsupported, "a legacy Office file (OLE2 compound document); save it as .docx or .txt")
}

// utf16Name is s in UTF-16LE, as OLE2 directory entries store names.
func utf16Name(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

// looksHTML reports whether data starts like a web page: after an optional
// UTF-8 BOM, white space and comments, a doctype or one of the tags a page
// begins with.
func looksHTML(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if len(data) > 1024 {
		data = data[:1024]
	}
	s := strings.ToLower(string(data))
	for {
		s = strings.TrimLeft(s, " \t\r\n\f")
		switch {
		case strings.HasPrefix(s, "<!--"):
			i := strings.Index(s, "-->")
			if i < 0 {
				return false
			}
			s = s[i+3:]
			continue
		case strings.HasPrefix(s, "<?xml"):
			i := strings.Index(s, "?>")
			if i < 0 {
				return false
			}
			s = s[i+2:]
			continue
		}
		break
	}
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<title"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
