package qa

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/reportbot/reportbot/report"
)

// A comparison question that asks how far apart two figures are (2026年
// 目标和2025年实际相比差多少, how big is the gap) gets the difference
// computed from the two cited figures, and the answer says it was
// computed: it is the one number an answer may hold that no passage
// states, and it is derived from two that the answer cites.

// differenceAskRE: the question asks how far apart two figures are.
var differenceAskRE = regexp.MustCompile(`差多少|差几|相差|还差|差距|差了|多多少|少多少|高多少|低多少|多出多少|difference|gap|how much (more|less|higher|lower)|how many more|how many fewer`)

// difference returns the part that states the difference between the two
// figures earlier asks were answered with, or false when the question
// does not ask it or the figures are not alike (two units, two scales, a
// range).
func difference(q *Question, prev []verdict) (part, bool) {
	if !differenceAskRE.MatchString(q.Raw) {
		return part{}, false
	}
	figs := distinctFigures(prev)
	if len(figs) != 2 {
		return part{}, false
	}
	return differenceOf(q, figs[0], figs[1])
}

// differenceOf states the difference of two alike figures, or returns
// false when they are not alike (two units, two scales, a range) or equal.
func differenceOf(q *Question, a, b *report.Figure) (part, bool) {
	if !alike(a, b) {
		return part{}, false
	}
	d := math.Abs(a.Value - b.Value)
	unit := a.UnitAsWritten
	if a.Unit == "%" {
		unit = percentagePoints // two rates differ in points, not per cent
	}
	num := strconv.FormatFloat(d, 'f', decimals(a, b), 64)
	if q.Lang == English {
		return part{fmt.Sprintf("The difference is %s%s (computed from the two cited figures).", num, unit)}, true
	}
	return part{fmt.Sprintf("两者相差%s%s（据上引两数计算）。", num, unit)}, true
}

// alike reports whether two figures can be compared: single values, in
// one unit and scale, and not equal.
func alike(a, b *report.Figure) bool {
	return !a.Range && !b.Range && !a.Overflow && !b.Overflow && a.Unit == b.Unit && a.Scale == b.Scale && a.Value != b.Value
}

// increaseAskRE: a later ask wants how much a from-to pair rose or fell
// (从多少涨到了多少？多了多少元？).
var increaseAskRE = regexp.MustCompile(`(多|涨|增加|增长|提高|上升|少|降|减少|下降)了?多少|how much (did it|has it)? ?(rise|grow|increase|fall|drop)|by how much`)

// fromToDifference answers a later ask for the rise of a from-to pair an
// earlier ask was answered with (居民人均可支配收入从27136元增长到36439元)
// by their difference, computed and said so; false when no earlier answer
// holds such a pair.
func (e *Engine) fromToDifference(q *Question, prev []verdict) (part, bool) {
	if !increaseAskRE.MatchString(strings.ToLower(q.Raw)) {
		return part{}, false
	}
	for j := len(prev) - 1; j >= 0; j-- {
		ev := prev[j].best
		if ev == nil {
			continue
		}
		doc := e.docs[ev.doc]
		for i, f := range ev.figs {
			if i+1 < len(ev.figs) && startValue(doc, f) {
				if p, ok := differenceOf(q, f, ev.figs[i+1]); ok {
					return p, true
				}
			}
		}
	}
	return part{}, false
}

// distinctFigures returns the figures the asks were answered with, each
// once, in order.
func distinctFigures(prev []verdict) []*report.Figure {
	var out []*report.Figure
	for _, v := range prev {
		if v.fig != nil && !slices.Contains(out, v.fig) {
			out = append(out, v.fig)
		}
	}
	return out
}

// percentagePoints is the unit of a difference between two rates.
const percentagePoints = "个百分点"

// decimals is the number of decimals of the more precise figure.
func decimals(a, b *report.Figure) int {
	return max(decimalsOf(a.Value), decimalsOf(b.Value))
}

// decimalsOf counts the decimals of v as it prints shortest.
func decimalsOf(v float64) int {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	for i := range s {
		if s[i] == '.' {
			return len(s) - i - 1
		}
	}
	return 0
}

// whichAskRE: a later ask for which of two figures is the larger or the
// smaller (哪个大, which is higher); $1 says which.
var whichAskRE = regexp.MustCompile(`哪个(?:更|比较)?(大|高|多|快|小|低|少|慢)|哪一?项(?:更)?(大|高|多|小|低|少)|which (?:one )?(?:is|was) (larger|bigger|higher|greater|more|smaller|lower|less)`)

// which states which of the two figures earlier asks were answered with is
// the larger (or the smaller, as asked), naming both as cited; false when
// the question does not ask it or the figures are not alike.
func which(q *Question, prev []verdict) (part, bool) {
	m := whichAskRE.FindStringSubmatch(strings.ToLower(q.Raw))
	if m == nil {
		return part{}, false
	}
	figs := distinctFigures(prev)
	if len(figs) != 2 {
		return part{}, false
	}
	a, b := figs[0], figs[1]
	if !alike(a, b) {
		return part{}, false
	}
	small := strings.ContainsAny(m[1]+m[2]+m[3], "小低少慢") || strings.Contains(m[3], "smaller") || strings.Contains(m[3], "lower") || strings.Contains(m[3], "less")
	first := a.Value > b.Value != small
	if q.Lang == English {
		word, pick := "larger", a
		if small {
			word = "smaller"
		}
		if !first {
			pick = b
		}
		return part{fmt.Sprintf("The %s is %s (comparing the two cited figures).", word, pick.Raw)}, true
	}
	word, pick := "更大", a
	if small {
		word = "更小"
	}
	if !first {
		pick = b
	}
	order := "前者"
	if !first {
		order = "后者"
	}
	return part{fmt.Sprintf("%s（%s）%s（据上引两数比较）。", order, pick.Raw, word)}, true
}

// asksOnlyWhich reports whether an ask is only "which is larger" (哪个大？
// 哪个更高？), with no subject of its own.
func asksOnlyWhich(raw string) bool {
	low := strings.ToLower(raw)
	if !whichAskRE.MatchString(low) {
		return false
	}
	rest := whichAskRE.ReplaceAllString(low, "")
	return len(hanRunRE.FindAllString(content(rest, ""), -1)) == 0
}
