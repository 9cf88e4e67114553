package answer

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/reportbot/reportbot/lexicon"
	"github.com/reportbot/reportbot/lexicon/cedict"
)

// ProblemKind names what is wrong with a sentence of an answer.
type ProblemKind string

// The kinds of problem [Check] reports.
const (
	// NoCitation: the sentence makes a claim (a number, a year or content
	// words) and has no marker naming a passage.
	NoCitation ProblemKind = "no_citation"
	// UnsupportedNumber: a number (Arabic or Chinese, with its scale) that
	// the cited passages do not state with the same value and scale, or
	// state for something else (固定资产投资90.2亿元 where 90.2亿元 is
	// 社会消费品零售总额).
	UnsupportedNumber ProblemKind = "unsupported_number"
	// QuestionNumber: a number that comes from the question only.
	QuestionNumber ProblemKind = "question_number"
	// UnsupportedYear: a year or date not in the cited passages, the
	// question or [CheckOptions.Years].
	UnsupportedYear ProblemKind = "unsupported_year"
	// DirectionFlip: a number stated as a rise where the passage says it
	// fell, or the reverse.
	DirectionFlip ProblemKind = "direction_flip"
	// Derived: a sum, difference or ratio of passage numbers stated as a
	// fact, not listed in [CheckOptions.Computed].
	Derived ProblemKind = "derived"
	// UnsupportedTerms: too little of the sentence's content comes from the
	// passages it cites.
	UnsupportedTerms ProblemKind = "unsupported_terms"
)

// Problem is one reason a sentence of an answer is not supported by the
// passages it cites.
type Problem struct {
	Sentence string // the sentence as written, trimmed
	Kind     ProblemKind
	Detail   string // what was found, for logs and notes
}

// String returns the problem on one line: kind: detail: sentence.
func (p Problem) String() string {
	return fmt.Sprintf("%s: %s: %q", p.Kind, p.Detail, p.Sentence)
}

// CheckOptions is the context of an answer that [Check] accepts as
// support besides the cited passages.
type CheckOptions struct {
	// Question is the question answered. Its years are context; its other
	// numbers are not support (an answer must not echo them as facts).
	Question string
	// Years are the years the report covers, such as its planned and its
	// reviewed year: allowed as context in any sentence.
	Years []int
	// Computed are numbers the engine computed in code from cited figures
	// and labels as computed (588.77, 588.77亿元): allowed, not Derived.
	Computed []string
}

// Thresholds of the term check. TestTermShareCalibration measures them:
// honest rewordings of real passages (Chinese and English) score 0.60 and
// up; prompt leaks, invented statements and sentences of other reports
// cited for a passage score at most 0.33 (median 0, 99th percentile 0.18
// over 600 cross-report pairs of the 2026 reports).
const (
	// minTermShareZh is the share of a Chinese sentence's content bigrams
	// (function characters and words about the answer itself aside) that
	// must occur in its cited passages, their report title or section
	// label, or the genre's other wordings of a term (规模以上 for 规上).
	// Half leaves room for rewording and still stops a sentence that is
	// mostly invented.
	minTermShareZh = 0.5
	// minTermShareEn is the share of an English sentence's content words
	// that occur in the cited passages themselves, through a CC-CEDICT
	// rendering, or among the English glosses of the passages' words.
	// Translation rarely picks the passage's exact word, so the bar is a
	// little lower than for Chinese; words the dictionary does not know
	// (names such as Guanhu) are left out of the count.
	minTermShareEn = 0.45
	// minTermUnits is the fewest content units a sentence needs before its
	// share is judged: one is too few to measure.
	minTermUnits = 2
	// minClauseShare and minClauseUnits catch an invented clause next to
	// a copied one (…494.91亿元，主要来自芯片出口): a clause of at least
	// minClauseUnits units must have this share in the passages. It is
	// low because a clause is short and an honest connecting clause
	// (这表明…) may carry few of the passage's words.
	minClauseShare = 0.25
	minClauseUnits = 4
)

// Check reports the sentences of text, an LLM answer citing passages with
// markers [n] (also [1,2], [1-3], 【1】), that the passages do not
// support. cited holds the passages shown to the model; a marker refers to
// Citation.N. An empty result means every sentence passed.
//
// The rules, sentence by sentence:
//
//   - A sentence that makes a claim (a number, a year, or content words)
//     needs a marker naming one of cited ([NoCitation]). Claim-free
//     sentences (以上信息来自报告。) and statements that the report does not
//     say something (报告未提及…) need none. A sentence that introduces a
//     list (it ends with ：or :, or is a Markdown heading) and has no
//     marker is checked against all of cited.
//   - Every number, Arabic or Chinese (494.91亿元, 四百九十九亿元, 三个,
//     两成, 百分之五), must occur in the cited passages with the same value
//     and scale ([UnsupportedNumber]); a number found only in the question
//     is a [QuestionNumber] unless the sentence denies it (不是512.37亿元);
//     a sum, difference or ratio of cited numbers is [Derived] unless
//     listed in opt.Computed. Thousands separators and full-width digits
//     are folded; list numbering and markers are not numbers.
//     A rate matches only a rate (% and 个百分点 alike); a figure converted
//     to an English scale (494.91亿 as 49.49 billion) may be rounded if it
//     keeps three significant digits. In a Chinese sentence, what the words
//     before a number name must share a bigram with what the passage's
//     words before it name (固定资产投资90.2亿元 fails when the passage's
//     90.2亿元 is 社会消费品零售总额); when either names nothing, there is
//     nothing to compare.
//   - Every year and date must occur in the cited passages, the question,
//     opt.Years, or the cited passages' dates and report titles
//     ([UnsupportedYear]). Five-year plans a passage names (十四五) count
//     as their years.
//   - A number stated as a rise (增长, 提高, grew, up) must not be a fall
//     (下降, 减少, fell, down) in the passage, and the reverse
//     ([DirectionFlip]).
//   - Enough of the sentence's content must come from its cited passages
//     ([UnsupportedTerms]): Chinese content bigrams, or English content
//     words through CC-CEDICT; see minTermShareZh, minTermShareEn and
//     minClauseShare. Intros and "the report does not say" sentences are
//     not weighed.
//
// A sentence with no valid marker gets only its [NoCitation] problem;
// otherwise it may get several. Problems come in the order of the
// sentences. Check is safe for concurrent use.
func Check(text string, cited []Citation, opt CheckOptions) []Problem {
	c := newChecker(cited, opt)
	var out []Problem
	for i := 0; ; {
		sp, ok := nextSentence(text, i, true)
		if !ok {
			break
		}
		out = append(out, c.sentence(text[sp.start:sp.end])...)
		i = sp.end
	}
	return out
}

// checker holds what one answer is checked against, each passage read
// once.
type checker struct {
	passages  []Citation
	info      []*passageInfo // by index into passages, read on first use
	question  scanned
	qLower    string
	computed  []quantity
	compRaw   []string
	baseYears []int // opt.Years and the question's years
}

// passageInfo is a passage as the checker reads it.
type passageInfo struct {
	n     int
	text  string // folded text
	lower string // folded text, lower case
	// context: the report title and section label, lower case, where a
	// sentence may find the place and the topic the passage leaves out.
	context string
	glosses map[string]bool // see glossesOf
	sc      scanned
	years   []int // years, five-year plans' years and the passage's date
	dates   []dateRef
}

func newChecker(cited []Citation, opt CheckOptions) *checker {
	c := &checker{passages: cited, info: make([]*passageInfo, len(cited))}
	q := foldText(opt.Question)
	c.question = scan(q)
	c.qLower = strings.ToLower(q)
	c.baseYears = append(append([]int(nil), opt.Years...), c.question.years...)
	for _, s := range opt.Computed {
		s = foldText(s)
		c.compRaw = append(c.compRaw, s)
		c.computed = append(c.computed, scan(s).qs...)
	}
	return c
}

// passage returns passage i, read.
func (c *checker) passage(i int) *passageInfo {
	if p := c.info[i]; p != nil {
		return p
	}
	cit := c.passages[i]
	t := foldText(cit.Text)
	p := &passageInfo{n: cit.N, text: t, lower: strings.ToLower(t), sc: scan(t)}
	p.context = strings.ToLower(foldText(cit.Report + " " + cit.Label))
	p.years = append(p.years, p.sc.years...)
	p.years = append(p.years, planYears(t)...)
	p.dates = p.sc.dates
	if meta := cit.Date + " " + cit.Report; meta != " " {
		d := scan(foldText(meta))
		p.years = append(p.years, d.years...)
		p.dates = append(p.dates, d.dates...)
	}
	c.info[i] = p
	return p
}

// planYears returns the years of the five-year plans t names (十四五 is
// 2021 to 2025).
func planYears(t string) []int {
	var out []int
	for i := 0; i < len(t); {
		if first, last, n, ok := lexicon.FiveYearPlan(t[i:]); ok {
			for y := first; y <= last; y++ {
				out = append(out, y)
			}
			i += n
			continue
		}
		_, n := utf8.DecodeRuneInString(t[i:])
		i += n
	}
	return out
}

// refs returns the indexes into c.passages that the markers of t name,
// and the marker texts that name none.
func (c *checker) refs(t string) (idx []int, bad []string) {
	for _, m := range markerRE.FindAllString(t, -1) {
		found := false
		for _, part := range markerPartRE.FindAllStringSubmatch(m, -1) {
			lo, _ := strconv.Atoi(part[1])
			hi := lo
			if part[2] != "" {
				hi, _ = strconv.Atoi(part[2])
			}
			if hi < lo {
				lo, hi = hi, lo
			}
			for i, p := range c.passages {
				if p.N >= lo && p.N <= hi {
					found = true
					if !slices.Contains(idx, i) {
						idx = append(idx, i)
					}
				}
			}
		}
		if !found {
			bad = append(bad, m)
		}
	}
	return idx, bad
}

// markerPartRE reads one number or range of a marker.
var markerPartRE = regexp.MustCompile(`(\d{1,3})(?:\s*[-–~]\s*(\d{1,3}))?`)

// sentence checks one sentence.
func (c *checker) sentence(raw string) []Problem {
	raw = strings.TrimSpace(raw)
	t := foldText(raw)
	sc := scan(t)
	english := isEnglish(t)
	units := contentUnits(sc.masked, english)
	claim := len(sc.qs) > 0 || len(sc.years) > 0 || len(sc.dates) > 0 || len(sc.codes) > 0 || len(units) > 0
	if !claim {
		return nil
	}
	absent := mayBeAbsence(t) && absenceRE.MatchString(strings.ToLower(t))
	idx, bad := c.refs(t)
	intro := false
	if len(idx) == 0 {
		intro = isIntro(t)
		if !intro && !absent {
			d := "a claim with no citation marker"
			if len(bad) > 0 {
				d = "markers " + strings.Join(bad, " ") + " name no passage"
			}
			return []Problem{{Sentence: raw, Kind: NoCitation, Detail: d}}
		}
		idx = make([]int, len(c.passages))
		for i := range idx {
			idx[i] = i
		}
	}
	ps := make([]*passageInfo, len(idx))
	for k, i := range idx {
		ps[k] = c.passage(i)
	}
	var out []Problem
	add := func(kind ProblemKind, format string, args ...any) {
		out = append(out, Problem{Sentence: raw, Kind: kind, Detail: fmt.Sprintf(format, args...)})
	}
	for i := range sc.qs {
		if kind, detail := c.number(i, sc, ps, absent, english); kind != "" {
			add(kind, "%s", detail)
		}
	}
	for _, code := range sc.codes {
		if code = strings.ToLower(code); !c.literal(code, ps) && !strings.Contains(c.qLower, code) {
			add(UnsupportedNumber, "%s: not in %s", code, names(ps))
		}
	}
	for i, y := range sc.years {
		if !slices.Contains(sc.years[:i], y) && !c.yearOK(y, ps) {
			add(UnsupportedYear, "%d: not in %s, the question or the report's years", y, names(ps))
		}
	}
	for i, d := range sc.dates {
		if !slices.Contains(sc.dates[:i], d) && !c.dateOK(d, ps) {
			add(UnsupportedYear, "%s: date not in %s or the question", d.raw, names(ps))
		}
	}
	if !absent && !intro {
		if d := c.termProblem(units, english, ps); d != "" {
			add(UnsupportedTerms, "%s", d)
		}
	}
	return out
}

// names lists the passages' markers: [1] [3].
func names(ps []*passageInfo) string {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "[%d]", p.n)
	}
	if b.Len() == 0 {
		return "no passage"
	}
	return b.String()
}

// number classifies one quantity of a sentence; kind is "" when it is
// supported.
func (c *checker) number(qi int, sc scanned, ps []*passageInfo, absent, english bool) (ProblemKind, string) {
	q := sc.qs[qi]
	var hits []quantity
	var hitN []int
	var hitSc []*scanned
	for _, p := range ps {
		for _, pq := range p.sc.qs {
			if matches(q, pq) {
				hits = append(hits, pq)
				hitN = append(hitN, p.n)
				hitSc = append(hitSc, &p.sc)
			}
		}
	}
	if q.han && c.literal(strings.ToLower(q.raw), ps) {
		return "", "" // 两个 in 两个确立, copied
	}
	if len(hits) > 0 && !english {
		if d := metricMismatch(sc, qi, hits, hitN, hitSc); d != "" {
			return UnsupportedNumber, d
		}
	}
	if len(hits) > 0 {
		if q.dir == dirNone {
			return "", ""
		}
		for _, h := range hits {
			if h.dir == dirNone || h.dir == q.dir {
				return "", ""
			}
		}
		return DirectionFlip, fmt.Sprintf("%s: [%d] has %s", stated(q), hitN[0], stated(hits[0]))
	}
	if c.isComputed(q) {
		return "", ""
	}
	for _, qq := range c.question.qs {
		if matches(q, qq) {
			if absent || denied(sc.text, q.start) {
				return "", ""
			}
			return QuestionNumber, q.raw + ": comes from the question, not from " + names(ps)
		}
	}
	var pool []quantity
	for _, p := range ps {
		pool = append(pool, p.sc.qs...)
	}
	if how := derivation(q, pool); how != "" {
		return Derived, fmt.Sprintf("%s = %s, computed but not marked as computed", q.raw, how)
	}
	detail := q.raw + ": not in " + names(ps)
	for _, p := range ps {
		for _, pq := range p.sc.qs {
			if pq.num == q.num {
				return UnsupportedNumber, detail + fmt.Sprintf(" ([%d] has %s)", p.n, pq.raw)
			}
		}
	}
	for i := range c.passages {
		p := c.passage(i)
		if slices.Contains(ps, p) {
			continue
		}
		for _, pq := range p.sc.qs {
			if matches(q, pq) {
				return UnsupportedNumber, detail + fmt.Sprintf(" (it is in [%d], which the sentence does not cite)", p.n)
			}
		}
	}
	return UnsupportedNumber, detail
}

// metricMismatch reports, for a Chinese sentence, a number whose passage
// gives it for something else: 固定资产投资90.2亿元 where the passage's
// 90.2亿元 is 社会消费品零售总额. What a number measures is read from the
// text before it (see quantity.ctx); when either side names nothing there
// (分别为…, a bare figure) there is nothing to compare and the number
// passes.
func metricMismatch(sc scanned, qi int, hits []quantity, hitN []int, hitSc []*scanned) string {
	units, text := metricOf(&sc, qi)
	if len(units) == 0 {
		return ""
	}
	judged := false
	for k, h := range hits {
		pu, ptext := metricOfQuantity(hitSc[k], h)
		if len(pu) == 0 {
			return "" // the passage does not say what it measures
		}
		judged = true
		in := func(s string) bool { return strings.Contains(ptext, s) }
		for _, u := range units {
			if in(u) || variantIn(u, in) {
				return ""
			}
		}
	}
	if !judged {
		return ""
	}
	return fmt.Sprintf("%s: [%d] gives it for %s, not %s", sc.qs[qi].raw, hitN[0], tidy(metricText(hitSc[0], hits[0])), tidy(text))
}

// tidy trims a context for a detail: no blanked numbers, no punctuation at
// its ends.
func tidy(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
}

// metricOfQuantity is metricOf for the quantity h of sc.
func metricOfQuantity(sc *scanned, h quantity) ([]string, string) {
	for i := range sc.qs {
		if sc.qs[i].start == h.start {
			return metricOf(sc, i)
		}
	}
	return nil, ""
}

func metricText(sc *scanned, h quantity) string {
	_, t := metricOfQuantity(sc, h)
	return t
}

// metricOf returns the content bigrams of what quantity i of sc measures,
// and the text they come from: the text before it, or, when that names
// nothing (同比增长 after a figure), what the number before it measures.
func metricOf(sc *scanned, i int) ([]string, string) {
	if sc.metrics == nil {
		sc.metrics = make([][]string, len(sc.qs))
		sc.metricDone = make([]bool, len(sc.qs))
	}
	for i >= 0 {
		q := sc.qs[i]
		if !sc.metricDone[i] {
			sc.metrics[i], sc.metricDone[i] = metricUnits(q.ctx), true
		}
		if len(sc.metrics[i]) > 0 {
			return sc.metrics[i], strings.ToLower(q.ctx)
		}
		i = q.prev
	}
	return nil, ""
}

// metricUnits returns the content bigrams of ctx, leaving out words about
// the answer, direction words and function characters.
func metricUnits(ctx string) []string {
	lower := blankWords(strings.ToLower(ctx), notMetricWords())
	var out []string
	var prev rune
	for _, r := range lower {
		if unicode.Is(unicode.Han, r) && !strings.ContainsRune(functionChars, r) {
			if prev != 0 {
				out = append(out, string(prev)+string(r))
			}
			prev = r
			continue
		}
		prev = 0
	}
	return out
}

// stated returns a number with its direction word: 增长1.72%, fell 1.72%.
func stated(q quantity) string {
	if q.dirWord != "" && isLatin(rune(q.dirWord[0])) {
		return q.dirWord + " " + q.raw
	}
	return q.dirWord + q.raw
}

// isComputed reports whether q is one of opt.Computed: the same value,
// or the same numeral when the computed number has no scale.
func (c *checker) isComputed(q quantity) bool {
	for _, cq := range c.computed {
		if matches(q, cq) || cq.scale == "" && mustFloat(cq.num) == mustFloat(q.num) {
			return true
		}
	}
	return slices.Contains(c.compRaw, q.raw) || slices.Contains(c.compRaw, q.num)
}

// denyRE: words just before a number that deny it (不是512.37亿元).
var denyRE = regexp.MustCompile(`不是|并非|而非|不为|并不|not|n't|rather than|instead of`)

// denied reports whether the clause before t[start] denies the number.
func denied(t string, start int) bool {
	return denyRE.MatchString(strings.ToLower(lastClause(t[:start])))
}

// absenceRE: a sentence saying the report does not give something.
var absenceRE = regexp.MustCompile(`未(提及|提到|提供|给出|说明|披露|涉及|包含|列出|明确)|没有(提及|提到|提供|给出|说明|披露|涉及|包含|列出|明确|具体)|并未|无法(确定|回答|得知|判断|找到)|不(包含|涉及)|(does|do|did) not (say|mention|state|provide|give|specify|include|contain|report)|doesn't (say|mention|state|provide|give|specify|include|contain)|(is|are|was|were) not (mentioned|stated|given|provided|specified|reported)|no (information|data|figure|mention)|not available`)

// mayBeAbsence is a quick test before absenceRE: the words it needs.
func mayBeAbsence(t string) bool {
	return strings.ContainsAny(t, "未没无不") || strings.Contains(t, "no") || strings.Contains(t, "No")
}

// literal reports whether s occurs in one of ps.
func (c *checker) literal(s string, ps []*passageInfo) bool {
	for _, p := range ps {
		if strings.Contains(p.lower, s) {
			return true
		}
	}
	return false
}

func (c *checker) yearOK(y int, ps []*passageInfo) bool {
	if slices.Contains(c.baseYears, y) {
		return true
	}
	for _, p := range ps {
		if slices.Contains(p.years, y) {
			return true
		}
	}
	return false
}

func (c *checker) dateOK(d dateRef, ps []*passageInfo) bool {
	ok := func(x dateRef) bool { return x.month == d.month && (d.day == 0 || x.day == d.day) }
	if slices.ContainsFunc(c.question.dates, ok) {
		return true
	}
	for _, p := range ps {
		if slices.ContainsFunc(p.dates, ok) {
			return true
		}
	}
	return false
}

// isEnglish reports whether t is written in English: more than twice as
// many Latin letters as Han characters.
func isEnglish(t string) bool {
	han, latin := 0, 0
	for _, r := range t {
		switch {
		case isLatin(r):
			latin++
		case unicode.Is(unicode.Han, r):
			han++
		}
	}
	return latin > 2*han
}

// isIntro reports whether t introduces what follows: it ends with a colon
// (markers aside) or is a Markdown heading.
func isIntro(t string) bool {
	t = strings.TrimSpace(markerRE.ReplaceAllString(t, ""))
	t = strings.TrimRight(t, "*_ ")
	return strings.HasPrefix(t, "#") || strings.HasSuffix(t, "：") || strings.HasSuffix(t, ":")
}

// Vocabulary of the term check. Function characters carry no content: a
// bigram with one of them is not counted. Numerals are counted by the
// number check instead.
const functionChars = "的了是在和与及等为把被也都就而并对从以其之这那个我你您他她它们吗呢吧啊着过将要会能可让使由向于至到给已有所各每该此或但且则即因还又再更最很较均共约未本" +
	"〇零一二两三四五六七八九十百千万亿余多近超逾"

// metaWordsZh are words about the answer itself, not claims about the
// report: 根据报告, 以上信息, 具体数据. They are blanked before counting.
var metaWordsZh = byRunes([]string{
	"综上所述", "总的来说", "根据", "依据", "按照", "报告", "材料", "资料", "文件", "段落", "原文", "来源", "来自", "出自",
	"引用", "信息", "内容", "以上", "上述", "如下", "以下", "下列", "显示", "表明", "指出", "提到", "提及", "提出", "所述",
	"具体", "情况", "相关", "数据", "数字", "说明", "提供", "给出", "明确", "涉及", "问题", "回答", "答案", "综上", "总结",
	"总之", "此外", "另外", "同时", "包括", "主要", "方面", "分别", "以及", "没有", "并未", "无法", "不能", "确定", "可知",
	"可见", "详见", "参见", "参考", "全文", "文中", "同比", "比上年", "上年", "去年", "今年", "全年", "其中",
	"合计", "共计", "总计", "之和", "相加", "加起来", "相当于", "约为", "指标", "数值",
	"您好", "你好", "好的", "当然", "谢谢", "感谢", "希望", "帮助", "以下是", "下面",
})

// wordIndex holds words by their first rune, longest first.
type wordIndex map[rune][]string

func newWordIndex(lists ...[]string) wordIndex {
	x := wordIndex{}
	for _, l := range lists {
		for _, w := range l {
			r, _ := utf8.DecodeRuneInString(w)
			if utf8.RuneCountInString(w) > 1 && !slices.Contains(x[r], w) {
				x[r] = append(x[r], w)
			}
		}
	}
	for r := range x {
		x[r] = byRunes(x[r])
	}
	return x
}

var (
	metaIndex = sync.OnceValue(func() wordIndex { return newWordIndex(metaWordsZh) })
	// notMetricWords: words that do not say what a number measures.
	notMetricWords = sync.OnceValue(func() wordIndex { return newWordIndex(metaWordsZh, upWordsZh, downWordsZh) })
)

// blankWords replaces the words of x in s with spaces, longest match
// first, left to right.
func blankWords(s string, x wordIndex) string {
	var b []byte
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		for _, w := range x[r] {
			if strings.HasPrefix(s[i:], w) {
				if b == nil {
					b = []byte(s)
				}
				blank(b, i, i+len(w))
				n = len(w)
				break
			}
		}
		i += n
	}
	if b == nil {
		return s
	}
	return string(b)
}

// metaWordsEn are English words about the answer, units and number words:
// not content.
var metaWordsEn = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`report reports reported according passage passages source sources cited cite citation
	citations information mention mentions mentioned state states stated show shows showed shown indicate indicates indicated
	note noted notes specific specifically detail details data provided provide provides following document text answer
	question available summary also including include includes included respectively figure figures percent percentage point
	points billion million thousand trillion hundred yuan rmb year years yoy year-on-year compared comes come came based
	totaled total approximately about around nearly roughly per cent bn mn pp pct
	one two three four five six seven eight nine ten first second third fourth fifth
	new well number reach reached reaching achieve achieved aim aims aimed plan plans planned add added held made
	carried implemented continue continued continues further level levels overall period compared annual annually
	more less than both while whereas however hope helps help glad thanks sure certainly here overview`) {
		m[w] = true
	}
	return m
}()

func byRunes(words []string) []string {
	slices.SortStableFunc(words, func(a, b string) int {
		return utf8.RuneCountInString(b) - utf8.RuneCountInString(a)
	})
	return words
}

// unit is one content unit of a sentence: a Chinese bigram, a Latin word,
// or an English official term.
type unit struct {
	text    string
	next    bool     // a Chinese bigram that overlaps the one before it
	clause  int      // which clause of the sentence it is in
	english bool     // an English word, rendered through the dictionary
	zh      []string // an official term's Chinese wordings
}

var englishWordRE = regexp.MustCompile(`[a-z][a-z'&-]*[a-z]|[a-z]{2}`)

// contentUnits returns the content units of masked (a sentence with its
// numbers, years and markers blanked).
func contentUnits(masked string, english bool) []unit {
	lower := strings.ToLower(masked)
	if english {
		return englishUnits(lower)
	}
	lower = blankWords(lower, metaIndex())
	var out []unit
	var prev, prevPrev rune
	clause := 0
	for i, r := range lower {
		if termClauseBreak(r) {
			clause++
		}
		if unicode.Is(unicode.Han, r) && !strings.ContainsRune(functionChars, r) {
			if prev != 0 {
				next := len(out) > 0 && prevPrev != 0
				out = append(out, unit{text: string(prev) + string(r), next: next, clause: clause})
			}
			prevPrev = prev
			prev = r
			continue
		}
		prev, prevPrev = 0, 0
		if isLatin(r) && (i == 0 || !isLatin(rune(lower[i-1]))) {
			w := lower[i:]
			if k := strings.IndexFunc(w, func(r rune) bool { return !isLatin(r) }); k >= 0 {
				w = w[:k]
			}
			if len(w) >= 2 && !lexicon.IsEnglishStopword(w) && !metaWordsEn[w] {
				out = append(out, unit{text: w, clause: clause})
			}
		}
	}
	return out
}

// englishUnits returns the content units of an English sentence (lower
// case): the genre's official terms first (above designated size), then
// the other words that are neither stop words nor about the answer.
func englishUnits(lower string) []unit {
	clauseAt := func(i int) int {
		return strings.Count(lower[:i], ",") + strings.Count(lower[:i], ";") + strings.Count(lower[:i], ":")
	}
	var out []unit
	for _, ot := range lexicon.OfficialTerms() {
		for from := 0; ; {
			i := strings.Index(lower[from:], ot.English)
			if i < 0 {
				break
			}
			i += from
			from = i + len(ot.English)
			if !wordBoundary(lower, i, from) {
				continue
			}
			out = append(out, unit{text: ot.English, zh: ot.Chinese, clause: clauseAt(i)})
			lower = lower[:i] + strings.Repeat(" ", len(ot.English)) + lower[from:]
		}
	}
	for _, m := range englishWordRE.FindAllStringIndex(lower, -1) {
		w := strings.TrimSuffix(strings.Trim(lower[m[0]:m[1]], "'-&"), "'s")
		for _, part := range strings.Split(w, "-") {
			if len(part) < 2 || lexicon.IsEnglishStopword(part) || metaWordsEn[part] || upWordsEn[part] || downWordsEn[part] {
				continue
			}
			out = append(out, unit{text: part, english: true, clause: clauseAt(m[0])})
		}
	}
	return out
}

// termClauseBreak separates the clauses the term check weighs one by one.
func termClauseBreak(r rune) bool { return strings.ContainsRune("，,；;：:（）()", r) }

func wordBoundary(s string, i, j int) bool {
	return (i == 0 || !isLatin(rune(s[i-1]))) && (j == len(s) || !isLatin(rune(s[j])))
}

// Outcomes of the term check for one unit.
const (
	termMissing = iota
	termFound
	termUnknown // an English word the dictionary cannot render: not counted
	termJoint   // a bigram across two found words (值达 in 产值达到): not counted
)

// termProblem returns why the sentence's content units do not come from
// the passages ps, or "": too small a share of the sentence, or a clause
// with almost nothing from them (规上工业总产值494.91亿元，主要来自芯片出口).
func (c *checker) termProblem(units []unit, english bool, ps []*passageInfo) string {
	if len(units) < minTermUnits {
		return ""
	}
	res := c.terms(units, ps)
	type count struct{ found, total int }
	var all count
	clauses := map[int]*count{}
	for i, r := range res {
		if r != termFound && r != termMissing {
			continue
		}
		cl := clauses[units[i].clause]
		if cl == nil {
			cl = &count{}
			clauses[units[i].clause] = cl
		}
		all.total++
		cl.total++
		if r == termFound {
			all.found++
			cl.found++
		}
	}
	min := minTermShareZh
	if english {
		min = minTermShareEn
	}
	if all.total >= minTermUnits && float64(all.found) < min*float64(all.total) {
		return fmt.Sprintf("%d of %d content terms found in %s (below %.0f%%)", all.found, all.total, names(ps), min*100)
	}
	for i := 0; i <= units[len(units)-1].clause; i++ {
		if cl := clauses[i]; cl != nil && cl.total >= minClauseUnits && float64(cl.found) < minClauseShare*float64(cl.total) {
			return fmt.Sprintf("a clause has %d of %d content terms in %s (below %.0f%%)", cl.found, cl.total, names(ps), minClauseShare*100)
		}
	}
	return ""
}

// terms returns the outcome of each unit: found in ps (or their title and
// label) literally, through the genre's other wordings (规模以上 for 规上),
// or for English words through CC-CEDICT in either direction.
func (c *checker) terms(units []unit, ps []*passageInfo) []int {
	in := func(s string) bool {
		for _, p := range ps {
			if strings.Contains(p.lower, s) || strings.Contains(p.context, s) {
				return true
			}
		}
		return false
	}
	res := make([]int, len(units))
	for i, u := range units {
		switch {
		case in(u.text):
			res[i] = termFound
		case u.zh != nil:
			if slices.ContainsFunc(u.zh, in) || c.allWordsFound(u.text, ps, in) {
				res[i] = termFound
			}
		case u.english:
			rs := renderings(u.text)
			switch {
			case renderedIn(rs, in) || c.glossed(u.text, ps):
				res[i] = termFound
			case len(rs) == 0:
				res[i] = termUnknown // a name, a typo
			}
		default:
			if variantIn(u.text, in) {
				res[i] = termFound
			}
		}
	}
	for i := 1; i+1 < len(units); i++ {
		if res[i] == termMissing && units[i].next && res[i-1] == termFound && res[i+1] == termFound && units[i+1].next {
			res[i] = termJoint
		}
	}
	return res
}

// allWordsFound reports whether every content word of the English phrase
// is found on its own: an official term the passage words differently
// (industrial enterprises above designated size, for 规上工业总产值).
func (c *checker) allWordsFound(phrase string, ps []*passageInfo, in func(string) bool) bool {
	n := 0
	for _, w := range strings.Fields(phrase) {
		if lexicon.IsEnglishStopword(w) {
			continue
		}
		n++
		if !c.glossed(w, ps) && !renderedIn(renderings(w), in) {
			return false
		}
	}
	return n > 0
}

// glossed reports whether the English word w is one of the glosses of the
// passages' words.
func (c *checker) glossed(w string, ps []*passageInfo) bool {
	st := stem(w)
	for _, p := range ps {
		if c.glossesOf(p)[st] {
			return true
		}
	}
	return false
}

// glossesOf returns the stems of the English glosses of the words of p
// and of its title and label, read from CC-CEDICT on first need: the
// reverse check of an English sentence (治安 is "public security", 广东省
// is "Guangdong province").
func (c *checker) glossesOf(p *passageInfo) map[string]bool {
	if p.glosses == nil {
		p.glosses = glossBag(p.text + "\n" + p.context)
	}
	return p.glosses
}

// Gloss bags of passages, cached by text: an engine cites the same
// passages again and again, and a bag costs a segmentation and a lookup
// per word.
var (
	glossMu    sync.Mutex
	glossCache = map[string]map[string]bool{}
)

// maxGlossCache bounds the cache of gloss bags.
const maxGlossCache = 2048

// glossBag returns the stems of the English glosses of the words of t and
// of the official terms it uses. The caller must not modify it.
func glossBag(t string) map[string]bool {
	glossMu.Lock()
	bag, ok := glossCache[t]
	glossMu.Unlock()
	if ok {
		return bag
	}
	bag = map[string]bool{}
	for _, tok := range segmentChinese(t) {
		if !hasHan(tok) {
			continue
		}
		senses := chineseToEnglish(tok)
		if utf8.RuneCountInString(tok) == 1 && len(senses) > 1 {
			senses = senses[:1] // a single character's later senses are noise
		}
		for _, sense := range senses {
			for _, w := range englishWordRE.FindAllString(strings.ToLower(sense), -1) {
				if !lexicon.IsEnglishStopword(w) {
					bag[stem(w)] = true
				}
			}
		}
	}
	lower := strings.ToLower(t)
	for _, ot := range lexicon.OfficialTerms() {
		if slices.ContainsFunc(ot.Chinese, func(zh string) bool { return strings.Contains(lower, strings.ToLower(zh)) }) {
			for _, w := range strings.Fields(ot.English) {
				bag[stem(w)] = true
			}
		}
	}
	glossMu.Lock()
	if len(glossCache) < maxGlossCache {
		glossCache[t] = bag
	}
	glossMu.Unlock()
	return bag
}

// stem folds an English word's common endings, the same way on both sides
// of a comparison: lectures → lectur, lecture → lectur, declined → declin.
func stem(w string) string {
	w = strings.TrimSuffix(w, "'s")
	for _, suf := range []string{"ies", "ing", "ed", "es", "s", "e", "y"} {
		if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) && !strings.HasSuffix(w, "ss") {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// variantIn reports whether bigram is part of another wording of a term
// that in finds (规模 of 规模以上, when the passage says 规上).
func variantIn(bigram string, in func(string) bool) bool {
	for _, k := range variantKeysWith()[bigram] {
		if in(k) {
			return true
		}
	}
	return false
}

// variantKeysWith maps each bigram of the genre's variant wordings to the
// terms that have such a variant, built once.
var variantKeysWith = sync.OnceValue(func() map[string][]string {
	m := map[string][]string{}
	for _, k := range lexicon.VariantKeys() {
		for _, v := range lexicon.Variants(k) {
			rs := []rune(strings.ToLower(v))
			for i := 0; i+1 < len(rs); i++ {
				b := string(rs[i : i+2])
				if !slices.Contains(m[b], k) {
					m[b] = append(m[b], k)
				}
			}
		}
	}
	return m
})

// renderedIn reports whether one of the renderings rs (best first) occurs
// where in looks: any rendering of two or more characters, or one of the
// best two if it is a single character (single characters occur
// everywhere).
func renderedIn(rs []string, in func(string) bool) bool {
	for i, r := range rs {
		if utf8.RuneCountInString(r) < 2 && i >= 2 {
			continue
		}
		if in(r) {
			return true
		}
	}
	return false
}

// Renderings of English words, from CC-CEDICT, cached: a dictionary
// lookup costs up to a few milliseconds.
var (
	// englishToChinese renders an English word in Chinese, best first. A
	// variable so tests can see what the check does without the dictionary.
	englishToChinese = cedict.Chinese
	chineseToEnglish = cedict.English
	segmentChinese   = cedict.Segment
	renderMu         sync.Mutex
	renderCache      = map[string][]string{}
)

// maxRenderCache bounds the cache of renderings.
const maxRenderCache = 8192

func renderings(w string) []string {
	renderMu.Lock()
	rs, ok := renderCache[w]
	renderMu.Unlock()
	if ok {
		return rs
	}
	rs = englishToChinese(w)
	renderMu.Lock()
	if len(renderCache) < maxRenderCache {
		renderCache[w] = rs
	}
	renderMu.Unlock()
	return rs
}

// span is a sentence of a text: [start, end) in bytes, start at its first
// non-space character, end after its terminator, closing quotes and
// trailing markers.
type span struct{ start, end int }

// Sentence boundaries.
const (
	terminators = "。！？!?…"
	closers     = "”’\"'）)】」』》"
)

var (
	markerAtRE = regexp.MustCompile(`^(?:` + markerRE.String() + `)`)
	// partialMarkerRE: what may still become a marker.
	partialMarkerRE = regexp.MustCompile(`^[ \t]*(?:\[\^?[\d \t,，、\-–~]*|【[\d \t,，、\-–~]*|\^)$`)
	abbreviations   = map[string]bool{"e.g": true, "i.e": true, "etc": true, "vs": true, "no": true, "approx": true, "mr": true, "mrs": true, "dr": true, "st": true, "u.s": true, "fig": true, "cf": true, "al": true}
)

// nextSentence returns the next sentence of text at or after byte i. With
// final false, text may still grow: ok is false unless the sentence is
// complete, that is no text appended later can change where it ends.
func nextSentence(text string, i int, final bool) (sp span, ok bool) {
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += n
	}
	if i >= len(text) {
		return span{}, false
	}
	sp.start = i
	for j := i; j < len(text); {
		r, n := utf8.DecodeRuneInString(text[j:])
		if r == '\n' {
			sp.end = j
			return sp, true
		}
		if r == '.' && j+n >= len(text) && !final {
			return sp, false // a decimal point or a full stop: not known yet
		}
		if strings.ContainsRune(terminators, r) || r == '.' && fullStop(text, sp.start, j) {
			k := j + n
			for k < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[k:])
				if !strings.ContainsRune(terminators+closers, r2) {
					break
				}
				k += n2
			}
			k = attachMarkers(text, k)
			sp.end = k
			return sp, final || complete(text[k:])
		}
		j += n
	}
	sp.end = len(text)
	return sp, final
}

// fullStop reports whether the '.' at text[j] ends a sentence: it is
// followed by a space, a marker or a closing quote, and is not a decimal
// point, an abbreviation (e.g., No.) or list numbering (1. at a line start).
func fullStop(text string, start, j int) bool {
	if j+1 < len(text) {
		next, _ := utf8.DecodeRuneInString(text[j+1:])
		if !unicode.IsSpace(next) && !strings.ContainsRune("[【^"+closers, next) {
			return false
		}
	}
	before := text[start:j]
	if strings.TrimLeft(before, "0123456789 \t") == "" {
		return false // 1. at the start of a line
	}
	k := len(before)
	for k > 0 && (isLatin(rune(before[k-1])) || before[k-1] == '.') {
		k--
	}
	return !abbreviations[strings.ToLower(before[k:])]
}

// attachMarkers returns the end of the markers (and the spaces before
// them) that follow text[k], which belong to the sentence before them.
func attachMarkers(text string, k int) int {
	for {
		sp := k
		for sp < len(text) && (text[sp] == ' ' || text[sp] == '\t') {
			sp++
		}
		m := markerAtRE.FindStringIndex(text[sp:])
		if m == nil {
			return k
		}
		k = sp + m[1]
	}
}

// complete reports whether rest, the text after a terminated sentence,
// already shows that the sentence ends there: it has a line break, or text
// that cannot become a marker of the sentence.
func complete(rest string) bool {
	for _, r := range rest {
		if r == '\n' {
			return true
		}
		if r != ' ' && r != '\t' {
			break
		}
	}
	if strings.TrimLeft(rest, " \t") == "" {
		return false
	}
	return !partialMarkerRE.MatchString(rest)
}
