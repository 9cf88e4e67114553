package serve

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/reportbot/reportbot/qa"
	"github.com/reportbot/reportbot/report"
	"github.com/reportbot/reportbot/retrieve"
	"github.com/reportbot/reportbot/seeds"
)

// multiFiles are two provincial reports of the shared test corpus, loaded
// after the seed.
var multiFiles = []string{"2026-anhui.txt", "2026-beijing.txt"}

var (
	multiOnce   sync.Once
	multiEngine *qa.Engine
	multiTexts  []string
	multiErr    error
)

// multi returns an offline engine of the seed and multiFiles, and their
// texts by report index.
func multi(t testing.TB) (*qa.Engine, []string) {
	t.Helper()
	multiOnce.Do(func() {
		texts := []string{seeds.MustDefault()}
		names := []string{seeds.Default}
		for _, f := range multiFiles {
			b, err := os.ReadFile(filepath.Join("..", "testdata", "corpus", "2026", f))
			if err != nil {
				multiErr = err
				return
			}
			texts, names = append(texts, string(b)), append(names, f)
		}
		var docs []*report.Report
		for _, text := range texts {
			doc, err := report.ParseString(text)
			if err != nil {
				multiErr = err
				return
			}
			docs = append(docs, doc)
		}
		multiEngine, multiErr = qa.New(t.Context(), docs, qa.WithRetrieve(retrieve.WithNames(names...)))
		multiTexts = texts
	})
	if multiErr != nil {
		t.Skipf("the multi-report corpus: %v", multiErr)
	}
	return multiEngine, multiTexts
}

func slice(text string, start, end int) string {
	r := []rune(text)
	if start < 0 || end > len(r) || start > end {
		return "<out of range>"
	}
	return string(r[start:end])
}

func TestMultipleReports(t *testing.T) {
	e, texts := multi(t)
	base, _ := setup(t, e, Options{})
	var rs struct{ Reports []reportJSON }
	getJSON(t, base, "/api/reports", &rs)
	if len(rs.Reports) != 3 || rs.Reports[1].File != multiFiles[0] || rs.Reports[2].Index != 2 || rs.Reports[1].Status != "" {
		t.Fatalf("GET /api/reports = %+v", rs.Reports)
	}

	var c struct{ Rows []compareJSON }
	getJSON(t, base, "/api/compare?text="+url.QueryEscape("2026年地区生产总值增长目标"), &c)
	if len(c.Rows) != 3 {
		t.Fatalf("compare: %d rows, want one per report", len(c.Rows))
	}
	found := 0
	for i, r := range c.Rows {
		if r.Index != i {
			t.Errorf("compare row %d has index %d", i, r.Index)
		}
		if !r.Found {
			continue
		}
		found++
		if got := slice(texts[r.Index], *r.Start, *r.End); got != *r.Raw {
			t.Errorf("compare row %s: [%d,%d) = %q, want %q", r.File, *r.Start, *r.End, got, *r.Raw)
		}
	}
	if found < 2 {
		t.Errorf("compare: the GDP target found in %d reports, want both provinces: %+v", found, c.Rows)
	}

	// A chat completion limited to one report cites only it.
	body := rawCompletion(t, base, `{"report":"安徽","messages":[{"role":"user","content":"2026年地区生产总值增长目标是多少?"}]}`)
	if len(body.Citations) == 0 {
		t.Fatalf("report 安徽: no citations in %q", *body.Choices[0].Message.Content)
	}
	for _, ct := range body.Citations {
		if ct.File != multiFiles[0] || slice(texts[1], ct.Start, ct.End) != ct.Text {
			t.Errorf("report 安徽: citation from %s [%d,%d), text equal %v", ct.File, ct.Start, ct.End, slice(texts[1], ct.Start, ct.End) == ct.Text)
		}
	}
	var f struct{ Figures []figureJSON }
	getJSON(t, base, "/api/figures?report=beijing&kind=target", &f)
	for _, fig := range f.Figures {
		if fig.File != multiFiles[1] || !strings.Contains(texts[2], fig.Raw) {
			t.Errorf("figures of beijing: %s %s", fig.File, fig.Raw)
		}
	}
	if len(f.Figures) == 0 {
		t.Errorf("figures of beijing: none")
	}
}
