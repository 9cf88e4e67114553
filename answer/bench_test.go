package answer

import "testing"

// BenchmarkCheck: a five-sentence answer, Chinese and English, citing
// eight passages of real reports.
func BenchmarkCheck(b *testing.B) {
	cs := fixture()[:8]
	text := "2023年，观湖街道规上工业总产值为494.91亿元，同比增长1.72%[1]。" +
		"违法犯罪总警情同比下降22.1%[2]。" +
		"街道举办读书班、现场参观、专题授课等56场次，开展主题党日活动五千余场次[3]。" +
		"2024年，观湖街道力争新增规上工业企业23家[4]。" +
		"Guangdong's total imports and exports of goods reached 9.5 trillion yuan, up 4.4% [5]."
	opt := CheckOptions{Question: "观湖街道2023年的经济和治安情况怎么样?", Years: []int{2023, 2024}}
	if ps := Check(text, cs, opt); len(ps) > 0 {
		b.Fatalf("Check(benchmark answer) = %v, want none", ps)
	}
	b.ReportAllocs()
	for b.Loop() {
		Check(text, cs, opt)
	}
}

// BenchmarkStream: the same answer streamed in pieces of three runes.
func BenchmarkStream(b *testing.B) {
	cs := fixture()[:8]
	text := "2023年，观湖街道规上工业总产值为494.91亿元，同比增长1.72%[1]。违法犯罪总警情同比下降22.1%[2]。" +
		"Guangdong's total imports and exports of goods reached 9.5 trillion yuan, up 4.4% [5]."
	ps := pieces(text, 3)
	b.ReportAllocs()
	for b.Loop() {
		sc := NewStreamChecker(cs, guanhu, func(string) {})
		for _, p := range ps {
			sc.Write(p)
		}
		if !sc.Close() {
			b.Fatal("stream failed")
		}
	}
}
