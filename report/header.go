package report

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/reportbot/reportbot/lexicon"
)

// header holds what the front lines say about the report, before the
// Report's fields are set.
type header struct {
	titleLine    int // raw index of the title line, -1 when none
	deliveryLine int // raw index of the delivery line, -1 when none
	meeting      string
	delivered    string // YYYY-MM-DD
	speaker      string
	speakerOrg   string // the region named on the speaker line (某某省)
}

const (
	arabicDate = `\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日`
	hanDate    = `[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日`
	hanName    = `\p{Han}(?:[\s\x{3000}]?\p{Han}){1,3}`
)

var (
	// ——2026年1月26日在某某省第十四届人民代表大会第五次会议上 (maybe in
	// brackets, maybe followed by the speaker).
	deliveryRE = regexp.MustCompile(`^[—–－\-─\s]*[（(]?\s*(` + arabicDate + `|` + hanDate + `)\s*在(.*(?:` +
		alternation(lexicon.MeetingWords) + `))\s*上?\s*[）)]?\s*(.*)$`)
	// A delivery line cut before the session's name, to be joined with
	// the next line.
	deliveryStartRE = regexp.MustCompile(`^[—–－\-─\s]*[（(]?\s*(?:` + arabicDate + `|` + hanDate + `)\s*在`)
	// The region of a congress: 某某省 of 某某省第十四届人民代表大会.
	congressRegionRE = regexp.MustCompile(`^(\p{Han}{2,20}?)第?[一二三四五六七八九十]{1,3}届`)
	// 省人民政府省长 张三, 某某市市长 李四, 自治区主席 王 五.
	speakerRE  = regexp.MustCompile(`^(\p{Han}*?)(` + alternation(lexicon.SpeakerOffices) + `)[\s\x{3000}]*(` + hanName + `)$`)
	bareNameRE = regexp.MustCompile(`^` + hanName + `$`)
	// 2026年某某省政府工作报告, 某某省2026年政府工作报告, 政府工作报告.
	titleRE = regexp.MustCompile(`^(?:(\d{4})\s*年)?\s*(\p{Han}*?)\s*(?:(\d{4})\s*年)?\s*(?:` +
		alternation(lexicon.IssuerSuffixes) + `)?` + lexicon.ReportWord + `$`)
	sourceRE  = regexp.MustCompile(`(?:` + alternation(lexicon.SourceLabels) + `)\s*[:：]\s*([^\s【\[]+)`)
	dateRE    = regexp.MustCompile(`(?:` + alternation(lexicon.DateLabels) + `)\s*[:：]\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})`)
	anyDateRE = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})`)
	yearRE    = regexp.MustCompile(`(?:^|[^\d])((?:19|20)\d{2})\s*年`)
)

// alternation joins words into a regular expression alternation.
func alternation(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = regexp.QuoteMeta(w)
	}
	return strings.Join(q, "|")
}

// readDelivery finds the delivery line among the first end raw lines (the
// last one, when a page repeats it) and reads the meeting, the date of
// delivery and a speaker written on the same line.
func (p *parser) readDelivery(end int) {
	p.head.titleLine, p.head.deliveryLine = -1, -1
	for i := 0; i < end; i++ {
		if p.role[i] != roleText || !deliveryStartRE.MatchString(p.raw[i].text) {
			continue
		}
		t := p.raw[i].text
		m := deliveryRE.FindStringSubmatch(t)
		if m == nil && i+1 < end {
			m = deliveryRE.FindStringSubmatch(t + p.raw[i+1].text) // cut by a line break
		}
		if m == nil {
			continue
		}
		p.role[i] = roleDelivery
		p.head.deliveryLine = i
		p.head.delivered = isoDate(m[1])
		p.head.meeting = strings.Join(strings.Fields(m[2]), "")
		p.head.speaker, p.head.speakerOrg = speakerOf(strings.TrimSpace(m[3]))
	}
}

// readSpeaker finds the speaker line after the delivery line (or the
// title): an office and a name (省长 李炳军), or a name alone (毛伟明).
func (p *parser) readSpeaker(end int) {
	from := max(p.head.deliveryLine, p.head.titleLine) + 1
	for i := from; i < end; i++ {
		if p.role[i] != roleText {
			continue
		}
		t := p.raw[i].text
		if name, org := speakerOf(t); name != "" {
			p.role[i] = roleSpeaker
			p.head.speaker, p.head.speakerOrg = name, org
			return
		}
		if bareNameRE.MatchString(t) && p.head.speaker == "" {
			p.role[i] = roleSpeaker
			p.head.speaker = squeezeSpaces(t)
			return
		}
	}
}

// speakerOf reads a speaker line: the name and the region named before the
// office (某某省 of 某某省省长 张三), "" when the line is not one.
func speakerOf(s string) (name, org string) {
	m := speakerRE.FindStringSubmatch(s)
	if m == nil {
		return "", ""
	}
	return squeezeSpaces(m[3]), regionOf(trimIssuer(m[1]))
}

// trimIssuer drops 人民政府 or 政府 from the end of an issuing body.
func trimIssuer(s string) string {
	for _, w := range lexicon.IssuerSuffixes {
		if t, ok := strings.CutSuffix(s, w); ok {
			return t
		}
	}
	return s
}

// regionOf returns s when it names a region (a name and a region suffix:
// 某某省, not 省 or 自治区 alone), else "".
func regionOf(s string) string {
	for _, suf := range lexicon.RegionSuffixes {
		if strings.HasSuffix(s, suf) && len(s) > len(suf) {
			return s
		}
	}
	return ""
}

func squeezeSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, s)
}

// isoDate converts 2026年1月26日 or 二〇二六年一月二十七日 to 2026-01-26;
// "" when it cannot.
func isoDate(s string) string {
	s = squeezeSpaces(s)
	y, rest, ok1 := strings.Cut(s, "年")
	mo, rest, ok2 := strings.Cut(rest, "月")
	d, _, ok3 := strings.Cut(rest, "日")
	if !ok1 || !ok2 || !ok3 {
		return ""
	}
	yi, mi, di := dateNumber(hanYear(y)), dateNumber(mo), dateNumber(d)
	if yi < 1900 || mi < 1 || mi > 12 || di < 1 || di > 31 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", yi, mi, di)
}

// hanYear writes a year of Chinese digits (二〇二六) in Arabic digits.
func hanYear(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '〇' || r == '○' || r == '零' {
			return '0'
		}
		if d := cnDigit(r); d > 0 {
			return '0' + rune(d)
		}
		return r
	}, s)
}

// dateNumber reads a month, day or year in Arabic or Chinese numerals.
func dateNumber(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return cnNumber(s)
}

// setHeader sets the report's header fields from the front lines and its
// Header span from the lines before the first part (line index n).
func (p *parser) setHeader(n int) {
	doc := p.doc
	if n > 0 {
		last := p.lines[n-1]
		if n < len(p.lines) {
			last = p.raw[p.lines[n].raw-1] // furniture right before the first part included
		}
		doc.Header = p.idx.span(p.lines[0].start, last.end)
	}
	doc.Meeting, doc.Delivered, doc.Speaker = p.head.meeting, p.head.delivered, p.head.speaker
	p.readPublication()
	p.readTitle()
}

// frontLines returns the raw lines up to the report's first line after
// the header (its first line that is neither furniture nor a header line).
func (p *parser) frontLines() []line {
	end := frontEnd(p.raw)
	return p.raw[:end]
}

// readPublication reads the source, the publication date and the status
// from the front lines, furniture included.
func (p *parser) readPublication() {
	doc := p.doc
	front := p.frontLines()
	for i, l := range front {
		next := ""
		if i+1 < len(front) {
			next = front[i+1].text
		}
		if doc.Source == "" {
			doc.Source = labelled(l.text, next, sourceRE, lexicon.SourceLabels)
		}
		if doc.Date == "" {
			doc.Date = publicationDate(l.text, next)
		}
		if doc.Status == "" && isStatusLine(l.text) {
			doc.Status = l.text
		}
	}
	doc.ISODate = anyISODate(doc.Date)
}

// labelled returns the value of a 来源：X field on line t, or the next
// line when t is the label alone.
func labelled(t, next string, re *regexp.Regexp, labels []string) string {
	if m := re.FindStringSubmatch(t); m != nil {
		return strings.TrimSpace(m[1])
	}
	if label, v := lexicon.FurnitureLabel(t); v == "" && label != "" && containsAny(label, labels...) && !isLabelLine(next) {
		return strings.Fields(next + " ")[0]
	}
	return ""
}

// publicationDate returns a publication date on line t (日期:2024年02月02日,
// 时间：2026-02-11), on the next line after a date label alone, or a line
// that is only a date; "" when there is none.
func publicationDate(t, next string) string {
	if m := dateRE.FindStringSubmatch(t); m != nil {
		return m[1]
	}
	if label, v := lexicon.FurnitureLabel(t); v == "" && containsAny(label, lexicon.DateLabels...) && dateOnlyRE.MatchString(next) {
		return anyDateRE.FindString(next)
	}
	if dateOnlyRE.MatchString(t) {
		return anyDateRE.FindString(t)
	}
	return ""
}

// anyISODate converts a date as written (2024年02月02日, 2026-02-11) to
// YYYY-MM-DD, "" when it cannot.
func anyISODate(s string) string {
	m := anyDateRE.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	y, mo, d := m[1], m[2], m[3]
	if y == "" {
		y, mo, d = m[4], m[5], m[6]
	}
	mi, _ := strconv.Atoi(mo)
	di, _ := strconv.Atoi(d)
	return fmt.Sprintf("%s-%02d-%02d", y, mi, di)
}

// readTitle sets Title, Region and Year: the title as written, or composed
// from the year and the region when the title line names neither region
// nor issuer (政府工作报告).
func (p *parser) readTitle() {
	doc := p.doc
	t := ""
	if p.head.titleLine >= 0 {
		t = p.raw[p.head.titleLine].text
	}
	m := titleRE.FindStringSubmatch(squeezeSpaces(t))
	titleYear, titleRegion := 0, ""
	if m != nil {
		titleYear, _ = strconv.Atoi(m[1] + m[3])
		titleRegion = m[2]
	}
	doc.Region = p.region(titleRegion)
	doc.Year = p.planYear(t, titleYear)
	doc.Title = t
	if m != nil && titleRegion == "" && doc.Region != "" && doc.Year > 0 {
		doc.Title = fmt.Sprintf("%d年%s%s", doc.Year, doc.Region, strings.TrimPrefix(squeezeSpaces(t), m[1]+"年"))
	}
}

// region picks the report's region: the congress of the delivery line,
// else the title's, else the speaker line's.
func (p *parser) region(fromTitle string) string {
	if m := congressRegionRE.FindStringSubmatch(p.head.meeting); m != nil {
		return m[1]
	}
	if fromTitle != "" {
		return fromTitle
	}
	return p.head.speakerOrg
}

// planYear is the year of the title, else of delivery, else the first
// year written in the title line.
func (p *parser) planYear(title string, titleYear int) int {
	if titleYear > 0 {
		return titleYear
	}
	if len(p.head.delivered) >= 4 {
		y, _ := strconv.Atoi(p.head.delivered[:4])
		return y
	}
	if m := yearRE.FindStringSubmatch(title); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	return 0
}
