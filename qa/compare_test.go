package qa

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/reportbot/reportbot/report"
	"github.com/reportbot/reportbot/retrieve"
)

// compareGold is one row of testdata/gold/compare: what a report states
// for a compared quantity, checked by hand from the text.
type compareGold struct {
	File  string  `json:"file"`
	Query string  `json:"query"`
	Found bool    `json:"found"`
	Raw   string  `json:"raw"`
	Value float64 `json:"value"`
	Start int     `json:"start"`
	End   int     `json:"end"`
}

var (
	corpusOnce sync.Once
	corpusEng  *Engine
	corpusErr  error
)

// corpusEngine loads the 23 reports of testdata/corpus/2026 into one
// engine, once per test binary.
func corpusEngine(t testing.TB) *Engine {
	t.Helper()
	corpusOnce.Do(func() {
		paths, _ := filepath.Glob("../testdata/corpus/2026/*.txt")
		sort.Strings(paths)
		var docs []*report.Report
		var names []string
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				corpusErr = err
				return
			}
			d, err := report.ParseString(string(b))
			if err != nil {
				corpusErr = err
				return
			}
			docs = append(docs, d)
			names = append(names, filepath.Base(p))
		}
		corpusEng, corpusErr = New(t.(*testing.T).Context(), docs, WithRetrieve(retrieve.WithNames(names...)))
	})
	if corpusErr != nil {
		t.Fatal(corpusErr)
	}
	return corpusEng
}

// compareFloor is the share of gold rows Compare must get right (found or
// not as the gold says, and when found, the same figure by its span).
const compareFloor = 0.6

// TestCompareGold runs Compare over the corpus for every gold metric and
// scores each row against the hand-checked gold.
func TestCompareGold(t *testing.T) {
	files, _ := filepath.Glob("../testdata/gold/compare/*.jsonl")
	if len(files) == 0 {
		t.Skip("no compare gold")
	}
	e := corpusEngine(t)
	total, right := 0, 0
	for _, f := range files {
		gold := readCompareGold(t, f)
		rows, err := e.Compare(t.Context(), gold[0].Query, "")
		if err != nil {
			t.Fatal(err)
		}
		byFile := map[string]CompareRow{}
		for _, r := range rows {
			byFile[r.File] = r
		}
		ok := 0
		var wrong []string
		for _, g := range gold {
			r := byFile[g.File]
			good := r.Found == g.Found && (!g.Found || r.Start < g.End && g.Start < r.End)
			if good {
				ok++
				continue
			}
			wrong = append(wrong, g.File+": got "+rowText(r)+" want "+g.Raw)
		}
		total += len(gold)
		right += ok
		t.Logf("%s: %d/%d", gold[0].Query, ok, len(gold))
		if testing.Verbose() {
			for _, w := range wrong {
				t.Logf("   %s", w)
			}
		}
	}
	acc := float64(right) / float64(total)
	t.Logf("compare gold: %d/%d = %.2f", right, total, acc)
	if acc < compareFloor {
		t.Errorf("compare gold accuracy %.2f below the floor %.2f", acc, compareFloor)
	}
}

func rowText(r CompareRow) string {
	if !r.Found {
		return "not found"
	}
	return r.Raw + " (" + r.Kind + " " + r.Period + ")"
}

func readCompareGold(t *testing.T, path string) []compareGold {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []compareGold
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var g compareGold
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, g)
	}
	return out
}
