package rag

import (
	"math"
	"sort"
	"strings"
	"unicode"
)

// tokenize splits text into index terms: character bigrams inside runs of
// CJK ideographs (a lone ideograph is a unigram), lowercased ASCII words,
// and numbers with their decimal point (494.91 stays one term).
func tokenize(s string, out []string) []string {
	rs := []rune(foldDigits(s))
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.Is(unicode.Han, r):
			j := i
			for j < len(rs) && unicode.Is(unicode.Han, rs[j]) {
				j++
			}
			if j-i == 1 {
				out = append(out, string(rs[i]))
			}
			for k := i; k+1 < j; k++ {
				out = append(out, string(rs[k:k+2]))
			}
			i = j
		case r >= '0' && r <= '9':
			j := i
			for j < len(rs) && (rs[j] >= '0' && rs[j] <= '9' || rs[j] == '.' && j+1 < len(rs) && rs[j+1] >= '0' && rs[j+1] <= '9') {
				j++
			}
			out = append(out, string(rs[i:j]))
			i = j
		case r < 128 && (unicode.IsLetter(r)):
			j := i
			for j < len(rs) && rs[j] < 128 && (unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j])) {
				j++
			}
			w := strings.ToLower(string(rs[i:j]))
			if !englishStop[w] {
				out = append(out, w)
			}
			i = j
		default:
			i++
		}
	}
	return out
}

// lexIndex is a BM25 index over chunk terms.
type lexIndex struct {
	postings map[string][]posting
	docLen   []float64
	avgLen   float64
	n        int
	k1, b    float64
}

type posting struct {
	doc int
	tf  float64
}

func newLexIndex(texts []string) *lexIndex {
	ix := &lexIndex{postings: map[string][]posting{}, docLen: make([]float64, len(texts)), n: len(texts), k1: 1.2, b: 0.75}
	var buf []string
	total := 0.0
	for d, t := range texts {
		buf = tokenize(t, buf[:0])
		counts := map[string]float64{}
		for _, w := range buf {
			counts[w]++
		}
		for w, c := range counts {
			ix.postings[w] = append(ix.postings[w], posting{doc: d, tf: c})
		}
		ix.docLen[d] = float64(len(buf))
		total += float64(len(buf))
	}
	if ix.n > 0 {
		ix.avgLen = total / float64(ix.n)
	}
	return ix
}

// idf is the BM25 inverse document frequency of a term; a term in no
// document gets the highest weight.
func (ix *lexIndex) idf(term string) float64 {
	df := float64(len(ix.postings[term]))
	return math.Log(1 + (float64(ix.n)-df+0.5)/(df+0.5))
}

// score returns BM25 scores of every document for the query terms.
// scores must have length n; it is overwritten.
func (ix *lexIndex) score(terms []string, scores []float64) {
	for i := range scores {
		scores[i] = 0
	}
	seen := map[string]bool{}
	for _, t := range terms {
		if seen[t] {
			continue
		}
		seen[t] = true
		ps := ix.postings[t]
		if len(ps) == 0 {
			continue
		}
		idf := ix.idf(t)
		for _, p := range ps {
			norm := ix.k1 * (1 - ix.b + ix.b*ix.docLen[p.doc]/ix.avgLen)
			scores[p.doc] += idf * p.tf * (ix.k1 + 1) / (p.tf + norm)
		}
	}
}

type scored struct {
	i     int
	score float64
}

// topN returns the indexes of the n best scores (score > 0), best first;
// ties keep document order.
func topN(scores []float64, n int, allowed func(int) bool) []scored {
	var out []scored
	for i, s := range scores {
		if s > 0 && (allowed == nil || allowed(i)) {
			out = append(out, scored{i, s})
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].score > out[b].score })
	if len(out) > n {
		out = out[:n]
	}
	return out
}
