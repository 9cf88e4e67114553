package rag

import (
	"sort"
	"strings"
)

// The glossaries below are vocabulary of Chinese work reports in general
// (政府工作报告, 党委工作报告), not of any one report: they map English
// questions and colloquial Chinese onto the words such reports use.

// enGlossary maps English words and phrases to the report genre's Chinese
// terms. Longer phrases are matched first.
var enGlossary = map[string][]string{
	"industrial output value": {"工业总产值"}, "industrial output": {"工业总产值"}, "output value": {"产值"},
	"above designated size": {"规上", "规模以上"}, "above-scale": {"规上"}, "value added": {"增加值"}, "value-added": {"增加值"},
	"fixed-asset investment": {"固定资产投资"}, "fixed asset investment": {"固定资产投资"}, "fixed assets": {"固定资产"},
	"retail sales": {"零售总额", "社会消费品零售总额"}, "consumer goods": {"消费品"}, "consumption": {"消费"},
	"gdp": {"生产总值", "GDP"}, "gross domestic product": {"生产总值"}, "economy": {"经济"}, "economic": {"经济"},
	"growth": {"增长"}, "grew": {"增长"}, "grow": {"增长"}, "increase": {"增长", "增加", "新增"}, "increased": {"增长", "新增"},
	"decrease": {"下降", "减少"}, "decline": {"下降"}, "declined": {"下降"}, "fell": {"下降"}, "drop": {"下降"},
	"year on year": {"同比"}, "year-on-year": {"同比"}, "rate": {"率"}, "ratio": {"比例"}, "proportion": {"比例"}, "share": {"比例", "占比"},
	"target": {"目标", "力争"}, "goal": {"目标"}, "plan": {"计划", "安排"}, "planned": {"计划"}, "aims": {"力争"}, "aim": {"力争"},
	"enterprises": {"企业"}, "enterprise": {"企业"}, "companies": {"企业", "公司"}, "company": {"企业", "公司"}, "firms": {"企业"},
	"listed companies": {"上市公司"}, "listed": {"上市"}, "specialized": {"专精特新"}, "little giant": {"小巨人"},
	"high-tech": {"高新技术"}, "digital economy": {"数字经济"}, "low-altitude": {"低空经济"}, "drone": {"无人机"}, "drones": {"无人机"},
	"investment": {"投资"}, "invest": {"投资"}, "attract investment": {"招商"}, "investment promotion": {"招商"}, "business environment": {"营商环境"},
	"talent": {"人才"}, "talents": {"人才"}, "high-level talent": {"高层次人才"}, "census": {"普查"}, "economic census": {"经普", "经济普查"},
	"land": {"土地"}, "land consolidation": {"土地整备"}, "land preparation": {"土地整备"}, "hectares": {"公顷"}, "hectare": {"公顷"},
	"urban renewal": {"城市更新"}, "urban village": {"城中村"}, "urban villages": {"城中村"}, "illegal buildings": {"违建"}, "illegal construction": {"违建"},
	"demolition": {"拆除", "消除违建"}, "square meters": {"平方米"}, "square metres": {"平方米"}, "floor area": {"面积", "平方米"},
	"commercial housing": {"商品房"}, "housing": {"住房", "商品房"}, "affordable housing": {"保障性住房"}, "homes": {"住房"},
	"sold": {"销售"}, "sales": {"销售额", "销售"}, "sale": {"销售"}, "cars": {"汽车"}, "car": {"汽车"}, "vehicles": {"汽车"}, "vehicle": {"汽车"},
	"traffic": {"交通"}, "transport": {"交通"}, "transportation": {"交通"}, "road": {"道路", "路"}, "roads": {"道路", "路"},
	"subway": {"地铁", "轨道"}, "metro": {"地铁", "轨道"}, "rail": {"轨道"}, "railway": {"铁路", "轨道"}, "line": {"线"}, "highway": {"高速公路"}, "expressway": {"高速公路"},
	"parking": {"停车场", "停车"}, "parking lot": {"停车场"}, "congestion": {"拥堵", "治堵"}, "traffic congestion": {"交通拥堵"}, "tunnel": {"隧道"},
	"pressure": {"压力"}, "ease": {"缓解"}, "relieve": {"缓解"}, "preliminary studies": {"前期研究"}, "preliminary study": {"前期研究"}, "preliminary work": {"前期工作"},
	"school": {"学校"}, "schools": {"学校"}, "education": {"教育"}, "school places": {"学位"}, "degrees": {"学位"}, "students": {"学生"}, "teachers": {"教师"},
	"hospital": {"医院"}, "hospitals": {"医院"}, "medical": {"医疗"}, "health": {"健康", "卫生"}, "healthcare": {"医疗卫生"}, "beds": {"床位"},
	"elderly": {"老年人", "养老", "长者"}, "old": {"老", "老年人"}, "aged": {"养老"}, "elderly care": {"养老"}, "seniors": {"长者", "老年人"},
	"young": {"小", "幼"}, "children": {"儿童"}, "child": {"儿童"}, "childcare": {"托育", "托位"}, "nursery": {"托育"}, "infants": {"幼儿"}, "infant": {"幼儿"}, "toddlers": {"幼儿"},
	"places": {"学位", "托位"}, "kindergarten": {"幼儿园"}, "new": {"新增"}, "added": {"新增"}, "newly": {"新增"},
	"meals": {"助餐", "用餐"}, "meal": {"助餐", "用餐"}, "women": {"妇女"}, "disabled": {"残障", "残疾"}, "disability": {"残障", "残疾"},
	"employment": {"就业"}, "jobs": {"就业", "岗位"}, "unemployment": {"失业"}, "unemployment rate": {"失业率"}, "labor disputes": {"劳资纠纷"}, "labour disputes": {"劳资纠纷"},
	"income": {"收入"}, "revenue": {"收入"}, "assets": {"资产"}, "collective economy": {"集体经济"}, "budget": {"预算"}, "fiscal": {"财政"},
	"safety": {"安全"}, "security": {"安全"}, "production safety": {"安全生产"}, "work safety": {"安全生产"}, "fire": {"火灾", "消防"}, "emergency": {"应急"},
	"accidents": {"事故"}, "accident": {"事故"}, "disaster": {"灾害"}, "crime": {"违法犯罪", "刑事"}, "crimes": {"违法犯罪"}, "police": {"警情", "派出所"},
	"disputes": {"纠纷"}, "dispute": {"纠纷"}, "mediation": {"调解"}, "drug-free": {"无毒"}, "fraud": {"诈骗"},
	"environment": {"环境", "生态"}, "ecology": {"生态"}, "ecological": {"生态"}, "air quality": {"空气质量"}, "air": {"空气"}, "ozone": {"臭氧"},
	"green": {"绿色", "绿美"}, "park": {"公园"}, "parks": {"公园"}, "garbage": {"垃圾"}, "waste": {"垃圾", "废物"}, "river": {"河", "河道"}, "water": {"水"},
	"culture": {"文化"}, "cultural": {"文化"}, "art": {"美术", "艺术"}, "exhibition": {"展览", "展"}, "exhibitions": {"展览"}, "library": {"图书馆"}, "sports": {"体育"},
	"party": {"党"}, "party building": {"党建"}, "party organizations": {"党组织"}, "party organisations": {"党组织"}, "party members": {"党员"},
	"cadres": {"干部"}, "officials": {"干部"}, "discipline": {"纪律", "纪检"}, "corruption": {"廉洁", "腐败"}, "integrity": {"廉洁", "廉政"}, "inspection": {"巡察"},
	"investigated": {"审查调查", "立案"}, "cases": {"案件", "件"}, "case": {"案例", "案件"}, "case library": {"案例库"},
	"governance": {"治理"}, "grassroots": {"基层"}, "grassroots governance": {"基层治理"}, "community": {"社区"}, "communities": {"社区"},
	"subdistrict": {"街道"}, "street": {"街道", "街区"}, "district": {"区"}, "district-wide": {"全区"}, "citywide": {"全市"}, "city": {"市", "城市"}, "province": {"省"},
	"grid": {"网格"}, "volunteers": {"志愿"}, "social workers": {"社工"}, "social organizations": {"社会组织"}, "social organisations": {"社会组织"},
	"pilot": {"试点"}, "pilots": {"试点"}, "pilot units": {"试点单位"}, "demonstration": {"示范"}, "model": {"示范", "模式"}, "mode": {"模式"},
	"exchange meeting": {"交流会"}, "innovation": {"创新"}, "exchange": {"交流"}, "meeting": {"会"}, "conference": {"会议"},
	"organizations": {"单位", "组织"}, "organisations": {"单位", "组织"}, "units": {"单位"}, "institutions": {"机构"},
	"shareholding cooperative": {"股份合作公司"}, "shareholding cooperative companies": {"股份合作公司"}, "cooperative": {"合作"},
	"re-elections": {"换届选举"}, "re-election": {"换届选举"}, "election": {"选举"}, "elections": {"选举"}, "leadership": {"换届", "领导"},
	"complaints": {"诉求"}, "requests": {"诉求"}, "public requests": {"民生诉求"}, "petitions": {"诉求", "信访"}, "hotline": {"民意速办"},
	"completion rate": {"办结率"}, "satisfaction": {"满意率"}, "days": {"天"}, "average": {"平均"}, "time": {"时间"},
	"shortcomings": {"不足", "短板"}, "problems": {"问题"}, "challenges": {"挑战", "困难"}, "weaknesses": {"不足", "短板"}, "risks": {"风险"},
	"requirements": {"总体要求"}, "overall requirements": {"总体要求"}, "tasks": {"任务"}, "priorities": {"重点"}, "key": {"重点"},
	"section": {"部分"}, "sections": {"部分"}, "part": {"部分"}, "chapter": {"部分"},
	"medical device": {"医疗器械"}, "medical devices": {"医疗器械"}, "industrial park": {"产业园", "园区"}, "industrial parks": {"工业园区", "园区"}, "park area": {"园区"},
	"signing rate": {"签约率"}, "signed": {"签约"}, "storage rate": {"入库率"}, "warehousing": {"入库"},
	"supercharging": {"超充"}, "charging": {"充电", "超充"}, "energy storage": {"储能"}, "photovoltaic": {"光伏"}, "solar": {"光伏"}, "new energy": {"新能源"},
	"manufacturing": {"制造"}, "industry": {"产业", "工业"}, "industries": {"产业"}, "industrial": {"工业", "产业"}, "cluster": {"集群"}, "clusters": {"集群"},
	"services": {"服务"}, "service": {"服务"}, "service stations": {"服务站"}, "station": {"站"}, "stations": {"站"}, "centre": {"中心"}, "center": {"中心"},
	"built": {"建成"}, "build": {"建设"}, "construction": {"建设", "施工"}, "completed": {"完成", "竣工"}, "renovation": {"改造"}, "renovated": {"改造"},
	"gas": {"燃气", "瓶改管"}, "households": {"户"}, "household": {"户"}, "buildings": {"栋", "楼栋"}, "rental": {"出租屋"}, "electrical": {"电气"},
	"funding": {"资金"}, "funds": {"资金"}, "million": {"万"}, "yuan": {"元"}, "billion": {"亿"},
	"award": {"奖", "获评"}, "awarded": {"获评", "荣获"}, "honor": {"称号"}, "honour": {"称号"}, "title": {"称号", "标题"}, "named": {"获评", "确定为"},
	"religion": {"宗教"}, "ethnic": {"民族"}, "united front": {"统战"}, "military": {"军", "兵员"}, "recruitment": {"征集"},
	"grain": {"粮食"}, "grain output": {"粮食产量"}, "food": {"粮食", "食品"}, "agriculture": {"农业"}, "agricultural": {"农业"}, "farmland": {"农田", "耕地"},
	"rural": {"农村", "乡村"}, "rural revitalization": {"乡村振兴"}, "villages": {"村"}, "farmers": {"农民"}, "poverty": {"脱贫"},
	"tourism": {"旅游", "文旅"}, "tourists": {"游客"}, "visitors": {"游客"}, "trade": {"贸易", "外贸"}, "foreign trade": {"外贸", "进出口"},
	"exports": {"出口"}, "export": {"出口"}, "imports": {"进口"}, "foreign investment": {"外资"}, "population": {"人口"},
	"residents": {"居民"}, "per capita": {"人均"}, "disposable income": {"可支配收入"}, "urban": {"城镇", "城市"},
	"fiscal revenue": {"一般公共预算收入", "财政收入"}, "public budget": {"一般公共预算"}, "deficit": {"赤字"}, "debt": {"债务"},
	"energy": {"能源", "能耗"}, "carbon": {"碳"}, "emissions": {"排放"}, "forest": {"森林", "林"}, "forestry": {"林业"},
	"port": {"港", "港口"}, "airport": {"机场"}, "mileage": {"里程"}, "kilometres": {"公里"}, "kilometers": {"公里"},
	"power": {"电力", "装机"}, "electricity": {"电力", "用电"}, "wind": {"风电"}, "hydrogen": {"氢"}, "output": {"产量", "产值"},
	"production": {"生产", "产量"}, "price": {"价格"}, "prices": {"价格"}, "cpi": {"居民消费价格"}, "loans": {"贷款"}, "credit": {"信贷"},
	"projects": {"项目"}, "project": {"项目"}, "major projects": {"重大项目"}, "patents": {"专利"}, "research and development": {"研发"},
	"took part": {"参加"}, "take part": {"参加"}, "participated": {"参加"}, "country": {"全国"}, "national": {"全国", "国家"},
	"nationwide": {"全国"}, "shenzhen": {"深圳", "深圳市"}, "longhua": {"龙华", "龙华区"}, "guangdong": {"广东", "广东省"},
	"theme education": {"主题教育"}, "study sessions": {"学习"}, "party lectures": {"党课"}, "research": {"调研", "研究"}, "surveys": {"调研"},
}

// zhSynonyms maps colloquial Chinese to the genre's official wording.
var zhSynonyms = map[string][]string{
	"吃饭": {"助餐", "用餐", "热饭"}, "老人": {"老年人", "长者", "养老"}, "孩子": {"儿童", "幼儿"}, "小孩": {"儿童", "幼儿"},
	"卖出": {"销售"}, "卖了": {"销售"}, "卖": {"销售"}, "买": {"消费"}, "花了": {"投入"}, "花钱": {"投入", "资金"},
	"报警": {"警情"}, "犯罪": {"违法犯罪", "刑事"}, "办完": {"办结"}, "处理完": {"办结"}, "多久": {"时间", "天"},
	"线上": {"平台", "网上", "数字化"}, "网上": {"平台"}, "反映": {"诉求"}, "投诉": {"诉求"}, "意见": {"诉求", "意见建议"},
	"日子": {"天数"}, "好的": {"优良"}, "空气好": {"空气质量优良"}, "升": {"上升", "增长"}, "降": {"下降"},
	"地铁": {"轨道", "地铁"}, "修路": {"道路建设"}, "堵车": {"拥堵", "治堵"}, "停车": {"停车场"},
	"学校": {"学位", "学校"}, "上学": {"学位"}, "看病": {"医疗", "医院"}, "工作岗位": {"就业"}, "找工作": {"就业"},
	"钱": {"资金", "亿元", "万元"}, "挣": {"收入"}, "赚": {"收入", "盈利"}, "公司": {"企业"}, "厂": {"工业", "企业"},
	"当官": {"干部"}, "贪污": {"廉洁", "腐败"}, "打击": {"整治"}, "火灾": {"火灾", "消防"}, "着火": {"火灾"},
	"垃圾": {"垃圾", "环卫"}, "绿化": {"绿美", "公园"}, "污染": {"污染防治"}, "环保": {"生态", "环境"},
	"养老院": {"养老服务", "长者服务站"}, "托儿所": {"托育"}, "幼儿园": {"托育", "学位"},
	"经济增长": {"地区生产总值", "生产总值"}, "经济总量": {"地区生产总值"}, "经济增速": {"地区生产总值"},
	"瓶装": {"瓶改管"}, "管道燃气": {"瓶改管", "燃气"}, "煤气": {"燃气", "瓶改管"}, "烧气": {"燃气", "瓶改管"},
	"去年": {}, "今年": {}, "明年": {},
}

// englishStop are English words that carry no content for retrieval.
var englishStop = map[string]bool{
	"the": true, "a": true, "an": true, "of": true, "in": true, "on": true, "to": true, "for": true, "and": true, "or": true,
	"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "by": true, "with": true, "what": true,
	"which": true, "how": true, "many": true, "much": true, "did": true, "does": true, "do": true, "that": true, "this": true,
	"its": true, "it": true, "as": true, "at": true, "from": true, "into": true, "about": true, "there": true, "their": true,
	"has": true, "have": true, "had": true, "will": true, "would": true, "should": true, "can": true, "one": true, "two": true,
	"who": true, "whom": true, "when": true, "where": true, "why": true, "take": true, "took": true, "part": false, "report": true,
	"guanhu": true, "according": true, "say": true, "says": true, "said": true, "held": true, "named": false, "under": true,
	"focused": true, "implemented": true, "advanced": true, "start": true, "more": true, "than": true, "year": true, "years": true,
	"around": true, "total": true, "all": true, "any": true, "some": true, "other": true, "also": true, "being": true, "get": true,
	"got": true, "made": true, "make": true, "give": true, "given": true, "list": true, "name": true, "tell": true, "me": true,
	"please": true, "these": true, "those": true, "they": true,
}

var enPhrases []string

func init() {
	for k := range enGlossary {
		enPhrases = append(enPhrases, k)
	}
	sort.Slice(enPhrases, func(i, j int) bool {
		if len(enPhrases[i]) != len(enPhrases[j]) {
			return len(enPhrases[i]) > len(enPhrases[j])
		}
		return enPhrases[i] < enPhrases[j]
	})
}

// isEnglish reports whether a question is mostly Latin letters.
func isEnglish(q string) bool {
	latin, han := 0, 0
	for _, r := range q {
		switch {
		case r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'):
			latin++
		case r >= 0x4e00 && r <= 0x9fff:
			han++
		}
	}
	return latin > 2*han
}

// translateEnglishLeft returns the Chinese terms an English question maps
// to (longest phrases first, and any Chinese already in it), and the
// content words it could not translate (stopwords and numbers aside).
func translateEnglishLeft(q string) ([]string, []string) {
	low := " " + strings.ToLower(q) + " "
	low = strings.NewReplacer("?", " ", ",", " ", ".", " ", "'", " ", "\"", " ", "(", " ", ")", " ", "’", " ", "“", " ", "”", " ").Replace(low)
	var out []string
	for _, p := range enPhrases {
		needle := " " + p + " "
		for strings.Contains(low, needle) {
			out = append(out, enGlossary[p]...)
			low = strings.Replace(low, needle, " ", 1)
		}
	}
	var left []string
	for _, w := range strings.FieldsFunc(low, func(r rune) bool { return !(r >= 'a' && r <= 'z') }) {
		if len(w) >= 3 && !englishStop[w] && !englishStop[strings.TrimSuffix(w, "s")] {
			left = append(left, w)
		}
	}
	// Chinese written inside an English question.
	var han strings.Builder
	for _, r := range q {
		if r >= 0x4e00 && r <= 0x9fff {
			han.WriteRune(r)
		} else if han.Len() > 0 {
			out = append(out, han.String())
			han.Reset()
		}
	}
	if han.Len() > 0 {
		out = append(out, han.String())
	}
	return out, left
}

// expandChinese adds the official wording of colloquial words.
func expandChinese(q string) []string {
	var out []string
	for k, vs := range zhSynonyms {
		if strings.Contains(q, k) {
			out = append(out, vs...)
		}
	}
	sort.Strings(out)
	return out
}
