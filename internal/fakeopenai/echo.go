package fakeopenai

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// Echo is a misbehaving OpenAI-compatible server for redaction tests: it
// answers every request, on any path, with an error whose body repeats the
// API key the request carried, in full, as some servers and proxies do
// ("Incorrect API key provided: sk-…"). A client must keep that text out
// of everything it prints. Create it with [NewEcho]; it is safe for
// concurrent use.
type Echo struct {
	// URL is the base URL for go-openai's ClientConfig.BaseURL; it ends in
	// /v1.
	URL string

	srv      *httptest.Server
	requests atomic.Int64
}

// NewEcho starts an echoing server that answers with status (401 when 0)
// and closes it when the test ends.
func NewEcho(t testing.TB, status int) *Echo {
	t.Helper()
	if status == 0 {
		status = http.StatusUnauthorized
	}
	e := &Echo{}
	e.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.requests.Add(1)
		key := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		writeError(w, status, "Incorrect API key provided: "+key+". Your request "+r.Method+" "+r.URL.Path+
			" was sent with Authorization: Bearer "+key, "invalid_request_error", "invalid_api_key")
	}))
	e.URL = e.srv.URL + "/v1"
	t.Cleanup(e.srv.Close)
	return e
}

// Requests returns how many requests the server has answered.
func (e *Echo) Requests() int { return int(e.requests.Load()) }
