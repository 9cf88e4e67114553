package retrieve

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	chromem "github.com/philippgille/chromem-go"
)

// vectorStore keeps the chunk vectors in chromem-go, one in-memory
// collection per report, so that a query scores the vectors of the
// reports it is routed to instead of scanning the whole corpus.
type vectorStore struct {
	dim   int
	data  []float32 // chunk i's vector is data[i*dim : (i+1)*dim]
	db    *chromem.DB
	colls []*chromem.Collection // per report
	// centroid holds each report's normalized mean chunk vector, for
	// routing a query to the reports nearest it.
	centroid []float32
	local    *LocalEmbedder // the fitted local embedder, or nil
}

// errChromemEmbed is what chromem-go gets if it ever tries to embed a
// text itself; the index always hands it vectors.
var errChromemEmbed = errors.New("retrieve: chromem-go must not embed texts")

// newVectorStore puts the vectors (len(ix.chunks)·dim floats, each chunk's
// normalized) into chromem-go collections, one per report.
func newVectorStore(ctx context.Context, ix *Index, data []float32, dim int) (*vectorStore, error) {
	if dim <= 0 || len(data) != len(ix.chunks)*dim {
		return nil, fmt.Errorf("retrieve: %d vector values for %d chunks of %d dimensions", len(data), len(ix.chunks), dim)
	}
	vs := &vectorStore{dim: dim, data: data, db: chromem.NewDB(), colls: make([]*chromem.Collection, len(ix.docs))}
	noEmbed := func(context.Context, string) ([]float32, error) { return nil, errChromemEmbed }
	for d := range ix.docs {
		c, err := vs.db.CreateCollection(ix.ids[d], nil, noEmbed)
		if err != nil {
			return nil, fmt.Errorf("retrieve: create collection %s: %w", ix.ids[d], err)
		}
		vs.colls[d] = c
	}
	var mu sync.Mutex
	var firstErr error
	parallel(len(ix.docs), ix.cfg.workers, func(d int) {
		for i := ix.docStart[d]; i < ix.docStart[d+1]; i++ {
			v := vs.vector(int(i))
			if !unitize(v) {
				v[0] = 1 // a zero vector from a remote model: any unit vector
				unitize(v)
			}
			err := vs.colls[d].AddDocument(ctx, chromem.Document{ID: ix.chunks[i].ID, Embedding: v})
			if err != nil {
				mu.Lock()
				firstErr = cmp.Or(firstErr, fmt.Errorf("retrieve: add chunk %s to collection: %w", ix.chunks[i].ID, err))
				mu.Unlock()
				return
			}
		}
	})
	if firstErr != nil {
		return nil, firstErr
	}
	vs.centroids(ix)
	return vs, nil
}

// vector returns chunk i's vector, capped so appends cannot spill.
func (vs *vectorStore) vector(i int) []float32 {
	return vs.data[i*vs.dim : (i+1)*vs.dim : (i+1)*vs.dim]
}

func (vs *vectorStore) centroids(ix *Index) {
	vs.centroid = make([]float32, len(ix.docs)*vs.dim)
	acc := make([]float64, vs.dim)
	for d := range ix.docs {
		clear(acc)
		for i := ix.docStart[d]; i < ix.docStart[d+1]; i++ {
			for k, x := range vs.vector(int(i)) {
				acc[k] += float64(x)
			}
		}
		normalizeInto(acc, vs.centroid[d*vs.dim:(d+1)*vs.dim])
	}
}

// Routing settings. An index of at most maxRoutedReports reports (or a
// query limited to that many) scores every vector, as an exhaustive
// search would. A larger one scores the vectors of the routeLexical
// reports that hold the best lexical hits and of the routeCentroid
// reports whose mean vector is nearest the query.
const (
	maxRoutedReports = 16
	routeLexical     = 8
	routeCentroid    = 8
)

// route returns the reports whose vectors a query scores.
func (ix *Index) route(f *filter, lexTop []scored, qv []float32) []int {
	var all []int
	if f.docs != nil {
		all = f.docList
	} else if len(ix.docs) <= maxRoutedReports {
		all = make([]int, len(ix.docs))
		for d := range all {
			all[d] = d
		}
	}
	if all != nil && len(all) <= maxRoutedReports {
		return all
	}
	seen := make(map[int]bool, routeLexical+routeCentroid)
	var out []int
	for _, s := range lexTop {
		d := ix.chunks[s.i].Doc
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
			if len(out) == routeLexical {
				break
			}
		}
	}
	vs := ix.vec
	var near []scored
	for d := range ix.docs {
		if seen[d] || f.docs != nil && !f.docs[d] {
			continue
		}
		near = pushTop(near, scored{int32(d), float64(dot(qv, vs.centroid[d*vs.dim:(d+1)*vs.dim]))}, routeCentroid)
	}
	for _, s := range sortTop(near) {
		out = append(out, int(s.i))
	}
	return out
}

func dot(a, b []float32) float32 {
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// tieMargin is how many more nearest chunks than needed nearest asks each
// collection for.
const tieMargin = 8

// nearest returns the n chunks of the given reports nearest qv with a
// positive similarity that f allows, best first, ties in chunk order.
// chromem-go scores each report's collection.
func (ix *Index) nearest(ctx context.Context, qv []float32, reports []int, f *filter, n int) ([]scored, error) {
	var top []scored
	for _, d := range reports {
		c := ix.vec.colls[d]
		count := c.Count()
		if count == 0 {
			continue
		}
		// A few more than needed: chromem-go breaks ties between equal
		// similarities in no fixed order, and only identical chunk
		// texts tie, so a margin keeps the cut deterministic. A section
		// filter may drop many: then take them all.
		want := count
		if f.section == "" {
			want = min(count, n+tieMargin)
		}
		res, err := c.QueryEmbedding(ctx, qv, want, nil, nil)
		if err != nil {
			return nil, fmt.Errorf("retrieve: vector query of %s: %w", ix.ids[d], err)
		}
		for _, r := range res {
			i, ok := ix.byID[r.ID]
			if !ok || r.Similarity <= 0 || !f.allows(ix, i) {
				continue
			}
			top = pushTop(top, scored{i, float64(r.Similarity)}, n)
		}
	}
	return sortTop(top), nil
}

// queryVector embeds the query's vector text; nil when there is none.
func (ix *Index) queryVector(ctx context.Context, q Query) ([]float32, error) {
	text := q.VectorText
	if text == "" {
		var sb strings.Builder
		sb.WriteString(q.Text)
		for _, t := range q.Terms {
			sb.WriteByte(' ')
			sb.WriteString(t.Text)
		}
		text = sb.String()
	}
	if strings.TrimSpace(text) == "" {
		return nil, nil
	}
	v, err := ix.embed(ctx, text)
	if err != nil {
		return nil, fmt.Errorf("retrieve: embed query: %w", err)
	}
	if len(v) != ix.vec.dim {
		return nil, fmt.Errorf("retrieve: the query vector has %d dimensions, the index %d: the embedder changed since the index was built; rebuild it", len(v), ix.vec.dim)
	}
	v = slices.Clone(v)
	if !unitize(v) {
		return nil, fmt.Errorf("retrieve: the query vector is zero or not finite")
	}
	return v, nil
}
