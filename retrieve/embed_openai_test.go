package retrieve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	openai "github.com/sashabaranov/go-openai"

	"github.com/reportbot/reportbot/internal/fakeopenai"
	"github.com/reportbot/reportbot/report"
)

// oaiWaits records the backoff waits of an embedder without sleeping.
type oaiWaits struct {
	mu sync.Mutex
	d  []time.Duration
}

func (w *oaiWaits) wait(ctx context.Context, d time.Duration) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.d = append(w.d, d)
	return ctx.Err()
}

func (w *oaiWaits) get() []time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]time.Duration(nil), w.d...)
}

// newOAIEmbedder returns a fake server and an embedder for it whose
// backoff is 1ms..40ms and whose waits are recorded, not slept.
func newOAIEmbedder(t *testing.T, opts ...OpenAIOption) (*fakeopenai.Server, *OpenAIEmbedder, *oaiWaits) {
	t.Helper()
	s := fakeopenai.New(t)
	opts = append([]OpenAIOption{WithBackoff(time.Millisecond, 40*time.Millisecond)}, opts...)
	e := NewOpenAIEmbedder(s.Client(), "text-embedding-3-small", opts...)
	w := &oaiWaits{}
	e.wait = w.wait
	return s, e, w
}

func oaiTexts(n int) []string {
	texts := make([]string, n)
	for i := range texts {
		texts[i] = fmt.Sprintf("第%d段：全区地区生产总值增长5.2%%。", i)
	}
	return texts
}

func TestOpenAIEmbedderBatches(t *testing.T) {
	tests := []struct {
		name         string
		n            int
		batch        int
		wantBatches  []int // inputs per request
		wantProgress [][2]int
	}{
		{name: "one", n: 1, batch: 32, wantBatches: []int{1}, wantProgress: [][2]int{{1, 1}}},
		{name: "exact", n: 4, batch: 2, wantBatches: []int{2, 2}, wantProgress: [][2]int{{2, 4}, {4, 4}}},
		{name: "remainder", n: 5, batch: 2, wantBatches: []int{2, 2, 1}, wantProgress: [][2]int{{2, 5}, {4, 5}, {5, 5}}},
		{name: "default size", n: 70, batch: 0, wantBatches: []int{32, 32, 6}, wantProgress: [][2]int{{32, 70}, {64, 70}, {70, 70}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, e, _ := newOAIEmbedder(t, WithBatchSize(tc.batch))
			s.SetEmbeddingScale(3)        // the client must normalize
			s.SetEmbeddingsReversed(true) // and order by index
			texts := oaiTexts(tc.n)
			var progress [][2]int
			vecs, err := e.EmbedBatch(t.Context(), texts, func(done, total int) {
				progress = append(progress, [2]int{done, total})
			})
			if err != nil {
				t.Fatalf("EmbedBatch(%d texts) error: %v", tc.n, err)
			}
			if len(vecs) != tc.n {
				t.Fatalf("EmbedBatch returned %d vectors, want %d", len(vecs), tc.n)
			}
			for i, v := range vecs {
				want := fakeopenai.Vector(texts[i], fakeopenai.DefaultEmbeddingDim)
				if diff := cmp.Diff(want, v, oaiApprox); diff != "" {
					t.Errorf("vector %d mismatch (-want +got):\n%s", i, diff)
				}
				if n := oaiNorm(v); math.Abs(n-1) > 1e-5 {
					t.Errorf("vector %d has norm %v, want 1", i, n)
				}
			}
			var got []int
			var sent []string
			for _, r := range s.EmbeddingRequests() {
				got = append(got, len(r.Input))
				sent = append(sent, r.Input...)
				if r.Model != "text-embedding-3-small" || r.Dimensions != 0 {
					t.Errorf("request model=%q dimensions=%d, want text-embedding-3-small and 0", r.Model, r.Dimensions)
				}
			}
			if diff := cmp.Diff(tc.wantBatches, got); diff != "" {
				t.Errorf("inputs per request mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(texts, sent); diff != "" {
				t.Errorf("texts sent mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.wantProgress, progress); diff != "" {
				t.Errorf("progress calls mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

var oaiApprox = cmp.Comparer(func(a, b float32) bool { return math.Abs(float64(a-b)) < 1e-5 })

func oaiNorm(v []float32) float64 {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	return math.Sqrt(sum)
}

func TestOpenAIEmbedderRetries(t *testing.T) {
	const okBody = `{"object":"list","model":"m","data":[{"object":"embedding","index":0,"embedding":[3,4]}]}`
	tests := []struct {
		name         string
		faults       []fakeopenai.Fault
		opts         []OpenAIOption
		wantErr      bool
		wantStatus   int // of the *openai.APIError, when wantErr
		wantRequests int
		checkWaits   func(t *testing.T, waits []time.Duration)
	}{
		{
			name:         "429 honours retry hint capped at max backoff",
			faults:       []fakeopenai.Fault{fakeopenai.RateLimited(1)},
			wantRequests: 2,
			checkWaits: func(t *testing.T, waits []time.Duration) {
				// The server says 1s; the cap (40ms) wins over the 1ms base.
				if diff := cmp.Diff([]time.Duration{40 * time.Millisecond}, waits); diff != "" {
					t.Errorf("waits mismatch (-want +got):\n%s", diff)
				}
			},
		},
		{
			name:         "500 then success",
			faults:       []fakeopenai.Fault{fakeopenai.ServerError()},
			wantRequests: 2,
			checkWaits: func(t *testing.T, waits []time.Duration) {
				if len(waits) != 1 || waits[0] < 500*time.Microsecond || waits[0] > time.Millisecond {
					t.Errorf("waits = %v, want one in [0.5ms, 1ms]", waits)
				}
			},
		},
		{
			name:         "backoff doubles",
			faults:       []fakeopenai.Fault{fakeopenai.ServerError(), fakeopenai.ServerError(), fakeopenai.ServerError()},
			wantRequests: 4,
			checkWaits: func(t *testing.T, waits []time.Duration) {
				for i, w := range waits {
					hi := time.Millisecond << i
					if w < hi/2 || w > hi {
						t.Errorf("wait %d = %v, want in [%v, %v]", i, w, hi/2, hi)
					}
				}
			},
		},
		{
			name:         "gives up after max attempts",
			faults:       []fakeopenai.Fault{fakeopenai.ServerError(), fakeopenai.ServerError(), fakeopenai.ServerError()},
			opts:         []OpenAIOption{WithMaxAttempts(2)},
			wantErr:      true,
			wantStatus:   500,
			wantRequests: 2,
		},
		{
			name:         "401 fails fast",
			faults:       []fakeopenai.Fault{fakeopenai.Unauthorized()},
			wantErr:      true,
			wantStatus:   401,
			wantRequests: 1,
		},
		{
			name:         "400 fails fast",
			faults:       []fakeopenai.Fault{{Status: 400, Body: `{"error":{"message":"bad input","type":"invalid_request_error"}}`}},
			wantErr:      true,
			wantStatus:   400,
			wantRequests: 1,
		},
		{
			name:         "404 fails fast",
			faults:       []fakeopenai.Fault{{Status: 404, Body: `{"error":{"message":"no such model","type":"invalid_request_error"}}`}},
			wantErr:      true,
			wantStatus:   404,
			wantRequests: 1,
		},
		{
			name:         "malformed JSON",
			faults:       []fakeopenai.Fault{fakeopenai.Malformed()},
			wantErr:      true,
			wantRequests: 1,
		},
		{
			name:         "count mismatch",
			faults:       []fakeopenai.Fault{{Status: 200, Body: `{"object":"list","model":"m","data":[]}`}},
			wantErr:      true,
			wantRequests: 1,
		},
		{
			name:         "empty vector",
			faults:       []fakeopenai.Fault{{Status: 200, Body: `{"object":"list","model":"m","data":[{"object":"embedding","index":0,"embedding":[]}]}`}},
			wantErr:      true,
			wantRequests: 1,
		},
		{
			name:         "zero vector",
			faults:       []fakeopenai.Fault{{Status: 200, Body: `{"object":"list","model":"m","data":[{"object":"embedding","index":0,"embedding":[0,0]}]}`}},
			wantErr:      true,
			wantRequests: 1,
		},
		{
			name:         "slow reply hits request timeout then retries",
			faults:       []fakeopenai.Fault{fakeopenai.Slow()},
			opts:         []OpenAIOption{WithRequestTimeout(20 * time.Millisecond)},
			wantRequests: 2,
		},
		{
			name:         "scripted body is normalized",
			faults:       []fakeopenai.Fault{{Status: 200, Body: okBody}},
			wantRequests: 1,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, e, w := newOAIEmbedder(t, tc.opts...)
			s.FailEmbeddings(tc.faults...)
			v, err := e.Embed(t.Context(), "全区地区生产总值增长5.2%。")
			if got := len(s.Requests()); got != tc.wantRequests {
				t.Errorf("server got %d requests, want %d", got, tc.wantRequests)
			}
			if tc.checkWaits != nil {
				tc.checkWaits(t, w.get())
			}
			if !tc.wantErr {
				if err != nil {
					t.Fatalf("Embed error: %v, want nil", err)
				}
				if n := oaiNorm(v); math.Abs(n-1) > 1e-5 {
					t.Errorf("Embed vector norm = %v, want 1", n)
				}
				return
			}
			if err == nil {
				t.Fatalf("Embed error = nil, want an error (vector %v)", v)
			}
			if !strings.HasPrefix(err.Error(), "retrieve: ") {
				t.Errorf("error %q does not start with %q", err, "retrieve: ")
			}
			var apiErr *openai.APIError
			if tc.wantStatus != 0 && (!errors.As(err, &apiErr) || apiErr.HTTPStatusCode != tc.wantStatus) {
				t.Errorf("Embed error = %v, want *openai.APIError with status %d", err, tc.wantStatus)
			}
			if tc.wantStatus == 401 && len(w.get()) != 0 {
				t.Errorf("401 waited %v before failing, want no wait", w.get())
			}
		})
	}
}

func TestOpenAIEmbedderRealBackoff(t *testing.T) {
	s := fakeopenai.New(t)
	s.FailEmbeddings(fakeopenai.ServerError(), fakeopenai.RateLimited(1))
	e := NewOpenAIEmbedder(s.Client(), "m", WithBackoff(time.Millisecond, 2*time.Millisecond))
	if _, err := e.Embed(t.Context(), "x"); err != nil {
		t.Fatalf("Embed after 500 and 429 error: %v, want nil", err)
	}
	if got := len(s.Requests()); got != 3 {
		t.Errorf("server got %d requests, want 3", got)
	}
}

func TestOpenAIEmbedderDeadlines(t *testing.T) {
	t.Run("request timeout", func(t *testing.T) {
		s, e, _ := newOAIEmbedder(t, WithRequestTimeout(30*time.Millisecond), WithMaxAttempts(1))
		s.FailEmbeddings(fakeopenai.Slow())
		start := time.Now()
		_, err := e.Embed(t.Context(), "x")
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Embed error = %v, want context.DeadlineExceeded", err)
		}
		if el := time.Since(start); el > 5*time.Second {
			t.Errorf("Embed took %v with a 30ms request timeout", el)
		}
	})
	t.Run("caller deadline stops retries", func(t *testing.T) {
		s, e, _ := newOAIEmbedder(t)
		s.FailEmbeddings(fakeopenai.Slow(), fakeopenai.Slow(), fakeopenai.Slow(), fakeopenai.Slow())
		ctx, cancel := context.WithTimeout(t.Context(), 30*time.Millisecond)
		defer cancel()
		_, err := e.Embed(ctx, "x")
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Embed error = %v, want context.DeadlineExceeded", err)
		}
		if got := len(s.Requests()); got != 1 {
			t.Errorf("server got %d requests after the caller's deadline, want 1", got)
		}
	})
	t.Run("backoff interrupted by cancel", func(t *testing.T) {
		s := fakeopenai.New(t)
		s.FailEmbeddings(fakeopenai.ServerError())
		e := NewOpenAIEmbedder(s.Client(), "m", WithBackoff(time.Hour, time.Hour))
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		e.wait = func(ctx context.Context, d time.Duration) error {
			cancel()
			return oaiSleep(ctx, d) // must return at once, not after an hour
		}
		_, err := e.Embed(ctx, "x")
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Embed error = %v, want context.Canceled", err)
		}
		var apiErr *openai.APIError
		if !errors.As(err, &apiErr) || apiErr.HTTPStatusCode != 500 {
			t.Errorf("Embed error = %v, want the last *openai.APIError (500) kept", err)
		}
	})
}

func TestOpenAIEmbedderOptions(t *testing.T) {
	s, e, _ := newOAIEmbedder(t, WithDimensions(5))
	var f EmbedFunc = e.Embed
	v, err := f(t.Context(), "交通")
	if err != nil {
		t.Fatalf("Embed error: %v", err)
	}
	if len(v) != 5 {
		t.Errorf("len(vector) = %d, want 5", len(v))
	}
	if got := s.EmbeddingRequests()[0].Dimensions; got != 5 {
		t.Errorf("request dimensions = %d, want 5", got)
	}
	if got, want := e.Name(), "openai:text-embedding-3-small"; got != want {
		t.Errorf("Name() = %q, want %q", got, want)
	}

	s.FailEmbeddings(fakeopenai.Fault{Status: 200, Body: `{"object":"list","model":"m","data":[{"object":"embedding","index":0,"embedding":[1,2,3]}]}`})
	if _, err := e.Embed(t.Context(), "x"); err == nil {
		t.Errorf("Embed with 3 dimensions returned when 5 were asked: error nil, want an error")
	}
}

func TestOpenAIEmbedderInputs(t *testing.T) {
	s, e, _ := newOAIEmbedder(t)
	vecs, err := e.EmbedBatch(t.Context(), nil, func(int, int) { t.Errorf("progress called for no texts") })
	if vecs != nil || err != nil {
		t.Errorf("EmbedBatch(nil) = %v, %v; want nil, nil", vecs, err)
	}
	if _, err := e.EmbedBatch(t.Context(), []string{"a", ""}, nil); err == nil {
		t.Errorf("EmbedBatch with an empty text: error nil, want an error")
	}
	if n := len(s.Requests()); n != 0 {
		t.Errorf("server got %d requests, want 0", n)
	}
}

func TestOAIRetryHint(t *testing.T) {
	tests := []struct {
		msg  string
		want time.Duration
	}{
		{"Rate limit reached for requests. Please try again in 20s.", 20 * time.Second},
		{"Please try again in 1.5 seconds", 1500 * time.Millisecond},
		{"Please try again in 340ms.", 340 * time.Millisecond},
		{"retry after 2 minutes", 2 * time.Minute},
		{"Retry after 7", 7 * time.Second},
		{"You exceeded your current quota", 0},
		{"", 0},
	}
	for _, tc := range tests {
		if got := oaiRetryHint(tc.msg); got != tc.want {
			t.Errorf("oaiRetryHint(%q) = %v, want %v", tc.msg, got, tc.want)
		}
	}
}

func TestOAIBackoffBounds(t *testing.T) {
	e := NewOpenAIEmbedder(nil, "m", WithBackoff(10*time.Millisecond, 50*time.Millisecond))
	tests := []struct {
		attempt int
		hint    time.Duration
		lo, hi  time.Duration
	}{
		{attempt: 1, lo: 5 * time.Millisecond, hi: 10 * time.Millisecond},
		{attempt: 2, lo: 10 * time.Millisecond, hi: 20 * time.Millisecond},
		{attempt: 4, lo: 25 * time.Millisecond, hi: 50 * time.Millisecond},
		{attempt: 100, lo: 25 * time.Millisecond, hi: 50 * time.Millisecond},
		{attempt: 1, hint: 30 * time.Millisecond, lo: 30 * time.Millisecond, hi: 30 * time.Millisecond},
		{attempt: 1, hint: time.Hour, lo: 50 * time.Millisecond, hi: 50 * time.Millisecond},
	}
	for _, tc := range tests {
		for range 20 {
			if got := e.backoff(tc.attempt, tc.hint); got < tc.lo || got > tc.hi {
				t.Errorf("backoff(%d, %v) = %v, want in [%v, %v]", tc.attempt, tc.hint, got, tc.lo, tc.hi)
				break
			}
		}
	}
}

// echoServer is an OpenAI-compatible server that fails every embedding
// request with status and a body that repeats the request's
// Authorization header (as some servers do in 401 messages), made by
// body from the header and the bare key.
func echoServer(t *testing.T, status int, body func(auth, key string) string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, body(auth, strings.TrimPrefix(auth, "Bearer ")))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestOpenAIEmbedderRedactsKey(t *testing.T) {
	const skKey = "sk-proj-S3cr3tS3cr3tS3cr3t"
	const otherKey = "dashscope.K3Y.0f1e2d3c"
	jsonErr := func(msg string) string {
		b, _ := json.Marshal(map[string]any{"error": map[string]any{"message": msg, "type": "invalid_request_error", "code": "invalid_api_key"}})
		return string(b)
	}
	tests := []struct {
		name       string
		key        string
		opts       []OpenAIOption
		status     int
		body       func(auth, key string) string
		wantStatus int
	}{
		{"401 echoes the header", skKey, nil, 401, func(auth, _ string) string {
			return jsonErr("Incorrect API key provided: " + auth)
		}, 401},
		{"400 echoes the bare sk key", skKey, nil, 400, func(_, key string) string {
			return jsonErr("invalid key " + key + " for this model")
		}, 400},
		{"500 with a body that is not JSON", skKey, nil, 500, func(auth, _ string) string {
			return "upstream said: Authorization: " + auth
		}, 500},
		{"another key shape, named with WithAPIKey", otherKey, []OpenAIOption{WithAPIKey(otherKey)}, 401, func(_, key string) string {
			return jsonErr("key " + key + " is not valid")
		}, 401},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := echoServer(t, tc.status, tc.body)
			config := openai.DefaultConfig(tc.key)
			config.BaseURL = srv.URL + "/v1"
			opts := append([]OpenAIOption{WithMaxAttempts(1)}, tc.opts...)
			e := NewOpenAIEmbedder(openai.NewClientWithConfig(config), "m", opts...)
			_, err := e.Embed(t.Context(), "粮食产量")
			if err == nil {
				t.Fatal("Embed against a failing server: error nil")
			}
			secret := tc.key
			if strings.Contains(err.Error(), secret) {
				t.Errorf("Embed error holds the key: %v", err)
			}
			if !strings.Contains(err.Error(), redacted) {
				t.Errorf("Embed error = %q, want it to show %s where the key was", err, redacted)
			}
			var apiErr *openai.APIError
			var reqErr *openai.RequestError
			switch {
			case errors.As(err, &apiErr):
				if apiErr.HTTPStatusCode != tc.wantStatus || strings.Contains(apiErr.Error(), secret) {
					t.Errorf("*openai.APIError = %v (status %d), want status %d and no key", apiErr, apiErr.HTTPStatusCode, tc.wantStatus)
				}
			case errors.As(err, &reqErr):
				if reqErr.HTTPStatusCode != tc.wantStatus || strings.Contains(reqErr.Error(), secret) {
					t.Errorf("*openai.RequestError = %v (status %d), want status %d and no key", reqErr, reqErr.HTTPStatusCode, tc.wantStatus)
				}
			default:
				t.Errorf("Embed error %v wraps no go-openai error", err)
			}

			// Through an index whose query embedding fails: the search
			// degrades, and its reason holds no key either.
			ce := &countingEmbedder{}
			ix := buildIndex(t, []*report.Report{parseText(t, tinyReport)}, WithBatchEmbedder(e.Name(), func(ctx context.Context, texts []string, _ func(int, int)) ([][]float32, error) {
				out := make([][]float32, len(texts))
				for i, s := range texts {
					out[i], _ = ce.embed(ctx, s)
				}
				return out, nil
			}, e.Embed))
			res, err := ix.SearchDetail(t.Context(), Query{Text: "公园"})
			if err != nil || !res.Degraded || len(res.Hits) == 0 {
				t.Fatalf("SearchDetail = %d hits, Degraded %v, %v; want lexical hits, degraded", len(res.Hits), res.Degraded, err)
			}
			if strings.Contains(res.VectorErr.Error(), secret) {
				t.Errorf("SearchDetail VectorErr holds the key: %v", res.VectorErr)
			}
		})
	}
}

func TestScrub(t *testing.T) {
	e := NewOpenAIEmbedder(nil, "m", WithAPIKey("k-123"))
	tests := []struct{ in, want string }{
		{"Authorization: Bearer abc.def-ghi", "Authorization: Bearer [REDACTED]"},
		{`"bearer xyz", next`, `"bearer [REDACTED]", next`},
		{"key sk-abcdefghijkl used", "key sk-[REDACTED] used"},
		{"the key k-123 again k-123", "the key [REDACTED] again [REDACTED]"},
		{"nothing secret: sk-1", "nothing secret: sk-1"},
	}
	for _, tc := range tests {
		if got := e.scrub(tc.in); got != tc.want {
			t.Errorf("scrub(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
