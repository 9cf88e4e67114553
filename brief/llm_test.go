package brief

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/reportbot/reportbot/answer"
	"github.com/reportbot/reportbot/internal/fakeopenai"
)

// TestLLMOverTheWire drives the LLM summary through go-openai's real
// client against the fake OpenAI server: a grounded reply is used, and a
// server that hangs past Options.LLMTimeout, errors, rate-limits or sends
// malformed JSON gives the extractive summary with a note saying why.
func TestLLMOverTheWire(t *testing.T) {
	doc := seed(t)
	offline := build(t, doc, Options{Topic: "交通"})
	grounded := func(req openai.ChatCompletionRequest) string {
		p := offeredPassages(req)
		return p["1"] + "[1]" + p["2"] + "[2]"
	}
	cases := []struct {
		name    string
		fault   *fakeopenai.Fault
		timeout time.Duration
		mode    answer.Mode
		noteHas string
	}{
		{name: "grounded", mode: answer.ModeLLM},
		{name: "slow past the timeout", fault: &fakeopenai.Fault{Hang: true}, timeout: 50 * time.Millisecond, mode: answer.ModeFallback, noteHas: "LLM timed out"},
		{name: "server error", fault: ptr(fakeopenai.ServerError()), mode: answer.ModeFallback, noteHas: "LLM server error"},
		{name: "rate limited", fault: ptr(fakeopenai.RateLimited(2)), mode: answer.ModeFallback, noteHas: "LLM rate limited"},
		{name: "unauthorized", fault: ptr(fakeopenai.Unauthorized()), mode: answer.ModeFallback, noteHas: "check the API key"},
		{name: "malformed JSON", fault: ptr(fakeopenai.Malformed()), mode: answer.ModeFallback, noteHas: "LLM summary failed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := fakeopenai.New(t)
			s.SetChatReply(grounded)
			if tc.fault != nil {
				s.FailChat(*tc.fault)
			}
			start := time.Now()
			b := build(t, doc, Options{Topic: "交通", LLM: s.Client(), Model: "qwen-plus", LLMTimeout: tc.timeout})
			if b.SummaryMode != tc.mode {
				t.Fatalf("SummaryMode = %q, want %q (notes %q)", b.SummaryMode, tc.mode, b.Notes)
			}
			if got := s.ChatRequests(); len(got) != 1 || got[0].Model != "qwen-plus" {
				t.Errorf("server got %d chat requests, want one for qwen-plus", len(got))
			}
			if tc.timeout > 0 && time.Since(start) > 10*time.Second {
				t.Errorf("Build took %v with LLMTimeout %v", time.Since(start), tc.timeout)
			}
			if tc.mode == answer.ModeLLM {
				if len(b.Notes) != 0 || len(b.Summary) != 2 {
					t.Errorf("LLM summary %+v notes %q, want the model's two sentences and no note", b.Summary, b.Notes)
				}
			} else {
				if !slices.ContainsFunc(b.Notes, func(n string) bool { return strings.Contains(n, tc.noteHas) }) {
					t.Errorf("Notes = %q, want one containing %q", b.Notes, tc.noteHas)
				}
				if !slices.EqualFunc(b.Summary, offline.Summary, func(a, c Claim) bool { return a.Text == c.Text }) {
					t.Errorf("fallback summary %+v, want the extractive one", b.Summary)
				}
				md := string(b.Markdown())
				if !strings.Contains(md, tc.noteHas) {
					t.Errorf("markdown does not show the note %q", tc.noteHas)
				}
			}
			checkPassages(t, doc, b)
			checkMarkdown(t, doc, b, b.Markdown())
		})
	}
}

func ptr[T any](v T) *T { return &v }

// TestLLMTimeoutDefault checks that a zero LLMTimeout means
// DefaultLLMTimeout: the call carries a deadline about that far away.
func TestLLMTimeoutDefault(t *testing.T) {
	var deadline time.Duration
	llm := &deadlineLLM{got: func(ctx context.Context) {
		if d, ok := ctx.Deadline(); ok {
			deadline = time.Until(d)
		}
	}}
	b := build(t, seed(t), Options{Topic: "交通", LLM: llm, Model: "m"})
	if deadline <= DefaultLLMTimeout-5*time.Second || deadline > DefaultLLMTimeout {
		t.Errorf("LLM call deadline in %v, want about DefaultLLMTimeout (%v)", deadline, DefaultLLMTimeout)
	}
	if b.SummaryMode != answer.ModeFallback {
		t.Errorf("SummaryMode = %q, want fallback for an empty reply", b.SummaryMode)
	}
	if _, err := Build(t.Context(), seed(t), Options{LLM: llm, Model: "m", LLMTimeout: -time.Second}); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("Build with a negative LLMTimeout error = %v, want ErrInvalidOptions", err)
	}
}

// deadlineLLM records the context of the call and replies with nothing.
type deadlineLLM struct{ got func(ctx context.Context) }

func (d *deadlineLLM) CreateChatCompletion(ctx context.Context, _ openai.ChatCompletionRequest) (openai.ChatCompletionResponse, error) {
	d.got(ctx)
	return openai.ChatCompletionResponse{}, nil
}

// TestLLMClaimCheck checks that the summary must pass answer.Check, not
// only the number check: a reversed direction is caught too.
func TestLLMClaimCheck(t *testing.T) {
	doc := seed(t)
	cases := []struct {
		name    string
		reply   func(p map[string]string) string
		noteHas string
	}{
		{"reversed direction", func(map[string]string) string {
			return "全年规上工业总产值494.91亿元,同比下降1.72%。[1]"
		}, "LLM summary"},
		{"invented number", func(p map[string]string) string {
			return p["1"] + "[1] 全年交通投资达到987.65亿元。[1]"
		}, "numbers not in its cited passages"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			llm := &fakeLLM{reply: func(req openai.ChatCompletionRequest) string { return tc.reply(offeredPassages(req)) }}
			b := build(t, doc, Options{Topic: "经济", LLM: llm, Model: "m"})
			if b.SummaryMode != answer.ModeFallback {
				t.Fatalf("SummaryMode = %q, want fallback (summary %+v)", b.SummaryMode, b.Summary)
			}
			if !slices.ContainsFunc(b.Notes, func(n string) bool { return strings.Contains(n, tc.noteHas) }) {
				t.Errorf("Notes = %q, want one containing %q", b.Notes, tc.noteHas)
			}
		})
	}
}
