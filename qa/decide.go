package qa

import (
	"regexp"
	"slices"

	"github.com/reportbot/reportbot/lexicon"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/reportbot/reportbot/report"
)

// Answerability thresholds.
const (
	// minCover is the least weighted share of a question's terms that the
	// best evidence must cover for the question to count as answered.
	minCover = 0.5
	// minCoverEnglish is minCover for English questions: a dictionary
	// renders some of their words into Chinese the report does not use.
	minCoverEnglish = 0.45
	// figureSearchDepth is how many of the best sentences are tried for a
	// figure of the asked kind and period.
	figureSearchDepth = 8
	// nearBest is how far below the best score another sentence may be
	// and still be tried for a figure.
	nearBest = 0.25
)

// verdict is the decision on a question: the evidence to answer from, or
// the reason there is none.
type verdict struct {
	ok     bool
	reason Reason
	detail string
	best   *evidence
	fig    *report.Figure
	// gapFrom names the period fig is a difference from (2024, “十三五”)
	// when it answers how another figure compares with that period.
	gapFrom string
	// siblings are other passages as good as best that a list question's
	// answer quotes too: a list the report spreads over sentences.
	siblings []*evidence
}

var dateRE = regexp.MustCompile(`(19|20)\d{2}\s*年|\d{1,2}\s*月|\d{1,2}\s*日|[一二三四五六七八九十]+月|年底|年内|年初|上半年|下半年|季度`)

// decide says whether the evidence answers q, for the reports docs.
func (e *Engine) decide(q *Question, docs []int, evs []*evidence) verdict {
	if q.Injection {
		return verdict{reason: Injection}
	}
	if p := e.missingPlace(q, docs); p != "" {
		return verdict{reason: OtherPlace, detail: p}
	}
	if y := e.missingYear(q, docs); y != "" {
		return verdict{reason: OtherYear, detail: y}
	}
	evs = e.withRequired(q, evs)
	if len(evs) == 0 || evs[0].cover < q.coverBar(evs[0]) || q.absentOfficial() {
		return verdict{reason: NotStated}
	}
	best := evs[0]
	if q.Quantity && !q.List {
		return e.decideFigure(q, evs)
	}
	if q.When && !dateRE.MatchString(best.text) {
		return verdict{reason: NoDate}
	}
	if q.Rank {
		return e.decideRank(q, evs)
	}
	best = e.periodBest(q, evs)
	return verdict{ok: true, best: best, siblings: listSiblings(q, best, evs)}
}

// listSiblings returns, for a list question, the passages nearly as good
// as best that are about the same thing (轨道22号线…, 轨道17号线…): at most
// maxSiblings, in the part best is in.
func listSiblings(q *Question, best *evidence, evs []*evidence) []*evidence {
	if !q.List {
		return nil
	}
	var out []*evidence
	for _, ev := range evs {
		if len(out) == maxSiblings || ev.score < best.score*siblingScore {
			break
		}
		if ev == best || ev.doc != best.doc || ev.cover < best.cover-siblingCoverSlack || partOf(ev) != partOf(best) {
			continue
		}
		out = append(out, ev)
	}
	return out
}

// partOf is the part a passage's sentence is in, or nil.
func partOf(ev *evidence) any {
	if ev.sent == nil || ev.sent.Paragraph == nil || ev.sent.Paragraph.Part == nil {
		return nil
	}
	return ev.sent.Paragraph.Part
}

// Bounds of a list answer's sibling passages: how many, their least score
// as a share of the best's, and how much less of the question they may
// cover.
const (
	maxSiblings       = 2
	siblingScore      = 0.9
	siblingCoverSlack = 0.05
)

// periodBest is the best evidence for a question that asks no figure: the
// first near-best sentence in the part its named period points to (the
// plan for 2024年要达到什么目标), else the best.
func (e *Engine) periodBest(q *Question, evs []*evidence) *evidence {
	best := evs[0]
	if len(q.Years) == 0 && !q.ThisYear && !q.LastYear {
		return best // only a named period points to a part
	}
	for i, ev := range evs {
		if i == figureSearchDepth || ev.score < best.score-nearBest || ev.cover < q.coverBar(ev) {
			break
		}
		want := e.wantFor(q, ev.doc)
		if want == WantAny {
			return best
		}
		if p := ev.sent.Paragraph.Part; p != nil && (want == WantTarget && p.Kind == report.PartPlan || want == WantResult && p.Kind == report.PartReview) {
			return ev
		}
	}
	return best
}

// decideFigure looks for the asked figure among the best sentences.
func (e *Engine) decideFigure(q *Question, evs []*evidence) verdict {
	all := evs
	// Sentences without a figure cannot answer; they do not set the bar.
	// Nor do sentences about another measure (货邮吞吐量 for 旅客吞吐量),
	// even when no other sentence has a figure.
	var withFigs, kept []*evidence
	for _, ev := range evs {
		if contrastingModifier(q, ev.text) {
			continue
		}
		kept = append(kept, ev)
		if len(ev.figs) > 0 {
			withFigs = append(withFigs, ev)
		}
	}
	switch {
	case len(withFigs) > 0:
		evs = withFigs
	case len(kept) > 0:
		evs = kept
	}
	var v verdict
	bestScore := 0.0
	for i, ev := range evs {
		if i == figureSearchDepth {
			break
		}
		if ev.cover < q.coverBar(ev) {
			continue
		}
		// The best figure of the near-best sentences: a value beats a
		// bound in a slightly better sentence.
		if f, fs := e.bestFigureScored(q, ev); f != nil && (v.fig == nil || ev.score+fs > bestScore) {
			v, bestScore = verdict{ok: true, best: ev, fig: f}, ev.score+fs
		}
	}
	if g := e.gradeSentence(q, all); g != nil && (!v.ok || g.score >= v.best.score) {
		return verdict{ok: true, best: g} // what level: 达到一级标准
	}
	if v.ok {
		return v
	}
	if !q.Change && !q.anyChange && e.wantFor(q, evs[0].doc) == WantTarget {
		// A goal is often set only as a rate (居民消费价格涨幅2%左右):
		// with no level of the asked target, its rate answers.
		relaxed := *q
		relaxed.anyChange = true
		return e.decideFigure(&relaxed, evs)
	}
	if best := evs[0]; best.cover >= q.minCover() && lexicon.WhatGoalRE.MatchString(q.Raw) && e.wantFor(q, best.doc) == WantTarget {
		// 提出了什么预期目标: a goal may be set in words (高于全国平均水平),
		// which the sentence that states the subject whole gives.
		return verdict{ok: true, best: best}
	}
	if best := evs[0]; best.cover >= relaxedCover && e.hasLooseFigure(q, best) {
		// The sentence states the subject whole and holds a figure of the
		// asked period and kind, which the stricter tests could not tie to
		// the question's words: quote the sentence, which is checkable,
		// rather than refuse.
		return verdict{ok: true, best: best}
	}
	if best := evs[0]; best.cover >= unparsedCover && e.hasUnparsedNumber(best) {
		// The sentence states the subject whole and holds a number the
		// figure model did not read: quote the sentence rather than say
		// the report gives no figure.
		return verdict{ok: true, best: best}
	}
	return verdict{reason: NoFigure}
}

// isShare reports whether f is a share of something (占固定资产投资比重
// 35.5%, 占比55.1%): 占 stands in its clause before it.
func isShare(doc *report.Report, ev *evidence, f *report.Figure) bool {
	clause := clauseAround(doc, ev.sent, f.Span)
	return strings.Contains(doc.Slice(report.Span{Start: clause.Start, End: f.Span.Start}), lexicon.ShareLead)
}

// relaxedCover is the cover a sentence needs to be quoted for a quantity
// question when no figure passes the strict tests.
const relaxedCover = 0.85

// hasLooseFigure reports whether ev's sentence holds a figure of the kind,
// period and unit q asks, whatever its words.
func (e *Engine) hasLooseFigure(q *Question, ev *evidence) bool {
	want := e.wantFor(q, ev.doc)
	doc := e.docs[ev.doc]
	for _, f := range ev.figs {
		if !kindFits(want, f) || !e.periodFits(q, ev.doc, f) || !unitFits(q, f) || milestoneFollows(doc, f) {
			continue
		}
		if !q.Rate && isShare(doc, ev, f) {
			continue // 工业投资占固定资产投资比重35.5% is no growth of 固定资产投资
		}
		if e.derivedMeasure(q, ev, f) || e.otherHeadline(q, ev, f) || e.placeNamedAfter(q, ev, f) || e.oneOfListed(q, ev, f) {
			continue // 单位增加值能耗下降2.4% is no growth of 增加值, 地区生产总值增长7% no CPI
		}
		// Its clause must name something the question asks about.
		if e.subjectCover(q, ev.doc, fold(doc.Slice(clauseAround(doc, ev.sent, f.Span)))) > 0 {
			return true
		}
	}
	return false
}

// unparsedCover is the cover a sentence needs for its unparsed numbers to
// answer a quantity question.
const unparsedCover = 0.8

var digitsRE = regexp.MustCompile(`\d+(\.\d+)?`)

// hasUnparsedNumber reports whether ev's sentence holds digits outside
// every figure the parser found in it (not a year).
func (e *Engine) hasUnparsedNumber(ev *evidence) bool {
	doc := e.docs[ev.doc]
	text := doc.Slice(ev.sent.Span)
	for _, m := range digitsRE.FindAllStringIndex(text, -1) {
		if isYearDigits(text[m[0]:m[1]]) || isRankDigits(text, m[0], m[1]) {
			continue
		}
		start := ev.sent.Span.Start + utf8.RuneCountInString(text[:m[0]])
		inside := false
		for _, f := range ev.figs {
			if f.Span.Start <= start && start < f.Span.End {
				inside = true
				break
			}
		}
		if !inside {
			return true
		}
	}
	return false
}

// withRequired keeps the evidence that holds what the question insists
// on: the places it names (unless they are the report's own) and the
// phrases it quotes.
func (e *Engine) withRequired(q *Question, evs []*evidence) []*evidence {
	if len(q.Places) == 0 && len(q.Quoted) == 0 && !slices.ContainsFunc(q.Terms, func(t *Term) bool { return t.Named }) {
		return evs
	}
	var out []*evidence
	for _, ev := range evs {
		if e.holdsRequired(q, ev) {
			out = append(out, ev)
		}
	}
	return out
}

func (e *Engine) holdsRequired(q *Question, ev *evidence) bool {
	around := ev.text + " " + fold(e.headings(ev.doc, ev.sent)) + " " + fold(e.previous(ev.doc, ev.sent))
	for _, p := range q.Places {
		if !strings.Contains(e.scope[ev.doc], fold(p)) && !strings.Contains(around, fold(p)) {
			return false
		}
		if q.WholeRegion && e.isAncestor(ev.doc, p) && !strings.Contains(around, fold(p)) && !strings.Contains(around, wholeOf(e.ancestorName(ev.doc, p))) {
			return false // Longhua district as a whole: the district's figure, not the subdistrict's
		}
	}
	for _, p := range q.Quoted {
		if !strings.Contains(around, fold(p)) {
			return false
		}
	}
	return namesSomePart(q, ev.text)
}

// namesSomePart reports whether text says some part of the capitalized
// name an English question gives (Central Yunnan Water Diversion), or the
// question gives none: a part the reports write in more than one
// character, since single characters are found anywhere.
func namesSomePart(q *Question, text string) bool {
	named := false
	for _, t := range q.Terms {
		if t.Named && t.Present && !t.Single {
			named = true
			if t.match(text) > 0 {
				return true
			}
		}
	}
	return !named
}

// isAncestor reports whether place names a division above report d's own.
func (e *Engine) isAncestor(d int, place string) bool {
	return e.ancestorName(d, place) != ""
}

// ancestorName returns the full name of the division above report d that
// place names (龙华区 for 龙华), or "".
func (e *Engine) ancestorName(d int, place string) string {
	for _, a := range e.ancestors[d] {
		if strings.HasPrefix(a, place) || strings.HasPrefix(place, a) {
			return a
		}
	}
	return ""
}

// wholeOf is how a report says the whole of a division of name's level
// (全区 for 龙华区, 全市 for 深圳市), or "" for a name without a level.
func wholeOf(name string) string {
	r, _ := utf8.DecodeLastRuneInString(name)
	if !strings.ContainsRune("省市区县州盟旗", r) {
		return "\x00"
	}
	return "全" + string(r)
}

// missingPlace returns a place the question names that none of the
// reports mentions, or "".
func (e *Engine) missingPlace(q *Question, docs []int) string {
	for _, p := range q.Places {
		found := false
		for _, d := range e.docList(docs) {
			if strings.Contains(e.docs[d].Text, p) || strings.Contains(e.scope[d], fold(p)) {
				found = true
				break
			}
		}
		if !found {
			return p
		}
	}
	return ""
}

// missingYear returns a year the question names that none of the reports
// covers (plans, reviews or mentions), or "".
func (e *Engine) missingYear(q *Question, docs []int) string {
	for _, y := range q.Years {
		found := false
		for _, d := range e.docList(docs) {
			doc := e.docs[d]
			if y == doc.Year || y == doc.ReviewYear || strings.Contains(doc.Text, strconv.Itoa(y)+"年") {
				found = true
				break
			}
		}
		if !found {
			return strconv.Itoa(y)
		}
	}
	return ""
}

// docList returns docs, or every report when docs is nil.
func (e *Engine) docList(docs []int) []int {
	if docs != nil {
		return docs
	}
	all := make([]int, len(e.docs))
	for i := range all {
		all[i] = i
	}
	return all
}

// absentOfficial reports whether the question names an official term of
// the genre (grain output, resident population) that no loaded report
// uses: the metric asked is not in them.
func (q *Question) absentOfficial() bool {
	for _, t := range q.Terms {
		if t.Official && !t.Present && !t.Ask {
			return true
		}
	}
	return false
}

// minCover is the cover the question's best evidence must reach.
// coverBar is the cover ev needs to answer q: lower for a question of
// how long when ev states exactly one duration, which the unit asked
// (几天) ties to the question.
func (q *Question) coverBar(ev *evidence) float64 {
	if q.Duration && durations(ev) == 1 {
		return q.minWindowCover()
	}
	return q.minCover()
}

// durations counts ev's figures in a unit of time.
func durations(ev *evidence) int {
	n := 0
	for _, f := range ev.figs {
		if lexicon.IsTimeUnit(f.Unit) {
			n++
		}
	}
	return n
}

func (q *Question) minCover() float64 {
	if q.Lang == English {
		return minCoverEnglish
	}
	return minCover
}

// isYearDigits reports whether s is a year from 1900 to 2099.
func isYearDigits(s string) bool {
	return len(s) == 4 && (strings.HasPrefix(s, "19") || strings.HasPrefix(s, "20"))
}

// gradeSentence returns, for a question that asks a level or grade (what
// level, 什么级别) that no figure answers, the first near-best sentence
// that states a grade in words (一级标准, 三甲, 5A级), or nil.
func (e *Engine) gradeSentence(q *Question, evs []*evidence) *evidence {
	if !lexicon.GradeAskRE.MatchString(strings.ToLower(q.Raw)) {
		return nil
	}
	var graded []*evidence
	top := evs[0].score
	for i, ev := range evs {
		if i == figureSearchDepth || ev.score < top-nearBest {
			break
		}
		if ev.cover >= q.coverBar(ev) && lexicon.GradeRE.MatchString(ev.text) {
			graded = append(graded, ev)
		}
	}
	if len(graded) == 0 {
		return nil
	}
	return e.periodBest(q, graded) // the level of the year asked
}

// isRankDigits reports whether the digits at text[i:j] are a rank or an
// ordinal (第5位, 第3批, 5届), not a quantity.
func isRankDigits(text string, i, j int) bool {
	return strings.HasSuffix(text[:i], "第") || rankAfterRE.MatchString(text[j:])
}

var rankAfterRE = regexp.MustCompile(`^(位|名|届|批|次会议|号)`)

// decideRank takes the best sentence that states a rank.
func (e *Engine) decideRank(q *Question, evs []*evidence) verdict {
	top := evs[0].score
	for i, ev := range evs {
		if i == figureSearchDepth || ev.score < top-nearBest || ev.cover < q.minCover() {
			break
		}
		if lexicon.RankRE.MatchString(ev.text) {
			return verdict{ok: true, best: ev}
		}
	}
	return verdict{reason: NotStated}
}
