package brief

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Formats lists the formats [Brief.Render] accepts.
var Formats = []string{"md", "html", "docx", "short", "json"}

// Render returns the brief in format: md (or markdown), html, docx, short
// (or txt, text) or json. An unknown format gives an error wrapping
// [ErrUnknownFormat] that lists the known ones.
func (b *Brief) Render(format string) ([]byte, error) {
	switch strings.ToLower(strings.TrimSpace(format)) {
	case "md", "markdown":
		return b.Markdown(), nil
	case "html", "htm":
		return b.HTML(), nil
	case "docx", "word":
		return b.DOCX()
	case "short", "txt", "text":
		return []byte(b.Short()), nil
	case "json":
		out, err := json.MarshalIndent(b, "", "  ")
		if err != nil {
			return nil, fmt.Errorf("brief: json: %w", err)
		}
		return append(out, '\n'), nil
	}
	return nil, fmt.Errorf("brief: format %q: %w (want %s)", format, ErrUnknownFormat, strings.Join(Formats, ", "))
}

// heading is the title of the brief: 简报：<report> · <topic>.
func (b *Brief) heading() string {
	h := "简报：" + b.Title
	if b.Title == "" {
		h = "简报"
	}
	if b.Topic != "" {
		h += " · " + b.Topic
	}
	return h
}

// topicLine describes the topic and the words it was matched with.
func (b *Brief) topicLine() string {
	if b.Topic == "" {
		return "全文 (whole report)"
	}
	s := b.Topic
	var extra []string
	for _, t := range b.Terms {
		if t != b.Topic {
			extra = append(extra, t)
		}
	}
	if len(extra) > 0 {
		if len(extra) > 10 {
			extra = append(extra[:10], "…")
		}
		s += "（匹配：" + strings.Join(extra, "、") + "）"
	}
	return s
}

// spanText formats a span as [start,end).
func spanText(p Passage) string {
	return "[" + strconv.Itoa(p.Span.Start) + "," + strconv.Itoa(p.Span.End) + ")"
}

var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`, "|", `\|`, "`", "\\`", "#", `\#`,
	"\r\n", " ", "\n", " ", "\r", " ",
)

// md escapes text for Markdown, on one line.
func md(s string) string { return mdEscaper.Replace(s) }

// claimText is a claim as one line of text with its markers.
func claimText(c Claim, esc func(string) string, sep string) string {
	s := esc(c.Text)
	if c.Lead != "" && c.Text != "" {
		s = esc(c.Lead) + sep + s
	}
	return s + Cite(c.Cites)
}

// Markdown renders the brief as Markdown: a header with the source, date
// and topic, the status warning, notes, then 摘要, 关键数据, 目标任务,
// 分节要点, 风险与不足 and 引文 (every cited passage with its label and
// [start,end) in code points). Each statement and table row ends with the
// [n] markers of its passages.
func (b *Brief) Markdown() []byte {
	var w bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&w, format, args...) }
	p("# %s\n\n", md(b.heading()))
	if b.Source != "" {
		p("- 来源：%s\n", md(b.Source))
	}
	if b.Date != "" {
		p("- 日期：%s\n", md(b.Date))
	}
	p("- 主题：%s\n", md(b.topicLine()))
	if len(b.Sections) > 0 && b.Topic != "" {
		labels := make([]string, len(b.Sections))
		for i, s := range b.Sections {
			labels[i] = md(s.Label)
		}
		p("- 章节：%s\n", strings.Join(labels, "；"))
	}
	w.WriteByte('\n')
	if b.Status != "" {
		p("> ⚠️ **文件状态：%s**  \n> %s\n\n", md(b.Status), md(b.Warning))
	}
	for _, n := range b.Notes {
		p("> 注：%s\n\n", md(n))
	}
	if !b.Covered {
		return w.Bytes()
	}
	if len(b.Summary) > 0 {
		p("## 摘要\n\n")
		for _, c := range b.Summary {
			p("%s\n", claimText(c, md, "："))
		}
		w.WriteByte('\n')
	}
	if len(b.KeyFigures) > 0 || len(b.Changes) > 0 {
		p("## 关键数据\n\n")
	}
	if len(b.KeyFigures) > 0 {
		if b.hasChanges() {
			p("| 指标 | 数值 | 变化 | 类型 | 出处 |\n| --- | --- | --- | --- | --- |\n")
		} else {
			p("| 指标 | 数值 | 类型 | 出处 |\n| --- | --- | --- | --- |\n")
		}
		for _, r := range b.KeyFigures {
			if b.hasChanges() {
				p("| %s | %s | %s | %s | %s |\n", md(r.Metric), orDash(md(r.Value)), orDash(md(withOutcome(r.Change, r.Outcome))), md(r.KindLabel), Cite(r.Cites))
			} else {
				p("| %s | %s | %s | %s |\n", md(r.Metric), orDash(md(r.Value)), md(r.KindLabel), Cite(r.Cites))
			}
		}
		w.WriteByte('\n')
	}
	if extra := b.otherChanges(); len(extra) > 0 {
		p("### %s\n\n%s\n\n| 指标 | 变化 | 解读 | 出处 |\n| --- | --- | --- | --- |\n", b.otherChangesHeading(), changesLegend)
		for _, c := range extra {
			p("| %s | %s | %s | %s |\n", md(c.Metric), md(arrow(c.Direction)+c.Raw), orDash(c.Outcome.Label()), Cite(c.Cites))
		}
		w.WriteByte('\n')
	}
	if len(b.Targets) > 0 {
		p("## 目标任务\n\n| 指标 | %s | %s | 出处 |\n| --- | --- | --- | --- |\n", b.TargetHeader(), b.BaselineHeader())
		for _, r := range b.Targets {
			p("| %s | %s | %s | %s |\n", md(r.Metric), md(r.Target), orDash(md(r.Baseline)), Cite(r.Cites))
		}
		w.WriteByte('\n')
	}
	if len(b.Points) > 0 {
		p("## 分节要点\n\n")
		for _, g := range b.Points {
			p("### %s\n\n", md(g.Label))
			for _, c := range g.Points {
				if c.Lead != "" && c.Text != "" {
					p("- **%s**：%s%s\n", md(c.Lead), md(c.Text), Cite(c.Cites))
				} else {
					p("- %s\n", claimText(c, md, "："))
				}
			}
			w.WriteByte('\n')
		}
	}
	if len(b.Risks) > 0 {
		p("## 风险与不足\n\n")
		for _, c := range b.Risks {
			p("- %s\n", claimText(c, md, "："))
		}
		w.WriteByte('\n')
	}
	if len(b.Passages) > 0 {
		p("## 引文\n\n")
		for _, ps := range b.Passages {
			p("%s %s · %s  \n> %s\n\n", Cite([]int{ps.N}), md(ps.Label), spanText(ps), md(ps.Text))
		}
	}
	return w.Bytes()
}

// changesLegend says how the changes are read, under their heading.
const changesLegend = "解读按指标性质：产值、收入、投资、就业等上升为向好，犯罪、事故、能耗、失业、污染物浓度等下降为向好，价格等指标不分好坏（—）。↑为增长，↓为下降。"

// otherChanges returns the changes the key figures table does not show:
// Markdown and DOCX list them under it, where HTML draws every change.
func (b *Brief) otherChanges() []ChangeBar {
	var out []ChangeBar
	for _, c := range b.Changes {
		shown := false
		for _, r := range b.KeyFigures {
			if r.Metric == c.Metric && r.Change == arrow(c.Direction)+c.Raw {
				shown = true
				break
			}
		}
		if !shown {
			out = append(out, c)
		}
	}
	return out
}

// otherChangesHeading titles the table of [Brief.otherChanges]: 增减幅度,
// or 其他增减幅度 under a key figures table.
func (b *Brief) otherChangesHeading() string {
	if len(b.KeyFigures) > 0 {
		return "其他增减幅度"
	}
	return "增减幅度"
}

// withOutcome adds the outcome's label to a change as written: ↓22.1% 向好.
func withOutcome(change string, o Outcome) string {
	if l := o.Label(); l != "" && change != "" {
		return change + " " + l
	}
	return change
}

// hasChanges reports whether a key figure has a rate of change, so the
// table needs its 变化 column.
func (b *Brief) hasChanges() bool {
	for _, r := range b.KeyFigures {
		if r.Change != "" {
			return true
		}
	}
	return false
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// Short renders a few lines for a chat message: the title and topic, the
// status mark, the summary and the top three key figures, with [n]
// markers that refer to [Brief.Passages].
func (b *Brief) Short() string {
	var sb strings.Builder
	sb.WriteString(b.heading())
	sb.WriteByte('\n')
	if b.Status != "" {
		sb.WriteString("⚠ " + b.Status + "：引用前请核实现行文件\n")
	}
	if !b.Covered {
		for _, n := range b.Notes {
			sb.WriteString(n + "\n")
		}
		return strings.TrimRight(sb.String(), "\n")
	}
	if len(b.Summary) > 0 {
		sb.WriteString("摘要：")
		for _, c := range b.Summary {
			sb.WriteString(claimText(c, func(s string) string { return s }, "："))
		}
		sb.WriteByte('\n')
	}
	for i, r := range b.KeyFigures {
		if i == 3 {
			break
		}
		sb.WriteString("· " + r.Metric + " ")
		switch {
		case r.Value != "" && r.Change != "":
			sb.WriteString(r.Value + "（" + r.Change + "）")
		case r.Value != "":
			sb.WriteString(r.Value)
		default:
			sb.WriteString(r.Change)
		}
		sb.WriteString(Cite(r.Cites) + "\n")
	}
	for _, n := range b.Notes {
		sb.WriteString("注：" + n + "\n")
	}
	return strings.TrimRight(sb.String(), "\n")
}
