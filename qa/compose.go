package qa

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/reportbot/reportbot/answer"
	"github.com/reportbot/reportbot/lexicon"
	"github.com/reportbot/reportbot/report"
)

// Composition settings.
const (
	// clauseCoverEnough is the share of the question a figure's clause
	// must cover to be the whole answer; below it the clause is widened
	// to the left within its sentence.
	clauseCoverEnough = 0.5
	// maxQuote is the longest sentence quoted whole in an answer, in code
	// points; longer ones are cut to the clauses around what was asked.
	maxQuote = 160
)

// part is one composed piece of an answer: its text with markers, in the
// question's language.
type part struct {
	text string
}

// composeFigure answers a quantity question with the clauses that state
// the asked figures (and the changes that follow them), citing the
// sentence: the chosen figure, and the other figures of the sentence that
// answer other parts of the question (…分别是多少, X和Y).
func (e *Engine) composeFigure(q *Question, v verdict, ct *citer) part {
	doc := e.docs[v.best.doc]
	spans := []report.Span{e.figureSpan(q, v.best, v.fig)}
	for _, f := range e.extraFigures(q, v.best, v.fig) {
		spans = append(spans, e.figureSpan(q, v.best, f))
	}
	spans = mergeSpans(spans)
	n := ct.cite(v.best.doc, withoutListNumber(doc, v.best.sent.Span))
	var quotes []string
	for _, sp := range spans {
		quotes = append(quotes, strings.TrimRight(doc.Slice(withoutListNumber(doc, sp)), "，,；;：:、"))
	}
	quote := strings.Join(quotes, "，")
	if q.Lang == English {
		kind := englishKind(v.fig)
		if v.gapFrom != "" {
			kind = "difference from " + v.gapFrom
		}
		return part{fmt.Sprintf("%s (%s) %s: “%s”", v.fig.Raw, kind, marker(n), quote)}
	}
	if e.respectiveFit(q, v.best, v.fig) > 0 {
		// 城乡居民人均可支配收入分别增长4.4%、5.8%: say which of the
		// figures stated together is the one asked.
		return part{v.fig.Raw + "：" + quote + "。" + marker(n)}
	}
	return part{quote + "。" + marker(n)}
}

// extraFigures returns the other figures of the sentence that fit the
// question and whose words cover a subject term the chosen figure's do
// not.
func (e *Engine) extraFigures(q *Question, ev *evidence, chosen *report.Figure) []*report.Figure {
	doc := e.docs[ev.doc]
	covered := e.coveredTerms(q, ev.doc, fold(doc.Slice(figureWindow(doc, ev.sent, chosen, ev.figs))))
	var out []*report.Figure
	for _, f := range ev.figs {
		if f == chosen {
			continue
		}
		win := fold(doc.Slice(figureWindow(doc, ev.sent, f, ev.figs)))
		if _, ok := e.figureFit(q, ev, f); !ok && !q.FromTo && !(lexicon.NationalCompareRE.MatchString(win) && q.mentions(lexicon.NationalWord)) {
			continue // …, compared with the national rate: 快于全国9.2个百分点 comes along
		}
		added := false
		for t := range e.coveredTerms(q, ev.doc, win) {
			if !covered[t] {
				covered[t] = true
				added = true
			}
		}
		if added || q.FromTo && f.Unit == chosen.Unit {
			out = append(out, f)
		}
	}
	return out
}

// coveredTerms returns the subject terms of q that text holds whole.
func (e *Engine) coveredTerms(q *Question, d int, text string) map[*Term]bool {
	out := map[*Term]bool{}
	for _, t := range q.Terms {
		if !t.Ask && !e.inScope(d, t) && t.match(text) >= 1 {
			out[t] = true
		}
	}
	return out
}

// mergeSpans sorts spans and merges those that overlap or touch.
func mergeSpans(spans []report.Span) []report.Span {
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	var out []report.Span
	for _, s := range spans {
		if n := len(out); n > 0 && s.Start <= out[n-1].End+1 {
			out[n-1].End = max(out[n-1].End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}

// figureSpan widens the figure's clause until it names what was asked,
// and takes in the clause after it when that states the figure's change.
func (e *Engine) figureSpan(q *Question, ev *evidence, f *report.Figure) report.Span {
	doc := e.docs[ev.doc]
	span := clauseAround(doc, ev.sent, f.Span)
	if base := baseOf(ev, f); base != nil && base.Span.Start < span.Start {
		// 实现地区生产总值67665亿元，增长5.5%: the change is quoted with
		// what it changes.
		span.Start = clauseAround(doc, ev.sent, base.Span).Start
	}
	for span.Start > ev.sent.Span.Start && termCover(q.Terms, fold(doc.Slice(span))) < clauseCoverEnough {
		prev := clauseAround(doc, ev.sent, report.Span{Start: span.Start - 2, End: span.Start - 1})
		span.Start = prev.Start
	}
	if span.End+1 < ev.sent.Span.End {
		next := clauseAround(doc, ev.sent, report.Span{Start: span.End + 1, End: span.End + 2})
		if e.holdsChangeOf(ev, f, next) {
			span.End = next.End
		}
	}
	return span
}

// holdsChangeOf reports whether span holds a change of figure f.
func (e *Engine) holdsChangeOf(ev *evidence, f *report.Figure, span report.Span) bool {
	for _, g := range ev.figs {
		if g.Kind == report.Change && span.Contains(g.Span) && (g.ChangeOf == f.ID || g.ChangeOf == "") {
			return true
		}
	}
	return false
}

// englishKind says in English what kind of figure f is.
func englishKind(f *report.Figure) string {
	period := f.Period
	switch f.Kind {
	case report.Target:
		if period != "" {
			return "target for " + period
		}
		return "target"
	case report.Change:
		dir := "change"
		switch f.Direction {
		case report.Up:
			dir = "growth"
		case report.Down:
			dir = "decline"
		}
		if period != "" {
			return dir + ", " + period
		}
		return dir
	}
	if period != "" && period != "cumulative" {
		return "result for " + period
	}
	return "as stated in the report"
}

// composeSentence answers with the best sentence, cut to the clauses that
// cover the question when it is long; a sentence that introduces what
// follows (…四个方面：) and a list spread over several sentences bring
// the sentences that complete them.
func (e *Engine) composeSentence(q *Question, ev *evidence, ct *citer) part {
	doc := e.docs[ev.doc]
	var quotes []string
	for _, s := range e.sentencesFor(q, ev) {
		whole := withoutListNumber(doc, s.Span)
		n := ct.cite(ev.doc, whole)
		span := whole
		if s == ev.sent && !q.List {
			span = withoutListNumber(doc, e.quoteSpan(q, ev)) // a list is quoted whole
		}
		quote := strings.TrimRight(doc.Slice(span), "。；;，,")
		switch {
		case q.Lang == English:
			quotes = append(quotes, fmt.Sprintf("“%s” %s", quote, marker(n)))
		case strings.HasSuffix(quote, "：") || strings.HasSuffix(quote, ":"):
			quotes = append(quotes, quote+marker(n))
		default:
			quotes = append(quotes, quote+"。"+marker(n))
		}
	}
	if q.Lang == English {
		return part{"The report says: " + strings.Join(quotes, " ")}
	}
	return part{strings.Join(quotes, "")}
}

// withoutListNumber returns span without the list number it opens with
// (6.轨道交通“四网融合”： of a glossary): the number is the entry's place,
// not a figure of the report, and a quote must not seem to state it.
func withoutListNumber(doc *report.Report, span report.Span) report.Span {
	if m := listNumberRE.FindStringSubmatch(doc.Slice(span)); m != nil && utf8.RuneCountInString(m[1]) < span.Len() {
		span.Start += utf8.RuneCountInString(m[1])
	}
	return span
}

// listNumberRE matches a list number at the start of a text: 6. or 6、,
// not a decimal (6.5%).
var listNumberRE = regexp.MustCompile(`^(\s*\d{1,2}[.．、]\s*)(?:[^\d\s.．]|$)`)

// Continuation settings.
const (
	// defaultListLen is how many sentences a list question takes when it
	// does not say how many items it wants.
	defaultListLen = 3
	// maxFollow bounds the sentences added after the best one.
	maxFollow = 6
)

// sentencesFor returns the best sentence and the sentences of its
// paragraph that complete it.
func (e *Engine) sentencesFor(q *Question, ev *evidence) []*report.Sentence {
	out := []*report.Sentence{ev.sent}
	doc := e.docs[ev.doc]
	text := strings.TrimSpace(doc.Slice(ev.sent.Span))
	intro := strings.HasSuffix(text, "：") || strings.HasSuffix(text, ":")
	want := 0
	switch {
	case intro:
		want = max(listCount(q.Raw), defaultListLen)
	case q.List && enumerated(text) < 2:
		want = max(listCount(q.Raw), defaultListLen)
	}
	following := followingSentences(doc, ev.sent)
	if intro && len(following) == 0 {
		// 要重点把握三个方面：, closing its paragraph: the entries open
		// the paragraphs after it (一是…; 二是…; 三是…).
		return append(out, entryLeads(doc, ev.sent, min(want, maxFollow))...)
	}
	for _, s := range following {
		if len(out) >= min(want, maxFollow) || intro && startsEntry(doc.Slice(s.Span)) {
			break // an introduced list ends where the next entry begins
		}
		out = append(out, s)
	}
	return out
}

// entryLeads returns the first sentences of the paragraphs right after
// s's that open numbered entries, at most n.
func entryLeads(doc *report.Report, s *report.Sentence, n int) []*report.Sentence {
	var out []*report.Sentence
	for _, p := range doc.Paragraphs {
		if p.Index <= s.Paragraph.Index || len(p.Sentences) == 0 {
			continue
		}
		lead := p.Sentences[0]
		if len(out) == n || !startsEntry(doc.Slice(lead.Span)) {
			break
		}
		out = append(out, lead)
	}
	return out
}

// startsEntry reports whether a sentence opens a numbered entry of its own
// (11.…, （二）…, 三是…).
func startsEntry(s string) bool { return entryRE.MatchString(strings.TrimSpace(s)) }

var entryRE = regexp.MustCompile(`^(\d{1,2}[.．、]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、是])`)

// followingSentences are the sentences after s in its paragraph; when s
// is the whole paragraph (a heading line such as 统筹推进城乡融合发展。),
// those of the paragraphs after it in the same section.
func followingSentences(doc *report.Report, s *report.Sentence) []*report.Sentence {
	p := s.Paragraph
	var out []*report.Sentence
	for i, x := range p.Sentences {
		if x == s {
			out = append(out, p.Sentences[i+1:]...)
		}
	}
	if len(p.Sentences) > 1 || p.Section == nil {
		return out
	}
	for _, q := range p.Section.Paragraphs {
		if q.Index > p.Index && len(out) < maxFollow {
			out = append(out, q.Sentences...)
		}
	}
	return out
}

// enumerated counts the items a sentence lists (separated by 、 or ；).
func enumerated(s string) int {
	return strings.Count(s, "、") + strings.Count(s, "；") + strings.Count(s, ";")
}

// listCount reads how many items a list question asks for (哪三个, 五大类,
// four); 0 when it does not say.
func listCount(q string) int {
	if m := listCountRE.FindStringSubmatch(q); m != nil {
		for _, g := range m[1:] {
			if n, err := strconv.Atoi(g); err == nil && n > 0 {
				return n
			}
			if n := chineseNumber(g); n > 0 {
				return n
			}
		}
	}
	if m := englishListCountRE.FindStringSubmatch(strings.ToLower(q)); m != nil {
		return englishCounts[m[1]]
	}
	return 0
}

var (
	listCountRE        = regexp.MustCompile(`哪([两二三四五六七八九十]{1,2}|\d{1,2})|([两二三四五六七八九十]{1,2}|\d{1,2})(个|项|大|类|方面|条|种)`)
	englishListCountRE = regexp.MustCompile(`\b(?:what|which|name|list) (?:are )?(?:the )?(two|three|four|five|six|seven|eight|nine|ten)\b`)
	englishCounts      = map[string]int{"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
)

// quoteSpan is the sentence, or for a long one the run of clauses from
// the first to the last that covers a question term.
func (e *Engine) quoteSpan(q *Question, ev *evidence) report.Span {
	s := ev.sent.Span
	if s.Len() <= maxQuote {
		return s
	}
	doc := e.docs[ev.doc]
	from, to := -1, -1
	for pos := s.Start; pos < s.End; {
		c := clauseAround(doc, ev.sent, report.Span{Start: pos, End: pos + 1})
		if termCover(q.Terms, fold(doc.Slice(c))) > 0 {
			if from < 0 {
				from = c.Start
			}
			to = c.End
		}
		pos = c.End + 1
	}
	if from < 0 {
		return s
	}
	return report.Span{Start: from, End: to}
}

// join assembles the parts of an answer, naming the report when several
// are loaded.
func (e *Engine) join(q *Question, parts []part, ct *citer) answer.Answer {
	var texts []string
	for _, p := range parts {
		texts = append(texts, p.text)
	}
	text := strings.Join(texts, joinSep(q))
	if len(e.docs) > 1 {
		text = e.namePrefix(q, ct) + text
	}
	text, cits := dropUnused(text, ct.citations())
	return answer.Answer{
		Question:   q.Raw,
		Text:       text,
		Answerable: true,
		Grounded:   true,
		Mode:       answer.ModeExtractive,
		Citations:  cits,
		Reports:    citedReports(cits),
	}
}

// citedReports returns the titles of the cited reports, in order of first
// citation.
func citedReports(cits []answer.Citation) []string {
	var out []string
	seen := map[string]bool{}
	for _, ct := range cits {
		if !seen[ct.Report] {
			seen[ct.Report] = true
			out = append(out, ct.Report)
		}
	}
	return out
}

// namePrefix names the reports an answer comes from.
func (e *Engine) namePrefix(q *Question, ct *citer) string {
	titles := ct.reports()
	if len(titles) == 0 {
		return ""
	}
	if q.Lang == English {
		return "From " + strings.Join(titles, "; ") + ": "
	}
	return "据《" + strings.Join(titles, "》《") + "》："
}

// shorten cuts a title for a list line.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
