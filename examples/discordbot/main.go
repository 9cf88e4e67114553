// Command discordbot is a complete reportbot Discord bot built from the
// library alone: the offline engine over the embedded work report (or the
// reports you name), the bot's conversation core, and its Discord front.
// No code from cmd/reportbot is needed.
//
// Run it with the bot token in the environment (never on the command line,
// where other users can see it):
//
//	export DISCORD_TOKEN=…                               # required for Discord
//	go run ./examples/discordbot -guilds 123456789012345678
//	go run ./examples/discordbot -terminal               # no Discord: chat here
//
// Flags, each with an environment variable (the flag wins):
//
//	-guilds IDS        DISCORD_GUILDS    guilds to register the slash commands in (default: globally)
//	-channels IDS      DISCORD_CHANNELS  channels to answer in (default: all; DMs always)
//	-api-base URL      DISCORD_API_BASE  another Discord REST base (a proxy, a test server)
//	-file PATH                           a report to load instead of the embedded one (repeatable)
//	-rate N                              questions per user per minute (default 5)
//	-timeout D                           the engine's deadline per answer (default 45s)
//	-max-in-flight N                     answers computed at once (default 8)
//	-terminal                            chat in this terminal instead of Discord
//	-v                                   log debug events to stderr
//
// The engine is offline (a local embedder and extractive answers); it
// answers /figure, /section and /brief too (a *qa.Engine implements
// bot.Figurer, bot.Sectioner and bot.Briefer). Ctrl-C or SIGTERM shuts down gracefully:
// answers in flight are finished or, after 10 s, cancelled, and the
// gateway connection is closed. Without DISCORD_TOKEN it says what to set
// and exits 0.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/reportbot/reportbot/bot"
	"github.com/reportbot/reportbot/qa"
	"github.com/reportbot/reportbot/report"
	"github.com/reportbot/reportbot/seeds"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	switch {
	case errors.Is(err, flag.ErrHelp):
		os.Exit(0)
	case err != nil:
		fmt.Fprintln(os.Stderr, "discordbot:", err)
		os.Exit(1)
	}
}

type files []string

func (f *files) String() string     { return strings.Join(*f, ",") }
func (f *files) Set(s string) error { *f = append(*f, s); return nil }

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	fs := flag.NewFlagSet("discordbot", flag.ContinueOnError)
	fs.SetOutput(stderr)
	guilds := fs.String("guilds", getenv("DISCORD_GUILDS"), "comma-separated guild `IDs` to register the slash commands in (default: globally)")
	channels := fs.String("channels", getenv("DISCORD_CHANNELS"), "comma-separated channel `IDs` to answer in (default: all)")
	apiBase := fs.String("api-base", getenv("DISCORD_API_BASE"), "Discord REST base `URL`, for a proxy or a test server")
	var reports files
	fs.Var(&reports, "file", "a report `PATH` to load instead of the embedded one (repeatable)")
	rate := fs.Int("rate", 5, "questions per user per minute")
	timeout := fs.Duration("timeout", bot.DefaultAnswerTimeout, "the engine's deadline per answer")
	inFlight := fs.Int("max-in-flight", bot.DefaultMaxInFlight, "answers computed at once")
	terminal := fs.Bool("terminal", false, "chat in this terminal instead of Discord")
	verbose := fs.Bool("v", false, "log debug events to stderr")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q; see -help", fs.Args())
	}

	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	token := strings.TrimSpace(getenv("DISCORD_TOKEN"))
	if !*terminal && token == "" {
		fmt.Fprintln(stderr, "discordbot: DISCORD_TOKEN is not set, so there is nothing to connect to.")
		fmt.Fprintln(stderr, "Create a bot in the Discord developer portal, enable the Message Content intent, invite it with the")
		fmt.Fprintln(stderr, "bot and applications.commands scopes, then: DISCORD_TOKEN=… go run ./examples/discordbot -guilds <server id>")
		fmt.Fprintln(stderr, "Or try it offline: go run ./examples/discordbot -terminal")
		return nil
	}

	eng, err := engine(ctx, reports)
	if err != nil {
		return err
	}
	b := bot.New(eng, bot.WithRateLimit(*rate, time.Minute), bot.WithLogger(logger))

	if *terminal {
		interactive := isTerminal(stdin) && isTerminal(stdout)
		opts := bot.TerminalOptions{Interactive: interactive, Color: interactive}
		if dir, err := os.UserConfigDir(); err == nil && interactive {
			opts.HistoryFile = filepath.Join(dir, "reportbot", "history")
		}
		return bot.RunTerminal(ctx, b, stdin, stdout, opts)
	}
	logger.Info("discordbot: connecting to Discord; Ctrl-C to stop")
	return bot.RunDiscord(ctx, b, bot.DiscordConfig{
		Token:         token,
		APIBase:       *apiBase,
		Guilds:        list(*guilds),
		Channels:      list(*channels),
		Logger:        logger,
		AnswerTimeout: *timeout,
		MaxInFlight:   *inFlight,
	})
}

// engine builds the offline engine over the embedded report, or over the
// files named.
func engine(ctx context.Context, paths []string) (*qa.Engine, error) {
	var docs []*report.Report
	if len(paths) == 0 {
		doc, err := report.ParseString(seeds.MustDefault())
		if err != nil {
			return nil, fmt.Errorf("parse the embedded report: %w", err)
		}
		docs = append(docs, doc)
	}
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		doc, err := report.Parse(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", p, err)
		}
		docs = append(docs, doc)
	}
	return qa.New(ctx, docs)
}

func list(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
