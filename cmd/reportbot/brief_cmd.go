package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/reportbot/reportbot/brief"
	"github.com/reportbot/reportbot/qa"
	"github.com/reportbot/reportbot/report"
)

// backend is what a brief is built from: the report, the qa engine over it
// as the brief's searcher, and the LLM when one is configured.
type backend struct {
	*qa.Engine
	doc   *report.Report
	llm   brief.ChatClient
	model string
}

func (g *globals) backend(ctx context.Context) (*backend, error) {
	eng, doc, err := g.briefEngine(ctx)
	if err != nil {
		return nil, err
	}
	be := &backend{Engine: eng, doc: doc}
	if c := g.openaiClient(); c != nil {
		be.llm, be.model = c, g.modelName()
	}
	return be, nil
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
	br, err := brief.Build(ctx, be.doc, brief.Options{Topic: *topic, Searcher: be.Engine, LLM: be.llm, Model: be.model, LLMTimeout: *llmTimeout})
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
