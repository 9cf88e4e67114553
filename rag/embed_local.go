package rag

import (
	"context"
	"math"
	"unicode"
)

// LocalDim is the dimension of the local embedder's vectors.
const LocalDim = 1024

// LocalEmbedder is the offline embedder: character 1-, 2- and 3-grams of
// the text (ASCII words whole), hashed into LocalDim buckets with signed
// feature hashing, weighted by sublinear term frequency times the inverse
// document frequency learnt from the corpus, and L2-normalized. It needs no
// network and no model files, and it is deterministic. It is safe for
// concurrent use after Fit.
type LocalEmbedder struct {
	df   map[uint64]float64
	docs float64
}

// NewLocalEmbedder returns an embedder fitted on the given corpus texts
// (the chunks it will embed). An empty corpus gives every n-gram the same
// weight.
func NewLocalEmbedder(corpus []string) *LocalEmbedder {
	e := &LocalEmbedder{df: map[uint64]float64{}}
	for _, t := range corpus {
		seen := map[uint64]bool{}
		forEachGram(t, func(h uint64, _ float64) {
			if !seen[h] {
				seen[h] = true
				e.df[h]++
			}
		})
	}
	e.docs = float64(len(corpus))
	return e
}

// fitEmbed is NewLocalEmbedder followed by Embed on every corpus text,
// counting each text's n-grams once instead of twice.
func fitEmbed(corpus []string) (*LocalEmbedder, [][]float32) {
	e := &LocalEmbedder{df: map[uint64]float64{}, docs: float64(len(corpus))}
	counts := make([]map[uint64]float64, len(corpus))
	for i, t := range corpus {
		c := map[uint64]float64{}
		forEachGram(t, func(h uint64, w float64) { c[h] += w })
		for h := range c {
			e.df[h]++
		}
		counts[i] = c
	}
	vecs := make([][]float32, len(corpus))
	for i, c := range counts {
		vecs[i] = e.vector(c)
	}
	return e, vecs
}

// Name identifies the embedder and its settings in persisted indexes.
func (e *LocalEmbedder) Name() string { return "local-ngram-tfidf-v1" }

// Embed returns the normalized vector of text. It never fails; the
// signature matches [EmbedFunc].
func (e *LocalEmbedder) Embed(_ context.Context, text string) ([]float32, error) {
	counts := map[uint64]float64{}
	forEachGram(text, func(h uint64, w float64) { counts[h] += w })
	return e.vector(counts), nil
}

// vector weighs n-gram counts by TF-IDF, hashes them into LocalDim
// buckets and normalizes.
func (e *LocalEmbedder) vector(counts map[uint64]float64) []float32 {
	v := make([]float64, LocalDim)
	for h, c := range counts {
		idf := 1.0
		if e.docs > 0 {
			idf = math.Log(1 + (e.docs+1)/(e.df[h]+1))
		}
		w := (1 + math.Log(c)) * idf
		if h>>63 == 1 {
			w = -w
		}
		v[h%LocalDim] += w
	}
	var norm float64
	for _, x := range v {
		norm += x * x
	}
	out := make([]float32, LocalDim)
	if norm == 0 {
		out[0] = 1 // a fixed unit vector for texts without n-grams
		return out
	}
	norm = math.Sqrt(norm)
	for i, x := range v {
		out[i] = float32(x / norm)
	}
	return out
}

// forEachGram calls fn with the hash and weight of every n-gram of s.
// Bigrams and trigrams weigh more than single characters.
func forEachGram(s string, fn func(h uint64, w float64)) {
	rs := []rune(foldDigits(s))
	hash := func(prefix byte, r []rune) uint64 {
		// FNV-1a over the prefix and the code points, without allocating.
		h := uint64(14695981039346656037)
		h = (h ^ uint64(prefix)) * 1099511628211
		for _, x := range r {
			for k := 0; k < 4; k++ {
				h = (h ^ uint64(byte(x>>(8*k)))) * 1099511628211
			}
		}
		return h
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if unicode.IsSpace(r) || unicode.IsPunct(r) {
			continue
		}
		if r < 128 && unicode.IsLetter(r) {
			j := i
			for j < len(rs) && rs[j] < 128 && (unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j])) {
				j++
			}
			fn(hash('w', []rune(lowerASCII(string(rs[i:j])))), 1.5)
			i = j - 1
			continue
		}
		fn(hash('1', rs[i:i+1]), 0.5)
		if i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) && !unicode.IsPunct(rs[i+1]) {
			fn(hash('2', rs[i:i+2]), 1)
			if i+2 < len(rs) && !unicode.IsSpace(rs[i+2]) && !unicode.IsPunct(rs[i+2]) {
				fn(hash('3', rs[i:i+3]), 1)
			}
		}
	}
}

func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}
