package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	openai "github.com/sashabaranov/go-openai"

	"github.com/reportbot/reportbot/internal/fakeopenai"
)

// envFor returns an environment that points the CLI at a fake server.
func envFor(url string, extra map[string]string) func(string) string {
	env := map[string]string{"OPENAI_API_KEY": fakeopenai.Token, "OPENAI_BASE_URL": url, "LLM_MODEL": "fake-model"}
	for k, v := range extra {
		env[k] = v
	}
	return func(k string) string { return env[k] }
}

func askJSON(t *testing.T, getenv func(string) string, args ...string) map[string]any {
	t.Helper()
	var out, errb bytes.Buffer
	if err := runWithEnv(t, "", &out, &errb, getenv, args...); err != nil {
		t.Fatalf("run(%q): %v; stderr %s", args, err, errb.String())
	}
	var m map[string]any
	if err := json.Unmarshal(out.Bytes(), &m); err != nil {
		t.Fatalf("ask --json output is not JSON: %v: %s", err, out.String())
	}
	return m
}

func TestAskWithLLM(t *testing.T) {
	tests := []struct {
		name     string
		reply    string
		fault    *fakeopenai.Fault
		wantMode string
		wantNote bool
	}{
		{"cited answer", "规上工业总产值为494.91亿元 [1]。", nil, "llm", false},
		{"invented number", "规上工业总产值为999.99亿元 [1]。", nil, "fallback", true},
		{"server error", "", ptr(fakeopenai.ServerError()), "fallback", true},
		{"unauthorized", "", ptr(fakeopenai.Unauthorized()), "fallback", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := fakeopenai.New(t)
			s.SetChatReply(func(openai.ChatCompletionRequest) string { return tc.reply })
			if tc.fault != nil {
				s.FailChat(*tc.fault, *tc.fault, *tc.fault)
			}
			m := askJSON(t, envFor(s.URL, nil), "ask", "--json", "2023年规上工业总产值是多少?")
			if m["mode"] != tc.wantMode {
				t.Errorf("mode = %v, want %s (answer %q, note %v)", m["mode"], tc.wantMode, m["answer"], m["note"])
			}
			if note, _ := m["note"].(string); (note != "") != tc.wantNote {
				t.Errorf("note = %q, want a note: %v", note, tc.wantNote)
			}
			if !strings.Contains(m["answer"].(string), "494.91") || m["grounded"] != true {
				t.Errorf("answer = %q grounded=%v, want the grounded figure", m["answer"], m["grounded"])
			}
			if strings.Contains(m["answer"].(string), "999.99") {
				t.Error("an invented number got through")
			}
			if len(s.ChatRequests()) == 0 {
				t.Error("the LLM was never called")
			}
		})
	}
}

func TestOfflineFlagSkipsLLM(t *testing.T) {
	s := fakeopenai.New(t)
	m := askJSON(t, envFor(s.URL, nil), "ask", "--offline", "--json", "2023年规上工业总产值是多少?")
	if m["mode"] != "extractive" || len(s.Requests()) != 0 {
		t.Errorf("--offline: mode %v, %d requests to the server; want extractive and none", m["mode"], len(s.Requests()))
	}
}

func TestRemoteEmbeddings(t *testing.T) {
	s := fakeopenai.New(t)
	var out, errb bytes.Buffer
	dir := t.TempDir()
	getenv := envFor(s.URL, map[string]string{"EMBED_MODEL": "fake-embed"})
	if err := runWithEnv(t, "", &out, &errb, getenv, "index", "--offline=false", "--db", dir); err != nil {
		t.Fatalf("index: %v; %s", err, errb.String())
	}
	if len(s.EmbeddingRequests()) == 0 || !strings.Contains(errb.String(), "embedding chunks") {
		t.Fatalf("index made %d embedding requests, progress %q", len(s.EmbeddingRequests()), errb.String())
	}
	n := len(s.EmbeddingRequests())
	out.Reset()
	errb.Reset()
	if err := runWithEnv(t, "", &out, &errb, getenv, "index", "--db", dir); err != nil {
		t.Fatalf("second index: %v", err)
	}
	if got := len(s.EmbeddingRequests()); got != n {
		t.Errorf("a persisted index was re-embedded: %d requests after %d", got, n)
	}
	if strings.Contains(out.String()+errb.String(), fakeopenai.Token) {
		t.Error("the API key appears in the output")
	}
}

func ptr[T any](v T) *T { return &v }
