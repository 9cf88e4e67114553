package report

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// outline is a compact view of a report's structure for comparisons.
type outline struct {
	Parts []outPart
}

type outPart struct {
	Label    string
	Kind     PartKind
	Main     bool
	Sections []outSection
}

type outSection struct {
	Kind  SectionKind
	Label string
	Items []string // item labels
}

func outlineOf(doc *Report) outline {
	var o outline
	for _, p := range doc.Parts {
		op := outPart{Label: p.Label, Kind: p.Kind, Main: p.Main}
		for _, s := range p.Sections {
			os := outSection{Kind: s.Kind, Label: s.Label}
			for _, it := range s.Items {
				os.Items = append(os.Items, it.Label)
			}
			op.Sections = append(op.Sections, os)
		}
		o.Parts = append(o.Parts, op)
	}
	return o
}

func TestSeedHeader(t *testing.T) {
	doc := parseSeed(t)
	tests := []struct{ field, got, want string }{
		{"Title", doc.Title, "2024年观湖街道党工委工作报告"},
		{"Source", doc.Source, "龙华区观湖街道办"},
		{"Date", doc.Date, "2024年02月02日"},
		{"ISODate", doc.ISODate, "2024-02-02"},
		{"Status", doc.Status, "文件已失效"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("seed %s = %q, want %q", tc.field, tc.got, tc.want)
		}
	}
	if doc.Year != 2024 || doc.ReviewYear != 2023 {
		t.Errorf("seed Year, ReviewYear = %d, %d, want 2024, 2023", doc.Year, doc.ReviewYear)
	}
	if got := doc.Slice(doc.Header); !strings.HasPrefix(got, doc.Title) || !strings.HasSuffix(got, "文件已失效") {
		t.Errorf("seed header text = %q, want the title up to 文件已失效", got)
	}
}

var itemStartRE = regexp.MustCompile(`^[一二三四五六七八九十]+是`)

func TestSeedStructure(t *testing.T) {
	doc := parseSeed(t)
	if len(doc.Parts) != 2 {
		t.Fatalf("seed has %d parts, want 2: %+v", len(doc.Parts), outlineOf(doc))
	}
	p1, p2 := doc.Parts[0], doc.Parts[1]
	for _, c := range []struct {
		p           *Part
		number      string
		heading     string
		kind        PartKind
		label, want string
	}{
		{p1, "一", "一、2023年工作总结", PartReview, p1.Label, "一 2023年工作总结"},
		{p2, "二", "二、2024年工作安排", PartPlan, p2.Label, "二 2024年工作安排"},
	} {
		if c.p.Number != c.number || c.p.Kind != c.kind || !c.p.Main || c.label != c.want {
			t.Errorf("part %s: Number, Kind, Main, Label = %q, %s, %v, %q, want %q, %s, true, %q", c.p.ID, c.p.Number, c.p.Kind, c.p.Main, c.label, c.number, c.kind, c.want)
		}
		if got := doc.Slice(c.p.Heading); got != c.heading {
			t.Errorf("part %s heading text = %q, want %q (no leading spaces)", c.p.ID, got, c.heading)
		}
	}

	t.Run("part 一", func(t *testing.T) {
		count := map[SectionKind]int{}
		for _, s := range p1.Sections {
			count[s.Kind]++
			if s.Kind != SectionTheme {
				continue
			}
			h := doc.Slice(s.Heading)
			if !strings.HasPrefix(h, "这一年") || strings.Contains(h, "。") {
				t.Errorf("theme %s heading = %q, want it to begin with 这一年 and hold no 。", s.ID, h)
			}
			if next := doc.Slice(Span{Start: s.Heading.End, End: s.Heading.End + 1}); next != "。" {
				t.Errorf("theme %s heading ends before %q, want before the first 。", s.ID, next)
			}
			if s.Title != h || !s.Inline {
				t.Errorf("theme %s Title, Inline = %q, %v, want %q, true", s.ID, s.Title, s.Inline, h)
			}
		}
		want := map[SectionKind]int{SectionTheme: 6, SectionHeadline: 1, SectionShortcomings: 1, SectionIntro: 1}
		if diff := cmp.Diff(want, count); diff != "" {
			t.Errorf("part 一 section kinds (-want +got):\n%s", diff)
		}
		headline := sectionsOfKind(p1, SectionHeadline)
		if len(headline) == 1 && !strings.HasPrefix(doc.Slice(headline[0].Span), "全年规上工业总产值494.91亿元") {
			t.Errorf("headline block = %q, want the paragraph of headline figures", squeeze(doc.Slice(headline[0].Span)))
		}
		short := sectionsOfKind(p1, SectionShortcomings)
		if len(short) == 1 && !strings.Contains(doc.Slice(short[0].Span), "不足") {
			t.Errorf("shortcomings block = %q, want the paragraph on 不足", squeeze(doc.Slice(short[0].Span)))
		}
	})

	t.Run("part 二", func(t *testing.T) {
		if len(p2.Sections) == 0 || p2.Sections[0].Kind != SectionRequirements {
			t.Fatalf("part 二 does not open with a requirements block: %+v", outlineOf(doc).Parts[1])
		}
		numbered := sectionsOfKind(p2, SectionNumbered)
		var items []int
		for _, s := range numbered {
			items = append(items, len(s.Items))
		}
		if want := []int{3, 4, 3, 5, 4, 4, 3, 4}; !cmp.Equal(items, want) {
			t.Errorf("part 二 item counts = %v, want %v", items, want)
		}
		for k, s := range numbered {
			if want := "(" + cnNumeral(k+1) + ")"; s.Number != want {
				t.Errorf("section %s Number = %q, want %q", s.ID, s.Number, want)
			}
			if h := doc.Slice(s.Heading); !strings.HasPrefix(h, s.Number) || !strings.HasSuffix(h, s.Title) {
				t.Errorf("section %s heading %q, want %q + title %q", s.ID, h, s.Number, s.Title)
			}
			for _, it := range s.Items {
				text := doc.Slice(it.Span)
				if !itemStartRE.MatchString(text) || it.Ordinal != cnNumeral(it.N)+"是" || !strings.HasPrefix(text, it.Ordinal) {
					t.Errorf("item %s (Ordinal %q, N %d) starts %q, want it to start with %s是", it.ID, it.Ordinal, it.N, squeeze(text), cnNumeral(it.N))
				}
				if h := doc.Slice(it.Heading); !strings.HasPrefix(h, it.Ordinal) || !strings.Contains(h, it.Title) {
					t.Errorf("item %s heading %q does not hold %q and %q", it.ID, h, it.Ordinal, it.Title)
				}
			}
		}
	})

	t.Run("labels", func(t *testing.T) {
		tests := []struct{ id, want string }{
			{"p2s3", "二(三) 聚焦交通畅行,塑造外通内达新格局"},
			{"p2s3i2", "二(三) 二是 打通区域交通大动脉"},
			{"p2s1i1", "二(一) 一是 主导产业强基础"},
			{"p1s2", "一 这一年,我们坚持稳中求进、量质并举,经济发展回升向好"},
			{"p1", "一 2023年工作总结"},
		}
		for _, tc := range tests {
			var got string
			switch n := doc.Node(tc.id).(type) {
			case *Part:
				got = n.Label
			case *Section:
				got = n.Label
			case *Item:
				got = n.Label
			default:
				t.Errorf("Node(%q) = %T, want a part, section or item", tc.id, n)
				continue
			}
			if got != tc.want {
				t.Errorf("Node(%q).Label = %q, want %q", tc.id, got, tc.want)
			}
		}
	})
}

func sectionsOfKind(p *Part, k SectionKind) []*Section {
	var out []*Section
	for _, s := range p.Sections {
		if s.Kind == k {
			out = append(out, s)
		}
	}
	return out
}

// goldStructure is a report's *.structure.json.
type goldStructure struct {
	File  string `json:"file"`
	Parts []struct {
		Number   string `json:"number"`
		Title    string `json:"title"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		IsMain   bool   `json:"is_main"`
		Kind     string `json:"kind"`
		Sections []struct {
			Number string `json:"number"`
			Title  string `json:"title"`
			Start  int    `json:"start"`
			End    int    `json:"end"`
			Inline bool   `json:"inline"`
		} `json:"sections"`
		Items []struct {
			Start int `json:"start"`
			End   int `json:"end"`
		} `json:"items"`
	} `json:"parts"`
}

// hit is score_structure.py's rule: a predicted node starting at start
// finds the gold heading [gs, ge) when gs-4 <= start <= ge.
func hit(gs, ge, start int) bool { return gs-4 <= start && start <= ge }

func TestProvincialStructure(t *testing.T) {
	for _, name := range []string{guangxiFile, jilinFile} {
		t.Run(name, func(t *testing.T) {
			doc := mustParse(t, readTestdata(t, name+".txt"))
			var g goldStructure
			if err := json.Unmarshal([]byte(readTestdata(t, name+".structure.json")), &g); err != nil {
				t.Fatal(err)
			}
			var all [][2]int // every gold part, section and item
			foundParts, mainParts, foundSecs, goldSecs := 0, 0, 0, 0
			for _, gp := range g.Parts {
				all = append(all, [2]int{gp.Start, gp.End})
				for _, it := range gp.Items {
					all = append(all, [2]int{it.Start, it.End})
				}
				var part *Part
				for _, p := range doc.Parts {
					if hit(gp.Start, gp.End, p.Span.Start) {
						part = p
					}
				}
				if gp.IsMain {
					mainParts++
					if part == nil {
						t.Errorf("gold part %s %s [%d,%d) not found; parts = %+v", gp.Number, gp.Title, gp.Start, gp.End, outlineOf(doc))
					} else {
						foundParts++
						if string(part.Kind) != gp.Kind && gp.Kind != "" {
							t.Errorf("part %s Kind = %s, want %s", part.Label, part.Kind, gp.Kind)
						}
					}
				}
				for _, gs := range gp.Sections {
					all = append(all, [2]int{gs.Start, gs.End})
					if !gp.IsMain {
						continue
					}
					goldSecs++
					var sec *Section
					for _, s := range doc.Sections() {
						if hit(gs.Start, gs.End, s.Span.Start) {
							sec = s
						}
					}
					if sec == nil {
						t.Errorf("gold section %s%s %s [%d,%d) not found", gp.Number, gs.Number, gs.Title, gs.Start, gs.End)
						continue
					}
					foundSecs++
					if sec.Kind != SectionNumbered || sec.Title != gs.Title || sec.Inline != gs.Inline {
						t.Errorf("section at %d: Kind, Title, Inline = %s, %q, %v, want numbered, %q, %v", gs.Start, sec.Kind, sec.Title, sec.Inline, gs.Title, gs.Inline)
					}
					if got := doc.Slice(sec.Heading); got != doc.Slice(Span{gs.Start, gs.End}) {
						t.Errorf("section at %d heading = %q, want %q", gs.Start, got, doc.Slice(Span{gs.Start, gs.End}))
					}
				}
			}
			stray := 0
			for _, s := range doc.Sections() {
				if !s.Kind.Headed() {
					continue
				}
				ok := false
				for _, a := range all {
					ok = ok || hit(a[0], a[1], s.Span.Start)
				}
				if !ok {
					stray++
					t.Errorf("headed section %s %q at %d is not a gold heading", s.ID, s.Label, s.Span.Start)
				}
			}
			t.Logf("%s: parts %d/%d, sections %d/%d, stray headed sections %d", name, foundParts, mainParts, foundSecs, goldSecs, stray)
		})
	}
}

// TestLayouts parses small reports in the genre's other layouts.
func TestLayouts(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		want  outline
		check func(t *testing.T, doc *Report)
		weak  string // a known weak spot: skip on mismatch unless -strict
	}{
		{
			name: "full-width punctuation",
			text: "2025年某省政府工作报告\n" +
				"一、2024年工作回顾\n" +
				"全省生产总值增长5.2％，粮食产量853.2亿斤。\n" +
				"（一）聚焦扩大内需，着力促消费。社会消费品零售总额增长6％。\n" +
				"（二）聚焦科技创新，着力建设产业体系。新增高新技术企业1200家。\n" +
				"二、2025年工作安排\n" +
				"（一）聚焦民生。城镇新增就业32万人以上。\n",
			want: outline{Parts: []outPart{
				{Label: "一 2024年工作回顾", Kind: PartReview, Main: true, Sections: []outSection{
					{Kind: SectionHeadline, Label: "一 主要指标"},
					{Kind: SectionNumbered, Label: "一（一） 聚焦扩大内需，着力促消费"},
					{Kind: SectionNumbered, Label: "一（二） 聚焦科技创新，着力建设产业体系"},
				}},
				{Label: "二 2025年工作安排", Kind: PartPlan, Main: true, Sections: []outSection{
					{Kind: SectionNumbered, Label: "二（一） 聚焦民生"},
				}},
			}},
			check: func(t *testing.T, doc *Report) {
				s := doc.FindSection("二(一)")
				if s == nil || !s.Inline || doc.Slice(s.Heading) != "（一）聚焦民生" {
					t.Errorf("FindSection(二(一)) = %+v, want the inline section （一）聚焦民生", s)
				}
				f := figureAt(doc, "5.2％")
				if f == nil || f.Value != 5.2 || f.Kind != Change {
					t.Errorf("figure 5.2％ = %+v, want a change of value 5.2", f)
				}
				if f := figureAt(doc, "32万人"); f == nil || f.Kind != Target || f.Qualifier != "以上" || f.Absolute != 320000 {
					t.Errorf("figure 32万人 = %+v, want a target of 320000 with 以上", f)
				}
			},
		},
		{
			name: "unnumbered part headings",
			text: "2025年某市政府工作报告\n" +
				"2024年工作回顾\n" +
				"过去一年，全市经济稳中有进。\n" +
				"2025年工作安排\n" +
				"今年工作的总体要求是稳中求进。\n" +
				"（一）加快产业升级。新增企业30家。\n" +
				"（二）改善民生。新建学校5所。\n",
			want: outline{Parts: []outPart{
				{Label: "2024年工作回顾", Kind: PartReview, Main: true, Sections: []outSection{
					{Kind: SectionIntro, Label: "引言"},
				}},
				{Label: "2025年工作安排", Kind: PartPlan, Main: true, Sections: []outSection{
					{Kind: SectionRequirements, Label: "总体要求"},
					{Kind: SectionNumbered, Label: "（一） 加快产业升级"},
					{Kind: SectionNumbered, Label: "（二） 改善民生"},
				}},
			}},
			check: func(t *testing.T, doc *Report) {
				if doc.Year != 2025 || doc.ReviewYear != 2024 {
					t.Errorf("Year, ReviewYear = %d, %d, want 2025, 2024", doc.Year, doc.ReviewYear)
				}
				if f := figureAt(doc, "5所"); f == nil || f.Kind != Target || f.Period != "2025" {
					t.Errorf("figure 5所 = %+v, want a 2025 target", f)
				}
			},
		},
		{
			name: "theme paragraphs led by dashes",
			text: "2025年某省政府工作报告\n" +
				"一、2024年工作回顾\n" +
				"一年来，我们主要做了以下工作。\n" +
				"——发展韧性持续增强。产业投资增长10.1％。\n" +
				"——改革创新蓄势赋能。省属国企一级企业数量压减80％。\n" +
				"——生态质量不断改善。空气质量优良天数92.9％。\n" +
				"二、2025年工作安排\n" +
				"（一）聚焦扩大内需。\n",
			want: outline{Parts: []outPart{
				{Label: "一 2024年工作回顾", Kind: PartReview, Main: true, Sections: []outSection{
					{Kind: SectionIntro, Label: "一 引言"},
					{Kind: SectionHighlights, Label: "一 主要成效", Items: []string{
						"一 主要成效 —— 发展韧性持续增强",
						"一 主要成效 —— 改革创新蓄势赋能",
						"一 主要成效 —— 生态质量不断改善",
					}},
				}},
				{Label: "二 2025年工作安排", Kind: PartPlan, Main: true, Sections: []outSection{
					{Kind: SectionNumbered, Label: "二（一） 聚焦扩大内需"},
				}},
			}},
		},
		{
			name: "一是 items as paragraphs",
			text: "2025年某省政府工作报告\n" +
				"一、2024年工作回顾\n" +
				"主要做了以下工作。\n" +
				"一是全力拼经济稳增长。采取一揽子增量措施。\n" +
				"二是全力培育新质生产力。新增企业100家。\n" +
				"三是全力保障民生。\n" +
				"二、2025年工作安排\n" +
				"（一）聚焦扩大内需，着力促消费扩投资。\n" +
				"一是大力提振消费。开展促消费活动。\n" +
				"二是扩大有效投资。实施重点项目100个。\n",
			want: outline{Parts: []outPart{
				{Label: "一 2024年工作回顾", Kind: PartReview, Main: true, Sections: []outSection{
					{Kind: SectionIntro, Label: "一 引言"},
					{Kind: SectionWork, Label: "一 主要工作", Items: []string{
						"一 主要工作 一是 全力拼经济稳增长",
						"一 主要工作 二是 全力培育新质生产力",
						"一 主要工作 三是 全力保障民生",
					}},
				}},
				{Label: "二 2025年工作安排", Kind: PartPlan, Main: true, Sections: []outSection{
					{Kind: SectionNumbered, Label: "二（一） 聚焦扩大内需，着力促消费扩投资", Items: []string{
						"二（一） 一是 大力提振消费",
						"二（一） 二是 扩大有效投资",
					}},
				}},
			}},
			check: func(t *testing.T, doc *Report) {
				it, _ := doc.Node("p2s1i1").(*Item)
				if it == nil || doc.Slice(it.Span) != "一是大力提振消费。开展促消费活动。" {
					t.Errorf("item p2s1i1 = %+v, want the whole 一是 paragraph without the line break", it)
				}
			},
		},
		{
			name: "appendix list restarting at 一、",
			text: "2024年某区政府工作报告\n" +
				"一、2023年工作回顾\n" +
				"全年地区生产总值增长5%。\n" +
				"二、2024年工作安排\n" +
				"（一）推进产业升级。\n" +
				"名词解释\n" +
				"一、专精特新：专业化、精细化、特色化、新颖化。\n" +
				"二、四上企业：规模以上工业等四类企业。\n" +
				"三、五经普：第五次全国经济普查。\n",
			want: outline{Parts: []outPart{
				{Label: "一 2023年工作回顾", Kind: PartReview, Main: true, Sections: []outSection{
					{Kind: SectionIntro, Label: "一 引言"},
				}},
				{Label: "二 2024年工作安排", Kind: PartPlan, Main: true, Sections: []outSection{
					{Kind: SectionNumbered, Label: "二（一） 推进产业升级"},
				}},
				{Label: "名词解释", Kind: PartAppendix, Main: false, Sections: []outSection{
					{Kind: SectionBody, Label: "正文", Items: []string{
						"正文 一、 专精特新：专业化、精细化、特色化、新颖化",
						"正文 二、 四上企业：规模以上工业等四类企业",
						"正文 三、 五经普：第五次全国经济普查",
					}},
				}},
			}},
		},
		{
			name: "appendix with a numbered list whose titles look like parts",
			text: "2024年某区政府工作报告\n" +
				"一、2023年工作回顾\n" +
				"全年地区生产总值增长5%。\n" +
				"二、2024年工作安排\n" +
				"全年新增企业30家。\n" +
				"附件：名词解释\n" +
				"一、工作总结\n" +
				"二、工作安排\n" +
				"三、重点工作\n",
			want: outline{Parts: []outPart{
				{Label: "一 2023年工作回顾", Kind: PartReview, Main: true, Sections: []outSection{
					{Kind: SectionIntro, Label: "一 引言"},
				}},
				{Label: "二 2024年工作安排", Kind: PartPlan, Main: true, Sections: []outSection{
					{Kind: SectionRequirements, Label: "二 总体要求"},
				}},
				{Label: "附件：名词解释", Kind: PartAppendix, Main: false, Sections: []outSection{
					{Kind: SectionBody, Label: "正文", Items: []string{"正文 一、 工作总结", "正文 二、 工作安排", "正文 三、 重点工作"}},
				}},
			}},
		},
		{
			name: "CRLF line endings",
			text: "2024年某街道工作报告\r\n\r\n" +
				"一、2023年工作总结\r\n" +
				"全年规上工业总产值494.91亿元。\r\n" +
				"二、2024年工作安排\r\n" +
				"(一)聚焦产业升级\r\n" +
				"一是主导产业强基础。二是新兴产业拓增量。\r\n",
			want: outline{Parts: []outPart{
				{Label: "一 2023年工作总结", Kind: PartReview, Main: true, Sections: []outSection{
					{Kind: SectionIntro, Label: "一 引言"},
				}},
				{Label: "二 2024年工作安排", Kind: PartPlan, Main: true, Sections: []outSection{
					{Kind: SectionNumbered, Label: "二(一) 聚焦产业升级", Items: []string{
						"二(一) 一是 主导产业强基础",
						"二(一) 二是 新兴产业拓增量",
					}},
				}},
			}},
			check: func(t *testing.T, doc *Report) {
				for _, para := range doc.Paragraphs {
					if strings.ContainsAny(doc.Slice(para.Span), "\r\n") {
						t.Errorf("paragraph %s = %q holds a line break", para.ID, doc.Slice(para.Span))
					}
				}
				if doc.Title != "2024年某街道工作报告" {
					t.Errorf("Title = %q, want no trailing CR", doc.Title)
				}
				if s := doc.FindSection("p2s1"); s == nil || doc.Slice(s.Heading) != "(一)聚焦产业升级" || s.Inline {
					t.Errorf("section p2s1 = %+v, want the heading (一)聚焦产业升级 on its own line", s)
				}
			},
		},
		{
			name: "U+3000 indentation",
			text: "2024年某街道工作报告\n" +
				"\u3000\u3000一、2023年工作总结\n" +
				"\u3000\u3000全年规上工业总产值494.91亿元。\n" +
				"\u3000\u3000二、2024年工作安排\n" +
				"\u3000\u3000（一）聚焦产业升级\n" +
				"\u3000\u3000一是主导产业强基础。\u3000\n",
			want: outline{Parts: []outPart{
				{Label: "一 2023年工作总结", Kind: PartReview, Main: true, Sections: []outSection{
					{Kind: SectionIntro, Label: "一 引言"},
				}},
				{Label: "二 2024年工作安排", Kind: PartPlan, Main: true, Sections: []outSection{
					{Kind: SectionNumbered, Label: "二（一） 聚焦产业升级", Items: []string{"二（一） 一是 主导产业强基础"}},
				}},
			}},
			check: func(t *testing.T, doc *Report) {
				if got := doc.Slice(doc.Parts[0].Heading); got != "一、2023年工作总结" {
					t.Errorf("part heading = %q, want it without the U+3000 indentation", got)
				}
				for _, para := range doc.Paragraphs {
					if s := doc.Slice(para.Span); strings.ContainsRune(s, '\u3000') {
						t.Errorf("paragraph %s = %q keeps its indentation", para.ID, s)
					}
				}
				f := figureAt(doc, "494.91亿元")
				if f == nil || doc.Slice(f.Span) != "494.91亿元" {
					t.Errorf("figure 494.91亿元 = %+v, want its span on the text", f)
				}
			},
		},
		{
			name: "seed-style inline theme sections",
			text: "2024年某街道工作报告\n" +
				"一、2023年工作总结\n" +
				"这一年,我们坚持党建引领、凝心铸魂,政治生态风清气正。举办活动56场次。\n" +
				"这一年,我们坚持稳中求进、量质并举,经济发展回升向好。新增企业20家。\n" +
				"这一年,我们坚持一心为民、服务为本,民生事业健康发展。新增学位1480个。\n" +
				"在肯定成绩的同时,我们也清醒看到存在的不足和问题,发展短板仍然明显。\n",
			want: outline{Parts: []outPart{
				{Label: "一 2023年工作总结", Kind: PartReview, Main: true, Sections: []outSection{
					{Kind: SectionTheme, Label: "一 这一年,我们坚持党建引领、凝心铸魂,政治生态风清气正"},
					{Kind: SectionTheme, Label: "一 这一年,我们坚持稳中求进、量质并举,经济发展回升向好"},
					{Kind: SectionTheme, Label: "一 这一年,我们坚持一心为民、服务为本,民生事业健康发展"},
					{Kind: SectionShortcomings, Label: "一 问题不足"},
				}},
			}},
		},
		{
			name: "no title line",
			text: "一、2023年工作回顾\n" +
				"全年地区生产总值增长5%。\n" +
				"二、2024年工作安排\n" +
				"（一）推进产业升级。新增企业5家。\n",
			want: outline{Parts: []outPart{
				{Label: "一 2023年工作回顾", Kind: PartReview, Main: true, Sections: []outSection{
					{Kind: SectionIntro, Label: "一 引言"},
				}},
				{Label: "二 2024年工作安排", Kind: PartPlan, Main: true, Sections: []outSection{
					{Kind: SectionNumbered, Label: "二（一） 推进产业升级"},
				}},
			}},
		},
		{
			name: "section number on a line of its own",
			text: "2024年某区政府工作报告\n" +
				"一、2023年工作回顾\n" +
				"全年地区生产总值增长5%。\n" +
				"二、2024年工作安排\n" +
				"（一）\n推进产业升级\n新增企业5家。\n" +
				"（二）\n改善民生\n新建学校3所。\n",
			want: outline{Parts: []outPart{
				{Label: "一 2023年工作回顾", Kind: PartReview, Main: true, Sections: []outSection{
					{Kind: SectionIntro, Label: "一 引言"},
				}},
				{Label: "二 2024年工作安排", Kind: PartPlan, Main: true, Sections: []outSection{
					{Kind: SectionNumbered, Label: "二（一） 推进产业升级"},
					{Kind: SectionNumbered, Label: "二（二） 改善民生"},
				}},
			}},
		},
		{
			name: "一是 and 二是 in one paragraph directly under a part",
			text: "2024年某区政府工作报告\n" +
				"一、2023年工作回顾\n" +
				"全年地区生产总值增长5%。\n" +
				"二、2024年工作安排\n" +
				"一是推进产业升级。新增企业5家。二是改善民生。新建学校3所。\n",
			want: outline{Parts: []outPart{
				{Label: "一 2023年工作回顾", Kind: PartReview, Main: true, Sections: []outSection{
					{Kind: SectionIntro, Label: "一 引言"},
				}},
				{Label: "二 2024年工作安排", Kind: PartPlan, Main: true, Sections: []outSection{
					{Kind: SectionWork, Label: "二 主要工作", Items: []string{
						"二 主要工作 一是 推进产业升级",
						"二 主要工作 二是 改善民生",
					}},
				}},
			}},
		},
		{
			name: "no recognizable structure",
			text: "关于做好今年工作的几点意见\n" +
				"今年以来，全区经济运行总体平稳，规上工业总产值494.91亿元，同比增长1.72%。\n" +
				"下一步，我们将继续新增企业30家以上。\n",
			want: outline{},
			check: func(t *testing.T, doc *Report) {
				if len(doc.Paragraphs) != 3 || len(doc.Sentences) != 3 {
					t.Errorf("paragraphs, sentences = %d, %d, want 3, 3", len(doc.Paragraphs), len(doc.Sentences))
				}
				var raws []string
				for _, f := range doc.Figures {
					raws = append(raws, f.Raw)
					if f.Section != nil || f.Kind != Actual && f.Kind != Change {
						t.Errorf("figure %s outside any part: Section, Kind = %v, %s, want nil, actual or change", f.Raw, f.Section, f.Kind)
					}
				}
				if want := []string{"494.91亿元", "1.72%", "30家"}; !cmp.Equal(raws, want) {
					t.Errorf("figures = %q, want %q", raws, want)
				}
				if doc.FindSection("交通") != nil || doc.SectionAt(10) != nil || len(doc.Sections()) != 0 {
					t.Errorf("a report without parts has sections")
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := mustParse(t, tc.text)
			if diff := cmp.Diff(tc.want, outlineOf(doc)); diff != "" {
				if tc.weak != "" {
					knownWeakSpot(t, tc.weak, diff)
					return
				}
				t.Errorf("outline mismatch (-want +got):\n%s", diff)
			}
			for _, p := range doc.Parts {
				h := doc.Slice(p.Heading)
				if h != strings.TrimFunc(h, isSpace) || !strings.HasSuffix(h, p.Title) {
					t.Errorf("part %s heading = %q, want the trimmed heading ending in %q", p.ID, h, p.Title)
				}
			}
			if tc.check != nil {
				tc.check(t, doc)
			}
		})
	}
}

// describe prints an outline for debugging failures.
func (o outline) String() string {
	var b strings.Builder
	for _, p := range o.Parts {
		fmt.Fprintf(&b, "%s [%s]\n", p.Label, p.Kind)
		for _, s := range p.Sections {
			fmt.Fprintf(&b, "  %s [%s] %q\n", s.Label, s.Kind, s.Items)
		}
	}
	return b.String()
}

// TestSeedLayoutVariants parses the seed rewritten in other layouts of the
// genre (CRLF line ends, U+3000 indentation, full-width brackets and
// punctuation) and expects the same structure and figures.
func TestSeedLayoutVariants(t *testing.T) {
	seed := readTestdata(t, seedFile)
	base := parseSeed(t)
	// normalize folds what a variant is allowed to change in labels.
	normalize := strings.NewReplacer("（", "(", "）", ")", "，", ",", "\u3000", " ").Replace
	view := func(doc *Report) (outline, []string) {
		o := outlineOf(doc)
		for i := range o.Parts {
			o.Parts[i].Label = normalize(o.Parts[i].Label)
			for j := range o.Parts[i].Sections {
				sec := &o.Parts[i].Sections[j]
				sec.Label = normalize(sec.Label)
				for k := range sec.Items {
					sec.Items[k] = normalize(sec.Items[k])
				}
			}
		}
		var figs []string
		for _, f := range doc.Figures {
			figs = append(figs, fmt.Sprintf("%s %g %s %s", normalize(f.Raw), f.Absolute, f.Kind, f.Direction))
		}
		return o, figs
	}
	wantOutline, wantFigs := view(base)
	tests := []struct {
		name    string
		rewrite func(string) string
	}{
		{"CRLF", func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }},
		{"U+3000 indentation", func(s string) string { return strings.ReplaceAll(s, "\n  ", "\n\u3000\u3000") }},
		{"tab indentation and trailing spaces", func(s string) string { return strings.ReplaceAll(s, "\n  ", " \n\t") }},
		{"full-width brackets", func(s string) string {
			return regexp.MustCompile(`\(([一二三四五六七八九十]+)\)`).ReplaceAllString(s, "（$1）")
		}},
		{"full-width commas", func(s string) string { return strings.ReplaceAll(s, ",", "，") }},
		{"blank lines removed", func(s string) string { return strings.ReplaceAll(s, "\n\n", "\n") }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := mustParse(t, tc.rewrite(seed))
			gotOutline, gotFigs := view(doc)
			if diff := cmp.Diff(wantOutline, gotOutline); diff != "" {
				t.Errorf("outline differs from the seed's (-seed +variant):\n%s", diff)
			}
			if diff := cmp.Diff(wantFigs, gotFigs); diff != "" {
				t.Errorf("figures differ from the seed's (-seed +variant):\n%s", diff)
			}
			if doc.Title != base.Title || doc.Status != base.Status || doc.ISODate != base.ISODate {
				t.Errorf("header = %q, %q, %q, want %q, %q, %q", doc.Title, doc.Status, doc.ISODate, base.Title, base.Status, base.ISODate)
			}
		})
	}
}
