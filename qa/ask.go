package qa

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/reportbot/reportbot/answer"
	"github.com/reportbot/reportbot/lexicon"
	"github.com/reportbot/reportbot/lexicon/cedict"
	"github.com/reportbot/reportbot/report"
)

// ErrNoSuchReport is returned when a request names reports (Request.Report)
// and none of the loaded reports matches.
var ErrNoSuchReport = errors.New("qa: no loaded report matches")

// LLM gating.
const (
	// llmMinCover is the least evidence cover for which the LLM is asked
	// even though the offline path refuses: below it retrieval found
	// nothing relevant, and the refusal stands.
	llmMinCover = 0.3
	// llmPassages is how many passages the LLM gets.
	llmPassages = 6
)

// Ask answers a question from the reports. Offline (no LLM) the answer is
// extractive and deterministic: sentences and figures of the reports, each
// cited. With an LLM the model writes the answer from the best passages
// whenever retrieval finds relevant text, and the answer is kept only if
// it passes the claim check and agrees with the figure model; otherwise
// the extractive answer is returned with Mode fallback and a Note. A
// question the reports do not answer gets Answerable false and no
// citations; that is a result, not an error.
//
// Ask returns ErrEmptyQuestion for a blank question, ErrNoSuchReport when
// req.Report matches no loaded report, and an error when retrieval itself
// fails.
func (e *Engine) Ask(ctx context.Context, req answer.Request) (answer.Answer, error) {
	raw := strings.TrimSpace(req.Question)
	if raw == "" {
		return answer.Answer{}, ErrEmptyQuestion
	}
	docs := e.docsMatching(req.Report)
	if docs != nil && len(docs) == 0 {
		return answer.Answer{}, fmt.Errorf("%w %q", ErrNoSuchReport, req.Report)
	}
	ctx, st := withState(ctx)
	eff := e.resolveFollowUp(raw, req.History)
	q := e.understand(eff)
	q.Raw, q.Lang = raw, langOf(raw)
	docs = e.narrowByPlace(q, docs)
	if q.Across && len(e.docList(docs)) > 1 && !q.Injection {
		ans, err := e.answerAcross(ctx, q, docs)
		return st.annotate(ans), err
	}
	ans, v, err := e.extractive(ctx, q, docs, req.Section)
	if err != nil {
		return answer.Answer{}, err
	}
	if e.cfg.llm == nil || !e.llmMayHelp(q, v) {
		return st.annotate(ans), nil
	}
	ans, err = e.withLLM(ctx, req, q, docs, ans, v)
	return st.annotate(ans), err
}

// askState is what one Ask learns along the way that its answer must say.
type askState struct {
	mu       sync.Mutex
	degraded bool // the vector half of a search failed
}

type stateKey struct{}

func withState(ctx context.Context) (context.Context, *askState) {
	st := &askState{}
	return context.WithValue(ctx, stateKey{}, st), st
}

// markDegraded records that a search of this Ask ran on words only.
func markDegraded(ctx context.Context) {
	if st, ok := ctx.Value(stateKey{}).(*askState); ok {
		st.mu.Lock()
		st.degraded = true
		st.mu.Unlock()
	}
}

// degradedNote says that passages were found by words only.
const degradedNote = "the embedding server was unavailable; passages were found by words only"

// annotate adds what the Ask learnt to the answer's note.
func (st *askState) annotate(a answer.Answer) answer.Answer {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.degraded {
		if a.Note != "" {
			a.Note += "; "
		}
		a.Note += degradedNote
	}
	return a
}

// extractive builds the offline answer, and returns the verdict on the
// question's main ask for the LLM stage.
func (e *Engine) extractive(ctx context.Context, q *Question, docs []int, section string) (answer.Answer, verdict, error) {
	if q.Injection {
		return refuse(q, Injection, ""), verdict{reason: Injection}, nil
	}
	ct := e.newCiter()
	asks := e.asks(q)
	if len(asks) == 1 {
		p, v, err := e.answerOne(ctx, q, docs, section, ct)
		if err != nil || !v.ok {
			return refuse(q, v.reason, v.detail), v, err
		}
		return e.join(q, []part{p}, ct), v, nil
	}
	return e.multiPart(ctx, q, asks, docs, section, ct)
}

// answerOne answers one ask: from the report's header (who delivered it,
// when), from its structure (sections, ordinals, counts), or from the
// evidence of its sentences.
func (e *Engine) answerOne(ctx context.Context, q *Question, docs []int, section string, ct *citer) (part, verdict, error) {
	if p, ok := e.answerShortcomings(q, docs, ct); ok {
		return p, verdict{ok: true}, nil
	}
	if p, handled, found := e.answerHeader(q, docs, ct); handled {
		return p, verdict{ok: found, reason: NotStated}, nil
	}
	if q.Count || q.Ordinal != 0 || q.Section || q.List {
		if p, ok := e.answerStructure(ctx, q, docs, ct); ok {
			return p, verdict{ok: true}, nil
		}
	}
	v, err := e.verdictFor(ctx, q, docs, section)
	if err != nil || !v.ok {
		return part{}, v, err
	}
	return e.compose(q, v, ct), v, nil
}

// verdictFor gathers evidence for q and decides on it.
func (e *Engine) verdictFor(ctx context.Context, q *Question, docs []int, section string) (verdict, error) {
	evs, err := e.gather(ctx, q, docs, section)
	if err != nil {
		return verdict{}, err
	}
	v := e.decide(q, docs, evs)
	if !v.ok {
		if bv, ok := e.bridge(ctx, q, docs, section, evs); ok {
			return bv, nil // 给外卖小哥歇脚的地方 → “暖心驿站”: the thing's name finds its figure
		}
	}
	if !v.ok && len(evs) > 0 {
		v.best = evs[0] // for the LLM stage: what retrieval found
	}
	return v, nil
}

// compose writes the answer to one ask.
func (e *Engine) compose(q *Question, v verdict, ct *citer) part {
	if v.fig != nil {
		return e.composeFigure(q, v, ct)
	}
	p := e.composeSentence(q, v.best, ct)
	for _, ev := range v.siblings {
		sp := e.composeSentence(q, ev, ct)
		if q.Lang == English {
			sp.text = strings.TrimPrefix(sp.text, "The report says: ")
		}
		if !strings.Contains(p.text, sp.text) {
			p.text += joinSep(q) + sp.text
		}
	}
	return p
}

// joinSep is what joins two parts of an answer in q's language.
func joinSep(q *Question) string {
	if q.Lang == English {
		return " "
	}
	return ""
}

// multiPart answers each ask of a question with several; the answer says
// which asks the reports do not answer. It is answerable when one is.
func (e *Engine) multiPart(ctx context.Context, q *Question, asks []*Question, docs []int, section string, ct *citer) (answer.Answer, verdict, error) {
	var parts []part
	var first verdict
	var prev []verdict // the asks answered from a figure, in order
	answered := 0
	for i, sq := range asks {
		if i > 0 && asksOnlyWhich(sq.Raw) && len(distinctFigures(prev)) == 2 {
			continue // …分别是多少？哪个大？: answered last from the two figures
		}
		p, v, err := e.answerOne(ctx, sq, docs, section, ct)
		if err != nil {
			return answer.Answer{}, v, err
		}
		if i == 0 {
			first = v
		}
		if i > 0 && !v.ok && hasInherited(sq) {
			// …, and what length is it expected to exceed in 2026: the
			// later ask is about the earlier one's subject after all; or
			// (…？城镇新增就业一共多少人？) only about its own.
			for _, alt := range []*Question{fullyInherited(sq), ownTermsOnly(sq)} {
				if fp, fv, err := e.answerOne(ctx, alt, docs, section, ct); err == nil && fv.ok {
					p, v = fp, fv
					break
				}
			}
		}
		if i > 0 && sq.Rank && len(prev) > 0 {
			// …增长多少？增速在全国排第几？: the rank stated after the
			// earlier figure, not another metric's.
			for j := len(prev) - 1; j >= 0; j-- {
				if rp, ok := e.rankBeside(sq, prev[j], ct); ok {
					p, v = rp, verdict{ok: true}
					break
				}
			}
		}
		if i > 0 && (sq.Compare || !v.ok) {
			// …, and how did it compare with 2024 (比2024年快了多少): the
			// difference the earlier answer's sentence states from that
			// year.
			if gv, ok := e.gapBeside(sq, prev); ok {
				p, v = e.compose(sq, gv, ct), gv
			}
		}
		if i > 0 && (!v.ok || v.fig != nil && usedFigure(prev, v.fig) || sq.sameSubject && !sameSentence(prev, v)) {
			// …9600余件, and what was the completion rate: a later ask
			// is most often answered next to the earlier one.
			if nv, ok := e.besideEarlier(sq, prev); ok {
				p, v = e.compose(sq, nv, ct), nv
			}
		}
		if i > 0 && (!v.ok || v.fig == nil && sq.Quantity) {
			// 从多少涨到了多少？多了多少元？: the rise of the pair the
			// earlier ask quoted, computed from its two figures, rather
			// than the sentence quoted again.
			if dp, ok := e.fromToDifference(sq, prev); ok {
				parts = append(parts, dp)
				answered++
				continue
			}
			if differenceAskRE.MatchString(sq.Raw) && len(distinctFigures(prev)) == 2 {
				continue // …，还差多少: the difference of the two comes last
			}
		}
		if v.ok && v.fig != nil {
			prev = append(prev, v)
		}
		if !v.ok {
			parts = append(parts, part{refuse(sq, v.reason, v.detail).Text})
			continue
		}
		answered++
		if !repeats(parts, p) {
			parts = append(parts, p)
		}
	}
	if answered == 0 {
		return refuse(q, first.reason, first.detail), first, nil
	}
	if p, ok := which(q, prev); ok {
		parts = append(parts, p)
	}
	if p, ok := difference(q, prev); ok {
		parts = append(parts, p)
	}
	first.ok = true
	return e.join(q, parts, ct), first, nil
}

// rankBeside quotes the rank an earlier answer's sentence states right
// after its figure (地区生产总值增长5.8%，增速居全国第2位), before any
// other figure.
func (e *Engine) rankBeside(q *Question, pv verdict, ct *citer) (part, bool) {
	ev, f := pv.best, pv.fig
	doc := e.docs[ev.doc]
	end := ev.sent.Span.End
	for _, g := range ev.figs {
		if g.Span.Start >= f.Span.End && g.Span.Start < end {
			end = g.Span.Start
		}
	}
	after := report.Span{Start: f.Span.End, End: end}
	m := lexicon.RankRE.FindStringIndex(doc.Slice(after))
	if m == nil {
		return part{}, false
	}
	win := figureWindow(doc, ev.sent, f, ev.figs)
	span := report.Span{Start: win.Start, End: after.Start + utf8.RuneCountInString(doc.Slice(after)[:m[1]])}
	if next := doc.Slice(report.Span{Start: span.End, End: min(span.End+1, end)}); next != "" && strings.Contains(rankClassifiers, next) {
		span.End++ // 第2 → 第2位, 第三 → 第三个
	}
	n := ct.cite(ev.doc, span)
	if q.Lang == English {
		return part{fmt.Sprintf("“%s” %s", doc.Slice(span), marker(n))}, true
	}
	return part{doc.Slice(span) + "。" + marker(n)}, true
}

// rankClassifiers may follow a rank's numeral (第2位, 第三个, 第1名).
const rankClassifiers = "位个名"

// besideEarlier answers a later ask of a question from the sentence that
// answered an earlier one: the figure there, not used yet, that the ask's
// gates let through and its own words cover best.
func (e *Engine) besideEarlier(q *Question, prev []verdict) (verdict, bool) {
	var best verdict
	bestCover, passed := 0.0, 0
	for _, pv := range prev {
		ev := pv.best
		doc := e.docs[ev.doc]
		want := e.wantFor(q, ev.doc)
		for _, f := range ev.figs {
			if usedFigure(prev, f) || e.figureGate(q, ev, f, want) != "" {
				continue
			}
			passed++
			win := figureWindow(doc, ev.sent, f, ev.figs)
			c := e.subjectCoverIn(q, ev.doc, fold(doc.Slice(win)), nil, f)
			if pv.fig != nil && pv.fig.Span.End <= f.Span.Start {
				// 新增高速公路通车里程1523公里，总里程达8667公里: a figure
				// right after the earlier answer shares its subject.
				pw := figureWindow(doc, ev.sent, pv.fig, ev.figs)
				c = max(c, e.subjectCoverIn(q, ev.doc, fold(doc.Slice(report.Span{Start: pw.Start, End: win.End})), nil, f))
			}
			if best.fig == nil || c > bestCover {
				best, bestCover = verdict{ok: true, best: ev, fig: f}, c
			}
		}
	}
	if passed == 1 && (q.Rate || q.Unit != "") {
		// The kind asked (a rate, 多少天) lets one figure through: that is
		// the answer, whatever words the sentence gives it (办结率100%).
		return best, true
	}
	return best, best.fig != nil && bestCover >= besideCover
}

// besideCover is the least cover of a later ask's own words that a figure
// beside an earlier answer needs.
const besideCover = 0.5

// sameSentence reports whether v was answered from the sentence of an
// earlier answer.
func sameSentence(prev []verdict, v verdict) bool {
	for _, p := range prev {
		if p.best != nil && v.best != nil && p.best.sent == v.best.sent {
			return true
		}
	}
	return false
}

// usedFigure reports whether an earlier ask was answered with f.
func usedFigure(prev []verdict, f *report.Figure) bool {
	for _, v := range prev {
		if v.fig == f {
			return true
		}
	}
	return false
}

// inherit gives a later ask of a question what the first ask set and it
// lacks: the first ask's subject terms, and the whole question's years
// and places (…投资多少?增速呢?).
func inherit(sub, whole, first *Question, i int) {
	if i == 0 {
		return
	}
	now := lexicon.NowRE.MatchString(strings.ToLower(sub.Raw))
	ownPeriod := len(sub.Years) > 0 || sub.PastFive || sub.NextFive || sub.ThisYear || sub.LastYear || now
	if now && len(sub.Years) == 0 && !sub.PastFive && !sub.NextFive {
		// …aiming for under the 15th Five-Year Plan, and where does it
		// stand now: the level reached, not the goal's period.
		sub.Want = WantResult
	} else if len(sub.Years) == 0 && !sub.PastFive && !sub.NextFive {
		sub.Years = whole.Years
		sub.PastFive, sub.NextFive = whole.PastFive, whole.NextFive
	}
	if len(sub.Places) == 0 {
		sub.Places = whole.Places
	}
	if sub.Want == WantAny && !ownPeriod {
		// A later ask that names its own period (…, and what level did it
		// reach in 2023) wants what that period is, not the whole
		// question's goal.
		sub.Want = whole.Want
	}
	carried := subjectTerms(first)
	if len(sub.Years) > 0 || sub.PastFive || sub.NextFive {
		// The later ask names its own time (…, and in 2026?): the
		// earlier one's period words do not come along.
		carried = slices.DeleteFunc(slices.Clone(carried), namesPeriod)
	}
	carried = slices.DeleteFunc(carried, func(t *Term) bool { return hasTerm(sub, t.Text) })
	if !hasSubject(sub) {
		// The same thing, asked again (…增长多少？2026年目标是多少？):
		// its subject and whether a change or a rate is wanted.
		sub.sameSubject = true
		sub.Terms = append(sub.Terms, carried...)
		// The first ask's change, not a later difference ask's (还差多少个
		// 百分点); an ask for a size (how large did the total get, 总额多
		// 大) wants a level.
		sub.Change = sub.Change || first.Change && !lexicon.SizeAskRE.MatchString(strings.ToLower(sub.Raw))
		sub.Rate = sub.Rate || first.Rate
		// …, and where does it stand now: a figure again.
		sub.Quantity = sub.Quantity || first.Quantity && !sub.List && !sub.Section && !sub.Rank
		return
	}
	// A later ask usually continues the first one's subject (…, and what
	// was the completion rate): its terms come along at a lower weight.
	for _, t := range carried {
		c := *t
		c.Weight *= inheritedWeight
		c.Inherited = true
		sub.Terms = append(sub.Terms, &c)
	}
}

// namesPeriod reports whether a term names a period (十四五, the 14th
// Five-Year Plan) rather than a subject.
func namesPeriod(t *Term) bool {
	if isPeriodWord(t.Text) {
		return true
	}
	for _, f := range t.Forms {
		if isPeriodWord(f) {
			return true
		}
	}
	return false
}

// hasTerm reports whether q already has a term of that text.
func hasTerm(q *Question, text string) bool {
	for _, t := range q.Terms {
		if t.Text == text {
			return true
		}
	}
	return false
}

// hasInherited reports whether q holds terms inherited from an earlier
// ask at a lower weight.
func hasInherited(q *Question) bool {
	for _, t := range q.Terms {
		if t.Inherited {
			return true
		}
	}
	return false
}

// fullyInherited returns a copy of q whose inherited terms weigh in full.
func fullyInherited(q *Question) *Question {
	c := *q
	c.Terms = make([]*Term, len(q.Terms))
	for i, t := range q.Terms {
		c.Terms[i] = t
		if t.Inherited {
			u := *t
			u.Weight /= inheritedWeight
			u.Inherited = false
			c.Terms[i] = &u
		}
	}
	return &c
}

// ownTermsOnly returns q without the terms it took from the first ask.
func ownTermsOnly(q *Question) *Question {
	c := *q
	c.Terms = slices.DeleteFunc(slices.Clone(q.Terms), func(t *Term) bool { return t.Inherited })
	return &c
}

// inheritedWeight scales the first ask's subject terms in a later ask that
// has a subject of its own.
const inheritedWeight = 0.5

// hasSubject reports whether a question names something of its own: a
// term that is not a word of change or kind (增速, 目标).
func hasSubject(q *Question) bool {
	for _, t := range q.Terms {
		if !t.Single && !t.Ask {
			return true
		}
	}
	return false
}

// subjectTerms are a question's terms that name its subject.
func subjectTerms(q *Question) []*Term {
	var out []*Term
	for _, t := range q.Terms {
		if !t.Single && !t.Ask {
			out = append(out, t)
		}
	}
	return out
}

// isAskWord reports whether a term only says what is asked (a change, a
// target, a result) rather than about what.
func isAskWord(w string) bool {
	low := strings.ToLower(w)
	if lexicon.AskWordRE.MatchString(low) {
		return true
	}
	// A phrase made only of ask words (growth rate, average annual,
	// 规模达到) asks too.
	words := strings.Fields(low)
	if isHan(w) {
		words = cedict.Segment(w)
	}
	for _, x := range words {
		if !lexicon.AskWordRE.MatchString(x) {
			return false
		}
	}
	return len(words) > 1
}

// resolveFollowUp rewrites a follow-up that names no subject of its own
// (增速呢?) by borrowing the subject of the previous question.
func (e *Engine) resolveFollowUp(q string, history []answer.Turn) string {
	if len(history) == 0 {
		return q
	}
	own := e.understand(q)
	if hasSubject(own) || own.Section || own.Count {
		return q
	}
	prev := history[len(history)-1].Question
	subj := e.understand(prev)
	var words []string
	for _, t := range subjectTerms(subj) {
		words = append(words, t.Text)
	}
	if len(words) == 0 {
		return q
	}
	return strings.Join(words, " ") + " " + q
}

// narrowByPlace restricts a question that names a loaded report's region
// to that report, when several are loaded.
func (e *Engine) narrowByPlace(q *Question, docs []int) []int {
	if len(e.docs) < 2 || len(q.Places) == 0 || q.Across {
		return docs
	}
	var out []int
	for _, d := range e.docList(docs) {
		for _, p := range q.Places {
			if strings.Contains(e.scope[d], fold(p)) {
				out = append(out, d)
				break
			}
		}
	}
	if len(out) == 0 {
		return docs
	}
	return out
}

// llmMayHelp reports whether the LLM is worth asking: the offline path
// found relevant text, and did not refuse for a reason the text settles
// (a place or year not covered, an injection).
func (e *Engine) llmMayHelp(q *Question, v verdict) bool {
	switch v.reason {
	case Injection, OtherPlace, OtherYear:
		if !v.ok {
			return false
		}
	}
	return v.ok || v.best != nil && v.best.cover >= llmMinCover
}

// withLLM asks the LLM and keeps its answer when it passes every check.
func (e *Engine) withLLM(ctx context.Context, req answer.Request, q *Question, docs []int, ext answer.Answer, v verdict) (answer.Answer, error) {
	passages, err := e.llmPassages(ctx, q, docs, req.Section, ext)
	if err != nil {
		return answer.Answer{}, err
	}
	call := llmCall{req: req, passages: passages, opt: llmOptions{Timeout: e.cfg.llmTimeout}}
	call.req.Question = q.Raw
	call.check = answer.CheckOptions{Question: q.Raw, Years: e.yearsOf(docs)}
	la, err := generate(ctx, e.cfg.llm, e.cfg.model, call)
	switch {
	case err != nil:
		e.log.Debug("llm fallback", "err", err)
		return fallback(ext, FallbackNote(err)), nil
	case !la.Answerable && ext.Answerable:
		return fallback(ext, "the LLM found no answer in the passages; showing the extractive answer"), nil
	case la.Answerable && v.fig != nil && !mentionsFigure(la.Text, v.fig):
		return fallback(ext, "the LLM's figure disagrees with the report's figure for what was asked; showing the extractive answer"), nil
	case citesInstruction(la.Citations):
		return fallback(ext, "the LLM answer rests on a passage that reads as instructions; showing the extractive answer"), nil
	}
	la.Question = q.Raw
	la.Mode = answer.ModeLLM
	la.Reports = reportsOf(la.Citations)
	return la, nil
}

// fallback marks the extractive answer as the fallback of a failed LLM
// answer.
func fallback(ext answer.Answer, note string) answer.Answer {
	ext.Mode = answer.ModeFallback
	ext.Note = note
	return ext
}

// mentionsFigure reports whether an answer states the figure's number.
func mentionsFigure(text string, f *report.Figure) bool {
	nums := answer.Numbers(f.Raw)
	if len(nums) == 0 {
		return true // a Chinese numeral: the claim check covers it
	}
	for _, n := range answer.Numbers(text) {
		if n == nums[0] {
			return true
		}
	}
	return false
}

// llmPassages numbers the passages the LLM gets: the extractive answer's
// citations, then the chunks of the best evidence.
func (e *Engine) llmPassages(ctx context.Context, q *Question, docs []int, section string, ext answer.Answer) ([]answer.Citation, error) {
	ct := e.newCiter()
	for _, c := range ext.Citations {
		ct.cite(e.docIndexByTitle(c.Report, c.File), report.Span{Start: c.Start, End: c.End})
	}
	evs, err := e.gather(ctx, q, docs, section)
	if err != nil {
		return nil, err
	}
	for _, ev := range evs {
		if len(ct.list) >= llmPassages {
			break
		}
		ch := e.idx.Chunk(ev.chunk)
		ct.cite(ev.doc, report.Span{Start: ch.Start, End: ch.End})
	}
	return ct.citations(), nil
}

// docIndexByTitle finds a loaded report by its title and file name.
func (e *Engine) docIndexByTitle(title, file string) int {
	for d, doc := range e.docs {
		if doc.Title == title && e.idx.Name(d) == file {
			return d
		}
	}
	return 0
}

// yearsOf returns the planned and reviewed years of the reports.
func (e *Engine) yearsOf(docs []int) []int {
	var out []int
	for _, d := range e.docList(docs) {
		out = append(out, e.docs[d].Year, e.docs[d].ReviewYear)
	}
	return out
}

// reportsOf returns the titles of cited reports in order of first
// citation.
func reportsOf(cs []answer.Citation) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range cs {
		if !seen[c.Report] {
			seen[c.Report] = true
			out = append(out, c.Report)
		}
	}
	return out
}

// citesInstruction reports whether an answer cites a passage that reads
// as instructions to the reader: such a passage is data, never support.
func citesInstruction(cs []answer.Citation) bool {
	for _, c := range cs {
		if answer.LooksLikeInstruction(c.Text) {
			return true
		}
	}
	return false
}

// repeats reports whether p says nothing the parts before it do not.
func repeats(parts []part, p part) bool {
	bare := citeMarkerRE.ReplaceAllString(p.text, "")
	for _, q := range parts {
		if strings.Contains(citeMarkerRE.ReplaceAllString(q.text, ""), strings.TrimRight(bare, "。. ")) {
			return true
		}
	}
	return false
}

var citeMarkerRE = regexp.MustCompile(`\[\d+\]`)
