package retrieve

import (
	"context"
	"strconv"
	"strings"
)

// Query is a search request.
type Query struct {
	// Text is tokenized with [Tokenize]; each term weighs 1.
	Text string
	// Terms are extra weighted terms (synonyms, translations); their text
	// is tokenized too, and each resulting term gets the weight given.
	Terms []Term
	// VectorText is what the embedder sees; "" means Text plus Terms.
	VectorText string
	// K is the number of results; 0 means 5. It is clamped to the number
	// of chunks.
	K int
	// Docs limits results to these reports (indexes into Reports); nil
	// means all.
	Docs []int
	// Section limits results to sections whose ID starts with it (p2,
	// p2s3).
	Section string
}

// Term is a weighted piece of query text.
type Term struct {
	Text   string
	Weight float64
}

// Hit is one retrieved chunk. Text is exactly source[Start:End] in code
// points of the report it names.
type Hit struct {
	Rank      int     `json:"rank"`
	ID        string  `json:"id"`
	Label     string  `json:"label"`
	SectionID string  `json:"section_id"`
	ReportID  string  `json:"report_id"`
	Report    string  `json:"report"`
	File      string  `json:"file,omitempty"`
	Text      string  `json:"text"`
	Start     int     `json:"start"`
	End       int     `json:"end"`
	Score     float64 `json:"score"`
	// Plan is true for chunks in the plan for the coming year or period,
	// false for the review and the rest.
	Plan bool `json:"plan"`
	// Chunk is the chunk's index in the Index; Doc its report's.
	Chunk int `json:"-"`
	Doc   int `json:"-"`
}

// SearchResult is the answer of [Index.SearchDetail].
type SearchResult struct {
	Hits []Hit
	// Degraded is true when the vector half of the search failed (the
	// embedder returned an error for the query, or a vector that does
	// not fit the index) and Hits come from the lexical half alone.
	Degraded bool
	// VectorErr says why, when Degraded. Its text never holds an API key
	// of the OpenAIEmbedder.
	VectorErr error
}

// Fusion settings: reciprocal rank fusion of the lexical and vector
// rankings, as in Cormack et al. (2009), with a smaller k that favours the
// top of each list.
const (
	rrfK = 20.0
	// vectorCandidates is how many nearest chunks the vector half
	// nominates.
	vectorCandidates = 50
	// lexicalCandidates is how many lexical hits are fused.
	lexicalCandidates = 200
	// vectorWeight scales the vector ranking's share of the fusion. On
	// the blind dev questions (quality_test.go) the local embedder's
	// ranking at full weight pushed good lexical hits out of the top 5
	// (hit@5 0.68 against lexical alone 0.77) while adding recall at 30
	// (0.85 against 0.82); at 0.4 the hybrid keeps both (0.77, 0.85).
	vectorWeight = 0.4
)

// Search returns the chunks that best match the query: BM25 over the
// query's terms fused with vector similarity by reciprocal rank. It
// returns ErrEmptyQuery when the query has no text and no terms, and an
// error when ctx ends. When the vector half fails (a remote embedder is
// down), Search still returns the lexical hits and no error; use
// [Index.SearchDetail] to learn that it did.
func (ix *Index) Search(ctx context.Context, q Query) ([]Hit, error) {
	r, err := ix.SearchDetail(ctx, q)
	return r.Hits, err
}

// SearchDetail is Search, with a result that says whether the vector half
// was left out (SearchResult.Degraded) and why. An error means the search
// itself failed: an empty query or the end of ctx.
func (ix *Index) SearchDetail(ctx context.Context, q Query) (SearchResult, error) {
	keys := queryKeys(ix.queryTerms(q))
	if len(keys) == 0 && strings.TrimSpace(q.Text) == "" {
		return SearchResult{}, ErrEmptyQuery
	}
	if err := ctx.Err(); err != nil {
		return SearchResult{}, err
	}
	k := q.K
	if k <= 0 {
		k = 5
	}
	k = min(k, len(ix.chunks))
	f := ix.newFilter(q)
	lexTop := ix.lexical(keys, lexicalCandidates, f)
	var res SearchResult
	vecTop, err := ix.vectorHalf(ctx, q, f, lexTop)
	if err != nil {
		if cerr := ctx.Err(); cerr != nil {
			return SearchResult{}, cerr
		}
		ix.log.Debug("vector half failed; lexical hits only", "vector_error", err.Error())
		res.Degraded, res.VectorErr = true, err
	}
	fused := make(map[int32]float64, len(lexTop)+len(vecTop))
	for r, s := range lexTop {
		fused[s.i] += 1 / (rrfK + float64(r+1))
	}
	for r, s := range vecTop {
		fused[s.i] += vectorWeight / (rrfK + float64(r+1))
	}
	var top []scored
	for i, s := range fused {
		top = pushTop(top, scored{i, s}, k)
	}
	res.Hits = ix.hits(sortTop(top))
	return res, nil
}

// vectorHalf returns the chunks nearest the query's vector, best first;
// nil when the index has no vectors or the query no vector text.
func (ix *Index) vectorHalf(ctx context.Context, q Query, f *filter, lexTop []scored) ([]scored, error) {
	if ix.vec == nil || f.empty() {
		return nil, nil
	}
	qv, err := ix.queryVector(ctx, q)
	if err != nil || qv == nil {
		return nil, err
	}
	return ix.nearest(ctx, qv, ix.route(f, lexTop, qv), f, vectorCandidates)
}

// Lexical returns the n best chunks by weighted BM25 alone, best first,
// with their scores; docs and section filter as in Query.
func (ix *Index) Lexical(q Query, n int) []Hit {
	return ix.hits(ix.lexical(queryKeys(ix.queryTerms(q)), n, ix.newFilter(q)))
}

func (ix *Index) hits(top []scored) []Hit {
	hits := make([]Hit, len(top))
	for r, s := range top {
		hits[r] = ix.hit(int(s.i), s.score)
		hits[r].Rank = r + 1
	}
	return hits
}

func (ix *Index) hit(i int, score float64) Hit {
	c := &ix.chunks[i]
	return Hit{
		ID: c.ID, Label: c.Label, SectionID: c.SectionID, ReportID: c.ReportID,
		Report: ix.docs[c.Doc].Title, File: ix.names[c.Doc],
		Text: c.Text, Start: c.Start, End: c.End, Score: roundScore(score), Plan: c.Plan,
		Chunk: i, Doc: c.Doc,
	}
}

// queryTerms lists the query's text (weight 1) and its weighted terms.
func (ix *Index) queryTerms(q Query) []Term {
	out := make([]Term, 0, len(q.Terms)+1)
	out = append(out, Term{q.Text, 1})
	return append(out, q.Terms...)
}

// filter is a query's restriction to reports and a section.
type filter struct {
	docs    []bool // nil: every report
	docList []int  // the allowed reports, ascending
	ranges  [][2]int32
	section string
}

// rangeReports is the most reports a filter lists as chunk ranges for the
// lexical half, which then binary-searches each posting list per range;
// with more it scans whole lists and filters.
const rangeReports = 64

func (ix *Index) newFilter(q Query) *filter {
	f := &filter{section: q.Section}
	if q.Docs == nil {
		return f
	}
	f.docs = make([]bool, len(ix.docs))
	for _, d := range q.Docs {
		if d >= 0 && d < len(ix.docs) {
			f.docs[d] = true
		}
	}
	for d, ok := range f.docs {
		if ok {
			f.docList = append(f.docList, d)
		}
	}
	if len(f.docList) <= rangeReports {
		f.ranges = make([][2]int32, 0, len(f.docList))
		for _, d := range f.docList {
			f.ranges = append(f.ranges, [2]int32{ix.docStart[d], ix.docStart[d+1]})
		}
	}
	return f
}

// empty reports whether the filter allows no report at all.
func (f *filter) empty() bool { return f.docs != nil && len(f.docList) == 0 }

func (f *filter) allows(ix *Index, i int32) bool {
	c := &ix.chunks[i]
	if f.docs != nil && !f.docs[c.Doc] {
		return false
	}
	return f.section == "" || strings.HasPrefix(c.SectionID, f.section)
}

// lexical returns the n chunks with the best BM25 score that f allows,
// best first, ties in chunk order.
func (ix *Index) lexical(keys []weightedKey, n int, f *filter) []scored {
	if len(keys) == 0 || n <= 0 || f.empty() {
		return nil
	}
	s := ix.lex.score(keys, f.ranges)
	defer ix.lex.release(s)
	top := make([]scored, 0, min(n, len(s.touched)))
	check := f.docs != nil && f.ranges == nil || f.section != ""
	for _, i := range s.touched {
		if check && !f.allows(ix, i) {
			continue
		}
		top = pushTop(top, scored{i, float64(s.scores[i])}, n)
	}
	return sortTop(top)
}

type scored struct {
	i     int32
	score float64
}

// worse orders scored entries: a lower score is worse, and at equal
// scores the later chunk is.
func worse(a, b scored) bool {
	if a.score != b.score {
		return a.score < b.score
	}
	return a.i > b.i
}

// pushTop adds x to h, a min-heap (by worse) of at most n entries, and
// returns h. Entries with a score <= 0 are dropped. It does not allocate
// once h has its capacity.
func pushTop(h []scored, x scored, n int) []scored {
	if x.score <= 0 || n <= 0 {
		return h
	}
	if len(h) < n {
		h = append(h, x)
		for j := len(h) - 1; j > 0; { // sift up
			p := (j - 1) / 2
			if !worse(h[j], h[p]) {
				break
			}
			h[j], h[p] = h[p], h[j]
			j = p
		}
		return h
	}
	if !worse(h[0], x) {
		return h
	}
	h[0] = x
	siftDown(h, 0)
	return h
}

func siftDown(h []scored, j int) {
	for {
		l := 2*j + 1
		if l >= len(h) {
			return
		}
		m := l
		if r := l + 1; r < len(h) && worse(h[r], h[l]) {
			m = r
		}
		if !worse(h[m], h[j]) {
			return
		}
		h[j], h[m] = h[m], h[j]
		j = m
	}
}

// sortTop sorts the heap h best first, in place, and returns it.
func sortTop(h []scored) []scored {
	for end := len(h) - 1; end > 0; end-- {
		h[0], h[end] = h[end], h[0]
		siftDown(h[:end], 0)
	}
	return h
}

func roundScore(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 4, 64), 64)
	return v
}
