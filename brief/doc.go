// Package brief turns a parsed work report into a briefing on a topic: a
// summary, key figures, rates of change, targets with last year's value,
// key points by section, risks and an appendix of every cited passage,
// rendered as Markdown, printable HTML, DOCX or a few lines for a chat
// message. It also renders a comparison of one figure across reports.
//
// # Overview
//
// [Build] chooses the sections of a [report.Report] for [Options].Topic
// (Chinese or English words; empty for the whole report) and extracts the
// brief from them. Every statement of a [Brief] cites numbered [Passage]s
// whose Text is exactly the report's text over their Span (code points),
// and every number a statement shows is written in the passages it cites.
// The passages are numbered in the order the body first cites them, and
// every passage of the appendix is cited in the body of every format. A
// topic the report does not cover gives a Brief with Covered false and a
// note, not an error. A report marked 文件已失效 carries the mark in Status
// and a warning that every renderer shows first.
//
// Sections are chosen by keyword matching over titles, labels and text,
// with character bigrams and a small bilingual glossary of the genre
// (transport → 交通, 道路, 轨道, 地铁 …), so English topics work offline.
// An optional [Searcher] (the qa engine satisfies it) adds its hits.
//
// A figure is labelled with the noun phrase its number measures, read from
// its sentence: in 推进地铁22号线、48条道路建设 the 48 are 道路建设 (see
// label.go). A rate of change carries an [Outcome]: whether the change is
// good news for its indicator, from the [Polarity] vocabulary of
// polarity.go (a fall in crime, accidents, energy use, unemployment or
// PM2.5 is good).
//
// With Options.LLM the summary is written by the model from numbered
// passages and must pass [answer.Check] against the passages it cites; on
// any failure, or when Options.LLMTimeout (default [DefaultLLMTimeout])
// expires, the extractive summary is used and a note says why.
//
// [BuildCompare] makes a [Comparison] from one [CompareRow] per report
// (the figure, its kind and period, the sentence that states it), each
// found figure citing its sentence.
//
// # Rendering
//
// [Brief.Render] and [Comparison.Render] take md, html, docx, short or
// json. The HTML is one self-contained page (inline CSS, an inline SVG
// chart with a legend, no script). The DOCX is a WordprocessingML package
// written with the standard library: headings keep with what follows,
// table header rows hold their titles, repeat on each page and never sit
// alone at a page foot, and the East Asian font (Microsoft YaHei, with a
// font table for PingFang SC, Noto Sans CJK SC and SimSun) is tagged
// zh-CN.
//
// # Imports
//
// brief imports report, answer (the answer modes and the claim check),
// retrieve (the hit type a [Searcher] returns) and go-openai's request
// types for the LLM call. It declares the two interfaces it needs,
// [Searcher] and [ChatClient], and must not import rag, qa, bot, cmd or
// seeds.
//
// # Usage
//
//	b, err := brief.Build(ctx, doc, brief.Options{Topic: "交通", Searcher: eng})
//	if err != nil { ... }
//	html, err := b.Render("html")
//
//	c, err := brief.BuildCompare("2025年地区生产总值增速", rows)
//	docx, err := c.Render("docx")
package brief
