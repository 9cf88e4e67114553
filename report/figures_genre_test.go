package report

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// genreDoc wraps paragraphs as a 2026 report with a review, a five-year
// part and a plan, so that figures get the genre's periods and kinds.
func genreDoc(review, fiveyear, plan string) string {
	return "2026年某省政府工作报告\n" +
		"一、2025年和“十四五”时期工作回顾\n" + review + "\n" +
		"二、“十五五”时期主要目标任务\n" + fiveyear + "\n" +
		"三、2026年重点工作\n" + plan + "\n"
}

// TestFiguresGenre checks what the genre's reports need of figures:
// ranges, periods of one year or five, targets of the plan and of the
// five-year plan, approximate round numbers, spaces from PDFs, unit
// spellings.
func TestFiguresGenre(t *testing.T) {
	doc := mustParse(t, genreDoc(
		"全省地区生产总值5.3万亿元、增长5.5%。累计建成高标准农田4128万亩，粮食产量突破2000万吨。"+
			"这五年，地区生产总值年均增长5.7%，新增企业上千家，培育近百个产业集群。",
		"到2030年，人均预期寿命达到80岁以上。地区生产总值年均增长5%—5.5%。",
		"今年主要预期目标是：地区生产总值增长4.5-5%，城镇新增就业28.1 万人，居民消费价格涨幅2％左右，城镇调查失业率5.5%以内。"))
	tests := []struct {
		raw               string
		value, high       float64
		rangeOK           bool
		unit, unitWritten string
		kind              Kind
		period, qualifier string
	}{
		{"5.3万亿元", 5.3, 0, false, "元", "万亿元", Actual, "2025", ""},
		{"5.5%", 5.5, 0, false, "%", "%", Change, "2025", ""},
		{"4128万亩", 4128, 0, false, "亩", "万亩", Actual, "cumulative", ""},
		{"2000万吨", 2000, 0, false, "吨", "万吨", Actual, "2025", "突破"},
		{"5.7%", 5.7, 0, false, "%", "%", Change, "2021-2025", ""},
		{"千家", 1000, 0, false, "家", "家", Actual, "2021-2025", "上"},
		{"百个", 100, 0, false, "个", "个", Actual, "2021-2025", "近"},
		{"80岁", 80, 0, false, "岁", "岁", Target, "2030", "以上"},
		{"5%—5.5%", 5, 5.5, true, "%", "%", Target, "2026-2030", ""},
		{"4.5-5%", 4.5, 5, true, "%", "%", Target, "2026", ""},
		{"28.1 万人", 28.1, 0, false, "人", "万人", Target, "2026", ""},
		{"2％", 2, 0, false, "%", "％", Target, "2026", "左右"},
		{"5.5%", 5.5, 0, false, "%", "%", Target, "2026", "以内"},
	}
	figs := doc.Figures
	if len(figs) != len(tests) {
		var raws []string
		for _, f := range figs {
			raws = append(raws, f.Raw)
		}
		t.Fatalf("figures = %q, want %d of them", raws, len(tests))
	}
	for i, tc := range tests {
		f := figs[i]
		got := []any{f.Raw, f.Value, f.High, f.Range, f.Unit, f.UnitAsWritten, f.Kind, f.Period, f.Qualifier}
		want := []any{tc.raw, tc.value, tc.high, tc.rangeOK, tc.unit, tc.unitWritten, tc.kind, tc.period, tc.qualifier}
		for k := range got {
			if got[k] != want[k] {
				t.Errorf("figure %d: (Raw, Value, High, Range, Unit, UnitAsWritten, Kind, Period, Qualifier) = %v, want %v", i, got, want)
				break
			}
		}
	}
}

// TestNotFiguresGenre checks set phrases and idioms of the genre whose
// numerals are not quantities.
func TestNotFiguresGenre(t *testing.T) {
	for _, text := range []string{
		"这五年，我们砥砺奋进。",
		"经受住三年新冠疫情冲击。",
		"战胜百年不遇的洪灾。",
		"出台一揽子政策和一系列举措。",
		"深刻领悟两个确立的决定性意义，增强四个意识。",
		"推进一带一路建设。",
		"十四五期间经济稳步增长。",
		"关系千家万户。",
		"三次产业比重为4.0∶37.7∶58.3。",
		"经济体量亿元以上企业数量增加。",
		"1—11月，2021-2025年，04-02地块。",
	} {
		doc := mustParse(t, text)
		for _, f := range doc.Figures {
			t.Errorf("ParseString(%q) found figure %q, want none", text, f.Raw)
		}
	}
}

// TestFigureOverflow checks that a number too large for a float64 keeps
// every value finite, says so, and encodes as JSON.
func TestFigureOverflow(t *testing.T) {
	doc := mustParse(t, "资产"+strings.Repeat("9", 400)+"亿元，另有"+strings.Repeat("9", 305)+"亿元。")
	if len(doc.Figures) != 2 {
		t.Fatalf("figures = %d, want 2", len(doc.Figures))
	}
	for _, f := range doc.Figures {
		for _, v := range []float64{f.Value, f.High, f.Absolute} {
			if math.IsInf(v, 0) || math.IsNaN(v) {
				t.Errorf("figure %.20s…: a value is %v", f.Raw, v)
			}
		}
		if !f.Overflow {
			t.Errorf("figure %.20s…: Overflow = false, want true", f.Raw)
		}
		if _, err := json.Marshal(f.Value); err != nil {
			t.Errorf("figure %.20s…: json.Marshal(Value): %v", f.Raw, err)
		}
	}
}

// TestFigurePeriodsInContext checks how the time words of a paragraph
// place its figures: a year placed in its five-year plan keeps the year,
// a plan that names the next five-year plan keeps the planned year, and
// 累计 reaches only its clause (in a five-year part it is the plan's five
// years).
func TestFigurePeriodsInContext(t *testing.T) {
	doc := mustParse(t, genreDoc(
		"2025年是“十四五”收官之年。全省地区生产总值增长5%。回望“十四五”，年均增长5.7%，粮食产量稳定在800亿斤以上。"+
			"累计建成高标准农田4128万亩，新增企业100家。",
		"“十五五”时期，居民收入增长与经济增长同步，城镇新增就业累计300万人。",
		"确保“十五五”良好开局。主要预期目标是：地区生产总值增长5%左右，居民消费价格涨幅2%左右。"))
	want := map[string]string{
		"5%":     "change 2025",
		"5.7%":   "change 2021-2025",
		"800亿斤":  "actual 2021-2025",
		"4128万亩": "actual cumulative",
		"100家":   "actual 2021-2025",
		"300万人":  "target 2026-2030",
		"2%":     "target 2026",
	}
	for _, f := range doc.Figures {
		w, ok := want[f.Raw]
		if !ok {
			continue
		}
		if f.Raw == "5%" && f.Kind == Target {
			w = "target 2026" // the plan's 5%左右
		}
		if got := string(f.Kind) + " " + f.Period; got != w {
			t.Errorf("figure %s at %v: %s, want %s", f.Raw, f.Span, got, w)
		}
	}
}

// TestEarlierPlanNamedForComparison: an earlier five years named for
// comparison (利润总额为“十三五”时期的2.2倍) does not set the period of the
// paragraph's later sentences, which stay in the years reviewed.
func TestEarlierPlanNamedForComparison(t *testing.T) {
	doc := mustParse(t, genreDoc(
		"回望“十四五”，改革不断深化。企业“十四五”时期利润总额为“十三五”时期的2.2倍。开放通道进一步畅通，高速公路通车里程突破9500公里。",
		"“十五五”时期，城镇新增就业累计300万人。",
		"主要预期目标是：地区生产总值增长5%左右。"))
	for _, f := range doc.Figures {
		if f.Raw == "9500公里" && f.Period != "2021-2025" {
			t.Errorf("figure %s: period %s, want 2021-2025", f.Raw, f.Period)
		}
	}
}

// TestFiveYearPartReview checks a part that reviews the five years before
// it plans the next (“十四五”时期发展成就和“十五五”时期主要目标任务): a
// paragraph that opens 过去五年 places 年均 in the years reviewed, and a
// comparison with an earlier plan (较“十三五”末) does not move it there.
func TestFiveYearPartReview(t *testing.T) {
	doc := mustParse(t, "2026年某省政府工作报告\n"+
		"一、2025年工作回顾\n全省地区生产总值增长5%。\n"+
		"二、“十四五”时期发展成就和“十五五”时期主要目标任务\n"+
		"过去五年，经济实力实现新跨越，地区生产总值年均增长4.8%。这五年，规上工业利润比“十三五”末期翻一番，外贸进出口总额年均增长5.1%。\n"+
		"“十五五”时期，地区生产总值年均增长5%左右。\n"+
		"三、2026年重点工作\n地区生产总值增长5%左右。\n")
	want := map[string]string{
		"4.8%": "change 2021-2025",
		"5.1%": "change 2021-2025",
	}
	checkFigureViews(t, doc, want, func(f *Figure) string { return string(f.Kind) + " " + f.Period })
}

// TestQuotedComparisonBase checks that a five-year plan named as the base
// of a comparison inside quotes (较“十三五”末) does not become the period
// of the figures after it.
func TestQuotedComparisonBase(t *testing.T) {
	doc := mustParse(t, "2026年某省政府工作报告\n"+
		"一、2025年工作回顾\n"+
		"2025年目标任务顺利完成，标志着“十四五”圆满收官。五年来，地区生产总值年均增长5.2％，较“十三五”末净增1万亿元，人均预期寿命达到78.9岁。\n"+
		"二、2026年重点工作\n地区生产总值增长5%左右。\n")
	for _, f := range doc.Figures {
		if f.Raw == "78.9岁" && f.Period == "2016-2020" {
			t.Errorf("figure %s: period %s, the base of a comparison", f.Raw, f.Period)
		}
	}
}

// TestCarriedFiveYears checks that a review opening with the five years
// reviewed gives them to the unheaded paragraphs after it, until one opens
// with a single year.
func TestCarriedFiveYears(t *testing.T) {
	doc := mustParse(t, "2026年某省政府工作报告\n"+
		"一、“十四五”时期和2025年工作回顾\n"+
		"过去的五年极不寻常。我们攻坚克难，各项事业取得新成就。\n"+
		"民生福祉不断增进。城镇新增就业603.7万人。\n"+
		"刚刚过去的2025年很不平凡。城镇新增就业121.7万人。\n"+
		"二、2026年重点工作\n城镇新增就业110万人以上。\n")
	want := map[string]string{"603.7万人": "2021-2025", "121.7万人": "2025", "110万人": "2026"}
	checkFigureViews(t, doc, want, func(f *Figure) string { return f.Period })
}

// TestYearlyMeanIsNotAverageGrowth: 年均浓度 is a yearly mean, not a rate
// averaged over the plan's years; 年均分别增长 still is one.
func TestYearlyMeanIsNotAverageGrowth(t *testing.T) {
	doc := mustParse(t, "2026年某市政府工作报告\n"+
		"一、2025年工作回顾\n过去五年，一般公共预算收入、税收收入年均分别增长4.5%、3%。\n"+
		"二、2026年重点工作\n今年主要预期目标是：细颗粒物年均浓度控制在29微克/立方米左右。\n")
	want := map[string]string{"29微克/立方米": "2026", "4.5%": "2021-2025"}
	checkFigureViews(t, doc, want, func(f *Figure) string { return f.Period })
}

// checkFigureViews checks that each figure of doc whose Raw is a key of want
// shows (as show gives it) want's value, and that every key is found.
func checkFigureViews(t *testing.T, doc *Report, want map[string]string, show func(*Figure) string) {
	t.Helper()
	for _, f := range doc.Figures {
		if w, ok := want[f.Raw]; ok {
			if got := show(f); got != w {
				t.Errorf("figure %s: %s, want %s", f.Raw, got, w)
			}
			delete(want, f.Raw)
		}
	}
	for raw := range want {
		t.Errorf("figure %s not found", raw)
	}
}

// TestPlanNamedAsModifier: a five-year plan that says which things are
// meant (“十四五”批复的大基地) is not when the plan's figure stands.
func TestPlanNamedAsModifier(t *testing.T) {
	doc := mustParse(t, "2026年某省政府工作报告\n"+
		"一、2025年工作回顾\n全省地区生产总值增长5%。\n"+
		"二、2026年重点工作\n加快建设“十四五”批复的6个大基地，确保新增新能源装机3000万千瓦。“十四五”时期，新能源装机年均增长10%。\n")
	want := map[string]string{"3000万千瓦": "target 2026", "10%": "change 2021-2025"}
	checkFigureViews(t, doc, want, func(f *Figure) string { return string(f.Kind) + " " + f.Period })
}

// TestProgrammeNameIsNotPeriod: a span of years in a programme's name
// (五年行动计划) says how long it runs, not when the sentence's figure
// stands.
func TestProgrammeNameIsNotPeriod(t *testing.T) {
	doc := mustParse(t, "2026年某省政府工作报告\n"+
		"一、2025年工作回顾\n城镇化率达69.1%。\n"+
		"二、2026年重点工作\n深入实施新型城镇化战略五年行动计划，城镇化率提升至69.5%以上。\n")
	checkFigureViews(t, doc, map[string]string{"69.5%": "target 2026"}, func(f *Figure) string { return string(f.Kind) + " " + f.Period })
}

// TestYearComparedWith: a year after 快于, 高于 and their kin is the base
// of a comparison, so the difference stated keeps the sentence's period;
// 于 alone dates a thing.
func TestYearComparedWith(t *testing.T) {
	doc := mustParse(t, genreDoc(
		"2025年，全年地区生产总值增长4%，快于2024年1.8个百分点。投资增速高于2024年3个百分点。",
		"“十五五”时期，城镇新增就业累计300万人。",
		"主要预期目标是：地区生产总值增长5%左右。新机场于2027年建成，跑道3200米。"))
	want := map[string]string{"1.8个百分点": "2025", "3个百分点": "2025", "3200米": "2027"}
	seen := 0
	for _, f := range doc.Figures {
		w, ok := want[f.Raw]
		if !ok {
			continue
		}
		seen++
		if f.Period != w {
			t.Errorf("figure %s: period %q, want %q", f.Raw, f.Period, w)
		}
	}
	if seen != len(want) {
		t.Errorf("found %d of the %d figures", seen, len(want))
	}
}
