package qa

import (
	"strings"
	"testing"
)

// TestSpellsOut: which clauses spell out a numbered abbreviation.
func TestSpellsOut(t *testing.T) {
	tests := []struct {
		sentence string
		n        int
		shared   string
		want     string
	}{
		{"坚持以经济建设为中心，一体推进资源经济、园区经济、口岸经济，加力提速。", 3, "经济", "一体推进资源经济、园区经济、口岸经济"},
		{"建设国际科技创新中心、国际交往中心和文化中心。", 3, "中心", "建设国际科技创新中心、国际交往中心和文化中心"},
		{"持续壮大“三大经济”，发展数字经济、海洋经济。", 3, "经济", ""},
		{"推进资源经济、园区建设、口岸经济。", 3, "经济", ""},
	}
	for _, tt := range tests {
		lo, hi, ok := spellsOut(tt.sentence, tt.n, tt.shared)
		got := ""
		if ok {
			got = tt.sentence[lo:hi]
		}
		if got != tt.want {
			t.Errorf("spellsOut(%q, %d, %q) = %q, want %q", tt.sentence, tt.n, tt.shared, got, tt.want)
		}
	}
}

// FuzzSpellsOut: any sentence gives a clause inside it or none.
func FuzzSpellsOut(f *testing.F) {
	f.Add("一体推进资源经济、园区经济、口岸经济，加力提速。", 3, "经济")
	f.Fuzz(func(t *testing.T, s string, n int, shared string) {
		if n < 2 || n > 20 || shared == "" {
			return
		}
		lo, hi, ok := spellsOut(s, n, shared)
		if ok && (lo < 0 || hi < lo || hi > len(s)) {
			t.Fatalf("spellsOut(%q) = %d, %d", s, lo, hi)
		}
	})
}

// TestScatteredItems: the items of a numbered abbreviation whose shared
// word leads them, one to each part between semicolons.
func TestScatteredItems(t *testing.T) {
	tests := []struct {
		text string
		n    int
		want string
	}{
		{"，加快引育新主体，对接平台；着力拓展新市场，开拓新兴市场；积极发展新模式，实施新一轮改革。", 3, "新主体 新市场 新模式"},
		{"，培育新主体；拓展新市场。\n发展新模式。", 3, "新主体 新市场"},
		{"，稳住基本盘。", 2, ""},
	}
	for _, tt := range tests {
		rs := []rune(tt.text)
		items, spans := scatteredItems(rs, 0, len(rs), tt.n, []rune("新"))
		if got := strings.Join(items, " "); got != tt.want {
			t.Errorf("scatteredItems(%q) = %q, want %q", tt.text, got, tt.want)
		}
		for i, sp := range spans {
			if !strings.Contains(string(rs[sp.Start:sp.End]), items[i]) {
				t.Errorf("scatteredItems(%q): clause %q does not hold %q", tt.text, string(rs[sp.Start:sp.End]), items[i])
			}
		}
	}
	checkAnswers(t, []answerCase{{"2026-jiangsu", "外贸“五新”是哪五新?", "新主体[1]、新市场[2]、新模式[3]、新渠道[4]、新产品[5]"}})
}

// FuzzScatteredItems: any text gives items (scattered or shared ends)
// inside their clauses, never a panic.
func FuzzScatteredItems(f *testing.F) {
	f.Add("，加快引育新主体；着力拓展新市场。", "新", 2)
	f.Add("新", "新", 1)
	f.Fuzz(func(t *testing.T, text, shared string, n int) {
		rs, sh := []rune(text), []rune(shared)
		if len(sh) == 0 || n < 1 || n > 10 {
			return
		}
		items, spans := scatteredItems(rs, 0, len(rs), n, sh)
		if len(items) != len(spans) || len(items) > n {
			t.Fatalf("%d items, %d spans, n %d", len(items), len(spans), n)
		}
		ends, endSpans := sharedEnds(rs, 0, n, sh)
		if len(ends) > n || len(ends) != len(endSpans) {
			t.Fatalf("%d shared ends, %d spans, n %d", len(ends), len(endSpans), n)
		}
		for _, sp := range append(spans, endSpans...) {
			if sp.Start < 0 || sp.End > len(rs) || sp.Start > sp.End {
				t.Fatalf("span %v outside %d runes", sp, len(rs))
			}
		}
	})
}

// TestRepeatedLeadList: a list question quoting a phrase that opens one
// sentence per item is answered with each of those sentences.
func TestRepeatedLeadList(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"2026-guizhou", "报告里的“始终坚持”有哪些？", "我们始终坚持对党绝对忠诚[1]；我们始终坚持高质量发展不动摇[2]"},
		// The verb the question ends on opens each item: 当好…的勤务员.
		{"2026-jilin", "吉林要求政府当好哪几种角色？", "当好创造性执行者[1]；当好更加有为的行动派[2]"},
	})
}

// TestClauseHeadList: a numbered abbreviation whose items open the clauses
// after it, each ending in its head character (五大片区共兴发展不断深化，
// 成都平原经济区…，川南经济区…), quoted or not.
func TestClauseHeadList(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"2026-sichuan", "四川的“五大片区”具体指哪五个区域？", "川西北生态示范区"},
		{"2026-sichuan", "四川“五区共兴”里的五大片区分别是哪些?", "攀西经济区"},
	})
}

// TestSharedEnds: the short clauses of the paragraph that end in the
// shared word are the items, unless there are more than the count.
func TestSharedEnds(t *testing.T) {
	tests := []struct {
		text string
		n    int
		want string
	}{
		{"全力打造“两大产业集群”。打造数智产业集群。加快发展算力。打造白酒产业集群。", 2, "打造数智产业集群 打造白酒产业集群"},
		{"打造“两大产业集群”。打造甲产业集群。打造乙产业集群。打造丙产业集群。", 2, ""},
		{"打造“两大产业集群”。打造甲产业集群。\n打造乙产业集群。", 2, "打造甲产业集群"},
		{"两大集群", 2, ""},
	}
	for _, tt := range tests {
		rs := []rune(tt.text)
		items, spans := sharedEnds(rs, 0, tt.n, []rune("产业集群"))
		if got := strings.Join(items, " "); got != tt.want {
			t.Errorf("sharedEnds(%q) = %q, want %q", tt.text, got, tt.want)
		}
		for i, sp := range spans {
			if string(rs[sp.Start:sp.End]) != items[i] {
				t.Errorf("sharedEnds(%q): span %v holds %q, want %q", tt.text, sp, string(rs[sp.Start:sp.End]), items[i])
			}
		}
	}
	checkAnswers(t, []answerCase{{"2026-guizhou", "2026年贵州要全力打造的“六大产业集群”是哪六个？", "打造数智产业集群[4]"}})
}

// TestDefinedAbbreviation: what a quoted numbered abbreviation stands for
// (“两个稳居”具体指什么) is its spelled-out list, whose first item may
// follow the words that open its clause.
func TestDefinedAbbreviation(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"2026-neimenggu", "内蒙古“十五五”时期提出的“两个稳居”目标具体指什么？", "居民收入稳居全国上游"},
	})
	if _, _, ok := spellsOut("特别是“十五五”时期要实现人均地区生产总值稳居全国上游、居民收入稳居全国上游", 2, "稳居"); !ok {
		t.Error("spellsOut missed a list whose clause opens with other words")
	}
}
