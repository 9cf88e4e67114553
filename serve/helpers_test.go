package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	openai "github.com/sashabaranov/go-openai"

	"github.com/reportbot/reportbot/qa"
	"github.com/reportbot/reportbot/report"
	"github.com/reportbot/reportbot/retrieve"
	"github.com/reportbot/reportbot/seeds"
)

// seedQuestion and seedFigure: the main job on the embedded report.
const (
	seedQuestion = "2023年规上工业总产值是多少?"
	seedFigure   = "494.91亿元"
)

var (
	seedOnce   sync.Once
	seedEngine *qa.Engine
	seedErr    error
)

// engine returns the offline engine of the embedded report, built once per
// test binary; it is safe for concurrent use.
func engine(t testing.TB) *qa.Engine {
	t.Helper()
	seedOnce.Do(func() {
		doc, err := report.ParseString(seeds.MustDefault())
		if err != nil {
			seedErr = err
			return
		}
		seedEngine, seedErr = qa.New(context.Background(), []*report.Report{doc}, qa.WithRetrieve(retrieve.WithNames(seeds.Default)))
	})
	if seedErr != nil {
		t.Fatalf("qa.New(seed) = %v", seedErr)
	}
	return seedEngine
}

// logBuffer collects the server's log lines for a test; safe for
// concurrent use.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// setup starts a server of e (the seed engine when nil) with opts on an
// httptest server, and returns its URL and the log it writes.
func setup(t *testing.T, e Engine, opts Options) (string, *logBuffer) {
	t.Helper()
	if e == nil {
		e = engine(t)
	}
	logs := &logBuffer{}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	s, err := New(e, opts)
	if err != nil {
		t.Fatalf("New = %v", err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts.URL, logs
}

// client returns a go-openai client of the server at url.
func client(url, token string) *openai.Client {
	cfg := openai.DefaultConfig(token)
	cfg.BaseURL = url + "/v1"
	return openai.NewClientWithConfig(cfg)
}

// call sends a request and returns the status, headers and body.
func call(t *testing.T, method, url, token, body string, hdr ...string) (int, http.Header, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		if hdr[i] == "Host" {
			req.Host = hdr[i+1]
			continue
		}
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", method, url, err)
	}
	return resp.StatusCode, resp.Header, b
}

// openAIError is the error body every route answers with.
type openAIError struct {
	Error struct {
		Message string  `json:"message"`
		Type    string  `json:"type"`
		Param   *string `json:"param"`
		Code    *string `json:"code"`
	} `json:"error"`
}

// wantError checks that body is an OpenAI-shaped error with code.
func wantError(t *testing.T, what string, status, wantStatus int, body []byte, wantCode string) {
	t.Helper()
	if status != wantStatus {
		t.Errorf("%s: status %d, want %d (body %s)", what, status, wantStatus, body)
	}
	var e openAIError
	if err := json.Unmarshal(body, &e); err != nil || e.Error.Message == "" || e.Error.Type == "" {
		t.Errorf("%s: body %s is not an OpenAI error (%v)", what, body, err)
		return
	}
	if got := deref(e.Error.Code); got != wantCode {
		t.Errorf("%s: error code %q, want %q (body %s)", what, got, wantCode, body)
	}
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// sourceSlice returns the code points [start, end) of the seed text.
func sourceSlice(start, end int) string {
	r := []rune(seeds.MustDefault())
	if start < 0 || end > len(r) || start > end {
		return "<out of range>"
	}
	return string(r[start:end])
}
