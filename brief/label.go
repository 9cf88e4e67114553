package brief

import (
	"slices"
	"strings"
	"unicode"

	"github.com/reportbot/reportbot/lexicon"
	"github.com/reportbot/reportbot/report"
)

// A figure's label is the noun phrase its number measures, taken from its
// sentence. Chinese counts things as number, measure word, noun: in
// 推进地铁22号线、48条道路建设 the 48 are 道路建设 (roads), not what 推进
// governs. So a count followed by a noun phrase is labelled with that
// phrase (and a modifier ending in 的 just before the number); any other
// figure keeps the parser's metric, the words before it.

// maxLabelRunes bounds a label; a longer phrase after a count is more
// likely a clause than a noun phrase, and a longer modifier is dropped.
const maxLabelRunes = 16

// countUnits are the measure words of things counted (48条道路, 3个项目).
// Units of time, money, area, weight and rates are not: 10个月的努力 does
// not count 努力.
var countUnits = []string{
	"个", "家", "条", "处", "项", "所", "座", "名", "位", "人", "栋", "幢", "户", "套", "间", "张", "辆", "台", "艘",
	"列", "场", "场次", "次", "批", "批次", "件", "宗", "起", "支", "类", "种", "只", "株", "棵", "本", "部", "片",
	"块", "段", "人次", "台套", "所次", "门", "对", "组", "届",
}

// postQualifiers may stand between a count and its noun (30家以上企业).
var postQualifiers = []string{"以上", "左右", "上下", "余", "多"}

// nounStops end the noun phrase after a count: verbs and adverbs that
// follow a subject (19条主次干道配套建设慢行系统, 11条道路进入施工阶段),
// conjunctions and particles. A phrase is also ended by punctuation and
// digits. Single characters are few: most also occur inside nouns (共 in
// 公共, 达 in 达标).
var nounStops = []string{
	"进入", "采用", "配套", "建成", "打造", "累计", "开展", "实现", "完成", "纳入", "列入", "入选", "获得", "获评", "获批",
	"通过", "参加", "参与", "覆盖", "惠及", "投入", "投用", "开工", "竣工", "落地", "启动", "实施", "成为", "提供",
	"成立", "组建", "设立", "入驻", "签约", "落户", "投产", "整合", "荣获", "取得", "试运行", "新获", "被命名", "被评为", "被列为", "被确定", "之一",
	"提高到", "提高", "增加到", "增长", "下降", "减少", "降低", "显著", "明显", "大幅", "如期", "分别", "相继", "陆续",
	"全部", "正在", "进行", "成功", "顺利", "基本", "全面", "达到", "已经", "均已", "均被", "均获", "均为", "已",
	"的", "等", "和", "与", "及",
}

// nounStarts cannot begin the noun phrase after a count: 10个月的努力,
// 3个以上.
var nounStarts = []string{"的", "之", "以", "左", "上", "次", "年", "月", "日", "中", "内", "里", "共", "均", "是"}

// modifierLeads end, from the left, a modifier that ends in 的 before a
// count: in 推进观城一期城市更新单元配套的8条道路 the modifier is
// 观城一期城市更新单元配套.
var modifierLeads = []string{
	"推进", "加快", "完成", "建成", "新建", "实施", "打造", "推动", "开展", "落实", "建设", "改造", "提升", "整治",
	"吸引", "来自", "举办", "组织", "引进", "培育", "新增", "其中", "累计",
}

// genericMetric reports whether a metric names nothing but the change or
// the verb before a figure (增长, 年均, 提高到).
func genericMetric(m string) bool {
	m = strings.TrimSpace(m)
	switch m {
	case "", "增长", "下降", "增速", "同比", "同比增长", "同比下降", "减少", "增加", "提高", "年均", "年均增长":
		return true
	}
	return slices.Contains(metricTail, m)
}

var metricTrim = strings.NewReplacer("“", "", "”", "", "\"", "")

// cleanMetric tidies a metric name for display: no leading punctuation, no
// unbalanced quotes.
func cleanMetric(m string) string {
	m = strings.TrimLeft(m, "、，,：:；;。 ")
	for _, w := range []string{"其中", "全年", "累计", "共计", "合计"} {
		m = strings.TrimPrefix(m, w)
	}
	m = strings.TrimRight(m, "、，,：:；;的 ")
	if strings.Count(m, "“") != strings.Count(m, "”") {
		m = metricTrim.Replace(m)
	}
	return strings.TrimSpace(m)
}

// metric returns the label of figure f: for a change, its base figure's;
// for a count followed by a noun phrase, that phrase; else the parser's
// metric, or the words of its clause before it.
func (x *extractor) metric(f *report.Figure) string {
	if m, ok := x.labels[f]; ok {
		return m
	}
	m := x.label(f)
	x.labels[f] = m
	return m
}

// label computes [extractor.metric].
func (x *extractor) label(f *report.Figure) string {
	if f.Kind == report.Change {
		if base := x.baseOf[f.ID]; base != nil {
			if m := x.metric(base); !genericMetric(m) {
				return m
			}
		}
	}
	if f.Sentence == nil {
		return cleanMetric(f.Metric)
	}
	sent := []rune(x.doc.Slice(f.Sentence.Span))
	at, end := f.Span.Start-f.Sentence.Span.Start, f.Span.End-f.Sentence.Span.Start
	if at < 0 || end > len(sent) || at > end {
		return cleanMetric(f.Metric)
	}
	if np := countedNoun(f.Unit, sent[end:]); np != "" {
		if mod := modifier(sent[:at]); mod != "" && runeLen(mod)+runeLen(np) <= maxLabelRunes {
			return cleanMetric(mod + np)
		}
		return cleanMetric(np)
	}
	// The parser's metric, or the clause before the figure when that
	// says more (人均GDP where the parser kept DP) or the metric is only
	// a verb (提高到).
	i := at
	for i > 0 && !clauseBreak(sent[i-1]) && sent[i-1] != '。' {
		i--
	}
	before := changeGlue.Replace(string(sent[i:at]))
	if rs := []rune(before); len(rs) > maxLabelRunes {
		before = string(rs[len(rs)-maxLabelRunes:])
	}
	cb := label(trimLead(cleanMetric(before)))
	if statesFigure(cb) {
		cb = ""
	}
	if m := label(f.Metric); !genericMetric(m) {
		if cb != m && strings.HasSuffix(cb, m) {
			return cb
		}
		return m
	}
	if genericMetric(cb) {
		return ""
	}
	return cb
}

// label tidies a metric for display; see [tidyMetric] and [cleanMetric].
func label(m string) string { return cleanMetric(tidyMetric(cleanMetric(m))) }

// trimLead drops the words that start a clause but not a metric (全年,
// 辖区, 力争, 2024年), as the parser does: [lexicon.MetricLeadWords] and a
// leading year.
func trimLead(m string) string {
	for changed := true; changed; {
		changed = false
		for _, w := range lexicon.MetricLeadWords {
			if t, ok := strings.CutPrefix(m, w); ok && t != "" {
				m, changed = t, true
			}
		}
		if rs := []rune(m); len(rs) > 5 && rs[4] == '年' && allDigits(rs[:4]) {
			m, changed = string(rs[5:]), true
		}
	}
	return m
}

func allDigits(rs []rune) bool {
	for _, r := range rs {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// statesFigure reports whether a label holds a figure of its own (a
// number with a unit, 5.2万元): it then names another figure too.
func statesFigure(m string) bool {
	rs := []rune(m)
	for i, r := range rs {
		if r < '0' || r > '9' {
			continue
		}
		j := i
		for j < len(rs) && (rs[j] >= '0' && rs[j] <= '9' || rs[j] == '.') {
			j++
		}
		rest := string(rs[j:])
		for _, sc := range lexicon.Scales {
			rest = strings.TrimPrefix(rest, sc.Word)
		}
		if hasPrefixAny(rest, lexicon.FigureUnits) && !strings.HasPrefix(rest, "号") {
			return true
		}
	}
	return false
}

// countedNoun returns the noun phrase that a count in unit measures when
// it follows the count (after, the sentence after the figure), or "".
func countedNoun(unit string, after []rune) string {
	if !slices.Contains(countUnits, unit) {
		return ""
	}
	s := string(after)
	for _, q := range postQualifiers {
		if strings.HasPrefix(s, q) {
			s = s[len(q):]
			break
		}
	}
	for _, w := range nounStarts {
		if strings.HasPrefix(s, w) {
			return ""
		}
	}
	var np strings.Builder
	n := 0
	for i, r := range s {
		if hasPrefixAny(s[i:], nounStops) {
			break
		}
		if !isHan(r) && !strings.ContainsRune("“”‘’《》", r) {
			break
		}
		if n == 0 && !isHan(r) && r != '“' && r != '《' {
			return ""
		}
		np.WriteRune(r)
		n++
	}
	out := strings.TrimRight(np.String(), "“‘《")
	if m := runeLen(out); m < 2 || m > maxLabelRunes-2 {
		return ""
	}
	return out
}

// modifier returns the modifier of a count when the text before it ends
// in 的: back to the last clause break or modifierLeads word, or "".
func modifier(before []rune) string {
	if len(before) == 0 || before[len(before)-1] != '的' {
		return ""
	}
	i := len(before) - 1
	for i > 0 && !clauseBreak(before[i-1]) && !unicode.IsPunct(before[i-1]) {
		i--
	}
	s := string(before[i : len(before)-1])
	cut := 0
	for _, w := range modifierLeads {
		if k := strings.LastIndex(s, w); k >= 0 && k+len(w) > cut {
			cut = k + len(w)
		}
	}
	s = s[cut:]
	if runeLen(s) < 2 || strings.ContainsAny(s, "0123456789") {
		return ""
	}
	return s
}

// metricTail are words that end a parser's metric but not the name of
// what is measured: 增加值年均 (增长7%), 地区生产总值超过 (2.5万亿元),
// 人均GDP提高到 (5.2万元).
var metricTail = []string{
	"年均", "同比", "分别", "累计", "超过", "突破", "达到", "达", "约", "近", "为",
	"提高到", "提高至", "增加到", "增长到", "提升到", "下降到", "降至", "增至", "快于", "高于", "低于", "从",
}

// comparedTo are the bases a change is measured against; a metric is cut
// before 比 or 较 and one of them: 使用外资比十三五时期 is 使用外资.
var comparedTo = []string{"上年", "去年", "同期", "年初", "十三五", "“十三五”", "十四五", "“十四五”"}

// tidyMetric makes the parser's metric of a figure a label: no figures of
// a list or of a base at its end, no trailing 年均 or 超过, no comparison
// base (比上年, 从2020年的…).
func tidyMetric(m string) string {
	m = cutComparison(m)
	for changed := true; changed; {
		before := m
		m = trimFigureTail(trimNumberTail(m))
		for _, w := range metricTail {
			if t := strings.TrimSuffix(m, w); t != "" {
				m = t
			}
		}
		if t := strings.TrimRight(m, "、，,；; "); t != "" {
			m = t
		}
		changed = m != before
	}
	return m
}

// cutComparison cuts a metric before the base it is compared with:
// 比上年, 较“十三五”时期, 从2020年.
func cutComparison(m string) string {
	for _, w := range []string{"比", "较", "从"} {
		for i := 0; i < len(m); {
			j := strings.Index(m[i:], w)
			if j < 0 {
				break
			}
			k := i + j
			rest := m[k+len(w):]
			if k > 0 && (hasPrefixAny(rest, comparedTo) || w == "从" && rest != "" && rest[0] >= '0' && rest[0] <= '9') {
				return m[:k]
			}
			i = k + len(w)
		}
	}
	return m
}

// trimFigureTail drops a figure written at the end of a metric
// (地区生产总值超过2.5万亿元 → 地区生产总值超过): a number, an optional
// scale and a unit of [lexicon.FigureUnits]. 地铁22号线 keeps its number:
// 号线 is not a unit.
func trimFigureTail(m string) string {
	rest := m
	unitFound := false
	for _, u := range lexicon.FigureUnits {
		if t, ok := strings.CutSuffix(rest, u); ok && t != "" {
			rest, unitFound = t, true
			break
		}
	}
	if !unitFound {
		return m
	}
	for _, sc := range lexicon.Scales {
		if t, ok := strings.CutSuffix(rest, sc.Word); ok {
			rest = t
			break
		}
	}
	rs := []rune(rest)
	i := len(rs)
	for i > 0 && (rs[i-1] >= '0' && rs[i-1] <= '9' || rs[i-1] == '.') {
		i--
	}
	if i == len(rs) || i == 0 {
		return m
	}
	return string(rs[:i])
}

// listTail are the words between a metric and a list of its figures:
// 覆盖率分别提高20.9、36.2、54个百分点.
var listTail = []string{"分别", "提高", "增长", "下降", "降低", "减少", "增加", "达到", "达", "为", "到"}

// trimNumberTail drops from a metric the figures of a list that end it
// (…覆盖率分别提高20.9、36.2 for the list's last figure) and the words
// that lead into them, so a label never shows another figure's number.
func trimNumberTail(m string) string {
	rs := []rune(strings.TrimSpace(m))
	i := len(rs)
	for i > 0 && (rs[i-1] >= '0' && rs[i-1] <= '9' || strings.ContainsRune(".、,，%％", rs[i-1])) {
		i--
	}
	if i == 0 || i == len(rs) || !hasDigit(string(rs[i:])) {
		return m
	}
	out := string(rs[:i])
	for changed := true; changed; {
		changed = false
		for _, w := range listTail {
			if t := strings.TrimSuffix(out, w); t != out && t != "" {
				out, changed = t, true
			}
		}
	}
	return out
}

func hasPrefixAny(s string, words []string) bool {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}
