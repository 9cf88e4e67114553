package lexicon

import (
	"regexp"
	"strings"
)

// Question vocabulary: the words people use to ask about a report, in
// Chinese and English. They say what kind of answer is wanted; they are not
// what the question is about, so they are removed before a question's
// content is matched against a report.

// QuestionFillers are Chinese words of questions that carry no content,
// longest first.
var QuestionFillers = []string{
	"请问一下", "请告诉我", "根据报告", "报告中提到", "报告里提到", "报告中", "报告里", "报告提到", "文件中",
	"要达到", "将达到", "能达到", "达到多少", "到多少", "是多少", "有多少", "为多少", "达多少", "多少个", "多少", "那些", "哪些个", "是什么", "有什么", "有哪些", "是哪些", "包括哪些", "哪些", "哪几",
	"什么", "哪个", "哪一", "哪项", "哪条", "哪类", "哪家", "哪里", "哪儿", "怎么样", "怎么", "怎样", "如何", "为什么",
	"什么水平", "何种水平", "什么程度", "那个", "这个", "因为", "由于", "一年", "要花", "花多少钱", "花了多少钱", "多少钱", "亲自", "亲手", "家里", "平均每年", "每年平均", "放在", "归在", "列在", "写在", "这部分", "这一部分", "那部分", "那一部分", "部分里", "部分中", "方面",
	"第几届", "第几个", "第几家", "第几批", "第几次", "第几位", "第几名", "第几座",
	"百分之几", "是否", "有没有", "能不能", "多大", "多高", "多长", "多快", "多久", "几个", "几项", "几条", "几家", "几",
	"分别", "一共", "总共", "共计", "大约", "大概", "请问", "告诉我", "一下", "提到", "提出", "说了", "讲了", "谈到",
	"吗", "呢", "吧", "啊", "了吗",
	"可以", "能够", "可能", "应该", "需要", "截至", "截止", "为止",
	"叫什么名字", "什么名字", "叫什么", "名称是", "现在", "目前", "当前", "如今",
	"结束的时候", "结束时", "收官时", "期间", "时期", "期末", "年末", "年底", "以来", "之内", "末", "全年", "一年里", "一年中", "一年来", "大概", "大约",
	"最高", "最低", "最多", "最少", "最快", "最慢", "最大", "最小",
	"中的", "里的", "之中", "当中", "之间", "其中", "方面的", "一共", "具体",
	"比前一年", "比上一年", "比上年", "比前年", "跟前一年比", "和前一年比",
	"按照", "根据", "依照", "对于", "针对", "关于", "随着", "通过",
	"的问题", "怎么做", "如何做", "做什么", "怎么办", "哪些措施", "什么措施", "什么举措",
	"多还是少", "高还是低", "大还是小", "快还是慢", "还是",
	"这边", "那边", "这里", "那里", "咱们", "大家", "想把", "想要", "几比一", "这几年", "这些年", "不再用", "不用", "一类的", "之类的", "一类", "这类",
}

// QuestionParticles are single characters blanked from questions: they
// join words without carrying content.
const QuestionParticles = "的了是在有和与及等为把被又还都吗呢吧啊要将"

// AnswerTypeRE finds the words after 什么 or 哪+classifier (什么称号, 哪部
// 作品): they name the kind of answer, which a report states by example
// (荣获“土地生命奖”), not by that word. Group 1 is the phrase, group 2 what
// ends it (punctuation or nothing when the phrase closes the question).
var AnswerTypeRE = regexp.MustCompile(`(?:什么|啥|哪一?[个部项种些家所类座位名只款])(\p{Han}{1,8})([？?，,。；;！!]|$)?`)

// AspectParticle marks a completed action (达到了): glued to a verb by the
// dictionary (到了), it is dropped from the term.
const AspectParticle = "了"

// CountClassifiers are the measure words that count things (几起, 多少家):
// a question with one after 几 or 多少 asks for a count.
const CountClassifiers = "个家项所座条次名人户处场件批栋辆套间张床枚种类位起宗例台部只头颗架艘株棵匹篇首块根口眼粒门轮届列趟班"

// Patterns that say what a question asks for. Each is matched against the
// question in lower case.
var (
	// QuantityRE: the question asks for a number.
	QuantityRE = regexp.MustCompile(`多少|几[` + CountClassifiers + `年天倍万亿千百岁]|多大|多高|多长|多久|多快|什么水平|何种水平|比例|比重|占比|百分之几|增速|增幅|降幅|涨幅|增长率|规模|总额|总量|how many|how much|what percentage|what share|what proportion|how large|how big|how long|how fast|how high|what (was|is|were|are|will be) (the )?[a-z' -]*(rate|value|number|amount|total|output|share|growth|size|area|volume|revenue|income|target|goal|capacity|length|level|ratio|percentage|count|sum|spending|investment)s?\b|what [a-z' -]*(rate|target|goal|growth|share|percentage|amount|total|number|capacity|level)s?\b.*(set|aim|plan|target|reach|expect|envisage|envision|project|foresee|anticipate|propose|seek|call)|by how much|to what (level|extent)|\bwhat (?:was|is|were|are|will be)\b.*\b(?:rate|target|goal|share|percentage|proportion|amount|total|number|gdp|cpi|output|income|revenue|investment|ceiling|cap|volume|value|size|capacity|length|area|level|figure|population|price|premium|cost|wage|salary|budget|expenditure|debt|yield|density|coverage|ratio|concentration|average|index|intensity|emission|consumption|mileage|duration|speed|turnover|throughput)s?\b|^(what|which)\b.*\b(rate|target|goal|growth|share|percentage|proportion|amount|total|number|gdp|cpi|output|income|revenue|investment|ceiling|cap|volume|value|size|capacity|length|level|figure|population|price|premium|cost|wage|salary|budget|expenditure|debt|yield|density|coverage|ratio|concentration|average|index|intensity|emission|consumption|mileage|duration|speed|turnover|throughput)s?\b`)
	// ChangeRE: the question asks for a growth or decline.
	ChangeRE = regexp.MustCompile(`增长|增速|增幅|下降|降幅|涨幅|涨了|上涨|涨多少|降了|提高|上升|减少|变化|升还是降|升降|增加了|多了几|少了几|多了多少|少了多少|百分点|\b(?:grow(?:th|s|n|ing)?|grew|increas\w*|decreas\w*|declin\w*|ris(?:e|es|en|ing)|rose|fall(?:s|en|ing)?|fell|drop(?:s|ped|ping)?|cut(?:s|ting)?|reduc\w*|lower(?:ed|ing)?|chang\w*|up or down|percentage points?|go(?:es)? up|went up|gone up|go(?:es)? down|went down)\b`)
	// CountAskRE: the question asks for a count (how many, 多少家): its
	// answer is a number of things, never a rate of change, whatever
	// change word it also holds (after the increase, 新增多少家).
	CountAskRE = regexp.MustCompile(`how many|(多少|几)[` + CountClassifiers + `]`)
	// PointsAskRE: the question asks a change in percentage points (多了
	// 几个百分点), which its 几个 does not make a count of things.
	PointsAskRE = regexp.MustCompile(`(几|多少)个?百分点|how many percentage points`)
	// ChangeToRE: a change word that asks for the level reached (提高到,
	// 降至), not the change.
	ChangeToRE = regexp.MustCompile(`(提高|提升|下降|降低|增长|增加|减少|降|升|扩大|缩小|控制)(到|至)|(rise|increase|grow|fall|drop|reduce|cut|raise|lift|bring)\w* to\b`)
	// TargetRE: the question asks for a goal.
	TargetRE = regexp.MustCompile(`目标|预期|力争|计划|打算|争取|确保|要达到|将达到|将要|准备|\b(?:target(?:s|ed|ing)?|goals?|aim(?:s|ed|ing)?|plan(?:s|ned|ning)?|expected|will|forecasts?|objectives?)\b`)
	// ByYearRE: 到2030年, a deadline: a goal when the year lies ahead of
	// the report, a result when the report reviews it (到2023年底).
	ByYearRE = regexp.MustCompile(`到20\d\d年`)
	// MetTargetRE: words that say a target was met or beaten (超额完成,
	// above target) or work runs on schedule (按计划推进), which describe a
	// result, not a goal asked.
	MetTargetRE = regexp.MustCompile(`(above|ahead of|beyond|exceeding|exceeded|surpassed|met|meeting|hit|on) (its |the |their )?(targets?|goals?)|超额完成|完成了?(全年)?目标|按计划|按期|如期|on schedule`)
	// ReviewRE: the question asks for a result.
	ReviewRE = regexp.MustCompile(`去年|上年|上一年|过去一年|过去五年|完成了|实现了|达到了|取得了|取得|成效|成绩|回顾|总结|实际|last year|achieved|actual|result`)
	// NowRE: the question asks how things stand (what is it now, 目前):
	// the latest result, unless a planned year says otherwise.
	NowRE = regexp.MustCompile(`\bnow\b|\bcurrently\b|\bat present\b|\bso far\b|目前|现在|当前|如今`)
	// PastTenseRE: English past tense, a weak sign of a result that a
	// named year overrides (what target did X set for 2026).
	PastTenseRE = regexp.MustCompile(`\b(was|were|did|had)\b`)
	// ListRE: the question asks for several things.
	ListRE = regexp.MustCompile(`哪些|各部分|各个部分|每部分|每个部分|哪几|哪[两二三四五六七八九十]|几个方面|几方面|几项|包括什么|包括哪|有什么|主要有|列举|分别是|what are|organi[sz]ed|structured|which are|list|name the|what .* include|which (?:[a-z-]+ ){0,3}(tasks|priorities|measures|areas|fields|industries|projects|sectors|cities|counties|places|companies|firms|enterprises|roads|stations|lines|parks|programs|programmes|initiatives|actions)\b`)
	// SectionRE: the question asks about the report's divisions.
	SectionRE = regexp.MustCompile(`几大部分|几个大部分|第几点|[两二三四五六七八九十]大部分|哪[两二三四五六七八九十]个?部分|部分组成|第几部分|第几个部分|哪一部分|哪个部分|哪部分|几个部分|几部分|分几|哪一节|标题|第[一二三四五六七八九十\d]+部分|哪一方面|哪个方面|几个方面|哪些方面|讲什么|讲了什么|主要内容|哪一章|which section|what section|how many sections|how many parts|which part|what part|main parts|its parts|the parts|major parts|organi[sz]ed|structured|structure of|title|heading`)
	// PlacementRE: the question asks under which division a topic sits
	// (放在哪一项下面, 属于哪个方面), whatever count it also names.
	PlacementRE = regexp.MustCompile(`哪一?[项个条部方][分面]?(下面|下|里|里面|中|之中|之下)|哪一?个?(部分|方面|项|条)(提出|提到|部署|讲到|谈到|出现|写到)|(出自|出现在|提到于)哪|部分(的|里的|中的)哪一?(条|项|个|节)|(放在|归在|归入|属于|列在|列入|写在)[^？?]{0,16}(哪|第几)|under which (section|part|heading|item|task|priority)|(in|under) which of the`)
	// CountRE: the question asks how many divisions there are.
	CountRE = regexp.MustCompile(`几个部分|几部分|几大部分|几个大部分|几大块|分几|多少(个)?部分|几个方面|多少个?方面|共分|部分.{0,4}几个|部分.{0,4}多少|方面.{0,4}几个|how many (main |major |key |numbered )?(sections|parts|areas|aspects|chapters)`)
	// WhoRE, WhenRE, WhereRE: who, when and where questions.
	WhoRE   = regexp.MustCompile(`谁|哪位|何人|什么人|who\b|whom`)
	WhenRE  = regexp.MustCompile(`何时|什么时候|什么时间|哪个时间|哪些天|哪几天|哪天|哪一天|几月|哪一年|哪年|日期|时间是|^when\b|[,;]\s*(and )?when\b|\band when\b|what date|which date|which year|what year|by when|until when`)
	WhereRE = regexp.MustCompile(`哪里|在哪|什么地方|哪个会议|哪次会议|何地|where\b|which meeting|what meeting|at which`)
	// YesNoRE: a yes/no question.
	YesNoRE = regexp.MustCompile(`是否|有没有|是不是|能否|吗[?？]?$|^(is|are|was|were|does|did|do|has|have|will) `)
	// CompareRE: the question compares two things.
	CompareRE = regexp.MustCompile(`[多少高低大小快慢]还是[多少高低大小快慢]|相差|相比|相较|比起|差多少|差距|多多少|少多少|高多少|低多少|哪个(规模)?更|哪个大|哪个多|哪个快|谁更|更快|更高|更多|比较|对比|difference|compare|compared|which (is|was) (larger|bigger|higher|faster|more)|higher than|more than`)
	// AcrossRE: the question asks across several reports.
	AcrossRE = regexp.MustCompile(`各省|各地|各市|各区|各自治区|哪个省|哪些省|哪个地区|哪些地区|哪个城市|哪个市|全国各|各个报告|几个省|多少个省|每个省|每省|最高的省|最低的省|each province|which province|which provinces|all provinces|each region|which region|across (the )?(provinces|regions|reports)`)
	// InjectionRE: the question tries to change how the bot answers.
	InjectionRE = regexp.MustCompile(`(?i)忽略(以上|之前|前面|上述|所有|报告|你的)|无视(以上|之前|报告)|ignore (all |the )?(previous|above|prior)|ignore (the|this|your) (report|document|context|passages?|instructions?)|tell (me )?a joke|讲个笑话|写一首诗|write (me )?a poem|disregard (the |all )?(previous|above)|system prompt|系统提示|你现在是|扮演|jailbreak|developer mode|输出你的(指令|提示)`)
)

// Ordinal patterns: 第三个方面, 第四部分, 三是, 其三, the third.
var (
	OrdinalZhRE = regexp.MustCompile(`(最后一)(个|项|条|点|部分|方面)|第[（(]?([一二三四五六七八九十两\d]{1,3})[）)]?(个|项|条|点|部分|方面|大方面|章|节|板块|大类|类|件|是|的)|([一二三四五六七八九十]{1,3})是|其([一二三四五六七八九十]{1,3})`)
	OrdinalEnRE = regexp.MustCompile(`(?i)\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|1st|2nd|3rd|[4-9]th|10th)\s+(?:and\s+(?:the\s+)?(?:last|final)\s+)?(?:of\s+(?:the\s+)?(?:[a-z0-9-]+\s+)?)?(?:[a-z-]+\s+){0,2}(?:section|part|area|item|task|point|priority|priorities|aspect|field|measure|chapter|focus|theme|pillar|heading)s?\b`)
)

// EnglishOrdinals maps English ordinal words to numbers.
// OrdinalNumberedEnRE is an item named by its number (point four, item 3,
// task No. 2); $1 is the number.
var OrdinalNumberedEnRE = regexp.MustCompile(`(?i)\b(?:point|item|task|measure|priority|aspect|section|part)\s+(one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\b`)

// BracketOrdinalRE is a division named by its bracketed number, as its
// heading writes it (section (二), （三）); $1 is the number.
var BracketOrdinalRE = regexp.MustCompile(`[（(]([一二三四五六七八九十]{1,3}|\d{1,2})[)）]`)

// EnglishNumbers are the cardinal numbers an English ordinal may use.
var EnglishNumbers = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

var EnglishOrdinals = map[string]int{
	"last": -1, "final": -1,
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
	"1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8, "9th": 9, "10th": 10,
}

// Period words of questions: the planned year, the reviewed year and the
// five-year periods, in the words people use.
var (
	ThisYearRE = regexp.MustCompile(`今年|本年|this year|the coming year|next year's plan`)
	LastYearRE = regexp.MustCompile(`去年|上年|上一年|过去一年|过去的一年|last year|the past year|previous year`)
	// FiveYearPastRE: the period a report's five-year review covers.
	FiveYearPastRE = regexp.MustCompile(`十四五|14th five-year|past five years|过去五年|这五年|五年来`)
	// FiveYearNextRE: the period a report's five-year plan covers.
	FiveYearNextRE = regexp.MustCompile(`十五五|15th five-year|next five years|今后五年|未来五年`)
	// AverageRE: an annual average over a period.
	AverageRE = regexp.MustCompile(`年均|平均每年|average annual|annual average|on average (each|per|a|every) year|per year on average`)
)

// UnitAskRE finds the unit a quantity question asks in (多少亿元, 几个,
// 多少公里): the figure must be in it.
var UnitAskRE = regexp.MustCompile(`(?:多少|几)(万亿元|亿元|万元|元|万吨|吨|万人|人|公里|千米|米|平方米|平方公里|亩|万亩|家|个|项|所|座|条|次|枚|岁|天|年|户|名|千瓦|万千瓦|亿千瓦|辆|套|间|张|床|倍|%)`)

// LengthAskRE: an English question asks a length (how long was the
// expressway network), not a time, when how long is followed by a form of
// be and not by take; LengthUnit is the unit it wants.
var (
	LengthAskRE = regexp.MustCompile(`how long (is|was|were|are|will be|had|has)\b|how long (will|would|did|does|do)\b.*\b(networks?|rail|railways?|roads?|highways?|expressways?|lines?|metro|subway|pipelines?|rivers?|coast(line)?)\b|what (total )?length\b`)
	TakeRE      = regexp.MustCompile(`\btak(e|es|en|ing)\b|\btook\b|\blast(ed)?\b`)
)

// IncrementRE finds the words that make a figure an increment rather than
// a level (新增运营里程30公里, 净增1万亿元); IncrementAskRE the words by
// which a question asks for one.
var (
	// IncreaseBeforeRE: the words right before a level that make it the
	// amount of an increase (增量39.7亿斤, 净增1.2万户, 多增300亿元).
	IncreaseBeforeRE = regexp.MustCompile(`(增量|净增|多增|增加了?|增长了?)(近|超|约|超过|达)?$`)
	// IncrementOpensRE: a clause that opens with an increment verb
	// (新增小初学位1480个、高中学位600个).
	IncrementOpensRE = regexp.MustCompile(`^\s*(新增|净增|多增|增加)`)
	IncrementRE      = regexp.MustCompile(`新增|净增|新开|新建|增加(?:[^值]|$)`)
	IncrementAskRE   = regexp.MustCompile(`新增|净增|新开|新建|增加|多了|多出|\bnew\b|\bnewly\b|\badded\b|\badd\b|\bmore\b|\bincrease`)
)

// ComparativeEnRE is an English comparative (which grew faster, which is
// larger).
var ComparativeEnRE = regexp.MustCompile(`\b(faster|slower|higher|lower|larger|bigger|smaller|greater|more|less|fewer|better|worse)\b`)

// FromWordRE ends the words before the start of a from-to pair (由2110公里
// 增至3055公里); ToWordRE opens the words after it.
var (
	FromWordRE = regexp.MustCompile(`(由|从)$`)
	ToWordRE   = regexp.MustCompile(`^[^，。；、]{0,2}(增至|增加到|增长到|提高到|提高至|提升到|提升至|升至|上升到|降至|降到|下降到|减少到|减至|缩小到|缩小至|扩大到|扩大至|到|至)`)
)

// FromToAskRE is the asking part of a from-to question (从多少增加到多少),
// which names no subject.
var FromToAskRE = regexp.MustCompile(`从多少|(?:增加|增长|提高|提升|下降|减少|降低|缩小|扩大|上升|升|达)?(?:到|至)多少`)

// WhichPartRE asks which part deals with something (讲X的是第几部分), not
// how many parts there are.
var WhichPartRE = regexp.MustCompile(`第几(个)?部分|第几(个)?方面|第几点`)

// ShortcomingsAskRE: the question asks what problems or shortcomings the
// report admits (存在哪些问题和不足, what shortcomings does it admit).
var ShortcomingsAskRE = regexp.MustCompile(`存在.{0,8}(问题|不足|困难)|问题和不足|不足之处|短板和不足|困难和挑战|困难和问题|差距和不足|矛盾和问题|shortcomings?|weakness(es)?|(main|biggest|key|underlying) (problems?|challenges?|difficulties)|problems? (does|did) the (report|committee|government)`)

// ShortcomingCueRE is in the opening of a block of shortcomings (清醒看到,
// 问题和不足).
var ShortcomingCueRE = regexp.MustCompile(`问题|不足|困难|短板|差距|挑战|清醒|薄弱|不够|矛盾`)

// GovernmentTitleRE: a section title about the government's own work
// (加强政府自身建设, 建设人民满意的服务型政府).
var GovernmentTitleRE = regexp.MustCompile(`政府自身建设|自身建设|服务型政府|人民满意的政府|政府治理效能|法治政府|廉洁政府`)

// GovernmentPartRE names the part of a report about the government's own
// conduct (政府自身建设), which its title often words otherwise.
var GovernmentPartRE = regexp.MustCompile(`政府自身建设|自身建设|government'?s? (own )?(conduct|self-improvement|self-building|building)`)

// TitleAskRE is a later ask for the title of the part or section the
// first ask found (…第几部分？标题是什么？).
var TitleAskRE = regexp.MustCompile(`^\s*(它的|其|这部分的|该部分的)?(标题|题目|名称|名字)(是什么|叫什么)?[？?]?\s*$|^\s*(and )?what(?:'s| is) (its|the) (title|heading)\??\s*$`)

// ZoneRE finds the name of a development zone (雄安新区, 滨海高新区);
// GenericZoneRE the names that are kinds, not places (国家级新区).
var (
	ZoneRE        = regexp.MustCompile(`\p{Han}{2,6}?(新区|高新区|经开区|开发区|自贸区|自贸试验区|综合试验区|示范区)`)
	GenericZoneRE = regexp.MustCompile(`^(国家级|省级|各类|各级|全省|全市|全国|我省|我市|一批|重点|先行|改革|创新|示范)`)
)

// WholeRegionRE: the question asks about a region as a whole, not a part
// of it.
var WholeRegionRE = regexp.MustCompile(`as a whole|\b(the )?(whole|entire) (district|city|county|province|region)|district-wide|city-?wide|province-?wide|全区|全市|全县|全省|整个`)

// WholePeriodRE: the question asks a figure of a five-year period as a
// whole (整个“十五五”时期, over the whole 15th Five-Year Plan period), not
// of one of its years.
var WholePeriodRE = regexp.MustCompile(`整个|全时期|五年累计|五年间|五年内|五年共|over the (whole|entire|full|five)|for the (whole|entire|full) (period|plan)|across the (whole |entire )?(period|plan|five years)|in total over|cumulative`)

// CurrencyAskRE: an English question that asks for an amount in yuan;
// CurrencyUnit is the unit every amount of money is written in.
var CurrencyAskRE = regexp.MustCompile(`\bin (yuan|rmb|renminbi)\b|\bhow many (billion |million |trillion )?yuan\b`)

const CurrencyUnit = "元"

// MoneyAskRE: the question asks an amount of money (总投资额, 多少钱).
var MoneyAskRE = regexp.MustCompile(`\beconomy\b.*\b(size|total)\b|\b(size|total)\b.*\beconomy\b|\bhow (large|big)\b.*\beconomy\b|economic output|投资额|总投资|投资总额|金额|资金|多少钱|花了多少|总额|总值|销售额|零售额|营业额|营业收入|营收|交易额|成交额|贸易额|产值|how much money|total investment|how much was invested|\bhow much (?:did|does|will|would) [a-z ]*\bcost\b|\bcost to (?:build|complete|construct)|造价|耗资|花费多少|投入多少`)

// IsMoneyUnit reports whether a figure's unit is money (亿元, 万美元).
func IsMoneyUnit(unit string) bool { return strings.Contains(unit, "元") }

// SomeYearsRE is a vague span of recent years (这几年, 近几年): a time,
// not a question of how many years.
var SomeYearsRE = regexp.MustCompile(`[这近前头]几年|这些年`)

// LengthWords are the report's words for the length a how-long question
// asks (高速公路总里程达到9000公里).
var LengthWords = []string{"里程", "长度", "总长"}

// LengthUnit is the unit of the lengths reports state for roads, rails
// and rivers.
const LengthUnit = "公里"

// FromToRE: a question that asks for a start and an end value (从多少增长到多少).
var FromToRE = regexp.MustCompile(`从多少.{0,6}到多少|从.{1,12}(增长|增加|提高|提升|下降|减少|降低)到多少|from (what|how much|how many) .* to (what|how much|how many)|from \S+ to \S+`)

// ActorWords are everyday words for the people a question is about
// (老百姓在网上买东西): they say who, which the figure's own words rarely
// repeat, so they count for little.
var ActorWords = map[string]bool{"老百姓": true, "百姓": true, "大家": true, "人们": true, "people": true, "老乡": true}

// SourceDocWords name the document a figure is stated in (“十五五”规划纲要
// 草案提出的…目标): they say where, which the sentence rarely repeats, so
// they count for little.
var SourceDocWords = map[string]bool{"纲要": true, "草案": true, "纲要草案": true, "规划纲要": true, "outline": true, "draft": true}

// AskWordRE matches words that only say what kind of answer is wanted (a
// change, a goal, a count) rather than what it is about: a follow-up made
// only of them (增速呢?) borrows the subject of the previous question.
var AskWordRE = regexp.MustCompile(`^(更大|更快|更高|更多|更低|更少|更慢|更小|较大|较快|较高|准备|时间|日期|时候|相比|比较|对比|相差|差|差距|数|完成数|面积|金额|人数|钱|增速|增长|增幅|降幅|下降|涨幅|同比|环比|目标|预期|预期目标|计划|多少|比例|占比|情况|数量|数字|规模|总额|总量|实际|实际完成|完成|实现|达到|取得|力争|安排|打算|要求|提出|设定|定为|水平|表现|变化|提高|提升|降低|减少|增加|提高到|提升到|降到|降至|达到|增加到|增长到|增至|为|是|growth|rate|target|goal|share|change|total|increase|decrease|number|amount|actual|achieved|planned|plan|plans|planning|aim|aims|aiming|target|targets|targeting|goals|expected|level|set|average|annual|average annual|period|percentage|value|figure|size|grow|grew|rise|rose|fall|fell|reach|reached)$`)

// ChangeBeforeRE matches the change word just before a number that makes
// the number a rate of change (增长5%, 下降3个百分点, 提高2%).
var ChangeBeforeRE = regexp.MustCompile(`(增长|增速|增幅|下降|降低|提高|提升|上涨|涨幅|减少|增加|回升|降幅|年均|递增|递减)[^，。；、]{0,4}$`)

// ChangeWordsRE matches words of change that stand between a figure and
// its change (5.3万亿元、增长5.5%): they do not name a metric of their own.
// YearGapRE ends the words before a difference in points from a year's
// level (快于2024年1.8个百分点, 比2024年提高): group 1 is the year.
var YearGapRE = regexp.MustCompile(`(?:快于|高于|慢于|低于|超过|比|较)(?:((?:19|20)\d{2})年|“?(十[一二三四五六七八九]五)”?)(?:同期|时期|期间|末)?\p{Han}{0,4}$`)

// CoverageAskRE: the question asks how far something reaches (覆盖了多少
// 社区, how many villages does it cover), which a report states as a count
// or as a share.
var CoverageAskRE = regexp.MustCompile(`覆盖|\bcover(?:s|ed|ing|age)?\b`)

// DefineAskRE: the question asks what a name stands for (“两个稳居”具体指
// 什么, what do the "three firsts" refer to).
var DefineAskRE = regexp.MustCompile(`指什么|指的是|是什么|是哪|包括|包含|分别|含义|内容|具体|\bwhat (?:are|is|were|was|does|do)\b|\bwhich\b|stand for|refer to|\bmean`)

// AskPairRE finds two ask words asked of one subject together (增速和排名,
// 总量和增速): each is an ask of its own. Groups 1 and 2 are the words.
var AskPairRE = regexp.MustCompile(`(增速|增幅|增长率|总量|规模|总额|占比|比重|排名|位次|排位)(?:和|与|及|以及|、|还有)(增速|增幅|增长率|总量|规模|总额|占比|比重|排名|位次|排位)`)

// RatioBefore and RatioAfter are the characters that make 比 part of a
// word (占比, 对比, 比重, 比例) rather than "than".
const (
	RatioBefore = "占对相同无类"
	RatioAfter  = "重例率较值分"
)

// BaseSubjectRE: what follows 比 is a period or the nation (比上年,
// 比2024年, 比“十三五”, 比全国), the base of a change, not a second subject.
var BaseSubjectRE = regexp.MustCompile(`^(?:上年|去年|前年|上一年|同期|往年|以往|之前|以前|过去|全国|全省|全市|平均|预期|目标|计划|(?:19|20)\d{2}|“?十[一二三四五六]五)`)

var ChangeWordsRE = regexp.MustCompile(`同比|比上年|比去年|较上年|分别|年均|平均|累计|增长|增速|增幅|下降|降幅|提高|提升|上升|减少|增加|回落|达到|为|实现`)

// RateAskRE: the question asks a rate, share or percentage.
var RateAskRE = regexp.MustCompile(`率|比例|比重|占比|占.{0,8}(多少|几成|百分)|百分之|百分比|几成|覆盖面|盈利面|满意度|强度|能?报销多少|能报多少|\bpercentage|\bshares?\b|\bproportion|\bratio\b|\brate\b|\bcoverage\b|\bintensity\b|%`)

// ReachedRE matches the words before a level that say it was reached by
// the end of a period (达到14.2万亿元, 迈上3万亿元台阶): such a level is
// the value of the period's last year.
var ReachedRE = regexp.MustCompile(`(达到|达|迈上|突破|跨过|跨上|增至|升至|提高到|提升至|提升到|增加到|增长到|末)[^，。；、]{0,3}$`)

// MilestoneRE matches what follows a figure that is a milestone crossed,
// not a value (5万亿台阶, 3个万亿元大关, 千亿级).
var MilestoneRE = regexp.MustCompile(`^[万亿元千百级]{0,4}(台阶|大关|关口|门槛|量级)`)

// ListCountRE matches how many items a list question asks for (哪三个,
// 哪五大类, 分为哪几类): the count is not a subject.
var ListCountRE = regexp.MustCompile(`哪[一二三四五六七八九十两\d]{0,2}(个|项|类|条|种|大类|大|方面|点|部分)?`)

// ListAnchorRE finds the count, classifier and noun of a list question
// (哪4项行动, 哪三大高地): a sentence that writes them together (4项行动)
// introduces the list.
var ListAnchorRE = regexp.MustCompile(`哪([一二三四五六七八九十两]|\d{1,2})(项|个|类|条|种|大|方面|点|件|批)(\p{Han}{0,2})`)

// BoundQualifierRE matches the qualifiers that make a figure a bound
// rather than a value (突破3万亿元, 超过100家, 近百个).
var BoundQualifierRE = regexp.MustCompile(`^(突破|超过|超|逾|近|接近|跨过|跨越|迈上|以上|以内|不少于|不低于)$`)

// metricModifiers turn a metric into another when they precede it: 人均生
// 产总值 is not 生产总值, 新增运营里程 not 运营里程.
var metricModifiers = []string{"人均", "单位", "新增"}

// modifierReach is how many characters before a metric a modifier may
// stand (人均 in 人均地区生产总值 is two before 生产总值).
const modifierReach = 4

// MetricModifierBefore returns the modifier among the last few characters
// of text, or "".
func MetricModifierBefore(text string) string {
	rs := []rune(text)
	tail := string(rs[max(0, len(rs)-modifierReach):])
	for _, m := range metricModifiers {
		if strings.Contains(tail, m) {
			return m
		}
	}
	return ""
}

// DurationAskRE: the question asks how long (多久, 几年, 多少天, how long).
var DurationAskRE = regexp.MustCompile(`多久|多长时间|时间[是为有]?多少|时限[是为有]?多少|用时多少|耗时多少|时长[是为有]?多少|几年|多少年|几天|多少天|几个月|多少个月|几小时|多少小时|连续.{0,4}(几|多少)|how long|how many (consecutive |straight )?(years|days|months|hours|weeks)`)

var timeUnits = map[string]bool{"年": true, "个月": true, "月": true, "天": true, "日": true, "小时": true, "周": true, "分钟": true, "秒": true}

// IsTimeUnit reports whether a figure's unit is a length of time.
func IsTimeUnit(unit string) bool { return timeUnits[unit] }

// QualifierBeforeRE matches the qualifiers written before a figure (近百个,
// 超过100家); the others (左右, 以上) follow it.
var QualifierBeforeRE = regexp.MustCompile(`^(近|约|超|超过|逾|突破|跨过|不少于|不低于|接近|达|高于|低于)$`)

// RankAskRE: the question asks a rank or a position (排第几, 在全国处于什么
// 位置, what rank).
var RankAskRE = regexp.MustCompile(`第几(个|家|座|批|届|次)[^部方项条]|第几[^个家座批届次部方项条]|排第几|第几位|第几名|排名|什么位置|哪个位置|位次|位居|居全国|rank|ranked|position|which edition|what edition|(which|what) session`)

// HowManyMeasureRE matches an English count of a measure (how many
// tonnes, how many square metres): its answer is a measure, not things.
var HowManyMeasureRE = regexp.MustCompile(`how many (?:more |fewer |additional |new )?(?:million |billion |thousand |hundred |ten thousand )?(?:tons|tonnes|yuan|rmb|dollars|us dollars|kilomet|km\b|meters|metres|square|cubic|hectares|mu\b|acres|kilowatt|kw|megawatt|gigawatt|watts|percent|percentage|points|times|years|days|hours|months|weeks|jin\b|kilograms|kg\b|liters|litres)`)

// CountUnits are the units of a figure that counts things: the count
// classifiers, 次 and 人次.
const CountUnits = CountClassifiers + "次"

// StructureWordsRE matches a question's word that names a division of a
// report or its place in a list (部分, 方面, section, third focus area),
// not a topic: Chinese anywhere in a term, English as whole words.
// OrdinalPlaceRE is an item asked by its place in a list (排在第六位的是
// 哪项): group 1 is the number.
var OrdinalPlaceRE = regexp.MustCompile(`排在?第([一二三四五六七八九十\d]{1,3})[位名个](?:的|是)`)

// OrdinalNounAfterRE is what may follow 第N个 in a question about an item of
// a list (第三个方面, 第四个重点任务, 第二个是什么): 第一个低空经济产业园
// is a first-ever park, not an item.
var OrdinalNounAfterRE = regexp.MustCompile(`^([“"‘「]|方面|大方面|任务|重点|举措|部分|领域|目标|行动|工程|板块|内容|事项|措施|工作|要求|方向|点|项|条|是|呢|吗|讲|[？?，,。]|$)`)

var StructureWordsRE = regexp.MustCompile(`^(里|里面|下|下面|中|之中|之下|项|放|被放|归|哪项|一项|有|哪)$|[一二三四五六七八九十\d]+[个项大]?(方面|部分|项)|工作安排|工作总结|工作回顾|工作部署|重点工作|主要任务|部分|方面|工作|标题|专门|部署|放在|聚焦|安排|讲|内容|回顾|成就|^时$|` +
	`^(?:sections?|parts?|titles?|headings?|aspects?|areas?|focus|focus areas?|priorit(?:y|ies)|tasks?|items?|points?|fields?|chapters?|themes?|pillars?|work|work plan|plan|main|key|major|` +
	`first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final)$`)

// RankRE finds a rank stated in a sentence (居全国第5位, 位居前列, 首位).
var RankRE = regexp.MustCompile(`第[一二三四五六七八九十\d]{1,3}(位|名)?|前列|首位|前[一二三四五六七八九十\d]{1,2}(位|名)?|榜首|领先`)

// KindNoiseRE matches English phrases whose words would read as an ask
// (speed up is no speed, scale up no scale, a high-speed line asks no
// speed): the question's kind is read with them blanked.
var KindNoiseRE = regexp.MustCompile(`\b(speed|speeding|sped|step|stepping|stepped|scale|scaling|scaled|ramp|ramping|ramped) up\b|\bhigh-speed\b|\bhigh speed (rail|railway|train|line)`)

// PerformanceAskRE: the question asks how something did (how did
// investment perform, 表现如何): the verb is no subject (perform → 演出).
var PerformanceAskRE = regexp.MustCompile(`\bhow (did|does|do|has|have|was|were) .*\b(perform|performed|fare|fared|do|go|doing|going)\b|表现如何|表现怎么样|情况如何|运行情况`)

// PerformanceVerbRE matches the verb of such a question.
var PerformanceVerbRE = regexp.MustCompile(`\b(perform|performed|fare|fared)\b`)

// EachPartRE: the question asks about each of the report's parts (各部分
// 标题是什么), not the sections of one.
var EachPartRE = regexp.MustCompile(`各部分|各个部分|每部分|每个部分|each part`)

// StockAskRE: the question asks how many there are in all (一共有,
// 总共, how many did it have), not how many were added.
var StockAskRE = regexp.MustCompile(`一共|总共|总计|累计|共有|现有|目前有|\bin total\b|\baltogether\b|\b(have|has|had)\b|\b(at|by) the end of\b|\btotal\b`)

// RespectiveFigureRE: 分别是多少 asks a figure of each thing named, not a
// list of things.
var RespectiveFigureRE = regexp.MustCompile(`分别(是|为|有|达到?)?(多少|几)`)

// PeopleAskRE: an English question counts persons or households (how many
// people, how many residents); $1 is the noun.
var PeopleAskRE = regexp.MustCompile(`\bhow many (?:\w+ ){0,2}?(people|persons|residents|visitors|tourists|workers|students|children|elderly|seniors|households|families|patients|graduates|participants)(?:[\s?,.;]|$)`)

// PeopleUnit and HouseholdUnit are the units such counts are written in.
const (
	PeopleUnit    = "人"
	HouseholdUnit = "户"
)

// SizeAskRE: an ask for a size or total, a level rather than a change
// (how large, the total, 总额, 规模多大).
var SizeAskRE = regexp.MustCompile(`\bhow (large|big)\b|\btotal\b|\bsize\b|\bvolume\b|总额|总量|总规模|规模|多大`)

// BaseYearRE matches a year an English question measures a change from
// (compared with 2020): the base, not the period asked. Chinese 比2020年
// and 与2020年相比 are not matched: such questions often ask both periods.
// Group 1 is the word after the year: a goal's (compared with the 2024
// goal) makes the year one asked after all.
var BaseYearRE = regexp.MustCompile(`(?i)\b(?:compared (?:with|to)|relative to|versus|vs\.?|than(?: in)?) (?:the )?(?:year |end of )?(?:19|20)\d\d\b(?:'s)?(\s+[a-z]+)?`)

// GoalWordRE: a word that names a goal (target, goal, plan).
var GoalWordRE = regexp.MustCompile(`(?i)^\s*(?:targets?|goals?|plans?|objectives?|aims?)$`)

// HowChangedRE: an English question asks how a figure moved (how did the
// number of labs change): a from-to pair or a change answers it.
var HowChangedRE = regexp.MustCompile(`\bhow (did|has|have|had) .*\bchang(e|ed)\b`)

// WhatGoalRE: the question asks what a goal is, not how much (提出了什么
// 预期目标): a goal set in words answers it.
var WhatGoalRE = regexp.MustCompile(`什么(样的)?(预期)?目标|怎样的(预期)?目标|什么要求`)

// CountPhraseRE matches a sentence's announcement of how many divisions
// follow (以下五个方面, 三项重点任务).
var CountPhraseRE = regexp.MustCompile(`[一二三四五六七八九十两\d]+(个|项|大)?(方面|部分|项|条|类|件)`)

// CountAskNounRE reads the noun a count question counts (几个方面 →
// 方面); the announcement must count the same.
var CountAskNounRE = regexp.MustCompile(`(?:几|多少)(个|项|大)?(方面|部分|项|条|类|件)`)

// GradeAskRE: the question asks a level or grade (what level, 什么级别),
// which a report may state in words (一级标准, 三甲医院, 5A级景区).
var GradeAskRE = regexp.MustCompile(`what (level|grade|standard|rating|tier)|which (level|grade|standard|rating|tier)|什么级别|哪一?级|几级|什么等级|哪个等级|什么标准|什么水平|几星`)

// GradeRE matches a grade stated in words.
var GradeRE = regexp.MustCompile(`[一二三四五六七八九十\dA]+[级星]|[三二]甲|甲级|乙级`)

// LinkWordsRE matches what links a figure to the next without naming a
// metric: years, particles and from/to words (从2020年的3.68万亿元增长到
// 2025年的4.93万亿元).
var LinkWordsRE = regexp.MustCompile(`(19|20)\d{2}年(底|末)?|[的从由到至了]`)

// OverYearsRE matches a span of years just before a change (5年增长18.7%,
// 三年提升): the change is over the span, not in one year.
var OverYearsRE = regexp.MustCompile(`([2-9]|[二两三四五六七八九十])年(来|间|里)?(累计)?[^，。；、\d]{0,3}$`)
