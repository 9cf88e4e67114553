package fakediscord

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/gorilla/websocket"
)

// ErrNotConnected is returned when an event needs a live gateway
// connection and there is none.
var ErrNotConnected = errors.New("fakediscord: no gateway connection")

type gwConn struct {
	n     int
	ws    *websocket.Conn
	ready bool // identified or resumed
}

type dispatch struct {
	seq int64
	t   string
	d   json.RawMessage
}

type frame struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d"`
	S  *int64          `json:"s,omitempty"`
	T  string          `json:"t,omitempty"`
}

func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	ws, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // Upgrade has answered with an HTTP error
	}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		ws.Close()
		return
	}
	s.conns++
	c := &gwConn{n: s.conns, ws: ws}
	s.live[c] = true
	s.frames = append(s.frames, Frame{Conn: c.n, Dir: "conn", Type: "open"})
	s.notify()
	if !s.stall {
		hello, _ := json.Marshal(map[string]any{"heartbeat_interval": s.opts.HeartbeatInterval.Milliseconds()})
		s.writeLocked(c, frame{Op: 10, D: hello})
	}
	s.mu.Unlock()

	defer func() {
		ws.Close()
		s.mu.Lock()
		delete(s.live, c)
		if s.cur == c {
			s.cur = nil
		}
		s.frames = append(s.frames, Frame{Conn: c.n, Dir: "conn", Type: "close"})
		s.notify()
		s.mu.Unlock()
	}()

	for {
		_, msg, err := ws.ReadMessage()
		if err != nil {
			return
		}
		var f frame
		if err := json.Unmarshal(msg, &f); err != nil {
			f = frame{Op: -1, D: json.RawMessage(fmt.Sprintf("%q", msg))}
		}
		s.mu.Lock()
		in := Frame{Conn: c.n, Dir: "in", Op: f.Op, Type: f.T, Data: f.D}
		if f.S != nil {
			in.Seq = *f.S
		}
		s.frames = append(s.frames, in)
		s.notify()
		switch f.Op {
		case 1: // heartbeat
			s.writeLocked(c, frame{Op: 11})
		case 2: // identify
			s.identifyLocked(c, f.D)
		case 6: // resume
			s.resumeLocked(c, f.D)
		}
		s.mu.Unlock()
	}
}

func (s *Server) tokenOK(tok string) bool {
	return s.opts.Token == "" || tok == "Bot "+s.opts.Token
}

func (s *Server) identifyLocked(c *gwConn, d json.RawMessage) {
	var id struct {
		Token string `json:"token"`
	}
	_ = json.Unmarshal(d, &id)
	if !s.tokenOK(id.Token) {
		s.closeLocked(c, 4004, "Authentication failed.")
		return
	}
	s.sessionID = "session-" + s.NewID()
	s.seq = 0
	s.sent = nil
	c.ready = true
	s.cur = c
	s.dispatchLocked("READY", map[string]any{
		"v":                  10,
		"user":               s.botUser(),
		"session_id":         s.sessionID,
		"resume_gateway_url": s.GatewayURL,
		"application":        map[string]any{"id": s.AppID, "flags": 0},
		"guilds":             []any{},
		"private_channels":   []any{},
	})
}

func (s *Server) resumeLocked(c *gwConn, d json.RawMessage) {
	var rs struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	_ = json.Unmarshal(d, &rs)
	if !s.tokenOK(rs.Token) {
		s.closeLocked(c, 4004, "Authentication failed.")
		return
	}
	if rs.SessionID == "" || rs.SessionID != s.sessionID {
		s.writeLocked(c, frame{Op: 9, D: json.RawMessage("false")}) // invalid session
		return
	}
	c.ready = true
	s.cur = c
	for _, e := range s.sent {
		if e.seq > rs.Seq {
			s.writeDispatchLocked(c, e)
		}
	}
	s.dispatchLocked("RESUMED", map[string]any{})
}

// Dispatch sends an op 0 event with the next sequence number to the live
// connection. With none (the client is reconnecting) the event is kept and
// replayed when the client resumes. data is marshalled unless it is a
// json.RawMessage, which is sent as is.
func (s *Server) Dispatch(eventType string, data any) (seq int64, err error) {
	raw, ok := data.(json.RawMessage)
	if !ok {
		raw, err = json.Marshal(data)
		if err != nil {
			return 0, fmt.Errorf("fakediscord: marshal %s: %w", eventType, err)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dispatchLocked(eventType, raw), nil
}

func (s *Server) dispatchLocked(eventType string, data any) int64 {
	raw, ok := data.(json.RawMessage)
	if !ok {
		raw, _ = json.Marshal(data)
	}
	s.seq++
	e := dispatch{seq: s.seq, t: eventType, d: raw}
	s.sent = append(s.sent, e)
	if s.cur != nil && s.cur.ready {
		s.writeDispatchLocked(s.cur, e)
	}
	return e.seq
}

func (s *Server) writeDispatchLocked(c *gwConn, e dispatch) {
	seq := e.seq
	s.writeLocked(c, frame{Op: 0, S: &seq, T: e.t, D: e.d})
}

// writeLocked sends one frame and records it. A failed write is recorded
// too; the read loop notices the broken connection.
func (s *Server) writeLocked(c *gwConn, f frame) {
	if f.D == nil {
		f.D = json.RawMessage("null")
	}
	b, _ := json.Marshal(f)
	s.writeRawLocked(c, b)
	out := Frame{Conn: c.n, Dir: "out", Op: f.Op, Type: f.T, Data: f.D}
	if f.S != nil {
		out.Seq = *f.S
	}
	s.frames = append(s.frames, out)
	s.notify()
}

func (s *Server) writeRawLocked(c *gwConn, b []byte) error {
	_ = c.ws.SetWriteDeadline(time.Now().Add(5 * time.Second))
	return c.ws.WriteMessage(websocket.TextMessage, b)
}

func (s *Server) closeLocked(c *gwConn, code int, text string) {
	_ = c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, text), time.Now().Add(time.Second))
	c.ws.Close()
}

// SendRaw writes b as one text frame to the live connection, unrecorded
// and without a sequence number: for malformed-frame tests.
func (s *Server) SendRaw(b []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur == nil {
		return ErrNotConnected
	}
	return s.writeRawLocked(s.cur, b)
}

// Reconnect sends op 7 RECONNECT: the client should close and resume.
func (s *Server) Reconnect() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur == nil {
		return ErrNotConnected
	}
	s.writeLocked(s.cur, frame{Op: 7})
	return nil
}

// Drop cuts the live connection without a close frame, as a network
// failure would. The session stays resumable.
func (s *Server) Drop() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur == nil {
		return ErrNotConnected
	}
	s.cur.ready = false
	err := s.cur.ws.UnderlyingConn().Close()
	s.cur = nil
	return err
}

// Ready reports whether a client has identified or resumed on a live
// connection, so that dispatches reach it at once.
func (s *Server) Ready() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cur != nil && s.cur.ready
}

// Count returns how many recorded frames the client sent with opcode op
// (2 identify, 6 resume, 1 heartbeat).
func (s *Server) Count(op int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, f := range s.frames {
		if f.Dir == "in" && f.Op == op {
			n++
		}
	}
	return n
}

// Stall makes new gateway connections hang: the server accepts the
// websocket and then says nothing, not even HELLO, as a stuck gateway or
// proxy would. Stall(false) restores normal service for later connections.
func (s *Server) Stall(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stall = on
}

// Live returns how many gateway connections are open now.
func (s *Server) Live() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.live)
}

// Connections returns how many gateway connections were opened.
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conns
}

// Message is a MESSAGE_CREATE to push with [Server.SendMessage].
type Message struct {
	ID        string // default: a new ID
	ChannelID string
	GuildID   string // empty for a direct message
	AuthorID  string
	Author    string // username; default "user"+AuthorID
	Bot       bool   // the author is a bot
	Content   string
	Mentions  []string // IDs of mentioned users
}

// SendMessage dispatches a MESSAGE_CREATE and returns the message ID.
func (s *Server) SendMessage(m Message) (string, error) {
	if m.ID == "" {
		m.ID = s.NewID()
	}
	if m.Author == "" {
		m.Author = "user" + m.AuthorID
	}
	mentions := []map[string]any{}
	for _, id := range m.Mentions {
		u := map[string]any{"id": id, "username": "user" + id}
		if id == s.BotID {
			u = s.botUser()
		}
		mentions = append(mentions, u)
	}
	msg := map[string]any{
		"id":         m.ID,
		"type":       0,
		"channel_id": m.ChannelID,
		"author":     map[string]any{"id": m.AuthorID, "username": m.Author, "discriminator": "0", "bot": m.Bot},
		"content":    m.Content,
		"mentions":   mentions,
		"timestamp":  time.Now().UTC().Format(time.RFC3339),
	}
	if m.GuildID != "" {
		msg["guild_id"] = m.GuildID
		msg["member"] = map[string]any{"roles": []string{}}
	}
	_, err := s.Dispatch("MESSAGE_CREATE", msg)
	return m.ID, err
}

// Interaction identifies a pushed interaction and where its responses go,
// as request paths.
type Interaction struct {
	ID, Token string
	// Callback is POST /interactions/{id}/{token}/callback.
	Callback string
	// Original is PATCH /webhooks/{app}/{token}/messages/@original.
	Original string
	// Followup is POST /webhooks/{app}/{token}.
	Followup string
}

// Command is an application command (slash command) to push with
// [Server.SendCommand].
type Command struct {
	ChannelID string
	GuildID   string // empty for a direct message
	UserID    string
	Name      string
	// Options are string options, name → value.
	Options map[string]string
}

// SendCommand dispatches an INTERACTION_CREATE of type 2 (application
// command).
func (s *Server) SendCommand(c Command) (Interaction, error) {
	opts := []map[string]any{}
	for k, v := range c.Options {
		opts = append(opts, map[string]any{"name": k, "type": 3, "value": v})
	}
	data := map[string]any{"id": s.NewID(), "name": c.Name, "type": 1, "options": opts}
	return s.interact(2, c.ChannelID, c.GuildID, c.UserID, data, nil)
}

// Component is a button press to push with [Server.SendComponent].
type Component struct {
	ChannelID string
	GuildID   string
	UserID    string
	CustomID  string
	MessageID string // the message the button is on; default a new ID
	Ephemeral bool   // the message is ephemeral
}

// SendComponent dispatches an INTERACTION_CREATE of type 3 (message
// component).
func (s *Server) SendComponent(c Component) (Interaction, error) {
	if c.MessageID == "" {
		c.MessageID = s.NewID()
	}
	msg := map[string]any{"id": c.MessageID, "channel_id": c.ChannelID, "author": s.botUser(), "content": ""}
	if c.Ephemeral {
		msg["flags"] = 64
	}
	data := map[string]any{"custom_id": c.CustomID, "component_type": 2}
	return s.interact(3, c.ChannelID, c.GuildID, c.UserID, data, msg)
}

func (s *Server) interact(typ int, channelID, guildID, userID string, data, message map[string]any) (Interaction, error) {
	in := Interaction{ID: s.NewID(), Token: "itoken-" + s.NewID()}
	in.Callback = "/interactions/" + in.ID + "/" + in.Token + "/callback"
	in.Original = "/webhooks/" + s.AppID + "/" + in.Token + "/messages/@original"
	in.Followup = "/webhooks/" + s.AppID + "/" + in.Token
	user := map[string]any{"id": userID, "username": "user" + userID, "discriminator": "0"}
	ev := map[string]any{
		"id":             in.ID,
		"application_id": s.AppID,
		"type":           typ,
		"token":          in.Token,
		"version":        1,
		"channel_id":     channelID,
		"data":           data,
		"locale":         "zh-CN",
	}
	if guildID != "" {
		ev["guild_id"] = guildID
		ev["member"] = map[string]any{"user": user, "roles": []string{}}
	} else {
		ev["user"] = user
	}
	if message != nil {
		ev["message"] = message
	}
	_, err := s.Dispatch("INTERACTION_CREATE", ev)
	return in, err
}
