package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/reportbot/reportbot/bot"
)

func cmdChat(ctx context.Context, g *globals, args []string) error {
	fs := commandFlags(g, "chat", "chat [--file PATH] [--offline]   (one question per line when stdin is not a terminal)")
	plain := fs.Bool("plain", false, "no banner, prompt or colour even on a terminal")
	if _, err := parseCommand(fs, args); err != nil {
		return err
	}
	be, err := g.backend(ctx)
	if err != nil {
		return err
	}
	interactive := isTerminal(g.stdin) && isTerminal(g.stdout) && !*plain
	opts := bot.TerminalOptions{Interactive: interactive, Color: interactive}
	if interactive {
		opts.HistoryFile = historyFile()
	}
	b := bot.New(be)
	return bot.RunTerminal(ctx, b, g.stdin, g.stdout, opts)
}

// historyFile is where the interactive chat keeps its questions:
// os.UserConfigDir()/reportbot/history, or nowhere when there is no config
// directory.
func historyFile() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "reportbot", "history")
}

func cmdDiscord(ctx context.Context, g *globals, args []string) error {
	fs := commandFlags(g, "discord", "discord [--guild ID]... [--channels ID,ID] [--api-base URL] [--rate N] [--timeout D] [--max-in-flight N] [--verbose]")
	var guilds multiFlag
	fs.Var(&guilds, "guild", "register slash commands in guild `ID` (repeatable; default: globally)")
	channels := fs.String("channels", "", "comma-separated channel `IDs` to answer in (default: all)")
	apiBase := fs.String("api-base", "", "Discord REST base `URL` (a proxy or a test server)")
	rate := fs.Int("rate", 5, "questions per user per minute (past it: one notice, then silence)")
	timeout := fs.Duration("timeout", bot.DefaultAnswerTimeout, "the engine's deadline per answer; it then falls back to the extractive answer")
	inFlight := fs.Int("max-in-flight", bot.DefaultMaxInFlight, "answers computed at once; a few more wait, the rest get a busy reply")
	verbose := fs.Bool("verbose", false, "log events to stderr")
	if _, err := parseCommand(fs, args); err != nil {
		return err
	}
	token := strings.TrimSpace(g.env("DISCORD_TOKEN"))
	if token == "" {
		return &authError{bot.ErrNoToken.Error()}
	}
	if *rate <= 0 {
		return usagef("discord: --rate must be positive, not %d", *rate)
	}
	if *timeout <= 0 || *inFlight <= 0 {
		return usagef("discord: --timeout and --max-in-flight must be positive")
	}
	level := slog.LevelWarn
	if *verbose {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(g.stderr, &slog.HandlerOptions{Level: level}))
	be, err := g.backend(ctx)
	if err != nil {
		return err
	}
	b := bot.New(be, bot.WithLogger(logger), bot.WithRateLimit(*rate, time.Minute))
	var chans []string
	for _, c := range strings.Split(*channels, ",") {
		if c = strings.TrimSpace(c); c != "" {
			chans = append(chans, c)
		}
	}
	fmt.Fprintln(g.stderr, "reportbot: connecting to Discord… (Ctrl-C to stop)")
	err = bot.RunDiscord(ctx, b, bot.DiscordConfig{Token: token, APIBase: *apiBase, Guilds: guilds, Channels: chans, Logger: logger,
		AnswerTimeout: *timeout, MaxInFlight: *inFlight})
	if errors.Is(err, bot.ErrNoToken) {
		return &authError{err.Error()}
	}
	return err
}
