package report

// Span is a half-open range [Start, End) in Unicode code points over the
// report's source text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the number of code points the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies inside s.
func (s Span) Contains(o Span) bool { return s.Start <= o.Start && o.End <= s.End }

// Overlaps reports whether s and o share at least one code point.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// PartKind says what a part of the report is about.
type PartKind string

// The kinds of part.
const (
	PartReview      PartKind = "review"      // past work (2025年工作回顾, “十四五”时期发展成就)
	PartFiveYear    PartKind = "fiveyear"    // the next five-year plan (“十五五”时期主要目标任务)
	PartExplanation PartKind = "explanation" // notes on a draft plan (关于《…纲要（草案）》的说明)
	PartPlan        PartKind = "plan"        // the planned year (2026年工作安排, 重点工作)
	PartGovernment  PartKind = "government"  // the government's own conduct (政府自身建设)
	PartAppendix    PartKind = "appendix"    // glossaries, notes, attachments (名词解释, 附件)
	PartOther       PartKind = "other"
)

// SectionKind says how a section was recognised.
type SectionKind string

// The kinds of section. Numbered and theme sections are the report's own
// headed divisions; the others are unheaded blocks of paragraphs that the
// parser names by their role.
const (
	SectionNumbered     SectionKind = "numbered"     // (一)聚焦产业升级…
	SectionTheme        SectionKind = "theme"        // 这一年,我们坚持党建引领…。
	SectionIntro        SectionKind = "intro"        // opening paragraphs of a part
	SectionHeadline     SectionKind = "headline"     // the paragraph of headline figures
	SectionRequirements SectionKind = "requirements" // 总体要求, 预期目标
	SectionShortcomings SectionKind = "shortcomings" // 在肯定成绩的同时…, 困难和挑战
	SectionHighlights   SectionKind = "highlights"   // ——发展韧性持续增强。… paragraphs
	SectionWork         SectionKind = "work"         // 一是…二是… paragraphs directly under a part
	SectionClosing      SectionKind = "closing"      // paragraphs after the last section
	SectionBody         SectionKind = "body"         // anything else
)

// Headed reports whether sections of kind k have a heading of their own in
// the report (numbered or theme sections), as opposed to blocks the parser
// named.
func (k SectionKind) Headed() bool { return k == SectionNumbered || k == SectionTheme }

// Report is a parsed work report. Its fields are read-only after [Parse].
//
// Page furniture (navigation words, breadcrumbs, share bars, datelines,
// photo captions, related links, a summary repeated after the end) is not
// the report: its lines are listed in Furniture and are not paragraphs,
// sentences or figures, so nothing built from Paragraphs, Sentences or
// Figures ever sees them. Every line of the text is either in Furniture or
// in a paragraph.
type Report struct {
	Text string // the source text, exactly as read
	// Title is the report's title: 2026年某某省政府工作报告. When the title
	// line only says 政府工作报告 (or 2026年政府工作报告), the title is
	// composed from the year and the region found in the text, so it may
	// not occur in the text as such: 2026年某某省政府工作报告.
	Title string
	// Region is the region or issuing body the report speaks for (某某省,
	// 某某回族自治区, 某某街道党工委), read from the delivery line's congress
	// name, the title or the speaker line; "" when none is stated.
	Region string
	// Meeting is the session at which the report was delivered, as written
	// (某某省第十四届人民代表大会第四次会议); "" when not stated.
	Meeting string
	// Delivered is the date of delivery as YYYY-MM-DD, from the delivery
	// line (——2026年1月26日在…会议上, （2026年1月27日在…）); "" when not
	// stated.
	Delivered string
	// Speaker is the name of the person who delivered the report (张三),
	// without the spaces that pad two-character names; "" when not given.
	Speaker string
	Source  string // 来源 as written: 某区某街道办, 某某日报
	// Date is the publication date as written (2024年02月02日,
	// 2026-02-11), without a time of day; "" when the text states none
	// (the delivery date is Delivered). ISODate is Date as YYYY-MM-DD when
	// it could be read, else "".
	Date    string
	ISODate string
	// Status is a validity mark printed with the report, such as 文件已失效
	// (the document is marked expired). Empty when there is none.
	Status string
	// Year is the year the report plans for (the 2024 of 2024年…工作报告,
	// or the year of delivery), 0 when unknown. ReviewYear is the year it
	// reviews, usually Year-1.
	Year, ReviewYear int

	// Header covers the report's own lines before the first part (title,
	// delivery line, speaker, salutation), without the furniture before
	// the title; furniture lines inside it are listed in Furniture.
	Header Span
	// Body covers the report proper: from its first line that is not
	// furniture to its last (the closing paragraph or the last appendix),
	// without the furniture before and after.
	Body Span
	// Furniture lists the lines of page furniture, in order; each span
	// covers one line without its surrounding spaces.
	Furniture  []Span
	Parts      []*Part
	Paragraphs []*Paragraph // every paragraph of the report (not furniture), in order
	Sentences  []*Sentence  // every sentence of those paragraphs, in order
	Figures    []*Figure    // every figure in those sentences, in order

	idx  *Offsets
	byID map[string]any
}

// Part is a top-level division: 一、2023年工作总结.
type Part struct {
	ID     string   // p1, p2, …
	Number string   // 一, 二, …, 附件1 for an appendix so labelled ("" for an unnumbered heading)
	Title  string   // 2023年工作总结
	Label  string   // 一 2023年工作总结
	Kind   PartKind // review, plan, …
	Main   bool     // false for appendices
	// Heading covers the heading line without its leading spaces
	// (一、2023年工作总结); Span covers the heading and the whole body.
	Heading    Span
	Span       Span
	Sections   []*Section   // headed sections and unheaded blocks, in order
	Paragraphs []*Paragraph // the body's paragraphs, in order

	bodyFrom int // the first body line, after the heading's lines
}

// Section is a division of a part: a numbered section, a theme paragraph, or
// an unheaded block (headline figures, overall requirements, shortcomings).
type Section struct {
	ID     string      // p2s3, or p1b1 for an unheaded block
	Kind   SectionKind // numbered, theme, headline, …
	Number string      // (三) as written, "" for themes and blocks
	Title  string      // 聚焦交通畅行,塑造外通内达新格局
	Label  string      // 二(三) 聚焦交通畅行,塑造外通内达新格局
	// Heading covers the number and title ((三)聚焦交通畅行,… or the theme
	// sentence up to its 。); empty for unheaded blocks. Inline is true when
	// the body continues in the same paragraph as the heading.
	Heading    Span
	Inline     bool
	Span       Span // heading and body
	Part       *Part
	Items      []*Item
	Paragraphs []*Paragraph
}

// Item is a numbered point inside a section: 二是打通区域交通大动脉。….
type Item struct {
	ID      string // p2s3i2
	Ordinal string // 二是
	N       int    // 2
	Title   string // 打通区域交通大动脉
	Label   string // 二(三) 二是 打通区域交通大动脉
	Heading Span   // 二是打通区域交通大动脉
	Span    Span   // the item up to the next item or the end of its paragraph run
	Section *Section
}

// Paragraph is a non-empty line of the source, without its leading
// indentation or trailing spaces.
type Paragraph struct {
	ID        string // para12
	Index     int
	Span      Span
	Sentences []*Sentence
	Part      *Part    // nil in the header
	Section   *Section // nil outside sections
}

// Sentence is a run of text ending at 。！？；!? or the end of a paragraph.
type Sentence struct {
	ID        string // s120
	Index     int
	Span      Span
	Paragraph *Paragraph
}

// Kind is the role of a figure.
type Kind string

// The kinds of figure.
const (
	Actual Kind = "actual" // a result of the reviewed year, or a stock
	Target Kind = "target" // a goal: of the planned year, or of a five-year plan (see Period)
	Change Kind = "change" // a growth or decline rate of another quantity
)

// Direction is the sign of a change.
type Direction string

// The directions of a change.
const (
	Up   Direction = "up"
	Down Direction = "down"
)

// Figure is one quantity in the text.
type Figure struct {
	ID  string // f001, f002, … in text order
	Raw string // as written: 1.2万余栋, 494.91亿元, 两座
	// Span covers Raw: the numeral, any 余/多 in it and its unit.
	Span Span
	// Value is the number as written (1.2 for 1.2万余栋; 2 for 两座; the
	// low end of a range).
	Value float64
	// Range is true for a range (5%—5.5%, 4.5%至5%, 5%-5.5%): Value is
	// its low end and High its high end, as written. High is 0 when Range
	// is false.
	Range bool
	High  float64
	// Overflow is true when the number is too large for a float64 (a
	// 300-digit figure): Value, High and Absolute are then
	// math.MaxFloat64, and Raw keeps the number as written. No figure
	// value is ever ±Inf or NaN.
	Overflow bool
	// Unit is the unit without a leading 万/亿, with its spelling
	// normalised (％ is %): 栋, 元, %, ‰, 公顷; "" when the number has none.
	Unit string
	// UnitAsWritten keeps the scale and the spelling (万栋, 亿元, ％).
	UnitAsWritten string
	// Scale is the multiplier written with the number (万, 亿, 万亿,
	// 千…), "" when there is none; Absolute is Value times that multiplier.
	Scale    string
	Absolute float64
	// Approx is true for approximate figures; Qualifier is the word that
	// says so or bounds the value (余, 多, 近, 约, 超, 以上, 左右, 破, 突破…).
	Approx    bool
	Qualifier string
	Kind      Kind
	// Rate is true for percentages and other ratios that are quantities
	// of their own (入库率达83.9%).
	Rate bool
	// Metric names what is measured, in the report's words (规上工业总产值).
	Metric string
	// Period is when the figure holds: a year ("2025", "2030" for 到2030年),
	// a span of years ("2021-2025" for “十四五”时期, "2026-2030" for a
	// five-year goal), "cumulative" for a running total (累计) over no
	// stated span, or "" when the text does not tie it to one. The year
	// comes from the text (2025年, 今年, 去年, 明年, 十四五) or, failing
	// that, from the part: the reviewed year in a review, the planned year
	// in a plan, the plan's five years in a five-year part.
	Period string
	// ChangeOf is the ID of the figure a change belongs to, when the text
	// states it: the level before it (494.91亿元, 同比增长1.72%; 达到5.53万
	// 亿元、稳居全国前十强、增长4.8%; 达到67.5%、5年提高4.5个百分点), the
	// level after it (增长5.5%、达到10.3万亿元; 增长8.4%，总额突破8000亿元),
	// or, for lists paired by 分别, the level in the same place (17.52亿人
	// 次、1.27万亿元，分别增长32.9%、41.6%). Direction is up or down.
	ChangeOf  string
	Direction Direction
	// Milestone is true for a threshold crossed rather than a value of
	// the metric: 5万亿 in 迈上5万亿台阶, 5000亿元 in 跨越5000亿元大关, 万亿
	// in 突破万亿级, and the count of thresholds in 跨过3个万亿元大关 or 连
	// 跨两个万亿元台阶 (whose Metric ends with what it counts). The words
	// after the figure that mark it (台阶, 大关, 关口, 门槛, 量级) are
	// lexicon.MilestoneWords. A milestone is never the base of a change
	// (ChangeOf), and its Qualifier is the verb of crossing when one is
	// written (跨过, 迈上), except on a count.
	Milestone bool
	// Reached is true for a level the metric is said to reach (达到14.2万亿
	// 元, 增至543家, 提高到94.6%, 突破3万亿元, 迈上5万亿台阶; the words are
	// lexicon.ReachWords): the figure states the level at the end of its
	// Period. So a level of the 十四五 review (Period 2021-2025) that is
	// Reached is the 2025 level, and a target reached (到2030年达到…) is the
	// level of 2030. Bounds alone (超过, 近), plain statements (为, 实现)
	// and changes never set it.
	Reached  bool
	Section  *Section  // the enclosing section or block, nil in the header
	Sentence *Sentence // the enclosing sentence

	base       *Figure // the figure a change belongs to, before IDs exist
	normMetric string  // NormalizeMetric(Metric), for FiguresByMetric
}
