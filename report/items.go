package report

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/reportbot/reportbot/lexicon"
)

var (
	// 一是, 二要 at the start of a sentence.
	ordinalRE = regexp.MustCompile(`^([一二三四五六七八九十]{1,3})(?:` + alternation(lexicon.ItemOrdinalSuffixes) + `)`)
	// 1.…, 2、…, （3）…, 四、… at the start of a paragraph: a numbered list.
	listItemRE = regexp.MustCompile(`^(?:(\d{1,2})[.．、]|[(（](\d{1,2})[)）]|([一二三四五六七八九十]{1,3})、)`)
)

// finishSection assigns paragraphs and finds items: 一是 ordinals, else
// subheading sentences, else a numbered list.
func (p *parser) finishSection(sec *Section) {
	for _, para := range sec.Paragraphs {
		para.Section = sec
	}
	p.ordinalItems(sec, sec.Paragraphs, true)
	if len(sec.Items) == 0 && sec.Kind == SectionNumbered {
		p.subheadItems(sec, true)
	}
	if len(sec.Items) == 0 {
		p.listItems(sec)
	}
}

// ordinalItems finds 一是…二是… items at sentence starts, in order.
func (p *parser) ordinalItems(sec *Section, paras []*Paragraph, skipHeading bool) {
	next := 1
	for _, para := range paras {
		for _, s := range para.Sentences {
			if skipHeading && s.Span.Start < sec.Heading.End {
				continue
			}
			text := p.doc.Slice(s.Span)
			m := ordinalRE.FindStringSubmatch(text)
			if m == nil || cnNumber(m[1]) != next {
				continue
			}
			next++
			p.addItem(sec, s, m[0], text)
		}
	}
	p.closeItems(sec)
}

// addItem adds an item headed by sentence s (text) with the given ordinal.
func (p *parser) addItem(sec *Section, s *Sentence, ordinal, text string) {
	head := trimSentenceEnd(text)
	title := strings.TrimLeft(strings.TrimPrefix(head, ordinal), ",，:：、 ")
	if runeLen(title) > maxItemTitleRunes {
		if i := strings.IndexAny(title, ",，:："); i > 0 {
			title = title[:i]
		}
	}
	it := &Item{
		Ordinal: ordinal,
		N:       len(sec.Items) + 1,
		Title:   title,
		Heading: Span{Start: s.Span.Start, End: s.Span.Start + runeLen(head)},
		Span:    Span{Start: s.Span.Start, End: sec.Span.End},
		Section: sec,
	}
	it.ID = fmt.Sprintf("%si%d", sec.ID, it.N)
	prefix := strings.TrimSpace(sec.Part.Number + sec.Number)
	if !sec.Kind.Headed() {
		prefix = sec.Label
	}
	it.Label = strings.Join(strings.Fields(prefix+" "+ordinal+" "+title), " ")
	sec.Items = append(sec.Items, it)
}

// closeItems ends each item where the next begins.
func (p *parser) closeItems(sec *Section) {
	for i := range sec.Items {
		if i+1 < len(sec.Items) {
			end := sec.Items[i+1].Span.Start
			// Do not swallow the spaces and line break before the next item.
			t := p.doc.Slice(Span{Start: sec.Items[i].Span.Start, End: end})
			sec.Items[i].Span.End = sec.Items[i].Span.Start + runeLen(strings.TrimRightFunc(t, isSpace))
		}
	}
}

// subheadItems treats the paragraphs of a section or block that open with
// a short heading sentence (大力提振消费。…) as its items; skipHeading
// skips the paragraph of a section's heading.
func (p *parser) subheadItems(sec *Section, skipHeading bool) {
	for k, para := range sec.Paragraphs {
		if k == 0 && skipHeading || len(para.Sentences) < 2 {
			continue
		}
		first := p.doc.Slice(para.Sentences[0].Span)
		if runeLen(first) > maxSubheadRunes || !strings.HasSuffix(first, "。") {
			continue
		}
		p.addItem(sec, para.Sentences[0], "", first)
		sec.Items[len(sec.Items)-1].Span.End = para.Span.End
	}
}

// listItems treats paragraphs numbered 1. 2. 3. (or （1）（2）) in order as
// the items of a section or block: a list, such as the year's 民生实事.
// Each item runs to the next.
func (p *parser) listItems(sec *Section) {
	next := 1
	for _, para := range sec.Paragraphs {
		text := p.doc.Slice(para.Span)
		m := listItemRE.FindStringSubmatch(text)
		if m == nil || listNumber(m) != next {
			continue
		}
		next++
		p.addItem(sec, para.Sentences[0], m[0], p.doc.Slice(para.Sentences[0].Span))
	}
	if len(sec.Items) < 2 {
		sec.Items = nil
		return
	}
	p.closeItems(sec)
}

// listNumber is the number of a list item matched by listItemRE.
func listNumber(m []string) int {
	if m[3] != "" {
		return cnNumber(m[3])
	}
	return atoiOr(m[1] + m[2])
}

// atoiOr reads a small decimal number, -1 when s is not one.
func atoiOr(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return -1
		}
		n = n*10 + int(r-'0')
	}
	return n
}

// blockItems gives work blocks their 一是 items, highlight blocks one item
// per —— paragraph, and other blocks their numbered lists.
func (p *parser) blockItems(b *Section) {
	switch b.Kind {
	case SectionWork:
		p.ordinalItems(b, b.Paragraphs, false)
		if len(b.Items) == 0 {
			p.subheadItems(b, false)
		}
	case SectionHighlights:
		p.dashItems(b)
	default:
		p.listItems(b)
	}
}

// dashItems makes an item of every —— paragraph of a highlights block.
func (p *parser) dashItems(b *Section) {
	for _, para := range b.Paragraphs {
		s := para.Sentences[0]
		text := p.doc.Slice(s.Span)
		dash := "——"
		if !strings.HasPrefix(text, dash) {
			dash = "—"
		}
		p.addItem(b, s, dash, text)
		b.Items[len(b.Items)-1].Span.End = para.Span.End
	}
}

// trimSentenceEnd drops the terminator (and a closing quote after it) and
// trailing spaces from a sentence, keeping a quote that closes inside it.
func trimSentenceEnd(s string) string {
	s = strings.TrimRightFunc(s, isSpace)
	for {
		r, size := utf8.DecodeLastRuneInString(s)
		if size == 0 {
			return s
		}
		if sentenceEnd(r) {
			s = s[:len(s)-size]
			continue
		}
		if closer(r) {
			r2, _ := utf8.DecodeLastRuneInString(s[:len(s)-size])
			if sentenceEnd(r2) {
				s = s[:len(s)-size]
				continue
			}
		}
		return strings.TrimRightFunc(s, isSpace)
	}
}
