// Package brief turns a parsed work report into a briefing on a topic: a
// summary, key figures, targets with last year's value, key points by
// section, risks and an appendix of every cited passage, rendered as
// Markdown, printable HTML, DOCX or a few lines for a chat message.
//
// # Overview
//
// [Build] chooses the sections of a [report.Report] for [Options].Topic
// (Chinese or English words; empty for the whole report) and extracts the
// brief from them. Every statement of a [Brief] cites numbered [Passage]s
// whose Text is exactly the report's text over their Span (code points),
// and every number a statement shows is written in the passages it cites.
// A topic the report does not cover gives a Brief with Covered false and a
// note, not an error. A report marked 文件已失效 carries the mark in
// Status and a warning that every renderer shows first.
//
// Sections are chosen by keyword matching over titles, labels and text,
// with character bigrams and a small bilingual glossary of the genre
// (transport → 交通, 道路, 轨道, 地铁 …), so English topics work offline.
// An optional [Searcher] (the qa engine satisfies it) adds its hits.
//
// With Options.LLM the summary is written by the model from numbered
// passages and its numbers are checked against the passages it cites; on
// any failure, or when Options.LLMTimeout expires, the extractive summary
// is used and a note says why.
//
// # Rendering
//
// [Brief.Render] takes md, html, docx, short or json. The HTML is one
// self-contained page (inline CSS, an inline SVG chart, no script); the
// DOCX is a minimal WordprocessingML package written with the standard
// library.
//
// # Imports
//
// brief imports report, answer (the answer modes), retrieve (the hit type
// a [Searcher] returns) and go-openai's request types for the LLM call. It
// declares the two interfaces it needs, [Searcher] and [ChatClient], and
// must not import qa, bot, cmd or seeds. Until package answer has the
// number check, numbers.go borrows rag's, and only there.
//
// # Usage
//
//	b, err := brief.Build(ctx, doc, brief.Options{Topic: "交通"})
//	if err != nil { ... }
//	html, err := b.Render("html")
package brief
