package cedict

import (
	_ "embed"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// pinyinGz is the reading table written by internal/gen: a line
// "syllable TAB characters" per toneless syllable, the characters most
// frequent first, each followed by k when the syllable is its k-th reading
// (k ≥ 2), and a "|" before those read that way only in traditional
// headwords. See internal/gen/pinyin.go.
//
//go:embed pinyin.txt.gz
var pinyinGz []byte

// Limits of Syllables: at most maxSplits splits, with at most one syllable
// more than the fewest, of which at most perCount of each length are
// considered (a pathological word has exponentially many).
const (
	maxSplits = 5
	perCount  = 32
)

// span is a slice of readingTable.arena.
type span struct{ off, n int32 }

// readingTable is the loaded pinyin table. Every syllable is a substring of
// the decompressed file.
type readingTable struct {
	chars    map[string][]rune // syllable → characters, most frequent first
	aliases  map[string][]rune // lu, nu, lue, nue: the characters they may stand for
	readings map[rune]span     // character → its readings in arena, most frequent first
	arena    []string
	valid    map[string]bool // the syllables Syllables splits into
	maxSyl   int             // the byte length of the longest syllable
}

var (
	pinyinOnce sync.Once
	pinyinTab  *readingTable
)

// pinyinTable returns the reading table, decompressing it on first use.
func pinyinTable() *readingTable {
	pinyinOnce.Do(func() { pinyinTab = parsePinyin(decompress(pinyinGz)) })
	return pinyinTab
}

// parsePinyin reads the lines "syllable TAB characters". It panics on a
// malformed file: that is a build error.
func parsePinyin(data string) *readingTable {
	bad := func(line string) { panic("cedict: embedded data: bad pinyin line " + strconv.Quote(line)) }
	type mark struct {
		r rune
		k int // the syllable is r's k-th reading
	}
	lines := strings.Count(data, "\n")
	t := &readingTable{
		chars:   make(map[string][]rune, lines),
		aliases: make(map[string][]rune, 4),
		valid:   make(map[string]bool, lines+2),
	}
	// First pass: the characters of each syllable and how many readings
	// each character has.
	all := make([]rune, 0, len(data)/3)
	counts := make(map[rune]int32, len(data)/4)
	type syllableMarks struct {
		syl   string
		marks []mark
		simp  int // the number of characters read so in simplified headwords
	}
	bySyl := make([]syllableMarks, 0, lines)
	marks := make([]mark, 0, len(data)/3)
	for line := range strings.Lines(data) {
		syl, rest, ok := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		if !ok || syl == "" || rest == "" {
			bad(line)
		}
		start, first, simp := len(all), len(marks), -1
		for i := 0; i < len(rest); {
			if rest[i] == '|' && simp < 0 {
				simp = len(all) - start
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(rest[i:])
			if r < 0x2E80 || r == utf8.RuneError { // below the CJK blocks
				bad(line)
			}
			i += size
			k := 1
			if j := i + spanOf(rest[i:], isDigit); j > i {
				k, _ = strconv.Atoi(rest[i:j])
				i = j
			}
			all = append(all, r)
			counts[r]++
			marks = append(marks, mark{r, k})
		}
		if simp < 0 {
			simp = len(all) - start
		}
		t.chars[syl] = all[start:len(all):len(all)]
		bySyl = append(bySyl, syllableMarks{syl, marks[first:len(marks):len(marks)], simp})
		t.maxSyl = max(t.maxSyl, len(syl))
		if strings.ContainsAny(syl, "aeiouv") {
			t.valid[syl] = true
		}
	}
	// Second pass: each character's readings, in one arena, in order.
	t.arena = make([]string, len(all))
	t.readings = make(map[rune]span, len(counts))
	var off int32
	for _, sm := range bySyl {
		for _, m := range sm.marks {
			sp, ok := t.readings[m.r]
			if !ok {
				sp = span{off, counts[m.r]}
				off += sp.n
				t.readings[m.r] = sp
			}
			if m.k < 1 || int32(m.k) > sp.n || t.arena[sp.off+int32(m.k)-1] != "" {
				panic("cedict: embedded data: bad reading rank of " + string(m.r) + " " + sm.syl)
			}
			t.arena[sp.off+int32(m.k)-1] = sm.syl
		}
	}
	// ü is also written u: lu and nu stand for lü and nü too, lue and nue
	// only for lüe and nüe. Characters("lu") is the characters read lu in
	// simplified headwords, then those read lü, then the traditional ones
	// read lu, then lü.
	simp := make(map[string]int, len(bySyl))
	for _, sm := range bySyl {
		simp[sm.syl] = sm.simp
	}
	for _, c := range []string{"l", "n"} {
		u, v := t.chars[c+"u"], t.chars[c+"v"]
		su, sv := simp[c+"u"], simp[c+"v"]
		var merged []rune
		for _, part := range [][]rune{u[:su], v[:sv], u[su:], v[sv:]} {
			for _, r := range part {
				if !slices.Contains(merged, r) {
					merged = append(merged, r)
				}
			}
		}
		t.aliases[c+"u"] = slices.Clip(merged)
		t.aliases[c+"ue"] = t.chars[c+"ve"]
		t.valid[c+"ue"] = true
	}
	return t
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

// Readings returns the toneless pinyin readings of the Han character r, most
// frequent first, or nil if r is not a Han character or CC-CEDICT gives it no
// reading. A reading is lower case, with ü written v: Readings('行') is
// [xing hang heng], Readings('吕') is [lv]. A reading's frequency is the number of
// CC-CEDICT headwords that read the character that way (in words as well as
// alone); tones are merged. Traditional characters have readings too. The
// caller owns the returned slice.
func Readings(r rune) []string {
	if !isHan(r) {
		return nil
	}
	t := pinyinTable()
	sp, ok := t.readings[r]
	if !ok {
		return nil
	}
	return slices.Clone(t.arena[sp.off : sp.off+sp.n])
}

// Characters returns the Han characters that have syllable as a reading,
// most frequent first (by the number of CC-CEDICT headwords that read the
// character that way), or nil if no character has. syllable is toneless
// pinyin, case ignored, ü written v or ü; lu, nu, lue and nue stand for lü,
// nü, lüe and nüe as well, so Characters("lu") is the characters read lu
// followed by those read lü. Characters read so in simplified headwords come
// before those read so only in traditional ones (关 before 關; for lu: lu, lü,
// then the traditional lu, lü). The caller owns the returned slice.
func Characters(syllable string) []rune {
	t := pinyinTable()
	if rs, ok := t.lookup(syllable); ok {
		return slices.Clone(rs)
	}
	rs, _ := t.lookup(strings.ReplaceAll(strings.ToLower(syllable), "ü", "v"))
	return slices.Clone(rs)
}

func (t *readingTable) lookup(syllable string) ([]rune, bool) {
	if rs, ok := t.aliases[syllable]; ok {
		return rs, true
	}
	rs, ok := t.chars[syllable]
	return rs, ok
}

// Syllables returns the ways to split word, lower-case ASCII letters, into
// Mandarin pinyin syllables without tones, most likely first, at most five,
// or nil if there is none (or word has any other byte). Fewer syllables come
// first, and only splits with at most one syllable more than the fewest are
// returned; among splits of the same length, those with fewer syllables that
// start with a, e or o after another syllable come first (pinyin writes
// Xi'an with an apostrophe, but English often drops it). So "guanhu" is
// [[guan hu] [gu an hu]], "xian" is [[xian] [xi an]] and "fangan" is
// [[fan gan] [fang an]]. A syllable is one that CC-CEDICT reads some
// character as, except the vowel-less interjections (m, hm, hng); ü is v or
// u (lv, lu, lve, lue). The syllables are substrings of word.
func Syllables(word string) [][]string {
	n := len(word)
	if n == 0 {
		return nil
	}
	for i := range n {
		if word[i] < 'a' || word[i] > 'z' {
			return nil
		}
	}
	t := pinyinTable()
	// lens[p]: bit l-1 set if word[p:p+l] is a syllable. fewest[p]: the
	// fewest syllables word[p:] splits into (or -1). counts[p]: bit j set if
	// word[p:] splits into exactly fewest[p]+j syllables.
	lens := make([]uint8, n)
	fewest := make([]int32, n+1)
	counts := make([]uint64, n+1)
	counts[n] = 1
	for p := n - 1; p >= 0; p-- {
		fewest[p] = -1
		for l := 1; l <= t.maxSyl && p+l <= n; l++ {
			if fewest[p+l] >= 0 && t.valid[word[p:p+l]] {
				lens[p] |= 1 << (l - 1)
				if f := fewest[p+l] + 1; fewest[p] < 0 || f < fewest[p] {
					fewest[p] = f
				}
			}
		}
		for l := 1; l <= t.maxSyl; l++ {
			if lens[p]&(1<<(l-1)) != 0 {
				if shift := fewest[p+l] + 1 - fewest[p]; shift < 64 {
					counts[p] |= counts[p+l] << shift
				}
			}
		}
	}
	if fewest[0] < 0 {
		return nil
	}
	type split struct{ off, n, late int } // a split in flat; late: vowel-initial syllables after the first
	var (
		flat   []string
		splits []split
		path   []string
	)
	for extra := range 2 {
		if counts[0]&(1<<extra) == 0 {
			continue
		}
		found := len(splits)
		// walk appends the splits of word[p:] into exactly rem syllables.
		var walk func(p, rem int)
		walk = func(p, rem int) {
			if len(splits)-found >= perCount {
				return
			}
			if p == n {
				late := 0
				for _, s := range path[1:] {
					if strings.IndexByte("aeo", s[0]) >= 0 {
						late++
					}
				}
				splits = append(splits, split{len(flat), len(path), late})
				flat = append(flat, path...)
				return
			}
			for l := t.maxSyl; l >= 1; l-- { // longer syllables first
				if lens[p]&(1<<(l-1)) == 0 {
					continue
				}
				j := rem - 1 - int(fewest[p+l])
				if j < 0 || j >= 64 || counts[p+l]&(1<<j) == 0 {
					continue
				}
				path = append(path, word[p:p+l])
				walk(p+l, rem-1)
				path = path[:len(path)-1]
			}
		}
		walk(0, int(fewest[0])+extra)
		slices.SortStableFunc(splits[found:], func(a, b split) int { return a.late - b.late })
		if len(splits) >= maxSplits {
			break
		}
	}
	splits = splits[:min(len(splits), maxSplits)]
	out := make([][]string, len(splits))
	for i, s := range splits {
		out[i] = flat[s.off : s.off+s.n : s.off+s.n]
	}
	return out
}

// MatchesPinyin reports whether the Han characters han read as word, some
// reading of each character in turn making up word. Case is ignored, and so
// are spaces, hyphens and apostrophes between syllables, but they may not
// split one: 观湖 matches "Guanhu", "guan hu" and "Guan-Hu"; 西安 matches
// "Xi'an" and "Xian", and 先 matches "Xian" but not "Xi'an". ü may be
// written v, u or ü, and tone marks are ignored ("Guānhú"). han must be Han
// characters only and word letters and those separators only, else the
// answer is false.
func MatchesPinyin(han, word string) bool {
	var (
		letterBuf [64]byte
		breakBuf  [65]bool
	)
	letters, breaks := letterBuf[:0], breakBuf[:1] // breaks[p]: a separator before letters[p]
	for _, r := range word {
		switch {
		case r == ' ' || r == '-' || r == '\'' || r == '’' || r == '‘':
			breaks[len(letters)] = true
		default:
			c := pinyinLetter(r)
			if c == 0 {
				return false
			}
			letters = append(letters, c)
			breaks = append(breaks, false)
		}
	}
	n := len(letters)
	if n == 0 || han == "" {
		return false
	}
	t := pinyinTable()
	var curBuf, nextBuf [65]bool
	cur, next := curBuf[:0], nextBuf[:0]
	if n >= len(curBuf) {
		cur, next = make([]bool, 0, n+1), make([]bool, 0, n+1)
	}
	cur, next = cur[:n+1], next[:n+1]
	cur[0] = true
	for _, r := range han {
		sp, ok := t.readings[r]
		if !ok {
			return false
		}
		clear(next)
		moved := false
		for p, at := range cur {
			if !at {
				continue
			}
			for _, rd := range t.arena[sp.off : sp.off+sp.n] {
				if q := p + len(rd); q <= n && readsAs(letters[p:q], rd) && !slices.Contains(breaks[p+1:q], true) {
					next[q] = true
					moved = true
				}
			}
		}
		if !moved {
			return false
		}
		cur, next = next, cur
	}
	return cur[n]
}

// readsAs reports whether the letters spell the reading, whose v (ü) may be
// written u.
func readsAs(letters []byte, reading string) bool {
	for i := range letters {
		if c := reading[i]; letters[i] != c && !(c == 'v' && letters[i] == 'u') {
			return false
		}
	}
	return true
}

// pinyinLetter returns r as a lower-case pinyin letter, ü as v and without a
// tone mark, or 0 if r is not a letter of pinyin.
func pinyinLetter(r rune) byte {
	switch {
	case 'a' <= r && r <= 'z':
		return byte(r)
	case 'A' <= r && r <= 'Z':
		return byte(r + 'a' - 'A')
	}
	switch r {
	case 'ā', 'á', 'ǎ', 'à', 'Ā', 'Á', 'Ǎ', 'À':
		return 'a'
	case 'ē', 'é', 'ě', 'è', 'Ē', 'É', 'Ě', 'È', 'ê', 'Ê':
		return 'e'
	case 'ī', 'í', 'ǐ', 'ì', 'Ī', 'Í', 'Ǐ', 'Ì':
		return 'i'
	case 'ō', 'ó', 'ǒ', 'ò', 'Ō', 'Ó', 'Ǒ', 'Ò':
		return 'o'
	case 'ū', 'ú', 'ǔ', 'ù', 'Ū', 'Ú', 'Ǔ', 'Ù':
		return 'u'
	case 'ü', 'ǖ', 'ǘ', 'ǚ', 'ǜ', 'Ü', 'Ǖ', 'Ǘ', 'Ǚ', 'Ǜ':
		return 'v'
	}
	return 0
}
