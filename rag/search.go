package rag

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/reportbot/reportbot/report"
)

// Question words and fillers that carry no content; they are blanked out
// (not deleted, so no false bigram forms across them).
var zhFillers = sortByLenDesc([]string{
	"多少", "什么", "哪些", "哪个", "哪一", "哪几", "哪家", "哪类", "哪里", "哪项", "哪条", "哪", "是否", "怎么", "怎样", "如何", "为什么",
	"几个", "几项", "几条", "几家", "几", "吗", "呢", "请问", "告诉我", "一下", "报告中", "报告", "提到", "提出", "点名", "分别",
	"一共", "总共", "共有", "大约", "达到了", "是多少", "有多大", "多大", "多久", "多长", "多高", "多快",
})

var (
	yearInQRE      = regexp.MustCompile(`((?:19|20)\d{2})\s*年?`)
	planHintRE     = regexp.MustCompile(`今年|明年|计划|目标|力争|打算|将要|将会|准备|安排|部署|预计|争取|要做|规划|target|plan|will|goal|aim`)
	reviewHintRE   = regexp.MustCompile(`去年|上年|过去一年|完成了|实现了|取得|达到了|成效|成绩|回顾|总结|was|were|did|achieved|last year`)
	structHintRE   = regexp.MustCompile(`哪一部分|哪个部分|哪部分|几个部分|几部分|分几|哪一节|标题|第[一二三四五六七八九十]部分|哪一方面|哪个方面|几个方面|哪些方面|哪一项工作|哪一章|which section|what section|how many sections|which part|title`)
	injectionRE    = regexp.MustCompile(`(?i)忽略(以上|之前|前面|上述|所有|报告)|无视(以上|之前|报告)|ignore (all |the )?(previous|above|prior)|ignore (the|this) (report|document|context|passages?)|tell (me )?a joke|讲个笑话|写一首诗|write (me )?a poem|disregard (the |all )?(previous|above)|system prompt|系统提示|你现在是|扮演|jailbreak|developer mode|输出你的(指令|提示)`)
	quotedPhraseRE = regexp.MustCompile(`[“"「]([^”"」]{2,30})[”"」]`)
)

func sortByLenDesc(xs []string) []string {
	sort.SliceStable(xs, func(i, j int) bool { return len(xs[i]) > len(xs[j]) })
	return xs
}

// analyzed is a question prepared for retrieval.
type analyzed struct {
	raw        string
	english    bool
	content    string   // the question with fillers blanked
	expansion  []string // glossary terms
	terms      []string // lexical terms
	plan       bool     // asks about the plan (今年, 目标, 2024)
	review     bool     // asks about the review (去年, 2023)
	structure  bool     // asks about the report's sections
	injection  bool
	norm       string   // NormalizeMetric of content and expansions
	except     string   // 除X外: X is excluded
	asked      string   // what a quantity question asks the number of
	borrowed   bool     // a sub-question that took the subject of the first
	quantity   bool     // asks for a number
	years      []int    // years the question names
	planWord   bool     // 今年, 目标, 力争…
	reviewWord bool     // 去年, 完成了…
	ownNorm    string   // for a borrowed sub-question, the norm of its own words
	unknown    []string // English content words the glossary could not translate
}

// zhParticles are single characters blanked from questions: they join
// words without carrying content, and bigrams across them are noise.
const zhParticles = "的了是在有和与及等为把被又还都吗呢吧啊要"

var exceptRE = regexp.MustCompile(`(除了|除)([^,，。？?]{2,20}?)(以外|之外|外)`)

func (e *Engine) analyze(q string, di int) analyzed {
	a := analyzed{raw: q, english: isEnglish(q)}
	a.injection = injectionRE.MatchString(q)
	a.quantity = isQuantity(q)
	a.structure = structHintRE.MatchString(strings.ToLower(q))
	content := q
	for _, m := range yearInQRE.FindAllStringSubmatch(q, -1) {
		y, _ := strconv.Atoi(m[1])
		a.years = append(a.years, y)
	}
	content = yearInQRE.ReplaceAllString(content, " ")
	a.planWord = planHintRE.MatchString(strings.ToLower(q))
	a.reviewWord = reviewHintRE.MatchString(strings.ToLower(q))
	a.plan, a.review = e.wants(a, di)
	if a.english {
		a.expansion, a.unknown = translateEnglishLeft(q)
	} else {
		if m := exceptRE.FindStringSubmatch(content); m != nil {
			a.except = strings.TrimSpace(m[2])
			content = strings.Replace(content, m[0], " ", 1)
		}
		for _, f := range zhFillers {
			content = strings.ReplaceAll(content, f, " ")
		}
		content = strings.Map(func(r rune) rune {
			if strings.ContainsRune(zhParticles, r) {
				return ' '
			}
			return r
		}, content)
		a.expansion = expandChinese(q)
	}
	a.content = content
	if !a.english {
		a.asked = askedNoun(q)
	}
	a.terms = tokenize(content, nil)
	for _, x := range a.expansion {
		a.terms = tokenize(x, a.terms)
	}
	a.norm = report.NormalizeMetric(content + " " + strings.Join(a.expansion, " "))
	return a
}

// Search returns the chunks that best match the query: BM25 over
// character bigrams fused with vector similarity by reciprocal rank, then
// boosted where a chunk holds a figure whose metric the query names, where
// the query's time (past year or plan) matches the chunk's part, and, for
// questions about the report's sections, where the chunk opens a section.
// It returns ErrEmptyQuery for a blank query.
func (e *Engine) Search(ctx context.Context, q Query) ([]Hit, error) {
	if strings.TrimSpace(q.Text) == "" {
		return nil, ErrEmptyQuery
	}
	k := q.K
	if k <= 0 {
		k = 5
	}
	di := 0
	for i := range e.docs {
		if e.reportMatches(i, q.Report) {
			di = i
			break
		}
	}
	a := e.analyze(q.Text, di)
	scores, err := e.rank(ctx, a, q.Report, q.Section)
	if err != nil {
		return nil, err
	}
	top := topN(scores, max(20, k), nil)
	if !a.structure {
		// Questions about divisions are answered by headings, which cover
		// few of the question's words: keep the structural ranking for them.
		top = e.rerank(a, top)
	}
	if len(top) > k {
		top = top[:k]
	}
	hits := make([]Hit, 0, len(top))
	for r, s := range top {
		c := &e.chunks[s.i]
		d := e.docs[e.docIndex(c.ReportID)]
		hits = append(hits, Hit{
			Rank: r + 1, ID: c.ID, Label: c.Label, SectionID: c.SectionID, ReportID: c.ReportID, Report: d.Title,
			Text: c.Text, Start: c.Start, End: c.End, Score: roundScore(s.score), Plan: c.Plan,
		})
	}
	return hits, nil
}

func roundScore(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 4, 64), 64)
	return v
}

// rerank orders the best chunks by their fused score and by how much of
// the question their best sentence covers, the measure answers use.
func (e *Engine) rerank(a analyzed, top []scored) []scored {
	if len(top) == 0 {
		return top
	}
	w, total := e.termWeights(a)
	if total == 0 {
		return top
	}
	maxScore := top[0].score
	out := make([]scored, len(top))
	for i, s := range top {
		c := &e.chunks[s.i]
		best := 0.0
		for _, sent := range c.sentences {
			have := e.sentTerms[sent]
			got := 0.0
			for _, tw := range w {
				t, x := tw.term, tw.weight
				if have[t] {
					got += x
				}
			}
			best = max(best, got/total)
		}
		out[i] = scored{i: s.i, score: 0.5*s.score/maxScore + 0.5*min(1, best)}
	}
	sort.SliceStable(out, func(x, y int) bool { return out[x].score > out[y].score })
	return out
}

// rank scores every chunk for an analyzed question; chunks outside the
// filters score 0.
func (e *Engine) rank(ctx context.Context, a analyzed, reportFilter, sectionFilter string) ([]float64, error) {
	n := len(e.chunks)
	allowed := func(i int) bool {
		c := &e.chunks[i]
		if reportFilter != "" && !e.reportMatches(e.docIndex(c.ReportID), reportFilter) {
			return false
		}
		return sectionFilter == "" || strings.HasPrefix(c.SectionID, sectionFilter)
	}
	lex := make([]float64, n)
	e.lex.score(a.terms, lex)
	const k0 = 20.0
	fused := make([]float64, n)
	for r, s := range topN(lex, n, allowed) {
		fused[s.i] += 1 / (k0 + float64(r+1))
	}
	if e.coll != nil && e.coll.Count() > 0 {
		text := a.content + " " + strings.Join(a.expansion, " ")
		if strings.TrimSpace(text) == "" {
			text = a.raw
		}
		vec, err := e.cfg.embed(ctx, text)
		if err != nil {
			return nil, fmt.Errorf("rag: embed query: %w", err)
		}
		nRes := min(50, e.coll.Count())
		res, err := e.coll.QueryEmbedding(ctx, vec, nRes, nil, nil)
		if err != nil {
			return nil, fmt.Errorf("rag: vector query: %w", err)
		}
		r := 0
		for _, x := range res {
			i, err := strconv.Atoi(x.Metadata["i"])
			if err != nil || i < 0 || i >= n || !allowed(i) || x.Similarity <= 0 {
				continue
			}
			r++
			fused[i] += 1 / (k0 + float64(r))
		}
	}
	// Boosts.
	for i := range e.chunks {
		if fused[i] == 0 || !allowed(i) {
			fused[i] = 0
			continue
		}
		c := &e.chunks[i]
		if e.timeFit(a, i) > 0 {
			fused[i] += 0.008
		}
		if a.structure && c.Heading {
			fused[i] += 0.02 * e.titleMatch(c, a)
		}
	}
	if a.structure && countAskRE.MatchString(strings.ToLower(a.raw)) {
		// 共分几个部分?: the headings of the part's sections, in order.
		for di, d := range e.docs {
			if reportFilter != "" && !e.reportMatches(di, reportFilter) {
				continue
			}
			pa := e.analyze(a.raw, di)
			if part := targetPart(d, pa); part != nil {
				for k, sec := range headedSections(part) {
					for i := range e.chunks {
						if c := &e.chunks[i]; c.ReportID == e.ids[di] && c.SectionID == sec.ID && c.Heading && allowed(i) {
							fused[i] += 0.1 / float64(k+1)
						}
					}
				}
			}
		}
	}
	if a.structure {
		// Questions about the report's divisions: the opening chunks of
		// the sections whose title and body best cover the question.
		for rank, sec := range e.bestSections(a, 2) {
			for i := range e.chunks {
				c := &e.chunks[i]
				if c.Heading && c.SectionID == sec && fused[i] > 0 || c.Heading && c.SectionID == sec && allowed(i) {
					fused[i] += 0.05 / float64(rank+1)
				}
			}
		}
	}
	for _, fr := range e.figs {
		if fr.chunk < 0 || fused[fr.chunk] == 0 {
			continue
		}
		if m := e.metricMatch(a.norm, fr.fig.Metric); m > 0 {
			fused[fr.chunk] += 0.015 * m
		}
	}
	return fused, nil
}

// titleMatch is the share of a chunk's section title bigrams that the
// question contains.
func (e *Engine) titleMatch(c *Chunk, a analyzed) float64 {
	d := e.docs[e.docIndex(c.ReportID)]
	sec, _ := d.Node(c.SectionID).(*report.Section)
	if sec == nil {
		return 0
	}
	qs := map[string]bool{}
	for _, t := range a.terms {
		qs[t] = true
	}
	ts := tokenize(sec.Title, nil)
	if len(ts) == 0 {
		return 0
	}
	hit := 0
	for _, t := range ts {
		if qs[t] {
			hit++
		}
	}
	return float64(hit) / float64(len(ts))
}

// metricMatch says how well a normalized question names a figure's metric:
// 0 for no match, up to 1 when the whole metric appears. A metric whose
// matching part is preceded by a numeral the question lacks (二三级 for
// 三级) does not match.
func (e *Engine) metricMatch(qnorm, metric string) float64 {
	m, ok := e.normMetrics[metric]
	if !ok {
		m = []rune(report.NormalizeMetric(metric))
	}
	if len(m) < 2 {
		return 0
	}
	q := []rune(qnorm)
	best, bestAt := 0, 0
	// Longest common substring, O(len(q)*len(m)) on short strings.
	prev := make([]int, len(m)+1)
	cur := make([]int, len(m)+1)
	for i := 1; i <= len(q); i++ {
		for j := 1; j <= len(m); j++ {
			if q[i-1] == m[j-1] {
				cur[j] = prev[j-1] + 1
				if cur[j] > best {
					best, bestAt = cur[j], j-cur[j]
				}
			} else {
				cur[j] = 0
			}
		}
		prev, cur = cur, prev
	}
	if best < 3 && !(best == len(m) && best >= 2) {
		return 0
	}
	if bestAt > 0 && isNumeral(m[bestAt-1]) {
		return 0
	}
	return float64(best) / float64(len(m))
}

func isNumeral(r rune) bool {
	return strings.ContainsRune("一二三四五六七八九十两零", r) || unicode.IsDigit(r)
}

// structureWordsRE matches words that name the report's divisions, not a
// topic; they are blanked when sections are scored against a question.
var structureWordsRE = regexp.MustCompile(`工作安排|工作总结|工作回顾|工作部署|部分|方面|工作|标题|专门|部署|放在|哪个|哪一|哪些|聚焦|安排`)

// topicOnly is the analysis of a question with the words about the
// report's divisions blanked, for choosing a section by topic.
func (e *Engine) topicOnly(a analyzed) analyzed {
	t := a
	t.content = structureWordsRE.ReplaceAllString(a.content, " ")
	return t
}

// bestSections returns the IDs of the n headed sections whose title
// (thrice) and body best cover the question's topic terms.
func (e *Engine) bestSections(a analyzed, n int) []string {
	w, total := e.termWeights(e.topicOnly(a))
	if total == 0 {
		return nil
	}
	type sc struct {
		id    string
		score float64
	}
	var all []sc
	for _, d := range e.docs {
		for _, s := range d.Sections() {
			if !s.Kind.Headed() {
				continue
			}
			if a.plan && !a.review && s.Part.Kind != report.PartPlan || a.review && !a.plan && s.Part.Kind != report.PartReview {
				continue
			}
			if got := sectionScore(w, d, s); got > 0 {
				all = append(all, sc{s.ID, got})
			}
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].score > all[j].score })
	var out []string
	for i := 0; i < len(all) && i < n; i++ {
		out = append(out, all[i].id)
	}
	return out
}

// wants says whether a question asks about the plan or the review of
// report di: by the years it names (the report's planned or reviewed year)
// and by its words (目标, 去年).
func (e *Engine) wants(a analyzed, di int) (plan, review bool) {
	plan, review = a.planWord, a.reviewWord
	if di < 0 || di >= len(e.docs) {
		return plan, review
	}
	d := e.docs[di]
	for _, y := range a.years {
		switch {
		case y == d.Year && d.Year > 0:
			plan = true
		case y == d.ReviewYear && d.ReviewYear > 0:
			review = true
		}
	}
	return plan, review
}

// timeFit is +1 when chunk i is in the part of its report the question
// asks about (the plan for 2024年目标, the review for 2023年), -1 when it
// is in the other one, and 0 when the question does not say.
func (e *Engine) timeFit(a analyzed, i int) int {
	c := &e.chunks[i]
	plan, review := e.wants(a, e.docIndex(c.ReportID))
	switch {
	case plan && !review:
		if c.Plan {
			return 1
		}
		return -1
	case review && !plan:
		if c.Plan {
			return -1
		}
		if c.Kind == string(report.PartReview) {
			return 1
		}
	}
	return 0
}

// yearsCovered reports whether report di plans or reviews one of the
// years the question names (true when it names none).
func (e *Engine) yearsCovered(a analyzed, di int) bool {
	if len(a.years) == 0 {
		return true
	}
	d := e.docs[di]
	for _, y := range a.years {
		if y == d.Year || y == d.ReviewYear {
			return true
		}
	}
	return false
}

// docForQuestion picks the report a question is about when several are
// loaded: the first whose planned or reviewed year the question names.
func (e *Engine) docForQuestion(a analyzed, def int) int {
	for i := range e.docs {
		if len(a.years) > 0 && e.yearsCovered(a, i) {
			return i
		}
	}
	return def
}

// sectionScore is how well a section covers weighted terms: a term in the
// title counts thrice, one in the body once.
func sectionScore(w termList, d *report.Report, s *report.Section) float64 {
	title := map[string]bool{}
	for _, t := range tokenize(s.Title, nil) {
		title[t] = true
	}
	body := map[string]bool{}
	for _, t := range tokenize(d.Slice(s.Span), nil) {
		body[t] = true
	}
	got := 0.0
	for _, tw := range w {
		switch {
		case title[tw.term]:
			got += 3 * tw.weight
		case body[tw.term]:
			got += tw.weight
		}
	}
	return got
}
