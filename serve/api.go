package serve

import (
	"context"
	"net/http"
	"strconv"

	"github.com/reportbot/reportbot/answer"
	"github.com/reportbot/reportbot/qa"
	"github.com/reportbot/reportbot/retrieve"
)

// Search results are bounded.
const (
	defaultK = 5
	maxK     = 50
)

// askRequest is the body of POST /api/ask.
type askRequest struct {
	Question string `json:"question"`
	// History holds earlier exchanges, oldest first.
	History []struct {
		Question string `json:"question"`
		Answer   string `json:"answer"`
	} `json:"history"`
	Report  string `json:"report"`
	Section string `json:"section"`
	// Stream asks for server-sent events: "delta" events with checked text
	// as an LLM writes it, then one "answer" event with the final answer
	// (or an "error" event).
	Stream bool `json:"stream"`
}

// handleAsk answers GET /api/ask?q=…&report=… and POST /api/ask with an
// askRequest, in the shape of ask --json.
func (s *Server) handleAsk(w http.ResponseWriter, r *http.Request) {
	req, stream, err := s.readAsk(w, r)
	if err != nil {
		writeError(w, err)
		return
	}
	ctx := r.Context()
	if stream {
		s.streamAsk(ctx, w, req)
		return
	}
	ans, err := s.e.Ask(ctx, req)
	if err != nil {
		writeError(w, engineError(ctx, err))
		return
	}
	info(ctx).mode = string(ans.Mode)
	writeJSON(w, askJSON(ans))
}

// readAsk reads the question of /api/ask, from the query of a GET or the
// JSON body of a POST, and whether the client wants a stream.
func (s *Server) readAsk(w http.ResponseWriter, r *http.Request) (answer.Request, bool, error) {
	var ar askRequest
	if r.Method == http.MethodPost {
		if err := s.decodeJSON(w, r, &ar); err != nil {
			return answer.Request{}, false, err
		}
	} else {
		q := r.URL.Query()
		ar.Question, ar.Report, ar.Section = first(q.Get("q"), q.Get("question")), q.Get("report"), q.Get("section")
		ar.Stream = q.Get("stream") == "1" || q.Get("stream") == "true"
	}
	question, err := s.text("question", ar.Question)
	if err != nil {
		return answer.Request{}, false, err
	}
	if err := s.checkFilter(ar.Report); err != nil {
		return answer.Request{}, false, err
	}
	req := answer.Request{Question: question, Report: ar.Report, Section: ar.Section}
	for _, t := range ar.History {
		if t.Question != "" {
			req.History = append(req.History, answer.Turn{Question: t.Question, Answer: answer.Answer{Question: t.Question, Text: t.Answer, Answerable: true}})
		}
	}
	if len(req.History) > maxHistoryTurns {
		req.History = req.History[len(req.History)-maxHistoryTurns:]
	}
	return req, ar.Stream, nil
}

// streamAsk answers with server-sent events: "delta" {"text"} for each
// checked piece an LLM writes, then "answer" with the final answer (which
// replaces the deltas) or "error".
func (s *Server) streamAsk(ctx context.Context, w http.ResponseWriter, req answer.Request) {
	info(ctx).stream = true
	ev := startSSE(w)
	stop := make(chan struct{})
	go ev.keepAlive(stop, ev.ping)
	req.OnDelta = func(d string) {
		ev.sendJSON("delta", struct {
			Text string `json:"text"`
		}{d})
	}
	ans, err := s.e.Ask(ctx, req)
	close(stop)
	if err != nil {
		ev.sendJSON("error", struct {
			Error *apiError `json:"error"`
		}{engineError(ctx, err).(*apiError)})
		return
	}
	info(ctx).mode = string(ans.Mode)
	ev.sendJSON("answer", askJSON(ans))
}

// askJSON is the answer with an empty citation list rather than null, as
// ask --json writes it.
func askJSON(ans answer.Answer) answer.Answer {
	ans.Citations = citations(ans)
	return ans
}

// searchJSON is the shape of search --json.
type searchJSON struct {
	Query   string         `json:"query"`
	Results []retrieve.Hit `json:"results"`
}

// handleSearch answers /api/search: q (or query), k, report.
func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Query  string `json:"query"`
		Q      string `json:"q"`
		K      int    `json:"k"`
		Report string `json:"report"`
	}
	if r.Method == http.MethodPost {
		if err := s.decodeJSON(w, r, &in); err != nil {
			writeError(w, err)
			return
		}
	} else {
		q := r.URL.Query()
		in.Q, in.Query, in.Report = q.Get("q"), q.Get("query"), q.Get("report")
		if k := q.Get("k"); k != "" {
			n, err := strconv.Atoi(k)
			if err != nil {
				writeError(w, badRequest("k", "invalid_value", "k must be a number, not %q", k))
				return
			}
			in.K = n
		}
	}
	text, err := s.text("q", first(in.Q, in.Query))
	if err != nil {
		writeError(w, err)
		return
	}
	k := in.K
	switch {
	case k == 0:
		k = defaultK
	case k < 0 || k > maxK:
		writeError(w, badRequest("k", "invalid_value", "k must be between 1 and %d", maxK))
		return
	}
	if err := s.checkFilter(in.Report); err != nil {
		writeError(w, err)
		return
	}
	hits, err := s.e.Search(r.Context(), text, k, in.Report)
	if err != nil {
		writeError(w, engineError(r.Context(), err))
		return
	}
	if hits == nil {
		hits = []retrieve.Hit{}
	}
	writeJSON(w, searchJSON{Query: text, Results: hits})
}

// compareJSON is one row of compare --json (every key present, null where
// the report does not state the figure), with the report's index here.
type compareJSON struct {
	Index     int      `json:"index"`
	Report    string   `json:"report"`
	File      string   `json:"file"`
	Status    string   `json:"status,omitempty"`
	Found     bool     `json:"found"`
	Metric    *string  `json:"metric"`
	Value     *float64 `json:"value"`
	High      *float64 `json:"high"`
	Unit      *string  `json:"unit"`
	Qualifier *string  `json:"qualifier"`
	Kind      *string  `json:"kind"`
	Period    *string  `json:"period"`
	Raw       *string  `json:"raw"`
	Start     *int     `json:"start"`
	End       *int     `json:"end"`
	Sentence  *string  `json:"sentence"`
}

// handleCompare answers /api/compare: text, report.
func (s *Server) handleCompare(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Text   string `json:"text"`
		Report string `json:"report"`
	}
	if r.Method == http.MethodPost {
		if err := s.decodeJSON(w, r, &in); err != nil {
			writeError(w, err)
			return
		}
	} else {
		q := r.URL.Query()
		in.Text, in.Report = first(q.Get("text"), q.Get("q")), q.Get("report")
	}
	text, err := s.text("text", in.Text)
	if err != nil {
		writeError(w, err)
		return
	}
	if err := s.checkFilter(in.Report); err != nil {
		writeError(w, err)
		return
	}
	rows, err := s.e.Compare(r.Context(), text, in.Report)
	if err != nil {
		writeError(w, engineError(r.Context(), err))
		return
	}
	out := struct {
		Text string        `json:"text"`
		Rows []compareJSON `json:"rows"`
	}{text, []compareJSON{}}
	for _, row := range rows {
		out.Rows = append(out.Rows, s.compareOf(row))
	}
	writeJSON(w, out)
}

func (s *Server) compareOf(r qa.CompareRow) compareJSON {
	j := compareJSON{Index: s.indexOf(r.File, r.Report), Report: r.Report, File: r.File, Found: r.Found}
	if j.Index >= 0 {
		j.Status = s.docs[j.Index].Status
	}
	if !r.Found {
		return j
	}
	j.Metric, j.Unit, j.Qualifier = strp(r.Metric), strp(r.Unit), strp(r.Qualifier)
	j.Kind, j.Period, j.Raw, j.Sentence = strp(r.Kind), strp(r.Period), strp(r.Raw), strp(r.Sentence)
	j.Value, j.Start, j.End = &r.Value, &r.Start, &r.End
	if r.High != 0 {
		j.High = &r.High
	}
	return j
}

// indexOf finds a report by file name, else by title; -1 when neither
// matches.
func (s *Server) indexOf(file, title string) int {
	for d, n := range s.names {
		if file != "" && n == file {
			return d
		}
	}
	for d, doc := range s.docs {
		if doc.Title == title {
			return d
		}
	}
	return -1
}

func first(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}
