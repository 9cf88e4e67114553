package cedict

import (
	"testing"

	"github.com/reportbot/reportbot/seeds"
)

// The first-use costs: what the sync.Once functions do.

func BenchmarkLoadWords(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		parseWords(decompress(wordsGz))
	}
}

func BenchmarkLoadSensesAndIndex(b *testing.B) {
	d := load()
	b.ReportAllocs()
	for b.Loop() {
		dd := &dict{words: d.words, meta: d.meta, first: d.first, maxLen: d.maxLen}
		dd.senses()
		buildIndex(dd)
	}
}

// Lookups, once loaded.

func BenchmarkIsWord(b *testing.B) {
	IsWord("")
	b.ReportAllocs()
	for b.Loop() {
		IsWord("固定资产")
	}
}

func BenchmarkEnglish(b *testing.B) {
	English("")
	b.ReportAllocs()
	for b.Loop() {
		English("企业")
	}
}

func BenchmarkChinese(b *testing.B) {
	for _, q := range []string{"enterprise", "sell", "fixed asset investment"} {
		b.Run(q, func(b *testing.B) {
			Chinese(q)
			b.ReportAllocs()
			for b.Loop() {
				Chinese(q)
			}
		})
	}
}

func BenchmarkRelated(b *testing.B) {
	Related("")
	b.ReportAllocs()
	for b.Loop() {
		Related("销售")
	}
}

func BenchmarkSegmentSentence(b *testing.B) {
	Segment("")
	b.ReportAllocs()
	for b.Loop() {
		Segment("全社会固定资产投资完成93.86亿元，同比增长8.53%")
	}
}

func BenchmarkSegmentReport(b *testing.B) {
	text := seeds.MustDefault()
	Segment("")
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Segment(text)
	}
}
