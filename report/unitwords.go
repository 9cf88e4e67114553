package report

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/reportbot/reportbot/lexicon"
	"github.com/reportbot/reportbot/lexicon/cedict"
)

// maxUnitWord bounds the dictionary words looked up at a unit: long
// enough for 台阶 and 门槛, short enough that a lookup stays cheap.
const maxUnitWord = 4

// unitInWord reports a one-character unit at rs[k] that is the first
// character of a longer word, so not a unit there: 台 of 5万亿台阶, 门 of
// 5000亿门槛. The test is the dictionary's: a word starts at the unit and
// is longer than it, and no word that starts after the unit reaches past
// that word's end (名儿童 is 名 + 儿童, 所以上 is 所 + 以上, but 台阶、 is one
// word). The units of lexicon.UnitsBeforeWords (个, 人, 年…), the words
// of lexicon.UnitNouns (部门, 家庭) and a unit before 级 or 次 (吨级) keep
// the unit.
func unitInWord(rs []rune, k int, unit string) bool {
	if utf8.RuneCountInString(unit) != 1 || slices.Contains(lexicon.UnitsBeforeWords, unit) {
		return false
	}
	if k+1 < len(rs) && strings.ContainsRune(lexicon.UnitCompoundEnds, rs[k+1]) {
		return false // 吨级, 台次: still the unit
	}
	n := wordAt(rs, k)
	if n < 2 || slices.Contains(lexicon.UnitNouns, string(rs[k:k+n])) {
		return false
	}
	return 1+wordAt(rs, k+1) <= n
}

// wordAt returns the length in runes of the longest dictionary word of
// Han characters at rs[k], up to maxUnitWord, or 0.
func wordAt(rs []rune, k int) int {
	end := k
	for end < len(rs) && end-k < maxUnitWord && unicode.Is(unicode.Han, rs[end]) {
		end++
	}
	for ; end > k; end-- {
		if cedict.IsWord(string(rs[k:end])) {
			return end - k
		}
	}
	return 0
}
