package report

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// The test texts, copied into testdata so the package test is
// self-contained (CI puts shared/ beside the repo, but we do not rely on it).
const (
	seedFile    = "000_006ff7903b525843.txt"
	guangxiFile = "03_guangxi-2025-zhengfu-gongzuo-baogao"
	jilinFile   = "04_jilin-2025-zhengfu-gongzuo-baogao"
)

// readTestdata returns the contents of testdata/name.
func readTestdata(tb testing.TB, name string) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatalf("read testdata: %v", err)
	}
	return string(b)
}

// mustParse parses text and fails the test on error. It also checks the
// model's invariants, so every test that parses something checks them.
func mustParse(tb testing.TB, text string) *Report {
	tb.Helper()
	doc, err := ParseString(text)
	if err != nil {
		tb.Fatalf("ParseString(%.40q…) error = %v, want nil", text, err)
	}
	if errs := checkInvariants(doc); len(errs) > 0 {
		for _, e := range errs[:min(len(errs), 10)] {
			tb.Errorf("invariant: %v", e)
		}
		tb.FailNow()
	}
	return doc
}

// parseSeed parses the seed report.
func parseSeed(tb testing.TB) *Report {
	tb.Helper()
	return mustParse(tb, readTestdata(tb, seedFile))
}

// checkInvariants returns every violation of the model's promises: spans
// inside the text, node text equal to the source slice, paragraphs and
// sentences in order without overlap, no sentence break inside a decimal
// number, valid UTF-8 strings, unique IDs that Node finds, and children
// inside their parents.
func checkInvariants(doc *Report) []error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	n := doc.RuneLen()
	if want := utf8.RuneCountInString(doc.Text); n != want {
		bad("RuneLen() = %d, want %d", n, want)
	}
	runes := []rune(doc.Text)
	inText := func(what string, s Span) bool {
		if s.Start < 0 || s.Start > s.End || s.End > n {
			bad("%s span %v not within [0, %d]", what, s, n)
			return false
		}
		return true
	}
	utf := func(what, s string) {
		if !utf8.ValidString(s) {
			bad("%s %q is not valid UTF-8", what, s)
		}
	}
	ids := map[string]bool{}
	id := func(what, id string, node any) {
		if id == "" {
			bad("%s has no ID", what)
			return
		}
		if ids[id] {
			bad("duplicate ID %q (%s)", id, what)
		}
		ids[id] = true
		if got := doc.Node(id); got != node {
			bad("Node(%q) = %T %p, want the %s %p", id, got, got, what, node)
		}
	}
	inText("header", doc.Header)
	for _, s := range []string{doc.Title, doc.Source, doc.Date, doc.ISODate, doc.Status} {
		utf("header field", s)
	}
	prevPart := 0
	for _, p := range doc.Parts {
		what := "part " + p.ID
		id(what, p.ID, p)
		utf(what+" label", p.Label)
		if inText(what, p.Span) && inText(what+" heading", p.Heading) {
			if !p.Span.Contains(p.Heading) {
				bad("%s heading %v outside span %v", what, p.Heading, p.Span)
			}
			if p.Span.Start < prevPart {
				bad("%s starts at %d before the previous part ends at %d", what, p.Span.Start, prevPart)
			}
			prevPart = p.Span.End
		}
		prevSec := p.Span.Start
		for _, s := range p.Sections {
			what := "section " + s.ID
			id(what, s.ID, s)
			utf(what+" label", s.Label)
			if s.Part != p {
				bad("%s.Part = %v, want %s", what, s.Part, p.ID)
			}
			if !inText(what, s.Span) || !inText(what+" heading", s.Heading) {
				continue
			}
			if !p.Span.Contains(s.Span) {
				bad("%s span %v outside its part %v", what, s.Span, p.Span)
			}
			if !s.Span.Contains(s.Heading) {
				bad("%s heading %v outside span %v", what, s.Heading, s.Span)
			}
			if s.Span.Start < prevSec {
				bad("%s starts at %d before the previous section ends at %d", what, s.Span.Start, prevSec)
			}
			prevSec = s.Span.End
			prevItem := s.Span.Start
			for _, it := range s.Items {
				what := "item " + it.ID
				id(what, it.ID, it)
				utf(what+" label", it.Label)
				if it.Section != s {
					bad("%s.Section is not %s", what, s.ID)
				}
				if !inText(what, it.Span) || !inText(what+" heading", it.Heading) {
					continue
				}
				if !s.Span.Contains(it.Span) {
					bad("%s span %v outside its section %v", what, it.Span, s.Span)
				}
				if !it.Span.Contains(it.Heading) {
					bad("%s heading %v outside span %v", what, it.Heading, it.Span)
				}
				if it.Span.Start < prevItem {
					bad("%s starts at %d before the previous item ends at %d", what, it.Span.Start, prevItem)
				}
				prevItem = it.Span.End
			}
		}
	}
	prev := 0
	for i, para := range doc.Paragraphs {
		what := "paragraph " + para.ID
		id(what, para.ID, para)
		if para.Index != i {
			bad("%s.Index = %d, want %d", what, para.Index, i)
		}
		if !inText(what, para.Span) {
			continue
		}
		if para.Span.Start < prev {
			bad("%s %v overlaps the previous paragraph ending at %d", what, para.Span, prev)
		}
		if para.Span.Len() == 0 {
			bad("%s is empty", what)
		}
		prev = para.Span.End
		if para.Section != nil && !para.Section.Span.Contains(para.Span) {
			bad("%s %v outside its section %s %v", what, para.Span, para.Section.ID, para.Section.Span)
		}
	}
	prev = 0
	for i, s := range doc.Sentences {
		what := fmt.Sprintf("sentence %s", s.ID)
		if s.Index != i {
			bad("%s.Index = %d, want %d", what, s.Index, i)
		}
		if !inText(what, s.Span) {
			continue
		}
		if s.Span.Start < prev {
			bad("%s %v overlaps the previous sentence ending at %d", what, s.Span, prev)
		}
		if s.Span.Len() == 0 {
			bad("%s is empty", what)
		}
		prev = s.Span.End
		if s.Paragraph == nil || !s.Paragraph.Span.Contains(s.Span) {
			bad("%s %v outside its paragraph", what, s.Span)
		}
		// A sentence never ends inside a decimal number (1.72, 1．5).
		if e := s.Span.End; e > 0 && e < n {
			dot := func(r rune) bool { return r == '.' || r == '．' }
			if isDigit(runes[e-1]) && dot(runes[e]) && e+1 < n && isDigit(runes[e+1]) ||
				dot(runes[e-1]) && e >= 2 && isDigit(runes[e-2]) && isDigit(runes[e]) {
				bad("%s %q ends inside a decimal number", what, doc.Slice(s.Span))
			}
		}
	}
	prev = 0
	for _, f := range doc.Figures {
		what := "figure " + f.ID
		id(what, f.ID, f)
		utf(what+" raw", f.Raw)
		utf(what+" metric", f.Metric)
		if !inText(what, f.Span) {
			continue
		}
		if got := doc.Slice(f.Span); got != f.Raw {
			bad("%s Raw = %q, but Slice(%v) = %q", what, f.Raw, f.Span, got)
		}
		if f.Span.Start < prev {
			bad("%s %v overlaps or precedes the previous figure ending at %d", what, f.Span, prev)
		}
		prev = f.Span.End
		if f.Sentence != nil && !f.Sentence.Span.Contains(f.Span) {
			bad("%s %v outside its sentence %v", what, f.Span, f.Sentence.Span)
		}
		if f.Section != nil && !f.Section.Span.Contains(f.Span) {
			bad("%s %v outside its section %s %v", what, f.Span, f.Section.ID, f.Section.Span)
		}
		if f.ChangeOf != "" && doc.Figure(f.ChangeOf) == nil {
			bad("%s ChangeOf = %q, which is not a figure", what, f.ChangeOf)
		}
	}
	return errs
}

// isParseError reports whether err is a *ParseError wrapping one of the
// package's sentinels.
func isParseError(err error) bool {
	var pe *ParseError
	if !errors.As(err, &pe) {
		return false
	}
	for _, s := range []error{ErrEmpty, ErrInvalidUTF8, ErrBinary, ErrTooLarge} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// squeeze shortens s for failure messages.
func squeeze(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if rs := []rune(s); len(rs) > 60 {
		return string(rs[:60]) + "…"
	}
	return s
}
