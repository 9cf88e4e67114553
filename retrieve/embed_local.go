package retrieve

import (
	"context"
	"math"
	"math/bits"
	"slices"
	"sync"
	"unicode"
)

// LocalDim is the dimension of the local embedder's vectors. It was 1024;
// 256 keeps the blind dev set's hit@5 and hit@30 (see quality_test.go and
// DESIGN.md) at a quarter of the memory and scan time.
const LocalDim = 256

// localName identifies the local embedder, its version and dimension
// (LocalDim) in persisted indexes.
const localName = "local-ngram-tfidf-v2-256"

// LocalEmbedder is the offline embedder: character 1-, 2- and 3-grams of
// the text (ASCII words whole), hashed into LocalDim buckets with signed
// feature hashing, weighted by sublinear term frequency times the inverse
// document frequency learnt from the corpus, and L2-normalized. It needs no
// network and no model files, and it is deterministic. It is safe for
// concurrent use.
type LocalEmbedder struct {
	// grams are the hashes of the corpus n-grams, sorted, and df their
	// document frequencies.
	grams []uint64
	df    []uint32
	docs  float64
}

// NewLocalEmbedder returns an embedder fitted on the given corpus texts
// (the chunks it will embed). An empty corpus gives every n-gram the same
// weight.
func NewLocalEmbedder(corpus []string) *LocalEmbedder {
	e, _ := fitLocal(len(corpus), func(i int, buf []rune) []rune { return foldRunes(corpus[i], buf) }, 1)
	return e
}

// Name identifies the embedder and its settings in persisted indexes.
func (e *LocalEmbedder) Name() string { return localName }

// Embed returns the normalized vector of text. It never fails; the
// signature matches [EmbedFunc].
func (e *LocalEmbedder) Embed(_ context.Context, text string) ([]float32, error) {
	var g gramScratch
	out := make([]float32, LocalDim)
	g.runes = foldRunes(text, g.runes)
	e.vector(&g, out, e.idf)
	return out, nil
}

// idf returns the inverse document frequency of gram h.
func (e *LocalEmbedder) idf(h uint64) float64 {
	df := 0.0
	if i, ok := slices.BinarySearch(e.grams, h); ok {
		df = float64(e.df[i])
	}
	return idfOf(df, e.docs)
}

// Gram hashes carry their kind in the low two bits, which sets the
// weight: bigrams and trigrams weigh more than single characters, and
// ASCII words most.
const (
	gramUni = iota
	gramBi
	gramTri
	gramWord
)

var gramWeight = [4]float64{gramUni: 0.5, gramBi: 1, gramTri: 1, gramWord: 1.5}

// gramScratch holds the buffers of one goroutine's gram work.
type gramScratch struct {
	runes []rune
	sep   []bool
	code  []uint64 // a hash of each code point
	c     *counts  // gram hash → occurrences, in order of first occurrence
	acc   [LocalDim]float64
}

// count counts the grams of the folded text in g.runes into g.c.
func (g *gramScratch) count() *counts {
	if g.c == nil {
		g.c = newCounts(1024)
	}
	g.c.reset()
	rs := g.runes
	g.sep = slices.Grow(g.sep[:0], len(rs))[:len(rs)]
	g.code = slices.Grow(g.code[:0], len(rs))[:len(rs)]
	for i, r := range rs {
		if r < 128 {
			g.sep[i] = asciiSep[r]
		} else {
			g.sep[i] = unicode.IsSpace(r) || unicode.IsPunct(r)
		}
		g.code[i] = mix64(uint64(r))
	}
	for i := 0; i < len(rs); i++ {
		if g.sep[i] {
			continue
		}
		if r := rs[i]; r < 128 && unicode.IsLetter(r) {
			j := i
			for j < len(rs) && rs[j] < 128 && (unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j])) {
				if rs[j] >= 'A' && rs[j] <= 'Z' {
					rs[j] += 'a' - 'A'
				}
				j++
			}
			g.c.add(wordHash(rs[i:j]), 1)
			i = j - 1
			continue
		}
		// Grams hash their code points' hashes, rotated by position.
		a := g.code[i]
		g.c.add(mix64(a)&^3, 1) // the kind gramUni is 0
		if i+1 < len(rs) && !g.sep[i+1] {
			b := a ^ bits.RotateLeft64(g.code[i+1], 21)
			g.c.add(mix64(b^gramBi)&^3|gramBi, 1)
			if i+2 < len(rs) && !g.sep[i+2] {
				g.c.add(mix64(b^bits.RotateLeft64(g.code[i+2], 42)^gramTri)&^3|gramTri, 1)
			}
		}
	}
	return g.c
}

// asciiSep marks the ASCII spaces and punctuation, which end grams.
var asciiSep = func() (t [128]bool) {
	for r := range rune(128) {
		t[r] = unicode.IsSpace(r) || unicode.IsPunct(r)
	}
	return t
}()

// mix64 is splitmix64's finalizer: a cheap hash of a 64-bit value.
func mix64(x uint64) uint64 {
	x += 0x9E3779B97F4A7C15
	x = (x ^ x>>30) * 0xBF58476D1CE4E5B9
	x = (x ^ x>>27) * 0x94D049BB133111EB
	return x ^ x>>31
}

// wordHash is FNV-1a over a lowercased ASCII word, with the word kind in
// the low two bits.
func wordHash(r []rune) uint64 {
	h := uint64(14695981039346656037)
	for _, x := range r {
		h = (h ^ uint64(x)) * 1099511628211
	}
	return mix64(h)&^3 | gramWord
}

// vector writes the normalized TF-IDF vector of the folded text in
// g.runes to out, looking up each gram's inverse document frequency with
// idf.
func (e *LocalEmbedder) vector(g *gramScratch, out []float32, idf func(uint64) float64) {
	acc := &g.acc
	clear(acc[:])
	g.count().each(func(h uint64, n uint32) {
		w := tfWeight(h&3, n) * idf(h)
		if h>>63 == 1 {
			w = -w
		}
		acc[(h>>2)%LocalDim] += w
	})
	normalizeInto(acc[:], out)
}

// tfWeight is the sublinear term frequency of a gram of the given kind
// seen n times: 1 + ln(n·weight).
func tfWeight(kind uint64, n uint32) float64 {
	if n < uint32(len(tfTable[0])) {
		return tfTable[kind][n]
	}
	return 1 + math.Log(float64(n)*gramWeight[kind])
}

var tfTable = func() (t [4][32]float64) {
	for k := range t {
		for n := 1; n < len(t[k]); n++ {
			t[k][n] = 1 + math.Log(float64(n)*gramWeight[k])
		}
	}
	return t
}()

// idfOf is the inverse document frequency of a gram in df of the docs
// texts, rounded to float32 as the build stores it. With no corpus every
// gram weighs 1.
func idfOf(df, docs float64) float64 {
	if docs == 0 {
		return 1
	}
	return float64(float32(math.Log(1 + (docs+1)/(df+1))))
}

// normalizeInto writes v scaled to unit length to out. A zero vector
// becomes a fixed unit vector. The result passes chromem-go's check for
// normalized vectors, so chromem keeps it instead of copying it.
func normalizeInto(v []float64, out []float32) {
	var norm float64
	for _, x := range v {
		norm += x * x
	}
	if norm == 0 {
		clear(out)
		out[0] = 1
		return
	}
	norm = math.Sqrt(norm)
	for i, x := range v {
		out[i] = float32(x / norm)
	}
	unitize(out)
}

// unitTolerance is chromem-go's tolerance for a normalized vector.
const unitTolerance = 1e-6

// unitize rescales v in place until its float64 norm is within
// unitTolerance of 1, as chromem-go checks; float32 rounding can leave a
// long vector just outside. It reports false for a zero or non-finite
// vector.
func unitize(v []float32) bool {
	for range 3 {
		var sum float64
		for _, x := range v {
			sum += float64(x) * float64(x)
		}
		norm := math.Sqrt(sum)
		if norm == 0 || math.IsNaN(norm) || math.IsInf(norm, 0) {
			return false
		}
		if math.Abs(norm-1) < unitTolerance/2 {
			return true
		}
		for i, x := range v {
			v[i] = float32(float64(x) / norm)
		}
	}
	return true
}

// fitLocal counts the document frequency of every gram of the n texts,
// which runes(i, buf) appends folded to buf, with the given number of
// goroutines. It returns
// the embedder and a hash table from each gram to its inverse document
// frequency (float32 bits), which is faster than the embedder's sorted
// arrays for embedding the whole corpus at build time.
func fitLocal(n int, runes func(i int, buf []rune) []rune, workers int) (*LocalEmbedder, *counts) {
	workers = max(1, min(workers, n))
	dfs := make([]*counts, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var g gramScratch
			// About as many distinct grams as a few per chunk: fewer
			// rehashes of a table that ends up large.
			df := newCounts(max(1<<12, 8*n/workers))
			for i := w; i < n; i += workers {
				g.runes = runes(i, g.runes[:0])
				g.count().each(func(h uint64, _ uint32) { df.add(h, 1) })
			}
			dfs[w] = df
		})
	}
	wg.Wait()
	all := newCounts(16)
	if len(dfs) > 0 {
		all = dfs[0]
		for _, df := range dfs[1:] {
			df.each(all.add)
		}
	}
	e := &LocalEmbedder{docs: float64(n), grams: make([]uint64, 0, all.len())}
	all.each(func(h uint64, _ uint32) { e.grams = append(e.grams, h) })
	slices.Sort(e.grams)
	e.df = make([]uint32, len(e.grams))
	for i, h := range e.grams {
		e.df[i] = all.get(h)
	}
	for _, s := range all.slots {
		all.tab[s].val = math.Float32bits(float32(idfOf(float64(all.tab[s].val), e.docs)))
	}
	if all.has0 {
		all.zero = math.Float32bits(float32(idfOf(float64(all.zero), e.docs)))
	}
	return e, all
}

// embedLocal writes the vector of each of the n texts (see fitLocal) to vecs
// (n·LocalDim) with the given number of goroutines, looking document
// frequencies up in idf, fitLocal's table.
func (e *LocalEmbedder) embedLocal(n int, runes func(i int, buf []rune) []rune, vecs []float32, idf *counts, workers int) {
	workers = max(1, min(workers, n))
	lookup := func(h uint64) float64 { return float64(math.Float32frombits(idf.get(h))) }
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var g gramScratch
			for i := w; i < n; i += workers {
				g.runes = runes(i, g.runes[:0])
				e.vector(&g, vecs[i*LocalDim:(i+1)*LocalDim], lookup)
			}
		})
	}
	wg.Wait()
}
