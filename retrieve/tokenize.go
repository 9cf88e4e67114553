package retrieve

import (
	"hash/fnv"
	"strings"
	"unicode"

	"github.com/reportbot/reportbot/lexicon"
)

// Tokenize splits text into index terms, appending them to out: character
// bigrams inside runs of Han characters (a lone character is a unigram),
// lowercased ASCII words that are not English stop words, and numbers with
// their decimal point (494.91 stays one term). Full-width digits are folded
// first. It is the tokenizer of the lexical index, exported so callers
// score sentences the way the index scores chunks.
func Tokenize(s string, out []string) []string {
	scanTerms(foldRunes(s, nil), func(t termSpan) {
		out = append(out, string(t.runes))
	})
	return out
}

// FoldDigits maps full-width digits, full-width punctuation used inside
// numbers and the ideographic space to ASCII, as NFKC would.
func FoldDigits(s string) string { return strings.Map(foldRune, s) }

func foldRune(r rune) rune {
	switch {
	case r >= '０' && r <= '９':
		return r - '０' + '0'
	case r == '．':
		return '.'
	case r == '，':
		return ','
	case r == '％':
		return '%'
	case r == '\u3000':
		return ' '
	}
	return r
}

// foldRunes appends the code points of s, folded as by FoldDigits, to buf.
func foldRunes(s string, buf []rune) []rune {
	for _, r := range s {
		buf = append(buf, foldRune(r))
	}
	return buf
}

// isHan reports whether r is a Han character, with a fast path for the
// CJK Unified Ideographs block.
func isHan(r rune) bool {
	if r >= 0x4E00 && r <= 0x9FFF {
		return true
	}
	return r >= 0x2E80 && unicode.Is(unicode.Han, r)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// termKind tells how a term's key is formed.
type termKind uint8

const (
	termHan  termKind = iota + 1 // one or two Han characters
	termWord                     // a number or a lowercased ASCII word
)

// termSpan is one term found by scanTerms: runes is a slice of the folded
// text (for termWord already lowercased when it is a word).
type termSpan struct {
	kind  termKind
	runes []rune
}

// scanTerms calls fn for each index term of the folded text rs, in order.
// It lowercases ASCII words in rs in place. Tokenize and the index both
// use it, so a term's string and its key always agree.
func scanTerms(rs []rune, fn func(termSpan)) {
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case isHan(r):
			j := i
			for j < len(rs) && isHan(rs[j]) {
				j++
			}
			if j-i == 1 {
				fn(termSpan{termHan, rs[i : i+1]})
			}
			for k := i; k+1 < j; k++ {
				fn(termSpan{termHan, rs[k : k+2]})
			}
			i = j
		case isDigit(r):
			j := i
			for j < len(rs) && (isDigit(rs[j]) || rs[j] == '.' && j+1 < len(rs) && isDigit(rs[j+1])) {
				j++
			}
			fn(termSpan{termWord, rs[i:j]})
			i = j
		case r < 128 && unicode.IsLetter(r):
			j := i
			for j < len(rs) && rs[j] < 128 && (unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j])) {
				if rs[j] >= 'A' && rs[j] <= 'Z' {
					rs[j] += 'a' - 'A'
				}
				j++
			}
			if !lexicon.IsEnglishStopword(string(rs[i:j])) {
				fn(termSpan{termWord, rs[i:j]})
			}
			i = j
		default:
			i++
		}
	}
}

// Term keys identify index terms without their strings: one or two Han
// characters pack their code points (21 bits each) under tag 1 or 2;
// numbers and words hash under tag 3.
const (
	keyTagShift        = 62
	keyHan1     uint64 = 1 << keyTagShift
	keyHan2     uint64 = 2 << keyTagShift
	keyWord     uint64 = 3 << keyTagShift
	keyMask            = 1<<keyTagShift - 1
)

// key returns the term key of t.
func (t termSpan) key() uint64 {
	if t.kind == termHan {
		if len(t.runes) == 1 {
			return keyHan1 | uint64(t.runes[0])
		}
		return keyHan2 | uint64(t.runes[0])<<21 | uint64(t.runes[1])
	}
	// FNV-1a over the UTF-8 bytes; the runes are ASCII here.
	h := uint64(14695981039346656037)
	for _, r := range t.runes {
		h = (h ^ uint64(r)) * 1099511628211
	}
	return keyWord | h&keyMask
}

// termKey returns the key of an index term as Tokenize returns it, and
// false for a string that is not an index term.
func termKey(term string) (uint64, bool) {
	rs := []rune(term)
	switch {
	case len(rs) == 0:
		return 0, false
	case isHan(rs[0]):
		if len(rs) > 2 || len(rs) == 2 && !isHan(rs[1]) {
			return 0, false
		}
		return termSpan{termHan, rs}.key(), true
	}
	for _, r := range rs {
		if r >= 128 {
			return 0, false
		}
	}
	h := fnv.New64a()
	h.Write([]byte(term))
	return keyWord | h.Sum64()&keyMask, true
}
