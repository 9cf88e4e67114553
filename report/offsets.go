package report

import (
	"sort"
	"unicode/utf8"
)

// checkpointEvery is the number of code points between two remembered
// byte offsets: conversions decode at most this many runes.
const checkpointEvery = 64

// Offsets converts between byte offsets and code-point offsets of one
// text. It keeps a byte offset every 64 code points, so it costs about
// n/16 bytes for a text of n code points. The zero value is not usable;
// build one with [NewOffsets]. An Offsets is safe for concurrent use.
type Offsets struct {
	text  string
	marks []int // marks[i] = byte offset of code point i*checkpointEvery
	runes int   // number of code points in text
}

// NewOffsets indexes text. Invalid UTF-8 bytes count as one code point
// each, as a range loop over the string sees them.
func NewOffsets(text string) *Offsets {
	o := &Offsets{text: text, marks: make([]int, 0, len(text)/checkpointEvery/2+1)}
	n := 0
	for i := range text {
		if n%checkpointEvery == 0 {
			o.marks = append(o.marks, i)
		}
		n++
	}
	o.runes = n
	return o
}

// Len returns the number of code points in the text.
func (o *Offsets) Len() int { return o.runes }

// RuneToByte returns the byte offset of code point r. r is clamped to
// [0, Len()].
func (o *Offsets) RuneToByte(r int) int {
	if r <= 0 {
		return 0
	}
	if r >= o.runes {
		return len(o.text)
	}
	b := o.marks[r/checkpointEvery]
	for k := r % checkpointEvery; k > 0; k-- {
		_, size := utf8.DecodeRuneInString(o.text[b:])
		b += size
	}
	return b
}

// ByteToRune returns the number of code points before byte offset b. An
// offset inside a multi-byte sequence counts the partial rune as not yet
// reached. b is clamped to [0, len(text)].
func (o *Offsets) ByteToRune(b int) int {
	if b <= 0 {
		return 0
	}
	if b >= len(o.text) {
		return o.runes
	}
	// Last checkpoint at or before b.
	k := sort.Search(len(o.marks), func(i int) bool { return o.marks[i] > b }) - 1
	r, i := k*checkpointEvery, o.marks[k]
	for i < b {
		_, size := utf8.DecodeRuneInString(o.text[i:])
		if i+size > b {
			break
		}
		i += size
		r++
	}
	return r
}

// Slice returns the text covered by the code-point span s, clamped to
// the text.
func (o *Offsets) Slice(s Span) string {
	start, end := o.RuneToByte(s.Start), o.RuneToByte(s.End)
	if end < start {
		return ""
	}
	return o.text[start:end]
}

// byteSpan converts a byte range to a code-point span.
func (o *Offsets) span(startByte, endByte int) Span {
	return Span{Start: o.ByteToRune(startByte), End: o.ByteToRune(endByte)}
}
