package report

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// line is one non-empty line of the text in byte offsets, without its
// surrounding spaces.
type line struct {
	start, end int // trimmed content
	text       string
	role       lineRole
	raw        int // index among the raw lines
}

// splitLines returns the non-empty lines of t, trimmed.
func splitLines(t string) []line {
	var out []line
	for pos := 0; pos < len(t); {
		nl := strings.IndexByte(t[pos:], '\n')
		end := len(t)
		if nl >= 0 {
			end = pos + nl
		}
		s, e := trimSpan(t, pos, end)
		if s < e {
			out = append(out, line{start: s, end: e, text: t[s:e], raw: len(out)})
		}
		if nl < 0 {
			break
		}
		pos = end + 1
	}
	return out
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

// buildParagraphs makes a paragraph of every report line and splits it
// into sentences.
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
		i = skipClosers(s, i)
		emit(i)
	}
	if start < len(s) {
		emit(len(s))
	}
	return out
}

// skipClosers returns the offset after the closing quotes and further
// terminators at s[i:].
func skipClosers(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !closer(r) && !sentenceEnd(r) {
			break
		}
		i += size
	}
	return i
}

func hasSentenceEnd(s string) bool {
	return strings.ContainsAny(s, "。！？；!?;")
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

// hasAnyPrefix reports whether s starts with one of the given prefixes.
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
