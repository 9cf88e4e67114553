package serve

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/reportbot/reportbot/qa"
)

// decodeJSON reads r's body, at most Options.MaxBodyBytes, into v.
func (s *Server) decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			return &apiError{Status: http.StatusUnsupportedMediaType, Type: typeInvalidRequest, Code: strp("unsupported_media_type"),
				Message: "the request body must be JSON (Content-Type: application/json)"}
		}
	}
	body := http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes)
	dec := json.NewDecoder(body)
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		switch {
		case errors.As(err, &mbe):
			return errTooLarge(s.opts.MaxBodyBytes)
		case errors.Is(err, io.EOF):
			return badRequest("", "invalid_json", "the request body is empty; send a JSON object")
		}
		return badRequest("", "invalid_json", "the request body is not valid JSON: %v", jsonProblem(err))
	}
	// Read the rest, so that a body past the limit is refused even when its
	// first value is valid.
	if _, err := io.Copy(io.Discard, body); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return errTooLarge(s.opts.MaxBodyBytes)
		}
	}
	return nil
}

// jsonProblem describes a decoding error without quoting the body.
func jsonProblem(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return "syntax error at byte " + strconv.FormatInt(se.Offset, 10)
	case errors.As(err, &te):
		if te.Field != "" {
			return "field " + te.Field + " has the wrong type (" + te.Value + ")"
		}
		return "a value of the wrong type (" + te.Value + ")"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "it ends too early"
	}
	return "malformed"
}

// text checks a question-like parameter: present, valid UTF-8 and at most
// Options.MaxQuestionRunes code points. It returns the text trimmed.
func (s *Server) text(param, v string) (string, error) {
	v = strings.TrimSpace(v)
	switch {
	case v == "":
		return "", badRequest(param, "missing_required_parameter", "%s is empty", param)
	case !utf8.ValidString(v):
		return "", badRequest(param, "invalid_value", "%s is not valid UTF-8", param)
	case utf8.RuneCountInString(v) > s.opts.MaxQuestionRunes:
		return "", badRequest(param, "string_above_max_length", "%s is longer than %d characters", param, s.opts.MaxQuestionRunes)
	}
	return v, nil
}

// checkFilter returns a 404 when filter names no loaded report.
func (s *Server) checkFilter(filter string) error {
	if filter == "" || len(s.match(filter)) > 0 {
		return nil
	}
	return notFound("report", "report_not_found", "no loaded report's title, region or file name contains %q", filter)
}

// match returns the indexes of the reports whose title, region or file
// name contains filter (case-insensitive); all of them for "".
func (s *Server) match(filter string) []int {
	f := strings.ToLower(strings.TrimSpace(filter))
	var out []int
	for d, doc := range s.docs {
		if f == "" || strings.Contains(strings.ToLower(doc.Title), f) || strings.Contains(strings.ToLower(doc.Region), f) ||
			strings.Contains(strings.ToLower(s.names[d]), f) {
			out = append(out, d)
		}
	}
	return out
}

// engineError maps an engine error to the response: the engine's own
// sentinels to 400 and 404, a deadline to 504, and anything else to a 500
// whose cause is logged, never shown.
func engineError(ctx context.Context, err error) error {
	switch {
	case errors.Is(err, qa.ErrEmptyQuestion):
		return badRequest("", "missing_required_parameter", "the question is empty")
	case errors.Is(err, qa.ErrNoSuchReport):
		return notFound("report", "report_not_found", "no loaded report matches the report filter")
	case errors.Is(err, context.Canceled) && ctx.Err() != nil:
		info(ctx).err = err
		return errClientGone
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded):
		info(ctx).err = err
		return errTimeout
	}
	info(ctx).err = err
	return errInternal
}

// writeJSON writes v with status 200.
func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}
