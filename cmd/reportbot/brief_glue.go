package main

// The glue between the cobra command tree and brief_cmd.go, which another
// change owns: brief_cmd.go parses its own flags with package flag, so this
// file gives it the globals type, a flag set with the global flags that
// apply to brief, and the engine and report to brief. --json is brief's
// --format json, printed as one line that names the report's file.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	openai "github.com/sashabaranov/go-openai"
	"github.com/spf13/cobra"

	"github.com/reportbot/reportbot/qa"
	"github.com/reportbot/reportbot/report"
)

// globals is the name brief_cmd.go knows the run by.
type globals = app

func (a *app) briefCmd() *cobra.Command {
	c := a.command("brief [TOPIC]", "a briefing note (Markdown, HTML or DOCX)",
		`Brief writes a briefing note on a topic (or the whole report) of the first
--report report: summary, key figures, targets, key points and risks, each
citing the report's passages. Flags: --topic, --format md|html|docx|json|short,
-o FILE, --llm-timeout, --json (the note's data on one line, with "file");
run 'reportbot brief -h' for all of them. --compare TEXT writes the comparison
of TEXT across the loaded reports as the note instead (md, html or docx).`,
		nil, append(append([]string{flagJSON}, inputFlags...), llmFlags...), nil)
	// brief_cmd.go parses its own flags, the global ones included.
	c.DisableFlagParsing = true
	c.RunE = func(c *cobra.Command, args []string) error {
		a.started = true
		a.cmdName = c.Name()
		return a.runBrief(c.Context(), args)
	}
	c.SetHelpFunc(func(c *cobra.Command, _ []string) {
		a.runBrief(c.Context(), []string{"-h"})
	})
	return c
}

// runBrief runs brief_cmd.go's command; -h is a success.
func (a *app) runBrief(ctx context.Context, args []string) error {
	if text, format, out, ok := briefCompareArgs(args); ok {
		if strings.TrimSpace(text) == "" {
			return usagef("brief: --compare needs the TEXT to compare (2026年地区生产总值增长目标)")
		}
		return a.compareBrief(ctx, text, format, out)
	}
	asJSON, format := briefJSONArgs(args)
	if asJSON {
		if format != "" && format != "json" {
			return usagef("brief: --json prints --format json; drop --format %s", format)
		}
		args = append([]string{"--format", "json"}, without(args, "--json", "-json")...)
		return a.briefJSON(ctx, args)
	}
	err := cmdBrief(ctx, a, args)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}

// briefJSONArgs reports whether args ask for --json and what --format
// they give, looking only before "--".
func briefJSONArgs(args []string) (asJSON bool, format string) {
	for i, arg := range args {
		switch {
		case arg == "--":
			return asJSON, format
		case arg == "--json" || arg == "-json":
			asJSON = true
		case (arg == "--format" || arg == "-format") && i+1 < len(args):
			format = args[i+1]
		case strings.HasPrefix(arg, "--format="), strings.HasPrefix(arg, "-format="):
			format = arg[strings.Index(arg, "=")+1:]
		}
	}
	return asJSON, format
}

// without returns args without the given flags before "--".
func without(args []string, drop ...string) []string {
	var out []string
	for i, arg := range args {
		if arg == "--" {
			return append(out, args[i:]...)
		}
		if !slices.Contains(drop, arg) {
			out = append(out, arg)
		}
	}
	return out
}

// briefJSON runs brief with --format json and prints its JSON on one line,
// with the report's file name first. Written to -o FILE, the JSON is left
// as brief writes it.
func (a *app) briefJSON(ctx context.Context, args []string) error {
	var buf bytes.Buffer
	stdout := a.stdout
	a.stdout = &buf
	err := cmdBrief(ctx, a, args)
	a.stdout = stdout
	if err != nil || buf.Len() == 0 {
		if errors.Is(err, flag.ErrHelp) {
			_, err = a.stdout.Write(buf.Bytes())
		}
		return err
	}
	var line bytes.Buffer
	if err := json.Compact(&line, buf.Bytes()); err != nil {
		return fmt.Errorf("brief: json: %w", err)
	}
	b := line.Bytes()
	if a.briefFile != "" && len(b) > 2 && b[0] == '{' {
		name, _ := json.Marshal(a.briefFile)
		b = append([]byte(`{"file":`+string(name)+","), b[1:]...)
	}
	_, err = a.stdout.Write(append(b, '\n'))
	return err
}

// multiFlag appends each value to a string slice.
type multiFlag struct{ p *[]string }

func (m multiFlag) String() string {
	if m.p == nil {
		return ""
	}
	return strings.Join(*m.p, ",")
}
func (m multiFlag) Set(v string) error { *m.p = append(*m.p, v); return nil }

// commandFlags returns a flag set for brief_cmd.go with the global flags
// that apply to brief bound to g; -h prints its usage to stdout.
func commandFlags(g *globals, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Var(multiFlag{&g.files}, flagFile, "read the report at `PATH` (repeatable)")
	fs.StringVar(&g.dir, flagDir, g.dir, "read every report file under `DIR`")
	fs.StringVar(&g.db, flagDB, g.db, "read the reports from the index in `DIR`")
	fs.StringVar(&g.report, flagReport, g.report, "brief the first report whose title, region or file name contains `NAME`")
	fs.BoolVar(&g.offline, flagOffline, g.offline, "never call a model server")
	fs.StringVar(&g.model, flagModel, g.model, "chat model `NAME` for the summary (needs OPENAI_API_KEY)")
	fs.StringVar(&g.baseURL, flagBaseURL, g.baseURL, "OpenAI-compatible API base `URL`")
	fs.StringVar(&g.embedModel, flagEmbedModel, g.embedModel, "remote embedding model `NAME` (needs OPENAI_API_KEY)")
	fs.Usage = func() {
		fmt.Fprintf(g.stdout, "Usage: reportbot %s\n\nFlags:\n", usage)
		fs.SetOutput(g.stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
		fmt.Fprint(g.stdout, "\nExit codes: 0 success, 1 failure, 2 usage, 4 missing credentials, 130 interrupted.\n")
	}
	return fs
}

// parseCommand parses flags that may come before, between or after the
// positional arguments, and returns the positional ones; "--" ends flags.
// -h prints the usage and returns flag.ErrHelp.
func parseCommand(fs *flag.FlagSet, args []string) ([]string, error) {
	// Package flag prints the usage on every parse error; print it once,
	// and only for -h.
	usage := fs.Usage
	fs.Usage = func() {}
	defer func() { fs.Usage = usage }()
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				usage()
				return nil, err
			}
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// briefEngine returns the qa engine and the report the brief is about:
// the first --report one.
func (a *app) briefEngine(ctx context.Context) (*qa.Engine, *report.Report, error) {
	e, lib, err := a.qaEngine(ctx, false)
	if err != nil {
		return nil, nil, err
	}
	if _, _, err := a.llm(); err != nil {
		return nil, nil, err
	}
	idx, err := a.selected(lib)
	if err != nil {
		return nil, nil, err
	}
	if len(idx) > 1 {
		fmt.Fprintf(a.stderr, "reportbot: brief: %d reports loaded; briefing %s (choose another with --report)\n", len(idx), lib.label(idx[0]))
	}
	a.briefFile = lib.srcs[idx[0]].Name
	return e, lib.docs[idx[0]], nil
}

// openaiClient returns the chat client, or nil on the offline path.
func (a *app) openaiClient() *openai.Client {
	c, _, _ := a.llm()
	return c
}

// modelName returns the chat model.
func (a *app) modelName() string {
	_, m, _ := a.llm()
	return m
}
