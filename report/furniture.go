package report

import (
	"regexp"
	"strings"

	"github.com/reportbot/reportbot/lexicon"
)

// lineRole is what a raw line is: the report's text, page furniture, or
// one of the header lines read for the report's header fields.
type lineRole uint8

const (
	roleText lineRole = iota
	roleFurniture
	roleTitle
	roleDelivery
	roleSpeaker
)

// maxFrontLines bounds the search for the start of the report: the page
// furniture and header lines before a report are a few dozen lines.
const maxFrontLines = 80

// Lengths that tell a line of running text from furniture and headings.
const (
	maxTitleRunes   = 40 // a title or heading line is shorter
	maxStepRunes    = 12 // a breadcrumb step or a channel name is shorter
	minRunningRunes = 40 // a line of running text is longer
	maxMarkerBytes  = 60 // an end marker line (相关报道：) is shorter
)

// dateOnlyRE is a line that is only a date, maybe with a time of day:
// 2026-02-09 09:45:30, 2026年02月10日 07时41分.
var dateOnlyRE = regexp.MustCompile(`^(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})(\s*\d{1,2}\s*[:：时]\s*\d{1,2}(\s*[:：分]\s*\d{0,2}\s*秒?)?)?$`)

// readFront classifies the lines before the report's text (before the
// salutation or the first part): furniture, title, delivery line, speaker;
// and reads the header fields from them.
func (p *parser) readFront() {
	p.role = make([]lineRole, len(p.raw))
	end := frontEnd(p.raw)
	p.markFrontFurniture(end)
	p.readDelivery(end)
	p.markTitle(end)
	p.readSpeaker(end)
	p.markDuplicates(end)
}

// frontEnd returns the index of the first raw line of the report's text
// proper: the salutation (各位代表：), the first part heading, or the first
// line of running text that is not a caption; 0 when none is near the top.
func frontEnd(raw []line) int {
	for i, l := range raw[:min(len(raw), maxFrontLines)] {
		if isSalutation(l.text) || isPartLine(l.text) || isRunningText(l.text) {
			return i
		}
	}
	return 0
}

func isSalutation(s string) bool { return hasAnyPrefix(s, lexicon.Salutations...) }

// isPartLine reports whether s is a part heading that can open a report.
func isPartLine(s string) bool {
	_, _, ok := partHeading(s)
	return ok
}

// isRunningText reports whether s reads as the report's prose: long, with
// a sentence end, and not a photo caption.
func isRunningText(s string) bool {
	return runeLen(s) > minRunningRunes && hasSentenceEnd(s) && !isCaptionLine(s)
}

// isCaptionLine reports a photo caption: a credit (…记者 张三 摄) or a
// line saying someone delivers the report (省长张三作政府工作报告).
func isCaptionLine(s string) bool {
	if lexicon.IsCaption(s) {
		return true
	}
	for _, w := range lexicon.ReportTitleWords {
		if i := strings.Index(s, "作"+w); i > 0 {
			return true
		}
	}
	return false
}

// markFrontFurniture marks navigation words, dateline and byline fields
// (with a value on the next line), breadcrumb trails, date lines,
// captions and status marks among the first end raw lines.
func (p *parser) markFrontFurniture(end int) {
	for i := 0; i < end; i++ {
		t := p.raw[i].text
		switch {
		case lexicon.IsNavWord(t) || dateOnlyRE.MatchString(t) || isCaptionLine(t) || isStatusLine(t):
			p.role[i] = roleFurniture
		case lexicon.IsBreadcrumbLabel(t):
			i = p.markBreadcrumb(i, end)
		case isLabelLine(t):
			p.role[i] = roleFurniture
			if _, v := lexicon.FurnitureLabel(t); v == "" && i+1 < end && !isTitleLine(p.raw[i+1].text) {
				i++
				p.role[i] = roleFurniture // the value of 来源：
			}
		}
	}
}

// isLabelLine reports a dateline or byline field (来源：某某日报, 阅读量：).
func isLabelLine(s string) bool {
	label, _ := lexicon.FurnitureLabel(s)
	return label != ""
}

// isStatusLine reports a short validity mark (文件已失效).
func isStatusLine(s string) bool {
	return runeLen(s) <= 20 && containsAny(s, lexicon.StatusWords...) && !hasSentenceEnd(s)
}

// markBreadcrumb marks a breadcrumb trail that starts at raw line i (当前位置：
// 首页 > 政务信息 > 本地要闻, one step a line or all on one) and returns the
// index of its last line.
func (p *parser) markBreadcrumb(i, end int) int {
	p.role[i] = roleFurniture
	for i+1 < end && isBreadcrumbStep(p.raw[i+1].text, p.raw[i].text) {
		i++
		p.role[i] = roleFurniture
	}
	return i
}

// isBreadcrumbStep reports whether s continues a breadcrumb trail whose
// previous line is prev: a separator, or a short step after a separator,
// the trail's label or 首页.
func isBreadcrumbStep(s, prev string) bool {
	if lexicon.HasBreadcrumbSeparator(s) && runeLen(s) <= maxTitleRunes {
		return !isTitleLine(s)
	}
	afterSep := lexicon.HasBreadcrumbSeparator(prev) || lexicon.IsBreadcrumbLabel(prev) || lexicon.IsNavWord(prev)
	return afterSep && runeLen(s) <= maxStepRunes && !hasSentenceEnd(s) && !isTitleLine(s)
}

// isTitleLine reports a title line: short, naming a work report, not a
// caption (2026年某某省政府工作报告, 政府工作报告).
func isTitleLine(s string) bool {
	return runeLen(s) <= maxTitleRunes && containsAny(s, lexicon.ReportTitleWords...) &&
		!hasSentenceEnd(s) && !isCaptionLine(s) && !isLabelLine(s)
}

// markTitle marks the last title line of the front as the title, and the
// lines before it (page headlines, channel names, earlier copies of the
// title) as furniture. Without a title line, the first line of a report
// that has a front is its title when it is short.
func (p *parser) markTitle(end int) {
	ti := -1
	for i := 0; i < end; i++ {
		if p.role[i] == roleText && isTitleLine(p.raw[i].text) {
			ti = i
		}
	}
	if ti < 0 {
		p.markFirstLineTitle(end)
		return
	}
	for i := 0; i < ti; i++ {
		p.role[i] = roleFurniture // page headlines, channel names
	}
	p.role[ti] = roleTitle
	p.head.titleLine = ti
}

// markFirstLineTitle takes the first text line as the title when it is a
// short line of its own before the report's text.
func (p *parser) markFirstLineTitle(end int) {
	for i := 0; i < len(p.raw) && i <= end; i++ {
		if p.role[i] != roleText {
			continue
		}
		t := p.raw[i].text
		if runeLen(t) <= maxTitleRunes && !hasSentenceEnd(t) && !isPartLine(t) && !isSalutation(t) {
			p.role[i] = roleTitle
			p.head.titleLine = i
		}
		return
	}
}

// markDuplicates marks as furniture a front line that occurs again later
// in the front (a page repeating its headline and delivery line).
func (p *parser) markDuplicates(end int) {
	last := map[string]int{}
	for i := 0; i < end; i++ {
		last[p.raw[i].text] = i
	}
	for i := 0; i < end; i++ {
		if last[p.raw[i].text] != i && p.role[i] != roleTitle {
			p.role[i] = roleFurniture
		}
	}
}

// markTail marks the furniture after the report: everything from the
// first end marker (相关报道：, 扫一扫在手机打开当前页, 责任编辑：) after the
// front, including a summary of the report repeated after the links, and a
// trailing run of navigation words.
func (p *parser) markTail() {
	from := 0
	for i, r := range p.role {
		if r != roleText {
			from = i + 1
		}
	}
	tail := tailStart(p.raw, from)
	for i := tail; i < len(p.raw); i++ {
		p.role[i] = roleFurniture
	}
}

// tailStart returns the index of the first raw line of the furniture
// after the report, len(raw) when there is none.
func tailStart(raw []line, from int) int {
	for i := from; i < len(raw); i++ {
		if len(raw[i].text) <= maxMarkerBytes && lexicon.IsEndMarker(raw[i].text) {
			return i
		}
	}
	i := len(raw)
	for i > from && lexicon.IsNavWord(raw[i-1].text) {
		i--
	}
	return i
}

// keepReport keeps the lines that are not furniture as the report's lines
// and records the furniture spans and the report's body.
func (p *parser) keepReport() {
	doc := p.doc
	for i, l := range p.raw {
		if p.role[i] == roleFurniture {
			doc.Furniture = append(doc.Furniture, p.idx.span(l.start, l.end))
			continue
		}
		l.role = p.role[i]
		p.lines = append(p.lines, l)
	}
	if n := len(p.lines); n > 0 {
		doc.Body = p.idx.span(p.lines[0].start, p.lines[n-1].end)
	}
}
