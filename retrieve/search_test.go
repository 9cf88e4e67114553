package retrieve

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/reportbot/reportbot/report"
)

func TestNewErrors(t *testing.T) {
	tests := []struct {
		name string
		docs []*report.Report
		want error // errors.Is target; nil means any error
	}{
		{"nil slice", nil, ErrNoReports},
		{"empty slice", []*report.Report{}, ErrNoReports},
		{"nil report", []*report.Report{nil}, nil},
		{"nil after a report", []*report.Report{seedReport(t), nil}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ix, err := New(t.Context(), tc.docs)
			if err == nil {
				t.Fatalf("New(%s) = %v, nil; want an error", tc.name, ix)
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("New(%s) error = %v, want errors.Is %v", tc.name, err, tc.want)
			}
			if ix != nil {
				t.Errorf("New(%s) returned a non-nil index with error %v", tc.name, err)
			}
		})
	}
}

func TestIndexAccessors(t *testing.T) {
	docs := []*report.Report{seedReport(t), provincialReport(t, guangxiFile)}
	ix := buildIndex(t, docs, WithNames("seed.txt"), WithoutVectors())
	if got := ix.Reports(); len(got) != 2 || got[0] != docs[0] || got[1] != docs[1] {
		t.Errorf("Reports() = %v, want the reports given to New", got)
	}
	if ix.Name(0) != "seed.txt" || ix.Name(1) != "" {
		t.Errorf("Name(0), Name(1) = %q, %q; want seed.txt and \"\" (fewer names than reports)", ix.Name(0), ix.Name(1))
	}
	if ix.ReportID(0) != "r1" || ix.ReportID(1) != "r2" {
		t.Errorf("ReportID = %q, %q; want r1, r2", ix.ReportID(0), ix.ReportID(1))
	}
	cs := ix.Chunks()
	if len(cs) != ix.Len() || cs[0].ID != ix.Chunk(0).ID {
		t.Errorf("Chunks() has %d chunks, Len() %d", len(cs), ix.Len())
	}
	cs[0].ID = "changed"
	if ix.Chunk(0).ID == "changed" {
		t.Errorf("Chunks() returned the index's own slice")
	}
	for i := range ix.Len() {
		if c := ix.Chunk(i); c.Doc != 0 && c.Doc != 1 || c.ReportID != ix.ReportID(c.Doc) {
			t.Fatalf("chunk %s has Doc %d, ReportID %s", c.ID, c.Doc, c.ReportID)
		}
	}
}

func TestSearch(t *testing.T) {
	ix := seedIndex(t)
	n := ix.Len()
	tests := []struct {
		name    string
		q       Query
		wantLen int // -2: at least one, at most n
		check   func(t *testing.T, hits []Hit)
	}{
		{name: "K=0 means 5", q: Query{Text: "规上工业总产值"}, wantLen: 5},
		{name: "K=3", q: Query{Text: "规上工业总产值", K: 3}, wantLen: 3},
		{name: "K above the index is clamped", q: Query{Text: "观湖 工作 建设 推进", K: n + 50}, wantLen: -2},
		{name: "negative K means 5", q: Query{Text: "交通", K: -1}, wantLen: 5},
		{name: "figure first", q: Query{Text: "2023年规上工业总产值是多少?"}, wantLen: 5, check: func(t *testing.T, hits []Hit) {
			if !strings.Contains(hits[0].Text, "494.91") {
				t.Errorf("top hit %s = %q, want the passage with 494.91", hits[0].ID, hits[0].Text)
			}
		}},
		{name: "weighted terms", q: Query{Text: "投资", Terms: []Term{{"全社会固定资产投资", 2}, {"fixed asset investment", 0.5}}}, wantLen: 5, check: func(t *testing.T, hits []Hit) {
			if !strings.Contains(hits[0].Text, "93.86") {
				t.Errorf("top hit %s = %q, want the passage with 93.86", hits[0].ID, hits[0].Text)
			}
		}},
		{name: "section filter", q: Query{Text: "交通 道路 建设", K: 10, Section: "p2"}, wantLen: 10, check: func(t *testing.T, hits []Hit) {
			for _, h := range hits {
				if !strings.HasPrefix(h.SectionID, "p2") {
					t.Errorf("Section p2: hit %s in section %q", h.ID, h.SectionID)
				}
				if !h.Plan {
					t.Errorf("Section p2 (the 2024 plan): hit %s has Plan false", h.ID)
				}
			}
		}},
		{name: "section filter, no such section", q: Query{Text: "交通", Section: "p9s9"}, wantLen: 0},
		{name: "nonsense still gets vector hits", q: Query{Text: "zzzqqq"}, wantLen: -2},
		{name: "no terms but text", q: Query{Text: "？！"}, wantLen: -2},
		{name: "terms only", q: Query{Terms: []Term{{"公园", 1}}}, wantLen: -2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hits, err := ix.Search(t.Context(), tc.q)
			if err != nil {
				t.Fatalf("Search(%+v) error: %v", tc.q, err)
			}
			switch {
			case tc.wantLen == -2:
				if len(hits) == 0 || len(hits) > n {
					t.Fatalf("Search(%+v) gave %d hits, want 1..%d", tc.q, len(hits), n)
				}
			case len(hits) != tc.wantLen:
				t.Fatalf("Search(%+v) gave %d hits, want %d", tc.q, len(hits), tc.wantLen)
			}
			checkRanked(t, hits)
			checkHits(t, ix, tc.name, hits)
			if tc.check != nil {
				tc.check(t, hits)
			}
		})
	}
}

func TestSearchEmptyQuery(t *testing.T) {
	ix := seedIndex(t)
	for _, q := range []Query{{}, {Text: " "}, {Text: "\t\n"}, {Text: "\u3000"}, {Terms: []Term{{"。", 1}}}} {
		if hits, err := ix.Search(t.Context(), q); !errors.Is(err, ErrEmptyQuery) {
			t.Errorf("Search(%+v) = %d hits, %v; want ErrEmptyQuery", q, len(hits), err)
		}
	}
}

// TestSearchClampTiny searches an index with fewer chunks than the
// default K, where chromem-go would fail if K were not clamped.
func TestSearchClampTiny(t *testing.T) {
	ix := buildIndex(t, []*report.Report{parseText(t, tinyReport)})
	n := ix.Len()
	for _, k := range []int{0, 1, n, n + 1, 1000} {
		hits, err := ix.Search(t.Context(), Query{Text: "产值 增长 工作", K: k})
		if err != nil {
			t.Fatalf("Search(K=%d) over %d chunks error: %v", k, n, err)
		}
		if len(hits) > n || k > 0 && len(hits) > k {
			t.Errorf("Search(K=%d) over %d chunks gave %d hits", k, n, len(hits))
		}
		checkRanked(t, hits)
		checkHits(t, ix, "tiny", hits)
	}
}

func TestSearchReportFilter(t *testing.T) {
	t.Parallel()
	seed, gx := seedReport(t), provincialReport(t, guangxiFile)
	ix := buildIndex(t, []*report.Report{seed, gx})
	tests := []struct {
		name string
		docs []int
		want []string // report IDs the hits may have; nil: no hits
	}{
		{"r1", []int{0}, []string{"r1"}},
		{"r2", []int{1}, []string{"r2"}},
		{"both", []int{1, 0}, []string{"r1", "r2"}},
		{"out of range ignored", []int{1, 7, -1}, []string{"r2"}},
		{"empty allows none", []int{}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := Query{Text: "工业 增加值 增长 投资", K: 20, Docs: tc.docs}
			hits, err := ix.Search(t.Context(), q)
			if err != nil {
				t.Fatalf("Search(%+v) error: %v", q, err)
			}
			if (len(hits) == 0) != (tc.want == nil) {
				t.Fatalf("Search(%+v) gave %d hits", q, len(hits))
			}
			for _, h := range hits {
				if !slices.Contains(tc.want, h.ReportID) {
					t.Errorf("Docs %v: hit %s from report %s, want only %v", tc.docs, h.ID, h.ReportID, tc.want)
				}
			}
			if lex := ix.Lexical(q, 20); len(lex) > 0 && !slices.Contains(tc.want, lex[0].ReportID) {
				t.Errorf("Lexical with Docs %v: hit %s from report %s", tc.docs, lex[0].ID, lex[0].ReportID)
			}
			checkRanked(t, hits)
			checkHits(t, ix, tc.name, hits)
		})
	}
	t.Run("unfiltered sees both", func(t *testing.T) {
		hits, err := ix.Search(t.Context(), Query{Text: "规模以上工业增加值 增长", K: 30})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, h := range hits {
			got[h.ReportID] = true
		}
		if !got["r1"] || !got["r2"] {
			t.Errorf("unfiltered Search over two reports hit reports %v, want r1 and r2", got)
		}
	})
}

// TestSearchDeterministic checks that the same query gives the same hits
// and scores, on one index and on a second build.
func TestSearchDeterministic(t *testing.T) {
	t.Parallel()
	docs := []*report.Report{seedReport(t), provincialReport(t, jilinFile)}
	a, b := buildIndex(t, docs), buildIndex(t, docs)
	for _, q := range []string{"粮食产量", "增长", "2024年工作安排", "发展 建设 推进 工作"} {
		var first []Hit
		for i, ix := range []*Index{a, a, b} {
			hits, err := ix.Search(t.Context(), Query{Text: q, K: 30})
			if err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				first = hits
				continue
			}
			if !slices.Equal(hits, first) {
				t.Errorf("Search(%q) run %d differs from run 1:\n%v\n%v", q, i+1, hitIDs(hits), hitIDs(first))
			}
		}
	}
}

// TestSearchConcurrent runs Search, Lexical and the lookups from many
// goroutines on one index; run it with -race.
func TestSearchConcurrent(t *testing.T) {
	t.Parallel()
	ix := buildIndex(t, []*report.Report{seedReport(t), provincialReport(t, guangxiFile)})
	queries := []string{"2023年规上工业总产值是多少?", "粮食产量是多少?", "How much commercial housing floor area was sold?", "2024年工作安排", "交通"}
	want := make([][]Hit, len(queries))
	for i, q := range queries {
		var err error
		if want[i], err = ix.Search(t.Context(), Query{Text: q, K: 8}); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Go(func() {
			for r := range 5 {
				i := (g + r) % len(queries)
				hits, err := ix.Search(t.Context(), Query{Text: queries[i], K: 8})
				if err != nil || !slices.Equal(hits, want[i]) {
					t.Errorf("Search(%q) under concurrency = %v, %v; want %v", queries[i], hitIDs(hits), err, hitIDs(want[i]))
				}
				ix.Lexical(Query{Text: queries[i]}, 5)
				ix.ChunksWith("增长")
				ix.DocFreq("增长")
			}
		})
	}
	wg.Wait()
}

// TestSearchDegraded checks that a query embedder that fails does not
// fail the search: the lexical hits come back, marked Degraded.
func TestSearchDegraded(t *testing.T) {
	boom := errors.New("boom: service unavailable")
	var fail atomic.Bool
	ce := &countingEmbedder{fail: func(string) error {
		if fail.Load() {
			return boom
		}
		return nil
	}}
	ix := buildIndex(t, []*report.Report{seedReport(t)}, WithEmbedder("count-v1", ce.embed))
	q := Query{Text: "规上工业总产值", K: 5}
	fail.Store(true)
	res, err := ix.SearchDetail(t.Context(), q)
	if err != nil {
		t.Fatalf("SearchDetail with a failing query embedder error = %v, want nil", err)
	}
	if !res.Degraded || !errors.Is(res.VectorErr, boom) {
		t.Errorf("SearchDetail = Degraded %v, VectorErr %v; want true and boom", res.Degraded, res.VectorErr)
	}
	lex := ix.Lexical(q, 5)
	if got, want := hitIDs(res.Hits), hitIDs(lex); !slices.Equal(got, want) {
		t.Errorf("degraded hits %v, want the lexical ranking %v", got, want)
	}
	if hits, err := ix.Search(t.Context(), q); err != nil || len(hits) != 5 {
		t.Errorf("Search with a failing query embedder = %d hits, %v; want 5, nil", len(hits), err)
	}
	fail.Store(false)
	if res, err := ix.SearchDetail(t.Context(), q); err != nil || res.Degraded || res.VectorErr != nil {
		t.Errorf("SearchDetail with a working embedder = Degraded %v, %v, %v", res.Degraded, res.VectorErr, err)
	}

	t.Run("wrong dimensions", func(t *testing.T) {
		ce.dim = 16
		defer func() { ce.dim = 0 }()
		res, err := ix.SearchDetail(t.Context(), q)
		if err != nil || !res.Degraded || !strings.Contains(fmt.Sprint(res.VectorErr), "dimensions") {
			t.Errorf("SearchDetail with a 16-dimension query vector = Degraded %v, %v, %v; want a dimension error", res.Degraded, res.VectorErr, err)
		}
	})
	t.Run("cancelled context fails", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		if _, err := ix.Search(ctx, q); !errors.Is(err, context.Canceled) {
			t.Errorf("Search with a cancelled context error = %v, want context.Canceled", err)
		}
	})
}

// TestRoutingMatchesExhaustive checks that routing a query's vector half
// to a few reports' collections finds what scoring every vector finds, on
// the 26 real reports (more than maxRoutedReports) and the blind dev
// questions.
func TestRoutingMatchesExhaustive(t *testing.T) {
	skipUnderRace(t)
	_, docs, items := blindCorpus(t)
	ix := blindIndex(t)
	all := make([]int, len(docs))
	for d := range all {
		all[d] = d
	}
	overlap, total := 0, 0
	for _, it := range items {
		q := Query{Text: it.Question, K: 30}
		hits, err := ix.Search(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		// The exhaustive ranking: every report's vectors.
		qv, err := ix.queryVector(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		f := ix.newFilter(q)
		vec, err := ix.nearest(t.Context(), qv, all, f, vectorCandidates)
		if err != nil {
			t.Fatal(err)
		}
		fused := map[int32]float64{}
		for r, s := range ix.lexical(queryKeys(ix.queryTerms(q)), lexicalCandidates, f) {
			fused[s.i] += 1 / (rrfK + float64(r+1))
		}
		for r, s := range vec {
			fused[s.i] += vectorWeight / (rrfK + float64(r+1))
		}
		var top []scored
		for i, s := range fused {
			top = pushTop(top, scored{i, s}, q.K)
		}
		want := map[string]bool{}
		for _, h := range ix.hits(sortTop(top)) {
			want[h.ID] = true
		}
		for _, h := range hits {
			if want[h.ID] {
				overlap++
			}
		}
		total += len(want)
	}
	r := float64(overlap) / float64(total)
	t.Logf("routed search shares %.3f of its top 30 with the exhaustive search (%d questions)", r, len(items))
	if r < 0.9 {
		t.Errorf("routed search shares %.3f of its top 30 with the exhaustive search, want at least 0.9", r)
	}
}

func BenchmarkSearch(b *testing.B) {
	ix := seedIndex(b)
	for _, bq := range []struct{ name, q string }{
		{"figure", "2023年规上工业总产值是多少?"},
		{"two-part", "2023年观湖全社会固定资产投资完成了多少?同比增速是多少?"},
		{"english", "How much commercial housing floor area was sold in Guanhu in 2023?"},
	} {
		b.Run(bq.name, func(b *testing.B) {
			q := Query{Text: bq.q, K: 30}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ix.Search(b.Context(), q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkNew(b *testing.B) {
	docs := []*report.Report{seedReport(b)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(b.Context(), docs); err != nil {
			b.Fatal(err)
		}
	}
}
