package retrieve

import (
	"math"
	"slices"
	"sync"
)

// BM25 parameters: the usual defaults.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// lexIndex is a BM25 index over chunk terms. Each term's postings are the
// chunks that hold it, in chunk order, with the term-frequency half of
// BM25 computed at build time; a query only multiplies by the term's IDF
// and weight and adds. Postings live in three flat arrays (CSR form):
// term t owns chunk[start[t]:start[t+1]] and tf[...].
type lexIndex struct {
	ids    *counts // term key → term number + 1
	start  []int32 // len(terms)+1
	chunk  []int32
	weight []float32 // tf·(k1+1) / (tf + k1·(1-b+b·len/avgLen))
	n      int
	avgLen float64
	// scratch holds per-query score buffers of length n.
	scratch sync.Pool
}

// chunkTerms are one chunk's distinct term keys and their counts, and
// the chunk's length in terms.
type chunkTerms struct {
	keys []uint64
	tf   []uint16
	len  int32
}

// termScratch holds one goroutine's buffers for termsOf.
type termScratch struct {
	runes []rune
	c     *counts
}

// termsOf returns the distinct terms of c's index text with their
// counts.
func (s *termScratch) termsOf(c *Chunk) chunkTerms {
	if s.c == nil {
		s.c = newCounts(512)
	}
	s.c.reset()
	s.runes = c.indexRunes(s.runes[:0])
	total := int32(0)
	scanTerms(s.runes, func(t termSpan) {
		s.c.add(t.key(), 1)
		total++
	})
	out := chunkTerms{len: total, keys: make([]uint64, 0, s.c.len()), tf: make([]uint16, 0, s.c.len())}
	s.c.each(func(k uint64, n uint32) {
		out.keys = append(out.keys, k)
		out.tf = append(out.tf, uint16(min(n, math.MaxUint16)))
	})
	return out
}

// newLexIndex builds the index from every chunk's terms, in chunk order.
// It reuses the chunks' key slices for term numbers.
func newLexIndex(chunks []chunkTerms) *lexIndex {
	ix := &lexIndex{ids: newCounts(1 << 12), n: len(chunks)}
	// Pass 1: number the terms (ids holds number+1) and count their
	// chunks.
	var df []int32
	total := 0.0
	for _, c := range chunks {
		total += float64(c.len)
		for i, k := range c.keys {
			id := ix.ids.get(k)
			if id == 0 {
				df = append(df, 0)
				id = uint32(len(df))
				ix.ids.add(k, id)
			}
			df[id-1]++
			c.keys[i] = uint64(id - 1)
		}
	}
	if ix.n > 0 {
		ix.avgLen = total / float64(ix.n)
	}
	ix.start = make([]int32, len(df)+1)
	for t, f := range df {
		ix.start[t+1] = ix.start[t] + f
	}
	postings := ix.start[len(df)]
	ix.chunk = make([]int32, postings)
	ix.weight = make([]float32, postings)
	// Pass 2: fill, in chunk order, so each term's postings are sorted.
	next := df // reused: next free posting of each term
	copy(next, ix.start[:len(df)])
	for ci, c := range chunks {
		norm := bm25K1 * (1 - bm25B + bm25B*float64(c.len)/max(ix.avgLen, 1e-9))
		for i, id := range c.keys {
			p := next[id]
			next[id]++
			tf := float64(c.tf[i])
			ix.chunk[p] = int32(ci)
			ix.weight[p] = float32(tf * (bm25K1 + 1) / (tf + norm))
		}
	}
	ix.scratch.New = func() any { return &lexScratch{scores: make([]float32, ix.n)} }
	return ix
}

// postings returns the postings of the term with key k.
func (ix *lexIndex) postings(k uint64) (chunks []int32, weights []float32) {
	id := ix.ids.get(k)
	if id == 0 {
		return nil, nil
	}
	a, b := ix.start[id-1], ix.start[id]
	return ix.chunk[a:b:b], ix.weight[a:b:b]
}

// df returns the number of chunks that hold the term with key k.
func (ix *lexIndex) df(k uint64) int {
	c, _ := ix.postings(k)
	return len(c)
}

// idf is the BM25 inverse document frequency of a term; a term in no
// chunk gets the highest weight.
func (ix *lexIndex) idf(k uint64) float64 {
	df := float64(ix.df(k))
	return math.Log(1 + (float64(ix.n)-df+0.5)/(df+0.5))
}

// lexScratch is the per-query state of score: one score per chunk, zero
// except for the chunks in touched.
type lexScratch struct {
	scores  []float32
	touched []int32
}

// weightedKey is a query term by key, with the highest weight it was
// given.
type weightedKey struct {
	key    uint64
	weight float64
}

// score adds the weighted BM25 scores of the terms to a scratch from the
// pool, which the caller must give back with release. ranges, when not
// nil, limits scoring to chunks in those [lo, hi) ranges, which must be
// sorted and disjoint.
func (ix *lexIndex) score(terms []weightedKey, ranges [][2]int32) *lexScratch {
	s := ix.scratch.Get().(*lexScratch)
	for _, t := range terms {
		chunks, weights := ix.postings(t.key)
		if len(chunks) == 0 || t.weight <= 0 {
			continue
		}
		w := float32(ix.idf(t.key) * t.weight)
		if ranges == nil {
			s.add(chunks, weights, w)
			continue
		}
		for _, r := range ranges {
			lo, _ := slices.BinarySearch(chunks, r[0])
			hi, _ := slices.BinarySearch(chunks[lo:], r[1])
			s.add(chunks[lo:lo+hi], weights[lo:lo+hi], w)
		}
	}
	return s
}

func (s *lexScratch) add(chunks []int32, weights []float32, w float32) {
	scores := s.scores
	for p, c := range chunks {
		old := scores[c]
		if old == 0 {
			s.touched = append(s.touched, c)
		}
		scores[c] = old + w*weights[p]
	}
}

// release zeroes the touched scores and returns s to the pool.
func (ix *lexIndex) release(s *lexScratch) {
	for _, c := range s.touched {
		s.scores[c] = 0
	}
	s.touched = s.touched[:0]
	ix.scratch.Put(s)
}

// queryKeys turns weighted query terms into distinct keys, each with the
// highest weight it was given, in order of first appearance.
func queryKeys(terms []Term) []weightedKey {
	var out []weightedKey
	var seen map[uint64]int // built only for long queries
	var runes []rune
	for _, t := range terms {
		runes = foldRunes(t.Text, runes[:0])
		scanTerms(runes, func(ts termSpan) {
			k := ts.key()
			i := -1
			if seen != nil {
				if j, ok := seen[k]; ok {
					i = j
				}
			} else {
				for j := range out {
					if out[j].key == k {
						i = j
						break
					}
				}
			}
			if i >= 0 {
				out[i].weight = max(out[i].weight, t.Weight)
				return
			}
			out = append(out, weightedKey{k, t.Weight})
			if seen == nil && len(out) > shortQueryTerms {
				seen = make(map[uint64]int, 2*len(out))
				for j, w := range out {
					seen[w.key] = j
				}
			} else if seen != nil {
				seen[k] = len(out) - 1
			}
		})
	}
	return out
}

// shortQueryTerms is how many distinct terms a query may have before
// queryKeys looks them up in a map instead of a list.
const shortQueryTerms = 32
