package retrieve

import (
	"strings"
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

// FuzzSearch checks that an index over any parsable report answers
// Search, Lexical and ChunkAt without panicking, with hits that are
// exact source slices.
func FuzzSearch(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, "产值是多少?")
	}
	f.Add(tinyReport, "新建了几个公园?")
	f.Add(tinyReport, "What was the output value?")
	f.Add(fuzzSeeds[2], "聚焦产业升级部分提出了哪三项重点?")
	f.Add(fuzzSeeds[3], "１０.１％")
	f.Fuzz(func(t *testing.T, text, question string) {
		doc, err := report.ParseString(text)
		if err != nil || !utf8.ValidString(question) {
			return
		}
		ix, err := New(t.Context(), []*report.Report{doc})
		if err != nil {
			t.Fatalf("New error: %v", err)
		}
		src := []rune(text)
		hits, err := ix.Search(t.Context(), Query{Text: question, K: 3})
		if err != nil && strings.TrimSpace(question) != "" {
			t.Fatalf("Search(%q) error: %v", question, err)
		}
		hits = append(hits, ix.Lexical(Query{Text: question}, 3)...)
		for _, h := range hits {
			if h.Start < 0 || h.Start > h.End || h.End > len(src) || string(src[h.Start:h.End]) != h.Text {
				t.Fatalf("Search(%q) hit %s is not the source slice", question, h.ID)
			}
			if got := ix.ChunkAt(0, h.Start); got != h.Chunk {
				t.Fatalf("ChunkAt(0, %d) = %d, want %d (hit %s)", h.Start, got, h.Chunk, h.ID)
			}
		}
	})
}
