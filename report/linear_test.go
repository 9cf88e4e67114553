package report

import (
	"strings"
	"testing"
	"time"
)

// TestParseScalesLinearly checks the promise that Parse runs in time
// linear in its input on texts built to stress one code path each: it
// times an input of n repetitions and one of 16n, and fails when the time
// grows more than 48-fold (a linear parser grows about 16-fold, a
// quadratic one 256-fold) and the large input took over 200 ms. Timings
// are the best of several runs of process CPU time (wall time where that
// is not available), so a loaded machine does not fail the test.
func TestParseScalesLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("times parses of up to 640 KB")
	}
	if raceEnabled {
		// The race detector's overhead swamps the growth this test
		// measures and makes it noisy; run it without -race.
		t.Skip("timing test; run without -race")
	}
	tests := []struct {
		name string
		gen  func(n int) string
		n    int
	}{
		// Controls: ordinary text.
		{"seed report", func(n int) string { return strings.Repeat(readTestdata(t, seedFile)+"\n", n) }, 1},
		// The largest real report, furniture and all, when the corpus is there.
		{"largest corpus report", func(n int) string { return strings.Repeat(largestCorpusOrEmpty()+"\n", n) }, 1},
		{"many short paragraphs", func(n int) string { return strings.Repeat("新增企业1个。\n", n) }, 2000},
		// Many figures in one sentence, separated by commas: each figure
		// re-reads the sentence up to itself.
		{"figures in one clause list", func(n int) string { return strings.Repeat("1个，", n) }, 500},
		{"figures in one clause", func(n int) string { return strings.Repeat("1个", n) }, 500},
		// Chinese-numeral figures with no punctuation.
		{"Chinese figures in one clause", func(n int) string { return strings.Repeat("三个", n) }, 500},
		// Many sentences in one paragraph, each with a figure: each figure
		// searches the paragraph's sentences from the start.
		{"figures in many sentences of a paragraph", func(n int) string { return strings.Repeat("1个。", n) }, 2000},
		// A long clause of words that metric trimming strips one per pass.
		{"years before a figure", func(n int) string { return strings.Repeat("2024年", n) + "1个" }, 250},
		{"trailing 的 before a figure", func(n int) string { return strings.Repeat("的", n) + "1个" }, 500},
		{"leading 累计 before a figure", func(n int) string { return strings.Repeat("累计", n) + "1个" }, 500},
		// Years and the five-year plans that hold them, in one sentence:
		// each year is compared with the spans of its sentence.
		{"years and five-year plans in one sentence", func(n int) string {
			return strings.Repeat("2025年是“十四五”收官之年，", n) + "增长5%"
		}, 500},
		// Figure-dense text: ranges, qualifiers, time words and changes in
		// one paragraph and in many; 16n is about 8 MB.
		{"dense figures in one paragraph", func(n int) string {
			return strings.Repeat("2025年新增企业1.2万家、增长5%—5.5%，近百个项目累计投资超千亿元，", n)
		}, 6000},
		{"dense figures in many paragraphs", func(n int) string {
			return strings.Repeat("这五年，年均增长5.7%，今年城镇新增就业28.1 万人左右。\n", n)
		}, 6000},
	}
	best := func(s string, runs int) time.Duration {
		var b time.Duration
		for i := 0; i < runs; i++ {
			start := cpuTime()
			if _, err := ParseString(s); err != nil {
				t.Fatalf("ParseString: %v", err)
			}
			if d := cpuTime() - start; i == 0 || d < b {
				b = d
			}
		}
		return b
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if strings.TrimSpace(tc.gen(1)) == "" {
				t.Skip("no input (no corpus)")
			}
			n := tc.n
			small, large := tc.gen(n), tc.gen(16*n)
			t1, t16 := best(small, 5), best(large, 1)
			if t16 > 200*time.Millisecond && t16 > 48*t1 {
				// Confirm before failing: the machine may have been busy.
				t1, t16 = min(t1, best(small, 5)), min(t16, best(large, 2))
			}
			ratio := float64(t16) / float64(max(t1, 1))
			t.Logf("%d bytes: %v; %d bytes: %v; growth %.1fx for 16x the input", len(small), t1, len(large), t16, ratio)
			if t16 > 200*time.Millisecond && ratio > 48 {
				t.Errorf("ParseString time grows %.0fx for 16x the input (%v for %d bytes, %v for %d bytes): superlinear; input %.30q…",
					ratio, t1, len(small), t16, len(large), large)
			}
		})
	}
}
