package qa

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/reportbot/reportbot/internal/eval"
	"github.com/reportbot/reportbot/report"
)

// The blind question sets (testdata/blind): questions written from the
// report texts alone by people who never saw the engine's output. dev is
// development data; heldout was frozen before any tuning and is scored,
// not read. Both are regression floors here.

var verboseBlind = flag.Bool("blind.v", false, "print every wrong answer of the blind sets")

// reportFile returns the path of the report a blind set's stem names.
func reportFile(stem string) string {
	for _, dir := range []string{"../report/testdata", "../testdata/corpus/2026"} {
		p := filepath.Join(dir, stem+".txt")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

var (
	enginesMu sync.Mutex
	engines   = map[string]*Engine{}
)

// engineFor parses one report and builds an engine on it, once per test
// binary.
func engineFor(t testing.TB, path string) (*Engine, string) {
	t.Helper()
	enginesMu.Lock()
	defer enginesMu.Unlock()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if e, ok := engines[path]; ok {
		return e, string(b)
	}
	doc, err := report.Parse(strings.NewReader(string(b)))
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	e, err := New(context.Background(), []*report.Report{doc})
	if err != nil {
		t.Fatalf("engine %s: %v", path, err)
	}
	engines[path] = e
	return e, string(b)
}

// blindScore scores every file of a blind set and returns the pooled
// metrics and the per-file reports.
func blindScore(t *testing.T, set string) (eval.EvalMetrics, map[string]*eval.EvalReport) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("../testdata/blind", set, "*.jsonl"))
	if len(files) == 0 {
		t.Skipf("no blind %s set", set)
	}
	sort.Strings(files)
	per := map[string]*eval.EvalReport{}
	var pooled []*eval.EvalReport
	for _, f := range files {
		stem := strings.TrimSuffix(filepath.Base(f), ".jsonl")
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		items, err := eval.ReadEvalItems(fh)
		fh.Close()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		e, src := engineFor(t, reportFile(stem))
		rep, err := eval.Evaluate(t.Context(), e, src, "", items, 5)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		per[stem] = rep
		pooled = append(pooled, rep)
		if *verboseBlind {
			for _, w := range rep.Failures {
				fmt.Printf("%s\t%s\n", stem, w)
			}
		}
	}
	all2 := eval.Pool(pooled)
	if *verboseBlind {
		for _, k := range sortedKeys(all2.ByLang) {
			fmt.Printf("lang %s: %s\n", k, metricsLine(*all2.ByLang[k]))
		}
		for _, k := range sortedKeys(all2.ByType) {
			fmt.Printf("type %s: %s\n", k, metricsLine(*all2.ByType[k]))
		}
	}
	return all2.Overall, per
}

func sortedKeys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func metricsLine(m eval.EvalMetrics) string {
	ref := "n/a"
	if m.RefusalAcc != nil {
		ref = fmt.Sprintf("%.2f", *m.RefusalAcc)
	}
	return fmt.Sprintf("n=%d answers %.3f (%d answerable, %d false refusals) refusals %s (%d) hit@5 %.2f unsupported numbers %d/%d bad spans %d",
		m.N, m.AnswerAcc, m.Answerable, m.FalseRefusals, ref, m.Unanswerable, m.HitAtK, m.UnsupportedNums, m.Numbers, m.BadSpans)
}

// TestBlindDevPerReport logs the dev half's score per report.
func TestBlindDevPerReport(t *testing.T) {
	_, per := blindScore(t, "dev")
	for _, k := range sortedKeys(per) {
		t.Logf("%-40s %s", k, metricsLine(per[k].Overall))
		for _, l := range sortedKeys(per[k].ByLang) {
			t.Logf("    %s: %s", l, metricsLine(*per[k].ByLang[l]))
		}
	}
}

// TestBlindDevUnsupported lists the numbers of dev answers that are not in
// their cited passages (there must be none).
func TestBlindDevUnsupported(t *testing.T) {
	m, _ := blindScore(t, "dev")
	if m.UnsupportedNums > 0 {
		t.Errorf("unsupported numbers: %v", m.UnsupportedDetail)
	}
}

// blindSets are the blind sets with their answer floors: regression floors
// at the numbers measured, less a margin for small changes. Each held-out
// set was scored once, then (all but the last) used to find bugs; see
// testdata/blind/README.md.
var blindSets = []struct {
	name    string
	answers float64
}{
	{"dev", 0.97},
	{"heldout", 0.96},
	{"heldout2", 0.96},
	{"heldout3", 0.96},
	{"heldout4", 0.95},
	{"heldout5", 0.95},
	{"heldout6", 0.94},  // scored once at 0.784, then used to find bugs
	{"heldout7", 0.94},  // scored once at 0.821, then used to find bugs
	{"heldout8", 0.95},  // scored once at 0.866, then used to find bugs
	{"heldout9", 0.96},  // scored once at 0.776, then used to find bugs
	{"heldout10", 0.95}, // scored once at 0.873, then used to find bugs
	{"heldout11", 0.92}, // scored once at 0.851, then used to find bugs
	{"heldout12", 0.92}, // scored once at 0.888, then used to find bugs
	{"heldout13", 0.90}, // scored once at 0.873, then used to find bugs
	{"heldout14", 0.95}, // scored once at 0.895, then used to find bugs
	{"heldout15", 0.95}, // scored once at 0.888, then used to find bugs
	{"heldout16", 0.88}, // scored once at 0.903, unread
	{"heldout17", 0.93}, // scored once at 0.903 (false refusals 6.0%), then used to find bugs
	{"heldout18", 0.91}, // the blind measure of the engine as it lands: scored once at 0.933; its wrong answers were printed once afterwards, nothing changed from them
}

// Floors every blind set shares.
const (
	blindRefusalFloor    = 0.8
	blindFalseRefusalMax = 0.2
)

// TestBlindSets scores every blind set against its floors; -v logs each.
func TestBlindSets(t *testing.T) {
	for _, set := range blindSets {
		t.Run(set.name, func(t *testing.T) {
			m, _ := blindScore(t, set.name)
			t.Logf("blind %s: %s", set.name, metricsLine(m))
			checkFloors(t, m, set.answers)
		})
	}
}

// TestBlindByKind logs each held-out set by report, language and type,
// without the questions.
func TestBlindByKind(t *testing.T) {
	for _, set := range blindSets[1:] {
		t.Run(set.name, func(t *testing.T) { logByKind(t, set.name) })
	}
}

func checkFloors(t *testing.T, m eval.EvalMetrics, answers float64) {
	t.Helper()
	if m.AnswerAcc < answers {
		t.Errorf("answers %.3f below the floor %.2f", m.AnswerAcc, answers)
	}
	if m.RefusalAcc != nil && *m.RefusalAcc < blindRefusalFloor {
		t.Errorf("refusals %.3f below the floor %.2f", *m.RefusalAcc, blindRefusalFloor)
	}
	if fr := float64(m.FalseRefusals) / float64(max(1, m.Answerable)); fr > blindFalseRefusalMax {
		t.Errorf("false refusals %.3f above %.2f", fr, blindFalseRefusalMax)
	}
	if m.UnsupportedNums > 0 || m.BadSpans > 0 {
		t.Errorf("unsupported numbers %d (%v), bad spans %d: want none", m.UnsupportedNums, m.UnsupportedDetail, m.BadSpans)
	}
}

// logByKind logs a blind set's scores by report, language and type.
func logByKind(t *testing.T, set string) {
	files, _ := filepath.Glob(filepath.Join("../testdata/blind", set, "*.jsonl"))
	var reps []*eval.EvalReport
	for _, f := range files {
		stem := strings.TrimSuffix(filepath.Base(f), ".jsonl")
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		items, err := eval.ReadEvalItems(fh)
		fh.Close()
		if err != nil {
			t.Fatal(err)
		}
		e, src := engineFor(t, reportFile(stem))
		rep, err := eval.Evaluate(t.Context(), e, src, "", items, 5)
		if err != nil {
			t.Fatal(err)
		}
		reps = append(reps, rep)
		t.Logf("%-24s %s", stem, metricsLine(rep.Overall))
	}
	all := eval.Pool(reps)
	for _, k := range sortedKeys(all.ByLang) {
		t.Logf("lang %s: %s", k, metricsLine(*all.ByLang[k]))
	}
	for _, k := range sortedKeys(all.ByType) {
		t.Logf("type %s: %s", k, metricsLine(*all.ByType[k]))
	}
}
