package serve

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"
)

// reqInfo is what a handler tells the request log: the answer mode, and
// an error it did not show the client.
type reqInfo struct {
	id     string
	mode   string
	stream bool
	err    error
}

type reqInfoKey struct{}

// info returns the request's log record; never nil inside the server.
func info(ctx context.Context) *reqInfo {
	if ri, ok := ctx.Value(reqInfoKey{}).(*reqInfo); ok {
		return ri
	}
	return &reqInfo{}
}

// recorder is a ResponseWriter that remembers the status and size. It
// passes Flush through (server-sent events need it) and unwraps for
// http.ResponseController.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(p)
	r.bytes += int64(n)
	return n, err
}

func (r *recorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// logged logs every request once it is done, recovers a panicking handler
// into a 500, and sets the headers every response carries.
func (s *Server) logged(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ri := &reqInfo{id: strconv.FormatUint(s.reqSeq.Add(1), 36)}
		rec := &recorder{ResponseWriter: w}
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Request-Id", ri.id)
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				ri.err = fmt.Errorf("panic: %v\n%s", v, debug.Stack())
				if rec.status == 0 {
					writeError(rec, errInternal)
				}
			}
			s.logRequest(r, rec, ri, time.Since(start))
		}()
		next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), reqInfoKey{}, ri)))
	})
}

func (s *Server) logRequest(r *http.Request, rec *recorder, ri *reqInfo, d time.Duration) {
	status := rec.status
	if status == 0 {
		status = http.StatusOK
	}
	attrs := []slog.Attr{
		slog.String("id", ri.id),
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
		slog.Int("status", status),
		slog.Float64("latency_ms", float64(d.Microseconds())/1000),
		slog.Int64("bytes", rec.bytes),
		slog.String("client", clientKey(r)),
	}
	if ri.mode != "" {
		attrs = append(attrs, slog.String("mode", ri.mode))
	}
	if ri.stream {
		attrs = append(attrs, slog.Bool("stream", true))
	}
	level := slog.LevelInfo
	if ri.err != nil {
		attrs = append(attrs, slog.String("err", s.redact(ri.err.Error())))
		if status >= 500 {
			level = slog.LevelError
		}
	}
	s.log.LogAttrs(context.Background(), level, "request", attrs...)
}

// minSecretLen is the shortest secret redacted: a placeholder key of a
// few letters (any value for a local server) is not a secret.
const minSecretLen = 6

// tokenShapes catch key-shaped text nobody named: a bearer token echoed in
// an upstream error, an OpenAI-style sk-… key.
var tokenShapes = regexp.MustCompile(`(?i)\bbearer\s+[A-Za-z0-9._~+/=-]{6,}|\bsk-[A-Za-z0-9_-]{8,}`)

// redact returns text with every secret and key-shaped string replaced.
func (s *Server) redact(text string) string {
	for _, sec := range s.secrets {
		text = strings.ReplaceAll(text, sec, "[redacted]")
	}
	return tokenShapes.ReplaceAllString(text, "[redacted]")
}

// cors answers preflight requests and sets the CORS headers for the
// configured origins; with none configured it does nothing, and a
// cross-origin browser call fails as the same-origin policy wants.
func (s *Server) cors(next http.Handler) http.Handler {
	if len(s.opts.CORSOrigins) == 0 {
		return next
	}
	any := slices.Contains(s.opts.CORSOrigins, "*")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if s.corsAllowed(origin) {
			h := w.Header()
			if any {
				h.Set("Access-Control-Allow-Origin", "*")
			} else {
				h.Set("Access-Control-Allow-Origin", origin)
				h.Add("Vary", "Origin")
			}
			h.Set("Access-Control-Expose-Headers", "Retry-After, X-Request-Id, Content-Disposition")
			if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
				h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
				h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type")
				h.Set("Access-Control-Max-Age", "600")
				w.WriteHeader(http.StatusNoContent)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// protected rate-limits the client, then checks the bearer token. The
// limit comes first so that guessing tokens costs the guesser.
//
// Without a token the server is on loopback, where two browser attacks
// remain, and both are refused: DNS rebinding (a page of another site
// whose name now points at 127.0.0.1 calls the API as its own origin: the
// Host header then names that site) and cross-site requests that need no
// preflight (an <img> or a form that makes the server call a paid LLM:
// browsers mark them Sec-Fetch-Site: cross-site).
func (s *Server) protected(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.opts.Token == "" && !loopbackHost(r.Host) {
			writeError(w, errForeignHost)
			return
		}
		if r.Header.Get("Sec-Fetch-Site") == "cross-site" && !s.corsAllowed(r.Header.Get("Origin")) {
			writeError(w, errCrossSite)
			return
		}
		if s.limiter != nil {
			if ok, retry := s.limiter.allow(clientKey(r), time.Now()); !ok {
				writeError(w, errRateLimited(retry))
				return
			}
		}
		if s.opts.Token != "" && !s.tokenOK(r) {
			writeError(w, errUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// loopbackHost reports whether a Host header names this machine's
// loopback interface.
func loopbackHost(hostport string) bool {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = hostport
	}
	return isLoopback(host)
}

// corsAllowed reports whether origin may call the API from a browser.
func (s *Server) corsAllowed(origin string) bool {
	return origin != "" && (slices.Contains(s.opts.CORSOrigins, "*") || slices.Contains(s.opts.CORSOrigins, origin))
}

// tokenOK compares the request's bearer token with the server's in
// constant time (over hashes, so the length does not leak either).
func (s *Server) tokenOK(r *http.Request) bool {
	auth := r.Header.Get("Authorization")
	scheme, tok, ok := strings.Cut(auth, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	got := sha256.Sum256([]byte(strings.TrimSpace(tok)))
	return subtle.ConstantTimeCompare(got[:], s.tokenHash[:]) == 1
}

// engineCall runs h with a slot of the in-flight gate and the request
// timeout, or answers 503 when no slot frees up in time.
func (s *Server) engineCall(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.gate.acquire(r.Context()) {
			writeError(w, errBusy)
			return
		}
		defer s.gate.release()
		ctx, cancel := context.WithTimeout(r.Context(), s.opts.RequestTimeout)
		defer cancel()
		h(w, r.WithContext(ctx))
	}
}

// methods dispatches on the request method, answering 405 with an Allow
// header (and OpenAI's error shape) for the others.
func methods(hs map[string]http.HandlerFunc) http.HandlerFunc {
	var allow []string
	for m := range hs {
		allow = append(allow, m)
	}
	slices.Sort(allow)
	allowed := strings.Join(allow, ", ")
	return func(w http.ResponseWriter, r *http.Request) {
		h, ok := hs[r.Method]
		if !ok && r.Method == http.MethodHead {
			h, ok = hs[http.MethodGet]
		}
		if !ok {
			w.Header().Set("Allow", allowed)
			writeError(w, errMethod(allowed))
			return
		}
		h(w, r)
	}
}
