package brief

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/reportbot/reportbot/report"
)

// ErrInvalidRow is wrapped by the error [BuildCompare] returns for a row
// it cannot cite: a found row without its figure, or whose figure is not
// in its sentence.
var ErrInvalidRow = errors.New("invalid comparison row")

// CompareRow is one report's answer to a comparison: the figure it gives
// for Metric, or Found false when it gives none. Raw is the figure as
// written (2%左右) and [Start, End) its span in the report, in code points;
// Sentence is the sentence or clause of the report that states it. High
// is the top of a range (0 when the figure is not one); Kind is actual,
// target or change; Period is a year (2026), a span (2021-2025),
// cumulative or "".
type CompareRow struct {
	Report, File string
	Found        bool
	Metric       string
	Value        float64
	High         float64
	Unit         string
	Qualifier    string
	Kind         string
	Period       string
	Raw          string
	Start, End   int
	Sentence     string
}

// Comparison is a table of one figure across reports: a row per report,
// each found figure citing the sentence that states it. Build it with
// [BuildCompare]; it is not modified afterwards and is safe for
// concurrent use.
type Comparison struct {
	Title string       `json:"title"`
	Rows  []CompareRow `json:"rows"`
	// Cites[i] is the passage number of Rows[i], 0 for a row not found.
	Cites    []int            `json:"cites"`
	Passages []ComparePassage `json:"passages"` // Passages[i].N == i+1
}

// ComparePassage is the cited sentence of a found row. Span is where the
// figure (Raw) is in the report; Text is the sentence that holds it.
type ComparePassage struct {
	N      int         `json:"n"`
	Report string      `json:"report"`
	File   string      `json:"file,omitempty"`
	Raw    string      `json:"raw"`
	Span   report.Span `json:"span"`
	Text   string      `json:"text"`
}

// maxCompareQuote bounds the quote shown in a comparison table; the
// appendix has the whole sentence.
const maxCompareQuote = 60

// BuildCompare makes a comparison titled title (the query, such as
// 2026年地区生产总值增长目标) from rows, kept in the order given. A row not
// found shows 未提及 and cites nothing.
//
// Errors: no rows, or a found row whose Raw is empty, is not in its
// Sentence, whose span does not have Raw's length, or whose Value or High
// is not a finite number, wrap [ErrInvalidRow].
func BuildCompare(title string, rows []CompareRow) (*Comparison, error) {
	if len(rows) == 0 {
		return nil, fmt.Errorf("brief: compare: no rows: %w", ErrInvalidRow)
	}
	c := &Comparison{Title: strings.TrimSpace(title), Rows: append([]CompareRow(nil), rows...), Cites: make([]int, len(rows))}
	for i, r := range rows {
		if !r.Found {
			continue
		}
		switch {
		case r.Raw == "":
			return nil, fmt.Errorf("brief: compare row %d (%s): found without a figure: %w", i, r.Report, ErrInvalidRow)
		case !strings.Contains(r.Sentence, r.Raw):
			return nil, fmt.Errorf("brief: compare row %d (%s): %q is not in its sentence: %w", i, r.Report, r.Raw, ErrInvalidRow)
		case r.Start < 0 || r.End-r.Start != utf8.RuneCountInString(r.Raw):
			return nil, fmt.Errorf("brief: compare row %d (%s): span [%d,%d) does not fit %q: %w", i, r.Report, r.Start, r.End, r.Raw, ErrInvalidRow)
		case !finite(r.Value) || !finite(r.High):
			return nil, fmt.Errorf("brief: compare row %d (%s): value %v, high %v: %w", i, r.Report, r.Value, r.High, ErrInvalidRow)
		}
		n := len(c.Passages) + 1
		c.Passages = append(c.Passages, ComparePassage{N: n, Report: r.Report, File: r.File, Raw: r.Raw,
			Span: report.Span{Start: r.Start, End: r.End}, Text: r.Sentence})
		c.Cites[i] = n
	}
	return c, nil
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// Render returns the comparison in format: md, html, docx, short or json,
// as [Brief.Render] does.
func (c *Comparison) Render(format string) ([]byte, error) {
	switch strings.ToLower(strings.TrimSpace(format)) {
	case "md", "markdown":
		return c.Markdown(), nil
	case "html", "htm":
		return c.HTML(), nil
	case "docx", "word":
		return c.DOCX()
	case "short", "txt", "text":
		return []byte(c.Short()), nil
	case "json":
		out, err := json.MarshalIndent(c, "", "  ")
		if err != nil {
			return nil, fmt.Errorf("brief: json: %w", err)
		}
		return append(out, '\n'), nil
	}
	return nil, fmt.Errorf("brief: format %q: %w (want %s)", format, ErrUnknownFormat, strings.Join(Formats, ", "))
}

// heading is the title of the comparison: 对比：<title>.
func (c *Comparison) heading() string {
	if c.Title == "" {
		return "对比"
	}
	return "对比：" + c.Title
}

// compareKind names a row's kind and period: 2026年目标, 2025年实绩, 增速.
func compareKind(r CompareRow) string {
	var k string
	switch report.Kind(r.Kind) {
	case report.Target:
		k = "目标"
	case report.Change:
		k = "增速"
	case report.Actual:
		k = "实绩"
	}
	switch {
	case r.Period == "cumulative":
		return "累计" + k
	case r.Period != "":
		return r.Period + "年" + k
	}
	return k
}

// value is a found row's figure as written, or 未提及.
func (r CompareRow) value() string {
	if !r.Found {
		return "未提及"
	}
	return r.Raw
}

// quote is the row's sentence cut to about maxCompareQuote code points
// around its figure, with … where it was cut.
func (r CompareRow) quote() string {
	if !r.Found {
		return ""
	}
	rs := []rune(r.Sentence)
	if len(rs) <= maxCompareQuote {
		return r.Sentence
	}
	at := utf8.RuneCountInString(r.Sentence[:strings.Index(r.Sentence, r.Raw)])
	lo := max(0, at-maxCompareQuote/2)
	hi := min(len(rs), lo+maxCompareQuote)
	lo = max(0, hi-maxCompareQuote)
	out := string(rs[lo:hi])
	if lo > 0 {
		out = "…" + out
	}
	if hi < len(rs) {
		out += "…"
	}
	return out
}

func (c *Comparison) cite(i int) string {
	if c.Cites[i] == 0 {
		return ""
	}
	return Cite([]int{c.Cites[i]})
}

func compareSpan(p ComparePassage) string {
	return "[" + strconv.Itoa(p.Span.Start) + "," + strconv.Itoa(p.Span.End) + ")"
}

func (p ComparePassage) source() string {
	if p.File != "" {
		return p.Report + "（" + p.File + "）"
	}
	return p.Report
}

// Markdown renders the comparison: a table with a row per report (报告,
// 数值, 类型, 原文, 出处) and the appendix of cited sentences, each with
// the figure's [start,end) in its report.
func (c *Comparison) Markdown() []byte {
	var w bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&w, format, args...) }
	p("# %s\n\n", md(c.heading()))
	p("| 报告 | 数值 | 类型 | 原文 | 出处 |\n| --- | --- | --- | --- | --- |\n")
	for i, r := range c.Rows {
		p("| %s | %s | %s | %s | %s |\n", md(r.Report), md(r.value()), orDash(md(compareKind(r))), orDash(md(r.quote())), orDash(c.cite(i)))
	}
	w.WriteByte('\n')
	if len(c.Passages) > 0 {
		p("## 引文\n\n")
		for _, ps := range c.Passages {
			p("%s %s · %s %s  \n> %s\n\n", Cite([]int{ps.N}), md(ps.source()), md(ps.Raw), compareSpan(ps), md(ps.Text))
		}
	}
	return w.Bytes()
}

// Short renders a few lines for a chat message: the title, then a line per
// report with its figure and [n].
func (c *Comparison) Short() string {
	var sb strings.Builder
	sb.WriteString(c.heading())
	for i, r := range c.Rows {
		sb.WriteString("\n· " + r.Report + " " + r.value())
		if k := compareKind(r); r.Found && k != "" {
			sb.WriteString("（" + k + "）")
		}
		sb.WriteString(c.cite(i))
	}
	return sb.String()
}

// DOCX renders the comparison as a Word document: the table and the
// appendix, laid out as [Brief.DOCX] lays out a brief.
func (c *Comparison) DOCX() ([]byte, error) {
	var d docxWriter
	d.open()
	d.para("Title", run{text: c.heading()})
	rows := make([][]cell, len(c.Rows))
	for i, r := range c.Rows {
		rows[i] = cells(r.Report, r.value(), orDash(compareKind(r)), orDash(r.quote()), orDash(c.cite(i)))
	}
	d.table([]string{"报告", "数值", "类型", "原文", "出处"}, rows, []int{1500, 1400, 1300, 4400, 1000})
	if len(c.Passages) > 0 {
		d.heading("Heading1", "引文")
		for _, p := range c.Passages {
			d.paraKeep("PassageLabel", true, run{text: Cite([]int{p.N}) + " " + p.source() + " ", bold: true}, run{text: p.Raw + " " + compareSpan(p), color: "59636E"})
			d.para("Passage", run{text: p.Text})
		}
	}
	return docxPackage(d.close(), c.heading(), c.Title)
}

// The geometry of the comparison chart: labels, then bars from zero.
const (
	compareLabelEnd = 150
	compareBarX     = 158
	compareBarMax   = 440
)

// compareBar is a laid-out bar of the comparison chart.
type compareBar struct {
	Label, Value, Cites, CitesAttr   string
	TextY, BarY, Width, ValueX, BarH string
	RangeX, RangeW                   string // the rest of a range, "" when none
}

// compareView is what the comparison template renders.
type compareView struct {
	*Comparison
	Heading                 string
	Rows                    []compareRowView
	Bars                    []compareBar
	ChartWidth, ChartHeight string
	LabelX, BarX            string
}

type compareRowView struct {
	Report, Value, Kind, Quote string
	Found                      bool
	Cite                       int
}

// unitScales are the scales a unit may carry (5.3万亿元, 60199.45亿元), so
// that figures in one base unit compare whatever their scale.
var unitScales = []struct {
	prefix string
	factor float64
}{{"万亿", 1e12}, {"千亿", 1e11}, {"亿", 1e8}, {"千万", 1e7}, {"百万", 1e6}, {"万", 1e4}, {"千", 1e3}}

// baseUnit splits a unit into its scale factor and base unit: 万亿元 is
// 1e12 and 元.
func baseUnit(unit string) (float64, string) {
	for _, s := range unitScales {
		if rest, ok := strings.CutPrefix(unit, s.prefix); ok && rest != "" {
			return s.factor, rest
		}
	}
	return 1, unit
}

// bars lays out a bar per found row when the found rows share one base
// unit (5.3万亿元 and 60199.45亿元 are both 元) and are not negative; the
// bar's length is its value's share of the largest, a range's rest is
// drawn lighter.
func (c *Comparison) bars() ([]compareBar, string) {
	unit, maxV, n := "", 0.0, 0
	for _, r := range c.Rows {
		if !r.Found {
			continue
		}
		f, u := baseUnit(r.Unit)
		if n > 0 && u != unit || r.Value < 0 || r.High < 0 {
			return nil, ""
		}
		unit, maxV, n = u, max(maxV, r.Value*f, r.High*f), n+1
	}
	if n < 2 || maxV <= 0 || !finite(maxV) {
		return nil, ""
	}
	var out []compareBar
	for i, r := range c.Rows {
		if !r.Found {
			continue
		}
		f, _ := baseUnit(r.Unit)
		y := float64(chartPadding + len(out)*chartRow)
		w := max(2, r.Value*f/maxV*compareBarMax)
		end := w
		b := compareBar{
			Label: cutLabel(r.Report), Value: r.Raw, Cites: c.cite(i), CitesAttr: strconv.Itoa(c.Cites[i]),
			TextY: ftoa(y + chartBarH - 3), BarY: ftoa(y), Width: ftoa(w), BarH: strconv.Itoa(chartBarH),
		}
		if r.High > r.Value {
			end = r.High * f / maxV * compareBarMax
			b.RangeX, b.RangeW = ftoa(compareBarX+w), ftoa(end-w)
		}
		b.ValueX = ftoa(compareBarX + end + 6)
		out = append(out, b)
	}
	return out, strconv.Itoa(chartPadding*2 + len(out)*chartRow)
}

var compareTmpl = template.Must(template.New("compare").Funcs(htmlFuncs).Parse(compareSource))

// HTML renders the comparison as one self-contained page: the table, a
// bar chart when the found figures share a unit, and the appendix. Every
// [n] links to its passage; there is no script.
func (c *Comparison) HTML() []byte {
	v := compareView{Comparison: c, Heading: c.heading()}
	for i, r := range c.Rows {
		v.Rows = append(v.Rows, compareRowView{Report: r.Report, Value: r.value(), Kind: compareKind(r), Quote: r.quote(), Found: r.Found, Cite: c.Cites[i]})
	}
	v.Bars, v.ChartHeight = c.bars()
	v.ChartWidth, v.LabelX, v.BarX = strconv.Itoa(chartWidth), strconv.Itoa(compareLabelEnd), strconv.Itoa(compareBarX)
	var buf bytes.Buffer
	if err := compareTmpl.Execute(&buf, v); err != nil {
		panic("brief: compare html template: " + err.Error())
	}
	return buf.Bytes()
}

const compareSource = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="reportbot">
<title>{{.Heading}}</title>
<style>
` + htmlCSS + `figure.chart .bar{fill:var(--accent)}
figure.chart .range{fill:var(--accent);opacity:.35}
td.missing{color:var(--muted)}
table.compare th,table.compare td:nth-child(-n+3),table.compare td.cite{white-space:nowrap}
</style>
</head>
<body>
<main>
<header>
<h1>{{.Heading}}</h1>
</header>
<section>
<table class="compare">
<thead><tr><th>报告</th><th>数值</th><th>类型</th><th>原文</th><th>出处</th></tr></thead>
<tbody>
{{range .Rows}}{{if .Found}}<tr data-cites="{{.Cite}}"><td>{{.Report}}</td><td class="num">{{.Value}}</td><td>{{dash .Kind}}</td><td>{{.Quote}}</td><td class="cite"><a class="cite" href="#p{{.Cite}}">[{{.Cite}}]</a></td></tr>
{{else}}<tr><td>{{.Report}}</td><td class="missing">{{.Value}}</td><td>—</td><td>—</td><td>—</td></tr>
{{end}}{{end}}</tbody>
</table>
{{if .Bars}}<figure class="chart">
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{.ChartWidth}} {{.ChartHeight}}" role="img" aria-label="各报告数值对比">
{{$lx := .LabelX}}{{$bx := .BarX}}{{range .Bars}}<g data-cites="{{.CitesAttr}}"><text class="lbl" x="{{$lx}}" y="{{.TextY}}" text-anchor="end">{{.Label}} {{.Cites}}</text><rect class="bar" x="{{$bx}}" y="{{.BarY}}" width="{{.Width}}" height="{{.BarH}}" rx="2"></rect>{{if .RangeW}}<rect class="range" x="{{.RangeX}}" y="{{.BarY}}" width="{{.RangeW}}" height="{{.BarH}}" rx="2"></rect>{{end}}<text class="val" x="{{.ValueX}}" y="{{.TextY}}">{{.Value}}</text></g>
{{end}}</svg>
<figcaption>条长按原文数值绘制（万、亿等单位已换算）；区间的上限部分颜色较浅。未提及的报告不画。</figcaption>
</figure>
{{end}}</section>
{{if .Passages}}<section>
<h2>引文</h2>
<ol class="appendix">
{{range .Passages}}<li id="p{{.N}}" data-passage="{{.N}}"><span class="plabel">[{{.N}}] {{.Report}}{{if .File}}（{{.File}}）{{end}}</span> <span class="offs">{{.Raw}} [{{.Span.Start}},{{.Span.End}})</span><blockquote>{{.Text}}</blockquote></li>
{{end}}</ol>
</section>
{{end}}<footer>由 reportbot 生成；[n] 指向“引文”中的原句，偏移量为数值在该报告中的位置，按 Unicode 码点计。</footer>
</main>
</body>
</html>
`
