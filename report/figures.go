package report

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/reportbot/reportbot/lexicon"
)

// Limits of the text read around a figure for its metric.
const (
	maxMetricBack    = 40 // runes read back from a figure; also keeps run-on clauses linear
	maxMetricAhead   = 40 // runes read ahead of a figure
	maxChangeMetric  = 20 // runes kept of a change's metric
	maxMetricRunes   = 30 // runes kept of a metric
	maxMetricPrefix  = 8  // runes kept before a noun read after the figure
	minMetricRunes   = 2
	carriedListSlack = 2 // runes between list items that carry a verb (、)
	absoluteDigits   = 1e6
)

// extractFigures finds the figures of every paragraph and fills
// doc.Figures.
func extractFigures(doc *Report) {
	cal := newCalendar(doc)
	var part *Part
	for i, para := range doc.Paragraphs {
		if i == 0 || para.Part != part {
			part = para.Part
			cal.enterPart(part)
		}
		rs := []rune(doc.Slice(para.Span))
		cal.carry(para, rs)
		cands := scanCandidates(rs)
		if len(cands) == 0 {
			continue
		}
		b := figureBuilder{doc: doc, para: para, rs: rs, cands: cands, cal: cal, times: timeline{marks: cal.marks(rs)}}
		b.build()
	}
	for i, f := range doc.Figures {
		f.ID = fmt.Sprintf("f%03d", i+1)
	}
	for _, f := range doc.Figures {
		if f.base != nil {
			f.ChangeOf = f.base.ID // now that IDs exist
		}
	}
}

// figureBuilder turns the candidates of one paragraph into figures.
type figureBuilder struct {
	doc     *Report
	para    *Paragraph
	rs      []rune
	cands   []candidate
	cal     *calendar
	times   timeline
	prev    *Figure
	prevEnd int // rune offset after the previous figure and its qualifier
	si      int // the sentence of the current figure
	placed  []placed
}

// placed is a figure of the paragraph with where its words lie, for the
// links between changes and levels.
type placed struct {
	f *Figure
	// floor is where the words of the figure may start (the end of the
	// previous figure, or the sentence start), cs where its clause starts,
	// end where the figure and its qualifier end.
	floor, cs, end int
	// joined is true when its clause starts right at the previous
	// figure's end: a list (、), no clause mark between them.
	joined bool
	// noun is the metric read from the words before the figure alone.
	noun string
	// respective: 分别 stands before the change; bare: the change has no
	// noun of its own and took the level before it; carried: the change
	// took its verb from the change before it (增长5%、3%).
	respective, bare, carried bool
}

func (b *figureBuilder) build() {
	for ci := range b.cands {
		b.add(ci)
	}
	b.pairLists()
}

// add builds the figure of candidate ci.
func (b *figureBuilder) add(ci int) {
	c := b.cands[ci]
	sent, sentStart := b.sentenceAt(c.start)
	f := b.newFigure(c, sent)
	floor := sentStart
	if b.prev != nil && b.prevEnd > floor {
		floor = b.prevEnd
	}
	cs := clauseStart(b.rs, c.qualStart, floor)
	p := placed{f: f, floor: floor, cs: cs, end: c.tailEnd, joined: b.prev != nil && cs == b.prevEnd && b.prevEnd >= sentStart}
	before := string(b.rs[max(cs, c.qualStart-maxMetricBack):c.qualStart])
	after := b.after(ci)
	when := b.period(c, sentStart)
	f.Period = when.String()
	f.Kind = b.kindOf(when)
	p.carried = b.setDirection(f, c, before)
	f.Rate = isRateUnit(f.Unit) && f.Direction == ""
	f.Milestone = c.milestone
	f.Reached = f.Direction == "" && !c.milestoneCount && !isDuration(f) &&
		(isReached(before, preQualifier(b.rs, c)) || p.joined && b.prev.Reached && strings.Trim(before, "、和与及 ") == "")
	b.setMetric(&p, c, before, after)
	b.doc.Figures = append(b.doc.Figures, f)
	b.placed = append(b.placed, p)
	b.prev, b.prevEnd = f, c.tailEnd
}

// preQualifier returns the qualifier written before c (突破, 迈上), or "".
func preQualifier(rs []rune, c candidate) string {
	if c.qualStart < c.start && c.qual == string(rs[c.qualStart:c.start]) {
		return c.qual
	}
	return ""
}

// sentenceAt returns the sentence holding rune offset start of the
// paragraph and where it starts. Candidates come in text order, so the
// sentence pointer only moves on.
func (b *figureBuilder) sentenceAt(start int) (*Sentence, int) {
	base := b.para.Span.Start
	ss := b.para.Sentences
	for b.si < len(ss) && ss[b.si].Span.End <= base+start {
		b.si++
	}
	if b.si < len(ss) && ss[b.si].Span.Start <= base+start {
		return ss[b.si], ss[b.si].Span.Start - base
	}
	return nil, 0
}

// newFigure builds the figure of c with its value, unit and qualifier.
func (b *figureBuilder) newFigure(c candidate, sent *Sentence) *Figure {
	base := b.para.Span.Start
	unit := strings.TrimPrefix(c.unit, c.scale)
	f := &Figure{
		Raw:           string(b.rs[c.start:c.end]),
		Span:          Span{Start: base + c.start, End: base + c.end},
		Value:         c.value,
		Range:         c.isRange,
		High:          c.high,
		Overflow:      c.overflow,
		UnitAsWritten: c.unit,
		Unit:          normalUnit(unit),
		Scale:         c.scale,
		Approx:        c.approx,
		Qualifier:     c.qual,
		Section:       b.para.Section,
		Sentence:      sent,
	}
	f.Absolute = absolute(c.value, c.mult)
	if math.IsInf(c.value*c.mult, 0) || c.overflow {
		f.Overflow = true
	}
	return f
}

// absolute is value times the scale's multiplier, rounded to six decimal
// places, and never ±Inf: a product too large is math.MaxFloat64.
func absolute(v, mult float64) float64 {
	a := v * mult
	if math.IsInf(a, 0) || math.IsNaN(a) {
		return math.Copysign(math.MaxFloat64, v)
	}
	if r := math.Round(a*absoluteDigits) / absoluteDigits; !math.IsInf(r, 0) {
		return r
	}
	return a
}

// normalUnit folds the spellings of a unit (％ is %).
func normalUnit(u string) string {
	if n, ok := lexicon.UnitSpellings[u]; ok {
		return n
	}
	return u
}

// isRateUnit reports the units of rates and ratios.
func isRateUnit(u string) bool {
	for _, r := range lexicon.RateUnits {
		if u == r {
			return true
		}
	}
	return strings.HasSuffix(u, "百分点")
}

// after returns the text after candidate ci up to the end of its clause
// or the next figure.
func (b *figureBuilder) after(ci int) string {
	c, rs := b.cands[ci], b.rs
	limit := len(rs)
	if ci+1 < len(b.cands) {
		limit = b.cands[ci+1].qualStart
	}
	end := clauseEnd(rs[:max(min(limit, c.tailEnd+maxMetricAhead), c.tailEnd)], c.tailEnd)
	if ci+1 < len(b.cands) && b.cands[ci+1].qualStart < end {
		end = b.cands[ci+1].qualStart
	}
	if end <= c.tailEnd {
		return ""
	}
	return string(rs[c.tailEnd:end])
}

// period returns when a figure holds: from the time words before it in
// its clause, sentence or paragraph, else from its section's heading,
// else from its part.
func (b *figureBuilder) period(c candidate, sentStart int) years {
	cs := clauseStart(b.rs, c.qualStart, max(sentStart, c.qualStart-maxMetricBack))
	if y := b.times.at(c.qualStart, sentStart, cs); y.known() {
		return y
	}
	if y := b.cal.sectionPeriod(b.doc, b.para.Section); y.known() {
		return y
	}
	if b.cal.carried.known() {
		return b.cal.carried
	}
	return b.cal.defaultPeriod
}

// kindOf is target for a figure of the planned year or later, actual for
// one of the past, and otherwise (running totals, no period) follows the
// part: targets in plans.
func (b *figureBuilder) kindOf(when years) Kind {
	switch {
	case b.cal.isFuture(when):
		return Target
	case b.cal.isPast(when):
		return Actual
	}
	if p := b.para.Part; p != nil {
		switch p.Kind {
		case PartPlan, PartGovernment, PartFiveYear, PartExplanation:
			return Target
		}
	}
	return Actual
}

// setDirection marks a rate right after a verb of change as a change:
// 同比增长1.72%, 增速6.8%, 下降22.1%; 增至 and 提高到 give a level instead.
// In a list (分别增长4%、5.3%) the verb carries over; carried reports that.
func (b *figureBuilder) setDirection(f *Figure, c candidate, before string) (carried bool) {
	tail := strings.TrimRightFunc(before, isSpace)
	for _, w := range lexicon.LevelVerbs {
		tail = strings.TrimSuffix(tail, w)
	}
	trs := []rune(tail)
	up := matchBefore(trs, len(trs), lexicon.ChangeUpWords)
	down := matchBefore(trs, len(trs), lexicon.ChangeDownWords)
	changeLike := isRateUnit(f.Unit) || f.Unit == "倍" || f.Unit == "成"
	rest := strings.Trim(before, "、和与及 ")
	switch {
	case changeLike && (up != "" || down != ""):
		f.Direction = Up
		if down != "" || f.Value < 0 {
			f.Direction = Down // 下降22.1%, or 增长-2.5%
		}
	case changeLike && rest == "" && b.prev != nil && b.prev.Direction != "" && b.prevEnd >= c.qualStart-carriedListSlack:
		f.Direction, carried = b.prev.Direction, true
	}
	if f.Direction != "" && f.Kind == Actual {
		f.Kind = Change
	}
	return carried
}

// setMetric names what a figure measures from the words before it (or
// after it, 新增…30家企业), dropping verbs and qualifiers; a change takes
// its noun, or the metric of the figure it changes.
func (b *figureBuilder) setMetric(p *placed, c candidate, before, after string) {
	f := p.f
	if f.Direction != "" {
		b.changeMetric(p, before)
	} else {
		f.Metric = lastRunes(b.levelMetric(p, c, before, after), maxMetricRunes)
	}
	f.Metric = cleanMetric(f.Metric)
	f.normMetric = NormalizeMetric(f.Metric)
}

// cleanMetric drops quotes, which a clause may cut in half, and list
// marks at the ends.
func cleanMetric(m string) string {
	return strings.Trim(strings.Map(func(r rune) rune {
		if strings.ContainsRune("“”\"‘’「」", r) {
			return -1
		}
		return r
	}, m), "、，,；; ")
}

var changeNoise = func() *strings.Replacer {
	var pairs []string
	for _, w := range lexicon.ChangeNoise {
		pairs = append(pairs, w, "")
	}
	return strings.NewReplacer(pairs...)
}()

var changeVerbs = append(append([]string{}, lexicon.ChangeUpWords...), lexicon.ChangeDownWords...)

// changeMetric names what a change measures: its own noun (规上工业增加值
// 增长9.4%), else the level it belongs to (5.3万亿元、增长5.5%), else the
// metric of the figure before it (分别增长5%、3%). A change whose verb
// opens an item of a list (达到5.53万亿元、稳居全国前十强、增长4.8%) has no
// noun of its own: the list's subject is the level's.
func (b *figureBuilder) changeMetric(p *placed, before string) {
	f := p.f
	p.respective = strings.Contains(before, lexicon.RespectiveWord)
	noun := changeNoun(before)
	if i := strings.LastIndex(before, "、"); i >= 0 && p.joined && changeNoun(before[i:]) == "" {
		noun = ""
	}
	p.noun = noun
	switch base := b.levelBase(p); {
	case utf8.RuneCountInString(noun) >= minMetricRunes:
		f.Metric = lastRunes(noun, maxChangeMetric)
	case base != nil:
		f.Metric, f.base, p.bare = base.Metric, base, true
	default:
		f.Metric = b.prevMetric()
	}
}

// changeNoun is the noun of a change read from the words before it,
// without noise (同比, 分别, 年均), the base of a comparison (较“十三五”)
// and the verb.
func changeNoun(before string) string {
	noun := trimWords(cutComparison(changeNoise.Replace(before)), lexicon.MetricLeadWords, lexicon.MetricTrailWords)
	for _, w := range changeVerbs {
		noun = strings.TrimSuffix(noun, w)
	}
	if isTrimWord(noun) {
		return ""
	}
	return noun
}

// levelMetric names what a level measures. A level with no noun of its
// own, or only a word for the total (总额, 总量), right after a change
// is the level that change belongs to (增长5.5%、达到10.3万亿元; 增长8.4%，
// 总额突破8000亿元); else it takes the subject of the clause before it
// (全省进出口总值创历史新高，达到5379亿元), else the metric of the figure
// before it. A count of milestones ends with what it counts (地区生产总值
// 千亿元台阶).
func (b *figureBuilder) levelMetric(p *placed, c candidate, before, after string) string {
	m := trimWords(before, lexicon.MetricLeadWords, lexicon.MetricTrailWords)
	if isVerbOnly(m) {
		m = ""
	}
	p.noun = m
	a := trimWords(after, nil, []string{"的", "等"})
	if isVerbOnly(a) {
		a = "" // 从796元/月提高至: a verb, not what is counted
	}
	if p.f.Milestone {
		a = "" // 5万亿两个台阶: the words after a milestone are the milestone's
	}
	difference := cutComparison(before) != before // 总量比2020年增加超7400亿元
	if a == "" && (m == "" || slices.Contains(lexicon.TotalWords, m)) && !p.f.Milestone && !difference {
		if ch := b.changeBefore(p); ch != nil {
			ch.base = p.f
			return ch.Metric
		}
	}
	switch {
	case m == "" && a == "":
		m = b.subjectBefore(p)
		if m == "" {
			m = b.prevMetric()
		}
	case a != "" && !strings.HasPrefix(a, "的") && utf8.RuneCountInString(a) >= minMetricRunes:
		return lastRunes(m, maxMetricPrefix) + a
	}
	if c.milestoneCount {
		return m + string(b.rs[c.milestoneFrom:c.tailEnd])
	}
	return m
}

// prevMetric is the metric of the figure before the current one; of a
// milestone, the metric it is a milestone of (经济总量, not 经济总量万亿元
// 台阶).
func (b *figureBuilder) prevMetric() string {
	q := b.prevPlaced()
	switch {
	case q == nil:
		return ""
	case q.f.Milestone && q.noun != "":
		return q.noun
	}
	return q.f.Metric
}

// clauseStart returns where the clause holding position i begins: after
// the previous ，；。：etc., or at floor (the previous figure).
func clauseStart(rs []rune, i, floor int) int {
	for k := i - 1; k >= floor; k-- {
		switch rs[k] {
		case '，', ',', '；', ';', '。', '：', ':', '！', '？', '!', '?', '(', '（', ')', '）':
			return k + 1
		}
	}
	return max(floor, 0)
}

func clauseEnd(rs []rune, i int) int {
	for k := i; k < len(rs); k++ {
		switch rs[k] {
		case '，', ',', '；', ';', '。', '：', ':', '！', '？', '!', '?', '(', '（', ')', '）', '、':
			return k
		}
	}
	return len(rs)
}

// trimWords drops lead words from the start and trail words from the end
// of a metric, and a leading year, until none is left; a metric that is
// only such words is "".
func trimWords(s string, lead, trail []string) string {
	for changed := true; changed; {
		changed = false
		s = strings.TrimFunc(s, func(r rune) bool { return isSpace(r) || strings.ContainsRune("、等和与及“”\"", r) })
		for _, w := range lead {
			if strings.HasPrefix(s, w) {
				s, changed = s[len(w):], true
				break
			}
		}
		for _, w := range trail {
			if strings.HasSuffix(s, w) {
				s, changed = s[:len(s)-len(w)], true
				break
			}
		}
		if t, ok := cutLeadingYear(s); ok {
			s, changed = t, true // 2024年新增… → 新增…
		}
		if t, ok := cutTrailingYear(s); ok {
			s, changed = t, true // 人均预期寿命从2020年 → 人均预期寿命从
		}
	}
	return s
}

// cutTrailingYear drops a year (2020年) from the end of s when more
// comes before it, with the word of comparison before it (总量比2020年).
func cutTrailingYear(s string) (string, bool) {
	n := len(s) - 4 - len("年")
	if n <= 0 || !strings.HasSuffix(s, "年") || !allDigitsString(s[n:n+4]) {
		return s, false
	}
	s = s[:n]
	for _, w := range lexicon.ComparisonWords {
		if t, ok := strings.CutSuffix(s, w); ok && t != "" {
			return t, true
		}
	}
	return s, true
}

// cutLeadingYear drops a year (2024年) from the start of s when more
// follows.
func cutLeadingYear(s string) (string, bool) {
	if len(s) <= 4+len("年") || s[4:4+len("年")] != "年" {
		return s, false
	}
	for _, r := range s[:4] {
		if r < '0' || r > '9' {
			return s, false
		}
	}
	return s[4+len("年"):], true
}

func lastRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s)
	return string(rs[len(rs)-n:])
}
