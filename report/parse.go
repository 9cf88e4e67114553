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

type parser struct {
	text  string
	idx   *Offsets
	doc   *Report
	raw   []line // every non-empty line of the text
	role  []lineRole
	lines []line // the report's lines: raw without the furniture
	head  header
	// container is the kind of the last unnumbered part, which numbered
	// parts under it take when their titles say nothing.
	container PartKind
}

func (p *parser) run() {
	p.raw = splitLines(p.text)
	p.readFront()
	p.markTail()
	p.keepReport()
	p.buildParagraphs()
	partStarts := p.findParts()
	p.setHeader(firstOr(partStarts, len(p.lines)))
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

// Slice returns the source text covered by s.
func (r *Report) Slice(s Span) string { return r.idx.Slice(s) }

// Offsets returns the byte/code-point converter of the report's text.
func (r *Report) Offsets() *Offsets { return r.idx }

// RuneLen returns the length of the source in code points.
func (r *Report) RuneLen() int { return r.idx.Len() }
