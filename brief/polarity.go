package brief

import (
	"strings"

	"github.com/reportbot/reportbot/report"
)

// Polarity says which way an indicator is better.
type Polarity int

// The polarities.
const (
	// PolarityUnknown is an indicator whose change is neither good nor
	// bad in itself (prices, population) or that the vocabulary does not
	// know.
	PolarityUnknown Polarity = iota
	HigherIsBetter           // output, income, investment, jobs
	LowerIsBetter            // crime, accidents, energy use, unemployment, PM2.5
)

// String names the polarity for logs and test messages.
func (p Polarity) String() string {
	switch p {
	case HigherIsBetter:
		return "higher-is-better"
	case LowerIsBetter:
		return "lower-is-better"
	}
	return "unknown"
}

// Outcome is how a change reads for its indicator.
type Outcome string

// The outcomes. A chart colours them; the text names them too, so the
// brief reads the same in black and white.
const (
	OutcomeGood    Outcome = "good"    // a rise of a HigherIsBetter indicator, a fall of a LowerIsBetter one
	OutcomeBad     Outcome = "bad"     // the reverse
	OutcomeNeutral Outcome = "neutral" // PolarityUnknown, or no direction
)

// Label returns the outcome in Chinese for tables and charts: 向好,
// 需关注, or "" for neutral.
func (o Outcome) Label() string {
	switch o {
	case OutcomeGood:
		return "向好"
	case OutcomeBad:
		return "需关注"
	}
	return ""
}

// polarityWords is the vocabulary of indicators in Chinese work reports
// and which way each is better. It is about the genre, not one report. An
// indicator's polarity is that of the word that ends last in its name,
// because a Chinese noun phrase ends in its head: 污染防治投资 is an
// investment, 单位GDP能耗 an energy use, 居民消费价格 a price.
var polarityWords = []struct {
	word string
	p    Polarity
}{
	// A fall is good.
	{"犯罪", LowerIsBetter}, {"警情", LowerIsBetter}, {"案件", LowerIsBetter}, {"发案", LowerIsBetter},
	{"刑事", LowerIsBetter}, {"事故", LowerIsBetter}, {"死亡", LowerIsBetter}, {"伤亡", LowerIsBetter},
	{"火灾", LowerIsBetter}, {"亡人", LowerIsBetter}, {"能耗", LowerIsBetter}, {"能源消耗", LowerIsBetter},
	{"煤耗", LowerIsBetter}, {"水耗", LowerIsBetter}, {"用水量", LowerIsBetter}, {"排放", LowerIsBetter},
	{"碳排放", LowerIsBetter}, {"污染", LowerIsBetter}, {"PM2.5", LowerIsBetter}, {"PM10", LowerIsBetter},
	{"细颗粒物", LowerIsBetter}, {"可吸入颗粒物", LowerIsBetter}, {"浓度", LowerIsBetter}, {"臭氧", LowerIsBetter},
	{"二氧化硫", LowerIsBetter}, {"氮氧化物", LowerIsBetter}, {"化学需氧量", LowerIsBetter}, {"氨氮", LowerIsBetter},
	{"失业", LowerIsBetter}, {"贫困", LowerIsBetter}, {"负债", LowerIsBetter}, {"债务", LowerIsBetter},
	{"亏损", LowerIsBetter}, {"隐患", LowerIsBetter}, {"拥堵", LowerIsBetter}, {"投诉", LowerIsBetter},
	{"信访", LowerIsBetter}, {"违建", LowerIsBetter}, {"违法建筑", LowerIsBetter}, {"超标", LowerIsBetter},
	{"黑臭", LowerIsBetter}, {"劣V类", LowerIsBetter}, {"劣Ⅴ类", LowerIsBetter}, {"重污染", LowerIsBetter},
	{"耗时", LowerIsBetter}, {"时长", LowerIsBetter}, {"办结时间", LowerIsBetter}, {"成本", LowerIsBetter},
	{"欠薪", LowerIsBetter}, {"纠纷", LowerIsBetter},
	// A rise is good.
	{"生产总值", HigherIsBetter}, {"GDP", HigherIsBetter}, {"产值", HigherIsBetter}, {"增加值", HigherIsBetter},
	{"投资", HigherIsBetter}, {"收入", HigherIsBetter}, {"营收", HigherIsBetter}, {"营业收入", HigherIsBetter},
	{"零售", HigherIsBetter}, {"销售额", HigherIsBetter}, {"消费", HigherIsBetter}, {"税收", HigherIsBetter},
	{"利润", HigherIsBetter}, {"出口", HigherIsBetter}, {"进出口", HigherIsBetter}, {"外贸", HigherIsBetter},
	{"企业", HigherIsBetter}, {"市场主体", HigherIsBetter}, {"就业", HigherIsBetter}, {"产量", HigherIsBetter},
	{"资产", HigherIsBetter}, {"盈利", HigherIsBetter}, {"优良", HigherIsBetter}, {"覆盖率", HigherIsBetter},
	{"达标率", HigherIsBetter}, {"满意", HigherIsBetter}, {"研发", HigherIsBetter}, {"专利", HigherIsBetter},
	{"人才", HigherIsBetter}, {"游客", HigherIsBetter}, {"旅游", HigherIsBetter}, {"货运量", HigherIsBetter},
	{"客运量", HigherIsBetter}, {"吞吐量", HigherIsBetter}, {"存款", HigherIsBetter}, {"贷款", HigherIsBetter},
	{"森林", HigherIsBetter}, {"绿化", HigherIsBetter}, {"预期寿命", HigherIsBetter}, {"学位", HigherIsBetter},
	{"床位", HigherIsBetter}, {"托位", HigherIsBetter}, {"成交额", HigherIsBetter}, {"交易额", HigherIsBetter},
	{"营业额", HigherIsBetter}, {"规模", HigherIsBetter}, {"贸易", HigherIsBetter}, {"外资", HigherIsBetter},
	{"内资", HigherIsBetter}, {"效益", HigherIsBetter}, {"发送量", HigherIsBetter}, {"周转量", HigherIsBetter},
	// Neither: a price or a count of people moves both ways for good reasons.
	{"价格", PolarityUnknown}, {"物价", PolarityUnknown}, {"CPI", PolarityUnknown}, {"人口", PolarityUnknown},
	{"汇率", PolarityUnknown},
}

// PolarityOf returns the polarity of an indicator named metric: that of
// the vocabulary word that ends last in it (the longer on a tie), or
// PolarityUnknown when none occurs.
func PolarityOf(metric string) Polarity {
	metric = strings.ToUpper(metric)
	best, bestEnd, bestLen := PolarityUnknown, -1, 0
	for _, w := range polarityWords {
		i := strings.LastIndex(metric, w.word)
		if i < 0 {
			continue
		}
		end := i + len(w.word)
		if end > bestEnd || end == bestEnd && len(w.word) > bestLen {
			best, bestEnd, bestLen = w.p, end, len(w.word)
		}
	}
	return best
}

// OutcomeOf says how a change in direction d reads for an indicator of
// polarity p.
func OutcomeOf(p Polarity, d report.Direction) Outcome {
	switch {
	case p == PolarityUnknown || d != report.Up && d != report.Down:
		return OutcomeNeutral
	case (p == HigherIsBetter) == (d == report.Up):
		return OutcomeGood
	}
	return OutcomeBad
}
