package report

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/reportbot/reportbot/lexicon"
)

// Heading shapes. Their words are in package lexicon.
var (
	// 一、2023年工作总结 (also 一. and 一．). The title may not end a sentence.
	partHeadRE = regexp.MustCompile(`^([一二三四五六七八九十]{1,3})[、．.]\s*(\S.*)$`)
	// 第一部分 2024年工作回顾.
	partOrdinalRE = regexp.MustCompile(`^第([一二三四五六七八九十]{1,3})部分[、，,：:\s]*(\S.*)$`)
	// 附件：名词解释, 附：名词解释, 附件1 名词解释, 附件2.
	appendixHeadRE = regexp.MustCompile(`^(附件|附录|附)[一二三四五六七八九十\d]*\s*[：:]?\s*(\S{0,16})$`)
	// A part heading alone: 附件2, 附件.
	bareAppendixRE = regexp.MustCompile(`^(附件|附录)[一二三四五六七八九十\d]*$`)
	// 十四五, 十五五: a named five-year plan.
	fiveYearRE = regexp.MustCompile(`十[一二三四五六七八九]五`)
)

// Limits of a heading line.
const (
	maxPartRunes       = 40 // a numbered part heading is shorter
	maxUnnumberedRunes = 25 // an unnumbered part heading is shorter still
	minPartTitleRunes  = 2
)

// partHeading reports whether l is a part heading; number is "" for an
// unnumbered heading such as 2024年工作回顾.
func partHeading(l string) (number, title string, ok bool) {
	if hasSentenceEnd(l) || runeLen(l) > maxPartRunes {
		return "", "", false
	}
	if m := partOrdinalRE.FindStringSubmatch(l); m != nil && cnNumber(m[1]) > 0 {
		return m[1], strings.TrimSpace(m[2]), true
	}
	if m := partHeadRE.FindStringSubmatch(l); m != nil {
		title := strings.TrimRight(strings.TrimSpace(m[2]), "：:")
		ok := runeLen(title) >= minPartTitleRunes && cnNumber(m[1]) > 0
		return m[1], title, ok
	}
	if isUnnumberedPart(l) || runeLen(l) <= maxUnnumberedRunes && appendixHeadRE.MatchString(l) {
		return "", l, true
	}
	return "", "", false
}

// isUnnumberedPart reports a short heading without a number that names a
// part (2025年工作回顾, “十五五”时期主要目标任务, 名词解释).
func isUnnumberedPart(l string) bool {
	return runeLen(l) <= maxUnnumberedRunes && !strings.ContainsAny(l, "，,、：:") &&
		containsAny(l, lexicon.UnnumberedPartWords...) && !sectionHeadRE.MatchString(l)
}

// isAppendixTitle reports whether a part title names an appendix.
func isAppendixTitle(title string) bool { return containsAny(title, lexicon.PartAppendixWords...) }

// partHead is a line that has the shape of a part heading.
type partHead struct {
	line   int // index into p.lines
	number string
	title  string
}

// partHeads returns every report line with a part heading's shape, header
// lines (title, delivery, speaker) excepted.
func (p *parser) partHeads() []partHead {
	var out []partHead
	for i, l := range p.lines {
		if l.role != roleText {
			continue
		}
		if num, title, ok := partHeading(l.text); ok {
			out = append(out, partHead{line: i, number: num, title: title})
		}
	}
	return out
}

// findParts returns the indexes of the lines that start parts. Numbered
// headings must follow each other (一, 二, 三…); after an appendix heading
// a list that restarts at 一、 belongs to the appendix. When the report's
// parts are numbered, a heading without a number starts a part only if it
// is an appendix. When they are not (2025年工作回顾), numbered headings
// inside them are parts only when they hold numbered sections of their
// own; otherwise they are the sections.
func (p *parser) findParts() []int {
	heads := p.partHeads()
	// An appendix heading before the first part (附件 in the header) is
	// not a part.
	for len(heads) > 0 && heads[0].number == "" && isAppendixTitle(heads[0].title) {
		heads = heads[1:]
	}
	heads = dropAppendixTitles(heads)
	if len(heads) == 0 {
		return nil
	}
	if heads[0].number != "" {
		return p.numberedParts(heads)
	}
	return p.unnumberedParts(heads)
}

// dropAppendixTitles drops a heading right after a bare appendix heading
// (名词解释 after 附件2): it is that appendix's title.
func dropAppendixTitles(heads []partHead) []partHead {
	out := heads[:0:0]
	for k, h := range heads {
		if k > 0 && h.number == "" && h.line == heads[k-1].line+1 && bareAppendixRE.MatchString(heads[k-1].title) {
			continue
		}
		out = append(out, h)
	}
	return out
}

// numberedParts keeps 一、二、三… in order, and appendix headings.
func (p *parser) numberedParts(heads []partHead) []int {
	var starts []int
	next, inAppendix := 1, false
	for _, h := range heads {
		switch {
		case h.number == "" && isAppendixTitle(h.title):
			inAppendix = true
		case h.number == "" || inAppendix || cnNumber(h.number) != next:
			continue
		default:
			next++
		}
		starts = append(starts, h.line)
	}
	return starts
}

// unnumberedParts keeps headings without numbers, and a run of numbered
// ones that hold numbered sections.
func (p *parser) unnumberedParts(heads []partHead) []int {
	var starts []int
	promote := p.promotedNumbers(heads)
	next, inAppendix := 1, false
	for _, h := range heads {
		if h.number == "" {
			inAppendix = inAppendix || isAppendixTitle(h.title)
			starts = append(starts, h.line)
			continue
		}
		if inAppendix || !promote || cnNumber(h.number) != next {
			continue
		}
		next++
		starts = append(starts, h.line)
	}
	return starts
}

// promotedNumbers reports whether the numbered headings under unnumbered
// parts are parts themselves: at least two of them are followed by a
// numbered section （一） before the next heading.
func (p *parser) promotedNumbers(heads []partHead) bool {
	n := 0
	for k, h := range heads {
		if h.number == "" || cnNumber(h.number) == 0 {
			continue
		}
		end := len(p.lines)
		if k+1 < len(heads) {
			end = heads[k+1].line
		}
		if p.hasSectionHead(h.line+1, end) {
			n++
		}
	}
	return n >= 2
}

// hasSectionHead reports whether a line in [from, to) opens a numbered
// section.
func (p *parser) hasSectionHead(from, to int) bool {
	for i := from; i < to; i++ {
		if sectionHeadRE.MatchString(p.lines[i].text) {
			return true
		}
	}
	return false
}

// buildParts makes the parts that start at the given lines.
func (p *parser) buildParts(starts []int) {
	doc := p.doc
	for k, li := range starts {
		end := len(p.lines)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		part := p.newPart(k, li, end)
		doc.Paragraphs[li].Part = part // the heading line belongs to its part
		for i := part.bodyFrom; i < end; i++ {
			para := doc.Paragraphs[i]
			para.Part = part
			part.Paragraphs = append(part.Paragraphs, para)
		}
		p.buildSections(part, part.bodyFrom, end)
		doc.Parts = append(doc.Parts, part)
	}
	p.setReviewYear()
}

// newPart builds the k-th part from its heading line li; the part runs to
// line end. A bare appendix heading (附件2) is the number of the short
// title on the next line (名词解释), and its heading covers both lines.
func (p *parser) newPart(k, li, end int) *Part {
	l := p.lines[li]
	num, title, _ := partHeading(l.text)
	headEnd := li + 1
	if bareAppendixRE.MatchString(title) && headEnd < end && isShortTitle(p.lines[headEnd].text) {
		num, title = title, p.lines[headEnd].text // 附件1 on its own line, its title on the next
		headEnd++
	}
	part := &Part{
		ID:       fmt.Sprintf("p%d", k+1),
		Number:   num,
		Title:    title,
		Heading:  p.idx.span(l.start, p.lines[headEnd-1].end),
		Span:     p.idx.span(l.start, p.lines[end-1].end),
		bodyFrom: headEnd,
	}
	part.Kind, part.Main = p.partKind(num, title, p.firstText(headEnd, end), k)
	part.Label = strings.TrimSpace(num + " " + title)
	for i := li + 1; i < headEnd; i++ {
		p.doc.Paragraphs[i].Part = part
	}
	return part
}

// isShortTitle reports a line that can be a title: short, no sentence end.
func isShortTitle(s string) bool { return runeLen(s) <= maxUnnumberedRunes && !hasSentenceEnd(s) }

// firstText returns the text of the first line in [from, to), "" when
// the range is empty.
func (p *parser) firstText(from, to int) string {
	if from < to {
		return p.lines[from].text
	}
	return ""
}

// setReviewYear sets ReviewYear from a review part's title, or one year
// before the planned year.
func (p *parser) setReviewYear() {
	doc := p.doc
	for _, part := range doc.Parts {
		if part.Kind != PartReview || doc.ReviewYear != 0 {
			continue
		}
		if m := yearRE.FindStringSubmatch(part.Title); m != nil {
			y, _ := strconv.Atoi(m[1])
			if doc.Year == 0 || y < doc.Year {
				doc.ReviewYear = y
			}
		}
	}
	if doc.ReviewYear == 0 && doc.Year > 0 {
		doc.ReviewYear = doc.Year - 1
	}
	if doc.Year == 0 && doc.ReviewYear > 0 {
		doc.Year = doc.ReviewYear + 1
	}
}

// span of lines [from, to) in code points.
func (p *parser) linesSpan(from, to int) Span {
	return p.idx.span(p.lines[from].start, p.lines[to-1].end)
}
