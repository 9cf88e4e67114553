package report

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Units that follow a number, longest first when one is a prefix of
// another. They are the measure words and units of the genre.
var arabicUnits = sortByLen([]string{
	"微克/立方米", "毫克/立方米", "平方公里", "平方千米", "平方米", "立方米", "公顷", "亩", "公里", "千米", "米",
	"千瓦时", "千瓦", "兆瓦", "吉瓦", "度", "吨", "千克", "公斤", "斤", "克", "标箱", "TEU",
	"美元", "港元", "欧元", "元",
	"个百分点", "百分点", "%", "％", "‰",
	"人次", "户次", "家次", "车次", "架次", "批次", "场次", "余次",
	"人", "名", "位", "个", "家", "项", "条", "件", "宗", "起", "场", "次", "批", "栋", "幢", "户", "套", "所", "座", "处",
	"份", "间", "张", "辆", "台", "部", "艘", "列", "趟", "班", "架", "棵", "株", "只", "头", "羽", "本", "册", "篇", "门",
	"支", "类", "种", "届", "期", "轮", "床", "组", "对", "片", "块", "段", "根", "盏", "台套", "口", "眼", "宗次", "笔",
	"个月", "个小时", "年", "天", "小时", "分钟", "秒", "周", "周年", "倍", "成",
	"所次", "亿", "强", "级", "星", "分",
})

// Measure words that make a Chinese numeral a figure (两座, 三个, 四家).
var cnUnits = sortByLen([]string{
	"个月", "批次", "场次", "人次", "个", "座", "家", "项", "条", "名", "处", "所", "场", "次", "栋", "户", "套", "位", "支",
	"件", "宗", "起", "年", "天", "倍", "成", "人", "间", "张", "辆", "台", "艘", "列",
})

// Units that make a number a name or a rank, not a quantity.
var nameUnits = map[string]bool{"周年": true, "强": true, "级": true, "星": true, "届": true, "期": true, "轮": true}

var (
	changeUp   = []string{"同比增长", "比上年增长", "增长", "增速", "增幅", "提高", "上升", "增加", "上涨", "提升", "多增"}
	changeDown = []string{"同比下降", "比上年下降", "下降", "降低", "减少", "回落", "下滑", "降幅", "压减", "缩减", "减"}
	preQuals   = sortByLen([]string{"超过", "突破", "将近", "接近", "不到", "不足", "多达", "高达", "约", "近", "超", "逾", "破", "过", "达约"})
	postQuals  = sortByLen([]string{"以上", "左右", "上下", "以内", "以下", "之多"})
	// Leading words dropped from a metric.
	metricLead = sortByLen([]string{"全年", "今年", "去年", "当年", "同期", "全区", "全市", "全省", "全街道", "辖区", "其中", "共", "累计", "力争", "争取", "确保", "实现", "完成", "达到", "达", "预计", "初步预计", "共计", "合计", "新增统筹安排"})
	// Trailing words dropped from a metric.
	metricTrail = sortByLen([]string{"同比增长", "比上年增长", "同比下降", "增长", "下降", "增速", "增幅", "降幅", "达到", "达", "为", "约", "近", "超过", "超", "突破", "增至", "提升至", "提高到", "提高至", "提高", "提升", "降至", "降低", "减少", "共", "累计", "分别", "稳定在", "保持在", "控制在", "在", "逾", "等", "的"})
)

func sortByLen(xs []string) []string {
	sort.SliceStable(xs, func(i, j int) bool { return len([]rune(xs[i])) > len([]rune(xs[j])) })
	return xs
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

func digitVal(r rune) rune {
	if r >= '０' && r <= '９' {
		return r - '０' + '0'
	}
	return r
}

func isCNNumeral(r rune) bool {
	switch r {
	case '零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万', '亿', '两':
		return true
	}
	return false
}

func isASCIILetter(r rune) bool { return r < 128 && unicode.IsLetter(r) }

// hasAt reports whether rs[i:] starts with s.
func hasAt(rs []rune, i int, s string) bool {
	for _, r := range s {
		if i >= len(rs) || rs[i] != r {
			return false
		}
		i++
	}
	return true
}

// matchAt returns the first of words that rs[i:] starts with.
func matchAt(rs []rune, i int, words []string) string {
	for _, w := range words {
		if hasAt(rs, i, w) {
			return w
		}
	}
	return ""
}

// endsWith reports whether rs[:i] ends with s.
func endsWith(rs []rune, i int, s string) bool {
	n := len([]rune(s))
	return i-n >= 0 && hasAt(rs, i-n, s)
}

func matchBefore(rs []rune, i int, words []string) string {
	for _, w := range words {
		if endsWith(rs, i, w) {
			return w
		}
	}
	return ""
}

// quoteMask marks the runes inside quotation marks (“…”, "…", 「…」, 《…》).
func quoteMask(rs []rune) []bool {
	m := make([]bool, len(rs))
	depth := 0
	straight := false
	for i, r := range rs {
		switch r {
		case '“', '「', '『', '《':
			depth++
			continue
		case '”', '」', '』', '》':
			if depth > 0 {
				depth--
			}
			continue
		case '"':
			straight = !straight
			continue
		}
		m[i] = depth > 0 || straight
	}
	return m
}

var scales = []struct {
	word string
	mult float64
}{{"万亿", 1e12}, {"亿", 1e8}, {"千万", 1e7}, {"百万", 1e6}, {"万", 1e4}, {"千", 1e3}}

// candidate is a figure found in a paragraph, in rune offsets of it.
type candidate struct {
	start, end int // raw
	numEnd     int // end of the numeral (and 余 inside)
	value      float64
	unit       string // as written, with scale
	scale      string
	mult       float64
	qual       string
	qualStart  int // where a leading qualifier starts (== start if none)
	tailEnd    int // end including a trailing qualifier
	approx     bool
	chinese    bool
}

// scanArabic reads a number at rs[i] and what follows it. ok is false when
// the number is a name, a year, a date, a code or a rank.
func scanArabic(rs []rune, quoted []bool, i int) (c candidate, next int, ok bool) {
	j := i
	for j < len(rs) && isDigit(rs[j]) {
		j++
	}
	// Thousands separators: 1,116 or 12,345,678.
	for j+3 < len(rs) && rs[j] == ',' && allDigits(rs[j+1:j+4]) && (j+4 == len(rs) || !isDigit(rs[j+4])) {
		j += 4
	}
	if j+1 < len(rs) && (rs[j] == '.' || rs[j] == '．') && isDigit(rs[j+1]) {
		j++
		for j < len(rs) && isDigit(rs[j]) {
			j++
		}
	}
	next = j
	numText := strings.Map(func(r rune) rune {
		if r == ',' {
			return -1
		}
		if r == '．' {
			return '.'
		}
		return digitVal(r)
	}, string(rs[i:j]))
	v, err := strconv.ParseFloat(numText, 64)
	if err != nil {
		return c, next, false
	}
	// A minus sign after a word, not between numbers: 增长-2.5%.
	negative := i > 0 && strings.ContainsRune("-－−", rs[i-1]) && (i == 1 || !isDigit(rs[i-2]) && !isASCIILetter(rs[i-2]))
	// Codes and names: T800, G331, 5A级, 12+4, 1+4+5, 06-23, 2.0版.
	if !negative && i > 0 && (isASCIILetter(rs[i-1]) || strings.ContainsRune("+＋-－—–~～/／:：.", rs[i-1]) && i > 1 && (isDigit(rs[i-2]) || isASCIILetter(rs[i-2]))) {
		return c, next, false
	}
	if j < len(rs) && (isASCIILetter(rs[j]) && !hasAt(rs, j, "TEU") || strings.ContainsRune("+＋-－—–~～/／:：", rs[j]) && j+1 < len(rs) && (isDigit(rs[j+1]) || isASCIILetter(rs[j+1]))) {
		return c, next, false
	}
	if quoted[i] {
		return c, next, false
	}
	if i > 0 && (rs[i-1] == '第' || rs[i-1] == '前' && (hasAt(rs, j, "位") || hasAt(rs, j, "名"))) {
		return c, next, false
	}
	// Years and dates.
	if hasAt(rs, j, "年") && j-i == 4 && v >= 1900 && v <= 2100 {
		return c, next, false
	}
	if hasAt(rs, j, "月") && v >= 1 && v <= 12 && j-i <= 2 && !hasAt(rs, j, "月份") {
		if j+1 < len(rs) && isDigit(rs[j+1]) || i > 0 && rs[i-1] == '年' {
			return c, next, false
		}
	}
	if hasAt(rs, j, "日") && i > 0 && rs[i-1] == '月' {
		return c, next, false
	}
	if hasAt(rs, j, "号") || hasAt(rs, j, "版") {
		return c, next, false
	}
	c = candidate{start: i, value: v, mult: 1}
	if negative {
		c.start, c.value = i-1, -v
	}
	k := j
	if q := matchAt(rs, k, []string{"余", "多"}); q != "" && !hasAt(rs, k, "多彩") {
		c.approx, c.qual = true, q
		k++
	}
	unit := matchAt(rs, k, arabicUnits)
	if unit == "" || unit == "亿" {
		for _, sc := range scales {
			if hasAt(rs, k, sc.word) {
				// 千瓦, 千米, 千克 are units, not scales.
				if u := matchAt(rs, k, arabicUnits); u != "" && u != "亿" && len([]rune(u)) > len([]rune(sc.word)) {
					break
				}
				c.scale, c.mult = sc.word, sc.mult
				k += len([]rune(sc.word))
				break
			}
		}
		if c.scale != "" {
			if q := matchAt(rs, k, []string{"余", "多"}); q != "" && c.qual == "" {
				c.approx, c.qual = true, q
				k++
			}
			unit = matchAt(rs, k, arabicUnits)
			if unit == "亿" {
				unit = ""
			}
		}
	}
	if unit == "" && c.scale == "" {
		return c, next, false // a bare number is a code or a name
	}
	if nameUnits[unit] || unit == "项" && hasAt(rs, k+1, "目") || hasAt(rs, k+len([]rune(unit)), "级") {
		return c, next, false
	}
	k += len([]rune(unit))
	c.unit = c.scale + unit
	c.numEnd = j
	c.end = k
	return c, k, true
}

func allDigits(rs []rune) bool {
	for _, r := range rs {
		if !isDigit(r) {
			return false
		}
	}
	return len(rs) > 0
}

// scanChinese reads a Chinese-numeral figure (两座, 三个, 近万家) at rs[i].
func scanChinese(rs []rune, quoted []bool, i int) (c candidate, next int, ok bool) {
	j := i
	for j < len(rs) && isCNNumeral(rs[j]) {
		j++
	}
	next = j
	run := string(rs[i:j])
	if quoted[i] || run == "" {
		return c, next, false
	}
	if i > 0 && strings.ContainsRune("第初周期礼星", rs[i-1]) {
		return c, next, false
	}
	// Session numbers and names: 二十届, 四次全会, 二中全会, 十四五.
	if hasAt(rs, j, "年") && matchAt(rs, j+1, []string{"行动", "规划", "计划", "攻坚"}) != "" {
		return c, next, false
	}
	for _, w := range []string{"次全会", "次会议", "次党代会", "中全会", "届", "大", "是"} {
		if hasAt(rs, j, w) {
			return c, next, false
		}
	}
	approxQual := ""
	// 近万家, 超万亿元: a bare 万 or 亿 after a qualifier means one of it.
	if (run == "万" || run == "亿" || run == "万亿") && i > 0 {
		if q := matchBefore(rs, i, preQuals); q != "" {
			approxQual = q
		} else {
			return c, next, false
		}
	} else if strings.HasPrefix(run, "一") && run != "一百" && run != "一千" || strings.ContainsAny(run, "万亿") && len([]rune(run)) == 1 {
		return c, next, false
	}
	if run == "零" {
		if w := matchAt(rs, j, []string{"的突破", "发案", "增长", "事故", "伤亡", "死亡", "新增", "容忍"}); w == "" {
			return c, next, false
		}
		c = candidate{start: i, end: j, numEnd: j, value: 0, mult: 1, chinese: true}
		return c, j, true
	}
	inner := ""
	if j < len(rs) && (rs[j] == '余' || rs[j] == '多') && matchAt(rs, j+1, cnUnits) != "" {
		inner = string(rs[j]) // 十余个, 两千多人
		j++
	}
	unit := matchAt(rs, j, cnUnits)
	if unit == "" {
		return c, next, false
	}
	// Named sets and plans: 八项规定, 三年行动, 五个“必须”, 两位数, 五次、六次全会.
	u := j + len([]rune(unit))
	if matchAt(rs, u, []string{"规定", "行动", "规划", "计划", "工程", "机制", "体系", "战略", "攻坚", "数", "“", "\"", "全会"}) != "" ||
		unit == "次" && strings.Contains(string(rs[u:min(u+6, len(rs))]), "全会") {
		return c, next, false
	}
	// A run like 三三 is not a number; cnValue rejects it by its value.
	scale, mult := "", 1.0
	numRun := run
	for _, sc := range []struct {
		w string
		m float64
	}{{"万亿", 1e12}, {"亿", 1e8}, {"万", 1e4}} {
		if strings.HasSuffix(run, sc.w) {
			scale, mult = sc.w, sc.m
			numRun = strings.TrimSuffix(run, sc.w)
			break
		}
	}
	v := 1.0
	if numRun != "" {
		var okv bool
		v, okv = cnValue(numRun)
		if !okv || v == 0 {
			return c, next, false
		}
	}
	c = candidate{start: i, end: j + len([]rune(unit)), numEnd: j, value: v, unit: scale + unit, scale: scale, mult: mult, chinese: true}
	if approxQual != "" {
		c.approx, c.qual = true, approxQual
	}
	if inner != "" {
		c.approx, c.qual = true, inner
	}
	return c, c.end, true
}

// extractFigures finds the figures of every paragraph and fills
// doc.Figures.
func extractFigures(doc *Report) {
	for _, para := range doc.Paragraphs {
		text := doc.Slice(para.Span)
		rs := []rune(text)
		quoted := quoteMask(rs)
		var cands []candidate
		for i := 0; i < len(rs); {
			r := rs[i]
			var c candidate
			var next int
			var ok bool
			switch {
			case isDigit(r) && (i == 0 || !isDigit(rs[i-1])):
				c, next, ok = scanArabic(rs, quoted, i)
			case isCNNumeral(r) && (i == 0 || !isCNNumeral(rs[i-1])):
				c, next, ok = scanChinese(rs, quoted, i)
			default:
				i++
				continue
			}
			if ok {
				c.qualStart = c.start
				if c.qual == "" || c.chinese && c.qual != "" {
					if q := matchBefore(rs, c.start, preQuals); q != "" && !(q == "过" && endsWith(rs, c.start, "经过")) {
						if c.qual == "" {
							c.qual = q
						}
						c.approx = true
						c.qualStart = c.start - len([]rune(q))
					}
				}
				c.tailEnd = c.end
				if q := matchAt(rs, c.end, postQuals); q != "" {
					if c.qual == "" {
						c.qual = q
					}
					c.approx = true
					c.tailEnd = c.end + len([]rune(q))
				}
				cands = append(cands, c)
			}
			if next <= i {
				next = i + 1
			}
			i = next
		}
		if len(cands) > 0 {
			addFigures(doc, para, rs, cands)
		}
	}
	for i, f := range doc.Figures {
		f.ID = fmt.Sprintf("f%03d", i+1)
	}
	// Resolve change_of pointers now that IDs exist.
	for _, f := range doc.Figures {
		if f.base != nil {
			f.ChangeOf = f.base.ID
		}
	}
}

// clauseStart returns where the clause holding position i begins: after
// the previous ，；。：etc., or after the previous figure.
func clauseStart(rs []rune, i, floor int) int {
	for k := i - 1; k >= floor; k-- {
		switch rs[k] {
		case '，', ',', '；', ';', '。', '：', ':', '！', '？', '!', '?', '(', '（', ')', '）':
			return k + 1
		}
	}
	return floor
}

func clauseEnd(rs []rune, i int) int {
	for k := i; k < len(rs); k++ {
		switch rs[k] {
		case '，', ',', '；', ';', '。', '：', ':', '！', '？', '!', '?', '(', '（', ')', '）', '、':
			return k
		}
	}
	return len(rs)
}

func trimWords(s string, lead, trail []string) string {
	for changed := true; changed; {
		changed = false
		s = strings.TrimFunc(s, func(r rune) bool { return isSpace(r) || strings.ContainsRune("、等和与及“”\"", r) })
		for _, w := range lead {
			if strings.HasPrefix(s, w) && len(s) > len(w) {
				s, changed = s[len(w):], true
				break
			}
		}
		for _, w := range trail {
			if strings.HasSuffix(s, w) && len(s) > len(w) {
				s, changed = s[:len(s)-len(w)], true
				break
			}
		}
		// A leading year: 2024年新增… → 新增….
		rs := []rune(s)
		if len(rs) > 5 && allDigits(rs[:4]) && rs[4] == '年' {
			s, changed = string(rs[5:]), true
		}
	}
	return s
}

func lastRunes(s string, n int) string {
	rs := []rune(s)
	if len(rs) > n {
		return string(rs[len(rs)-n:])
	}
	return s
}

func addFigures(doc *Report, para *Paragraph, rs []rune, cands []candidate) {
	part := para.Part
	base := para.Span.Start
	var prev *Figure
	prevEnd := 0
	si := 0
	// Where 累计 (cumulative) occurs, to date running totals.
	var cumAt []int
	for i := 0; i+1 < len(rs); i++ {
		if rs[i] == '累' && rs[i+1] == '计' {
			cumAt = append(cumAt, i)
		}
	}
	ci2 := 0
	for ci, c := range cands {
		start, end := base+c.start, base+c.end
		// Candidates come in text order, so the sentence pointer only moves on.
		for si < len(para.Sentences) && para.Sentences[si].Span.End <= start {
			si++
		}
		var sent *Sentence
		if si < len(para.Sentences) && para.Sentences[si].Span.Start <= start {
			sent = para.Sentences[si]
		}
		sentStart := 0
		if sent != nil {
			sentStart = sent.Span.Start - base
		}
		f := &Figure{
			Raw:           string(rs[c.start:c.end]),
			Span:          Span{Start: start, End: end},
			Value:         c.value,
			UnitAsWritten: c.unit,
			Unit:          strings.TrimPrefix(c.unit, c.scale),
			Scale:         c.scale,
			Absolute:      c.value * c.mult,
			Approx:        c.approx,
			Qualifier:     c.qual,
			Section:       para.Section,
			Sentence:      sent,
		}
		if c.scale == "" {
			f.Absolute = c.value
		}
		f.Absolute = math.Round(f.Absolute*1e6) / 1e6
		// The clause before the figure (and its qualifier).
		floor := sentStart
		if prev != nil && prevEnd > floor {
			floor = prevEnd
		}
		cs := clauseStart(rs, c.qualStart, floor)
		// A metric is a few words: look at most 40 characters back, which
		// also keeps a run-on clause from making this quadratic.
		before := string(rs[max(cs, c.qualStart-40):c.qualStart])
		limit := len(rs)
		if ci+1 < len(cands) {
			limit = cands[ci+1].qualStart
		}
		afterEnd := clauseEnd(rs[:max(min(limit, c.tailEnd+40), c.tailEnd)], c.tailEnd)
		after := ""
		if ci+1 < len(cands) && cands[ci+1].qualStart < afterEnd {
			afterEnd = cands[ci+1].qualStart
		}
		if afterEnd > c.tailEnd {
			after = string(rs[c.tailEnd:afterEnd])
		}
		isRate := f.Unit == "%" || f.Unit == "％" || f.Unit == "‰" || strings.HasSuffix(f.Unit, "百分点")
		// Kind.
		switch {
		case part == nil:
			f.Kind = Actual
		case part.Kind == PartPlan || part.Kind == PartGovernment:
			f.Kind = Target
		default:
			f.Kind = Actual
		}
		// A change is a rate right after a verb of change: 同比增长1.72%,
		// 增速6.8%, 下降22.1%; 增至 and 提高到 give a level instead.
		tail := strings.TrimRightFunc(before, func(r rune) bool { return isSpace(r) })
		for _, w := range []string{"为", "达到", "达", "是", "了", "约", "近", "超"} {
			tail = strings.TrimSuffix(tail, w)
		}
		trs := []rune(tail)
		verbUp := matchBefore(trs, len(trs), changeUp)
		verbDown := matchBefore(trs, len(trs), changeDown)
		changeLike := isRate || f.Unit == "倍" || f.Unit == "成"
		carried := strings.Trim(before, "、和与及 ")
		switch {
		case changeLike && (verbUp != "" || verbDown != ""):
			f.Direction = Up
			if verbDown != "" || f.Value < 0 {
				f.Direction = Down // 下降22.1%, or 增长-2.5%
			}
		case changeLike && carried == "" && prev != nil && prev.Direction != "" && prevEnd >= c.qualStart-2:
			// 分别增长4%、5.3%、3.4%: the verb carries over a list.
			f.Direction = prev.Direction
		}
		if f.Direction != "" && f.Kind == Actual {
			f.Kind = Change
		}
		f.Rate = isRate && f.Direction == ""
		// Metric.
		metricBefore := trimWords(before, metricLead, metricTrail)
		if f.Direction != "" {
			noun := strings.NewReplacer("同比", "", "比上年", "", "比去年", "", "分别", "").Replace(before)
			noun = trimWords(noun, metricLead, metricTrail)
			for _, w := range append(append([]string{}, changeUp...), changeDown...) {
				noun = strings.TrimSuffix(noun, w)
			}
			switch {
			case len([]rune(noun)) >= 2:
				f.Metric = lastRunes(noun, 20)
			case prev != nil && prev.Direction == "" && prevEnd >= c.qualStart-len([]rune(before))-2:
				f.Metric = prev.Metric
				f.base = prev
			case prev != nil:
				f.Metric = prev.Metric
			}
		} else {
			a := trimWords(after, nil, []string{"的", "等"})
			switch {
			case metricBefore == "" && a == "" && prev != nil:
				f.Metric = prev.Metric
			case a != "" && !strings.HasPrefix(a, "的") && len([]rune(a)) >= 2:
				f.Metric = lastRunes(metricBefore, 8) + a
			default:
				f.Metric = metricBefore
			}
			f.Metric = lastRunes(f.Metric, 30)
		}
		f.Metric = strings.Trim(strings.Map(func(r rune) rune {
			if strings.ContainsRune("“”\"‘’「」", r) {
				return -1 // a quote cut in half by the clause is noise
			}
			return r
		}, f.Metric), "、，,；; ")
		f.normMetric = NormalizeMetric(f.Metric)
		// Period.
		switch f.Kind {
		case Target:
			if doc.Year > 0 {
				f.Period = strconv.Itoa(doc.Year)
			}
		default:
			if part != nil && part.Kind == PartReview && doc.ReviewYear > 0 {
				f.Period = strconv.Itoa(doc.ReviewYear)
			}
			for ci2 < len(cumAt) && cumAt[ci2]+2 <= c.start {
				ci2++
			}
			if ci2 > 0 && cumAt[ci2-1] >= sentStart {
				f.Period = "cumulative"
			}
		}
		doc.Figures = append(doc.Figures, f)
		prev, prevEnd = f, c.tailEnd
	}
}
