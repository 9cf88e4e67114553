package report

import (
	"slices"
	"strings"

	"github.com/reportbot/reportbot/lexicon"
)

// The links between a change and the level it belongs to (ChangeOf):
//
//	地区生产总值5.3万亿元、增长5.5%                  the level before it
//	地区生产总值达到5.53万亿元、稳居全国前十强、增长4.8%  the level before it, in a list
//	常住人口城镇化率达到67.5%、5年提高4.5个百分点      the level before a duration
//	地区生产总值增长5.5%、达到10.3万亿元              the level after it
//	外贸进出口增长8.4%，总额突破8000亿元              the total after it
//	游客17.52亿人次、花费1.27万亿元，分别增长32.9%、41.6%  paired in order
//
// A milestone (跨越5000亿元大关) and a duration (5年) are never a base.

// prevPlaced returns the figure before the current one in the
// paragraph, or nil.
func (b *figureBuilder) prevPlaced() *placed {
	if len(b.placed) == 0 {
		return nil
	}
	return &b.placed[len(b.placed)-1]
}

// adjacent reports whether q ends right before p's clause in the same
// sentence: nothing but a list or clause mark between them.
func adjacent(q, p *placed) bool {
	return q.f.Sentence == p.f.Sentence && p.cs-q.end <= carriedListSlack && p.cs >= q.end
}

// isDuration reports a span of time (5年, 24个月), which a change after it
// measures over, not of.
func isDuration(f *Figure) bool {
	return f.Direction == "" && f.Scale == "" && slices.Contains(lexicon.DurationUnits, f.Unit)
}

// isBase reports a figure a change may belong to: a level that is not a
// milestone or a duration.
func isBase(f *Figure) bool {
	return f.Direction == "" && !f.Milestone && !isDuration(f)
}

// levelBase returns the level a change with no noun of its own belongs
// to: the figure right before it, or the one before a duration right
// before it (3.7万亿元，5年增长18.7%); nil when that is no level.
func (b *figureBuilder) levelBase(p *placed) *Figure {
	n := len(b.placed)
	if n == 0 || !adjacent(&b.placed[n-1], p) {
		return nil
	}
	q := &b.placed[n-1]
	if isDuration(q.f) && n >= 2 && adjacent(&b.placed[n-2], q) {
		q = &b.placed[n-2]
	}
	if !isBase(q.f) {
		return nil
	}
	return q.f
}

// changeBefore returns the change right before level p that p may be the
// level of (增长5.5%、达到10.3万亿元): a change alone, not in a list of
// changes or paired by 分别, with no level of its own yet.
func (b *figureBuilder) changeBefore(p *placed) *Figure {
	n := len(b.placed)
	if n == 0 || !isBase(p.f) {
		return nil
	}
	q := &b.placed[n-1]
	if q.f.Direction == "" || q.f.base != nil || q.respective || q.carried || !adjacent(q, p) {
		return nil
	}
	if n >= 2 && b.placed[n-2].f.Direction != "" && adjacent(&b.placed[n-2], q) {
		return nil // the last of a list of changes
	}
	return q.f
}

// subjectBefore returns the subject of the clause before level p, in its
// sentence and after the previous figure (全省进出口总值创历史新高，达到
// 5379亿元; 通高速公路县（市、区）达82个), or "".
func (b *figureBuilder) subjectBefore(p *placed) string {
	gap := b.rs[max(p.floor, p.cs-maxMetricBack):p.cs]
	end := len(gap)
	for end > 0 && isClauseMark(gap[end-1]) {
		if gap[end-1] == '）' || gap[end-1] == ')' {
			end = openingBracket(gap, end-1) // a note in brackets: （市、区）
			continue
		}
		end--
	}
	start := clauseStart(gap, end, 0)
	s := trimWords(string(gap[start:end]), lexicon.MetricLeadWords, lexicon.MetricTrailWords)
	if runeLen(s) < minMetricRunes || isVerbOnly(s) || hasPrefixAny(s, lexicon.PredicateWords) {
		return "" // 增长29.8%、居全国第1位，增加407.7万人: no subject there
	}
	return s
}

// pairLists pairs a list of changes with the list of levels before it,
// in order, when 分别 says so or the levels form a list of their own:
// 接待游客17.52亿人次、旅游花费1.27万亿元，分别增长32.9%、41.6% links 32.9%
// to 17.52亿人次 and 41.6% to 1.27万亿元.
func (b *figureBuilder) pairLists() {
	ps := b.placed
	for i := 0; i < len(ps); i++ {
		if !ps[i].bare {
			continue
		}
		j := i + 1
		for j < len(ps) && ps[j].carried {
			j++
		}
		n := j - i
		if n >= 2 && i >= n && b.levelList(ps[i-n:i], &ps[i]) {
			for k := range n {
				ch, lv := ps[i+k].f, ps[i-n+k].f
				ch.base, ch.Metric, ch.normMetric = lv, lv.Metric, lv.normMetric
			}
		}
		i = j - 1
	}
}

// levelList reports whether levels, the figures before the first change
// of a list, are a list of levels that the changes pair with.
func (b *figureBuilder) levelList(levels []placed, first *placed) bool {
	joined := true
	for k := range levels {
		if !isBase(levels[k].f) || levels[k].f.Sentence != first.f.Sentence {
			return false
		}
		joined = joined && (k == 0 || levels[k].joined)
	}
	return joined || first.respective
}

// comparisonRunes holds the words of comparison, to pass over most nouns
// at once.
var comparisonRunes = strings.Join(lexicon.ComparisonWords, "")

// cutComparison drops the base of a comparison from the end of a
// change's noun: 一般公共预算收入较“十三五”增长 is 一般公共预算收入增长.
func cutComparison(s string) string {
	if !strings.ContainsAny(s, comparisonRunes) {
		return s
	}
	rs := []rune(s)
	for i := len(rs) - 1; i >= 0; i-- {
		w := matchAt(rs, i, lexicon.ComparisonWords)
		if w == "" {
			continue
		}
		k := i + runeLen(w)
		if matchAt(rs, k, lexicon.ComparisonBases) != "" || k+4 < len(rs) && allDigits(rs[k:k+4]) && rs[k+4] == '年' {
			return string(rs[:i])
		}
	}
	return s
}

// isTrimWord reports a metric that is nothing but a word trimmed from
// metrics (达, 达到, 累计): it names nothing.
func isTrimWord(s string) bool {
	return slices.Contains(lexicon.MetricLeadWords, s) || slices.Contains(lexicon.MetricTrailWords, s)
}

// verbWords are the words that say how a figure came about, not what it
// measures: the words trimmed from metrics, the verbs of reaching and of
// change, longest first.
var verbWords = sortWordsByLen(slices.Concat(lexicon.MetricTrailWords, lexicon.ReachWords, changeVerbs))

// isVerbOnly reports words that are only verbs and fillers (分别提高到,
// 增加到): they name no metric.
func isVerbOnly(s string) bool {
	return s == "" || isTrimWord(s) || trimWords(s, lexicon.MetricLeadWords, verbWords) == ""
}

// openingBracket returns the offset of the bracket that the closing one at
// rs[i] closes, or i when there is none.
func openingBracket(rs []rune, i int) int {
	for k := i - 1; k >= 0; k-- {
		if rs[k] == '（' || rs[k] == '(' {
			return k
		}
	}
	return i
}

// isClauseMark reports the marks clauseStart stops at.
func isClauseMark(r rune) bool {
	return strings.ContainsRune("，,；;。：:！？!?(（)）", r)
}

func hasPrefixAny(s string, words []string) bool {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}
