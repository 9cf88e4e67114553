package serve

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/reportbot/reportbot/answer"
)

// maxHistoryTurns is how many earlier exchanges of a conversation go to the
// engine as its history.
const maxHistoryTurns = 8

// The wire shapes of OpenAI's chat API that the server reads and writes.
type (
	chatRequest struct {
		Model         string        `json:"model"`
		Messages      []chatMessage `json:"messages"`
		Stream        bool          `json:"stream"`
		StreamOptions *struct {
			IncludeUsage bool `json:"include_usage"`
		} `json:"stream_options"`
		N *int `json:"n"`
		// Report is reportbot's extension: answer from the reports whose
		// title, region or file name contains it.
		Report string `json:"report"`
	}
	chatMessage struct {
		Role    string          `json:"role"`
		Content json.RawMessage `json:"content"`
	}
	contentPart struct {
		Type string `json:"type"`
		Text string `json:"text"`
	}

	modelObject struct {
		ID      string `json:"id"`
		Object  string `json:"object"`
		Created int64  `json:"created"`
		OwnedBy string `json:"owned_by"`
	}

	completion struct {
		ID        string             `json:"id"`
		Object    string             `json:"object"`
		Created   int64              `json:"created"`
		Model     string             `json:"model"`
		Choices   []completionChoice `json:"choices"`
		Usage     *usage             `json:"usage,omitempty"`
		Citations []answer.Citation  `json:"citations,omitzero"` // [] for no citation; absent from the chunks before the last
		Reportbot *answerMeta        `json:"reportbot,omitempty"`
	}
	completionChoice struct {
		Index        int       `json:"index"`
		Message      *chatOut  `json:"message,omitempty"`
		Delta        *chatOut  `json:"delta,omitempty"`
		FinishReason *string   `json:"finish_reason"`
		Logprobs     *struct{} `json:"logprobs"`
	}
	chatOut struct {
		Role    string  `json:"role,omitempty"`
		Content *string `json:"content,omitempty"`
	}
	// usage counts code points: the server has no tokenizer.
	usage struct {
		PromptTokens     int `json:"prompt_tokens"`
		CompletionTokens int `json:"completion_tokens"`
		TotalTokens      int `json:"total_tokens"`
	}
	// answerMeta is the part of an Answer that is not its text or
	// citations.
	answerMeta struct {
		Answerable bool        `json:"answerable"`
		Grounded   bool        `json:"grounded"`
		Mode       answer.Mode `json:"mode"`
		Note       string      `json:"note,omitempty"`
		Reports    []string    `json:"reports,omitempty"`
	}
)

func (s *Server) model() modelObject {
	return modelObject{ID: s.opts.ModelName, Object: "model", Created: s.created, OwnedBy: "reportbot"}
}

// handleModels lists the one model: the loaded reports.
func (s *Server) handleModels(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, struct {
		Object string        `json:"object"`
		Data   []modelObject `json:"data"`
	}{"list", []modelObject{s.model()}})
}

func (s *Server) handleModel(w http.ResponseWriter, r *http.Request) {
	if id := r.PathValue("id"); id != s.opts.ModelName {
		writeError(w, s.unknownModel(id))
		return
	}
	writeJSON(w, s.model())
}

func (s *Server) unknownModel(id string) *apiError {
	return notFound("model", "model_not_found", "the model %q does not exist; this server has %q", id, s.opts.ModelName)
}

// handleChat answers POST /v1/chat/completions.
func (s *Server) handleChat(w http.ResponseWriter, r *http.Request) {
	var cr chatRequest
	if err := s.decodeJSON(w, r, &cr); err != nil {
		writeError(w, err)
		return
	}
	req, err := s.chatToRequest(cr)
	if err != nil {
		writeError(w, err)
		return
	}
	ctx := r.Context()
	info(ctx).stream = cr.Stream
	c := completion{ID: "chatcmpl-" + randomID(), Created: time.Now().Unix(), Model: s.opts.ModelName}
	if cr.Stream {
		s.streamChat(ctx, w, req, c, cr.StreamOptions != nil && cr.StreamOptions.IncludeUsage)
		return
	}
	ans, err := s.e.Ask(ctx, req)
	if err != nil {
		writeError(w, engineError(ctx, err))
		return
	}
	info(ctx).mode = string(ans.Mode)
	text := content(ans)
	c.Object = "chat.completion"
	c.Choices = []completionChoice{{Message: &chatOut{Role: "assistant", Content: &text}, FinishReason: strp("stop")}}
	c.Usage = usageOf(req, text)
	c.Citations, c.Reportbot = citations(ans), meta(ans)
	writeJSON(w, c)
}

// streamChat answers with server-sent events in OpenAI's chunk shapes: a
// first chunk with the role, the answer's text (as the engine streams its
// checked sentences, or whole), the note and sources, a last chunk with
// finish_reason, the citations and the answer's mode, a usage chunk when
// asked, and data: [DONE].
func (s *Server) streamChat(ctx context.Context, w http.ResponseWriter, req answer.Request, c completion, withUsage bool) {
	c.Object = "chat.completion.chunk"
	ev := startSSE(w)
	chunk := func(delta *chatOut, finish *string) completion {
		out := c
		out.Choices = []completionChoice{{Delta: delta, FinishReason: finish}}
		return out
	}
	say := func(text string) {
		if text != "" {
			ev.sendJSON("", chunk(&chatOut{Content: &text}, nil))
		}
	}
	empty := ""
	ev.sendJSON("", chunk(&chatOut{Role: "assistant", Content: &empty}, nil))

	stop := make(chan struct{})
	go ev.keepAlive(stop, func() { ev.sendJSON("", chunk(&chatOut{Content: &empty}, nil)) })
	rl := newRelay(say)
	req.OnDelta = rl.write
	ans, err := s.e.Ask(ctx, req)
	close(stop)
	if err != nil {
		ae := engineError(ctx, err).(*apiError)
		ev.sendJSON("", struct {
			Error *apiError `json:"error"`
		}{ae})
		ev.send("", []byte("[DONE]"))
		return
	}
	info(ctx).mode = string(ans.Mode)
	say(rl.finish(ans.Text))
	say(tail(ans))
	last := chunk(&chatOut{}, strp("stop"))
	last.Citations, last.Reportbot = citations(ans), meta(ans)
	ev.sendJSON("", last)
	if withUsage {
		u := c
		u.Choices = []completionChoice{}
		u.Usage = usageOf(req, content(ans))
		ev.sendJSON("", u)
	}
	ev.send("", []byte("[DONE]"))
}

// chatToRequest turns a chat request into the engine's: the last message
// is the question and must be the user's; the user/assistant pairs before
// it are the history. System and tool messages are ignored: the engine's
// instructions are its own.
func (s *Server) chatToRequest(cr chatRequest) (answer.Request, error) {
	if cr.Model != "" && cr.Model != s.opts.ModelName {
		return answer.Request{}, s.unknownModel(cr.Model)
	}
	if cr.N != nil && *cr.N != 1 {
		return answer.Request{}, badRequest("n", "invalid_value", "n must be 1: the server gives one answer")
	}
	if len(cr.Messages) == 0 {
		return answer.Request{}, badRequest("messages", "missing_required_parameter", "messages is empty; send at least one user message")
	}
	texts := make([]string, len(cr.Messages))
	for i, m := range cr.Messages {
		t, err := messageText(m.Content)
		if err != nil {
			return answer.Request{}, badRequest("messages["+strconv.Itoa(i)+"].content", "invalid_type", "content must be a string or an array of text parts")
		}
		texts[i] = t
	}
	last := len(cr.Messages) - 1
	if cr.Messages[last].Role != "user" {
		return answer.Request{}, badRequest("messages", "invalid_value", "the last message must be the user's question, not %q", cr.Messages[last].Role)
	}
	q, err := s.text("messages", texts[last])
	if err != nil {
		return answer.Request{}, err
	}
	if err := s.checkFilter(cr.Report); err != nil {
		return answer.Request{}, err
	}
	var hist []answer.Turn
	for i := 0; i < last; i++ {
		if cr.Messages[i].Role != "user" || strings.TrimSpace(texts[i]) == "" {
			continue
		}
		t := answer.Turn{Question: strings.TrimSpace(texts[i])}
		if i+1 < last && cr.Messages[i+1].Role == "assistant" {
			t.Answer = answer.Answer{Question: t.Question, Text: historyText(texts[i+1]), Answerable: true}
		}
		hist = append(hist, t)
	}
	if len(hist) > maxHistoryTurns {
		hist = hist[len(hist)-maxHistoryTurns:]
	}
	return answer.Request{Question: q, History: hist, Report: cr.Report}, nil
}

// messageText reads a message's content: a string, an array of parts
// (whose text parts are joined; images and audio are skipped) or null.
func messageText(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var parts []contentPart
	if err := json.Unmarshal(raw, &parts); err != nil {
		return "", err
	}
	var b strings.Builder
	for _, p := range parts {
		if p.Type == "text" || p.Type == "input_text" {
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(p.Text)
		}
	}
	return b.String(), nil
}

func citations(ans answer.Answer) []answer.Citation {
	if ans.Citations == nil {
		return []answer.Citation{}
	}
	return ans.Citations
}

func meta(ans answer.Answer) *answerMeta {
	return &answerMeta{Answerable: ans.Answerable, Grounded: ans.Grounded, Mode: ans.Mode, Note: ans.Note, Reports: ans.Reports}
}

func usageOf(req answer.Request, reply string) *usage {
	p := utf8.RuneCountInString(req.Question)
	for _, t := range req.History {
		p += utf8.RuneCountInString(t.Question) + utf8.RuneCountInString(t.Answer.Text)
	}
	c := utf8.RuneCountInString(reply)
	return &usage{PromptTokens: p, CompletionTokens: c, TotalTokens: p + c}
}

func randomID() string {
	var b [12]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
