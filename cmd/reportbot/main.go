// Command reportbot turns a Chinese government work report into something
// people can query, cite and brief from. Run `reportbot help` for usage.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit codes, documented in the help text.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
	exitAuth  = 4
)

// usageError marks errors that are the user's invocation.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// authError marks missing credentials.
type authError struct{ msg string }

func (e *authError) Error() string { return e.msg }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

func exitCode(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	var ue *usageError
	var ae *authError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "reportbot: %v\nRun 'reportbot help' for usage.\n", err)
		return exitUsage
	case errors.As(err, &ae):
		fmt.Fprintf(stderr, "reportbot: %v\n", err)
		return exitAuth
	}
	fmt.Fprintf(stderr, "reportbot: %v\n", err)
	return exitFail
}

const helpText = `reportbot: query, cite and brief from a Chinese government work report.

Usage:
  reportbot [global flags] <command> [flags] [args]

Commands:
  ask QUESTION      answer a question with cited passages (offline by default)
  search QUERY      show the passages that best match a query
  sections          show the report's parts, sections and items
  figures           list every figure: value, unit, kind, metric
  brief             write a briefing note (Markdown, HTML or DOCX)
  chat              interactive chat in the terminal (or one question per line on stdin)
  discord           run the Discord bot (needs DISCORD_TOKEN)
  eval              score retrieval and answers on a question set
  index             build (and with --db, persist) the search index
  reports           list the embedded reports
  help              show this help

Global flags (also accepted after the command):
  --file PATH       read a report from PATH instead of the embedded one; repeat for several
  --json            machine-readable output (JSON Lines where there are many records)
  --offline         never call a model server, even if OPENAI_API_KEY is set
  --db DIR          persist the vector index in DIR (rebuilt when the report or embedder changes)
  --model NAME      chat model for answers (env LLM_MODEL, default gpt-4o-mini)
  --embed-model NAME  remote embedding model (env EMBED_MODEL); default is the offline embedder
  --base-url URL    OpenAI-compatible API base URL (env OPENAI_BASE_URL)

Environment:
  OPENAI_API_KEY    enables LLM answers (and remote embeddings with --embed-model); unset = offline
  OPENAI_BASE_URL, LLM_MODEL, EMBED_MODEL, DISCORD_TOKEN
  Flags override environment variables. Secrets are never printed.

Examples:
  reportbot ask "2023年观湖街道规上工业总产值是多少?"
  reportbot ask --json "What was Guanhu's fixed-asset investment in 2023?"
  reportbot search --k 5 --json "交通"
  printf 'q1\nq2\n' | reportbot ask --json --batch -
  reportbot --file other-report.txt sections
  reportbot brief --topic 交通 --format html -o brief.html
  reportbot eval --qa ../shared/eval/qa.dev.jsonl

Exit codes:
  0 success (an unanswerable question is a success), 1 failure, 2 usage error, 4 missing credentials
`

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return runEnv(ctx, args, stdin, stdout, stderr, os.Getenv)
}

// runEnv is run with the environment given as a function, for tests.
func runEnv(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	g := &globals{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
	fs := newFlagSet("reportbot", g)
	// Global flags come before the command; the command's own FlagSet
	// accepts them after it too.
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, helpText)
			return nil
		}
		return usagef("%v", err)
	}
	rest := fs.Args()
	if len(rest) == 0 {
		fmt.Fprint(stdout, helpText)
		return nil
	}
	cmd, cargs := rest[0], rest[1:]
	switch cmd {
	case "help", "-h", "--help":
		fmt.Fprint(stdout, helpText)
		return nil
	case "sections":
		return cmdSections(ctx, g, cargs)
	case "figures":
		return cmdFigures(ctx, g, cargs)
	case "search":
		return cmdSearch(ctx, g, cargs)
	case "ask":
		return cmdAsk(ctx, g, cargs)
	case "eval":
		return cmdEval(ctx, g, cargs)
	case "index":
		return cmdIndex(ctx, g, cargs)
	case "reports":
		return cmdReports(ctx, g, cargs)
	case "brief":
		return cmdBrief(ctx, g, cargs)
	case "chat":
		return cmdChat(ctx, g, cargs)
	case "discord":
		return cmdDiscord(ctx, g, cargs)
	}
	return usagef("unknown command %q", cmd)
}
