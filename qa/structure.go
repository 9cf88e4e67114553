package qa

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/reportbot/reportbot/report"
)

// Structure questions are answered from the report's divisions: how many
// sections a part has, the Nth section or item, which section deals with a
// topic, the sections of a part.

// structureWordsRE matches words that name divisions of a report rather
// than a topic.
var structureWordsRE = regexp.MustCompile(`工作安排|工作总结|工作回顾|工作部署|重点工作|主要任务|部分|方面|工作|标题|专门|部署|放在|聚焦|安排|讲|内容|section|part|title|heading|aspect|area`)

// Structure settings.
const (
	// sectionTitleWeight is how much more a topic term counts in a
	// section's title than in its body.
	sectionTitleWeight = 3
	// minSectionCover is the least share of a topic a section must cover
	// (title weighted) to be named as the one dealing with it.
	minSectionCover = 0.5
)

// answerStructure answers questions about the report's divisions; ok is
// false when q is not one or the report has no such division.
func (e *Engine) answerStructure(q *Question, docs []int, ct *citer) (part, bool) {
	d := e.primaryDoc(q, docs)
	doc := e.docs[d]
	switch {
	case q.Count:
		return e.countSections(q, d, ct)
	case q.Ordinal > 0:
		return e.ordinalDivision(q, d, ct)
	case q.Section && q.List:
		p := e.scopePart(q, doc)
		if p == nil {
			return part{}, false
		}
		return e.listSections(q, d, p, ct), true
	case q.Section:
		return e.topicSection(q, d, ct)
	}
	return part{}, false
}

// primaryDoc is the report a structure question is about: the only one
// allowed, or the first.
func (e *Engine) primaryDoc(q *Question, docs []int) int {
	if len(docs) > 0 {
		return docs[0]
	}
	return 0
}

// scopePart is the part a question points to: the plan for targets and
// the planned year, the review for results, else the one whose title the
// question names; nil when none fits.
func (e *Engine) scopePart(q *Question, doc *report.Report) *report.Part {
	want := WantAny
	for _, y := range q.Years {
		switch {
		case y == doc.Year:
			want = WantTarget
		case y == doc.ReviewYear:
			want = WantResult
		}
	}
	if want == WantAny {
		want = q.Want
	}
	for _, p := range doc.Parts {
		if !p.Main {
			continue
		}
		if want == WantTarget && p.Kind == report.PartPlan || want == WantResult && p.Kind == report.PartReview {
			return p
		}
		if q.NextFive && p.Kind == partFiveYear {
			return p
		}
	}
	// The plan is what readers mean by "the sections" when nothing says
	// otherwise: it is where numbered sections are.
	var best *report.Part
	for _, p := range doc.Parts {
		if p.Main && len(headed(p)) > len(headed(best)) {
			best = p
		}
	}
	return best
}

// headed returns a part's numbered sections (or its theme sections when
// it has none), in order.
func headed(p *report.Part) []*report.Section {
	if p == nil {
		return nil
	}
	var num, theme []*report.Section
	for _, s := range p.Sections {
		switch s.Kind {
		case report.SectionNumbered:
			num = append(num, s)
		case report.SectionTheme:
			theme = append(theme, s)
		}
	}
	if len(num) > 0 {
		return num
	}
	return theme
}

// countSections answers 共分几个部分: the parts of the report when the
// question asks about the report, else the sections of the scoped part.
func (e *Engine) countSections(q *Question, d int, ct *citer) (part, bool) {
	doc := e.docs[d]
	p := e.scopePart(q, doc)
	if p == nil || strings.Contains(q.Raw, "报告") && !strings.Contains(q.Raw, "安排") && !strings.Contains(q.Raw, "回顾") && len(headed(p)) == 0 {
		return e.listParts(q, d, ct), true
	}
	return e.listSections(q, d, p, ct), true
}

// listParts lists the report's main parts.
func (e *Engine) listParts(q *Question, d int, ct *citer) part {
	doc := e.docs[d]
	var lines []string
	for _, p := range doc.Parts {
		if p.Main {
			lines = append(lines, fmt.Sprintf("%s%s", strings.TrimSpace(doc.Slice(p.Heading)), marker(ct.cite(d, p.Heading))))
		}
	}
	if q.Lang == English {
		return part{fmt.Sprintf("The report has %d main parts: %s", len(lines), strings.Join(lines, "; "))}
	}
	return part{fmt.Sprintf("报告正文共%d个部分：%s", len(lines), strings.Join(lines, "；"))}
}

// listSections lists a part's sections with their headings.
func (e *Engine) listSections(q *Question, d int, p *report.Part, ct *citer) part {
	doc := e.docs[d]
	secs := headed(p)
	if len(secs) == 0 {
		return e.listParts(q, d, ct)
	}
	var lines []string
	for _, s := range secs {
		lines = append(lines, strings.TrimSpace(doc.Slice(s.Heading))+marker(ct.cite(d, s.Heading)))
	}
	if q.Lang == English {
		return part{fmt.Sprintf("“%s” has %d sections: %s", p.Title, len(secs), strings.Join(lines, "; "))}
	}
	return part{fmt.Sprintf("“%s”共%d个方面：%s", p.Title, len(secs), strings.Join(lines, "；"))}
}

// ordinalDivision answers 第N部分 (a part), 第N个方面 (a section of the
// scoped part) and N是 (an item of the section the question names).
func (e *Engine) ordinalDivision(q *Question, d int, ct *citer) (part, bool) {
	doc := e.docs[d]
	n := q.Ordinal
	if strings.Contains(q.Raw, "部分") && !strings.Contains(q.Raw, "方面") || strings.Contains(strings.ToLower(q.Raw), "part ") {
		if p := mainPart(doc, n); p != nil && !strings.Contains(q.Raw, "安排") {
			return e.quoteDivision(q, d, p.Heading, ct), true
		}
	}
	if isItemOrdinal(q.Raw) {
		if it := e.itemOf(q, d, n); it != nil {
			return e.quoteItem(q, d, it, ct), true
		}
	}
	p := e.scopePart(q, doc)
	secs := headed(p)
	if n > len(secs) {
		return part{}, false
	}
	return e.quoteDivision(q, d, secs[n-1].Heading, ct), true
}

// isItemOrdinal reports whether an ordinal names an item (三是, 其三).
func isItemOrdinal(raw string) bool {
	m := ordinalItemRE.FindString(raw)
	return m != ""
}

var ordinalItemRE = regexp.MustCompile(`[一二三四五六七八九十]{1,3}是|其[一二三四五六七八九十]{1,3}|第[一二三四五六七八九十\d]{1,3}(项|条|点)`)

func mainPart(doc *report.Report, n int) *report.Part {
	k := 0
	for _, p := range doc.Parts {
		if p.Main {
			k++
			if k == n {
				return p
			}
		}
	}
	return nil
}

// itemOf returns item n of the section whose title or body best covers
// the question's topic.
func (e *Engine) itemOf(q *Question, d int, n int) *report.Item {
	for _, s := range e.rankSections(q, d) {
		for _, it := range s.Items {
			if it.N == n {
				return it
			}
		}
	}
	return nil
}

// quoteDivision answers with a heading.
func (e *Engine) quoteDivision(q *Question, d int, heading report.Span, ct *citer) part {
	text := strings.TrimSpace(e.docs[d].Slice(heading))
	n := ct.cite(d, heading)
	if q.Lang == English {
		return part{fmt.Sprintf("“%s” %s", text, marker(n))}
	}
	return part{text + marker(n)}
}

// quoteItem answers with an item's sentence.
func (e *Engine) quoteItem(q *Question, d int, it *report.Item, ct *citer) part {
	doc := e.docs[d]
	span := it.Heading
	for _, s := range doc.Sentences {
		if s.Span.Contains(it.Heading) || s.Span.Start == it.Heading.Start {
			span = s.Span
			break
		}
	}
	text := strings.TrimRight(strings.TrimSpace(doc.Slice(span)), "。")
	n := ct.cite(d, span)
	if q.Lang == English {
		return part{fmt.Sprintf("“%s” %s", text, marker(n))}
	}
	return part{text + "。" + marker(n)}
}

// topicSection answers "which section deals with X" with the best
// section's heading.
func (e *Engine) topicSection(q *Question, d int, ct *citer) (part, bool) {
	secs := e.rankSections(q, d)
	if len(secs) == 0 {
		return part{}, false
	}
	return e.quoteDivision(q, d, secs[0].Heading, ct), true
}

// rankSections returns the headed sections of report d that cover the
// question's topic, best first.
func (e *Engine) rankSections(q *Question, d int) []*report.Section {
	doc := e.docs[d]
	topic := e.topicTerms(q)
	type scoredSec struct {
		s     *report.Section
		score float64
	}
	var all []scoredSec
	for _, s := range doc.Sections() {
		if !s.Kind.Headed() {
			continue
		}
		title := fold(s.Title)
		body := fold(doc.Slice(s.Span))
		total, got := 0.0, 0.0
		for _, t := range topic {
			total += t.Weight * sectionTitleWeight
			got += t.Weight * max(sectionTitleWeight*t.match(title), t.match(body))
		}
		if total > 0 && got/total >= minSectionCover/sectionTitleWeight {
			all = append(all, scoredSec{s, got / total})
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].score > all[j].score })
	out := make([]*report.Section, len(all))
	for i, x := range all {
		out[i] = x.s
	}
	return out
}

// topicTerms are the question's terms that name a topic, not a division.
func (e *Engine) topicTerms(q *Question) []*Term {
	var out []*Term
	for _, t := range q.Terms {
		if !structureWordsRE.MatchString(strings.ToLower(t.Text)) {
			out = append(out, t)
		}
	}
	return out
}
