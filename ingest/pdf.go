package ingest

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"

	"github.com/ledongthuc/pdf"
)

// Limits of the PDF reader. Each bounds work that a hostile file could make
// unbounded in the PDF library.
const (
	// maxPDFPages is the most pages read.
	maxPDFPages = 5000
	// maxPDFObjects is the most objects a PDF may declare (/Size, /Index,
	// xref subsections, /N of an object stream); the library allocates a
	// table entry for each.
	maxPDFObjects = 1 << 22
	// maxPDFInflated is the most that the document's compressed streams
	// (other than images, which are never unpacked) may unpack to in all.
	maxPDFInflated = 512 << 20
	// maxPDFContent is the most one page's content may unpack to.
	maxPDFContent = 64 << 20
	// pdfReadAllowance and pdfReadFactor bound the bytes the library may
	// read from the file: it re-reads objects on every use (an object in an
	// object stream costs a pass over that stream), so real files read
	// many times their size; a reference cycle would read forever.
	pdfReadAllowance = 2 << 30
	pdfReadFactor    = 64
	// maxPDFOps is the most content-stream operators interpreted.
	maxPDFOps = 50_000_000
	// maxPDFRuns is the most pieces of text kept.
	maxPDFRuns = 10_000_000
	// maxPDFNesting bounds form XObjects within forms, the page tree's
	// depth, the Parent chain of inherited attributes and saved graphics
	// states.
	maxPDFNesting = 64
)

// readPDF returns the text of a PDF's text layer, its lines rebuilt into
// paragraphs (see layout).
func readPDF(ctx context.Context, data []byte) (string, error) {
	data = trimAfterEOF(data)
	if err := checkPDF(ctx, data); err != nil {
		return "", err
	}
	g := &pdfFile{ctx: ctx, data: data, budget: pdfReadAllowance + pdfReadFactor*int64(len(data))}
	var pages [][]textRun
	var unmapped bool
	err := g.protect(func() error {
		r, err := pdf.NewReader(g, int64(len(data)))
		if err != nil {
			return openError(err)
		}
		list := pageList(r)
		if len(list) == 0 {
			return failf(ErrCorrupt, "the PDF has no pages that can be read; download it again, or open and re-save it")
		}
		ex := &extractor{g: g}
		for _, p := range list {
			if err := g.check(); err != nil {
				return err
			}
			runs, err := ex.page(p)
			if err != nil {
				return err
			}
			pages = append(pages, runs)
		}
		unmapped = ex.unmapped > 0 && ex.mapped == 0
		return nil
	})
	if err != nil {
		return "", err
	}
	text, err := joinParagraphs(layout(pages))
	if err != nil {
		if unmapped {
			return "", failf(ErrNoText, "the PDF's fonts do not say which characters they draw, so its text cannot be read; run OCR on it first")
		}
		return "", failf(ErrNoText, "the PDF has no text layer (a scan?); run OCR on it first")
	}
	return text, nil
}

// openError explains why the library could not open a PDF.
func openError(err error) error {
	msg := err.Error()
	if errors.Is(err, pdf.ErrInvalidPassword) || strings.Contains(msg, "encrypt") {
		return failf(ErrEncrypted, "the PDF is password-protected (%v); open it with the password and save or print it to a PDF without one", err)
	}
	return failf(ErrCorrupt, "the PDF's structure cannot be read (%v); download it again, or open and re-save it", err)
}

// trimAfterEOF cuts bytes after the last %%EOF, which downloads sometimes
// append and which hide the end of the file from the library.
func trimAfterEOF(data []byte) []byte {
	tail := data
	const look = 64 << 10
	if len(tail) > look {
		tail = tail[len(tail)-look:]
	}
	i := bytes.LastIndex(tail, []byte("%%EOF"))
	if i < 0 {
		return data
	}
	end := len(data) - len(tail) + i + len("%%EOF")
	if len(data)-end < 64 {
		return data
	}
	return data[:end]
}

// pdfFile is the file as the PDF library sees it: a ReaderAt that stops
// when ctx is done or when the library has read more than its budget, and
// that presents any %PDF-x.y header as one the library accepts.
type pdfFile struct {
	ctx          context.Context
	data         []byte
	read, budget int64
	err          error // sticky: once set, every read fails with it
}

var pdfHeader = []byte("%PDF-1.7\n")

func (g *pdfFile) ReadAt(p []byte, off int64) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	if err := g.ctx.Err(); err != nil {
		g.err = err
		return 0, err
	}
	g.read += int64(len(p))
	if g.read > g.budget {
		g.err = failf(ErrTooLarge, "reading the PDF took more than %d bytes of reads; its structure loops or is too large to read", g.budget)
		return 0, g.err
	}
	if off < 0 || off >= int64(len(g.data)) {
		return 0, io.EOF
	}
	n := copy(p, g.data[off:])
	if off < int64(len(pdfHeader)) {
		copy(p, pdfHeader[off:])
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// check returns the error that stops reading: ctx's, or the read budget's.
func (g *pdfFile) check() error {
	if g.err != nil {
		return g.err
	}
	if err := g.ctx.Err(); err != nil {
		g.err = err
	}
	return g.err
}

// abort carries an error out of the PDF library's callbacks by panicking.
type abort struct{ err error }

// protect runs fn, turning a panic inside the PDF library into an error:
// the library reports malformed input by panicking.
func (g *pdfFile) protect(fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if a, ok := r.(abort); ok {
				err = a.err
			} else {
				err = failf(ErrCorrupt, "the PDF is malformed (%v); download it again, or open and re-save it", r)
			}
		}
		// A read that failed for ctx or the budget shows up in the
		// library as some malformation; report the cause instead.
		if g.err != nil {
			err = g.err
		}
	}()
	return fn()
}

// stop panics with the reason to stop, if there is one; the extractor
// calls it from inside the library's callbacks.
func (g *pdfFile) stop() {
	if err := g.check(); err != nil {
		panic(abort{err})
	}
}

// pageList returns the document's pages in order, walking the page tree
// with bounds on its depth and size (a tree can loop).
func pageList(r *pdf.Reader) []pdf.Page {
	type item struct {
		v     pdf.Value
		depth int
	}
	var pages []pdf.Page
	stack := []item{{r.Trailer().Key("Root").Key("Pages"), 0}}
	visits := 0
	for len(stack) > 0 && len(pages) < maxPDFPages && visits < 4*maxPDFPages {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		visits++
		v := it.v
		if v.Kind() != pdf.Dict {
			continue
		}
		kids := v.Key("Kids")
		typ := v.Key("Type").Name()
		if typ == "Pages" || typ != "Page" && kids.Kind() == pdf.Array {
			if it.depth >= maxPDFNesting {
				continue
			}
			n := min(kids.Len(), 4*maxPDFPages)
			for i := n - 1; i >= 0; i-- {
				stack = append(stack, item{kids.Index(i), it.depth + 1})
			}
			continue
		}
		pages = append(pages, pdf.Page{V: v})
	}
	return pages
}

// inherited looks key up in the page and its ancestors, as resources and
// boxes are inherited, along at most maxPDFNesting parents.
func inherited(v pdf.Value, key string) pdf.Value {
	for i := 0; i < maxPDFNesting && v.Kind() == pdf.Dict; i++ {
		if x := v.Key(key); !x.IsNull() {
			return x
		}
		v = v.Key("Parent")
	}
	return pdf.Value{}
}

// streamSize returns how many bytes the stream (or array of streams) v
// unpacks to, reading at most limit+1 of them.
func streamSize(v pdf.Value, limit int64) int64 {
	if v.Kind() == pdf.Array {
		var n int64
		for i := 0; i < v.Len() && n <= limit; i++ {
			n += streamSize(v.Index(i), limit-n)
		}
		return n
	}
	if v.Kind() != pdf.Stream {
		return 0
	}
	rc := v.Reader()
	defer rc.Close()
	n, _ := io.CopyN(io.Discard, rc, limit+1)
	return n
}

// streamBytes returns the unpacked bytes of stream v, at most limit of them
// and whether there were more.
func streamBytes(v pdf.Value, limit int64) ([]byte, bool) {
	if v.Kind() != pdf.Stream {
		return nil, false
	}
	rc := v.Reader()
	defer rc.Close()
	b, _ := io.ReadAll(io.LimitReader(rc, limit+1))
	if int64(len(b)) > limit {
		return nil, true
	}
	return b, false
}
