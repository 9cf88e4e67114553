package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func BenchmarkParse(b *testing.B) {
	text := readTestdata(b, seedFile)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(strings.NewReader(text)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseCorpusLargest parses the largest report of the corpus
// (a real page as collected, furniture and all).
func BenchmarkParseCorpusLargest(b *testing.B) {
	text := largestCorpusReport(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseString(text); err != nil {
			b.Fatal(err)
		}
	}
}

// largestCorpusReport returns the text of the largest corpus report,
// skipping when there is no corpus.
func largestCorpusReport(tb testing.TB) string {
	tb.Helper()
	corpusFiles(tb)
	return largestCorpusOrEmpty()
}

// largestCorpusOrEmpty returns the text of the largest corpus report, ""
// when there is none.
func largestCorpusOrEmpty() string {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.txt"))
	var best string
	for _, path := range files {
		if b, err := os.ReadFile(path); err == nil && len(b) > len(best) {
			best = string(b)
		}
	}
	return best
}

// largeText is about 1 MB: the seed repeated, with the parts of each copy
// renumbered (一、二、 then 三、四、 …) so that every copy is parsed as parts
// of its own rather than as one huge body.
func largeText(tb testing.TB) string {
	tb.Helper()
	seed := readTestdata(tb, seedFile)
	var sb strings.Builder
	for k := 0; sb.Len() < 1<<20; k++ {
		copy := strings.Replace(seed, "一、2023年工作总结", cnNumeral(2*k+1)+"、2023年工作总结", 1)
		copy = strings.Replace(copy, "二、2024年工作安排", cnNumeral(2*k+2)+"、2024年工作安排", 1)
		sb.WriteString(copy)
		sb.WriteString("\n")
	}
	return sb.String()
}

func TestLargeText(t *testing.T) {
	doc := mustParse(t, largeText(t))
	if n := len(doc.Parts); n < 60 {
		t.Errorf("the benchmark text has %d parts, want over 60 (one pair per copy)", n)
	}
}

func BenchmarkParseLarge(b *testing.B) {
	text := largeText(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseString(text); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOffsets(b *testing.B) {
	text := readTestdata(b, seedFile)
	o := NewOffsets(text)
	n := o.Len()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		r := (i * 7919) % n
		if o.ByteToRune(o.RuneToByte(r)) != r {
			b.Fatal("round trip failed")
		}
		i++
	}
}

func BenchmarkFiguresByMetric(b *testing.B) {
	doc := parseSeed(b)
	b.ReportAllocs()
	for b.Loop() {
		if len(doc.FiguresByMetric("规模以上工业总产值")) == 0 {
			b.Fatal("no figures")
		}
	}
}
