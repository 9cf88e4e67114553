package qa

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/reportbot/reportbot/lexicon"

	"github.com/reportbot/reportbot/report"
)

// Structure questions are answered from the report's divisions: how many
// sections a part has, the Nth section or item, which section deals with a
// topic, the sections of a part.

// structureWordsRE matches words that name divisions of a report rather
// than a topic.
var structureWordsRE = lexicon.StructureWordsRE

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
func (e *Engine) answerStructure(ctx context.Context, q *Question, docs []int, ct *citer) (part, bool) {
	d := e.primaryDoc(q, docs)
	doc := e.docs[d]
	if q.List && len(q.Quoted) > 0 {
		if p, ok := e.abbreviationList(q, d, ct); ok {
			return p, true // “三大经济”: 资源经济、园区经济、口岸经济
		}
	}
	if q.List && !q.Count {
		if p, ok := e.titledSectionItems(q, d, ct); ok {
			return p, true // “聚焦环境优化”这部分要优化哪几个环境: 一是…；二是…
		}
	}
	if q.List {
		if p, ok := e.repeatedLeadList(q, d, ct); ok {
			return p, true // 哪几个“始终坚持”: 我们始终坚持…。我们始终坚持…。
		}
	}
	switch {
	case q.Count:
		if p, ok := e.announcedCount(ctx, q, d, ct); ok {
			return p, true // 要求重点把握几个方面: 重点把握好以下五个方面
		}
		return e.countSections(q, d, ct)
	case q.Ordinal != 0:
		return e.ordinalDivision(q, d, ct)
	case q.List && areaListRE.MatchString(q.Raw) && !q.Section:
		if p, ok := e.inlineList(ctx, q, d, 0, ct); ok {
			return p, true // 在新兴产业方面，围绕哪几个产业布局: 数字经济、低空经济、新能源
		}
		return e.topicList(ctx, q, d, ct)
	case q.List && listCount(q.Raw) > 1 && !q.Section:
		if p, ok := e.countedList(q, d, ct); ok {
			return p, true
		}
		return e.inlineList(ctx, q, d, listCount(q.Raw), ct) // 哪8个重点县: 册亨、罗甸、…
	case q.Section && q.List:
		if p, ok := e.inlineList(ctx, q, d, 0, ct); ok {
			return p, true // 营商环境哪几个方面居全国前三: 市场环境、创新环境、…
		}
		p := e.scopePart(q, doc)
		if aboutWholeReport(q.Raw) || p == nil && strings.Contains(q.Raw, "部分") || lexicon.EachPartRE.MatchString(q.Raw) {
			return e.listParts(q, d, ct), true // 这份报告分为哪几大部分
		}
		if p == nil {
			return part{}, false
		}
		return e.listSections(q, d, p, ct), true
	case q.Section:
		return e.topicSection(ctx, q, d, ct)
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
	if p == nil || aboutWholeReport(q.Raw) {
		return e.listParts(q, d, ct), true
	}
	return e.listSections(q, d, p, ct), true
}

// announcedCount answers a count question with a topic of its own (要求重点
// 把握几个方面) from the sentence that announces the count (重点把握好以下
// 五个方面); false when the question has no topic or no sentence that
// covers it states a count.
func (e *Engine) announcedCount(ctx context.Context, q *Question, d int, ct *citer) (part, bool) {
	asked := lexicon.CountAskNounRE.FindStringSubmatch(q.Raw)
	topic := e.topicTerms(q)
	if asked == nil || !hasTopic(topic) {
		return part{}, false
	}
	tq := *q
	tq.Terms = topic
	tq.Quantity, tq.Section, tq.Count = false, false, false
	evs, err := e.gather(ctx, &tq, []int{d}, "")
	if err != nil {
		return part{}, false
	}
	for i, ev := range evs {
		if i == figureSearchDepth || ev.cover < q.minCover() {
			break
		}
		for _, m := range lexicon.CountPhraseRE.FindAllStringSubmatch(ev.text, -1) {
			if m[2] == asked[2] {
				return e.composeSentence(&tq, ev, ct), true // 几个方面: 以下五个方面
			}
		}
	}
	return part{}, false
}

// itemInPartRE reads a part's number and an item's number in one question
// (第三部分…排在第五项).
var itemInPartRE = regexp.MustCompile(`第([一二三四五六七八九十]|\d)部分.{0,20}第([一二三四五六七八九十]{1,3}|\d{1,2})[项个条点]`)

// numberOf reads a number written in digits or Chinese numerals.
func numberOf(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return chineseNumber(s)
}

// namedPart returns the main part whose whole title the question writes
// (2024年工作安排第二部分), or nil.
func namedPart(question string, doc *report.Report) *report.Part {
	for _, p := range doc.Parts {
		if t := strings.TrimSpace(p.Title); p.Main && utf8.RuneCountInString(t) >= minNamedPartRunes && strings.Contains(question, t) {
			return p
		}
	}
	return nil
}

// minNamedPartRunes is the shortest part title a question names it by.
const minNamedPartRunes = 4

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
		return part{fmt.Sprintf("The report has %s main parts: %s", countWord(len(lines), English), strings.Join(lines, "; "))}
	}
	return part{fmt.Sprintf("报告正文共%s个部分：%s", countWord(len(lines), Chinese), strings.Join(lines, "；"))}
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
		return part{fmt.Sprintf("“%s” has %s sections: %s", p.Title, countWord(len(secs), English), strings.Join(lines, "; "))}
	}
	return part{fmt.Sprintf("“%s”共%s个方面：%s", p.Title, countWord(len(secs), Chinese), strings.Join(lines, "；"))}
}

// titledSectionItems lists the items of the one section a list question
// names by its title (“聚焦环境优化”这部分…哪几个), each by its lead
// sentence; false when no section or several are named, or it has no
// items.
func (e *Engine) titledSectionItems(q *Question, d int, ct *citer) (part, bool) {
	doc := e.docs[d]
	var named *report.Section
	for _, p := range doc.Parts {
		for _, s := range p.Sections {
			if len(s.Items) >= 2 && namesTitle(q.Raw, s.Title) {
				if named != nil {
					return part{}, false
				}
				named = s
			}
		}
	}
	if named == nil {
		return part{}, false
	}
	var lines []string
	for _, it := range named.Items {
		lines = append(lines, e.quoteItem(q, d, it, ct).text)
	}
	return part{strings.Join(lines, " ")}, true
}

// ordinalDivision answers 第N部分 (a part), 第N个方面 (a section) and N是
// (an item): among the report's lists — the sections of each part, the
// items of each section — it takes the one whose headings and opening
// best cover the question's topic, preferring a list of the length the
// question names (十个方面中的第八个), and answers its Nth member.
func (e *Engine) ordinalDivision(q *Question, d int, ct *citer) (part, bool) {
	doc := e.docs[d]
	n := q.Ordinal
	low := strings.ToLower(q.Raw)
	if (strings.Contains(low, "部分") || strings.Contains(low, "part")) && !strings.Contains(low, "方面") {
		if m := itemInPartRE.FindStringSubmatch(q.Raw); m != nil {
			// 第三部分“七项重点工作”中，排在第五项: the part's fifth section.
			if p, k := mainPart(doc, numberOf(m[1])), numberOf(m[2]); p != nil && k > 0 && k <= len(headed(p)) {
				return e.quoteDivision(q, d, headed(p)[k-1].Heading, ct), true
			}
		}
		if p := namedPart(q.Raw, doc); p != nil && n > 0 && n <= len(headed(p)) {
			// 2024年工作安排第二部分: the part named, its nth section.
			return e.quoteDivision(q, d, headed(p)[n-1].Heading, ct), true
		}
		if p := mainPart(doc, n); p != nil && (len(e.topicTerms(q)) == 0 || wholeReportRE.MatchString(low)) {
			return e.quoteDivision(q, d, p.Heading, ct), true
		}
	}
	if p, ok := e.enumeratedItem(q, d, n, ct); ok {
		return p, true // 13项任务举措：一是…；二是…
	}
	best := e.bestList(q, d, max(n, 1))
	if best == nil {
		return part{}, false
	}
	if n == lastOrdinal {
		n = len(best.members)
	}
	m := best.members[n-1]
	if m.item != nil {
		return e.quoteItem(q, d, m.item, ct), true
	}
	return e.quoteDivision(q, d, m.heading, ct), true
}

// member is one entry of a list of the report: a section (its heading) or
// an item.
type member struct {
	heading report.Span
	item    *report.Item
}

// list is a numbered list of the report with the text that introduces it.
type list struct {
	members []member
	context string // folded: the container's title and opening
	kind    report.PartKind
}

// Ordinal list weights.
const (
	// listLenBonus rewards a list of exactly the length the question
	// names.
	listLenBonus = 0.5
	// listKindBonus rewards a list in the part the question's period
	// points to.
	listKindBonus = 0.3
	// itemListBonus rewards a list of items when the ordinal names an
	// item (三是, 第三项).
	itemListBonus = 0.2
)

// bestList returns the list of report d with at least n members that best
// fits q, or nil.
func (e *Engine) bestList(q *Question, d, n int) *list {
	// 第三个方面 names a member, not the list's length.
	want := listCount(lexicon.OrdinalZhRE.ReplaceAllString(q.Raw, " "))
	topic := e.topicTerms(q)
	var best *list
	bestScore := -1.0
	for _, l := range e.lists(d) {
		if len(l.members) < n {
			continue
		}
		score := termCover(topic, l.context)
		if want > 0 && len(l.members) == want {
			score += listLenBonus
		}
		if e.listKindFits(q, d, l.kind) {
			score += listKindBonus
		}
		if isItemOrdinal(q.Raw) == (l.members[0].item != nil) {
			score += itemListBonus
		}
		if score > bestScore {
			best, bestScore = l, score
		}
	}
	return best
}

// lists returns the numbered lists of report d: each main part's headed
// sections, and each section's items.
func (e *Engine) lists(d int) []*list {
	doc := e.docs[d]
	var out []*list
	for _, p := range doc.Parts {
		secs := headed(p)
		if len(secs) > 0 {
			l := &list{kind: p.Kind, context: fold(p.Title + " " + opening(doc, p.Paragraphs))}
			for _, s := range secs {
				l.members = append(l.members, member{heading: s.Heading})
			}
			out = append(out, l)
		}
		for _, s := range p.Sections {
			if len(s.Items) < 2 {
				continue
			}
			l := &list{kind: p.Kind, context: fold(p.Title + " " + s.Title + " " + opening(doc, s.Paragraphs) + " " + e.introOf(doc, s.Items[0]))}
			for _, it := range s.Items {
				l.members = append(l.members, member{item: it})
			}
			out = append(out, l)
		}
	}
	return out
}

// opening is the text of the first paragraph of a run.
func opening(doc *report.Report, paras []*report.Paragraph) string {
	if len(paras) == 0 {
		return ""
	}
	return shorten(doc.Slice(paras[0].Span), openingLen)
}

// openingLen bounds how much of a container's first paragraph counts as
// its context.
const openingLen = 200

// introOf is the sentence before an item list's first item, which often
// names the list (要着力把握四个方面：).
func (e *Engine) introOf(doc *report.Report, it *report.Item) string {
	var prev *report.Sentence
	for _, s := range doc.Sentences {
		if s.Span.Start >= it.Heading.Start {
			break
		}
		prev = s
	}
	if prev == nil {
		return ""
	}
	return doc.Slice(prev.Span)
}

// listKindFits reports whether a list's part fits the question's period.
func (e *Engine) listKindFits(q *Question, d int, k report.PartKind) bool {
	switch {
	case q.NextFive:
		return k == partFiveYear || k == report.PartExplanation
	case q.PastFive:
		return k == report.PartReview
	}
	switch e.wantFor(q, d) {
	case WantTarget:
		return k == report.PartPlan
	case WantResult:
		return k == report.PartReview
	}
	return false
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

// topicSection answers "which part or section deals with X": the part
// whose title covers the topic; else the section that holds the best
// evidence for the topic in the part the question points to; else the
// section whose title and body cover the topic best.
func (e *Engine) topicSection(ctx context.Context, q *Question, d int, ct *citer) (part, bool) {
	doc := e.docs[d]
	if h, title, ok := titleQuoted(q.Raw, doc); ok && !asksInside(e.topicTerms(e.understand(strings.Replace(q.Raw, title, " ", 1)))) {
		// 讲2026年重点工作的是第几部分: its title, word for word, and
		// nothing else to look for inside it.
		return e.quoteDivision(q, d, h, ct), true
	}
	topic := e.topicTerms(q)
	if !hasTopic(topic) {
		// 专门讲“十五五”时期的是第几部分: the period is the topic.
		if p := periodPart(q, doc); p != nil {
			return e.quoteDivision(q, d, p.Heading, ct), true
		}
	}
	if len(topic) == 0 {
		return part{}, false
	}
	for _, p := range doc.Parts {
		if p.Main && termCover(topic, fold(p.Title)) >= partTitleCover {
			return e.quoteDivision(q, d, p.Heading, ct), true
		}
	}
	if lexicon.GovernmentPartRE.MatchString(q.Raw) {
		// 政府自身建设 is the part of its kind, whatever its title says
		// (一以贯之转作风，努力建设人民满意的服务型政府), else a section
		// whose title is about the government.
		for _, p := range doc.Parts {
			if p.Main && p.Kind == report.PartGovernment {
				return e.quoteDivision(q, d, p.Heading, ct), true
			}
		}
		for _, p := range doc.Parts {
			for _, s := range p.Sections {
				if s.Kind.Headed() && lexicon.GovernmentTitleRE.MatchString(s.Title) {
					return e.quoteDivision(q, d, s.Heading, ct), true
				}
			}
		}
		return part{}, false
	}
	if s := e.evidenceSection(ctx, q, d, topic); s != nil {
		return e.quoteDivision(q, d, s.Heading, ct), true
	}
	secs := e.rankSections(q, d)
	if len(secs) == 0 {
		return part{}, false
	}
	return e.quoteDivision(q, d, secs[0].Heading, ct), true
}

// titleQuoted returns the heading and title of the one main part or
// headed section whose whole title the question writes (2026年重点工作),
// when its title has at least minQuotedTitleRunes characters.
func titleQuoted(question string, doc *report.Report) (heading report.Span, title string, ok bool) {
	n := 0
	for _, p := range doc.Parts {
		if p.Main && quotesTitle(question, p.Title) {
			heading, title, n = p.Heading, strings.Trim(p.Title, titleTrim), n+1
		}
		for _, s := range p.Sections {
			if s.Kind.Headed() && quotesTitle(question, s.Title) {
				heading, title, n = s.Heading, strings.Trim(s.Title, titleTrim), n+1
			}
		}
	}
	return heading, title, n == 1
}

// asksInside reports whether a question, its quoted title left out,
// still names something to look for (讲交通): a word of more than one
// character.
func asksInside(topic []*Term) bool {
	for _, t := range topic {
		if !t.Single {
			return true
		}
	}
	return false
}

// titleTrim is what ends or opens a title but is not written with it.
const titleTrim = "。：:，, "

// quotesTitle reports whether question writes title whole.
func quotesTitle(question, title string) bool {
	t := strings.Trim(title, titleTrim)
	return utf8.RuneCountInString(t) >= minQuotedTitleRunes && strings.Contains(question, t)
}

// minQuotedTitleRunes is the shortest title a question is taken to quote.
const minQuotedTitleRunes = 4

// periodPart returns the main part about the five years a question names
// (“十五五”时期, the 14th Five-Year Plan), or nil.
func periodPart(q *Question, doc *report.Report) *report.Part {
	var re *regexp.Regexp
	switch {
	case q.NextFive:
		re = lexicon.FiveYearNextRE
	case q.PastFive:
		re = lexicon.FiveYearPastRE
	default:
		return nil
	}
	var found *report.Part
	for _, p := range doc.Parts {
		if !p.Main || !re.MatchString(p.Title) {
			continue
		}
		if found != nil {
			return nil // two parts name it: the question does not say which
		}
		found = p
	}
	return found
}

// evidenceSection returns the headed section that holds the best evidence
// for the topic terms, in the part the question's period points to, or
// nil.
func (e *Engine) evidenceSection(ctx context.Context, q *Question, d int, topic []*Term) *report.Section {
	tq := *q
	tq.Terms = topic
	tq.Quantity, tq.Section = false, false
	evs, err := e.gather(ctx, &tq, []int{d}, "")
	if err != nil {
		return nil
	}
	want := e.wantFor(q, d)
	plan := namesPlannedYear(q, e.docs[d])
	for _, ev := range evs {
		if ev.cover < sectionEvidenceCover {
			break
		}
		s := ev.sent.Paragraph.Section
		if s == nil || !s.Kind.Headed() || want == WantTarget && s.Part.Kind == report.PartReview || want == WantResult && s.Part.Kind == report.PartPlan {
			continue
		}
		if plan && s.Part.Kind != report.PartPlan {
			continue // 2026年哪个方面: the year's plan, not the five-year outline
		}
		return s
	}
	return nil
}

// namesPlannedYear reports whether q names the year doc plans (2026年 of
// a 2026 report, 今年) and doc has a part for it.
func namesPlannedYear(q *Question, doc *report.Report) bool {
	if !q.ThisYear && !slices.Contains(q.Years, doc.Year) {
		return false
	}
	return slices.ContainsFunc(doc.Parts, func(p *report.Part) bool { return p.Main && p.Kind == report.PartPlan })
}

// sectionEvidenceCover is the cover a sentence needs to place a topic in
// its section.
const sectionEvidenceCover = 0.5

// areaListRE: a list question about an area of work (交通方面有哪些重点
// 工作, 民生领域有哪些举措).
var areaListRE = regexp.MustCompile(`(方面|领域|板块)[^？?]{0,6}(哪些|哪几|什么)|(哪些|哪几)[^？?]{0,4}(重点工作|举措|任务|工作|措施)`)

// topicList answers "what will be done about X": the heading of the
// section that deals with X, and its items (or its first sentences).
func (e *Engine) topicList(ctx context.Context, q *Question, d int, ct *citer) (part, bool) {
	topic := e.topicTerms(q)
	if len(topic) == 0 {
		return part{}, false
	}
	s := e.evidenceSection(ctx, q, d, topic)
	if s == nil {
		secs := e.rankSections(q, d)
		if len(secs) == 0 {
			return part{}, false
		}
		s = secs[0]
	}
	if len(s.Items) > 0 {
		return e.itemsPart(q, d, s, ct), true
	}
	return e.sectionPart(q, d, s, ct), true
}

// itemsPart lists a section's heading and its items' headings.
func (e *Engine) itemsPart(q *Question, d int, s *report.Section, ct *citer) part {
	doc := e.docs[d]
	texts := []string{strings.TrimSpace(doc.Slice(s.Heading)) + marker(ct.cite(d, s.Heading))}
	for _, it := range s.Items {
		texts = append(texts, strings.TrimRight(strings.TrimSpace(doc.Slice(it.Heading)), "。；，")+marker(ct.cite(d, it.Heading)))
	}
	if q.Lang == English {
		return part{strings.Join(texts, "; ")}
	}
	return part{texts[0] + "：" + strings.Join(texts[1:], "；")}
}

// countedList answers "which N things" with a list of the report that has
// exactly N members and whose context covers the question's topic: all its
// members (哪五个 → 一是…五是…).
func (e *Engine) countedList(q *Question, d int, ct *citer) (part, bool) {
	n := listCount(q.Raw)
	topic := e.topicTerms(q)
	var best *list
	bestCover := 0.0
	for _, l := range e.lists(d) {
		if len(l.members) != n {
			continue
		}
		if c := termCover(topic, l.context); c > bestCover {
			best, bestCover = l, c
		}
	}
	if best == nil || bestCover < listTopicCover {
		return part{}, false
	}
	var texts []string
	for _, m := range best.members {
		var p part
		if m.item != nil {
			p = e.quoteItem(q, d, m.item, ct)
		} else {
			p = e.quoteDivision(q, d, m.heading, ct)
		}
		texts = append(texts, p.text)
	}
	sep := ""
	if q.Lang == English {
		sep = " "
	}
	return part{strings.Join(texts, sep)}, true
}

// listTopicCover is the share of a question's topic that a list's context
// must cover to be the list asked for.
const listTopicCover = 0.5

// partTitleCover is the share of a topic a part's title must cover to be
// the answer to "which part deals with X".
const partTitleCover = 0.6

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
		if !structureWordsRE.MatchString(strings.ToLower(t.Text)) && !e.namesReport(t) {
			out = append(out, t)
		}
	}
	return out
}

// isItemOrdinal reports whether an ordinal names an item (三是, 其三,
// 第三项).
func isItemOrdinal(raw string) bool { return ordinalItemRE.MatchString(raw) }

var ordinalItemRE = regexp.MustCompile(`[一二三四五六七八九十]{1,3}是|其[一二三四五六七八九十]{1,3}`)

// mainPart returns the report's nth main part, or nil.
func mainPart(doc *report.Report, n int) *report.Part {
	if n == lastOrdinal {
		var last *report.Part
		for _, p := range doc.Parts {
			if p.Main {
				last = p
			}
		}
		return last
	}
	// A part whose heading writes the number (四、把坚持党的全面领导…) is
	// that part, even when an unnumbered part comes first.
	numeral := chineseNumeral(n) + "、"
	for _, p := range doc.Parts {
		if p.Main && strings.HasPrefix(strings.TrimSpace(doc.Slice(p.Heading)), numeral) {
			return p
		}
	}
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

// countWord writes a count the engine computed (not a figure of the
// report) in words, so it is never mistaken for a quoted number: 八, eight.
func countWord(n int, lang Lang) string {
	en := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"}
	if lang == English {
		if n < len(en) {
			return en[n]
		}
		return "many"
	}
	if n == 2 {
		return "两" // 两个部分, not 二个
	}
	return chineseNumeral(n)
}

// chineseNumeral writes 0 to 99 in Chinese numerals.
func chineseNumeral(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + strings.TrimPrefix(digits[n%10], "零")
	case n < 100:
		t := digits[n/10] + "十"
		if n%10 != 0 {
			t += digits[n%10]
		}
		return t
	}
	return "多"
}

// aboutWholeReport reports whether a count question is about the report's
// parts (报告分几个部分, how many parts does the report have) rather than
// one part's sections.
func aboutWholeReport(raw string) bool {
	low := strings.ToLower(raw)
	return wholeReportRE.MatchString(low) && !partNameRE.MatchString(low)
}

var (
	wholeReportRE = regexp.MustCompile(`报告|report|parts`)
	partNameRE    = regexp.MustCompile(`安排|回顾|总结|任务|方面|plan|review|arrangement|task|area|section`)
)

// namesReport reports whether a term names a loaded report itself (its
// region, its title words) or the document (报告, this report).
func (e *Engine) namesReport(t *Term) bool {
	if wholeReportRE.MatchString(strings.ToLower(t.Text)) || t.Text == "这份" || t.Text == "本" || t.Text == "该" {
		return true
	}
	for d := range e.docs {
		if e.inScope(d, t) {
			return true
		}
	}
	return false
}
