package bot

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"

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

func TestRunTerminalStreams(t *testing.T) {
	cit := answer.Citation{N: 1, Label: "一 主要指标", Text: "全年规上工业总产值494.91亿元", Start: 336, End: 352}
	tests := []struct {
		name     string
		mode     answer.Mode
		final    string
		wantTail string
	}{
		{"checked stream keeps the text and adds sources", answer.ModeLLM, "规上工业总产值494.91亿元[1]", SourcesHeading},
		{"failed stream is replaced", answer.ModeFallback, "规上工业总产值:494.91亿元 [1]", "replaced by the checked answer"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := &stubAnswerer{AskFn: func(_ context.Context, req answer.Request) (answer.Answer, error) {
				if req.OnDelta == nil {
					t.Fatal("interactive terminal did not ask for a stream")
				}
				req.OnDelta("规上工业总产值")
				req.OnDelta("494.91亿元[1]")
				return answer.Answer{Question: req.Question, Text: tc.final, Answerable: true, Grounded: true, Mode: tc.mode, Citations: []answer.Citation{cit}}, nil
			}}
			var out strings.Builder
			err := RunTerminal(t.Context(), New(a), strings.NewReader("规上工业总产值?\n"), &out, TerminalOptions{Interactive: true})
			if err != nil {
				t.Fatal(err)
			}
			got := out.String()
			if !strings.Contains(got, "规上工业总产值494.91亿元[1]") {
				t.Errorf("streamed text missing:\n%s", got)
			}
			if !strings.Contains(got, tc.wantTail) {
				t.Errorf("output lacks %q:\n%s", tc.wantTail, got)
			}
			if tc.mode == answer.ModeLLM && strings.Count(got, "494.91亿元[1]") != 1 {
				t.Errorf("a checked stream was printed twice:\n%s", got)
			}
		})
	}
}
