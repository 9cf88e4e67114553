package qa

import (
	"strings"
	"sync"
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
func fold(s string) string { return strings.ToLower(scriptFolder.Replace(retrieve.FoldDigits(s))) }

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
