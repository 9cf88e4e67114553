package main

import (
	"context"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/reportbot/reportbot/qa"
)

// app is one run of the CLI: its streams, its environment and the values
// of the global flags. Nothing here is package state, so tests run the CLI
// concurrently.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer // redacting
	rawStdout      io.Writer // for a terminal's line editor
	getenv         func(string) string
	red            *redactor
	ttyIn, ttyOut  bool
	ttyErr         bool

	// The global flags (see addGlobalFlags).
	files      []string
	dir        string
	db         string
	report     string
	json       bool
	offline    bool
	model      string
	baseURL    string
	embedModel string
	llmTimeout time.Duration

	// cmdName is the command being run, for error messages; started is
	// set once its flags and arguments were accepted, so an error before
	// it is a usage error.
	cmdName string
	started bool

	// briefFile is the file name of the report brief_cmd.go briefs.
	briefFile string
}

func newApp(stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) *app {
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	red := newRedactor(getenv("OPENAI_API_KEY"), getenv("DISCORD_TOKEN"))
	return &app{
		stdin:      stdin,
		stdout:     redactWriter{stdout, red},
		stderr:     redactWriter{stderr, red},
		rawStdout:  stdout,
		getenv:     getenv,
		red:        red,
		ttyIn:      isTerminal(stdin),
		ttyOut:     isTerminal(stdout),
		ttyErr:     isTerminal(stderr),
		llmTimeout: qa.DefaultLLMTimeout,
	}
}

func (a *app) redact(s string) string { return a.red.redact(s) }

func (a *app) env(name string) string { return strings.TrimSpace(a.getenv(name)) }

// isTerminal reports whether f is an interactive terminal.
func isTerminal(f any) bool {
	if rw, ok := f.(redactWriter); ok {
		f = rw.w
	}
	file, ok := f.(*os.File)
	return ok && term.IsTerminal(int(file.Fd()))
}

// execute parses args and runs the command they name.
func (a *app) execute(ctx context.Context, args []string) error {
	if args == nil {
		args = []string{} // nil would make cobra read os.Args
	}
	root := a.newRoot()
	root.SetArgs(args)
	_, err := root.ExecuteContextC(ctx)
	return err
}
