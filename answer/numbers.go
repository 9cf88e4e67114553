package answer

import (
	"bytes"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/reportbot/reportbot/lexicon"
)

// This file reads the numbers of a text: the evaluation's view (Numbers,
// UnsupportedNumbers: Arabic numbers, the way shared/eval/score_qa.py
// counts them) and the claim check's view (scan: Arabic and Chinese
// numerals with their scale and unit, years and dates).

var (
	citeMarkerRE = regexp.MustCompile(`\[\d+(?:[,，]\s*\d+)*\]|【\d+】|\^\d+`)
	// List numbering at a line start: "1. ", "2) ", and Chinese "1、" "2．".
	listNumRE   = regexp.MustCompile(`(?m)^\s*\d{1,2}(?:[.)](?:\s|[^\d\s])|[、．)）])`)
	thousandsRE = regexp.MustCompile(`(\d),(\d{3})`)
	numberRE    = regexp.MustCompile(`\d+(?:\.\d+)?`)
)

// foldDigits maps full-width digits, full-width punctuation used inside
// numbers and the ideographic space to ASCII, as NFKC would.
func foldDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == '．':
			return '.'
		case r == '，':
			return ','
		case r == '％':
			return '%'
		case r == '\u3000':
			return ' '
		}
		return r
	}, s)
}

// foldThousands removes thousands separators: 1,234,567 → 1234567. A
// comma is one when a digit comes before it and three digits after it.
func foldThousands(s string) string {
	if !hasThousands(s) {
		return s
	}
	for {
		t := thousandsRE.ReplaceAllString(s, "$1$2")
		if t == s {
			return s
		}
		s = t
	}
}

// hasThousands reports whether s has a digit, a comma and three digits.
func hasThousands(s string) bool {
	for i := 1; i+3 < len(s); i++ {
		if s[i] == ',' && isDigit(s[i-1]) && isDigit(s[i+1]) && isDigit(s[i+2]) && isDigit(s[i+3]) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// Numbers returns the Arabic numbers written in s, in order, the way the
// evaluation (shared/eval/score_qa.py) counts them: full-width digits
// folded, thousands separators removed, citation markers ([1], [1,2]) and
// list numbering dropped, and four-digit years (1990 to 2035) left out
// because they are context. Chinese numerals are not counted; [Check]
// reads those too.
func Numbers(s string) []string {
	s = foldThousands(foldDigits(s))
	s = citeMarkerRE.ReplaceAllString(s, " ")
	s = listNumRE.ReplaceAllString(s, " ")
	var out []string
	for _, n := range numberRE.FindAllString(s, -1) {
		if isYear(n) {
			continue
		}
		out = append(out, n)
	}
	return out
}

func isYear(n string) bool {
	if len(n) != 4 || strings.Contains(n, ".") {
		return false
	}
	v, err := strconv.Atoi(n)
	return err == nil && v >= 1990 && v <= 2035
}

// UnsupportedNumbers returns the numbers in text that do not occur in any of
// sources and are not the sum or difference of two of their numbers (or the
// sum of three): the evaluation's rule, under which code may compute those
// from cited figures. A number copied with another scale (494.91万元 for
// 494.91亿元) is reported too. An empty result means every number in text
// is grounded in this sense; [Check] is the stricter test an LLM answer
// must pass.
func UnsupportedNumbers(text string, sources ...string) []string {
	var pool []float64
	seen := map[float64]bool{}
	for _, src := range sources {
		for _, n := range Numbers(src) {
			v, err := strconv.ParseFloat(n, 64)
			if err == nil && !seen[v] {
				seen[v] = true
				pool = append(pool, v)
			}
		}
	}
	var bad []string
	for _, n := range Numbers(text) {
		v, err := strconv.ParseFloat(n, 64)
		if err != nil || !derivable(v, pool) {
			bad = append(bad, n)
		}
	}
	srcScales := map[string]map[string]bool{}
	for _, src := range sources {
		for _, m := range scaledRE.FindAllStringSubmatch(foldDigits(src), -1) {
			if srcScales[m[1]] == nil {
				srcScales[m[1]] = map[string]bool{}
			}
			srcScales[m[1]][m[2]] = true
		}
	}
	for _, m := range scaledRE.FindAllStringSubmatch(foldDigits(text), -1) {
		if scales, ok := srcScales[m[1]]; ok && m[2] != "" && !scales[m[2]] {
			bad = append(bad, m[1]+m[2])
		}
	}
	return bad
}

// scaledRE finds a number and the 万/亿 written right after it ("" when none).
var scaledRE = regexp.MustCompile(`(\d+(?:\.\d+)?)(万亿|亿|万|千|百)?`)

// derivable mirrors the evaluation's rule: x is in pool, or a sum or an
// absolute difference of two pool numbers, or a sum of three.
func derivable(x float64, pool []float64) bool {
	const eps = 1e-6
	for _, a := range pool {
		if math.Abs(x-a) < eps {
			return true
		}
	}
	for i, a := range pool {
		for j, b := range pool {
			if i == j {
				continue
			}
			if math.Abs(x-(a+b)) < eps || math.Abs(x-math.Abs(a-b)) < 0.0051 {
				return true
			}
			if i < j {
				for k := j + 1; k < len(pool); k++ {
					if k != i && math.Abs(x-(a+b+pool[k])) < eps {
						return true
					}
				}
			}
		}
	}
	return false
}

// direction is the sense of change a text gives a number.
type direction int8

const (
	dirNone direction = iota
	dirUp
	dirDown
)

func (d direction) String() string {
	switch d {
	case dirUp:
		return "up"
	case dirDown:
		return "down"
	}
	return "none"
}

// quantity is a number the claim check compares: an Arabic or Chinese
// numeral with its scale and unit.
type quantity struct {
	raw   string  // as written, with scale and unit: 494.91亿元, 三个, 1.72%
	num   string  // the numeral: 494.91, 四百九十九亿
	value float64 // absolute value (494.91亿 is 4.9491e10); for rates, percent
	rate  bool    // %, ‰, 个百分点, 成, 百分之…, percent
	times bool    // 倍, times
	scale string  // the scale word as written: 亿, 万, billion, ""
	mult  float64 // the scale's multiplier (1 when none)
	// english is true when the scale is an English word: a conversion
	// (494.91亿 → 49.49 billion) may round.
	english  bool
	han      bool // written in Chinese numerals
	decimals int  // digits after the decimal point
	sig      int  // significant digits written
	dir      direction
	dirWord  string // the word that gives dir: 增长, fell
	// ctx is the text before the number in its sentence, back to the
	// previous number (at most maxContextRunes, numbers blanked); prev is
	// that number's index, or -1. They say what the number measures.
	ctx   string
	prev  int
	start int // byte offsets in the scanned text
	end   int
}

// dateRef is a month, or a month and day, named in a text.
type dateRef struct {
	month, day int // day 0: the month only
	raw        string
}

// scanned is what scan finds in a text.
type scanned struct {
	text   string // the folded text the offsets refer to
	qs     []quantity
	years  []int
	dates  []dateRef
	codes  []string // numbers inside names: 5G, PM2.5, G20
	blanks [][2]int // years (with their 年) to blank in masked
	// metrics caches metricUnits of each quantity's ctx (see metricOf).
	metrics    [][]string
	metricDone []bool
	masked     string // text with markers, list numbers, quantities, years and dates blanked
}

// Marker and list numbering patterns of the claim check. Markers: [1],
// [1,2], [1-3], 【1】, [^1], ^1. Bracketed numbers have at most three digits,
// so that [2023] stays a year.
const markerBody = `[ \t]*\d{1,3}(?:[ \t]*[-–~][ \t]*\d{1,3})?(?:[ \t]*[,，、][ \t]*\d{1,3}(?:[ \t]*[-–~][ \t]*\d{1,3})?)*[ \t]*`

var (
	markerRE = regexp.MustCompile(`\[` + markerBody + `\]|【` + markerBody + `】|\[\^\d{1,3}\]|\^\d{1,3}`)
	// checkListRE: list numbering at a line start (group 1): 1. 2) 3、
	// (4) （5）, not a decimal (1.5).
	checkListRE = regexp.MustCompile(`(?m)^[ \t]*(?:[-*•][ \t]+)?(\d{1,2}[.)、．）]|[(（]\d{1,2}[)）])(?:[^\d]|$)`)
	// dateRE: 2024年2月2日, 2024年2月, 2月2日, 1-11月, 3月.
	dateRE = regexp.MustCompile(`(\d{4})[ \t]*年[ \t]*(\d{1,2})[ \t]*月(?:[ \t]*(\d{1,2})[ \t]*[日号])?|(\d{1,2})[ \t]*月[ \t]*(\d{1,2})[ \t]*[日号]|(\d{1,2})[ \t]*[-—–至到~][ \t]*(\d{1,2})[ \t]*月|(\d{1,2})[ \t]*月`)
	// isoDateRE: 2024-02-02, 2024/2/2, 2024.02.02.
	isoDateRE = regexp.MustCompile(`\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b`)
)

// maxContextRunes bounds the text before a number read as what it
// measures.
const maxContextRunes = 30

// sentenceStart returns where the sentence holding s[i] starts, given
// that the sentence holding s[from] starts at start: only s[from:i] is
// searched.
func sentenceStart(s string, from, i, start int) int {
	j := strings.LastIndexAny(s[from:i], "。！？!?\n")
	if j < 0 {
		return start
	}
	j += from
	_, n := utf8.DecodeRuneInString(s[j:])
	return j + n
}

// lastRunes returns the last n runes of s.
func lastRunes(s string, n int) string {
	i := len(s)
	for k := 0; k < n && i > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

// mayHaveListNumbers reports whether a line of t starts with what list
// numbering starts with: a digit, a parenthesis or a bullet.
func mayHaveListNumbers(t string) bool {
	for line := range strings.Lines(t) {
		line = strings.TrimLeft(line, " \t")
		if line != "" && strings.ContainsRune("0123456789(（-*•", rune(line[0])) || strings.HasPrefix(line, "（") || strings.HasPrefix(line, "•") {
			return true
		}
	}
	return false
}

// foldText prepares text for the claim check: full-width digits folded and
// thousands separators removed.
func foldText(s string) string { return foldThousands(foldDigits(s)) }

// blank replaces s[i:j] with spaces in b (a copy of the text being masked).
func blank(b []byte, i, j int) {
	for k := i; k < j && k < len(b); k++ {
		b[k] = ' '
	}
}

// scan reads the quantities, years and dates of t, which foldText has
// prepared.
func scan(t string) scanned {
	sc := scanned{text: t}
	b := []byte(t)
	if strings.ContainsAny(t, "[【^") {
		for _, m := range markerRE.FindAllStringIndex(t, -1) {
			blank(b, m[0], m[1])
		}
	}
	if mayHaveListNumbers(t) {
		for _, m := range checkListRE.FindAllStringSubmatchIndex(string(b), -1) {
			blank(b, m[2], m[3]) // the numbering, not what follows it
		}
	}
	scanDates(&sc, b)
	s := string(b)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r >= '0' && r <= '9':
			i = scanArabic(&sc, s, i)
			continue
		case isHanNumeral(r):
			i = scanHan(&sc, s, i)
			continue
		}
		i += n
	}
	for _, q := range sc.qs {
		blank(b, q.start, q.end)
	}
	for _, y := range sc.blanks {
		blank(b, y[0], y[1])
	}
	sc.masked = string(b)
	sentence := 0 // where the sentence of the quantity starts
	for i := range sc.qs {
		q := &sc.qs[i]
		from := max(sentence, 0)
		if i > 0 {
			from = sc.qs[i-1].end
		}
		sentence = sentenceStart(sc.masked, from, q.start, sentence)
		prev := -1
		if i > 0 && sc.qs[i-1].end > sentence {
			prev = i - 1
		} else {
			from = sentence
		}
		q.ctx, q.prev = lastRunes(sc.masked[from:q.start], maxContextRunes), prev
	}
	inheritRanges(&sc, s)
	for i := range sc.qs {
		sc.qs[i].dir, sc.qs[i].dirWord = directionBefore(s, sc.qs[i].start, sc.qs[i].end)
	}
	return sc
}

// scanDates records and blanks the dates of b.
func scanDates(sc *scanned, b []byte) {
	if hasISODate(b) {
		for _, m := range isoDateRE.FindAllSubmatchIndex(b, -1) {
			if sc.addDate(atoi(b, m, 1), atoi(b, m, 2), atoi(b, m, 3), string(b[m[0]:m[1]])) {
				blank(b, m[0], m[1])
			}
		}
	}
	if !bytes.Contains(b, []byte("月")) {
		return
	}
	for _, m := range dateRE.FindAllSubmatchIndex(b, -1) {
		raw := string(b[m[0]:m[1]])
		ok := false
		switch {
		case m[2] >= 0: // 2024年2月2日
			ok = sc.addDate(atoi(b, m, 1), atoi(b, m, 2), atoi(b, m, 3), raw)
		case m[8] >= 0: // 2月2日
			ok = sc.addDate(0, atoi(b, m, 4), atoi(b, m, 5), raw)
		case m[12] >= 0: // 1-11月
			if validDate(atoi(b, m, 6), 0) && validDate(atoi(b, m, 7), 0) {
				ok = sc.addDate(0, atoi(b, m, 6), 0, raw) && sc.addDate(0, atoi(b, m, 7), 0, raw)
			}
		default: // 3月
			ok = isMonthOnly(b, m[0]) && sc.addDate(0, atoi(b, m, 8), 0, raw)
		}
		if ok {
			blank(b, m[0], m[1])
		}
	}
}

// hasISODate reports whether b may hold a date like 2024-02-02: four
// digits, a separator and a digit.
func hasISODate(b []byte) bool {
	run := 0
	for i, c := range b {
		switch {
		case c >= '0' && c <= '9':
			run++
		case run >= 4 && (c == '-' || c == '/' || c == '.') && i+1 < len(b) && b[i+1] >= '0' && b[i+1] <= '9':
			return true
		default:
			run = 0
		}
	}
	return false
}

// atoi returns the number in submatch k of m, or 0.
func atoi(b []byte, m []int, k int) int {
	if m[2*k] < 0 {
		return 0
	}
	v, _ := strconv.Atoi(string(b[m[2*k]:m[2*k+1]]))
	return v
}

// isMonthOnly tells a month (3月) from a number that happens to precede 月
// inside a longer number (123月 is no month).
func isMonthOnly(b []byte, i int) bool {
	if i > 0 && (b[i-1] >= '0' && b[i-1] <= '9' || b[i-1] == '.') {
		return false
	}
	return true
}

// addYear records the year written at s[i:j] and blanks it with its 年.
func (sc *scanned) addYear(y int, s string, i, j int) {
	sc.years = append(sc.years, y)
	if strings.HasPrefix(s[j:], "年") {
		j += len("年")
	}
	sc.blanks = append(sc.blanks, [2]int{i, j})
}

// addDate records a date and its year, and reports whether it is one: a
// month from 1 to 12 and a day, if any, from 1 to 31. Otherwise it records
// nothing and the numbers stay numbers.
func (sc *scanned) addDate(year, month, day int, raw string) bool {
	if !validDate(month, day) || year != 0 && (year < 1900 || year > 2100) {
		return false
	}
	if year > 0 {
		sc.years = append(sc.years, year)
	}
	sc.dates = append(sc.dates, dateRef{month: month, day: day, raw: raw})
	return true
}

func validDate(month, day int) bool { return month >= 1 && month <= 12 && day >= 0 && day <= 31 }

// Units the claim check reads after a number.
var (
	// rateUnits: the unit makes the number a rate; the factor converts it
	// to percent.
	rateUnits = []struct {
		word   string
		factor float64
	}{
		{"个百分点", 1}, {"百分点", 1}, {"%", 1}, {"‰", 0.1},
		{" percentage points", 1}, {" percentage point", 1}, {" per cent", 1}, {" percent", 1},
		{"percentage points", 1}, {"percent", 1}, {" pct", 1}, {" pp", 1},
	}
	englishScales = []struct {
		word string
		mult float64
	}{
		{"hundred million", 1e8}, {"ten thousand", 1e4}, {"trillion", 1e12}, {"billion", 1e9},
		{"million", 1e6}, {"thousand", 1e3}, {"bn", 1e9}, {"mn", 1e6},
	}
	// hanUnits make a Chinese numeral a quantity when it has no scale.
	hanUnits = append(append([]string(nil), lexicon.MeasureWords...), "元", "亩", "吨", "公里", "千米", "平方公里", "人次")
)

// scanArabic reads the Arabic number starting at s[i] and what follows it,
// and returns where scanning resumes.
func scanArabic(sc *scanned, s string, i int) int {
	j := i
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j+1 < len(s) && s[j] == '.' && s[j+1] >= '0' && s[j+1] <= '9' {
		j++
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
	}
	num := s[i:j]
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	if isLatin(prev) || prev == '.' || (j < len(s) && isLatin(rune(s[j])) && !englishUnitAt(s, j)) {
		// A name or code: 5G, PM2.5, G20, COVID-19, v1.2.
		k := j
		for k < len(s) && (isLatin(rune(s[k])) || s[k] >= '0' && s[k] <= '9') {
			k++
		}
		h := i
		for h > 0 && (isLatin(rune(s[h-1])) || s[h-1] >= '0' && s[h-1] <= '9' || s[h-1] == '.' || s[h-1] == '-') {
			h--
		}
		sc.codes = append(sc.codes, strings.TrimLeft(s[h:k], ".-"))
		return k
	}
	if prev == '第' {
		return j // an ordinal
	}
	if y, ok := yearAt(s, num, j); ok {
		sc.addYear(y, s, i, j)
		return j
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return j
	}
	q := quantity{num: num, value: v, mult: 1, start: i, decimals: decimals(num), sig: sigDigits(num)}
	end := readUnits(&q, s, j)
	if end == j && isYear(num) { // a bare 2023 in English
		sc.addYear(int(v), s, i, j)
		return j
	}
	q.end = end
	q.raw = s[i:end]
	sc.qs = append(sc.qs, q)
	return end
}

// yearAt reports whether num (ending at s[j]) is a year: four digits from
// 1900 to 2100 followed by 年, or by a range to such a year.
func yearAt(s, num string, j int) (int, bool) {
	if len(num) != 4 || strings.Contains(num, ".") {
		return 0, false
	}
	v, _ := strconv.Atoi(num)
	if v < 1900 || v > 2100 {
		return 0, false
	}
	rest := strings.TrimLeft(s[j:], " ")
	if strings.HasPrefix(rest, "年") {
		return v, true
	}
	for _, sep := range lexicon.RangeSeparators {
		if r, ok := strings.CutPrefix(rest, sep); ok {
			r = strings.TrimLeft(r, " ")
			if len(r) >= 4 && isYear(r[:4]) && (len(r) == 4 || r[4] < '0' || r[4] > '9') {
				return v, true
			}
		}
	}
	return 0, false
}

// readUnits reads the scale, approximation words and unit after a number
// ending at s[j] into q, and returns the end of the quantity.
func readUnits(q *quantity, s string, j int) int {
	k := j
	if w, m, n := scaleAt(s, k); n > 0 {
		q.scale, q.mult, q.english = w, m, isLatin(rune(w[0]))
		q.value *= m
		k += n
	}
	for _, a := range lexicon.InnerApproxWords {
		if strings.HasPrefix(s[k:], a) {
			k += len(a)
			break
		}
	}
	rest := s[k:]
	for _, u := range rateUnits {
		if hasWordPrefix(rest, u.word) {
			q.rate = true
			q.value *= u.factor
			return k + len(u.word)
		}
	}
	if strings.HasPrefix(rest, "成") && q.han {
		q.rate = true
		q.value *= 10
		return k + len("成")
	}
	if strings.HasPrefix(rest, "倍") {
		q.times = true
		return k + len("倍")
	}
	if hasWordPrefix(rest, " times") {
		q.times = true
		return k + len(" times")
	}
	for _, u := range lexicon.FigureUnits {
		if strings.HasPrefix(rest, u) {
			return k + len(u)
		}
	}
	return k
}

// scaleAt returns the scale word at s[k:] (亿, 万, billion), its
// multiplier and its length in bytes; n is 0 when there is none.
func scaleAt(s string, k int) (word string, mult float64, n int) {
	rest := s[k:]
	for _, sc := range lexicon.Scales {
		if !strings.HasPrefix(rest, sc.Word) {
			continue
		}
		after := rest[len(sc.Word):]
		if strings.HasSuffix(sc.Word, "千") && (strings.HasPrefix(after, "米") || strings.HasPrefix(after, "瓦") || strings.HasPrefix(after, "克")) {
			continue // 千米, 千瓦, 千克 are units
		}
		return sc.Word, sc.Mult, len(sc.Word)
	}
	sp := len(rest) - len(strings.TrimLeft(rest, " "))
	if sp > 1 {
		return "", 0, 0
	}
	for _, e := range englishScales {
		if hasWordPrefixFold(rest[sp:], e.word) {
			return rest[sp : sp+len(e.word)], e.mult, sp + len(e.word)
		}
	}
	return "", 0, 0
}

// englishUnitAt reports whether the Latin letters at s[j] are an English
// scale or unit glued to a number (49.5bn, 5pp).
func englishUnitAt(s string, j int) bool {
	for _, w := range []string{"bn", "mn", "pp", "pct", "percent"} {
		if hasWordPrefixFold(s[j:], w) {
			return true
		}
	}
	return false
}

// hasWordPrefix reports whether s starts with w, and w, when it ends in a
// Latin letter, is not the start of a longer word.
func hasWordPrefix(s, w string) bool {
	if !strings.HasPrefix(s, w) {
		return false
	}
	return !isLatin(rune(w[len(w)-1])) || len(s) == len(w) || !isLatin(rune(s[len(w)]))
}

// hasWordPrefixFold is hasWordPrefix ignoring ASCII case.
func hasWordPrefixFold(s, w string) bool {
	if len(s) < len(w) || !strings.EqualFold(s[:len(w)], w) {
		return false
	}
	return len(s) == len(w) || !isLatin(rune(s[len(w)]))
}

func isLatin(r rune) bool { return r < utf8.RuneSelf && (r|0x20) >= 'a' && (r|0x20) <= 'z' }

func decimals(num string) int {
	if i := strings.IndexByte(num, '.'); i >= 0 {
		return len(num) - i - 1
	}
	return 0
}

func sigDigits(num string) int {
	d := strings.TrimLeft(strings.ReplaceAll(num, ".", ""), "0")
	if !strings.Contains(num, ".") {
		d = strings.TrimRight(d, "0")
	}
	return max(len(d), 1)
}

const hanNumerals = "〇零一二两三四五六七八九十百千万亿"

func isHanNumeral(r rune) bool { return r >= 0x3007 && strings.ContainsRune(hanNumerals, r) }

// scanHan reads the Chinese numeral starting at s[i]: a quantity only with
// a measure word, a scale or 成/倍 after it (三个, 四百九十九亿元, 两成), or
// 百分之 before it; ordinals, sessions (二十大), named sets (八项规定),
// five-year plans (十四五) and vague round numbers (上千, 数十) are not.
func scanHan(sc *scanned, s string, i int) int {
	j := i
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if !isHanNumeral(r) {
			break
		}
		j += n
	}
	if _, _, n, ok := lexicon.FiveYearPlan(s[i:]); ok {
		return i + n
	}
	num := s[i:j]
	before := s[:i]
	percent := strings.HasSuffix(before, "百分之")
	if percent {
		// 百分之 is itself made of numerals only in 百分之百.
		before = strings.TrimSuffix(before, "百分之")
	}
	// 百分之五 read from its start: the run is 百 and 分之五 follows.
	if strings.HasPrefix(num, "百") && strings.HasPrefix(s[j:], "分之") {
		k := j + len("分之")
		e := k
		for e < len(s) {
			r, n := utf8.DecodeRuneInString(s[e:])
			if !isHanNumeral(r) {
				break
			}
			e += n
		}
		if e > k && len(num) == len("百") {
			v, ok := hanValue(s[k:e])
			frac, digits, e2 := hanDecimal(s, e)
			if ok {
				sc.qs = append(sc.qs, quantity{raw: s[i:e2], num: s[k:e2], value: v + frac, rate: true, mult: 1, han: true, sig: 3, decimals: digits, start: i, end: e2})
			}
			return e2
		}
	}
	prev, _ := utf8.DecodeLastRuneInString(before)
	if prev != utf8.RuneError && strings.ContainsRune(lexicon.NotFigureBefore, prev) {
		return j
	}
	if roundNumeral(num) && prefixSuffix(before, lexicon.RoundApproxPrefixes) {
		return j // 上千家, 近百个, 数十项: no figure
	}
	v, ok := hanValue(num)
	if !ok || v == 0 {
		return j
	}
	if isHanDigits(num) && utf8.RuneCountInString(num) == 4 && strings.HasPrefix(s[j:], "年") {
		sc.addYear(int(v), s, i, j) // 二〇二三年
		return j
	}
	q := quantity{num: num, value: v, mult: 1, han: true, start: i, sig: 3}
	last, _ := utf8.DecodeLastRuneInString(num)
	if last == '万' || last == '亿' {
		q.scale = string(last)
		q.mult = 1e4
		if last == '亿' {
			q.mult = 1e8
		}
		if strings.HasSuffix(num, "万亿") {
			q.scale, q.mult = "万亿", 1e12
		}
	} else if frac, digits, e := hanDecimal(s, j); digits > 0 {
		// 一点五亿, 四点四: a decimal, maybe with a scale after it.
		q.value, q.decimals, j = v+frac, digits, e
		if w, m, n := scaleAt(s, j); n > 0 && !isLatin(rune(w[0])) {
			q.scale, q.mult, q.value = w, m, q.value*m
			j += n
		}
		q.num = s[i:j]
	}
	rest := s[j:]
	for _, w := range lexicon.SessionWords {
		if strings.HasPrefix(rest, w) {
			return j
		}
	}
	k := j
	for _, a := range lexicon.InnerApproxWords {
		if strings.HasPrefix(s[k:], a) {
			k += len(a)
			break
		}
	}
	rest = s[k:]
	switch {
	case percent:
		q.rate, q.start = true, i-len("百分之")
		q.end = j
	case prefixIn(rest, []string{"个百分点", "百分点", "%"}) != "":
		q.rate = true
		q.end = k + len(prefixIn(rest, []string{"个百分点", "百分点", "%"}))
	case strings.HasPrefix(rest, "成"):
		q.rate, q.value = true, q.value*10
		q.end = k + len("成")
	case strings.HasPrefix(rest, "倍"):
		q.times = true
		q.end = k + len("倍")
	default:
		u := prefixIn(rest, hanUnits)
		if u == "" && q.scale != "" {
			u = prefixIn(rest, lexicon.FigureUnits)
		}
		if u == "" && q.scale == "" {
			return j
		}
		if u != "" && prefixIn(rest[len(u):], lexicon.NamedSetWords) != "" {
			return j // 八项规定, 三项行动
		}
		if u != "" && prefixIn(rest[len(u):], referenceWords) != "" {
			return j // 两项合计: the answer counts its own items
		}
		if q.value == 1 && q.scale == "" {
			return j // 一个, 一项: too common to be a claim
		}
		q.end = k + len(u)
	}
	q.raw = s[q.start:q.end]
	sc.qs = append(sc.qs, q)
	return q.end
}

// referenceWords after a Chinese numeral and its measure word make it a
// reference to the items just named, not a figure: 两项合计, 三者之和.
var referenceWords = []string{"合计", "共计", "之和", "相加", "加总", "总和", "加起来"}

// hanDecimal reads the decimal part of a Chinese numeral at s[j:]: 点 and
// digits (点七二 is 0.72). It returns 0, 0, j when there is none.
func hanDecimal(s string, j int) (frac float64, digits, end int) {
	if !strings.HasPrefix(s[j:], "点") {
		return 0, 0, j
	}
	k := j + len("点")
	scale := 0.1
	for k < len(s) {
		r, n := utf8.DecodeRuneInString(s[k:])
		d := strings.IndexRune("零一二三四五六七八九", r)
		if r == '〇' {
			d = 0
		}
		if d < 0 {
			break
		}
		frac += float64(d/len("零")) * scale
		scale /= 10
		digits++
		k += n
	}
	if digits == 0 {
		return 0, 0, j
	}
	return frac, digits, k
}

// roundNumeral reports whether num is made of place values only (百, 千,
// 百万): a round number, which 上, 近 or 数 make vague. The places are
// lexicon's (RoundPlaces, being added there as this is written).
func roundNumeral(num string) bool {
	for _, r := range num {
		if !strings.ContainsRune("十百千万亿", r) {
			return false
		}
	}
	return num != ""
}

// prefixSuffix reports whether s ends with one of words.
func prefixSuffix(s string, words []string) bool {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// prefixIn returns the first of words that s starts with, or "".
func prefixIn(s string, words []string) string {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return w
		}
	}
	return ""
}

func isHanDigits(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune("〇零一二两三四五六七八九", r) {
			return false
		}
	}
	return true
}

// hanValue parses a Chinese numeral: 四百九十九亿 is 4.99e10, 十五 is 15,
// 二〇二三 is 2023, 三亿五千万 is 3.5e8.
func hanValue(s string) (float64, bool) {
	digit := func(r rune) int {
		if i := strings.IndexRune("零一二三四五六七八九", r); i >= 0 {
			return i / len("零")
		}
		return -1
	}
	if isHanDigits(s) {
		v := 0.0
		for _, r := range s {
			d := digit(r)
			switch r {
			case '〇':
				d = 0
			case '两':
				d = 2
			}
			v = v*10 + float64(d)
		}
		return v, true
	}
	var total, section, n float64
	for _, r := range s {
		switch r {
		case '零', '〇':
			n = 0
		case '两':
			n = 2
		case '十', '百', '千':
			m := map[rune]float64{'十': 10, '百': 100, '千': 1000}[r]
			if n == 0 {
				n = 1
			}
			section += n * m
			n = 0
		case '万':
			total += (section + n) * 1e4
			if section+n == 0 {
				total = math.Max(total, 1) * 1e4
			}
			section, n = 0, 0
		case '亿':
			total = (total + section + n) * 1e8
			if total == 0 {
				total = 1e8
			}
			section, n = 0, 0
		default:
			d := digit(r)
			if d < 0 {
				return 0, false
			}
			n = float64(d)
		}
	}
	return total + section + n, true
}

// inheritRanges gives the first end of a range the scale and unit of the
// second: 5-5.5% is two rates, 3—5万 two numbers of 万.
func inheritRanges(sc *scanned, s string) {
	for i := 0; i+1 < len(sc.qs); i++ {
		a, b := &sc.qs[i], sc.qs[i+1]
		if a.scale != "" || a.rate || a.times || a.han != b.han {
			continue
		}
		gap := strings.TrimSpace(s[a.end:b.start])
		if prefixIn(gap, lexicon.RangeSeparators) != gap || gap == "" {
			continue
		}
		a.rate, a.times, a.scale, a.mult, a.english = b.rate, b.times, b.scale, b.mult, b.english
		a.value *= b.mult
		if b.rate && b.value != 0 && b.mult == 1 {
			// ‰ and 成 convert; % keeps the value.
			if f := b.value / mustFloat(b.num); f != 1 && !math.IsNaN(f) && !math.IsInf(f, 0) {
				a.value *= f
			}
		}
	}
}

func mustFloat(s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return math.NaN()
	}
	return v
}

// Direction words of a change, nearest before the number wins.
var (
	upWordsZh   = []string{"增长", "增加", "提高", "上升", "提升", "扩大", "上涨", "增速", "增幅", "涨幅", "多增", "攀升", "跃升", "增"}
	downWordsZh = []string{"下降", "减少", "降低", "回落", "收窄", "下滑", "降幅", "下跌", "缩减", "压减", "缩小", "减", "降"}
	// levelWordsZh after a direction word make the number a level, not a
	// change: 提高到94.6%, 降至6.8%.
	levelWordsZh = []string{"至", "到"}
	upWordsEn    = map[string]bool{"grew": true, "grow": true, "grows": true, "growing": true, "growth": true, "rose": true, "rise": true, "rises": true, "rising": true, "risen": true, "up": true, "increase": true, "increased": true, "increases": true, "increasing": true, "higher": true, "gain": true, "gained": true, "climbed": true, "expanded": true, "jumped": true, "raised": true}
	downWordsEn  = map[string]bool{"fell": true, "fall": true, "falls": true, "fallen": true, "falling": true, "dropped": true, "drop": true, "drops": true, "down": true, "decline": true, "declined": true, "declines": true, "declining": true, "decrease": true, "decreased": true, "decreases": true, "decreasing": true, "lower": true, "reduced": true, "reduction": true, "shrank": true, "contracted": true, "slid": true, "dipped": true, "narrowed": true, "cut": true}
	levelWordsEn = map[string]bool{"to": true, "at": true, "reached": true, "reach": true, "totaled": true, "totalled": true, "was": true, "were": true, "of": false}
)

// clauseBreak ends the text a direction word may be read from.
func clauseBreak(r rune) bool {
	return strings.ContainsRune("，,。；;：:！!？?、()（）…\n", r)
}

// directionBefore returns the direction the words just before s[start]
// (in the same clause) or, in English, just after s[end] give a number.
func directionBefore(s string, start, end int) (direction, string) {
	// Chinese: the nearest direction word within eight runes.
	k := start
	for n := 0; n < 8 && k > 0; n++ {
		r, size := utf8.DecodeLastRuneInString(s[:k])
		if clauseBreak(r) {
			break
		}
		k -= size
	}
	window := s[k:start]
	best, bestAt, bestWord := dirNone, -1, ""
	for _, w := range upWordsZh {
		if at := strings.LastIndex(window, w); at >= 0 && at+len(w) > bestAt {
			best, bestAt, bestWord = dirUp, at+len(w), w
		}
	}
	for _, w := range downWordsZh {
		if at := strings.LastIndex(window, w); at >= 0 && at+len(w) > bestAt {
			best, bestAt, bestWord = dirDown, at+len(w), w
		}
	}
	if best != dirNone {
		after := strings.TrimSpace(strings.TrimLeft(window[bestAt:], "了 "))
		if prefixIn(after, levelWordsZh) != "" {
			return dirNone, ""
		}
		return best, bestWord
	}
	if !hasLatin(s[max(0, start-englishWindow):start]) && !hasLatin(s[end:min(len(s), end+englishWindow)]) {
		return dirNone, ""
	}
	return directionEnglish(s, start, end)
}

// englishWindow bounds, in bytes, the text around a number read for
// English direction words: four words before, two after.
const englishWindow = 48

func hasLatin(s string) bool {
	for i := 0; i < len(s); i++ {
		if isLatin(rune(s[i])) {
			return true
		}
	}
	return false
}

// directionEnglish reads up to four words before the number (grew by
// 1.72%, a decline of 1.72%) or two after it (1.72% higher). A level word
// right before the number (to, at, was) ends the look back: grew to 5% is
// no rise of 5%.
func directionEnglish(s string, start, end int) (direction, string) {
	words := strings.FieldsFunc(strings.ToLower(lastClause(s[max(0, start-englishWindow):start])), func(r rune) bool { return !isLatin(r) && r != '-' })
	for n, i := 0, len(words)-1; i >= 0 && n < 4; i, n = i-1, n+1 {
		w := words[i]
		if n == 0 && levelWordsEn[w] {
			break // grew to 5%: a level; 5% higher may still follow
		}
		if upWordsEn[w] {
			return dirUp, w
		}
		if downWordsEn[w] {
			return dirDown, w
		}
	}
	after := strings.FieldsFunc(strings.ToLower(firstClause(s[end:min(len(s), end+englishWindow)])), func(r rune) bool { return !isLatin(r) && r != '-' })
	for n := 0; n < len(after) && n < 2; n++ {
		if upWordsEn[after[n]] {
			return dirUp, after[n]
		}
		if downWordsEn[after[n]] {
			return dirDown, after[n]
		}
	}
	return dirNone, ""
}

// lastClause returns the end of s after its last clause break or full
// stop (a '.' that is no decimal point).
func lastClause(s string) string {
	if i := strings.LastIndexFunc(s, clauseBreak); i >= 0 {
		_, n := utf8.DecodeRuneInString(s[i:])
		s = s[i+n:]
	}
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '.' && (i+1 == len(s) || !isDigit(s[i+1])) {
			return s[i+1:]
		}
	}
	return s
}

// firstClause returns the start of s before its first clause break or
// full stop.
func firstClause(s string) string {
	if i := strings.IndexFunc(s, clauseBreak); i >= 0 {
		s = s[:i]
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '.' && (i+1 == len(s) || !isDigit(s[i+1])) {
			return s[:i]
		}
	}
	return s
}

// sameValue reports whether a and b are equal up to floating-point error.
func sameValue(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// minRoundingDigits is how many significant digits a converted figure
// must keep to count as the same figure: 49.5 billion for 494.91亿 passes,
// 50 billion does not.
const minRoundingDigits = 3

// matches reports whether the answer's quantity q states the passage's
// quantity p: the same value at the same scale (494.91万 is not 494.91亿),
// a rate only for a rate. A figure converted to an English scale (494.91亿
// → 49.49 billion) may be rounded to the digits written, if it keeps at
// least minRoundingDigits.
func matches(q, p quantity) bool {
	if q.rate != p.rate && (q.rate || q.scale != "") {
		return false
	}
	if q.times != p.times && q.times {
		return false
	}
	if sameValue(q.value, p.value) {
		return true
	}
	if q.english && q.scale != p.scale && q.sig >= minRoundingDigits {
		prec := math.Pow(10, -float64(q.decimals)) * q.mult
		return math.Abs(q.value-p.value) <= prec/2*(1+1e-9)
	}
	return false
}

// tolerance is the rounding a written number allows: half a unit of its
// last digit, at its scale.
func tolerance(q quantity) float64 {
	return math.Pow(10, -float64(q.decimals)) * q.mult / 2 * (1 + 1e-9)
}

// maxTriplePool bounds the numbers summed three at a time.
const maxTriplePool = 40

// derivation returns how q can be computed from the passage quantities
// pool (a sum or difference of two, a sum of three, a ratio), or "".
func derivation(q quantity, pool []quantity) string {
	tol := tolerance(q)
	near := func(x float64) bool { return math.Abs(q.value-x) <= tol }
	fmtv := func(p quantity) string { return p.raw }
	for i, a := range pool {
		for j, b := range pool {
			if i == j {
				continue
			}
			if q.times {
				if b.value != 0 && !a.rate && !b.rate && near(a.value/b.value) {
					return fmtv(a) + " / " + fmtv(b)
				}
				continue
			}
			if a.rate != q.rate || b.rate != q.rate {
				if q.rate && !a.rate && !b.rate && b.value != 0 {
					if near(a.value / b.value * 100) {
						return fmtv(a) + " / " + fmtv(b)
					}
					if near((a.value - b.value) / b.value * 100) {
						return "(" + fmtv(a) + " − " + fmtv(b) + ") / " + fmtv(b)
					}
				}
				continue
			}
			if i < j && near(a.value+b.value) {
				return fmtv(a) + " + " + fmtv(b)
			}
			if near(math.Abs(a.value - b.value)) {
				return fmtv(a) + " − " + fmtv(b)
			}
			if i < j && len(pool) <= maxTriplePool && !q.rate {
				for k := j + 1; k < len(pool); k++ {
					c := pool[k]
					if !c.rate && near(a.value+b.value+c.value) {
						return fmtv(a) + " + " + fmtv(b) + " + " + fmtv(c)
					}
				}
			}
		}
	}
	return ""
}

// hasHan reports whether s holds a Han character.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
