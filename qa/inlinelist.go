package qa

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/reportbot/reportbot/report"
)

// An inline list is a run of short items joined by 、 inside a sentence
// (市场环境、创新环境、法治环境、政务环境均居全国前三; 经济发展、创新驱动、
// 民生福祉、绿色低碳、安全保障等五大类). A list question with a topic of its
// own (营商环境哪几个方面居全国前三) is answered with the clause of the
// sentence about the topic that holds one, before the report's divisions
// are listed: 哪几个方面 names the report's sections only when the
// question has no topic but them.

// Inline-list settings.
const (
	// minInlineItems is the fewest items an inline list has.
	minInlineItems = 3
	// maxInlineItemRunes bounds an item of an inline list.
	maxInlineItemRunes = 12
	// inlineListCover is the cover of the topic the sentence must reach.
	inlineListCover = 0.75
	// countedInlineListCover is the cover that will do when the list has
	// exactly the count the question names (哪8个重点县).
	countedInlineListCover = 0.5
	// inlineListDepth is how many evidence sentences are looked at.
	inlineListDepth = 3
)

// inlineList answers a list question from the first well-covered
// evidence sentence of report d that holds an inline list; ok is false
// when the question has no topic of its own or no such sentence exists.
func (e *Engine) inlineList(ctx context.Context, q *Question, d, n int, ct *citer) (part, bool) {
	topic := e.topicTerms(q)
	if !hasTopic(topic) {
		return part{}, false
	}
	tq := *q
	tq.Terms = topic
	tq.Quantity, tq.Section, tq.List = false, false, false
	evs, err := e.gather(ctx, &tq, []int{d}, "")
	if err != nil {
		return part{}, false
	}
	doc := e.docs[d]
	for i, ev := range evs {
		if i == inlineListDepth || ev.cover < inlineListCover && (n == 0 || ev.cover < countedInlineListCover) {
			break
		}
		if span, ok := inlineListClause(doc, ev.sent, n); ok {
			c := ct.cite(d, span)
			text := strings.TrimRight(doc.Slice(span), "。；，")
			if q.Lang == English {
				return part{"“" + text + "” " + marker(c)}, true
			}
			return part{text + "。" + marker(c)}, true
		}
	}
	return part{}, false
}

// inlineListClause returns the span of the first clause of s that holds
// an inline list, of n items when n is not 0.
func inlineListClause(doc *report.Report, s *report.Sentence, n int) (report.Span, bool) {
	for _, c := range clauses(doc, s) {
		if items := inlineItems(doc.Slice(c)); items >= minInlineItems && (n == 0 || items == n) {
			return c, true
		}
	}
	return report.Span{}, false
}

// clauses returns the spans of a sentence's clauses, between its marks
// (，；：。 and the like).
func clauses(doc *report.Report, s *report.Sentence) []report.Span {
	var out []report.Span
	text := doc.Slice(s.Span)
	from := 0
	for _, clause := range strings.FieldsFunc(text, isClauseMark) {
		at := from + strings.Index(text[from:], clause)
		from = at + len(clause)
		start := s.Span.Start + utf8.RuneCountInString(text[:at])
		out = append(out, report.Span{Start: start, End: start + utf8.RuneCountInString(clause)})
	}
	return out
}

// isInlineList reports whether a clause joins at least minInlineItems
// short items with 、.
func isInlineList(clause string) bool { return inlineItems(clause) >= minInlineItems }

// inlineItems counts the short items a clause joins with 、 (the first and
// last may carry the clause's other words), or 0 when an inner one is too
// long to be an item.
func inlineItems(clause string) int {
	items := strings.Split(clause, "、")
	if len(items) < 2 {
		return 0
	}
	for _, it := range items[1 : len(items)-1] {
		if n := utf8.RuneCountInString(it); n == 0 || n > maxInlineItemRunes {
			return 0
		}
	}
	return len(items)
}

// minTopicWeight is the weight of the rarest topic word a list question
// needs to be about something other than the report's divisions.
const minTopicWeight = 1.5

// hasTopic reports whether terms name a topic: a word that is not a word
// of kind or change and is rare enough to say something.
func hasTopic(terms []*Term) bool {
	for _, t := range terms {
		if !t.Single && !t.Ask && t.Weight >= minTopicWeight {
			return true
		}
	}
	return false
}
