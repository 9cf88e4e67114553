package qa

import (
	"strconv"
	"strings"

	"github.com/reportbot/reportbot/lexicon"
	"github.com/reportbot/reportbot/report"
)

// A report may give a figure only as a difference from another period
// (全年GDP增长4%，快于2024年1.8个百分点; 年均增长4.5%，高于“十三五”时期1.2个
// 百分点). A later ask about that period is answered with the difference,
// labelled as one.

// gapBeside finds, in the sentences that answered earlier asks, a
// difference in points from the period an ask names.
func (e *Engine) gapBeside(q *Question, prev []verdict) (verdict, bool) {
	for _, pv := range prev {
		for _, f := range pv.best.figs {
			if from, ok := gapFromYear(q, e.docs[pv.best.doc], pv.best.sent, f); ok && !usedFigure(prev, f) {
				return verdict{ok: true, best: pv.best, fig: f, gapFrom: from}, true
			}
		}
	}
	return verdict{}, false
}

// gapFromYear reports whether f is a difference in points from the one
// year or the five-year plan q asks, and names that period (快于2024年1.8个百分点, 高于“十三五”时期
// 1.2个百分点): how the earlier answer compares with it, where the report
// gives no level of its own for it.
func gapFromYear(q *Question, doc *report.Report, s *report.Sentence, f *report.Figure) (from string, ok bool) {
	if !strings.HasSuffix(f.Unit, "百分点") {
		return "", false
	}
	w := clauseAround(doc, s, f.Span)
	m := lexicon.YearGapRE.FindStringSubmatch(doc.Slice(report.Span{Start: w.Start, End: f.Span.Start}))
	switch {
	case m == nil:
		return "", false
	case m[1] != "":
		return m[1], len(q.Years) == 1 && m[1] == strconv.Itoa(q.Years[0])
	}
	return "“" + m[2] + "”", namesForm(q, m[2])
}

// namesForm reports whether one of q's terms takes form w.
func namesForm(q *Question, w string) bool {
	for _, t := range q.Terms {
		if t.Present && contains(t.Forms, w) {
			return true
		}
	}
	return false
}
