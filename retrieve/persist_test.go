package retrieve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gofrs/flock"
	"github.com/google/go-cmp/cmp"

	"github.com/reportbot/reportbot/internal/fakeopenai"
	"github.com/reportbot/reportbot/report"
)

// debugLog returns a logger that records debug events, and the record.
func debugLog() (*slog.Logger, *syncBuffer) {
	var b syncBuffer
	return slog.New(slog.NewTextHandler(&b, &slog.HandlerOptions{Level: slog.LevelDebug})), &b
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// dirState records every file under dir with its size and modification
// time, to prove that nothing was written.
func dirState(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		out[rel] = strconv.FormatInt(info.Size(), 10) + " " + info.ModTime().Format(time.RFC3339Nano) + " " + info.Mode().String()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func readManifestT(t *testing.T, dir string) *manifest {
	t.Helper()
	m, err := readManifest(dir)
	if err != nil || m == nil {
		t.Fatalf("readManifest(%s) = %v, %v", dir, m, err)
	}
	return m
}

// generations lists the generation directories in dir.
func generations(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), genPrefix) {
			out = append(out, e.Name())
		}
	}
	return out
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// sameSearch fails the test unless a and b give the same hits for a few
// queries.
func sameSearch(t *testing.T, what string, a, b *Index) {
	t.Helper()
	for _, q := range []Query{{Text: "公园", K: 5}, {Text: "规上工业总产值", K: 10}, {Text: "粮食 产量 增长", K: 30}} {
		ha, err := a.Search(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		hb, err := b.Search(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(ha, hb); diff != "" {
			t.Errorf("%s: Search(%q) differs (-want +got):\n%s", what, q.Text, diff)
		}
	}
}

func TestPersistReuse(t *testing.T) {
	dir := t.TempDir()
	doc := parseText(t, tinyReport)
	ce := &countingEmbedder{}
	opts := []Option{WithPersistDir(dir), WithEmbedder("count-v1", ce.embed)}

	ix1 := buildIndex(t, []*report.Report{doc}, opts...)
	chunks := int64(ix1.Len())
	if got := ce.take(); got != chunks+1 {
		t.Fatalf("first New embedded %d texts, want %d (one per chunk and the probe)", got, chunks+1)
	}
	m := readManifestT(t, dir)
	if m.Embedder != "count-v1" || m.Dims != 32 || m.Chunks != int(chunks) || len(m.Probe) != 32 || m.Fingerprint == "" {
		t.Errorf("manifest = %+v, want embedder count-v1, 32 dimensions, %d chunks, a probe and a fingerprint", m, chunks)
	}
	want, err := ix1.Search(t.Context(), Query{Text: "公园"})
	if err != nil {
		t.Fatal(err)
	}
	ce.take()
	before := dirState(t, dir)

	ix2 := buildIndex(t, []*report.Report{doc}, opts...)
	if got := ce.take(); got != 1 {
		t.Errorf("second New over the same directory embedded %d texts, want 1 (the probe)", got)
	}
	if diff := cmp.Diff(before, dirState(t, dir)); diff != "" {
		t.Errorf("reusing the index wrote to its directory (-before +after):\n%s", diff)
	}
	got, err := ix2.Search(t.Context(), Query{Text: "公园"})
	if err != nil {
		t.Fatal(err)
	}
	if n := ce.take(); n != 1 {
		t.Errorf("Search on the reused index embedded %d texts, want 1 (the query)", n)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Search on the reused index differs from the fresh one (-fresh +reused):\n%s", diff)
	}
	checkHits(t, ix2, "reused", got)
}

// TestPersistReuseLocal checks that the local embedder's index is reused
// (no vectors computed, nothing written) and answers as a fresh one.
func TestPersistReuseLocal(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	docs := []*report.Report{seedReport(t), provincialReport(t, jilinFile)}
	fresh := buildIndex(t, docs)
	buildIndex(t, docs, WithPersistDir(dir))
	before := dirState(t, dir)
	log, rec := debugLog()
	reused := buildIndex(t, docs, WithPersistDir(dir), WithLogger(log))
	if !strings.Contains(rec.String(), "index reused") || strings.Contains(rec.String(), "vectors built") {
		t.Errorf("second New did not reuse the index; log:\n%s", rec)
	}
	if diff := cmp.Diff(before, dirState(t, dir)); diff != "" {
		t.Errorf("reusing the index wrote to its directory (-before +after):\n%s", diff)
	}
	sameSearch(t, "reused local index", fresh, reused)
	// One generation of three files, the manifest and the lock: not a
	// file per chunk.
	if n := len(before); n > 7 {
		t.Errorf("the index directory holds %d entries for %d chunks: %v", n, fresh.Len(), slices.Sorted(maps.Keys(before)))
	}
}

func TestPersistRebuild(t *testing.T) {
	t.Parallel()
	changed := strings.Replace(tinyReport, "新建公园3个", "新建公园4个", 1)
	other := &countingEmbedder{}
	otherModel := func(ctx context.Context, text string) ([]float32, error) {
		other.calls.Add(1)
		return fakeopenai.Vector("another model|"+text, 32), nil
	}
	// Each case's reembed is how many chunks the rebuild embeds again; -1
	// means all (a remote embedder reuses the vectors of reports whose
	// chunk texts it has embedded before).
	tests := []struct {
		name    string
		second  func(ce *countingEmbedder) ([]*report.Report, []Option)
		counter func(ce *countingEmbedder) *countingEmbedder
		reembed int
	}{
		{"report text changed", func(ce *countingEmbedder) ([]*report.Report, []Option) {
			return []*report.Report{parseText(t, changed)}, []Option{WithEmbedder("count-v1", ce.embed)}
		}, nil, -1},
		{"embedder name changed", func(ce *countingEmbedder) ([]*report.Report, []Option) {
			return []*report.Report{parseText(t, tinyReport)}, []Option{WithEmbedder("count-v2", ce.embed)}
		}, nil, -1},
		{"chunk size changed", func(ce *countingEmbedder) ([]*report.Report, []Option) {
			return []*report.Report{parseText(t, tinyReport)}, []Option{WithEmbedder("count-v1", ce.embed), WithChunkSize(20)}
		}, nil, -1},
		{"a report added", func(ce *countingEmbedder) ([]*report.Report, []Option) {
			return []*report.Report{parseText(t, tinyReport), parseText(t, changed)}, []Option{WithEmbedder("count-v1", ce.embed)}
		}, nil, 3},
		{"names changed", func(ce *countingEmbedder) ([]*report.Report, []Option) {
			return []*report.Report{parseText(t, tinyReport)}, []Option{WithEmbedder("count-v1", ce.embed), WithNames("renamed.txt")}
		}, nil, 0},
		{"same model name, other dimensions", func(ce *countingEmbedder) ([]*report.Report, []Option) {
			ce.dim = 16
			return []*report.Report{parseText(t, tinyReport)}, []Option{WithEmbedder("count-v1", ce.embed)}
		}, nil, -1},
		{"same model name and dimensions, other vectors", func(*countingEmbedder) ([]*report.Report, []Option) {
			return []*report.Report{parseText(t, tinyReport)}, []Option{WithEmbedder("count-v1", otherModel)}
		}, func(*countingEmbedder) *countingEmbedder { return other }, -1},
		{"remote to local", func(*countingEmbedder) ([]*report.Report, []Option) {
			return []*report.Report{parseText(t, tinyReport)}, nil
		}, nil, -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			ce := &countingEmbedder{}
			buildIndex(t, []*report.Report{parseText(t, tinyReport)}, WithPersistDir(dir), WithEmbedder("count-v1", ce.embed))
			first := readManifestT(t, dir).Generation
			ce.take()
			other.take()
			docs, opts := tc.second(ce)
			ix := buildIndex(t, docs, append(opts, WithPersistDir(dir))...)
			counter := ce
			if tc.counter != nil {
				counter = tc.counter(ce)
			}
			if ix.cfg.local() {
				counter = nil
			}
			if counter != nil {
				want := int64(tc.reembed)
				if want < 0 {
					want = int64(ix.Len())
				}
				if got := counter.take(); got != want+1 {
					t.Errorf("New after %s embedded %d texts, want %d chunks and the probe", tc.name, got, want)
				}
			}
			m := readManifestT(t, dir)
			if m.Generation == first {
				t.Errorf("New after %s kept generation %s: no rebuild", tc.name, first)
			}
			if g := generations(t, dir); len(g) != 1 || g[0] != m.Generation {
				t.Errorf("after a rebuild the directory holds generations %v, want only %s", g, m.Generation)
			}
			hits, err := ix.Search(t.Context(), Query{Text: "公园"})
			if err != nil || len(hits) == 0 {
				t.Fatalf("Search after rebuild = %v, %v", hits, err)
			}
			checkHits(t, ix, tc.name, hits)
			reopened, err := Open(t.Context(), dir, opts...)
			if err != nil {
				t.Fatalf("Open after the rebuild: %v", err)
			}
			sameSearch(t, "reopened after "+tc.name, ix, reopened)
		})
	}
}

// TestPersistRemoteReusesReports checks that a rebuild for one added
// report embeds that report's chunks only.
func TestPersistRemoteReusesReports(t *testing.T) {
	dir := t.TempDir()
	ce := &countingEmbedder{}
	opts := []Option{WithPersistDir(dir), WithEmbedder("count-v1", ce.embed)}
	two := []*report.Report{seedReport(t), parseText(t, tinyReport)}
	buildIndex(t, two, opts...)
	ce.take()
	three := append(two[:2:2], provincialReport(t, guangxiFile))
	ix := buildIndex(t, three, opts...)
	added := int64(ix.docStart[3] - ix.docStart[2])
	if got := ce.take(); got != added+1 {
		t.Errorf("New with a third report embedded %d texts, want its %d chunks and the probe", got, added)
	}
	sameSearch(t, "incremental", buildIndex(t, three, WithEmbedder("count-v1", ce.embed)), ix)
}

func TestPersistDirErrors(t *testing.T) {
	t.Parallel()
	doc := parseText(t, tinyReport)
	tests := []struct {
		name     string
		setup    func(t *testing.T, dir string) string // returns the dir to use
		wantIs   error
		wantText []string
	}{
		{"foreign file", func(t *testing.T, dir string) string {
			write(t, filepath.Join(dir, "notes.txt"), "my notes")
			return dir
		}, ErrForeignIndex, []string{"choose an empty directory", manifestName}},
		{"corrupt manifest among foreign files", func(t *testing.T, dir string) string {
			write(t, filepath.Join(dir, manifestName), "{not json")
			write(t, filepath.Join(dir, "notes.txt"), "my notes")
			return dir
		}, ErrForeignIndex, []string{"corrupt", "delete"}},
		{"another tool's manifest", func(t *testing.T, dir string) string {
			write(t, filepath.Join(dir, manifestName), `{"format":"something-else","version":1}`)
			return dir
		}, ErrForeignIndex, []string{"something-else"}},
		{"a newer format", func(t *testing.T, dir string) string {
			write(t, filepath.Join(dir, manifestName), `{"format":"reportbot-index","version":99}`)
			return dir
		}, nil, []string{"newer", "upgrade"}},
		{"path is a file", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "file")
			write(t, p, "x")
			return p
		}, nil, []string{"index"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := tc.setup(t, t.TempDir())
			before := dirState(t, filepath.Dir(dir))
			ce := &countingEmbedder{}
			ix, err := New(t.Context(), []*report.Report{doc}, WithPersistDir(dir), WithEmbedder("count-v1", ce.embed))
			if err == nil {
				t.Fatalf("New(WithPersistDir(%s)) = %v, nil; want an error", tc.name, ix)
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
			if diff := cmp.Diff(before, dirState(t, filepath.Dir(dir))); diff != "" {
				t.Errorf("New(%s) wrote to a directory it refused (-before +after):\n%s", tc.name, diff)
			}
			if _, err := Open(t.Context(), dir); err == nil {
				t.Errorf("Open(%s) error = nil, want an error", tc.name)
			}
		})
	}
	t.Run("missing directory is created", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "a", "b")
		ix := buildIndex(t, []*report.Report{doc}, WithPersistDir(dir))
		readManifestT(t, dir)
		if _, err := ix.Search(t.Context(), Query{Text: "公园"}); err != nil {
			t.Error(err)
		}
	})
	t.Run("without vectors the directory is not used", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "unused")
		buildIndex(t, []*report.Report{doc}, WithPersistDir(dir), WithoutVectors())
		if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("New(WithoutVectors) touched the persist directory: %v", err)
		}
	})
}

// TestPersistDamaged damages a built index in each way a crash, a full
// disk or a careless hand can, and checks that Open refuses it and New
// rebuilds it to answer as a fresh index does.
func TestPersistDamaged(t *testing.T) {
	t.Parallel()
	docs := []*report.Report{parseText(t, tinyReport), parseText(t, fuzzSeeds[2]), parseText(t, fuzzSeeds[3])}
	fresh := buildIndex(t, docs)
	genFile := func(dir, name string) string {
		return filepath.Join(dir, readManifestT(t, dir).Generation, name)
	}
	truncate := func(name string, keep func(size int64) int64) func(t *testing.T, dir string) {
		return func(t *testing.T, dir string) {
			p := genFile(dir, name)
			info, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Truncate(p, keep(info.Size())); err != nil {
				t.Fatal(err)
			}
		}
	}
	flip := func(name string, at func(size int64) int64) func(t *testing.T, dir string) {
		return func(t *testing.T, dir string) {
			p := genFile(dir, name)
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			b[at(int64(len(b)))] ^= 0x40
			write(t, p, string(b))
		}
	}
	half := func(n int64) int64 { return n / 2 }
	tests := []struct {
		name   string
		damage func(t *testing.T, dir string)
		open   bool // Open still works (the damage is harmless debris)
	}{
		{"vectors truncated", truncate(vectorsFile, half), false},
		{"vectors empty", truncate(vectorsFile, func(int64) int64 { return 0 }), false},
		{"vectors bit flipped", flip(vectorsFile, half), false},
		{"vectors header flipped", flip(vectorsFile, func(int64) int64 { return 9 }), false},
		{"reports truncated", truncate(reportsFile, func(n int64) int64 { return n - 1 }), false},
		{"reports bit flipped", flip(reportsFile, half), false},
		{"local statistics truncated", truncate(localFile, half), false},
		{"local statistics missing", func(t *testing.T, dir string) { os.Remove(genFile(dir, localFile)) }, false},
		{"generation missing", func(t *testing.T, dir string) { os.RemoveAll(filepath.Dir(genFile(dir, vectorsFile))) }, false},
		{"manifest truncated", func(t *testing.T, dir string) {
			if err := os.Truncate(filepath.Join(dir, manifestName), 40); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"manifest empty", func(t *testing.T, dir string) { write(t, filepath.Join(dir, manifestName), "") }, false},
		{"manifest missing", func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, manifestName)) }, false},
		{"manifest names a file not there", func(t *testing.T, dir string) {
			m := readManifestT(t, dir)
			m.Files["extra.bin"] = fileSum{}
			delete(m.Files, vectorsFile)
			if err := writeManifest(dir, m); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"manifest generation escapes", func(t *testing.T, dir string) {
			m := readManifestT(t, dir)
			m.Generation = "../elsewhere"
			if err := writeManifest(dir, m); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"debris of a killed build", func(t *testing.T, dir string) {
			os.MkdirAll(filepath.Join(dir, buildPrefix+"123", "x"), 0o755)
			write(t, filepath.Join(dir, buildPrefix+"123", vectorsFile), "half")
			write(t, filepath.Join(dir, manifestTmpPre+"456"), "{")
			os.MkdirAll(filepath.Join(dir, genPrefix+"000000000000-deadbeef"), 0o755)
		}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			buildIndex(t, docs, WithPersistDir(dir))
			tc.damage(t, dir)
			opened, err := Open(t.Context(), dir)
			switch {
			case tc.open && err != nil:
				t.Errorf("Open after %s error: %v, want the index", tc.name, err)
			case tc.open:
				sameSearch(t, "Open after "+tc.name, fresh, opened)
			case err == nil:
				t.Errorf("Open after %s = an index, want ErrNoIndex", tc.name)
			case !errors.Is(err, ErrNoIndex):
				t.Errorf("Open after %s error = %v, want ErrNoIndex", tc.name, err)
			}
			log, rec := debugLog()
			ix, err := New(t.Context(), docs, WithPersistDir(dir), WithLogger(log))
			if err != nil {
				t.Fatalf("New after %s error: %v, want a rebuild", tc.name, err)
			}
			if rebuilt := strings.Contains(rec.String(), "vectors built"); rebuilt == tc.open {
				t.Errorf("New after %s rebuilt = %v, want %v; log:\n%s", tc.name, rebuilt, !tc.open, rec)
			}
			sameSearch(t, "New after "+tc.name, fresh, ix)
			reopened, err := Open(t.Context(), dir)
			if err != nil {
				t.Fatalf("Open after the rebuild: %v", err)
			}
			sameSearch(t, "Open after the rebuild", fresh, reopened)
			if tc.open {
				return
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if n := e.Name(); strings.HasPrefix(n, buildPrefix) || strings.HasPrefix(n, manifestTmpPre) {
					t.Errorf("debris %s left after the rebuild", n)
				}
			}
		})
	}
}

func TestOpen(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	docs := []*report.Report{seedReport(t), provincialReport(t, guangxiFile), parseText(t, tinyReport)}
	names := []string{"seed.txt", "guangxi.txt", "tiny.txt"}
	built := buildIndex(t, docs, WithPersistDir(dir), WithNames(names...), WithChunkSize(150))
	before := dirState(t, dir)
	ix, err := Open(t.Context(), dir, WithChunkSize(999), WithNames("ignored"))
	if err != nil {
		t.Fatalf("Open error: %v", err)
	}
	if diff := cmp.Diff(before, dirState(t, dir)); diff != "" {
		t.Errorf("Open wrote to the index directory (-before +after):\n%s", diff)
	}
	for d := range docs {
		if got := ix.Reports()[d]; got.Text != docs[d].Text || got.Title != docs[d].Title || ix.Name(d) != names[d] {
			t.Errorf("Open report %d = %q %q, want %q %q", d, got.Title, ix.Name(d), docs[d].Title, names[d])
		}
	}
	if diff := cmp.Diff(hitIDsOf(built), hitIDsOf(ix)); diff != "" {
		t.Errorf("Open chunks differ from the built index's (-built +opened):\n%s", diff)
	}
	sameSearch(t, "Open", built, ix)

	t.Run("without vectors", func(t *testing.T) {
		lex, err := Open(t.Context(), dir, WithoutVectors())
		if err != nil {
			t.Fatal(err)
		}
		if lex.vec != nil {
			t.Errorf("Open(WithoutVectors) loaded vectors")
		}
		q := Query{Text: "粮食产量", K: 10}
		if diff := cmp.Diff(built.Lexical(q, 10), lex.Lexical(q, 10)); diff != "" {
			t.Errorf("Lexical after Open(WithoutVectors) differs (-built +opened):\n%s", diff)
		}
	})
	t.Run("errors", func(t *testing.T) {
		empty := t.TempDir()
		for _, tc := range []struct {
			name string
			dir  string
			opts []Option
			is   error
			text string
		}{
			{"empty directory", empty, nil, ErrNoIndex, "build one"},
			{"missing directory", filepath.Join(empty, "nope"), nil, ErrNoIndex, "build one"},
			{"local index, remote embedder", dir, []Option{WithEmbedder("count-v1", (&countingEmbedder{}).embed)}, nil, "built with embedder"},
		} {
			_, err := Open(t.Context(), tc.dir, tc.opts...)
			if err == nil || tc.is != nil && !errors.Is(err, tc.is) || !strings.Contains(err.Error(), tc.text) {
				t.Errorf("Open(%s) error = %v, want %v saying %q", tc.name, err, tc.is, tc.text)
			}
		}
	})
	t.Run("remote embedder", func(t *testing.T) {
		rdir := t.TempDir()
		ce := &countingEmbedder{}
		remote := buildIndex(t, docs[2:], WithPersistDir(rdir), WithEmbedder("count-v1", ce.embed))
		ce.take()
		if _, err := Open(t.Context(), rdir); err == nil || !strings.Contains(err.Error(), `WithEmbedder("count-v1"`) {
			t.Errorf("Open of a remote index with no embedder error = %v, want it to name the embedder to pass", err)
		}
		if _, err := Open(t.Context(), rdir, WithEmbedder("count-v2", ce.embed)); err == nil {
			t.Errorf("Open with another embedder name error = nil, want an error")
		}
		ix, err := Open(t.Context(), rdir, WithEmbedder("count-v1", ce.embed))
		if err != nil {
			t.Fatal(err)
		}
		if n := ce.take(); n != 0 {
			t.Errorf("Open embedded %d texts, want 0", n)
		}
		sameSearch(t, "Open remote", remote, ix)
		if _, err := Open(t.Context(), rdir, WithoutVectors()); err != nil {
			t.Errorf("Open(WithoutVectors) of a remote index error: %v", err)
		}
	})
}

func hitIDsOf(ix *Index) []string {
	out := make([]string, ix.Len())
	for i := range out {
		out[i] = ix.Chunk(i).ID + "@" + strconv.Itoa(ix.Chunk(i).Start)
	}
	return out
}

// TestPersistConcurrentNew runs builders of the same index in goroutines:
// the lock lets one embed and the others reuse its work.
func TestPersistConcurrentNew(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	docs := []*report.Report{seedReport(t), parseText(t, tinyReport)}
	ce := &countingEmbedder{}
	var wg sync.WaitGroup
	ixs := make([]*Index, 6)
	for g := range ixs {
		wg.Go(func() {
			ix, err := New(t.Context(), docs, WithPersistDir(dir), WithEmbedder("count-v1", ce.embed))
			if err != nil {
				t.Errorf("builder %d error: %v", g, err)
			}
			ixs[g] = ix
		})
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	chunks := int64(ixs[0].Len())
	// Every builder probes once; the chunks are embedded once.
	if got := ce.take(); got != chunks+6 {
		t.Errorf("6 concurrent builders embedded %d texts, want the %d chunks once and 6 probes", got, chunks)
	}
	for _, ix := range ixs[1:] {
		sameSearch(t, "concurrent builders", ixs[0], ix)
	}
	if g := generations(t, dir); len(g) != 1 {
		t.Errorf("the directory holds generations %v, want one", g)
	}
}

// TestPersistWaitsForLock checks that a builder waits for the lock and
// gives up with a clear error when its context ends.
func TestPersistWaitsForLock(t *testing.T) {
	dir := t.TempDir()
	docs := []*report.Report{parseText(t, tinyReport)}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	other := newTestLock(t, filepath.Join(dir, lockName))
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	_, err := New(ctx, docs, WithPersistDir(dir))
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "another build") {
		t.Errorf("New while another process holds the lock error = %v, want a deadline waiting for another build", err)
	}
	other.Unlock()
	if _, err := New(t.Context(), docs, WithPersistDir(dir)); err != nil {
		t.Errorf("New after the lock was released error: %v", err)
	}
}

// TestPersistLegacy checks that a directory of the first format (a
// version 1 manifest and chromem-go's collection directories) is rebuilt
// and its old files removed.
func TestPersistLegacy(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, manifestName), `{"version":1,"fingerprint":"abc","embedder":"local-ngram-tfidf-v1","chunks":3}`)
	old := filepath.Join(dir, "0a1b2c3d")
	os.MkdirAll(old, 0o755)
	write(t, filepath.Join(old, "00000000.gob"), "gob")
	write(t, filepath.Join(old, "1234abcd.gob"), "gob")
	ix := buildIndex(t, []*report.Report{parseText(t, tinyReport)}, WithPersistDir(dir))
	if _, err := os.Stat(old); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the first format's collection directory is still there: %v", err)
	}
	if m := readManifestT(t, dir); m.Version != formatVersion {
		t.Errorf("manifest version %d after the rebuild, want %d", m.Version, formatVersion)
	}
	if hits, err := ix.Search(t.Context(), Query{Text: "公园"}); err != nil || len(hits) == 0 {
		t.Errorf("Search after upgrading = %v, %v", hits, err)
	}
}

// TestPersistManifestRecords checks what the manifest says, for people
// who look at it.
func TestPersistManifestRecords(t *testing.T) {
	dir := t.TempDir()
	buildIndex(t, []*report.Report{seedReport(t)}, WithPersistDir(dir), WithNames("seed.txt"))
	b, err := os.ReadFile(filepath.Join(dir, manifestName))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"format", "version", "generation", "fingerprint", "embedder", "dims", "chunk_size", "chunks", "reports", "files"} {
		if _, ok := m[k]; !ok {
			t.Errorf("manifest has no %q: %s", k, b)
		}
	}
	if m["embedder"] != localName || m["dims"] != float64(LocalDim) {
		t.Errorf("manifest embedder %v dims %v, want %s and %d", m["embedder"], m["dims"], localName, LocalDim)
	}
}

// TestEmbedderFails checks that a failing chunk embedding fails New with
// the embedder's error and the chunk's ID, and leaves a persist directory
// that the next build can use.
func TestEmbedderFails(t *testing.T) {
	t.Parallel()
	boom := errors.New("429 rate limited")
	doc := seedReport(t)
	var target Chunk
	for _, c := range ChunkReport(doc, "r1", 0) {
		if strings.Contains(c.Text, "494.91") {
			target = c
		}
	}
	for _, conc := range []int{1, 4} {
		t.Run("concurrency "+strconv.Itoa(conc), func(t *testing.T) {
			dir := t.TempDir()
			ce := &countingEmbedder{fail: func(text string) error {
				if strings.Contains(text, "494.91") {
					return boom
				}
				return nil
			}}
			ix, err := New(t.Context(), []*report.Report{doc}, WithEmbedder("count-v1", ce.embed), WithEmbedConcurrency(conc), WithPersistDir(dir))
			if err == nil {
				t.Fatalf("New with a failing embedder = %v, nil; want an error", ix)
			}
			if !errors.Is(err, boom) || !strings.Contains(err.Error(), target.ID) {
				t.Errorf("New error = %v, want it to wrap the embedder's error and name chunk %s", err, target.ID)
			}
			ok := &countingEmbedder{}
			if _, err := New(t.Context(), []*report.Report{doc}, WithPersistDir(dir), WithEmbedder("count-v1", ok.embed)); err != nil {
				t.Errorf("New after a failed build error = %v, want a build", err)
			}
		})
	}
}

// TestBatchEmbedderEndToEnd builds and reuses an index through the real
// OpenAI embedder and client against the fake server.
func TestBatchEmbedderEndToEnd(t *testing.T) {
	t.Parallel()
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
	ix := buildIndex(t, []*report.Report{doc}, opts...)
	n := ix.Len()
	reqs := s.EmbeddingRequests()
	wantReqs := (n+15)/16 + 1 // the batches and the probe
	if len(reqs) != wantReqs {
		t.Errorf("index build sent %d embedding requests for %d chunks, want %d (batches of at most 16, and the probe)", len(reqs), n, wantReqs)
	}
	sent := 0
	for _, r := range reqs {
		if len(r.Input) > 16 || len(r.Input) == 0 || r.Model != "text-embedding-3-small" {
			t.Errorf("embedding request with %d inputs for model %q", len(r.Input), r.Model)
		}
		sent += len(r.Input)
	}
	if sent != n+1 {
		t.Errorf("embedded %d texts for %d chunks and the probe", sent, n)
	}
	mu.Lock()
	if len(progress) == 0 || progress[len(progress)-1] != [2]int{n, n} {
		t.Errorf("progress = %v, want calls ending at (%d, %d)", progress, n, n)
	}
	mu.Unlock()
	hits, err := ix.Search(t.Context(), Query{Text: "粮食 产量"})
	if err != nil || len(hits) == 0 {
		t.Fatalf("Search over remote embeddings = %v, %v", hits, err)
	}
	checkHits(t, ix, "remote", hits)

	before := len(s.EmbeddingRequests())
	buildIndex(t, []*report.Report{doc}, opts...)
	if got := len(s.EmbeddingRequests()) - before; got != 1 {
		t.Errorf("second build over the persisted index sent %d embedding requests, want 1 (the probe)", got)
	}
}

func TestBatchEmbedderFails(t *testing.T) {
	s := fakeopenai.New(t)
	oe := NewOpenAIEmbedder(s.Client(), "m", WithMaxAttempts(1))
	s.FailEmbeddings(fakeopenai.Unauthorized())
	_, err := New(t.Context(), []*report.Report{parseText(t, tinyReport)}, WithBatchEmbedder(oe.Name(), oe.EmbedBatch, oe.Embed))
	if err == nil || !strings.Contains(err.Error(), "embed chunks") {
		t.Errorf("New with a failing batch embedder error = %v, want it to say the chunks could not be embedded", err)
	}
	wrong := func(context.Context, []string, func(int, int)) ([][]float32, error) {
		return [][]float32{fakeopenai.Vector("x", 8)}, nil
	}
	if _, err := New(t.Context(), []*report.Report{seedReport(t)}, WithBatchEmbedder("wrong", wrong, oe.Embed)); err == nil || !strings.Contains(err.Error(), "vectors") {
		t.Errorf("New with a batch embedder returning too few vectors error = %v, want a count mismatch", err)
	}
	mixed := func(_ context.Context, texts []string, _ func(int, int)) ([][]float32, error) {
		out := make([][]float32, len(texts))
		for i := range texts {
			out[i] = fakeopenai.Vector(texts[i], 8+i%2)
		}
		return out, nil
	}
	if _, err := New(t.Context(), []*report.Report{seedReport(t)}, WithBatchEmbedder("mixed", mixed, oe.Embed)); err == nil || !strings.Contains(err.Error(), "dimensions") {
		t.Errorf("New with vectors of two lengths error = %v, want a dimension mismatch", err)
	}
}

// newTestLock takes the builders' lock as another process would.
func newTestLock(t *testing.T, path string) *flock.Flock {
	t.Helper()
	l := flock.New(path)
	if err := l.Lock(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Unlock() })
	return l
}
