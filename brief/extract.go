package brief

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/reportbot/reportbot/report"
)

// The sizes of a brief.
const (
	summaryClaims     = 3   // sentences of the extractive summary
	llmCandidates     = 8   // passages offered to the LLM
	maxSummaryRunes   = 160 // longer sentences are cut to whole clauses
	maxPointRunes     = 110
	maxFigureRunes    = 120
	maxRiskRunes      = 140
	topicFigures      = 8 // rows of the key figures table
	wholeFigures      = 10
	maxTargets        = 15
	maxChanges        = 10
	maxRisks          = 6
	defaultPoints     = 4
	defaultWholePoint = 3
	minPoints         = 3
	minSentenceRunes  = 12
)

// extractor picks the content of a brief from the chosen sections.
type extractor struct {
	doc       *report.Report
	q         *topic
	secs      []scored
	b         *Brief
	maxPoints int

	chosen   map[*report.Section]bool
	titleHit map[*report.Section]bool
	bySpan   map[report.Span]int // passage numbers
	figs     map[*report.Sentence][]*report.Figure
	index    map[string]int            // figure ID → index in doc.Figures
	changeOf map[string]*report.Figure // base figure ID → its change
	baseOf   map[string]*report.Figure // change figure ID → its base
	keys     map[*report.Figure]*metricKey
	labels   map[*report.Figure]string
}

func newExtractor(doc *report.Report, q *topic, secs []scored, b *Brief, maxPoints int) *extractor {
	x := &extractor{
		doc:       doc,
		q:         q,
		secs:      secs,
		b:         b,
		maxPoints: maxPoints,
		chosen:    map[*report.Section]bool{},
		titleHit:  map[*report.Section]bool{},
		bySpan:    map[report.Span]int{},
		figs:      map[*report.Sentence][]*report.Figure{},
		index:     make(map[string]int, len(doc.Figures)),
		changeOf:  map[string]*report.Figure{},
		baseOf:    map[string]*report.Figure{},
		keys:      map[*report.Figure]*metricKey{},
		labels:    map[*report.Figure]string{},
	}
	if x.maxPoints == 0 {
		x.maxPoints = defaultPoints
		if q.empty() {
			x.maxPoints = defaultWholePoint
		}
	}
	for _, s := range secs {
		x.chosen[s.sec] = true
		if s.titleHit {
			x.titleHit[s.sec] = true
		}
	}
	for i, f := range doc.Figures {
		x.index[f.ID] = i
		if f.Sentence != nil {
			x.figs[f.Sentence] = append(x.figs[f.Sentence], f)
		}
	}
	for _, f := range doc.Figures {
		if base := x.linkBase(f); base != nil {
			x.baseOf[f.ID] = base
			if _, ok := x.changeOf[base.ID]; !ok {
				x.changeOf[base.ID] = f
			}
		}
	}
	return x
}

// changeGlue is what may stand between a figure and its rate of change:
// 494.91亿元,同比增长1.72%.
var changeGlue = strings.NewReplacer(
	"同比", "", "比上年", "", "较上年", "", "比去年", "", "较去年", "", "年均", "", "分别", "",
	"增长", "", "下降", "", "减少", "", "提高", "", "上升", "", "增加", "", "降低", "",
	"了", "", "达", "", "为", "", ",", "", "，", "", " ", "",
)

// linkBase returns the figure that change figure f is a rate of: the
// parser's ChangeOf when set, else the figure just before it in the same
// sentence when only words like 同比增长 stand between them.
func (x *extractor) linkBase(f *report.Figure) *report.Figure {
	if f.ChangeOf != "" {
		return x.doc.Figure(f.ChangeOf)
	}
	if f.Kind != report.Change {
		return nil
	}
	i := x.index[f.ID]
	if i == 0 {
		return nil
	}
	p := x.doc.Figures[i-1]
	if p.Sentence != f.Sentence || p.Kind == report.Change || p.Span.End > f.Span.Start {
		return nil
	}
	between := x.doc.Slice(report.Span{Start: p.Span.End, End: f.Span.Start})
	if changeGlue.Replace(between) != "" || !strings.ContainsAny(between, "增降减提升加") {
		return nil
	}
	return p
}

// relevant reports whether text in section sec belongs in the brief: any
// text of a whole-report brief or of a section whose title names the
// topic, else text that names the topic itself.
func (x *extractor) relevant(sec *report.Section, text string) bool {
	if x.q.empty() || x.titleHit[sec] {
		return true
	}
	return x.q.wordHit(text) || x.q.bigramShare(text) >= 0.5
}

// cite registers the passage over span and returns its number.
func (x *extractor) cite(span report.Span) int {
	if n, ok := x.bySpan[span]; ok {
		return n
	}
	n := len(x.b.Passages) + 1
	p := Passage{N: n, Span: span, Text: x.doc.Slice(span)}
	if sec := x.doc.SectionAt(span.Start); sec != nil {
		p.SectionID, p.Label = sec.ID, sec.Label
	}
	if it := x.doc.ItemAt(span.Start); it != nil && it.Span.Contains(span) {
		p.Label = it.Label
	}
	x.bySpan[span] = n
	x.b.Passages = append(x.b.Passages, p)
	return n
}

// sentences returns the sentences of sec, in order.
func (x *extractor) sentences(sec *report.Section) []*report.Sentence {
	var out []*report.Sentence
	for _, p := range sec.Paragraphs {
		for _, s := range p.Sentences {
			if sec.Span.Contains(s.Span) {
				out = append(out, s)
			}
		}
	}
	return out
}

// isHeading reports whether s is the heading of sec or of one of its
// items.
func isHeading(sec *report.Section, s *report.Sentence) bool {
	if sec.Heading.Len() > 0 && sec.Heading.Overlaps(s.Span) {
		return true
	}
	for _, it := range sec.Items {
		if it.Heading.Len() > 0 && it.Heading.Overlaps(s.Span) {
			return true
		}
	}
	return false
}

// isSubheading reports whether a sentence is an unnumbered heading inside
// a theme paragraph: short, ending in 。, with no clause break
// (土地整备强势推进。).
func isSubheading(text string) bool {
	n := utf8.RuneCountInString(text)
	if n < 5 || n > 16 || !strings.HasSuffix(text, "。") || strings.ContainsAny(text, "；;：:0123456789“”\"") {
		return false
	}
	// At most one pause: 创新驱动,优质企业加快集聚。 教育、医疗卫生事业加快发展。
	return strings.Count(text, "，")+strings.Count(text, ",")+strings.Count(text, "、") <= 1
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

func hasDigit(s string) bool {
	for _, r := range s {
		if r >= '0' && r <= '9' || r >= '０' && r <= '９' {
			return true
		}
	}
	return false
}

func clauseBreak(r rune) bool {
	switch r {
	case '，', ',', '；', ';', '：', ':':
		return true
	}
	return false
}

// window returns the part of sentence span sent to quote around need:
// whole clauses, grown one clause at a time to the right and then the
// left while the result has at most maxLen runes. cutLeft and cutRight
// say whether text was left out.
func (x *extractor) window(sent, need report.Span, maxLen int) (span report.Span, cutLeft, cutRight bool) {
	if sent.Len() <= maxLen {
		return sent, false, false
	}
	rs := []rune(x.doc.Slice(sent))
	lo, hi := need.Start-sent.Start, need.End-sent.Start
	lo, hi = max(0, min(lo, len(rs))), max(0, min(hi, len(rs)))
	for lo > 0 && !clauseBreak(rs[lo-1]) {
		lo--
	}
	for hi < len(rs) && !clauseBreak(rs[hi]) {
		hi++
	}
	for {
		grown := false
		if hi < len(rs) {
			nh := hi + 1
			for nh < len(rs) && !clauseBreak(rs[nh]) {
				nh++
			}
			if nh-lo <= maxLen {
				hi, grown = nh, true
			}
		}
		if lo > 0 {
			nl := lo - 1
			for nl > 0 && !clauseBreak(rs[nl-1]) {
				nl--
			}
			if hi-nl <= maxLen {
				lo, grown = nl, true
			}
		}
		if !grown {
			break
		}
	}
	return report.Span{Start: sent.Start + lo, End: sent.Start + hi}, lo > 0, hi < len(rs)
}

// quote cites the window of sentence s around need and returns the text to
// show, with … where the sentence was cut.
func (x *extractor) quote(s report.Span, need report.Span, maxLen int) (string, int) {
	span, cl, cr := x.window(s, need, maxLen)
	text := x.doc.Slice(span)
	if cl {
		text = "…" + text
	}
	if cr {
		text += "…"
	}
	return text, x.cite(span)
}

// bestClause returns the clause of s that best states the topic: the one
// with the most topic words, then the most figures; the first on ties.
func (x *extractor) bestClause(s *report.Sentence) report.Span {
	rs := []rune(x.doc.Slice(s.Span))
	best, bestScore := report.Span{Start: s.Span.Start, End: s.Span.Start}, -1.0
	start := 0
	for i := 0; i <= len(rs); i++ {
		if i < len(rs) && !clauseBreak(rs[i]) {
			continue
		}
		cl := report.Span{Start: s.Span.Start + start, End: s.Span.Start + i}
		sc := 0.0
		if !x.q.empty() {
			sc += 2 * x.q.rel(string(rs[start:i]))
		}
		for _, f := range x.figs[s] {
			if cl.Contains(f.Span) && hasDigit(f.Raw) {
				sc++
			}
		}
		if sc > bestScore {
			best, bestScore = cl, sc
		}
		start = i + 1
	}
	return best
}

// sentScore scores a sentence for the summary and the key points: topic
// words, figures written in digits, the headline block, and a length that
// reads well.
func (x *extractor) sentScore(sec *report.Section, s *report.Sentence) float64 {
	text := x.doc.Slice(s.Span)
	sc := 0.0
	if !x.q.empty() {
		sc += 2 * min(x.q.rel(text), 4)
	}
	// Rates, changes, targets and large amounts say more than counts.
	figs := 0.0
	for _, f := range x.figs[s] {
		switch {
		case !hasDigit(f.Raw):
		case f.Kind != report.Actual || f.Rate || f.Scale != "":
			figs++
		default:
			figs += 0.4
		}
	}
	sc += 0.8 * min(figs, 3.5)
	if sec.Kind == report.SectionHeadline {
		sc += 2
	}
	switch l := runeLen(text); {
	case l > maxSummaryRunes:
		sc--
	case l < 20:
		sc -= 0.5
	}
	return sc
}

// candidate is a sentence that may go into the summary.
type candidate struct {
	sec   *report.Section
	sent  *report.Sentence
	score float64
}

// summaryCandidates returns the sentences of the chosen sections that may
// summarise the topic, best first.
func (x *extractor) summaryCandidates() []candidate {
	var out []candidate
	for _, s := range x.secs {
		for _, sent := range x.sentences(s.sec) {
			text := x.doc.Slice(sent.Span)
			if isHeading(s.sec, sent) || isSubheading(text) || runeLen(text) < minSentenceRunes {
				continue
			}
			if !x.relevant(s.sec, text) {
				continue
			}
			out = append(out, candidate{sec: s.sec, sent: sent, score: x.sentScore(s.sec, sent)})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].score > out[j].score })
	return out
}

func isPlan(sec *report.Section) bool { return sec.Part != nil && sec.Part.Kind == report.PartPlan }

// extractiveSummary picks the best sentence of the reviewed year, the best
// of the plan, then the best of the rest, at most two from one section,
// and returns them in text order.
func (x *extractor) extractiveSummary(cands []candidate) []Claim {
	var picked []candidate
	perSec := map[*report.Section]int{}
	take := func(c candidate) {
		picked = append(picked, c)
		perSec[c.sec]++
	}
	taken := func(c candidate) bool {
		for _, p := range picked {
			if p.sent == c.sent {
				return true
			}
		}
		return false
	}
	for _, plan := range []bool{false, true} {
		for _, c := range cands {
			if isPlan(c.sec) == plan {
				take(c)
				break
			}
		}
	}
	for _, c := range cands {
		if len(picked) >= summaryClaims {
			break
		}
		if !taken(c) && perSec[c.sec] < 2 {
			take(c)
		}
	}
	sort.Slice(picked, func(i, j int) bool { return picked[i].sent.Span.Start < picked[j].sent.Span.Start })
	claims := make([]Claim, 0, len(picked))
	for _, c := range picked {
		text, n := x.quote(c.sent.Span, x.bestClause(c.sent), maxSummaryRunes)
		claims = append(claims, Claim{Text: text, Cites: []int{n}})
	}
	return claims
}

// withQualifier returns f as written with the qualifier that bounds it
// (近500场, 30家以上).
func (x *extractor) withQualifier(f *report.Figure) string {
	q := f.Qualifier
	if q == "" || strings.Contains(f.Raw, q) {
		return f.Raw
	}
	n := runeLen(q)
	if f.Span.Start >= n && x.doc.Slice(report.Span{Start: f.Span.Start - n, End: f.Span.Start}) == q {
		return q + f.Raw
	}
	if f.Span.End+n <= x.doc.RuneLen() && x.doc.Slice(report.Span{Start: f.Span.End, End: f.Span.End + n}) == q {
		return f.Raw + q
	}
	return f.Raw
}

func arrow(d report.Direction) string {
	switch d {
	case report.Up:
		return "↑"
	case report.Down:
		return "↓"
	}
	return ""
}

// figureQuote cites the sentence of f, cut around f and its change.
func (x *extractor) figureQuote(f *report.Figure, ch *report.Figure) int {
	if f.Sentence == nil {
		return x.cite(f.Span)
	}
	need := f.Span
	if ch != nil && ch.Sentence == f.Sentence {
		need.Start, need.End = min(need.Start, ch.Span.Start), max(need.End, ch.Span.End)
	}
	_, n := x.quote(f.Sentence.Span, need, maxFigureRunes)
	return n
}

// topicFigures returns the figures of the chosen sections that belong in
// the brief, in text order.
func (x *extractor) topicFigures() []*report.Figure {
	var out []*report.Figure
	for _, f := range x.doc.Figures {
		if f.Section == nil || !x.chosen[f.Section] || f.Sentence == nil {
			continue
		}
		if x.relevant(f.Section, x.doc.Slice(f.Sentence.Span)) {
			out = append(out, f)
		}
	}
	return out
}

// figures fills the key figures table and the change bars.
func (x *extractor) figures() {
	type ranked struct {
		f     *report.Figure
		score float64
	}
	// The plan's figures go to the targets table; they join the key
	// figures only when the topic has few others.
	inTargets := map[*report.Figure]bool{}
	for _, f := range x.planFigures() {
		inTargets[f] = true
	}
	others := 0
	for _, f := range x.topicFigures() {
		if !inTargets[f] && (f.Kind != report.Change || x.baseOf[f.ID] == nil) {
			others++
		}
	}
	var rs []ranked
	for _, f := range x.topicFigures() {
		if inTargets[f] && others >= minPoints {
			continue
		}
		if f.Kind == report.Change && f.Unit == "%" && len(x.b.Changes) < maxChanges {
			if m := x.metric(f); m != "" {
				n := x.figureQuote(f, nil)
				if base := x.baseOf[f.ID]; base != nil {
					n = x.figureQuote(base, f)
				}
				x.b.Changes = append(x.b.Changes, ChangeBar{Metric: m, Raw: f.Raw, Value: f.Value, Direction: f.Direction,
					Outcome: OutcomeOf(PolarityOf(m), f.Direction), Cites: []int{n}})
			}
		}
		if f.Kind == report.Change && x.baseOf[f.ID] != nil {
			continue // shown in its base figure's row
		}
		if x.metric(f) == "" {
			continue
		}
		sc := 1.0
		if f.Section.Kind == report.SectionHeadline {
			sc += 3
		}
		if x.changeOf[f.ID] != nil {
			sc += 2
		}
		if f.Scale != "" {
			sc++
		}
		if f.Rate {
			sc += 0.5
		}
		if !hasDigit(f.Raw) {
			sc -= 1.5
		}
		if f.Kind == report.Target {
			sc -= 0.5
		}
		if !x.q.empty() {
			sc += min(x.q.rel(x.doc.Slice(f.Sentence.Span)), 3)
		}
		rs = append(rs, ranked{f, sc})
	}
	limit := topicFigures
	if x.q.empty() {
		limit = wholeFigures
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].score > rs[j].score })
	if len(rs) > limit {
		rs = rs[:limit]
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].f.Span.Start < rs[j].f.Span.Start })
	for _, r := range rs {
		f := r.f
		row := FigureRow{
			Metric:    x.metric(f),
			Value:     x.withQualifier(f),
			Kind:      f.Kind,
			KindLabel: x.b.kindLabel(f),
			FigureID:  f.ID,
		}
		ch := x.changeOf[f.ID]
		if f.Kind == report.Change {
			row.Value, row.Change, row.Direction = "", arrow(f.Direction)+f.Raw, f.Direction
		} else if ch != nil {
			row.Change, row.Direction, row.ChangeID = arrow(ch.Direction)+ch.Raw, ch.Direction, ch.ID
		}
		if row.Change != "" {
			row.Outcome = OutcomeOf(PolarityOf(row.Metric), row.Direction)
		}
		row.Cites = []int{x.figureQuote(f, ch)}
		if ch != nil && ch.Sentence != f.Sentence {
			row.Cites = append(row.Cites, x.figureQuote(ch, nil))
		}
		x.b.KeyFigures = append(x.b.KeyFigures, row)
	}
}

// planFigures returns the figures of the targets table: the plan's
// figures of the topic (targets and stocks, not rates of change).
func (x *extractor) planFigures() []*report.Figure {
	var out []*report.Figure
	for _, f := range x.topicFigures() {
		if len(out) >= maxTargets {
			break
		}
		if f.Kind == report.Change || !isPlan(f.Section) && f.Kind != report.Target {
			continue
		}
		out = append(out, f)
	}
	return out
}

// targets fills the targets table: the plan's figures of the topic, each
// with the reviewed year's value for a matching metric when there is one.
// Each reviewed figure pairs with at most one target, the best-matching.
func (x *extractor) targets() {
	var review []*report.Figure
	for _, f := range x.doc.Figures {
		if f.Kind == report.Actual && f.Section != nil && f.Section.Part != nil && f.Section.Part.Kind == report.PartReview && f.Unit != "" {
			review = append(review, f)
		}
	}
	plan := x.planFigures()
	type pair struct {
		t, a  int
		score float64
	}
	var pairs []pair
	for i, t := range plan {
		for j, a := range review {
			if sc := x.baselineScore(t, a); sc > 0 {
				pairs = append(pairs, pair{i, j, sc})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].score > pairs[j].score })
	baseline := make([]*report.Figure, len(plan))
	used := make([]bool, len(review))
	for _, p := range pairs {
		if baseline[p.t] == nil && !used[p.a] {
			baseline[p.t], used[p.a] = review[p.a], true
		}
	}
	for i, f := range plan {
		row := TargetRow{Metric: x.metric(f), Target: x.withQualifier(f), FigureID: f.ID}
		row.Cites = []int{x.figureQuote(f, nil)}
		if base := baseline[i]; base != nil {
			row.Baseline, row.BaselineMetric, row.BaselineID = x.withQualifier(base), x.metric(base), base.ID
			if n := x.figureQuote(base, nil); n != row.Cites[0] {
				row.Cites = append(row.Cites, n)
			}
		}
		x.b.Targets = append(x.b.Targets, row)
	}
}

// bigrams returns the character bigrams of s.
func bigrams(s string) map[string]bool {
	rs := []rune(s)
	out := make(map[string]bool, len(rs))
	for i := 0; i+2 <= len(rs); i++ {
		out[string(rs[i:i+2])] = true
	}
	return out
}

// increment reports whether a metric counts what was added (新增道路)
// rather than a level (道路).
func increment(m string) bool {
	for _, p := range []string{"新增", "新建", "新引", "新开", "增加", "增设", "新设"} {
		if strings.HasPrefix(m, p) {
			return true
		}
	}
	return false
}

// baselineScore says how well reviewed figure a gives the last value of
// plan figure t: 0 unless both have the same unit, are both rates or both
// not, both count additions or both levels, and their metrics (for a
// short metric, its sentence up to the figure) share at least two bigrams
// and half of t's after [report.NormalizeMetric]; else the share.
func (x *extractor) baselineScore(t, a *report.Figure) float64 {
	if a.Unit != t.Unit || a.Rate != t.Rate {
		return 0
	}
	tk, ak := x.metricKey(t), x.metricKey(a)
	if tk.increment != ak.increment || len(tk.bigrams) == 0 {
		return 0
	}
	shared := 0
	for bg := range tk.bigrams {
		if ak.context[bg] {
			shared++
		}
	}
	sc := float64(shared) / float64(len(tk.bigrams))
	if shared < 2 || sc < 0.5 {
		return 0
	}
	return sc
}

// metricKey is what baselineScore compares of a figure, computed once:
// whether its normalized metric counts additions, the metric's bigrams,
// and the bigrams of its context (the metric, and for a short metric its
// sentence up to the figure).
type metricKey struct {
	increment bool
	bigrams   map[string]bool
	context   map[string]bool
}

func (x *extractor) metricKey(f *report.Figure) *metricKey {
	if k, ok := x.keys[f]; ok {
		return k
	}
	n := report.NormalizeMetric(cleanMetric(f.Metric))
	k := &metricKey{increment: increment(n), bigrams: bigrams(n)}
	ctx := f.Metric
	if runeLen(n) < 5 && f.Sentence != nil {
		ctx += x.doc.Slice(report.Span{Start: f.Sentence.Span.Start, End: f.Span.Start})
	}
	k.context = bigrams(report.NormalizeMetric(ctx))
	x.keys[f] = k
	return k
}

// unit is a run of sentences under one lead: an item (一是…), a group
// under a subheading, or a loose sentence.
type unit struct {
	lead     string
	leadSpan report.Span
	sents    []*report.Sentence
	score    float64
	related  bool
}

// units splits sec into items, subheading groups or sentences.
func (x *extractor) units(sec *report.Section) []unit {
	sents := x.sentences(sec)
	var out []unit
	var cur *unit
	flush := func() {
		if cur != nil && (cur.lead != "" || len(cur.sents) > 0) {
			out = append(out, *cur)
		}
		cur = nil
	}
	itemOf := func(s *report.Sentence) *report.Item {
		for _, it := range sec.Items {
			if it.Span.Contains(s.Span) || it.Heading.Overlaps(s.Span) {
				return it
			}
		}
		return nil
	}
	var curItem *report.Item
	for _, s := range sents {
		text := x.doc.Slice(s.Span)
		if sec.Heading.Len() > 0 && sec.Heading.Overlaps(s.Span) {
			continue
		}
		if it := itemOf(s); it != nil {
			if it != curItem {
				flush()
				curItem = it
				cur = &unit{lead: it.Title, leadSpan: it.Heading}
			}
			if !it.Heading.Overlaps(s.Span) {
				cur.sents = append(cur.sents, s)
			}
			continue
		}
		curItem = nil
		if len(sec.Items) == 0 && isSubheading(text) {
			flush()
			cur = &unit{lead: strings.TrimSuffix(text, "。"), leadSpan: s.Span}
			continue
		}
		if cur != nil && cur.lead != "" {
			cur.sents = append(cur.sents, s)
			continue
		}
		if runeLen(text) < minSentenceRunes {
			continue
		}
		flush()
		out = append(out, unit{sents: []*report.Sentence{s}})
	}
	flush()
	for i := range out {
		u := &out[i]
		var text strings.Builder
		text.WriteString(u.lead)
		for _, s := range u.sents {
			text.WriteString(x.doc.Slice(s.Span))
			u.score = max(u.score, x.sentScore(sec, s))
		}
		u.related = x.relevant(sec, text.String())
		if !x.q.empty() {
			u.score += 3 * x.q.rel(u.lead)
		}
	}
	return out
}

// points fills the key points: per section up to maxPoints bullets, one
// per item or subheading group (loose sentences when the section has too
// few), each the lead and the unit's best sentence.
func (x *extractor) points() {
	for _, s := range x.secs {
		sec := s.sec
		if sec.Kind == report.SectionHeadline {
			continue // its figures are the key figures
		}
		var main, loose []unit
		for _, u := range x.units(sec) {
			if !u.related {
				continue
			}
			if u.lead != "" {
				main = append(main, u)
			} else {
				loose = append(loose, u)
			}
		}
		pick := func(us []unit, n int) []unit {
			if len(us) <= n {
				return us
			}
			if x.q.empty() {
				return us[:n]
			}
			idx := make([]int, len(us))
			for i := range idx {
				idx[i] = i
			}
			sort.SliceStable(idx, func(a, b int) bool { return us[idx[a]].score > us[idx[b]].score })
			idx = idx[:n]
			sort.Ints(idx)
			out := make([]unit, n)
			for i, k := range idx {
				out[i] = us[k]
			}
			return out
		}
		chosen := pick(main, x.maxPoints)
		if room := min(minPoints, x.maxPoints) - len(chosen); room > 0 && len(loose) > 0 {
			chosen = append(chosen, pick(loose, room)...)
			sort.SliceStable(chosen, func(i, j int) bool { return unitStart(chosen[i]) < unitStart(chosen[j]) })
		}
		if len(chosen) == 0 {
			continue
		}
		// Too few units: take more than one sentence from each.
		per := 1
		if len(chosen) < minPoints {
			per = (minPoints + len(chosen) - 1) / len(chosen)
		}
		g := PointGroup{SectionID: sec.ID, Label: sec.Label}
		for _, u := range chosen {
			room := min(per, x.maxPoints-len(g.Points))
			if room <= 0 {
				break
			}
			g.Points = append(g.Points, x.bullets(sec, u, room)...)
		}
		x.b.Points = append(x.b.Points, g)
	}
}

func unitStart(u unit) int {
	if u.lead != "" {
		return u.leadSpan.Start
	}
	return u.sents[0].Span.Start
}

// bullets makes up to n claims of a unit: its best sentences in text
// order, the lead before the first. A lead with no sentence of its own is
// cited itself.
func (x *extractor) bullets(sec *report.Section, u unit, n int) []Claim {
	type ranked struct {
		s     *report.Sentence
		score float64
	}
	var rs, off []ranked
	for _, s := range u.sents {
		text := x.doc.Slice(s.Span)
		if runeLen(text) < 6 {
			continue
		}
		if x.relevant(sec, text) {
			rs = append(rs, ranked{s, x.sentScore(sec, s)})
		} else {
			off = append(off, ranked{s, x.sentScore(sec, s)})
		}
	}
	if len(rs) == 0 {
		// The lead names the topic but no sentence does: one bullet.
		rs, n = off, 1
	}
	if len(rs) == 0 {
		return []Claim{{Text: u.lead, Cites: []int{x.cite(u.leadSpan)}}}
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].score > rs[j].score })
	if len(rs) > n {
		rs = rs[:n]
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].s.Span.Start < rs[j].s.Span.Start })
	out := make([]Claim, 0, len(rs))
	for i, r := range rs {
		text, cn := x.quote(r.s.Span, x.bestClause(r.s), maxPointRunes)
		c := Claim{Text: text, Cites: []int{cn}}
		if i == 0 {
			c.Lead = u.lead
			// A lead that states a number (打造80个新型公共文化空间)
			// cites itself too.
			if hasDigit(u.lead) && u.leadSpan.Len() > 0 {
				c.Cites = append([]int{x.cite(u.leadSpan)}, c.Cites...)
			}
		}
		out = append(out, c)
	}
	return out
}

// risks fills the risks from the shortcomings blocks: each sentence that
// names a problem (not the closing resolve), without the lead-in.
func (x *extractor) risks() {
	for _, sec := range x.doc.Sections() {
		if sec.Kind != report.SectionShortcomings || sec.Part != nil && !sec.Part.Main {
			continue
		}
		for _, s := range x.sentences(sec) {
			if len(x.b.Risks) >= maxRisks {
				return
			}
			text := x.doc.Slice(s.Span)
			if strings.HasPrefix(text, "对此") || strings.HasPrefix(text, "为此") || strings.Contains(text, "必须") {
				continue
			}
			span := s.Span
			// 在肯定成绩的同时,我们更要看到:… → …
			if i := strings.IndexAny(text, ":："); i >= 0 && (strings.Contains(text[:i], "同时") || strings.Contains(text[:i], "看到")) {
				span.Start += runeLen(text[:i]) + 1
				text = x.doc.Slice(span)
			}
			if runeLen(text) < 6 {
				continue
			}
			if !x.q.empty() && !x.q.wordHit(text) && x.q.bigramShare(text) < 0.5 {
				continue
			}
			need := report.Span{Start: span.Start, End: span.Start}
			if !x.q.empty() {
				need = x.bestClause(&report.Sentence{Span: span})
			}
			quoted, n := x.quote(span, need, maxRiskRunes)
			x.b.Risks = append(x.b.Risks, Claim{Text: quoted, Cites: []int{n}})
		}
	}
}
