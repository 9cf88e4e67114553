// Package report is reportbot's domain model of a Chinese work report
// (政府工作报告, 党工委工作报告 and the like): its header, its parts,
// sections and items, its paragraphs and sentences, and every figure in it,
// each tied to its exact place in the source.
//
// # Overview
//
// [Parse] reads a report's text and returns a [*Report]. The text is kept
// as read; every node carries a [Span], a half-open [Start, End) range in
// Unicode code points (not bytes) over that text, and the node's text is
// always Report.Slice(span). [Offsets] converts between byte and code-point
// offsets.
//
// Text as found online carries page furniture: navigation words (下载,
// 【字号：加大 还原 减小】), breadcrumbs (当前位置：首页 > …), datelines and
// bylines (来源：, 发表时间：, 阅读量：), photo captions (…记者 张三 摄), share
// bars, and after the report related links (相关报道：, 扫一扫在手机打开当前页)
// and sometimes a summary of the report repeated. The parser recognises
// them by the vocabulary in package lexicon and by their place (before the
// title and the salutation, or from the first end marker on) and lists
// them in Report.Furniture; they are never paragraphs, sentences or
// figures. Report.Body spans the report proper.
//
// The header gives the Title (composed as 2026年某某省政府工作报告 when the
// text only says 政府工作报告), the Region, the Meeting and the date of
// delivery (Delivered) from the delivery line, the Speaker, the planned
// Year and the ReviewYear, and the publication Date, Source and Status as
// the page prints them.
//
// The structure follows the genre: numbered parts (一、二、…) or unnumbered
// part headings (2025年工作回顾), of kind review, fiveyear (“十五五”时期主要
// 目标任务), explanation, plan, government or appendix; numbered sections
// ((一) or （一）, on a line of their own or inline at the start of a
// paragraph, where the heading ends at the first 。); theme paragraphs that
// open with a shared phrase (这一年,我们坚持…; 这是…的五年。); items led by
// 一是、二是…, by subheading sentences or by list numbers (1. 2. 3.); and
// the unheaded blocks between them (the headline figures, the overall
// requirements, the shortcomings). Where the parser does not recognise a
// layout it still returns paragraphs, sentences and figures.
//
// Figures are every quantity in the text, Arabic or Chinese numerals, with
// value (the low end of a range, High its high end), unit (％ folded to %),
// 万/亿 scale, qualifier (余, 近, 超, 上千, 以上…), kind (a result, a target
// or a change of another figure), period (a year, 2025; a span, 2021-2025
// for the 十四五 review or 2026-2030 for five-year goals; cumulative) and
// the metric they measure in the report's words. Targets are the planned
// year's goals and the five-year plan's (到2030年 is a target of 2030).
// Numbers that are names (22号线, "12+4"产业集群, 二十大, 十四五, years and
// dates) and numerals in set phrases (这五年, 一揽子, 千家万户, 两个确立)
// are not figures. No value is ever ±Inf or NaN: a number too large for a
// float64 is flagged Overflow.
//
// A change points to the level it belongs to (ChangeOf: 5.3万亿元、增长
// 5.5%; 增长5.5%、达到10.3万亿元; lists paired by 分别). A level said to be
// reached (达到, 增至, 突破…) is Reached: it holds at the end of its
// period, so a level of the 十四五 review (2021-2025) reached is the 2025
// level. A threshold crossed (迈上5万亿台阶, 跨过3个万亿元大关, 突破万亿级)
// is a Milestone, not a value of its metric. A unit that starts a longer
// word is none (台 of 台阶): the dictionary of package lexicon/cedict says
// which words those are.
//
// # Purity
//
// This package imports only the standard library and the module's
// lexicon packages (lexicon, lexicon/cedict), which import only the
// standard library: no files, no network, no logging. The dictionary of
// lexicon/cedict loads on the first Parse (about 25 ms and 4 MB, once).
// It declares no interfaces. A *Report is immutable after Parse and safe
// for concurrent use.
//
// # Usage
//
//	doc, err := report.Parse(strings.NewReader(text))
//	var pe *report.ParseError
//	if errors.As(err, &pe) { ... pe.Offset ... }
//	for _, f := range doc.FiguresByMetric("规模以上工业总产值") { ... }
package report
