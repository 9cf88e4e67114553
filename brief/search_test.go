package brief

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/reportbot/reportbot/report"
	"github.com/reportbot/reportbot/retrieve"
)

// searchFunc adapts a function to Searcher, as a test stub.
type searchFunc func(ctx context.Context, text string, k int, reportFilter string) ([]retrieve.Hit, error)

func (f searchFunc) Search(ctx context.Context, text string, k int, reportFilter string) ([]retrieve.Hit, error) {
	return f(ctx, text, k, reportFilter)
}

// offlineSearcher is the offline retrieval index over docs, with the
// Searcher signature the qa engine has; the filter keeps the reports
// whose title contains it.
func offlineSearcher(t *testing.T, docs ...*report.Report) Searcher {
	t.Helper()
	ix, err := retrieve.New(t.Context(), docs)
	if err != nil {
		t.Fatalf("retrieve.New: %v", err)
	}
	return searchFunc(func(ctx context.Context, text string, k int, filter string) ([]retrieve.Hit, error) {
		q := retrieve.Query{Text: text, K: k}
		if filter != "" {
			q.Docs = []int{}
			for i, d := range ix.Reports() {
				if strings.Contains(d.Title, filter) {
					q.Docs = append(q.Docs, i)
				}
			}
		}
		return ix.Search(ctx, q)
	})
}

// TestOfflineSearcher builds briefs with the offline retrieval index as
// the Searcher, over the seed alone and over the seed with corpus reports
// (whose hits must not leak into the seed's brief).
func TestOfflineSearcher(t *testing.T) {
	doc := seed(t)
	others := corpus(t)
	mixed := []*report.Report{doc, others["2026-beijing.txt"], others["2026-jilin.txt"]}
	for _, tc := range []struct {
		name string
		s    Searcher
	}{
		{"seed", offlineSearcher(t, doc)},
		{"seed and corpus", offlineSearcher(t, mixed...)},
		{"seed and corpus, no filter", searchFunc(func(ctx context.Context, text string, k int, _ string) ([]retrieve.Hit, error) {
			return offlineSearcher(t, mixed...).Search(ctx, text, k, "")
		})},
	} {
		for _, topic := range []string{"交通", "transport", "安全生产", "民生"} {
			t.Run(tc.name+"/"+topic, func(t *testing.T) {
				b := build(t, doc, Options{Topic: topic, Searcher: tc.s})
				if !b.Covered || len(b.Notes) != 0 {
					t.Fatalf("Build(%q) with the offline searcher: covered %v, notes %q", topic, b.Covered, b.Notes)
				}
				plain := build(t, doc, Options{Topic: topic})
				for _, s := range plain.Sections {
					if !slices.ContainsFunc(b.Sections, func(r SectionRef) bool { return r.ID == s.ID }) {
						t.Errorf("Build(%q) with the searcher dropped section %s that keywords chose", topic, s.ID)
					}
				}
				checkPassages(t, doc, b)
				checkMarkdown(t, doc, b, b.Markdown())
			})
		}
	}
}
