package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var goldFigDir = filepath.Join("..", "testdata", "gold", "figures")

// corpusFigure is a line of testdata/gold/figures/<stem>.figures.jsonl: a
// checked figure of a corpus report, or a number that is not one (kind
// name).
type corpusFigure struct {
	Raw       string   `json:"raw"`
	Start     int      `json:"start"`
	End       int      `json:"end"`
	Value     *float64 `json:"value"`
	High      *float64 `json:"high"`
	Unit      *string  `json:"unit"`
	Approx    bool     `json:"approx"`
	Qualifier *string  `json:"qualifier"`
	Kind      string   `json:"kind"`
	Period    *string  `json:"period"`
}

func (g corpusFigure) span() Span { return Span{Start: g.Start, End: g.End} }

func readCorpusFigures(tb testing.TB, path string) []corpusFigure {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []corpusFigure
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var g corpusFigure
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		out = append(out, g)
	}
	return out
}

// sampleScore scores figures against a gold sample that is not
// exhaustive: only predictions that overlap a gold entry are judged. A
// prediction overlapping a name, or a second prediction on one gold
// figure, costs precision; a gold figure no prediction overlaps costs
// recall. Value, high end, kind and period are checked on matches.
type sampleScore struct {
	gold, judged, matched                int
	valueOK, highOK, kindOK, periodOK    int
	missed, falsePos, wrong, wrongKind   []string
	wrongPeriod                          []string
	precision, recall, valueAcc, kindAcc float64
	highAcc, periodAcc                   float64
}

func scoreSample(doc *Report, gold []corpusFigure) sampleScore {
	var sc sampleScore
	used := map[*Figure]bool{}
	for _, g := range gold {
		if g.Kind == "name" {
			continue
		}
		sc.gold++
		var best *Figure
		bo := 0
		for _, f := range doc.Figures {
			if o := overlap(g.span(), f.Span); o > bo && !used[f] {
				best, bo = f, o
			}
		}
		if best == nil {
			sc.missed = append(sc.missed, g.Raw)
			continue
		}
		used[best] = true
		sc.matched++
		sc.check(g, best)
	}
	for _, f := range doc.Figures {
		if used[f] {
			sc.judged++
			continue
		}
		for _, g := range gold {
			if overlap(g.span(), f.Span) > 0 {
				sc.judged++
				sc.falsePos = append(sc.falsePos, f.Raw+" ("+g.Kind+" "+g.Raw+")")
				break
			}
		}
	}
	sc.finish()
	return sc
}

func (sc *sampleScore) check(g corpusFigure, f *Figure) {
	if g.Value != nil && math.Abs(*g.Value-f.Value) < 1e-9 {
		sc.valueOK++
	} else if g.Value != nil {
		sc.wrong = append(sc.wrong, g.Raw+" got "+f.Raw)
	}
	if g.High == nil && !f.Range || g.High != nil && f.Range && math.Abs(*g.High-f.High) < 1e-9 {
		sc.highOK++
	} else {
		sc.wrong = append(sc.wrong, g.Raw+" high, got "+f.Raw)
	}
	if kindGroup[g.Kind] == kindGroup[string(f.Kind)] {
		sc.kindOK++
	} else {
		sc.wrongKind = append(sc.wrongKind, g.Raw+" "+g.Kind+" got "+string(f.Kind))
	}
	if g.Period != nil && *g.Period == f.Period {
		sc.periodOK++
	} else if g.Period != nil {
		sc.wrongPeriod = append(sc.wrongPeriod, g.Raw+" "+*g.Period+" got "+f.Period)
	}
}

func (sc *sampleScore) finish() {
	ratio := func(a, b int) float64 {
		if b == 0 {
			return 1
		}
		return float64(a) / float64(b)
	}
	sc.precision = ratio(sc.matched, sc.judged)
	sc.recall = ratio(sc.matched, sc.gold)
	sc.valueAcc = ratio(sc.valueOK, sc.matched)
	sc.highAcc = ratio(sc.highOK, sc.matched)
	sc.kindAcc = ratio(sc.kindOK, sc.matched)
	sc.periodAcc = ratio(sc.periodOK, sc.matched)
}

// TestCorpusFigures scores the parser on the hand-checked figure samples
// of corpus reports (testdata/gold/figures), with floors.
func TestCorpusFigures(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(goldFigDir, "*.figures.jsonl"))
	if len(files) == 0 {
		t.Skipf("no figure gold in %s", goldFigDir)
	}
	floors := []struct {
		name string
		get  func(sampleScore) float64
		min  float64
	}{
		{"precision", func(s sampleScore) float64 { return s.precision }, 0.97},
		{"recall", func(s sampleScore) float64 { return s.recall }, 0.95},
		{"value accuracy", func(s sampleScore) float64 { return s.valueAcc }, 0.95},
		{"high accuracy", func(s sampleScore) float64 { return s.highAcc }, 0.95},
		{"kind accuracy", func(s sampleScore) float64 { return s.kindAcc }, 0.90},
		{"period accuracy", func(s sampleScore) float64 { return s.periodAcc }, 0.85},
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".figures.jsonl")
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(corpusDir, name+".txt"))
			if err != nil {
				t.Skip(err)
			}
			doc := mustParse(t, string(b))
			sc := scoreSample(doc, readCorpusFigures(t, path))
			t.Logf("%s: gold %d, judged %d, matched %d; precision %.3f recall %.3f value %.3f high %.3f kind %.3f period %.3f",
				name, sc.gold, sc.judged, sc.matched, sc.precision, sc.recall, sc.valueAcc, sc.highAcc, sc.kindAcc, sc.periodAcc)
			for _, l := range [][]string{sc.missed, sc.falsePos, sc.wrong, sc.wrongKind, sc.wrongPeriod} {
				if len(l) > 0 {
					t.Logf("  %q", l)
				}
			}
			for _, f := range floors {
				if got := f.get(sc); got < f.min {
					t.Errorf("%s = %.3f, want >= %.2f", f.name, got, f.min)
				}
			}
		})
	}
}

// compareRow is a line of testdata/gold/compare/<metric>.jsonl: where one
// report states one headline figure (its 2026 GDP target, its 2025 grain
// output…).
type compareRow struct {
	File   string   `json:"file"`
	Found  bool     `json:"found"`
	Raw    string   `json:"raw"`
	Value  *float64 `json:"value"`
	Kind   string   `json:"kind"`
	Period string   `json:"period"`
	Start  int      `json:"start"`
	End    int      `json:"end"`
}

// TestCorpusCompare checks the headline figures of the cross-report gold
// (testdata/gold/compare): a figure at each stated span, with the gold
// value, kind and period. Six rows are 2025 GDP levels stated in the
// 十四五 review, which the figure gold dates 2021-2025 and this gold 2025:
// the figure keeps the span and says it is Reached, the level at the
// span's end, which is what a consumer reads as 2025.
func TestCorpusCompare(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "gold", "compare", "*.jsonl"))
	if len(files) == 0 {
		t.Skip("no compare gold")
	}
	docs := map[string]*Report{}
	total, ok := 0, 0
	var wrong []string
	for _, path := range files {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			var r compareRow
			if err := json.Unmarshal([]byte(line), &r); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			if !r.Found || r.Value == nil {
				continue
			}
			doc := docs[r.File]
			if doc == nil {
				text, err := os.ReadFile(filepath.Join(corpusDir, r.File))
				if err != nil {
					t.Skip(err)
				}
				doc = mustParse(t, string(text))
				docs[r.File] = doc
			}
			total++
			f := figureOver(doc, Span{r.Start, r.End})
			if f != nil && f.Value == *r.Value && kindGroup[string(f.Kind)] == kindGroup[r.Kind] && periodAt(f) == r.Period {
				ok++
				continue
			}
			got := "nothing"
			if f != nil {
				got = fmt.Sprintf("%s %g %s %s", f.Raw, f.Value, f.Kind, f.Period)
			}
			wrong = append(wrong, fmt.Sprintf("%s %s: %s %s %s, got %s", filepath.Base(path), r.File, r.Raw, r.Kind, r.Period, got))
		}
	}
	t.Logf("compare gold: %d of %d rows right", ok, total)
	for _, w := range wrong {
		t.Log("  " + w)
	}
	if rate := float64(ok) / float64(max(total, 1)); rate < 0.98 {
		t.Errorf("compare gold: %d of %d rows right (%.3f), want >= 0.98", ok, total, rate)
	}
}

// periodAt is the period a consumer reads of f: the last year of its
// span for a level reached (“十四五”…达到14.2万亿元 is the 2025 level).
func periodAt(f *Figure) string {
	if _, last, ok := strings.Cut(f.Period, "-"); ok && f.Reached {
		return last
	}
	return f.Period
}

// figureOver returns the first figure overlapping s, or nil.
func figureOver(doc *Report, s Span) *Figure {
	for _, f := range doc.Figures {
		if f.Span.Overlaps(s) {
			return f
		}
	}
	return nil
}
