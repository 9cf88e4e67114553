package ingest

import (
	"bytes"
	"compress/zlib"
	"encoding/ascii85"
	"io"
)

// checkObjectStreams decodes the cross-reference streams at offs (where
// startxref and /Prev point) and refuses a file in which an object stream
// is itself said to be inside an object stream: the library resolves such
// a chain by recursion, and a loop in it overflows the stack, which no
// recover can catch. The PDF standard forbids object streams in object
// streams, so no valid file is refused.
func checkObjectStreams(data []byte, offs []int64) error {
	inStream := newBitset(maxPDFObjects + 1)  // objects stored in an object stream
	container := newBitset(maxPDFObjects + 1) // object streams named by such objects
	for _, off := range offs {
		if off < 0 || off >= int64(len(data)) {
			continue
		}
		readXrefStream(data, int(off), func(obj, typ, field2 int64) {
			if typ == 2 && obj >= 0 && obj <= maxPDFObjects && field2 >= 0 && field2 <= maxPDFObjects {
				inStream.set(int(obj))
				container.set(int(field2))
			}
		})
	}
	for i := range inStream {
		if inStream[i]&container[i] != 0 {
			return failf(ErrCorrupt, "the PDF puts an object stream inside an object stream; open and re-save it")
		}
	}
	return nil
}

// maxXrefStreamBytes bounds the decoded size of one cross-reference stream.
const maxXrefStreamBytes = 64 << 20

// readXrefStream calls entry for each entry of the cross-reference stream
// whose object starts at off, decoding it as the library does (Flate with
// an optional PNG-Up predictor, or ASCII85). It does nothing for anything
// else.
func readXrefStream(data []byte, off int, entry func(obj, typ, field2 int64)) {
	s := pdfScanner{b: data, i: off}
	if _, ok := pdfInt(s.token(), 1<<62); !ok {
		return
	}
	if _, ok := pdfInt(s.token(), 1<<62); !ok {
		return
	}
	if string(s.token()) != "obj" {
		return
	}
	d, ok := s.object(0).(map[string]any)
	if !ok || d["Type"] != pdfNameValue("XRef") || string(s.token()) != "stream" {
		return
	}
	start := s.i
	if start < len(data) && data[start] == '\r' {
		start++
	}
	if start < len(data) && data[start] == '\n' {
		start++
	}
	end := len(data)
	if n, ok := d["Length"].(int64); ok && n >= 0 && int64(start)+n <= int64(len(data)) {
		end = start + int(n)
	} else if k := bytes.Index(data[start:], []byte("endstream")); k >= 0 {
		end = start + k
	}
	raw, ok := decodeXrefStream(data[start:end], d)
	if !ok {
		return
	}
	w := ints(d["W"])
	if len(w) < 3 {
		return
	}
	wtotal := 0
	for _, x := range w[:3] {
		if x < 0 || x > 8 {
			return
		}
		wtotal += int(x)
	}
	index := ints(d["Index"])
	if index == nil {
		size, _ := d["Size"].(int64)
		index = []int64{0, size}
	}
	for ; len(index) >= 2 && wtotal > 0; index = index[2:] {
		first, n := index[0], index[1]
		for i := int64(0); i < n && len(raw) >= wtotal; i++ {
			typ := int64(1)
			if w[0] > 0 {
				typ = beInt(raw[:w[0]])
			}
			entry(first+i, typ, beInt(raw[w[0]:w[0]+w[1]]))
			raw = raw[wtotal:]
		}
	}
}

func beInt(b []byte) int64 {
	var v int64
	for _, c := range b {
		v = v<<8 | int64(c)
	}
	return v
}

func ints(v any) []int64 {
	a, ok := v.([]any)
	if !ok {
		return nil
	}
	out := make([]int64, 0, len(a))
	for _, x := range a {
		n, ok := x.(int64)
		if !ok {
			return nil
		}
		out = append(out, n)
	}
	return out
}

// decodeXrefStream applies a cross-reference stream's filters.
func decodeXrefStream(raw []byte, d map[string]any) ([]byte, bool) {
	var filters []any
	switch f := d["Filter"].(type) {
	case nil:
	case pdfNameValue:
		filters = []any{f}
	case []any:
		filters = f
	default:
		return nil, false
	}
	var r io.Reader = bytes.NewReader(raw)
	columns := int64(-1)
	if p, ok := d["DecodeParms"].(map[string]any); ok {
		if pred, ok := p["Predictor"].(int64); ok {
			if pred != 12 {
				return nil, false
			}
			columns, _ = p["Columns"].(int64)
			if columns < 0 || columns > maxXrefWidth {
				return nil, false
			}
		}
	}
	for _, f := range filters {
		switch f {
		case pdfNameValue("FlateDecode"):
			zr, err := zlib.NewReader(r)
			if err != nil {
				return nil, false
			}
			r = zr
		case pdfNameValue("ASCII85Decode"):
			r = ascii85.NewDecoder(&untilMarker{r: r, marker: '~'})
		default:
			return nil, false
		}
	}
	b, _ := io.ReadAll(io.LimitReader(r, maxXrefStreamBytes))
	if columns < 0 {
		return b, true
	}
	// PNG Up rows: a filter byte (2) then the row, added to the row above.
	row := make([]byte, columns)
	var out []byte
	for len(b) >= int(columns)+1 {
		if b[0] != 2 {
			break
		}
		for i := range row {
			row[i] += b[1+i]
		}
		out = append(out, row...)
		b = b[columns+1:]
	}
	return out, true
}

// pdfNameValue is a name object.
type pdfNameValue string

// maxObjectNesting bounds the nesting of arrays and dictionaries parsed.
const maxObjectNesting = 32

// object parses a direct object: an integer (int64), a name, an array
// ([]any), a dictionary (map[string]any) or, for anything else (reals,
// strings, references, keywords), nil.
func (s *pdfScanner) object(depth int) any {
	tok := s.token()
	switch {
	case tok == nil || depth > maxObjectNesting:
		return nil
	case string(tok) == "/":
		name, end := pdfName(s.b, s.i)
		s.i = end
		return pdfNameValue(name)
	case string(tok) == "[":
		var a []any
		for len(a) < 1<<16 {
			at := s.i
			if t := s.token(); t == nil || string(t) == "]" {
				break
			}
			s.i = at
			a = append(a, s.object(depth+1))
		}
		return a
	case string(tok) == "<":
		if s.i < len(s.b) && s.b[s.i] == '<' {
			s.i++
			d := map[string]any{}
			for len(d) < 1<<12 {
				t := s.token()
				if t == nil || string(t) == ">" {
					if s.i < len(s.b) && s.b[s.i] == '>' {
						s.i++
					}
					break
				}
				if string(t) != "/" {
					continue
				}
				key, end := pdfName(s.b, s.i)
				s.i = end
				d[key] = s.object(depth + 1)
			}
			return d
		}
		for s.i < len(s.b) && s.b[s.i] != '>' { // a hex string
			s.i++
		}
		s.i++
		return nil
	case string(tok) == "(":
		s.skipString()
		return nil
	}
	if v, ok := pdfInt(tok, 1<<62); ok {
		// A reference (n g R) is not an integer.
		at := s.i
		if _, ok := pdfInt(s.token(), 1<<62); ok && string(s.token()) == "R" {
			return nil
		}
		s.i = at
		return v
	}
	return nil
}

// skipString passes a literal string after its opening parenthesis.
func (s *pdfScanner) skipString() {
	depth := 1
	for s.i < len(s.b) && depth > 0 {
		switch s.b[s.i] {
		case '\\':
			s.i++
		case '(':
			depth++
		case ')':
			depth--
		}
		s.i++
	}
}

// bitset is a set of small non-negative integers.
type bitset []uint64

func newBitset(n int) bitset { return make(bitset, (n+63)/64) }

func (b bitset) set(i int) { b[i/64] |= 1 << (i % 64) }
