package serve

import (
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/reportbot/reportbot/answer"
	"github.com/reportbot/reportbot/internal/fakeopenai"
	"github.com/reportbot/reportbot/qa"
	"github.com/reportbot/reportbot/report"
	"github.com/reportbot/reportbot/retrieve"
	"github.com/reportbot/reportbot/seeds"
)

// passageRE finds the numbered passages of the engine's prompt.
var passageRE = regexp.MustCompile(`(?m)^\[(\d+)\] (.*)$`)

// passageWith returns the marker of the first passage the LLM was given
// that contains s, or "[99]".
func passageWith(req openai.ChatCompletionRequest, s string) string {
	msg := req.Messages[len(req.Messages)-1].Content
	for _, m := range passageRE.FindAllStringSubmatch(msg, -1) {
		if strings.Contains(m[2], s) {
			return "[" + m[1] + "]"
		}
	}
	return "[99]"
}

// llmEngine is a seed engine whose LLM (a fake OpenAI server, or client)
// answers with reply.
func llmEngine(t *testing.T, client qa.ChatClient) *qa.Engine {
	t.Helper()
	doc, err := report.ParseString(seeds.MustDefault())
	if err != nil {
		t.Fatal(err)
	}
	e, err := qa.New(t.Context(), []*report.Report{doc}, qa.WithLLM(client, "fake-model"), qa.WithLLMTimeout(5*time.Second),
		qa.WithRetrieve(retrieve.WithNames(seeds.Default)))
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// streamText reads a chat stream with go-openai: its text, and the last
// chunk's reportbot field from the raw wire.
func streamText(t *testing.T, url string) string {
	t.Helper()
	stream, err := client(url, "").CreateChatCompletionStream(t.Context(), openai.ChatCompletionRequest{Stream: true,
		Messages: []openai.ChatCompletionMessage{{Role: "user", Content: seedQuestion}}})
	if err != nil {
		t.Fatalf("CreateChatCompletionStream = %v", err)
	}
	defer stream.Close()
	var b strings.Builder
	for {
		c, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return b.String()
		}
		if err != nil {
			t.Fatalf("Recv = %v", err)
		}
		for _, ch := range c.Choices {
			b.WriteString(ch.Delta.Content)
		}
	}
}

// TestLLMStream: an LLM answer streams through, checked sentence by
// sentence, and the stream ends with exactly the final answer and its
// sources.
func TestLLMStream(t *testing.T) {
	fake := fakeopenai.New(t)
	fake.SetChatReply(func(r openai.ChatCompletionRequest) string {
		m := passageWith(r, "494.91")
		return "2023年规上工业总产值为494.91亿元" + m + "。\n同比增长1.72%" + m + "。"
	})
	url, logs := setup(t, llmEngine(t, fake.Client()), Options{})
	got := streamText(t, url)
	final := rawCompletion(t, url, `{"messages":[{"role":"user","content":"`+seedQuestion+`"}]}`)
	if final.Reportbot == nil || final.Reportbot.Mode != answer.ModeLLM {
		t.Fatalf("the LLM answer's mode = %+v, want llm", final.Reportbot)
	}
	if want := *final.Choices[0].Message.Content; got != want {
		t.Errorf("streamed text =\n%q\nwant the final answer\n%q", got, want)
	}
	if !strings.Contains(logs.String(), `"mode":"llm"`) {
		t.Errorf("log lacks mode llm:\n%s", logs)
	}
}

// TestLLMStreamFallback: a reply that fails the check after a good
// sentence never shows the bad number, and the stream ends with the
// extractive answer.
func TestLLMStreamFallback(t *testing.T) {
	fake := fakeopenai.New(t)
	fake.SetChatReply(func(r openai.ChatCompletionRequest) string {
		m := passageWith(r, "494.91")
		return "规上工业总产值494.91亿元" + m + "。\n规上工业增加值增速为99.9%" + m + "。"
	})
	url, _ := setup(t, llmEngine(t, fake.Client()), Options{})
	got := streamText(t, url)
	if strings.Contains(got, "99.9") {
		t.Errorf("the stream shows an unchecked number: %q", got)
	}
	if !strings.Contains(got, "全年规上工业总产值494.91亿元,同比增长1.72%。[1]") || !strings.Contains(got, "来源 Sources") {
		t.Errorf("the stream %q does not end with the extractive answer and its sources", got)
	}
}

// TestLLMKeyNeverLeaves: an upstream that echoes the API key in its
// errors; the answer falls back and neither the response nor the log
// shows the key.
func TestLLMKeyNeverLeaves(t *testing.T) {
	const key = "sk-test-0123456789abcdefghij"
	echo := fakeopenai.NewEcho(t, 401)
	cfg := openai.DefaultConfig(key)
	cfg.BaseURL = echo.URL
	e := llmEngine(t, openai.NewClientWithConfig(cfg))
	url, logs := setup(t, e, Options{Secrets: []string{key}})
	for _, body := range []string{
		`{"messages":[{"role":"user","content":"` + seedQuestion + `"}]}`,
		`{"stream":true,"messages":[{"role":"user","content":"` + seedQuestion + `"}]}`,
	} {
		status, _, b := call(t, "POST", url+"/v1/chat/completions", "", body)
		if status != 200 || !strings.Contains(string(b), seedFigure) || !strings.Contains(string(b), `"mode":"fallback"`) {
			t.Errorf("POST %s = %d %s, want the fallback answer", body, status, b)
		}
		if strings.Contains(string(b), key) || strings.Contains(string(b), "0123456789abcdefghij") {
			t.Errorf("the response shows the key: %s", b)
		}
	}
	if strings.Contains(logs.String(), "0123456789abcdefghij") {
		t.Errorf("the log shows the key:\n%s", logs)
	}
}

func TestRelay(t *testing.T) {
	tests := []struct {
		name   string
		deltas []string
		final  string
		sent   string // forwarded live
		rest   string // what finish adds
	}{
		{"in order", []string{"甲[1]。", "乙[2]。", "丙[1,3]。"}, "甲[1]。乙[2]。丙[1,3]。", "甲[1]。乙[2]。丙[1,3]。", ""},
		{"final adds", []string{"甲[1]。"}, "甲[1]。乙[2]。", "甲[1]。", "乙[2]。"},
		{"renumbered: held from [3]", []string{"甲[1]。", "乙[3]。"}, "甲[1]。乙[2]。", "甲[1]。", "乙[2]。"},
		{"first marker not 1", []string{"甲[2]。"}, "甲[1]。", "", "甲[1]。"},
		{"not canonical", []string{"甲【1】。"}, "甲[1]。", "", "甲[1]。"},
		{"spaced marker", []string{"甲[1, 2]。"}, "甲[1,2]。", "", "甲[1,2]。"},
		{"no markers", []string{"不在报告中。"}, "不在报告中。", "不在报告中。", ""},
		{"fallback", []string{"甲[1]。"}, "全年…[1]", "甲[1]。", revised + "全年…[1]"},
		{"years are not markers", []string{"[2023]年[1]。"}, "[2023]年[1]。", "[2023]年[1]。", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var sent strings.Builder
			r := newRelay(func(s string) { sent.WriteString(s) })
			for _, d := range tc.deltas {
				r.write(d)
			}
			if sent.String() != tc.sent {
				t.Errorf("forwarded %q, want %q", sent.String(), tc.sent)
			}
			if rest := r.finish(tc.final); rest != tc.rest {
				t.Errorf("finish(%q) = %q, want %q", tc.final, rest, tc.rest)
			}
		})
	}
}

func TestHistoryText(t *testing.T) {
	ans := answer.Answer{Text: "全年规上工业总产值494.91亿元。[1]", Note: "a note", Citations: []answer.Citation{{N: 1, Report: "R", Label: "L", Text: "全年…"}}}
	msg := content(ans)
	if got := historyText(msg); got != ans.Text {
		t.Errorf("historyText(content(ans)) = %q, want %q", got, ans.Text)
	}
	if got := historyText("draft[1]。" + revised + "final[1]。" + tail(ans)); got != "final[1]。" {
		t.Errorf("historyText of a revised stream = %q, want the final answer", got)
	}
	b, _ := json.Marshal(content(ans))
	if !strings.Contains(string(b), `[1] 《R》 · L`) {
		t.Errorf("sources block = %s", b)
	}
}

// TestAPIAskStreamsLLM: /api/ask with stream sends the LLM's checked
// sentences as delta events, then the final answer.
func TestAPIAskStreamsLLM(t *testing.T) {
	fake := fakeopenai.New(t)
	fake.SetChatReply(func(r openai.ChatCompletionRequest) string {
		m := passageWith(r, "494.91")
		return "2023年规上工业总产值为494.91亿元" + m + "。\n同比增长1.72%" + m + "。"
	})
	url, _ := setup(t, llmEngine(t, fake.Client()), Options{})
	status, _, body := call(t, "POST", url+"/api/ask", "", `{"question":"`+seedQuestion+`","stream":true}`)
	if status != 200 {
		t.Fatalf("POST /api/ask stream = %d %s", status, body)
	}
	var deltas strings.Builder
	var final answer.Answer
	for _, ev := range strings.Split(strings.TrimSpace(string(body)), "\n\n") {
		name, data, _ := strings.Cut(ev, "\ndata: ")
		switch name {
		case "event: delta":
			var d struct{ Text string }
			if err := json.Unmarshal([]byte(data), &d); err != nil {
				t.Fatalf("delta %q: %v", data, err)
			}
			deltas.WriteString(d.Text)
		case "event: answer":
			if err := json.Unmarshal([]byte(data), &final); err != nil {
				t.Fatalf("answer %q: %v", data, err)
			}
		default:
			t.Errorf("unexpected event %q", ev)
		}
	}
	if deltas.Len() == 0 || !strings.Contains(deltas.String(), seedFigure) {
		t.Errorf("deltas = %q, want the checked sentences", deltas.String())
	}
	if final.Mode != answer.ModeLLM || !strings.Contains(final.Text, seedFigure) || len(final.Citations) == 0 {
		t.Errorf("final answer = %+v, want a cited llm answer", final)
	}
}
