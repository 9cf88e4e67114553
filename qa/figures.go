package qa

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/reportbot/reportbot/lexicon"

	"github.com/reportbot/reportbot/report"
)

// Figure choice weights: a figure is chosen by how much of the question its
// clause covers, then by whether its kind and period are the ones asked.
const (
	kindFitWeight   = 0.3
	periodFitWeight = 0.3
	// boundPenalty lowers a figure stated as a bound (突破, 超过, 近) below
	// one stated as a value.
	boundPenalty = 0.2
	// minWindowCover is the least share of the question's subject that
	// the words naming a figure must cover for the figure to count as the
	// asked quantity.
	minWindowCover = 0.5
	// minWindowCoverEnglish is minWindowCover for English questions,
	// whose words reach the report's through a dictionary.
	minWindowCoverEnglish = 0.3
)

// bestFigure returns the figure of ev's sentence that best answers a
// quantity question, or nil when none is of the asked kind and period.
func (e *Engine) bestFigure(q *Question, ev *evidence) *report.Figure {
	f, _ := e.bestFigureScored(q, ev)
	return f
}

// bestFigureScored is bestFigure with the figure's fit score.
func (e *Engine) bestFigureScored(q *Question, ev *evidence) (*report.Figure, float64) {
	var best *report.Figure
	bestScore := 0.0
	for _, f := range ev.figs {
		s, ok := e.figureFit(q, ev, f)
		if ok && (best == nil || s > bestScore) {
			best, bestScore = f, s
		}
	}
	return best, bestScore
}

// figureFit scores figure f for q; ok is false when f is of the wrong
// kind or period, or when the words around it do not name what the
// question asks about.
func (e *Engine) figureFit(q *Question, ev *evidence, f *report.Figure) (float64, bool) {
	doc := e.docs[ev.doc]
	want := e.wantFor(q, ev.doc)
	if e.figureGate(q, ev, f, want) != "" {
		return 0, false
	}
	win := figureWindow(doc, ev.sent, f, ev.figs)
	cover := e.subjectCoverIn(q, ev.doc, fold(doc.Slice(win)), ev, f)
	if base := baseOf(ev, f); base != nil {
		// A change names its metric through the figure it changes
		// (地区生产总值达到5.53万亿元、…、增长4.8%).
		bw := figureWindow(doc, ev.sent, base, ev.figs)
		cover = max(cover, e.subjectCover(q, ev.doc, fold(doc.Slice(report.Span{Start: bw.Start, End: win.End}))))
	}
	if prev := figureBefore(ev, f); prev != nil && bareShare(doc.Slice(report.Span{Start: win.Start, End: f.Span.Start})) {
		// 无人机产量增长39%、占全国9成: a share names what it is a share
		// of through the figure before it.
		pw := figureWindow(doc, ev.sent, prev, ev.figs)
		cover = max(cover, e.subjectCover(q, ev.doc, fold(doc.Slice(report.Span{Start: pw.Start, End: win.End}))))
	}
	subjectWin := win // the words that name the figure's subject
	total := false
	if prev := figureBefore(ev, f); prev != nil && bareTotal(doc.Slice(win), f.Raw) {
		total = true
		// 新增数字经济企业20家,总计137家: the total counts what the
		// figure before it counts.
		pw := figureWindow(doc, ev.sent, prev, ev.figs)
		subjectWin = report.Span{Start: pw.Start, End: win.End}
		cover = max(cover, e.subjectCover(q, ev.doc, fold(doc.Slice(subjectWin))))
	}
	for _, lead := range leadClauses(doc, ev, win) {
		// A clause without figures before the figure's own often names
		// its subject (完成“瓶改管”任务，累计改造2.8万余户; 社区集体经济
		// 发展稳中向好，…，盈利面提升至75%).
		text := fold(doc.Slice(lead)) + " " + fold(doc.Slice(win))
		cover = max(cover, leadCredit*e.subjectCover(q, ev.doc, text))
	}
	if head := e.headTerm(q, ev.doc); head != nil && ev.cover >= q.minCover() && (head.matchUnmodified(fold(doc.Slice(win)), q.modifierText()) || rateByStem(head, f, fold(doc.Slice(win)))) {
		// The noun the question ends on (…的土地入库率是多少) names the
		// figure, and the sentence holds the rest of the subject.
		cover = max(cover, headCredit)
	}
	if q.Duration && lexicon.IsTimeUnit(f.Unit) && ev.cover >= q.minWindowCover() && durations(ev) == 1 {
		// 平均几天能办完: the sentence covers the question and states one
		// duration, so the duration is what is asked.
		cover = max(cover, q.minWindowCover())
	}
	if cover < q.minWindowCover() || q.anyChange && cover < anyChangeCover {
		return 0, false
	}
	s := cover + primaryFormWeight*e.primaryShare(q, ev.doc, fold(doc.Slice(subjectWin)))
	if want != WantAny {
		s += kindFitWeight
	}
	if lexicon.IncrementRE.MatchString(doc.Slice(report.Span{Start: win.Start, End: f.Span.Start})) && !lexicon.IncrementAskRE.MatchString(strings.ToLower(q.modifierText())) {
		s -= incrementPenalty // 新增运营里程30公里 is not the length of the network
	}
	if q.Unit != "" && !sameUnit(q, f) {
		s -= classifierPenalty // 多少家 asked, 413个 written
	}
	if total && lexicon.StockAskRE.MatchString(strings.ToLower(q.Raw)) && !lexicon.IncrementAskRE.MatchString(strings.ToLower(q.modifierText())) {
		s += stockTotalBonus // how many did it have: 总计137家, not 新增20家
	}
	if lexicon.BoundQualifierRE.MatchString(f.Qualifier) {
		s -= boundPenalty // 突破3万亿元 bounds what 达3.6万亿元 states
	}
	s += e.respectiveFit(q, ev, f) // 城乡…分别增长4.4%、5.8%: 农村 is the second
	if len(q.Years) > 0 {
		s += periodFitWeight
	}
	return s, true
}

// figureGate names the first rule by which f cannot answer q, or "" when
// none rules it out.
func (e *Engine) figureGate(q *Question, ev *evidence, f *report.Figure, want Want) string {
	doc := e.docs[ev.doc]
	switch {
	case q.states(f):
		return "the question states it"
	case !q.FromTo && startValue(doc, f):
		return "start of a from-to pair"
	case !kindFits(want, f):
		return "kind"
	case !e.periodFits(q, ev.doc, f):
		return "period"
	case !changeFits(q, doc, f):
		return "change"
	case !unitFits(q, f):
		return "unit"
	case !rateFits(q, f):
		return "rate"
	case !durationFits(q, f):
		return "duration"
	case q.Average && q.Change && !averaged(doc, ev, f):
		return "not an average" // 比重提升1.5个百分点 is no 年均增长
	case milestoneFollows(doc, f):
		return "milestone"
	case e.derivedMeasure(q, ev, f):
		return "another measure" // 工业增加值 asked, 单位增加值能耗下降2.4% stated
	case e.otherHeadline(q, ev, f):
		return "another headline metric" // 居民消费价格 asked, 地区生产总值增长7% stated
	case e.placeNamedAfter(q, ev, f):
		return "another place's" // 张家界 asked: 接待入境游客240万人次，张家界入境游客增长32.5%
	case e.oneOfListed(q, ev, f):
		return "one listed subject's" // 重大项目投资 asked: 交通、水利、能源领域投资额分别达2400亿元…
	}
	return ""
}

// placeNamedAfter reports whether a place q asks about, other than the
// report's own region, is named in f's sentence only after f: the
// sentence gives f for the whole region and the place's own figure later.
func (e *Engine) placeNamedAfter(q *Question, ev *evidence, f *report.Figure) bool {
	doc := e.docs[ev.doc]
	before := fold(doc.Slice(report.Span{Start: ev.sent.Span.Start, End: f.Span.End}))
	after := fold(doc.Slice(report.Span{Start: f.Span.End, End: ev.sent.Span.End}))
	for _, p := range q.Places {
		fp := fold(p)
		if !strings.Contains(e.scope[ev.doc], fp) && strings.Contains(after, fp) && !strings.Contains(before, fp) {
			return true
		}
	}
	return false
}

// wordsBefore returns the words of f's window before it: what names it.
func (e *Engine) wordsBefore(ev *evidence, f *report.Figure) string {
	doc := e.docs[ev.doc]
	win := figureWindow(doc, ev.sent, f, ev.figs)
	return doc.Slice(report.Span{Start: win.Start, End: f.Span.Start})
}

// derivedMeasure reports whether the words that name f end in a measure
// derived from the asked one (单位增加值能耗, 排放强度, 比重) that the
// question does not ask.
func (e *Engine) derivedMeasure(q *Question, ev *evidence, f *report.Figure) bool {
	if q.Lang != Chinese || q.Rate {
		return false // an English question's words are renderings; a share asked is a ratio
	}
	before := e.wordsBefore(ev, f)
	before = lexicon.MeasureTailRE.ReplaceAllString(before, "") // 能耗下降2.4%: the measure before the verb
	for _, w := range lexicon.DerivedMeasureWords {
		if strings.HasSuffix(before, w) && !q.mentions(w) {
			return true
		}
	}
	return false
}

// otherHeadline reports whether the question asks one headline metric
// (居民消费价格) and the words right before f name another (地区生产总值
// 增长7%以上) but not the asked one.
func (e *Engine) otherHeadline(q *Question, ev *evidence, f *report.Figure) bool {
	var asked []string
	for _, m := range lexicon.HeadlineMetrics {
		if q.mentions(m) {
			asked = append(asked, m)
		}
	}
	if len(asked) == 0 {
		return false
	}
	before := e.wordsBefore(ev, f)
	for _, m := range asked {
		if strings.Contains(before, m) {
			return false
		}
	}
	for _, m := range lexicon.HeadlineMetrics {
		if strings.Contains(before, m) {
			return true
		}
	}
	return false
}

// mentions reports whether the question writes w or has a term rendered
// by a form holding it (intensity → 强度).
func (q *Question) mentions(w string) bool {
	if strings.Contains(q.Raw, w) {
		return true
	}
	for _, t := range q.Terms {
		for _, f := range t.Forms {
			if strings.Contains(f, w) {
				return true
			}
		}
	}
	return false
}

// rateByStem reports whether a rate the question ends on (入库率) is stated
// as a percentage of its stem (100%入库): the figure is that rate.
func rateByStem(head *Term, f *report.Figure, window string) bool {
	stem, ok := strings.CutSuffix(head.Text, lexicon.RateSuffix)
	return ok && f.Unit == "%" && utf8.RuneCountInString(stem) >= minRateStem && strings.Contains(window, fold(stem))
}

// minRateStem is the shortest stem a rate is found by.
const minRateStem = 2

// figureBefore returns the figure of ev's sentence just before f, or nil.
func figureBefore(ev *evidence, f *report.Figure) *report.Figure {
	var prev *report.Figure
	for _, g := range ev.figs {
		if g.Span.End <= f.Span.Start && (prev == nil || g.Span.Start > prev.Span.Start) {
			prev = g
		}
	}
	return prev
}

// bareShare reports whether the words before a figure only say it is a
// share (占全国, 占比): what it is a share of is named before them.
func bareShare(before string) bool {
	before = strings.TrimLeft(before, "、，, ")
	return strings.HasPrefix(before, lexicon.ShareLead) && hanCount(before) <= maxBareShareRunes
}

// maxBareShareRunes bounds the words of a bare share (占全国, 占全省比重).
const maxBareShareRunes = 6

// bareTotal reports whether a figure's window says nothing but that the
// figure is a total (总计137家, 累计达543家): its subject is the one before.
func bareTotal(window, raw string) bool {
	rest := strings.Trim(strings.Replace(window, raw, "", 1), " ，,、")
	return rest != "" && lexicon.TotalWordRE.MatchString(rest)
}

// relativeYears are the years of report d that 去年 and 今年 in q name:
// the year it reviews and the year it plans.
func (e *Engine) relativeYears(q *Question, d int) []int {
	doc := e.docs[d]
	switch {
	case q.LastYear && !q.ThisYear && doc.ReviewYear > 0:
		return []int{doc.ReviewYear}
	case q.ThisYear && !q.LastYear && doc.Year > 0:
		return []int{doc.Year}
	}
	return nil
}

// averaged reports whether the words before f in its clause make it an
// average (年均增长5.2%, 平均每年).
func averaged(doc *report.Report, ev *evidence, f *report.Figure) bool {
	clause := clauseAround(doc, ev.sent, f.Span)
	before := doc.Slice(report.Span{Start: clause.Start, End: f.Span.Start})
	return strings.Contains(before, lexicon.AverageWord) || strings.Contains(before, "平均")
}

// unitFits reports whether a figure is in the unit the question asks
// (多少亿元 wants 亿元; 几个 wants a count in 个; how many companies a
// count).
func unitFits(q *Question, f *report.Figure) bool {
	if q.Unit == "" && !q.Change && lexicon.MoneyAskRE.MatchString(strings.ToLower(q.Raw)) && !lexicon.IsMoneyUnit(f.Unit) && f.Unit != "%" {
		return false // 总投资额 is an amount of money, not 71.37公顷
	}
	if q.Unit == "" {
		return !q.Things || isCount(f)
	}
	if q.Lang == English && (q.Unit == lexicon.PeopleUnit || q.Unit == lexicon.HouseholdUnit) && !sameUnit(q, f) {
		return false // how many people: not 14场 of events
	}
	return sameUnit(q, f) || isClassifier(q.Unit) && isClassifier(strings.TrimLeft(f.UnitAsWritten, countScales))
}

// sameUnit reports whether f is written in the unit q asks.
func sameUnit(q *Question, f *report.Figure) bool {
	return strings.Contains(f.UnitAsWritten, q.Unit) || strings.Contains(q.Unit, f.UnitAsWritten) && f.UnitAsWritten != ""
}

// isClassifier reports whether u is one count classifier (个, 家, 所):
// people ask 多少家 of what a report counts in 个.
func isClassifier(u string) bool {
	return utf8.RuneCountInString(u) == 1 && strings.Contains(lexicon.CountClassifiers, u)
}

// isCount reports whether a figure counts things: no unit, or a unit made
// of count classifiers (家, 个, 人次).
func isCount(f *report.Figure) bool {
	for _, r := range f.UnitAsWritten {
		if !strings.ContainsRune(lexicon.CountUnits, r) && !strings.ContainsRune(countScales, r) {
			return false
		}
	}
	return true
}

// countScales are the scale characters a count's unit may hold (万人).
const countScales = "十百千万亿"

// baseOf returns the figure of ev's sentence that change f belongs to, or
// nil.
func baseOf(ev *evidence, f *report.Figure) *report.Figure {
	if f.ChangeOf == "" {
		return nil
	}
	for _, g := range ev.figs {
		if g.ID == f.ChangeOf {
			return g
		}
	}
	return nil
}

// milestoneFollows reports whether a figure is a milestone crossed (迈上
// 5万亿台阶, 3个万亿元大关) rather than a value: the words after it say so.
func milestoneFollows(doc *report.Report, f *report.Figure) bool {
	if f.Milestone {
		return true
	}
	after := doc.Slice(report.Span{Start: f.Span.End, End: min(f.Span.End+milestoneLookAhead, doc.RuneLen())})
	return lexicon.MilestoneRE.MatchString(after)
}

// milestoneLookAhead is how many code points after a figure are read for
// a milestone word.
const milestoneLookAhead = 6

// states reports whether the question itself gives f's number (810个省重
// 点项目完成了多少投资): a figure the asker already has names the subject;
// it is not the answer.
func (q *Question) states(f *report.Figure) bool {
	num := leadingNumber(f.Raw)
	if num == "" || q.YesNo {
		return false
	}
	for from := 0; ; {
		i := strings.Index(q.Raw[from:], num)
		if i < 0 {
			return false
		}
		at := from + i
		end := at + len(num)
		if !digitAt(q.Raw, at-1) && !digitAt(q.Raw, end) && !ordinalAt(q.Raw, at, end) {
			return true
		}
		from = end
	}
}

// ordinalAt reports whether the number s[at:end] is an ordinal (the 14th
// Five-Year Plan, 第14届), which states no quantity.
func ordinalAt(s string, at, end int) bool {
	rest := strings.ToLower(s[end:])
	for _, suf := range []string{"th", "st", "nd", "rd"} {
		if strings.HasPrefix(rest, suf) {
			return true
		}
	}
	return strings.HasSuffix(s[:at], "第")
}

// leadingNumber is the Arabic number a figure opens with (810 of 810个),
// or "" for one written in words.
func leadingNumber(raw string) string {
	i := 0
	for i < len(raw) && (raw[i] >= '0' && raw[i] <= '9' || raw[i] == '.' && i > 0) {
		i++
	}
	return strings.TrimSuffix(raw[:i], ".")
}

// digitAt reports whether s has a digit or a decimal point at byte i.
func digitAt(s string, i int) bool {
	return i >= 0 && i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.')
}

// elided reports whether the figure's words hold the head of a compound
// term whose modifier its sentence or headings give (单产…居粮食主产省，
// 总产量达到853.2亿斤 for 粮食总产量): reports drop a modifier the
// context has just stated.
func (e *Engine) elided(t *Term, text string, ev *evidence) bool {
	if !isHan(t.Text) || utf8.RuneCountInString(t.Text) < minElidedTerm {
		return false
	}
	around := ev.text + " " + e.foldedHeadings(ev.doc, ev.sent)
	if p := e.previousSentence(ev.sent); p != nil {
		around += " " + e.foldedSentence(ev.doc, p)
	}
	return elidedIn(t, text, around)
}

// elidedIn reports whether text holds the head of t and around its
// modifier.
func elidedIn(t *Term, text, around string) bool {
	rs := []rune(t.Text)
	if !isHan(t.Text) || len(rs) < minElidedTerm {
		return false
	}
	for cut := 1; len(rs)-cut >= minElidedHead; cut++ {
		head, modifier := fold(string(rs[cut:])), fold(string(rs[:cut]))
		if standsBare(text, head) && strings.Contains(around, modifier) {
			return true
		}
	}
	return false
}

// standsBare reports whether head occurs in text with no Han character
// before it (，总产量达到…): a head with another modifier (农业总产值,
// 人均生产总值) is another metric.
func standsBare(text, head string) bool {
	for from := 0; ; {
		i := strings.Index(text[from:], head)
		if i < 0 {
			return false
		}
		at := from + i
		if r, _ := utf8.DecodeLastRuneInString(text[:at]); at == 0 || !unicode.Is(unicode.Han, r) {
			return true
		}
		from = at + len(head)
	}
}

// The shortest compound whose modifier may be elided, and the shortest
// head left (粮食总产量 → 总产量).
const (
	minElidedTerm = 4
	minElidedHead = 3
)

// startValue reports whether f is the start of a from-to pair (高铁里程由
// 2110公里增至3055公里): the level a question asks is the end, unless it
// asks for both.
func startValue(doc *report.Report, f *report.Figure) bool {
	before := doc.Slice(report.Span{Start: max(0, f.Span.Start-fromLookBehind), End: f.Span.Start})
	if !lexicon.FromWordRE.MatchString(before) {
		return false
	}
	after := doc.Slice(report.Span{Start: f.Span.End, End: min(doc.RuneLen(), f.Span.End+toLookAhead)})
	return lexicon.ToWordRE.MatchString(after)
}

// How far before and after a figure the words of a from-to pair are read.
const (
	fromLookBehind = 2
	toLookAhead    = 4
)

// incrementPenalty sets back a figure its words call an increment (新增,
// 净增) when the question asks for a level.
const incrementPenalty = 0.1

// stockTotalBonus favours the total written after an increment (新增20家，
// 总计137家) when the question asks how many there are in all.
const stockTotalBonus = 0.25

// classifierPenalty sets back a count in another classifier than the one
// the question asks (多少家 of 413个): the same things, counted otherwise,
// but a count in the asked one is likelier what is meant.
const classifierPenalty = 0.1

// primaryFormWeight breaks ties between figures that cover a question
// alike in favour of the one whose words use each term's first form (外贸
// for foreign trade) over a variant (进出口, which 对东盟进出口 also has).
const primaryFormWeight = 0.1

// primaryShare is the weighted share of q's subject terms whose first form
// the text holds.
func (e *Engine) primaryShare(q *Question, d int, text string) float64 {
	total, got := 0.0, 0.0
	for _, t := range q.Terms {
		if t.Ask || t.Inherited || e.inScope(d, t) || len(t.folded) == 0 {
			continue
		}
		total += t.Weight
		if strings.Contains(text, t.folded[0]) {
			got += t.Weight
		}
	}
	if total == 0 {
		return 0
	}
	return got / total
}

// matchByUnit reports whether text holds a form of t without the measure
// noun that ends it, where unit implies that noun (高速公路 of 高速公路里程
// before a figure in 公里).
func (t *Term) matchByUnit(text, unit string) bool {
	for i, f := range t.Forms {
		for _, m := range lexicon.MeasuresOf(unit) {
			head := strings.TrimSuffix(f, m)
			if head == f || utf8.RuneCountInString(head) < minMeasuredHead || i >= len(t.folded) {
				continue
			}
			if strings.Contains(text, fold(head)) {
				return true
			}
		}
	}
	return false
}

// minMeasuredHead is the shortest form left once its measure noun is cut.
const minMeasuredHead = 2

// sentenceCredit is how much a term counts for a figure when its sentence
// holds it outside the figure's own words (开通3条地铁新线、…，总里程达
// 909公里).
const sentenceCredit = 0.5

// anyChangeCover is the cover a rate of change needs to answer a question
// that asked a level (see [Engine.decideFigure]): its words must name the
// whole subject (居民消费价格涨幅2%左右 for a CPI target), not most of it
// (一般公共预算收入 for 一般公共预算支出).
const anyChangeCover = 0.8

// headCredit is the cover a figure gets when its words hold the noun a
// Chinese question ends on and its sentence covers the question.
const headCredit = 0.6

// headTerm is the last subject term of a Chinese question (the measured
// noun: 入库率 of 观湖北…项目的土地入库率是多少), or nil.
func (e *Engine) headTerm(q *Question, d int) *Term {
	if q.Lang != Chinese {
		return nil
	}
	for i := len(q.Terms) - 1; i >= 0; i-- {
		t := q.Terms[i]
		if t.Ask || t.Inherited || t.Single || e.inScope(d, t) {
			continue
		}
		if utf8.RuneCountInString(t.Text) >= minHeadRunes {
			return t
		}
		return nil
	}
	return nil
}

// minHeadRunes is the shortest head noun trusted to name a figure.
const minHeadRunes = 3

// leadCredit is how much a figure's cover counts when it needs the lead
// clause before its own.
const leadCredit = 0.9

// leadClauses returns the clauses that may name a figure's subject: the
// clause just before its window and the sentence's first clause, when
// they hold no figure of their own.
func leadClauses(doc *report.Report, ev *evidence, win report.Span) []report.Span {
	var out []report.Span
	if win.Start-2 >= ev.sent.Span.Start {
		out = append(out, clauseAround(doc, ev.sent, report.Span{Start: win.Start - 2, End: win.Start - 1}))
	}
	first := clauseAround(doc, ev.sent, report.Span{Start: ev.sent.Span.Start, End: ev.sent.Span.Start + 1})
	if first.End < win.Start && (len(out) == 0 || first != out[0]) {
		out = append(out, first)
	}
	kept := out[:0]
	for _, c := range out {
		if !holdsFigure(doc, ev, c) {
			kept = append(kept, c)
		}
	}
	if strings.HasPrefix(doc.Slice(win), lexicon.ShareLead) {
		// A share says what it is a share of in the sentence's subject
		// (新能源装机…达到9048万千瓦，占比55.1%): the words before
		// the sentence's first figure.
		if lead := subjectBeforeFigures(ev); lead.Len() > 0 {
			kept = append(kept, lead)
		}
	}
	return kept
}

// subjectBeforeFigures is the span of the sentence before its first
// figure.
func subjectBeforeFigures(ev *evidence) report.Span {
	end := ev.sent.Span.End
	for _, g := range ev.figs {
		end = min(end, g.Span.Start)
	}
	return report.Span{Start: ev.sent.Span.Start, End: end}
}

// holdsFigure reports whether span holds a figure that is a value (a
// milestone crossed, 跨越5000亿元大关, does not count).
func holdsFigure(doc *report.Report, ev *evidence, span report.Span) bool {
	for _, g := range ev.figs {
		if span.Contains(g.Span) && !milestoneFollows(doc, g) {
			return true
		}
	}
	return false
}

// durationFits reports whether a figure that is a length of time (连续9年,
// 0.95天) may answer q: only when q asks how long.
func durationFits(q *Question, f *report.Figure) bool {
	if !lexicon.IsTimeUnit(f.Unit) {
		return true
	}
	return q.Duration
}

// rateFits reports whether a figure that is a ratio of its own (入库率
// 83.9%, 占比13.6%) may answer q: only when q asks for a rate, share or
// percentage, and a question asking one takes only ratios.
func rateFits(q *Question, f *report.Figure) bool {
	if q.Change || q.anyChange {
		return true // a rate of change is checked by changeFits
	}
	if lexicon.CoverageAskRE.MatchString(strings.ToLower(q.Raw)) {
		return true // 覆盖了多少社区: a count (120个) or a share (九成)
	}
	isRatio := f.Rate || f.Unit == "%"
	return isRatio == q.Rate
}

// changeFits reports whether a figure is the kind of number asked: a
// growth or decline rate for a change question, a level otherwise.
func changeFits(q *Question, doc *report.Report, f *report.Figure) bool {
	if q.FromTo || q.anyChange {
		return true
	}
	if q.Change && !q.Rate && isAbsoluteIncrease(doc, f) {
		return true // 增量39.7亿斤 answers by how much output grew
	}
	return q.Change == isRateOfChange(doc, f)
}

// isAbsoluteIncrease reports whether f, a level, is the amount by which
// something grew: an increment word stands right before it (增量39.7亿斤,
// 净增1.2万户).
func isAbsoluteIncrease(doc *report.Report, f *report.Figure) bool {
	if f.Kind == report.Change || f.Unit == "%" || f.Sentence == nil {
		return false
	}
	from := max(f.Sentence.Span.Start, f.Span.Start-changeLookBehind)
	if lexicon.IncreaseBeforeRE.MatchString(doc.Slice(report.Span{Start: from, End: f.Span.Start})) {
		return true
	}
	// 新增小初学位1480个、高中学位600个: an increment verb that opens the
	// clause governs every figure of it.
	clause := clauseAround(doc, f.Sentence, f.Span)
	return lexicon.IncrementOpensRE.MatchString(doc.Slice(report.Span{Start: clause.Start, End: f.Span.Start}))
}

// isRateOfChange reports whether f is a growth or decline rate: a change,
// or a target stated as one (地区生产总值增长5%左右).
func isRateOfChange(doc *report.Report, f *report.Figure) bool {
	if f.Kind == report.Change {
		return true
	}
	if f.Kind != report.Target || f.Sentence == nil || f.Unit != "%" {
		return false
	}
	from := max(f.Sentence.Span.Start, f.Span.Start-changeLookBehind)
	return lexicon.ChangeBeforeRE.MatchString(doc.Slice(report.Span{Start: from, End: f.Span.Start}))
}

// changeLookBehind is how many code points before a target are read for
// the change word that makes it a rate of change.
const changeLookBehind = 6

// figureWindow is the text that names what a figure measures: its clause,
// cut after the previous figure of the clause when words stand between
// them (…总额增长9.4%，一般公共预算收入增长3%), so one figure does not take
// another's metric.
func figureWindow(doc *report.Report, s *report.Sentence, f *report.Figure, figs []*report.Figure) report.Span {
	w := clauseAround(doc, s, f.Span)
	clauseEnd := w.End
	w.End = f.Span.End
	for _, g := range figs {
		switch {
		case g == f:
		case milestoneFollows(doc, g):
			// A milestone crossed (迈上4个万亿元台阶) belongs to the
			// metric that follows it; it does not end one.
		case g.Span.End <= f.Span.Start && g.Span.End > w.Start:
			between := doc.Slice(report.Span{Start: g.Span.End, End: f.Span.Start})
			between = lexicon.LinkWordsRE.ReplaceAllString(lexicon.ChangeWordsRE.ReplaceAllString(between, ""), "")
			if hanCount(between) >= minMetricChars {
				w.Start = g.Span.End
			}
		case g.Span.Start >= f.Span.End && g.Span.Start < clauseEnd && g.Span.Start > w.End:
			clauseEnd = g.Span.Start
		}
	}
	// The noun a number counts often follows it (62枚金牌): the window
	// runs on to the next figure or the clause's end.
	w.End = clauseEnd
	return w
}

// minMetricChars is how many Han characters between two figures make a
// metric of their own.
const minMetricChars = 2

func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

// subjectCover is the weighted share of q's subject terms (not ask words,
// not names of report d itself) that text covers; 1 when q has none.
func (e *Engine) subjectCover(q *Question, d int, text string) float64 {
	return e.subjectCoverIn(q, d, text, nil, nil)
}

// subjectCoverIn is subjectCover where a term missing from text but
// absent from ev's sentence and found in its headings or the sentence
// before counts for part of its weight: the context names the actor
// (纪检监察… in the sentence before 立案审查调查40件). A term elsewhere in
// the sentence gets nothing: it belongs to another figure.
func (e *Engine) subjectCoverIn(q *Question, d int, text string, ev *evidence, f *report.Figure) float64 {
	total, own, heading, near := 0.0, 0.0, 0.0, 0.0
	asked := q.modifierText()
	for _, t := range q.Terms {
		if t.Ask || t.Inherited || e.inScope(d, t) {
			continue
		}
		total += t.Weight
		switch {
		case t.matchUnmodified(text, asked):
			own += t.Weight // whole forms only: metrics share bigrams
		case f != nil && t.matchByUnit(text, f.Unit):
			own += t.Weight // 高速公路由7473公里: the unit says 里程
		case ev == nil:
		case e.elided(t, text, ev):
			own += t.Weight
		case t.match(ev.text) >= 1:
			near += t.Weight * sentenceCredit
		default:
			h, p := e.contextMatch(d, ev.sent, t)
			heading += t.Weight * h
			near += t.Weight * p
		}
	}
	if total == 0 {
		return 1
	}
	if own == 0 {
		// The sentence completes a subject the figure's words begin; it
		// does not give one to words that name something else (居民消费
		// 价格涨幅2%左右；粮食产量615亿斤左右).
		near = 0
	}
	return (own + heading + near) / total
}

// contextMatch is the credit a term gets from the context of sentence s:
// contextCredit from its headings, or else prevCredit from the sentence
// before.
func (e *Engine) contextMatch(d int, s *report.Sentence, t *Term) (heading, prev float64) {
	if t.matchClose(e.foldedHeadings(d, s)) {
		return contextCredit, 0
	}
	if p := e.previousSentence(s); p != nil && t.matchClose(e.foldedSentence(d, p)) {
		return 0, prevCredit
	}
	return 0, 0
}

// kindFits reports whether a figure may answer a question that wants a
// result or a target. Changes fit both: they are rates of either.
func kindFits(want Want, f *report.Figure) bool {
	switch want {
	case WantTarget:
		return f.Kind == report.Target || f.Kind == report.Change && isFuture(f)
	case WantResult:
		return f.Kind != report.Target
	}
	return true
}

// isFuture reports whether a change belongs to a target (its period is a
// planned year, or its base figure is a target).
func isFuture(f *report.Figure) bool {
	if f.Sentence != nil && f.Sentence.Paragraph != nil && f.Sentence.Paragraph.Part != nil {
		k := f.Sentence.Paragraph.Part.Kind
		return k == report.PartPlan || k == partFiveYear
	}
	return false
}

// periodFits reports whether a figure's period agrees with the years the
// question names. A figure with no period fits any year its part covers.
func (e *Engine) periodFits(q *Question, d int, f *report.Figure) bool {
	if q.FromTo {
		return true // a start and an end: the years of both ends
	}
	lo, hi, ok := periodRange(f.Period)
	if ok && hi == lo && e.overYears(d, f) {
		lo = hi - fiveYears + 1 // 5年增长18.7%: a change over years, not in one
	}
	if f.Period == periodCumulative && e.annualTotal(d, f) {
		// A running total of an annual review is the stock at the end of
		// the reviewed year (累计改造2.8万余户 by the end of 2023).
		lo, hi, ok = e.docs[d].ReviewYear, e.docs[d].ReviewYear, true
	}
	isSpan := ok && hi > lo || !ok && inFiveYearPart(f) || !ok && f.Period == periodCumulative
	if isSpan && ok && !q.Average && len(q.Years) > 0 && (e.reachedLevel(d, f) || e.bareLevel(d, f)) {
		// A level stated for a period is the level at its end (“十四五”
		// 末地区生产总值达到14.2万亿元 is the 2025 level).
		isSpan, lo = false, hi
	}
	if q.Average && !isSpan {
		return false // an annual average is a figure of a period
	}
	if q.YearSpan[0] > 0 {
		return ok && lo >= q.YearSpan[0] && hi <= q.YearSpan[1] && (hi > lo || q.YearSpan[0] == q.YearSpan[1]) || !ok && isSpan
	}
	if q.NextFive || q.PastFive {
		return e.inFiveYears(q, d, f, lo, hi, ok)
	}
	years := q.Years
	if len(years) == 0 {
		years = e.relativeYears(q, d) // 去年: the year the report reviews
	}
	if len(years) == 0 {
		return true
	}
	if isSpan && !q.Average {
		return false // a five-year figure is never a year's figure
	}
	if !ok {
		return true
	}
	for _, y := range years {
		if y >= lo && y <= hi {
			return true
		}
	}
	return false
}

// inFiveYears reports whether a figure belongs to the five-year period a
// question names: the one a report plans (十五五, its planned year and the
// four after) or the one it reviews (十四五, its reviewed year and the four
// before). A figure without a period belongs to its part's period.
func (e *Engine) inFiveYears(q *Question, d int, f *report.Figure, lo, hi int, ok bool) bool {
	doc := e.docs[d]
	from, to := doc.Year, doc.Year+fiveYears-1
	if q.PastFive {
		from, to = doc.ReviewYear-fiveYears+1, doc.ReviewYear
	}
	if !ok || doc.Year == 0 {
		if q.NextFive {
			return inFiveYearPart(f) || f.Kind == report.Target
		}
		return !inFiveYearPart(f) && f.Kind != report.Target
	}
	if lo == hi && lexicon.WholePeriodRE.MatchString(strings.ToLower(q.Raw)) {
		return false // over the whole period: a figure of the five years, not of one
	}
	if q.NextFive && lo == hi && lo == doc.Year && f.Sentence != nil && lexicon.ThisYearRE.MatchString(doc.Slice(report.Span{Start: f.Sentence.Span.Start, End: f.Span.Start})) {
		return false // 今年…预期目标: the planned year's own target is no goal of the five years
	}
	return lo >= from && hi <= to
}

// overYears reports whether a change is stated over several years (5年
// 增长18.7%, 三年提升21个百分点).
func (e *Engine) overYears(d int, f *report.Figure) bool {
	if f.Kind != report.Change || f.Sentence == nil {
		return false
	}
	from := max(f.Sentence.Span.Start, f.Span.Start-changeLookBehind)
	return lexicon.OverYearsRE.MatchString(e.docs[d].Slice(report.Span{Start: from, End: f.Span.Start}))
}

// annualTotal reports whether a cumulative figure stands in an annual
// review: a review part, in a paragraph that does not speak of five years.
func (e *Engine) annualTotal(d int, f *report.Figure) bool {
	s := f.Sentence
	if s == nil || s.Paragraph == nil || s.Paragraph.Part == nil || s.Paragraph.Part.Kind != report.PartReview {
		return false
	}
	return !lexicon.FiveYearPastRE.MatchString(e.docs[d].Slice(s.Paragraph.Span)) && !lexicon.FiveYearPastRE.MatchString(s.Paragraph.Part.Title)
}

// periodCumulative is the period of a running total (累计): a span, never
// one year's figure.
const periodCumulative = "cumulative"

// fiveYears is the length of a five-year plan period.
const fiveYears = 5

// reachedLevel reports whether f is a level said to be reached (达到,
// 突破…), not a rate of change or a goal.
func (e *Engine) reachedLevel(d int, f *report.Figure) bool {
	doc := e.docs[d]
	if isRateOfChange(doc, f) || f.Sentence == nil {
		return false
	}
	if f.Reached && f.Kind != report.Target {
		return true
	}
	// A goal for a plan's years said to be reached (常住人口城镇化率达到
	// 69%) is the level at their end, 2030; 累计 goals are not.
	from := max(f.Sentence.Span.Start, f.Span.Start-changeLookBehind)
	return lexicon.ReachedRE.MatchString(doc.Slice(report.Span{Start: from, End: f.Span.Start}))
}

// bareLevel reports whether f is a level stated with no verb of flow or
// sum before it in its clause (综合实力稳步提升。生产总值6.66万亿元): in a
// review of five years it is the level at their end, as a reached level is.
func (e *Engine) bareLevel(d int, f *report.Figure) bool {
	doc := e.docs[d]
	if f.Kind != report.Actual || f.Unit == "%" || f.Rate || isRateOfChange(doc, f) || f.Sentence == nil {
		return false
	}
	if next := doc.Slice(report.Span{Start: f.Span.End, End: min(doc.RuneLen(), f.Span.End+1)}); next == "的" {
		return false // 经济总量超500亿元的县域: a threshold, not a level
	}
	cs := clauseStartOf(doc, f)
	return !lexicon.FlowWordRE.MatchString(doc.Slice(report.Span{Start: cs, End: f.Span.Start}))
}

// clauseStartOf is the code-point offset where f's clause starts.
func clauseStartOf(doc *report.Report, f *report.Figure) int {
	rs := []rune(doc.Slice(report.Span{Start: f.Sentence.Span.Start, End: f.Span.Start}))
	for i := len(rs) - 1; i >= 0; i-- {
		if isClauseMark(rs[i]) || rs[i] == '、' {
			return f.Sentence.Span.Start + i + 1
		}
	}
	return f.Sentence.Span.Start
}

// inFiveYearPart reports whether f stands in a part about a five-year
// period, where a figure without its own period belongs to the period.
func inFiveYearPart(f *report.Figure) bool {
	s := f.Sentence
	return s != nil && s.Paragraph != nil && s.Paragraph.Part != nil && s.Paragraph.Part.Kind == partFiveYear
}

// periodRange reads a figure's period: "2025", "2021-2025". cumulative
// and empty periods are not ranges.
func periodRange(p string) (lo, hi int, ok bool) {
	a, b, isRange := strings.Cut(p, "-")
	lo, err := strconv.Atoi(a)
	if err != nil {
		return 0, 0, false
	}
	hi = lo
	if isRange {
		if hi, err = strconv.Atoi(b); err != nil {
			return 0, 0, false
		}
	}
	return lo, hi, true
}

// clauseAround returns the clause of sentence s that holds span: the text
// between the clause marks (，；：、 are not all marks: 、 joins list items)
// around it, within the sentence.
func clauseAround(doc *report.Report, s *report.Sentence, span report.Span) report.Span {
	text := []rune(doc.Slice(s.Span))
	from, to := span.Start-s.Span.Start, span.End-s.Span.Start
	for from > 0 && !isClauseMark(text[from-1]) {
		from--
	}
	for to < len(text) && !isClauseMark(text[to]) {
		to++
	}
	return report.Span{Start: s.Span.Start + from, End: s.Span.Start + to}
}

func isClauseMark(r rune) bool {
	switch r {
	case '，', ',', '；', ';', '：', ':', '。', '！', '？', '!', '?':
		return true
	}
	return false
}

// termCover is the weighted share of terms a text covers.
func termCover(terms []*Term, text string) float64 {
	total, got := 0.0, 0.0
	for _, t := range terms {
		total += t.Weight
		got += t.Weight * t.match(text)
	}
	if total == 0 {
		return 0
	}
	return got / total
}

// minWindowCover is the cover the words around a figure must reach.
func (q *Question) minWindowCover() float64 {
	if q.Lang == English {
		return minWindowCoverEnglish
	}
	return minWindowCover
}
