package report

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name       string
		text       string
		want       error
		wantLine   int
		wantOffset int
	}{
		{name: "empty", text: "", want: ErrEmpty},
		{name: "spaces", text: "   ", want: ErrEmpty},
		{name: "whitespace of all kinds", text: " \t\r\n\u3000\u00a0\ufeff\u200b\f\v\n", want: ErrEmpty},
		{name: "CRLF only", text: "\r\n\r\n", want: ErrEmpty},
		{name: "invalid byte", text: "abc\xffdef", want: ErrInvalidUTF8, wantLine: 1, wantOffset: 3},
		{name: "invalid at start", text: "\x80报告", want: ErrInvalidUTF8, wantLine: 1, wantOffset: 0},
		{name: "truncated sequence at end", text: "工作报告\n正文\xe4\xb8", want: ErrInvalidUTF8, wantLine: 2, wantOffset: 19},
		{name: "encoded surrogate", text: "报告\n\n一、\xed\xa0\x80", want: ErrInvalidUTF8, wantLine: 3, wantOffset: 14},
		{name: "overlong encoding", text: "a\xc0\xafb", want: ErrInvalidUTF8, wantLine: 1, wantOffset: 1},
		{name: "GBK bytes", text: "\xb9\xa4\xd7\xf7\xb1\xa8\xb8\xe6", want: ErrInvalidUTF8, wantLine: 1, wantOffset: 0},
		{name: "NUL byte", text: "工作报告\n正文\x00更多", want: ErrBinary, wantLine: 2, wantOffset: 19},
		{name: "control characters", text: "\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11ab", want: ErrBinary},
		{name: "PNG header", text: "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", want: ErrBinary, wantLine: 3, wantOffset: 8},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := ParseString(tc.text)
			if !errors.Is(err, tc.want) {
				t.Fatalf("ParseString(%q) = %v, %v; want error %v", tc.text, doc, err, tc.want)
			}
			if doc != nil {
				t.Errorf("ParseString(%q) returned a report with error %v, want nil", tc.text, err)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("ParseString(%q) error %T is not a *ParseError", tc.text, err)
			}
			if pe.Line != tc.wantLine || pe.Offset != tc.wantOffset {
				t.Errorf("ParseString(%q) error Line, Offset = %d, %d, want %d, %d", tc.text, pe.Line, pe.Offset, tc.wantLine, tc.wantOffset)
			}
			if !strings.HasPrefix(err.Error(), "report: ") {
				t.Errorf("error text %q does not start with the package name", err.Error())
			}
			// Parse over a reader agrees with ParseString.
			_, err2 := Parse(strings.NewReader(tc.text))
			if err2 == nil || err2.Error() != err.Error() {
				t.Errorf("Parse(reader) error = %v, want %v", err2, err)
			}
		})
	}
}

// TestParseErrorText checks the message of a located error.
func TestParseErrorText(t *testing.T) {
	_, err := ParseString("标题\n\xff")
	want := "report: line 2 (byte 7): invalid UTF-8 at byte 7"
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %q", err, want)
	}
}

// lazyReader yields n bytes of a repeating report-like pattern without
// holding them, and counts what it gave out.
type lazyReader struct {
	n, read int64
	pattern string
}

func (r *lazyReader) Read(p []byte) (int, error) {
	if r.read >= r.n {
		return 0, io.EOF
	}
	k := min(int64(len(p)), r.n-r.read)
	for i := int64(0); i < k; i++ {
		p[i] = r.pattern[(r.read+i)%int64(len(r.pattern))]
	}
	r.read += k
	return int(k), nil
}

func TestParseTooLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 64 MB")
	}
	// A reader far longer than MaxSize: Parse must stop reading just past
	// the limit instead of draining it.
	r := &lazyReader{n: 1 << 40, pattern: "全年规上工业总产值494.91亿元。\n"}
	doc, err := Parse(r)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Parse(%d bytes) = %v, %v; want ErrTooLarge", r.n, doc, err)
	}
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Errorf("Parse error %T is not a *ParseError", err)
	}
	if r.read > MaxSize+1<<20 {
		t.Errorf("Parse read %d bytes, want at most about MaxSize (%d)", r.read, MaxSize)
	}
}

// errReader fails after giving out some text.
type errReader struct {
	text string
	err  error
}

func (r *errReader) Read(p []byte) (int, error) {
	if r.text == "" {
		return 0, r.err
	}
	n := copy(p, r.text)
	r.text = r.text[n:]
	return n, nil
}

func TestParseReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	_, err := Parse(&errReader{text: "2024年工作报告\n", err: boom})
	if !errors.Is(err, boom) {
		t.Fatalf("Parse(failing reader) error = %v, want it to wrap %v", err, boom)
	}
	var pe *ParseError
	if errors.As(err, &pe) {
		t.Errorf("Parse(failing reader) error = %v is a *ParseError; a read failure is not a parse error", err)
	}
}

// TestParseLarge parses a ~50 MB report-like text. Parse is linear; the
// test asserts only that it succeeds and logs the time.
func TestParseLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("parses 50 MB")
	}
	if raceEnabled {
		// One goroutine parses; the race detector only makes it slow.
		t.Skip("parses 50 MB; run without -race")
	}
	seed := readTestdata(t, seedFile)
	text := strings.Repeat(seed+"\n", 50<<20/(len(seed)+1))
	start := time.Now()
	doc, err := ParseString(text)
	elapsed := time.Since(start)
	if err != nil {
		t.Fatalf("ParseString(%d MB) error = %v", len(text)>>20, err)
	}
	if len(doc.Parts) == 0 || len(doc.Figures) < 100000 {
		t.Errorf("ParseString(%d MB): %d parts, %d figures; want parts and over 100000 figures", len(text)>>20, len(doc.Parts), len(doc.Figures))
	}
	t.Logf("parsed %d MB (%d paragraphs, %d figures) in %v (%.1f MB/s)", len(text)>>20, len(doc.Paragraphs), len(doc.Figures), elapsed, float64(len(text))/(1<<20)/elapsed.Seconds())
}
