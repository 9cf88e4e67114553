package report

import (
	"slices"
	"strings"

	"github.com/reportbot/reportbot/lexicon"
)

// Milestones and levels reached: 地区生产总值迈上5万亿台阶 crosses a
// threshold (the figure is no value of the metric), 达到14.2万亿元 states
// the level at the end of the figure's period.

// milestoneCountUnit is the measure word of a count of thresholds (跨过3个
// 万亿元大关).
const milestoneCountUnit = "个"

// markMilestones marks the candidates of a paragraph that are thresholds
// crossed (迈上5万亿台阶, 跨越5000亿元大关, 跨过3个万亿元大关, 突破万亿
// 级, and 4万亿 of 迈上4万亿、5万亿两个台阶) and extends their tail over the
// words that say so, never into the next candidate.
func (s *scanner) markMilestones(cands []candidate) {
	for i := range cands {
		limit := len(s.rs)
		if i+1 < len(cands) {
			limit = cands[i+1].qualStart
		}
		s.milestone(&cands[i], limit)
	}
	for i := len(cands) - 2; i >= 0; i-- {
		c, next := &cands[i], cands[i+1]
		if !c.milestone && next.milestone && !next.milestoneCount && c.unit == next.unit &&
			next.qualStart == c.tailEnd+1 && s.rs[c.tailEnd] == '、' {
			c.milestone = true // 4万亿、5万亿两个台阶
		}
	}
}

// milestone marks c when a milestone word follows it, before limit.
func (s *scanner) milestone(c *candidate, limit int) {
	rs := s.rs[:limit]
	k := c.tailEnd
	for k < len(rs) && k < c.tailEnd+2 && strings.ContainsRune(lexicon.MilestoneFillers, rs[k]) {
		k++ // 5万亿元的台阶, 1000亿斤新台阶
	}
	if c.unit == milestoneCountUnit {
		s.milestoneCount(c, rs, k)
		return
	}
	if c.scale != "" && c.unit == c.scale && hasAt(rs, k, lexicon.MilestoneClassWord) {
		c.milestone, c.tailEnd = true, k+1 // 突破万亿级
		return
	}
	if w := matchAt(rs, k, lexicon.MilestoneWords); w != "" {
		c.milestone, c.tailEnd = true, k+runeLen(w) // 5万亿台阶
		return
	}
	if j := countAt(s.rs, k); j > k && matchAt(s.rs, j, lexicon.MilestoneWords) != "" {
		c.milestone = true // 5万亿两个台阶: the count is a candidate of its own
	}
}

// milestoneCount marks a count of thresholds (跨过3个万亿元大关, 连跨两个
// 千亿台阶, 两个台阶) whose words start at rs[k]. Its metric ends with them,
// and a verb of crossing before it (跨过) qualifies the thresholds, not
// the count, which is exact.
func (s *scanner) milestoneCount(c *candidate, rs []rune, k int) {
	j := k
	for j < len(rs) && strings.ContainsRune(lexicon.MilestoneMagnitudes, rs[j]) {
		j++
	}
	if j > k && matchAt(rs, j, lexicon.MilestoneWords) == "" {
		j += runeLen(matchAt(rs, j, lexicon.FigureUnits)) // 万亿元, not the 台 of 千亿台阶
	}
	w := matchAt(rs, j, lexicon.MilestoneWords)
	if w == "" {
		return
	}
	c.milestone, c.milestoneCount = true, true
	c.tailEnd = j + runeLen(w)
	c.milestoneFrom = k
	if c.qualStart < c.start && c.qual == string(s.rs[c.qualStart:c.start]) {
		c.approx, c.qual = false, ""
	}
}

// countAt returns the end of a count of thresholds at rs[k] (两个, 2个),
// or k.
func countAt(rs []rune, k int) int {
	j := k
	for j < len(rs) && (isDigit(rs[j]) || isCNNumeral(rs[j])) {
		j++
	}
	if j > k && hasAt(rs, j, milestoneCountUnit) {
		return j + 1
	}
	return k
}

// isReached reports a level that the words before it say was reached:
// its qualifier (突破3万亿元, 迈上5万亿台阶) or the end of its clause
// before it (达到14.2万亿元, 增至543家, 增长到2025年的4.93万亿元), after a
// year or 了 between the verb and the figure. qual is the figure's
// qualifier when one is written before it.
func isReached(before, qual string) bool {
	if qual != "" && slices.Contains(lexicon.ReachWords, qual) {
		return true
	}
	s := trimReachFiller(before)
	for _, w := range lexicon.ReachWords {
		if strings.HasSuffix(s, w) {
			return !hasSuffixAny(s, lexicon.ReachExceptions)
		}
	}
	return false
}

// trimReachFiller drops what may stand between a verb of reaching and its
// level: spaces, 的, 了, a year (2025年, 2025年末).
func trimReachFiller(s string) string {
	for {
		t := strings.TrimRightFunc(s, isSpace)
		t = strings.TrimSuffix(t, "的")
		t = strings.TrimSuffix(t, "了")
		for _, w := range []string{"年末", "年底"} {
			if y, ok := strings.CutSuffix(t, w); ok {
				t = y + "年"
			}
		}
		if y, ok := strings.CutSuffix(t, "年"); ok && len(y) >= 4 && allDigitsString(y[len(y)-4:]) {
			t = y[:len(y)-4]
		}
		if t == s {
			return s
		}
		s = t
	}
}

func allDigitsString(s string) bool {
	for _, r := range s {
		if !isDigit(r) {
			return false
		}
	}
	return s != ""
}

func hasSuffixAny(s string, words []string) bool {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}
