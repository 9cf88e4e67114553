package bot

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"golang.org/x/term"
)

// TerminalOptions configures [RunTerminal].
type TerminalOptions struct {
	// Interactive prints a banner and a "> " prompt. When in and out are
	// both terminals it also turns on the line editor: arrow keys, history
	// (↑/↓), editing that knows Chinese characters are two columns wide,
	// Ctrl-L to clear the screen, and Ctrl-D or Ctrl-C to leave. Leave it
	// false for piped input: then each line is a question and only the
	// replies are printed, each followed by a blank line.
	Interactive bool
	// Color highlights [n] markers and headings with ANSI escapes. It has
	// effect only when Interactive is true.
	Color bool
	// ConversationID names the conversation for history; "" means
	// "terminal".
	ConversationID string
	// HistoryFile is where the line editor keeps the questions asked, one
	// per line, the last 500; "" keeps none. The file is created with mode
	// 0600 and its directory with 0700. The library reads no environment,
	// so it has no default; cmd/reportbot uses
	// os.UserConfigDir()/reportbot/history.
	HistoryFile string
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
// written, so the output of piped input can be diffed. When it is true and
// in and out are terminals, a line editor reads the questions (see
// [TerminalOptions]); Ctrl-D on an empty line and Ctrl-C leave, returning
// nil.
//
// Only checked text is ever printed: an Answerer that streams passes the
// terminal sentences that have already passed its claim check
// (answer.Request.OnDelta), and the final answer follows; a raw LLM draft
// is never shown.
//
// An error from the answerer is printed as a line starting "错误 error:"
// and the chat goes on. RunTerminal returns an error only when reading in
// or writing out fails.
//
// Reading happens in a goroutine; when ctx ends first, that goroutine stays
// blocked on in until in returns (for os.Stdin, until the process exits).
func RunTerminal(ctx context.Context, b *Bot, in io.Reader, out io.Writer, opts TerminalOptions) error {
	if opts.ConversationID == "" {
		opts.ConversationID = "terminal"
	}
	c := &chat{b: b, opts: opts, w: &errWriter{w: out}, color: opts.Interactive && opts.Color}
	if opts.Interactive && isTTY(in) && isTTY(out) {
		return c.edit(ctx)
	}
	return c.scan(ctx, in)
}

// isTTY reports whether v is an *os.File on a terminal.
func isTTY(v any) bool {
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// chat is one RunTerminal session.
type chat struct {
	b     *Bot
	opts  TerminalOptions
	w     *errWriter
	color bool
}

// scan reads lines with a bufio.Scanner: piped input, or an interactive
// session on something that is not a terminal.
func (c *chat) scan(ctx context.Context, in io.Reader) error {
	if c.opts.Interactive {
		c.w.print(terminalBanner)
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
		if c.opts.Interactive {
			c.w.print("> ")
		}
		if c.w.err != nil {
			return c.w.wrapErr()
		}
		var line string
		select {
		case <-ctx.Done():
			return nil
		case err := <-readErr:
			if c.opts.Interactive {
				c.w.print("\n")
			}
			if err != nil {
				return fmt.Errorf("terminal: read: %w", err)
			}
			return c.w.wrapErr()
		case line = <-lines:
		}
		if quit := c.handle(ctx, line); quit {
			return c.w.wrapErr()
		}
	}
}

// handle answers one line and prints the reply. It reports whether the
// line asks to leave or ctx has ended.
func (c *chat) handle(ctx context.Context, line string) (quit bool) {
	line = strings.TrimSpace(line)
	switch strings.ToLower(line) {
	case "":
		return false
	case "/quit", "quit", "/exit", "exit", "/q", "退出":
		return true
	}
	msg := Message{ConversationID: c.opts.ConversationID, UserID: c.opts.ConversationID, Text: line}
	var streamed strings.Builder
	if c.opts.Interactive {
		// The Answerer hands over only checked sentences; show them as
		// they come.
		msg.OnDelta = func(d string) {
			streamed.WriteString(d)
			c.w.print(c.paint(d))
		}
	}
	r, err := c.b.Handle(ctx, msg)
	if err != nil {
		if ctx.Err() != nil {
			return true
		}
		c.w.print("错误 error: " + oneLine(err.Error()) + "\n\n")
		return false
	}
	if r.Quiet {
		return false
	}
	text := r.Text
	if r.Command == CmdBrief && r.Markdown != "" {
		text = r.Markdown
	}
	if s := streamed.String(); s != "" {
		if rest, ok := strings.CutPrefix(text, s); ok {
			text = rest // the stream was the answer's start: add the rest and the sources
		} else {
			// The engine fell back after streaming part of a checked
			// answer: show its final answer in full.
			text = "\n\n" + text
		}
	}
	c.w.print(c.paint(strings.TrimRight(text, "\n")) + "\n\n")
	return false
}

func (c *chat) paint(s string) string {
	if c.color {
		return colorize(s)
	}
	return s
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
