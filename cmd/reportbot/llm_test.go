package main

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	openai "github.com/sashabaranov/go-openai"

	"github.com/reportbot/reportbot/internal/fakeopenai"
)

// envFor is an environment that points the CLI at a fake server.
func envFor(url string, extra env) env {
	e := env{"OPENAI_API_KEY": fakeopenai.Token, "OPENAI_BASE_URL": url, "LLM_MODEL": "fake-model"}
	for k, v := range extra {
		e[k] = v
	}
	return e
}

func decodeAnswer(t *testing.T, out string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("ask --json output is not JSON: %v: %q", err, out)
	}
	return m
}

// passageRE finds the numbered passages the engine gives the LLM.
var passageRE = regexp.MustCompile(`(?m)^\[(\d+)\] (.*)$`)

// citing replies with text and the marker of the passage that holds s.
func citing(text, s string) func(openai.ChatCompletionRequest) string {
	return func(req openai.ChatCompletionRequest) string {
		msg := req.Messages[len(req.Messages)-1].Content
		for _, m := range passageRE.FindAllStringSubmatch(msg, -1) {
			if strings.Contains(m[2], s) {
				return text + "[" + m[1] + "]。"
			}
		}
		return text + "[99]。"
	}
}

func TestAskWithLLM(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		reply    func(openai.ChatCompletionRequest) string
		fault    *fakeopenai.Fault
		wantMode string
	}{
		{"cited answer", citing("2023年规上工业总产值为494.91亿元", "494.91亿元"), nil, "llm"},
		{"invented number", citing("2023年规上工业总产值为999.99亿元", "494.91亿元"), nil, "fallback"},
		{"server error", nil, ptr(fakeopenai.ServerError()), "fallback"},
		{"unauthorized", nil, ptr(fakeopenai.Unauthorized()), "fallback"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := fakeopenai.New(t)
			if tc.reply != nil {
				s.SetChatReply(tc.reply)
			}
			if tc.fault != nil {
				s.FailChat(*tc.fault, *tc.fault, *tc.fault)
			}
			r := ok(t, envFor(s.URL, nil), "", "ask", "--json", "2023年规上工业总产值是多少?")
			m := decodeAnswer(t, r.out)
			if m["mode"] != tc.wantMode {
				t.Errorf("mode = %v, want %s (answer %q, note %v)", m["mode"], tc.wantMode, m["answer"], m["note"])
			}
			if note, _ := m["note"].(string); (note != "") != (tc.wantMode == "fallback") {
				t.Errorf("note = %q for mode %v", note, m["mode"])
			}
			if ans := m["answer"].(string); !strings.Contains(ans, "494.91") || strings.Contains(ans, "999.99") {
				t.Errorf("answer = %q, want the grounded figure only", ans)
			}
			if len(s.ChatRequests()) == 0 {
				t.Error("the LLM was never called")
			}
			if req := s.ChatRequests()[0]; req.Model != "fake-model" {
				t.Errorf("model = %q, want LLM_MODEL's fake-model", req.Model)
			}
		})
	}
}

func TestLLMFlags(t *testing.T) {
	t.Parallel()
	s := fakeopenai.New(t)
	s.SetChatReply(citing("2023年规上工业总产值为494.91亿元", "494.91亿元"))
	// --offline: no request at all.
	r := ok(t, envFor(s.URL, nil), "", "ask", "--offline", "--json", "2023年规上工业总产值是多少?")
	if m := decodeAnswer(t, r.out); m["mode"] != "extractive" || len(s.Requests()) != 0 {
		t.Errorf("--offline: mode %v, %d requests to the server; want extractive and none", m["mode"], len(s.Requests()))
	}
	// --model and --base-url override the environment.
	e := envFor("http://127.0.0.1:1/v1", nil)
	r = ok(t, e, "", "--base-url", s.URL, "ask", "--model", "flag-model", "--json", "2023年规上工业总产值是多少?")
	if m := decodeAnswer(t, r.out); m["mode"] != "llm" {
		t.Errorf("--base-url/--model: mode %v, note %v", m["mode"], m["note"])
	}
	if reqs := s.ChatRequests(); len(reqs) == 0 || reqs[len(reqs)-1].Model != "flag-model" {
		t.Errorf("the request did not use --model flag-model")
	}
	// A hanging server and a short --llm-timeout: the extractive answer.
	s.FailChat(fakeopenai.Slow(), fakeopenai.Slow())
	r = ok(t, envFor(s.URL, nil), "", "ask", "--llm-timeout", "200ms", "--json", "2023年规上工业总产值是多少?")
	if m := decodeAnswer(t, r.out); m["mode"] != "fallback" || !strings.Contains(m["note"].(string), "timed out") {
		t.Errorf("--llm-timeout 200ms on a hanging server: mode %v, note %v", m["mode"], m["note"])
	}
}

func TestRemoteEmbeddings(t *testing.T) {
	t.Parallel()
	s := fakeopenai.New(t)
	db := filepath.Join(t.TempDir(), "idx")
	e := envFor(s.URL, env{"EMBED_MODEL": "fake-embed"})
	r := ok(t, e, "", "index", "--db", db)
	if len(s.EmbeddingRequests()) == 0 || !strings.Contains(r.err, "embedding chunks:") {
		t.Fatalf("index made %d embedding requests, progress %q", len(s.EmbeddingRequests()), r.err)
	}
	n := len(s.EmbeddingRequests())
	ok(t, e, "", "index", "--db", db)
	texts := 0
	for _, req := range s.EmbeddingRequests()[n:] {
		texts += len(req.Input)
	}
	if texts > 1 { // the probe that checks the embedder is the same
		t.Errorf("a persisted index was embedded again: %d texts", texts)
	}
	n = len(s.EmbeddingRequests())

	// Query time: the embedder answers; then it is down (a server that
	// refuses the key), and search and ask fall back to words with a note
	// instead of failing.
	r = ok(t, e, "", "--db", db, "search", "--json", "交通拥堵")
	if strings.Contains(r.out, `"note"`) || len(s.EmbeddingRequests()) == n {
		t.Errorf("search with a working embedder: %d new requests, output %s", len(s.EmbeddingRequests())-n, r.out)
	}
	down := fakeopenai.NewEcho(t, 503)
	e = envFor(down.URL, env{"EMBED_MODEL": "fake-embed"})
	r = ok(t, e, "", "--db", db, "search", "--json", "交通拥堵")
	var res searchJSON
	if err := json.Unmarshal([]byte(r.out), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Results) == 0 || !strings.Contains(res.Note, "embedding server unavailable (503") {
		t.Errorf("search with the embedder down: %d results, note %q", len(res.Results), res.Note)
	}
	r = ok(t, e, "", "--db", db, "ask", "--json", "2023年规上工业总产值是多少?")
	m := decodeAnswer(t, r.out)
	if !strings.Contains(m["answer"].(string), "494.91") || !strings.Contains(m["note"].(string), "found by words only") {
		t.Errorf("ask with the embedder down: %v (note %v)", m["answer"], m["note"])
	}
	if down.Requests() == 0 {
		t.Error("the query embedder was never called")
	}

	// Without the embedder configured, the index's vectors cannot be used:
	// words only, and stderr says so.
	r = ok(t, nil, "", "--db", db, "search", "--k", "2", "交通拥堵")
	if !strings.Contains(r.err, "searching by words only") || !strings.Contains(r.out, "1. ") {
		t.Errorf("search of a remote index without its embedder: stdout %q, stderr %q", r.out, r.err)
	}
}

func ptr[T any](v T) *T { return &v }
