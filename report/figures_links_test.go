package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// linkView is what the tests of units, milestones, reached levels and
// change links compare. ChangeOf holds the Raw of the base figure.
type linkView struct {
	Raw       string
	Unit      string
	Scale     string
	Qualifier string
	Approx    bool
	Kind      Kind
	Metric    string
	ChangeOf  string
	Milestone bool
	Reached   bool
}

func viewLink(doc *Report, f *Figure) linkView {
	v := linkView{
		Raw: f.Raw, Unit: f.Unit, Scale: f.Scale, Qualifier: f.Qualifier, Approx: f.Approx, Kind: f.Kind,
		Metric: f.Metric, Milestone: f.Milestone, Reached: f.Reached,
	}
	if b := doc.Figure(f.ChangeOf); b != nil {
		v.ChangeOf = b.Raw
	}
	return v
}

// figureRaws lists the Raw of every figure of doc.
func figureRaws(doc *Report) []string {
	raws := []string{}
	for _, f := range doc.Figures {
		raws = append(raws, f.Raw)
	}
	return raws
}

// checkFigures parses text and compares its figures, in order, with want.
func checkFigures(t *testing.T, text string, want []linkView) {
	t.Helper()
	doc := mustParse(t, text)
	if len(doc.Figures) != len(want) {
		t.Fatalf("ParseString(%q): figures %q, want %d of them", text, figureRaws(doc), len(want))
	}
	for i, f := range doc.Figures {
		if diff := cmp.Diff(want[i], viewLink(doc, f)); diff != "" {
			t.Errorf("ParseString(%q): figure %d (%s) mismatch (-want +got):\n%s", text, i, f.Raw, diff)
		}
	}
}

// TestFigureUnits checks measure words of counts (62枚 金牌) and units
// that are the first character of a longer word (台 of 台阶), which are
// no units there, with the same sentences as the reports.
func TestFigureUnits(t *testing.T) {
	tests := []struct {
		name, text string
		want       []linkView
	}{
		{
			// 04_jilin: no figure came out of this sentence, because 枚
			// was no unit; 第十四届 and 第2位 are ordinals and stay out.
			name: "枚 counts medals",
			text: "吉林健儿在全国第十四届冬运会上获得62枚金牌、位列金牌榜第2位。",
			want: []linkView{{Raw: "62枚", Unit: "枚", Kind: Actual, Metric: "四届冬运会上获得金牌"}},
		},
		{
			// 2026-guizhou: 160Eflops was read as a code (like 5G).
			name: "EFLOPS measures computing power",
			text: "全省算力规模突破160Eflops，新建5G基站1万个。",
			want: []linkView{
				{Raw: "160Eflops", Unit: "Eflops", Kind: Actual, Qualifier: "突破", Approx: true, Metric: "算力规模", Reached: true},
				{Raw: "1万个", Unit: "个", Scale: "万", Kind: Actual, Metric: "新建5G基站"},
			},
		},
		{
			name: "颗 counts satellites",
			text: "“吉林一号”组网卫星增至144颗，带动上下游产业发展。",
			want: []linkView{{Raw: "144颗", Unit: "颗", Kind: Actual, Metric: "吉林一号组网卫星", Reached: true}},
		},
		{
			name: "款 counts products",
			text: "34款创新药械获批上市。",
			want: []linkView{{Raw: "34款", Unit: "款", Kind: Actual, Metric: "创新药械获批上市"}},
		},
		{
			// 2026-hunan: was Raw 5万亿台 with the unit 台 (machines).
			name: "台阶 is no 台",
			text: "地区生产总值迈上5万亿台阶、五年增量超1.36万亿元，人均地区生产总值达1.19万美元。",
			want: []linkView{
				{Raw: "5万亿", Scale: "万亿", Qualifier: "迈上", Approx: true, Kind: Actual, Metric: "地区生产总值", Milestone: true, Reached: true},
				{Raw: "1.36万亿元", Unit: "元", Scale: "万亿", Qualifier: "超", Approx: true, Kind: Actual, Metric: "五年增量"},
				{Raw: "1.19万美元", Unit: "美元", Scale: "万", Kind: Actual, Metric: "人均地区生产总值", Reached: true},
			},
		},
		{
			name: "门槛 is no 门",
			text: "营业收入迈过5000亿门槛。",
			want: []linkView{{Raw: "5000亿", Scale: "亿", Qualifier: "迈过", Approx: true, Kind: Actual, Metric: "营业收入", Milestone: true, Reached: true}},
		},
		{
			name: "a unit before a word that starts after it stays: 名 + 儿童",
			text: "惠及168万名儿童。",
			want: []linkView{{Raw: "168万名", Unit: "名", Scale: "万", Kind: Actual, Metric: "惠儿童"}},
		},
		{
			name: "所 + 以上",
			text: "义务教育学校500所以上。",
			want: []linkView{{Raw: "500所", Unit: "所", Qualifier: "以上", Approx: true, Kind: Actual, Metric: "义务教育学校"}},
		},
		{
			name: "个 counts whatever follows: 个人",
			text: "帮扶100个人。",
			want: []linkView{{Raw: "100个", Unit: "个", Kind: Actual, Metric: "帮扶"}},
		},
		{
			name: "人 counts people: 人口",
			text: "教育学校覆盖20万人口以上的县。",
			want: []linkView{{Raw: "20万人", Unit: "人", Scale: "万", Kind: Actual, Metric: "教育学校覆盖口以上的县"}},
		},
		{
			name: "a noun the unit counts: 部门",
			text: "省林草局等6部门联合印发。",
			want: []linkView{{Raw: "6部", Unit: "部", Kind: Actual, Metric: "省林草局门联合印发"}},
		},
		{
			name: "a duration: 年内",
			text: "争取3年内完成。",
			want: []linkView{{Raw: "3年", Unit: "年", Kind: Actual, Metric: "内完成"}},
		},
		{
			name: "a unit compound: 兆瓦时",
			text: "推出全球首款量产级9兆瓦时储能系统。",
			want: []linkView{{Raw: "9兆瓦时", Unit: "兆瓦时", Kind: Actual, Metric: "出全球首款量产级储能系统"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { checkFigures(t, tc.text, tc.want) })
	}
}

// TestNotFiguresUnitInWord checks that a unit taken away by the word it
// starts leaves no figure behind when there is no scale (7亿吨级 is a
// grade, not 7亿; 3台阶 is no count of machines).
func TestNotFiguresUnitInWord(t *testing.T) {
	for _, text := range []string{"平凉7亿吨级冶镁白云岩。", "再上3台阶。"} {
		if doc := mustParse(t, text); len(doc.Figures) > 0 {
			t.Errorf("ParseString(%q): figures %q, want none", text, figureRaws(doc))
		}
	}
}

// TestMilestones checks thresholds crossed: a value followed by 台阶,
// 大关, 门槛…, a count of them, a list of them, and 突破万亿级.
func TestMilestones(t *testing.T) {
	tests := []struct {
		name, text string
		want       []linkView
	}{
		{
			name: "a count of thresholds, then the level reached",
			text: "地区生产总值跨越3个千亿元台阶，达到1.5万亿元、增长19.8%。",
			want: []linkView{
				{Raw: "3个", Unit: "个", Kind: Actual, Metric: "地区生产总值千亿元台阶", Milestone: true},
				{Raw: "1.5万亿元", Unit: "元", Scale: "万亿", Kind: Actual, Metric: "地区生产总值", Reached: true},
				{Raw: "19.8%", Unit: "%", Kind: Change, Metric: "地区生产总值", ChangeOf: "1.5万亿元"},
			},
		},
		{
			// The count is exact: 跨过 qualifies the thresholds.
			name: "跨过3个万亿元大关",
			text: "经济总量连续跨过3个万亿元大关，占全国比重提升至7.4%。",
			want: []linkView{
				{Raw: "3个", Unit: "个", Kind: Actual, Metric: "经济总量万亿元大关", Milestone: true},
				{Raw: "7.4%", Unit: "%", Kind: Actual, Metric: "占全国比重", Reached: true},
			},
		},
		{
			name: "two thresholds and their count",
			text: "经济总量连续迈上4万亿、5万亿两个台阶。",
			want: []linkView{
				{Raw: "4万亿", Scale: "万亿", Qualifier: "迈上", Approx: true, Kind: Actual, Metric: "经济总量", Milestone: true, Reached: true},
				{Raw: "5万亿", Scale: "万亿", Kind: Actual, Metric: "经济总量", Milestone: true, Reached: true},
			},
		},
		{
			name: "a threshold is never the base of a change",
			text: "地区生产总值跨越5000亿元大关，年均增长5.7%。",
			want: []linkView{
				{Raw: "5000亿元", Unit: "元", Scale: "亿", Qualifier: "跨越", Approx: true, Kind: Actual, Metric: "地区生产总值", Milestone: true, Reached: true},
				{Raw: "5.7%", Unit: "%", Kind: Change, Metric: "地区生产总值"},
			},
		},
		{
			name: "新台阶",
			text: "粮食综合生产能力迈上1000亿斤新台阶。",
			want: []linkView{{Raw: "1000亿斤", Unit: "斤", Scale: "亿", Qualifier: "迈上", Approx: true, Kind: Actual, Metric: "粮食综合生产能力", Milestone: true, Reached: true}},
		},
		{
			name: "a round threshold",
			text: "林草产业总产值在全国率先突破万亿元大关。",
			want: []linkView{{Raw: "万亿元", Unit: "元", Scale: "万亿", Qualifier: "突破", Approx: true, Kind: Actual, Metric: "林草产业总产值", Milestone: true, Reached: true}},
		},
		{
			name: "a class reached",
			text: "营业收入突破万亿级。",
			want: []linkView{{Raw: "万亿", Scale: "万亿", Qualifier: "突破", Approx: true, Kind: Actual, Metric: "营业收入", Milestone: true, Reached: true}},
		},
		{
			name: "连跨两个千亿台阶: 台 is not the unit of the thresholds",
			text: "金川集团工业总产值连跨两个千亿台阶。",
			want: []linkView{{Raw: "两个", Unit: "个", Kind: Actual, Metric: "金川集团工业总产值千亿台阶", Milestone: true}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { checkFigures(t, tc.text, tc.want) })
	}
}

// TestChangeOfLevel checks that a change points to the level of the same
// metric next to it, before or after it, in the report sentences of the
// forms X达到A、…、增长B% and X增长B%、达到A, and that lists paired by 分别
// pair in order.
func TestChangeOfLevel(t *testing.T) {
	tests := []struct {
		name, text string
		want       []linkView
	}{
		{
			// 2026-hunan: 4.8% was of nothing, its metric 稳居全国前十强.
			name: "X达到A、…、增长B%",
			text: "全省地区生产总值达到5.53万亿元、稳居全国前十强、增长4.8%。",
			want: []linkView{
				{Raw: "5.53万亿元", Unit: "元", Scale: "万亿", Kind: Actual, Metric: "地区生产总值", Reached: true},
				{Raw: "4.8%", Unit: "%", Kind: Change, Metric: "地区生产总值", ChangeOf: "5.53万亿元"},
			},
		},
		{
			// 2026-shandong: 5.5% was of nothing, 10.3万亿元 measured 到.
			name: "X增长B%、达到A",
			text: "地区生产总值增长5.5%、达到10.3万亿元，成为全国第三个、北方首个经济总量突破10万亿元的省份。",
			want: []linkView{
				{Raw: "5.5%", Unit: "%", Kind: Change, Metric: "地区生产总值", ChangeOf: "10.3万亿元"},
				{Raw: "10.3万亿元", Unit: "元", Scale: "万亿", Kind: Actual, Metric: "地区生产总值", Reached: true},
				{Raw: "10万亿元", Unit: "元", Scale: "万亿", Qualifier: "突破", Approx: true, Kind: Actual, Metric: "成为全国第三个、北方首个经济总量", Reached: true},
			},
		},
		{
			// 2026-sichuan.
			name: "X增长B%、达到A (资产总额)",
			text: "全省地方国企资产总额增长116.2%、达到23.2万亿元。",
			want: []linkView{
				{Raw: "116.2%", Unit: "%", Kind: Change, Metric: "地方国企资产总额", ChangeOf: "23.2万亿元"},
				{Raw: "23.2万亿元", Unit: "元", Scale: "万亿", Kind: Actual, Metric: "地方国企资产总额", Reached: true},
			},
		},
		{
			// 2026-guangxi: 8000亿元 measured 总额.
			name: "X增长B%，总额突破A",
			text: "外贸进出口增长8.4%，总额突破8000亿元、排西部第二。",
			want: []linkView{
				{Raw: "8.4%", Unit: "%", Kind: Change, Metric: "外贸进出口", ChangeOf: "8000亿元"},
				{Raw: "8000亿元", Unit: "元", Scale: "亿", Qualifier: "突破", Approx: true, Kind: Actual, Metric: "外贸进出口", Reached: true},
			},
		},
		{
			// 2026-jiangsu: 5.7% was of nothing, its metric 年均.
			name: "X达A、年均增长B%",
			text: "地区生产总值连续迈上4个万亿元台阶、达14.2万亿元、年均增长5.7%。",
			want: []linkView{
				{Raw: "4个", Unit: "个", Kind: Actual, Metric: "地区生产总值万亿元台阶", Milestone: true},
				{Raw: "14.2万亿元", Unit: "元", Scale: "万亿", Kind: Actual, Metric: "地区生产总值", Reached: true},
				{Raw: "5.7%", Unit: "%", Kind: Change, Metric: "地区生产总值", ChangeOf: "14.2万亿元"},
			},
		},
		{
			// 2026-shaanxi: both measured 到.
			name: "the subject of the clause before",
			text: "全省进出口总值创历史新高，达到5379亿元、增长18.5％。",
			want: []linkView{
				{Raw: "5379亿元", Unit: "元", Scale: "亿", Kind: Actual, Metric: "进出口总值", Reached: true},
				{Raw: "18.5％", Unit: "%", Kind: Change, Metric: "进出口总值", ChangeOf: "5379亿元"},
			},
		},
		{
			// 2026-shandong: 4.5个百分点 was of 5年.
			name: "a duration is no base",
			text: "常住人口城镇化率达到67.5%、5年提高4.5个百分点。",
			want: []linkView{
				{Raw: "67.5%", Unit: "%", Kind: Actual, Metric: "常住人口城镇化率", Reached: true},
				{Raw: "5年", Unit: "年", Kind: Actual, Metric: "常住人口城镇化率"},
				{Raw: "4.5个百分点", Unit: "个百分点", Kind: Change, Metric: "常住人口城镇化率", ChangeOf: "67.5%"},
			},
		},
		{
			// 2026-hunan: 16.3% measured 较十三五.
			name: "the base of a comparison is no metric",
			text: "地方一般公共预算收入累计超1.6万亿元、较“十三五”增长16.3%。",
			want: []linkView{
				{Raw: "1.6万亿元", Unit: "元", Scale: "万亿", Qualifier: "超", Approx: true, Kind: Actual, Metric: "地方一般公共预算收入"},
				{Raw: "16.3%", Unit: "%", Kind: Change, Metric: "地方一般公共预算收入", ChangeOf: "1.6万亿元"},
			},
		},
		{
			// 2026-gansu: 32.9% was of 1.27万亿元, 41.6% of nothing.
			name: "分别 pairs two lists in order",
			text: "接待游客17.52亿人次、旅游花费1.27万亿元，分别增长32.9%、41.6%。",
			want: []linkView{
				{Raw: "17.52亿人次", Unit: "人次", Scale: "亿", Kind: Actual, Metric: "接待游客"},
				{Raw: "1.27万亿元", Unit: "元", Scale: "万亿", Kind: Actual, Metric: "旅游花费"},
				{Raw: "32.9%", Unit: "%", Kind: Change, Metric: "接待游客", ChangeOf: "17.52亿人次"},
				{Raw: "41.6%", Unit: "%", Kind: Change, Metric: "旅游花费", ChangeOf: "1.27万亿元"},
			},
		},
		{
			// 2026-jiangsu: 4.2% was of 3.4万元.
			name: "a list of levels pairs with a list of changes",
			text: "城乡居民人均可支配收入分别达6.9万元、3.4万元，增长4.2%、5.3%。",
			want: []linkView{
				{Raw: "6.9万元", Unit: "元", Scale: "万", Kind: Actual, Metric: "城乡居民人均可支配收入", Reached: true},
				{Raw: "3.4万元", Unit: "元", Scale: "万", Kind: Actual, Metric: "城乡居民人均可支配收入", Reached: true},
				{Raw: "4.2%", Unit: "%", Kind: Change, Metric: "城乡居民人均可支配收入", ChangeOf: "6.9万元"},
				{Raw: "5.3%", Unit: "%", Kind: Change, Metric: "城乡居民人均可支配收入", ChangeOf: "3.4万元"},
			},
		},
		{
			name: "a change of another metric stays apart",
			text: "规模以上工业企业达7.6万家、增加值增长3%。",
			want: []linkView{
				{Raw: "7.6万家", Unit: "家", Scale: "万", Kind: Actual, Metric: "规模以上工业企业", Reached: true},
				{Raw: "3%", Unit: "%", Kind: Change, Metric: "增加值"},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { checkFigures(t, tc.text, tc.want) })
	}
}

// TestReached checks the levels said to be reached, and that the period
// of a level reached in the 十四五 review stays the review's five years
// (the figure gold's 2021-2025): Reached says it is the level of 2025.
func TestReached(t *testing.T) {
	doc := mustParse(t, genreDoc(
		"“十四五”时期，地区生产总值从11.37万亿元提高到14.58万亿元，人均地区生产总值达13.7万元。"+
			"经济总量超过6万亿元，下达资金50亿元。全体居民人均可支配收入由2.57万元增加到2025年的3.52万元。",
		"到2030年，地区生产总值达到18万亿元。",
		"城乡居民人均可支配收入分别提高到58794元和23184元。"))
	want := map[string]string{
		"11.37万亿元": "-", "14.58万亿元": "reached 2021-2025", "13.7万元": "reached 2021-2025",
		"6万亿元": "-", "50亿元": "-", "2.57万元": "-", "3.52万元": "reached 2025",
		"18万亿元": "reached 2030", "58794元": "reached 2026", "23184元": "reached 2026",
	}
	for _, f := range doc.Figures {
		w, ok := want[f.Raw]
		if !ok {
			t.Errorf("unexpected figure %s", f.Raw)
			continue
		}
		delete(want, f.Raw)
		got := "-"
		if f.Reached {
			got = "reached " + f.Period
		}
		if got != w {
			t.Errorf("figure %s: %s, want %s", f.Raw, got, w)
		}
	}
	for raw := range want {
		t.Errorf("no figure %s", raw)
	}
}

// TestReportSentences checks the figures of the sentences above where
// they stand in their reports: in a headline paragraph, after a session
// ordinal (第十四届), in a five-year review.
func TestReportSentences(t *testing.T) {
	tests := []struct {
		file, sentence string
		want           []string // Raw and flags: 5万亿 milestone reached, 4.8% of 5.53万亿元
	}{
		{filepath.Join("testdata", jilinFile+".txt"), "吉林健儿在全国第十四届冬运会上获得62枚金牌", []string{"62枚"}},
		{filepath.Join(corpusDir, "2026-hunan.txt"), "地区生产总值迈上5万亿台阶", []string{"5万亿 milestone reached", "1.36万亿元", "1.19万美元 reached"}},
		{filepath.Join(corpusDir, "2026-hunan.txt"), "全省地区生产总值达到5.53万亿元、稳居全国前十强", []string{
			"5.53万亿元 reached", "4.8% of 5.53万亿元", "6.2%", "0.3个百分点", "3507.6亿元 reached", "1.7% of 3507.6亿元", "2.5%",
			"39545元 reached", "5% of 39545元", "5.8%", "1个百分点", "620亿斤 reached",
		}},
		{filepath.Join(corpusDir, "2026-jiangsu.txt"), "地区生产总值连续迈上4个万亿元台阶", []string{"4个 milestone", "14.2万亿元 reached", "5.7% of 14.2万亿元", "16.7万元 reached", "万亿元"}},
	}
	for _, tc := range tests {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			b, err := os.ReadFile(tc.file)
			if err != nil {
				t.Skip(err)
			}
			doc := mustParse(t, string(b))
			var got []string
			for _, s := range doc.Sentences {
				if !strings.Contains(doc.Slice(s.Span), tc.sentence) {
					continue
				}
				for _, f := range doc.Figures {
					if f.Sentence != s {
						continue
					}
					v := f.Raw
					if f.Milestone {
						v += " milestone"
					}
					if f.Reached {
						v += " reached"
					}
					if base := doc.Figure(f.ChangeOf); base != nil {
						v += " of " + base.Raw
					}
					got = append(got, v)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("figures of the sentence %q in %s (-want +got):\n%s", tc.sentence, tc.file, diff)
			}
		})
	}
}
