package regions

import (
	"testing"

	"github.com/reportbot/reportbot/seeds"
)

// The first-use costs: what the sync.Once functions do.

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		parse(decompress(compressed))
	}
}

func BenchmarkBuildIndex(b *testing.B) {
	t := load()
	for _, l := range []Level{City, Town} {
		b.Run(l.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				t.buildFinder(l)
			}
		})
	}
}

// Lookups, once loaded.

func BenchmarkLookup(b *testing.B) {
	Lookup("")
	b.ReportAllocs()
	for b.Loop() {
		Lookup("龙华区")
	}
}

func BenchmarkFind(b *testing.B) {
	report := seeds.MustDefault()
	for _, bc := range []struct {
		name, text string
		level      Level
	}{
		{"question/city", "2023年深圳市龙华区观湖街道规上工业总产值是多少?", City},
		{"question/town", "2023年深圳市龙华区观湖街道规上工业总产值是多少?", Town},
		{"report/city", report, City},
		{"report/town", report, Town},
	} {
		b.Run(bc.name, func(b *testing.B) {
			FindLevel("", bc.level)
			b.SetBytes(int64(len(bc.text)))
			b.ReportAllocs()
			for b.Loop() {
				FindLevel(bc.text, bc.level)
			}
		})
	}
}
