package qa

import (
	"strings"

	"github.com/reportbot/reportbot/lexicon"
	"github.com/reportbot/reportbot/report"
)

// Every work report admits its shortcomings in a block of its own (我们也
// 清醒看到，…主要表现在：…), which the report model recognises. A question
// about the problems or shortcomings the report admits is answered from
// that block.

// maxShortcomingSentences is how many sentences of the block answer.
const maxShortcomingSentences = 2

// answerShortcomings answers a question about the shortcomings a report
// admits; ok is false when q is not one or the report has no such block.
func (e *Engine) answerShortcomings(q *Question, docs []int, ct *citer) (part, bool) {
	if q.Quantity || !lexicon.ShortcomingsAskRE.MatchString(strings.ToLower(q.Raw)) {
		return part{}, false
	}
	d := e.primaryDoc(q, docs)
	doc := e.docs[d]
	for _, p := range doc.Parts {
		for _, s := range p.Sections {
			if s.Kind != report.SectionShortcomings || len(s.Paragraphs) == 0 {
				continue
			}
			sents := firstSentences(s, maxShortcomingSentences)
			if len(sents) == 0 || !lexicon.ShortcomingCueRE.MatchString(doc.Slice(sents[0].Span)) {
				continue // a block taken for one that does not say so
			}
			var texts []string
			for _, sent := range sents {
				c := ct.cite(d, sent.Span)
				text := strings.TrimSpace(doc.Slice(sent.Span))
				if q.Lang == English {
					text = "“" + text + "” "
				}
				texts = append(texts, text+marker(c))
			}
			return part{strings.Join(texts, "")}, len(texts) > 0
		}
	}
	return part{}, false
}

// firstSentences returns up to n sentences from the start of a section.
func firstSentences(s *report.Section, n int) []*report.Sentence {
	var out []*report.Sentence
	for _, p := range s.Paragraphs {
		for _, sent := range p.Sentences {
			if len(out) == n {
				return out
			}
			out = append(out, sent)
		}
	}
	return out
}
