package main

import (
	"context"
	"strings"

	"github.com/reportbot/reportbot/answer"
	"github.com/reportbot/reportbot/brief"
	"github.com/reportbot/reportbot/qa"
)

// chatEngine is the qa engine as the chat front sees it. Like the engine it
// satisfies bot.Answerer, bot.Figurer, bot.Sectioner and bot.Briefer, and
// on top: answers are restricted to --report, every citation names its
// report (title and file), a vector search that fell back to words is
// noted, and errors come back with secrets redacted, since the interactive
// chat prints to the terminal directly. It is safe for concurrent use.
type chatEngine struct {
	a    *app
	e    *qa.Engine
	lib  *library
	docs []int // the --report reports, indexes into lib
}

func (a *app) chatEngine(ctx context.Context) (*chatEngine, error) {
	e, lib, err := a.qaEngine(ctx, true)
	if err != nil {
		return nil, err
	}
	docs, err := a.selected(lib)
	if err != nil {
		return nil, err
	}
	return &chatEngine{a: a, e: e, lib: lib, docs: docs}, nil
}

// Ask answers a question; see qa.Engine.Ask.
func (ce *chatEngine) Ask(ctx context.Context, req answer.Request) (answer.Answer, error) {
	if req.Report == "" {
		req.Report = ce.a.report
	}
	pctx, p := withProbe(ctx)
	ans, err := ce.e.Ask(pctx, req)
	if err != nil {
		return ans, ce.clean(err)
	}
	if perr := p.failed(); perr != nil {
		ans.Note = addNote(ans.Note, vectorNote(perr))
	}
	return nameReports(ans), nil
}

// Figure looks up one quantity; see qa.Engine.Figure.
func (ce *chatEngine) Figure(ctx context.Context, metric string) (answer.Answer, error) {
	ans, err := ce.e.Figure(ctx, metric)
	if err != nil {
		return ans, ce.clean(err)
	}
	return nameReports(ans), nil
}

// Section shows one section; see qa.Engine.Section.
func (ce *chatEngine) Section(ctx context.Context, ref string) (answer.Answer, error) {
	ans, err := ce.e.Section(ctx, ref)
	if err != nil {
		return ans, ce.clean(err)
	}
	return nameReports(ans), nil
}

// Brief writes the briefing note of the first --report report on a topic:
// a short text for the chat, which names the report's file, and the full
// note in Markdown.
func (ce *chatEngine) Brief(ctx context.Context, topic string) (string, string, error) {
	d := ce.docs[0]
	br, err := ce.e.BuildBrief(ctx, d, brief.Options{Topic: topic, LLMTimeout: ce.a.llmTimeout})
	if err != nil {
		return "", "", ce.clean(err)
	}
	md, err := br.Render("md")
	if err != nil {
		return "", "", ce.clean(err)
	}
	short := br.Short()
	if name := ce.lib.srcs[d].Name; !strings.Contains(short, name) {
		short += "\n(" + name + ")"
	}
	return short, string(md), nil
}

// nameReports makes every citation say which report it comes from: its
// Report becomes "title (file)", and when all citations come from one
// report their labels carry it too (the bot prefixes the report itself
// only when the citations span several).
func nameReports(ans answer.Answer) answer.Answer {
	cits := make([]answer.Citation, len(ans.Citations))
	single := true
	for i, c := range ans.Citations {
		c.Report = reportLabel(c.Report, c.File)
		cits[i] = c
		single = single && c.Report == cits[0].Report
	}
	if single {
		for i := range cits {
			cits[i].Label = strings.TrimSpace(cits[i].Report + " · " + cits[i].Label)
		}
	}
	ans.Citations = cits
	return ans
}

// redactedError is an error whose text had secrets removed; it still
// unwraps to the original for errors.Is.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

func (ce *chatEngine) clean(err error) error {
	return &redactedError{ce.a.redact(err.Error()), err}
}
