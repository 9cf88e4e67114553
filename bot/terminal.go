package bot

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/reportbot/reportbot/answer"
)

// TerminalOptions configures [RunTerminal].
type TerminalOptions struct {
	// Interactive prints a banner and a "> " prompt. Leave it false for
	// piped input: then each line is a question and only the replies are
	// printed, each followed by a blank line.
	Interactive bool
	// Color highlights [n] markers and headings with ANSI escapes. It has
	// effect only when Interactive is true.
	Color bool
	// ConversationID names the conversation for history; "" means
	// "terminal".
	ConversationID string
}

const terminalBanner = `reportbot — 工作报告问答 · questions about the work report, with citations
输入问题直接提问；/help 查看命令，/sources 查看上一个回答的完整引文，/quit 退出。
Type a question; /help for commands, /sources for full passages, /quit to leave.
`

// RunTerminal chats with b over in and out, one message per line, until
// EOF, /quit (also quit, exit, 退出) or ctx is done; all three return nil.
// Empty lines are ignored. Answers are printed with their source list;
// /sources prints the full passages of the last answer and /brief the full
// markdown.
//
// When opts.Interactive is false no banner, prompt or escape code is
// written, so the output of piped input can be diffed. An error from the
// answerer is printed as a line starting "错误 error:" and the chat goes
// on. RunTerminal returns an error only when reading in or writing out
// fails.
//
// Reading happens in a goroutine; when ctx ends first, that goroutine stays
// blocked on in until in returns (for os.Stdin, until the process exits).
func RunTerminal(ctx context.Context, b *Bot, in io.Reader, out io.Writer, opts TerminalOptions) error {
	conv := opts.ConversationID
	if conv == "" {
		conv = "terminal"
	}
	color := opts.Interactive && opts.Color
	w := &errWriter{w: out}
	if opts.Interactive {
		w.print(terminalBanner)
	}

	lines := make(chan string)
	readErr := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(in)
		sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
		readErr <- sc.Err()
	}()

	for {
		if opts.Interactive {
			w.print("> ")
		}
		if w.err != nil {
			return fmt.Errorf("terminal: write: %w", w.err)
		}
		var line string
		select {
		case <-ctx.Done():
			return nil
		case err := <-readErr:
			if opts.Interactive {
				w.print("\n")
			}
			if err != nil {
				return fmt.Errorf("terminal: read: %w", err)
			}
			return w.wrapErr()
		case line = <-lines:
		}
		line = strings.TrimSpace(line)
		switch strings.ToLower(line) {
		case "":
			continue
		case "/quit", "quit", "/exit", "exit", "/q", "退出":
			return w.wrapErr()
		}
		msg := Message{ConversationID: conv, UserID: conv, Text: line}
		var streamed strings.Builder
		if opts.Interactive {
			// Show an LLM's answer as it arrives; the checked answer follows.
			msg.OnDelta = func(d string) {
				if streamed.Len() == 0 {
					// Unchecked until the grounding check has run: say so.
					w.print("(草稿·未核对 draft, unchecked) ")
				}
				streamed.WriteString(d)
				w.print(d)
			}
		}
		r, err := b.Handle(ctx, msg)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			w.print("错误 error: " + oneLine(err.Error()) + "\n\n")
			continue
		}
		text := r.Text
		if r.Command == CmdBrief && r.Markdown != "" {
			text = r.Markdown
		}
		if streamed.Len() > 0 {
			if r.Answer != nil && r.Answer.Mode == answer.ModeLLM {
				// The stream was the answer: confirm it and add its sources.
				text = "\n(已核对 checked)\n" + RenderSources(r.Citations)
			} else {
				text = "\n\n(已替换为核对后的回答 replaced by the checked answer)\n" + text
			}
		}
		if color {
			text = colorize(text)
		}
		w.print(strings.TrimRight(text, "\n") + "\n\n")
	}
}

var markerRE = regexp.MustCompile(`\[\d+\]`)

const (
	ansiCyan  = "\x1b[36m"
	ansiBold  = "\x1b[1m"
	ansiReset = "\x1b[0m"
)

func colorize(s string) string {
	s = markerRE.ReplaceAllString(s, ansiCyan+"$0"+ansiReset)
	return strings.ReplaceAll(s, SourcesHeading, ansiBold+SourcesHeading+ansiReset)
}

// errWriter remembers the first write error so the loop can check once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) print(s string) {
	if e.err == nil {
		_, e.err = io.WriteString(e.w, s)
	}
}

func (e *errWriter) wrapErr() error {
	if e.err != nil {
		return fmt.Errorf("terminal: write: %w", e.err)
	}
	return nil
}
