package retrieve

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/reportbot/reportbot/report"
)

// refBM25 scores chunks the plain way: strings, maps and float64, as the
// rag-era index did. It is the reference for the flat, precomputed index.
type refBM25 struct {
	tf     []map[string]int
	df     map[string]int
	length []float64
	avg    float64
}

func newRefBM25(texts []string) *refBM25 {
	r := &refBM25{df: map[string]int{}}
	total := 0.0
	for _, text := range texts {
		m := map[string]int{}
		terms := Tokenize(text, nil)
		for _, w := range terms {
			m[w]++
		}
		for w := range m {
			r.df[w]++
		}
		r.tf = append(r.tf, m)
		r.length = append(r.length, float64(len(terms)))
		total += float64(len(terms))
	}
	r.avg = total / float64(len(texts))
	return r
}

func (r *refBM25) scores(q []Term) []float64 {
	best := map[string]float64{}
	for _, t := range q {
		for _, w := range Tokenize(t.Text, nil) {
			best[w] = max(best[w], t.Weight)
		}
	}
	n := float64(len(r.tf))
	out := make([]float64, len(r.tf))
	for w, weight := range best {
		df := float64(r.df[w])
		if df == 0 || weight <= 0 {
			continue
		}
		idf := math.Log(1 + (n-df+0.5)/(df+0.5))
		for d, m := range r.tf {
			tf := float64(m[w])
			if tf == 0 {
				continue
			}
			norm := bm25K1 * (1 - bm25B + bm25B*r.length[d]/r.avg)
			out[d] += weight * idf * tf * (bm25K1 + 1) / (tf + norm)
		}
	}
	return out
}

// TestLexicalMatchesReference checks the index's BM25 scores, ranking and
// filters against the reference, on three reports and random queries.
func TestLexicalMatchesReference(t *testing.T) {
	t.Parallel()
	docs := []*report.Report{seedReport(t), provincialReport(t, guangxiFile), provincialReport(t, jilinFile)}
	ix := buildIndex(t, docs, WithoutVectors())
	texts := make([]string, ix.Len())
	for i := range texts {
		texts[i] = ix.Chunk(i).indexText()
	}
	ref := newRefBM25(texts)
	rng := rand.New(rand.NewPCG(3, 4))
	vocab := []string{"规上工业总产值", "增长", "粮食", "产量", "固定资产投资", "GDP", "5.2%", "公园", "交通", "就业", "新质生产力", "zzz不存在的词", "发展"}
	for trial := range 200 {
		var q Query
		for range 1 + rng.IntN(4) {
			q.Terms = append(q.Terms, Term{vocab[rng.IntN(len(vocab))], []float64{0.5, 1, 2, 0, -1}[rng.IntN(5)]})
		}
		if trial%3 == 0 {
			q.Text = vocab[rng.IntN(len(vocab))]
		}
		if trial%4 == 1 {
			q.Docs = []int{rng.IntN(3)}
		}
		if trial%5 == 2 {
			q.Section = "p2"
		}
		got := ix.Lexical(q, 25)
		want := ref.scores(append([]Term{{q.Text, 1}}, q.Terms...))
		var order []int
		for i, s := range want {
			if s > 0 && (q.Docs == nil || ix.Chunk(i).Doc == q.Docs[0]) && strings.HasPrefix(ix.Chunk(i).SectionID, q.Section) {
				order = append(order, i)
			}
		}
		sort.SliceStable(order, func(a, b int) bool { return want[order[a]] > want[order[b]] })
		if len(got) != min(25, len(order)) {
			t.Fatalf("Lexical(%+v) gave %d hits, the reference %d", q, len(got), min(25, len(order)))
		}
		for r, h := range got {
			if w := want[h.Chunk]; math.Abs(h.Score-w) > 1e-3*max(1, w) {
				t.Fatalf("Lexical(%+v) hit %d %s score %v, reference %v", q, r+1, h.ID, h.Score, w)
			}
			// Ranks agree up to float32 rounding between near ties.
			if w, o := want[h.Chunk], want[order[r]]; math.Abs(w-o) > 1e-4*max(1, o) {
				t.Fatalf("Lexical(%+v) rank %d is %s (%v), the reference's %s (%v)", q, r+1, h.ID, w, ix.Chunk(order[r]).ID, o)
			}
		}
	}
}

// TestDocFreqAndChunksWith checks the corpus statistics against a scan of
// every chunk's terms.
func TestDocFreqAndChunksWith(t *testing.T) {
	t.Parallel()
	docs := []*report.Report{seedReport(t), provincialReport(t, guangxiFile)}
	ix := buildIndex(t, docs, WithoutVectors())
	holds := map[string][]int32{}
	for i := range ix.Len() {
		seen := map[string]bool{}
		for _, w := range Tokenize(ix.Chunk(i).indexText(), nil) {
			if !seen[w] {
				seen[w] = true
				holds[w] = append(holds[w], int32(i))
			}
		}
	}
	terms := []string{"观湖", "增长", "494.91", "gdp", "粮", "广西", "不存在", "", "观湖街", "GDP"}
	for _, term := range terms {
		want := holds[term]
		got := ix.ChunksWith(term)
		if !slices.Equal(got, want) {
			t.Errorf("ChunksWith(%q) = %d chunks, want %d", term, len(got), len(want))
		}
		if df, n := ix.DocFreq(term); df != len(want) || n != ix.Len() {
			t.Errorf("DocFreq(%q) = %d, %d; want %d, %d", term, df, n, len(want), ix.Len())
		}
		n := float64(ix.Len())
		if got, want := ix.IDF(term), math.Log(1+(n-float64(len(want))+0.5)/(float64(len(want))+0.5)); math.Abs(got-want) > 1e-12 {
			t.Errorf("IDF(%q) = %v, want %v", term, got, want)
		}
	}
	// The result is capped: appending to it must not touch the index.
	got := ix.ChunksWith("增长")
	before := slices.Clone(ix.ChunksWith("观湖"))
	_ = append(got, -1)
	if !slices.Equal(before, ix.ChunksWith("观湖")) {
		t.Errorf("appending to ChunksWith's result changed another term's postings")
	}
}

func TestQueryKeys(t *testing.T) {
	keys := queryKeys([]Term{{"观湖街道", 1}, {"街道", 3}, {"观湖", 0.5}, {"", 9}})
	want := []float64{1, 1, 3}
	if len(keys) != 3 {
		t.Fatalf("queryKeys gave %d keys, want 3 (观湖 湖街 街道)", len(keys))
	}
	for i, k := range keys {
		if k.weight != want[i] {
			t.Errorf("key %d weight %v, want %v (the highest given)", i, k.weight, want[i])
		}
	}
	// A long query switches to a map; the result must be the same.
	var long []Term
	for i := range 200 {
		long = append(long, Term{string(rune('一'+i)) + string(rune('一'+i+1)), float64(i % 7)})
	}
	long = append(long, long...)
	got := queryKeys(long)
	if len(got) != 200 {
		t.Fatalf("queryKeys(200 distinct terms twice) gave %d keys", len(got))
	}
	for i, k := range got {
		if k.weight != float64(i%7) {
			t.Fatalf("long query key %d weight %v, want %v", i, k.weight, float64(i%7))
		}
	}
}

func TestCounts(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	c := newCounts(4)
	for round := range 3 {
		want := map[uint64]uint32{}
		var order []uint64
		for range 5000 {
			k := rng.Uint64N(3000) * 0x9E3779B97F4A7C15 // includes 0
			if _, ok := want[k]; !ok {
				order = append(order, k)
			}
			want[k]++
			c.add(k, 1)
		}
		if c.len() != len(want) {
			t.Fatalf("round %d: len = %d, want %d", round, c.len(), len(want))
		}
		var got []uint64
		c.each(func(k uint64, n uint32) {
			got = append(got, k)
			if want[k] != n {
				t.Fatalf("round %d: count of %x = %d, want %d", round, k, n, want[k])
			}
		})
		// First-add order, with key 0 last.
		if i := slices.Index(order, 0); i >= 0 {
			order = append(slices.Delete(order, i, i+1), 0)
		}
		if !slices.Equal(got, order) {
			t.Fatalf("round %d: each is not in order of first add", round)
		}
		if c.get(12345) != 0 {
			t.Fatalf("round %d: get of an absent key is not 0", round)
		}
		c.reset()
		if c.len() != 0 || c.get(order[0]) != 0 {
			t.Fatalf("round %d: reset left keys", round)
		}
	}
}

func TestTopK(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for trial := range 300 {
		n := rng.IntN(40)
		var all []scored
		var h []scored
		for i := range rng.IntN(300) {
			s := scored{int32(i), float64(rng.IntN(20)) - 2} // ties and non-positive scores
			all = append(all, s)
			h = pushTop(h, s, n)
		}
		got := sortTop(h)
		var want []scored
		for _, s := range all {
			if s.score > 0 {
				want = append(want, s)
			}
		}
		sort.Slice(want, func(a, b int) bool { return worse(want[b], want[a]) })
		want = want[:min(n, len(want))]
		if !slices.Equal(got, want) {
			t.Fatalf("trial %d: top %d = %v, want %v", trial, n, got, want)
		}
	}
}
