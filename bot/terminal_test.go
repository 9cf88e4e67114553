package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/peterh/liner"

	"github.com/reportbot/reportbot/answer"
)

func TestRunTerminalPiped(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var got []answer.Request
	b := New(&stubAnswerer{AskFn: recordingAsk(&mu, &got)})
	in := strings.NewReader("2023年固定资产投资多少?\n\n   \n比上年增长多少?\n/sources\n/figure 投资\n")
	var out strings.Builder
	if err := RunTerminal(t.Context(), b, in, &out, TerminalOptions{Color: true}); err != nil {
		t.Fatalf("RunTerminal: %v", err)
	}
	s := out.String()
	if strings.ContainsRune(s, '\x1b') {
		t.Errorf("piped output contains ANSI escapes even with Color set:\n%q", s)
	}
	if strings.Contains(s, "> ") || strings.Contains(s, "reportbot —") {
		t.Errorf("piped output has a prompt or banner:\n%s", s)
	}
	rendered := Render(investAnswer(""))
	want := rendered + "\n\n" + rendered + "\n\n" + RenderSources([]answer.Citation{citInvest}) + "\n\n" +
		"指标查询功能暂不可用。\nfigure is not available yet.\n\n"
	if s != want {
		t.Errorf("piped output =\n%s\nwant\n%s", s, want)
	}
	if len(got) != 2 {
		t.Fatalf("answerer got %d questions, want 2 (empty lines ignored)", len(got))
	}
	if len(got[1].History) != 1 {
		t.Errorf("follow-up through the terminal had %d history turns, want 1", len(got[1].History))
	}
}

func TestRunTerminalInteractive(t *testing.T) {
	t.Parallel()
	b := New(&stubAnswerer{AskFn: func(_ context.Context, req answer.Request) (answer.Answer, error) {
		return investAnswer(req.Question), nil
	}})
	in := strings.NewReader("投资?\n/quit\n不会被问到\n")
	var out strings.Builder
	if err := RunTerminal(t.Context(), b, in, &out, TerminalOptions{Interactive: true, Color: true}); err != nil {
		t.Fatalf("RunTerminal: %v", err)
	}
	s := out.String()
	for _, want := range []string{terminalBanner, "> ", ansiCyan + "[1]" + ansiReset, ansiBold + SourcesHeading} {
		if !strings.Contains(s, want) {
			t.Errorf("interactive output lacks %q:\n%s", want, s)
		}
	}
	if n := strings.Count(s, "> "); n != 2 {
		t.Errorf("interactive output has %d prompts, want 2 (question, then /quit):\n%s", n, s)
	}
}

func TestRunTerminalErrors(t *testing.T) {
	t.Parallel()
	b := New(&stubAnswerer{AskFn: func(context.Context, answer.Request) (answer.Answer, error) {
		return answer.Answer{}, errors.New("backend\nexploded")
	}})
	var out strings.Builder
	err := RunTerminal(t.Context(), b, strings.NewReader("a\nb\n"), &out, TerminalOptions{})
	if err != nil {
		t.Fatalf("RunTerminal with a failing answerer: %v, want nil (errors are printed)", err)
	}
	if want := "错误 error: bot: ask \"a\": backend exploded\n\n"; !strings.HasPrefix(out.String(), want) {
		t.Errorf("output = %q, want it to start with %q", out.String(), want)
	}
	if n := strings.Count(out.String(), "错误 error:"); n != 2 {
		t.Errorf("printed %d errors, want 2 (the chat goes on)", n)
	}

	werr := errors.New("disk full")
	err = RunTerminal(t.Context(), b, strings.NewReader("a\n"), failWriter{werr}, TerminalOptions{})
	if !errors.Is(err, werr) {
		t.Errorf("RunTerminal to a failing writer = %v, want it to wrap %v", err, werr)
	}
}

type failWriter struct{ err error }

func (f failWriter) Write([]byte) (int, error) { return 0, f.err }

func TestRunTerminalStopsOnContext(t *testing.T) {
	t.Parallel()
	b := New(&stubAnswerer{AskFn: func(_ context.Context, req answer.Request) (answer.Answer, error) {
		return investAnswer(req.Question), nil
	}})
	pr, pw := io.Pipe()
	defer pw.Close()
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	var out syncBuffer
	go func() { done <- RunTerminal(ctx, b, pr, &out, TerminalOptions{}) }()
	if _, err := io.WriteString(pw, "投资?\n"); err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("RunTerminal after cancel = %v, want nil", err)
	}
}

// syncBuffer is a strings.Builder safe for a writer and a reader in
// different goroutines.
type syncBuffer struct {
	mu sync.Mutex
	sb strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.sb.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.sb.String()
}

// Issue: the interactive chat printed LLM drafts marked "unchecked". Now
// it prints only what the engine hands over as checked, then the rest of
// the final answer.
func TestRunTerminalPrintsOnlyCheckedText(t *testing.T) {
	t.Parallel()
	cit := answer.Citation{N: 1, Label: "一 主要指标", Text: "全年规上工业总产值494.91亿元", Start: 336, End: 352}
	checked := []string{"规上工业总产值494.91亿元[1]。", "同比增长1.72%[1]。"}
	tests := []struct {
		name  string
		mode  answer.Mode
		final string
	}{
		{"the stream is the answer", answer.ModeLLM, strings.Join(checked, "")},
		{"the engine falls back after a checked sentence", answer.ModeFallback, "规上工业总产值:494.91亿元 [1]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var sent []string
			a := &stubAnswerer{AskFn: func(_ context.Context, req answer.Request) (answer.Answer, error) {
				if req.OnDelta == nil {
					t.Fatal("interactive terminal did not ask for checked text")
				}
				n := len(checked)
				if tc.mode == answer.ModeFallback {
					n = 1
				}
				for _, c := range checked[:n] {
					req.OnDelta(c)
					sent = append(sent, c)
				}
				return answer.Answer{Question: req.Question, Text: tc.final, Answerable: true, Grounded: true, Mode: tc.mode, Citations: []answer.Citation{cit}}, nil
			}}
			var out strings.Builder
			err := RunTerminal(t.Context(), New(a), strings.NewReader("规上工业总产值?\n"), &out, TerminalOptions{Interactive: true})
			if err != nil {
				t.Fatal(err)
			}
			got := strings.TrimPrefix(out.String(), terminalBanner+"> ")
			for _, label := range []string{"unchecked", "未核对", "草稿", "draft"} {
				if strings.Contains(got, label) {
					t.Errorf("output labels a draft (%q):\n%s", label, got)
				}
			}
			final := Render(answer.Answer{Text: tc.final, Citations: []answer.Citation{cit}})
			want := final + "\n\n> \n"
			if tc.mode == answer.ModeFallback {
				want = strings.Join(sent, "") + "\n\n" + final + "\n\n> \n"
			}
			if got != want {
				t.Errorf("output =\n%q\nwant\n%q", got, want)
			}
		})
	}
}

func TestHistoryFileIsPrivateAndCapped(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "cfg", "reportbot", "history")
	ln := liner.NewLiner()
	defer ln.Close()
	for i := range 600 {
		ln.AppendHistory(fmt.Sprintf("问题 %d", i))
	}
	if err := saveHistory(ln, path); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("history file mode %v, want 0600", fi.Mode().Perm())
	}
	di, err := os.Stat(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	if di.Mode().Perm() != 0o700 {
		t.Errorf("history dir mode %v, want 0700", di.Mode().Perm())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) != maxHistory || lines[0] != "问题 100" || lines[len(lines)-1] != "问题 599" {
		t.Errorf("history kept %d lines %q … %q, want the last %d", len(lines), lines[0], lines[len(lines)-1], maxHistory)
	}
	ln2 := liner.NewLiner()
	defer ln2.Close()
	if err := loadHistory(ln2, path); err != nil {
		t.Fatal(err)
	}
	var buf strings.Builder
	if n, _ := ln2.WriteHistory(&buf); n != maxHistory {
		t.Errorf("loaded %d entries, want %d", n, maxHistory)
	}
	if err := loadHistory(ln2, filepath.Join(t.TempDir(), "missing")); err != nil {
		t.Errorf("a missing history file gave %v, want nil", err)
	}
}
