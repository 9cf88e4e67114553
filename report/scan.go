package report

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/reportbot/reportbot/lexicon"
)

// candidate is a figure found in a paragraph, in rune offsets of it.
type candidate struct {
	start, end  int     // raw
	value, high float64 // high for a range
	isRange     bool
	overflow    bool   // the number does not fit a float64
	unit        string // as written, with scale
	scale       string
	mult        float64
	qual        string
	qualStart   int // where a leading qualifier starts (== start if none)
	tailEnd     int // end including a trailing qualifier
	approx      bool
	chinese     bool
	// milestone marks a threshold crossed (5万亿台阶), milestoneCount a
	// count of them (3个万亿元大关), whose words start at milestoneFrom.
	milestone, milestoneCount bool
	milestoneFrom             int
}

// scanner reads the figures of one paragraph.
type scanner struct {
	rs     []rune
	quoted []bool
}

// nameUnits make a number a name or a rank, not a quantity.
var nameUnits = func() map[string]bool {
	m := map[string]bool{}
	for _, u := range lexicon.NameUnits {
		m[u] = true
	}
	return m
}()

// scanCandidates returns the figures of a paragraph in order, with their
// qualifiers.
func scanCandidates(rs []rune) []candidate {
	s := scanner{rs: rs, quoted: quoteMask(rs)}
	var cands []candidate
	for i := 0; i < len(rs); {
		c, next, ok := s.at(i)
		if ok {
			s.qualify(&c)
			cands = append(cands, c)
		}
		i = max(next, i+1)
	}
	s.markMilestones(cands)
	return cands
}

// at reads a figure starting at rs[i], if one starts there.
func (s *scanner) at(i int) (candidate, int, bool) {
	rs := s.rs
	switch r := rs[i]; {
	case isDigit(r) && (i == 0 || !isDigit(rs[i-1])):
		return s.arabic(i)
	case isCNNumeral(r) && (i == 0 || !isCNNumeral(rs[i-1])):
		return s.chinese(i)
	}
	return candidate{}, i + 1, false
}

// qualify adds the qualifiers around a figure: 近, 超过, 突破 before it
// and 以上, 左右 after its unit.
func (s *scanner) qualify(c *candidate) {
	rs := s.rs
	if c.qualStart == 0 {
		c.qualStart = c.start
	}
	if c.qualStart == c.start {
		if q := matchBefore(rs, c.start, lexicon.PreQualifiers); q != "" && matchBefore(rs, c.start, lexicon.QualifierExceptions) == "" {
			if c.qual == "" {
				c.qual = q
			}
			c.approx = true
			c.qualStart = c.start - utf8.RuneCountInString(q)
		}
	}
	c.tailEnd = c.end
	if q := matchAt(rs, c.end, lexicon.PostQualifiers); q != "" {
		if c.qual == "" {
			c.qual = q
		}
		c.approx = true
		c.tailEnd = c.end + utf8.RuneCountInString(q)
	}
}

// readNumber returns the text of the Arabic number at rs[i] (digits,
// thousands separators, a decimal part) with separators dropped and
// full-width digits folded, and the offset after it.
func readNumber(rs []rune, i int) (string, int) {
	j := i
	for j < len(rs) && isDigit(rs[j]) {
		j++
	}
	// Thousands separators: 1,116 or 12,345,678.
	for j+3 < len(rs) && rs[j] == ',' && allDigits(rs[j+1:j+4]) && (j+4 == len(rs) || !isDigit(rs[j+4])) {
		j += 4
	}
	if j+1 < len(rs) && (rs[j] == '.' || rs[j] == '．') && isDigit(rs[j+1]) {
		j++
		for j < len(rs) && isDigit(rs[j]) {
			j++
		}
	}
	var b strings.Builder
	for _, r := range rs[i:j] {
		switch r {
		case ',':
		case '．':
			b.WriteByte('.')
		default:
			b.WriteRune(digitVal(r))
		}
	}
	return b.String(), j
}

// parseNumber parses a number as written. A number too large for a
// float64 is math.MaxFloat64 with overflow set, never +Inf.
func parseNumber(s string) (v float64, overflow, ok bool) {
	v, err := strconv.ParseFloat(s, 64)
	switch {
	case err == nil:
		return v, false, true
	case errors.Is(err, strconv.ErrRange) && v != 0:
		return math.MaxFloat64, true, true
	}
	return 0, false, false
}

// arabic reads an Arabic-numeral figure at rs[i] and what follows it.
// ok is false when the number is a name, a year, a date, a code or a
// rank, or has no unit.
func (s *scanner) arabic(i int) (c candidate, next int, ok bool) {
	rs := s.rs
	num, j := readNumber(rs, i)
	v, overflow, okv := parseNumber(num)
	if !okv {
		return c, j, false
	}
	negative := s.negativeAt(i)
	if !negative && s.codeBefore(i) || s.quoted[i] || s.ordinalBefore(i, j) || s.isDate(i, j, v) || matchAt(rs, j, lexicon.NameSuffixes) != "" {
		return c, j, false
	}
	c = candidate{start: i, value: v, mult: 1, overflow: overflow}
	if negative {
		c.start, c.value = i-1, -v
	}
	if j < len(rs) && isRangeSep(rs[j]) {
		if r, ok := s.rangeFrom(c, j); ok {
			return r, r.end, true // 4.5-5%
		}
	}
	if s.codeAfter(j) {
		return c, j, false
	}
	k, ok := s.unitAt(&c, j)
	if !ok {
		return c, j, false
	}
	c.end = k
	if k < len(rs) && isRangeSep(rs[k]) {
		if r, ok := s.rangeFrom(c, k); ok {
			return r, r.end, true // 5%—5.5%
		}
	}
	return c, k, true
}

// negativeAt reports a minus sign before rs[i] that follows a word, not a
// number: 增长-2.5%.
func (s *scanner) negativeAt(i int) bool {
	rs := s.rs
	return i > 0 && strings.ContainsRune("-－−", rs[i-1]) && (i == 1 || !isDigit(rs[i-2]) && !isASCIILetter(rs[i-2]))
}

// codeBefore reports a code or name the number ends: T800, G331, 12+4,
// 06-23, 2.0.
func (s *scanner) codeBefore(i int) bool {
	rs := s.rs
	if i == 0 {
		return false
	}
	p := rs[i-1]
	return isASCIILetter(p) || strings.ContainsRune("+＋-－—–~～/／:：.", p) && i > 1 && (isDigit(rs[i-2]) || isASCIILetter(rs[i-2]))
}

// codeAfter reports a code the number starts: 5A, 12+4, 04-02. A unit
// written in Latin letters (TEU, P, EFLOPS) is not one.
func (s *scanner) codeAfter(j int) bool {
	rs := s.rs
	if j >= len(rs) {
		return false
	}
	if isASCIILetter(rs[j]) {
		u := matchAt(rs, j, lexicon.FigureUnits)
		return u == "" || !isLetterUnit(rs, j, u)
	}
	return strings.ContainsRune("+＋-－—–~～/／:：", rs[j]) && j+1 < len(rs) && (isDigit(rs[j+1]) || isASCIILetter(rs[j+1]))
}

// isLetterUnit reports a unit of Latin letters at rs[j] that is not the
// start of a longer word (4000P, not PM).
func isLetterUnit(rs []rune, j int, u string) bool {
	n := utf8.RuneCountInString(u)
	return hasAt(rs, j, u) && (j+n == len(rs) || !isASCIILetter(rs[j+n]))
}

// ordinalBefore reports an ordinal or a rank: 第3, 前10位.
func (s *scanner) ordinalBefore(i, j int) bool {
	rs := s.rs
	k := i
	for k > 0 && isNumberSpace(rs[k-1]) {
		k--
	}
	return k > 0 && (rs[k-1] == '第' || rs[k-1] == '前' && matchAt(rs, j, []string{"位", "名"}) != "")
}

// isDate reports a year (2023年), a month (3月 after a year or before a
// day) or a day (26日 after a month).
func (s *scanner) isDate(i, j int, v float64) bool {
	rs := s.rs
	if hasAt(rs, j, "年") && j-i == 4 && v >= 1900 && v <= 2100 {
		return true
	}
	if hasAt(rs, j, "月") && v >= 1 && v <= 12 && j-i <= 2 && !hasAt(rs, j, "月份") {
		if j+1 < len(rs) && isDigit(rs[j+1]) || i > 0 && rs[i-1] == '年' {
			return true
		}
	}
	return hasAt(rs, j, "日") && i > 0 && rs[i-1] == '月'
}

// unitAt reads what follows a number at rs[j]: 余 or 多, a scale (万,
// 亿), a unit (元, %, 万千瓦), maybe after one space; it sets them on c and
// returns where they end. ok is false for a bare number or a name unit.
func (s *scanner) unitAt(c *candidate, j int) (int, bool) {
	rs := s.rs
	k := j
	if q := matchAt(rs, k, lexicon.InnerApproxWords); q != "" && matchAt(rs, k, lexicon.InnerApproxExceptions) == "" {
		c.approx, c.qual = true, q
		k++
	}
	if k < len(rs) && isNumberSpace(rs[k]) && s.unitFollows(k+1) {
		k++ // 28.1 万人
	}
	scale, mult := s.scaleAt(k)
	if scale != "" {
		c.scale, c.mult = scale, mult
		k += utf8.RuneCountInString(scale)
		if q := matchAt(rs, k, lexicon.InnerApproxWords); q != "" && c.qual == "" {
			c.approx, c.qual = true, q // 5万多人次
			k++
		}
	}
	unit := s.unitWord(k)
	if unit == "" && scale == "" || s.isNameUnit(unit, k) {
		return j, false // a bare number is a code or a name
	}
	k += utf8.RuneCountInString(unit)
	c.unit = scale + unit
	return k, true
}

// scaleAt returns the scale written at rs[k] (万, 亿, 万亿), "" when there
// is none or the word is a unit (千瓦, 千米).
func (s *scanner) scaleAt(k int) (string, float64) {
	rs := s.rs
	if u := matchAt(rs, k, lexicon.FigureUnits); u != "" && u != "亿" {
		return "", 0
	}
	for _, sc := range lexicon.Scales {
		if hasAt(rs, k, sc.Word) {
			return sc.Word, sc.Mult
		}
	}
	return "", 0
}

// unitFollows reports a scale or a unit at rs[k].
func (s *scanner) unitFollows(k int) bool {
	sc, _ := s.scaleAt(k)
	return sc != "" || s.unitWord(k) != ""
}

// unitWord returns the unit at rs[k], with a per-unit (元/月), or "".
// A unit that starts a longer word is none (台阶: see unitInWord).
func (s *scanner) unitWord(k int) string {
	rs := s.rs
	u := matchAt(rs, k, lexicon.FigureUnits)
	if u == "亿" || u != "" && isASCIILetter(rs[k]) && !isLetterUnit(rs, k, u) || unitInWord(rs, k, u) {
		return ""
	}
	n := k + utf8.RuneCountInString(u)
	if u != "" && n < len(rs) && (rs[n] == '/' || rs[n] == '／') {
		if per := matchAt(rs, n+1, lexicon.PerUnits); per != "" {
			return u + string(rs[n]) + per
		}
	}
	return u
}

// isNameUnit reports a unit that makes a name or a rank (30周年, 500强,
// 5A级), or a unit followed by 级 or 项目.
func (s *scanner) isNameUnit(unit string, k int) bool {
	rs := s.rs
	end := k + utf8.RuneCountInString(unit)
	return nameUnits[unit] || unit == "项" && hasAt(rs, k+1, "目") || hasAt(rs, end, "级")
}

// rangeSeps holds the range separators of one character.
var rangeSeps = func() string {
	var b strings.Builder
	for _, sep := range lexicon.RangeSeparators {
		if utf8.RuneCountInString(sep) == 1 {
			b.WriteString(sep)
		}
	}
	return b.String()
}()

func isRangeSep(r rune) bool { return strings.ContainsRune(rangeSeps, r) }

// rangeFrom reads the high end of a range whose low end c is followed by
// a separator at rs[k] (5%—5.5%, 4.5-5%, 4.5%至5%). The high end must be a
// figure with a unit, the same as the low end's when it has one, and
// larger.
func (s *scanner) rangeFrom(c candidate, k int) (candidate, bool) {
	rs := s.rs
	i := k + 1
	if i >= len(rs) || !isDigit(rs[i]) || s.quoted[i] {
		return c, false
	}
	num, j := readNumber(rs, i)
	v, overflow, ok := parseNumber(num)
	if !ok || s.isDate(i, j, v) || s.codeAfter(j) {
		return c, false
	}
	hi := candidate{start: i, value: v, mult: 1}
	end, ok := s.unitAt(&hi, j)
	if !ok || c.unit != "" && c.unit != hi.unit || v <= c.value {
		return c, false
	}
	c.end, c.high, c.isRange = end, v, true
	c.overflow = c.overflow || overflow
	c.unit, c.scale, c.mult = hi.unit, hi.scale, hi.mult
	if hi.approx {
		c.approx, c.qual = true, hi.qual
	}
	return c, true
}

// chinese reads a Chinese-numeral figure at rs[i]: 两座, 三个, 十余个,
// 一百多家, 上千家, 近万家, 突破百万辆, 超千亿元, 千亿元以上, and 超百万
// without a unit. A bare round numeral (百, 千, 万) needs a qualifier
// before it or after its unit: alone it is a set phrase (千家万户).
func (s *scanner) chinese(i int) (c candidate, next int, ok bool) {
	rs := s.rs
	j := i
	for j < len(rs) && isCNNumeral(rs[j]) {
		j++
	}
	run := string(rs[i:j])
	if s.notChineseFigure(i, j, run) {
		return c, j, false
	}
	if run == "零" {
		return s.zero(i, j)
	}
	c = candidate{start: i, mult: 1, chinese: true}
	round := isRoundRun(run)
	qualified := round && s.roundQualifier(&c)
	k := j
	if k < len(rs) && (rs[k] == '余' || rs[k] == '多') && s.chineseUnit(k+1, run) != "" {
		c.approx, c.qual = true, string(rs[k]) // 十余个, 两千多人
		k++
	}
	unit := s.chineseUnit(k, run)
	v, scale, mult, okv := chineseValue(run)
	end := k + utf8.RuneCountInString(unit)
	qualified = qualified || round && s.closingQualifier(end)
	switch {
	case !okv, round && !qualified && run != "十":
		return c, j, false // 千家万户, 百年: a bare round numeral needs a qualifier
	case unit == "" && !(qualified && scale != ""), unit != "" && s.namedSet(end, unit):
		return c, j, false // 超百万 needs no unit; other numerals do
	}
	c.value, c.scale, c.mult = v, scale, mult
	c.end = end
	c.unit = scale + unit
	return c, c.end, true
}

// notChineseFigure reports Chinese numerals that are not a figure: quoted
// (“十四五”), after 第 or 这 (第一, 这五年), a session or an item ordinal
// (二十大, 二十届, 一是), a set phrase (两个确立), or a run led by 一 that is
// not a number (一批, 一揽子).
func (s *scanner) notChineseFigure(i, j int, run string) bool {
	rs := s.rs
	switch {
	case s.quoted[i]:
		return true
	case i > 0 && strings.ContainsRune(lexicon.NotFigureBefore, rs[i-1]):
		return true
	case matchAt(rs, j, lexicon.SessionWords) != "" || matchAt(rs, i, lexicon.SetPhrases) != "":
		return true
	}
	rr := []rune(run)
	return rr[0] == '一' && (len(rr) == 1 || !strings.ContainsRune(lexicon.RoundPlaces, rr[1]))
}

// zero reads 零 as a figure only in phrases like 零增长, 零事故.
func (s *scanner) zero(i, j int) (candidate, int, bool) {
	if matchAt(s.rs, j, lexicon.ZeroPhrases) == "" {
		return candidate{}, j, false
	}
	return candidate{start: i, end: j, mult: 1, chinese: true}, j, true
}

// isRoundRun reports a numeral of place values only: 十, 百, 千, 万, 百万,
// 千亿, 万亿.
func isRoundRun(run string) bool {
	for _, r := range run {
		if !strings.ContainsRune(lexicon.RoundPlaces, r) {
			return false
		}
	}
	return true
}

// roundQualifier finds the word before a bare round numeral that makes
// it a figure (上千, 近百, 数十, 超千亿, 突破百万) and sets it on c.
func (s *scanner) roundQualifier(c *candidate) bool {
	rs := s.rs
	q := matchBefore(rs, c.start, lexicon.RoundApproxPrefixes)
	if p := matchBefore(rs, c.start, lexicon.PreQualifiers); runeLen(p) > runeLen(q) {
		q = p // 迈上万亿元台阶 is not 上万
	}
	if q == "" {
		return false
	}
	c.approx, c.qual = true, q
	c.qualStart = c.start - utf8.RuneCountInString(q)
	return true
}

// closingQualifier reports a qualifier after a round numeral's unit that
// ends its clause (千亿元以上。). Followed by a noun it sets a threshold
// that names a category (亿元以上企业), which is not a figure.
func (s *scanner) closingQualifier(end int) bool {
	q := matchAt(s.rs, end, lexicon.PostQualifiers)
	if q == "" {
		return false
	}
	k := end + utf8.RuneCountInString(q)
	return k >= len(s.rs) || !unicode.Is(unicode.Han, s.rs[k])
}

// chineseUnit returns the measure word at rs[k]; after a large numeral
// (百, 千, 万, 亿) any unit but 年 will do (百万辆, 千亿元).
func (s *scanner) chineseUnit(k int, run string) string {
	if u := matchAt(s.rs, k, lexicon.MeasureWords); u != "" {
		if unitInWord(s.rs, k, u) {
			return ""
		}
		return u
	}
	if !strings.ContainsAny(run, "百千万亿") {
		return ""
	}
	u := s.unitWord(k)
	if u == "年" || nameUnits[u] {
		return ""
	}
	return u
}

// namedSet reports a numeral and measure word that name a set or a plan
// (八项规定, 三项行动, 五个“必须”, 两位数) or a grade (千吨级); end is the
// offset after the measure word.
func (s *scanner) namedSet(end int, unit string) bool {
	rs := s.rs
	if matchAt(rs, end, lexicon.NamedSetWords) != "" || hasAt(rs, end, "级") {
		return true
	}
	return unit == "次" && strings.Contains(string(rs[end:min(end+6, len(rs))]), "全会")
}

// chineseValue splits a trailing scale off a Chinese numeral and reads
// the rest: 三万 is 3 万, 两千 is 2000, 百万 is 100 万.
func chineseValue(run string) (v float64, scale string, mult float64, ok bool) {
	num := run
	for _, sc := range lexicon.Scales {
		if sc.Word == "千" || sc.Word == "千万" || sc.Word == "百万" {
			continue // 两千, 三千万: 千 is a place value here
		}
		if t, cut := strings.CutSuffix(run, sc.Word); cut {
			num, scale, mult = t, sc.Word, sc.Mult
			break
		}
	}
	if scale == "" {
		mult = 1
	}
	if num == "" {
		return 1, scale, mult, true // 近万家: one of it
	}
	v, ok = cnValue(num)
	return v, scale, mult, ok && v > 0
}
