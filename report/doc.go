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
// The structure follows the genre: numbered parts (一、二、…) or unnumbered
// part headings (2024年工作回顾), numbered sections ((一) or （一）, on a
// line of their own or inline at the start of a paragraph, where the heading
// ends at the first 。), theme paragraphs that open with a shared phrase
// (这一年,我们坚持…), items led by 一是、二是…, and the unheaded blocks
// between them (the headline figures, the overall requirements, the
// shortcomings). Where the parser does not recognise a layout it still
// returns paragraphs, sentences and figures.
//
// Figures are every quantity in the text, Arabic or Chinese numerals, with
// value, unit, 万/亿 scale, qualifier (余, 近, 超, 以上…), kind (a result,
// a target or a change of another figure) and the metric they measure in
// the report's words. Numbers that are names (22号线, "12+4"产业集群, 二十大,
// years and dates) are not figures.
//
// # Purity
//
// This package imports only the standard library: no files, no network, no
// logging. It declares no interfaces. A *Report is immutable after Parse
// and safe for concurrent use.
//
// # Usage
//
//	doc, err := report.Parse(strings.NewReader(text))
//	var pe *report.ParseError
//	if errors.As(err, &pe) { ... pe.Offset ... }
//	for _, f := range doc.FiguresByMetric("规模以上工业总产值") { ... }
package report
