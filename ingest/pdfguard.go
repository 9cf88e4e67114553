package ingest

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/ascii85"
	"encoding/hex"
	"io"
)

// checkPDF looks over a PDF's raw bytes, before the library reads it, for
// what would make the library allocate or work without bound: object
// counts past maxPDFObjects in /Size, /Index, /N and xref subsections, a
// /W entry wide enough to allocate gigabytes, and compressed streams that
// unpack past maxPDFInflated in all. It scans every occurrence, wherever
// it is, because the library follows offsets anywhere in the file.
func checkPDF(ctx context.Context, data []byte) error {
	if err := checkCounts(data); err != nil {
		return err
	}
	if err := checkXrefTables(data); err != nil {
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
// characters. It returns "" at the end.
func (s *pdfScanner) token() string {
	s.skip()
	if s.i >= len(s.b) {
		return ""
	}
	start := s.i
	if isPDFDelim(s.b[s.i]) {
		s.i++
		return string(s.b[start:s.i])
	}
	for s.i < len(s.b) && !isPDFSpace(s.b[s.i]) && !isPDFDelim(s.b[s.i]) {
		s.i++
	}
	return string(s.b[start:s.i])
}

// bigInt reports whether tok is an integer and whether it is above limit.
func bigInt(tok string, limit int64) (isInt, big bool) {
	t := tok
	if len(t) > 0 && (t[0] == '+' || t[0] == '-') {
		t = t[1:]
	}
	if t == "" {
		return false, false
	}
	var v int64
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c < '0' || c > '9' {
			return false, false
		}
		if v <= limit {
			v = v*10 + int64(c-'0')
		}
	}
	return true, tok[0] != '-' && v > limit
}

// pdfInflateLimit is maxPDFInflated, lowered by tests.
var pdfInflateLimit int64 = maxPDFInflated

// maxXrefWidth bounds the entries of an xref stream's /W (and of anything
// else called /W): the library allocates their sum in bytes.
const maxXrefWidth = 1 << 20

// checkCounts checks the integers after every name /Size, /N, /Index and /W.
func checkCounts(data []byte) error {
	for i := 0; i < len(data); i++ {
		j := bytes.IndexByte(data[i:], '/')
		if j < 0 {
			return nil
		}
		i += j
		name, end := pdfName(data, i+1)
		var limit int64
		switch name {
		case "Size", "N", "Index":
			limit = maxPDFObjects
		case "W":
			limit = maxXrefWidth
		default:
			continue
		}
		s := pdfScanner{b: data, i: end}
		tok := s.token()
		if tok == "[" {
			for k := 0; k < 2*1024; k++ {
				tok = s.token()
				if tok == "]" || tok == "" || tok == "[" {
					break
				}
				if _, big := bigInt(tok, limit); big {
					return tooMany(name)
				}
			}
			continue
		}
		if _, big := bigInt(tok, limit); big {
			return tooMany(name)
		}
	}
	return nil
}

func tooMany(name string) error {
	if name == "W" {
		return failf(ErrCorrupt, "the PDF's cross-reference stream declares entries wider than %d bytes; open and re-save it", maxXrefWidth)
	}
	return failf(ErrTooLarge, "the PDF declares more than %d objects (/%s); split it or re-save it", maxPDFObjects, name)
}

// pdfName reads the name starting at i (after its slash), decoding #xx
// escapes as the library does, and returns it with the index after it.
func pdfName(data []byte, i int) (string, int) {
	var b []byte
	for i < len(data) && !isPDFSpace(data[i]) && !isPDFDelim(data[i]) && len(b) < 16 {
		c := data[i]
		if c == '#' && i+2 < len(data) {
			if x, err := hex.DecodeString(string(data[i+1 : i+3])); err == nil {
				b = append(b, x[0])
				i += 3
				continue
			}
		}
		b = append(b, c)
		i++
	}
	return string(b), i
}

// checkXrefTables checks the subsection headers (first object, count) of
// every cross-reference table: the library grows its table to the first
// object's number.
func checkXrefTables(data []byte) error {
	for i := 0; i < len(data); {
		j := bytes.Index(data[i:], []byte("xref"))
		if j < 0 {
			return nil
		}
		s := pdfScanner{b: data, i: i + j + len("xref")}
		i = s.i
		for {
			first := s.token()
			isInt, big := bigInt(first, maxPDFObjects)
			if !isInt {
				break
			}
			count := s.token()
			isInt2, big2 := bigInt(count, maxPDFObjects)
			if big || big2 {
				return tooMany("xref")
			}
			if !isInt2 {
				break
			}
			n, _ := parseCount(count)
			for k := 0; k < 3*n && s.i < len(data); k++ {
				s.token()
			}
		}
	}
	return nil
}

func parseCount(tok string) (int, bool) {
	n := 0
	for i := 0; i < len(tok); i++ {
		if tok[i] < '0' || tok[i] > '9' {
			return 0, false
		}
		n = n*10 + int(tok[i]-'0')
	}
	return n, true
}

// checkInflated unpacks every compressed stream but images, counting what
// it unpacks to, and fails past maxPDFInflated: a stream that unpacks to
// gigabytes (a decompression bomb) would take the library minutes.
func checkInflated(ctx context.Context, data []byte) error {
	budget := &countWriter{limit: pdfInflateLimit}
	for i := 0; i < len(data); {
		j := bytes.Index(data[i:], []byte("stream"))
		if j < 0 {
			return nil
		}
		at := i + j
		i = at + len("stream")
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
		dict := streamDict(data, at)
		if bytes.Contains(dict, []byte("/Image")) && !bytes.Contains(dict, []byte("/ObjStm")) && !bytes.Contains(dict, []byte("/XRef")) {
			continue
		}
		filters := streamFilters(dict)
		if len(filters) == 0 {
			continue
		}
		var r io.Reader = bytes.NewReader(data[start:])
		for _, f := range filters {
			switch f {
			case "FlateDecode", "Fl":
				zr, err := zlib.NewReader(r)
				if err != nil {
					r = nil
					break
				}
				r = zr
			case "ASCII85Decode", "A85":
				r = ascii85.NewDecoder(&untilMarker{r: r, marker: '~'})
			case "ASCIIHexDecode", "AHx":
				r = hex.NewDecoder(&hexOnly{r: &untilMarker{r: r, marker: '>'}})
			default:
				r = nil
			}
			if r == nil {
				break
			}
		}
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

// streamDict returns the bytes of the dictionary before a stream keyword at
// at: back to the object's "obj", at most 4 KiB.
func streamDict(data []byte, at int) []byte {
	from := max(0, at-4096)
	d := data[from:at]
	if k := bytes.LastIndex(d, []byte("obj")); k >= 0 {
		d = d[k:]
	}
	return d
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
	inArray := tok == "["
	if inArray {
		tok = s.token()
	}
	for tok == "/" && len(out) < 8 {
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
