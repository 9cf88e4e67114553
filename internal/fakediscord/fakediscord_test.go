package fakediscord

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

const token = "fake-token"

func newServer(t *testing.T) *Server {
	t.Helper()
	s := New(Options{Token: token})
	t.Cleanup(s.Close)
	return s
}

func waitCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func do(t *testing.T, method, url, auth, contentType string, body io.Reader) (int, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func TestREST(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	auth := "Bot " + token
	tests := []struct {
		name, method, path, auth, body string
		status                         int
		contains                       string
	}{
		{"gateway", "GET", "gateway", auth, "", 200, s.GatewayURL},
		{"gateway bot", "GET", "gateway/bot", auth, "", 200, `"shards":1`},
		{"me", "GET", "users/@me", auth, "", 200, s.BotID},
		{"no auth", "GET", "users/@me", "", "", 401, "Unauthorized"},
		{"wrong auth", "GET", "users/@me", "Bot nope", "", 401, "Unauthorized"},
		{"global commands", "PUT", "applications/" + s.AppID + "/commands", auth, `[{"name":"ask"}]`, 200, `"name":"ask"`},
		{"guild commands", "PUT", "applications/" + s.AppID + "/guilds/g1/commands", auth, `[{"name":"ask"}]`, 200, `"guild_id":"g1"`},
		{"bad commands", "PUT", "applications/" + s.AppID + "/commands", auth, `{`, 400, "Invalid Form Body"},
		{"callback needs no bot auth", "POST", "interactions/1/tok/callback", "", `{"type":5}`, 204, ""},
		{"edit original", "PATCH", "webhooks/" + s.AppID + "/tok/messages/@original", "", `{"content":"hi"}`, 200, `"content":"hi"`},
		{"followup wait", "POST", "webhooks/" + s.AppID + "/tok?wait=true", "", `{"content":"more"}`, 200, `"content":"more"`},
		{"followup", "POST", "webhooks/" + s.AppID + "/tok", "", `{"content":"more"}`, 204, ""},
		{"channel message", "POST", "channels/c1/messages", auth, `{"content":"answer"}`, 200, `"channel_id":"c1"`},
		{"typing", "POST", "channels/c1/typing", auth, "", 204, ""},
		{"unknown", "GET", "guilds/1", auth, "", 404, "Not Found"},
	}
	for _, tc := range tests {
		var body io.Reader
		ct := ""
		if tc.body != "" {
			body, ct = strings.NewReader(tc.body), "application/json"
		}
		status, got := do(t, tc.method, s.APIBase+tc.path, tc.auth, ct, body)
		if status != tc.status || !strings.Contains(string(got), tc.contains) {
			t.Errorf("%s: %s %s = %d %s, want %d containing %q", tc.name, tc.method, tc.path, status, got, tc.status, tc.contains)
		}
	}
	reqs := s.Requests()
	if len(reqs) != len(tests) {
		t.Fatalf("recorded %d requests, want %d", len(reqs), len(tests))
	}
	if r := reqs[0]; r.Method != "GET" || r.Path != "/gateway" || r.Status != 200 {
		t.Errorf("first recorded request = %s %s %d, want GET /gateway 200", r.Method, r.Path, r.Status)
	}
	if r := reqs[10]; r.Query != "wait=true" || r.Path != "/webhooks/"+s.AppID+"/tok" {
		t.Errorf("follow-up recorded as %s ? %s", r.Path, r.Query)
	}
}

func TestRESTMultipartAndFailures(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	pj, _ := mw.CreateFormField("payload_json")
	io.WriteString(pj, `{"content":"brief"}`)
	fw, _ := mw.CreateFormFile("files[0]", "brief.md")
	io.WriteString(fw, "# 简报")
	mw.Close()

	s.RateLimitOnce("POST", "/channels/", 1500*time.Millisecond)
	s.FailNext("GET", "/users/@me", 500, `{"message":"boom"}`)
	status, body := do(t, "POST", s.APIBase+"channels/c1/messages", "Bot "+token, mw.FormDataContentType(), bytes.NewReader(buf.Bytes()))
	if status != 429 || !strings.Contains(string(body), `"retry_after": 1.500`) {
		t.Errorf("first post = %d %s, want 429 with retry_after 1.500", status, body)
	}
	status, _ = do(t, "POST", s.APIBase+"channels/c1/messages", "Bot "+token, mw.FormDataContentType(), bytes.NewReader(buf.Bytes()))
	if status != 200 {
		t.Errorf("second post = %d, want 200 (429 only once)", status)
	}
	if status, _ := do(t, "GET", s.APIBase+"users/@me", "Bot "+token, "", nil); status != 500 {
		t.Errorf("GET users/@me after FailNext = %d, want 500", status)
	}
	r, err := s.WaitRequest(waitCtx(t), Is("POST", "/channels/c1/messages"))
	if err != nil {
		t.Fatal(err)
	}
	if string(r.Body) != `{"content":"brief"}` || len(r.Files) != 1 || r.Files[0].Name != "brief.md" || string(r.Files[0].Data) != "# 简报" {
		t.Errorf("multipart recorded as body %q files %+v", r.Body, r.Files)
	}
}

func TestWaitHonoursContext(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := s.WaitRequest(ctx, Is("GET", "/never"))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("WaitRequest with a cancelled ctx = %v, want context.Canceled", err)
	}
}

// client is a minimal gateway client.
type client struct {
	t  *testing.T
	ws *websocket.Conn
}

func dial(t *testing.T, s *Server) *client {
	t.Helper()
	ws, _, err := websocket.DefaultDialer.DialContext(t.Context(), s.GatewayURL+"/?v=10&encoding=json", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	return &client{t: t, ws: ws}
}

func (c *client) send(op int, d any) {
	c.t.Helper()
	if err := c.ws.WriteJSON(map[string]any{"op": op, "d": d}); err != nil {
		c.t.Fatal(err)
	}
}

func (c *client) read() frame {
	c.t.Helper()
	c.ws.SetReadDeadline(time.Now().Add(10 * time.Second))
	var f frame
	if err := c.ws.ReadJSON(&f); err != nil {
		c.t.Fatal(err)
	}
	return f
}

func TestGatewayIdentifyHeartbeatResume(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c := dial(t, s)
	if f := c.read(); f.Op != 10 || !strings.Contains(string(f.D), "heartbeat_interval") {
		t.Fatalf("first frame = %+v, want HELLO", f)
	}
	c.send(2, map[string]any{"token": "Bot " + token, "intents": 1})
	ready := c.read()
	var rd struct {
		SessionID string `json:"session_id"`
		Resume    string `json:"resume_gateway_url"`
		User      struct{ ID string }
	}
	json.Unmarshal(ready.D, &rd)
	if ready.T != "READY" || *ready.S != 1 || rd.SessionID == "" || rd.Resume != s.GatewayURL || rd.User.ID != s.BotID {
		t.Fatalf("after IDENTIFY got %+v, want READY seq 1 with a session", ready)
	}
	c.send(1, 1)
	if f := c.read(); f.Op != 11 {
		t.Errorf("heartbeat answered %+v, want op 11", f)
	}
	if _, err := s.SendMessage(Message{ChannelID: "c", AuthorID: "u", Content: "一"}); err != nil {
		t.Fatal(err)
	}
	if f := c.read(); f.T != "MESSAGE_CREATE" || *f.S != 2 {
		t.Errorf("dispatch = %+v, want MESSAGE_CREATE seq 2", f)
	}

	// Drop, push two events while away, resume from seq 2: both replayed.
	if err := s.Drop(); err != nil {
		t.Fatal(err)
	}
	s.SendMessage(Message{ChannelID: "c", AuthorID: "u", Content: "二"})
	s.SendCommand(Command{ChannelID: "c", UserID: "u", Name: "ask", Options: map[string]string{"question": "三"}})
	c2 := dial(t, s)
	c2.read() // HELLO
	c2.send(6, map[string]any{"token": "Bot " + token, "session_id": rd.SessionID, "seq": 2})
	var got []string
	for range 3 {
		f := c2.read()
		got = append(got, f.T)
	}
	if strings.Join(got, ",") != "MESSAGE_CREATE,INTERACTION_CREATE,RESUMED" {
		t.Errorf("after RESUME got %v, want the two missed events then RESUMED", got)
	}
	if s.Count(6) != 1 || s.Count(2) != 1 || !s.Ready() || s.Connections() != 2 {
		t.Errorf("resumes %d identifies %d ready %v connections %d", s.Count(6), s.Count(2), s.Ready(), s.Connections())
	}

	// op 7 reaches the live connection.
	if err := s.Reconnect(); err != nil {
		t.Fatal(err)
	}
	if f := c2.read(); f.Op != 7 {
		t.Errorf("Reconnect sent %+v, want op 7", f)
	}

	// A stale session is refused with op 9.
	c3 := dial(t, s)
	c3.read()
	c3.send(6, map[string]any{"token": "Bot " + token, "session_id": "stale", "seq": 1})
	if f := c3.read(); f.Op != 9 {
		t.Errorf("stale RESUME answered %+v, want op 9", f)
	}
}

func TestGatewayRejectsBadToken(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c := dial(t, s)
	c.read()
	c.send(2, map[string]any{"token": "Bot wrong"})
	c.ws.SetReadDeadline(time.Now().Add(10 * time.Second))
	_, _, err := c.ws.ReadMessage()
	var ce *websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != 4004 {
		t.Errorf("IDENTIFY with a wrong token: read error %v, want close 4004", err)
	}
}

func TestRateLimitRules(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	s.RateLimit(RateLimitRule{Method: "POST", Prefix: "/channels/c1/", RetryAfter: 4 * time.Second, Global: true, Times: 2})
	post := func(path string) (int, http.Header, []byte) {
		t.Helper()
		req, _ := http.NewRequestWithContext(t.Context(), "POST", s.APIBase+path, strings.NewReader(`{"content":"x"}`))
		req.Header.Set("Authorization", "Bot "+token)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header, b
	}
	for i := range 2 {
		status, h, body := post("channels/c1/messages")
		if status != 429 || h.Get("Retry-After") != "4.000" || h.Get("X-RateLimit-Global") != "true" || !strings.Contains(string(body), `"global": true`) {
			t.Errorf("post %d = %d %v %s, want a global 429 with Retry-After 4.000", i, status, h, body)
		}
	}
	if status, _, _ := post("channels/c1/messages"); status != 200 {
		t.Errorf("third post = %d, want 200 (Times: 2)", status)
	}
	if status, _, _ := post("channels/c2/messages"); status != 200 {
		t.Errorf("post to another route = %d, want 200", status)
	}
	s.RateLimit(RateLimitRule{Method: "POST", Prefix: "/channels/c3/", RetryAfter: time.Second, Times: -1})
	for i := range 3 {
		if status, h, _ := post("channels/c3/messages"); status != 429 || h.Get("X-RateLimit-Global") != "" {
			t.Errorf("post %d to an always-limited route = %d (global %q), want a non-global 429", i, status, h.Get("X-RateLimit-Global"))
		}
	}
	reqs := s.Requests()
	for _, r := range reqs {
		if r.At.IsZero() {
			t.Errorf("request %s %s has no time", r.Method, r.Path)
		}
	}
}

func TestEchoAuth(t *testing.T) {
	t.Parallel()
	s := New(Options{Token: token, EchoAuth: true})
	t.Cleanup(s.Close)
	s.FailNext("POST", "/channels/", 500, `{"message":"boom"}`)
	status, body := do(t, "POST", s.APIBase+"channels/c1/messages", "Bot "+token, "application/json", strings.NewReader(`{}`))
	if status != 500 || !strings.Contains(string(body), "Bot "+token) || !strings.Contains(string(body), "boom") {
		t.Errorf("failed post = %d %s, want 500 echoing the Authorization header", status, body)
	}
	status, body = do(t, "GET", s.APIBase+"users/@me", "Bot wrong", "", nil)
	if status != 401 || !strings.Contains(string(body), "Bot wrong") {
		t.Errorf("unauthorized GET = %d %s, want 401 echoing the header", status, body)
	}
	status, body = do(t, "GET", s.APIBase+"users/@me", "Bot "+token, "", nil)
	if status != 200 || strings.Contains(string(body), token) {
		t.Errorf("successful GET = %d %s, want 200 without the header", status, body)
	}
}

func TestHangUpNext(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	s.HangUpNext("POST", "/channels/")
	req, _ := http.NewRequestWithContext(t.Context(), "POST", s.APIBase+"channels/c1/messages", strings.NewReader(`{}`))
	req.Header.Set("Authorization", "Bot "+token)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("POST after HangUpNext = %d, want a network error", resp.StatusCode)
	}
	if status, _ := do(t, "POST", s.APIBase+"channels/c1/messages", "Bot "+token, "application/json", strings.NewReader(`{}`)); status != 200 {
		t.Errorf("second POST = %d, want 200", status)
	}
}

func TestStall(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	s.Stall(true)
	ws, _, err := websocket.DefaultDialer.DialContext(t.Context(), s.GatewayURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	_ = ws.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
	if _, msg, err := ws.ReadMessage(); err == nil {
		t.Errorf("stalled gateway sent %s, want nothing", msg)
	}
	s.Stall(false)
	ws2, _, err := websocket.DefaultDialer.DialContext(t.Context(), s.GatewayURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ws2.Close()
	if _, msg, err := ws2.ReadMessage(); err != nil || !strings.Contains(string(msg), `"op":10`) {
		t.Errorf("gateway after Stall(false) sent %s, %v; want HELLO", msg, err)
	}
	if s.Live() != 2 {
		t.Errorf("Live() = %d, want 2", s.Live())
	}
}
