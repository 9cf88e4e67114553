package lexicon

import (
	"regexp"
	"sort"
	"strings"
)

// Synonym groups of the genre: wordings that name the same thing in work
// reports, official forms and their abbreviations. They are vocabulary of
// the genre (of statistical bulletins and 政府工作报告 in general), never of
// one report. Within a group every member stands for every other.
var synonymGroups = [][]string{
	{"规模以上", "规上"},
	{"固定资产投资", "固投"},
	{"社会消费品零售总额", "社零总额", "社零", "消费品零售总额"},
	// 经济增长 names GDP's growth: a level question takes no change, so
	// it only ever answers with a rate.
	{"地区生产总值", "生产总值", "GDP", "经济总量", "GRP", "经济增长", "经济增速"},
	{"一般公共预算收入", "地方一般公共预算收入", "地方财政收入", "财政收入"},
	{"居民消费价格", "CPI", "物价"},
	{"城镇调查失业率", "调查失业率", "失业率"},
	{"城镇新增就业", "新增就业", "新增城镇就业"},
	{"高新技术企业", "高企"},
	{"专精特新", "专精特新企业"},
	{"进出口", "外贸", "进出口总额", "外贸进出口"},
	{"实际使用外资", "利用外资", "外资"},
	{"研发投入", "研发经费", "R&D", "研究与试验发展"},
	{"违法建筑", "违建"},
	{"城中村", "城中村改造"},
	{"老年人", "老人", "长者", "老年"},
	{"儿童", "孩子", "小孩", "幼儿"},
	{"销售额", "销售", "卖出"},
	{"空气质量优良天数", "优良天数", "空气优良"},
	{"警情", "报警"},
	{"办结", "办完", "处理完"},
	{"粮食产量", "粮食总产量", "粮食总产"},
	{"常住人口城镇化率", "城镇化率"},
	{"人均可支配收入", "居民收入", "人均收入"},
	{"单位地区生产总值能耗", "单位GDP能耗", "能耗强度"},
	{"森林覆盖率", "森林面积占比"},
	{"新能源汽车", "电动汽车", "电动车"},
	{"保障性住房", "保障房"},
	{"棚户区改造", "棚改"},
	{"老旧小区改造", "旧改"},
	{"营商环境", "办事环境"},
	{"民营经济", "民企", "民营企业"},
	{"国有企业", "国企"},
	{"中小微企业", "中小企业", "小微企业"},
	{"基础设施", "基建"},
	{"义务教育", "中小学"},
	{"医疗卫生", "看病", "医疗"},
	{"养老服务", "养老"},
	{"托育", "托儿", "托位"},
	{"助餐", "吃饭", "用餐", "饭堂"},
	{"交通拥堵", "堵车", "治堵"},
	{"停车场", "停车位", "车位"},
	{"轨道交通", "地铁", "城市轨道"},
	{"高速公路", "高速"},
	{"地方政府债务", "政府债务", "隐性债务"},
	{"生态环境", "环保", "环境保护"},
	{"安全生产", "生产安全"},
	{"PM2.5", "细颗粒物", "PM2.5浓度", "细颗粒物浓度"},
	{"人均预期寿命", "预期寿命", "平均寿命"},
	{"拆除", "拆掉", "拆"},
	{"托位", "托育名额", "托儿名额", "托育位"},
	{"助餐点", "老年食堂", "长者饭堂", "吃饭的地方", "助餐服务点", "助老餐厅", "老年餐厅"},
	{"金牌", "冠军"},
	{"比重", "占比", "所占比例", "占全部"},
	{"以旧换新", "旧换新", "买新换旧", "拿旧换新", "旧东西换新东西", "换新"},
	{"商品房", "新房", "新建商品房"},
	{"殡葬", "丧事", "办丧事", "丧葬"},
	{"医疗保险", "医保"},
	{"基本养老保险", "养老保险", "养老金"},
	{"学前教育", "幼儿园"},
	{"民生实事", "为民办实事", "民生项目", "实事项目"},
	{"出生人口", "新生儿"},
	{"游客", "旅客", "游客人次"},
	{"高速公路通车里程", "高速公路里程", "高速里程"},
	{"铁路营业里程", "铁路里程"},
	{"人均预期寿命", "平均预期寿命"},
	{"城镇化率", "常住人口城镇化率", "城镇化水平"},
	{"扫黑除恶", "打黑"},
}

// colloquial maps everyday wordings to the genre's official wording, one
// way only (an official term does not stand for the everyday word).
var colloquial = map[string][]string{
	"网上买东西":     {"网上零售额", "网络零售额", "网上零售"},
	"网购":        {"网上零售额", "网络零售额", "网上零售"},
	"空气质量好":     {"空气质量优良", "优良天数"},
	"读书":        {"受教育"},
	"读了几年书":     {"受教育年限"},
	"干活年纪":      {"劳动年龄"},
	"大企业":       {"规上", "规模以上"},
	"煤气罐":       {"瓶装燃气", "燃气"},
	"管道燃气":      {"管道燃气", "管道天然气"},
	"名额":        {"学位", "托位", "床位"},
	"上学名额":      {"学位"},
	"消费品总额":     {"社会消费品零售总额"},
	"卖出的":       {"零售", "销售"},
	"称号":        {"获评", "评为", "荣获", "命名", "入选"},
	"荣誉":        {"获评", "荣获", "获得", "入选"},
	"奖":         {"奖", "获评", "荣获"},
	"摘得":        {"获得", "荣获", "摘得"},
	"获得":        {"获得", "荣获", "获评"},
	"老百姓":       {"群众", "居民", "城乡居民"},
	"百姓":        {"群众", "居民"},
	"发了":        {"发放", "兑现"},
	"补贴钱":       {"补贴"},
	"带动了":       {"带动"},
	"卖房":        {"商品房销售"},
	"盖了":        {"建成", "新建"},
	"修了":        {"建成", "新建"},
	"建了":        {"建成", "新建"},
	"通车了":       {"建成通车"},
	"降到":        {"降至", "下降到"},
	"涨到":        {"提高到", "增至"},
	"活到":        {"预期寿命"},
	"能活":        {"预期寿命"},
	"寿命":        {"预期寿命"},
	"开了":        {"新建", "新增", "建成"},
	"新开":        {"新建", "新增", "建成"},
	"拿了":        {"获得", "荣获", "获评"},
	"拿到":        {"获得", "荣获", "获评", "取得"},
	"拿过":        {"获得", "荣获", "获评"},
	"奖项":        {"奖", "荣获", "获评"},
	"国际奖项":      {"联合国", "国际", "世界", "全球"},
	"国际大奖":      {"联合国", "国际", "世界", "全球"},
	"拆掉":        {"拆除", "消除"},
	"拆了":        {"拆除", "消除"},
	"经济增长":      {"地区生产总值增长", "生产总值增长"},
	"经济增速":      {"地区生产总值增长", "生产总值增长"},
	"gdp增速":     {"地区生产总值增长", "生产总值增长"},
	"经济规模":      {"地区生产总值"},
	"财政收入增长":    {"一般公共预算收入增长"},
	"就业目标":      {"城镇新增就业"},
	"找工作":       {"就业"},
	"工作岗位":      {"就业岗位", "就业"},
	"就业岗位":      {"就业岗位", "新增就业", "就业"},
	"岗位":        {"岗位", "就业"},
	"物价涨幅":      {"居民消费价格涨幅"},
	"物价上涨":      {"居民消费价格涨幅"},
	"种粮":        {"粮食"},
	"打粮食":       {"粮食产量"},
	"挣钱":        {"收入"},
	"收入增长":      {"可支配收入增长"},
	"花钱":        {"投入", "资金"},
	"投了多少":      {"投资"},
	"卖了":        {"销售"},
	"买东西":       {"消费"},
	"上学":        {"学位", "教育"},
	"看病难":       {"医疗"},
	"空气好":       {"空气质量优良"},
	"好天气":       {"优良天数"},
	"犯罪":        {"违法犯罪", "刑事"},
	"修路":        {"道路", "公路"},
	"盖房子":       {"建设", "住房"},
	"网上办事":      {"网上办", "一网通办"},
	"线上":        {"网上", "平台"},
	"反映问题":      {"诉求"},
	"投诉":        {"诉求"},
	"多久":        {"时间", "天"},
	"日子":        {"天数"},
	"污染":        {"污染防治"},
	"绿化":        {"绿地", "公园"},
	"煤气":        {"燃气"},
	"贪污":        {"腐败", "廉洁"},
	"当官":        {"干部"},
	"公司":        {"企业"},
	"厂子":        {"企业", "工厂"},
	"农民收入":      {"农村居民人均可支配收入"},
	"城里人收入":     {"城镇居民人均可支配收入"},
	"卖车":        {"汽车销售", "汽车零售", "汽车销售额"},
	"反映的问题":     {"诉求", "民生诉求"},
	"每月":        {"月", "每月"},
	"线上渠道":      {"平台", "网上", "线上"},
	"吃饭问题":      {"助餐", "就餐"},
	"宝宝":        {"婴幼儿", "婴儿", "幼儿"},
	"小宝宝":       {"婴幼儿", "婴儿", "幼儿"},
	"养娃":        {"育儿", "养育"},
	"养孩子":       {"育儿", "养育"},
	"打工":        {"务工", "就业", "劳动者"},
	"打工的人":      {"劳动者", "务工人员", "职工"},
	"反映":        {"诉求", "反映"},
	"老房子":       {"老旧小区", "老旧", "城中村"},
	"老小区":       {"老旧小区"},
	"翻新":        {"改造", "更新", "翻新"},
	"平均":        {"平均", "人均"},
	"不错":        {"优良", "良好"},
	"空气不错":      {"空气质量优良", "空气优良"},
	"吃饭":        {"助餐", "就餐", "用餐"},
	"餐厅":        {"餐厅", "食堂", "助餐点"},
	"城里人":       {"城镇居民", "城镇", "城乡"},
	"乡下人":       {"农村居民", "农村", "乡村", "城乡"},
	"乡下":        {"农村", "乡村"},
	"买车":        {"汽车消费", "汽车销售"},
	"车子":        {"汽车", "机动车"},
	"娃":         {"幼儿", "儿童", "婴幼儿"},
	"孩子":        {"儿童", "幼儿", "学生"},
	"小孩":        {"儿童", "幼儿"},
	"送托":        {"托育"},
	"多出来":       {"新增"},
	"多了":        {"新增", "增加"},
	"看门诊":       {"门诊"},
	"报销":        {"报销", "支付比例", "报销比例"},
	"收入差距":      {"收入比", "收入倍差", "城乡居民收入比"},
	"长住":        {"旅居", "常住"},
	"外地人":       {"省外", "游客"},
	"保有量":       {"保有量", "汽车保有量", "机动车保有量"},
	"小娃娃":       {"幼儿", "婴幼儿", "儿童"},
	"娃娃":        {"幼儿", "婴幼儿", "儿童"},
	"托班":        {"托位", "托育", "托班"},
	"位子":        {"学位", "托位", "床位", "座位", "车位"},
	"大厂":        {"规上", "规模以上", "龙头企业"},
	"大工厂":       {"规上工业", "规模以上工业"},
	"大点的工厂":     {"规上工业", "规模以上工业"},
	"工厂":        {"工业", "企业", "工厂"},
	"危险住房":      {"危房"},
	"破旧危险住房":    {"危房"},
	"危险房屋":      {"危房"},
	"破房子":       {"危房", "老旧"},
	"修缮":        {"修缮", "改造", "修复"},
	"老楼":        {"老旧小区", "住宅", "老旧"},
	"更换":        {"更新", "更换", "替换"},
	"外国游客":      {"入境游客", "境外游客", "离境", "入境"},
	"外国人":       {"外籍", "境外", "入境"},
	"多开":        {"新增", "新开"},
	"玩的人":       {"游客", "旅游"},
	"来玩":        {"旅游", "游客"},
	"去玩":        {"旅游", "游客"},
	"养小孩":       {"育儿", "养育"},
	"吃低保":       {"低保"},
	"旧车旧家电":     {"以旧换新"},
	"换新的补贴":     {"以旧换新"},
	"外卖骑手":      {"户外劳动者", "新就业形态劳动者", "新就业群体", "快递员"},
	"快递小哥":      {"户外劳动者", "新就业形态劳动者", "新就业群体", "快递员"},
	"歇脚":        {"驿站", "服务站"},
	"老板":        {"企业", "雇主", "资方", "劳资"},
	"老人":        {"助老", "养老"},
	"老年人":       {"助老", "养老"},
	"工人":        {"职工", "劳动者", "务工人员", "劳资"},
	"工人和老板":     {"劳资"},
	"老板和工人":     {"劳资"},
	"工钱":        {"工资", "薪酬", "欠薪"},
	"吃饭的餐厅":     {"助老餐厅", "助餐", "食堂"},
	"蓝天":        {"优良天数", "空气质量", "蓝天"},
	"网上买东西的销售额": {"网上零售额", "网络零售额"},
}

var variantIndex = func() map[string][]string {
	m := map[string][]string{}
	for _, g := range synonymGroups {
		for _, w := range g {
			for _, v := range g {
				if v != w {
					m[strings.ToLower(w)] = append(m[strings.ToLower(w)], v)
				}
			}
		}
	}
	for w, vs := range colloquial {
		m[w] = append(m[w], vs...)
	}
	return m
}()

// IsColloquial reports whether a variant key is an everyday word (盖了)
// rather than one of the genre's own wordings (规上): an everyday word
// counts only where the question's words have it whole.
func IsColloquial(key string) bool {
	_, ok := colloquial[key]
	return ok
}

// Variants returns the other wordings of a term (lower case for Latin
// letters): its synonym group and the official forms of an everyday word.
// It returns nil when the genre knows none.
func Variants(term string) []string { return variantIndex[strings.ToLower(term)] }

// VariantKeys returns every term that has variants, longest first, for
// finding them inside a question.
func VariantKeys() []string { return variantKeys }

var variantKeys = func() []string {
	out := make([]string, 0, len(variantIndex))
	for k := range variantIndex {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i]) != len(out[j]) {
			return len(out[i]) > len(out[j])
		}
		return out[i] < out[j]
	})
	return out
}()

// Abbreviations returns the contractions of a compound the genre writes
// (违章建筑 → 违建, 固定资产 投资 → 固投, 社会 保障 → 社保): the first
// character of each of its words. words is the compound cut into words;
// a single four-character word is cut in halves. It returns nil when the
// compound has one short word.
func Abbreviations(words []string) []string {
	if len(words) == 1 {
		r := []rune(words[0])
		if len(r) != 4 {
			return nil
		}
		words = []string{string(r[:2]), string(r[2:])}
	}
	if len(words) < 2 || len(words) > 3 {
		return nil
	}
	var sb strings.Builder
	for _, w := range words {
		r := []rune(w)
		if len(r) < 2 {
			return nil
		}
		sb.WriteRune(r[0])
	}
	return []string{sb.String()}
}

// ListAbbreviation returns the numbered contraction of a list whose items
// share their first character (抢劫、抢夺 → 两抢; 旧城镇、旧厂房、旧村庄 →
// 三旧), or "" when they do not.
func ListAbbreviation(items []string) string {
	if len(items) < 2 || len(items) > len(listCounts) {
		return ""
	}
	first := []rune(items[0])[0]
	for _, it := range items[1:] {
		if r := []rune(it); len(r) == 0 || r[0] != first {
			return ""
		}
	}
	return string(listCounts[len(items)-1]) + string(first)
}

// listCounts are the numerals of list contractions, by count from one.
var listCounts = []rune("一两三四五六七八九十")

// SwitchWord joins the two sides of a switch in the genre's contractions
// (煤改气, 油改电, 瓶改管); SwitchVerbRE finds the verbs by which a
// question says such a switch in full (煤气罐换成管道燃气).
const SwitchWord = "改"

var SwitchVerbRE = regexp.MustCompile(`^[\s、，,]*(?:\p{Han}{0,2}?)(换成|改成|改为|改用|改通|换为|转为|改造成|替换为|变成)了?[通用接上装]?\s*$`)
