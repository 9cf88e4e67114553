package fakeopenai_test

import (
	"context"
	"errors"
	"io"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	openai "github.com/sashabaranov/go-openai"

	"github.com/reportbot/reportbot/internal/fakeopenai"
)

func TestChatCompletion(t *testing.T) {
	s := fakeopenai.New(t)
	s.SetChatReply(func(req openai.ChatCompletionRequest) string {
		return "echo: " + req.Messages[len(req.Messages)-1].Content
	})
	resp, err := s.Client().CreateChatCompletion(t.Context(), openai.ChatCompletionRequest{
		Model:    "m",
		Messages: []openai.ChatCompletionMessage{{Role: openai.ChatMessageRoleUser, Content: "你好"}},
	})
	if err != nil {
		t.Fatalf("CreateChatCompletion error: %v", err)
	}
	if got, want := resp.Choices[0].Message.Content, "echo: 你好"; got != want {
		t.Errorf("reply = %q, want %q", got, want)
	}
	reqs := s.Requests()
	if len(reqs) != 1 || reqs[0].Method != http.MethodPost || reqs[0].Path != fakeopenai.ChatPath {
		t.Fatalf("Requests() = %+v, want one POST %s", reqs, fakeopenai.ChatPath)
	}
	if got, want := reqs[0].Header.Get("Authorization"), "Bearer "+fakeopenai.Token; got != want {
		t.Errorf("Authorization = %q, want %q", got, want)
	}
	if got := s.ChatRequests(); len(got) != 1 || got[0].Model != "m" {
		t.Errorf("ChatRequests() = %+v, want one request for model m", got)
	}
}

func TestChatStream(t *testing.T) {
	s := fakeopenai.New(t)
	const reply = "今年GDP增长5.2%[1]。"
	s.SetChatReply(func(openai.ChatCompletionRequest) string { return reply })
	s.SetStreamChunkRunes(3)
	stream, err := s.Client().CreateChatCompletionStream(t.Context(), openai.ChatCompletionRequest{
		Model:    "m",
		Messages: []openai.ChatCompletionMessage{{Role: openai.ChatMessageRoleUser, Content: "q"}},
	})
	if err != nil {
		t.Fatalf("CreateChatCompletionStream error: %v", err)
	}
	defer stream.Close()
	var got []string
	for {
		resp, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("Recv error: %v", err)
		}
		if c := resp.Choices[0].Delta.Content; c != "" {
			got = append(got, c)
		}
	}
	if diff := cmp.Diff(fakeopenai.Chunks(reply, 3), got); diff != "" {
		t.Errorf("streamed chunks mismatch (-want +got):\n%s", diff)
	}
	if !s.ChatRequests()[0].Stream {
		t.Errorf("recorded request has Stream = false, want true")
	}
}

func TestEmbeddings(t *testing.T) {
	tests := []struct {
		name    string
		input   any
		dims    int
		wantIn  []string
		wantDim int
	}{
		{name: "string", input: "一", wantIn: []string{"一"}, wantDim: fakeopenai.DefaultEmbeddingDim},
		{name: "slice", input: []string{"a", "b", "c"}, wantIn: []string{"a", "b", "c"}, wantDim: fakeopenai.DefaultEmbeddingDim},
		{name: "dimensions", input: []string{"a"}, dims: 5, wantIn: []string{"a"}, wantDim: 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := fakeopenai.New(t)
			resp, err := s.Client().CreateEmbeddings(t.Context(), openai.EmbeddingRequest{
				Input: tc.input, Model: "emb", Dimensions: tc.dims,
			})
			if err != nil {
				t.Fatalf("CreateEmbeddings error: %v", err)
			}
			if len(resp.Data) != len(tc.wantIn) {
				t.Fatalf("got %d embeddings, want %d", len(resp.Data), len(tc.wantIn))
			}
			for i, d := range resp.Data {
				if d.Index != i {
					t.Errorf("data[%d].Index = %d, want %d", i, d.Index, i)
				}
				if diff := cmp.Diff(fakeopenai.Vector(tc.wantIn[i], tc.wantDim), d.Embedding); diff != "" {
					t.Errorf("data[%d] vector mismatch (-want +got):\n%s", i, diff)
				}
				var sum float64
				for _, x := range d.Embedding {
					sum += float64(x) * float64(x)
				}
				if math.Abs(sum-1) > 1e-5 {
					t.Errorf("data[%d] squared norm = %v, want 1", i, sum)
				}
			}
			if diff := cmp.Diff(tc.wantIn, s.EmbeddingRequests()[0].Input); diff != "" {
				t.Errorf("recorded input mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFaults(t *testing.T) {
	tests := []struct {
		name       string
		fault      fakeopenai.Fault
		wantStatus int
		wantHeader string
	}{
		{name: "401", fault: fakeopenai.Unauthorized(), wantStatus: 401},
		{name: "429", fault: fakeopenai.RateLimited(3), wantStatus: 429, wantHeader: "3"},
		{name: "500", fault: fakeopenai.ServerError(), wantStatus: 500},
		{name: "malformed", fault: fakeopenai.Malformed(), wantStatus: 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := fakeopenai.New(t)
			s.FailEmbeddings(tc.fault)
			resp := post(t, s, fakeopenai.EmbeddingsPath, "Bearer "+fakeopenai.Token, `{"model":"m","input":"x"}`)
			if resp.StatusCode != tc.wantStatus {
				t.Errorf("status = %d, want %d", resp.StatusCode, tc.wantStatus)
			}
			if got := resp.Header.Get("Retry-After"); got != tc.wantHeader {
				t.Errorf("Retry-After = %q, want %q", got, tc.wantHeader)
			}
			if n := s.PendingFaults(fakeopenai.EmbeddingsPath); n != 0 {
				t.Errorf("PendingFaults = %d after one request, want 0", n)
			}
			// The queue is empty now, so the next request succeeds.
			if resp := post(t, s, fakeopenai.EmbeddingsPath, "Bearer "+fakeopenai.Token, `{"model":"m","input":"x"}`); resp.StatusCode != 200 {
				t.Errorf("second request status = %d, want 200", resp.StatusCode)
			}
		})
	}
}

func TestAPIErrorThroughClient(t *testing.T) {
	s := fakeopenai.New(t)
	s.FailChat(fakeopenai.RateLimited(1))
	_, err := s.Client().CreateChatCompletion(t.Context(), openai.ChatCompletionRequest{
		Model:    "m",
		Messages: []openai.ChatCompletionMessage{{Role: openai.ChatMessageRoleUser, Content: "q"}},
	})
	var apiErr *openai.APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatusCode != 429 {
		t.Fatalf("CreateChatCompletion error = %v, want *openai.APIError with status 429", err)
	}
}

func TestChecks(t *testing.T) {
	tests := []struct {
		name       string
		method     string
		path       string
		auth       string
		body       string
		wantStatus int
	}{
		{name: "bad token", method: "POST", path: fakeopenai.ChatPath, auth: "Bearer nope", body: `{}`, wantStatus: 401},
		{name: "no auth", method: "POST", path: fakeopenai.EmbeddingsPath, body: `{}`, wantStatus: 401},
		{name: "GET", method: "GET", path: fakeopenai.ChatPath, auth: "Bearer " + fakeopenai.Token, wantStatus: 405},
		{name: "unknown path", method: "POST", path: "/v1/completions", auth: "Bearer " + fakeopenai.Token, body: `{}`, wantStatus: 404},
		{name: "bad JSON", method: "POST", path: fakeopenai.ChatPath, auth: "Bearer " + fakeopenai.Token, body: `{`, wantStatus: 400},
		{name: "no messages", method: "POST", path: fakeopenai.ChatPath, auth: "Bearer " + fakeopenai.Token, body: `{"model":"m"}`, wantStatus: 400},
		{name: "token input", method: "POST", path: fakeopenai.EmbeddingsPath, auth: "Bearer " + fakeopenai.Token, body: `{"model":"m","input":[[1,2]]}`, wantStatus: 400},
		{name: "empty input", method: "POST", path: fakeopenai.EmbeddingsPath, auth: "Bearer " + fakeopenai.Token, body: `{"model":"m","input":[""]}`, wantStatus: 400},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := fakeopenai.New(t)
			req, err := http.NewRequestWithContext(t.Context(), tc.method, strings.TrimSuffix(s.URL, "/v1")+tc.path, strings.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/json")
			if tc.auth != "" {
				req.Header.Set("Authorization", tc.auth)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatalf("Do: %v", err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.wantStatus {
				t.Errorf("%s %s status = %d, want %d", tc.method, tc.path, resp.StatusCode, tc.wantStatus)
			}
			if got := len(s.Requests()); got != 1 {
				t.Errorf("recorded %d requests, want 1", got)
			}
		})
	}
}

func TestSlowUntilDeadline(t *testing.T) {
	s := fakeopenai.New(t)
	s.FailEmbeddings(fakeopenai.Slow())
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	_, err := s.Client().CreateEmbeddings(ctx, openai.EmbeddingRequest{Input: "x", Model: "m"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("CreateEmbeddings error = %v, want context.DeadlineExceeded", err)
	}
}

// TestSlowReleasedOnClose checks that a hanging handler does not block the
// server's shutdown: the inner test ends while a request is still waiting.
func TestSlowReleasedOnClose(t *testing.T) {
	errc := make(chan error, 1)
	t.Run("inner", func(t *testing.T) {
		s := fakeopenai.New(t)
		s.FailEmbeddings(fakeopenai.Slow())
		client := s.Client()
		go func() {
			// Not t.Context(): it is cancelled before cleanup, and this
			// test is about cleanup releasing the handler by itself.
			_, err := client.CreateEmbeddings(context.Background(), openai.EmbeddingRequest{Input: "x", Model: "m"})
			errc <- err
		}()
		// Wait until the request is blocked in the handler.
		select {
		case <-s.Hanging():
		case err := <-errc:
			t.Fatalf("request returned before hanging: %v", err)
		}
	})
	err := <-errc
	var apiErr *openai.APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatusCode != http.StatusServiceUnavailable {
		t.Errorf("request error after close = %v, want *openai.APIError with status 503", err)
	}
}

func TestChunks(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want []string
	}{
		{in: "", n: 2, want: nil},
		{in: "abc", n: 2, want: []string{"ab", "c"}},
		{in: "中文字符", n: 3, want: []string{"中文字", "符"}},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, fakeopenai.Chunks(tc.in, tc.n)); diff != "" {
			t.Errorf("Chunks(%q, %d) mismatch (-want +got):\n%s", tc.in, tc.n, diff)
		}
	}
}

func post(t *testing.T, s *fakeopenai.Server, path, auth, body string) *http.Response {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, strings.TrimSuffix(s.URL, "/v1")+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", auth)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}
