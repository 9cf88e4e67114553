package lexicon

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// Figure vocabulary: units and measure words, scales, qualifiers of
// approximate values, verbs of change and of reaching, milestones, the
// words trimmed from a metric, ranges, periods, and the set phrases whose
// numerals are not quantities.
//
// The slices are shared: callers must not modify them. Lists that are
// matched as prefixes are sorted longest first.

// FigureUnits are the units and measure words that follow an Arabic
// number (494.91亿元, 1.2万余栋, 5.2%), longest first.
var FigureUnits = byLength([]string{
	"微克/立方米", "毫克/立方米", "平方公里", "平方千米", "平方米", "立方米", "公顷", "亩", "公里", "千米", "米",
	"千瓦时", "千瓦", "兆瓦", "吉瓦", "度", "吨", "千克", "公斤", "斤", "克", "标箱", "TEU",
	"EFLOPS", "EFlops", "Eflops", "EFLOPs", "PFLOPS", "PFlops", "Pflops", "TFLOPS",
	"美元", "港元", "欧元", "元",
	"个百分点", "百分点", "%", "％", "‰",
	"人次", "户次", "家次", "车次", "架次", "批次", "场次", "余次",
	"人", "名", "位", "个", "家", "项", "条", "件", "宗", "起", "场", "次", "批", "栋", "幢", "户", "套", "所", "座", "处",
	"份", "间", "张", "辆", "台", "部", "艘", "列", "趟", "班", "架", "棵", "株", "只", "头", "羽", "本", "册", "篇", "门",
	"支", "类", "种", "届", "期", "轮", "床", "组", "对", "片", "块", "段", "根", "盏", "台套", "口", "眼", "宗次", "笔",
	"枚", "颗", "款", "幅", "匹", "班次", "兆瓦时", "℃",
	"个月", "个小时", "年", "天", "小时", "分钟", "秒", "周", "周年", "倍", "成",
	"所次", "亿", "强", "级", "星", "分", "岁", "P",
})

// UnitsBeforeWords are the one-character units that keep their place
// before any word: 个 counts whatever follows it (3个人才), 人, 名 and 位
// count people (10万人民群众, 27万名学前一年幼儿), and the units of time end
// a duration (3年内, 30年来). Any other one-character unit that starts a
// longer word is not a unit there (台 of 台阶, 门 of 门槛): see [UnitNouns].
var UnitsBeforeWords = []string{"个", "人", "名", "位", "年", "天", "周", "秒", "分"}

// UnitNouns are words that start with a one-character unit and name what
// the number before them counts, so the unit stands though the word is
// one (6部门联合印发, 1.2万家庭). Other words that start with a unit take
// it away (5万亿台阶 has no unit: 台 counts machines, 台阶 is a step).
var UnitNouns = []string{"部门", "家庭", "片区", "口岸", "户籍"}

// UnitCompoundEnds end a word that is a unit still (吨级 in 7亿吨级, 台次):
// a unit followed by one of them is not taken away as the start of a word.
const UnitCompoundEnds = "级次"

// PerUnits follow a unit and a slash to make a rate unit (842元/月,
// 20微克/立方米 is a unit of its own).
var PerUnits = byLength([]string{"月", "年", "日", "天", "人", "亩", "吨", "次", "户", "平方米", "千瓦时"})

// SetPhrases are slogans and set phrases whose numerals are not
// quantities even without quotation marks (两个确立, 四个意识, 五位一体).
// Most numerals in set phrases are caught by rules instead: a numeral
// that needs a measure word and has none (千方百计), a Chinese numeral
// before 年 (这五年, 三年新冠疫情, 百年不遇), a numeral led by 一 (一揽子,
// 一系列), a bare round numeral without a qualifier (千家万户), and
// anything in quotation marks (“十四五”).
var SetPhrases = []string{
	"两个确立", "两个维护", "四个意识", "四个自信", "两个大局", "两个结合", "两个毫不动摇", "三个务必", "五个必由之路",
	"四个全面", "五位一体", "两个一百年", "三次产业",
}

// MeasureWords make a Chinese numeral a figure (两座, 三个, 四家, 近百个),
// longest first. 年 is not one of them: a Chinese numeral before 年 names
// a span of time (这五年, 三年行动, 百年不遇), not a quantity.
var MeasureWords = byLength([]string{
	"个月", "批次", "场次", "人次", "个", "座", "家", "项", "条", "名", "处", "所", "场", "次", "栋", "户", "套", "位", "支",
	"件", "宗", "起", "天", "倍", "成", "人", "间", "张", "辆", "台", "艘", "列", "枚", "颗", "款",
})

// NameUnits make a number a name or a rank, not a quantity (30周年,
// 500强, 5A级, 二十届).
var NameUnits = []string{"周年", "强", "级", "星", "届", "期", "轮"}

// UnitSpellings fold the ways a unit is written to one spelling: the
// full-width percent sign is the percent sign.
var UnitSpellings = map[string]string{"％": "%"}

// RateUnits are the units of rates and ratios (%, ‰, 个百分点).
var RateUnits = []string{"%", "‰", "个百分点", "成"}

// Scale is a multiplier written with a number (万, 亿).
type Scale struct {
	Word string
	Mult float64
}

// Scales are the multipliers written after a number, longest first.
var Scales = []Scale{{"万亿", 1e12}, {"亿", 1e8}, {"千万", 1e7}, {"百万", 1e6}, {"万", 1e4}, {"千", 1e3}}

// InnerApproxWords sit between a numeral and its unit and make the figure
// approximate (5000余场次, 1.2万余栋, 两千多人).
var InnerApproxWords = []string{"余", "多"}

// NameSuffixes after a number make it a name: 22号线, 2.0版.
var NameSuffixes = []string{"号", "版"}

// InnerApproxExceptions are words that start with an inner approximate
// word but do not make the number approximate (多彩 in 多姿多彩).
var InnerApproxExceptions = []string{"多彩"}

// QualifierExceptions end with a qualifier but are not one (经过 is not
// 过 "over").
var QualifierExceptions = []string{"经过"}

// PreQualifiers come before a figure and bound or approximate it (近,
// 超过, 突破), longest first.
var PreQualifiers = byLength([]string{
	"超过", "突破", "将近", "接近", "不到", "不足", "多达", "高达", "约", "近", "超", "逾", "破", "过", "达约",
	"跨过", "跨越", "迈过", "迈上", "跨上", "跃上", "站上",
})

// PostQualifiers follow a figure's unit (以上, 左右).
var PostQualifiers = byLength([]string{"以上", "左右", "上下", "以内", "以下", "之多"})

// RoundApproxPrefixes make a bare round Chinese numeral an approximate
// figure: 上千家, 近百个, 数十个, 上百, 数百, 近万, 几十项.
var RoundApproxPrefixes = byLength([]string{"上", "近", "数", "几", "逾", "好几", "成"})

// RoundPlaces are the place values of Chinese numerals. A numeral of
// place values only (百, 千, 百万, 千亿) is a round number, which
// [RoundApproxPrefixes] or a qualifier make a figure.
const RoundPlaces = "十百千万亿"

// ChangeUpWords say a rate is a rise (同比增长1.72%).
var ChangeUpWords = []string{"同比增长", "比上年增长", "增长", "增速", "增幅", "提高", "上升", "增加", "上涨", "提升", "多增", "年均增长", "调增", "上调"}

// ChangeDownWords say a rate is a fall (下降22.1%).
var ChangeDownWords = []string{"同比下降", "比上年下降", "下降", "降低", "减少", "回落", "下滑", "降幅", "压减", "缩减", "调减", "下调", "减"}

// ChangeNoise are words dropped from a change's metric (同比, 比上年,
// 年均: the period says a rate is an average).
var ChangeNoise = []string{"同比", "比上年", "比去年", "分别", "年均"}

// ComparisonWords open the base of a comparison at the end of a change's
// noun (较“十三五”增长16.3%, 比2020年增长), which is not the metric.
var ComparisonWords = []string{"较", "比"}

// ComparisonBases are what follows a [ComparisonWords] word when it opens
// a base: a five-year plan, the year before, the same period (a year in
// digits, 比2020年, opens one too).
var ComparisonBases = []string{"“十", "\"十", "十", "上年", "去年", "前年", "同期", "上一"}

// RespectiveWord pairs the items of two lists in order (接待游客17.52亿人次、
// 旅游花费1.27万亿元，分别增长32.9%、41.6%).
const RespectiveWord = "分别"

// PredicateWords open a clause that says something of a subject named
// before it (居全国第1位, 占全国9成, 高于全国平均水平): such a clause is no
// subject for the level after it.
var PredicateWords = []string{
	"居", "位居", "位列", "排", "排名", "占", "高于", "低于", "快于", "慢于", "超过", "超", "创", "实现", "成为", "保持",
	"稳居", "跃居", "连续",
}

// TotalWords name the whole of a quantity whose change was just given
// (外贸进出口增长8.4%，总额突破8000亿元): the level is of the same metric.
var TotalWords = []string{"总额", "总量", "总值", "总规模", "规模"}

// DurationUnits make a figure a span of time, never the base of a change:
// in 5年增长18.7% the change belongs to the level before 5年.
var DurationUnits = []string{"年", "个月", "天", "小时", "个小时", "分钟", "周"}

// MilestoneWords follow a figure that is a threshold crossed, not a value
// of its metric (迈上5万亿台阶, 跨越5000亿元大关, 跨过3个万亿元大关).
var MilestoneWords = []string{"台阶", "大关", "关口", "门槛", "量级"}

// MilestoneFillers may stand between a figure and its milestone word
// (迈上1000亿斤新台阶, 5万亿元的台阶).
const MilestoneFillers = "的新"

// MilestoneMagnitudes may stand between a count and the milestones it
// counts (3个万亿元大关, 两个千亿台阶).
const MilestoneMagnitudes = "十百千万亿"

// MilestoneClassWord after a round magnitude makes it a class reached, a
// milestone too (突破万亿级).
const MilestoneClassWord = "级"

// ReachWords before a level say the metric reached it (达到14.2万亿元,
// 增至543家, 提高到94.6%, 突破3万亿元, 迈上5万亿台阶): the level holds at
// the end of the figure's period. Bounds alone (超过, 近) and plain
// statements (为, 实现) are not among them.
var ReachWords = byLength([]string{
	"达到", "达", "增至", "增长到", "增长至", "增加到", "增加至", "提高到", "提高至", "提升到", "提升至", "升至", "上升到",
	"上升至", "扩大到", "扩大至", "跃升至", "跃升到", "攀升至", "突破", "迈上", "跨上", "跃上", "跨越", "跨过", "迈过",
	"站上", "迈入", "跨入",
})

// ReachExceptions end with a word of [ReachWords] but say no level was
// reached (下达资金50亿元, 发达).
var ReachExceptions = []string{"下达", "传达", "表达", "送达", "抵达", "直达", "通达", "转达", "发达"}

// LevelVerbs end the clause before a figure that is a level, not a change
// (增至543家, 提高到94.6%), and are dropped from a change's verb check.
var LevelVerbs = []string{"为", "达到", "达", "是", "了", "约", "近", "超"}

// MetricLeadWords are dropped from the start of a metric (全年, 力争,
// 累计).
var MetricLeadWords = byLength([]string{
	"全年", "今年", "去年", "当年", "同期", "全区", "全市", "全省", "全街道", "辖区", "其中", "共", "累计", "力争", "争取",
	"确保", "实现", "完成", "达到", "达", "预计", "初步预计", "共计", "合计", "新增统筹安排",
})

// MetricTrailWords are dropped from the end of a metric (同比增长, 达,
// 稳定在).
var MetricTrailWords = byLength([]string{
	"同比增长", "比上年增长", "同比下降", "增长", "下降", "增速", "增幅", "降幅", "达到", "达", "为", "约", "近", "超过",
	"超", "突破", "增至", "提升至", "提高到", "提高至", "提高", "提升", "降至", "降低", "减少", "共", "累计", "分别",
	"稳定在", "保持在", "控制在", "在", "逾", "等", "的", "连跨", "连续", "首次", "创历史新高", "再创新高", "创新高",
	"率先", "在全国", "双双", "从", "由", "增加", "新增", "完成",
})

// CumulativeWords mark a running total (累计, 五年累计).
var CumulativeWords = []string{"累计"}

// RangeSeparators join the two ends of a range (5%—5.5%, 4.5%至5%).
var RangeSeparators = []string{"—", "–", "－", "-", "~", "～", "至", "到"}

// SessionWords after a Chinese numeral make it the name of a congress or
// session (二十大, 二十届, 四中全会), not a quantity.
var SessionWords = []string{"次全会", "次会议", "次党代会", "中全会", "届", "大", "是", "要"}

// NamedSetWords after a numeral and its measure word make a named set or
// plan (八项规定, 三项行动, 五个“必须”), not a quantity.
var NamedSetWords = []string{"规定", "行动", "规划", "计划", "工程", "机制", "体系", "战略", "攻坚", "数", "“", "\"", "全会"}

// NotFigureBefore are characters that, just before a Chinese numeral,
// make it an ordinal, a date or a name (第一, 初五, 周三).
const NotFigureBefore = "第初周期礼星这"

// ZeroPhrases follow 零 when it is a quantity (零增长, 零事故).
var ZeroPhrases = []string{"的突破", "发案", "增长", "事故", "伤亡", "死亡", "新增", "容忍"}

// RelativeYears place a figure in a year relative to the planned year:
// 今年 (0) is the planned year, 去年 (-1) the reviewed one. 上年 is not
// one: it is the base of a comparison (比上年增长).
var RelativeYears = map[string]int{"今年": 0, "明年": 1, "去年": -1, "过去一年": -1, "过去的一年": -1, "一年来": -1, "前年": -2}

// FiveYearWords place a figure in the five years reviewed (-1: 这五年,
// 五年来) or planned (1: 未来五年) when no named plan (十五五) is written.
var FiveYearWords = map[string]int{"未来五年": 1, "今后五年": 1, "过去五年": -1, "过去的五年": -1, "这五年": -1, "五年来": -1, "近五年": -1}

// FiveYearsWord is 五年 alone: the part's five years (过去 in a review,
// the plan's in a five-year part).
const FiveYearsWord = "五年"

// ComparisonBefore are the characters that, right before a year, make it
// the base of a comparison (比上年, 较2020年, 同2020年相比), not the figure's
// period.
const ComparisonBefore = "比较同与"

// ComparisonBeforeWords are the words that do the same (快于2024年, 高于
// 2020年): 于 alone may also date a thing (于2025年建成).
var ComparisonBeforeWords = []string{"快于", "慢于", "高于", "低于", "多于", "少于", "好于", "优于", "超过"}

// SamePeriodWord after a relative year makes it the base of a comparison
// (去年同期).
const SamePeriodWord = "同期"

// AverageWord makes a rate an average over the five years of the part
// (年均增长5.7%).
const AverageWord = "年均"

// AverageChangeWords follow 年均 when it averages a change over years
// (年均增长5.2%); after other words it is a yearly mean (年均浓度).
var AverageChangeWords = []string{"增", "分别", "提高", "提升", "上升", "下降", "降低", "减少", "递增", "递减", "复合", "实际增长", "名义增长"}

// SinceWord makes a figure a running total from a starting point
// (新时代以来, 2021年以来).
const SinceWord = "以来"

// FiveYearPlan returns the years of the named five-year plan at the start
// of s (十四五 is 2021–2025, 十五五 is 2026–2030), the name's length in
// bytes, and whether s starts with one. Only the 11th to 19th plans
// (十一五 to 十九五) are read, the ones a current report names; from the
// third plan (1966) they follow each other every five years.
func FiveYearPlan(s string) (first, last, size int, ok bool) {
	r1, n1 := utf8.DecodeRuneInString(s)
	r2, n2 := utf8.DecodeRuneInString(s[n1:])
	r3, n3 := utf8.DecodeRuneInString(s[n1+n2:])
	d := strings.IndexRune("一二三四五六七八九", r2)
	if r1 != '十' || d < 0 || r3 != '五' {
		return 0, 0, 0, false
	}
	n := 10 + d/3 + 1 // the plan's number; the runes are 3 bytes each
	first = 1966 + 5*(n-3)
	return first, first + 4, n1 + n2 + n3, true
}

// byLength sorts words longest first (by code points), keeping the order
// of words of equal length, so prefix matching finds the longest word.
func byLength(words []string) []string {
	sort.SliceStable(words, func(i, j int) bool {
		return utf8.RuneCountInString(words[i]) > utf8.RuneCountInString(words[j])
	})
	return words
}

// ShareLead opens a share that names what it is a share of only through
// its sentence's subject (…达到9048万千瓦，占比55.1%; 占全省比重61.3%).
const ShareLead = "占"

// unitMeasures are the measure nouns a unit implies: a figure in 公里 is a
// length (里程), one in 万人 a number of people (人数).
var unitMeasures = map[string][]string{
	"公里": {"里程", "长度", "总长"}, "千米": {"里程", "长度"}, "米": {"长度"},
	"人": {"人数"}, "万人": {"人数"}, "人次": {"人次", "人数"}, "万人次": {"人次", "人数"},
	"亿元": {"金额", "总额", "规模"}, "万元": {"金额", "总额"}, "元": {"金额"},
	"亩": {"面积"}, "万亩": {"面积"}, "公顷": {"面积"}, "平方米": {"面积"}, "万平方米": {"面积"}, "平方公里": {"面积"},
	"吨": {"产量", "总量"}, "万吨": {"产量", "总量"}, "亿斤": {"产量", "总产量"},
}

// MeasuresOf returns the measure nouns that a figure's unit implies, or
// nil.
func MeasuresOf(unit string) []string { return unitMeasures[unit] }

// FlowWordRE finds the words that make a figure a flow or a sum over a
// period (完成投资, 累计, 新增) rather than a level at its end.
var FlowWordRE = regexp.MustCompile(`稳定|保持|连续|每年|年均|累计|合计|总计|共计|完成|实现|新增|新建|建成|开工|投入|投资|发放|减少|增加|下降|提高|培育|引进|招引|签约|帮扶|救助|培训|接待|举办|开展|办理|化解|改造|治理|整治|打造|推动|推进|创建`)

// AttributiveVerbs are the verbs by which a five-year plan's name says
// which things are meant rather than when a figure stands (“十四五”批复的
// 大基地, 十四五规划的项目): approval and planning.
var AttributiveVerbs = []string{"批复", "批准", "核准", "规划", "确定", "部署", "谋划", "布局", "纳规"}

// ProgrammeWords after a span of years make it part of a programme's name
// (新型城镇化战略五年行动计划): the span says how long the programme runs,
// not when the sentence's figures stand.
var ProgrammeWords = []string{"行动计划", "行动方案", "行动", "攻坚", "计划", "规划", "专项"}

// TotalWordRE matches the whole of the words by which a figure is a total
// of what the figure before it counts (总计137家, 累计达, 合计).
var TotalWordRE = regexp.MustCompile(`^(总计|累计|共计|合计|总数|总量|共有|共)(达到?|为|超过?|近)?$`)

// DerivedMeasureWords name measures derived from another (能耗 per unit of
// value added, 强度, 比重): a figure whose words end in one answers a
// question about the base measure only if the question asks it.
var DerivedMeasureWords = []string{"能耗", "排放", "强度", "比重", "占比", "密度", "用水量"}

// MeasureTailRE matches the verbs and qualifiers between a measure and its
// figure (能耗下降2.4%, 比重提高到35%), so that what is left ends in the
// measure.
var MeasureTailRE = regexp.MustCompile(`(同比|比上年|分别|累计|年均|均|约|超过|突破|近|达到|达|为|至|到|了|下降|增长|提高|降低|提升|减少|上升|增加|回落|控制在|保持在|稳定在)*$`)

// RateSuffix ends the name of a rate (入库率, 覆盖率).
const RateSuffix = "率"

// NationalCompareRE matches a figure's words that compare it with the
// national one (快于全国9.2个百分点, 高于全国平均); NationalWord is the word
// by which a question asks that comparison.
var NationalCompareRE = regexp.MustCompile(`[高快低慢多少]于全国|比全国|全国平均`)

// NationalWord names the nation in a comparison.
const NationalWord = "全国"

// HeadlineMetrics are the genre's headline indicators, the ones a plan's
// 主要预期目标 lists side by side: a figure named by one does not answer a
// question about another.
var HeadlineMetrics = []string{
	"地区生产总值", "固定资产投资", "社会消费品零售总额", "居民消费价格", "城镇调查失业率", "城镇新增就业",
	"一般公共预算收入", "人均可支配收入", "粮食产量", "进出口", "工业增加值",
}

// PairCompound is a word that joins two things a report then gives a
// figure each, in order (城乡居民人均可支配收入分别增长4.4%、5.8%: 城镇 first,
// 农村 second). Members lists each thing's names, the first the commonest.
type PairCompound struct {
	Whole   string
	Members [2][]string
}

// PairCompounds are the genre's such words.
var PairCompounds = []PairCompound{
	{Whole: "城乡", Members: [2][]string{{"城镇", "城市"}, {"农村", "乡村"}}},
}

// ListOpeners open a list of subjects a report then gives a figure each
// (其中城镇、农村居民收入分别增长4.8%、5.9%).
var ListOpeners = []string{"其中", "包括", "全年", "全省", "全市", "全区"}
