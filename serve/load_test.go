package serve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// TestLoad: 50 clients ask 20 questions each at once over loopback, through
// the three answering routes (chat completion, streamed chat completion,
// /api/ask): no errors and no lost answers; p50/p95/p99 are logged. It runs
// with REPORTBOT_LOAD=1.
func TestLoad(t *testing.T) {
	if os.Getenv("REPORTBOT_LOAD") != "1" {
		t.Skip("set REPORTBOT_LOAD=1 for the load test")
	}
	const clients, perClient = 50, 20
	questions := []struct{ q, want string }{
		{seedQuestion, seedFigure},
		{"2023年全社会固定资产投资是多少?", "93.86亿元"},
		{"2024年新增规上工业企业目标是多少?", "23家"},
		{"社会消费品零售总额是多少?", "90.2亿元"},
		{"How much did fixed-asset investment grow in 2023?", "8.53%"},
	}
	// Every client comes from 127.0.0.1, so the per-client limit is off;
	// the in-flight limit stays at its default.
	base, logs := setup(t, nil, Options{RatePerClient: -1})
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr, Timeout: time.Minute}
	cfg := openai.DefaultConfig("")
	cfg.BaseURL = base + "/v1"
	cfg.HTTPClient = hc
	oc := openai.NewClientWithConfig(cfg)

	askOne := func(ctx context.Context, route int, q string) (string, error) {
		msgs := []openai.ChatCompletionMessage{{Role: "user", Content: q}}
		switch route {
		case 0:
			r, err := oc.CreateChatCompletion(ctx, openai.ChatCompletionRequest{Model: DefaultModelName, Messages: msgs})
			if err != nil {
				return "", err
			}
			return r.Choices[0].Message.Content, nil
		case 1:
			s, err := oc.CreateChatCompletionStream(ctx, openai.ChatCompletionRequest{Model: DefaultModelName, Messages: msgs, Stream: true})
			if err != nil {
				return "", err
			}
			defer s.Close()
			var b strings.Builder
			for {
				c, err := s.Recv()
				if errors.Is(err, io.EOF) {
					return b.String(), nil
				}
				if err != nil {
					return "", err
				}
				for _, ch := range c.Choices {
					b.WriteString(ch.Delta.Content)
				}
			}
		}
		body, _ := json.Marshal(map[string]string{"question": q})
		req, _ := http.NewRequestWithContext(ctx, "POST", base+"/api/ask", strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		resp, err := hc.Do(req)
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			return "", fmt.Errorf("status %d: %s", resp.StatusCode, b)
		}
		return string(b), err
	}

	// The engine loads its dictionaries on first use; time that apart.
	t0 := time.Now()
	for _, qa := range questions {
		if _, err := askOne(t.Context(), 2, qa.q); err != nil {
			t.Fatalf("warm-up %q: %v", qa.q, err)
		}
	}
	t.Logf("warm-up (the first answers, dictionaries loading): %v", time.Since(t0).Round(time.Millisecond))
	warm := strings.Count(logs.String(), `"msg":"request"`)

	var (
		mu        sync.Mutex
		latencies []time.Duration
		errs      []error
		answered  int
	)
	start := time.Now()
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			for i := range perClient {
				qa := questions[(c+i)%len(questions)]
				t0 := time.Now()
				got, err := askOne(t.Context(), (c+i)%3, qa.q)
				d := time.Since(t0)
				mu.Lock()
				switch {
				case err != nil:
					errs = append(errs, fmt.Errorf("client %d question %d: %w", c, i, err))
				case !strings.Contains(got, qa.want):
					errs = append(errs, fmt.Errorf("client %d question %d %q: answer %q lacks %s", c, i, qa.q, got, qa.want))
				default:
					answered++
				}
				latencies = append(latencies, d)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	wall := time.Since(start)
	for _, err := range errs[:min(len(errs), 5)] {
		t.Error(err)
	}
	if answered != clients*perClient {
		t.Errorf("answered %d of %d questions (%d errors)", answered, clients*perClient, len(errs))
	}
	if n := strings.Count(logs.String(), `"msg":"request"`) - warm; n != clients*perClient {
		t.Errorf("the log records %d requests, want %d", n, clients*perClient)
	}
	slices.Sort(latencies)
	pct := func(p float64) time.Duration {
		return latencies[int(p*float64(len(latencies)-1))].Round(10 * time.Microsecond)
	}
	t.Logf("%d clients × %d questions: %d answered in %v (%.0f answers/s); latency p50 %v, p95 %v, p99 %v, max %v",
		clients, perClient, answered, wall.Round(time.Millisecond), float64(answered)/wall.Seconds(), pct(.5), pct(.95), pct(.99), latencies[len(latencies)-1].Round(10*time.Microsecond))
}
