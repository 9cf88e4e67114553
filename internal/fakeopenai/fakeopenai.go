// Package fakeopenai is an OpenAI-compatible HTTP server for tests.
//
// It runs on [httptest] and speaks the wire format that
// github.com/sashabaranov/go-openai reads, so tests drive the real client:
// JSON bodies, the Authorization header, status codes, error bodies and
// server-sent events all get exercised. It answers two endpoints:
//
//   - POST /v1/chat/completions: non-streaming JSON, or SSE chunks
//     ("data: {...}\n\n" ending with "data: [DONE]\n\n") when the request
//     sets stream. The assistant text comes from a scriptable reply func.
//   - POST /v1/embeddings: one deterministic, normalized vector per input
//     (string or []string), with the index field set.
//
// Each endpoint has a queue of faults (401, 429 with Retry-After, 500,
// malformed JSON, a reply that hangs until the request is cancelled) that
// are served, one per request, before it succeeds. Every request is
// recorded.
//
// Usage, in the style of go-github's setup():
//
//	s := fakeopenai.New(t)
//	s.SetChatReply(func(openai.ChatCompletionRequest) string { return "答案[1]" })
//	s.FailChat(fakeopenai.RateLimited(1))
//	client := s.Client()
//
// A Server is safe for concurrent use.
package fakeopenai

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	openai "github.com/sashabaranov/go-openai"
)

// Token is the API key that [Server.Client] sends and the server expects
// in the "Authorization: Bearer" header.
const Token = "test-token"

// The paths the server answers, as seen on the wire.
const (
	ChatPath       = "/v1/chat/completions"
	EmbeddingsPath = "/v1/embeddings"
)

// DefaultEmbeddingDim is the vector length returned when neither the
// request's dimensions field nor [Server.SetEmbeddingDim] says otherwise.
const DefaultEmbeddingDim = 8

// DefaultStreamChunkRunes is how many runes of the reply go into each
// streamed chunk unless [Server.SetStreamChunkRunes] says otherwise.
const DefaultStreamChunkRunes = 4

// Fault is one scripted failure. The zero Fault is a 200 with an empty
// body, which go-openai reports as a decoding error.
type Fault struct {
	// Status is the HTTP status code; 0 means 200.
	Status int
	// RetryAfter, when not empty, is sent as the Retry-After header.
	RetryAfter string
	// Body is written as is, with Content-Type application/json.
	Body string
	// Hang makes the handler block until the request's context is done
	// (the client gave up) or the server is closed. Nothing is written.
	Hang bool
}

// Unauthorized returns a 401 fault with an OpenAI error body.
func Unauthorized() Fault {
	return Fault{Status: http.StatusUnauthorized, Body: errorBody(
		"Incorrect API key provided.", "invalid_request_error", "invalid_api_key")}
}

// RateLimited returns a 429 fault with a Retry-After header of the given
// number of seconds and an OpenAI error body whose message says the same
// ("Please try again in 2s."), as OpenAI's own 429 bodies do.
func RateLimited(retryAfterSeconds int) Fault {
	return Fault{
		Status:     http.StatusTooManyRequests,
		RetryAfter: strconv.Itoa(retryAfterSeconds),
		Body: errorBody(fmt.Sprintf("Rate limit reached for requests. Please try again in %ds.", retryAfterSeconds),
			"requests", "rate_limit_exceeded"),
	}
}

// ServerError returns a 500 fault with an OpenAI error body.
func ServerError() Fault {
	return Fault{Status: http.StatusInternalServerError, Body: errorBody(
		"The server had an error while processing your request.", "server_error", nil)}
}

// Malformed returns a 200 fault whose body is not valid JSON.
func Malformed() Fault {
	return Fault{Status: http.StatusOK, Body: `{"object": "list", "data": [oops`}
}

// Slow returns a fault that never answers: the handler blocks until the
// client cancels the request (a context deadline) or the server closes.
func Slow() Fault { return Fault{Hang: true} }

// Request is one HTTP request as the server received it.
type Request struct {
	Method string
	Path   string
	Header http.Header
	Body   []byte
}

// EmbeddingRequest is a decoded /v1/embeddings body, with Input
// normalized to a slice whether it was sent as a string or an array.
type EmbeddingRequest struct {
	Model          string
	Input          []string
	Dimensions     int
	EncodingFormat string
}

// Server is a fake OpenAI API. Create it with [New]. Its methods are safe
// for concurrent use, including while requests are being served.
type Server struct {
	// URL is the base URL for go-openai's ClientConfig.BaseURL; it ends in /v1.
	URL string

	srv     *httptest.Server
	done    chan struct{}
	hanging chan struct{}

	mu         sync.Mutex
	reply      func(openai.ChatCompletionRequest) string
	faults     map[string][]Fault
	dim        int
	scale      float32
	reversed   bool
	chunkRunes int
	requests   []Request
	chats      []openai.ChatCompletionRequest
	embeds     []EmbeddingRequest
}

// New starts a fake server and closes it when the test ends. Closing
// releases handlers blocked by [Slow] faults, so shutdown never hangs.
func New(t testing.TB) *Server {
	t.Helper()
	s := &Server{
		done:       make(chan struct{}),
		hanging:    make(chan struct{}, 64),
		reply:      func(openai.ChatCompletionRequest) string { return "ok" },
		faults:     map[string][]Fault{},
		dim:        DefaultEmbeddingDim,
		scale:      1,
		chunkRunes: DefaultStreamChunkRunes,
	}
	mux := http.NewServeMux()
	mux.HandleFunc(ChatPath, s.handleChat)
	mux.HandleFunc(EmbeddingsPath, s.handleEmbeddings)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.record(r, nil)
		writeError(w, http.StatusNotFound, "Unknown request URL: "+r.Method+" "+r.URL.Path, "invalid_request_error", "unknown_url")
	})
	s.srv = httptest.NewServer(mux)
	s.URL = s.srv.URL + "/v1"
	t.Cleanup(func() {
		close(s.done)
		s.srv.Close()
	})
	return s
}

// Client returns a go-openai client for the server, built from
// openai.DefaultConfig([Token]) with BaseURL set to s.URL. Its HTTP
// transport is the test server's, so idle connections close with it.
func (s *Server) Client() *openai.Client {
	config := openai.DefaultConfig(Token)
	config.BaseURL = s.URL
	config.HTTPClient = s.srv.Client()
	return openai.NewClientWithConfig(config)
}

// SetChatReply sets the function that writes the assistant text for each
// successful chat completion. The default replies "ok".
func (s *Server) SetChatReply(f func(req openai.ChatCompletionRequest) string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reply = f
}

// SetStreamChunkRunes sets how many runes of the reply go into each SSE
// chunk; n < 1 means [DefaultStreamChunkRunes].
func (s *Server) SetStreamChunkRunes(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n < 1 {
		n = DefaultStreamChunkRunes
	}
	s.chunkRunes = n
}

// SetEmbeddingDim sets the vector length used when a request does not set
// dimensions; n < 1 means [DefaultEmbeddingDim].
func (s *Server) SetEmbeddingDim(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n < 1 {
		n = DefaultEmbeddingDim
	}
	s.dim = n
}

// SetEmbeddingScale multiplies every returned vector by f, so that tests
// can check that a client normalizes. The default is 1 (unit vectors).
func (s *Server) SetEmbeddingScale(f float32) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.scale = f
}

// SetEmbeddingsReversed makes the server list embeddings in reverse input
// order (each still carries its correct index), so that tests can check
// that a client orders results by index rather than by position.
func (s *Server) SetEmbeddingsReversed(reversed bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reversed = reversed
}

// FailChat queues faults for /v1/chat/completions. Each request takes the
// next fault; when the queue is empty, requests succeed.
func (s *Server) FailChat(faults ...Fault) { s.fail(ChatPath, faults) }

// FailEmbeddings queues faults for /v1/embeddings, like [Server.FailChat].
func (s *Server) FailEmbeddings(faults ...Fault) { s.fail(EmbeddingsPath, faults) }

func (s *Server) fail(path string, faults []Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[path] = append(s.faults[path], faults...)
}

// PendingFaults returns how many queued faults for path (ChatPath or
// EmbeddingsPath) have not been served yet.
func (s *Server) PendingFaults(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.faults[path])
}

// Hanging returns a channel that receives a value each time a handler
// starts blocking on a [Slow] fault (up to 64 unread), so that a test can
// wait for a request to be in flight without sleeping.
func (s *Server) Hanging() <-chan struct{} { return s.hanging }

// Requests returns a copy of every request received so far, in order,
// including those that got a fault or an error.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.requests))
	copy(out, s.requests)
	return out
}

// ChatRequests returns the decoded bodies of the well-formed, authorized
// chat completion requests received so far, in order, faulted ones included.
func (s *Server) ChatRequests() []openai.ChatCompletionRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]openai.ChatCompletionRequest, len(s.chats))
	copy(out, s.chats)
	return out
}

// EmbeddingRequests returns the decoded bodies of the well-formed,
// authorized embedding requests received so far, in order, faulted ones
// included.
func (s *Server) EmbeddingRequests() []EmbeddingRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]EmbeddingRequest, len(s.embeds))
	copy(out, s.embeds)
	return out
}

// Vector returns the unit vector of length dim that the server returns for
// text (before any [Server.SetEmbeddingScale]). It is deterministic: the
// same text always gives the same vector. dim < 1 gives nil.
func Vector(text string, dim int) []float32 {
	if dim < 1 {
		return nil
	}
	h := fnv.New64a()
	io.WriteString(h, text)
	seed := h.Sum64()
	v := make([]float32, dim)
	var sum float64
	for i := range v {
		x := splitmix64(seed + uint64(i)*0x9e3779b97f4a7c15)
		f := float64(x>>11)/float64(1<<53)*2 - 1
		v[i] = float32(f)
		sum += f * f
	}
	norm := math.Sqrt(sum)
	if norm == 0 {
		v[0], norm = 1, 1
	}
	for i := range v {
		v[i] = float32(float64(v[i]) / norm)
	}
	return v
}

func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// Chunks splits text into pieces of n runes, the way the server streams a
// reply. n < 1 means [DefaultStreamChunkRunes].
func Chunks(text string, n int) []string {
	if n < 1 {
		n = DefaultStreamChunkRunes
	}
	var out []string
	for len(text) > 0 {
		i, runes := 0, 0
		for i < len(text) && runes < n {
			_, size := utf8.DecodeRuneInString(text[i:])
			i += size
			runes++
		}
		out = append(out, text[:i])
		text = text[i:]
	}
	return out
}

// record stores r with its already-read body; body is nil for requests
// whose body was not read.
func (s *Server) record(r *http.Request, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, Request{
		Method: r.Method,
		Path:   r.URL.Path,
		Header: r.Header.Clone(),
		Body:   body,
	})
}

// precheck reads and records the body and checks method, auth and content
// type. It writes an error response and returns false when a check fails.
func (s *Server) precheck(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	body, err := io.ReadAll(r.Body)
	s.record(r, body)
	if err != nil {
		writeError(w, http.StatusBadRequest, "could not read body: "+err.Error(), "invalid_request_error", nil)
		return nil, false
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		writeError(w, http.StatusMethodNotAllowed, "method "+r.Method+" not allowed", "invalid_request_error", nil)
		return nil, false
	}
	if r.Header.Get("Authorization") != "Bearer "+Token {
		f := Unauthorized()
		writeRaw(w, f.Status, f.Body)
		return nil, false
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		writeError(w, http.StatusUnsupportedMediaType, "Content-Type must be application/json, got "+strconv.Quote(ct), "invalid_request_error", nil)
		return nil, false
	}
	return body, true
}

// nextFault pops the next queued fault for path, if any.
func (s *Server) nextFault(path string) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.faults[path]
	if len(q) == 0 {
		return Fault{}, false
	}
	s.faults[path] = q[1:]
	return q[0], true
}

// serveFault writes f, or blocks for a Hang fault until the client gives
// up or the server closes.
func (s *Server) serveFault(w http.ResponseWriter, r *http.Request, f Fault) {
	if f.Hang {
		select {
		case s.hanging <- struct{}{}:
		default:
		}
		select {
		case <-r.Context().Done():
		case <-s.done:
			writeError(w, http.StatusServiceUnavailable, "server shutting down", "server_error", nil)
		}
		return
	}
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	status := f.Status
	if status == 0 {
		status = http.StatusOK
	}
	writeRaw(w, status, f.Body)
}

func (s *Server) handleChat(w http.ResponseWriter, r *http.Request) {
	body, ok := s.precheck(w, r)
	if !ok {
		return
	}
	var req openai.ChatCompletionRequest
	if err := strictDecode(body, &req); err != nil {
		writeError(w, http.StatusBadRequest, "invalid JSON body: "+err.Error(), "invalid_request_error", nil)
		return
	}
	if req.Model == "" || len(req.Messages) == 0 {
		writeError(w, http.StatusBadRequest, "model and messages are required", "invalid_request_error", nil)
		return
	}
	s.mu.Lock()
	s.chats = append(s.chats, req)
	reply := s.reply
	chunkRunes := s.chunkRunes
	s.mu.Unlock()

	if f, ok := s.nextFault(ChatPath); ok {
		s.serveFault(w, r, f)
		return
	}
	text := reply(req)
	id := "chatcmpl-fake"
	created := time.Now().Unix()
	if !req.Stream {
		writeJSON(w, http.StatusOK, openai.ChatCompletionResponse{
			ID:      id,
			Object:  "chat.completion",
			Created: created,
			Model:   req.Model,
			Choices: []openai.ChatCompletionChoice{{
				Index:        0,
				Message:      openai.ChatCompletionMessage{Role: openai.ChatMessageRoleAssistant, Content: text},
				FinishReason: openai.FinishReasonStop,
			}},
			Usage: openai.Usage{PromptTokens: 1, CompletionTokens: 1, TotalTokens: 2},
		})
		return
	}

	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("Connection", "keep-alive")
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	chunk := func(delta openai.ChatCompletionStreamChoiceDelta, finish openai.FinishReason) error {
		b, err := json.Marshal(openai.ChatCompletionStreamResponse{
			ID:      id,
			Object:  "chat.completion.chunk",
			Created: created,
			Model:   req.Model,
			Choices: []openai.ChatCompletionStreamChoice{{Index: 0, Delta: delta, FinishReason: finish}},
		})
		if err != nil {
			return err
		}
		if _, err := fmt.Fprintf(w, "data: %s\n\n", b); err != nil {
			return err
		}
		return rc.Flush()
	}
	if chunk(openai.ChatCompletionStreamChoiceDelta{Role: openai.ChatMessageRoleAssistant}, "") != nil {
		return
	}
	for _, piece := range Chunks(text, chunkRunes) {
		if chunk(openai.ChatCompletionStreamChoiceDelta{Content: piece}, "") != nil {
			return
		}
	}
	if chunk(openai.ChatCompletionStreamChoiceDelta{}, openai.FinishReasonStop) != nil {
		return
	}
	if _, err := io.WriteString(w, "data: [DONE]\n\n"); err == nil {
		_ = rc.Flush()
	}
}

// embeddingBody is the wire shape of an embeddings request.
type embeddingBody struct {
	Input          json.RawMessage `json:"input"`
	Model          string          `json:"model"`
	User           string          `json:"user,omitempty"`
	EncodingFormat string          `json:"encoding_format,omitempty"`
	Dimensions     int             `json:"dimensions,omitempty"`
}

func (s *Server) handleEmbeddings(w http.ResponseWriter, r *http.Request) {
	body, ok := s.precheck(w, r)
	if !ok {
		return
	}
	var b embeddingBody
	if err := strictDecode(body, &b); err != nil {
		writeError(w, http.StatusBadRequest, "invalid JSON body: "+err.Error(), "invalid_request_error", nil)
		return
	}
	inputs, err := decodeInput(b.Input)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error(), "invalid_request_error", "input")
		return
	}
	if b.Model == "" {
		writeError(w, http.StatusBadRequest, "model is required", "invalid_request_error", "model")
		return
	}
	if b.EncodingFormat != "" && b.EncodingFormat != string(openai.EmbeddingEncodingFormatFloat) {
		writeError(w, http.StatusBadRequest, "only encoding_format float is supported", "invalid_request_error", "encoding_format")
		return
	}
	s.mu.Lock()
	s.embeds = append(s.embeds, EmbeddingRequest{Model: b.Model, Input: inputs, Dimensions: b.Dimensions, EncodingFormat: b.EncodingFormat})
	dim, scale, reversed := s.dim, s.scale, s.reversed
	s.mu.Unlock()

	if f, ok := s.nextFault(EmbeddingsPath); ok {
		s.serveFault(w, r, f)
		return
	}
	if b.Dimensions > 0 {
		dim = b.Dimensions
	}
	data := make([]openai.Embedding, len(inputs))
	for i, in := range inputs {
		v := Vector(in, dim)
		for j := range v {
			v[j] *= scale
		}
		data[i] = openai.Embedding{Object: "embedding", Embedding: v, Index: i}
	}
	if reversed {
		for i, j := 0, len(data)-1; i < j; i, j = i+1, j-1 {
			data[i], data[j] = data[j], data[i]
		}
	}
	writeJSON(w, http.StatusOK, openai.EmbeddingResponse{
		Object: "list",
		Data:   data,
		Model:  openai.EmbeddingModel(b.Model),
		Usage:  openai.Usage{PromptTokens: len(inputs), TotalTokens: len(inputs)},
	})
}

// decodeInput accepts a JSON string or array of strings, like the real API
// for text input, and rejects empty strings as the real API does.
func decodeInput(raw json.RawMessage) ([]string, error) {
	if len(raw) == 0 {
		return nil, errors.New("input is required")
	}
	var one string
	if err := json.Unmarshal(raw, &one); err == nil {
		if one == "" {
			return nil, errors.New("input must not be empty")
		}
		return []string{one}, nil
	}
	var many []string
	if err := json.Unmarshal(raw, &many); err != nil {
		return nil, errors.New("input must be a string or an array of strings")
	}
	if len(many) == 0 {
		return nil, errors.New("input must not be empty")
	}
	for i, in := range many {
		if in == "" {
			return nil, fmt.Errorf("input[%d] must not be empty", i)
		}
	}
	return many, nil
}

// strictDecode decodes one JSON value and rejects trailing data.
func strictDecode(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("trailing data after JSON value")
	}
	return nil
}

// errorBody renders an OpenAI error response; code may be a string or nil.
func errorBody(message, typ string, code any) string {
	b, err := json.Marshal(map[string]any{"error": map[string]any{
		"message": message,
		"type":    typ,
		"param":   nil,
		"code":    code,
	}})
	if err != nil {
		panic(err) // only plain strings and nil go in
	}
	return string(b)
}

func writeError(w http.ResponseWriter, status int, message, typ string, code any) {
	writeRaw(w, status, errorBody(message, typ, code))
}

func writeRaw(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "fake: encode response: "+err.Error(), "server_error", nil)
		return
	}
	writeRaw(w, status, string(b))
}
