package qa

import (
	"strings"
	"testing"

	"github.com/reportbot/reportbot/answer"
)

// TestFigureSubjects: which figure of a real report answers, when its
// words name its subject only through the sentence or the list around
// it, and when the nearest figure is of another subject.
func TestFigureSubjects(t *testing.T) {
	checkAnswers(t, []answerCase{
		// a target list of one subject per item (…；居民消费价格涨幅2%左右；粮食产量615亿斤左右；)
		{"2026-hunan", "What consumer price (CPI) target did Hunan set for 2026?", "2%"},
		// a share naming its subject before the sentence's first figure
		{"2026-shanxi", "What share of Shanxi's installed power capacity did new and clean energy account for in 2025?", "55.1%"},
		{"2026-shanxi", "2025年山西新能源和清洁能源装机占比是多少?", "55.1%"},
		// 人均 asked in English as average
		{"2026-shaanxi", "What average life expectancy had Shaanxi reached by the end of the 14th Five-Year Plan?", "78.9岁"},
		// a growth rate whose subject is the sentence's head, under a five-year heading
		{"2026-sichuan", "What was Sichuan's average annual economic growth rate over the 14th Five-Year Plan period?", "5.7%"},
		// the question gives one figure (810个) and asks the other
		{"2026-sichuan", "四川2025年810个省重点项目一共完成了多少投资?", "10428.6亿元"},
		// 新增运营里程30公里 is not the total; 地铁 stands earlier in the sentence
		{"2026-beijing", "截至2025年底北京地铁运营总里程达到多少公里？", "909公里"},
		// 总产量 after 粮食主产省: the modifier is elided
		{"04_jilin-2025-zhengfu-gongzuo-baogao", "2024年吉林粮食总产量达到多少?", "853.2亿斤"},
		// a five-year goal said to be reached is the level of its last year
		{"2026-jilin", "By 2030, what urbanization rate of the resident population does Jilin aim to reach?", "69%"},
		{"2026-jilin", "2030年吉林常住人口城镇化率目标是多少?", "69%"},
		// 人均生产总值 is another metric, even with 地区 nearby
		{"2026-shandong", "2025年山东地区生产总值是多少?", "10.3万亿元"},
		// 外贸进出口 (the first form of foreign trade) over 对东盟进出口
		{"2026-guangxi", "How fast did Guangxi's foreign trade grow in 2025?", "8.4%"},
		// an official term no form of which the report uses: the metric is not there
		{"2026-beijing", "What was Beijing's total grain output in 2025?", ""},
		// everyday words: 多出来 is 新增, and 新增 then counts as asked
		{"000_006ff7903b525843", "想把娃送托,观湖去年新多出来多少个托位?", "141个"},
		{"000_006ff7903b525843", "去年观湖这边卖车一共卖了多少钱?", "5.78亿元"},
		// how long asks the length (里程), a level, not 新增运营里程
		{"2026-beijing", "How long is Beijing's operating metro network after 2025?", "909公里"},
		// 增加值 is not an increment
		{"2026-jiangsu", "What share of Jiangsu's GDP did the private economy account for in 2025?", "58.5%"},
		// 这几年 is a time, not a question of how many years; 不错 is 优良
		{"2026-hunan", "湖南这几年一年里空气不错的日子能占到多大比例？", "91.3%"},
		{"2026-shandong", "现在山东人平均能活到多少岁?", "80.5岁"},
		// 由2110公里增至3055公里: the level is the end of the pair
		{"2026-shandong", "How long was Shandong's high-speed rail network at the end of the 14th Five-Year Plan?", "3055公里"},
		// 高速公路由7473公里增至9310公里: the unit says 里程
		{"2026-shandong", "“十四五”期间山东高速公路通车里程从多少增加到多少?", "9310公里"},
		// a level stated bare in a five-year review is the level at its end
		{"2026-henan", "2025年河南生产总值是多少?", "6.66万亿元"},
		// 超500亿元的县域 is a threshold, not the region's GDP
		{"2026-guangxi", "2025年广西地区生产总值总量达到了多少亿元？", ""},
		// 总投资额 asks money: an area (71.37公顷) does not answer
		{"000_006ff7903b525843", "国际医疗器械城项目的总投资额是多少?", ""},
		{"000_006ff7903b525843", "居民通过线上渠道反映的问题,去年平均多久能办完?", "0.95天"},
		// 一般公共预算收入 is not 一般公共预算支出
		{"2026-ningxia", "宁夏2026年一般公共预算支出总额安排了多少?", ""},
	})
}

// TestBareTotal: a total written right after the figure it adds up
// (新增数字经济企业20家,总计137家) counts what that figure counts.
func TestBareTotal(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"000_006ff7903b525843", "观湖的数字经济企业总数是多少?", "总计137家"},
	})
}

func TestBareTotalWords(t *testing.T) {
	tests := []struct {
		window, raw string
		want        bool
	}{
		{"总计137家", "137家", true},
		{"累计达543家", "543家", true},
		{"新增数字经济企业20家", "20家", false},
		{"137家", "137家", false},
	}
	for _, tt := range tests {
		if got := bareTotal(tt.window, tt.raw); got != tt.want {
			t.Errorf("bareTotal(%q, %q) = %v, want %v", tt.window, tt.raw, got, tt.want)
		}
	}
}

// TestRelativeYearIsOneYear: 去年 and 今年 name one year of the report, so
// a five-year average (年均分别增长4.5%) does not answer them.
func TestRelativeYearIsOneYear(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"2026-guizhou", "去年一般公共预算收入增长多少？", "增长2.5%"},
		{"2026-guizhou", "今年地区生产总值预期增长多少？", "5%左右"},
	})
}

// TestDeadlineYear: 到2023年底 in a report that reviews 2023 asks for a
// result (截至); 到2030年 ahead of the report asks for a goal.
func TestDeadlineYear(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"000_006ff7903b525843", "到2023年底,“四上”企业一共有多少家?", "543家"},
		{"2026-anhui", "到2030年人均预期寿命要提高到多少？", "80岁以上"},
	})
}

// TestChangeQuotedWithBase: a change is quoted with the figure it changes
// (实现地区生产总值67665亿元，增长5.5%), so the quote names its subject.
func TestChangeQuotedWithBase(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"2026-sichuan", "How much did GDP grow in 2025?", "地区生产总值67665亿元，增长5.5%"},
	})
}

// TestTotalIsMoney: a 总额 or 总值 is an amount of money, not a count of
// firms that trade (净增有进出口实绩企业485家).
func TestTotalIsMoney(t *testing.T) {
	as := checkAnswers(t, []answerCase{
		{"2026-gansu", "2025年进出口总额是多少？", "700亿元"},
	})
	if strings.Contains(as[0].Text, "485家") {
		t.Errorf("answered with a count of firms: %q", as[0].Text)
	}
}

// TestAverageNeedsAverage: an average annual growth is a figure the
// report calls one (年均增长), not a change in a share over the period.
func TestAverageNeedsAverage(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"2026-shandong", "What was the average annual GDP growth during the 14th Five-Year Plan?", "5.9%"},
	})
	e, _ := engineFor(t, reportFile("2026-hunan"))
	a := ask(t, e, answer.Request{Question: "What was the average annual GDP growth during the 14th Five-Year Plan?"})
	if strings.Contains(a.Text, "1.5个百分点") {
		t.Errorf("hunan: answered with a change in a share: %q", a.Text)
	}
}

// TestSourceDocumentWords: the document a goal is set in (规划纲要草案)
// says where, not what: the goal's sentence need not repeat it.
func TestSourceDocumentWords(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"2026-jiangxi", "按“十五五”规划纲要草案，地区生产总值年均增长多少？", "5%左右"},
		{"2026-liaoning", "辽宁“十五五”规划纲要草案提出粮食综合生产能力达到多少？", "526亿斤"},
	})
}

// TestShareIsNoGrowth: a sentence whose only figure of the asked year is
// a share of the asked thing (工业投资占固定资产投资比重35.5%) does not
// answer how much that thing grew.
func TestShareIsNoGrowth(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"2026-guizhou", "2025年贵州固定资产投资增长了多少？", ""},
	})
}

// TestYearlyMean: 年均浓度 in a question is a yearly mean, not an average
// of a change over the plan's years.
func TestYearlyMean(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"2026-beijing", "2026年北京PM2.5年均浓度预期控制在多少？", "29微克/立方米"},
	})
	for _, tt := range []struct {
		q    string
		want bool
	}{{"pm2.5年均浓度是多少", true}, {"年均增长多少", false}, {"年均浓度和年均增长", false}} {
		if got := yearlyMean(tt.q); got != tt.want {
			t.Errorf("yearlyMean(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}

// TestRankInWords: 第几个 asks a position the report states in words
// (第七个“世界美食之都”), and 调增 is a change like 增长.
func TestRankInWords(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"2026-fujian", "泉州是我国第几个“世界美食之都”？", "第七个"},
		{"2026-fujian", "这份报告讲今年要办第几届投洽会？", "第二十六届"},
		{"2026-heilongjiang", "去年城乡居民基础养老金涨了多少？", "19.6%"},
	})
}

// TestGradeInWords: a level asked (what level, 什么级别) may be a grade in
// words (一级标准), and a later ask that names its own year wants what that
// year is, not the whole question's goal.
func TestGradeInWords(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"000_006ff7903b525843", "What level is the subdistrict's emergency management body aiming for in 2024?", "一级标准"},
		{"000_006ff7903b525843", "Which standard is the emergency management body supposed to reach under the 2024 plan, and what level did it reach in 2023?", "二级标准"},
		{"000_006ff7903b525843", "2024年街道应急管理机构要达到什么级别?", "一级标准"},
	})
}

// TestDerivedMeasure: a figure whose words end in a measure derived from
// the asked one (单位增加值能耗下降2.4%) does not answer the base measure
// (工业增加值增长多少), unless the question asks the derived one.
func TestDerivedMeasure(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"2026-fujian", "福建2025年规模以上工业增加值增长了多少？", ""},
		{"2026-fujian", "2025年规上工业单位增加值能耗下降了多少？", "2.4%"},
	})
}

// TestStockTotal: how many there are in all takes the total written after
// an increment (新增20家，总计137家); how many were added, the increment.
func TestStockTotal(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"000_006ff7903b525843", "How many digital economy companies did the subdistrict have at the end of 2023?", "137家"},
		{"000_006ff7903b525843", "2023年新增了多少家数字经济企业?", "20家"},
	})
}

// TestGoalInWords: 提出了什么预期目标 is answered by a goal set in words
// (经济增速保持高于全国平均水平).
func TestGoalInWords(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"2026-sichuan", "四川“十五五”规划纲要草案对今后五年经济增速提出了什么预期目标?", "高于全国平均水平"},
	})
}

// TestOtherHeadlineMetric: a figure named by one headline indicator
// (地区生产总值增长7%以上) does not answer a question about another (居民消
// 费价格), which the plan sets only in words.
func TestOtherHeadlineMetric(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"2026-xizang", "西藏2026年居民消费价格涨幅的具体目标数值是多少?", ""},
		{"2026-xizang", "西藏2026年地区生产总值增长目标是多少?", "7%以上"},
		{"2026-gansu", "2025年甘肃规上工业增加值增速是多少？", "9.5%"},
	})
}

// TestPlaceNamedAfter: a figure the sentence gives before naming the place
// asked is the whole region's, not the place's.
func TestPlaceNamedAfter(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"2026-hunan", "How many inbound tourists did Zhangjiajie receive in 2025?", "no such figure"},
		{"2026-hunan", "张家界入境游客增长多少？", "32.5%"},
		{"2026-hunan", "湖南2025年接待入境游客多少？", "240万人次"},
	})
}

// TestCostAndTimeAsks: what a thing cost is an amount of money (not 零 of
// 零的突破), and how much time it takes is a duration.
func TestCostAndTimeAsks(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"000_006ff7903b525843", "How much did it cost to build the new district general hospital?", "no such figure"},
		{"000_006ff7903b525843", "民意速办平台处理诉求的平均办结时间是多少?", "0.95天"},
	})
}

// TestOrdinalIsNoFigure: the 14 of "the 14th Five-Year Plan" does not
// state the 14% a question asks about.
func TestOrdinalIsNoFigure(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"2026-jiangsu", "By how much did Jiangsu cut energy consumption per unit of GDP during the 14th Five-Year Plan?", "14% (decline"},
	})
	for _, tt := range []struct {
		s       string
		at, end int
		want    bool
	}{{"the 14th plan", 4, 6, true}, {"第14届", 3, 5, true}, {"grew 14%", 5, 7, false}} {
		if got := ordinalAt(tt.s, tt.at, tt.end); got != tt.want {
			t.Errorf("ordinalAt(%q, %d, %d) = %v, want %v", tt.s, tt.at, tt.end, got, tt.want)
		}
	}
}
