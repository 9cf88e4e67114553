package rag

import (
	"testing"

	"github.com/reportbot/reportbot/report"
)

// BenchmarkNew measures an offline index build over the seed: chunking,
// the lexical index, the local embedder and the chromem-go collection.
func BenchmarkNew(b *testing.B) {
	docs := []*report.Report{seedReport(b)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(b.Context(), docs); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkChunkReport measures chunking alone.
func BenchmarkChunkReport(b *testing.B) {
	d := seedReport(b)
	b.ReportAllocs()
	for b.Loop() {
		ChunkReport(d, "r1", 0)
	}
}

var benchQuestions = []struct{ name, q string }{
	{"figure", "2023年规上工业总产值是多少?"},
	{"two-part", "2023年观湖全社会固定资产投资完成了多少?同比增速是多少?"},
	{"english", "How much commercial housing floor area was sold in Guanhu in 2023?"},
	{"section", "2024年工作安排共分几个部分?第一部分聚焦什么?"},
	{"unanswerable", "观湖街道2024年的财政预算总额是多少?"},
}

func BenchmarkSearch(b *testing.B) {
	e := seedEngine(b)
	for _, bq := range benchQuestions[:3] {
		b.Run(bq.name, func(b *testing.B) {
			q := Query{Text: bq.q, K: 5}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.Search(b.Context(), q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkAsk(b *testing.B) {
	e := seedEngine(b)
	for _, bq := range benchQuestions {
		b.Run(bq.name, func(b *testing.B) {
			req := Request{Question: bq.q}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.Ask(b.Context(), req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
