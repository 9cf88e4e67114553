package serve

import (
	"context"
	"errors"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/reportbot/reportbot/answer"
	"github.com/reportbot/reportbot/qa"
)

func TestCheckAddr(t *testing.T) {
	tests := []struct {
		addr, token string
		insecure    bool
		bad         bool
	}{
		{"", "", false, false},
		{"127.0.0.1:8080", "", false, false},
		{"127.0.0.2:9", "", false, false},
		{"localhost:8080", "", false, false},
		{"[::1]:8080", "", false, false},
		{":8080", "", true, false},
		{"0.0.0.0:8080", "", true, false},
		{"[::]:8080", "", true, false},
		{"192.168.1.5:8080", "", true, false},
		{"reports.example.org:443", "", true, false},
		{":8080", "tok", false, false},
		{"0.0.0.0:8080", "tok", false, false},
		{"127.0.0.1", "", false, true},
	}
	for _, tc := range tests {
		err := CheckAddr(tc.addr, tc.token)
		if got := errors.Is(err, ErrInsecure); got != tc.insecure {
			t.Errorf("CheckAddr(%q, %q) = %v, want insecure %v", tc.addr, tc.token, err, tc.insecure)
		}
		if got := err != nil && !errors.Is(err, ErrInsecure); got != tc.bad {
			t.Errorf("CheckAddr(%q, %q) = %v, want a bad-address error %v", tc.addr, tc.token, err, tc.bad)
		}
	}
	if _, err := New(engine(t), Options{Addr: "0.0.0.0:8080"}); !errors.Is(err, ErrInsecure) {
		t.Errorf("New(Addr 0.0.0.0:8080, no token) = %v, want ErrInsecure", err)
	}
}

func TestAuth(t *testing.T) {
	const token = "s3cret-token"
	url, logs := setup(t, nil, Options{Token: token})
	tests := []struct {
		path, token string
		status      int
	}{
		{"/healthz", "", 200},
		{"/", "", 200},
		{"/static/app.js", "", 200},
		{"/api/reports", "", 401},
		{"/api/reports", "wrong", 401},
		{"/api/reports", token, 200},
		{"/v1/models", "", 401},
		{"/v1/models", token, 200},
		{"/api/reports/0/text", "", 401},
		{"/api/no-such-route", "", 401},
		{"/api/no-such-route", token, 404},
	}
	for _, tc := range tests {
		status, hdr, body := call(t, "GET", url+tc.path, tc.token, "")
		if status != tc.status {
			t.Errorf("GET %s with token %q: status %d, want %d (%s)", tc.path, tc.token, status, tc.status, body)
		}
		if status == 401 {
			wantError(t, "GET "+tc.path, status, 401, body, "invalid_api_key")
			if !strings.HasPrefix(hdr.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("GET %s: 401 without WWW-Authenticate: Bearer", tc.path)
			}
		}
	}
	// Basic auth or a bare token is not a bearer token.
	status, _, _ := call(t, "GET", url+"/api/reports", "", "", "Authorization", token)
	if status != 401 {
		t.Errorf("GET /api/reports with Authorization: TOKEN (no scheme) = %d, want 401", status)
	}
	_, err := client(url, "wrong").ListModels(t.Context())
	var apiErr *openai.APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatusCode != 401 || apiErr.Code != "invalid_api_key" {
		t.Errorf("ListModels with a wrong token = %v, want a 401 invalid_api_key APIError", err)
	}
	if _, err := client(url, token).ListModels(t.Context()); err != nil {
		t.Errorf("ListModels with the token = %v", err)
	}
	if strings.Contains(logs.String(), token) {
		t.Errorf("the log shows the token:\n%s", logs)
	}
}

// gatedEngine is the seed engine whose Ask waits, after saying it has
// started, until release is closed.
type gatedEngine struct {
	*qa.Engine
	entered chan struct{}
	release chan struct{}
}

func newGated(t *testing.T) *gatedEngine {
	return &gatedEngine{Engine: engine(t), entered: make(chan struct{}, 16), release: make(chan struct{})}
}

func (g *gatedEngine) Ask(ctx context.Context, req answer.Request) (answer.Answer, error) {
	g.entered <- struct{}{}
	select {
	case <-g.release:
	case <-ctx.Done():
		return answer.Answer{}, ctx.Err()
	}
	return g.Engine.Ask(ctx, req)
}

func TestInFlightLimit(t *testing.T) {
	g := newGated(t)
	url, _ := setup(t, g, Options{MaxInFlight: 1, QueueWait: 20 * time.Millisecond})
	var wg sync.WaitGroup
	wg.Add(1)
	var firstStatus int
	go func() {
		defer wg.Done()
		firstStatus, _, _ = call(t, "POST", url+"/api/ask", "", `{"question":"`+seedQuestion+`"}`)
	}()
	<-g.entered
	// The one slot is taken; the next request waits 20 ms and is turned
	// away, as is an OpenAI call.
	status, hdr, body := call(t, "POST", url+"/api/ask", "", `{"question":"`+seedQuestion+`"}`)
	wantError(t, "POST /api/ask while busy", status, 503, body, "server_busy")
	if hdr.Get("Retry-After") == "" {
		t.Errorf("503 without Retry-After")
	}
	_, err := client(url, "").CreateChatCompletion(t.Context(), openai.ChatCompletionRequest{Messages: []openai.ChatCompletionMessage{{Role: "user", Content: seedQuestion}}})
	var apiErr *openai.APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatusCode != 503 {
		t.Errorf("CreateChatCompletion while busy = %v, want a 503 APIError", err)
	}
	// Cheap routes do not need a slot.
	if status, _, _ := call(t, "GET", url+"/api/reports", "", ""); status != 200 {
		t.Errorf("GET /api/reports while busy = %d, want 200", status)
	}
	close(g.release)
	wg.Wait()
	if firstStatus != 200 {
		t.Errorf("the request in flight got %d, want 200", firstStatus)
	}
}

func TestRateLimit(t *testing.T) {
	url, _ := setup(t, nil, Options{RatePerClient: 0.5, RateBurst: 3})
	for i := range 3 {
		if status, _, body := call(t, "GET", url+"/api/reports", "", ""); status != 200 {
			t.Fatalf("request %d within the burst: status %d (%s)", i+1, status, body)
		}
	}
	status, hdr, body := call(t, "GET", url+"/api/reports", "", "")
	wantError(t, "GET /api/reports past the burst", status, 429, body, "rate_limit_exceeded")
	if ra, err := strconv.Atoi(hdr.Get("Retry-After")); err != nil || ra < 1 || ra > 2 {
		t.Errorf("429 Retry-After = %q, want 1 or 2 seconds at 0.5/s", hdr.Get("Retry-After"))
	}
	_, err := client(url, "").ListModels(t.Context())
	var apiErr *openai.APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatusCode != 429 {
		t.Errorf("ListModels past the limit = %v, want a 429 APIError", err)
	}
	// The page and the health check are not limited.
	for _, p := range []string{"/healthz", "/"} {
		if status, _, _ := call(t, "GET", url+p, "", ""); status != 200 {
			t.Errorf("GET %s past the limit = %d, want 200", p, status)
		}
	}
}

func TestClientLimiterIsBounded(t *testing.T) {
	c := newClientLimiter(1, 1, 3)
	now := time.Now()
	for _, k := range []string{"a", "b", "c", "d", "e"} {
		if ok, _ := c.allow(k, now); !ok {
			t.Errorf("first request of %s refused", k)
		}
	}
	if c.len() != 3 {
		t.Errorf("limiters kept = %d, want 3", c.len())
	}
	if ok, retry := c.allow("e", now); ok || retry != 1 {
		t.Errorf("second request of e at once = %v, retry %d; want refused, retry 1", ok, retry)
	}
	// a was dropped: it starts again with a full bucket.
	if ok, _ := c.allow("a", now); !ok {
		t.Errorf("a, dropped from the LRU, was refused")
	}
}

func TestCORS(t *testing.T) {
	pre := []string{"Origin", "https://app.example", "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type"}
	off, _ := setup(t, nil, Options{})
	_, hdr, _ := call(t, "OPTIONS", off+"/v1/chat/completions", "", "", pre...)
	if v := hdr.Get("Access-Control-Allow-Origin"); v != "" {
		t.Errorf("CORS off: preflight got Access-Control-Allow-Origin %q", v)
	}
	_, hdr, _ = call(t, "GET", off+"/api/reports", "", "", "Origin", "https://app.example")
	if v := hdr.Get("Access-Control-Allow-Origin"); v != "" {
		t.Errorf("CORS off: GET got Access-Control-Allow-Origin %q", v)
	}

	on, _ := setup(t, nil, Options{CORSOrigins: []string{"https://app.example"}, Token: "tok-123456"})
	status, hdr, _ := call(t, "OPTIONS", on+"/v1/chat/completions", "", "", pre...)
	if status != 204 || hdr.Get("Access-Control-Allow-Origin") != "https://app.example" || !strings.Contains(hdr.Get("Access-Control-Allow-Headers"), "Authorization") {
		t.Errorf("CORS on: preflight = %d %v, want 204 allowing the origin and Authorization", status, hdr)
	}
	_, hdr, _ = call(t, "GET", on+"/api/reports", "tok-123456", "", "Origin", "https://app.example")
	if hdr.Get("Access-Control-Allow-Origin") != "https://app.example" {
		t.Errorf("CORS on: GET from the origin lacks Access-Control-Allow-Origin: %v", hdr)
	}
	_, hdr, _ = call(t, "OPTIONS", on+"/v1/chat/completions", "", "", "Origin", "https://evil.example", "Access-Control-Request-Method", "POST")
	if v := hdr.Get("Access-Control-Allow-Origin"); v != "" {
		t.Errorf("CORS on: another origin got Access-Control-Allow-Origin %q", v)
	}
}

func TestStaticPage(t *testing.T) {
	url, _ := setup(t, nil, Options{})
	status, hdr, body := call(t, "GET", url+"/", "", "")
	if status != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "text/html") || !strings.Contains(string(body), `/static/app.js`) {
		t.Fatalf("GET / = %d %q", status, hdr.Get("Content-Type"))
	}
	if csp := hdr.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self';") || !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("GET / CSP = %q", csp)
	}
	if hdr.Get("X-Frame-Options") != "DENY" || hdr.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("GET / headers = %v", hdr)
	}
	for _, p := range []string{"/static/app.js", "/static/style.css"} {
		status, hdr, _ := call(t, "GET", url+p, "", "")
		if status != 200 || hdr.Get("ETag") == "" {
			t.Errorf("GET %s = %d, ETag %q", p, status, hdr.Get("ETag"))
			continue
		}
		if status, _, _ := call(t, "GET", url+p, "", "", "If-None-Match", hdr.Get("ETag")); status != 304 {
			t.Errorf("GET %s with its ETag = %d, want 304", p, status)
		}
	}
	for _, p := range []string{"/static/../server.go", "/static/%2e%2e/server.go", "/static/nope.js", "/static/", "/nope", "/index.html"} {
		status, _, body := call(t, "GET", url+p, "", "")
		if status != 404 && status != 301 {
			t.Errorf("GET %s = %d (%s), want 404", p, status, body)
		}
		if strings.Contains(string(body), "package serve") {
			t.Errorf("GET %s served a source file", p)
		}
	}
	if status, _, _ := call(t, "POST", url+"/", "", "{}"); status != 405 {
		t.Errorf("POST / = %d, want 405", status)
	}
}

// TestPageNeverParsesServerText: the page builds its DOM with text nodes;
// none of the HTML-parsing sinks appears in its script.
func TestPageNeverParsesServerText(t *testing.T) {
	js, err := os.ReadFile("web/app.js")
	if err != nil {
		t.Fatal(err)
	}
	for _, sink := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"} {
		if strings.Contains(string(js), sink) {
			t.Errorf("web/app.js uses %s", sink)
		}
	}
	html, err := os.ReadFile("web/index.html")
	if err != nil {
		t.Fatal(err)
	}
	if inlineScript.Match(html) {
		t.Errorf("web/index.html has inline script, which the CSP forbids: %s", inlineScript.Find(html))
	}
}

// inlineScript matches a script element without src, or an on…= handler.
var inlineScript = regexp.MustCompile(`<script>|<script [^>]*>[^<]|\son[a-z]+=`)

// failingEngine's Ask fails with an error that quotes an API key, as an
// upstream error body may.
type failingEngine struct {
	*qa.Engine
	err error
}

func (f failingEngine) Ask(ctx context.Context, req answer.Request) (answer.Answer, error) {
	return answer.Answer{}, f.err
}

func TestErrorsNeverShowCauses(t *testing.T) {
	const key = "sk-live-0123456789abcdef"
	e := failingEngine{engine(t), errors.New("embed: 401 Incorrect API key provided: " + key)}
	url, logs := setup(t, e, Options{Secrets: []string{key}})
	status, _, body := call(t, "POST", url+"/api/ask", "", `{"question":"`+seedQuestion+`"}`)
	wantError(t, "POST /api/ask with a failing engine", status, 500, body, "internal_error")
	status, _, body2 := call(t, "POST", url+"/v1/chat/completions", "", `{"stream":true,"messages":[{"role":"user","content":"`+seedQuestion+`"}]}`)
	if status != 200 || !strings.Contains(string(body2), `"error"`) || !strings.HasSuffix(string(body2), "data: [DONE]\n\n") {
		t.Errorf("stream with a failing engine = %d %s, want an error event then [DONE]", status, body2)
	}
	for what, s := range map[string]string{"response": string(body), "stream": string(body2), "log": logs.String()} {
		if strings.Contains(s, key) || strings.Contains(s, "0123456789abcdef") {
			t.Errorf("the %s shows the key: %s", what, s)
		}
	}
	if !strings.Contains(logs.String(), "Incorrect API key provided: [redacted]") || !strings.Contains(logs.String(), `"level":"ERROR"`) {
		t.Errorf("the log does not record the redacted cause:\n%s", logs)
	}
	if r := (&Server{}).redact("Authorization: Bearer abcdefghijk and sk-abcdefghijklmnop"); strings.Contains(r, "abcdefghijk") {
		t.Errorf("redact left a key-shaped string: %q", r)
	}
}

func TestRequestLog(t *testing.T) {
	url, logs := setup(t, nil, Options{})
	call(t, "POST", url+"/api/ask", "", `{"question":"`+seedQuestion+`"}`)
	call(t, "GET", url+"/healthz", "", "")
	out := logs.String()
	for _, want := range []string{`"msg":"request"`, `"path":"/api/ask"`, `"status":200`, `"latency_ms":`, `"mode":"extractive"`, `"path":"/healthz"`} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, seedQuestion) {
		t.Errorf("the log records the question text:\n%s", out)
	}
}

// TestBrowserAttacks: without a token (on loopback), a request addressed to
// another name (DNS rebinding) and a cross-site browser request are
// refused; with CORS the listed origin may call.
func TestBrowserAttacks(t *testing.T) {
	url, _ := setup(t, nil, Options{})
	ask := url + "/api/ask?q=x"
	status, _, body := call(t, "GET", ask, "", "", "Host", "rebind.attacker.example:8080")
	wantError(t, "GET /api/ask with Host rebind.attacker.example", status, 403, body, "host_not_allowed")
	for _, host := range []string{"localhost:8080", "127.0.0.1", "[::1]:8080"} {
		if status, _, body := call(t, "GET", url+"/api/reports", "", "", "Host", host); status != 200 {
			t.Errorf("GET /api/reports with Host %s = %d %s", host, status, body)
		}
	}
	status, _, body = call(t, "GET", ask, "", "", "Sec-Fetch-Site", "cross-site", "Origin", "https://attacker.example")
	wantError(t, "cross-site GET /api/ask", status, 403, body, "cross_site")
	if status, _, _ := call(t, "GET", url+"/api/reports", "", "", "Sec-Fetch-Site", "same-origin"); status != 200 {
		t.Errorf("same-origin GET /api/reports = %d", status)
	}
	// The page itself may be linked from anywhere.
	if status, _, _ := call(t, "GET", url+"/", "", "", "Sec-Fetch-Site", "cross-site"); status != 200 {
		t.Errorf("cross-site GET / = %d, want 200", status)
	}

	withCORS, _ := setup(t, nil, Options{CORSOrigins: []string{"https://app.example"}})
	if status, _, body := call(t, "GET", withCORS+"/api/reports", "", "", "Sec-Fetch-Site", "cross-site", "Origin", "https://app.example"); status != 200 {
		t.Errorf("cross-site GET from a CORS origin = %d %s, want 200", status, body)
	}
	// With a token any Host is served (the token is the guard).
	tok, _ := setup(t, nil, Options{Token: "tok-123456"})
	if status, _, body := call(t, "GET", tok+"/api/reports", "tok-123456", "", "Host", "reports.example.org"); status != 200 {
		t.Errorf("GET with a token and another Host = %d %s, want 200", status, body)
	}
}
