package report

import (
	"fmt"
	"strings"
	"testing"
)

// TestGenreLayouts parses small reports in the layouts of the 2026
// provincial reports and compares a compact outline: parts as number,
// title and kind; numbered sections as number and title; items as counts.
func TestGenreLayouts(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		want  string
		check func(t *testing.T, doc *Report)
	}{
		{
			name: "a review line shaped like a part heading is not a part",
			text: "2026年某某省政府工作报告\n一、2025年工作回顾\n（一）稳增长。增长5%。\n重点工作推进情况\n完成投资100亿元。\n" +
				"二、2026年重点工作\n（一）扩内需。新增就业50万人。\n（二）促创新。新增企业100家。\n",
			want: "一 2025年工作回顾 review [（一）稳增长]\n二 2026年重点工作 plan [（一）扩内需 （二）促创新]",
			check: func(t *testing.T, doc *Report) {
				for _, f := range doc.FiguresIn("p2") {
					if f.Kind != Target || f.Period != "2026" {
						t.Errorf("plan figure %s: Kind, Period = %s, %s, want target, 2026", f.Raw, f.Kind, f.Period)
					}
				}
			},
		},
		{
			name: "parts of every kind, read from titles and opening paragraphs",
			text: "2026年某某省政府工作报告\n一、一年接着一年干，建设持续取得新成效\n2025年是收官之年。增长5%。\n" +
				"二、一张蓝图绘到底，奋力谱写新篇章\n“十五五”时期是关键时期。年均增长5%左右。\n" +
				"三、一鼓作气勇争先，全力推动“十五五”开好局\n今年增长5%左右。\n四、一以贯之转作风，努力建设人民满意的服务型政府\n要提高效能。\n",
			want: "一 一年接着一年干，建设持续取得新成效 review []\n二 一张蓝图绘到底，奋力谱写新篇章 fiveyear []\n" +
				"三 一鼓作气勇争先，全力推动“十五五”开好局 plan []\n四 一以贯之转作风，努力建设人民满意的服务型政府 government []",
			check: func(t *testing.T, doc *Report) {
				if f := doc.FiguresIn("p2"); len(f) != 1 || f[0].Kind != Target || f[0].Period != "2026-2030" {
					t.Errorf("five-year figures = %v, want one target of 2026-2030", f)
				}
			},
		},
		{
			name: "numbered parts under unnumbered headings when they hold sections",
			text: "2026年某某自治区政府工作报告\n“十四五”时期发展成就和2025年工作回顾\n这五年经济增长。\n" +
				"“十五五”时期主要目标和2026年重点工作\n今年增长5%左右。\n一、把主线贯穿始终\n（一）加强建设。\n（二）促进交流。\n" +
				"二、全力抓好重点工作\n（一）壮大实体经济。\n三、加强政府自身建设\n要提高效能。\n附件\n2026年自治区民生实事\n1.发放补贴20亿元以上。\n2.新增就业18万人以上。\n",
			want: "“十四五”时期发展成就和2025年工作回顾 review []\n“十五五”时期主要目标和2026年重点工作 plan []\n" +
				"一 把主线贯穿始终 plan [（一）加强建设 （二）促进交流]\n二 全力抓好重点工作 plan [（一）壮大实体经济]\n三 加强政府自身建设 government []\n" +
				"附件 2026年自治区民生实事 appendix []",
			check: func(t *testing.T, doc *Report) {
				p := doc.Parts[len(doc.Parts)-1]
				if len(p.Sections) != 1 || len(p.Sections[0].Items) != 2 {
					t.Errorf("appendix sections = %+v, want one block with the list's 2 items", p.Sections)
				}
				for _, f := range doc.FiguresIn(p.ID) {
					if f.Kind != Target || f.Period != "2026" {
						t.Errorf("民生实事 figure %s: Kind, Period = %s, %s, want target, 2026", f.Raw, f.Kind, f.Period)
					}
				}
			},
		},
		{
			name: "a section number cut after its bracket, and a numbered list in a plan section",
			text: "2026年某某省政府工作报告\n一、2025年工作回顾\n（一）经济运行稳中有进。\n增长4%。\n（\n二）改革开放持续深化。\n新设企业100家。\n" +
				"二、2026年重点工作\n（一）办好民生实事\n1.新增就业50万人。\n2.新建学校10所。\n3.改造小区200个。\n",
			want: "一 2025年工作回顾 review [（一）经济运行稳中有进 （二）改革开放持续深化]\n二 2026年重点工作 plan [（一）办好民生实事]",
			check: func(t *testing.T, doc *Report) {
				s := doc.FindSection("一（二）")
				if s == nil || doc.Slice(s.Heading) != "（\n二）改革开放持续深化" {
					t.Errorf("section 一（二） = %+v, want the heading across the line break", s)
				}
				if s := doc.FindSection("二（一）"); s == nil || len(s.Items) != 3 {
					t.Errorf("section 二（一） = %+v, want the list's 3 items", s)
				}
			},
		},
		{
			name: "一是 headings as paragraphs of their own keep their bodies; 这是…的五年 themes",
			text: "2026年某某省政府工作报告\n一、2025年和“十四五”时期工作回顾\n主要做了以下工作：\n一是承办运动会。\n办赛成效显著。\n" +
				"二是推动经济稳中向好。\n地区生产总值增长3.9%。\n这是经济实力持续提升的五年。\n地区生产总值提高到14万亿元。\n" +
				"这是改革开放不断深化的五年。\n实际使用外资千亿元以上。\n这是人民生活不断改善的五年。\n居民收入增长30%。\n",
			want: "一 2025年和“十四五”时期工作回顾 review []",
			check: func(t *testing.T, doc *Report) {
				var themes, items int
				for _, s := range doc.Parts[0].Sections {
					if s.Kind == SectionTheme {
						themes++
					}
					if s.Kind == SectionWork {
						items += len(s.Items)
						if it := s.Items[0]; !strings.Contains(doc.Slice(it.Span), "办赛成效显著") {
							t.Errorf("item %s = %q, want it to hold its body", it.ID, doc.Slice(it.Span))
						}
					}
				}
				if themes != 3 || items != 2 {
					t.Errorf("themes, items = %d, %d, want 3, 2", themes, items)
				}
				for _, raw := range []string{"14万亿元", "千亿元", "30%"} {
					if f := figureAt(doc, raw); f == nil || f.Period != "2021-2025" {
						t.Errorf("figure %s = %+v, want a 2021-2025 figure", raw, f)
					}
				}
				if f := figureAt(doc, "3.9%"); f == nil || f.Period != "2025" {
					t.Errorf("figure 3.9%% = %+v, want a 2025 figure", f)
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := mustParse(t, tc.text)
			if got := genreOutline(doc); got != tc.want {
				t.Errorf("outline:\n%s\nwant:\n%s", got, tc.want)
			}
			if tc.check != nil {
				tc.check(t, doc)
			}
		})
	}
}

// genreOutline is one line per part: number, title, kind and its numbered
// sections.
func genreOutline(doc *Report) string {
	var lines []string
	for _, p := range doc.Parts {
		var secs []string
		for _, s := range p.Sections {
			if s.Kind == SectionNumbered {
				secs = append(secs, s.Number+s.Title)
			}
		}
		lines = append(lines, strings.TrimSpace(fmt.Sprintf("%s %s %s [%s]", p.Number, p.Title, p.Kind, strings.Join(secs, " "))))
	}
	return strings.Join(lines, "\n")
}
