package retrieve

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/reportbot/reportbot/report"
)

// The crash tests run this test binary again as a builder: with
// builderDirEnv set, TestCrashBuilder builds the index of corpus
// builderCorpusEnv ("a" or "b") into that directory, or kills itself
// with SIGKILL at step builderKillEnv of the write, and prints what it
// did. With RETRIEVE_TRIALS=n the tests run n random kills, a kill at
// every step of the write and n pairs of concurrent builders (the figures
// in DESIGN.md are from 20); without it, a smoke test of two kills and one
// pair, which takes a few seconds.
const (
	builderDirEnv    = "RETRIEVE_TEST_BUILDER_DIR"
	builderCorpusEnv = "RETRIEVE_TEST_BUILDER_CORPUS"
	builderKillEnv   = "RETRIEVE_TEST_BUILDER_KILL_AT"
	trialsEnv        = "RETRIEVE_TRIALS"
)

// crashCorpus returns corpus a (eight real reports; three for the smoke
// test) or b (the same with one report changed, so that an index of one
// is stale for the other).
func crashCorpus(t testing.TB, which string) ([]string, []*report.Report) {
	t.Helper()
	tiny := tinyReport
	if which == "b" {
		tiny = strings.Replace(tinyReport, "新建公园3个", "新建公园9个", 1)
	}
	names := []string{"tiny", "seed", "guangxi", "jilin", "anhui", "beijing", "fujian", "gansu"}
	docs := []*report.Report{parseText(t, tiny), seedReport(t), provincialReport(t, guangxiFile)}
	if trials() == 0 {
		return names[:3], docs
	}
	docs = append(docs, provincialReport(t, jilinFile), corpusReport(t, "anhui"), corpusReport(t, "beijing"), corpusReport(t, "fujian"), corpusReport(t, "gansu"))
	return names, docs
}

func TestCrashBuilder(t *testing.T) {
	dir := os.Getenv(builderDirEnv)
	if dir == "" {
		t.Skip("runs as a subprocess of the crash tests")
	}
	at := os.Getenv(builderKillEnv)
	crashHook = func(step string) {
		fmt.Println("STEP", step) // the parent may kill at once
		if step == at {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {} // never returns
		}
	}
	names, docs := crashCorpus(t, os.Getenv(builderCorpusEnv))
	log, rec := debugLog()
	if _, err := New(t.Context(), docs, WithNames(names...), WithPersistDir(dir), WithLogger(log)); err != nil {
		fmt.Println("BUILDER error", err)
		os.Exit(3)
	}
	what := "reused"
	if strings.Contains(rec.String(), "vectors built") {
		what = "built"
	}
	fmt.Println("BUILDER", what)
}

// builderProc is a running builder subprocess.
type builderProc struct {
	cmd   *exec.Cmd
	lines chan struct{} // closed when stdout is drained
	mu    sync.Mutex
	out   bytes.Buffer
}

func (p *builderProc) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.Write(b)
}

func (p *builderProc) output() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.String()
}

func (p *builderProc) kill() { p.cmd.Process.Signal(syscall.SIGKILL) }

// wait waits for the builder to exit; killed reports whether SIGKILL
// ended it.
func (p *builderProc) wait() (killed bool, err error) {
	<-p.lines
	err = p.cmd.Wait()
	if ws, ok := p.cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL {
		return true, nil
	}
	return false, err
}

// builder starts the test binary as a builder of corpus which into dir.
// onStep, when not nil, is called with each step of the write as the
// builder reports reaching it.
func builder(t *testing.T, dir, which, killAt string, onStep func(step string)) *builderProc {
	t.Helper()
	p := &builderProc{lines: make(chan struct{})}
	p.cmd = exec.Command(os.Args[0], "-test.run=^TestCrashBuilder$", "-test.count=1", "-test.v")
	p.cmd.Env = append(os.Environ(), builderDirEnv+"="+dir, builderCorpusEnv+"="+which, builderKillEnv+"="+killAt)
	p.cmd.Stderr = p
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(p.lines)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			line := sc.Text()
			p.Write([]byte(line + "\n"))
			if step, ok := strings.CutPrefix(line, "STEP "); ok && onStep != nil {
				onStep(step)
			}
		}
	}()
	return p
}

// run starts a builder and waits for it to succeed, returning what it
// said: built or reused.
func run(t *testing.T, dir, which string) string {
	t.Helper()
	p := builder(t, dir, which, "", nil)
	if killed, err := p.wait(); killed || err != nil {
		t.Fatalf("builder of corpus %s: killed %v, %v\n%s", which, killed, err, p.output())
	}
	return builderSaid(p.output())
}

// builderSaid returns what a builder printed: built, reused or error.
func builderSaid(out string) string {
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) >= 2 && f[0] == "BUILDER" {
			return f[1]
		}
	}
	return ""
}

// searchResults are an index's hits for a fixed set of queries, to tell
// corpus a from corpus b and both from anything else.
func searchResults(t *testing.T, ix *Index) [][]Hit {
	t.Helper()
	var out [][]Hit
	for _, q := range []string{"新建公园", "粮食产量", "地区生产总值增长", "规上工业总产值"} {
		hits, err := ix.Search(t.Context(), Query{Text: q, K: 10})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, hits)
	}
	return out
}

// crashCheck opens dir after a builder ended and checks that Open gives
// no index or exactly the results of one of the corpora, and that New
// over each corpus answers right. It returns what Open found.
func crashCheck(t *testing.T, dir string, want map[string][][]Hit) string {
	t.Helper()
	found := "none"
	ix, err := Open(t.Context(), dir)
	switch {
	case errors.Is(err, ErrNoIndex):
	case err != nil:
		t.Fatalf("Open after the builder ended: %v, want an index or ErrNoIndex", err)
	default:
		got := searchResults(t, ix)
		for which, w := range want {
			if cmp.Equal(got, w) {
				found = which
			}
		}
		if found == "none" {
			t.Fatalf("Open gave results of neither corpus: %v", got)
		}
	}
	for _, which := range slices.Sorted(maps.Keys(want)) {
		names, docs := crashCorpus(t, which)
		ix, err := New(t.Context(), docs, WithNames(names...), WithPersistDir(dir))
		if err != nil {
			t.Fatalf("New(corpus %s) after the builder ended: %v", which, err)
		}
		if diff := cmp.Diff(want[which], searchResults(t, ix)); diff != "" {
			t.Fatalf("New(corpus %s) after the builder ended gives other results (-want +got):\n%s", which, diff)
		}
	}
	return found
}

// trials returns RETRIEVE_TRIALS, or 0 for the smoke test.
func trials() int {
	n, _ := strconv.Atoi(os.Getenv(trialsEnv))
	return max(n, 0)
}

// reference returns the results of in-memory indexes of corpus a and b.
func reference(t *testing.T) map[string][][]Hit {
	t.Helper()
	want := map[string][][]Hit{}
	for _, which := range []string{"a", "b"} {
		names, docs := crashCorpus(t, which)
		want[which] = searchResults(t, buildIndex(t, docs, WithNames(names...)))
	}
	return want
}

// TestCrashKill kills a builder (SIGKILL, as kill -9) at random times
// and at every step of writing, over an empty directory and over one that
// holds the index of the other corpus, and checks that every later Open
// gives one corpus's results or none, and every later New answers right.
func TestCrashKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts builder processes")
	}
	skipUnderRace(t)
	want := reference(t)
	// How long an undisturbed build takes, from process start.
	full := time.Duration(0)
	if trials() > 0 {
		start := time.Now()
		if said := run(t, t.TempDir(), "a"); said != "built" {
			t.Fatalf("an undisturbed builder said %q, want built", said)
		}
		full = time.Since(start)
	}
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 1))
	t.Logf("an undisturbed build takes %v; random kills seeded %d", full, seed)

	// A trial kills the builder at a random time from its start, at a
	// random time after it starts writing (to cut files short), or at a
	// step of the write.
	type trial struct {
		name, killAt string
		delay        time.Duration
		inWrite      bool
		prior        bool // the directory holds corpus b's index first
	}
	var ts []trial
	for i := range trials() {
		tr := trial{name: "random " + strconv.Itoa(i), prior: i%2 == 1}
		if i%4 < 2 {
			tr.delay = time.Duration(rng.Int64N(int64(full)))
		} else {
			tr.name += " in the write"
			tr.inWrite, tr.delay = true, time.Duration(rng.Int64N(int64(5*time.Millisecond)))
		}
		ts = append(ts, tr)
	}
	for _, step := range []string{"locked", "write " + reportsFile, "write " + vectorsFile, "write " + localFile, "rename generation", "write manifest", "rename manifest", "clean up"} {
		ts = append(ts, trial{name: "at " + step, killAt: step}, trial{name: "at " + step + ", over b", killAt: step, prior: true})
	}
	if trials() == 0 {
		ts = []trial{{name: "at write vectors.bin, over b", killAt: "write " + vectorsFile, prior: true}, {name: "at rename manifest", killAt: "rename manifest"}}
	}
	outcomes := map[string]int{}
	for _, tr := range ts {
		t.Run(tr.name, func(t *testing.T) {
			dir := t.TempDir()
			if tr.prior {
				run(t, dir, "b")
			}
			var p *builderProc
			var once sync.Once
			killLater := func() { once.Do(func() { time.AfterFunc(tr.delay, func() { p.kill() }) }) }
			var onStep func(string)
			if tr.inWrite {
				onStep = func(step string) {
					if step == "write "+reportsFile {
						killLater()
					}
				}
			}
			p = builder(t, dir, "a", tr.killAt, onStep)
			if tr.killAt == "" && !tr.inWrite {
				killLater()
			}
			killed, err := p.wait()
			if err != nil {
				t.Fatalf("builder failed without being killed: %v\n%s", err, p.output())
			}
			debris := "none"
			if entries, _ := filepath.Glob(filepath.Join(dir, buildPrefix+"*", "*")); len(entries) > 0 {
				debris = fmt.Sprintf("%d files", len(entries))
			}
			found := crashCheck(t, dir, want)
			if tr.prior && found == "none" {
				t.Errorf("a killed build lost the index that was there before it")
			}
			outcome := fmt.Sprintf("killed=%v half-written=%s open=%s", killed, debris, found)
			t.Log(outcome)
			outcomes[outcome]++
		})
	}
	t.Logf("%d trials: %v", len(ts), outcomes)
}

// TestCrashConcurrentBuilders runs two builder processes on one directory
// at once, of the same corpus (one builds, the other waits and reuses
// it) and of different corpora (both finish; the directory holds one),
// and checks every later Open and New.
func TestCrashConcurrentBuilders(t *testing.T) {
	if testing.Short() {
		t.Skip("starts builder processes")
	}
	skipUnderRace(t)
	want := reference(t)
	outcomes := map[string]int{}
	n := trials()
	for i := range max(n, 1) {
		pair := [2]string{"a", "a"}
		if i%2 == 1 || n == 0 {
			pair[1] = "b"
		}
		t.Run(strconv.Itoa(i)+" "+pair[0]+pair[1], func(t *testing.T) {
			dir := t.TempDir()
			var said [2]string
			var ps [2]*builderProc
			for k, which := range pair {
				ps[k] = builder(t, dir, which, "", nil)
			}
			for k, p := range ps {
				if killed, err := p.wait(); killed || err != nil {
					t.Fatalf("builder %d (corpus %s): killed %v, %v\n%s", k, pair[k], killed, err, p.output())
				}
				said[k] = builderSaid(p.output())
			}
			if pair[0] == pair[1] && !(said[0] == "built" && said[1] == "reused" || said[0] == "reused" && said[1] == "built") {
				t.Errorf("two builders of the same corpus said %v, want one built and one reused", said)
			}
			found := crashCheck(t, dir, want)
			if found == "none" {
				t.Errorf("after two builders exited 0 Open found no index")
			}
			outcome := fmt.Sprintf("%s%s: builders %s/%s, open=%s", pair[0], pair[1], said[0], said[1], found)
			t.Log(outcome)
			outcomes[outcome]++
		})
	}
	t.Logf("%d trials: %v", max(n, 1), outcomes)
}
