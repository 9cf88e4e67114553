package rag

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/reportbot/reportbot/report"
)

var (
	targetAskRE = regexp.MustCompile(`目标|力争|计划|打算|target|goal|plan`)
	listWordRE  = regexp.MustCompile(`哪几|哪些|哪[二三四五六七八九十两]`)
	quantityRE  = regexp.MustCompile(`(?i)多少|几[个项条家次名处座所场件人批栋户年天倍]|几|多大|多久|多长|多高|比例|比率|百分之|增速|增幅|降幅|规模|金额|面积|how many|how much|population|number of|what percentage|what share|what proportion|how large|how long|what rate|what (is|was|are|were) the .*(rate|value|number|amount|total|output|share|target|growth|size|area|ratio|percentage|level|volume|revenue|income)`)
	compareRE   = regexp.MustCompile(`相差|差多少|差距|多多少|少多少|高多少|低多少|哪个(规模)?更(大|高|快|多|少|低|慢)|哪个大|哪个多|哪个快|谁更|difference|which (is|was) (larger|bigger|higher|faster)|compared`)
	listAskRE   = regexp.MustCompile(`哪些|哪几|哪[二三四五六七八九十两]|几项|几个方面|重点|任务|举措|items|which (tasks|priorities|measures)`)
	countAskRE  = regexp.MustCompile(`几个部分|几部分|分几|多少(个)?部分|几个方面|多少个?方面|how many (sections|parts|areas)`)
	followUpRE  = regexp.MustCompile(`^(那|那么|它|其|该|这|这个|此|然后|还有|另外|同比|比上年|比去年|增长|下降|增速|and |what about|how about|and what)|呢[?？]?$`)
	subSplitRE  = regexp.MustCompile(`[？?]\s*`)
	changeAskRE = regexp.MustCompile(`增长|增速|增幅|下降|降幅|变化|升|降|growth|grew|change|increase|decrease|decline|rise|fall`)
)

// refusalZH and refusalEN are the plain statements for unanswerable
// questions.
const (
	refusalZH = "报告没有提到这一点。"
	refusalEN = "The report does not say."
)

// sentCand is a sentence considered for an answer.
type sentCand struct {
	s        *report.Sentence
	doc      int
	chunk    int
	rank     int // rank of its chunk
	coverage float64
	score    float64
	figs     []*report.Figure
	entity   bool    // the sentence (or its chunk) names what the question names
	metric   float64 // best metric match of its figures
}

// citer collects numbered citations.
type citer struct {
	e    *Engine
	list []Citation
	seen map[string]int
}

func (c *citer) cite(doc int, span report.Span, chunk int) int {
	key := fmt.Sprintf("%d:%d:%d", doc, span.Start, span.End)
	if n, ok := c.seen[key]; ok {
		return n
	}
	d := c.e.docs[doc]
	ct := Citation{
		N: len(c.list) + 1, Text: d.Slice(span), Start: span.Start, End: span.End,
		Report: d.Title, Date: d.ISODate,
	}
	if chunk >= 0 {
		ch := &c.e.chunks[chunk]
		ct.ID, ct.Label, ct.SectionID = ch.ID, ch.Label, ch.SectionID
	} else if sec := d.SectionAt(span.Start); sec != nil {
		ct.ID, ct.Label, ct.SectionID = sec.ID, sec.Label, sec.ID
	}
	c.list = append(c.list, ct)
	c.seen[key] = ct.N
	return ct.N
}

// has reports whether a span is already cited.
func (c *citer) has(doc int, span report.Span) bool {
	_, ok := c.seen[fmt.Sprintf("%d:%d:%d", doc, span.Start, span.End)]
	return ok
}

func (e *Engine) newCiter() *citer { return &citer{e: e, seen: map[string]int{}} }

// Ask answers a question from the reports. Offline (no LLM) the answer is
// extractive and deterministic: figures from the model and the sentences
// that state them, each cited. With an LLM the model writes the answer from
// the retrieved passages; if it fails or cites a number that is not in its
// passages, the extractive answer is returned with Mode ModeFallback and a
// Note. A question the reports do not answer gets Answerable false and no
// citations; that is a result, not an error. Ask returns ErrEmptyQuery for
// a blank question and an error only when retrieval itself fails.
func (e *Engine) Ask(ctx context.Context, req Request) (Answer, error) {
	q := strings.TrimSpace(req.Question)
	if q == "" {
		return Answer{}, ErrEmptyQuery
	}
	ans, err := e.extractive(ctx, req)
	if err != nil {
		return Answer{}, err
	}
	ans.Question = q
	// The LLM is asked only when the report answers the question: whether
	// it does is decided offline, so an LLM cannot talk its way past it.
	if e.cfg.llm == nil || !ans.Answerable {
		return ans, nil
	}
	passages, err := e.llmPassages(ctx, req, ans)
	if err != nil {
		return Answer{}, err
	}
	la, err := generate(ctx, e.cfg.llm, e.cfg.model, req, passages, llmOptions{Timeout: e.cfg.llmTimeout})
	if err != nil {
		e.log.Debug("llm fallback", "err", err)
		ans.Mode = ModeFallback
		ans.Note = FallbackNote(err)
		return ans, nil
	}
	if !la.Answerable {
		// The offline answer found the passages; keep it, and say the
		// model could not use them.
		ans.Mode = ModeFallback
		ans.Note = "the LLM found no answer in the passages; showing the extractive answer"
		return ans, nil
	}
	la.Question = q
	la.Mode = ModeLLM
	return la, nil
}

// llmPassages numbers the passages an LLM gets: the sentences the
// extractive answer cited, then the best chunks for the question.
func (e *Engine) llmPassages(ctx context.Context, req Request, ans Answer) ([]Citation, error) {
	var out []Citation
	seen := map[[2]int]bool{}
	add := func(c Citation) {
		key := [2]int{c.Start, c.End}
		if seen[key] {
			return
		}
		seen[key] = true
		c.N = len(out) + 1
		out = append(out, c)
	}
	for _, c := range ans.Citations {
		add(c)
	}
	hits, err := e.Search(ctx, Query{Text: e.resolveFollowUp(req.Question, req.History), K: 6, Report: req.Report, Section: req.Section})
	if err != nil {
		return nil, err
	}
	for _, h := range hits {
		d := e.docs[e.docIndex(h.ReportID)]
		add(Citation{ID: h.ID, Label: h.Label, SectionID: h.SectionID, Report: d.Title, Date: d.ISODate, Text: h.Text, Start: h.Start, End: h.End})
	}
	return out, nil
}

// extractive builds the offline answer and returns the passages an LLM
// would be given.
func (e *Engine) extractive(ctx context.Context, req Request) (Answer, error) {
	q := strings.TrimSpace(req.Question)
	di := 0
	for i := range e.docs {
		if e.reportMatches(i, req.Report) {
			di = i
			break
		}
	}
	english := isEnglish(q)
	refuse := func(note string) Answer {
		t := refusalZH
		if english {
			t = refusalEN
		}
		if note != "" {
			t += note
		}
		return Answer{Question: q, Text: t, Answerable: false, Grounded: true, Mode: ModeExtractive, Citations: []Citation{}}
	}
	if injectionRE.MatchString(q) {
		note := "(问题中含有要求改变回答方式的指令,已忽略;我只依据报告作答。)"
		if english {
			note = " (The question contains instructions to change how I answer; they were ignored. I answer only from the report.)"
		}
		return refuse(note), nil
	}
	eff := e.resolveFollowUp(q, req.History)
	a := e.analyze(eff, di)
	ct := e.newCiter()

	if ans, ok := e.answerStructure(ctx, a, req, di, ct); ok {
		return e.finish(ans, ct, q), nil
	}

	// A follow-up is answered as itself, borrowing the subject of the
	// previous question; other questions are split at their question marks.
	followUp := eff != q
	parts := splitQuestion(q)
	if !followUp {
		parts = splitQuestion(eff)
	}
	var lines []string
	answered := 0
	var notes []string
	var first analyzed
	if followUp {
		first = e.analyze(req.History[len(req.History)-1].Question, di)
	}
	for pi, part := range parts {
		pa := e.analyze(part, di)
		if pi == 0 && !followUp {
			first = pa
		} else if followUp || len(contentTerms(pa, e)) < 3 {
			// 2024年的目标是多少? borrows the subject of the first part,
			// keeping its own time and question words.
			pa = e.borrowSubject(pa, first, di)
		}
		cands, err := e.candidates(ctx, pa, req)
		if err != nil {
			return Answer{}, err
		}
		line, note, ok := e.compose(pa, cands, ct)
		if note != "" {
			notes = append(notes, note)
		}
		if ok {
			answered++
			lines = append(lines, line)
		}
	}
	if answered == 0 {
		note := ""
		if len(notes) > 0 {
			note = notes[0]
		}
		return refuse(note), nil
	}
	if cmp, ok := e.compare(a, ct); ok {
		lines = append(lines, cmp)
	}
	ans := Answer{Question: q, Text: strings.Join(lines, "\n"), Answerable: true, Mode: ModeExtractive}
	return e.finish(ans, ct, q), nil
}

// finish attaches citations and checks grounding.
func (e *Engine) finish(ans Answer, ct *citer, q string) Answer {
	ans.Citations = ct.list
	if ans.Citations == nil {
		ans.Citations = []Citation{}
	}
	srcs := []string{q}
	for _, c := range ct.list {
		srcs = append(srcs, c.Text)
	}
	ans.Grounded = len(UnsupportedNumbers(ans.Text, srcs...)) == 0
	if ans.Mode == "" {
		ans.Mode = ModeExtractive
	}
	return ans
}

// resolveFollowUp prefixes an elliptical follow-up (比上年增长多少?) with
// the previous question, so retrieval sees its subject.
func (e *Engine) resolveFollowUp(q string, history []Turn) string {
	if len(history) == 0 {
		return q
	}
	prev := history[len(history)-1].Question
	a := e.analyze(q, 0)
	if followUpRE.MatchString(strings.ToLower(q)) || len(contentTerms(a, e)) < 3 {
		return prev + " " + q
	}
	return q
}

// contentTerms are the question's terms that are specific: present in
// few chunks, or absent from the reports.
func contentTerms(a analyzed, e *Engine) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range tokenize(a.content, nil) {
		if seen[t] {
			continue
		}
		seen[t] = true
		if e.lex.idf(t) > 1.5 {
			out = append(out, t)
		}
	}
	return out
}

// splitQuestion splits a multi-part question at its question marks.
func splitQuestion(q string) []string {
	var out []string
	for _, p := range subSplitRE.Split(q, -1) {
		if strings.TrimSpace(p) != "" {
			out = append(out, strings.TrimSpace(p))
		}
	}
	if len(out) == 0 {
		return []string{q}
	}
	return out
}

// termWeights returns the question's terms with their IDF weights:
// content terms at full weight, glossary expansions at a lower one. total
// counts only terms that occur in the reports: a bigram across two words
// of the question occurs nowhere and says nothing.
func (e *Engine) termWeights(a analyzed) (termList, float64) {
	w := map[string]float64{}
	total := 0.0
	base := tokenize(a.content, nil)
	if a.english {
		base = nil
	}
	for _, t := range base {
		if _, ok := w[t]; ok || len(e.lex.postings[t]) == 0 {
			continue
		}
		x := e.lex.idf(t)
		w[t] = x
		total += x
	}
	for _, x := range a.expansion {
		for _, t := range tokenize(x, nil) {
			if _, ok := w[t]; ok || len(e.lex.postings[t]) == 0 {
				continue
			}
			v := e.lex.idf(t) * 0.8
			if a.english {
				v = e.lex.idf(t)
				total += v
			}
			w[t] = v
		}
	}
	// English words the glossary could not translate are content the
	// reports may lack: each weighs half an average term.
	if a.english && len(w) > 0 && len(a.unknown) > 0 {
		total += 0.5 * total / float64(len(w)) * float64(len(a.unknown))
	}
	// A sorted list, so that sums (and ties between them) do not depend
	// on map order.
	out := make(termList, 0, len(w))
	for t, x := range w {
		out = append(out, termW{t, x})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].term < out[j].term })
	return out, total
}

// termW is a question term and its weight.
type termW struct {
	term   string
	weight float64
}

type termList []termW

// entityRuns returns the runs of rare terms in the question: two or more
// consecutive bigrams each found in at most two chunks, such as the
// bigrams of 观湖实验学校. An answer must name the thing the question names.
func (e *Engine) entityRuns(a analyzed) [][]string {
	if a.english {
		return nil
	}
	var runs [][]string
	for _, piece := range strings.Fields(a.content) {
		toks := tokenize(piece, nil)
		var run []string
		flush := func() {
			if len(run) >= 2 {
				runs = append(runs, run)
			}
			run = nil
		}
		for _, t := range toks {
			df := len(e.lex.postings[t])
			if df >= 1 && df <= 2 && len([]rune(t)) == 2 {
				run = append(run, t)
			} else {
				flush()
			}
		}
		flush()
	}
	return runs
}

// entityOK reports whether a text names what every rare run names: at
// least half of the run's bigrams, or three in five of its characters
// (入库率 is named by 土地100%入库).
func entityOK(runs [][]string, have map[string]bool, text string) bool {
	for _, run := range runs {
		n := 0
		chars := map[rune]bool{}
		for _, t := range run {
			if have[t] {
				n++
			}
			for _, r := range t {
				chars[r] = true
			}
		}
		if 2*n >= len(run) {
			continue
		}
		hit := 0
		for r := range chars {
			if strings.ContainsRune(text, r) {
				hit++
			}
		}
		if 5*hit < 3*len(chars) {
			return false
		}
	}
	return true
}

// candidates ranks the sentences of the best chunks for a question.
func (e *Engine) candidates(ctx context.Context, a analyzed, req Request) ([]sentCand, error) {
	scores, err := e.rank(ctx, a, req.Report, req.Section)
	if err != nil {
		return nil, err
	}
	top := topN(scores, 8, nil)
	w, total := e.termWeights(a)
	if total == 0 {
		return nil, nil
	}
	runs := e.entityRuns(a)
	quantity := a.quantity
	var out []sentCand
	for r, s := range top {
		c := &e.chunks[s.i]
		di := e.docIndex(c.ReportID)
		d := e.docs[di]
		labelTerms := map[string]bool{}
		for _, t := range tokenize(c.Label, nil) {
			labelTerms[t] = true
		}
		chunkTerms := map[string]bool{}
		for _, t := range tokenize(c.Text, nil) {
			chunkTerms[t] = true
		}
		for _, sent := range c.sentences {
			text := d.Slice(sent.Span)
			have := e.sentTerms[sent]
			got := 0.0
			for _, tw := range w {
				t, x := tw.term, tw.weight
				switch {
				case have[t]:
					got += x
				case labelTerms[t]:
					got += x * 0.3
				}
			}
			cov := math.Min(1, got/total)
			sc := sentCand{s: sent, doc: di, chunk: s.i, rank: r, coverage: cov}
			sc.entity = entityOK(runs, have, text) || entityOK(runs, chunkTerms, c.Text)
			for _, f := range d.Figures {
				if f.Sentence == sent {
					sc.figs = append(sc.figs, f)
				}
			}
			score := cov + 0.08/float64(1+r)
			if sent.Span.Len() < 16 {
				score -= 0.1 // a bare heading is rarely the answer
			}
			if !sc.entity {
				score -= 0.25
			}
			if a.except != "" && strings.Contains(text, a.except) {
				score -= 0.3
			}
			if quantity && len(sc.figs) > 0 {
				score += 0.1
				best := 0.0
				for _, f := range sc.figs {
					best = math.Max(best, e.metricMatch(a.norm, f.Metric))
				}
				sc.metric = best
				score += 0.2 * best
			}
			switch fit := e.timeFit(a, s.i); {
			case fit > 0:
				score += 0.06
			case fit < 0:
				score -= 0.06
			case !a.planWord && !a.reviewWord && len(a.years) == 0:
				// Without a time, results before targets.
				if c.Plan {
					score -= 0.03
				} else {
					score += 0.03
				}
			}
			sc.score = score
			out = append(out, sc)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].score > out[j].score })
	return out, nil
}

// answerFloor is the least share of a question's weighted terms that the
// best sentence must hold for the question to count as answered.
const answerFloor = 0.4

var whenRE = regexp.MustCompile(`哪一年|哪年|何时|什么时候|几月|哪一天|(?i)\bwhen\b|what year`)
var yearOrDateRE = regexp.MustCompile(`\d{4}\s*年|\d{1,2}\s*月|上半年|下半年|年底|年初|年内`)

// askedNoun returns what a quantity question asks the number of: the
// words before 是多少 (总投资额) or after 多少个 (党组织), with the measure
// word.
func askedNoun(q string) (noun string) {
	if m := askAfterRE.FindStringSubmatch(q); m != nil && strings.TrimSpace(m[2]) != "" {
		return m[1] + strings.TrimSpace(m[2])
	}
	if loc := askBeforeRE.FindStringIndex(q); loc != nil {
		before := yearInQRE.ReplaceAllString(q[:loc[0]], "")
		rs := []rune(strings.TrimSuffix(strings.TrimRight(before, "是有为达到了的共约,， "), "分别"))
		if len(rs) > 6 {
			rs = rs[len(rs)-6:]
		}
		return string(rs)
	}
	return ""
}

// measureChars are measure words that may lead the asked words (多少个党组织).
const measureChars = "个家项条名处所场次件宗人批栋户套座米天年倍"

var (
	askAfterRE  = regexp.MustCompile(`(?:多少|几|多大|多高|多长)(个月|个|家|项|条|名|处|所|场次|场|次|件|宗|人次|人|批次|批|栋|户|套|座|米|天|年|倍|公顷|平方米|亿元|万元|元)?([^,，。？?、]{0,8})`)
	askBeforeRE = regexp.MustCompile(`多少|多大|多久|多长|几`)
)

// nounShare is the share of the asked words' characters (particles and
// punctuation aside) that occur in a figure's metric: 总投资额 shares
// nothing with 土地入库, 比例 all with 空气质量优良天数比例.
func nounShare(asked, metric string) float64 {
	n, hit := 0, 0
	for _, r := range asked {
		if !unicode.Is(unicode.Han, r) || strings.ContainsRune(zhParticles, r) {
			continue
		}
		n++
		if strings.ContainsRune(metric, r) {
			hit++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(hit) / float64(n)
}

// compose writes the answer line for one (sub-)question from its ranked
// sentences. ok is false when the reports do not answer it; note then
// explains, for example, that only a target exists.
func (e *Engine) compose(a analyzed, cands []sentCand, ct *citer) (line, note string, ok bool) {
	if len(cands) == 0 {
		return "", "", false
	}
	quantity := a.quantity
	when := whenRE.MatchString(a.raw)
	asked := a.asked
	who := whoAsked(a.raw)
	floor := answerFloor
	if a.borrowed {
		floor *= 0.7 // the first part already found the subject
	}
	var best, yearMiss, periodMiss *sentCand
	for i := range cands[:min(6, len(cands))] {
		c := &cands[i]
		if c.coverage < floor || !c.entity || ct.has(c.doc, c.s.Span) {
			continue
		}
		text := e.docs[c.doc].Slice(c.s.Span)
		if when && !yearOrDateRE.MatchString(text) {
			continue
		}
		if who != "" && !strings.Contains(text, who) {
			continue // 党工委书记是谁? needs a sentence that names the 党工委书记
		}
		if !e.yearsCovered(a, c.doc) && !mentionsYear(text, a.years) {
			// 2022年… in a report of 2023 and 2024: not this report's year.
			if yearMiss == nil {
				yearMiss = c
			}
			continue
		}
		if quantity && !when && e.timeFit(a, c.chunk) < 0 && (!a.plan || targetAskRE.MatchString(a.raw) || len(a.years) > 0) {
			// A result asked for and a target found, or the reverse.
			if periodMiss == nil {
				periodMiss = c
			}
			continue
		}
		if quantity && !when {
			if len(c.figs) == 0 {
				continue
			}
			fits := c.metric >= 0.5 || a.english && (c.metric > 0 || c.coverage >= 0.55)
			for _, f := range c.figs {
				for _, part := range strings.Split(asked, ",") {
					if nounShare(strings.TrimLeft(part, measureChars), f.Metric) >= 0.5 {
						fits = true
					}
				}
			}
			if !fits {
				continue
			}
		}
		best = c
		break
	}
	if best == nil {
		switch {
		case periodMiss != nil && e.chunks[periodMiss.chunk].Plan:
			return "", e.say(a, fmt.Sprintf("报告只在%s中给出了目标,没有给出实际完成的数字。", sectionRef(e, *periodMiss)),
				fmt.Sprintf(" The report gives only a target (in %s), not a result.", e.chunks[periodMiss.chunk].Label)), false
		case periodMiss != nil:
			return "", e.say(a, fmt.Sprintf("报告只在%s中给出了已完成的结果,没有给出目标。", sectionRef(e, *periodMiss)),
				fmt.Sprintf(" The report gives only a result (in %s), not a target.", e.chunks[periodMiss.chunk].Label)), false
		case yearMiss != nil:
			return "", e.say(a, "报告没有给出所问年份的数字。", " The report does not cover the year asked about."), false
		}
		return "", "", false
	}
	n := ct.cite(best.doc, best.s.Span, best.chunk)
	text := e.docs[best.doc].Slice(best.s.Span)
	var b strings.Builder
	if lead := e.figureLead(a, *best); lead != "" {
		b.WriteString(lead)
		fmt.Fprintf(&b, " [%d]\n", n)
		if a.english {
			b.WriteString("Source: “")
		} else {
			b.WriteString("原文:")
		}
	} else if a.english {
		b.WriteString("According to the report: “")
	}
	b.WriteString(text)
	if a.english {
		b.WriteString("”")
	}
	fmt.Fprintf(&b, " [%d]", n)
	// A bare heading (一是主导产业强基础。) says little: add the sentence
	// that follows it.
	if best.s.Span.Len() < 16 && !quantity {
		ss := e.chunks[best.chunk].sentences
		for k, s := range ss {
			if s == best.s && k+1 < len(ss) {
				next := ss[k+1]
				m := ct.cite(best.doc, next.Span, best.chunk)
				fmt.Fprintf(&b, "\n%s [%d]", e.docs[best.doc].Slice(next.Span), m)
			}
		}
	}
	// A close second sentence from elsewhere often completes a list.
	for _, second := range cands[1:min(4, len(cands))] {
		if second.s != best.s && second.entity && second.coverage >= math.Max(answerFloor, best.coverage*0.9) && !quantity && (a.except == "" || !strings.Contains(e.docs[second.doc].Slice(second.s.Span), a.except)) {
			n2 := ct.cite(second.doc, second.s.Span, second.chunk)
			fmt.Fprintf(&b, "\n%s [%d]", e.docs[second.doc].Slice(second.s.Span), n2)
			break
		}
	}
	return b.String(), "", true
}

func sectionRef(e *Engine, c sentCand) string {
	return "「" + e.chunks[c.chunk].Label + "」"
}

// figureLead states the figures of the sentence that the question asks
// for: metric, value as written, its change, and whether it is a result
// or a target.
func (e *Engine) figureLead(a analyzed, c sentCand) string {
	if len(c.figs) == 0 || !a.quantity {
		return ""
	}
	d := e.docs[c.doc]
	type pick struct {
		f *report.Figure
		m float64
	}
	var picks []pick
	bestM := 0.0
	norm := a.norm
	if a.ownNorm != "" {
		// A follow-up that names its own metric (固定资产投资呢?) wants that one.
		for _, f := range c.figs {
			if e.metricMatch(a.ownNorm, f.Metric) > 0 {
				norm = a.ownNorm
				break
			}
		}
	}
	for _, f := range c.figs {
		m := e.metricMatch(norm, f.Metric)
		if m > bestM {
			bestM = m
		}
		picks = append(picks, pick{f, m})
	}
	var chosen []*report.Figure
	if bestM > 0 {
		for _, p := range picks {
			if p.m >= bestM*0.6 {
				chosen = append(chosen, p.f)
			}
		}
	}
	if len(chosen) == 0 {
		return ""
	}
	wantChange := changeAskRE.MatchString(strings.ToLower(a.raw))
	var parts []string
	used := map[*report.Figure]bool{}
	for _, f := range chosen {
		if used[f] {
			continue
		}
		used[f] = true
		s := describeFigure(d, f, a.english)
		var changes []*report.Figure
		for _, g := range d.Changes(f) {
			if g.Sentence == f.Sentence && !used[g] {
				used[g] = true
				changes = append(changes, g)
			}
		}
		if wantChange && len(changes) > 0 && !a.english {
			// The change is what is asked: say it first, the level after.
			s = f.Metric + strings.TrimPrefix(changePhrase(changes[0], false), ",")
			if f.Period != "" && f.Period != "cumulative" {
				s += "(" + f.Period + "年)"
			}
			s += ",总量" + f.Raw
		} else {
			for _, g := range changes {
				s += changePhrase(g, a.english)
			}
		}
		if f.Kind == report.Change && !wantChange && len(chosen) > 1 {
			continue
		}
		parts = append(parts, s)
	}
	if a.english {
		return "The report gives " + strings.Join(parts, "; ") + "."
	}
	return strings.Join(parts, ";") + "。"
}

func describeFigure(d *report.Report, f *report.Figure, english bool) string {
	raw := f.Raw
	if f.Qualifier != "" && !strings.Contains(raw, f.Qualifier) {
		switch f.Qualifier {
		case "以上", "左右", "上下", "以内", "以下", "之多":
			raw += f.Qualifier
		default:
			raw = f.Qualifier + raw
		}
	}
	if english {
		kind := ""
		switch f.Kind {
		case report.Target:
			kind = fmt.Sprintf(" (a %d target)", d.Year)
		case report.Change:
			kind = " (change)"
		default:
			if f.Period != "" && f.Period != "cumulative" {
				kind = " (" + f.Period + " result)"
			} else if f.Period == "cumulative" {
				kind = " (cumulative)"
			}
		}
		return fmt.Sprintf("%s for %s%s", raw, f.Metric, kind)
	}
	switch f.Kind {
	case report.Target:
		return fmt.Sprintf("%s:%s(%d年目标)", f.Metric, raw, d.Year)
	case report.Change:
		dir := "增长"
		if f.Direction == report.Down {
			dir = "下降"
		}
		return fmt.Sprintf("%s%s%s", f.Metric, dir, raw)
	}
	when := ""
	switch {
	case f.Period == "cumulative":
		when = "(累计)"
	case f.Period != "":
		when = "(" + f.Period + "年)"
	}
	return fmt.Sprintf("%s:%s%s", f.Metric, raw, when)
}

func changePhrase(g *report.Figure, english bool) string {
	if english {
		dir := "up"
		if g.Direction == report.Down {
			dir = "down"
		}
		return fmt.Sprintf(", %s %s", dir, g.Raw)
	}
	dir := "增长"
	if g.Direction == report.Down {
		dir = "下降"
	}
	return ",同比" + dir + g.Raw
}

// compare answers 相差多少 / 哪个更大 between two figures the question
// names, computing the difference from the cited figures and saying so.
func (e *Engine) compare(a analyzed, ct *citer) (string, bool) {
	if !compareRE.MatchString(strings.ToLower(a.raw)) {
		return "", false
	}
	// The figures of the cited sentences that the question names.
	var figs []*report.Figure
	for _, c := range ct.list {
		di := 0
		for i, d := range e.docs {
			if d.Title == c.Report {
				di = i
			}
		}
		for _, f := range e.docs[di].Figures {
			if f.Span.Start >= c.Start && f.Span.End <= c.End && e.metricMatch(a.norm, f.Metric) > 0 {
				figs = append(figs, f)
			}
		}
	}
	if len(figs) < 2 {
		return "", false
	}
	// Pick the two best-matching figures with the same unit and kind.
	sort.SliceStable(figs, func(i, j int) bool {
		return e.metricMatch(a.norm, figs[i].Metric) > e.metricMatch(a.norm, figs[j].Metric)
	})
	var x, y *report.Figure
	for i := 0; i < len(figs) && y == nil; i++ {
		for j := i + 1; j < len(figs); j++ {
			if figs[i].Unit == figs[j].Unit && figs[i].Scale == figs[j].Scale && figs[i].Metric != figs[j].Metric && (figs[i].Kind == report.Change) == (figs[j].Kind == report.Change) {
				x, y = figs[i], figs[j]
				break
			}
		}
	}
	if x == nil {
		return "", false
	}
	if x.Value < y.Value {
		x, y = y, x
	}
	diff := x.Value - y.Value
	ds := strconv.FormatFloat(math.Round(diff*1e6)/1e6, 'f', -1, 64)
	unit := x.Scale + x.Unit
	if a.english {
		return fmt.Sprintf("%s (%s) is larger than %s (%s), by %s%s (computed from the cited figures: %s − %s).",
			x.Metric, x.Raw, y.Metric, y.Raw, ds, unit, trimNum(x.Value), trimNum(y.Value)), true
	}
	word := "大"
	if x.Kind == report.Change || x.Unit == "%" {
		word = "高"
	}
	return fmt.Sprintf("比较:%s(%s)比%s(%s)%s,相差%s%s(由引用数字计算:%s−%s)。",
		x.Metric, x.Raw, y.Metric, y.Raw, word, ds, unit, trimNum(x.Value), trimNum(y.Value)), true
}

func trimNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// borrowSubject gives a sub-question the content of the first one while
// keeping its own time hints and question words.
func (e *Engine) borrowSubject(pa, first analyzed, di int) analyzed {
	merged := e.analyze(first.content+" "+pa.raw, di)
	merged.raw = pa.raw
	merged.asked = first.asked + "," + pa.asked
	merged.borrowed = true
	merged.ownNorm = pa.norm
	merged.quantity = pa.quantity || first.quantity
	merged.plan, merged.review = pa.plan, pa.review
	merged.years, merged.planWord, merged.reviewWord = pa.years, pa.planWord, pa.reviewWord
	if !pa.plan && !pa.review {
		merged.plan, merged.review = first.plan, first.review
		merged.years, merged.planWord, merged.reviewWord = first.years, first.planWord, first.reviewWord
	}
	merged.norm = report.NormalizeMetric(first.content + " " + pa.content + " " + strings.Join(merged.expansion, " "))
	return merged
}

// isQuantity reports whether a question asks for a number (多少, 几个,
// what share), not for a list (哪几条道路).
func isQuantity(q string) bool {
	q = strings.ToLower(q)
	return quantityRE.MatchString(listWordRE.ReplaceAllString(q, " "))
}

// say picks the Chinese or the English text for a question.
func (e *Engine) say(a analyzed, zh, en string) string {
	if a.english {
		return en
	}
	return zh
}

// mentionsYear reports whether text names one of the years.
func mentionsYear(text string, years []int) bool {
	for _, y := range years {
		if strings.Contains(text, strconv.Itoa(y)) {
			return true
		}
	}
	return false
}

var whoRE = regexp.MustCompile(`([\p{Han}]{2,5})(?:是|为)谁`)

// whoAsked returns the role a 是谁 question asks about (党工委书记), or "".
func whoAsked(q string) string {
	if m := whoRE.FindStringSubmatch(q); m != nil {
		return m[1]
	}
	return ""
}
