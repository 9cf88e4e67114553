package retrieve

import (
	"cmp"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/reportbot/reportbot/internal/fakeopenai"
	"github.com/reportbot/reportbot/report"
	"github.com/reportbot/reportbot/seeds"
)

// tinyReport is a three-paragraph report with fewer chunks than the
// default K.
const tinyReport = `2024年示例街道工作报告

来源:示例街道办 日期:2024年01月15日

  一、2023年工作回顾

  全年规上工业总产值120.5亿元,同比增长3.2%,新增企业45家。

  这一年,我们坚持民生优先。新建公园3个,改造老旧小区12个。
`

// The 2025 provincial reports kept by package report's tests: real
// government work reports with full-width punctuation, inline section
// headings and 一是 items.
const (
	guangxiFile = "03_guangxi-2025-zhengfu-gongzuo-baogao.txt"
	jilinFile   = "04_jilin-2025-zhengfu-gongzuo-baogao.txt"
)

// corpusDir holds the 23 real 2026 provincial reports.
const corpusDir = "../testdata/corpus/2026"

// parsed caches parsed reports by name: a *report.Report is read-only
// after Parse, so tests may share one.
var parsed sync.Map // name → func() (*report.Report, error)

func cachedReport(t testing.TB, name string, read func() ([]byte, error)) *report.Report {
	t.Helper()
	f, _ := parsed.LoadOrStore(name, sync.OnceValues(func() (*report.Report, error) {
		b, err := read()
		if err != nil {
			return nil, err
		}
		return report.ParseString(string(b))
	}))
	d, err := f.(func() (*report.Report, error))()
	if err != nil {
		t.Fatalf("load report %s: %v", name, err)
	}
	return d
}

// seedReport returns the parsed seed report.
func seedReport(t testing.TB) *report.Report {
	t.Helper()
	return cachedReport(t, "seed", func() ([]byte, error) { return seeds.Read("") })
}

// provincialReport returns a parsed 2025 report from report/testdata.
func provincialReport(t testing.TB, name string) *report.Report {
	t.Helper()
	return cachedReport(t, name, func() ([]byte, error) {
		return os.ReadFile(filepath.Join("..", "report", "testdata", name))
	})
}

// corpusReport returns a parsed 2026 report, by region (anhui).
func corpusReport(t testing.TB, region string) *report.Report {
	t.Helper()
	return cachedReport(t, "2026-"+region, func() ([]byte, error) {
		return os.ReadFile(filepath.Join(corpusDir, "2026-"+region+".txt"))
	})
}

// corpusRegions lists the regions of the 2026 corpus, sorted.
func corpusRegions(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(corpusDir, "2026-*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus reports in %s: %v", corpusDir, err)
	}
	var out []string
	for _, f := range files {
		b := filepath.Base(f)
		out = append(out, b[len("2026-"):len(b)-len(".txt")])
	}
	slices.Sort(out)
	return out
}

func parseText(t testing.TB, text string) *report.Report {
	t.Helper()
	d, err := report.ParseString(text)
	if err != nil {
		t.Fatalf("report.ParseString error: %v", err)
	}
	return d
}

// buildIndex builds an index over docs, failing the test on error.
func buildIndex(t testing.TB, docs []*report.Report, opts ...Option) *Index {
	t.Helper()
	ix, err := New(t.Context(), docs, opts...)
	if err != nil {
		t.Fatalf("New(%d reports) error: %v", len(docs), err)
	}
	return ix
}

func seedIndex(t testing.TB, opts ...Option) *Index {
	t.Helper()
	return buildIndex(t, []*report.Report{seedReport(t)}, opts...)
}

// runeSlice returns text[start:end] in code points, or ok false when the
// range is out of bounds. It does not use report.Slice, which clamps.
func runeSlice(text string, start, end int) (string, bool) {
	rs := []rune(text)
	if start < 0 || end < start || end > len(rs) {
		return "", false
	}
	return string(rs[start:end]), true
}

// checkHits fails the test for every hit whose Text is not the source
// slice of its report, or whose report fields disagree with the index.
func checkHits(t *testing.T, ix *Index, what string, hits []Hit) {
	t.Helper()
	for _, h := range hits {
		if h.Doc < 0 || h.Doc >= len(ix.Reports()) {
			t.Errorf("%s: hit %s has Doc %d of %d reports", what, h.ID, h.Doc, len(ix.Reports()))
			continue
		}
		d := ix.Reports()[h.Doc]
		if got, ok := runeSlice(d.Text, h.Start, h.End); !ok || got != h.Text {
			t.Errorf("%s: hit %d (%s) [%d,%d) Text = %q, source slice = %q", what, h.Rank, h.ID, h.Start, h.End, h.Text, got)
		}
		if h.ReportID != ix.ReportID(h.Doc) || h.Report != d.Title || h.File != ix.Name(h.Doc) {
			t.Errorf("%s: hit %s names report %s %q %q, want %s %q %q", what, h.ID, h.ReportID, h.Report, h.File, ix.ReportID(h.Doc), d.Title, ix.Name(h.Doc))
		}
		if c := ix.Chunk(h.Chunk); c.ID != h.ID {
			t.Errorf("%s: hit %s has Chunk %d, which is %s", what, h.ID, h.Chunk, c.ID)
		}
	}
}

// checkRanked checks ranks 1..n, non-increasing scores and distinct
// chunks (by ID and by position).
func checkRanked(t *testing.T, hits []Hit) {
	t.Helper()
	seen := map[string]bool{}
	for i, h := range hits {
		if h.Rank != i+1 {
			t.Errorf("hit %d has Rank %d, want %d", i, h.Rank, i+1)
		}
		if i > 0 && h.Score > hits[i-1].Score {
			t.Errorf("hit %d score %v > hit %d score %v: scores must not increase", h.Rank, h.Score, hits[i-1].Rank, hits[i-1].Score)
		}
		key := h.ReportID + ":" + strconv.Itoa(h.Start)
		if seen[key] || seen[h.ID] {
			t.Errorf("chunk %s at %s returned twice", h.ID, key)
		}
		seen[key], seen[h.ID] = true, true
	}
}

// hitIDs lists the IDs of hits, in order.
func hitIDs(hits []Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.ID
	}
	return out
}

// countingEmbedder is an EmbedFunc that counts its calls and returns the
// fake server's deterministic unit vectors of dim dimensions (32 when 0).
type countingEmbedder struct {
	calls atomic.Int64
	dim   int
	fail  func(text string) error // nil: never fails
}

func (c *countingEmbedder) embed(_ context.Context, text string) ([]float32, error) {
	c.calls.Add(1)
	if c.fail != nil {
		if err := c.fail(text); err != nil {
			return nil, err
		}
	}
	return fakeopenai.Vector(text, cmp.Or(c.dim, 32)), nil
}

func (c *countingEmbedder) take() int64 { return c.calls.Swap(0) }
