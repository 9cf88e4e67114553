// Package fakediscord is an in-process stand-in for Discord, for tests: an
// httptest server that speaks enough of REST v10 and of the websocket
// gateway for a real discordgo session to log in, receive events and post
// replies.
//
// Everything the client sends is recorded. Tests push events with
// [Server.SendMessage], [Server.SendCommand] and [Server.SendComponent],
// then wait for the replies with [Server.WaitRequest] or [Server.Wait],
// which take a context for their deadline; nothing here sleeps. Failures
// are injected with [Server.RateLimit], [Server.RateLimitOnce],
// [Server.FailNext], [Server.Reconnect] and [Server.Drop]; with
// Options.EchoAuth every error body quotes the request's Authorization
// header back, as a careless proxy might, to test that clients keep their
// token out of errors and logs.
//
// It does not import discordgo: payloads are built from plain JSON so the
// fake checks the wire format rather than sharing the client's types.
package fakediscord

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// Options configures a [Server]. The zero value works.
type Options struct {
	// Token is the bot token the server accepts, without "Bot ". When set,
	// REST calls (except webhooks and interaction callbacks, which Discord
	// authenticates by their own token) need "Authorization: Bot <Token>",
	// and IDENTIFY and RESUME must carry it, or they get 401 / close 4004.
	// Empty accepts anything.
	Token string
	// BotID is the bot's user ID; default "900000000000000001".
	BotID string
	// AppID is the application ID; default BotID.
	AppID string
	// HeartbeatInterval is sent in HELLO; default 41.25s.
	HeartbeatInterval time.Duration
	// EchoAuth makes every REST error answer (status >= 400) carry the
	// request's Authorization header in its JSON body, as "authorization".
	EchoAuth bool
}

// Request is one recorded REST request.
type Request struct {
	Method string
	// Path is the path after /api/vN, e.g. /channels/1/messages.
	Path   string
	Query  string
	Header http.Header
	// Body is the JSON body; for multipart requests it is the payload_json
	// part, and the files are in Files.
	Body  []byte
	Files []File
	// Status is the status code the server answered.
	Status int
	// At is when the server received the request.
	At time.Time
}

// JSON decodes the request body into v.
func (r Request) JSON(v any) error {
	if err := json.Unmarshal(r.Body, v); err != nil {
		return fmt.Errorf("fakediscord: decode %s %s body %q: %w", r.Method, r.Path, r.Body, err)
	}
	return nil
}

// File is one file of a multipart request.
type File struct {
	Field, Name, ContentType string
	Data                     []byte
}

// Frame is one recorded gateway event: a frame the client sent (Dir "in"),
// a frame the server sent (Dir "out"), or a connection change (Dir "conn",
// Type "open" or "close").
type Frame struct {
	Conn int // connection number, from 1
	Dir  string
	Op   int
	Seq  int64
	Type string
	Data json.RawMessage
}

// Server is a fake Discord. Its methods are safe for concurrent use.
type Server struct {
	// URL is the server's base URL, http://127.0.0.1:PORT.
	URL string
	// APIBase is the REST base to give the client: URL + "/api/v10/".
	APIBase string
	// GatewayURL is the websocket URL returned by GET /gateway.
	GatewayURL string
	// BotID and AppID are the IDs the server reports for the bot.
	BotID, AppID string

	opts     Options
	srv      *httptest.Server
	upgrader websocket.Upgrader
	ids      atomic.Int64

	mu        sync.Mutex
	changed   chan struct{}
	requests  []Request
	frames    []Frame
	failures  []failure
	conns     int
	cur       *gwConn // the connection that receives dispatches
	live      map[*gwConn]bool
	sessionID string
	seq       int64
	sent      []dispatch // this session's dispatches, for resume
	closed    bool
	stall     bool // new gateway connections get no HELLO
}

type failure struct {
	method, prefix string
	status         int
	body           string
	header         http.Header
	times          int // how many more requests it answers; < 0 for ever
	hangUp         bool
}

// New starts a fake Discord. Close it when done (t.Cleanup(s.Close)).
func New(opts Options) *Server {
	if opts.BotID == "" {
		opts.BotID = "900000000000000001"
	}
	if opts.AppID == "" {
		opts.AppID = opts.BotID
	}
	if opts.HeartbeatInterval <= 0 {
		opts.HeartbeatInterval = 41250 * time.Millisecond
	}
	s := &Server{
		opts:    opts,
		BotID:   opts.BotID,
		AppID:   opts.AppID,
		changed: make(chan struct{}),
		live:    make(map[*gwConn]bool),
	}
	s.ids.Store(1_200_000_000_000_000_000)
	mux := http.NewServeMux()
	mux.HandleFunc("/gateway", s.serveGateway)
	mux.HandleFunc("/gateway/", s.serveGateway)
	mux.HandleFunc("/api/", s.serveAPI)
	s.srv = httptest.NewServer(mux)
	s.URL = s.srv.URL
	s.APIBase = s.srv.URL + "/api/v10/"
	s.GatewayURL = "ws" + strings.TrimPrefix(s.srv.URL, "http") + "/gateway"
	return s
}

// Close drops every gateway connection and stops the server.
func (s *Server) Close() {
	s.mu.Lock()
	s.closed = true
	for c := range s.live {
		c.ws.Close()
	}
	s.mu.Unlock()
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// NewID returns a fresh snowflake-like ID.
func (s *Server) NewID() string { return strconv.FormatInt(s.ids.Add(1), 10) }

// notify wakes every waiter. Call with s.mu held.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// Wait blocks until cond returns true or ctx is done. cond is evaluated at
// once and after every recorded request or frame; it must not block, and it
// may call the Server's methods.
func (s *Server) Wait(ctx context.Context, cond func() bool) error {
	for {
		s.mu.Lock()
		ch := s.changed
		s.mu.Unlock()
		if cond() {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("fakediscord: wait: %w", context.Cause(ctx))
		}
	}
}

// Requests returns a copy of the recorded REST requests, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Frames returns a copy of the recorded gateway frames, in order.
func (s *Server) Frames() []Frame {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Frame(nil), s.frames...)
}

// WaitRequest returns the first recorded request (past or future) for
// which match is true, or an error when ctx is done first.
func (s *Server) WaitRequest(ctx context.Context, match func(Request) bool) (Request, error) {
	var got Request
	err := s.Wait(ctx, func() bool {
		for _, r := range s.Requests() {
			if match(r) {
				got = r
				return true
			}
		}
		return false
	})
	return got, err
}

// WaitRequests waits until n recorded requests match and returns them.
func (s *Server) WaitRequests(ctx context.Context, n int, match func(Request) bool) ([]Request, error) {
	var got []Request
	err := s.Wait(ctx, func() bool {
		got = got[:0]
		for _, r := range s.Requests() {
			if match(r) {
				got = append(got, r)
			}
		}
		return len(got) >= n
	})
	if err != nil {
		return got, fmt.Errorf("fakediscord: got %d of %d requests: %w", len(got), n, err)
	}
	return got, nil
}

// WaitFrame returns the first recorded gateway frame for which match is
// true.
func (s *Server) WaitFrame(ctx context.Context, match func(Frame) bool) (Frame, error) {
	var got Frame
	err := s.Wait(ctx, func() bool {
		for _, f := range s.Frames() {
			if match(f) {
				got = f
				return true
			}
		}
		return false
	})
	return got, err
}

// Is returns a matcher for successful (status < 300) requests with this
// method and path.
func Is(method, path string) func(Request) bool {
	return func(r Request) bool { return r.Method == method && r.Path == path && r.Status < 300 }
}

// HasPrefix returns a matcher for successful requests with this method
// whose path starts with prefix.
func HasPrefix(method, prefix string) func(Request) bool {
	return func(r Request) bool {
		return r.Method == method && strings.HasPrefix(r.Path, prefix) && r.Status < 300
	}
}

// RateLimitRule is a rate limit to answer with [Server.RateLimit].
type RateLimitRule struct {
	// Method and Prefix choose the requests: same method, path starting
	// with Prefix (the path after /api/vN, e.g. /channels/1/messages).
	Method, Prefix string
	// RetryAfter is sent as the Retry-After and X-RateLimit-Reset-After
	// headers and as retry_after in the body.
	RetryAfter time.Duration
	// Global marks the limit as global (X-RateLimit-Global: true,
	// "global": true): a client such as discordgo then holds every route
	// until it has passed.
	Global bool
	// Times is how many matching requests get the 429; 0 means 1, a
	// negative number means every one.
	Times int
}

// RateLimit makes matching requests answer 429 as Discord does, with
// Retry-After and X-RateLimit-* headers and a JSON body.
func (s *Server) RateLimit(r RateLimitRule) {
	secs := strconv.FormatFloat(r.RetryAfter.Seconds(), 'f', 3, 64)
	h := http.Header{}
	h.Set("Retry-After", secs)
	h.Set("X-RateLimit-Limit", "5")
	h.Set("X-RateLimit-Remaining", "0")
	h.Set("X-RateLimit-Reset-After", secs)
	scope := "user"
	if r.Global {
		h.Set("X-RateLimit-Global", "true")
		scope = "global"
	}
	h.Set("X-RateLimit-Scope", scope)
	body := `{"message": "You are being rate limited.", "retry_after": ` + secs + `, "global": ` + strconv.FormatBool(r.Global) + `}`
	times := r.Times
	if times == 0 {
		times = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, failure{method: r.Method, prefix: r.Prefix, status: http.StatusTooManyRequests, body: body, header: h, times: times})
}

// RateLimitOnce makes the next request with this method whose path starts
// with prefix answer 429 with retry_after, as Discord does.
func (s *Server) RateLimitOnce(method, prefix string, retryAfter time.Duration) {
	s.RateLimit(RateLimitRule{Method: method, Prefix: prefix, RetryAfter: retryAfter})
}

// FailNext makes the next request with this method whose path starts with
// prefix answer status with body.
func (s *Server) FailNext(method, prefix string, status int, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, failure{method: method, prefix: prefix, status: status, body: body, times: 1})
}

// HangUpNext makes the next request with this method whose path starts
// with prefix fail at the network level: the server closes the connection
// without answering, so the client sees an error such as EOF.
func (s *Server) HangUpNext(method, prefix string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, failure{method: method, prefix: prefix, hangUp: true, times: 1})
}

var restVersion = func(p string) (string, bool) {
	rest, ok := strings.CutPrefix(p, "/api/")
	if !ok {
		return "", false
	}
	v, rest, _ := strings.Cut(rest, "/")
	if len(v) < 2 || v[0] != 'v' {
		return "", false
	}
	if _, err := strconv.Atoi(v[1:]); err != nil {
		return "", false
	}
	return "/" + rest, true
}

func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	path, ok := restVersion(r.URL.EscapedPath())
	if !ok {
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "404: Not Found", "code": 0})
		return
	}
	if p, err := url.PathUnescape(path); err == nil {
		path = p
	}
	rec := Request{Method: r.Method, Path: path, Query: r.URL.RawQuery, Header: r.Header.Clone(), At: time.Now()}
	body, _ := io.ReadAll(r.Body)
	rec.Body = body
	if mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err == nil && strings.HasPrefix(mt, "multipart/") {
		rec.Body, rec.Files = parseMultipart(body, params["boundary"])
	}

	status, resp, header := s.route(&rec)
	if status < 0 { // hang up
		s.mu.Lock()
		s.requests = append(s.requests, rec)
		s.notify()
		s.mu.Unlock()
		if hj, ok := w.(http.Hijacker); ok {
			if c, _, err := hj.Hijack(); err == nil {
				c.Close()
				return
			}
		}
		panic(http.ErrAbortHandler)
	}
	rec.Status = status
	if s.opts.EchoAuth && status >= 400 {
		resp = echoAuth(resp, r.Header.Get("Authorization"))
	}
	s.mu.Lock()
	s.requests = append(s.requests, rec)
	s.notify()
	s.mu.Unlock()

	for k, vs := range header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	switch v := resp.(type) {
	case nil:
		w.WriteHeader(status)
	case string:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, v)
	default:
		writeJSON(w, status, v)
	}
}

// route answers one REST request: an injected failure, or the endpoint.
func (s *Server) route(r *Request) (int, any, http.Header) {
	s.mu.Lock()
	for i, f := range s.failures {
		if f.method == r.Method && strings.HasPrefix(r.Path, f.prefix) {
			if f.times > 0 {
				s.failures[i].times--
				if s.failures[i].times == 0 {
					s.failures = append(s.failures[:i:i], s.failures[i+1:]...)
				}
			}
			s.mu.Unlock()
			if f.hangUp {
				return -1, nil, nil
			}
			return f.status, f.body, f.header
		}
	}
	s.mu.Unlock()

	seg := strings.Split(strings.Trim(r.Path, "/"), "/")
	webhook := seg[0] == "webhooks" || seg[0] == "interactions"
	if s.opts.Token != "" && !webhook && r.Header.Get("Authorization") != "Bot "+s.opts.Token {
		return http.StatusUnauthorized, map[string]any{"message": "401: Unauthorized", "code": 0}, nil
	}
	m := r.Method
	switch {
	case m == "GET" && r.Path == "/gateway":
		return 200, map[string]any{"url": s.GatewayURL}, nil
	case m == "GET" && r.Path == "/gateway/bot":
		return 200, map[string]any{"url": s.GatewayURL, "shards": 1, "session_start_limit": map[string]any{
			"total": 1000, "remaining": 999, "reset_after": 14400000, "max_concurrency": 1}}, nil
	case m == "GET" && r.Path == "/users/@me":
		return 200, s.botUser(), nil
	case m == "PUT" && len(seg) == 3 && seg[0] == "applications" && seg[2] == "commands",
		m == "PUT" && len(seg) == 5 && seg[0] == "applications" && seg[2] == "guilds" && seg[4] == "commands":
		var cmds []map[string]any
		if err := json.Unmarshal(r.Body, &cmds); err != nil {
			return 400, map[string]any{"message": "Invalid Form Body", "code": 50035}, nil
		}
		for _, c := range cmds {
			c["id"] = s.NewID()
			c["application_id"] = seg[1]
			c["version"] = s.NewID()
			if len(seg) == 5 {
				c["guild_id"] = seg[3]
			}
		}
		return 200, cmds, nil
	case m == "POST" && len(seg) == 4 && seg[0] == "interactions" && seg[3] == "callback":
		if !json.Valid(r.Body) {
			return 400, map[string]any{"message": "Invalid Form Body", "code": 50035}, nil
		}
		return http.StatusNoContent, nil, nil
	case m == "PATCH" && len(seg) == 5 && seg[0] == "webhooks" && seg[3] == "messages":
		return 200, s.message(r.Body, ""), nil
	case m == "POST" && len(seg) == 3 && seg[0] == "webhooks":
		if !strings.Contains(r.Query, "wait=true") {
			return http.StatusNoContent, nil, nil
		}
		return 200, s.message(r.Body, ""), nil
	case m == "POST" && len(seg) == 3 && seg[0] == "channels" && seg[2] == "messages":
		return 200, s.message(r.Body, seg[1]), nil
	case m == "POST" && len(seg) == 3 && seg[0] == "channels" && seg[2] == "typing":
		return http.StatusNoContent, nil, nil
	}
	return http.StatusNotFound, map[string]any{"message": "404: Not Found", "code": 0}, nil
}

// echoAuth adds the Authorization header to an error body.
func echoAuth(resp any, auth string) any {
	m := map[string]any{}
	switch v := resp.(type) {
	case string:
		if json.Unmarshal([]byte(v), &m) != nil {
			m = map[string]any{"message": v}
		}
	case map[string]any:
		for k, x := range v {
			m[k] = x
		}
	case nil:
	default:
		m["body"] = v
	}
	m["authorization"] = auth
	m["detail"] = "request was made with Authorization: " + auth
	return m
}

func (s *Server) botUser() map[string]any {
	return map[string]any{"id": s.BotID, "username": "reportbot", "discriminator": "0", "bot": true}
}

// message echoes a posted message back as Discord would, with an ID.
func (s *Server) message(body []byte, channelID string) map[string]any {
	msg := map[string]any{}
	_ = json.Unmarshal(body, &msg)
	msg["id"] = s.NewID()
	if channelID != "" {
		msg["channel_id"] = channelID
	}
	msg["author"] = s.botUser()
	msg["timestamp"] = time.Now().UTC().Format(time.RFC3339)
	return msg
}

func parseMultipart(body []byte, boundary string) ([]byte, []File) {
	var payload []byte
	var files []File
	mr := multipart.NewReader(bytes.NewReader(body), boundary)
	for {
		p, err := mr.NextPart()
		if err != nil {
			return payload, files
		}
		data, _ := io.ReadAll(p)
		if p.FormName() == "payload_json" {
			payload = data
			continue
		}
		files = append(files, File{Field: p.FormName(), Name: p.FileName(), ContentType: p.Header.Get("Content-Type"), Data: data})
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
