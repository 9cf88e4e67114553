package qa

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/reportbot/reportbot/answer"
	"github.com/reportbot/reportbot/report"
	"github.com/reportbot/reportbot/retrieve"
)

// benchQuestions are questions of the kinds people ask: a figure, a
// target, a paraphrase, a list, a section, an English one, one the report
// does not answer.
var benchQuestions = []string{
	"2023年规上工业总产值是多少？",
	"2024年城中村物业签约进驻率的目标是多少？",
	"去年观湖空气好的日子占多大比例？",
	"2024年工作安排分哪几个方面？",
	"What was the growth rate of fixed-asset investment in 2023?",
	"观湖街道2024年的财政预算总额是多少？",
}

// BenchmarkAskSeed asks the seed report questions of every kind, offline.
func BenchmarkAskSeed(b *testing.B) {
	e, err := New(context.Background(), []*report.Report{seedReport(b)})
	if err != nil {
		b.Fatal(err)
	}
	benchAsk(b, e, benchQuestions)
}

// BenchmarkAsk30 asks questions with 30 reports loaded: the 23 of the
// corpus, the seed, and the corpus again under other names.
func BenchmarkAsk30(b *testing.B) {
	paths, _ := filepath.Glob("../testdata/corpus/2026/*.txt")
	sort.Strings(paths)
	var docs []*report.Report
	var names []string
	for i := 0; len(docs) < 30; i++ {
		p := paths[i%len(paths)]
		text, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		d, err := report.ParseString(string(text))
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
		names = append(names, fmt.Sprintf("%d-%s", i, filepath.Base(p)))
	}
	docs[len(docs)-1] = seedReport(b)
	e, err := New(context.Background(), docs, WithRetrieve(retrieve.WithNames(names...)))
	if err != nil {
		b.Fatal(err)
	}
	benchAsk(b, e, []string{
		"安徽2026年地区生产总值增长目标是多少？",
		"2025年城镇新增就业多少人？",
		"各省2026年GDP增长目标是多少？",
		"What is Guangdong's CPI target for 2026?",
	})
}

func benchAsk(b *testing.B, e *Engine, qs []string) {
	b.ReportAllocs()
	ctx := context.Background()
	i := 0
	for b.Loop() {
		if _, err := e.Ask(ctx, answer.Request{Question: qs[i%len(qs)]}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
