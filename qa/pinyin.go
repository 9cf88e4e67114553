package qa

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/reportbot/reportbot/lexicon/cedict"
)

// Names in English questions are often pinyin (Guanhu, Xintian, Banlan):
// no dictionary renders them, but the report's own Chinese reads as them.

// Pinyin search bounds.
const (
	// maxNameSyllables is the longest name, in syllables, read as pinyin.
	maxNameSyllables = 4
	// maxPinyinCands bounds the partial readings kept while a name is
	// spelled out character by character.
	maxPinyinCands = 400
	// maxPinyinForms is how many Chinese wordings of a name are kept.
	maxPinyinForms = 3
)

// pinyinForms returns the wordings of the loaded reports that read as the
// pinyin word (Guanhu → 观湖), most frequent first. A wording is built one
// syllable at a time, keeping only the prefixes whose last two characters
// occur in the index, so the search stays small.
func (e *Engine) pinyinForms(word string) []string {
	word = strings.ToLower(word)
	seen := map[string]bool{}
	var out []string
	for _, split := range cedict.Syllables(word) {
		if len(split) < 2 || len(split) > maxNameSyllables {
			continue
		}
		for _, c := range e.spell(split) {
			if !seen[c] && e.corpus.has(c) {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return e.corpus.df(out[i]) > e.corpus.df(out[j]) })
	return out[:min(len(out), maxPinyinForms)]
}

// spell returns the Han strings that read as the syllables and whose
// adjacent characters occur together in the index.
func (e *Engine) spell(syllables []string) []string {
	cands := []string{""}
	for _, syl := range syllables {
		chars := cedict.Characters(syl)
		var next []string
		for _, prefix := range cands {
			for _, c := range chars {
				s := prefix + string(c)
				if prefix != "" && !e.indexed(lastTwo(s)) {
					continue
				}
				next = append(next, s)
				if len(next) == maxPinyinCands {
					break
				}
			}
		}
		cands = next
	}
	return cands
}

// indexed reports whether a Han bigram occurs in any chunk.
func (e *Engine) indexed(bigram string) bool {
	df, _ := e.idx.DocFreq(bigram)
	return df > 0
}

func lastTwo(s string) string {
	n := utf8.RuneCountInString(s)
	return string([]rune(s)[n-2:])
}
