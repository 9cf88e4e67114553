package bot

import (
	"unicode"
	"unicode/utf8"
)

// Split cuts s into chunks of at most limit runes (Unicode code points,
// which is what Discord counts) so that a long answer can be sent as
// several messages.
//
// Chunks end, by preference, after a sentence end (。；！？!?… or a line
// end, with any closing quote or bracket that follows it), then after a
// clause break (，、,;:： or whitespace); only when a window of limit runes
// has neither does Split cut mid-text. It never cuts inside a number
// (494.91, 1,116, 12.5%) or a citation marker ([12]) unless a single
// number or marker is itself longer than limit.
//
// Nothing is trimmed or dropped: strings.Join(Split(s, n), "") == s for
// every s, including invalid UTF-8 (each invalid byte counts as one rune).
// Chunks may therefore start or end with whitespace, and a chunk may be
// whitespace only; senders that cannot post blank messages should skip such
// chunks. Split returns nil for an empty s. A limit below 1 is treated
// as 1.
func Split(s string, limit int) []string {
	if s == "" {
		return nil
	}
	if limit < 1 {
		limit = 1
	}
	if utf8.RuneCountInString(s) <= limit {
		return []string{s}
	}
	rs, offs := decode(s)
	g := glue(rs)
	n := len(rs)
	var chunks []string
	for start := 0; start < n; {
		if n-start <= limit {
			chunks = append(chunks, s[offs[start]:])
			break
		}
		end := breakAt(rs, g, start, start+limit)
		chunks = append(chunks, s[offs[start]:offs[end]])
		start = end
	}
	return chunks
}

// decode returns the runes of s and the byte offset of each, plus len(s)
// at the end. An invalid byte decodes to utf8.RuneError of size 1, as
// utf8.RuneCountInString counts it.
func decode(s string) ([]rune, []int) {
	rs := make([]rune, 0, len(s))
	offs := make([]int, 0, len(s)+1)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		rs = append(rs, r)
		offs = append(offs, i)
		i += size
	}
	return rs, append(offs, len(s))
}

// breakAt picks the end (exclusive rune index) of the chunk that starts at
// start and may reach max (exclusive). It returns a value in (start, max].
func breakAt(rs []rune, g []bool, start, max int) int {
	sentence, clause, any := 0, 0, 0
	for p := max; p > start; p-- {
		if g[p] {
			continue
		}
		if any == 0 {
			any = p
		}
		if clause == 0 && isClauseBreak(rs[p-1]) {
			clause = p
		}
		if sentence == 0 && endsSentence(rs, p) {
			sentence = p
			break // clause and any are already ≥ p
		}
	}
	half := start + (max-start)/2
	switch {
	case sentence > 0 && (sentence >= half || clause <= sentence):
		return sentence
	case clause > 0:
		return clause
	case any > 0:
		return any
	default:
		return max // one number or marker longer than the limit
	}
}

// endsSentence reports whether a break before rs[p] falls right after a
// sentence end, counting closing quotes and brackets and then spaces as
// part of it.
func endsSentence(rs []rune, p int) bool {
	if p < len(rs) && isCloser(rs[p]) {
		return false
	}
	q := p - 1
	for q >= 0 && (rs[q] == ' ' || rs[q] == '\t' || rs[q] == '\u3000') {
		q--
	}
	for q >= 0 && isCloser(rs[q]) {
		q--
	}
	if q < 0 {
		return false
	}
	switch rs[q] {
	case '。', '；', '！', '？', '!', '?', '\n', '…':
		return true
	}
	return false
}

func isCloser(r rune) bool {
	switch r {
	case '”', '’', '」', '』', '）', ')', '】', '》', '"', '\'':
		return true
	}
	return false
}

func isClauseBreak(r rune) bool {
	switch r {
	case '，', '、', ',', ';', ':', '：':
		return true
	}
	return unicode.IsSpace(r)
}

func isDigit(r rune) bool {
	return (r >= '0' && r <= '9') || (r >= '０' && r <= '９')
}

// isNumSep reports whether r joins two digit runs into one number: the
// decimal point of 494.91, the thousands comma of 1,116, 10:30, 1/3.
func isNumSep(r rune) bool {
	switch r {
	case '.', ',', ':', '/', '．':
		return true
	}
	return false
}

// glue marks the positions where a chunk must not end: g[p] is true when
// rs[p-1] and rs[p] belong together (inside a number, a [n] marker, a
// CRLF, or before a combining mark). g[0] and g[len(rs)] are false.
func glue(rs []rune) []bool {
	n := len(rs)
	g := make([]bool, n+1)
	for p := 1; p < n; p++ {
		a, b := rs[p-1], rs[p]
		switch {
		case isDigit(a) && isDigit(b):
			g[p] = true
		case isDigit(a) && (b == '%' || b == '％' || b == '‰'):
			g[p] = true
		case isDigit(a) && isNumSep(b) && p+1 < n && isDigit(rs[p+1]):
			g[p], g[p+1] = true, true
		case a == '\r' && b == '\n':
			g[p] = true
		case a == '\u200d' || b == '\u200d' || unicode.In(b, unicode.Mn, unicode.Me) ||
			(b >= '\ufe00' && b <= '\ufe0f'):
			g[p] = true
		}
	}
	// Citation markers: [12] stays whole.
	for i := 0; i < n; i++ {
		if rs[i] != '[' {
			continue
		}
		j := i + 1
		for j < n && isDigit(rs[j]) {
			j++
		}
		if j > i+1 && j < n && rs[j] == ']' {
			for p := i + 1; p <= j; p++ {
				g[p] = true
			}
			i = j
		}
	}
	return g
}

// truncate shortens s to at most max runes, ending with "…" when it cut.
// Like Split, it avoids cutting inside a number or marker when it can.
func truncate(s string, max int) string {
	if max < 1 {
		return ""
	}
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	if max == 1 {
		return "…"
	}
	rs, offs := decode(s)
	g := glue(rs)
	end := max - 1
	for p := end; p > 0 && p > end-12; p-- {
		if !g[p] {
			end = p
			break
		}
	}
	return s[:offs[end]] + "…"
}
