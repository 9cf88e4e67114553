package serve

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
)

// TestGracefulShutdown: cancelling Serve's context stops new connections
// and lets the request in flight finish with its whole answer.
func TestGracefulShutdown(t *testing.T) {
	g := newGated(t)
	s, err := New(g, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	ctx, cancel := context.WithCancel(t.Context())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()

	type result struct {
		status int
		body   string
		err    error
	}
	done := make(chan result, 1)
	go func() {
		resp, err := http.Post(url+"/v1/chat/completions", "application/json",
			strings.NewReader(`{"stream":true,"messages":[{"role":"user","content":"`+seedQuestion+`"}]}`))
		if err != nil {
			done <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		done <- result{resp.StatusCode, string(b), err}
	}()
	<-g.entered
	cancel()
	// The listener closes: a new connection is refused (bounded retries,
	// since Shutdown closes the listener right after ctx is done).
	refused := false
	for range 1000 {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			refused = true
			break
		}
		c.Close()
	}
	if !refused {
		t.Errorf("after cancel the server still accepts connections")
	}
	select {
	case err := <-served:
		t.Fatalf("Serve returned %v with a request in flight", err)
	default:
	}
	close(g.release)
	r := <-done
	if r.err != nil || r.status != 200 || !strings.Contains(r.body, seedFigure) || !strings.HasSuffix(r.body, "data: [DONE]\n\n") {
		t.Errorf("the request in flight = %d %v %q, want its whole answer", r.status, r.err, r.body)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve after shutdown = %v, want nil", err)
	}
}

// TestServeListenError: a port in use is an error, not a hang.
func TestServeListenError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	err = Run(t.Context(), engine(t), Options{Addr: ln.Addr().String()})
	var opErr *net.OpError
	if !errors.As(err, &opErr) {
		t.Errorf("Run on a port in use = %v, want a *net.OpError", err)
	}
}

// TestServeRefusesOpenListener: a listener on every interface without a
// token is refused, whatever Options.Addr said.
func TestServeRefusesOpenListener(t *testing.T) {
	s, err := New(engine(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "0.0.0.0:0")
	if err != nil {
		t.Skipf("cannot listen on 0.0.0.0: %v", err)
	}
	if err := s.Serve(t.Context(), ln); !errors.Is(err, ErrInsecure) {
		t.Errorf("Serve(0.0.0.0 listener, no token) = %v, want ErrInsecure", err)
	}
}

func TestHealth(t *testing.T) {
	url, _ := setup(t, nil, Options{Token: "tok-123456", ModelName: "guanhu"})
	status, _, body := call(t, "GET", url+"/healthz", "", "")
	var h struct {
		Status  string
		Reports int
		Model   string
		Auth    bool
	}
	if err := json.Unmarshal(body, &h); err != nil || status != 200 || h.Status != "ok" || h.Reports != 1 || h.Model != "guanhu" || !h.Auth {
		t.Errorf("GET /healthz = %d %s", status, body)
	}
}
