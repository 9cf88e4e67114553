package lexicon

// Heading vocabulary: the words that name the parts of a work report, the
// roles of its unheaded blocks, and the lines of its header (salutation,
// delivery line, speaker). The shapes of headings (一、, （一）, 第一部分)
// are regular expressions in package report; their words live here.
//
// The slices are shared: callers must not modify them.

// PartReviewWords mark a part that reviews past work (2025年工作回顾,
// “十四五”时期发展成就).
var PartReviewWords = []string{"回顾", "总结", "过去", "工作成效", "主要成绩", "发展成就", "成就"}

// PartPlanWords mark a part that plans the coming year (2026年工作安排,
// 目标任务, 重点工作).
var PartPlanWords = []string{"安排", "目标", "任务", "计划", "打算", "重点工作", "总体要求", "部署", "主要工作", "工作思路"}

// PartFirstYearWords mark a part about the first year of a five-year plan,
// which is the planned year's work even when the heading names the plan
// (全力推动“十五五”开好局、起好步).
var PartFirstYearWords = []string{"开好局", "起好步", "开局之年", "今年"}

// PartFiveYearWords mark a part about the next five years when no named
// plan (十五五) appears in the heading.
var PartFiveYearWords = []string{"未来五年", "五年规划", "规划纲要", "今后五年"}

// PartGovernmentWords mark the part on the government's own conduct
// (政府自身建设, 建设人民满意的服务型政府).
var PartGovernmentWords = []string{"自身建设", "政府建设", "政府治理", "服务型政府", "人民满意的政府", "政府工作各方面", "转作风"}

// PartAppendixWords mark appendices: glossaries, notes, attachments.
var PartAppendixWords = []string{"名词解释", "名词注释", "附件", "附录", "注释", "附表", "说明"}

// PartExplanationPrefix and PartExplanationSuffix frame a part that
// explains a draft plan: 关于《…纲要（草案）》的说明.
const (
	PartExplanationPrefix = "关于《"
	PartExplanationSuffix = "的说明"
)

// UnnumberedPartWords are words that make a short line without a number a
// part heading (2025年工作回顾, “十五五”时期主要目标任务, 名词解释).
var UnnumberedPartWords = []string{
	"工作回顾", "工作总结", "发展回顾", "工作安排", "目标任务", "主要目标", "重点工作", "主要任务", "自身建设",
	"名词解释", "附件", "附录", "主要工作", "工作计划", "工作思路",
}

// ShortcomingWords mark the paragraph of problems and shortcomings that
// closes a review (在肯定成绩的同时…不足).
var ShortcomingWords = []string{
	"不足", "差距", "短板", "困难", "挑战", "不够", "有待", "仍然", "薄弱", "问题", "还需", "亟待", "不平衡",
	"不充分", "瓶颈", "隐患", "任重道远", "不容忽视", "清醒看到",
}

// Salutations open the speech (各位代表：) and close sections of it
// (各位代表！).
var Salutations = []string{"各位代表", "同志们", "各位委员"}

// ItemOrdinalSuffixes follow a Chinese numeral to make an item ordinal:
// 一是, 二要.
var ItemOrdinalSuffixes = []string{"是", "要"}

// AnnounceWord marks a paragraph that announces the work listed after it
// (主要做了以下工作。).
const AnnounceWord = "以下"

// StatusWords mark a validity line printed with a document (文件已失效).
var StatusWords = []string{"失效", "废止", "作废", "现行有效", "已修订"}

// ReportTitleWords end a report's title line (2026年某某省政府工作报告).
var ReportTitleWords = []string{"政府工作报告", "工作报告"}

// IssuerSuffixes end the issuing body in a title and are dropped from the
// region: 2026年某某省人民政府工作报告 → 某某省.
var IssuerSuffixes = []string{"人民政府", "政府"}

// ReportWord ends the title of a work report (…政府工作报告, …党工委工作报告).
const ReportWord = "工作报告"

// MeetingWords end the name of the session a report is delivered at
// (…第四次会议, …代表大会).
var MeetingWords = []string{"会议", "大会"}

// SpeakerOffices are the offices of the person who delivers a report,
// before the name on the speaker line (省人民政府省长 张三).
var SpeakerOffices = []string{"省长", "市长", "主席", "区长", "县长", "州长", "盟长", "旗长", "镇长", "乡长", "书记", "主任"}

// RegionSuffixes end the name of an administrative region or issuing body
// (某某省, 某某回族自治区, 某某市, 某某街道党工委), longest first.
var RegionSuffixes = []string{
	"特别行政区", "自治区", "自治州", "自治县", "自治旗", "党工委", "街道", "省", "市", "区", "县", "州", "盟", "旗", "镇", "乡",
}

// BlockTitles name the unheaded blocks of a part by their role; the keys
// are report.SectionKind values.
var BlockTitles = map[string]string{
	"intro":        "引言",
	"headline":     "主要指标",
	"requirements": "总体要求",
	"shortcomings": "问题不足",
	"highlights":   "主要成效",
	"work":         "主要工作",
	"closing":      "结语",
	"body":         "正文",
}
