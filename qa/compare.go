package qa

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/reportbot/reportbot/answer"
	"github.com/reportbot/reportbot/lexicon"
	"github.com/reportbot/reportbot/report"
)

// CompareRow is what one report states for a compared quantity. When the
// report does not state it, Found is false and only Report and File are
// set. Start and End cover Raw in code points of the report's text;
// Sentence is the sentence that states it.
type CompareRow struct {
	Report    string  `json:"report"`
	File      string  `json:"file"`
	Found     bool    `json:"found"`
	Metric    string  `json:"metric,omitempty"`
	Value     float64 `json:"value,omitempty"`
	High      float64 `json:"high,omitempty"`
	Unit      string  `json:"unit,omitempty"`
	Qualifier string  `json:"qualifier,omitempty"`
	Kind      string  `json:"kind,omitempty"`
	Period    string  `json:"period,omitempty"`
	Raw       string  `json:"raw,omitempty"`
	Start     int     `json:"start,omitempty"`
	End       int     `json:"end,omitempty"`
	Sentence  string  `json:"sentence,omitempty"`
	// Citation is the sentence as a citation, for rendering.
	Citation *answer.Citation `json:"-"`

	unit string // the unit normalised (％ is %), for comparing rows
}

// Compare finds, in every loaded report (or those whose title, region or
// file name contains reportFilter), the figure that answers what text
// describes (2026年地区生产总值增长目标, 城镇新增就业): one row per report,
// in load order. Metric names differ between reports; they are matched by
// the question's terms and their variants, as questions are. The period
// and kind the text asks are enforced: a five-year average or a 2030 goal
// is never a 2026 target. It returns ErrEmptyQuestion for blank text.
func (e *Engine) Compare(ctx context.Context, text, reportFilter string) ([]CompareRow, error) {
	if strings.TrimSpace(text) == "" {
		return nil, ErrEmptyQuestion
	}
	q := e.understand(text)
	q.Quantity = true
	docs := e.docList(e.docsMatching(reportFilter))
	rows := make([]CompareRow, 0, len(docs))
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		row, err := e.compareOne(ctx, q, d)
		if err != nil {
			return nil, err
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// compareOne is Compare's row for report d.
func (e *Engine) compareOne(ctx context.Context, q *Question, d int) (CompareRow, error) {
	doc := e.docs[d]
	row := CompareRow{Report: doc.Title, File: e.idx.Name(d)}
	sq := *q
	sq.Places = nil // each report answers for itself
	v, err := e.verdictFor(ctx, &sq, []int{d}, "")
	if err != nil || !v.ok || v.fig == nil {
		return row, err
	}
	f := v.fig
	row.Found = true
	row.Metric = f.Metric
	row.Value, row.High = f.Value, f.High
	row.Unit, row.Qualifier, row.unit = f.UnitAsWritten, f.Qualifier, f.Unit
	row.Kind, row.Period = string(f.Kind), f.Period
	row.Raw, row.Start, row.End = f.Raw, f.Span.Start, f.Span.End
	row.Sentence = doc.Slice(v.best.sent.Span)
	ct := e.newCiter()
	ct.cite(d, v.best.sent.Span)
	row.Citation = &ct.list[0]
	return row, nil
}

// answerAcross answers a question about several reports (各省…) with the
// comparison table: one cited line per report.
func (e *Engine) answerAcross(ctx context.Context, q *Question, docs []int) (answer.Answer, error) {
	cq := *q
	cq.Quantity = true // 哪个省…最高 asks a figure of each report
	q = &cq
	ct := e.newCiter()
	var lines []string
	var rows []CompareRow
	for _, d := range e.docList(docs) {
		row, err := e.compareOne(ctx, q, d)
		if err != nil {
			return answer.Answer{}, err
		}
		lines = append(lines, e.acrossLine(q, d, row, ct))
		if row.Found {
			rows = append(rows, row)
		}
	}
	if len(rows) == 0 {
		return refuse(q, NotStated, ""), nil
	}
	ans := answer.Answer{
		Question: q.Raw, Text: strings.Join(lines, "\n"), Answerable: true, Grounded: true,
		Mode: answer.ModeExtractive, Citations: ct.citations(), Reports: ct.reports(),
	}
	if line, ok := superlative(q, rows); ok {
		ans.Text += "\n" + line
		ans.Note = "the highest or lowest was found by comparing the cited figures"
	}
	return ans, nil
}

// superlativeRE: the question asks which report states the most or the
// least.
var superlativeRE = regexp.MustCompile(`最高|最多|最大|最快|最低|最少|最小|最慢|highest|largest|biggest|fastest|most|lowest|smallest|slowest|least`)

var lowestRE = regexp.MustCompile(`最低|最少|最小|最慢|lowest|smallest|slowest|least`)

// superlative names the report whose figure is highest (or lowest) among
// the rows in one unit, quoting the figure as the report writes it; ok is
// false when q asks no such thing or the units differ.
func superlative(q *Question, rows []CompareRow) (string, bool) {
	low := strings.ToLower(q.Raw)
	if !superlativeRE.MatchString(low) {
		return "", false
	}
	lowest := lowestRE.MatchString(low)
	best := rows[0]
	for _, r := range rows[1:] {
		if r.unit != best.unit {
			return "", false
		}
		if lowest && r.Value < best.Value || !lowest && top(r) > top(best) {
			best = r
		}
	}
	word := "最高"
	if lowest {
		word = "最低"
	}
	if q.Lang == English {
		word = "highest"
		if lowest {
			word = "lowest"
		}
		return fmt.Sprintf("Compared across the figures cited above, the %s is %s: %s.", word, best.Report, stated(best)), true
	}
	return fmt.Sprintf("按上列引文比较，%s的是%s：%s。", word, best.Report, stated(best)), true
}

// top is a row's value, the high end of a range.
func top(r CompareRow) float64 { return max(r.Value, r.High) }

// acrossLine is one report's line of an across-reports answer.
func (e *Engine) acrossLine(q *Question, d int, row CompareRow, ct *citer) string {
	name := e.docs[d].Title
	if !row.Found {
		if q.Lang == English {
			return name + ": not stated"
		}
		return name + "：未提及"
	}
	n := ct.cite(d, report.Span{Start: row.Citation.Start, End: row.Citation.End})
	if q.Lang == English {
		return fmt.Sprintf("%s: %s (%s) %s", name, stated(row), row.Kind, marker(n))
	}
	return fmt.Sprintf("%s：%s%s", name, stated(row), marker(n))
}

// stated is a row's figure with its qualifier where the report puts it
// (近百个, 5%左右).
func stated(r CompareRow) string {
	if lexicon.QualifierBeforeRE.MatchString(r.Qualifier) {
		return r.Qualifier + r.Raw
	}
	return r.Raw + r.Qualifier
}
