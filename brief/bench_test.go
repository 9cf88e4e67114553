package brief

import (
	"context"
	"testing"
)

func BenchmarkBuildWholeReport(b *testing.B) {
	doc := seed(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(ctx, doc, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderHTML(b *testing.B) {
	doc := seed(b)
	br, err := Build(context.Background(), doc, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = br.HTML()
	}
}

func BenchmarkBuildTopic(b *testing.B) {
	doc := seed(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(ctx, doc, Options{Topic: "交通"}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderDOCX(b *testing.B) {
	br, err := Build(context.Background(), seed(b), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := br.DOCX(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBuildCompare(b *testing.B) {
	rows := loadGold(b, "../testdata/gold/compare/gdp-growth-2025.jsonl")
	b.ReportAllocs()
	for b.Loop() {
		c, err := BuildCompare("2025年地区生产总值增速", rows)
		if err != nil {
			b.Fatal(err)
		}
		_ = c.HTML()
	}
}
