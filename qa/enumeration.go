package qa

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/reportbot/reportbot/lexicon"
	"github.com/reportbot/reportbot/report"
)

// An enumeration is a list written inside running text, after the count
// that announces it: 《纲要草案》具体部署了13项任务举措：一是…；二是…；
// or 十件民生实事：（1）…（2）…. The report model keeps such lists as
// text; an ordinal question about one (13项任务举措中，第五项是什么?) is
// answered from the text after the announcement.

// announceRE finds a count with its classifier and noun in a question
// (13项任务举措, 十件民生实事); a count right after 第 is an ordinal.
var announceRE = regexp.MustCompile(`([一二三四五六七八九十两]{1,3}|\d{1,3})(项|个|件|条|方面|大)(\p{Han}{1,6})`)

// maxEnumerationBytes bounds how far after its announcement an
// enumeration's items are looked for.
const maxEnumerationBytes = 6000

// enumeratedItem answers an ordinal question from an enumeration in the
// text of report d; ok is false when the question announces none or the
// report has no such item.
func (e *Engine) enumeratedItem(q *Question, d, n int, ct *citer) (part, bool) {
	if n <= 0 || n == lastOrdinal {
		return part{}, false
	}
	doc := e.docs[d]
	type anchor struct{ at, lead int }
	var anchors []anchor
	for _, at := range announcements(q.Raw, doc.Text) {
		anchors = append(anchors, anchor{at, maxLeadRunes})
	}
	for _, at := range titledSections(q.Raw, doc) {
		// A section's enumeration may follow an opening sentence.
		anchors = append(anchors, anchor{at, maxSectionLeadRunes})
	}
	for _, a := range anchors {
		at := a.at
		window := doc.Text[at:min(len(doc.Text), at+maxEnumerationBytes)]
		start, end, ok := itemAtWithin(window, n, a.lead)
		if !ok {
			continue
		}
		off := doc.Offsets()
		span := report.Span{Start: off.ByteToRune(at + start), End: off.ByteToRune(at + end)}
		text := strings.TrimSpace(doc.Slice(span))
		c := ct.cite(d, span)
		if q.Lang == English {
			return part{"“" + text + "” " + marker(c)}, true
		}
		return part{text + marker(c)}, true
	}
	return part{}, false
}

// maxAnchorTitleRunes bounds a section title that a question may name to
// point at the enumeration in its body ((二)重点任务。主要包括：一是…).
const maxAnchorTitleRunes = 8

// titledSections returns the byte offsets just after the heading of each
// section whose short title the question names (“十五五”重点任务里的第五项).
func titledSections(question string, doc *report.Report) []int {
	var out []int
	off := doc.Offsets()
	for _, p := range doc.Parts {
		for _, s := range p.Sections {
			if namesTitle(question, s.Title) {
				out = append(out, off.RuneToByte(s.Heading.End))
			}
		}
	}
	return out
}

// namesTitle reports whether a question names a section by its short
// title: the title's first clause (聚焦改革破难 of 聚焦改革破难，探索基层治理
// 新路径), whole or without its opening verb (党的建设 of 聚焦党的建设),
// of 2 to maxAnchorTitleRunes characters.
func namesTitle(question, title string) bool {
	clause := strings.TrimRight(title, "。：:，, ")
	if i := strings.IndexAny(clause, "，,；;"); i > 0 {
		clause = clause[:i]
	}
	runes := []rune(clause)
	if len(runes) < 2 || len(runes) > maxAnchorTitleRunes {
		return false
	}
	for k := 0; k <= titleVerbRunes && len(runes)-k >= minTitleCoreRunes || k == 0; k++ {
		core := string(runes[k:])
		if strings.Contains(question, core) {
			return true
		}
		for _, v := range lexicon.Variants(core) {
			if utf8.RuneCountInString(v) >= 2 && strings.Contains(question, v) {
				return true // 党建 for 党的建设
			}
		}
	}
	return false
}

// titleVerbRunes is how many opening characters of a title (聚焦, 加快) a
// question may leave out; minTitleCoreRunes how many must remain.
const (
	titleVerbRunes    = 2
	minTitleCoreRunes = 4
)

// announcements returns the byte offsets in text just after each place
// that writes a count and noun the question names (13项任务举措), longest
// noun first.
func announcements(question, text string) []int {
	var out []int
	for _, loc := range announceRE.FindAllStringSubmatchIndex(question, -1) {
		if loc[0] > 0 && strings.HasSuffix(question[:loc[0]], "第") {
			continue
		}
		count, classifier, noun := question[loc[2]:loc[3]], question[loc[4]:loc[5]], []rune(question[loc[6]:loc[7]])
		for k := len(noun); k >= minAnnouncedNoun; k-- {
			found := false
			for _, c := range countForms(count) {
				phrase := c + classifier + string(noun[:k])
				for from := 0; ; {
					i := strings.Index(text[from:], phrase)
					if i < 0 {
						break
					}
					out = append(out, from+i+len(phrase))
					from += i + len(phrase)
					found = true
				}
			}
			if found {
				break
			}
		}
	}
	return out
}

// minAnnouncedNoun is the shortest noun of an announcement looked for.
const minAnnouncedNoun = 2

// countForms are the ways a report writes a count: 13 and 十三, 5 and 五.
func countForms(count string) []string {
	n, err := strconv.Atoi(count)
	if err != nil {
		n = chineseNumber(count)
	}
	if n <= 0 {
		return []string{count}
	}
	forms := []string{strconv.Itoa(n), chineseNumeral(n)}
	if n == 2 {
		forms = append(forms, "两")
	}
	return forms
}

// itemAt finds the n-th item of the enumeration at the start of s: the
// text after its marker (五是, （五）, (5), 5.) up to the next semicolon or
// full stop. It returns byte offsets in s.
func itemAt(s string, n int) (start, end int, ok bool) {
	return itemAtWithin(s, n, maxLeadRunes)
}

// itemAtWithin is itemAt with the first marker at most lead characters
// into s.
func itemAtWithin(s string, n, lead int) (start, end int, ok bool) {
	zh, ar := chineseNumeral(n), strconv.Itoa(n)
	// The enumeration must start near the announcement: its first
	// marker within a few characters.
	first := markerIndex(s, chineseNumeral(1), "1")
	if first < 0 || utf8.RuneCountInString(s[:first]) > lead {
		return 0, 0, false
	}
	i := markerIndex(s[first:], zh, ar)
	if i < 0 {
		return 0, 0, false
	}
	start = first + i
	rest := s[start:]
	end = len(rest)
	if j := strings.IndexAny(rest, "；;。\n"); j >= 0 {
		end = j
	}
	return start, start + end, true
}

// maxLeadRunes is how far after an announcement its first marker may be;
// maxSectionLeadRunes how far after a section's heading.
const (
	maxLeadRunes        = 8
	maxSectionLeadRunes = 200
)

// markerIndex returns the byte offset of the first item marker for the
// number written zh or ar in s, or -1.
func markerIndex(s, zh, ar string) int {
	best := -1
	for _, m := range []string{zh + "是", "（" + zh + "）", "(" + zh + ")", "（" + ar + "）", "(" + ar + ")", ar + "．", ar + "."} {
		if i := strings.Index(s, m); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	return best
}
