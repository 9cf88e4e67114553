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

	"github.com/spf13/cobra"

	"github.com/reportbot/reportbot/bot"
)

func (a *app) chatCmd() *cobra.Command {
	var plain bool
	c := a.command("chat", "chat in the terminal (piped: one question per line)",
		`Chat answers questions in the terminal, with follow-ups (比上年增长多少?)
resolved against earlier turns. Each answer lists its sources, named by report
(title and file). Commands: help, figure METRIC, section REF, brief TOPIC,
sources, quit (or 帮助, 指标, 章节, 简报, 来源, 退出).

On a terminal it has a line editor with history
(os.UserConfigDir()/reportbot/history); piped, it reads one question per line
and prints only the replies. There is no JSON output: use ask --batch.`,
		a.noArgs, append(append([]string{}, inputFlags...), llmFlags...),
		func(ctx context.Context, c *cobra.Command, args []string) error {
			ce, err := a.chatEngine(ctx)
			if err != nil {
				return err
			}
			interactive := a.ttyIn && a.ttyOut && !plain
			opts := bot.TerminalOptions{Interactive: interactive, Color: interactive}
			out := a.stdout
			if interactive {
				// The line editor needs the terminal itself; answers and
				// errors that reach it are redacted by chatEngine.
				out = a.rawStdout
				opts.HistoryFile = historyFile()
			}
			return bot.RunTerminal(ctx, bot.New(ce), a.stdin, out, opts)
		})
	c.Flags().BoolVar(&plain, "plain", false, "no banner, prompt or colour, even on a terminal")
	return c
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

func (a *app) discordCmd() *cobra.Command {
	var (
		guilds   []string
		channels string
		apiBase  string
		rate     int
		timeout  time.Duration
		inFlight int
		verbose  bool
	)
	c := a.command("discord", "run the Discord bot (needs DISCORD_TOKEN)",
		`Discord runs the bot until Ctrl-C: slash commands /ask, /figure, /section,
/brief and /help, @mentions and direct messages. It needs DISCORD_TOKEN (exit
4 without it); the token never appears in any output. See the bot package's
documentation for creating and inviting the bot.`,
		a.noArgs, append(append([]string{}, inputFlags...), llmFlags...),
		func(ctx context.Context, c *cobra.Command, args []string) error {
			token := a.env("DISCORD_TOKEN")
			if token == "" {
				return &authError{bot.ErrNoToken.Error()}
			}
			level := slog.LevelWarn
			if verbose {
				level = slog.LevelDebug
			}
			logger := slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: level}))
			ce, err := a.chatEngine(ctx)
			if err != nil {
				return err
			}
			b := bot.New(ce, bot.WithLogger(logger), bot.WithRateLimit(rate, time.Minute))
			var chans []string
			for _, id := range strings.Split(channels, ",") {
				if id = strings.TrimSpace(id); id != "" {
					chans = append(chans, id)
				}
			}
			fmt.Fprintln(a.stderr, "reportbot: connecting to Discord… (Ctrl-C to stop)")
			err = bot.RunDiscord(ctx, b, bot.DiscordConfig{Token: token, APIBase: apiBase, Guilds: guilds, Channels: chans,
				Logger: logger, AnswerTimeout: timeout, MaxInFlight: inFlight})
			if errors.Is(err, bot.ErrNoToken) {
				return &authError{err.Error()}
			}
			return err
		})
	c.Args = func(c *cobra.Command, args []string) error {
		if rate <= 0 {
			return a.usageErr(c, "--rate must be positive, not %d", rate)
		}
		if timeout <= 0 || inFlight <= 0 {
			return a.usageErr(c, "--timeout and --max-in-flight must be positive")
		}
		return a.noArgs(c, args)
	}
	fs := c.Flags()
	fs.StringArrayVar(&guilds, "guild", nil, "register slash commands in guild `ID` (repeatable; default: globally)")
	fs.StringVar(&channels, "channels", "", "comma-separated channel `IDs` to answer in (default: all)")
	fs.StringVar(&apiBase, "api-base", "", "Discord REST base `URL` (a proxy or a test server)")
	fs.IntVar(&rate, "rate", 5, "questions per user per minute (past it: one notice, then silence)")
	fs.DurationVar(&timeout, "timeout", bot.DefaultAnswerTimeout, "the engine's deadline per answer; it then falls back to the extractive answer")
	fs.IntVar(&inFlight, "max-in-flight", bot.DefaultMaxInFlight, "answers computed at once; a few more wait, the rest get a busy reply")
	fs.BoolVar(&verbose, "verbose", false, "log events to stderr")
	return c
}
