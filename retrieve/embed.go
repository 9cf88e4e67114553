package retrieve

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"sync"
)

// probeText is embedded by a remote embedder when an index is built and
// when it is reused, so that a model that changed under the same name
// (other dimensions, other weights) is noticed before any query.
const probeText = "政府工作报告 government work report"

// probeMinCosine is how close the probe's vector must stay to the one
// recorded at build time; remote models are not bit-for-bit stable.
const probeMinCosine = 0.99

// prevVectors are the vectors of an earlier build by the same remote
// embedder, by report key, which a rebuild copies instead of paying for
// them again.
type prevVectors struct {
	dim   int
	byKey map[string][]float32
}

// buildVectors embeds every chunk and sets up the vector store. The local
// embedder is fitted on the corpus; a remote one embeds only the chunks
// of reports that prev does not hold.
func (ix *Index) buildVectors(ctx context.Context, prev *prevVectors) error {
	if ix.cfg.local() {
		local, data := ix.embedLocal()
		return ix.attach(ctx, data, LocalDim, local)
	}
	data, dim, err := ix.embedRemote(ctx, prev)
	if err != nil {
		return err
	}
	return ix.attach(ctx, data, dim, nil)
}

// attach puts the vectors into chromem-go and sets the query embedder.
func (ix *Index) attach(ctx context.Context, data []float32, dim int, local *LocalEmbedder) error {
	vs, err := newVectorStore(ctx, ix, data, dim)
	if err != nil {
		return err
	}
	vs.local = local
	ix.vec = vs
	ix.embed = ix.cfg.embed
	if local != nil {
		ix.embed = local.Embed
	}
	return nil
}

// embedLocal fits the local embedder on the chunks and embeds them all.
func (ix *Index) embedLocal() (*LocalEmbedder, []float32) {
	n := len(ix.chunks)
	runes := func(i int, buf []rune) []rune { return ix.chunks[i].indexRunes(buf) }
	local, idf := fitLocal(n, runes, ix.cfg.workers)
	data := make([]float32, n*LocalDim)
	local.embedLocal(n, runes, data, idf, ix.cfg.workers)
	if ix.cfg.progress != nil {
		ix.cfg.progress(n, n)
	}
	return local, data
}

// reportKey identifies the texts a remote embedder sees for report d, so
// that its vectors can be reused by a later build.
func (ix *Index) reportKey(d int) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00", ix.cfg.embedName)
	for i := ix.docStart[d]; i < ix.docStart[d+1]; i++ {
		t := ix.chunks[i].indexText()
		fmt.Fprintf(h, "%d\x00%s", len(t), t)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// embedRemote embeds the chunks with the configured embedder, copying
// the vectors of reports that prev holds.
func (ix *Index) embedRemote(ctx context.Context, prev *prevVectors) ([]float32, int, error) {
	var todo []int // chunk indexes to embed
	reused := map[int][]float32{}
	for d := range ix.docs {
		if prev != nil {
			if v, ok := prev.byKey[ix.reportKey(d)]; ok && len(v) == int(ix.docStart[d+1]-ix.docStart[d])*prev.dim {
				reused[d] = v
				continue
			}
		}
		for i := ix.docStart[d]; i < ix.docStart[d+1]; i++ {
			todo = append(todo, int(i))
		}
	}
	ix.log.Debug("embedding chunks", "chunks", len(todo), "reused_reports", len(reused))
	texts := make([]string, len(todo))
	for k, i := range todo {
		texts[k] = ix.chunks[i].indexText()
	}
	vecs, err := ix.embedAll(ctx, texts, todo)
	if err != nil {
		return nil, 0, err
	}
	dim := 0
	if prev != nil && len(reused) > 0 {
		dim = prev.dim
	}
	for k, v := range vecs {
		if dim == 0 {
			dim = len(v)
		}
		if len(v) != dim || dim == 0 {
			return nil, 0, fmt.Errorf("retrieve: embed chunk %s: got %d dimensions, want %d", ix.chunks[todo[k]].ID, len(v), dim)
		}
	}
	if dim == 0 {
		return nil, 0, fmt.Errorf("retrieve: embed chunks: the reports have no chunks")
	}
	data := make([]float32, len(ix.chunks)*dim)
	for d, v := range reused {
		copy(data[int(ix.docStart[d])*dim:], v)
	}
	for k, v := range vecs {
		copy(data[todo[k]*dim:], v)
	}
	return data, dim, nil
}

// embedAll embeds texts (the index texts of chunks ids) with the batch
// embedder, or with bounded parallel calls of the single one.
func (ix *Index) embedAll(ctx context.Context, texts []string, ids []int) ([][]float32, error) {
	total := len(texts)
	if total == 0 {
		return nil, nil
	}
	if ix.cfg.batch != nil {
		vecs, err := ix.cfg.batch(ctx, texts, ix.cfg.progress)
		if err != nil {
			return nil, fmt.Errorf("retrieve: embed chunks: %w", err)
		}
		if len(vecs) != total {
			return nil, fmt.Errorf("retrieve: embed chunks: got %d vectors for %d chunks", len(vecs), total)
		}
		return vecs, nil
	}
	vecs := make([][]float32, total)
	// Bounded fan-out; the first error cancels the rest.
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	sem := make(chan struct{}, max(1, ix.cfg.concurrency))
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for i, t := range texts {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		wg.Go(func() {
			defer func() { <-sem }()
			v, err := ix.cfg.embed(ctx, t)
			if err != nil {
				cancel(fmt.Errorf("retrieve: embed chunk %s: %w", ix.chunks[ids[i]].ID, err))
				return
			}
			vecs[i] = v
			mu.Lock()
			done++
			if ix.cfg.progress != nil {
				ix.cfg.progress(done, total)
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return nil, err
	}
	return vecs, nil
}

// probe embeds probeText with the configured (remote) embedder, once per
// New.
func (ix *Index) probe(ctx context.Context) ([]float32, error) {
	if ix.probeVec != nil {
		return ix.probeVec, nil
	}
	v, err := ix.cfg.embed(ctx, probeText)
	if err != nil {
		return nil, fmt.Errorf("retrieve: embed probe text: %w", err)
	}
	ix.probeVec = v
	return v, nil
}

// probeMatches reports whether v, the probe's vector now, is the one the
// index recorded (want), allowing for remote jitter.
func probeMatches(v, want []float32) bool {
	if len(v) != len(want) {
		return false
	}
	var ab, aa, bb float64
	for i := range v {
		ab += float64(v[i]) * float64(want[i])
		aa += float64(v[i]) * float64(v[i])
		bb += float64(want[i]) * float64(want[i])
	}
	if aa == 0 || bb == 0 {
		return false
	}
	return ab/math.Sqrt(aa*bb) >= probeMinCosine
}
