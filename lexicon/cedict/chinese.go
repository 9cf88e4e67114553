package cedict

import (
	"cmp"
	"slices"
	"unicode/utf8"
)

// maxResults bounds what Chinese and Related return.
const maxResults = 20

// subphraseTop is how many renderings of each part Chinese keeps when it
// falls back to the parts of a phrase.
const subphraseTop = 3

// tier is how well a gloss renders a query, best first.
type tier int

const (
	tierVerbatim tier = iota // the gloss is the query, word for word: "training" = "training"
	tierExact                // the same after folding: "trained" = "to train"
	tierPhrase               // the gloss contains the query: "the elderly" in "care of the elderly"
	tierAside                // only a parenthesis contains it: "(completed action marker)"
	tierNone
)

// hit is a headword's best match to a query.
type hit struct {
	word  int
	tier  tier
	flags glossFlag
	extra int // words of the gloss beyond the query's
	sense int
	// glosses is how many glosses the headword has: a word with one sense
	// renders it more precisely than one with twelve (学校 "school" before
	// 宗 "school; sect; purpose; …").
	glosses int
	// caseDiffers: the query is capitalized and the gloss is not, or the
	// other way round.
	caseDiffers bool
	// kindDiffers: the query is capitalized and the headword is not a proper
	// noun, or the other way round: "Beijing" wants 北京 before 京味.
	kindDiffers bool
}

// Chinese returns the simplified headwords whose senses render english, a
// word or a phrase, best first and at most 20. Matching is on whole words,
// with plurals, -ed and -ing forms and common irregular forms folded
// ("enterprises" → enterprise, "sold" → sell); a leading "to" or article is
// ignored. Case only ranks: a capitalized query is taken for a name.
//
// Ranking: headwords with a gloss that is exactly the query come first
// (verbatim before folded), then those whose gloss contains it as a phrase,
// then those whose sense mentions it in a parenthesis. Within each group:
// glosses capitalized as the query is ("China" 中国, "china" 瓷); unlabelled
// senses before (literary), (Tw), (bound form) and the like; other words
// before rare single characters; common words before proper nouns for a
// lower-case query, proper nouns first for a capitalized one; the headword's
// first sense before later ones; shorter glosses; headwords with few senses;
// then more common, shorter headwords.
//
// A phrase is matched as a whole first. If nothing renders it, Chinese
// returns the best few renderings of each of its longest matching parts, in
// order: "fixed asset investment" gives 固定资产 … then 投资 …. It returns
// nil for an empty query or one of stop words only.
func Chinese(english string) []string {
	us := americanSpelling(english)
	if us == english {
		return chinese(english)
	}
	// CC-CEDICT glosses in American spelling (centre → center); the
	// British spelling's few glosses come after.
	out := chinese(us)
	for _, w := range chinese(english) {
		if len(out) < maxResults && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

func chinese(english string) []string {
	d := load()
	x := d.englishIndex()
	raw, key := x.query(english)
	if len(key) == 0 {
		return nil
	}
	q := query{raw: raw, key: key, capital: startsUpper(english)}
	hits := d.match(x, q, tierAside)
	if len(hits) > 0 {
		return d.headwords(hits, maxResults)
	}
	if len(key) == 1 {
		return nil
	}
	return d.parts(x, q)
}

// query is what Chinese looks up: the words as written and folded, and
// whether the first is a capital (China, not china).
type query struct {
	raw, key []string
	capital  bool
}

// sub returns the words [i, i+n) of q.
func (q query) sub(i, n int) query {
	return query{raw: q.raw[i : i+n], key: q.key[i : i+n], capital: q.capital && i == 0}
}

// parts covers a phrase with its longest matching sub-phrases, left to right.
func (d *dict) parts(x *englishIndex, q query) []string {
	var out []string
	seen := map[string]bool{}
	for i := 0; i < len(q.key); {
		n := len(q.key) - i
		for ; n > 0; n-- {
			if n == len(q.key) { // the whole phrase was tried already
				continue
			}
			hits := d.match(x, q.sub(i, n), tierAside)
			if len(hits) == 0 {
				continue
			}
			for _, w := range d.headwords(hits, subphraseTop) {
				if !seen[w] {
					seen[w] = true
					out = append(out, w)
				}
			}
			break
		}
		i += max(n, 1)
	}
	if len(out) > maxResults {
		out = out[:maxResults]
	}
	return out
}

// match returns the headwords with a gloss matching the query at worst tier.
func (d *dict) match(x *englishIndex, q query, worst tier) []hit {
	cands := x.candidates(q.key)
	var hits []hit
	for _, i := range cands {
		best := hit{word: int(i), tier: tierNone}
		gs := d.glosses(x, int(i))
		for _, g := range gs {
			h := hit{
				word: int(i), tier: g.match(q.raw, q.key), flags: g.flags, extra: len(g.key) - len(q.key),
				sense: g.sense, glosses: len(gs), caseDiffers: q.capital != (g.flags&capital != 0),
				kindDiffers: q.capital != d.proper(int(i)),
			}
			if h.tier <= worst && h.better(best) {
				best = h
			}
		}
		if best.tier <= worst {
			hits = append(hits, best)
		}
	}
	slices.SortFunc(hits, func(a, b hit) int { return d.compare(a, b) })
	return hits
}

// candidates returns the headwords that have every word of key, found through
// the rarest word's postings.
func (x *englishIndex) candidates(key []string) []int32 {
	var rarest []int32
	found := false
	for _, w := range key {
		if stop[w] {
			continue
		}
		p, ok := x.post[w]
		if !ok {
			return nil
		}
		if !found || len(p) < len(rarest) {
			rarest, found = p, true
		}
	}
	return rarest
}

// match returns how well g renders the query.
func (g *gloss) match(raw, key []string) tier {
	switch {
	case g.flags&pointer != 0:
		return tierNone
	case slices.Equal(g.raw, raw):
		return tierVerbatim
	case slices.Equal(g.key, key):
		return tierExact
	case contains(g.key, key):
		return tierPhrase
	case contains(g.all, key):
		return tierAside
	}
	return tierNone
}

// better reports whether h is a better match of its headword than o.
func (h hit) better(o hit) bool {
	return cmp.Or(
		cmp.Compare(h.tier, o.tier),
		compareBool(h.caseDiffers, o.caseDiffers),
		cmp.Compare(h.flags&marked, o.flags&marked),
		cmp.Compare(h.sense, o.sense),
		cmp.Compare(h.extra, o.extra),
	) < 0
}

// compare orders hits of different headwords, best first.
func (d *dict) compare(a, b hit) int {
	return cmp.Or(
		cmp.Compare(a.tier, b.tier),
		compareBool(a.caseDiffers, b.caseDiffers),
		cmp.Compare(a.flags&marked, b.flags&marked),
		compareBool(d.obscure(a.word), d.obscure(b.word)),
		compareBool(a.kindDiffers, b.kindDiffers),
		compareBool(a.sense > 0, b.sense > 0),
		cmp.Compare(min(a.extra, maxExtra), min(b.extra, maxExtra)),
		cmp.Compare(specificity(a.glosses), specificity(b.glosses)),
		cmp.Compare(d.rank(b.word), d.rank(a.word)),
		cmp.Compare(utf8.RuneCountInString(d.words[a.word]), utf8.RuneCountInString(d.words[b.word])),
		cmp.Compare(a.sense, b.sense),
		cmp.Compare(a.word, b.word),
	)
}

// obscureRank is the rank below which a single character counts as rare:
// 庉 and 疃 ("village") are in no other headword, 村 is in hundreds.
const obscureRank = 3

// obscure reports whether headword i is a rare single character.
func (d *dict) obscure(i int) bool {
	return d.rank(i) < obscureRank && utf8.RuneCountInString(d.words[i]) == 1
}

// compareBool orders false before true.
func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

func (d *dict) headwords(hits []hit, limit int) []string {
	out := make([]string, 0, min(len(hits), limit))
	for _, h := range hits[:min(len(hits), limit)] {
		out = append(out, d.words[h.word])
	}
	return out
}

// contains reports whether sub occurs in ws as a run of words.
func contains(ws, sub []string) bool {
	for i := 0; i+len(sub) <= len(ws); i++ {
		if slices.Equal(ws[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// maxExtra caps the gloss length difference that ranking looks at: "care
// of the elderly" and "special care of the elderly in hospitals" are both
// long for "elderly".
const maxExtra = 3

// specificity buckets a headword's number of glosses: 1–3 (a precise word),
// 4–7, 8 or more (a character with many uses).
func specificity(glosses int) int {
	switch {
	case glosses <= 3:
		return 0
	case glosses <= 7:
		return 1
	}
	return 2
}
