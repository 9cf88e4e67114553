package retrieve

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/reportbot/reportbot/report"
)

func cosine(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}

func TestLocalEmbedder(t *testing.T) {
	doc := seedReport(t)
	var corpus []string
	for _, c := range ChunkReport(doc, "r1", 0) {
		corpus = append(corpus, c.indexText())
	}
	e := NewLocalEmbedder(corpus)
	again := NewLocalEmbedder(corpus)
	ctx := t.Context()
	vec := func(emb *LocalEmbedder, s string) []float32 {
		t.Helper()
		v, err := emb.Embed(ctx, s)
		if err != nil {
			t.Fatalf("Embed(%q) error: %v", s, err)
		}
		if len(v) != LocalDim {
			t.Fatalf("Embed(%q) has %d dimensions, want %d", s, len(v), LocalDim)
		}
		return v
	}

	t.Run("deterministic and normalized", func(t *testing.T) {
		for _, s := range []string{"", "。,;!", "   ", "规上工业总产值494.91亿元", "What was the GDP growth?", "规上工业总产值４９４.９１亿元", corpus[0], strings.Repeat("观湖", 1000), "\u00e9\u0301"} {
			a, b, c := vec(e, s), vec(e, s), vec(again, s)
			for i := range a {
				if a[i] != b[i] || a[i] != c[i] {
					t.Fatalf("Embed(%q) differs between calls or between two embedders fitted on the same corpus at %d", s, i)
				}
			}
			var sum float64
			for _, x := range a {
				if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
					t.Fatalf("Embed(%q) has %v", s, x)
				}
				sum += float64(x) * float64(x)
			}
			if norm := math.Sqrt(sum); math.Abs(norm-1) > 1e-5 {
				t.Errorf("Embed(%q) has L2 norm %v, want 1 ± 1e-5", s, norm)
			}
		}
	})

	t.Run("similar texts are closer", func(t *testing.T) {
		tests := []struct{ query, near, far string }{
			{"规上工业总产值是多少", "全年规上工业总产值494.91亿元,同比增长1.72%", "新建公园3个,改造老旧小区12个"},
			{"全社会固定资产投资", "全社会固定资产投资93.86亿元,同比增长8.53%", "举办读书班、现场参观、专题授课等56场次"},
			{"公园建设", "新建口袋公园3个,提升公园服务半径覆盖率", "立案审查调查21件"},
		}
		for _, tc := range tests {
			q, near, far := vec(e, tc.query), vec(e, tc.near), vec(e, tc.far)
			if cn, cf := cosine(q, near), cosine(q, far); cn <= cf {
				t.Errorf("cos(%q, %q) = %.3f, not above cos(…, %q) = %.3f", tc.query, tc.near, cn, tc.far, cf)
			}
		}
		a, b := vec(e, "规上工业总产值494.91亿元"), vec(e, "规上工业总产值４９４．９１亿元")
		if c := cosine(a, b); c < 0.999 {
			t.Errorf("cos(half-width, full-width digits) = %.4f, want 1 (digits folded)", c)
		}
	})

	t.Run("empty corpus", func(t *testing.T) {
		v := vec(NewLocalEmbedder(nil), "规上工业总产值")
		var sum float64
		for _, x := range v {
			sum += float64(x) * float64(x)
		}
		if math.Abs(sum-1) > 1e-5 {
			t.Errorf("Embed with an empty corpus has squared norm %v", sum)
		}
	})

	t.Run("concurrent", func(t *testing.T) {
		want := vec(e, corpus[3])
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				v, _ := e.Embed(ctx, corpus[3])
				for i := range v {
					if v[i] != want[i] {
						t.Errorf("concurrent Embed differs at %d", i)
						return
					}
				}
			})
		}
		wg.Wait()
	})
}

// TestLocalEmbedderMatchesBuild checks that the vectors the index computes
// for its chunks at build time (hash tables, two goroutines) are the ones
// the fitted embedder returns for the same texts (sorted arrays), so that
// queries and chunks live in one space.
func TestLocalEmbedderMatchesBuild(t *testing.T) {
	t.Parallel()
	ix := buildIndex(t, []*report.Report{seedReport(t), provincialReport(t, jilinFile)})
	local := ix.vec.local
	if local == nil {
		t.Fatal("the index has no local embedder")
	}
	for i := 0; i < ix.Len(); i += 7 {
		v, err := local.Embed(t.Context(), ix.Chunk(i).indexText())
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(v, ix.vec.vector(i)) {
			t.Fatalf("Embed(chunk %s) differs from its vector in the index", ix.Chunk(i).ID)
		}
	}
	fitted := NewLocalEmbedder(func() []string {
		var out []string
		for i := range ix.Len() {
			out = append(out, ix.Chunk(i).indexText())
		}
		return out
	}())
	if !slices.Equal(fitted.grams, local.grams) || !slices.Equal(fitted.df, local.df) || fitted.docs != local.docs {
		t.Errorf("NewLocalEmbedder on the chunk texts differs from the index's embedder")
	}
}

func TestLocalName(t *testing.T) {
	if want := strconv.Itoa(LocalDim); !strings.HasSuffix(localName, "-"+want) {
		t.Errorf("localName %q does not end in the dimension %s: persisted indexes would not notice a change", localName, want)
	}
	if got := (&LocalEmbedder{}).Name(); got != localName {
		t.Errorf("Name() = %q, want %q", got, localName)
	}
}

// TestUnitize checks that stored vectors pass chromem-go's normalization
// check, so chromem keeps them instead of copying them.
func TestUnitize(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, dim := range []int{3, 256, 1536, 4096} {
		for range 20 {
			v := make([]float32, dim)
			for i := range v {
				v[i] = float32(rng.NormFloat64() * 1e3)
			}
			if !unitize(v) {
				t.Fatalf("unitize of a random vector of %d dimensions = false", dim)
			}
			var sum float64
			for _, x := range v {
				sum += float64(x) * float64(x)
			}
			if d := math.Abs(math.Sqrt(sum) - 1); d >= unitTolerance {
				t.Fatalf("unitized vector of %d dimensions has |norm-1| = %g", dim, d)
			}
		}
	}
	if unitize(make([]float32, 4)) || unitize([]float32{float32(math.NaN())}) {
		t.Errorf("unitize of a zero or NaN vector = true")
	}
}
