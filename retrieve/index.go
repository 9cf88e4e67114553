package retrieve

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strconv"
	"sync"

	"github.com/reportbot/reportbot/report"
)

// Errors callers may branch on.
var (
	// ErrNoReports is returned by New when it is given no report.
	ErrNoReports = errors.New("retrieve: no reports to index")
	// ErrForeignIndex is returned when the index directory holds something
	// that is not a reportbot index.
	ErrForeignIndex = errors.New("retrieve: directory is not a reportbot index")
	// ErrEmptyQuery is returned for a blank query.
	ErrEmptyQuery = errors.New("retrieve: empty query")
	// ErrNoIndex is returned by Open when the directory holds no index it
	// can use: none was built there, it is damaged, or it was built by a
	// version whose chunks differ. New with WithPersistDir rebuilds it.
	ErrNoIndex = errors.New("retrieve: no usable index")
)

// Index holds the chunks of one or more reports, a lexical index over them
// and their vectors. It is safe for concurrent use after New or Open.
type Index struct {
	cfg    config
	docs   []*report.Report
	ids    []string // r1, r2, …
	names  []string
	chunks []Chunk
	// docStart[d] is the first chunk of report d; its chunks are
	// [docStart[d], docStart[d+1]), in text order.
	docStart  []int32
	byID      map[string]int32
	sentChunk map[*report.Sentence]int32
	lex       *lexIndex
	vec       *vectorStore // nil without vectors
	embed     EmbedFunc    // embeds queries; nil without vectors
	log       *slog.Logger
	probeVec  []float32 // the remote embedder's probe vector, while New runs
}

// New chunks the reports, builds the lexical index and embeds the chunks
// into in-memory chromem-go collections, one per report; with
// [WithPersistDir] it reuses or rebuilds the index kept there. It returns
// ErrNoReports when docs is empty.
func New(ctx context.Context, docs []*report.Report, opts ...Option) (*Index, error) {
	if len(docs) == 0 {
		return nil, ErrNoReports
	}
	for i, d := range docs {
		if d == nil {
			return nil, fmt.Errorf("retrieve: report %d is nil", i+1)
		}
	}
	cfg := newConfig(opts)
	names := make([]string, len(docs))
	copy(names, cfg.names)
	ix := newIndex(cfg, docs, names)
	if cfg.noVector {
		return ix, nil
	}
	var err error
	if cfg.dbDir != "" {
		err = ix.persisted(ctx)
		ix.probeVec = nil
	} else {
		err = ix.buildVectors(ctx, nil)
	}
	if err != nil {
		return nil, err
	}
	return ix, nil
}

// newIndex chunks the reports and builds the lexical index, spreading the
// per-report work over cfg.workers goroutines.
func newIndex(cfg config, docs []*report.Report, names []string) *Index {
	ix := &Index{cfg: cfg, docs: docs, names: names, log: cfg.logger}
	type part struct {
		chunks []Chunk
		terms  []chunkTerms
	}
	parts := make([]part, len(docs))
	ix.ids = make([]string, len(docs))
	for d := range docs {
		ix.ids[d] = "r" + strconv.Itoa(d+1)
	}
	parallel(len(docs), cfg.workers, func(d int) {
		var s termScratch
		cs := ChunkReport(docs[d], ix.ids[d], cfg.chunkSize)
		ts := make([]chunkTerms, len(cs))
		for i := range cs {
			cs[i].Doc = d
			ts[i] = s.termsOf(&cs[i])
		}
		parts[d] = part{cs, ts}
	})
	n := 0
	for _, p := range parts {
		n += len(p.chunks)
	}
	ix.chunks = make([]Chunk, 0, n)
	terms := make([]chunkTerms, 0, n)
	ix.docStart = make([]int32, 0, len(docs)+1)
	for _, p := range parts {
		ix.docStart = append(ix.docStart, int32(len(ix.chunks)))
		ix.chunks = append(ix.chunks, p.chunks...)
		terms = append(terms, p.terms...)
	}
	ix.docStart = append(ix.docStart, int32(len(ix.chunks)))
	ix.byID = make(map[string]int32, n)
	ix.sentChunk = make(map[*report.Sentence]int32, n*4)
	for i := range ix.chunks {
		c := &ix.chunks[i]
		ix.byID[c.ID] = int32(i)
		for _, s := range c.sentences {
			ix.sentChunk[s] = int32(i)
		}
	}
	ix.lex = newLexIndex(terms)
	return ix
}

// parallel calls fn(i) for i in [0, n) on up to workers goroutines.
func parallel(n, workers int, fn func(i int)) {
	workers = max(1, min(workers, n))
	var next sync.Mutex
	i := 0
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				next.Lock()
				k := i
				i++
				next.Unlock()
				if k >= n {
					return
				}
				fn(k)
			}
		})
	}
	wg.Wait()
}

// Reports returns the indexed reports, in the order given to New.
func (ix *Index) Reports() []*report.Report { return ix.docs }

// Name returns the name of report d (see [WithNames]), or "".
func (ix *Index) Name(d int) string { return ix.names[d] }

// ReportID returns the ID of report d: r1 for the first.
func (ix *Index) ReportID(d int) string { return ix.ids[d] }

// Len returns the number of chunks.
func (ix *Index) Len() int { return len(ix.chunks) }

// Chunk returns chunk i. The result must not be modified.
func (ix *Index) Chunk(i int) *Chunk { return &ix.chunks[i] }

// Chunks returns a copy of the indexed chunks.
func (ix *Index) Chunks() []Chunk { return append([]Chunk(nil), ix.chunks...) }

// ChunkAt returns the index of report d's chunk that covers code point
// pos, or -1. It is a binary search.
func (ix *Index) ChunkAt(d, pos int) int {
	if d < 0 || d >= len(ix.docs) {
		return -1
	}
	lo, hi := int(ix.docStart[d]), int(ix.docStart[d+1])
	k := lo + sort.Search(hi-lo, func(k int) bool { return ix.chunks[lo+k].End > pos })
	if k < hi && ix.chunks[k].Start <= pos {
		return k
	}
	return -1
}

// SentenceChunk returns the index of the chunk that holds s, or -1.
func (ix *Index) SentenceChunk(s *report.Sentence) int {
	if c, ok := ix.sentChunk[s]; ok {
		return int(c)
	}
	return -1
}

// DocFreq returns how many chunks hold an index term (see [Tokenize]),
// and the number of chunks: the corpus statistics a caller needs to weigh
// a term.
func (ix *Index) DocFreq(term string) (df, n int) {
	if k, ok := termKey(term); ok {
		df = ix.lex.df(k)
	}
	return df, ix.lex.n
}

// IDF is the BM25 inverse document frequency of an index term; a string
// that is in no chunk gets the highest weight.
func (ix *Index) IDF(term string) float64 {
	k, _ := termKey(term)
	return ix.lex.idf(k)
}

// ChunksWith returns the chunks whose index text holds the index term
// (see [Tokenize]), in chunk order. The result must not be modified.
func (ix *Index) ChunksWith(term string) []int32 {
	k, ok := termKey(term)
	if !ok {
		return nil
	}
	c, _ := ix.lex.postings(k)
	return c
}
