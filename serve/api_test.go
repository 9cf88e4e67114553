package serve

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/reportbot/reportbot/answer"
	"github.com/reportbot/reportbot/seeds"
)

// getJSON GETs path and decodes a 200 response into v.
func getJSON(t *testing.T, base, path string, v any) {
	t.Helper()
	status, _, body := call(t, "GET", base+path, "", "")
	if status != 200 {
		t.Fatalf("GET %s: status %d (%s)", path, status, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("GET %s: %v in %s", path, err, body)
	}
}

func TestAPIReportsAndText(t *testing.T) {
	base, _ := setup(t, nil, Options{})
	var rs struct {
		Model   string
		Reports []reportJSON
	}
	getJSON(t, base, "/api/reports", &rs)
	if len(rs.Reports) != 1 || rs.Reports[0].File != seeds.Default || rs.Reports[0].Status != "文件已失效" || rs.Reports[0].Figures == 0 {
		t.Errorf("GET /api/reports = %+v", rs)
	}
	var txt struct {
		Index  int
		Text   string
		Length int
		Status string
	}
	getJSON(t, base, "/api/reports/0/text", &txt)
	if txt.Text != seeds.MustDefault() || txt.Length != utf8.RuneCountInString(txt.Text) || txt.Status != "文件已失效" {
		t.Errorf("GET /api/reports/0/text: length %d, status %q, text equal %v", txt.Length, txt.Status, txt.Text == seeds.MustDefault())
	}
	for _, p := range []string{"/api/reports/1/text", "/api/reports/-1/text", "/api/reports/01/text", "/api/reports/x/text", "/api/reports/0/nope"} {
		status, _, body := call(t, "GET", base+p, "", "")
		if status != 404 {
			t.Errorf("GET %s = %d (%s), want 404", p, status, body)
		}
	}
}

func TestAPISectionsAndFigures(t *testing.T) {
	base, _ := setup(t, nil, Options{})
	var s sectionsJSON
	getJSON(t, base, "/api/reports/0/sections", &s)
	if len(s.Parts) == 0 || s.Status != "文件已失效" {
		t.Fatalf("GET /api/reports/0/sections = %+v", s)
	}
	for _, p := range s.Parts {
		for _, sec := range append(p.Sections, p.Blocks...) {
			if sec.Number != "" && !strings.Contains(sourceSlice(sec.Start, sec.End), strings.TrimSpace(sec.Title)) {
				t.Errorf("section %s heading [%d,%d) = %q does not hold its title %q", sec.ID, sec.Start, sec.End, sourceSlice(sec.Start, sec.End), sec.Title)
			}
		}
	}
	var all struct{ Reports []sectionsJSON }
	getJSON(t, base, "/api/sections?report=观湖", &all)
	if len(all.Reports) != 1 {
		t.Errorf("GET /api/sections?report=观湖: %d reports, want 1", len(all.Reports))
	}

	var f struct{ Figures []figureJSON }
	getJSON(t, base, "/api/reports/0/figures?kind=target", &f)
	if len(f.Figures) == 0 {
		t.Fatal("no target figures")
	}
	for _, fig := range f.Figures {
		if fig.Kind != "target" || sourceSlice(fig.Start, fig.End) != fig.Raw || fig.File != seeds.Default {
			t.Errorf("figure %+v: kind %s, source slice %q", fig, fig.Kind, sourceSlice(fig.Start, fig.End))
		}
	}
	getJSON(t, base, "/api/figures?metric="+url.QueryEscape("规模以上工业总产值"), &f)
	if len(f.Figures) == 0 || f.Figures[0].Raw != seedFigure {
		t.Errorf("GET /api/figures?metric=规模以上工业总产值 = %+v, want %s first", f.Figures, seedFigure)
	}
	getJSON(t, base, "/api/figures?section="+url.QueryEscape("二(三)"), &f)
	for _, fig := range f.Figures {
		if fig.Section == "" || !strings.HasPrefix(fig.Section, "二(三)") {
			t.Errorf("figure of section 二(三) is in %q", fig.Section)
		}
	}
	for _, tc := range []struct {
		path, code string
		status     int
	}{
		{"/api/figures?kind=bogus", "invalid_value", 400},
		{"/api/figures?section=" + url.QueryEscape("九(九)"), "section_not_found", 404},
		{"/api/sections?report=" + url.QueryEscape("安徽"), "report_not_found", 404},
	} {
		status, _, body := call(t, "GET", base+tc.path, "", "")
		wantError(t, "GET "+tc.path, status, tc.status, body, tc.code)
	}
}

func TestAPISearchAndCompare(t *testing.T) {
	base, _ := setup(t, nil, Options{})
	var s searchJSON
	getJSON(t, base, "/api/search?k=3&q="+url.QueryEscape("交通"), &s)
	if len(s.Results) != 3 || s.Query != "交通" {
		t.Fatalf("GET /api/search?k=3&q=交通 = %+v", s)
	}
	for _, h := range s.Results {
		if sourceSlice(h.Start, h.End) != h.Text {
			t.Errorf("hit %s text is not the source slice [%d,%d)", h.ID, h.Start, h.End)
		}
	}
	status, _, body := call(t, "POST", base+"/api/search", "", `{"query":"交通","k":2}`)
	if status != 200 || strings.Count(string(body), `"rank"`) != 2 {
		t.Errorf("POST /api/search k=2 = %d %s", status, body)
	}
	var c struct {
		Text string
		Rows []compareJSON
	}
	getJSON(t, base, "/api/compare?text="+url.QueryEscape("规上工业总产值"), &c)
	if len(c.Rows) != 1 || !c.Rows[0].Found || deref(c.Rows[0].Raw) != seedFigure || c.Rows[0].Index != 0 || c.Rows[0].Status != "文件已失效" {
		t.Fatalf("GET /api/compare = %+v", c)
	}
	if r := c.Rows[0]; sourceSlice(*r.Start, *r.End) != *r.Raw {
		t.Errorf("compare row [%d,%d) = %q, want %q", *r.Start, *r.End, sourceSlice(*r.Start, *r.End), *r.Raw)
	}
	for _, tc := range []struct {
		method, path, body, code string
		status                   int
	}{
		{"GET", "/api/search", "", "missing_required_parameter", 400},
		{"GET", "/api/search?q=a&k=100", "", "invalid_value", 400},
		{"GET", "/api/search?q=a&k=x", "", "invalid_value", 400},
		{"GET", "/api/compare", "", "missing_required_parameter", 400},
		{"POST", "/api/compare", `{"text":3}`, "invalid_json", 400},
		{"PUT", "/api/compare", `{}`, "method_not_allowed", 405},
	} {
		status, _, body := call(t, tc.method, base+tc.path, "", tc.body)
		wantError(t, tc.method+" "+tc.path, status, tc.status, body, tc.code)
	}
}

func TestAPIAsk(t *testing.T) {
	base, _ := setup(t, nil, Options{})
	var a answer.Answer
	getJSON(t, base, "/api/ask?q="+url.QueryEscape(seedQuestion), &a)
	if !strings.Contains(a.Text, seedFigure) {
		t.Errorf("GET /api/ask = %q", a.Text)
	}
	checkCitations(t, a.Citations, a.Text)

	// The same answer as server-sent events.
	status, hdr, body := call(t, "POST", base+"/api/ask", "", `{"question":"`+seedQuestion+`","stream":true}`)
	if status != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("POST /api/ask stream = %d %q", status, hdr.Get("Content-Type"))
	}
	data, ok := strings.CutPrefix(strings.TrimSpace(string(body)), "event: answer\ndata: ")
	if !ok {
		t.Fatalf("stream = %q, want one answer event", body)
	}
	var sa answer.Answer
	if err := json.Unmarshal([]byte(data), &sa); err != nil || sa.Text != a.Text || len(sa.Citations) != len(a.Citations) {
		t.Errorf("streamed answer = %+v (%v), want %+v", sa, err, a)
	}

	// A follow-up resolved against the history.
	status, _, body = call(t, "POST", base+"/api/ask", "", `{"question":"比上年增长多少?","history":[{"question":"`+seedQuestion+`","answer":"`+a.Text+`"}]}`)
	if status != 200 || !strings.Contains(string(body), "1.72%") {
		t.Errorf("follow-up = %d %s, want 1.72%%", status, body)
	}
	status, _, body = call(t, "GET", base+"/api/ask?q=%ff%fe", "", "")
	wantError(t, "GET /api/ask?q=%ff%fe", status, 400, body, "invalid_value")
	// Not in the report: a result, not an error.
	status, _, body = call(t, "GET", base+"/api/ask?q="+url.QueryEscape("2023年火星探测器发射了几次?"), "", "")
	if status != 200 || !strings.Contains(string(body), `"answerable":false`) || !strings.Contains(string(body), `"citations":[]`) {
		t.Errorf("unanswerable = %d %s", status, body)
	}
	for _, tc := range []struct {
		method, body, ctype, code string
		status                    int
	}{
		{"POST", `{"question":""}`, "", "missing_required_parameter", 400},
		{"POST", `{"question":"` + seedQuestion + `","report":"安徽"}`, "", "report_not_found", 404},
		{"POST", `question=x`, "application/x-www-form-urlencoded", "unsupported_media_type", 415},
		{"POST", `{"question":"\xff\xfe"}`, "", "invalid_json", 400},
	} {
		var hdr []string
		if tc.ctype != "" {
			hdr = []string{"Content-Type", tc.ctype}
		}
		status, _, body := call(t, tc.method, base+"/api/ask", "", tc.body, hdr...)
		wantError(t, "POST /api/ask "+tc.body, status, tc.status, body, tc.code)
	}
}

func TestAPIBrief(t *testing.T) {
	base, _ := setup(t, nil, Options{})
	tests := []struct {
		path, ctype, prefix, name string
	}{
		{"/api/reports/0/brief?format=md", "text/markdown", "#", "guanhu-2024-dangongwei-gongzuo-baogao-brief.md"},
		{"/api/brief?format=html&topic=" + url.QueryEscape("交通"), "text/html", "<!", "guanhu-2024-dangongwei-gongzuo-baogao-brief-交通.html"},
		{"/api/brief?format=docx&report=" + url.QueryEscape("观湖"), "application/vnd.openxmlformats", "PK", "guanhu-2024-dangongwei-gongzuo-baogao-brief.docx"},
	}
	for _, tc := range tests {
		status, hdr, body := call(t, "GET", base+tc.path, "", "")
		if status != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), tc.ctype) || !strings.HasPrefix(string(body), tc.prefix) {
			t.Errorf("GET %s = %d %q %.20q", tc.path, status, hdr.Get("Content-Type"), body)
			continue
		}
		cd := hdr.Get("Content-Disposition")
		if !strings.HasPrefix(cd, "attachment; filename=") || !strings.Contains(cd, "filename*=UTF-8''"+url.PathEscape(tc.name)) {
			t.Errorf("GET %s Content-Disposition = %q, want %s", tc.path, cd, tc.name)
		}
		if tc.ctype != "application/vnd.openxmlformats" && !strings.Contains(string(body), "文件已失效") {
			t.Errorf("GET %s: the brief does not show 文件已失效", tc.path)
		}
	}
	for _, tc := range []struct {
		path, code string
		status     int
	}{
		{"/api/brief?format=pdf", "invalid_value", 400},
		{"/api/brief?topic=" + strings.Repeat("交", 201), "invalid_value", 400},
		{"/api/reports/3/brief", "report_not_found", 404},
	} {
		status, _, body := call(t, "GET", base+tc.path, "", "")
		wantError(t, "GET "+tc.path, status, tc.status, body, tc.code)
	}
	if got := attachment("a\"b/c;\r\n交通.md"); strings.ContainsAny(got, "\r\n") || !strings.Contains(got, `filename="a_b_c___`) {
		t.Errorf("attachment(hostile name) = %q", got)
	}
}
