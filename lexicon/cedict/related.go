package cedict

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Related returns near-synonyms of the simplified headword word: other
// headwords that share a whole gloss with it once both are normalized as
// [Chinese] normalizes (lower case, no parentheses, no leading "to" or
// article, inflections folded). 老人 and 老年人 share "the elderly"; 销售 and
// 出售 share "to sell". Rare single characters, proper nouns and senses
// labelled (literary), (Tw) and the like come last; otherwise headwords that
// share more glosses come first, then headwords with few senses (公司 before
// 硬, which is "firm" among eleven other things), then more common, shorter
// headwords; at most 20. Related returns nil if word is not a headword or
// shares nothing.
func Related(word string) []string {
	d := load()
	i := d.index(word)
	if i < 0 {
		return nil
	}
	x := d.englishIndex()
	type rel struct {
		word, shared, glosses int
		flags                 glossFlag
	}
	found := map[int]*rel{}
	seen := map[string]bool{}
	own := d.glosses(x, i)
	for _, g := range own {
		k := strings.Join(g.key, " ")
		if g.flags&pointer != 0 || len(g.key) == 0 || seen[k] {
			continue
		}
		seen[k] = true
		for _, j := range x.candidates(g.key) {
			if int(j) == i {
				continue
			}
			theirs := d.glosses(x, int(j))
			for _, h := range theirs {
				if h.flags&pointer == 0 && slices.Equal(h.key, g.key) {
					r := found[int(j)]
					if r == nil {
						r = &rel{word: int(j), flags: h.flags, glosses: len(theirs)}
						found[int(j)] = r
					}
					r.shared++
					r.flags &= h.flags
					break
				}
			}
		}
	}
	if len(found) == 0 {
		return nil
	}
	rels := make([]*rel, 0, len(found))
	for _, r := range found {
		rels = append(rels, r)
	}
	slices.SortFunc(rels, func(a, b *rel) int {
		return cmp.Or(
			compareBool(d.obscure(a.word), d.obscure(b.word)),
			compareBool(d.proper(a.word), d.proper(b.word)),
			cmp.Compare(a.flags&marked, b.flags&marked),
			cmp.Compare(b.shared, a.shared),
			cmp.Compare(specificity(a.glosses), specificity(b.glosses)),
			cmp.Compare(d.rank(b.word), d.rank(a.word)),
			cmp.Compare(utf8.RuneCountInString(d.words[a.word]), utf8.RuneCountInString(d.words[b.word])),
			cmp.Compare(a.word, b.word),
		)
	})
	out := make([]string, 0, min(len(rels), maxResults))
	for _, r := range rels[:min(len(rels), maxResults)] {
		out = append(out, d.words[r.word])
	}
	return out
}
