package regions

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/reportbot/reportbot/lexicon/cedict"
)

// Match is a division name found in a text.
type Match struct {
	Division
	// Start and End delimit the name in the text, [Start, End) in Unicode
	// code points.
	Start, End int
	// Text is the name as found: Division.Name or Division.Short.
	Text string
}

// Find returns the names of provinces and prefecture-level cities in text,
// full or short (广东省, 广东, 深圳市, 深圳), in order; see [FindLevel].
func Find(text string) []Match { return FindLevel(text, City) }

// FindLevel returns the names of divisions of maxLevel and above in text,
// full or short, in order and not overlapping. At each position the longest
// name wins (深圳市 over 深圳), except that a name is cut before a suffix
// that makes a word with the next character (深圳市场 is 深圳 + 市场), and a
// short name is skipped where it would cut an ordinary word of the text in
// two, by the segmentation of [cedict.Segment]: 大同 is not found in
// 更大同心圆 (同心圆), 观城 not in 景观城市.
//
// Names that are also ordinary words are not looked for: short names such as
// 安康, 朝阳, 城关, 新区, 中心 (their full names are) and the few full names
// such as 城区, 开发区 and 大同乡. Short names of counties and towns collide
// with words far more often than those of provinces and cities, which is why
// [Find] stops at cities.
//
// When a name fits several divisions (吉林: a province and a city; 龙华区: in
// 深圳 and in 海口), FindLevel takes the one whose parent or child is named
// unambiguously nearest to it in text, else the higher level, else the lower
// code. The first call for each maxLevel builds an index (under 1 ms for
// cities, 30–80 ms for towns).
func FindLevel(text string, maxLevel Level) []Match {
	maxLevel = min(max(maxLevel, Province), Town)
	t := load()
	f := t.finder(maxLevel)
	var cands []candidate
	var buf []nameMatch
	words := wordBounds{text: text}
	for i, r := 0, 0; i < len(text); {
		buf = f.prefixes(text[i:], buf[:0])
		if m, ok := f.pick(text, i, buf, &words); ok {
			cands = append(cands, candidate{names: f.divs[m.name], start: r, end: r + m.runes, text: text[i : i+m.bytes]})
			i, r = i+m.bytes, r+m.runes
			continue
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		i, r = i+size, r+1
	}
	return t.resolve(cands)
}

// candidate is a name found in text with the divisions it may be.
type candidate struct {
	names      []int32
	start, end int
	text       string
}

// nameMatch is a name that is a prefix of the text at some position.
type nameMatch struct{ name, runes, bytes int }

// wordAfter are two-character words that start with a division's generic
// suffix: before one of them the name is the short one (深圳 + 市场).
var wordAfter = map[string]bool{
	"市场": true, "市民": true, "市容": true, "市值": true, "市政": true, "市面": true,
	"市井": true, "区域": true, "区间": true, "区别": true, "区分": true, "区块": true,
	"县域": true, "县城": true, "省份": true, "镇域": true, "乡村": true,
}

// pick returns the longest of the names matched at text[i:], unless its last
// character makes a word with the next one and a shorter name fits, or it is
// a short name that cuts a word.
func (f *finder) pick(text string, i int, ms []nameMatch, words *wordBounds) (nameMatch, bool) {
	s := text[i:]
	for k := len(ms) - 1; k >= 0; k-- {
		m := ms[k]
		if k > 0 && m.bytes < len(s) {
			last, _ := utf8.DecodeLastRuneInString(s[:m.bytes])
			next, _ := utf8.DecodeRuneInString(s[m.bytes:])
			if wordAfter[string([]rune{last, next})] {
				continue
			}
		}
		if !f.full[m.name] && words.cuts(i, i+m.bytes) {
			continue
		}
		return m, true
	}
	return nameMatch{}, false
}

// wordBounds checks names against the words of the text around them,
// segmenting each run of Han characters once, with [cedict.Segment].
type wordBounds struct {
	text       string
	start, end int      // the run segmented last, in bytes
	tokens     []string // its tokens
}

// cuts reports whether a word of the text crosses an end of text[s:e] or
// holds it with more around it, and is an ordinary word rather than a name:
// 大同 in 更大同心圆 (同心圆), 观城 in 景观城市 (景观), but not 北京 in
// 北京时间 (a name) or 观湖 in 观湖北 (湖北, a name too).
func (w *wordBounds) cuts(s, e int) bool {
	if s < w.start || e > w.end || w.tokens == nil {
		w.start, w.end = s, e
		for w.start > 0 {
			r, n := utf8.DecodeLastRuneInString(w.text[:w.start])
			if !unicode.Is(unicode.Han, r) {
				break
			}
			w.start -= n
		}
		for w.end < len(w.text) {
			r, n := utf8.DecodeRuneInString(w.text[w.end:])
			if !unicode.Is(unicode.Han, r) {
				break
			}
			w.end += n
		}
		w.tokens = cedict.Segment(w.text[w.start:w.end])
	}
	at := w.start
	for _, tok := range w.tokens {
		ts, te := at, at+len(tok)
		at = te
		if te <= s || ts >= e || ts >= s && te <= e {
			continue // apart from the name, or inside it
		}
		if utf8.RuneCountInString(tok) >= 2 && !cedict.IsName(tok) {
			return true
		}
	}
	return false
}

// resolve chooses a division for each name found: among the divisions a name
// may be, the one nearest in the text to an unambiguous name of its parent,
// an ancestor or a descendant (深圳 … 龙华区; 龙华区观湖街道).
func (t *table) resolve(cs []candidate) []Match {
	if len(cs) == 0 {
		return nil
	}
	// up[code]: where a division of that code is named unambiguously;
	// down[code]: where a division below it is.
	up, down := map[string][]int{}, map[string][]int{}
	for _, c := range cs {
		if len(c.names) != 1 {
			continue
		}
		d := t.divs[c.names[0]]
		up[d.Code] = append(up[d.Code], c.start)
		for p := d.Parent; p != ""; p = t.parent(p) {
			down[p] = append(down[p], c.start)
		}
	}
	out := make([]Match, len(cs))
	for i, c := range cs {
		best, dist := c.names[0], -1
		if len(c.names) > 1 {
			for _, id := range c.names { // by level, then code: the first wins a tie
				d := t.divs[id]
				n := nearest(c.start, down[d.Code])
				for p := d.Parent; p != ""; p = t.parent(p) {
					n = minDist(n, nearest(c.start, up[p]))
				}
				if n >= 0 && (dist < 0 || n < dist) {
					best, dist = id, n
				}
			}
		}
		out[i] = Match{Division: t.divs[best], Start: c.start, End: c.end, Text: c.text}
	}
	return out
}

// parent returns the parent code of the division with code, or "".
func (t *table) parent(code string) string {
	if i := t.byCode(code); i >= 0 {
		return t.divs[i].Parent
	}
	return ""
}

// nearest returns the distance from pos to the nearest of at, or -1.
func nearest(pos int, at []int) int {
	n := -1
	for _, a := range at {
		n = minDist(n, max(pos-a, a-pos))
	}
	return n
}

// minDist is min for distances where -1 means none.
func minDist(a, b int) int {
	switch {
	case a < 0:
		return b
	case b < 0:
		return a
	}
	return min(a, b)
}

// finder is a sorted list of the names of the divisions down to one level.
type finder struct {
	names  []string
	divs   [][]int32 // divs[i]: the divisions named names[i], by level then code
	full   []bool    // full[i]: names[i] is the full name of one of divs[i]
	first  map[rune][2]int32
	maxLen int // in runes
}

// allNames is the finder index of every name, ordinary words included, for
// Lookup.
const allNames = 0

var finders [Town + 1]struct {
	once sync.Once
	f    *finder
}

// finder returns the index for divisions down to level (allNames: every
// division and name), building it on first use.
func (t *table) finder(level Level) *finder {
	fi := &finders[level]
	fi.once.Do(func() { fi.f = t.buildFinder(level) })
	return fi.f
}

// buildFinder sorts the names of the divisions down to level (with names that
// are ordinary words only for allNames) and groups them.
func (t *table) buildFinder(level Level) *finder {
	type entry struct {
		name string
		id   int32
	}
	n := 0
	for _, d := range t.divs {
		if level == allNames || d.Level <= level {
			n++
		}
	}
	es := make([]entry, 0, 2*n)
	for i, d := range t.divs {
		if level != allNames && d.Level > level {
			continue
		}
		if level == allNames || t.words[i]&nameIsWord == 0 {
			es = append(es, entry{d.Name, int32(i)})
		}
		if d.Short != d.Name && (level == allNames || t.words[i]&shortIsWord == 0) {
			es = append(es, entry{d.Short, int32(i)})
		}
	}
	slices.SortFunc(es, func(a, b entry) int {
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		return t.before(a.id, b.id)
	})
	f := &finder{first: map[rune][2]int32{}, names: make([]string, 0, len(es)), divs: make([][]int32, 0, len(es))}
	all := make([]int32, len(es)) // one array behind every f.divs[i]
	for k, e := range es {
		all[k] = e.id
	}
	for k := 0; k < len(es); {
		j := k + 1
		for j < len(es) && es[j].name == es[k].name {
			j++
		}
		ids := all[k:j:j]
		full := false
		for _, id := range ids {
			full = full || t.divs[id].Name == es[k].name
		}
		f.full = append(f.full, full)
		i := int32(len(f.names))
		name := es[k].name
		f.names = append(f.names, name)
		f.divs = append(f.divs, ids)
		r, _ := utf8.DecodeRuneInString(name)
		if span, ok := f.first[r]; ok {
			span[1] = i + 1
			f.first[r] = span
		} else {
			f.first[r] = [2]int32{i, i + 1}
		}
		f.maxLen = max(f.maxLen, utf8.RuneCountInString(name))
		k = j
	}
	return f
}

// prefixes appends to ms the names that are prefixes of s, shortest first.
func (f *finder) prefixes(s string, ms []nameMatch) []nameMatch {
	r, size := utf8.DecodeRuneInString(s)
	span, ok := f.first[r]
	if !ok {
		return ms
	}
	lo, hi := int(span[0]), int(span[1])
	for n, k := size, 1; k <= f.maxLen && lo < hi; k++ {
		p := s[:n]
		lo += sort.Search(hi-lo, func(i int) bool { return f.names[lo+i] >= p })
		if lo == hi || !strings.HasPrefix(f.names[lo], p) {
			break
		}
		if f.names[lo] == p {
			ms = append(ms, nameMatch{name: lo, runes: k, bytes: n})
		}
		hi = lo + sort.Search(hi-lo, func(i int) bool { return !strings.HasPrefix(f.names[lo+i], p) })
		if n == len(s) {
			break
		}
		_, m := utf8.DecodeRuneInString(s[n:])
		n += m
	}
	return ms
}
