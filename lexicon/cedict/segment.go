package cedict

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Segment splits text into tokens that concatenate back to text. Runs of Han
// characters are cut into dictionary words: of all the ways to cover the run
// with headwords (and single characters where no headword fits), Segment takes
// the one with the fewest tokens, then the fewest single characters, then the
// most common words (see the package doc on "common"; names count least). Other text is cut by
// kind: a number ("93.86", "1,234", "5G") or a Latin word is one token, a run
// of spaces is one token, and every other character (punctuation, symbols) is
// a token of its own. Segment is deterministic; invalid UTF-8 bytes are
// tokens of their own.
func Segment(text string) []string {
	if text == "" {
		return nil
	}
	d := load()
	toks := make([]string, 0, len(text)/4+1)
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isHan(r):
			j := i + size
			for j < len(text) {
				r, n := utf8.DecodeRuneInString(text[j:])
				if !isHan(r) {
					break
				}
				j += n
			}
			toks = d.segmentHan(text[i:j], toks)
			i = j
		default:
			j := i + nonHanToken(text[i:])
			toks = append(toks, text[i:j])
			i = j
		}
	}
	return toks
}

// isHan reports whether r is a Han character (汉字, including 〇).
func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// nonHanToken returns the byte length of the token at the start of s, which
// does not start with a Han character.
func nonHanToken(s string) int {
	r, size := utf8.DecodeRuneInString(s)
	switch {
	case r == utf8.RuneError && size <= 1:
		return max(size, 1)
	case unicode.IsSpace(r):
		return size + spanOf(s[size:], unicode.IsSpace)
	case isAlnum(r):
		n := size
		for n < len(s) {
			r, m := utf8.DecodeRuneInString(s[n:])
			if isAlnum(r) {
				n += m
				continue
			}
			// A decimal point or thousands separator between digits: 93.86, 1,234.
			if (r == '.' || r == ',') && n+m < len(s) {
				prev, _ := utf8.DecodeLastRuneInString(s[:n])
				next, _ := utf8.DecodeRuneInString(s[n+m:])
				if unicode.IsDigit(prev) && unicode.IsDigit(next) {
					n += m
					continue
				}
			}
			break
		}
		return n
	default:
		return size
	}
}

func isAlnum(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsDigit(r)) && !isHan(r)
}

// spanOf returns the byte length of the prefix of s whose runes satisfy f.
func spanOf(s string, f func(rune) bool) int {
	for i, r := range s {
		if !f(r) || r == utf8.RuneError {
			return i
		}
	}
	return len(s)
}

// path is the cost of the best segmentation of a suffix of a Han run.
type path struct {
	tokens, singles, common int
	next                    int // rune index where the first token ends
}

// better reports whether p is a cheaper segmentation than q.
func (p path) better(q path) bool {
	if p.tokens != q.tokens {
		return p.tokens < q.tokens
	}
	if p.singles != q.singles {
		return p.singles < q.singles
	}
	return p.common > q.common
}

// commonness is what headword i adds to a segmentation's score: its rank, or
// nothing for a proper noun, so that where two cuts tie a name loses to a
// common word (更大同心 is 更 大 同心, not 更 大同 心 with 大同 the city).
func (d *dict) commonness(i int) int {
	if d.proper(i) {
		return 0
	}
	return d.rank(i)
}

// match is a headword found at a position: its length in runes and index.
type match struct{ runes, word int }

// segmentHan appends the segmentation of run, a string of Han characters, to
// toks: a shortest path over the DAG of headwords, computed from the right.
func (d *dict) segmentHan(run string, toks []string) []string {
	// offs[k] is the byte offset of the k-th rune; offs[n] == len(run).
	offs := make([]int, 0, len(run)/3+1)
	for i := range run {
		offs = append(offs, i)
	}
	n := len(offs)
	offs = append(offs, len(run))
	best := make([]path, n+1)
	var found []match
	for k := n - 1; k >= 0; k-- {
		found = d.prefixWords(run[offs[k]:], found[:0])
		// The single character is always an edge, headword or not.
		q := best[k+1]
		p := path{tokens: q.tokens + 1, singles: q.singles + 1, common: q.common, next: k + 1}
		for _, m := range found {
			q := best[k+m.runes]
			c := path{tokens: q.tokens + 1, singles: q.singles, common: q.common + d.commonness(m.word), next: k + m.runes}
			if c.better(p) || (!p.better(c) && c.next > p.next) {
				p = c
			}
		}
		best[k] = p
	}
	for k := 0; k < n; k = best[k].next {
		toks = append(toks, run[offs[k]:offs[best[k].next]])
	}
	return toks
}

// prefixWords appends to found the headwords that are prefixes of s,
// shortest first.
func (d *dict) prefixWords(s string, found []match) []match {
	r, size := utf8.DecodeRuneInString(s)
	span, ok := d.first[r]
	if !ok {
		return found
	}
	lo, hi := int(span[0]), int(span[1])
	for n, k := size, 1; k <= d.maxLen && lo < hi; k++ {
		p := s[:n]
		lo += sort.Search(hi-lo, func(i int) bool { return d.words[lo+i] >= p })
		if lo == hi || !strings.HasPrefix(d.words[lo], p) {
			break
		}
		if d.words[lo] == p {
			found = append(found, match{runes: k, word: lo})
		}
		hi = lo + sort.Search(hi-lo, func(i int) bool { return !strings.HasPrefix(d.words[lo+i], p) })
		if n == len(s) {
			break
		}
		_, m := utf8.DecodeRuneInString(s[n:])
		n += m
	}
	return found
}
