// Command discordbot runs reportbot's Discord front with a small offline
// stub answerer that quotes the sentence of the embedded report sharing the
// most characters with the question. Without DISCORD_TOKEN it says what to
// set and exits 0; with -terminal it chats in the terminal instead.
//
//	DISCORD_TOKEN=… go run ./examples/discordbot -guilds 123456789012345678
//	go run ./examples/discordbot -terminal
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
	"strings"
	"syscall"
	"time"
	"unicode"

	"github.com/reportbot/reportbot/answer"
	"github.com/reportbot/reportbot/bot"
	"github.com/reportbot/reportbot/seeds"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		os.Exit(0)
	case err != nil:
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("discordbot", flag.ContinueOnError)
	fs.SetOutput(stderr)
	guilds := fs.String("guilds", "", "comma-separated guild IDs to register the slash commands in (default: global)")
	channels := fs.String("channels", "", "comma-separated channel IDs to answer in (default: all)")
	apiBase := fs.String("api-base", os.Getenv("DISCORD_API_BASE"), "Discord REST base URL, for a proxy or a test server")
	timeout := fs.Duration("timeout", 60*time.Second, "time limit for one answer")
	terminal := fs.Bool("terminal", false, "chat in the terminal instead of Discord")
	verbose := fs.Bool("v", false, "log debug events to stderr")
	if err := fs.Parse(args); err != nil {
		return err
	}

	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	b := bot.New(newStub(seeds.MustDefault()), bot.WithRateLimit(5, time.Minute), bot.WithLogger(logger))

	if *terminal {
		interactive := isTerminal(stdin)
		return bot.RunTerminal(ctx, b, stdin, stdout, bot.TerminalOptions{Interactive: interactive, Color: interactive})
	}
	token := os.Getenv("DISCORD_TOKEN")
	if token == "" {
		fmt.Fprintln(stderr, "discordbot: DISCORD_TOKEN is not set, so there is nothing to connect to.")
		fmt.Fprintln(stderr, "Create a bot in the Discord developer portal, enable the Message Content intent, invite it with the")
		fmt.Fprintln(stderr, "bot and applications.commands scopes, then: DISCORD_TOKEN=… go run ./examples/discordbot -guilds <server id>")
		fmt.Fprintln(stderr, "Or try it offline: go run ./examples/discordbot -terminal")
		return nil
	}
	return bot.RunDiscord(ctx, b, bot.DiscordConfig{
		Token:         token,
		APIBase:       *apiBase,
		Guilds:        list(*guilds),
		Channels:      list(*channels),
		Logger:        logger,
		AnswerTimeout: *timeout,
	})
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

func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// stub answers with the report sentence that shares the most distinct
// characters with the question. It is a stand-in for *rag.Engine, which
// retrieves and answers properly.
type stub struct {
	text      []rune
	sentences [][2]int // [start, end) in code points
}

func newStub(text string) *stub {
	s := &stub{text: []rune(text)}
	start := 0
	for i, r := range s.text {
		if r == '。' || r == '\n' || i == len(s.text)-1 {
			if strings.TrimSpace(string(s.text[start:i+1])) != "" {
				s.sentences = append(s.sentences, [2]int{start, i + 1})
			}
			start = i + 1
		}
	}
	return s
}

func (s *stub) Ask(_ context.Context, req answer.Request) (answer.Answer, error) {
	q := req.Question
	if len(req.History) > 0 { // follow-ups borrow the previous question's words
		q += req.History[len(req.History)-1].Question
	}
	want := map[rune]bool{}
	for _, r := range q {
		if unicode.Is(unicode.Han, r) || unicode.IsDigit(r) {
			want[r] = true
		}
	}
	best, bestScore := -1, 1
	for i, sp := range s.sentences {
		seen := map[rune]bool{}
		for _, r := range s.text[sp[0]:sp[1]] {
			if want[r] {
				seen[r] = true
			}
		}
		if len(seen) > bestScore {
			best, bestScore = i, len(seen)
		}
	}
	if best < 0 {
		return answer.Answer{Question: req.Question, Text: "报告中没有找到相关内容。", Mode: answer.ModeExtractive}, nil
	}
	sp := s.sentences[best]
	passage := strings.TrimSpace(string(s.text[sp[0]:sp[1]]))
	return answer.Answer{
		Question:   req.Question,
		Text:       "报告中最相关的一句是：" + passage + "[1]",
		Answerable: true,
		Mode:       answer.ModeExtractive,
		Note:       "示例桩：按字重合挑选句子 (example stub: picks the sentence sharing most characters)",
		Citations: []answer.Citation{{
			N: 1, ID: fmt.Sprintf("sentence-%d", best), Label: "2024年观湖街道党工委工作报告",
			Report: "2024年观湖街道党工委工作报告", Date: "2024-02-02",
			Text: string(s.text[sp[0]:sp[1]]), Start: sp[0], End: sp[1],
		}},
	}, nil
}
