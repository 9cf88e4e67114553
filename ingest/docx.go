package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strings"
)

// Limits against zip bombs: the most a .docx's parts may unpack to.
const (
	maxDocxPart  = 256 << 20 // word/document.xml
	maxDocxRels  = 1 << 20   // _rels/.rels
	maxDocxParts = 100000    // entries in the zip
)

// docxPartLimit is maxDocxPart, lowered by tests.
var docxPartLimit int64 = maxDocxPart

// WordprocessingML namespaces. The transitional namespace is what Word
// writes; strict documents use the other.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

// readDOCX returns the paragraphs of a .docx's main document: each w:p is
// one line of its w:t text, with w:tab as a tab and w:br and w:cr ending
// the line; a table's cells give their paragraphs in reading order.
// Deleted text (tracked changes), field instructions and the fallback copy
// of alternate content are left out.
func readDOCX(ctx context.Context, data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", failf(ErrCorrupt, "not a readable zip (%v); the .docx is damaged or cut off: download it again or re-save it in Word", err)
	}
	if len(zr.File) > maxDocxParts {
		return "", failf(ErrTooLarge, "the zip holds %d parts", len(zr.File))
	}
	part := mainPart(zr)
	f := findFile(zr, part)
	if f == nil {
		if findFile(zr, "xl/workbook.xml") != nil {
			return "", failf(ErrUnsupported, "an Excel workbook, not a Word document; save the report as .docx or .txt")
		}
		if findFile(zr, "content.xml") != nil {
			return "", failf(ErrUnsupported, "an OpenDocument file (.odt?); save it as .docx or .txt")
		}
		if findFile(zr, "EncryptedPackage") != nil {
			return "", failf(ErrEncrypted, "a password-protected document; remove the password and save it again")
		}
		return "", failf(ErrUnsupported, "a zip archive without word/document.xml, not a .docx; unpack it or save the report as .docx")
	}
	if f.Flags&0x1 != 0 {
		return "", failf(ErrEncrypted, "the zip is encrypted; remove the password and save it again")
	}
	rc, err := f.Open()
	if err != nil {
		return "", docxZipError(err)
	}
	defer rc.Close()
	lr := &limitedReader{r: rc, n: docxPartLimit}
	paras, err := docxParagraphs(ctx, lr)
	if lr.over {
		return "", failf(ErrTooLarge, "%s unpacks to more than %d bytes (a zip bomb?)", part, docxPartLimit)
	}
	if err != nil {
		return "", err
	}
	text, err := joinParagraphs(paras)
	if err != nil {
		return "", failf(ErrNoText, "the document has no text; if it holds scanned pages as pictures, run OCR first")
	}
	return text, nil
}

func docxZipError(err error) error {
	switch {
	case errors.Is(err, zip.ErrAlgorithm):
		return failf(ErrUnsupported, "the .docx uses a compression method Go cannot read; re-save it in Word")
	case errors.Is(err, zip.ErrChecksum), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, zip.ErrFormat):
		return failf(ErrCorrupt, "the .docx is damaged or cut off (%v); download it again or re-save it in Word", err)
	}
	return failf(ErrCorrupt, "the .docx cannot be unpacked (%v); re-save it in Word", err)
}

// mainPart returns the name of the main document part from the package
// relationships, or word/document.xml when they do not say.
func mainPart(zr *zip.Reader) string {
	const def = "word/document.xml"
	f := findFile(zr, "_rels/.rels")
	if f == nil {
		return def
	}
	rc, err := f.Open()
	if err != nil {
		return def
	}
	defer rc.Close()
	var rels struct {
		Rel []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.NewDecoder(io.LimitReader(rc, maxDocxRels)).Decode(&rels); err != nil {
		return def
	}
	for _, r := range rels.Rel {
		if strings.HasSuffix(r.Type, "/officeDocument") && r.Target != "" {
			return strings.TrimPrefix(path.Clean("/"+r.Target), "/")
		}
	}
	return def
}

// findFile finds a zip entry by name, ignoring case and a leading slash as
// some writers differ there.
func findFile(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if strings.EqualFold(strings.TrimPrefix(f.Name, "/"), name) {
			return f
		}
	}
	return nil
}

// docxParagraphs reads the paragraphs of a document part.
func docxParagraphs(ctx context.Context, r io.Reader) ([]string, error) {
	d := xml.NewDecoder(r)
	d.Strict = false
	var (
		paras []string
		stack []*strings.Builder // open paragraphs, innermost last
		skip  int                // depth inside content that is left out
		inT   bool               // inside w:t
	)
	cur := func() *strings.Builder {
		if len(stack) == 0 {
			return nil
		}
		return stack[len(stack)-1]
	}
	endLine := func() {
		if b := cur(); b != nil {
			paras = append(paras, b.String())
			b.Reset()
		}
	}
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			if errors.Is(err, errLimit) {
				return nil, err
			}
			if errors.Is(err, zip.ErrChecksum) || errors.Is(err, io.ErrUnexpectedEOF) {
				return nil, docxZipError(err)
			}
			return nil, failf(ErrCorrupt, "word/document.xml is not well-formed XML (%v); re-save the document in Word", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skip > 0 {
				skip++
				continue
			}
			switch {
			case isSkipped(t.Name):
				skip = 1
			case isW(t.Name, "p"):
				stack = append(stack, &strings.Builder{})
			case isW(t.Name, "t"):
				inT = true
			case isW(t.Name, "tab"), isW(t.Name, "ptab"):
				if b := cur(); b != nil {
					b.WriteByte('\t')
				}
			case isW(t.Name, "br"), isW(t.Name, "cr"):
				endLine()
			case isW(t.Name, "noBreakHyphen"):
				if b := cur(); b != nil {
					b.WriteByte('-')
				}
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			switch {
			case isW(t.Name, "t"):
				inT = false
			case isW(t.Name, "p"):
				endLine()
				if len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
			}
		case xml.CharData:
			if inT && skip == 0 {
				if b := cur(); b != nil {
					b.Write(t)
				}
			}
		}
	}
	return paras, nil
}

func isW(n xml.Name, local string) bool {
	return n.Local == local && (n.Space == nsW || n.Space == nsWStrict)
}

// isSkipped reports elements whose text is not the document's: deleted
// runs, field instructions, the fallback copy of alternate content.
func isSkipped(n xml.Name) bool {
	switch {
	case isW(n, "del"), isW(n, "delText"), isW(n, "instrText"), isW(n, "delInstrText"):
		return true
	case n.Space == nsMC && n.Local == "Fallback":
		return true
	}
	return false
}

// errLimit is returned by limitedReader past its limit.
var errLimit = errors.New("size limit reached")

// limitedReader reads at most n bytes and then fails, recording that the
// limit was hit, where io.LimitReader would just stop.
type limitedReader struct {
	r    io.Reader
	n    int64
	over bool
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		l.over = true
		return 0, errLimit
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}
