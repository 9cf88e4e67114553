package qa

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/reportbot/reportbot/report"
)

// A numbered abbreviation (“三大经济”, “四个中心”) stands for a list of as
// many things that share its remaining word: 资源经济、园区经济、口岸经济.
// Reports spell the list out once, often far from the abbreviation, as a
// run of items joined by 、. A question about what the abbreviation means
// is answered with the sentence that spells it out.

// numberedAbbrRE reads a numbered abbreviation: its count and the word its
// items share (三大经济 → 3, 经济; 四个中心 → 4, 中心).
var numberedAbbrRE = regexp.MustCompile(`^([一二三四五六七八九十两]|\d{1,2})(?:大|个|项|种|类)?(\p{Han}{1,4})$`)

// Bounds of an item of a spelled-out list, in characters.
const maxListItemRunes = 16

// abbreviationList answers a list question about a numbered abbreviation
// the question quotes, from report d; ok is false when there is none or the
// report never spells it out.
func (e *Engine) abbreviationList(q *Question, d int, ct *citer) (part, bool) {
	doc := e.docs[d]
	for _, quoted := range q.Quoted {
		n, shared, ok := numberedAbbr(quoted)
		if !ok {
			continue
		}
		for _, p := range doc.Paragraphs {
			for _, s := range p.Sentences {
				sentence := doc.Slice(s.Span)
				if lo, hi, ok := spellsOut(sentence, n, shared); ok {
					span := report.Span{Start: s.Span.Start + utf8.RuneCountInString(sentence[:lo]), End: s.Span.Start + utf8.RuneCountInString(sentence[:hi])}
					c := ct.cite(d, span)
					text := doc.Slice(span)
					if q.Lang == English {
						return part{"“" + text + "” " + marker(c)}, true
					}
					return part{text + marker(c)}, true
				}
			}
		}
	}
	return part{}, false
}

// numberedAbbr reads an abbreviation such as 三大经济.
func numberedAbbr(s string) (n int, shared string, ok bool) {
	m := numberedAbbrRE.FindStringSubmatch(s)
	if m == nil {
		return 0, "", false
	}
	n, err := strconv.Atoi(m[1])
	if err != nil {
		n = chineseNumber(m[1])
	}
	if n < 2 || len([]rune(m[2])) < 1 {
		return 0, "", false
	}
	return n, m[2], true
}

// spellsOut finds a clause of a sentence listing exactly n items joined by
// 、 (the last perhaps by 和), each holding shared; it returns the clause's
// byte bounds.
func spellsOut(sentence string, n int, shared string) (lo, hi int, ok bool) {
	from := 0
	for _, clause := range strings.FieldsFunc(sentence, isClauseMark) {
		at := from + strings.Index(sentence[from:], clause)
		from = at + len(clause)
		items := strings.Split(clause, "、")
		if len(items) == n-1 {
			last := items[len(items)-1]
			if a, b, ok := strings.Cut(last, "和"); ok {
				items = append(items[:len(items)-1], a, b)
			}
		}
		if len(items) != n || strings.Contains(clause, "“"+shared) {
			continue
		}
		all := true
		for _, it := range items {
			if !strings.Contains(it, shared) || len([]rune(it)) > maxListItemRunes {
				all = false
				break
			}
		}
		if all {
			return at, at + len(clause), true
		}
	}
	return 0, 0, false
}
