package cedict

import (
	"slices"
	"strings"
	"sync"
	"unicode"
)

// A gloss is one rendering inside a sense: CC-CEDICT separates senses with
// "/" and near-equivalent glosses of one sense with "; ". "old people; the
// elderly" is one sense of 老年人 with two glosses.
type gloss struct {
	raw   []string // lower-case words outside parentheses, without a leading "to" or article
	key   []string // raw, folded
	all   []string // every word, parentheses included, folded
	sense int      // index of the sense in the headword's senses
	flags glossFlag
}

type glossFlag uint8

const (
	// marked: the sense is labelled with a register or region: (literary),
	// (archaic), (dialect), (Tw) and the like.
	marked glossFlag = 1 << iota
	// pointer: the gloss only points elsewhere ("see 中山市", "used in 葡萄")
	// and renders nothing.
	pointer
	// capital: the gloss starts with a capital letter, as names do: "China"
	// (中国), not "china" (瓷).
	capital
)

// markers are the sense labels that make a rendering less likely to be the
// one wanted in a modern report, and the mark of a measure word's sense.
var markers = []string{
	"(literary", "(archaic", "(old)", "(old ", "(obsolete", "(classical", "(dialect",
	"(Tw", "(Cantonese", "(Hong Kong", "(slang", "(Internet slang", "(vulgar",
	"(derog", "(Buddhism", "(Taoism", "(TCM", "(Japanese", "(loanword",
	"(bound form", "classifier for ",
}

// pointers start a gloss that carries no English of its own.
var pointers = []string{"see ", "used in ", "(used in "}

// englishIndex finds headwords by the words of their senses.
type englishIndex struct {
	vocab map[string]int32   // every lower-case word of the senses, unfolded → its number
	post  map[string][]int32 // folded word → headword indices, ascending
}

var (
	indexOnce sync.Once
	indexed   *englishIndex
)

// englishIndex returns the English index, building it on first use.
func (d *dict) englishIndex() *englishIndex {
	indexOnce.Do(func() { indexed = buildIndex(d) })
	return indexed
}

// buildIndex tokenizes every sense once, collecting postings per word as
// written, then folds each distinct word once and merges the postings of the
// words that fold together. (Building the two halves in parallel was slower
// on two busy cores: more memory, more GC.)
func buildIndex(d *dict) *englishIndex {
	senses := d.senses()
	all := collect(senses, 0, len(senses))
	x := &englishIndex{vocab: all.ids, post: make(map[string][]int32, len(all.words))}
	merged := map[string]bool{}
	for id, w := range all.words {
		if stop[w] {
			continue
		}
		f := x.fold(w)
		if p, ok := x.post[f]; ok {
			x.post[f] = append(p, all.posts[id]...)
			merged[f] = true
		} else {
			x.post[f] = all.posts[id]
		}
	}
	for f := range merged {
		p := x.post[f]
		slices.Sort(p)
		x.post[f] = slices.Compact(p)
	}
	return x
}

// postings are the headwords whose senses have each word, as written.
type postings struct {
	ids   map[string]int32 // word → its number
	words []string
	posts [][]int32 // by word number: headword indices, ascending
}

// collect tokenizes senses[lo:hi].
func collect(senses []string, lo, hi int) postings {
	p := postings{ids: make(map[string]int32, 1<<16)}
	var toks []string
	for i := lo; i < hi; i++ {
		toks = tokens(senses[i], toks[:0])
		for _, t := range toks {
			id, ok := p.ids[t]
			if !ok {
				id = int32(len(p.words))
				p.ids[t] = id
				p.words = append(p.words, t)
				p.posts = append(p.posts, nil)
			}
			if ps := p.posts[id]; len(ps) == 0 || ps[len(ps)-1] != int32(i) {
				p.posts[id] = append(ps, int32(i))
			}
		}
	}
	return p
}

// glosses parses the senses of headword i.
func (d *dict) glosses(x *englishIndex, i int) []gloss {
	var out []gloss
	for sn, sense := range strings.Split(d.senses()[i], sep) {
		var flags glossFlag
		for _, m := range markers {
			if strings.Contains(sense, m) {
				flags |= marked
				break
			}
		}
		for _, g := range splitTop(sense, "; ") {
			gl := gloss{sense: sn, flags: flags}
			for _, p := range pointers {
				if strings.HasPrefix(g, p) {
					gl.flags |= pointer
				}
			}
			core := outsideParens(g)
			if !strings.ContainsFunc(core, isLatinLetter) {
				core = g
			}
			if startsUpper(core) {
				gl.flags |= capital
			}
			gl.raw = trimLead(tokens(core, nil))
			gl.key = foldAll(x, slices.Clone(gl.raw))
			gl.all = foldAll(x, tokens(g, nil))
			out = append(out, gl)
		}
	}
	return out
}

// startsUpper reports whether the first letter of s is a capital.
func startsUpper(s string) bool {
	i := strings.IndexFunc(s, isLatinLetter)
	return i >= 0 && unicode.IsUpper(rune(s[i]))
}

// query is an English word or phrase, parsed like a gloss.
func (x *englishIndex) query(s string) (raw, key []string) {
	raw = trimLead(tokens(s, nil))
	return raw, foldAll(x, slices.Clone(raw))
}

func foldAll(x *englishIndex, ws []string) []string {
	for i, w := range ws {
		ws[i] = x.fold(w)
	}
	return ws
}

// fold folds w against the dictionary's English; see [fold].
func (x *englishIndex) fold(w string) string {
	return fold(w, func(s string) bool { _, ok := x.vocab[s]; return ok })
}

// trimLead drops a leading "to" (the mark of a verb) and a leading article,
// unless nothing else is left: "to sell" → "sell", "the elderly" → "elderly".
func trimLead(ws []string) []string {
	if len(ws) > 1 && ws[0] == "to" {
		ws = ws[1:]
	}
	if len(ws) > 1 && (ws[0] == "a" || ws[0] == "an" || ws[0] == "the") {
		ws = ws[1:]
	}
	return ws
}

// splitTop splits s at sep outside parentheses.
func splitTop(s, sep string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth = max(0, depth-1)
		default:
			if depth == 0 && strings.HasPrefix(s[i:], sep) {
				out = append(out, s[start:i])
				start = i + len(sep)
				i += len(sep) - 1
			}
		}
	}
	return append(out, s[start:])
}

// outsideParens returns s without its parenthesized parts.
func outsideParens(s string) string {
	if !strings.Contains(s, "(") {
		return s
	}
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')':
			depth = max(0, depth-1)
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isLatinLetter(r rune) bool { return r < 0x250 && (r|0x20 >= 'a' && r|0x20 <= 'z' || r >= 0xC0) }
