package retrieve

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/gofrs/flock"

	"github.com/reportbot/reportbot/report"
)

// A persisted index is a directory:
//
//	reportbot-index.json   the manifest: what the index was built from
//	                       and which generation holds it
//	reportbot.lock         taken by builders (flock), never by readers
//	gen-<fp>-<rand>/       a generation: reports.bin, vectors.bin and,
//	                       for the local embedder, local.bin
//
// A build writes its generation into .build-<rand>/, syncs it, renames it
// to gen-…, and then renames a new manifest over the old one: the one
// step that switches readers to it. Generations are never changed once
// named, so a reader sees the old index or the new one, and a build killed
// at any point leaves the old index (or none) and some debris that the
// next build removes.
const (
	manifestName   = "reportbot-index.json"
	lockName       = "reportbot.lock"
	genPrefix      = "gen-"
	buildPrefix    = ".build-"
	manifestTmpPre = ".reportbot-index.json."
	formatName     = "reportbot-index"
	formatVersion  = 2
	// lockRetry is how often a waiting builder tries the lock again.
	lockRetry = 25 * time.Millisecond
	// openAttempts bounds Open's retries when a concurrent build
	// replaces the generation it is reading.
	openAttempts = 3
)

type manifest struct {
	Format      string             `json:"format"`
	Version     int                `json:"version"`
	Generation  string             `json:"generation"`
	Fingerprint string             `json:"fingerprint"`
	Embedder    string             `json:"embedder"`
	Dims        int                `json:"dims"`
	ChunkSize   int                `json:"chunk_size"`
	Chunks      int                `json:"chunks"`
	Reports     []manifestReport   `json:"reports"`
	Files       map[string]fileSum `json:"files"`
	// Probe is a remote embedder's vector of probeText at build time.
	Probe []float32 `json:"probe,omitempty"`
}

type manifestReport struct {
	Name   string `json:"name"`
	Title  string `json:"title"`
	Chunks int    `json:"chunks"`
	// Key identifies the texts a remote embedder saw (reportKey).
	Key string `json:"key,omitempty"`
}

// crashHook, when set (by the crash tests' builder subprocess), is called
// at each step of writing an index.
var crashHook func(step string)

func crashPoint(step string) {
	if crashHook != nil {
		crashHook(step)
	}
}

// ours reports whether a directory entry is one reportbot writes.
func ours(name string) bool {
	return name == manifestName || name == lockName ||
		strings.HasPrefix(name, genPrefix) || strings.HasPrefix(name, buildPrefix) ||
		strings.HasPrefix(name, manifestTmpPre)
}

// readManifest returns the manifest of the index in dir, nil when dir is
// missing or holds no index yet (only reportbot's own debris), an error
// wrapping ErrForeignIndex when it holds something else, and one wrapping
// errDamaged when the manifest itself is damaged. It never writes.
func readManifest(dir string) (*manifest, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("retrieve: index directory %s: %w", dir, err)
	}
	onlyOurs := true
	for _, e := range entries {
		onlyOurs = onlyOurs && ours(e.Name())
	}
	path := filepath.Join(dir, manifestName)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if !onlyOurs {
			return nil, fmt.Errorf("%w: %s has files but no %s; choose an empty directory", ErrForeignIndex, dir, manifestName)
		}
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("retrieve: read index manifest: %w", err)
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil || m.Format == "" && m.Version == 0 {
		if !onlyOurs {
			return nil, fmt.Errorf("%w: %s is corrupt and the directory holds other files; delete the directory to rebuild", ErrForeignIndex, path)
		}
		return nil, damaged(path, "not a manifest")
	}
	switch {
	case m.Format == "" && m.Version == 1:
		// The first format (chromem-go's own files), which is rebuilt.
	case m.Format != formatName:
		return nil, fmt.Errorf("%w: %s is a %q manifest; choose another directory", ErrForeignIndex, path, m.Format)
	case m.Version > formatVersion:
		return nil, fmt.Errorf("retrieve: the index in %s has format version %d, newer than this reportbot's %d; upgrade or choose another directory", dir, m.Version, formatVersion)
	}
	return &m, nil
}

// fingerprint identifies what the vectors were computed from: the report
// texts and names, the chunk size and every chunk's ID, span and label
// (so a parser that chunks differently invalidates the index).
func (ix *Index) fingerprint() string {
	h := sha256.New()
	fmt.Fprintf(h, "%s v%d|%d|%d|", formatName, formatVersion, ix.cfg.chunkSize, len(ix.docs))
	for d, doc := range ix.docs {
		fmt.Fprintf(h, "%d:%s|%d:", len(ix.names[d]), ix.names[d], len(doc.Text))
		h.Write([]byte(doc.Text))
	}
	for _, c := range ix.chunks {
		fmt.Fprintf(h, "%s:%d:%d:%s|", c.ID, c.Start, c.End, c.Label)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// staleness says why the index m does not fit ix (fingerprint fp), or ""
// when it does.
func (ix *Index) staleness(m *manifest, fp string) string {
	name := ix.cfg.embedderName()
	switch {
	case m.Version != formatVersion:
		return fmt.Sprintf("it has format version %d, not %d", m.Version, formatVersion)
	case m.Embedder != name:
		return fmt.Sprintf("it was built with embedder %q, not %q", m.Embedder, name)
	case ix.cfg.local() && m.Dims != LocalDim:
		return fmt.Sprintf("it has %d dimensions, not %d", m.Dims, LocalDim)
	case m.ChunkSize != ix.cfg.chunkSize:
		return fmt.Sprintf("it was built with chunk size %d, not %d", m.ChunkSize, ix.cfg.chunkSize)
	case m.Fingerprint != fp || m.Chunks != len(ix.chunks) || len(m.Reports) != len(ix.docs):
		return "the reports or their chunks changed"
	}
	return ""
}

// errStale marks an index that loads but does not fit the embedder.
var errStale = errors.New("stale")

type staleError struct{ why string }

func (e *staleError) Error() string        { return "retrieve: index out of date: " + e.why }
func (e *staleError) Is(target error) bool { return target == errStale }

// persisted uses the index in the configured directory when it fits the
// reports and embedder, and otherwise rebuilds it there.
func (ix *Index) persisted(ctx context.Context) error {
	dir := ix.cfg.dbDir
	fp := ix.fingerprint()
	m, err := readManifest(dir)
	why := "there is no index yet"
	switch {
	case errors.Is(err, errDamaged):
		why = err.Error()
	case err != nil:
		return err
	case m != nil:
		if why = ix.staleness(m, fp); why == "" {
			err := ix.useGeneration(ctx, dir, m)
			if err == nil {
				ix.log.Debug("index reused", "dir", dir, "generation", m.Generation, "chunks", len(ix.chunks))
				return nil
			}
			if !errors.Is(err, errDamaged) && !errors.Is(err, errStale) {
				return err
			}
			why = err.Error()
		}
	}
	ix.log.Debug("index rebuild", "dir", dir, "why", why)
	return ix.rebuild(ctx, dir, fp, why)
}

// useGeneration loads the vectors of the index m, which fits ix, after
// checking every file and, for a remote embedder, the probe. It never
// writes.
func (ix *Index) useGeneration(ctx context.Context, dir string, m *manifest) error {
	if !ix.cfg.local() {
		v, err := ix.probe(ctx)
		switch {
		case err != nil:
			// The model is unreachable now; the index was built with
			// its name, and queries check their vectors' length.
			ix.log.Debug("probe failed; index used unchecked", "error", err.Error())
		case len(v) != m.Dims:
			return &staleError{fmt.Sprintf("embedder %q now returns %d dimensions, the index has %d", m.Embedder, len(v), m.Dims)}
		case m.Probe != nil && !probeMatches(v, m.Probe):
			return &staleError{fmt.Sprintf("embedder %q now returns other vectors for the same text", m.Embedder)}
		}
	}
	g, err := loadGeneration(dir, m, false, true)
	if err != nil {
		return err
	}
	return ix.attach(ctx, g.vectors, m.Dims, g.local)
}

// generation is what loadGeneration read.
type generation struct {
	names, texts []string
	vectors      []float32
	local        *LocalEmbedder
}

// loadGeneration checks and reads the files of the index m. Every file
// is checked against its size and checksum, also those not asked for.
func loadGeneration(dir string, m *manifest, wantReports, wantVectors bool) (*generation, error) {
	if m.Generation == "" || strings.ContainsAny(m.Generation, `/\`) || !strings.HasPrefix(m.Generation, genPrefix) {
		return nil, damaged(filepath.Join(dir, manifestName), "generation %q", m.Generation)
	}
	gen := filepath.Join(dir, m.Generation)
	sum := func(name string) (fileSum, string, error) {
		s, ok := m.Files[name]
		if !ok {
			return s, "", damaged(filepath.Join(dir, manifestName), "no entry for %s", name)
		}
		return s, filepath.Join(gen, name), nil
	}
	g := &generation{}
	s, path, err := sum(reportsFile)
	if err != nil {
		return nil, err
	}
	if wantReports {
		g.names, g.texts, err = readReports(path, s)
		if err == nil && len(g.texts) != len(m.Reports) {
			err = damaged(path, "%d reports, the manifest lists %d", len(g.texts), len(m.Reports))
		}
	} else {
		err = checkFile(path, s)
	}
	if err != nil {
		return nil, err
	}
	if s, path, err = sum(vectorsFile); err != nil {
		return nil, err
	}
	if wantVectors {
		g.vectors, err = readVectors(path, s, m.Chunks, m.Dims)
	} else {
		err = checkFile(path, s)
	}
	if err != nil {
		return nil, err
	}
	if m.Embedder == localName {
		if s, path, err = sum(localFile); err != nil {
			return nil, err
		}
		if wantVectors {
			g.local, err = readLocal(path, s)
		} else {
			err = checkFile(path, s)
		}
		if err != nil {
			return nil, err
		}
	}
	return g, nil
}

// checkFile reads a file only to check its size and checksum.
func checkFile(path string, want fileSum) error {
	r, err := openSum(path, want)
	if err != nil {
		return err
	}
	buf := make([]byte, 1<<16)
	for r.left > 0 {
		if err := r.read(buf[:min(int64(len(buf)), r.left)]); err != nil {
			r.close()
			return err
		}
	}
	return r.finish()
}

// rebuild builds the vectors and writes a new generation under the lock,
// unless another builder wrote a fitting one while this one waited.
func (ix *Index) rebuild(ctx context.Context, dir, fp, why string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return notWritable(dir, why, err)
	}
	lock := flock.New(filepath.Join(dir, lockName))
	if _, err := lock.TryLockContext(ctx, lockRetry); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("retrieve: waiting for another build of the index in %s: %w", dir, err)
		}
		return notWritable(dir, why, err)
	}
	defer lock.Unlock()
	crashPoint("locked")
	m, err := readManifest(dir)
	if err != nil && !errors.Is(err, errDamaged) {
		return err
	}
	if m != nil && ix.staleness(m, fp) == "" {
		if err := ix.useGeneration(ctx, dir, m); err == nil {
			ix.log.Debug("index built by another process while waiting", "dir", dir)
			return nil
		}
	}
	// Claim the build directory before paying for embeddings: a
	// directory that takes a lock but no files (a read-only mount) fails
	// here, with the reason for the rebuild.
	tmp, err := os.MkdirTemp(dir, buildPrefix)
	if err != nil {
		return notWritable(dir, why, err)
	}
	defer os.RemoveAll(tmp) // gone after the rename, unless it failed
	var probe []float32
	var prev *prevVectors
	if !ix.cfg.local() {
		if probe, err = ix.probe(ctx); err != nil {
			return err
		}
		prev = previousVectors(dir, m, ix.cfg.embedName, probe)
	}
	start := time.Now()
	if err := ix.buildVectors(ctx, prev); err != nil {
		return err
	}
	ix.log.Debug("vectors built", "chunks", len(ix.chunks), "ms", time.Since(start).Milliseconds())
	return ix.write(dir, tmp, fp, probe)
}

func notWritable(dir, why string, err error) error {
	return fmt.Errorf("retrieve: the index in %s must be rebuilt (%s), but the directory is not writable: %w", dir, why, err)
}

// previousVectors returns the vectors of the index m by report key when
// the same embedder built it and still returns the same probe vector.
func previousVectors(dir string, m *manifest, embedder string, probe []float32) *prevVectors {
	if m == nil || m.Version != formatVersion || m.Embedder != embedder || m.Dims != len(probe) || !probeMatches(probe, m.Probe) {
		return nil
	}
	g, err := loadGeneration(dir, m, false, true)
	if err != nil {
		return nil
	}
	p := &prevVectors{dim: m.Dims, byKey: map[string][]float32{}}
	at := 0
	for _, r := range m.Reports {
		n := r.Chunks * m.Dims
		if at+n > len(g.vectors) {
			return nil
		}
		if r.Key != "" {
			p.byKey[r.Key] = g.vectors[at : at+n]
		}
		at += n
	}
	return p
}

// write writes the index into tmp, renames it to a new generation of dir
// and switches the manifest to it; the caller holds the lock.
func (ix *Index) write(dir, tmp, fp string, probe []float32) error {
	m := &manifest{
		Format: formatName, Version: formatVersion, Fingerprint: fp,
		Embedder: ix.cfg.embedderName(), Dims: ix.vec.dim, ChunkSize: ix.cfg.chunkSize,
		Chunks: len(ix.chunks), Files: map[string]fileSum{}, Probe: probe,
	}
	for d, doc := range ix.docs {
		r := manifestReport{Name: ix.names[d], Title: doc.Title, Chunks: int(ix.docStart[d+1] - ix.docStart[d])}
		if !ix.cfg.local() {
			r.Key = ix.reportKey(d)
		}
		m.Reports = append(m.Reports, r)
	}
	texts := make([]string, len(ix.docs))
	for d, doc := range ix.docs {
		texts[d] = doc.Text
	}
	steps := []struct {
		name  string
		write func(path string) (fileSum, error)
	}{
		{reportsFile, func(p string) (fileSum, error) { return writeReports(p, ix.names, texts) }},
		{vectorsFile, func(p string) (fileSum, error) { return writeVectors(p, ix.vec.data, ix.vec.dim) }},
	}
	if ix.vec.local != nil {
		steps = append(steps, struct {
			name  string
			write func(path string) (fileSum, error)
		}{localFile, func(p string) (fileSum, error) { return writeLocal(p, ix.vec.local) }})
	}
	for _, s := range steps {
		crashPoint("write " + s.name)
		sum, err := s.write(filepath.Join(tmp, s.name))
		if err != nil {
			return fmt.Errorf("retrieve: write index file %s: %w", s.name, err)
		}
		m.Files[s.name] = sum
	}
	if err := syncDir(tmp); err != nil {
		return err
	}
	crashPoint("rename generation")
	m.Generation = genPrefix + fp[:12] + "-" + randomHex()
	if err := os.Rename(tmp, filepath.Join(dir, m.Generation)); err != nil {
		return fmt.Errorf("retrieve: write index: %w", err)
	}
	if err := syncDir(dir); err != nil {
		return err
	}
	crashPoint("write manifest")
	if err := writeManifest(dir, m); err != nil {
		return err
	}
	crashPoint("clean up")
	ix.log.Debug("index written", "dir", dir, "generation", m.Generation)
	cleanup(dir, m.Generation)
	return nil
}

// writeManifest replaces the manifest atomically: a synced temporary file
// renamed over it.
func writeManifest(dir string, m *manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("retrieve: encode index manifest: %w", err)
	}
	f, err := os.CreateTemp(dir, manifestTmpPre)
	if err != nil {
		return fmt.Errorf("retrieve: write index manifest: %w", err)
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		crashPoint("rename manifest")
		err = os.Rename(f.Name(), filepath.Join(dir, manifestName))
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("retrieve: write index manifest: %w", err)
	}
	return syncDir(dir)
}

// cleanup removes what earlier builds left in dir: other generations,
// unfinished builds and manifests, and the first format's chromem-go
// directories. Errors are ignored: debris is harmless, and the next
// build tries again.
func cleanup(dir, keep string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		switch {
		case name == keep || name == manifestName || name == lockName:
		case ours(name), e.IsDir() && isChromemDir(filepath.Join(dir, name)):
			os.RemoveAll(filepath.Join(dir, name))
		}
	}
}

// isChromemDir reports whether path is a collection directory of the
// first format, which chromem-go wrote: 8 hex digits holding a
// 00000000.gob.
func isChromemDir(path string) bool {
	name := filepath.Base(path)
	if len(name) != 8 || strings.Trim(name, "0123456789abcdef") != "" {
		return false
	}
	_, err := os.Stat(filepath.Join(path, "00000000.gob"))
	return err == nil
}

// syncDir makes a directory's entries durable. Windows cannot sync a
// directory, and its renames are durable by themselves.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	f, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("retrieve: sync %s: %w", dir, err)
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("retrieve: sync %s: %w", dir, err)
	}
	return nil
}

func randomHex() string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Open reopens the index that New built in dir with [WithPersistDir],
// without the report files: it reads the reports from dir and parses them
// with report.Parse, reads the vectors, and embeds nothing. It never
// writes to dir.
//
// An index built with a remote embedder needs that embedder again to
// embed queries: pass WithEmbedder or WithBatchEmbedder with the same
// name, or WithoutVectors for lexical search only. WithLogger and
// WithoutVectors apply; the chunk size and names are the index's own.
//
// Open returns an error wrapping ErrNoIndex when dir holds no index, a
// damaged one, or one whose chunks this version would cut differently;
// New with WithPersistDir rebuilds it. It returns ErrForeignIndex when
// dir holds something else.
func Open(ctx context.Context, dir string, opts ...Option) (*Index, error) {
	cfg := newConfig(opts)
	var err error
	for range openAttempts {
		var ix *Index
		ix, err = open(ctx, dir, cfg)
		if err == nil {
			return ix, nil
		}
		// A build may have replaced the generation while it was read.
		if !errors.Is(err, fs.ErrNotExist) {
			break
		}
	}
	if errors.Is(err, errDamaged) {
		return nil, fmt.Errorf("%w in %s: %w", ErrNoIndex, dir, err)
	}
	return nil, err
}

func open(ctx context.Context, dir string, cfg config) (*Index, error) {
	m, err := readManifest(dir)
	if err != nil {
		return nil, err
	}
	if m == nil {
		return nil, fmt.Errorf("%w in %s: build one with New and WithPersistDir", ErrNoIndex, dir)
	}
	if m.Version != formatVersion {
		return nil, fmt.Errorf("%w in %s: it has format version %d, not %d; rebuild it with New", ErrNoIndex, dir, m.Version, formatVersion)
	}
	if !cfg.noVector {
		switch {
		case cfg.local() && m.Embedder != localName:
			return nil, fmt.Errorf("retrieve: the index in %s was built with embedder %q: pass WithEmbedder(%q, …) to embed queries, or WithoutVectors()", dir, m.Embedder, m.Embedder)
		case !cfg.local() && cfg.embedName != m.Embedder:
			return nil, fmt.Errorf("retrieve: the index in %s was built with embedder %q, not %q", dir, m.Embedder, cfg.embedName)
		}
	}
	cfg.chunkSize = m.ChunkSize
	g, err := loadGeneration(dir, m, true, !cfg.noVector)
	if err != nil {
		return nil, err
	}
	docs := make([]*report.Report, len(g.texts))
	errs := make([]error, len(g.texts))
	parallel(len(g.texts), cfg.workers, func(d int) {
		docs[d], errs[d] = report.ParseString(g.texts[d])
	})
	for d, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("%w in %s: report %d (%s) does not parse: %w", ErrNoIndex, dir, d+1, g.names[d], err)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ix := newIndex(cfg, docs, g.names)
	if cfg.noVector {
		return ix, nil
	}
	if fp := ix.fingerprint(); fp != m.Fingerprint {
		return nil, fmt.Errorf("%w in %s: this version of reportbot chunks its reports differently; rebuild it with New", ErrNoIndex, dir)
	}
	if err := ix.attach(ctx, g.vectors, m.Dims, g.local); err != nil {
		return nil, err
	}
	return ix, nil
}
