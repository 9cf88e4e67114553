package ingest

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// textRun is a piece of text drawn in one go, in page coordinates (points,
// y up): from x0 to x1 on the baseline y, at font size size.
type textRun struct {
	x0, x1, y, size float64
	text            string
}

// matrix is an affine transform [a b c d e f], as PDF writes them.
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m then n: the PDF product m × n.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func translate(x, y float64) matrix { return matrix{1, 0, 0, 1, x, y} }

// gstate is the part of the graphics state that places text.
type gstate struct {
	ctm                                           matrix
	font                                          *font
	size, charSpace, wordSpace, scale, lead, rise float64
}

// extractor reads the text runs of pages. It keeps no state between pages
// but its budgets and counters.
type extractor struct {
	g                *pdfFile
	ops, runs        int
	mapped, unmapped int // glyphs with and without a Unicode mapping
	// fonts caches fonts across pages by the text of their dictionary,
	// which names the objects (ToUnicode, widths) they are built from:
	// reading a font's maps costs more than reading a page.
	fonts map[string]*font
}

// scope is the resources in force for a content stream and the fonts read
// from them.
type scope struct {
	res   pdf.Value
	fonts map[string]*font
}

// page returns the text runs of a page.
func (ex *extractor) page(p pdf.Page) ([]textRun, error) {
	contents := p.V.Key("Contents")
	if streamSize(contents, maxPDFContent) > maxPDFContent {
		return nil, failf(ErrTooLarge, "a page's content unpacks to more than %d bytes", maxPDFContent)
	}
	var out []textRun
	sc := &scope{res: inherited(p.V, "Resources"), fonts: map[string]*font{}}
	ex.runPage(contents, sc, &out)
	return out, nil
}

// runPage interprets a page's content. A page whose content breaks off
// keeps the text read up to there; only a reason to stop reading the
// whole file (ctx, a budget) goes on up.
func (ex *extractor) runPage(contents pdf.Value, sc *scope, out *[]textRun) {
	defer func() {
		if r := recover(); r != nil {
			if _, stop := r.(abort); stop {
				panic(r)
			}
			ex.g.stop()
		}
	}()
	ex.run(contents, sc, gstate{ctm: identity, scale: 1}, 0, out)
}

// run interprets a content stream, appending its text runs to out.
func (ex *extractor) run(strm pdf.Value, sc *scope, gs gstate, depth int, out *[]textRun) {
	if strm.Kind() != pdf.Stream && strm.Kind() != pdf.Array {
		return
	}
	var stack []gstate
	overflow := 0 // saves beyond maxPDFNesting, matched by restores
	tm, tlm := identity, identity
	var args []pdf.Value

	show := func(s string) {
		f := gs.font
		if f == nil {
			f = noFont
		}
		start := tm
		var text strings.Builder
		for i := 0; i < len(s); {
			n := f.codeLen(s[i:])
			code := s[i : i+n]
			i += n
			t, ok := f.decode(code)
			if ok {
				ex.mapped++
			} else {
				ex.unmapped++
			}
			text.WriteString(t)
			w := f.width(code, t)
			tx := w/1000*gs.size + gs.charSpace
			if n == 1 && code[0] == ' ' {
				tx += gs.wordSpace
			}
			tm = translate(tx*gs.scale, 0).mul(tm)
		}
		ex.emit(out, text.String(), start, tm, gs)
	}
	nextLine := func() {
		tlm = translate(0, -gs.lead).mul(tlm)
		tm = tlm
	}

	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		ex.ops++
		if ex.ops%4096 == 0 || ex.ops > maxPDFOps {
			if ex.ops > maxPDFOps {
				panic(abort{failf(ErrTooLarge, "the PDF has more than %d drawing operations", maxPDFOps)})
			}
			ex.g.stop()
		}
		args = popArgs(stk, args[:0])
		switch op {
		case "q":
			if len(stack) < maxPDFNesting {
				stack = append(stack, gs)
			} else {
				overflow++
			}
		case "Q":
			if overflow > 0 {
				overflow--
			} else if len(stack) > 0 {
				gs = stack[len(stack)-1]
				stack = stack[:len(stack)-1]
			}
		case "cm":
			if m, ok := matrixArg(args); ok {
				gs.ctm = m.mul(gs.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tf":
			if len(args) == 2 {
				gs.font = sc.font(ex, args[0].Name())
				gs.size = args[1].Float64()
			}
		case "Tc":
			gs.charSpace = num(args, 0)
		case "Tw":
			gs.wordSpace = num(args, 0)
		case "Tz":
			gs.scale = num(args, 0) / 100
		case "TL":
			gs.lead = num(args, 0)
		case "Ts":
			gs.rise = num(args, 0)
		case "Td", "TD":
			if len(args) == 2 {
				if op == "TD" {
					gs.lead = -args[1].Float64()
				}
				tlm = translate(args[0].Float64(), args[1].Float64()).mul(tlm)
				tm = tlm
			}
		case "Tm":
			if m, ok := matrixArg(args); ok {
				tm, tlm = m, m
			}
		case "T*":
			nextLine()
		case "Tj":
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "'":
			if len(args) == 1 {
				nextLine()
				show(args[0].RawString())
			}
		case "\"":
			if len(args) == 3 {
				gs.wordSpace, gs.charSpace = args[0].Float64(), args[1].Float64()
				nextLine()
				show(args[2].RawString())
			}
		case "TJ":
			if len(args) == 1 && args[0].Kind() == pdf.Array {
				a := args[0]
				for i := 0; i < a.Len(); i++ {
					x := a.Index(i)
					if x.Kind() == pdf.String {
						show(x.RawString())
					} else {
						tm = translate(-x.Float64()/1000*gs.size*gs.scale, 0).mul(tm)
					}
				}
			}
		case "Do":
			if len(args) == 1 && depth < maxPDFNesting {
				ex.form(sc, args[0].Name(), gs, depth, out)
			}
		}
	})
}

// form interprets a form XObject drawn with Do.
func (ex *extractor) form(sc *scope, name string, gs gstate, depth int, out *[]textRun) {
	x := sc.res.Key("XObject").Key(name)
	if x.Kind() != pdf.Stream || x.Key("Subtype").Name() != "Form" {
		return
	}
	if streamSize(x, maxPDFContent) > maxPDFContent {
		panic(abort{failf(ErrTooLarge, "a form's content unpacks to more than %d bytes", maxPDFContent)})
	}
	if m, ok := matrixValue(x.Key("Matrix")); ok {
		gs.ctm = m.mul(gs.ctm)
	}
	inner := sc
	if res := x.Key("Resources"); res.Kind() == pdf.Dict {
		inner = &scope{res: res, fonts: map[string]*font{}}
	}
	ex.run(x, inner, gs, depth+1, out)
}

// emit records the text drawn from text matrix start to end. Rotated or
// mirrored text (stamps, watermarks, vertical labels) is left out.
func (ex *extractor) emit(out *[]textRun, text string, start, end matrix, gs gstate) {
	if text == "" {
		return
	}
	trm := matrix{gs.size * gs.scale, 0, 0, gs.size, 0, gs.rise}
	m0 := trm.mul(start).mul(gs.ctm)
	m1 := trm.mul(end).mul(gs.ctm)
	if m0[0] <= 0 || math.Abs(m0[1]) > 0.05*m0[0] || math.Abs(m0[2]) > 0.05*math.Abs(m0[3]) {
		return
	}
	size := math.Hypot(m0[2], m0[3])
	if size <= 0 || math.IsNaN(size) || math.IsInf(size, 0) {
		return
	}
	ex.runs++
	if ex.runs > maxPDFRuns {
		panic(abort{failf(ErrTooLarge, "the PDF draws more than %d pieces of text", maxPDFRuns)})
	}
	*out = append(*out, textRun{x0: m0[4], x1: m1[4], y: m0[5], size: size, text: text})
}

// popArgs empties the operand stack into args, bottom first, keeping only
// the last few operands (no operator takes more than six).
func popArgs(stk *pdf.Stack, args []pdf.Value) []pdf.Value {
	const keep = 8
	n := stk.Len()
	for n > keep {
		stk.Pop()
		n--
	}
	args = args[:0]
	for i := 0; i < n; i++ {
		args = append(args, pdf.Value{})
	}
	for i := n - 1; i >= 0; i-- {
		args[i] = stk.Pop()
	}
	return args
}

func num(args []pdf.Value, i int) float64 {
	if i < len(args) {
		return finite(args[i].Float64())
	}
	return 0
}

func finite(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f
}

func matrixArg(args []pdf.Value) (matrix, bool) {
	if len(args) != 6 {
		return matrix{}, false
	}
	var m matrix
	for i := range m {
		m[i] = finite(args[i].Float64())
	}
	return m, true
}

func matrixValue(v pdf.Value) (matrix, bool) {
	if v.Kind() != pdf.Array || v.Len() != 6 {
		return matrix{}, false
	}
	var m matrix
	for i := range m {
		m[i] = finite(v.Index(i).Float64())
	}
	return m, true
}

// font is what the extractor knows of a font: how to split a string into
// character codes, what text a code stands for and how wide it is.
type font struct {
	twoByte   bool             // all codes are two bytes (Identity-H, UCS-2)
	gbk       bool             // codes are GBK: one byte below 0x81, else two (or four)
	utf16     bool             // codes are UTF-16BE
	cmap      *cmap            // the ToUnicode map, nil when there is none
	enc       pdf.TextEncoding // the library's decoder of simple fonts
	widths    map[int]float64  // glyph widths in thousandths of the font size
	ranges    []widthRange     // CID widths given as ranges
	dw        float64          // default width of CID fonts
	scale     float64          // glyph space to text space, ×1000 (Type3 fonts)
	memo      map[string]string
	noUnicode bool // a CID font without any Unicode mapping
}

type widthRange struct {
	lo, hi int
	w      float64
}

// noFont stands in for a font that is not there.
var noFont = &font{enc: byteEncoding{}, dw: 500, scale: 1, memo: map[string]string{}}

// byteEncoding reads codes as Latin-1, the guess for a missing font.
type byteEncoding struct{}

func (byteEncoding) Decode(raw string) string {
	r := make([]rune, len(raw))
	for i := 0; i < len(raw); i++ {
		r[i] = rune(raw[i])
	}
	return string(r)
}

// maxMemo bounds each font's cache of decoded codes; maxFonts the fonts
// cached across pages.
const (
	maxMemo  = 1 << 16
	maxFonts = 1 << 12
)

// font returns the font named in the scope's resources, read once.
func (sc *scope) font(ex *extractor, name string) *font {
	if f, ok := sc.fonts[name]; ok {
		return f
	}
	v := sc.res.Key("Font").Key(name)
	key := v.String()
	f, ok := ex.fonts[key]
	if !ok {
		f = readFont(v)
		if ex.fonts == nil {
			ex.fonts = map[string]*font{}
		}
		if len(ex.fonts) < maxFonts {
			ex.fonts[key] = f
		}
	}
	sc.fonts[name] = f
	ex.g.stop()
	return f
}

func readFont(v pdf.Value) *font {
	if v.Kind() != pdf.Dict {
		return noFont
	}
	f := &font{scale: 1, dw: 1000, memo: map[string]string{}, widths: map[int]float64{}}
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		f.cmap = readCmap(tu, v)
	}
	subtype := v.Key("Subtype").Name()
	if subtype == "Type0" {
		enc := v.Key("Encoding").Name()
		switch {
		case strings.HasPrefix(enc, "Identity-"):
			f.twoByte = true
		case strings.HasPrefix(enc, "UniGB-UCS2-"), strings.HasPrefix(enc, "UniGB-UTF16-"),
			strings.HasPrefix(enc, "UniCNS-UCS2-"), strings.HasPrefix(enc, "UniCNS-UTF16-"):
			f.utf16 = true
		case strings.HasPrefix(enc, "GB"):
			f.gbk = true
		case f.cmap != nil && f.cmap.oneByte():
		default:
			f.twoByte = true
		}
		desc := v.Key("DescendantFonts").Index(0)
		if dw := desc.Key("DW"); !dw.IsNull() {
			f.dw = finite(dw.Float64())
		}
		f.readCIDWidths(desc.Key("W"))
		f.noUnicode = f.cmap == nil && !f.gbk && !f.utf16
		return f
	}
	lib := pdf.Font{V: v}
	f.enc = lib.Encoder()
	f.dw = 0
	first := int(v.Key("FirstChar").Int64())
	ws := v.Key("Widths")
	for i := 0; i < ws.Len() && i < 256; i++ {
		if first+i >= 0 && first+i < 256 {
			f.widths[first+i] = finite(ws.Index(i).Float64())
		}
	}
	if subtype == "Type3" {
		if fm := v.Key("FontMatrix"); fm.Kind() == pdf.Array && fm.Len() == 6 {
			f.scale = finite(fm.Index(0).Float64()) * 1000
		}
	}
	return f
}

// maxWidthEntries bounds the CID width table read from a font.
const maxWidthEntries = 1 << 16

// readCIDWidths reads a CID font's W array: c [w1 w2 …] or c_first c_last w.
func (f *font) readCIDWidths(w pdf.Value) {
	n := min(w.Len(), maxWidthEntries)
	for i := 0; i+1 < n; {
		c := int(w.Index(i).Int64())
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			for j := 0; j < next.Len() && len(f.widths) < maxWidthEntries; j++ {
				f.widths[c+j] = finite(next.Index(j).Float64())
			}
			i += 2
			continue
		}
		if i+2 >= n {
			break
		}
		f.ranges = append(f.ranges, widthRange{c, int(next.Int64()), finite(w.Index(i + 2).Float64())})
		i += 3
	}
}

// codeLen returns the length in bytes of the character code at the start
// of s.
func (f *font) codeLen(s string) int {
	n := 1
	switch {
	case f.twoByte:
		n = 2
	case f.utf16:
		n = 2
		if len(s) >= 4 && s[0] >= 0xd8 && s[0] <= 0xdb {
			n = 4
		}
	case f.gbk:
		if s[0] >= 0x81 {
			n = 2
			if len(s) >= 4 && s[1] >= 0x30 && s[1] <= 0x39 {
				n = 4
			}
		}
	case f.cmap != nil:
		n = f.cmap.codeLen(s)
	}
	return min(n, len(s))
}

// decode returns the text of one character code and whether the font maps
// it to Unicode.
func (f *font) decode(code string) (string, bool) {
	if t, ok := f.memo[code]; ok {
		return t, t != "" || code == ""
	}
	t, ok := f.decodeCode(code)
	if len(f.memo) < maxMemo {
		f.memo[code] = t
	}
	return t, ok
}

func (f *font) decodeCode(code string) (string, bool) {
	if f.cmap != nil {
		if t, ok := f.cmap.lookup(code); ok {
			return t, true
		}
	}
	switch {
	case f.utf16:
		return utf16BE(code), true
	case f.gbk:
		b, err := simplifiedchinese.GB18030.NewDecoder().String(code)
		return b, err == nil
	case f.noUnicode || f.twoByte:
		return "", false
	case f.enc != nil:
		return f.enc.Decode(code), true
	}
	return "", false
}

// width returns the width of a code in thousandths of the font size. A font
// that does not say is taken to set wide characters square and others half
// as wide.
func (f *font) width(code, text string) float64 {
	c := 0
	for i := 0; i < len(code); i++ {
		c = c<<8 | int(code[i])
	}
	w, ok := f.widths[c]
	if !ok {
		for _, r := range f.ranges {
			if c >= r.lo && c <= r.hi {
				w, ok = r.w, true
				break
			}
		}
	}
	if !ok {
		w = f.dw
	}
	if w <= 0 {
		w = 500
		if r, _ := utf8.DecodeRuneInString(text); isWide(r) {
			w = 1000
		}
	}
	return w * f.scale
}

// cmap is a ToUnicode character map.
type cmap struct {
	space  [4][][2]string // codespace ranges by code length
	chars  map[string]string
	ranges []cmapRange
}

type cmapRange struct {
	lo, hi string
	dst    string   // UTF-16BE of the first code's text, incremented along the range
	array  []string // or one text per code
}

// Limits of a ToUnicode map.
const (
	maxCmapBytes   = 4 << 20 // unpacked size
	maxCmapEntries = 1 << 17 // chars plus ranges
	maxCmapBlock   = 1 << 14 // entries one begin…end block may declare
)

var cmapCount = regexp.MustCompile(`(\d+)\s+begin(?:bfchar|bfrange|codespacerange|cidchar|cidrange)`)

// readCmap reads a ToUnicode map with the library's PostScript reader, after
// checking that its blocks declare sane counts. dict is any dictionary
// value, which stands in for the resource that findresource would return.
// It returns nil for a map that cannot be read, and what it read of a map
// that breaks off.
func readCmap(v, dict pdf.Value) (m *cmap) {
	b, over := streamBytes(v, maxCmapBytes)
	if over || b == nil {
		return nil
	}
	for _, m := range cmapCount.FindAllSubmatch(b, -1) {
		if n, err := strconv.Atoi(string(m[1])); err != nil || n > maxCmapBlock {
			return nil
		}
	}
	m = &cmap{chars: map[string]string{}}
	n := -1
	ok := true
	defer func() {
		if r := recover(); r != nil {
			if _, stop := r.(abort); stop {
				panic(r)
			}
			if len(m.chars) == 0 && len(m.ranges) == 0 {
				m = nil
			}
		}
	}()
	pdf.Interpret(v, func(stk *pdf.Stack, op string) {
		if !ok {
			return
		}
		switch op {
		case "findresource":
			stk.Pop()
			stk.Pop()
			stk.Push(dict)
		case "begincodespacerange", "beginbfchar", "beginbfrange":
			n = int(stk.Pop().Int64())
			if n < 0 || n > maxCmapBlock || n > stk.Len()+maxCmapBlock {
				ok = false
			}
		case "endcodespacerange":
			for i := 0; i < n && stk.Len() >= 2; i++ {
				hi, lo := stk.Pop().RawString(), stk.Pop().RawString()
				if len(lo) >= 1 && len(lo) <= 4 && len(lo) == len(hi) {
					m.space[len(lo)-1] = append(m.space[len(lo)-1], [2]string{lo, hi})
				}
			}
			n = -1
		case "endbfchar":
			for i := 0; i < n && stk.Len() >= 2 && len(m.chars) < maxCmapEntries; i++ {
				dst, src := stk.Pop().RawString(), stk.Pop().RawString()
				m.chars[src] = utf16BE(dst)
			}
			n = -1
		case "endbfrange":
			for i := 0; i < n && stk.Len() >= 3 && len(m.ranges) < maxCmapEntries; i++ {
				dst, hi, lo := stk.Pop(), stk.Pop().RawString(), stk.Pop().RawString()
				if len(lo) == 0 || len(lo) != len(hi) || lo > hi {
					continue
				}
				r := cmapRange{lo: lo, hi: hi}
				switch dst.Kind() {
				case pdf.String:
					r.dst = dst.RawString()
				case pdf.Array:
					for j := 0; j < dst.Len() && j < maxCmapBlock; j++ {
						r.array = append(r.array, utf16BE(dst.Index(j).RawString()))
					}
				default:
					continue
				}
				m.ranges = append(m.ranges, r)
			}
			n = -1
		default:
			// Drop the operands of other operators so the stack stays
			// small.
			if n < 0 {
				for stk.Len() > 0 {
					stk.Pop()
				}
			}
		}
	})
	if !ok || len(m.chars) == 0 && len(m.ranges) == 0 {
		return nil
	}
	return m
}

// oneByte reports whether the map's codes are all one byte long.
func (m *cmap) oneByte() bool {
	return len(m.space[0]) > 0 && len(m.space[1]) == 0 && len(m.space[2]) == 0 && len(m.space[3]) == 0
}

// codeLen returns the length of the code at the start of s by the map's
// codespace ranges, or 1 when none matches (2 when the map has only
// two-byte ranges).
func (m *cmap) codeLen(s string) int {
	for n := 1; n <= 4 && n <= len(s); n++ {
		for _, r := range m.space[n-1] {
			if r[0] <= s[:n] && s[:n] <= r[1] {
				return n
			}
		}
	}
	if len(m.space[0]) == 0 && len(m.space[1]) > 0 {
		return 2
	}
	return 1
}

// lookup returns the text of a code.
func (m *cmap) lookup(code string) (string, bool) {
	if t, ok := m.chars[code]; ok {
		return t, true
	}
	for _, r := range m.ranges {
		if len(r.lo) != len(code) || code < r.lo || code > r.hi {
			continue
		}
		off := codeValue(code) - codeValue(r.lo)
		if r.array != nil {
			if off < len(r.array) {
				return r.array[off], true
			}
			return "", false
		}
		return utf16BE(incrementLast(r.dst, off)), true
	}
	return "", false
}

func codeValue(s string) int {
	v := 0
	for i := 0; i < len(s); i++ {
		v = v<<8 | int(s[i])
	}
	return v
}

// incrementLast adds off to the last UTF-16 code unit of the UTF-16BE
// string s, as bfrange destinations are incremented.
func incrementLast(s string, off int) string {
	if len(s) < 2 || off == 0 {
		return s
	}
	b := []byte(s)
	u := int(b[len(b)-2])<<8 | int(b[len(b)-1])
	u += off
	b[len(b)-2], b[len(b)-1] = byte(u>>8), byte(u)
	return string(b)
}

// utf16BE decodes UTF-16BE, as ToUnicode maps write text; an odd byte is
// read as Latin-1.
func utf16BE(s string) string {
	if len(s)%2 != 0 {
		return byteEncoding{}.Decode(s)
	}
	u := make([]uint16, len(s)/2)
	for i := range u {
		u[i] = uint16(s[2*i])<<8 | uint16(s[2*i+1])
	}
	return string(utf16.Decode(u))
}
