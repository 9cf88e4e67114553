package qa

import (
	"strings"
	"testing"

	"github.com/reportbot/reportbot/report"
)

// TestPlacement: "under which division is X" names the section that holds
// X, whatever count of divisions the question mentions on the way.
func TestPlacement(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"2026-anhui", "今年十项重点工作中，“深入实施新兴产业集群发展工程”归在哪一项下面？", "（三）加快打造现代化产业体系"},
		{"2026-anhui", "建设现代化基础设施体系属于2026年哪个方面的工作？", "（一）加力扩内需稳增长"},
		// 放在哪一部分 with 今年: the year's plan, not the five-year outline;
		// 在…的哪一方面提出 and 第三部分的哪一条 ask the placement too.
		{"2026-anhui", "今年文化事业、文化产业和全域旅游的安排放在哪一部分？", "（九）激发文化创新创造活力"},
		{"2026-yunnan", "“两轴三带六区”旅居发展空间布局是在2026年重点工作的哪一方面提出的？", "巩固壮大实体经济根基"},
		{"2026-fujian", "2026年两岸融合发展示范区建设的工作安排在第三部分的哪一条？", "服务统一大业"},
		{"2026-guangdong", "关于蓝天、碧水、净土保卫战的今年部署，放在2026年工作安排的第几个方面？", "（十）"},
		// 第几点 asks which division; 回顾 and 成就 say where, not what.
		{"2026-guizhou", "报告回顾“十四五”成就时，讲科技创新的是第几点？标题是什么？", "（六）在实施创新驱动发展战略上奋起直追"},
	})
}

// TestInlineList: a list question with a topic of its own is answered
// with the clause that lists the items with 、; one about the report's
// divisions alone still lists them.
func TestInlineList(t *testing.T) {
	checkAnswers(t, []answerCase{
		// An area named (在…方面) still takes the inline list that names
		// the asked things.
		{"000_006ff7903b525843", "在新兴产业拓增量方面,观湖围绕哪几个战略性新兴产业布局?", "数字经济、低空经济、新能源"},
		{"2026-anhui", "安徽营商环境里哪几个方面排在全国前三?", "市场环境、创新环境、法治环境、政务环境"},
		{"2026-hunan", "“十五五”纲要草案的主要指标分成哪几个方面?", "经济发展、创新驱动、民生福祉、绿色低碳、安全保障"},
		{"2026-hunan", "2026年重点工作有哪几个方面？", "（一）全力推动经济稳定增长"},
		// A count the question names (哪8个, the six) finds the list of
		// exactly that many.
		{"2026-guizhou", "冬春果菜基地要建在哪8个县？", "册亨、罗甸、望谟、三都、贞丰、榕江、镇宁、关岭"},
		{"2026-sichuan", "Name the six major science and technology special projects.", "人工智能、航空航天、先进装备、生物制造、清洁能源、先进材料"},
	})
}

// TestIsInlineList: short items joined by 、, at least three.
func TestIsInlineList(t *testing.T) {
	tests := []struct {
		clause string
		want   bool
	}{
		{"市场环境、创新环境、法治环境、政务环境均居全国前三", true},
		{"抓好暴雨极端天气防御、推进河道整治", false},
		{"深化改革扩大开放", false},
	}
	for _, tt := range tests {
		if got := isInlineList(tt.clause); got != tt.want {
			t.Errorf("isInlineList(%q) = %v, want %v", tt.clause, got, tt.want)
		}
	}
}

// TestGovernmentPart: 政府自身建设 is the part of that kind, else a section
// titled about the government; a report with neither says so rather than
// naming a section that shares a word.
func TestGovernmentPart(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"2026-fujian", "政府自身建设在第几部分？", "四、一以贯之转作风"},
		{"2026-henan", "政府自身建设在第几部分？", ""},
	})
}

// TestPeriodPart: a question whose only topic is a five-year period names
// the part about it.
func TestPeriodPart(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"2026-xizang", "讲“十五五”的是报告哪一部分？", "二、“十五五”时期经济社会发展把握的重要要求"},
		{"2026-anhui", "Which part of the report is about the 15th Five-Year Plan period?", "十五五"},
	})
}

// TestHowOrganised: how a report is organised lists its main parts.
func TestHowOrganised(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"000_006ff7903b525843", "How is this report structured?", "二、2024年工作安排"},
		{"2026-hunan", "What are the main parts of the report?", "四、全面加强政府自身建设"},
	})
}

// TestPeriodBest: a question that asks no figure but a goal of the
// planned year is answered from the plan, not the review's sentence on
// the same thing.
func TestPeriodBest(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"000_006ff7903b525843", "观湖北项目的土地入库，2024年的目标是什么？", "100%入库"},
		// 按计划推进 says how work goes, not that a goal is asked.
		{"000_006ff7903b525843", "除新田元水老村外,还有哪些城市更新项目在按计划推进?", "观城一期、大布头"},
	})
}

// TestTitledSectionItems: a list question that names a section by its
// title lists that section's items.
func TestTitledSectionItems(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"000_006ff7903b525843", "2024年“聚焦环境优化”这部分提出要优化哪几个环境?", "三是优化市容环境"},
	})
}

// TestPartsAsked: 分成几大部分 counts the parts, and 各部分标题 lists them,
// not the sections of one part.
func TestPartsAsked(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"000_006ff7903b525843", "这份报告分成几大部分?", "报告正文共两个部分"},
		{"000_006ff7903b525843", "各部分标题是什么?", "二、2024年工作安排"},
		{"000_006ff7903b525843", "这份报告由哪两大部分组成?", "一、2023年工作总结"},
		{"2026-anhui", "这份报告分成几大部分?各部分标题是什么?", "三、2026年重点工作"},
	})
}

// TestSectionReference: 那部分 and 方面 name where to look, not words the
// passage must hold.
func TestSectionReference(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"2026-guangxi", "优化营商环境那部分，2026年民间投资占比力争达到多少？", "40%"},
		{"2026-henan", "在政府自身建设方面，报告说要坚决防止哪两类“工程”？", "形象工程"},
	})
}

// TestWithoutListNumber: a quote drops the list number a sentence opens
// with (6.轨道交通…), never a decimal or a year.
func TestWithoutListNumber(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"6.轨道交通“四网融合”：", "轨道交通“四网融合”："},
		{"12、加强监管。", "加强监管。"},
		{"6.5%的增长。", "6.5%的增长。"},
		{"2025年增长5%。", "2025年增长5%。"},
		{"7.", "7."},
	} {
		doc, err := report.ParseString(tt.text)
		if err != nil {
			t.Fatal(err)
		}
		span := withoutListNumber(doc, report.Span{Start: 0, End: doc.RuneLen()})
		if got := doc.Slice(span); got != tt.want {
			t.Errorf("withoutListNumber(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	as := checkAnswers(t, []answerCase{
		{"2026-guangdong", `Which four kinds of rail are integrated under the "four-network integration" (四网融合)?`, "干线铁路"},
		{"2026-neimenggu", "孩子上学的意外险今年要扩大到哪些学生？每个学生一年交多少钱？", "保费由每生每年5元提高至10元"},
	})
	if strings.Contains(as[1].Text, "3.将") {
		t.Errorf("a figure's quote keeps its list number: %q", as[1].Text)
	}
}

// TestAnnouncedCount: a count question with a topic of its own is
// answered by the sentence that announces the count.
func TestAnnouncedCount(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"2026-xizang", "西藏报告第二部分讲什么？要求重点把握几个方面？", "以下五个方面"},
		{"000_006ff7903b525843", "How many numbered areas does the 2024 work plan have, and what is the first one?", "产业升级"},
	})
}

// TestEntriesAfterIntro: a list introduced at the end of a paragraph
// (要重点把握三个方面：) is read from the paragraphs that open its entries.
func TestEntriesAfterIntro(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"2026-shaanxi", "陕西“十五五”规划纲要草案要求重点把握哪三个方面?", "三是全力筑牢安全底线"},
	})
}

// TestSectionOfNamedPart: 第二部分 of a part the question names by its
// title is that part's second section.
func TestSectionOfNamedPart(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"000_006ff7903b525843", "2024年工作安排第二部分的标题是什么?", "(二)聚焦环境优化"},
		{"000_006ff7903b525843", "报告第二部分讲什么?", "二、2024年工作安排"},
		// The part whose heading writes the number, though an unnumbered
		// part comes first; 第三部分…第五项 is that part's fifth section.
		{"2026-neimenggu", "内蒙古2026年政府工作报告第四部分的标题是什么？", "四、把坚持党的全面领导"},
		{"2026-neimenggu", "报告第三部分“七项重点工作”中，排在第五项的是什么工作？", "（五）优化区域经济布局"},
	})
}

// TestTitleQuoted: a question that writes a part's whole title and asks
// nothing inside it (讲2026年重点工作的是第几部分) is answered with that
// part; one that names the part only as where to look is not; 几个大部分
// asks the parts.
func TestTitleQuoted(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"2026-shandong", "山东报告中讲2026年重点工作的是第几部分？", "三、2026年重点工作"},
		{"2026-beijing", "2026年重点工作里，讲防汛、安全生产和平安北京的是第几部分？", "韧性城市"},
		{"000_006ff7903b525843", "这份报告正文分为哪几个大部分?", "二、2024年工作安排"},
	})
}

// TestEnglishOrdinals: "the second of the eight areas" and "the last
// section" name a division by its place.
func TestEnglishOrdinals(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"000_006ff7903b525843", "What is the second of the eight areas in the 2024 work plan?", "聚焦环境优化"},
		{"000_006ff7903b525843", "What does the last section of the 2024 plan deal with?", "聚焦党的建设"},
	})
}
