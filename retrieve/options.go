package retrieve

import (
	"context"
	"log/slog"
	"runtime"
)

// EmbedFunc turns a text into a normalized embedding vector. It has the
// shape of chromem-go's EmbeddingFunc, so users never import chromem-go.
type EmbedFunc func(ctx context.Context, text string) ([]float32, error)

// BatchEmbedFunc embeds many texts at once (a remote server's batch API),
// reporting progress as it goes. progress may be nil.
type BatchEmbedFunc func(ctx context.Context, texts []string, progress func(done, total int)) ([][]float32, error)

// Option configures an Index.
type Option func(*config)

type config struct {
	embed       EmbedFunc
	batch       BatchEmbedFunc
	embedName   string
	logger      *slog.Logger
	chunkSize   int
	dbDir       string
	progress    func(done, total int)
	concurrency int
	noVector    bool
	names       []string
	workers     int // goroutines for CPU-bound build work
}

// defaultEmbedConcurrency bounds parallel calls of a non-batch embedder.
const defaultEmbedConcurrency = 4

func newConfig(opts []Option) config {
	cfg := config{chunkSize: DefaultChunkSize, concurrency: defaultEmbedConcurrency, workers: runtime.GOMAXPROCS(0)}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.logger == nil {
		cfg.logger = slog.New(slog.DiscardHandler)
	}
	if cfg.chunkSize <= 0 {
		cfg.chunkSize = DefaultChunkSize
	}
	return cfg
}

// local reports whether the index uses the offline LocalEmbedder.
func (c *config) local() bool { return c.embed == nil }

// embedderName is the name recorded in persisted indexes.
func (c *config) embedderName() string {
	if c.local() {
		return localName
	}
	return c.embedName
}

// WithEmbedder sets the embedding function and a name that identifies it
// (model and settings) in persisted indexes. Vectors must be normalized.
// Without it the index uses the offline [LocalEmbedder].
func WithEmbedder(name string, f EmbedFunc) Option {
	return func(c *config) { c.embed, c.embedName = f, name }
}

// WithBatchEmbedder is like WithEmbedder for an embedder with a batch API;
// f embeds the chunks when the index is built and one embeds each query.
func WithBatchEmbedder(name string, f BatchEmbedFunc, one EmbedFunc) Option {
	return func(c *config) { c.batch, c.embed, c.embedName = f, one, name }
}

// WithLogger sets a logger for debug events; the default discards.
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.logger = l } }

// WithChunkSize sets the chunk budget in code points (default
// [DefaultChunkSize]). Open ignores it: the index keeps its own.
func WithChunkSize(n int) Option { return func(c *config) { c.chunkSize = n } }

// WithPersistDir keeps the index in dir: the reports, their vectors and
// the local embedder's statistics, so that remote embeddings are paid for
// once and [Open] can reopen the index without the report files.
//
// New uses an index in dir that was built from the same reports (texts,
// names and chunks), chunk size and embedder (name, dimensions and, for a
// remote embedder, the vector of a probe text) as is, without writing to
// dir. Otherwise it rebuilds under a lock file in dir: a second builder
// waits for the first (until its ctx ends), then uses what the first
// built. A build writes a new generation beside the old one and switches
// to it by renaming a manifest into place, so a build that is killed
// leaves the old index or none, never a mix; files that fail their
// checksum are rebuilt. When dir is not writable and its index is out of
// date, New says so. A directory that holds something else is refused
// with ErrForeignIndex. With WithoutVectors the directory is not used.
func WithPersistDir(dir string) Option { return func(c *config) { c.dbDir = dir } }

// WithProgress receives progress while chunks are embedded.
func WithProgress(f func(done, total int)) Option { return func(c *config) { c.progress = f } }

// WithEmbedConcurrency bounds parallel calls of a non-batch embedder
// (default 4).
func WithEmbedConcurrency(n int) Option { return func(c *config) { c.concurrency = n } }

// WithoutVectors turns the vector half of hybrid search off (lexical only).
func WithoutVectors() Option { return func(c *config) { c.noVector = true } }

// WithNames names the reports, in the order given to New, usually by
// their file's base name; hits and citations carry the name. Open ignores
// it: the index keeps the names it was built with.
func WithNames(names ...string) Option { return func(c *config) { c.names = names } }
