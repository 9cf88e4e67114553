package qa

import (
	"context"
	"fmt"
	"strings"

	"github.com/reportbot/reportbot/answer"
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
	row.Unit, row.Qualifier = f.UnitAsWritten, f.Qualifier
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
	ct := e.newCiter()
	var lines []string
	found := 0
	for _, d := range e.docList(docs) {
		row, err := e.compareOne(ctx, q, d)
		if err != nil {
			return answer.Answer{}, err
		}
		lines = append(lines, e.acrossLine(q, d, row, ct))
		if row.Found {
			found++
		}
	}
	if found == 0 {
		return refuse(q, NotStated, ""), nil
	}
	sep := "\n"
	return answer.Answer{
		Question: q.Raw, Text: strings.Join(lines, sep), Answerable: true, Grounded: true,
		Mode: answer.ModeExtractive, Citations: ct.citations(), Reports: ct.reports(),
	}, nil
}

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
		return fmt.Sprintf("%s: %s (%s) %s", name, row.Raw, row.Kind, marker(n))
	}
	return fmt.Sprintf("%s：%s%s", name, row.Raw, marker(n))
}
