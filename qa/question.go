package qa

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/reportbot/reportbot/lexicon"
	"github.com/reportbot/reportbot/lexicon/cedict"
	"github.com/reportbot/reportbot/lexicon/regions"
)

// Lang is the language of a question and of its answer.
type Lang string

// The languages.
const (
	Chinese Lang = "zh"
	English Lang = "en"
)

// Want says whether a question asks for a result or a goal.
type Want int

// The kinds of figure a question may want.
const (
	WantAny    Want = iota // the question does not say
	WantResult             // 完成了, 去年, a reviewed year
	WantTarget             // 目标, 力争, the planned year, 到2030年
)

// Question is a question as the engine understands it: what it asks for,
// about which period, and the content terms that evidence must cover.
type Question struct {
	Raw  string
	Lang Lang
	// Terms are the content terms, with the wordings that count as each.
	Terms []*Term
	// What the question asks for.
	Quantity, Change, List, Section, Count bool
	Who, When, Where, YesNo, Compare       bool
	// Across is true for questions about several reports (各省…).
	Across bool
	// Ordinal is the N of 第N个方面, N是, the Nth; 0 when none.
	Ordinal int
	// Average is true for 年均 questions.
	Average bool
	// Rank is true for questions that ask a rank or position (排第几).
	Rank bool
	// Duration is true for questions that ask how long (多久, 几年, how
	// many days).
	Duration bool
	// Rate is true for questions that ask a rate, share or percentage
	// (城镇化率, 占比, what share).
	Rate bool
	// FromTo is true for questions that ask a start and an end value
	// (从多少增长到多少).
	FromTo bool
	// Unit is the unit a quantity question asks in (亿元 of 多少亿元), or
	// "".
	Unit string
	// Things is true for an English question that counts things (how
	// many companies): its answer is a count, not a measure (公顷, 亿元).
	Things bool
	Want   Want
	// Years are the years the question names (2023年, "in 2025").
	Years []int
	// YearSpan is a span of years the question names (2021—2025年), or
	// zero.
	YearSpan [2]int
	// Relative periods: 今年, 去年, the 十四五 review, the 十五五 plan.
	ThisYear, LastYear, PastFive, NextFive bool
	// Places are region names in the question (安徽, 广东省).
	Places []string
	// Quoted are phrases the question quotes (“民意速办”).
	Quoted []string
	// Except is X of 除X外: evidence about X is not the answer.
	Except string
	// Injection is true when the question tries to change how the bot
	// answers.
	Injection bool
	// Unknown are English content words no dictionary could translate.
	Unknown []string

	// anyChange lets a level question take a rate of change (a goal set
	// only as a rate).
	anyChange bool
	// ListAnchors are the count and noun a list question asks for, as
	// a report may write them (4项行动, 四项行动).
	ListAnchors []string
	// pastTense is true for an English question in the past tense with no
	// word of result or goal: a result, unless its year is a planned one.
	pastTense bool
	// sameSubject is true for a later ask with no subject of its own,
	// which took the first ask's (…增长多少？总额多大？).
	sameSubject bool
	// WholeRegion is true when the question asks about a named region as
	// a whole (Longhua district as a whole, 全区): a report of a division
	// inside it answers only with the region's own figures.
	WholeRegion bool
	byYear      bool // 到2030年 with no other sign: a goal unless the report reviews that year
}

var (
	yearRE = regexp.MustCompile(`((?:19|20)\d{2})\s*年?`)
	// yearEndRE is a year with the words that place a figure at its end
	// (2023年底, 截至2025年末), blanked from a question's content.
	yearEndRE  = regexp.MustCompile(`(截至|截止到?|到)?((?:19|20)\d{2})\s*年?(底|末|年底|年末)?(为止)?`)
	exceptRE   = regexp.MustCompile(`(除了|除)([^,，。？?]{2,20}?)(以外|之外|外)`)
	quotedRE   = regexp.MustCompile(`[“"「『‘']([^”"」』’']{2,30})[”"」』’']`)
	subSplitRE = regexp.MustCompile(`[？?；;]\s*|[，,](?:还差|相差|差距|差了)|[，,](?:和|与|跟|同|比|较)(?:(?:19|20)\d\d年|今年|去年|上年|目标|计划)|,?\s+and\s+(?:[a-z]+ly\s+)?(?:(?:by )?how|what|which|where|when|who)\b|，(?:以及|还有|另外)`)
	hanRunRE   = regexp.MustCompile(`[\p{Han}A-Za-z0-9.+%]+`)
)

// withoutBaseYears blanks the years an English question measures from
// (compared with 2020), keeping a goal's year (compared with the 2024
// goal), which is asked.
func withoutBaseYears(s string) string {
	return lexicon.BaseYearRE.ReplaceAllStringFunc(s, func(m string) string {
		sub := lexicon.BaseYearRE.FindStringSubmatch(m)
		if lexicon.GoalWordRE.MatchString(sub[1]) {
			return m
		}
		return " " + sub[1]
	})
}

// understand analyses a question. Terms are found here; their weights are
// set against the loaded reports by [Engine.weigh].
func (e *Engine) understand(raw string) *Question {
	q := &Question{Raw: strings.TrimSpace(raw), Lang: langOf(raw)}
	// 这几年 says when, not that a number of years is asked (几年).
	low := lexicon.SomeYearsRE.ReplaceAllString(strings.ToLower(q.Raw), " ")
	low = lexicon.KindNoiseRE.ReplaceAllString(low, " act ") // speed up is no speed asked
	q.Injection = lexicon.InjectionRE.MatchString(q.Raw)
	for _, nn := range lexicon.NumberedNames {
		low = nn.RE.ReplaceAllString(low, " ") // the level of 5A-level is a name, not a level asked
	}
	q.Quantity = lexicon.QuantityRE.MatchString(low)
	q.Change = lexicon.ChangeRE.MatchString(lexicon.ChangeToRE.ReplaceAllString(low, " ")) && (!lexicon.CountAskRE.MatchString(low) || lexicon.PointsAskRE.MatchString(low))
	q.List = lexicon.ListRE.MatchString(lexicon.RespectiveFigureRE.ReplaceAllString(low, " ")) // 分别是多少 asks figures, not a list
	q.Section = lexicon.SectionRE.MatchString(low)
	q.Count = lexicon.CountRE.MatchString(strings.ReplaceAll(low, "哪几", "哪")) && !lexicon.WhichPartRE.MatchString(low) // 哪几个方面 lists, 几个方面 counts
	q.Who = lexicon.WhoRE.MatchString(low)
	q.When = lexicon.WhenRE.MatchString(low)
	q.Where = lexicon.WhereRE.MatchString(low)
	q.YesNo = lexicon.YesNoRE.MatchString(low)
	q.Compare = lexicon.CompareRE.MatchString(low)
	if q.Compare && q.Change && !q.List && !q.Section {
		q.Quantity = true // how does growth compare with the target: figures on both sides
	}
	q.Across = lexicon.AcrossRE.MatchString(low)
	q.Average = lexicon.AverageRE.MatchString(low) && !yearlyMean(low) // 年均浓度 is a yearly mean
	q.FromTo = lexicon.FromToRE.MatchString(low)
	q.Rate = lexicon.RateAskRE.MatchString(low)
	q.Duration = lexicon.DurationAskRE.MatchString(low)
	if lexicon.LengthAskRE.MatchString(low) && !lexicon.TakeRE.MatchString(low) {
		q.Duration, q.Unit = false, lexicon.LengthUnit // how long was the expressway network
	}
	if lexicon.HowChangedRE.MatchString(low) && !q.List && !q.Section {
		q.Quantity, q.FromTo = true, true // how did the number of labs change: 由7家增至16家
	}
	q.Rank = lexicon.RankAskRE.MatchString(low)
	if q.Rank {
		q.Quantity = false // a rank is stated in words (居全国第5位), not as a figure
	}
	q.Things = strings.Contains(low, "how many") && !lexicon.HowManyMeasureRE.MatchString(low) && !q.Duration
	if m := lexicon.UnitAskRE.FindStringSubmatch(lexicon.SomeYearsRE.ReplaceAllString(q.Raw, " ")); m != nil {
		q.Unit = m[1]
	}
	if m := lexicon.PeopleAskRE.FindStringSubmatch(low); q.Unit == "" && m != nil {
		q.Unit = lexicon.PeopleUnit // how many people: a count of persons (5万多人次), not of events
		if strings.HasPrefix(m[1], "household") || strings.HasPrefix(m[1], "famil") {
			q.Unit = lexicon.HouseholdUnit
		}
	}
	if q.Unit == "" && lexicon.CurrencyAskRE.MatchString(low) {
		q.Unit = lexicon.CurrencyUnit // the total value, in yuan: an amount of money
	}
	q.ThisYear = lexicon.ThisYearRE.MatchString(low)
	q.LastYear = lexicon.LastYearRE.MatchString(low)
	q.PastFive = lexicon.FiveYearPastRE.MatchString(low)
	q.NextFive = lexicon.FiveYearNextRE.MatchString(low)
	q.Ordinal = ordinalOf(q.Raw, low)
	q.Want = wantOf(low, q)
	for _, m := range quotedRE.FindAllStringSubmatch(q.Raw, -1) {
		if !isPeriodWord(m[1]) && hasHan(m[1]) && (e.corpus.has(m[1]) || lexicon.Variants(m[1]) == nil && !everydayPhrase(m[1])) {
			// A quoted everyday name the genre words otherwise (“长者饭
			// 堂” for 助餐点) is a term, not a phrase the evidence must hold.
			q.Quoted = append(q.Quoted, m[1])
		}
	}
	q.ListAnchors = listAnchors(q.Raw)
	q.List = q.List || q.ListAnchors != nil // 哪4项行动
	if !q.List && !q.Quantity && quotesNumberedAbbr(q.Quoted) && lexicon.DefineAskRE.MatchString(low) {
		q.List = true // “两个稳居”具体指什么: the things it stands for
	}
	if lexicon.PlacementRE.MatchString(low) {
		// 八个方面里，X放在哪一项下面: which division holds X, not the
		// list or count of divisions the question mentions on the way.
		q.Section, q.List, q.Count, q.Ordinal = true, false, false, 0
	}
	periods := q.Raw
	if langOf(q.Raw) == English {
		periods = withoutBaseYears(periods) // compared with 2020: a base, not the period asked
	}
	q.Years, q.YearSpan = yearsAndSpan(periods)
	if m := exceptRE.FindStringSubmatch(q.Raw); m != nil {
		q.Except = strings.TrimSpace(m[2])
	}
	q.Places = append(e.placesIn(q.Raw), zonesIn(q.Raw)...)
	for _, a := range e.ancestorsNamed(q.Raw) {
		if !slices.Contains(q.Places, a) {
			q.Places = append(q.Places, a)
		}
	}
	q.WholeRegion = lexicon.WholeRegionRE.MatchString(low)
	if q.Lang == English {
		raw := q.Raw
		if lexicon.PerformanceAskRE.MatchString(low) {
			// how did investment perform: the verb is no subject (演出)
			raw = lexicon.PerformanceVerbRE.ReplaceAllString(raw, " ")
		}
		q.Terms, q.Unknown = e.englishTerms(raw)
		q.Places = append(q.Places, englishPlaces(q.Raw)...)
		q.Places = append(q.Places, e.unresolvedPlaces(q.Raw)...)
	} else {
		q.Terms = e.chineseTerms(content(q.Raw, q.Except))
		q.Terms = append(q.Terms, e.quotedTerms(q)...)
		markExamples(q)
		markAnswerType(q)
	}
	q.Terms = dropUnitTerms(q.Terms, q.Unit)
	if q.Lang == English && lexicon.LengthAskRE.MatchString(low) && !q.Duration {
		// How long is the network: its length (里程) is what is measured.
		q.Terms = append(q.Terms, e.newTerm("length", lexicon.LengthWords))
	}
	return q
}

// yearlyMean reports whether every 年均 of a Chinese question is a yearly
// mean (年均浓度) rather than an average of a change over years (年均增长):
// it is not followed by a word of change.
func yearlyMean(low string) bool {
	if !strings.Contains(low, lexicon.AverageWord) || lexicon.AverageRE.MatchString(strings.ReplaceAll(low, lexicon.AverageWord, "")) {
		return false
	}
	for _, part := range strings.Split(low, lexicon.AverageWord)[1:] {
		for _, w := range lexicon.AverageChangeWords {
			if strings.HasPrefix(part, w) {
				return false
			}
		}
	}
	return true
}

// langOf says whether a question is English: mostly Latin letters.
func langOf(q string) Lang {
	latin, han := 0, 0
	for _, r := range q {
		switch {
		case r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'):
			latin++
		case unicode.Is(unicode.Han, r):
			han++
		}
	}
	if latin > 2*han {
		return English
	}
	return Chinese
}

// wantOf decides between result and target from the question's words;
// the years are resolved per report later (see [Engine.wantFor]).
func wantOf(low string, q *Question) Want {
	low = lexicon.MetTargetRE.ReplaceAllString(low, " ") // finished above target: a result
	target := lexicon.TargetRE.MatchString(low) || q.NextFive
	result := lexicon.ReviewRE.MatchString(low) || q.LastYear || q.PastFive
	switch {
	case target && !result:
		return WantTarget
	case result && !target:
		return WantResult
	case !result && lexicon.ByYearRE.MatchString(low):
		q.byYear = true // resolved against the report's years
	case !target && (lexicon.PastTenseRE.MatchString(low) || lexicon.NowRE.MatchString(low)):
		q.pastTense = true // a result unless a planned year says otherwise (what is it now)
	}
	return WantAny
}

func yearsOf(s string) []int {
	var out []int
	for _, m := range yearRE.FindAllStringSubmatch(s, -1) {
		y, _ := strconv.Atoi(m[1])
		out = append(out, y)
	}
	return out
}

// lastOrdinal is the Ordinal of 最后一个, the last.
const lastOrdinal = -1

// ordinalOf finds 第三个方面, 三是, 其三 or "the third".
func ordinalOf(raw, low string) int {
	if m := lexicon.OrdinalPlaceRE.FindStringSubmatch(raw); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil {
			return n
		}
		return chineseNumber(m[1])
	}
	if loc := lexicon.OrdinalZhRE.FindStringSubmatchIndex(raw); loc != nil {
		m := submatches(raw, loc)
		if m[4] == "个" && !lexicon.OrdinalNounAfterRE.MatchString(raw[loc[1]:]) {
			return 0 // 第一个低空经济产业园: a first, not an item
		}
		if m[1] != "" {
			return lastOrdinal
		}
		for _, g := range []string{m[3], m[5], m[6]} {
			if g == "" {
				continue
			}
			if n, err := strconv.Atoi(g); err == nil {
				return n
			}
			if n := chineseNumber(g); n > 0 {
				return n
			}
		}
	}
	if m := lexicon.OrdinalEnRE.FindStringSubmatch(low); m != nil {
		return lexicon.EnglishOrdinals[m[1]]
	}
	if m := lexicon.BracketOrdinalRE.FindStringSubmatch(raw); m != nil {
		// section (二), 第（三）条: the heading's own number.
		if n, err := strconv.Atoi(m[1]); err == nil {
			return n
		}
		return chineseNumber(m[1])
	}
	if m := lexicon.OrdinalNumberedEnRE.FindStringSubmatch(low); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil {
			return n
		}
		return lexicon.EnglishNumbers[strings.ToLower(m[1])]
	}
	return 0
}

// listAnchors returns the ways a report may write the count and noun a
// list question asks for (哪4项行动 → 4项行动, 四项行动), folded; nil when
// the question names none.
func listAnchors(raw string) []string {
	m := lexicon.ListAnchorRE.FindStringSubmatch(raw)
	if m == nil || m[3] == "" {
		return nil // 哪四个: a bare count says too little to find its list
	}
	n, err := strconv.Atoi(m[1])
	if err != nil {
		n = chineseNumber(m[1])
	}
	if n <= 0 || n > len(chineseDigits) {
		return nil
	}
	tail := m[2] + m[3]
	return []string{fold(strconv.Itoa(n) + tail), fold(chineseDigits[n-1] + tail)}
}

// chineseDigits are the numerals one to ten as counts are written.
var chineseDigits = []string{"一", "两", "三", "四", "五", "六", "七", "八", "九", "十"}

// submatches turns the index pairs of a regexp match in s into strings.
func submatches(s string, loc []int) []string {
	out := make([]string, len(loc)/2)
	for i := range out {
		if loc[2*i] >= 0 {
			out[i] = s[loc[2*i]:loc[2*i+1]]
		}
	}
	return out
}

// Which of two things a question compares: "Which grew faster in 2023, A
// or B?" and "A和B哪个增长更快?".
var (
	eitherOrEnRE = regexp.MustCompile(`(?i)^(which\b[^,:]*|what\b[^,:]*)[,:]\s*(.+?)\s+or\s+(.+?)\s*([?？.]*)$`)
	eitherOrZhRE = regexp.MustCompile(`^([^相]{2,30}?)(?:和|跟|还是)([^相]{2,30}?)[，,]?((?:哪个|哪一个|哪项|谁)\p{Han}*(?:更|较)\p{Han}*[？?]?)$`)
)

// eitherOr splits a question that compares two things into one question
// about each, asked the same way; ok is false for any other question. A
// comparison with 相比 (目标与实际相比) is left to the comparison of a
// target with its result.
func eitherOr(q string) (a, b string, ok bool) {
	if m := eitherOrEnRE.FindStringSubmatch(q); m != nil && lexicon.ComparativeEnRE.MatchString(strings.ToLower(m[1])) {
		return m[1] + ", " + m[2] + "?", m[1] + ", " + m[3] + "?", true
	}
	if m := eitherOrZhRE.FindStringSubmatch(q); m != nil {
		return m[1] + m[3], m[2] + m[3], true
	}
	return "", "", false
}

// zonesIn returns the named zones a question mentions (雄安新区, 苏州工业
// 园区): places a question about them insists on, as it does on a city.
func zonesIn(raw string) []string {
	var out []string
	for _, loc := range lexicon.ZoneRE.FindAllStringSubmatchIndex(raw, -1) {
		name := zoneName(raw[loc[0]:loc[1]], raw[loc[2]:loc[3]])
		if name != "" && !lexicon.GenericZoneRE.MatchString(name) {
			out = append(out, name)
		}
	}
	return out
}

// zoneName cuts a zone's match down to its name: the dictionary word
// before the kind of zone, with the kind (哪些迁驻雄安新区 → 雄安新区); ""
// when that word is a single character.
func zoneName(match, kind string) string {
	head := strings.TrimSuffix(match, kind)
	words := cedict.Segment(head)
	if len(words) == 0 {
		return ""
	}
	last := words[len(words)-1]
	if utf8.RuneCountInString(last) < 2 {
		return ""
	}
	return last + kind
}

// chineseNumber reads 一 to 九十九 (and 两); 0 if s is not one.
func chineseNumber(s string) int {
	digit := func(r rune) int {
		switch r {
		case '一':
			return 1
		case '二', '两':
			return 2
		case '三':
			return 3
		case '四':
			return 4
		case '五':
			return 5
		case '六':
			return 6
		case '七':
			return 7
		case '八':
			return 8
		case '九':
			return 9
		}
		return 0
	}
	rs := []rune(s)
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10
	case len(rs) == 1:
		return digit(rs[0])
	case len(rs) == 2 && rs[0] == '十':
		return 10 + digit(rs[1])
	case len(rs) == 2 && rs[1] == '十':
		return 10 * digit(rs[0])
	case len(rs) == 3 && rs[1] == '十':
		return 10*digit(rs[0]) + digit(rs[2])
	}
	return 0
}

// content blanks what does not name the subject of a Chinese question:
// fillers, particles, years, period words and the 除X外 clause. Blanks
// keep words apart, so no term forms across them.
// questionFillers are lexicon.QuestionFillers, longest first, so that
// 叫什么名字 goes whole before 什么 splits it.
var questionFillers = func() []string {
	out := append([]string(nil), lexicon.QuestionFillers...)
	sort.SliceStable(out, func(i, j int) bool { return utf8.RuneCountInString(out[i]) > utf8.RuneCountInString(out[j]) })
	return out
}()

func content(q, except string) string {
	s := q
	if except != "" {
		s = exceptRE.ReplaceAllString(s, " ")
	}
	s = yearEndRE.ReplaceAllString(s, " ")
	for _, re := range []*regexp.Regexp{lexicon.ThisYearRE, lexicon.LastYearRE, lexicon.FiveYearPastRE, lexicon.FiveYearNextRE, lexicon.OrdinalZhRE, lexicon.AcrossRE} {
		s = re.ReplaceAllString(s, " ")
	}
	s = lexicon.FromToAskRE.ReplaceAllString(s, " ")
	for _, f := range questionFillers {
		s = strings.ReplaceAll(s, f, " ")
	}
	return lexicon.ListCountRE.ReplaceAllString(s, " ")
}

// baseLeadRE: a comma clause that opens with what an earlier ask's figure
// is compared with (和2024年的目标比, 比去年).
var baseLeadRE = regexp.MustCompile(`^(?:和|与|跟|同|比|较)`)

// subQuestions splits a question with several asks (…是多少?增长多少?) at
// its question marks and semicolons; a single ask is returned as is.
func subQuestions(q string) []string {
	if a, b, ok := eitherOr(q); ok {
		return append(subQuestions(a), subQuestions(b)...)
	}
	var out []string
	// Keep the question word an English split consumed: "…, and how fast
	// did it grow" asks "how fast did it grow".
	q = subSplitRE.ReplaceAllStringFunc(q, func(m string) string {
		if base := strings.TrimLeft(m, "，,"); base != m && baseLeadRE.MatchString(base) {
			return "\x00" + base // …是多少，和2024年的目标比还差多少: the base starts the ask
		}
		t := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(strings.TrimPrefix(m, ",")), "and"))
		if t == "" || strings.ContainsAny(m, "？?；;，") && !strings.Contains(m, "and") {
			return "\x00"
		}
		return "\x00" + t
	})
	for _, p := range strings.Split(q, "\x00") {
		p = strings.TrimSpace(p)
		if a, b, ok := eitherOr(p); ok && strings.Contains(q, "\x00") {
			out = append(out, a, b) // …哪个规模更大？相差多少？: one ask per thing, then the rest
			continue
		}
		if len([]rune(p)) >= 2 {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return []string{strings.TrimSpace(q)}
	}
	return out
}

// quotesNumberedAbbr reports whether one of the quoted phrases is a
// numbered abbreviation (两个稳居, 三大经济).
func quotesNumberedAbbr(quoted []string) bool {
	for _, p := range quoted {
		if _, _, ok := numberedAbbr(p); ok {
			return true
		}
	}
	return false
}

// everydayPhrase reports whether a quoted phrase the reports lack is an
// everyday description (“旧的换新的”, “蓝天白云的好日子”) rather than a name
// they would write as is: it holds 的 or an everyday word the genre words
// otherwise.
func everydayPhrase(p string) bool {
	if strings.Contains(p, "的") {
		return true
	}
	for _, k := range lexicon.VariantKeys() {
		if lexicon.IsColloquial(k) && strings.Contains(p, k) {
			return true
		}
	}
	return false
}

// isPeriodWord reports whether a quoted phrase only names a period (“十四五”):
// such a phrase says when, and is matched as a period, not as text.
func isPeriodWord(p string) bool {
	return lexicon.FiveYearPastRE.MatchString(p) && len([]rune(p)) <= 4 || lexicon.FiveYearNextRE.MatchString(p) && len([]rune(p)) <= 4
}

// englishPlaces returns the Chinese names of the provinces and cities an
// English question names: a capitalized word that reads as a region's
// name in pinyin (Ningxia → 宁夏, Jiangsu → 江苏; so North is never 北海), or
// a run of capitalized words the dictionary renders as a region (Inner
// Mongolia → 内蒙古).
func englishPlaces(raw string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(name string) {
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	for _, run := range capitalRuns(raw) {
		if !strings.Contains(run, " ") {
			if name := regionReadingAs(run); name != "" {
				add(name)
			} else if name := regionGlossedAs(run); name != "" {
				add(name)
			}
			continue
		}
		if name := regionGlossedAs(run); name != "" {
			add(name)
		}
	}
	sort.Strings(out)
	return out
}

// regionReadingAs returns the short name of the province or city whose
// name reads as the pinyin word, or "".
func regionReadingAs(word string) string {
	for _, d := range regionIndex() {
		if cedict.MatchesPinyin(d.Short, word) {
			return d.Short
		}
	}
	return ""
}

// regionGlossedAs returns the short name of the province or city the
// dictionary names by an English name that is not its pinyin (Harbin →
// 哈尔滨, Hohhot → 呼和浩特): a sense that opens with the word as a name
// (“Harbin, capital of…”, “Beihai prefecture-level city”), never a common
// word's (“North Sea”).
func regionGlossedAs(word string) string {
	for i, c := range cedict.Chinese(word) {
		if !isRegion(c) {
			continue
		}
		if i > 0 && !strings.Contains(word, " ") {
			// A single word names a place only as its first rendering:
			// China is 中国 before it is 唐山 (“China”, as overseas
			// Chinese say).
			return ""
		}
		for _, sense := range cedict.English(c) {
			if placeGloss(sense, word) {
				return shortName(c)
			}
		}
	}
	return ""
}

// placeGloss reports whether a dictionary sense names a place word: it
// opens with the word followed by a comma or a word of administrative
// geography.
func placeGloss(sense, word string) bool {
	rest, ok := strings.CutPrefix(sense, word)
	if !ok {
		return false
	}
	return rest == "" || strings.HasPrefix(rest, ",") || placeWordRE.MatchString(rest)
}

var placeWordRE = regexp.MustCompile(`(?i)^\s+(city|prefecture|province|county|district|municipality|autonomous|capital|subprovincial|sub-provincial)`)

var (
	regionOnce sync.Once
	regionList []regions.Division
)

// regionIndex lists the provinces and prefecture-level cities with a short
// name, provinces first.
func regionIndex() []regions.Division {
	regionOnce.Do(func() {
		for _, p := range regions.Provinces() {
			if p.Short != "" {
				regionList = append(regionList, p)
			}
		}
		for _, c := range regions.Cities() {
			if c.Short != "" {
				regionList = append(regionList, c)
			}
		}
	})
	return regionList
}

// capitalRuns returns the runs of capitalized words of raw (two-word runs
// whole, and each word), skipping the question's first word.
func capitalRuns(raw string) []string {
	words := strings.FieldsFunc(raw, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' || r == '\'' || r == '’')
	})
	for i, w := range words {
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		words[i] = strings.Trim(w, "'’-")
	}
	var out []string
	for i, w := range words {
		if i == 0 || w == "" || w[0] < 'A' || w[0] > 'Z' {
			continue
		}
		if i+1 < len(words) && words[i+1] != "" && words[i+1][0] >= 'A' && words[i+1][0] <= 'Z' {
			out = append(out, w+" "+words[i+1])
		}
		out = append(out, w)
	}
	return out
}

// dropUnitTerms removes the term that is only the asked unit (亿元 of
// 多少亿元): the unit constrains the figure, it is not a subject.
func dropUnitTerms(terms []*Term, unit string) []*Term {
	if unit == "" {
		return terms
	}
	out := terms[:0:0]
	for _, t := range terms {
		if t.Text != unit {
			out = append(out, t)
		}
	}
	return out
}

// isRegion reports whether name is a province or a prefecture-level city.
func isRegion(name string) bool {
	for _, d := range regions.Lookup(name) {
		if d.Level <= regions.City {
			return true
		}
	}
	return false
}

// hasHan reports whether s holds a Han character: only such quotes can be
// required of a Chinese report's text.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// shortName is a region's name without its generic suffix (吉林市 → 吉林),
// which a report of the province or the city both contain.
func shortName(name string) string {
	for _, d := range regions.Lookup(name) {
		if d.Short != "" {
			return d.Short
		}
	}
	return name
}

var yearSpanRE = regexp.MustCompile(`((?:19|20)\d{2})\s*年?\s*[—–\-~至到]+\s*((?:19|20)\d{2})`)

// yearsAndSpan returns the single years a question names and a span of
// years it names (the years of a span are not single years: “十四五”
// （2021—2025年） asks about the period).
func yearsAndSpan(s string) ([]int, [2]int) {
	var span [2]int
	if m := yearSpanRE.FindStringSubmatch(s); m != nil {
		span[0], _ = strconv.Atoi(m[1])
		span[1], _ = strconv.Atoi(m[2])
		s = yearSpanRE.ReplaceAllString(s, " ")
	}
	return yearsOf(s), span
}

// namedPlaceRE finds an English place named with its kind (Minzhi
// subdistrict, Bao'an District).
var namedPlaceRE = regexp.MustCompile(`\b([A-Z][a-z]+(?:'[a-z]+)?)\s+(?i:subdistrict|district|county|city|province|town|township|street)\b`)

// unresolvedPlaces returns the English names of places a question names
// with their kind that no loaded report's Chinese reads as, nor any
// province or city: a report that never names a place cannot answer about
// it.
func (e *Engine) unresolvedPlaces(raw string) []string {
	var out []string
	for _, m := range namedPlaceRE.FindAllStringSubmatch(raw, -1) {
		name := m[1]
		if lexicon.IsEnglishStopword(strings.ToLower(name)) {
			continue // The subdistrict's agency
		}
		if len(e.pinyinForms(name)) > 0 || regionReadingAs(name) != "" || regionGlossedAs(name) != "" {
			continue
		}
		if len(cedict.Chinese(strings.ToLower(name))) > 0 {
			continue // an English word (Medical Device City), not a name
		}
		out = append(out, name)
	}
	return out
}

// ancestorsNamed returns the divisions above a loaded report's region that
// a question names, in Chinese or in pinyin (Longhua → 龙华): no
// dictionary of place names is consulted for them at that level.
func (e *Engine) ancestorsNamed(raw string) []string {
	var out []string
	for _, anc := range e.ancestors {
		for _, a := range anc {
			if strings.Contains(raw, a) && !slices.ContainsFunc(out, func(o string) bool { return strings.Contains(o, a) || strings.Contains(a, o) }) {
				out = append(out, a) // 龙华区, or 龙华 when only the short name is written
			}
		}
	}
	for _, w := range strings.FieldsFunc(raw, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if w == "" || !unicode.IsUpper([]rune(w)[0]) {
			continue
		}
		for _, anc := range e.ancestors {
			for _, a := range anc {
				if isHan(a) && cedict.MatchesPinyin(a, w) && !slices.Contains(out, a) {
					out = append(out, a)
				}
			}
		}
	}
	return out
}

// exampleWeight scales a term the question gives only as an example
// (商场超市等卖出的…): the report need not name it.
const exampleWeight = 0.3

// modifierText is the text in which a metric's modifier (人均, 新增) counts
// as asked: the question and the forms of its words (average → 人均,
// 多出来 → 新增).
func (q *Question) modifierText() string {
	var b strings.Builder
	b.WriteString(q.Raw)
	for _, t := range q.Terms {
		for _, f := range t.Forms {
			b.WriteByte(' ')
			b.WriteString(f)
		}
	}
	return b.String()
}

// quotedTerms makes a term of each phrase the question quotes and the
// reports write (观湖“最大的实际”): the phrase says more than its words,
// which the fillers may have cut (最大).
func (e *Engine) quotedTerms(q *Question) []*Term {
	var out []*Term
	for _, p := range q.Quoted {
		dup := false
		for _, t := range q.Terms {
			dup = dup || t.Text == p
		}
		if !dup && e.corpus.has(p) {
			out = append(out, e.newTerm(p, nil))
		}
	}
	return out
}

// markAnswerType makes the head word of the phrase after 什么 or 哪+
// classifier an ask word: 称号 in 获得了什么称号 says what kind of answer
// is wanted, and the report names the title instead. The head is the
// phrase's last word when the phrase closes the clause (什么国际荣誉？),
// else its first (哪部作品摘得了…).
func markAnswerType(q *Question) {
	m := lexicon.AnswerTypeRE.FindStringSubmatch(q.Raw)
	if m == nil || strings.HasPrefix(m[1], "是") {
		return
	}
	words := cedict.Segment(m[1])
	head := words[0]
	if m[2] != "" || strings.HasSuffix(q.Raw, m[1]) {
		head = words[len(words)-1]
	}
	for _, t := range q.Terms {
		if t.Text == head && !t.Single {
			t.Ask = true
		}
	}
}

// markExamples lowers the weight of the terms that stand right before 等
// in the question.
func markExamples(q *Question) {
	for _, t := range q.Terms {
		if strings.Contains(q.Raw, t.Text+"等") || strings.Contains(q.Raw, t.Text+"、") && strings.Contains(q.Raw, "等") {
			t.Weight *= exampleWeight
		}
	}
}
