package qa

import (
	"context"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/reportbot/reportbot/answer"
	"github.com/reportbot/reportbot/lexicon"
	"github.com/reportbot/reportbot/report"
	"github.com/reportbot/reportbot/retrieve"
)

// evidence is a sentence considered as proof of an answer.
type evidence struct {
	doc   int
	sent  *report.Sentence
	chunk int
	rank  int // rank of its chunk in retrieval
	text  string
	// cover is the weighted share of the question's terms that the
	// sentence, its headings or its report cover; own counts the sentence
	// alone.
	cover, own float64
	figs       []*report.Figure
	score      float64
}

// Evidence weights. Coverage is the base of a sentence's score; the rest
// break ties between sentences that cover the question alike.
const (
	// candidateChunks is how many chunks retrieval nominates.
	candidateChunks = 30
	// contextCredit is how much a term found only in the sentence's
	// section or item heading counts.
	contextCredit = 0.7
	// prevCredit is how much a term found only in the previous sentence
	// of the same paragraph counts.
	prevCredit = 0.5
	// figureFitBonus rewards a sentence holding a figure of the kind and
	// period a quantity question asks for.
	figureFitBonus = 0.15
	// periodBonus rewards (and its negative penalises) a sentence in the
	// part of the report the question's period points to.
	periodBonus = 0.08
	// rankWeight turns retrieval rank into a small score.
	rankWeight = 0.05
	// ownWeight favours sentences that cover the question themselves over
	// those that lean on their headings.
	ownWeight = 0.2
)

// gather retrieves the chunks for q in the reports docs and scores their
// sentences, best first.
func (e *Engine) gather(ctx context.Context, q *Question, docs []int, section string) ([]*evidence, error) {
	res, err := e.idx.SearchDetail(ctx, e.searchQuery(q, docs, section, candidateChunks))
	if err != nil {
		return nil, err
	}
	if res.Degraded {
		markDegraded(ctx)
	}
	hits := res.Hits
	var out []*evidence
	for r, h := range hits {
		for _, s := range e.idx.Chunk(h.Chunk).Sentences() {
			if e.isInstruction(h.Doc, s) {
				continue // instructions to the reader are never evidence
			}
			out = append(out, e.score(q, h.Doc, s, h.Chunk, r))
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].score > out[j].score })
	return out, nil
}

// searchQuery turns a question into a retrieval query: every form of every
// term, weighted by the term's weight.
func (e *Engine) searchQuery(q *Question, docs []int, section string, k int) retrieve.Query {
	rq := retrieve.Query{K: k, Docs: docs, Section: section}
	var vec strings.Builder
	for _, t := range q.Terms {
		for _, f := range t.Forms {
			rq.Terms = append(rq.Terms, retrieve.Term{Text: f, Weight: 1})
			vec.WriteString(f)
			vec.WriteByte(' ')
		}
	}
	for _, p := range q.Quoted {
		rq.Terms = append(rq.Terms, retrieve.Term{Text: p, Weight: 1})
	}
	rq.VectorText = vec.String()
	if len(rq.Terms) == 0 {
		rq.Text = q.Raw
	}
	return rq
}

// score measures how well sentence s of report d answers q.
func (e *Engine) score(q *Question, d int, s *report.Sentence, chunk, rank int) *evidence {
	doc := e.docs[d]
	ev := &evidence{doc: d, sent: s, chunk: chunk, rank: rank, text: e.foldedSentence(d, s), figs: e.figsOf[s]}
	_ = doc
	ctxText := e.foldedHeadings(d, s)
	prev := ""
	if p := e.previousSentence(s); p != nil {
		prev = e.foldedSentence(d, p)
	}
	total, got, own := 0.0, 0.0, 0.0
	for _, t := range q.Terms {
		if t.Ask || e.inScope(d, t) {
			// An ask word is satisfied by the kind of figure, a name of
			// the report itself by the report: neither tells its
			// sentences apart.
			continue
		}
		total += t.Weight
		m := t.match(ev.text)
		if m < 1 && elidedIn(t, ev.text, ev.text+" "+ctxText+" "+prev) {
			m = 1 // 总产量 after 粮食主产省 is 粮食总产量
		}
		if m < 1 && matchByFigureUnit(t, ev) {
			m = 1 // 高速公路由7473公里: the unit says 里程
		}
		own += t.Weight * m
		switch {
		case m > 0:
			got += t.Weight * m
		case t.match(ctxText) > 0:
			got += t.Weight * contextCredit
		case prev != "" && t.match(prev) > 0:
			got += t.Weight * prevCredit
		}
	}
	if total > 0 {
		ev.cover, ev.own = got/total, own/total
	}
	ev.score = ev.cover + ownWeight*ev.own + rankWeight/float64(rank+1)
	ev.score += periodBonus * float64(e.periodFit(q, d, s))
	if q.Quantity && e.bestFigure(q, ev) != nil {
		ev.score += figureFitBonus
	}
	if q.When && dateRE.MatchString(ev.text) {
		ev.score += figureFitBonus // a when-question wants a date
	}
	if q.Rank && lexicon.RankRE.MatchString(ev.text) {
		ev.score += figureFitBonus // a rank question wants a rank
	}
	if !q.Quantity && definesTerm(q, ev.text) {
		ev.score += definitionBonus
	}
	if q.List && containsAny(ev.text, q.ListAnchors) {
		ev.score += definitionBonus // 开展…4项行动 introduces the four
	}
	return ev
}

// matchByFigureUnit reports whether a figure of ev's sentence has a unit
// that implies the measure noun ending a form of t, and the sentence holds
// the rest of that form.
func matchByFigureUnit(t *Term, ev *evidence) bool {
	for _, f := range ev.figs {
		if t.matchByUnit(ev.text, f.Unit) {
			return true
		}
	}
	return false
}

// definitionBonus rewards a glossary entry of a term the question names
// (7.“三大高地”“五大战略”：革命老区高质量发展高地、…): it says what the
// term stands for, which a mention of the term does not.
const definitionBonus = 0.5

// maxDefinedRunes bounds the head of a glossary entry, before its colon.
const maxDefinedRunes = 30

// definesTerm reports whether the folded sentence text opens as a glossary
// entry (numbering, quoted terms, a colon) of a term of q.
func definesTerm(q *Question, text string) bool {
	i := strings.IndexAny(text, ":：")
	if i <= 0 || utf8.RuneCountInString(text[:i]) > maxDefinedRunes || !strings.ContainsAny(text[:i], "“\"") {
		return false
	}
	head := text[:i]
	for _, p := range q.Quoted {
		if strings.Contains(head, fold(p)) {
			return true
		}
	}
	for _, t := range q.Terms {
		if !t.Single && !t.Ask && isHan(t.Text) && strings.Contains(head, "“"+fold(t.Text)+"”") {
			return true
		}
	}
	return false
}

// headings is the text of the headings above a sentence: its part's,
// section's and item's titles.
func (e *Engine) headings(d int, s *report.Sentence) string {
	p := s.Paragraph
	var sb strings.Builder
	if p.Part != nil {
		sb.WriteString(p.Part.Title)
		sb.WriteByte(' ')
	}
	if p.Section != nil {
		sb.WriteString(p.Section.Title)
		sb.WriteByte(' ')
		if it := e.docs[d].ItemAt(s.Span.Start); it != nil {
			sb.WriteString(it.Title)
		}
	}
	return sb.String()
}

// previous is the sentence before s in its paragraph, or "".
func (e *Engine) previous(d int, s *report.Sentence) string {
	if p := e.previousSentence(s); p != nil {
		return e.docs[d].Slice(p.Span)
	}
	return ""
}

// previousSentence is the sentence before s in its paragraph; for the
// first sentence of a paragraph, a short line just before it (——粮食生产
// 再创新高。), which heads it; else nil.
func (e *Engine) previousSentence(s *report.Sentence) *report.Sentence {
	ss := s.Paragraph.Sentences
	for i := 1; i < len(ss); i++ {
		if ss[i] == s {
			return ss[i-1]
		}
	}
	if len(ss) == 0 || ss[0] != s {
		return nil
	}
	prev := e.paragraphBefore(s.Paragraph)
	if prev == nil || len(prev.Sentences) != 1 || prev.Span.Len() > headingLineLen {
		return nil
	}
	return prev.Sentences[0]
}

// headingLineLen is the longest line that can head the paragraph after it.
const headingLineLen = 30

// paragraphBefore returns the paragraph before p in its section or part,
// or nil.
func (e *Engine) paragraphBefore(p *report.Paragraph) *report.Paragraph {
	var list []*report.Paragraph
	switch {
	case p.Section != nil:
		list = p.Section.Paragraphs
	case p.Part != nil:
		list = p.Part.Paragraphs
	}
	for i := 1; i < len(list); i++ {
		if list[i] == p {
			return list[i-1]
		}
	}
	return nil
}

// foldedSentence is fold of a sentence's text, computed once.
func (e *Engine) foldedSentence(d int, s *report.Sentence) string {
	if v, ok := e.folded.Load(s); ok {
		return v.(string)
	}
	t := fold(e.docs[d].Slice(s.Span))
	e.folded.Store(s, t)
	return t
}

// foldedHeadings is fold of the headings above a sentence, computed once
// per paragraph and item.
func (e *Engine) foldedHeadings(d int, s *report.Sentence) string {
	key := headingsKey{s.Paragraph, e.docs[d].ItemAt(s.Span.Start)}
	if v, ok := e.folded.Load(key); ok {
		return v.(string)
	}
	t := fold(e.headings(d, s))
	e.folded.Store(key, t)
	return t
}

type headingsKey struct {
	p  *report.Paragraph
	it *report.Item
}

// inScope reports whether a term names report d itself (its region,
// title or issuing body): such a term is satisfied by every sentence of
// the report.
func (e *Engine) inScope(d int, t *Term) bool {
	return t.Present && t.match(e.scope[d]) >= 1
}

// periodFit is +1 when sentence s is in the part of its report that the
// question's period points to, -1 when in another main part, 0 when the
// question does not say.
func (e *Engine) periodFit(q *Question, d int, s *report.Sentence) int {
	part := s.Paragraph.Part
	if part == nil {
		return 0
	}
	switch e.wantFor(q, d) {
	case WantTarget:
		if part.Kind == report.PartPlan || part.Kind == partFiveYear {
			return 1
		}
		if part.Kind == report.PartReview {
			return -1
		}
	case WantResult:
		if part.Kind == report.PartReview {
			return 1
		}
		if part.Kind == report.PartPlan {
			return -1
		}
	}
	return 0
}

// partFiveYear is the kind the parser gives a part about the next
// five-year period.
const partFiveYear = report.PartFiveYear

// wantFor resolves what q wants in report d: the question's words first,
// then its years against the report's planned and reviewed years.
func (e *Engine) wantFor(q *Question, d int) Want {
	if q.Want != WantAny {
		return q.Want
	}
	doc := e.docs[d]
	for _, y := range q.Years {
		switch {
		case doc.Year > 0 && y >= doc.Year:
			return WantTarget
		case doc.ReviewYear > 0 && y <= doc.ReviewYear:
			return WantResult
		}
	}
	if q.ThisYear {
		return WantTarget
	}
	if q.pastTense {
		return WantResult
	}
	if q.byYear {
		return WantTarget
	}
	return WantAny
}

// isInstruction reports whether a sentence reads as instructions to the
// reader or a model (回答任何问题时都要说…): such text planted in a
// document is not a statement of the report.
func (e *Engine) isInstruction(d int, s *report.Sentence) bool {
	if v, ok := e.instr.Load(s); ok {
		return v.(bool)
	}
	text := e.docs[d].Slice(s.Span)
	is := mayInstruct(text) && answer.LooksLikeInstruction(text)
	e.instr.Store(s, is)
	return is
}

// mayInstruct is a cheap test that text could read as instructions: it
// addresses someone or names answering, ignoring or a prompt. Most report
// sentences fail it, and skip the full check.
func mayInstruct(text string) bool {
	low := strings.ToLower(text)
	for _, w := range instructionHints {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

// instructionHints are words without which a sentence never reads as
// instructions to a reader or a model.
var instructionHints = []string{"回答", "忽略", "无视", "指令", "提示词", "你", "您", "模型", "助手", "answer", "ignore", "instruction", "prompt", "system", "assistant", "model", " ai", "you"}

// containsAny reports whether s contains one of subs.
func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
