package report

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/reportbot/reportbot/lexicon"
)

// years is a span of years, first == last for a single year; the zero
// value is no year. cumulative marks a running total over no stated span.
type years struct {
	first, last int
	cumulative  bool
}

// String is the figure's Period: 2025, 2021-2025, cumulative, or "".
func (y years) String() string {
	switch {
	case y.cumulative:
		return "cumulative"
	case y.first == 0:
		return ""
	case y.first == y.last:
		return strconv.Itoa(y.first)
	}
	return strconv.Itoa(y.first) + "-" + strconv.Itoa(y.last)
}

func (y years) known() bool { return y.cumulative || y.first != 0 }

// markScope is how far a time word reaches: its clause (累计), its
// sentence (2025年, 今年, 年均, 以来) or the rest of its paragraph (十四五,
// 这五年).
type markScope uint8

const (
	scopeClause markScope = iota
	scopeSentence
	scopeParagraph
)

// timeMark is a word that places the figures after it in time.
type timeMark struct {
	pos      int // rune offset in the paragraph
	sentence int // the sentence of the paragraph it is in
	scope    markScope
	when     years
	// partSpan is true for a word that means the part's five years
	// unless the paragraph has named others (年均, 五年).
	partSpan bool
}

// calendar holds the report's years that time words resolve against.
type calendar struct {
	year, review  int   // the planned and the reviewed year
	past, future  years // the five years reviewed and the five planned
	partSpan      years // what 五年 and 年均 mean in the current part
	defaultPeriod years // the part's own period
	fiveYearPart  bool  // the current part is about the five-year plan
	reviewPart    bool  // the current part reviews
	// carried is the five years reviewed, run on from a paragraph that
	// opens with them (过去的五年极不寻常) to the unheaded paragraphs
	// after it, until one opens with a year (刚刚过去的2025年).
	carried        years
	sectionPeriods map[*Section]years
}

// fiveYears is the length of a five-year plan.
const fiveYears = 5

func newCalendar(doc *Report) *calendar {
	c := &calendar{year: doc.Year, review: doc.ReviewYear, sectionPeriods: map[*Section]years{}}
	if doc.ReviewYear > 0 {
		c.past = years{first: doc.ReviewYear - fiveYears + 1, last: doc.ReviewYear}
	}
	if doc.Year > 0 {
		c.future = years{first: doc.Year, last: doc.Year + fiveYears - 1}
	}
	return c
}

// enterPart sets what 五年 means in part p and the part's own period: the
// reviewed year in a review, the planned year in a plan, the plan's five
// years in a five-year part.
func (c *calendar) enterPart(p *Part) {
	c.partSpan, c.defaultPeriod, c.fiveYearPart, c.reviewPart, c.carried = c.future, years{}, false, false, years{}
	if p == nil {
		return
	}
	c.reviewPart = p.Kind == PartReview
	c.fiveYearPart = p.Kind == PartFiveYear || p.Kind == PartExplanation
	switch p.Kind {
	case PartReview:
		c.partSpan, c.defaultPeriod = c.past, years{first: c.review, last: c.review}
	case PartPlan, PartGovernment:
		c.defaultPeriod = years{first: c.year, last: c.year}
	case PartFiveYear, PartExplanation:
		c.defaultPeriod = c.future
	case PartAppendix:
		if c.year > 0 && strings.Contains(p.Title, strconv.Itoa(c.year)+"年") {
			c.defaultPeriod = years{first: c.year, last: c.year} // 2026年民生实事
		}
	}
	if c.defaultPeriod.first == 0 {
		c.defaultPeriod = years{}
	}
}

// carry updates the carried period at the start of paragraph para, whose
// text is rs: a review's unheaded paragraph that opens with the five years
// reviewed starts it, one that opens with a single year or a headed
// section ends it.
func (c *calendar) carry(para *Paragraph, rs []rune) {
	if !c.reviewPart || c.past.first == 0 || para.Section != nil && para.Section.Heading.Len() > 0 {
		c.carried = years{}
		return
	}
	for _, m := range c.marks(firstSentence(rs)) {
		switch {
		case m.when == c.past && m.scope == scopeParagraph:
			c.carried = c.past
			return
		case m.when.first != 0 && m.when.first == m.when.last:
			c.carried = years{}
			return
		}
	}
}

// firstSentence returns the runes of rs up to its first sentence end.
func firstSentence(rs []rune) []rune {
	for i, r := range rs {
		if sentenceEnd(r) {
			return rs[:i+1]
		}
	}
	return rs
}

// isFuture reports a period that starts in the planned year or later.
func (c *calendar) isFuture(y years) bool { return c.year > 0 && !y.cumulative && y.first >= c.year }

// isPast reports a period that ends before the planned year. A running
// total is neither past nor future: its part says which.
func (c *calendar) isPast(y years) bool {
	return !y.cumulative && y.first != 0 && c.year > 0 && y.last < c.year
}

// sectionPeriod is the period a section's heading sets for its
// paragraphs (这是…的五年, “十五五”发展目标), zero when it sets none.
func (c *calendar) sectionPeriod(doc *Report, s *Section) years {
	if s == nil || s.Heading.Len() == 0 {
		return years{}
	}
	if y, ok := c.sectionPeriods[s]; ok {
		return y
	}
	var y years
	for _, m := range c.marks([]rune(doc.Slice(s.Heading))) {
		if m.scope == scopeParagraph {
			y = m.when
		}
	}
	c.sectionPeriods[s] = y
	return y
}

// relativeYears are the words for a year relative to the planned one.
var relativeYears = func() []string {
	var out []string
	for w := range lexicon.RelativeYears {
		out = append(out, w)
	}
	return sortWordsByLen(out)
}()

// fiveYearWords are the words for the five years reviewed or planned.
var fiveYearWords = func() []string {
	var out []string
	for w := range lexicon.FiveYearWords {
		out = append(out, w)
	}
	return sortWordsByLen(out)
}()

func sortWordsByLen(ws []string) []string {
	for i := 1; i < len(ws); i++ {
		for j := i; j > 0 && (utf8.RuneCountInString(ws[j]) > utf8.RuneCountInString(ws[j-1]) ||
			utf8.RuneCountInString(ws[j]) == utf8.RuneCountInString(ws[j-1]) && ws[j] < ws[j-1]); j-- {
			ws[j], ws[j-1] = ws[j-1], ws[j]
		}
	}
	return ws
}

// markStarts holds the first runes of the time words, so that most runes
// are passed over at once.
var markStarts = func() map[rune]bool {
	m := map[rune]bool{'十': true}
	words := append(append([]string{lexicon.AverageWord, lexicon.SinceWord, lexicon.FiveYearsWord}, relativeYears...), fiveYearWords...)
	for _, w := range append(words, lexicon.CumulativeWords...) {
		r, _ := utf8.DecodeRuneInString(w)
		m[r] = true
	}
	return m
}()

// marks returns the time words of a paragraph in order.
func (c *calendar) marks(rs []rune) []timeMark {
	var out []timeMark
	var named years // the last five years the paragraph named (过去五年, 十四五)
	sentence := 0
	for i := 0; i < len(rs); i++ {
		if sentenceEnd(rs[i]) {
			sentence++
		}
		if !markStarts[rs[i]] && !isDigit(rs[i]) {
			continue
		}
		if m, n, ok := c.markAt(rs, i); ok {
			m.sentence = sentence
			if m.partSpan && named.first != 0 {
				m.when = named // 过去五年…年均增长4.8% in a part that plans
			}
			if !m.partSpan && m.scope == scopeParagraph && (m.when == c.past || m.when == c.future) {
				named = m.when // the report's own five years, not 较“十三五”
			}
			out = append(out, c.scoped(m))
			i += n - 1
		}
	}
	return yearsInSpans(out)
}

// scoped narrows a span ahead (十五五, 未来五年) outside a five-year part to
// its sentence: a plan that names the five-year plan (确保“十五五”良好开局)
// still sets the year's targets. An earlier five years is narrowed too.
func (c *calendar) scoped(m timeMark) timeMark {
	if m.scope == scopeParagraph && !c.fiveYearPart && c.year > 0 && m.when.last >= c.year {
		m.scope = scopeSentence
	}
	if m.scope == scopeParagraph && c.past.first != 0 && m.when.first != 0 && m.when.last < c.past.first {
		// A five years before the report's own (“十四五”利润为“十三五”的2.2倍)
		// is named for comparison: it sets its sentence, not the paragraph.
		m.scope = scopeSentence
	}
	return m
}

// yearsInSpans handles a year and a span that holds it in one sentence
// (2025年是“十四五”收官之年): the year sets the paragraph's period, and the
// span, named only to place the year, sets none.
func yearsInSpans(marks []timeMark) []timeMark {
	var out []timeMark
	for from := 0; from < len(marks); {
		to := from
		for to < len(marks) && marks[to].sentence == marks[from].sentence {
			to++
		}
		out = append(out, sentenceMarks(marks[from:to])...)
		from = to
	}
	return out
}

// sentenceMarks applies yearsInSpans to the marks of one sentence. It
// compares distinct values only, so a sentence of many marks stays linear.
func sentenceMarks(marks []timeMark) []timeMark {
	single, spans := map[int]bool{}, map[years]bool{}
	for _, m := range marks {
		switch {
		case m.when.cumulative || m.when.first == 0:
		case m.when.first == m.when.last:
			single[m.when.first] = true
		case m.scope == scopeParagraph:
			spans[m.when] = true
		}
	}
	if len(single) == 0 || len(spans) == 0 {
		return marks
	}
	out := make([]timeMark, 0, len(marks))
	for _, m := range marks {
		switch {
		case m.scope == scopeParagraph && spans[m.when] && holdsAny(m.when, single):
			continue
		case m.scope == scopeSentence && m.when.first != 0 && m.when.first == m.when.last && heldByAny(m.when.first, spans):
			m.scope = scopeParagraph
		}
		out = append(out, m)
	}
	return out
}

// holdsAny reports whether span y holds one of the years.
func holdsAny(y years, singles map[int]bool) bool {
	for v := range singles {
		if y.first <= v && v <= y.last {
			return true
		}
	}
	return false
}

// heldByAny reports whether one of the spans holds year v.
func heldByAny(v int, spans map[years]bool) bool {
	for y := range spans {
		if y.first <= v && v <= y.last {
			return true
		}
	}
	return false
}

// comparedFrom reports whether the time word at rs[i] is the base of a
// comparison (较2020年, 快于2024年, 较“十三五”末): a comparison word stands before it,
// perhaps before an opening quote.
func comparedFrom(rs []rune, i int) bool {
	j := i - 1
	for j >= 0 && strings.ContainsRune(openingQuotes, rs[j]) {
		j--
	}
	if j >= 0 && strings.ContainsRune(lexicon.ComparisonBefore, rs[j]) {
		return true
	}
	for _, w := range lexicon.ComparisonBeforeWords {
		if strings.HasSuffix(string(rs[max(j-1, 0):j+1]), w) {
			return true
		}
	}
	return false
}

// openingQuotes may stand between a comparison word and its base.
const openingQuotes = "“\"「『‘《"

// modifiesNoun reports whether the time word ending at rs[j] says which
// things are meant rather than when (“十四五”批复的6个基地): a closing quote,
// then a verb of approval or planning and 的.
func modifiesNoun(rs []rune, j int) bool {
	for j < len(rs) && strings.ContainsRune(closingQuotes, rs[j]) {
		j++
	}
	rest := string(rs[j:min(j+maxAttributiveRunes, len(rs))])
	for _, v := range lexicon.AttributiveVerbs {
		if strings.HasPrefix(rest, v+"的") {
			return true
		}
	}
	return false
}

// closingQuotes may stand between a time word and what follows it.
const closingQuotes = "”\"」』’》"

// maxAttributiveRunes bounds a verb of approval and its 的.
const maxAttributiveRunes = 4

// markAt reads a time word at rs[i] and returns it with its length.
func (c *calendar) markAt(rs []rune, i int) (timeMark, int, bool) {
	if comparedFrom(rs, i) {
		return timeMark{}, 0, false
	}
	if m, n, ok := c.yearAt(rs, i); ok {
		return m, n, true
	}
	if rs[i] == '十' {
		if first, last, _, ok := lexicon.FiveYearPlan(string(rs[i:min(i+3, len(rs))])); ok {
			if modifiesNoun(rs, i+3) {
				return timeMark{}, 0, false // “十四五”批复的大基地: not when the figure is
			}
			return timeMark{pos: i, scope: scopeParagraph, when: years{first: first, last: last}}, 3, true // 十四五
		}
	}
	if w := matchAt(rs, i, fiveYearWords); w != "" {
		return timeMark{pos: i, scope: scopeParagraph, when: c.spanOf(lexicon.FiveYearWords[w])}, utf8.RuneCountInString(w), true
	}
	return c.wordAt(rs, i)
}

// yearAt reads 2025年 (a year) or 2021年以来 (a running total).
func (c *calendar) yearAt(rs []rune, i int) (timeMark, int, bool) {
	if i+4 >= len(rs) || !allDigits(rs[i:i+4]) || rs[i+4] != '年' || i > 0 && isDigit(rs[i-1]) {
		return timeMark{}, 0, false
	}
	y, _ := strconv.Atoi(string(digitsOf(rs[i : i+4])))
	if y < 1900 || y > 2100 {
		return timeMark{}, 0, false
	}
	if hasAt(rs, i+5, "以来") {
		return timeMark{pos: i, scope: scopeSentence, when: years{cumulative: true}}, 7, true
	}
	return timeMark{pos: i, scope: scopeSentence, when: years{first: y, last: y}}, 5, true
}

func digitsOf(rs []rune) []rune {
	out := make([]rune, len(rs))
	for i, r := range rs {
		out[i] = digitVal(r)
	}
	return out
}

// wordAt reads the other time words: 今年, 去年, 年均, 五年, 累计, 以来.
func (c *calendar) wordAt(rs []rune, i int) (timeMark, int, bool) {
	if w := matchAt(rs, i, relativeYears); w != "" && !hasAt(rs, i+utf8.RuneCountInString(w), lexicon.SamePeriodWord) {
		y := c.year + lexicon.RelativeYears[w]
		return timeMark{pos: i, scope: scopeSentence, when: years{first: y, last: y}}, utf8.RuneCountInString(w), c.year > 0
	}
	switch {
	case hasAt(rs, i, lexicon.AverageWord) && averagesChange(rs, i+utf8.RuneCountInString(lexicon.AverageWord)):
		return timeMark{pos: i, scope: scopeSentence, when: c.partSpan, partSpan: true}, 2, c.partSpan.first != 0
	case hasAt(rs, i, lexicon.FiveYearsWord) && (i == 0 || !isCNNumeral(rs[i-1])) && !namesProgramme(rs, i+utf8.RuneCountInString(lexicon.FiveYearsWord)):
		return timeMark{pos: i, scope: scopeParagraph, when: c.partSpan, partSpan: true}, 2, c.partSpan.first != 0
	case matchAt(rs, i, lexicon.CumulativeWords) != "" && c.fiveYearPart:
		return timeMark{pos: i, scope: scopeClause, when: c.future}, 2, c.future.first != 0 // 累计 over the plan's five years
	case matchAt(rs, i, lexicon.CumulativeWords) != "":
		return timeMark{pos: i, scope: scopeClause, when: years{cumulative: true}}, 2, true
	case hasAt(rs, i, lexicon.SinceWord):
		return timeMark{pos: i, scope: scopeSentence, when: years{cumulative: true}}, 2, true
	}
	return timeMark{}, 0, false
}

// namesProgramme reports whether the words at rs[i] make the time word
// before them part of a programme's name (五年行动计划, 三年攻坚行动)
// rather than when a figure stands.
func namesProgramme(rs []rune, i int) bool {
	return matchAt(rs, i, lexicon.ProgrammeWords) != ""
}

// averagesChange reports whether the words at rs[i] make 年均 a rate over
// years (年均增长, 年均提高) rather than a yearly mean (年均浓度).
func averagesChange(rs []rune, i int) bool {
	for _, w := range lexicon.AverageChangeWords {
		if hasAt(rs, i, w) {
			return true
		}
	}
	return false
}

// spanOf resolves a five-year word: -1 the reviewed five years, 1 the
// planned ones.
func (c *calendar) spanOf(dir int) years {
	if dir < 0 {
		return c.past
	}
	return c.future
}

// timeline walks the time words of a paragraph alongside its figures,
// remembering the last word of each scope.
type timeline struct {
	marks                   []timeMark
	k                       int
	clause, sentence, block *timeMark
}

// at returns the period the time words give a figure whose qualifier
// starts at pos, in a sentence starting at sentStart and a clause
// starting at clauseStart; zero when they give none.
func (t *timeline) at(pos, sentStart, clauseStart int) years {
	for ; t.k < len(t.marks) && t.marks[t.k].pos < pos; t.k++ {
		m := &t.marks[t.k]
		switch m.scope {
		case scopeClause:
			t.clause = m
		case scopeSentence:
			t.sentence = m
		default:
			t.block = m
		}
	}
	if t.clause != nil && t.clause.pos >= clauseStart {
		return t.clause.when
	}
	var best *timeMark
	if t.sentence != nil && t.sentence.pos >= sentStart {
		best = t.sentence
	}
	if t.block != nil && (best == nil || t.block.pos > best.pos) {
		best = t.block
	}
	if best == nil {
		return years{}
	}
	return best.when
}
