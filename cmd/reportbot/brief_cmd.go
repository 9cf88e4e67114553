package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/reportbot/reportbot/brief"
	"github.com/reportbot/reportbot/rag"
	"github.com/reportbot/reportbot/report"
	"github.com/reportbot/reportbot/retrieve"
)

// backend joins the retrieval engine and briefing notes for the chat
// front: it satisfies bot.Answerer, bot.Figurer, bot.Sectioner and
// bot.Briefer.
type backend struct {
	*rag.Engine
	doc   *report.Report
	llm   rag.ChatClient
	model string
}

func (g *globals) backend(ctx context.Context) (*backend, error) {
	eng, docs, err := g.engine(ctx)
	if err != nil {
		return nil, err
	}
	be := &backend{Engine: eng, doc: docs[0]}
	if c := g.openaiClient(); c != nil {
		be.llm, be.model = c, g.modelName()
	}
	return be, nil
}

// Brief builds the briefing note on a topic: a short text for a chat
// message and the full note in Markdown.
func (b *backend) Brief(ctx context.Context, topic string) (string, string, error) {
	br, err := brief.Build(ctx, b.doc, brief.Options{Topic: topic, Searcher: ragSearcher{b.Engine}, LLM: b.llm, Model: b.model})
	if err != nil {
		return "", "", err
	}
	md, err := br.Render("md")
	if err != nil {
		return "", "", err
	}
	return br.Short(), string(md), nil
}

func cmdBrief(ctx context.Context, g *globals, args []string) error {
	fs := commandFlags(g, "brief", "brief [--topic T] [--format md|html|docx] [-o FILE]")
	topic := fs.String("topic", "", "topic in free words (交通, 民生, transport…); empty = the whole report")
	format := fs.String("format", "md", "output `format`: md, html or docx; json for the data, short for a chat message")
	out := fs.String("o", "", "write to `FILE` instead of stdout (required for docx on a terminal)")
	llmTimeout := fs.Duration("llm-timeout", brief.DefaultLLMTimeout, "give up on the LLM summary after `D` and use the extractive one")
	pos, err := parseCommand(fs, args)
	if err != nil {
		return err
	}
	if *topic == "" && len(pos) > 0 {
		*topic = strings.Join(pos, " ")
	}
	switch *format {
	case "md", "markdown", "html", "docx", "json", "short":
	default:
		return usagef("brief: --format must be md, html or docx (or json, short), not %q", *format)
	}
	if *llmTimeout <= 0 {
		return usagef("brief: --llm-timeout must be positive, not %v", *llmTimeout)
	}
	if *format == "docx" && *out == "" && isTerminal(g.stdout) {
		return usagef("brief: DOCX is binary; give -o FILE")
	}
	be, err := g.backend(ctx)
	if err != nil {
		return err
	}
	br, err := brief.Build(ctx, be.doc, brief.Options{Topic: *topic, Searcher: ragSearcher{be.Engine}, LLM: be.llm, Model: be.model, LLMTimeout: *llmTimeout})
	if errors.Is(err, brief.ErrInvalidOptions) {
		return usagef("%v", err)
	}
	if err != nil {
		return err
	}
	b, err := br.Render(*format)
	if errors.Is(err, brief.ErrUnknownFormat) {
		return usagef("%v", err)
	}
	if err != nil {
		return err
	}
	if *out == "" {
		_, err = g.stdout.Write(b)
		return err
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		return fmt.Errorf("brief: %w", err)
	}
	fmt.Fprintf(g.stderr, "wrote %s (%d bytes)\n", *out, len(b))
	return nil
}

// ragSearcher gives the rag engine the shape brief.Searcher asks for,
// until the CLI is wired to the qa engine, which has it already.
type ragSearcher struct{ e *rag.Engine }

func (s ragSearcher) Search(ctx context.Context, text string, k int, reportFilter string) ([]retrieve.Hit, error) {
	hits, err := s.e.Search(ctx, rag.Query{Text: text, K: k, Report: reportFilter})
	if err != nil {
		return nil, err
	}
	out := make([]retrieve.Hit, len(hits))
	for i, h := range hits {
		out[i] = retrieve.Hit{Rank: h.Rank, ID: h.ID, Label: h.Label, SectionID: h.SectionID, ReportID: h.ReportID,
			Report: h.Report, Text: h.Text, Start: h.Start, End: h.End, Score: h.Score, Plan: h.Plan}
	}
	return out, nil
}
