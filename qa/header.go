package qa

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/reportbot/reportbot/report"
)

// Questions about the report itself (who delivered it, when, at which
// meeting, when it was published) are answered from its header, citing
// the header lines that state it.

var (
	// aboutReportRE: the question is about the report as a document.
	aboutReportRE = regexp.MustCompile(`报告|report`)
	// deliveredRE: who delivered it, when, where.
	deliveredRE = regexp.MustCompile(`谁|哪位|(^|[^工])作(的|了)?报告|代表.*作|哪天|哪一天|什么时间|何时|什么时候|哪次会议|哪个会议|什么会议|会议上|delivered|presented|gave|who|when|which (meeting|session|congress)|what (meeting|session|date)`)
	// publishedRE: when it was published.
	publishedRE = regexp.MustCompile(`发布|发表|刊发|印发|公布|published|released|issued`)
	// reportSaysRE: the report is the source of what is asked (报告提到,
	// does the report say), not its subject.
	reportSaysRE = regexp.MustCompile(`报告(中|里)?(提到|提出|说|指出|讲|写|显示|称|要求)|报告中|报告里|(does|did) (the|this) report (say|mention|state|cite|name|list)|the report (says|mentions|states|cites|names|lists)|according to the report|in the report`)
	// deliveryVerbRE: the question asks about the delivery itself.
	deliveryVerbRE = regexp.MustCompile(`(作|做|所作)(的|了)?(这份|本)?(政府)?(工作)?报告|报告(人|者)|发表|宣读|哪次会议|哪个会议|什么会议|会议上|发布|来源|deliver|present|gave|give|speaker|author|wrote|publish|released|issued|source|which (meeting|session|congress)|what (meeting|session|date)`)
	// sourceRE: which office or paper issued it.
	sourceRE = regexp.MustCompile(`来源|出处|发布单位|发文单位|发文机关|哪个单位|哪个部门|哪家单位|source|which (office|agency|body|department|organi[sz]ation) (published|issued|released)`)
)

// answerHeader answers a question about the report as a document. handled
// is false when q is not one; found is false when it is one and the
// report's header does not say.
func (e *Engine) answerHeader(q *Question, docs []int, ct *citer) (p part, handled, found bool) {
	low := strings.ToLower(q.Raw)
	if !aboutReportRE.MatchString(low) || q.Quantity || q.Ordinal != 0 || q.Section || q.Count || !(q.Who || q.When || q.Where || deliveredRE.MatchString(low) || sourceRE.MatchString(low)) {
		return part{}, false, false
	}
	if reportSaysRE.MatchString(low) && !deliveryVerbRE.MatchString(low) {
		return part{}, false, false // whose cases does the report say…: about its content
	}
	d := e.primaryDoc(q, docs)
	doc := e.docs[d]
	if (sourceRE.MatchString(low) || q.Who && publishedRE.MatchString(low)) && doc.Source != "" {
		// who published it: the source line, which also dates it.
		// 来源:某街道办 日期:…: the line says who issued it, and when.
		if span, ok := lineWith(doc, doc.Source); ok {
			span = untilLast(doc, span, doc.Source, doc.Date)
			return e.headerPart(q, d, span, ct, "报告标注的来源：%s。", "The report's source line reads %s", strings.TrimSpace(doc.Slice(span))), true, true
		}
	}
	if publishedRE.MatchString(low) && doc.Date != "" {
		if span, ok := lineWith(doc, doc.Date); ok {
			return e.headerPart(q, d, span, ct, "报告的发布日期是%s。", "The report was published on %s", doc.Date), true, true
		}
	}
	spans := deliveryLines(doc)
	if len(spans) == 0 {
		// A question about who delivered the report, where the report
		// does not say: there is nothing to find in its sentences either.
		return part{}, true, false
	}
	texts := make([]string, len(spans))
	for i, span := range spans {
		texts[i] = e.headerPart(q, d, span, ct, "%s", "%s", strings.TrimSpace(doc.Slice(span))).text
	}
	sep := "；"
	if q.Lang == English {
		sep = " "
	}
	return part{strings.Join(texts, sep)}, true, true
}

// untilLast shortens a header line to end where the last of the values
// it holds ends (来源:…街道办 日期:2024年02月02日, without the page's 【字体:).
func untilLast(doc *report.Report, span report.Span, values ...string) report.Span {
	text := doc.Slice(span)
	end := 0
	for _, v := range values {
		if i := strings.Index(text, v); v != "" && i >= 0 {
			end = max(end, utf8.RuneCountInString(text[:i+len(v)]))
		}
	}
	if end == 0 {
		return span
	}
	return report.Span{Start: span.Start, End: span.Start + end}
}

// headerPart quotes a header line as the answer.
func (e *Engine) headerPart(q *Question, d int, span report.Span, ct *citer, zh, en, arg string) part {
	n := ct.cite(d, span)
	if q.Lang == English {
		return part{fmt.Sprintf(en, "“"+arg+"”") + " " + marker(n)}
	}
	return part{fmt.Sprintf(zh, arg) + marker(n)}
}

// deliveryLines returns the header lines that say at which meeting and by
// whom the report was delivered: the meeting line and the speaker line,
// one span when they are the same line or next to each other.
func deliveryLines(doc *report.Report) []report.Span {
	var spans []report.Span
	for _, s := range []string{doc.Meeting, doc.Speaker} {
		if s == "" {
			continue
		}
		span, ok := lineWith(doc, s)
		if !ok {
			continue
		}
		if n := len(spans); n > 0 && adjacentLines(doc, spans[n-1], span) {
			spans[n-1].Start, spans[n-1].End = min(spans[n-1].Start, span.Start), max(spans[n-1].End, span.End)
			continue
		}
		spans = append(spans, span)
	}
	return spans
}

// adjacentLines reports whether spans a and b are the same line or lines
// with only a line break between them.
func adjacentLines(doc *report.Report, a, b report.Span) bool {
	lo, hi := a, b
	if b.Start < a.Start {
		lo, hi = b, a
	}
	return hi.Start <= lo.End || strings.TrimSpace(doc.Slice(report.Span{Start: lo.End, End: hi.Start})) == ""
}

// lineWith returns the span of the first line of the report (before its
// body ends) that contains s, without leading and trailing spaces.
func lineWith(doc *report.Report, s string) (report.Span, bool) {
	text := doc.Text
	i := strings.Index(text, s)
	if i < 0 {
		// A name may be spaced out (韦 韬 for 韦韬).
		loc := spacedRE(s).FindStringIndex(text)
		if loc == nil {
			return report.Span{}, false
		}
		i = loc[0]
	}
	start := strings.LastIndexByte(text[:i], '\n') + 1
	end := i + strings.IndexByte(text[i:]+"\n", '\n')
	line := text[start:end]
	trimmed := strings.TrimSpace(line)
	start += strings.Index(line, trimmed)
	end = start + len(trimmed)
	off := doc.Offsets()
	return report.Span{Start: off.ByteToRune(start), End: off.ByteToRune(end)}, true
}

// spacedRE matches s with spaces allowed between its characters.
func spacedRE(s string) *regexp.Regexp {
	var parts []string
	for _, r := range s {
		parts = append(parts, regexp.QuoteMeta(string(r)))
	}
	return regexp.MustCompile(strings.Join(parts, `[\s\x{3000}]*`))
}
