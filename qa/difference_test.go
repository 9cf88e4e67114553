package qa

import (
	"testing"

	"github.com/reportbot/reportbot/report"
)

// TestDifference: the difference of two alike figures, said to be
// computed; none for unlike ones or a question that does not ask it.
func TestDifference(t *testing.T) {
	fig := func(v float64, unit, written, scale string) *report.Figure {
		return &report.Figure{Value: v, Unit: unit, UnitAsWritten: written, Scale: scale}
	}
	tests := []struct {
		question string
		a, b     *report.Figure
		want     string
	}{
		{"2026年目标和2025年实际相比差多少?", fig(45, "人", "万人", "万"), fig(47.3, "人", "万人", "万"), "两者相差2.3万人（据上引两数计算）。"},
		{"入库率去年多少，和今年目标还差多少?", fig(83.9, "%", "%", ""), fig(100, "%", "%", ""), "两者相差16.1个百分点（据上引两数计算）。"},
		{"What is the gap between the two?", fig(5.5, "%", "%", ""), fig(5, "%", "%", ""), "The difference is 0.5个百分点 (computed from the two cited figures)."},
		{"2026年目标和2025年实际相比差多少?", fig(45, "人", "万人", "万"), fig(4.7, "人", "万人", "十万"), ""},
		{"2026年目标和2025年实际分别是多少?", fig(45, "人", "万人", "万"), fig(47.3, "人", "万人", "万"), ""},
	}
	for _, tt := range tests {
		q := &Question{Raw: tt.question, Lang: langOf(tt.question)}
		p, ok := difference(q, []verdict{{ok: true, fig: tt.a}, {ok: true, fig: tt.b}})
		if got := p.text; got != tt.want || ok != (tt.want != "") {
			t.Errorf("difference(%q) = %q, %v; want %q", tt.question, got, ok, tt.want)
		}
	}
	same := fig(93.86, "元", "亿元", "亿")
	if p, ok := difference(&Question{Raw: "相差多少?"}, []verdict{{ok: true, fig: same}, {ok: true, fig: same}}); ok {
		t.Errorf("difference of a figure with itself: %q", p.text)
	}
	checkAnswers(t, []answerCase{
		{"000_006ff7903b525843", "2023年全社会固定资产投资和社会消费品零售总额哪个规模更大?相差多少?", "两者相差3.66亿元（据上引两数计算）"},
		{"2026-shanxi", "山西2026年城镇新增就业目标和2025年实际城镇新增就业人数相比,差多少?", "两者相差2.3万人（据上引两数计算）"},
		// A later ask for the rise of a from-to pair the earlier ask quoted.
		{"2026-hebei", "过去五年居民人均可支配收入从多少涨到了多少？多了多少元？", "两者相差9303元（据上引两数计算）"},
		// The rise asked after the pair is computed even where a sentence
		// could be quoted again.
		{"2026-anhui", "2025年安徽城市低保人均保障标准从多少提高到多少？提高了多少元？", "两者相差46元/月"},
		{"000_006ff7903b525843", "城中村物业进驻率2023年达到多少?2024年目标是多少?两者差几个百分点?", "两者相差25个百分点（据上引两数计算）"},
		// 分别是多少 asks a figure of each, and 哪个大 is answered from the
		// two figures.
		{"000_006ff7903b525843", "观湖北产业片区土地整备入库面积和国际医疗器械城产业片区土地整备实施范围分别是多少公顷?哪个大?", "后者（71.37公顷）更大（据上引两数比较）"},
		// …，还差多少个百分点 is its own ask, answered last by the
		// difference; 100%入库 states the 入库率 asked.
		{"000_006ff7903b525843", "观湖北产业片区土地整备项目,2023年入库率做到多少了?2024年要达到多少,还差多少个百分点?", "两者相差16.1个百分点（据上引两数计算）"},
	})
}
