package brief

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzBuildTopic builds briefs of the seed on arbitrary topics and checks
// the properties every brief has: no panic, an error only for invalid
// options, passages that are the report's text over their spans, each
// cited by the body, and renderers that do not fail.
func FuzzBuildTopic(f *testing.F) {
	for _, tc := range topicCases {
		f.Add(tc.topic)
	}
	for _, s := range []string{"量子计算", "交通 <script>", "\xff", "   ", "48条道路", "Party Building", "、、，", strings.Repeat("交", 300)} {
		f.Add(s)
	}
	doc := seed(f)
	f.Fuzz(func(t *testing.T, topic string) {
		b, err := Build(t.Context(), doc, Options{Topic: topic})
		if err != nil {
			if utf8.ValidString(topic) && utf8.RuneCountInString(topic) <= MaxTopicRunes {
				t.Fatalf("Build(%q) error: %v", topic, err)
			}
			return
		}
		cited := map[int]bool{}
		for _, l := range b.citeLists() {
			for _, n := range *l {
				if b.Passage(n) == nil {
					t.Fatalf("Build(%q) cites [%d] of %d passages", topic, n, len(b.Passages))
				}
				cited[n] = true
			}
		}
		for i, p := range b.Passages {
			if p.N != i+1 || p.Text != doc.Slice(p.Span) || !cited[p.N] {
				t.Fatalf("Build(%q) passage %d = %+v: numbered %d, report text %v, cited %v", topic, i, p, p.N, p.Text == doc.Slice(p.Span), cited[p.N])
			}
		}
		for _, format := range Formats {
			if _, err := b.Render(format); err != nil {
				t.Fatalf("Build(%q).Render(%s): %v", topic, format, err)
			}
		}
	})
}

// FuzzCountedNoun checks that the noun after a count is a piece of the
// text after it, valid UTF-8, short, and never starts with punctuation.
func FuzzCountedNoun(f *testing.F) {
	for _, s := range []string{"道路建设,其中11条", "主次干道配套建设慢行系统", "“两新”企业、", "的不懈努力", "", "\xff\xfe", "《规划》3项"} {
		f.Add("条", s)
		f.Add("个", s)
	}
	f.Fuzz(func(t *testing.T, unit, after string) {
		got := countedNoun(unit, []rune(after))
		if got == "" {
			return
		}
		if !utf8.ValidString(got) || !strings.Contains(after, strings.TrimRight(got, "”’》")) || utf8.RuneCountInString(got) > maxLabelRunes {
			t.Fatalf("countedNoun(%q, %q) = %q", unit, after, got)
		}
	})
}

// FuzzBuildCompare checks that BuildCompare either rejects a row or gives
// a comparison every format renders.
func FuzzBuildCompare(f *testing.F) {
	f.Add("5%左右", "地区生产总值增长5%左右", 10, 14, "甲省", 5.0, 0.0)
	f.Add("", "", 0, 0, "", 0.0, 0.0)
	f.Add("5.3万亿元", "5.3万亿元", 0, 6, "<b>乙</b>", 5.3, 6.0)
	f.Fuzz(func(t *testing.T, raw, sentence string, start, end int, name string, value, high float64) {
		rows := []CompareRow{{Report: name, Found: true, Raw: raw, Sentence: sentence, Start: start, End: end, Value: value, High: high, Unit: "%"}, {Report: "乙"}}
		c, err := BuildCompare("题", rows)
		if err != nil {
			return
		}
		if c.Passages[0].Raw != raw || !strings.Contains(c.Passages[0].Text, raw) {
			t.Fatalf("BuildCompare(%q in %q) passage %+v", raw, sentence, c.Passages[0])
		}
		for _, format := range Formats {
			if _, err := c.Render(format); err != nil {
				t.Fatalf("Render(%s): %v", format, err)
			}
		}
	})
}
