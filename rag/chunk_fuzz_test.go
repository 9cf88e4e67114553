package rag

import (
	"math"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/reportbot/reportbot/report"
	"github.com/reportbot/reportbot/seeds"
)

// fuzzSeeds are small reports and edge cases for the chunk fuzzers.
var fuzzSeeds = []string{
	tinyReport,
	"一、2023年工作总结\n全年产值1亿元。",
	"标题\n\n  一、2023年工作回顾\n\n  (一)聚焦产业升级,激发经济发展新动能\n  一是做强产业。新增企业5家。二是做优环境。三是做实服务。\n\n  二、2024年工作安排\n\n  (一)聚焦交通畅行\n  完成道路3条;新建停车场1个!",
	"２０２５年某省政府工作报告\r\n\r\n一、过去一年工作回顾\r\n\r\n——发展韧性持续增强。产业投资增长１０.１％。\r\n（一）聚焦科技创新，着力建设现代化产业体系。全年新增企业1,116家。",
	"\u3000\u3000一、工作回顾\n\u3000\u3000这一年,我们坚持民生优先。新建公园3个。\n\u3000\u3000二、工作安排\n\u3000\u3000力争完成10个项目。",
	"只有一行没有句号",
	"一、\n二、\n三、",
	"句子一。句子二！句子三？句子四；\n\n\n句子五",
	"😀 emoji 报告\n一、回顾\n增长😀5%。",
	strings.Repeat("很长的句子没有标点", 60) + "。\n一、回顾\n" + strings.Repeat("甲", 500),
}

// FuzzChunk checks ChunkReport on any text that report.ParseString
// accepts: chunk texts are valid UTF-8 and exactly the source between
// Start and End, and chunks are in bounds, ordered and disjoint.
func FuzzChunk(f *testing.F) {
	seed, err := seeds.Read("")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(seed), 0)
	for i, s := range fuzzSeeds {
		f.Add(s, []int{0, 1, 20, 200, -5}[i%5])
	}
	f.Fuzz(func(t *testing.T, text string, size int) {
		doc, err := report.ParseString(text)
		if err != nil {
			return
		}
		size = size % 1000
		n := utf8.RuneCountInString(text)
		if doc.RuneLen() != n {
			t.Fatalf("RuneLen() = %d, want %d", doc.RuneLen(), n)
		}
		src := []rune(text)
		chunks := ChunkReport(doc, "r1", size)
		if len(doc.Sentences) > 0 && len(chunks) == 0 {
			t.Fatalf("ChunkReport gave no chunks for %d sentences", len(doc.Sentences))
		}
		for i, c := range chunks {
			if c.Start < 0 || c.Start > c.End || c.End > n {
				t.Fatalf("chunk %s span [%d,%d) is outside [0,%d]", c.ID, c.Start, c.End, n)
			}
			if !utf8.ValidString(c.Text) {
				t.Fatalf("chunk %s Text %q is not valid UTF-8", c.ID, c.Text)
			}
			if got := string(src[c.Start:c.End]); got != c.Text {
				t.Fatalf("chunk %s Text = %q, source[%d:%d] = %q", c.ID, c.Text, c.Start, c.End, got)
			}
			if i > 0 && c.Start < chunks[i-1].End {
				t.Fatalf("chunk %s [%d,%d) overlaps or precedes %s [%d,%d)", c.ID, c.Start, c.End, chunks[i-1].ID, chunks[i-1].Start, chunks[i-1].End)
			}
			if c.ReportID != "r1" || c.ID == "" {
				t.Fatalf("chunk %+v has a bad ID or ReportID", c)
			}
		}
	})
}

// FuzzAsk checks that an engine over any parsable report answers Ask,
// Figure, Section and Search without panicking, with citations and hits
// that are exact source slices.
func FuzzAsk(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, "产值是多少?")
	}
	f.Add(tinyReport, "新建了几个公园?")
	f.Add(tinyReport, "What was the output value?")
	f.Add(fuzzSeeds[2], "聚焦产业升级部分提出了哪三项重点?")
	f.Add(fuzzSeeds[2], "2024年工作安排共分几个部分?")
	f.Fuzz(func(t *testing.T, text, question string) {
		doc, err := report.ParseString(text)
		if err != nil || !utf8.ValidString(question) {
			return
		}
		e, err := New(t.Context(), []*report.Report{doc}, WithoutVectors())
		if err != nil {
			t.Fatalf("New error: %v", err)
		}
		src := []rune(text)
		ans, err := e.Ask(t.Context(), Request{Question: question})
		if err != nil {
			if strings.TrimSpace(question) == "" {
				return
			}
			t.Fatalf("Ask(%q) error: %v", question, err)
		}
		if !ans.Answerable && len(ans.Citations) != 0 {
			t.Fatalf("Ask(%q) unanswerable with %d citations", question, len(ans.Citations))
		}
		for _, c := range ans.Citations {
			if c.Start < 0 || c.Start > c.End || c.End > len(src) || string(src[c.Start:c.End]) != c.Text {
				t.Fatalf("Ask(%q) citation [%d] [%d,%d) Text %q is not the source slice", question, c.N, c.Start, c.End, c.Text)
			}
		}
		for _, f := range []func() (Answer, error){
			func() (Answer, error) { return e.Figure(t.Context(), question) },
			func() (Answer, error) { return e.Section(t.Context(), question) },
		} {
			a, err := f()
			if err != nil {
				continue
			}
			for _, c := range a.Citations {
				if c.Start < 0 || c.Start > c.End || c.End > len(src) || string(src[c.Start:c.End]) != c.Text {
					t.Fatalf("Figure/Section(%q) citation [%d] [%d,%d) Text %q is not the source slice", question, c.N, c.Start, c.End, c.Text)
				}
			}
		}
		hits, err := e.Search(t.Context(), Query{Text: question, K: 3})
		if err != nil && strings.TrimSpace(question) != "" {
			t.Fatalf("Search(%q) error: %v", question, err)
		}
		for _, h := range hits {
			if h.Start < 0 || h.Start > h.End || h.End > len(src) || string(src[h.Start:h.End]) != h.Text {
				t.Fatalf("Search(%q) hit %s is not the source slice", question, h.ID)
			}
		}
	})
}

func cosine(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}

func TestLocalEmbedder(t *testing.T) {
	doc := seedReport(t)
	var corpus []string
	for _, c := range ChunkReport(doc, "r1", 0) {
		corpus = append(corpus, c.indexText())
	}
	e := NewLocalEmbedder(corpus)
	again := NewLocalEmbedder(corpus)
	ctx := t.Context()
	vec := func(emb *LocalEmbedder, s string) []float32 {
		t.Helper()
		v, err := emb.Embed(ctx, s)
		if err != nil {
			t.Fatalf("Embed(%q) error: %v", s, err)
		}
		if len(v) != LocalDim {
			t.Fatalf("Embed(%q) has %d dimensions, want %d", s, len(v), LocalDim)
		}
		return v
	}

	t.Run("deterministic and normalized", func(t *testing.T) {
		for _, s := range []string{"", "。,;!", "   ", "规上工业总产值494.91亿元", "What was the GDP growth?", "规上工业总产值４９４.９１亿元", corpus[0], strings.Repeat("观湖", 1000), "\u00e9\u0301"} {
			a, b, c := vec(e, s), vec(e, s), vec(again, s)
			for i := range a {
				if a[i] != b[i] || a[i] != c[i] {
					t.Fatalf("Embed(%q) differs between calls or between two embedders fitted on the same corpus at %d", s, i)
				}
			}
			var sum float64
			for _, x := range a {
				if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
					t.Fatalf("Embed(%q) has %v", s, x)
				}
				sum += float64(x) * float64(x)
			}
			if norm := math.Sqrt(sum); math.Abs(norm-1) > 1e-5 {
				t.Errorf("Embed(%q) has L2 norm %v, want 1 ± 1e-5", s, norm)
			}
		}
	})

	t.Run("similar texts are closer", func(t *testing.T) {
		tests := []struct{ query, near, far string }{
			{"规上工业总产值是多少", "全年规上工业总产值494.91亿元,同比增长1.72%", "新建公园3个,改造老旧小区12个"},
			{"全社会固定资产投资", "全社会固定资产投资93.86亿元,同比增长8.53%", "举办读书班、现场参观、专题授课等56场次"},
			{"公园建设", "新建口袋公园3个,提升公园服务半径覆盖率", "立案审查调查21件"},
		}
		for _, tc := range tests {
			q, near, far := vec(e, tc.query), vec(e, tc.near), vec(e, tc.far)
			if cn, cf := cosine(q, near), cosine(q, far); cn <= cf {
				t.Errorf("cos(%q, %q) = %.3f, not above cos(…, %q) = %.3f", tc.query, tc.near, cn, tc.far, cf)
			}
		}
		a, b := vec(e, "规上工业总产值494.91亿元"), vec(e, "规上工业总产值４９４．９１亿元")
		if c := cosine(a, b); c < 0.999 {
			t.Errorf("cos(half-width, full-width digits) = %.4f, want 1 (digits folded)", c)
		}
	})

	t.Run("empty corpus", func(t *testing.T) {
		v := vec(NewLocalEmbedder(nil), "规上工业总产值")
		var sum float64
		for _, x := range v {
			sum += float64(x) * float64(x)
		}
		if math.Abs(sum-1) > 1e-5 {
			t.Errorf("Embed with an empty corpus has squared norm %v", sum)
		}
	})

	t.Run("concurrent", func(t *testing.T) {
		want := vec(e, corpus[3])
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				v, _ := e.Embed(ctx, corpus[3])
				for i := range v {
					if v[i] != want[i] {
						t.Errorf("concurrent Embed differs at %d", i)
						return
					}
				}
			})
		}
		wg.Wait()
	})
}
