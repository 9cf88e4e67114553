package serve

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// keepAlive is how often a stream that has nothing to say sends something,
// so that proxies do not cut it while an LLM thinks.
const keepAlive = 15 * time.Second

// sse writes server-sent events. Its methods may be called from several
// goroutines; a write error (the client left) makes the later writes
// no-ops.
type sse struct {
	mu     sync.Mutex
	w      http.ResponseWriter
	rc     *http.ResponseController
	failed bool
	last   time.Time
}

// startSSE sends the headers of an event stream.
func startSSE(w http.ResponseWriter) *sse {
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	s := &sse{w: w, rc: http.NewResponseController(w), last: time.Now()}
	s.rc.Flush()
	return s
}

// send writes one event: "event: NAME" when name is set, and data as one
// "data:" line (JSON never holds a raw line break).
func (s *sse) send(name string, data []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failed {
		return
	}
	var b strings.Builder
	if name != "" {
		b.WriteString("event: " + name + "\n")
	}
	b.WriteString("data: ")
	b.Write(data)
	b.WriteString("\n\n")
	if _, err := s.w.Write([]byte(b.String())); err != nil {
		s.failed = true
		return
	}
	if err := s.rc.Flush(); err != nil {
		s.failed = true
	}
	s.last = time.Now()
}

// ping sends a comment line, which event-stream readers skip.
func (s *sse) ping() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failed {
		return
	}
	if _, err := s.w.Write([]byte(": ping\n\n")); err != nil || s.rc.Flush() != nil {
		s.failed = true
	}
	s.last = time.Now()
}

// sendJSON sends v as an event's data.
func (s *sse) sendJSON(name string, v any) {
	b, err := marshal(v)
	if err != nil {
		return
	}
	s.send(name, b)
}

// idleSince reports how long nothing was sent.
func (s *sse) idleSince(now time.Time) time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return now.Sub(s.last)
}

// keepAlive calls ping whenever the stream has been idle for keepAlive,
// until stop is closed.
func (s *sse) keepAlive(stop <-chan struct{}, ping func()) {
	t := time.NewTicker(keepAlive / 3)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case now := <-t.C:
			if s.idleSince(now) >= keepAlive {
				ping()
			}
		}
	}
}

// marshal is json.Marshal without HTML escaping (report text is full of
// < > & in some reports, and the web page never treats it as HTML).
func marshal(v any) ([]byte, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return []byte(strings.TrimRight(b.String(), "\n")), nil
}

// relay decides which of an engine's streamed deltas an append-only stream
// (an OpenAI chat stream) may pass on at once. The engine hands over only
// checked sentences, but its final answer renumbers the markers 1..k in
// the order of first citation and may fall back to the extractive answer,
// so the deltas are forwarded only while they will read the same in the
// final answer: while each marker is [n] or [n,m] and each new passage
// number is the next one. From the first delta that breaks this, the rest
// is held back, and finish sends what the final answer adds. A relay is
// not safe for concurrent use.
type relay struct {
	sent  strings.Builder
	held  bool
	cited map[int]bool
	emit  func(string)
}

// markerRE finds citation markers the way the engine does ([1], [1,2],
// [1-3], 【1】); canonicalRE is the form the final answer writes.
var (
	markerRE    = regexp.MustCompile(`[\[【]\s*\d{1,3}(?:\s*[-–~,，、]\s*\d{1,3})*\s*[\]】]`)
	canonicalRE = regexp.MustCompile(`^\[\d{1,3}(?:,\d{1,3})*\]$`)
)

func newRelay(emit func(string)) *relay { return &relay{cited: map[int]bool{}, emit: emit} }

// write passes delta on, or holds it and everything after it.
func (r *relay) write(delta string) {
	if r.held || delta == "" {
		return
	}
	next := len(r.cited) + 1
	var fresh []int
	for _, m := range markerRE.FindAllString(delta, -1) {
		if !canonicalRE.MatchString(m) {
			r.held = true
			return
		}
		for _, f := range strings.Split(strings.Trim(m, "[]"), ",") {
			n, _ := strconv.Atoi(f)
			if r.cited[n] || containsInt(fresh, n) {
				continue
			}
			if n != next {
				r.held = true
				return
			}
			fresh = append(fresh, n)
			next++
		}
	}
	for _, n := range fresh {
		r.cited[n] = true
	}
	r.sent.WriteString(delta)
	r.emit(delta)
}

func containsInt(xs []int, n int) bool {
	for _, x := range xs {
		if x == n {
			return true
		}
	}
	return false
}

// revised introduces a final answer that does not continue the text
// already streamed (the engine fell back after streaming part of an
// answer).
const revised = "\n\n——\n（以上为未完成的回答；以下为最终答案 The answer above was replaced; final answer:）\n\n"

// finish returns what must follow the streamed text so that the stream
// ends with the final answer's text.
func (r *relay) finish(final string) string {
	sent := r.sent.String()
	if rest, ok := strings.CutPrefix(final, sent); ok {
		return rest
	}
	if strings.TrimSpace(sent) == "" {
		return strings.TrimLeft(final, " \n")
	}
	if rest, ok := strings.CutPrefix(strings.TrimLeft(final, " \n"), strings.TrimLeft(sent, " \n")); ok {
		return rest
	}
	return revised + final
}
