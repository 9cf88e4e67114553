package serve

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/reportbot/reportbot/brief"
	"github.com/reportbot/reportbot/report"
)

// reportJSON is one report of /api/reports: the fields of reports --json
// that do not describe the server's files (no path), and its index.
type reportJSON struct {
	Index     int    `json:"index"`
	File      string `json:"file"`
	Title     string `json:"title"`
	Region    string `json:"region"`
	Delivered string `json:"delivered"`
	Date      string `json:"date"`
	Status    string `json:"status"`
	Year      int    `json:"year"`
	Parts     int    `json:"parts"`
	Sections  int    `json:"sections"`
	Figures   int    `json:"figures"`
	Length    int    `json:"length"` // code points of the text
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, struct {
		Status  string `json:"status"`
		Reports int    `json:"reports"`
		Model   string `json:"model"`
		Auth    bool   `json:"auth"`
	}{"ok", len(s.docs), s.opts.ModelName, s.opts.Token != ""})
}

func (s *Server) handleReports(w http.ResponseWriter, r *http.Request) {
	out := struct {
		Model   string       `json:"model"`
		Reports []reportJSON `json:"reports"`
	}{Model: s.opts.ModelName}
	for d, doc := range s.docs {
		out.Reports = append(out.Reports, reportJSON{Index: d, File: s.names[d], Title: doc.Title, Region: doc.Region,
			Delivered: doc.Delivered, Date: doc.ISODate, Status: doc.Status, Year: doc.Year, Parts: len(doc.Parts),
			Sections: headedSections(doc), Figures: len(doc.Figures), Length: doc.RuneLen()})
	}
	writeJSON(w, out)
}

// reportsOf returns the reports a request addresses: report {i} of the
// path, or those matching the report parameter (all when it is empty).
func (s *Server) reportsOf(r *http.Request) ([]int, error) {
	if v := r.PathValue("i"); v != "" {
		d, err := strconv.Atoi(v)
		if err != nil || d < 0 || d >= len(s.docs) || strconv.Itoa(d) != v {
			return nil, notFound("i", "report_not_found", "no report %q; GET /api/reports lists them (0 to %d)", v, len(s.docs)-1)
		}
		return []int{d}, nil
	}
	filter := r.URL.Query().Get("report")
	if err := s.checkFilter(filter); err != nil {
		return nil, err
	}
	return s.match(filter), nil
}

// handleText serves a report's text, for the page to show a cited span
// in place.
func (s *Server) handleText(w http.ResponseWriter, r *http.Request) {
	ds, err := s.reportsOf(r)
	if err != nil {
		writeError(w, err)
		return
	}
	d := ds[0]
	doc := s.docs[d]
	w.Header().Set("Cache-Control", "private, max-age=3600")
	writeJSON(w, struct {
		Index  int    `json:"index"`
		File   string `json:"file"`
		Title  string `json:"title"`
		Status string `json:"status"`
		Length int    `json:"length"`
		Text   string `json:"text"`
	}{d, s.names[d], doc.Title, doc.Status, doc.RuneLen(), doc.Text})
}

func (s *Server) handleSections(w http.ResponseWriter, r *http.Request) {
	ds, err := s.reportsOf(r)
	if err != nil {
		writeError(w, err)
		return
	}
	if r.PathValue("i") != "" {
		writeJSON(w, sectionsOf(ds[0], s.docs[ds[0]], s.names[ds[0]]))
		return
	}
	out := struct {
		Reports []sectionsJSON `json:"reports"`
	}{[]sectionsJSON{}}
	for _, d := range ds {
		out.Reports = append(out.Reports, sectionsOf(d, s.docs[d], s.names[d]))
	}
	writeJSON(w, out)
}

func (s *Server) handleFigures(w http.ResponseWriter, r *http.Request) {
	ds, err := s.reportsOf(r)
	if err != nil {
		writeError(w, err)
		return
	}
	q := r.URL.Query()
	ff := figureFilter{kind: q.Get("kind"), period: q.Get("period"), section: q.Get("section"), metric: q.Get("metric")}
	switch report.Kind(ff.kind) {
	case "", report.Actual, report.Target, report.Change:
	default:
		writeError(w, badRequest("kind", "invalid_value", "kind must be actual, target or change, not %q", ff.kind))
		return
	}
	out := struct {
		Figures []figureJSON `json:"figures"`
	}{[]figureJSON{}}
	found := false
	for _, d := range ds {
		figs, ok := ff.pick(s.docs[d])
		found = found || ok
		for _, f := range figs {
			out.Figures = append(out.Figures, figureOf(s.docs[d], s.names[d], f))
		}
	}
	if !found {
		writeError(w, notFound("section", "section_not_found", "no section %q", ff.section))
		return
	}
	writeJSON(w, out)
}

// briefTypes are the formats /api/brief serves and their media types.
var briefTypes = map[string]string{
	"md":   "text/markdown; charset=utf-8",
	"html": "text/html; charset=utf-8",
	"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"json": "application/json; charset=utf-8",
}

// handleBrief serves a briefing note as a download: topic, format.
func (s *Server) handleBrief(w http.ResponseWriter, r *http.Request) {
	ds, err := s.reportsOf(r)
	if err != nil {
		writeError(w, err)
		return
	}
	q := r.URL.Query()
	format := first(q.Get("format"), "md")
	if format == "markdown" {
		format = "md"
	}
	ctype, ok := briefTypes[format]
	if !ok {
		writeError(w, badRequest("format", "invalid_value", "format must be md, html, docx or json, not %q", format))
		return
	}
	topic := strings.TrimSpace(q.Get("topic"))
	if topic != "" {
		if topic, err = s.text("topic", topic); err != nil {
			writeError(w, err)
			return
		}
	}
	d := ds[0]
	b, err := s.e.BuildBrief(r.Context(), d, brief.Options{Topic: topic})
	if errors.Is(err, brief.ErrInvalidOptions) {
		writeError(w, badRequest("topic", "invalid_value", "the brief options are invalid (a topic of at most %d characters)", brief.MaxTopicRunes))
		return
	}
	if err != nil {
		writeError(w, engineError(r.Context(), err))
		return
	}
	body, err := b.Render(format)
	if err != nil {
		writeError(w, engineError(r.Context(), err))
		return
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Disposition", attachment(briefName(s.docs[d], s.names[d], d, topic, format)))
	// A downloaded HTML brief has no script; should a browser render it
	// here, it may run none either.
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.Write(body)
}

// briefName is the file name of a brief: the report's file name (or its
// index) and the topic.
func briefName(doc *report.Report, file string, d int, topic, format string) string {
	base := strings.TrimSuffix(file, extOf(file))
	if base == "" {
		base = "report-" + strconv.Itoa(d)
	}
	name := base + "-brief"
	if topic != "" {
		name += "-" + topic
	}
	return name + "." + format
}

func extOf(name string) string {
	if i := strings.LastIndexByte(name, '.'); i > 0 && !strings.ContainsAny(name[i:], "/\\") {
		return name[i:]
	}
	return ""
}

// attachment is a Content-Disposition header for name: an ASCII fallback
// and the UTF-8 name (RFC 6266, RFC 5987).
func attachment(name string) string {
	ascii := make([]rune, 0, len(name))
	for _, c := range name {
		switch {
		case c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '/' || c == ';' || c == '%':
			ascii = append(ascii, '_')
		default:
			ascii = append(ascii, c)
		}
	}
	return fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, string(ascii), strings.ReplaceAll(url.PathEscape(name), "'", "%27"))
}
