package report

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// MaxSize is the largest input Parse accepts, in bytes.
const MaxSize = 64 << 20

// Sentinel errors; a *ParseError wraps one of them.
var (
	ErrEmpty       = errors.New("empty report")
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	ErrBinary      = errors.New("binary data, not text")
	ErrTooLarge    = errors.New("report too large")
)

// ParseError reports why a text could not be parsed, and where.
type ParseError struct {
	Line   int // 1-based line of the problem, 0 when not about one place
	Offset int // byte offset of the problem
	Err    error
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("report: line %d (byte %d): %v", e.Line, e.Offset, e.Err)
	}
	return fmt.Sprintf("report: %v", e.Err)
}

// Unwrap returns the underlying sentinel error.
func (e *ParseError) Unwrap() error { return e.Err }

// Parse reads a whole report and returns its model. It returns a
// *ParseError wrapping [ErrEmpty] for empty or whitespace-only input,
// [ErrInvalidUTF8] (with the byte offset) for text that is not UTF-8,
// [ErrBinary] for binary data and [ErrTooLarge] past [MaxSize] bytes.
// Parse runs in time linear in the input.
func Parse(r io.Reader) (*Report, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("report: read: %w", err)
	}
	if len(b) > MaxSize {
		return nil, &ParseError{Err: fmt.Errorf("%w: more than %d bytes", ErrTooLarge, MaxSize)}
	}
	return ParseString(string(b))
}

// ParseString is like [Parse] for a text already in memory.
func ParseString(text string) (*Report, error) {
	if err := checkText(text); err != nil {
		return nil, err
	}
	p := &parser{text: text, idx: NewOffsets(text)}
	p.doc = &Report{Text: text, idx: p.idx}
	p.run()
	return p.doc, nil
}

func checkText(text string) error {
	if len(text) > MaxSize {
		return &ParseError{Err: fmt.Errorf("%w: more than %d bytes", ErrTooLarge, MaxSize)}
	}
	if strings.IndexByte(text, 0) >= 0 {
		i := strings.IndexByte(text, 0)
		return &ParseError{Line: 1 + strings.Count(text[:i], "\n"), Offset: i, Err: fmt.Errorf("%w: NUL byte", ErrBinary)}
	}
	if !utf8.ValidString(text) {
		i := invalidAt(text)
		return &ParseError{Line: 1 + strings.Count(text[:i], "\n"), Offset: i, Err: fmt.Errorf("%w at byte %d", ErrInvalidUTF8, i)}
	}
	ctrl, letters := 0, 0
	for _, r := range text {
		switch {
		case r == '\n' || r == '\r' || r == '\t' || r == '\f' || r == '\v':
		case r < 0x20 || r == 0x7f:
			ctrl++
		case r == utf8.RuneError:
			ctrl++
		default:
			if !isSpace(r) {
				letters++
			}
		}
	}
	if letters == 0 {
		return &ParseError{Err: fmt.Errorf("%w: no text, only whitespace", ErrEmpty)}
	}
	if ctrl > 8 && ctrl*10 > letters {
		return &ParseError{Err: fmt.Errorf("%w: %d control characters", ErrBinary, ctrl)}
	}
	return nil
}

func invalidAt(s string) int {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(s)
}

// isSpace reports the characters trimmed around paragraphs: ASCII
// whitespace, the ideographic space, no-break space and the BOM.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\r', '\n', '\f', '\v', '\u3000', '\u00a0', '\ufeff', '\u200b':
		return true
	}
	return false
}

// line is one non-empty paragraph in byte offsets.
type line struct {
	start, end int // trimmed content
	text       string
}

type parser struct {
	text  string
	idx   *Offsets
	doc   *Report
	lines []line
}

func (p *parser) run() {
	p.splitLines()
	p.buildParagraphs()
	partStarts := p.findParts()
	p.readHeader(firstOr(partStarts, len(p.lines)))
	p.buildParts(partStarts)
	p.index()
	extractFigures(p.doc)
	p.indexFigures()
}

func firstOr(xs []int, def int) int {
	if len(xs) > 0 {
		return xs[0]
	}
	return def
}

func (p *parser) splitLines() {
	t := p.text
	for pos := 0; pos < len(t); {
		nl := strings.IndexByte(t[pos:], '\n')
		end := len(t)
		if nl >= 0 {
			end = pos + nl
		}
		s, e := trimSpan(t, pos, end)
		if s < e {
			p.lines = append(p.lines, line{start: s, end: e, text: t[s:e]})
		}
		if nl < 0 {
			break
		}
		pos = end + 1
	}
}

// trimSpan trims isSpace characters from both ends of t[start:end].
func trimSpan(t string, start, end int) (int, int) {
	for start < end {
		r, size := utf8.DecodeRuneInString(t[start:end])
		if !isSpace(r) {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(t[start:end])
		if !isSpace(r) {
			break
		}
		end -= size
	}
	return start, end
}

func (p *parser) buildParagraphs() {
	doc := p.doc
	for i, l := range p.lines {
		para := &Paragraph{ID: fmt.Sprintf("para%d", i+1), Index: i, Span: p.idx.span(l.start, l.end)}
		doc.Paragraphs = append(doc.Paragraphs, para)
		for _, se := range splitSentences(l.text) {
			s := &Sentence{
				ID:        fmt.Sprintf("s%d", len(doc.Sentences)+1),
				Index:     len(doc.Sentences),
				Span:      p.idx.span(l.start+se[0], l.start+se[1]),
				Paragraph: para,
			}
			para.Sentences = append(para.Sentences, s)
			doc.Sentences = append(doc.Sentences, s)
		}
	}
}

// sentenceEnd reports the characters that end a sentence.
func sentenceEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '；', '!', '?', ';':
		return true
	}
	return false
}

// closer reports closing quotes and brackets that stay with the sentence
// they end.
func closer(r rune) bool {
	switch r {
	case '”', '’', '」', '』', '）', ')', '】', '》', '"', '\'':
		return true
	}
	return false
}

// splitSentences returns byte ranges of the sentences of a paragraph, with
// surrounding spaces trimmed. A decimal point never ends a sentence because
// only the listed terminators do.
func splitSentences(s string) [][2]int {
	var out [][2]int
	start := 0
	emit := func(end int) {
		a, b := trimSpan(s, start, end)
		if a < b {
			out = append(out, [2]int{a, b})
		}
		start = end
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if !sentenceEnd(r) {
			continue
		}
		for i < len(s) {
			r2, size2 := utf8.DecodeRuneInString(s[i:])
			if !closer(r2) && !sentenceEnd(r2) {
				break
			}
			i += size2
		}
		emit(i)
	}
	if start < len(s) {
		emit(len(s))
	}
	return out
}

// Slice returns the source text covered by s.
func (r *Report) Slice(s Span) string { return r.idx.Slice(s) }

// Offsets returns the byte/code-point converter of the report's text.
func (r *Report) Offsets() *Offsets { return r.idx }

// RuneLen returns the length of the source in code points.
func (r *Report) RuneLen() int { return r.idx.Len() }

// cutPrefix reports whether s starts with one of the given prefixes.
func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func containsAny(s string, subs ...string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}
