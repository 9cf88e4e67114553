package rag

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/reportbot/reportbot/report"
)

// cnCount writes a small count as a Chinese numeral, so that a count the
// code computed from the report's headings is not mistaken for a figure
// quoted from it.
func cnCount(n int) string {
	d := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	switch {
	case n >= 0 && n <= 10:
		return d[n]
	case n < 20:
		return "十" + d[n-10]
	case n < 100 && n%10 == 0:
		return d[n/10] + "十"
	case n < 100:
		return d[n/10] + "十" + d[n%10]
	}
	return fmt.Sprint(n)
}

func enCount(n int) string {
	w := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"}
	if n >= 0 && n < len(w) {
		return w[n]
	}
	return fmt.Sprint(n)
}

// targetPart picks the part a structural question is about.
func targetPart(d *report.Report, a analyzed) *report.Part {
	var review, plan *report.Part
	for _, p := range d.Parts {
		switch {
		case p.Kind == report.PartReview && review == nil:
			review = p
		case p.Kind == report.PartPlan && plan == nil:
			plan = p
		}
	}
	switch {
	case a.plan && plan != nil:
		return plan
	case a.review && review != nil:
		return review
	case plan != nil:
		return plan
	}
	if len(d.Parts) > 0 {
		return d.Parts[0]
	}
	return nil
}

func headedSections(p *report.Part) []*report.Section {
	var out []*report.Section
	for _, s := range p.Sections {
		if s.Kind.Headed() {
			out = append(out, s)
		}
	}
	return out
}

// answerStructure answers questions about the report's own divisions: how
// many sections a part has, which section covers a topic, and what items a
// named section lists.
func (e *Engine) answerStructure(ctx context.Context, a analyzed, req Request, di int, ct *citer) (Answer, bool) {
	if req.Report == "" {
		di = e.docForQuestion(a, di)
		a = e.analyze(a.raw, di)
	}
	d := e.docs[di]
	low := strings.ToLower(a.raw)
	// A named section ("聚焦产业升级"部分) and a list question: its items.
	if listAskRE.MatchString(low) {
		if sec := namedSection(d, a.raw); sec != nil && len(sec.Items) > 0 {
			return e.itemsAnswer(d, di, sec, a, ct), true
		}
		// A named part (2023年工作总结部分有哪些方面?): its sections.
		for _, p := range d.Parts {
			if secs := headedSections(p); len(secs) > 0 && runeLen(p.Title) >= 4 && strings.Contains(a.raw, p.Title) {
				return e.partAnswer(d, di, p, secs, a, ct), true
			}
		}
	}
	if !a.structure {
		return Answer{}, false
	}
	part := targetPart(d, a)
	if part == nil {
		return Answer{}, false
	}
	secs := headedSections(part)
	if len(secs) == 0 {
		return Answer{}, false
	}
	if countAskRE.MatchString(low) {
		var b strings.Builder
		if a.english {
			fmt.Fprintf(&b, "%s has %s sections (counted from its headings):", part.Label, enCount(len(secs)))
		} else {
			fmt.Fprintf(&b, "「%s」共分%s个部分(按标题计数):", part.Label, cnCount(len(secs)))
		}
		for i, s := range secs {
			n := ct.cite(di, s.Heading, e.chunkOf(di, s.Heading.Start))
			sep := ";"
			if i == 0 {
				sep = ""
			}
			fmt.Fprintf(&b, "%s%s [%d]", sep, d.Slice(s.Heading), n)
		}
		b.WriteString("。")
		return Answer{Text: b.String(), Answerable: true}, true
	}
	// Which section covers the topic: score sections by the question's
	// topic terms over title (thrice) and body.
	w, total := e.termWeights(e.topicOnly(a))
	if total == 0 {
		return Answer{}, false
	}
	best, bestScore := (*report.Section)(nil), 0.0
	for _, s := range secs {
		if got := sectionScore(w, d, s); got > bestScore {
			best, bestScore = s, got
		}
	}
	if best == nil || bestScore/total < 0.3 {
		return Answer{}, false
	}
	n := ct.cite(di, best.Heading, e.chunkOf(di, best.Heading.Start))
	var b strings.Builder
	if a.english {
		fmt.Fprintf(&b, "Section %s covers it: “%s” [%d]", best.Label, d.Slice(best.Heading), n)
	} else {
		fmt.Fprintf(&b, "在「%s」部分:%s [%d]", part.Label, d.Slice(best.Heading), n)
	}
	if len(best.Items) > 0 {
		var items []string
		for _, it := range best.Items {
			m := ct.cite(di, it.Heading, e.chunkOf(di, it.Heading.Start))
			items = append(items, fmt.Sprintf("%s [%d]", d.Slice(it.Heading), m))
		}
		if a.english {
			b.WriteString("\nItems: " + strings.Join(items, "; "))
		} else {
			b.WriteString("\n包括:" + strings.Join(items, ";"))
		}
	}
	return Answer{Text: b.String(), Answerable: true}, true
}

// namedSection finds a section the question names by a quoted phrase or a
// long stretch of its title.
func namedSection(d *report.Report, q string) *report.Section {
	for _, m := range quotedPhraseRE.FindAllStringSubmatch(q, -1) {
		phrase := m[1]
		for _, s := range d.Sections() {
			if s.Kind.Headed() && strings.Contains(s.Title, phrase) && len([]rune(phrase)) >= 3 {
				return s
			}
		}
	}
	// An unquoted title stretch of at least six characters.
	for _, s := range d.Sections() {
		if !s.Kind.Headed() {
			continue
		}
		for _, piece := range strings.FieldsFunc(s.Title, func(r rune) bool { return strings.ContainsRune(",，、;；", r) }) {
			if len([]rune(piece)) >= 6 && strings.Contains(q, piece) {
				return s
			}
		}
	}
	return nil
}

func (e *Engine) itemsAnswer(d *report.Report, di int, sec *report.Section, a analyzed, ct *citer) Answer {
	n := ct.cite(di, sec.Heading, e.chunkOf(di, sec.Heading.Start))
	var items []string
	for _, it := range sec.Items {
		m := ct.cite(di, it.Heading, e.chunkOf(di, it.Heading.Start))
		items = append(items, fmt.Sprintf("%s [%d]", d.Slice(it.Heading), m))
	}
	if a.english {
		return Answer{Text: fmt.Sprintf("%s [%d] lists %s items: %s.", sec.Label, n, enCount(len(items)), strings.Join(items, "; ")), Answerable: true}
	}
	return Answer{Text: fmt.Sprintf("「%s」[%d] 提出%s项:%s。", sec.Label, n, cnCount(len(items)), strings.Join(items, ";")), Answerable: true}
}

// Figure answers with the figures whose metric matches (规模以上工业总产值
// finds 规上工业总产值): value, change, result or target, each cited. When
// no metric matches it falls back to Ask.
func (e *Engine) Figure(ctx context.Context, metric string) (Answer, error) {
	metric = strings.TrimSpace(metric)
	if metric == "" {
		return Answer{}, ErrEmptyQuery
	}
	ct := e.newCiter()
	var lines []string
	english := isEnglish(metric)
	for di, d := range e.docs {
		fs := d.FiguresByMetric(metric)
		shown := 0
		for _, f := range fs {
			if f.Kind == report.Change && f.ChangeOf != "" || shown >= 5 {
				continue
			}
			n := ct.cite(di, f.Sentence.Span, e.chunkOf(di, f.Span.Start))
			s := describeFigure(d, f, english)
			for _, g := range d.Changes(f) {
				s += changePhrase(g, english)
			}
			lines = append(lines, fmt.Sprintf("%s [%d]", s, n))
			shown++
		}
	}
	if len(lines) == 0 {
		return e.Ask(ctx, Request{Question: metric + "是多少?"})
	}
	return e.finish(Answer{Question: metric, Text: strings.Join(lines, "\n"), Answerable: true, Mode: ModeExtractive}, ct, metric), nil
}

// Section summarizes a section found by ID, number (二(三)) or keyword:
// its heading, its opening sentence and its items, all cited. When nothing
// matches the answer is not answerable.
func (e *Engine) Section(ctx context.Context, ref string) (Answer, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return Answer{}, ErrEmptyQuery
	}
	for di, d := range e.docs {
		sec := d.FindSection(ref)
		if sec == nil {
			continue
		}
		ct := e.newCiter()
		var b strings.Builder
		if sec.Heading.Len() > 0 {
			n := ct.cite(di, sec.Heading, e.chunkOf(di, sec.Heading.Start))
			fmt.Fprintf(&b, "%s\n%s [%d]", sec.Label, d.Slice(sec.Heading), n)
		} else {
			b.WriteString(sec.Label)
		}
		// The first sentence after the heading.
		for _, p := range sec.Paragraphs {
			done := false
			for _, s := range p.Sentences {
				if s.Span.Start >= sec.Heading.End && s.Span.Len() > 4 {
					n := ct.cite(di, s.Span, e.chunkOf(di, s.Span.Start))
					fmt.Fprintf(&b, "\n%s [%d]", d.Slice(s.Span), n)
					done = true
					break
				}
			}
			if done {
				break
			}
		}
		for _, it := range sec.Items {
			n := ct.cite(di, it.Heading, e.chunkOf(di, it.Heading.Start))
			fmt.Fprintf(&b, "\n- %s [%d]", d.Slice(it.Heading), n)
		}
		return e.finish(Answer{Question: ref, Text: b.String(), Answerable: true, Mode: ModeExtractive}, ct, ref), nil
	}
	return Answer{Question: ref, Text: "报告里没有找到这一部分: " + ref, Answerable: false, Grounded: true, Mode: ModeExtractive, Citations: []Citation{}}, nil
}

var _ = math.Abs

func runeLen(s string) int { return len([]rune(s)) }

// partAnswer lists the headed sections of a part, citing each heading.
func (e *Engine) partAnswer(d *report.Report, di int, p *report.Part, secs []*report.Section, a analyzed, ct *citer) Answer {
	var list []string
	for _, s := range secs {
		n := ct.cite(di, s.Heading, e.chunkOf(di, s.Heading.Start))
		list = append(list, fmt.Sprintf("%s [%d]", d.Slice(s.Heading), n))
	}
	if a.english {
		return Answer{Text: fmt.Sprintf("%s has %s sections: %s.", p.Label, enCount(len(list)), strings.Join(list, "; ")), Answerable: true}
	}
	return Answer{Text: fmt.Sprintf("「%s」分%s个方面:%s。", p.Label, cnCount(len(list)), strings.Join(list, ";")), Answerable: true}
}
