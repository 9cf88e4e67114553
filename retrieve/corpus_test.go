package retrieve

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/reportbot/reportbot/report"
)

// mutatedCorpus returns n reports made from the 2026 corpus: copy i is
// base report i mod 23 with its figures changed and sentences swapped,
// deterministically per i, so that no two copies are the same text and
// the index sees n different reports of the real genre.
func mutatedCorpus(t testing.TB, n int) (names []string, docs []*report.Report) {
	t.Helper()
	regions := corpusRegions(t)
	bases := make([]string, len(regions))
	for i, r := range regions {
		b, err := os.ReadFile(filepath.Join(corpusDir, "2026-"+r+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		bases[i] = string(b)
	}
	names = make([]string, n)
	texts := make([]string, n)
	for i := range n {
		b := i % len(bases)
		names[i] = fmt.Sprintf("2026-%s-%04d", regions[b], i)
		if i < len(bases) {
			texts[i] = bases[b] // the originals first
		} else {
			texts[i] = mutate(bases[b], uint64(i))
		}
	}
	docs = make([]*report.Report, n)
	errs := make([]error, n)
	parallel(n, runtime.GOMAXPROCS(0), func(i int) { docs[i], errs[i] = report.ParseString(texts[i]) })
	for i, err := range errs {
		if err != nil {
			t.Fatalf("parse mutated report %s: %v", names[i], err)
		}
	}
	return names, docs
}

// mutate changes the figures of text (every digit run except years) and
// swaps two sentences in about half the paragraphs that have three or
// more, all decided by a generator seeded with seed.
func mutate(text string, seed uint64) string {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	lines := strings.Split(text, "\n")
	for li, line := range lines {
		line = mutateNumbers(line, rng)
		if ss := sentences(line); len(ss) >= 3 && rng.IntN(2) == 0 {
			a := 1 + rng.IntN(len(ss)-1)
			b := 1 + rng.IntN(len(ss)-1)
			ss[a], ss[b] = ss[b], ss[a]
			line = strings.Join(ss, "")
		}
		lines[li] = line
	}
	return strings.Join(lines, "\n")
}

// mutateNumbers shifts each digit of every ASCII digit run by a random
// amount, leaving runs that look like years (19xx, 20xx) alone.
func mutateNumbers(s string, rng *rand.Rand) string {
	b := []byte(s)
	for i := 0; i < len(b); {
		if b[i] < '0' || b[i] > '9' {
			i++
			continue
		}
		j := i
		for j < len(b) && b[j] >= '0' && b[j] <= '9' {
			j++
		}
		if !(j-i == 4 && (b[i] == '1' && b[i+1] == '9' || b[i] == '2' && b[i+1] == '0')) {
			shift := byte(1 + rng.IntN(9))
			for k := i; k < j; k++ {
				b[k] = '0' + (b[k]-'0'+shift)%10
			}
			if b[i] == '0' && j-i > 1 {
				b[i] = '1'
			}
		}
		i = j
	}
	return string(b)
}

// sentences splits s after each 。, keeping the marks.
func sentences(s string) []string {
	var out []string
	for s != "" {
		i := strings.Index(s, "。")
		if i < 0 {
			out = append(out, s)
			break
		}
		i += len("。")
		out = append(out, s[:i])
		s = s[i:]
	}
	return out
}

// TestMutatedCorpus checks the corpus generator on a few copies of three
// reports: every copy differs, parses with the parts of its original and
// keeps its length, and the same seed gives the same text.
func TestMutatedCorpus(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, region := range []string{"hebei", "henan", "jilin"} {
		base := corpusReport(t, region)
		for seed := range uint64(3) {
			text := mutate(base.Text, seed+100)
			if seen[text] || text == base.Text {
				t.Errorf("copy %d of %s is the same text as another", seed, region)
			}
			seen[text] = true
			if a, b := utf8.RuneCountInString(text), base.RuneLen(); a != b {
				t.Errorf("copy %d of %s has %d code points, its original %d", seed, region, a, b)
			}
			d := parseText(t, text)
			if len(d.Parts) != len(base.Parts) || len(d.Sentences) == 0 {
				t.Errorf("copy %d of %s has %d parts and %d sentences, its original %d parts", seed, region, len(d.Parts), len(d.Sentences), len(base.Parts))
			}
		}
		if a, b := mutate(base.Text, 7), mutate(base.Text, 7); a != b {
			t.Errorf("mutate is not deterministic")
		}
	}
}
