package rag

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	chromem "github.com/philippgille/chromem-go"

	"github.com/reportbot/reportbot/report"
)

// Errors callers may branch on.
var (
	// ErrNoReports is returned by New when it is given no report.
	ErrNoReports = errors.New("rag: no reports to index")
	// ErrForeignIndex is returned when the index directory holds something
	// that is not a reportbot index.
	ErrForeignIndex = errors.New("rag: directory is not a reportbot index")
	// ErrEmptyQuery is returned for a blank question or query.
	ErrEmptyQuery = errors.New("rag: empty query")
)

// BatchEmbedFunc embeds many texts at once (a remote server's batch API),
// reporting progress as it goes. progress may be nil.
type BatchEmbedFunc func(ctx context.Context, texts []string, progress func(done, total int)) ([][]float32, error)

// Option configures an Engine.
type Option func(*config)

type config struct {
	embed       EmbedFunc
	batch       BatchEmbedFunc
	embedName   string
	llm         ChatClient
	model       string
	llmTimeout  time.Duration
	logger      *slog.Logger
	chunkSize   int
	dbDir       string
	progress    func(done, total int)
	concurrency int
	noVector    bool
}

// WithEmbedder sets the embedding function and a name that identifies it
// (model and settings) in persisted indexes. Vectors must be normalized.
// Without it the engine uses the offline [LocalEmbedder].
func WithEmbedder(name string, f EmbedFunc) Option {
	return func(c *config) { c.embed, c.embedName = f, name }
}

// WithBatchEmbedder is like WithEmbedder for an embedder with a batch API;
// f embeds the chunks when the index is built and one is used per query.
func WithBatchEmbedder(name string, f BatchEmbedFunc, one EmbedFunc) Option {
	return func(c *config) { c.batch, c.embed, c.embedName = f, one, name }
}

// WithLLM makes Ask write answers with a chat model (any OpenAI-compatible
// server), checked against the cited passages. Without it answers are
// extractive.
func WithLLM(client ChatClient, model string) Option {
	return func(c *config) { c.llm, c.model = client, model }
}

// WithLLMTimeout bounds one LLM call (default 60s).
func WithLLMTimeout(d time.Duration) Option { return func(c *config) { c.llmTimeout = d } }

// WithLogger sets a logger for debug events; the default discards.
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.logger = l } }

// WithChunkSize sets the chunk budget in code points (default 200).
func WithChunkSize(n int) Option { return func(c *config) { c.chunkSize = n } }

// WithPersistDir keeps the vector index in dir, so remote embeddings are
// paid for once. An index built for other reports, another chunk size or
// another embedder is rebuilt. A directory that holds something else is
// refused with ErrForeignIndex.
func WithPersistDir(dir string) Option { return func(c *config) { c.dbDir = dir } }

// WithProgress receives progress while chunks are embedded.
func WithProgress(f func(done, total int)) Option { return func(c *config) { c.progress = f } }

// WithEmbedConcurrency bounds parallel calls of a non-batch embedder
// (default 4).
func WithEmbedConcurrency(n int) Option { return func(c *config) { c.concurrency = n } }

// WithoutVectors turns the vector half of hybrid search off (lexical only).
func WithoutVectors() Option { return func(c *config) { c.noVector = true } }

// Engine answers questions about one or more reports. It is safe for
// concurrent use.
type Engine struct {
	cfg    config
	docs   []*report.Report
	ids    []string // r1, r2, …
	chunks []Chunk
	lex    *lexIndex
	coll   *chromem.Collection
	local  *LocalEmbedder
	// localVecs are the chunk vectors the local embedder made while fitting.
	localVecs [][]float32
	log       *slog.Logger
	figs      []figRef // every figure with the chunk that holds it
	sentIdx   map[*report.Sentence]int
	// Per-corpus work done once: the terms of every sentence and the
	// normalized form of every metric.
	sentTerms   map[*report.Sentence]map[string]bool
	normMetrics map[string][]rune
}

type figRef struct {
	doc   int
	fig   *report.Figure
	chunk int
}

// New indexes the reports. It chunks them, builds the lexical index and
// embeds the chunks into an in-memory (or persisted) chromem-go
// collection. It returns ErrNoReports when docs is empty.
func New(ctx context.Context, docs []*report.Report, opts ...Option) (*Engine, error) {
	if len(docs) == 0 {
		return nil, ErrNoReports
	}
	cfg := config{chunkSize: DefaultChunkSize, llmTimeout: 60 * time.Second, concurrency: 4}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.logger == nil {
		cfg.logger = slog.New(slog.DiscardHandler)
	}
	e := &Engine{cfg: cfg, docs: docs, log: cfg.logger, sentIdx: map[*report.Sentence]int{}}
	for i, d := range docs {
		if d == nil {
			return nil, fmt.Errorf("rag: report %d is nil", i+1)
		}
		id := "r" + strconv.Itoa(i+1)
		e.ids = append(e.ids, id)
		e.chunks = append(e.chunks, ChunkReport(d, id, cfg.chunkSize)...)
	}
	texts := make([]string, len(e.chunks))
	for i := range e.chunks {
		texts[i] = e.chunks[i].indexText()
		for _, s := range e.chunks[i].sentences {
			e.sentIdx[s] = i
		}
	}
	e.lex = newLexIndex(texts)
	e.sentTerms = map[*report.Sentence]map[string]bool{}
	var buf []string
	for i := range e.chunks {
		d := docs[e.docIndex(e.chunks[i].ReportID)]
		for _, s := range e.chunks[i].sentences {
			buf = tokenize(d.Slice(s.Span), buf[:0])
			set := make(map[string]bool, len(buf))
			for _, t := range buf {
				set[t] = true
			}
			e.sentTerms[s] = set
		}
	}
	e.normMetrics = map[string][]rune{}
	for _, d := range docs {
		for _, f := range d.Figures {
			if _, ok := e.normMetrics[f.Metric]; !ok {
				e.normMetrics[f.Metric] = []rune(report.NormalizeMetric(f.Metric))
			}
		}
	}
	for di, d := range docs {
		for _, f := range d.Figures {
			ci := e.chunkOf(di, f.Span.Start)
			e.figs = append(e.figs, figRef{doc: di, fig: f, chunk: ci})
		}
	}
	if cfg.noVector {
		return e, nil
	}
	if cfg.embed == nil {
		e.local, e.localVecs = fitEmbed(texts)
		cfg.embed, cfg.embedName = e.local.Embed, e.local.Name()
		e.cfg = cfg
	}
	if err := e.buildVectors(ctx, texts); err != nil {
		return nil, err
	}
	return e, nil
}

// chunkOf returns the index of the chunk of report di that covers pos, or -1.
func (e *Engine) chunkOf(di int, pos int) int {
	id := e.ids[di]
	for i := range e.chunks {
		c := &e.chunks[i]
		if c.ReportID == id && c.Start <= pos && pos < c.End {
			return i
		}
	}
	return -1
}

const indexManifest = "reportbot-index.json"

type manifest struct {
	Version     int    `json:"version"`
	Fingerprint string `json:"fingerprint"`
	Embedder    string `json:"embedder"`
	Chunks      int    `json:"chunks"`
}

func (e *Engine) fingerprint() string {
	h := sha256.New()
	fmt.Fprintf(h, "v1|%s|%d|", e.cfg.embedName, e.cfg.chunkSize)
	for _, d := range e.docs {
		io.WriteString(h, d.Text)
		h.Write([]byte{0})
	}
	for _, c := range e.chunks {
		fmt.Fprintf(h, "%s:%d:%d|", c.ID, c.Start, c.End)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

func (e *Engine) buildVectors(ctx context.Context, texts []string) error {
	fp := e.fingerprint()
	collName := "reportbot-" + fp
	var db *chromem.DB
	if e.cfg.dbDir != "" {
		if err := checkIndexDir(e.cfg.dbDir); err != nil {
			return err
		}
		var err error
		db, err = chromem.NewPersistentDB(e.cfg.dbDir, true)
		if err != nil {
			return fmt.Errorf("rag: open index %s: %w (delete the directory or choose another one)", e.cfg.dbDir, err)
		}
		// Claim the directory first, so a build that fails half way
		// leaves an index the next run can rebuild, not a foreign one.
		if err := e.writeManifest(manifest{Version: 1}); err != nil {
			return err
		}
		if c := db.GetCollection(collName, chromem.EmbeddingFunc(e.cfg.embed)); c != nil && c.Count() == len(e.chunks) {
			e.coll = c
			e.log.Debug("index reused", "dir", e.cfg.dbDir, "chunks", c.Count())
			return nil
		}
		for name := range db.ListCollections() {
			if strings.HasPrefix(name, "reportbot-") {
				if err := db.DeleteCollection(name); err != nil {
					return fmt.Errorf("rag: remove stale index %s: %w", name, err)
				}
			}
		}
	} else {
		db = chromem.NewDB()
	}
	coll, err := db.CreateCollection(collName, map[string]string{"fingerprint": fp, "embedder": e.cfg.embedName}, chromem.EmbeddingFunc(e.cfg.embed))
	if err != nil {
		return fmt.Errorf("rag: create collection: %w", err)
	}
	vecs, err := e.embedAll(ctx, texts)
	if err != nil {
		_ = db.DeleteCollection(collName) // nothing half-built stays behind
		return err
	}
	docs := make([]chromem.Document, len(e.chunks))
	for i, c := range e.chunks {
		docs[i] = chromem.Document{
			ID:        c.ID,
			Content:   c.Text,
			Embedding: vecs[i],
			Metadata: map[string]string{
				"i": strconv.Itoa(i), "report": c.ReportID, "section": c.SectionID,
				"start": strconv.Itoa(c.Start), "end": strconv.Itoa(c.End),
			},
		}
	}
	if err := coll.AddDocuments(ctx, docs, runtime.NumCPU()); err != nil {
		return fmt.Errorf("rag: add chunks to collection: %w", err)
	}
	e.coll = coll
	e.localVecs = nil // chromem holds them now
	if e.cfg.dbDir != "" {
		return e.writeManifest(manifest{Version: 1, Fingerprint: fp, Embedder: e.cfg.embedName, Chunks: len(e.chunks)})
	}
	return nil
}

func (e *Engine) writeManifest(m manifest) error {
	b, _ := json.MarshalIndent(m, "", "  ")
	if err := os.WriteFile(filepath.Join(e.cfg.dbDir, indexManifest), b, 0o644); err != nil {
		return fmt.Errorf("rag: write index manifest: %w", err)
	}
	return nil
}

// checkIndexDir refuses a non-empty directory that has no reportbot
// manifest, and a manifest that does not parse.
func checkIndexDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("rag: index directory %s: %w", dir, err)
	}
	if len(entries) == 0 {
		return nil
	}
	b, err := os.ReadFile(filepath.Join(dir, indexManifest))
	if err != nil {
		return fmt.Errorf("%w: %s has files but no %s; choose an empty directory", ErrForeignIndex, dir, indexManifest)
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil || m.Version == 0 {
		return fmt.Errorf("%w: %s/%s is corrupt; delete the directory to rebuild", ErrForeignIndex, dir, indexManifest)
	}
	return nil
}

func (e *Engine) embedAll(ctx context.Context, texts []string) ([][]float32, error) {
	total := len(texts)
	if e.cfg.batch != nil {
		vecs, err := e.cfg.batch(ctx, texts, e.cfg.progress)
		if err != nil {
			return nil, fmt.Errorf("rag: embed chunks: %w", err)
		}
		if len(vecs) != total {
			return nil, fmt.Errorf("rag: embed chunks: got %d vectors for %d chunks", len(vecs), total)
		}
		return vecs, nil
	}
	vecs := make([][]float32, total)
	if e.local != nil {
		if e.cfg.progress != nil {
			e.cfg.progress(total, total)
		}
		return e.localVecs, nil
	}
	// Bounded fan-out; the first error cancels the rest.
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	sem := make(chan struct{}, max(1, e.cfg.concurrency))
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
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			v, err := e.cfg.embed(ctx, t)
			if err != nil {
				cancel(fmt.Errorf("rag: embed chunk %s: %w", e.chunks[i].ID, err))
				return
			}
			vecs[i] = v
			mu.Lock()
			done++
			if e.cfg.progress != nil {
				e.cfg.progress(done, total)
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return nil, err
	}
	return vecs, nil
}

// Reports returns the indexed reports, in the order given to New.
func (e *Engine) Reports() []*report.Report { return e.docs }

// Chunks returns a copy of the indexed chunks.
func (e *Engine) Chunks() []Chunk { return append([]Chunk(nil), e.chunks...) }

// reportMatches reports whether report di matches a Report filter.
func (e *Engine) reportMatches(di int, filter string) bool {
	if filter == "" {
		return true
	}
	d := e.docs[di]
	return e.ids[di] == filter || strings.Contains(d.Title, filter) || d.ISODate == filter || strings.Contains(strconv.Itoa(d.Year), filter) && len(filter) == 4
}

func (e *Engine) docIndex(reportID string) int {
	for i, id := range e.ids {
		if id == reportID {
			return i
		}
	}
	return 0
}
