package brief

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/reportbot/reportbot/answer"
	"github.com/reportbot/reportbot/report"
)

// ErrInvalidOptions is wrapped by the error Build returns for options it
// cannot use (a negative MaxPoints, an LLM without a model, …), so a CLI
// can treat it as a usage error.
var ErrInvalidOptions = errors.New("invalid brief options")

// ErrUnknownFormat is wrapped by the error [Brief.Render] returns for a
// format it does not know.
var ErrUnknownFormat = errors.New("unknown brief format")

// MaxTopicRunes bounds the length of Options.Topic.
const MaxTopicRunes = 200

// Options are the per-call parameters of [Build]. The zero value builds an
// offline brief of the whole report.
type Options struct {
	// Topic is a few free words, Chinese or English (交通, "transport",
	// 安全生产); empty means the whole report.
	Topic string
	// Searcher, when set, helps choose the sections for Topic. Its hits
	// only count where their text names the topic. When nil the sections
	// are chosen by keyword matching over titles, labels and text.
	Searcher Searcher
	// LLM and Model, when set, write the summary from numbered passages.
	// The summary must pass [answer.Check] against the passages it cites;
	// on any failure the extractive summary is used and a note says why.
	LLM   ChatClient
	Model string
	// LLMTimeout bounds the LLM call; 0 means [DefaultLLMTimeout]. When it
	// expires the extractive summary is used and a note says so. It must
	// not be negative.
	LLMTimeout time.Duration
	// MaxPoints caps the bullets of each section; 0 means 4 for a topic
	// and 3 for the whole report. It must be between 0 and 12.
	MaxPoints int
}

// Brief is a briefing on one topic of a report (or the whole report): a
// summary, key figures, targets, key points by section and risks, each
// statement citing numbered passages whose text is exactly the report's.
// A Brief is not modified after [Build] and is safe for concurrent use.
type Brief struct {
	Title   string `json:"title"`
	Source  string `json:"source,omitempty"`
	Date    string `json:"date,omitempty"`     // as written: 2024年02月02日
	ISODate string `json:"iso_date,omitempty"` // 2024-02-02, or ""
	// Status is the report's validity mark (文件已失效), "" when none;
	// Warning is the sentence the renderers show in a warning box.
	Status  string `json:"status,omitempty"`
	Warning string `json:"warning,omitempty"`
	// Year is the planned year and ReviewYear the reviewed one (0 when
	// unknown); they label the figures.
	Year       int `json:"year,omitempty"`
	ReviewYear int `json:"review_year,omitempty"`

	// Topic is Options.Topic as given ("" for the whole report); Terms are
	// the words it was matched with, glossary expansions included.
	Topic string   `json:"topic"`
	Terms []string `json:"terms,omitempty"`
	// Covered is false when the report says nothing on Topic; the brief then
	// has a note saying so and no content.
	Covered  bool         `json:"covered"`
	Sections []SectionRef `json:"sections"`

	Summary     []Claim     `json:"summary"`
	SummaryMode answer.Mode `json:"summary_mode"`
	KeyFigures  []FigureRow `json:"key_figures"`
	// Changes are the growth and decline rates of the topic, for a chart.
	Changes  []ChangeBar  `json:"changes,omitempty"`
	Targets  []TargetRow  `json:"targets"`
	Points   []PointGroup `json:"points"`
	Risks    []Claim      `json:"risks"`
	Passages []Passage    `json:"passages"` // the appendix: Passages[i].N == i+1
	Notes    []string     `json:"notes,omitempty"`
}

// SectionRef names a section the brief draws on.
type SectionRef struct {
	ID    string             `json:"id"`
	Label string             `json:"label"`
	Kind  report.SectionKind `json:"kind"`
	Span  report.Span        `json:"span"`
}

// Claim is one statement of the brief and the passages that support it.
// Lead, when set, is a heading of the report the statement belongs to (an
// item title such as 抓好轨道建设保障), shown before Text.
type Claim struct {
	Lead  string `json:"lead,omitempty"`
	Text  string `json:"text"`
	Cites []int  `json:"cites"`
}

// FigureRow is a row of the key figures table.
type FigureRow struct {
	Metric string `json:"metric"`
	// Value is the figure as written with its qualifier (近500场); "" for
	// a rate of change that has no base figure.
	Value string `json:"value"`
	// Change is the linked change as written with its direction (↑1.72%).
	Change    string           `json:"change,omitempty"`
	Direction report.Direction `json:"direction,omitempty"`
	// Outcome says whether the change is good news for this metric (a
	// fall in crime is); "" when the row has no change.
	Outcome   Outcome     `json:"outcome,omitempty"`
	Kind      report.Kind `json:"kind"`
	KindLabel string      `json:"kind_label"` // 2023年实绩, 2024年目标, 累计
	FigureID  string      `json:"figure_id"`
	ChangeID  string      `json:"change_id,omitempty"`
	Cites     []int       `json:"cites"`
}

// TargetRow is a row of the targets table: a figure of the plan and, when
// the report gives one for a matching metric in the same unit, the
// reviewed year's value.
type TargetRow struct {
	Metric         string `json:"metric"`
	Target         string `json:"target"`
	Baseline       string `json:"baseline,omitempty"`
	BaselineMetric string `json:"baseline_metric,omitempty"`
	FigureID       string `json:"figure_id"`
	BaselineID     string `json:"baseline_id,omitempty"`
	Cites          []int  `json:"cites"`
}

// ChangeBar is one rate of change, for the chart and the changes table.
// Outcome reads Direction against the metric's [Polarity]: a fall of
// 违法犯罪总警情 is good.
type ChangeBar struct {
	Metric    string           `json:"metric"`
	Raw       string           `json:"raw"` // 1.72%
	Value     float64          `json:"value"`
	Direction report.Direction `json:"direction"`
	Outcome   Outcome          `json:"outcome"`
	Cites     []int            `json:"cites"`
}

// PointGroup holds the key points of one section.
type PointGroup struct {
	SectionID string  `json:"section_id"`
	Label     string  `json:"label"`
	Points    []Claim `json:"points"`
}

// Passage is a cited stretch of the report. Text is exactly the report's
// text over Span, in code points; Label names the section or item.
type Passage struct {
	N         int         `json:"n"`
	SectionID string      `json:"section_id"`
	Label     string      `json:"label"`
	Span      report.Span `json:"span"`
	Text      string      `json:"text"`
}

// The notes of a brief.
const (
	noteNotCovered = "报告未涉及该主题。(The report does not cover this topic.)"
	warningFormat  = "原文标注“%s”：本报告可能已失效或被新文件取代，引用前请核实现行文件。(The report is marked %s; check the current version before relying on it.)"
)

// Build makes a brief of doc on opts.Topic. It works offline unless
// opts.LLM is set. A topic the report does not cover gives a Brief with
// Covered false and a note, not an error.
//
// Errors: a nil doc or bad options wrap [ErrInvalidOptions]; a cancelled
// ctx returns ctx's error. A failing Searcher or LLM is not an error: the
// brief falls back to keyword matching or the extractive summary and
// records a note.
func Build(ctx context.Context, doc *report.Report, opts Options) (*Brief, error) {
	if err := validate(doc, opts); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("brief: %w", err)
	}
	b := &Brief{
		Title:       doc.Title,
		Source:      doc.Source,
		Date:        doc.Date,
		ISODate:     doc.ISODate,
		Status:      doc.Status,
		Year:        doc.Year,
		ReviewYear:  doc.ReviewYear,
		Topic:       opts.Topic,
		SummaryMode: answer.ModeExtractive,
	}
	if doc.Status != "" {
		b.Warning = fmt.Sprintf(warningFormat, doc.Status, doc.Status)
	}
	q := parseTopic(opts.Topic)
	b.Terms = q.words()
	var secs []scored
	if q.empty() {
		secs = wholeSections(doc)
	} else {
		var note string
		var err error
		secs, note, err = chooseSections(ctx, doc, q, opts.Searcher)
		if err != nil {
			return nil, err
		}
		if note != "" {
			b.Notes = append(b.Notes, note)
		}
	}
	if len(secs) == 0 {
		b.Notes = append(b.Notes, noteNotCovered)
		return b, nil
	}
	b.Covered = true
	for _, s := range secs {
		b.Sections = append(b.Sections, SectionRef{ID: s.sec.ID, Label: s.sec.Label, Kind: s.sec.Kind, Span: s.sec.Span})
	}
	x := newExtractor(doc, q, secs, b, opts.MaxPoints)
	cands := x.summaryCandidates()
	if opts.LLM != nil {
		timeout := opts.LLMTimeout
		if timeout == 0 {
			timeout = DefaultLLMTimeout
		}
		claims, err := x.llmSummary(ctx, opts.LLM, opts.Model, timeout, cands)
		if err != nil {
			if ctx.Err() != nil {
				return nil, fmt.Errorf("brief: %w", ctx.Err())
			}
			b.Notes = append(b.Notes, llmNote(err))
			b.SummaryMode = answer.ModeFallback
		} else {
			b.Summary = claims
			b.SummaryMode = answer.ModeLLM
		}
	}
	if b.Summary == nil {
		b.Summary = x.extractiveSummary(cands)
	}
	x.figures()
	x.targets()
	x.points()
	x.risks()
	b.renumber()
	return b, nil
}

func validate(doc *report.Report, opts Options) error {
	switch {
	case doc == nil:
		return fmt.Errorf("brief: nil report: %w", ErrInvalidOptions)
	case opts.MaxPoints < 0 || opts.MaxPoints > 12:
		return fmt.Errorf("brief: MaxPoints %d out of range 0..12: %w", opts.MaxPoints, ErrInvalidOptions)
	case opts.LLMTimeout < 0:
		return fmt.Errorf("brief: negative LLMTimeout %v: %w", opts.LLMTimeout, ErrInvalidOptions)
	case opts.LLM != nil && opts.Model == "":
		return fmt.Errorf("brief: LLM set without Model: %w", ErrInvalidOptions)
	case !utf8.ValidString(opts.Topic):
		return fmt.Errorf("brief: topic is not valid UTF-8: %w", ErrInvalidOptions)
	case utf8.RuneCountInString(opts.Topic) > MaxTopicRunes:
		return fmt.Errorf("brief: topic longer than %d characters: %w", MaxTopicRunes, ErrInvalidOptions)
	}
	return nil
}

// kindLabel names the period of a figure for the tables: 2023年实绩,
// 2024年目标, 累计.
func (b *Brief) kindLabel(f *report.Figure) string {
	switch {
	case f.Kind == report.Target:
		if b.Year > 0 {
			return strconv.Itoa(b.Year) + "年目标"
		}
		return "目标"
	case f.Period == "cumulative":
		return "累计"
	case f.Kind == report.Change:
		if f.Period != "" {
			return f.Period + "年增速"
		}
		return "增速"
	case f.Period != "":
		return f.Period + "年实绩"
	}
	return "实绩"
}

// TargetHeader and BaselineHeader are the column titles of the targets
// table: 2024年目标 and 2023年实绩 (目标 and 上年实绩 when the years are
// unknown).
func (b *Brief) TargetHeader() string {
	if b.Year > 0 {
		return strconv.Itoa(b.Year) + "年目标"
	}
	return "目标"
}

// BaselineHeader: see [Brief.TargetHeader].
func (b *Brief) BaselineHeader() string {
	if b.ReviewYear > 0 {
		return strconv.Itoa(b.ReviewYear) + "年实绩"
	}
	return "上年实绩"
}

// Passage returns the passage numbered n, or nil.
func (b *Brief) Passage(n int) *Passage {
	if n < 1 || n > len(b.Passages) {
		return nil
	}
	return &b.Passages[n-1]
}
