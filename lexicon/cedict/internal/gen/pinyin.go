package main

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// pinyin.txt.gz holds the toneless pinyin readings of every Han character
// that CC-CEDICT gives a reading for, one line per reading (syllable), sorted
// by syllable:
//
//	syllable TAB characters
//
// A syllable is lower case without a tone, ü written v ("lv", "nve"). The
// characters are those with that reading, most frequent first; a character
// followed by a decimal number k has the syllable as its k-th most frequent
// reading (k ≥ 2), an unmarked one as its most frequent. A "|" precedes the
// characters read that way in traditional headwords only. So the line order
// gives Characters and the numbers give Readings, and each (character,
// reading) pair is stored once:
//
//	guan	管关官观冠馆灌贯惯罐…関闗雚2鳤|關觀館…
//
// A reading's frequency for a character is the number of simplified
// headwords that read the character that way; the readings come from
// single-character entries and from the syllables of longer headwords,
// aligned character by character, so that characters used only in words are
// covered too. Tones are dropped (好 hǎo and hào are one reading, hao).
// Traditional characters are covered as well: a reading's frequency in
// traditional headwords breaks ties, and the characters read some way only
// in traditional headwords come after the "|" of that reading's line (關
// after 关), so that Characters gives the forms of simplified text first.
//
// Left out: erhua "r" (一点儿 yi1 dian3 r5: 儿 reads er) and CC-CEDICT's "xx"
// placeholder for an unknown reading; the dozen unit characters read as two
// syllables (瓩 qian1 wa3, kilowatt), which cannot be aligned.

// numbered is a CC-CEDICT syllable with its tone number: "guan1", "Lu:3", "r5".
var numbered = regexp.MustCompile(`^[A-Za-z:]+[1-5]$`)

// toneless returns CC-CEDICT's numbered syllable tok lower case, without its
// tone, ü as v ("Lu:e4" → "lve"), and whether it is a reading to keep.
func toneless(tok string) (string, bool) {
	if !numbered.MatchString(tok) {
		return "", false
	}
	s := strings.ReplaceAll(strings.ToLower(tok[:len(tok)-1]), "u:", "v")
	if strings.Contains(s, ":") || s == "r" || s == "xx" {
		return "", false
	}
	return s, true
}

// reading is a character read as a syllable.
type reading struct {
	r   rune
	syl string
}

// align pairs the Han characters of a headword with the syllables of its
// pinyin. Where the headword has as many characters as the pinyin has
// tokens, they pair up in order (non-Han characters have their own token:
// "3D打印" "san1 D da3 yin4"). Otherwise the Han characters pair with the
// numbered syllables if there are as many ("亚西尔·阿拉法特" has no token for
// "·"; "4S店" reads "4S dian4"), and the headword gives nothing if not.
func align(word, pinyin string) []reading {
	rs := []rune(word)
	toks := strings.Fields(pinyin)
	if len(rs) != len(toks) {
		han := slices.DeleteFunc(rs, func(r rune) bool { return !isHan(r) })
		syls := slices.DeleteFunc(toks, func(t string) bool { return !numbered.MatchString(t) })
		if len(han) != len(syls) {
			return nil
		}
		rs, toks = han, syls
	}
	var out []reading
	for i, r := range rs {
		if !isHan(r) {
			continue
		}
		if s, ok := toneless(toks[i]); ok {
			out = append(out, reading{r, s})
		}
	}
	return out
}

// counts is how many simplified and traditional headwords read a character
// some way.
type counts struct{ simp, trad int }

func (a counts) compare(b counts) int {
	if c := cmp.Compare(b.simp, a.simp); c != 0 {
		return c
	}
	return cmp.Compare(b.trad, a.trad)
}

// readingCounts counts, for every (character, reading), the distinct
// simplified and traditional headwords that read the character that way.
func readingCounts(entries []entry) map[reading]counts {
	type seenKey struct {
		word string
		reading
	}
	seen := map[seenKey]bool{}
	freq := map[reading]counts{}
	for _, e := range entries {
		for _, rd := range align(e.simplified, e.pinyin) {
			if k := (seenKey{e.simplified, rd}); !seen[k] {
				seen[k] = true
				c := freq[rd]
				c.simp++
				freq[rd] = c
			}
		}
		// The traditional headword is marked apart from the simplified one
		// with the same characters (湖 is both).
		for _, rd := range align(e.traditional, e.pinyin) {
			if k := (seenKey{"\x00" + e.traditional, rd}); !seen[k] {
				seen[k] = true
				c := freq[rd]
				c.trad++
				freq[rd] = c
			}
		}
	}
	return freq
}

// writePinyin writes pinyin.txt.gz (format above).
func writePinyin(path string, entries []entry) error {
	freq := readingCounts(entries)
	bySyl := map[string][]rune{}
	byRune := map[rune][]string{}
	for rd := range freq {
		bySyl[rd.syl] = append(bySyl[rd.syl], rd.r)
		byRune[rd.r] = append(byRune[rd.r], rd.syl)
	}
	// rank[rd] is 1 for a character's most frequent reading, 2 for the next…
	rank := map[reading]int{}
	for r, syls := range byRune {
		slices.SortFunc(syls, func(a, b string) int {
			if c := freq[reading{r, a}].compare(freq[reading{r, b}]); c != 0 {
				return c
			}
			return strings.Compare(a, b)
		})
		for i, s := range syls {
			rank[reading{r, s}] = i + 1
		}
	}
	syls := slices.Sorted(maps.Keys(bySyl))
	return writeGzip(path, fmt.Sprintf("%d characters, %d readings, %d syllables", len(byRune), len(freq), len(syls)), func(w io.Writer) {
		for _, s := range syls {
			rs := bySyl[s]
			slices.SortFunc(rs, func(a, b rune) int {
				if c := freq[reading{a, s}].compare(freq[reading{b, s}]); c != 0 {
					return c
				}
				return cmp.Compare(a, b)
			})
			var b strings.Builder
			for i, r := range rs {
				if freq[reading{r, s}].simp == 0 && (i == 0 || freq[reading{rs[i-1], s}].simp > 0) {
					b.WriteByte('|')
				}
				b.WriteRune(r)
				if k := rank[reading{r, s}]; k > 1 {
					fmt.Fprint(&b, k)
				}
			}
			fmt.Fprintf(w, "%s\t%s\n", s, b.String())
		}
	})
}
