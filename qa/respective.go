package qa

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/reportbot/reportbot/lexicon"
	"github.com/reportbot/reportbot/report"
)

// A report often states several figures at once and pairs them with
// their subjects in order: 投资、消费增速分别快于全国3.4个、1个百分点;
// 城乡居民人均可支配收入分别增长4.4%、5.8% (城镇 4.4%, 农村 5.8%). The
// figure that answers a question is the one in the place of the subject
// the question names.

// respectiveFit is how well f's place in such a run fits the subject q
// names: respectiveBonus when q names the subject in f's place,
// -respectivePenalty when it names another's, 0 when f is in no run or q
// names none of its subjects.
func (e *Engine) respectiveFit(q *Question, ev *evidence, f *report.Figure) float64 {
	head, place, n := e.respectiveRun(ev, f)
	if n < 2 {
		return 0
	}
	asked := e.namedPlace(q, ev.doc, head, n)
	switch {
	case asked < 0:
		return 0
	case asked == place:
		return respectiveBonus
	}
	return -respectivePenalty
}

// respectiveRun returns the words before 分别 in f's clause, f's place in
// the run of figures after it and the run's length (0 when there is no
// such run).
func (e *Engine) respectiveRun(ev *evidence, f *report.Figure) (head string, place, n int) {
	doc := e.docs[ev.doc]
	clause := clauseAround(doc, ev.sent, f.Span)
	text := doc.Slice(clause)
	at := strings.Index(text, lexicon.RespectiveWord)
	if at < 0 {
		return "", 0, 0
	}
	runStart := clause.Start + len([]rune(text[:at]))
	for _, g := range ev.figs {
		if g.Span.Start < runStart || !clause.Contains(g.Span) {
			continue
		}
		if g.Span.Start < f.Span.Start {
			place++
		}
		n++
	}
	return text[:at], place, n
}

// oneOfListed reports whether f is one listed subject's figure (交通、水利、
// 能源领域投资额分别达2400亿元、450亿元、1700亿元) and q names none of
// the subjects listed: it asks about them all (their total), which f is
// not. A question asking each (分别是多少) or a list is answered by all.
func (e *Engine) oneOfListed(q *Question, ev *evidence, f *report.Figure) bool {
	if q.List || lexicon.RespectiveFigureRE.MatchString(q.Raw) {
		return false
	}
	head, _, n := e.respectiveRun(ev, f)
	if n < 2 {
		return false
	}
	items := respectiveItems(head)
	if len(items) != n {
		return false
	}
	for _, it := range items {
		if utf8.RuneCountInString(it) < 2 || e.subjectCover(q, ev.doc, fold(it)) > 0 {
			return false // 一、二、三产业: items too short to tell what is named
		}
	}
	return true
}

// namedPlace returns which of the n subjects named in head (the words
// before 分别) q asks about, or -1 when it cannot tell.
func (e *Engine) namedPlace(q *Question, d int, head string, n int) int {
	for _, c := range lexicon.PairCompounds {
		if n != len(c.Members) || !strings.Contains(head, c.Whole) {
			continue
		}
		asked := -1
		for i, names := range c.Members {
			if q.namesAny(names) {
				if asked >= 0 {
					return -1 // both asked: no one place
				}
				asked = i
			}
		}
		return asked
	}
	items := respectiveItems(head)
	if len(items) != n {
		return -1
	}
	// One subject alone must hold the question's words, and enough of
	// them: a word shared by chance (工业 in 工业机器人) tells nothing.
	best := -1
	for i, it := range items {
		c := e.subjectCover(q, d, fold(it))
		switch {
		case c == 0:
		case best >= 0:
			return -1
		case c >= respectiveMinCover:
			best = i
		default:
			return -1
		}
	}
	return best
}

// respectiveItems splits the words before 分别 into the subjects they
// list (投资、消费增速 → 投资, 消费), leaving out what opens the list (其中)
// and the head the last subject shares with the others (增速).
func respectiveItems(head string) []string {
	head = strings.TrimSpace(head)
	for _, w := range lexicon.ListOpeners {
		head = strings.TrimPrefix(head, w)
	}
	items := strings.Split(head, "、")
	if len(items) < 2 {
		return items
	}
	// The shared head is what the last subject has beyond the length of
	// another: the middle one's, which nothing opens, or the first's.
	ref := []rune(items[0])
	if len(items) > 2 {
		ref = []rune(items[1])
	}
	last := []rune(items[len(items)-1])
	if len(last) > len(ref)+1 {
		items[len(items)-1] = string(last[:len(ref)])
	}
	return items
}

// namesAny reports whether the question names one of the words, in its
// own words or its terms' forms.
func (q *Question) namesAny(words []string) bool {
	return slices.ContainsFunc(words, q.mentions)
}

// Weights of a figure's place in a run of figures stated respectively.
const (
	respectiveBonus   = 0.3
	respectivePenalty = 1.0
	// respectiveMinCover is the least cover of the question's subject a
	// listed subject needs to be the one asked.
	respectiveMinCover = 0.4
)

// pairWholeForms returns text with each pair compound's member replaced
// by the compound (城镇居民 → 城乡居民), the forms in which a report states
// the member's figure together with the other's.
func pairWholeForms(text string) []string {
	var out []string
	for _, c := range lexicon.PairCompounds {
		for _, names := range c.Members {
			for _, m := range names {
				if strings.Contains(text, m) {
					out = append(out, strings.Replace(text, m, c.Whole, 1))
				}
			}
		}
	}
	return out
}
