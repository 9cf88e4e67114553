package ingest

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/ascii85"
	"encoding/hex"
	"io"
	"slices"
)

// checkPDF looks over a PDF's raw bytes, before the library reads it, for
// what would make the library allocate or work without bound: object
// counts past maxPDFObjects in /Size, /Index, /N and cross-reference table
// subsections, a /W entry wide enough to allocate gigabytes, and
// compressed streams that unpack past the inflate limit in all. Each scan
// is linear in the file: no byte is read by two scans of the same kind.
func checkPDF(ctx context.Context, data []byte) error {
	prevs, err := checkCounts(data)
	if err != nil {
		return err
	}
	offs, err := xrefOffsets(data, prevs)
	if err != nil {
		return err
	}
	if err := checkXrefTables(data, offs); err != nil {
		return err
	}
	if err := checkObjectStreams(data, offs); err != nil {
		return err
	}
	return checkInflated(ctx, data)
}

// pdfScanner reads PDF tokens from a position in the raw bytes.
type pdfScanner struct {
	b []byte
	i int
}

func isPDFSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isPDFDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// skip passes white space and comments.
func (s *pdfScanner) skip() {
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case isPDFSpace(c):
			s.i++
		case c == '%':
			for s.i < len(s.b) && s.b[s.i] != '\n' && s.b[s.i] != '\r' {
				s.i++
			}
		default:
			return
		}
	}
}

// token returns the next token: a delimiter byte, or a run of regular
// characters. It returns nil at the end.
func (s *pdfScanner) token() []byte {
	s.skip()
	if s.i >= len(s.b) {
		return nil
	}
	start := s.i
	if isPDFDelim(s.b[s.i]) {
		s.i++
		return s.b[start:s.i]
	}
	for s.i < len(s.b) && !isPDFSpace(s.b[s.i]) && !isPDFDelim(s.b[s.i]) {
		s.i++
	}
	return s.b[start:s.i]
}

// pdfInt reads tok as an integer, as the library does (an optional sign,
// then digits), saturating at limit+1. ok is false for anything else.
func pdfInt(tok []byte, limit int64) (v int64, ok bool) {
	t := tok
	neg := false
	if len(t) > 0 && (t[0] == '+' || t[0] == '-') {
		neg = t[0] == '-'
		t = t[1:]
	}
	if len(t) == 0 {
		return 0, false
	}
	for _, c := range t {
		if c < '0' || c > '9' {
			return 0, false
		}
		if v <= limit {
			v = v*10 + int64(c-'0')
		}
	}
	if neg {
		return -v, true
	}
	return min(v, limit+1), true
}

// pdfInflateLimit is maxPDFInflated, lowered by tests.
var pdfInflateLimit int64 = maxPDFInflated

// maxXrefWidth bounds the entries of an xref stream's /W (and of anything
// else called /W): the library allocates their sum in bytes.
const maxXrefWidth = 1 << 20

// checkCounts checks the integers after every name /Size, /N, /Index and
// /W, and returns the offsets named by /Prev (earlier cross-reference
// sections).
func checkCounts(data []byte) (prevs []int64, err error) {
	for i := 0; i < len(data); {
		j := bytes.IndexByte(data[i:], '/')
		if j < 0 {
			break
		}
		name, end := pdfName(data, i+j+1)
		i = end
		var limit int64
		switch name {
		case "Size", "N", "Index":
			limit = maxPDFObjects
		case "Columns":
			limit = maxXrefWidth
		case "W":
			limit = maxXrefWidth
		case "Prev":
			s := pdfScanner{b: data, i: end}
			if v, ok := pdfInt(s.token(), int64(len(data))); ok && len(prevs) < maxXrefSections {
				prevs = append(prevs, v)
			}
			continue
		default:
			continue
		}
		s := pdfScanner{b: data, i: end}
		tok := s.token()
		if string(tok) == "[" {
			// Only integers: a scan never runs into the next name.
			for {
				at := s.i
				v, ok := pdfInt(s.token(), limit)
				if !ok {
					s.i = at
					break
				}
				if v > limit {
					return nil, tooMany(name)
				}
			}
			i = s.i
			continue
		}
		if v, ok := pdfInt(tok, limit); ok && v > limit {
			return nil, tooMany(name)
		}
	}
	return prevs, nil
}

func tooMany(name string) error {
	if name == "W" || name == "Columns" {
		return failf(ErrCorrupt, "the PDF declares rows wider than %d bytes (/%s); open and re-save it", maxXrefWidth, name)
	}
	return failf(ErrTooLarge, "the PDF declares more than %d objects (/%s); split it or re-save it", maxPDFObjects, name)
}

// pdfName reads the name starting at i (after its slash), decoding #xx
// escapes as the library does, and returns it with the index after it.
func pdfName(data []byte, i int) (string, int) {
	var b [16]byte
	n := 0
	for i < len(data) && !isPDFSpace(data[i]) && !isPDFDelim(data[i]) {
		c := data[i]
		if c == '#' && i+2 < len(data) && isHex(data[i+1]) && isHex(data[i+2]) {
			c = unhex(data[i+1])<<4 | unhex(data[i+2])
			i += 2
		}
		if n < len(b) {
			b[n] = c
		}
		n++
		i++
	}
	if n > len(b) {
		return "", i
	}
	return string(b[:n]), i
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// Limits of the cross-reference table check.
const (
	// maxXrefSections is the most sections (startxref and /Prev targets)
	// checked; a file with more is refused.
	maxXrefSections = 4096
	// maxXrefTokens is the most tokens read over all sections.
	maxXrefTokens = 16 * maxPDFObjects
)

// xrefOffsets returns where the library may look for cross-reference
// sections: after every startxref and at every /Prev, sorted, without
// repeats.
func xrefOffsets(data []byte, prevs []int64) ([]int64, error) {
	offs := prevs
	for i := 0; i < len(data); {
		j := bytes.Index(data[i:], []byte("startxref"))
		if j < 0 {
			break
		}
		s := pdfScanner{b: data, i: i + j + len("startxref")}
		if v, ok := pdfInt(s.token(), int64(len(data))); ok {
			offs = append(offs, v)
		}
		i = s.i
	}
	if len(offs) > maxXrefSections {
		return nil, failf(ErrCorrupt, "the PDF has more than %d cross-reference sections; open and re-save it", maxXrefSections)
	}
	slices.Sort(offs)
	offs = slices.Compact(offs)
	return offs, nil
}

// checkXrefTables checks the subsection headers (first object, count) of
// the cross-reference tables the library will read: at the offsets after
// every startxref and every /Prev. The library grows its table to the
// first object's number.
func checkXrefTables(data []byte, offs []int64) error {
	budget := maxXrefTokens
	for _, off := range offs {
		if off < 0 || off >= int64(len(data)) {
			continue
		}
		s := pdfScanner{b: data, i: int(off)}
		if string(s.token()) != "xref" {
			continue
		}
		for budget > 0 {
			first, ok1 := pdfInt(s.token(), maxPDFObjects)
			if !ok1 {
				break
			}
			count, ok2 := pdfInt(s.token(), maxPDFObjects)
			if first > maxPDFObjects || count > maxPDFObjects {
				return tooMany("xref")
			}
			if !ok2 {
				break
			}
			// The library reads count entries of three tokens each and
			// fails at the first that is not offset, generation, n or f.
			for k := int64(0); k < count && budget > 0; k++ {
				_, a := pdfInt(s.token(), 1<<62)
				_, b := pdfInt(s.token(), 1<<62)
				kw := string(s.token())
				budget -= 3
				if !a || !b || kw != "n" && kw != "f" {
					break
				}
			}
		}
		if budget <= 0 {
			return failf(ErrCorrupt, "the PDF's cross-reference tables are too long to check; open and re-save it")
		}
	}
	return nil
}

// checkInflated unpacks every compressed stream but images, counting what
// it unpacks to, and fails past pdfInflateLimit: a stream that unpacks to
// gigabytes (a decompression bomb) would take the library minutes.
func checkInflated(ctx context.Context, data []byte) error {
	budget := &countWriter{limit: pdfInflateLimit}
	last := 0 // where the previous stream keyword ended
	for i := 0; i < len(data); {
		j := bytes.Index(data[i:], []byte("stream"))
		if j < 0 {
			return nil
		}
		at := i + j
		i = at + len("stream")
		from := last
		last = i
		if at >= 3 && string(data[at-3:at]) == "end" {
			continue
		}
		start := i
		if start < len(data) && data[start] == '\r' {
			start++
		}
		if start < len(data) && data[start] == '\n' {
			start++
		}
		if start == i {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		// The dictionary is read back to the object's "obj", but never
		// past the previous stream keyword nor more than 4 KiB, so the
		// look-backs together read the file at most once.
		dict := data[max(from, at-4096):at]
		if k := bytes.LastIndex(dict, []byte("obj")); k >= 0 {
			dict = dict[k:]
		}
		if bytes.Contains(dict, []byte("/Image")) && !bytes.Contains(dict, []byte("/ObjStm")) && !bytes.Contains(dict, []byte("/XRef")) {
			continue // images are never unpacked
		}
		r := filtered(bytes.NewReader(data[start:]), streamFilters(dict))
		if r == nil {
			continue
		}
		io.Copy(budget, r)
		if budget.over {
			return failf(ErrTooLarge, "the PDF's streams unpack to more than %d bytes (a decompression bomb?)", pdfInflateLimit)
		}
	}
	return nil
}

// filtered returns r decoded by the filters the library knows (Flate,
// ASCII85, ASCIIHex), or nil when there are none or one it does not know.
func filtered(r io.Reader, filters []string) io.Reader {
	if len(filters) == 0 {
		return nil
	}
	for _, f := range filters {
		switch f {
		case "FlateDecode", "Fl":
			zr, err := zlib.NewReader(r)
			if err != nil {
				return nil
			}
			r = zr
		case "ASCII85Decode", "A85":
			r = ascii85.NewDecoder(&untilMarker{r: r, marker: '~'})
		case "ASCIIHexDecode", "AHx":
			r = hex.NewDecoder(&hexOnly{r: &untilMarker{r: r, marker: '>'}})
		default:
			return nil
		}
	}
	return r
}

// streamFilters returns the filter names of a stream dictionary, in order.
func streamFilters(dict []byte) []string {
	k := bytes.Index(dict, []byte("/Filter"))
	if k < 0 {
		return nil
	}
	s := pdfScanner{b: dict, i: k + len("/Filter")}
	var out []string
	tok := s.token()
	inArray := string(tok) == "["
	if inArray {
		tok = s.token()
	}
	for string(tok) == "/" && len(out) < 8 {
		name, end := pdfName(dict, s.i)
		s.i = end
		out = append(out, name)
		if !inArray {
			break
		}
		tok = s.token()
	}
	return out
}

// countWriter counts bytes and fails past its limit.
type countWriter struct {
	n, limit int64
	over     bool
}

func (w *countWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	if w.n > w.limit {
		w.over = true
		return 0, errLimit
	}
	return len(p), nil
}

// untilMarker reads up to (not including) the first marker byte.
type untilMarker struct {
	r      io.Reader
	marker byte
	done   bool
}

func (u *untilMarker) Read(p []byte) (int, error) {
	if u.done {
		return 0, io.EOF
	}
	n, err := u.r.Read(p)
	if k := bytes.IndexByte(p[:n], u.marker); k >= 0 {
		u.done = true
		return k, nil
	}
	return n, err
}

// hexOnly drops white space from hex digits.
type hexOnly struct{ r io.Reader }

func (h *hexOnly) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	w := 0
	for _, c := range p[:n] {
		if !isPDFSpace(c) {
			p[w] = c
			w++
		}
	}
	return w, err
}
