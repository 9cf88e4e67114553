package qa

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/reportbot/reportbot/retrieve"
)

// corpus answers "where does this wording occur" over the loaded reports,
// using the index's bigram postings to nominate chunks and a substring
// test to confirm. Answers are cached: questions reuse wordings.
type corpus struct {
	idx   *retrieve.Index
	texts []string // folded chunk texts, by chunk index
	cache sync.Map // form → []int32
}

func newCorpus(idx *retrieve.Index) *corpus {
	c := &corpus{idx: idx, texts: make([]string, idx.Len())}
	for i := range c.texts {
		c.texts[i] = fold(idx.Chunk(i).Text)
	}
	return c
}

// fold prepares text for substring tests: full-width digits and signs to
// ASCII, subscript and superscript digits to plain ones and the
// underscore of PM_2.5 dropped, Latin letters to lower case.
func fold(s string) string {
	return dropInnerSpace(strings.ToLower(scriptFolder.Replace(retrieve.FoldDigits(s))))
}

// dropInnerSpace removes the spaces and line breaks that stand between Han
// characters, or between a number and a Han character: text converted from
// a PDF wraps lines inside words (地区生产\n总值) and spaces numbers from
// their units (28.1 万人), and words must still match.
func dropInnerSpace(s string) string {
	if !strings.ContainsAny(s, " \n\r\t\u3000") {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(rs); i++ {
		if !unicode.IsSpace(rs[i]) {
			b.WriteRune(rs[i])
			continue
		}
		j := i
		for j < len(rs) && unicode.IsSpace(rs[j]) {
			j++
		}
		if i > 0 && j < len(rs) && joins(rs[i-1], rs[j]) {
			i = j - 1
			continue
		}
		b.WriteString(string(rs[i:j]))
		i = j - 1
	}
	return b.String()
}

// joins reports whether a space between a and b is a break inside a word
// or between a number and its unit, not between two words.
func joins(a, b rune) bool {
	han := func(r rune) bool { return unicode.Is(unicode.Han, r) }
	digit := func(r rune) bool { return r >= '0' && r <= '9' || r == '%' }
	return han(a) && han(b) || digit(a) && han(b) || han(a) && digit(b) || digit(a) && b == '%'
}

var scriptFolder = strings.NewReplacer(
	"₀", "0", "₁", "1", "₂", "2", "₃", "3", "₄", "4", "₅", "5", "₆", "6", "₇", "7", "₈", "8", "₉", "9",
	"⁰", "0", "¹", "1", "²", "2", "³", "3", "⁴", "4", "⁵", "5", "⁶", "6", "⁷", "7", "⁸", "8", "⁹", "9",
	"_", "", "．", ".",
)

// chunks returns the chunks whose text contains form, in chunk order.
func (c *corpus) chunks(form string) []int32 {
	form = fold(form)
	if v, ok := c.cache.Load(form); ok {
		return v.([]int32)
	}
	var out []int32
	grams := hanGrams(form)
	if len(grams) == 0 {
		for i, t := range c.texts {
			if strings.Contains(t, form) {
				out = append(out, int32(i))
			}
		}
	} else {
		rarest := grams[0]
		for _, g := range grams[1:] {
			if len(c.idx.ChunksWith(g)) < len(c.idx.ChunksWith(rarest)) {
				rarest = g
			}
		}
		for _, i := range c.idx.ChunksWith(rarest) {
			if strings.Contains(c.texts[i], form) {
				out = append(out, i)
			}
		}
	}
	c.cache.Store(form, out)
	return out
}

// has reports whether form occurs in any loaded report.
func (c *corpus) has(form string) bool { return len(c.chunks(form)) > 0 }

// df is the number of chunks that hold form.
func (c *corpus) df(form string) int { return len(c.chunks(form)) }

// hanGrams are the index terms of form made of Han characters: they
// nominate the chunks to test. Latin and digit terms are not used, since
// the index splits them as the report writes them (PM_2.5), not as the
// folded form does.
func hanGrams(form string) []string {
	var out []string
	for _, g := range retrieve.Tokenize(form, nil) {
		if isHan(g) && utf8.RuneCountInString(g) == 2 {
			out = append(out, g)
		}
	}
	return out
}
