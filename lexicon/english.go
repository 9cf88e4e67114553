package lexicon

import (
	"regexp"
	"strings"
)

// snowballStopwords is the Snowball English stop word list
// (snowballstem.org/algorithms/english/stop.txt, BSD licence), the list
// most search engines start from.
const snowballStopwords = `i me my myself we our ours ourselves you your yours yourself yourselves
he him his himself she her hers herself it its itself they them their theirs themselves
what which who whom this that these those am is are was were be been being have has had having
do does did doing would should could ought i'm you're he's she's it's we're they're i've you've
we've they've i'd you'd he'd she'd we'd they'd i'll you'll he'll she'll we'll they'll isn't
aren't wasn't weren't hasn't haven't hadn't doesn't don't didn't won't wouldn't shan't shouldn't
can't cannot couldn't mustn't let's that's who's what's here's there's when's where's why's how's
a an the and but if or because as until while of at by for with about against between into through
during before after above below to from up down in out on off over under again further then once
here there when where why how all any both each few more most other some such no nor not only own
same so than too very`

// questionFillers are English words of questions about a report that carry
// no content: they ask, they do not name what is asked about.
const questionFillers = `many much according say says said tell please list name give given report
reports get got make made also will can may might shall end beginning period time long far large big
high fast whole overall recorded registered posted logged create creates created creating
absolute terms side actually regarding concerning hope hopes hoping`

var englishStop = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(snowballStopwords + " " + questionFillers) {
		m[w] = true
	}
	return m
}()

// IsEnglishStopword reports whether w (lower case) is an English word that
// carries no content in a question about a report: a Snowball stop word or
// a question filler (tell, list, according).
func IsEnglishStopword(w string) bool { return englishStop[w] }

// OfficialTerm is an English rendering of one of the genre's fixed official
// terms, which a word-by-word dictionary cannot produce.
type OfficialTerm struct {
	English string   // lower case: "above designated size"
	Chinese []string // the report's wordings, most common first
}

// officialTerms are the genre's fixed terms whose English is a set
// phrase (National Bureau of Statistics and State Council translations):
// only what a dictionary gets wrong belongs here.
var officialTerms = []OfficialTerm{
	{"above designated size", []string{"规模以上", "规上"}},
	{"party building", []string{"党建", "党的建设"}},
	{"party-building", []string{"党建", "党的建设"}},
	{"party organizations", []string{"党组织"}},
	{"party organization", []string{"党组织"}},
	{"party branches", []string{"党支部"}},
	{"party branch", []string{"党支部"}},
	{"metro", []string{"地铁", "轨道交通", "轨道"}},
	{"metro line", []string{"地铁", "轨道交通", "轨道"}},
	{"subway line", []string{"地铁", "轨道交通", "轨道"}},
	{"transport", []string{"交通", "运输"}},
	{"land storage", []string{"入库", "土地入库", "收储"}},
	{"land banking", []string{"入库", "土地入库", "收储", "土地储备"}},
	{"land-banking", []string{"入库", "土地入库", "收储", "土地储备"}},
	{"coverage", []string{"覆盖率", "覆盖"}},
	{"rehabilitation", []string{"康复"}},
	{"taiwan-funded enterprises", []string{"台资企业", "台企"}},
	{"taiwan-funded", []string{"台资"}},
	{"taiwanese capital", []string{"台资"}},
	{"r&d spending", []string{"研发经费投入", "研发投入", "研发经费", "研究与试验发展经费"}},
	{"r&d expenditure", []string{"研发经费投入", "研发投入", "研发经费", "研究与试验发展经费"}},
	{"r&d investment", []string{"研发经费投入", "研发投入", "研发经费", "研究与试验发展经费"}},
	{"high-speed rail", []string{"高铁", "高速铁路"}},
	{"high-speed railway", []string{"高铁", "高速铁路"}},
	{"operating", []string{"运营"}},
	{"in operation", []string{"运营", "投运"}},
	{"hospital beds", []string{"床位", "病床"}},
	{"beds", []string{"床位", "病床", "张"}},
	{"general hospital", []string{"综合医院", "医院"}},
	{"transportation", []string{"交通", "运输"}},
	{"push forward", []string{"推进", "推动"}},
	{"pushed forward", []string{"推进", "推动"}},
	{"pushed", []string{"推进", "推动"}},
	{"push", []string{"推进", "推动"}},
	{"start building", []string{"开工建设", "开工"}},
	{"start construction", []string{"开工建设", "开工"}},
	{"begin construction", []string{"开工建设", "开工"}},
	{"begin building", []string{"开工建设", "开工"}},
	{"broken ground", []string{"开工"}},
	{"broke ground", []string{"开工"}},
	{"break ground", []string{"开工"}},
	{"school places", []string{"学位"}},
	{"came on stream", []string{"投用", "投入使用", "投产"}},
	{"come on stream", []string{"投用", "投入使用", "投产"}},
	{"set up", []string{"成立", "设立", "组建", "新增", "建立"}},
	{"primary-level", []string{"基层"}},
	{"co2 emissions per unit of gdp", []string{"单位地区生产总值二氧化碳排放", "单位GDP二氧化碳排放"}},
	{"carbon dioxide emissions per unit of gdp", []string{"单位地区生产总值二氧化碳排放", "单位GDP二氧化碳排放"}},
	{"private investment", []string{"民间投资"}},
	{"general expenditure", []string{"一般性支出"}},
	{"general expenditures", []string{"一般性支出"}},
	{"key projects", []string{"重点项目", "重大项目"}},
	{"major projects", []string{"重大项目", "重点项目"}},
	{"inbound tourists", []string{"入境游客", "入境"}},
	{"installed capacity", []string{"装机"}},
	{"installed power capacity", []string{"电力装机", "装机"}},
	{"china-europe railway express", []string{"中欧班列"}},
	{"china-europe freight trains", []string{"中欧班列"}},
	{"computing power", []string{"算力"}},
	{"taiwan-funded firms", []string{"台企", "台资企业"}},
	{"taiwan-funded enterprises", []string{"台企", "台资企业"}},
	{"taiwan-funded companies", []string{"台企", "台资企业"}},
	{"taiwan-funded businesses", []string{"台企", "台资企业"}},
	{"taiwan-invested firms", []string{"台企", "台资企业"}},
	{"taiwan-invested enterprises", []string{"台企", "台资企业"}},
	{"taiwan-invested companies", []string{"台企", "台资企业"}},
	{"taiwan-invested businesses", []string{"台企", "台资企业"}},
	{"taiwanese firms", []string{"台企", "台资企业"}},
	{"taiwanese enterprises", []string{"台企", "台资企业"}},
	{"taiwanese companies", []string{"台企", "台资企业"}},
	{"taiwanese businesses", []string{"台企", "台资企业"}},
	{"high-tech manufacturing", []string{"高技术制造业", "高新技术制造业"}},
	{"clean up", []string{"整治", "清理", "治理"}},
	{"cleaning up", []string{"整治", "清理", "治理"}},
	{"cleaned up", []string{"整治", "清理", "治理"}},
	{"fire risk", []string{"火灾高风险", "火灾风险", "火灾隐患", "消防"}},
	{"fire risks", []string{"火灾高风险", "火灾风险", "火灾隐患", "消防"}},
	{"fire hazards", []string{"火灾隐患", "消防隐患", "火灾高风险"}},
	{"taiwan investment", []string{"台资"}},
	{"taiwanese investment", []string{"台资"}},
	{"taiwanese capital", []string{"台资"}},
	{"taiwan capital", []string{"台资"}},
	{"actually used", []string{"实际使用"}},
	{"actually utilized", []string{"实际使用"}},
	{"actually utilised", []string{"实际使用"}},
	{"actual use", []string{"实际使用"}},
	{"put to use", []string{"实际使用", "使用"}},
	{"milestone", []string{"里程碑", "零的突破", "突破"}},
	{"breakthrough", []string{"零的突破", "突破"}},
	{"overall driver", []string{"总牵引", "牵引"}},
	{"overarching driver", []string{"总牵引", "牵引"}},
	{"main driver", []string{"总牵引", "牵引", "主抓手"}},
	{"overarching lever", []string{"总牵引", "主抓手"}},
	{"main lever", []string{"主抓手", "总牵引"}},
	{"key lever", []string{"主抓手", "抓手"}},
	{"main thrust", []string{"主抓手", "总牵引"}},
	{"main battlefield", []string{"主战场"}},
	{"main battleground", []string{"主战场"}},
	{"paired assistance", []string{"对口帮扶", "对口支援", "结对帮扶"}},
	{"pairing assistance", []string{"对口帮扶", "对口支援", "结对帮扶"}},
	{"paired-assistance", []string{"对口帮扶", "对口支援", "结对帮扶"}},
	{"targeted assistance", []string{"对口帮扶", "对口支援", "精准帮扶"}},
	{"paired with", []string{"对口帮扶", "结对", "对口支援"}},
	{"partner with", []string{"对口帮扶", "结对", "合作"}},
	{"twinned with", []string{"对口帮扶", "结对"}},
	{"hydropower stations", []string{"水电站"}},
	{"hydropower station", []string{"水电站"}},
	{"hydropower plants", []string{"水电站"}},
	{"hydropower", []string{"水电"}},
	{"hydroelectric", []string{"水电"}},
	{"pumped storage", []string{"抽水蓄能"}},
	{"pumped-storage", []string{"抽水蓄能"}},
	{"speed up", []string{"加快", "加速"}},
	{"speeding up", []string{"加快", "加速"}},
	{"step up", []string{"加大", "加强", "加快"}},
	{"ramp up", []string{"加大", "加快"}},
	{"finished and running", []string{"建成投用", "建成通车", "投运", "投用", "通车", "投入使用"}},
	{"finished and in service", []string{"建成投用", "建成通车", "投运", "投用", "通车", "投入使用"}},
	{"completed and opened", []string{"建成投用", "建成通车", "投运", "投用", "通车", "投入使用"}},
	{"completed and put into operation", []string{"建成投用", "建成通车", "投运", "投用", "通车", "投入使用"}},
	{"put into operation", []string{"建成投用", "建成通车", "投运", "投用", "通车", "投入使用"}},
	{"put into service", []string{"建成投用", "建成通车", "投运", "投用", "通车", "投入使用"}},
	{"put into use", []string{"建成投用", "建成通车", "投运", "投用", "通车", "投入使用"}},
	{"open to traffic", []string{"建成投用", "建成通车", "投运", "投用", "通车", "投入使用"}},
	{"opened to traffic", []string{"建成投用", "建成通车", "投运", "投用", "通车", "投入使用"}},
	{"finished and opened", []string{"建成投用", "建成通车", "投运", "投用", "通车", "投入使用"}},
	{"sub-central", []string{"次中心", "副中心"}},
	{"sub-centre", []string{"次中心", "副中心"}},
	{"sub-center", []string{"次中心", "副中心"}},
	{"sub-centres", []string{"次中心", "副中心"}},
	{"sub-centers", []string{"次中心", "副中心"}},
	{"secondary centres", []string{"次中心", "副中心"}},
	{"secondary centers", []string{"次中心", "副中心"}},
	{"public complaints", []string{"民生诉求", "诉求", "投诉"}},
	{"complaints", []string{"诉求", "投诉"}},
	{"residents' requests", []string{"民生诉求", "诉求"}},
	{"requests", []string{"诉求", "需求"}},
	{"handling time", []string{"办结时间", "办理时间", "办理时限"}},
	{"processing time", []string{"办结时间", "办理时间", "办理时限"}},
	{"rapid response", []string{"速办", "快速响应"}},
	{"rapid-response", []string{"速办", "快速响应"}},
	{"public complaint", []string{"民生诉求", "诉求", "投诉"}},
	{"complaint", []string{"诉求", "投诉"}},
	{"completion rate", []string{"办结率", "完成率"}},
	{"residents requests", []string{"民生诉求", "诉求"}},
	{"bottled gas", []string{"瓶装燃气", "瓶装液化气", "瓶改管"}},
	{"gas cylinders", []string{"瓶装燃气", "瓶装液化气", "瓶改管"}},
	{"piped gas", []string{"管道燃气", "管道天然气", "瓶改管"}},
	{"pipeline gas", []string{"管道燃气", "管道天然气", "瓶改管"}},
	{"police reports", []string{"警情"}},
	{"police incidents", []string{"警情"}},
	{"crime-related", []string{"违法犯罪", "刑事"}},
	{"crime", []string{"违法犯罪", "刑事", "犯罪"}},
	{"crimes", []string{"违法犯罪", "刑事", "犯罪"}},
	{"fall", []string{"下降", "降低", "减少"}},
	{"fell", []string{"下降", "降低", "减少"}},
	{"falls", []string{"下降", "降低", "减少"}},
	{"drop", []string{"下降", "降低", "减少"}},
	{"dropped", []string{"下降", "降低", "减少"}},
	{"decline", []string{"下降", "降低", "减少"}},
	{"declined", []string{"下降", "降低", "减少"}},
	{"land consolidation", []string{"土地整备", "土地整理", "土地整治"}},
	{"land readjustment", []string{"土地整备", "土地整理"}},
	{"land banked", []string{"入库", "土地储备"}},
	{"banked", []string{"入库", "储备"}},
	{"in a row", []string{"连续"}},
	{"consecutive", []string{"连续"}},
	{"births", []string{"出生人口", "出生"}},
	{"newborns", []string{"出生人口", "新生儿"}},
	{"one million", []string{"百万"}},
	{"urban rural", []string{"城乡"}},
	{"urban and rural", []string{"城乡"}},
	{"rural and urban", []string{"城乡"}},
	{"income ratio", []string{"收入比", "收入倍差", "倍差"}},
	{"income gap", []string{"收入差距", "收入倍差", "倍差"}},
	{"provincial-level", []string{"省级"}},
	{"provincial", []string{"省级", "省"}},
	{"resident population", []string{"常住人口"}},
	{"permanent population", []string{"常住人口"}},
	{"permanent residents", []string{"常住人口"}},
	{"provincial level", []string{"省级"}},
	{"cut", []string{"压减", "削减", "减少", "下降"}},
	{"cuts", []string{"压减", "削减", "减少", "下降"}},
	{"childcare places", []string{"托位"}},
	{"daycare places", []string{"托位"}},
	{"nursery places", []string{"托位"}},
	{"above-designated-size", []string{"规模以上", "规上"}},
	{"above-scale", []string{"规模以上", "规上"}},
	{"industrial enterprises above designated size", []string{"规上工业企业", "规模以上工业企业"}},
	{"gross domestic product", []string{"地区生产总值", "生产总值"}},
	{"gross regional product", []string{"地区生产总值"}},
	{"grp", []string{"地区生产总值"}},
	{"gdp", []string{"地区生产总值", "生产总值", "GDP"}},
	{"economic output", []string{"地区生产总值", "经济总量"}},
	{"economic growth", []string{"经济增长", "地区生产总值", "生产总值"}},
	{"gdp growth", []string{"地区生产总值", "生产总值", "经济增长"}},
	{"fixed-asset investment", []string{"固定资产投资"}},
	{"fixed asset investment", []string{"固定资产投资"}},
	{"total retail sales of consumer goods", []string{"社会消费品零售总额"}},
	{"retail sales", []string{"社会消费品零售总额", "零售总额"}},
	{"consumer price index", []string{"居民消费价格"}},
	{"consumer prices", []string{"居民消费价格"}},
	{"consumer price", []string{"居民消费价格"}},
	{"cpi", []string{"居民消费价格"}},
	{"surveyed urban unemployment rate", []string{"城镇调查失业率"}},
	{"urban unemployment rate", []string{"城镇调查失业率", "城镇登记失业率"}},
	{"unemployment rate", []string{"失业率"}},
	{"new urban jobs", []string{"城镇新增就业"}},
	{"urban jobs", []string{"城镇新增就业"}},
	{"general public budget revenue", []string{"一般公共预算收入"}},
	{"general public budget", []string{"一般公共预算"}},
	{"fiscal revenue", []string{"一般公共预算收入", "财政收入"}},
	{"per capita disposable income", []string{"人均可支配收入"}},
	{"disposable income", []string{"可支配收入"}},
	{"value added", []string{"增加值"}},
	{"value-added", []string{"增加值"}},
	{"r&d", []string{"研发", "研究与试验发展"}},
	{"research and development", []string{"研发", "研究与试验发展"}},
	{"grain output", []string{"粮食产量", "粮食总产"}},
	{"grain production", []string{"粮食产量", "粮食总产"}},
	{"foreign trade", []string{"外贸", "进出口"}},
	{"imports and exports", []string{"进出口"}},
	{"total imports and exports", []string{"进出口总额"}},
	{"energy consumption per unit of gdp", []string{"单位地区生产总值能耗", "单位GDP能耗"}},
	{"14th five-year plan", []string{"十四五"}},
	{"15th five-year plan", []string{"十五五"}},
	{"five-year plan", []string{"五年规划"}},
	{"specialized and sophisticated", []string{"专精特新"}},
	{"little giant", []string{"小巨人"}},
	{"little giants", []string{"小巨人"}},
	{"high-tech enterprises", []string{"高新技术企业"}},
	{"high-tech", []string{"高新技术"}},
	{"new quality productive forces", []string{"新质生产力"}},
	{"rural revitalization", []string{"乡村振兴"}},
	{"rural revitalisation", []string{"乡村振兴"}},
	{"urban renewal", []string{"城市更新"}},
	{"urban village", []string{"城中村"}},
	{"urban villages", []string{"城中村"}},
	{"party working committee", []string{"党工委"}},
	{"subdistrict", []string{"街道"}},
	{"people's congress", []string{"人民代表大会", "人大"}},
	{"people's congresses", []string{"人民代表大会", "人大"}},
	{"npc", []string{"人大", "全国人民代表大会"}},
	{"work report", []string{"工作报告"}},
	{"government work report", []string{"政府工作报告"}},
	{"government self-improvement", []string{"政府自身建设"}},
	{"self-improvement", []string{"自身建设"}},
	{"low-altitude economy", []string{"低空经济"}},
	{"digital economy", []string{"数字经济"}},
	{"business environment", []string{"营商环境"}},
	{"belt and road", []string{"一带一路"}},
	{"air quality", []string{"空气质量"}},
	{"good air quality days", []string{"空气质量优良天数"}},
	{"days with good air quality", []string{"空气质量优良天数"}},
	{"forest coverage", []string{"森林覆盖率"}},
	{"year on year", []string{"同比"}},
	{"year-on-year", []string{"同比"}},
	{"percentage points", []string{"个百分点"}},
	{"industrial park", []string{"工业园区", "产业园", "园区"}},
	{"industrial parks", []string{"工业园区", "产业园", "园区"}},
	{"science park", []string{"科创园", "科技园", "科学园", "产业园"}},
	{"science and technology park", []string{"科技园", "科创园"}},
	{"ahead of schedule", []string{"提前"}},
	{"finished", []string{"完成"}},
	{"completed", []string{"完成", "建成"}},
	{"benefit", []string{"惠及", "受益", "惠民"}},
	{"benefited", []string{"惠及", "受益", "惠民"}},
	{"benefiting", []string{"惠及", "受益", "惠民"}},
	{"benefiting from", []string{"惠及", "受益", "享受"}},
	{"tax refund", []string{"退税"}},
	{"tax refunds", []string{"退税"}},
	{"departure tax refund", []string{"离境退税"}},
	{"passenger throughput", []string{"旅客吞吐量", "吞吐量"}},
	{"passengers", []string{"旅客", "乘客", "客流", "吞吐量"}},
	{"key laboratories", []string{"重点实验室"}},
	{"key laboratory", []string{"重点实验室"}},
	{"national key laboratories", []string{"全国重点实验室", "国家重点实验室"}},
	{"new energy", []string{"新能源"}},
	{"new-energy", []string{"新能源"}},
	{"renewable energy", []string{"新能源", "可再生能源"}},
	{"renewable", []string{"新能源", "可再生"}},
	{"warning", []string{"警示"}},
	{"disciplinary", []string{"违纪", "纪律"}},
	{"science and technology special projects", []string{"科技专项"}},
	{"sci-tech special projects", []string{"科技专项"}},
	{"special projects", []string{"专项"}},
	{"r&d intensity", []string{"研发投入强度", "研发经费投入强度", "研究与试验发展经费投入强度"}},
	{"counterpart assistance", []string{"对口帮扶", "对口支援", "对口帮扶协作", "东西部协作"}},
	{"paired assistance", []string{"对口帮扶", "对口支援", "结对帮扶"}},
	{"counterpart support", []string{"对口支援", "对口帮扶"}},
	{"resolution rate", []string{"化解率", "办结率", "解决率"}},
	{"land reserve", []string{"土地储备", "收储", "入库"}},
	{"violations of discipline", []string{"违纪"}},
	{"lessons", []string{"教训"}},
	{"lesson", []string{"教训"}},
	{"draw lessons", []string{"汲取", "教训"}},
	{"trains", []string{"班列", "列车", "火车"}},
	{"freight train", []string{"班列", "货运列车"}},
	{"china-europe freight train", []string{"中欧班列"}},
	{"train runs", []string{"班次", "开行", "列"}},
	{"runs", []string{"班次", "开行", "列"}},
	{"four forms", []string{"四种形态"}},
	{"three meetings and one lesson", []string{"三会一课"}},
	{"party lectures", []string{"党课"}},
	{"party lecture", []string{"党课"}},
	{"themed party day", []string{"主题党日"}},
	{"themed party days", []string{"主题党日"}},
	{"into storage", []string{"入库"}},
	{"above target", []string{"超额"}},
	{"ahead of time", []string{"提前"}},
	{"finished early", []string{"提前完成"}},
	{"completed early", []string{"提前完成"}},
	{"economy", []string{"经济总量", "地区生产总值", "生产总值", "经济"}},
	{"private economy", []string{"民营经济"}},
	{"private sector", []string{"民营经济", "民营企业"}},
	{"marine economy", []string{"海洋经济"}},
	{"county economy", []string{"县域经济"}},
	{"scenic areas", []string{"景区"}},
	{"scenic spots", []string{"景区"}},
	{"scenic area", []string{"景区"}},
	{"freight trains", []string{"班列", "货运列车"}},
}

// NumberedName is an English way of writing a numbered name and the
// Chinese it stands for (Line 17 → 17号线, 5A-level → 5A级): Format takes
// the number.
type NumberedName struct {
	RE     *regexp.Regexp
	Format string
}

// NumberedNames are the numbered names of the genre written in English.
var NumberedNames = []NumberedName{
	{regexp.MustCompile(`\b(?:metro |subway |rail |railway )?line (\d{1,2})\b`), "%s号线"},
	{regexp.MustCompile(`\b(\d)a(?:[- ](?:level|grade|rated|class))?\b`), "%sA级"},
}

// OfficialTerms returns the genre's fixed English terms, longest English
// phrase first.
func OfficialTerms() []OfficialTerm { return sortedOfficialTerms }

var sortedOfficialTerms = func() []OfficialTerm {
	out := append([]OfficialTerm(nil), officialTerms...)
	for i := 1; i < len(out); i++ { // insertion sort: stable, small
		for j := i; j > 0 && len(out[j].English) > len(out[j-1].English); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}()
