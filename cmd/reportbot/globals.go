package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"

	openai "github.com/sashabaranov/go-openai"
	"golang.org/x/term"

	"github.com/reportbot/reportbot/rag"
	"github.com/reportbot/reportbot/report"
	"github.com/reportbot/reportbot/seeds"
)

// globals are the flags every command accepts, and the process's streams.
type globals struct {
	files      multiFlag
	json       bool
	offline    bool
	db         string
	model      string
	embedModel string
	baseURL    string

	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// newFlagSet returns a FlagSet with the global flags bound to g. Errors
// are returned, not printed and exited on.
func newFlagSet(name string, g *globals) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Var(&g.files, "file", "read a report from `PATH` (repeatable)")
	fs.BoolVar(&g.json, "json", g.json, "machine-readable output")
	fs.BoolVar(&g.offline, "offline", g.offline, "never call a model server")
	fs.StringVar(&g.db, "db", g.db, "persist the vector index in `DIR`")
	fs.StringVar(&g.model, "model", g.model, "chat model `NAME`")
	fs.StringVar(&g.embedModel, "embed-model", g.embedModel, "remote embedding model `NAME`")
	fs.StringVar(&g.baseURL, "base-url", g.baseURL, "OpenAI-compatible API base `URL`")
	return fs
}

// parseInterleaved parses flags that may come before, between or after
// positional arguments, and returns the positional ones. "--" ends flags.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usagef("%v", err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > 0 && len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// commandFlags builds a command's FlagSet with a usage text for -h.
func commandFlags(g *globals, name, usage string) *flag.FlagSet {
	fs := newFlagSet(name, g)
	fs.Usage = func() {
		fmt.Fprintf(g.stdout, "Usage: reportbot %s\n\nFlags:\n", usage)
		fs.SetOutput(g.stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

// parseCommand parses a command's flags; -h prints its usage.
func parseCommand(fs *flag.FlagSet, args []string) ([]string, error) {
	pos, err := parseInterleaved(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		fs.Usage()
	}
	return pos, err
}

// loadReports parses the --file reports, or the embedded default.
func (g *globals) loadReports() ([]*report.Report, error) {
	if len(g.files) == 0 {
		b, err := seeds.Read("")
		if err != nil {
			return nil, err
		}
		doc, err := report.Parse(strings.NewReader(string(b)))
		if err != nil {
			return nil, fmt.Errorf("parse embedded report: %w", err)
		}
		return []*report.Report{doc}, nil
	}
	var docs []*report.Report
	for _, path := range g.files {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("open report: %w", err)
		}
		doc, err := report.Parse(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		docs = append(docs, doc)
	}
	return docs, nil
}

func (g *globals) env(name string) string {
	if g.getenv == nil {
		return ""
	}
	return g.getenv(name)
}

// openaiClient returns a client when a key is set and --offline is not.
func (g *globals) openaiClient() *openai.Client {
	key := g.env("OPENAI_API_KEY")
	if g.offline || key == "" {
		return nil
	}
	cfg := openai.DefaultConfig(key)
	base := g.baseURL
	if base == "" {
		base = g.env("OPENAI_BASE_URL")
	}
	if base != "" {
		cfg.BaseURL = strings.TrimRight(base, "/")
	}
	return openai.NewClientWithConfig(cfg)
}

func (g *globals) modelName() string {
	if g.model != "" {
		return g.model
	}
	if m := g.env("LLM_MODEL"); m != "" {
		return m
	}
	return "gpt-4o-mini"
}

func (g *globals) embedModelName() string {
	if g.embedModel != "" {
		return g.embedModel
	}
	return g.env("EMBED_MODEL")
}

// engine loads the reports and builds the retrieval engine with the
// configured LLM and embedder.
func (g *globals) engine(ctx context.Context) (*rag.Engine, []*report.Report, error) {
	docs, err := g.loadReports()
	if err != nil {
		return nil, nil, err
	}
	var opts []rag.Option
	client := g.openaiClient()
	if client != nil {
		opts = append(opts, rag.WithLLM(client, g.modelName()))
	}
	if m := g.embedModelName(); m != "" && !g.offline {
		if client == nil {
			return nil, nil, &authError{"embed: OPENAI_API_KEY not set; set it (any value for a local server) or drop --embed-model"}
		}
		emb := rag.NewOpenAIEmbedder(client, m)
		opts = append(opts, rag.WithBatchEmbedder(emb.Name(), emb.EmbedBatch, emb.Embed), rag.WithProgress(g.progress("embedding chunks")))
	}
	if g.db != "" {
		opts = append(opts, rag.WithPersistDir(g.db))
	}
	eng, err := rag.New(ctx, docs, opts...)
	if err != nil {
		return nil, nil, err
	}
	return eng, docs, nil
}

// progress returns a progress reporter that writes to stderr: a bar on a
// terminal, a line every tenth otherwise.
func (g *globals) progress(what string) func(done, total int) {
	tty := false
	if f, ok := g.stderr.(*os.File); ok {
		tty = term.IsTerminal(int(f.Fd()))
	}
	last := -1
	return func(done, total int) {
		if total <= 0 {
			return
		}
		pct := done * 100 / total
		if tty {
			bar := strings.Repeat("█", pct/5) + strings.Repeat("░", 20-pct/5)
			fmt.Fprintf(g.stderr, "\r%s %s %d/%d", what, bar, done, total)
			if done == total {
				fmt.Fprintln(g.stderr)
			}
			return
		}
		if pct/10 != last/10 || done == total {
			last = pct
			fmt.Fprintf(g.stderr, "%s: %d/%d\n", what, done, total)
		}
	}
}

// isTerminal reports whether r is an interactive terminal.
func isTerminal(r any) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// displayWidth counts East Asian wide characters as two columns.
func displayWidth(s string) int {
	w := 0
	for _, r := range s {
		switch {
		case r < 32:
		case unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xff60 || r >= 0xffe0 && r <= 0xffe6:
			w += 2
		default:
			w++
		}
	}
	return w
}

// pad right-pads s with spaces to width columns.
func pad(s string, width int) string {
	if d := width - displayWidth(s); d > 0 {
		return s + strings.Repeat(" ", d)
	}
	return s
}

// truncate cuts s to at most n code points, marking the cut.
func truncate(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n-1]) + "…"
}
