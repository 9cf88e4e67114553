package qa

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/reportbot/reportbot/lexicon/cedict"
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
	for _, quoted := range append(slices.Clone(q.Quoted), numberedAbbrInRE.FindAllString(q.Raw, -1)...) {
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
		if p, ok := e.scatteredList(q, d, quoted, n, shared, ct); ok {
			return p, true
		}
		if p, ok := e.clauseHeadList(q, d, quoted, n, shared, ct); ok {
			return p, true
		}
		if p, ok := e.sharedEndList(q, d, quoted, n, shared, ct); ok {
			return p, true
		}
	}
	return part{}, false
}

// numberedAbbrInRE finds a numbered abbreviation a question writes without
// quotes (四川的五大片区分别是哪些).
var numberedAbbrInRE = regexp.MustCompile(`[一二三四五六七八九十两]大\p{Han}{2}`)

// clauseHeadList answers for a numbered abbreviation whose items open the
// clauses after it, each named by a phrase ending in the abbreviation's
// head character (五大片区共兴发展不断深化，成都平原经济区…，川南经济区…):
// the first n such phrases, each cited with its clause.
func (e *Engine) clauseHeadList(q *Question, d int, abbr string, n int, shared string, ct *citer) (part, bool) {
	head, _ := utf8.DecodeLastRuneInString(shared)
	return e.itemsAfter(q, d, abbr, n, ct, func(rs []rune, start int) ([]string, []report.Span) {
		return clauseHeads(rs, start, min(len(rs), start+maxScatterRunes), n, head)
	})
}

// itemsAfter answers with the first n items that find reads after an
// occurrence of abbr in report d (rs is the text's runes, start where abbr
// stands), trying each occurrence in turn; ok is false when none gives n.
func (e *Engine) itemsAfter(q *Question, d int, abbr string, n int, ct *citer, find func(rs []rune, start int) ([]string, []report.Span)) (part, bool) {
	doc := e.docs[d]
	rs := []rune(doc.Text)
	for from := 0; ; {
		at := strings.Index(doc.Text[from:], abbr)
		if at < 0 {
			return part{}, false
		}
		at += from
		from = at + len(abbr)
		if items, spans := find(rs, utf8.RuneCountInString(doc.Text[:at])); len(items) == n {
			return itemsPart(q, d, abbr, items, spans, ct), true
		}
	}
}

// clauseHeads returns the first n distinct phrases that open the clauses
// of rs[start:end] after the first one and end, within maxItemHeadRunes, in
// head; with the span of each clause. It stops at a sentence's end.
func clauseHeads(rs []rune, start, end, n int, head rune) ([]string, []report.Span) {
	var items []string
	var spans []report.Span
	seen := map[string]bool{}
	i := start
	for i < end && !isClauseMark(rs[i]) {
		i++ // the abbreviation's own clause
	}
	for i < end && len(items) < n && rs[i] != '。' && rs[i] != '\n' {
		c := i + 1
		j := c
		for j < end && !isClauseMark(rs[j]) && rs[j] != '\n' {
			j++
		}
		for k := c + minItemHeadRunes - 1; k < min(j, c+maxItemHeadRunes); k++ {
			if rs[k] == head {
				if item := string(rs[c : k+1]); !seen[item] {
					seen[item] = true
					items = append(items, item)
					spans = append(spans, report.Span{Start: c, End: j})
				}
				break
			}
		}
		i = j
	}
	return items, spans
}

// sharedEndList answers for a numbered abbreviation whose items are the
// short clauses after it, in its paragraph, that end in its shared word
// (全力打造“六大产业集群”。…打造新能源新材料产业集群。…打造数智产业集群。):
// when exactly n distinct ones do, each is cited as it stands.
func (e *Engine) sharedEndList(q *Question, d int, abbr string, n int, shared string, ct *citer) (part, bool) {
	return e.itemsAfter(q, d, abbr, n, ct, func(rs []rune, start int) ([]string, []report.Span) {
		return sharedEnds(rs, start, n, []rune(shared))
	})
}

// sharedEnds returns the distinct clauses of the paragraph after rs[start]
// (the abbreviation's own clause left out) that end in shared and are no
// longer than maxSharedEndRunes, with their spans; more than n is none.
func sharedEnds(rs []rune, start, n int, shared []rune) ([]string, []report.Span) {
	var items []string
	var spans []report.Span
	seen := map[string]bool{}
	i := start
	for i < len(rs) && !isClauseMark(rs[i]) && rs[i] != '\n' {
		i++
	}
	for i < len(rs) && rs[i] != '\n' {
		c := i + 1
		j := c
		for j < len(rs) && !isClauseMark(rs[j]) && rs[j] != '\n' {
			j++
		}
		clause := string(rs[c:j])
		if j-c > len(shared) && j-c <= maxSharedEndRunes && strings.HasSuffix(clause, string(shared)) && !seen[clause] {
			if len(items) == n {
				return nil, nil // more items than the count: not this list
			}
			seen[clause] = true
			items = append(items, clause)
			spans = append(spans, report.Span{Start: c, End: j})
		}
		i = j
	}
	return items, spans
}

// maxSharedEndRunes bounds a clause that names one item of a numbered
// abbreviation (打造优势矿产资源精深加工产业集群).
const maxSharedEndRunes = 20

// Bounds of a phrase that opens a clause as an item, in characters.
const (
	minItemHeadRunes = 3
	maxItemHeadRunes = 10
)

// maxScatterRunes bounds how far after a numbered abbreviation its items
// are looked for when no clause lists them together.
const maxScatterRunes = 600

// scatteredList answers for a numbered abbreviation whose shared word
// starts each item and whose items lead the clauses after it (外贸“五新”：
// 加快引育新主体，…；开拓新市场，…): the first n distinct words made of
// the shared word and a word of the dictionary, each cited with its clause.
func (e *Engine) scatteredList(q *Question, d int, quoted string, n int, shared string, ct *citer) (part, bool) {
	doc := e.docs[d]
	rs := []rune(doc.Text)
	at := strings.Index(doc.Text, "“"+quoted+"”")
	if at < 0 {
		return part{}, false
	}
	start := utf8.RuneCountInString(doc.Text[:at]) + utf8.RuneCountInString(quoted) + 2
	end := min(len(rs), start+maxScatterRunes)
	items, spans := scatteredItems(rs, start, end, n, []rune(shared))
	if len(items) != n {
		return part{}, false
	}
	return itemsPart(q, d, quoted, items, spans, ct), true
}

// itemsPart answers what an abbreviation stands for with its items, each
// cited with the clause that holds it.
func itemsPart(q *Question, d int, abbr string, items []string, spans []report.Span, ct *citer) part {
	texts := make([]string, len(items))
	for i, it := range items {
		texts[i] = it + marker(ct.cite(d, spans[i]))
	}
	if q.Lang == English {
		return part{"“" + abbr + "”: " + strings.Join(texts, ", ")}
	}
	return part{"“" + abbr + "”：" + strings.Join(texts, "、")}
}

// scatteredItems returns the first n distinct items in rs[start:end] made
// of shared and a dictionary word of two characters after it, one to each
// part between semicolons, with the span of the clause holding each; it
// stops at a paragraph's end.
func scatteredItems(rs []rune, start, end, n int, shared []rune) ([]string, []report.Span) {
	var items []string
	var spans []report.Span
	seen := map[string]bool{}
	clause := start
	for i := start; i < end && len(items) < n; i++ {
		switch {
		case rs[i] == '\n':
			return items, spans
		case isClauseMark(rs[i]):
			clause = i + 1
			continue
		}
		if i+len(shared)+2 > len(rs) || string(rs[i:i+len(shared)]) != string(shared) {
			continue
		}
		w := string(rs[i+len(shared) : i+len(shared)+2])
		item := string(shared) + w
		if !cedict.IsWord(w) || seen[item] {
			continue
		}
		seen[item] = true
		j := i
		for j < len(rs) && !isClauseMark(rs[j]) && rs[j] != '\n' {
			j++
		}
		items = append(items, item)
		spans = append(spans, report.Span{Start: clause, End: j})
		// One item to a part of the list: the next one follows a
		// semicolon or a full stop (…新主体，…；着力拓展新市场).
		for i < end && rs[i] != '；' && rs[i] != ';' && rs[i] != '。' && rs[i] != '\n' {
			i++
		}
		if i < end && rs[i] == '\n' {
			return items, spans
		}
		clause = i + 1
	}
	return items, spans
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
		for i, it := range items {
			if r := []rune(it); i == 0 && len(r) > maxListItemRunes {
				it = string(r[len(r)-maxListItemRunes:]) // 要实现人均地区生产总值稳居全国上游: what opens the clause is no item
			}
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

// Reports also list by repeating a lead phrase, one sentence an item (我们
// 始终坚持对党绝对忠诚。…我们始终坚持高质量发展不动摇。). A list question
// that quotes the phrase (讲了哪几个“始终坚持”) is answered with each
// sentence that opens with it.

// minRepeatedLeads is the fewest sentences that make a repeated lead a list.
const minRepeatedLeads = 2

// minVerbLeads is the fewest clauses a verb taken from the question (当好)
// must open, all in one section, to be read as a list.
const minVerbLeads = 3

// maxLeadPrefixRunes bounds the words before the lead phrase in its
// sentence (我们).
const maxLeadPrefixRunes = 3

// repeatedLeadList answers a list question from the sentences of report d
// that open with a phrase the question quotes; ok is false when fewer than
// minRepeatedLeads do.
func (e *Engine) repeatedLeadList(q *Question, d int, ct *citer) (part, bool) {
	doc := e.docs[d]
	leads := q.Quoted
	verb := ""
	if m := leadVerbRE.FindStringSubmatch(q.Raw); m != nil {
		verb = m[1] // 要求政府当好哪几种角色: 当好…；当好…
		leads = append(leads, verb)
	}
	for _, quoted := range leads {
		if strings.Count(doc.Text, quoted) < minRepeatedLeads {
			continue // too few occurrences to lead a list: skip the scan
		}
		var spans []report.Span
		sections := map[*report.Section]bool{}
		for _, p := range doc.Paragraphs {
			for _, s := range p.Sentences {
				got := clausesLedBy(doc, s, quoted)
				if len(got) > 0 {
					sections[p.Section] = true
				}
				spans = append(spans, got...)
			}
		}
		if len(spans) < minRepeatedLeads || quoted == verb && (len(spans) < minVerbLeads || len(sections) > 1) {
			continue // a verb the question ends on leads a list only in one place
		}
		texts := make([]string, len(spans))
		for i, sp := range spans {
			texts[i] = strings.TrimRight(doc.Slice(sp), "。；，") + marker(ct.cite(d, sp))
		}
		if q.Lang == English {
			return part{strings.Join(texts, " ")}, true
		}
		return part{strings.Join(texts, "；")}, true
	}
	return part{}, false
}

// leadVerbRE finds a verb of two characters right before 哪几 in a
// question (当好哪几种角色): the verb that may open each item.
var leadVerbRE = regexp.MustCompile(`(\p{Han}{2})哪(?:几|些)`)

// clausesLedBy returns the clauses of sentence s that open with lead, or
// with at most maxLeadPrefixRunes characters before it (我们始终坚持).
func clausesLedBy(doc *report.Report, s *report.Sentence, lead string) []report.Span {
	var out []report.Span
	for _, c := range clauses(doc, s) {
		clause := strings.TrimSpace(doc.Slice(c))
		if j := strings.Index(clause, lead); j >= 0 && utf8.RuneCountInString(clause[:j]) <= maxLeadPrefixRunes {
			out = append(out, c)
		}
	}
	return out
}
