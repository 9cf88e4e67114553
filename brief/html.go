package brief

import (
	"bytes"
	"html/template"
	"strconv"
	"strings"
)

// The geometry of the change chart, in SVG user units: a label column
// (right-aligned), then the bar and the rate as written at its end.
const (
	chartWidth    = 720
	chartLabelEnd = 262 // x where labels end
	chartBarX     = 270
	chartBarMax   = 330 // leaves room after the longest bar for ↓22.1% 需关注
	chartRow      = 28
	chartBarH     = 16
	chartPadding  = 6
	chartLabelMax = 16 // runes of a label before it is cut
)

// bar is a laid-out bar of the change chart.
type bar struct {
	Label, Value, Cites, CitesAttr, Class string
	TextY, BarY, ValueX, Width, BarH      string
}

// htmlView is what the template renders.
type htmlView struct {
	*Brief
	Heading, TopicLine, SectionLine string
	TargetHeader, BaselineHeader    string
	ChangeColumn                    bool
	Bars                            []bar
	ChartWidth, ChartHeight         string
	LabelX, BarX                    string
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

func citesAttr(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, " ")
}

// cutLabel shortens a chart label to chartLabelMax runes with …, never
// inside a run of digits.
func cutLabel(s string) string {
	rs := []rune(s)
	if len(rs) <= chartLabelMax {
		return s
	}
	n := chartLabelMax - 1
	for n > 0 && (rs[n] >= '0' && rs[n] <= '9' || rs[n] == '.') {
		n--
	}
	return string(rs[:n]) + "…"
}

// bars lays out the change chart: one row per rate, the label, a bar
// whose length is the rate's share of the largest, and the rate as
// written at its end with its outcome (↓22.1% 向好). The bar is coloured
// by outcome, not direction: a fall in crime is good news.
func (b *Brief) bars() ([]bar, string) {
	if len(b.Changes) == 0 {
		return nil, ""
	}
	maxV := 0.0
	for _, c := range b.Changes {
		maxV = max(maxV, c.Value)
	}
	out := make([]bar, len(b.Changes))
	for i, c := range b.Changes {
		w := float64(chartBarMax)
		if maxV > 0 {
			w = max(3, c.Value/maxV*chartBarMax)
		}
		y := float64(chartPadding + i*chartRow)
		value := arrow(c.Direction) + c.Raw
		if l := c.Outcome.Label(); l != "" {
			value += " " + l
		}
		out[i] = bar{
			Label:     cutLabel(c.Metric),
			Value:     value,
			Cites:     Cite(c.Cites),
			CitesAttr: citesAttr(c.Cites),
			Class:     outcomeClass(c.Outcome),
			TextY:     ftoa(y + chartBarH - 3),
			BarY:      ftoa(y),
			Width:     ftoa(w),
			ValueX:    ftoa(chartBarX + w + 6),
			BarH:      strconv.Itoa(chartBarH),
		}
	}
	return out, strconv.Itoa(chartPadding*2 + len(b.Changes)*chartRow)
}

// outcomeClass is the CSS class of an outcome: good, bad or neutral.
func outcomeClass(o Outcome) string {
	switch o {
	case OutcomeGood, OutcomeBad:
		return string(o)
	}
	return "neutral"
}

var htmlFuncs = template.FuncMap{
	"cites":        func(ns []int) []int { return ns },
	"citesAttr":    citesAttr,
	"dash":         orDash,
	"span":         spanText,
	"outcomeClass": outcomeClass,
	"outcomeLabel": func(o Outcome) string { return o.Label() },
}

var htmlTmpl = template.Must(template.New("brief").Funcs(htmlFuncs).Parse(htmlSource))

// HTML renders the brief as a self-contained, printable HTML5 page: inline
// CSS with a Chinese font stack, the status warning box, the tables, an
// inline SVG bar chart of the topic's rates of change, and the appendix of
// passages. Every [n] marker links to its passage. All text is escaped by
// html/template; there is no script.
func (b *Brief) HTML() []byte {
	v := htmlView{
		Brief:          b,
		Heading:        b.heading(),
		TopicLine:      b.topicLine(),
		TargetHeader:   b.TargetHeader(),
		BaselineHeader: b.BaselineHeader(),
	}
	labels := make([]string, len(b.Sections))
	for i, s := range b.Sections {
		labels[i] = s.Label
	}
	if b.Topic != "" {
		v.SectionLine = strings.Join(labels, "；")
	}
	v.ChangeColumn = b.hasChanges()
	v.Bars, v.ChartHeight = b.bars()
	v.ChartWidth, v.LabelX, v.BarX = strconv.Itoa(chartWidth), strconv.Itoa(chartLabelEnd), strconv.Itoa(chartBarX)
	var buf bytes.Buffer
	if err := htmlTmpl.Execute(&buf, v); err != nil {
		// The template and its data are ours; an error here is a bug.
		panic("brief: html template: " + err.Error())
	}
	return buf.Bytes()
}

const htmlSource = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="reportbot">
<title>{{.Heading}}</title>
<style>
` + htmlCSS + `</style>
</head>
<body>
<main>
<header>
<h1>{{.Heading}}</h1>
{{if .Source}}<p class="meta"><b>来源</b> {{.Source}}</p>
{{end}}{{if .Date}}<p class="meta"><b>日期</b> {{.Date}}</p>
{{end}}<p class="meta"><b>主题</b> {{.TopicLine}}</p>
{{if .SectionLine}}<p class="meta"><b>章节</b> {{.SectionLine}}</p>
{{end}}</header>
{{if .Status}}<div class="status" role="alert"><p class="mark">⚠ 文件状态：{{.Status}}</p><p>{{.Warning}}</p></div>
{{end}}{{range .Notes}}<div class="note"><p>注：{{.}}</p></div>
{{end}}{{if .Covered}}
{{if .Summary}}<section class="summary">
<h2>摘要</h2>
{{range .Summary}}<p data-cites="{{citesAttr .Cites}}">{{if and .Lead .Text}}<span class="lead">{{.Lead}}：</span>{{end}}{{.Text}}{{range cites .Cites}}<a class="cite" href="#p{{.}}">[{{.}}]</a>{{end}}</p>
{{end}}</section>
{{end}}{{if or .KeyFigures .Bars}}<section>
<h2>关键数据</h2>
{{if .KeyFigures}}<table class="figures">
<thead><tr><th>指标</th><th>数值</th>{{if .ChangeColumn}}<th>变化</th>{{end}}<th>类型</th><th>出处</th></tr></thead>
<tbody>
{{$chg := .ChangeColumn}}{{range .KeyFigures}}<tr data-cites="{{citesAttr .Cites}}"><td>{{.Metric}}</td><td class="num">{{dash .Value}}</td>{{if $chg}}<td class="num {{outcomeClass .Outcome}}">{{dash .Change}}{{with outcomeLabel .Outcome}} <small>{{.}}</small>{{end}}</td>{{end}}<td>{{.KindLabel}}</td><td class="cite">{{range cites .Cites}}<a class="cite" href="#p{{.}}">[{{.}}]</a>{{end}}</td></tr>
{{end}}</tbody>
</table>
{{end}}{{if .Bars}}<h3 class="sub">增减幅度</h3>
<figure class="chart">
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{.ChartWidth}} {{.ChartHeight}}" role="img" aria-label="增减幅度：条长为变化幅度，颜色表示对该指标是向好、需关注还是无好坏之分">
{{$lx := .LabelX}}{{$bx := .BarX}}{{range .Bars}}<g data-cites="{{.CitesAttr}}"><text class="lbl" x="{{$lx}}" y="{{.TextY}}" text-anchor="end">{{.Label}} {{.Cites}}</text><rect class="{{.Class}}" x="{{$bx}}" y="{{.BarY}}" width="{{.Width}}" height="{{.BarH}}" rx="2"></rect><text class="val {{.Class}}" x="{{.ValueX}}" y="{{.TextY}}">{{.Value}}</text></g>
{{end}}</svg>
<figcaption><span class="legend"><span class="swatch good"></span>向好</span><span class="legend"><span class="swatch bad"></span>需关注</span><span class="legend"><span class="swatch neutral"></span>无好坏之分</span><br>颜色按指标性质判断：产值、收入、投资、就业等上升为向好，犯罪、事故、能耗、失业、污染物浓度等下降为向好；价格等指标不分好坏。条长为原文百分比，↑为增长，↓为下降。</figcaption>
</figure>
{{end}}</section>
{{end}}{{if .Targets}}<section>
<h2>目标任务</h2>
<table class="targets">
<thead><tr><th>指标</th><th>{{.TargetHeader}}</th><th>{{.BaselineHeader}}</th><th>出处</th></tr></thead>
<tbody>
{{range .Targets}}<tr data-cites="{{citesAttr .Cites}}"><td>{{.Metric}}</td><td class="num">{{.Target}}</td><td class="num">{{dash .Baseline}}</td><td class="cite">{{range cites .Cites}}<a class="cite" href="#p{{.}}">[{{.}}]</a>{{end}}</td></tr>
{{end}}</tbody>
</table>
</section>
{{end}}{{if .Points}}<section>
<h2>分节要点</h2>
{{range .Points}}<h3>{{.Label}}</h3>
<ul>
{{range .Points}}<li data-cites="{{citesAttr .Cites}}">{{if and .Lead .Text}}<span class="lead">{{.Lead}}：</span>{{end}}{{.Text}}{{range cites .Cites}}<a class="cite" href="#p{{.}}">[{{.}}]</a>{{end}}</li>
{{end}}</ul>
{{end}}</section>
{{end}}{{if .Risks}}<section>
<h2>风险与不足</h2>
<ul>
{{range .Risks}}<li data-cites="{{citesAttr .Cites}}">{{.Text}}{{range cites .Cites}}<a class="cite" href="#p{{.}}">[{{.}}]</a>{{end}}</li>
{{end}}</ul>
</section>
{{end}}{{if .Passages}}<section>
<h2>引文</h2>
<ol class="appendix">
{{range .Passages}}<li id="p{{.N}}" data-passage="{{.N}}"><span class="plabel">[{{.N}}] {{.Label}}</span> <span class="offs">{{span .}}</span><blockquote>{{.Text}}</blockquote></li>
{{end}}</ol>
</section>
{{end}}{{end}}<footer>由 reportbot 生成；每条陈述后的 [n] 指向“引文”中的原文段落，偏移量按 Unicode 码点计。</footer>
</main>
</body>
</html>
`

// htmlCSS is the style sheet of every page: a Chinese font stack, tables,
// the chart, the appendix and print rules.
const htmlCSS = `:root{--ink:#1f2328;--muted:#59636e;--line:#d0d7de;--accent:#1f4e79;--good:#2e7d32;--bad:#b42318;--neutral:#6b7a90}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#f3f4f6;color:var(--ink);font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;font-size:15px;line-height:1.75}
main{max-width:920px;margin:24px auto;background:#fff;padding:32px 44px;border:1px solid var(--line);border-radius:8px}
h1{font-size:24px;line-height:1.4;margin:0 0 8px;color:var(--accent)}
h2{font-size:19px;margin:30px 0 10px;padding-bottom:4px;border-bottom:2px solid var(--accent);color:var(--accent)}
h3{font-size:16px;margin:18px 0 6px}
.meta{color:var(--muted);margin:0;font-size:14px}
.meta b{color:var(--ink);font-weight:600}
.status{border:2px solid #b42318;background:#fef3f2;color:#7a271a;padding:12px 16px;border-radius:6px;margin:18px 0}
.status .mark{font-size:18px;font-weight:700;margin:0 0 4px}
.status p{margin:0}
.note{border-left:4px solid #d4a72c;background:#fff8c5;padding:8px 12px;margin:12px 0}
.summary p{margin:0 0 8px}
table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:14px}
th,td{border:1px solid var(--line);padding:6px 10px;text-align:left;vertical-align:top}
th{background:#e8eef5;font-weight:600}
tbody tr:nth-child(even){background:#f8fafc}
td.num{white-space:nowrap;font-variant-numeric:tabular-nums;font-weight:600}
td.cite{white-space:nowrap}
.good{color:var(--good)}
.bad{color:var(--bad)}
.neutral{color:var(--neutral)}
a.cite{color:var(--accent);text-decoration:none;font-size:12px;vertical-align:super;line-height:0}
.lead{font-weight:600}
ul{padding-left:22px;margin:6px 0}
li{margin:3px 0}
figure.chart{margin:8px 0 18px}
figure.chart svg{width:100%;height:auto;display:block}
figure.chart .lbl{font-size:13px;fill:var(--ink)}
figure.chart .val{font-size:13px;font-weight:600}
figure.chart .good{fill:var(--good)}
figure.chart .bad{fill:var(--bad)}
figure.chart .neutral{fill:var(--neutral)}
figcaption{color:var(--muted);font-size:12px;line-height:1.6}
.legend{display:inline-block;margin-right:14px;white-space:nowrap}
.swatch{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:4px;vertical-align:-1px}
.swatch.good{background:var(--good)}
.swatch.bad{background:var(--bad)}
.swatch.neutral{background:var(--neutral)}
h3.sub{font-size:15px;color:var(--accent);margin:16px 0 4px}
ol.appendix{padding-left:0;list-style:none}
ol.appendix li{margin-bottom:12px}
ol.appendix .plabel{font-weight:600}
ol.appendix blockquote{margin:4px 0 0;padding:6px 12px;background:#f6f8fa;border-left:3px solid var(--line);font-size:14px}
.offs{color:var(--muted);font-size:12px;font-family:ui-monospace,Menlo,Consolas,monospace}
footer{color:var(--muted);font-size:12px;margin-top:28px;border-top:1px solid var(--line);padding-top:8px}
@media print{
@page{size:A4;margin:16mm 14mm}
body{background:#fff;font-size:10.5pt}
main{border:0;margin:0;padding:0;max-width:none;border-radius:0}
a.cite{color:inherit}
.status,.note,th,tbody tr,figure.chart,.swatch{-webkit-print-color-adjust:exact;print-color-adjust:exact}
tr,li,figure,.status,blockquote{break-inside:avoid}
h2,h3{break-after:avoid}
thead{display:table-header-group}
}
`
