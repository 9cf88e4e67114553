package brief

import (
	"strings"
	"testing"

	"github.com/reportbot/reportbot/report"
)

func TestPolarityOf(t *testing.T) {
	cases := []struct {
		metric string
		want   Polarity
	}{
		{"违法犯罪总警情", LowerIsBetter},
		{"刑事案件", LowerIsBetter},
		{"生产安全事故死亡人数", LowerIsBetter},
		{"单位GDP能耗", LowerIsBetter}, // the head is 能耗, not GDP
		{"单位地区生产总值能源消耗", LowerIsBetter},
		{"城镇调查失业率", LowerIsBetter},
		{"PM2.5平均浓度", LowerIsBetter},
		{"pm2.5浓度", LowerIsBetter},
		{"重污染天数", LowerIsBetter},
		{"规上工业总产值", HigherIsBetter},
		{"社会消费品零售总额", HigherIsBetter},
		{"城镇新增就业", HigherIsBetter},
		{"污染防治投资", HigherIsBetter}, // an investment, though it names pollution
		{"空气质量优良天数比例", HigherIsBetter},
		{"居民消费价格", PolarityUnknown}, // a price: neither
		{"常住人口", PolarityUnknown},
		{"建设进度", PolarityUnknown},
		{"", PolarityUnknown},
	}
	for _, tc := range cases {
		if got := PolarityOf(tc.metric); got != tc.want {
			t.Errorf("PolarityOf(%q) = %v, want %v", tc.metric, got, tc.want)
		}
	}
}

func TestOutcomeOf(t *testing.T) {
	cases := []struct {
		p    Polarity
		d    report.Direction
		want Outcome
	}{
		{HigherIsBetter, report.Up, OutcomeGood},
		{HigherIsBetter, report.Down, OutcomeBad},
		{LowerIsBetter, report.Down, OutcomeGood},
		{LowerIsBetter, report.Up, OutcomeBad},
		{PolarityUnknown, report.Up, OutcomeNeutral},
		{HigherIsBetter, "", OutcomeNeutral},
	}
	for _, tc := range cases {
		if got := OutcomeOf(tc.p, tc.d); got != tc.want {
			t.Errorf("OutcomeOf(%v, %q) = %q, want %q", tc.p, tc.d, got, tc.want)
		}
	}
}

// TestChartColoursByOutcome checks the whole-report chart of the seed:
// 违法犯罪总警情 fell 22.1%, which is good news, so its bar is green
// (class good) like the rises of output, and the legend names the
// colours.
func TestChartColoursByOutcome(t *testing.T) {
	b := build(t, seed(t), Options{})
	var crime *ChangeBar
	for i := range b.Changes {
		if b.Changes[i].Metric == "违法犯罪总警情" {
			crime = &b.Changes[i]
		}
	}
	if crime == nil {
		t.Fatalf("changes %+v lack 违法犯罪总警情", b.Changes)
	}
	if crime.Direction != report.Down || crime.Outcome != OutcomeGood {
		t.Errorf("违法犯罪总警情 change = %+v, want down and good", *crime)
	}
	bars, _ := b.bars()
	for i, bar := range bars {
		if want := outcomeClass(b.Changes[i].Outcome); bar.Class != want {
			t.Errorf("bar %q class %q, want %q", bar.Label, bar.Class, want)
		}
		if b.Changes[i].Metric == "违法犯罪总警情" && (bar.Class != "good" || !strings.Contains(bar.Value, "↓22.1%") || !strings.Contains(bar.Value, "向好")) {
			t.Errorf("crime bar = %+v, want class good showing ↓22.1%% 向好", bar)
		}
	}
	page := string(b.HTML())
	for _, want := range []string{`<span class="swatch good"></span>向好`, `<span class="swatch bad"></span>需关注`, `<span class="swatch neutral"></span>无好坏之分`, "犯罪、事故、能耗、失业"} {
		if !strings.Contains(page, want) {
			t.Errorf("HTML legend lacks %s", want)
		}
	}
	if strings.Contains(page, `class="bar-down"`) || strings.Contains(page, `class="bar-up"`) {
		t.Errorf("HTML still colours bars by direction")
	}
	md := string(b.Markdown())
	if !strings.Contains(md, "| 违法犯罪总警情 | ↓22.1% | 向好 |") {
		t.Errorf("markdown does not list the fall in crime as 向好")
	}
}
