package qa

import (
	"regexp"
	"strings"

	"github.com/reportbot/reportbot/lexicon"
)

// A question may make several asks: at its question marks, about two
// years or two five-year plans, about two subjects compared or paired, or
// two ask words of one subject. Each ask is answered on its own, and the
// answer joins them (see multiPart).

// asks splits a question into the asks it makes: at its question marks
// (…是多少?增速呢?), and an ask about two years into one per year
// (2025年实际增速与2026年目标相比).
func (e *Engine) asks(q *Question) []*Question {
	subs := subQuestions(q.Raw)
	var out []*Question
	var first *Question
	for i, s := range subs {
		if i > 0 && lexicon.TitleAskRE.MatchString(s) && q.Section {
			continue // …是第几部分？标题是什么？: the part is quoted with its title
		}
		sq := q
		if len(subs) > 1 {
			sq = e.understand(s)
			sq.Lang = q.Lang
			if first == nil {
				first = sq
			}
			inherit(sq, q, first, i)
		}
		for _, pq := range periodSplit(sq) {
			for _, cq := range e.thanSplit(pq) {
				for _, aq := range e.askPairSplit(cq) {
					out = append(out, e.subjectSplit(aq)...)
				}
			}
		}
	}
	return out
}

// askPairSplit returns one ask per ask word of a question that asks two
// things of one subject (规上工业增加值增速和排名呢): the first a figure,
// the second its rank or another figure; else q.
func (e *Engine) askPairSplit(q *Question) []*Question {
	m := lexicon.AskPairRE.FindStringSubmatchIndex(q.Raw)
	if m == nil {
		return []*Question{q}
	}
	return []*Question{
		e.askOf(q, q.Raw[:m[0]]+q.Raw[m[2]:m[3]]+q.Raw[m[1]:]),
		e.askOf(q, q.Raw[:m[0]]+q.Raw[m[4]:m[5]]+q.Raw[m[1]:]),
	}
}

// askOf is the ask raw, made of part of q: in q's language, and in q's
// years and places when it names none of its own.
func (e *Engine) askOf(q *Question, raw string) *Question {
	sq := e.understand(raw)
	sq.Lang = q.Lang
	if len(sq.Years) == 0 {
		sq.Years = q.Years
	}
	if len(sq.Places) == 0 {
		sq.Places = q.Places
	}
	return sq
}

// thanRE finds two subjects compared in one ask (农村居民收入增速比全体
// 居民人均可支配收入增速高多少): group 1 is the first, group 2 the second.
var thanRE = regexp.MustCompile(`^(.*\p{Han}{2})比(\p{Han}{2,24}?)(?:高|低|多|少|快|慢|大|小)了?(?:多少|几)`)

// thanSplit returns one ask per subject of a question that asks how far
// one is above the other, for the difference to be computed from their
// two figures; else q. A base that is a period or the nation (比上年,
// 比2024年, 比全国) is not a subject of its own.
func (e *Engine) thanSplit(q *Question) []*Question {
	m := thanRE.FindStringSubmatch(q.Raw)
	if m == nil || q.Lang == English || strings.ContainsAny(lastRune(m[1]), lexicon.RatioBefore) ||
		strings.ContainsAny(firstRune(m[2]), lexicon.RatioAfter) || lexicon.BaseSubjectRE.MatchString(m[2]) {
		return []*Question{q}
	}
	return []*Question{e.askOf(q, m[1]+"是多少？"), e.askOf(q, m[2]+"是多少？")}
}

// lastRune is s's last character, or "".
func lastRune(s string) string {
	r := []rune(s)
	return string(r[max(len(r)-1, 0):])
}

// firstRune is s's first character, or "".
func firstRune(s string) string {
	r := []rune(s)
	return string(r[:min(1, len(r))])
}

// pairRE finds two subjects asked together (X和Y分别…, X与Y各…).
var pairRE = regexp.MustCompile(`([\p{Han}“”]{2,24}?)(?:和|与|及|以及|、)([\p{Han}“”]{2,24}?)(?:的[\p{Han}]{0,10})?(?:分别|各自|各)`)

// subjectSplit returns one ask per subject of a question that asks the
// same of two (集中供养孤儿和散居孤儿的…标准分别提高到多少), else q.
func (e *Engine) subjectSplit(q *Question) []*Question {
	m := pairRE.FindStringSubmatchIndex(q.Raw)
	if m == nil || q.Lang == English {
		return []*Question{q}
	}
	first, second := q.Raw[m[2]:m[3]], q.Raw[m[4]:m[5]]
	pair := q.Raw[m[2]:m[5]]
	first += sharedHead(e.pairCore(q, first), second)
	var out []*Question
	for _, subj := range []string{first, second} {
		sq := e.understand(strings.Replace(q.Raw, pair, subj, 1))
		sq.Lang, sq.Years, sq.Want = q.Lang, q.Years, q.Want
		out = append(out, sq)
	}
	return out
}

// pairCore is the first subject of a pair without the years and places
// that open the question (2025年黑龙江城镇 → 城镇).
func (e *Engine) pairCore(q *Question, first string) string {
	core := strings.TrimPrefix(yearRE.ReplaceAllString(first, ""), "年")
	for _, p := range q.Places {
		core = strings.TrimPrefix(core, p)
	}
	return core
}

// sharedHead returns the head the two subjects of a pair share when the
// first is only a modifier (城镇和农村居民人均可支配收入: 城镇 takes 居民人均可
// 支配收入), else "". A modifier is short and the second subject is a
// modifier of the same length and a head of at least two characters.
func sharedHead(core, second string) string {
	c, s := []rune(core), []rune(second)
	if len(c) == 0 || len(c) > maxPairModifier || len(s) < len(c)+minSharedHead || c[len(c)-1] == s[len(s)-1] {
		return ""
	}
	return string(s[len(c):])
}

// Bounds of a pair's shared head: the modifier's most characters and the
// head's fewest.
const (
	maxPairModifier = 3
	minSharedHead   = 2
)

// periodSplit returns one ask per year when a question names two or
// more, or per five years when it names the reviewed and the planned
// ones, each wanting what its period is (a result or a target); else q.
func periodSplit(q *Question) []*Question {
	years := uniqueInts(q.Years)
	if len(years) == 0 && q.PastFive && q.NextFive && !q.FromTo {
		// 十四五年均增长与十五五目标相比: one ask per five years.
		past, next := *q, *q
		past.NextFive, next.PastFive = false, false
		past.Want, next.Want = WantAny, WantAny
		return []*Question{&past, &next}
	}
	if len(years) < 2 || q.FromTo {
		return []*Question{q}
	}
	out := make([]*Question, len(years))
	for i, y := range years {
		c := *q
		c.Years = []int{y}
		c.Want = WantAny
		out[i] = &c
	}
	return out
}

func uniqueInts(xs []int) []int {
	var out []int
	seen := map[int]bool{}
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
