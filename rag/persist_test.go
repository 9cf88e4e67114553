package rag

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/reportbot/reportbot/internal/fakeopenai"
	"github.com/reportbot/reportbot/report"
)

// countingEmbedder is an EmbedFunc that counts its calls and returns the
// fake server's deterministic unit vectors.
type countingEmbedder struct {
	calls atomic.Int64
	fail  func(text string) error // nil: never fails
}

func (c *countingEmbedder) embed(_ context.Context, text string) ([]float32, error) {
	c.calls.Add(1)
	if c.fail != nil {
		if err := c.fail(text); err != nil {
			return nil, err
		}
	}
	return fakeopenai.Vector(text, 32), nil
}

func (c *countingEmbedder) take() int64 { return c.calls.Swap(0) }

func parseText(t *testing.T, text string) *report.Report {
	t.Helper()
	d, err := report.ParseString(text)
	if err != nil {
		t.Fatalf("report.ParseString error: %v", err)
	}
	return d
}

// collectionDirs counts chromem-go's collection directories in dir.
func collectionDirs(t *testing.T, dir string) int {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if e.IsDir() {
			n++
		}
	}
	return n
}

func TestPersistReuse(t *testing.T) {
	dir := t.TempDir()
	doc := parseText(t, tinyReport)
	ce := &countingEmbedder{}
	opts := []Option{WithPersistDir(dir), WithEmbedder("count-v1", ce.embed)}

	e1 := newEngine(t, []*report.Report{doc}, opts...)
	chunks := int64(len(e1.Chunks()))
	if got := ce.take(); got != chunks {
		t.Fatalf("first New embedded %d texts, want %d (one per chunk)", got, chunks)
	}
	if _, err := os.Stat(filepath.Join(dir, indexManifest)); err != nil {
		t.Fatalf("first New wrote no manifest: %v", err)
	}
	want, err := e1.Search(t.Context(), Query{Text: "公园"})
	if err != nil {
		t.Fatal(err)
	}
	ce.take()

	e2 := newEngine(t, []*report.Report{doc}, opts...)
	if got := ce.take(); got != 0 {
		t.Errorf("second New over the same directory embedded %d texts, want 0 (index reused)", got)
	}
	got, err := e2.Search(t.Context(), Query{Text: "公园"})
	if err != nil {
		t.Fatal(err)
	}
	if n := ce.take(); n != 1 {
		t.Errorf("Search on the reused index embedded %d texts, want 1 (the query)", n)
	}
	if !slices.EqualFunc(got, want, func(a, b Hit) bool { return a.ID == b.ID && a.Score == b.Score }) {
		t.Errorf("Search on the reused index = %v, want %v as on the fresh one", got, want)
	}
	checkHits(t, e2, "reused", got)
}

// TestPersistReuseSeed checks reuse on the seed and a provincial report:
// a repeated chunk ID (see TestChunkIDsUnique) would leave the stored
// collection short of the chunk count, so that every New re-embedded the
// whole report.
func TestPersistReuseSeed(t *testing.T) {
	dir := t.TempDir()
	ce := &countingEmbedder{}
	opts := []Option{WithPersistDir(dir), WithEmbedder("count-v1", ce.embed)}
	docs := []*report.Report{seedReport(t), provincialReport(t, jilinFile)}
	newEngine(t, docs, opts...)
	ce.take()
	newEngine(t, docs, opts...)
	if got := ce.take(); got != 0 {
		t.Errorf("second New over the persisted index of the seed and jilin embedded %d texts, want 0", got)
	}
}

func TestPersistRebuild(t *testing.T) {
	changed := strings.Replace(tinyReport, "新建公园3个", "新建公园4个", 1)
	tests := []struct {
		name   string
		second func(ce *countingEmbedder, dir string) ([]*report.Report, []Option)
	}{
		{"report text changed", func(ce *countingEmbedder, dir string) ([]*report.Report, []Option) {
			return []*report.Report{parseText(t, changed)}, []Option{WithPersistDir(dir), WithEmbedder("count-v1", ce.embed)}
		}},
		{"embedder name changed", func(ce *countingEmbedder, dir string) ([]*report.Report, []Option) {
			return []*report.Report{parseText(t, tinyReport)}, []Option{WithPersistDir(dir), WithEmbedder("count-v2", ce.embed)}
		}},
		{"chunk size changed", func(ce *countingEmbedder, dir string) ([]*report.Report, []Option) {
			return []*report.Report{parseText(t, tinyReport)}, []Option{WithPersistDir(dir), WithEmbedder("count-v1", ce.embed), WithChunkSize(20)}
		}},
		{"a report added", func(ce *countingEmbedder, dir string) ([]*report.Report, []Option) {
			return []*report.Report{parseText(t, tinyReport), parseText(t, changed)}, []Option{WithPersistDir(dir), WithEmbedder("count-v1", ce.embed)}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			ce := &countingEmbedder{}
			newEngine(t, []*report.Report{parseText(t, tinyReport)}, WithPersistDir(dir), WithEmbedder("count-v1", ce.embed))
			ce.take()
			docs, opts := tc.second(ce, dir)
			e := newEngine(t, docs, opts...)
			if got, want := ce.take(), int64(len(e.Chunks())); got != want {
				t.Errorf("New after %s embedded %d texts, want %d (a rebuild)", tc.name, got, want)
			}
			if n := collectionDirs(t, dir); n != 1 {
				t.Errorf("after a rebuild the directory holds %d collections, want 1 (the stale one removed)", n)
			}
			hits, err := e.Search(t.Context(), Query{Text: "公园"})
			if err != nil || len(hits) == 0 {
				t.Fatalf("Search after rebuild = %v, %v", hits, err)
			}
			checkHits(t, e, tc.name, hits)
		})
	}
}

func TestPersistDirErrors(t *testing.T) {
	doc := parseText(t, tinyReport)
	tests := []struct {
		name     string
		setup    func(t *testing.T, dir string)
		wantIs   error
		wantText []string
	}{
		{"foreign file", func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, "notes.txt"), "my notes")
		}, ErrForeignIndex, []string{"choose an empty directory", "reportbot-index.json"}},
		{"corrupt manifest", func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, indexManifest), "{not json")
		}, ErrForeignIndex, []string{"corrupt", "delete"}},
		{"manifest of version 0", func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, indexManifest), `{"fingerprint":"x"}`)
		}, ErrForeignIndex, []string{"corrupt"}},
		{"path is a file", func(t *testing.T, dir string) {}, nil, []string{"index"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			tc.setup(t, dir)
			if tc.name == "path is a file" {
				dir = filepath.Join(dir, "file")
				write(t, dir, "x")
			}
			ce := &countingEmbedder{}
			e, err := New(t.Context(), []*report.Report{doc}, WithPersistDir(dir), WithEmbedder("count-v1", ce.embed))
			if err == nil {
				t.Fatalf("New(WithPersistDir(%s)) = %v, nil; want an error", tc.name, e)
			}
			if tc.wantIs != nil && !errors.Is(err, tc.wantIs) {
				t.Errorf("New(%s) error = %v, want errors.Is %v", tc.name, err, tc.wantIs)
			}
			for _, w := range tc.wantText {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("New(%s) error = %q, want it to say %q", tc.name, err, w)
				}
			}
			if n := ce.take(); n != 0 {
				t.Errorf("New(%s) embedded %d texts before refusing the directory", tc.name, n)
			}
			if tc.name == "foreign file" {
				if b, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(b) != "my notes" {
					t.Errorf("the foreign file was changed to %q", b)
				}
			}
		})
	}
	t.Run("missing directory is created", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "a", "b")
		e := newEngine(t, []*report.Report{doc}, WithPersistDir(dir))
		if _, err := os.Stat(filepath.Join(dir, indexManifest)); err != nil {
			t.Errorf("New(WithPersistDir(missing)) wrote no manifest: %v", err)
		}
		if _, err := e.Search(t.Context(), Query{Text: "公园"}); err != nil {
			t.Error(err)
		}
	})
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestEmbedderFails(t *testing.T) {
	boom := errors.New("boom")
	doc := seedReport(t)
	var target Chunk
	for _, c := range ChunkReport(doc, "r1", 0) {
		if strings.Contains(c.Text, "494.91") {
			target = c
		}
	}
	for _, conc := range []int{1, 4} {
		t.Run("concurrency "+strconv.Itoa(conc), func(t *testing.T) {
			ce := &countingEmbedder{fail: func(text string) error {
				if strings.Contains(text, "494.91") {
					return boom
				}
				return nil
			}}
			e, err := New(t.Context(), []*report.Report{doc}, WithEmbedder("count-v1", ce.embed), WithEmbedConcurrency(conc))
			if err == nil {
				t.Fatalf("New with a failing embedder = %v, nil; want an error", e)
			}
			if !errors.Is(err, boom) {
				t.Errorf("New error = %v, want it to wrap the embedder's error", err)
			}
			if !strings.Contains(err.Error(), target.ID) {
				t.Errorf("New error = %q, want it to name chunk %s", err, target.ID)
			}
		})
	}
	t.Run("query embedding fails", func(t *testing.T) {
		var fail atomic.Bool
		ce := &countingEmbedder{fail: func(string) error {
			if fail.Load() {
				return boom
			}
			return nil
		}}
		e := newEngine(t, []*report.Report{doc}, WithEmbedder("count-v1", ce.embed))
		fail.Store(true)
		if _, err := e.Search(t.Context(), Query{Text: "规上工业总产值"}); !errors.Is(err, boom) {
			t.Errorf("Search with a failing query embedder error = %v, want it to wrap boom", err)
		}
		if _, err := e.Ask(t.Context(), Request{Question: "规上工业总产值是多少?"}); !errors.Is(err, boom) {
			t.Errorf("Ask with a failing query embedder error = %v, want it to wrap boom", err)
		}
	})
}

// TestBatchEmbedderEndToEnd builds an index through the real OpenAI
// embedder and client against the fake server.
func TestBatchEmbedderEndToEnd(t *testing.T) {
	s := fakeopenai.New(t)
	oe := NewOpenAIEmbedder(s.Client(), "text-embedding-3-small", WithBatchSize(16))
	var mu sync.Mutex
	var progress [][2]int
	dir := t.TempDir()
	opts := []Option{
		WithBatchEmbedder(oe.Name(), oe.EmbedBatch, oe.Embed),
		WithPersistDir(dir),
		WithProgress(func(done, total int) {
			mu.Lock()
			defer mu.Unlock()
			progress = append(progress, [2]int{done, total})
		}),
	}
	doc := provincialReport(t, jilinFile)
	e := newEngine(t, []*report.Report{doc}, opts...)
	n := len(e.Chunks())
	reqs := s.EmbeddingRequests()
	wantReqs := (n + 15) / 16
	if len(reqs) != wantReqs {
		t.Errorf("index build sent %d embedding requests for %d chunks, want %d batches of at most 16", len(reqs), n, wantReqs)
	}
	sent := 0
	for i, r := range reqs {
		if len(r.Input) > 16 || len(r.Input) == 0 {
			t.Errorf("embedding request %d has %d inputs, want 1..16", i, len(r.Input))
		}
		if r.Model != "text-embedding-3-small" {
			t.Errorf("embedding request %d model %q", i, r.Model)
		}
		sent += len(r.Input)
	}
	if sent != n {
		t.Errorf("embedded %d texts for %d chunks", sent, n)
	}
	mu.Lock()
	if len(progress) != wantReqs || len(progress) > 0 && progress[len(progress)-1] != [2]int{n, n} {
		t.Errorf("progress = %v, want %d calls ending at (%d, %d)", progress, wantReqs, n, n)
	}
	for i := 1; i < len(progress); i++ {
		if progress[i][0] <= progress[i-1][0] {
			t.Errorf("progress went from %v to %v, want it to increase", progress[i-1], progress[i])
		}
	}
	mu.Unlock()

	hits, err := e.Search(t.Context(), Query{Text: "粮食 产量"})
	if err != nil {
		t.Fatalf("Search over remote embeddings error: %v", err)
	}
	if len(hits) == 0 {
		t.Fatal("Search over remote embeddings gave no hits")
	}
	checkHits(t, e, "remote", hits)
	after := s.EmbeddingRequests()
	if len(after) != wantReqs+1 || len(after[wantReqs].Input) != 1 {
		t.Errorf("Search sent %d embedding requests, want 1 with the query", len(after)-wantReqs)
	}
	ans, err := e.Ask(t.Context(), Request{Question: "2024年粮食产量是多少?"})
	if err != nil {
		t.Fatal(err)
	}
	checkCitations(t, e, "remote", ans.Citations)
}

// TestBatchEmbedderReuse checks that a persisted remote index is not paid
// for twice.
func TestBatchEmbedderReuse(t *testing.T) {
	s := fakeopenai.New(t)
	oe := NewOpenAIEmbedder(s.Client(), "text-embedding-3-small")
	dir := t.TempDir()
	opts := []Option{WithBatchEmbedder(oe.Name(), oe.EmbedBatch, oe.Embed), WithPersistDir(dir)}
	doc := parseText(t, tinyReport)
	newEngine(t, []*report.Report{doc}, opts...)
	before := len(s.EmbeddingRequests())
	if before == 0 {
		t.Fatal("first build sent no embedding requests")
	}
	newEngine(t, []*report.Report{doc}, opts...)
	if got := len(s.EmbeddingRequests()) - before; got != 0 {
		t.Errorf("second build over the persisted index sent %d embedding requests, want 0", got)
	}
}

func TestBatchEmbedderFails(t *testing.T) {
	s := fakeopenai.New(t)
	oe := NewOpenAIEmbedder(s.Client(), "m", WithMaxAttempts(1))
	s.FailEmbeddings(fakeopenai.Unauthorized())
	_, err := New(t.Context(), []*report.Report{parseText(t, tinyReport)}, WithBatchEmbedder(oe.Name(), oe.EmbedBatch, oe.Embed))
	if err == nil {
		t.Fatal("New with a failing batch embedder returned no error")
	}
	if !strings.Contains(err.Error(), "embed chunks") {
		t.Errorf("New error = %q, want it to say the chunks could not be embedded", err)
	}
	wrong := func(context.Context, []string, func(int, int)) ([][]float32, error) {
		return [][]float32{fakeopenai.Vector("x", 8)}, nil
	}
	if _, err := New(t.Context(), []*report.Report{seedReport(t)}, WithBatchEmbedder("wrong", wrong, oe.Embed)); err == nil || !strings.Contains(err.Error(), "vectors") {
		t.Errorf("New with a batch embedder returning too few vectors error = %v, want a count mismatch", err)
	}
}

// TestKnownBugPersistAfterFailedBuild: when the first build into an empty
// directory fails (an embedding error, a rate limit, Ctrl-C), the
// collection directory has been created but the manifest, written last,
// has not. The next New refuses the directory as foreign ("has files but
// no reportbot-index.json; choose an empty directory"), although it holds
// nothing but reportbot's own half-built index.
func TestRegressionPersistAfterFailedBuild(t *testing.T) {
	dir := t.TempDir()
	doc := parseText(t, tinyReport)
	failing := &countingEmbedder{fail: func(string) error { return errors.New("429 rate limited") }}
	if _, err := New(t.Context(), []*report.Report{doc}, WithPersistDir(dir), WithEmbedder("count-v1", failing.embed)); err == nil {
		t.Fatal("New with a failing embedder returned no error")
	}
	ok := &countingEmbedder{}
	if _, err := New(t.Context(), []*report.Report{doc}, WithPersistDir(dir), WithEmbedder("count-v1", ok.embed)); err != nil {
		t.Errorf("New after a failed first build error = %v, want a rebuild", err)
	}
}
