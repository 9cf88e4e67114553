package report

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	// 一、2023年工作总结 (also 一. and 一．). The title may not end a sentence.
	partHeadRE = regexp.MustCompile(`^([一二三四五六七八九十]{1,3})[、．.]\s*(\S.*)$`)
	// 第一部分 2024年工作回顾.
	partOrdinalRE = regexp.MustCompile(`^第([一二三四五六七八九十]{1,3})部分[、，,：:\s]*(\S.*)$`)
	// (一)聚焦产业升级 or （一）聚焦… at the start of a paragraph.
	sectionHeadRE = regexp.MustCompile(`^[(（]([一二三四五六七八九十]{1,3})[)）]\s*`)
	// 一、聚焦… as a section heading, under unnumbered part headings.
	sectionAltRE = regexp.MustCompile(`^([一二三四五六七八九十]{1,3})[、．]\s*`)
	// 一是 at the start of a sentence.
	ordinalRE = regexp.MustCompile(`^([一二三四五六七八九十]{1,3})是`)
	sourceRE  = regexp.MustCompile(`来源\s*[:：]\s*([^\s【\[]+)`)
	dateRE    = regexp.MustCompile(`日期\s*[:：]\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})`)
	anyDateRE = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})`)
	yearRE    = regexp.MustCompile(`(?:^|[^\d])((?:19|20)\d{2})\s*年`)
	// figureish counts quantities, to spot a paragraph of headline figures.
	figureishRE = regexp.MustCompile(`\d+(?:\.\d+)?\s*(?:%|％|亿|万|个百分点)`)
)

// Keywords that name parts of the genre. They are vocabulary of work
// reports in general, not of any one report.
var (
	reviewWords      = []string{"回顾", "总结", "过去", "工作成效", "主要成绩"}
	planWords        = []string{"安排", "目标", "任务", "计划", "打算", "重点工作", "总体要求", "部署"}
	governmentWords  = []string{"自身建设", "政府建设"}
	appendixWords    = []string{"名词解释", "附件", "附录", "注释", "附表", "说明"}
	unnumberedParts  = []string{"工作回顾", "工作总结", "工作安排", "目标任务", "重点工作", "主要任务", "自身建设", "名词解释", "附件", "附录", "主要工作", "工作计划", "工作思路"}
	shortcomingWords = []string{"不足", "差距", "短板", "困难", "挑战", "不够", "有待", "仍然", "薄弱", "问题", "还需", "亟待", "不平衡", "不充分", "瓶颈", "隐患", "任重道远"}
	salutations      = []string{"各位代表", "同志们", "各位委员"}
)

const cnDigits = "零一二三四五六七八九"

// cnNumber parses a Chinese numeral from 一 to 九十九; 0 if it is not one.
func cnNumber(s string) int {
	rs := []rune(s)
	digit := func(r rune) int {
		i := strings.IndexRune(cnDigits, r)
		if i < 0 {
			return -1
		}
		return utf8.RuneCountInString(cnDigits[:i])
	}
	switch len(rs) {
	case 1:
		if rs[0] == '十' {
			return 10
		}
		if d := digit(rs[0]); d > 0 {
			return d
		}
	case 2:
		if rs[0] == '十' {
			if d := digit(rs[1]); d > 0 {
				return 10 + d
			}
		}
		if rs[1] == '十' {
			if d := digit(rs[0]); d > 1 {
				return d * 10
			}
		}
	case 3:
		if rs[1] == '十' {
			a, b := digit(rs[0]), digit(rs[2])
			if a > 1 && b > 0 {
				return a*10 + b
			}
		}
	}
	return 0
}

// cnNumeral writes n (1 to 99) as a Chinese numeral.
func cnNumeral(n int) string {
	d := []rune(cnDigits)
	switch {
	case n <= 0 || n > 99:
		return strconv.Itoa(n)
	case n < 10:
		return string(d[n])
	case n == 10:
		return "十"
	case n < 20:
		return "十" + string(d[n-10])
	case n%10 == 0:
		return string(d[n/10]) + "十"
	default:
		return string(d[n/10]) + "十" + string(d[n%10])
	}
}

func hasSentenceEnd(s string) bool {
	return strings.ContainsAny(s, "。！？；!?;")
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

// partHeading reports whether l is a part heading; number is "" for an
// unnumbered heading such as 2024年工作回顾.
func partHeading(l string) (number, title string, ok bool) {
	if hasSentenceEnd(l) || runeLen(l) > 40 {
		return "", "", false
	}
	if m := partOrdinalRE.FindStringSubmatch(l); m != nil && cnNumber(m[1]) > 0 {
		return m[1], strings.TrimSpace(m[2]), true
	}
	if m := partHeadRE.FindStringSubmatch(l); m != nil {
		title := strings.TrimRight(strings.TrimSpace(m[2]), "：:")
		if runeLen(title) >= 2 && cnNumber(m[1]) > 0 {
			return m[1], title, true
		}
		return "", "", false
	}
	if runeLen(l) <= 25 && !strings.ContainsAny(l, "，,、：:") && containsAny(l, unnumberedParts...) {
		return "", l, true
	}
	// 附件：名词解释, 附：名词解释, 附件1 名词解释.
	if runeLen(l) <= 25 && appendixHeadRE.MatchString(l) {
		return "", l, true
	}
	return "", "", false
}

var appendixHeadRE = regexp.MustCompile(`^(附件|附录|附)[一二三四五六七八九十\d]*\s*[：:]?\s*(名词解释|说明|注释|\S{0,12})$`)

// findParts returns the indexes of the lines that start parts. Numbered
// headings must follow each other (一, 二, 三…); after an appendix heading a
// list that restarts at 一、 belongs to the appendix.
func (p *parser) findParts() []int {
	var starts []int
	next := 1
	inAppendix := false
	unnumbered := false // parts are headed 2024年工作回顾; 一、 lines are then sections
	for i, l := range p.lines {
		num, title, ok := partHeading(l.text)
		if i == 0 && !(ok && num != "" && cnNumber(num) == 1) {
			continue // the title, unless the text opens with 一、…
		}
		if !ok {
			continue
		}
		if num == "" && len(starts) == 0 && !containsAny(title, appendixWords...) {
			unnumbered = true
		}
		if num != "" {
			if inAppendix || unnumbered || cnNumber(num) != next {
				continue
			}
			next++
		} else if len(starts) == 0 && containsAny(title, appendixWords...) {
			continue // a 附件 line in the header is not a part
		}
		if containsAny(title, appendixWords...) {
			inAppendix = true
		}
		starts = append(starts, i)
	}
	return starts
}

func (p *parser) readHeader(n int) {
	doc := p.doc
	if n > len(p.lines) {
		n = len(p.lines)
	}
	if n > 0 {
		doc.Header = p.idx.span(p.lines[0].start, p.lines[n-1].end)
		doc.Title = p.lines[0].text
	}
	for _, l := range p.lines[:n] {
		t := l.text
		if doc.Source == "" {
			if m := sourceRE.FindStringSubmatch(t); m != nil {
				doc.Source = strings.TrimSpace(m[1])
			}
		}
		if doc.Date == "" {
			if m := dateRE.FindStringSubmatch(t); m != nil {
				doc.Date = m[1]
			}
		}
		if doc.Status == "" && runeLen(t) <= 20 && containsAny(t, "失效", "废止", "作废", "现行有效", "已修订") {
			doc.Status = t
		}
	}
	if doc.Date == "" {
		for _, l := range p.lines[:n] {
			if m := anyDateRE.FindString(l.text); m != "" && l.text != doc.Title {
				doc.Date = m
				break
			}
		}
	}
	if m := anyDateRE.FindStringSubmatch(doc.Date); m != nil {
		y, mo, d := m[1], m[2], m[3]
		if y == "" {
			y, mo, d = m[4], m[5], m[6]
		}
		mi, _ := strconv.Atoi(mo)
		di, _ := strconv.Atoi(d)
		doc.ISODate = fmt.Sprintf("%s-%02d-%02d", y, mi, di)
	}
	if m := yearRE.FindStringSubmatch(doc.Title); m != nil {
		doc.Year, _ = strconv.Atoi(m[1])
	}
}

func partKind(title string) (PartKind, bool) {
	switch {
	case containsAny(title, appendixWords...):
		return PartAppendix, false
	case containsAny(title, governmentWords...):
		return PartGovernment, true
	case containsAny(title, reviewWords...):
		return PartReview, true
	case containsAny(title, planWords...):
		return PartPlan, true
	}
	return PartOther, true
}

func (p *parser) buildParts(starts []int) {
	doc := p.doc
	for k, li := range starts {
		end := len(p.lines)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		l := p.lines[li]
		num, title, _ := partHeading(l.text)
		kind, main := partKind(title)
		part := &Part{
			ID:      fmt.Sprintf("p%d", k+1),
			Number:  num,
			Title:   title,
			Kind:    kind,
			Main:    main,
			Heading: p.idx.span(l.start, l.end),
			Span:    p.idx.span(l.start, p.lines[end-1].end),
		}
		part.Label = strings.TrimSpace(num + " " + title)
		doc.Paragraphs[li].Part = part // the heading line belongs to its part
		for i := li + 1; i < end; i++ {
			para := doc.Paragraphs[i]
			para.Part = part
			part.Paragraphs = append(part.Paragraphs, para)
		}
		p.buildSections(part, li+1, end)
		doc.Parts = append(doc.Parts, part)
	}
	if doc.ReviewYear == 0 {
		for _, part := range doc.Parts {
			if part.Kind == PartReview {
				if m := yearRE.FindStringSubmatch(part.Title); m != nil {
					doc.ReviewYear, _ = strconv.Atoi(m[1])
				}
			}
		}
	}
	if doc.ReviewYear == 0 && doc.Year > 0 {
		doc.ReviewYear = doc.Year - 1
	}
	if doc.Year == 0 && doc.ReviewYear > 0 {
		doc.Year = doc.ReviewYear + 1
	}
}

// span of lines [from, to) in code points.
func (p *parser) linesSpan(from, to int) Span {
	return p.idx.span(p.lines[from].start, p.lines[to-1].end)
}

// themePrefix finds the opening phrase that three or more paragraphs of a
// review part share (这一年,我们坚持…): the first three characters, all
// CJK ideographs.
func themePrefix(lines []line) string {
	count := map[string]int{}
	order := []string{}
	for _, l := range lines {
		rs := []rune(l.text)
		if len(rs) < 8 || !unicode.Is(unicode.Han, rs[0]) || !unicode.Is(unicode.Han, rs[1]) || !unicode.Is(unicode.Han, rs[2]) {
			continue
		}
		if ordinalRE.MatchString(l.text) {
			continue
		}
		k := string(rs[:3])
		if count[k] == 0 {
			order = append(order, k)
		}
		count[k]++
	}
	best := ""
	for _, k := range order {
		if count[k] >= 3 && count[k] > count[best] {
			best = k
		}
	}
	return best
}

var blockTitles = map[SectionKind]string{
	SectionIntro:        "引言",
	SectionHeadline:     "主要指标",
	SectionRequirements: "总体要求",
	SectionShortcomings: "问题不足",
	SectionHighlights:   "主要成效",
	SectionWork:         "主要工作",
	SectionClosing:      "结语",
	SectionBody:         "正文",
}

func shortcomingScore(s string) int {
	n := 0
	for _, w := range shortcomingWords {
		if strings.Contains(s, w) {
			n++
		}
	}
	return n
}

// classify names the role of an unheaded paragraph. after is true once the
// part's main content (sections, items) has begun.
func classify(kind PartKind, text string, after bool) SectionKind {
	switch {
	case strings.HasPrefix(text, "——") || strings.HasPrefix(text, "—"):
		return SectionHighlights
	case ordinalRE.MatchString(text):
		return SectionWork
	case kind == PartReview && after && shortcomingScore(text) >= 2:
		return SectionShortcomings
	case kind == PartReview && len(figureishRE.FindAllStringIndex(text, 3)) >= 2 && !after:
		return SectionHeadline
	case after:
		return SectionClosing
	case kind == PartReview:
		return SectionIntro
	case kind == PartPlan:
		return SectionRequirements
	}
	return SectionBody
}

// heading returns, for the paragraph text t starting at byte 0, the byte
// end of its inline heading (up to, not including, the first 。) and
// whether the body continues after it.
func inlineHeading(t string) (end int, inline bool) {
	i := strings.IndexAny(t, "。！？!?")
	if i < 0 {
		return len(t), false
	}
	_, size := utf8.DecodeRuneInString(t[i:])
	rest := strings.TrimFunc(t[i+size:], isSpace)
	return i, rest != ""
}

func (p *parser) buildSections(part *Part, from, to int) {
	if from >= to {
		return
	}
	lines := p.lines[from:to]
	// Numbered sections.
	type head struct {
		line   int // index into p.lines
		number string
	}
	findHeads := func(re *regexp.Regexp) []head {
		var heads []head
		next := 1
		for i, l := range lines {
			m := re.FindStringSubmatch(l.text)
			if m == nil || cnNumber(m[1]) != next {
				continue
			}
			next++
			heads = append(heads, head{line: from + i, number: strings.TrimSpace(m[0])})
		}
		return heads
	}
	heads := findHeads(sectionHeadRE)
	headRE := sectionHeadRE
	if len(heads) == 0 && part.Number == "" && part.Kind != PartAppendix {
		// Under an unnumbered part heading the sections may be 一、二、….
		if alt := findHeads(sectionAltRE); len(alt) >= 2 {
			heads, headRE = alt, sectionAltRE
		}
	}
	var headed []*Section
	isHeadLine := map[int]bool{}
	sectionEnd := map[int]int{}
	if len(heads) > 0 {
		singlePara := true
		for k, h := range heads {
			end := to
			if k+1 < len(heads) {
				end = heads[k+1].line
			}
			// A salutation (各位代表…) closes the section.
			for j := h.line + 1; j < end; j++ {
				if hasAnyPrefix(p.lines[j].text, salutations...) {
					end = j
					break
				}
			}
			if k+1 < len(heads) && end-h.line > 1 {
				singlePara = false
			}
			if k+1 == len(heads) && singlePara && k > 0 {
				if _, inl := inlineHeading(p.lines[h.line].text); inl {
					end = h.line + 1
				}
			}
			sec := p.numberedSection(part, h.line, end, h.number, headRE)
			headed = append(headed, sec)
			isHeadLine[h.line] = true
			sectionEnd[h.line] = end
		}
	} else if part.Kind == PartReview {
		if prefix := themePrefix(lines); prefix != "" {
			var themeLines []int
			for i, l := range lines {
				if strings.HasPrefix(l.text, prefix) {
					themeLines = append(themeLines, from+i)
				}
			}
			for k, li := range themeLines {
				end := li + 1
				if k+1 < len(themeLines) {
					end = themeLines[k+1]
				}
				sec := p.themeSection(part, li, end)
				headed = append(headed, sec)
				isHeadLine[li] = true
				sectionEnd[li] = end
			}
		}
	}
	// Walk the lines, emitting headed sections and blocks in order.
	var block *Section
	nBlocks, nHeaded := 0, 0
	after := false
	for i := from; i < to; {
		if isHeadLine[i] {
			sec := headed[nHeaded]
			nHeaded++
			sec.ID = fmt.Sprintf("%ss%d", part.ID, nHeaded)
			p.finishSection(part, sec)
			part.Sections = append(part.Sections, sec)
			block = nil
			after = true
			i = sectionEnd[i]
			continue
		}
		text := p.lines[i].text
		kind := classify(part.Kind, text, after)
		if kind == SectionWork {
			after = true
		}
		if block == nil || block.Kind != kind {
			nBlocks++
			block = &Section{
				ID:    fmt.Sprintf("%sb%d", part.ID, nBlocks),
				Kind:  kind,
				Title: blockTitles[kind],
				Part:  part,
			}
			block.Label = strings.TrimSpace(part.Number + " " + block.Title)
			block.Heading = Span{Start: p.idx.ByteToRune(p.lines[i].start), End: p.idx.ByteToRune(p.lines[i].start)}
			block.Span = p.linesSpan(i, i+1)
			part.Sections = append(part.Sections, block)
		}
		block.Span.End = p.idx.ByteToRune(p.lines[i].end)
		para := p.doc.Paragraphs[i]
		para.Section = block
		block.Paragraphs = append(block.Paragraphs, para)
		i++
	}
	for _, s := range part.Sections {
		if !s.Kind.Headed() {
			p.blockItems(s)
		}
	}
}

func (p *parser) numberedSection(part *Part, li, end int, number string, headRE *regexp.Regexp) *Section {
	l := p.lines[li]
	numEnd := len(headRE.FindString(l.text))
	hEnd, inline := inlineHeading(l.text)
	title := strings.TrimFunc(l.text[numEnd:hEnd], isSpace)
	if title == "" && li+1 < end {
		// （一） alone on its line: the title is the next line's opening.
		next := p.lines[li+1].text
		te, _ := inlineHeading(next)
		title = strings.TrimFunc(next[:te], isSpace)
		if runeLen(title) > 30 {
			title = string([]rune(title)[:30])
		}
	}
	sec := &Section{
		Kind:    SectionNumbered,
		Number:  number,
		Title:   title,
		Heading: p.idx.span(l.start, l.start+hEnd),
		Inline:  inline,
		Span:    p.linesSpan(li, end),
		Part:    part,
	}
	sep := " "
	if strings.HasSuffix(number, "、") || strings.HasSuffix(number, "．") {
		sep = ""
	}
	sec.Label = strings.TrimSpace(part.Number+number) + sep + title
	for j := li; j < end; j++ {
		sec.Paragraphs = append(sec.Paragraphs, p.doc.Paragraphs[j])
	}
	return sec
}

func (p *parser) themeSection(part *Part, li, end int) *Section {
	l := p.lines[li]
	hEnd, inline := inlineHeading(l.text)
	title := l.text[:hEnd]
	sec := &Section{
		Kind:    SectionTheme,
		Title:   title,
		Heading: p.idx.span(l.start, l.start+hEnd),
		Inline:  inline,
		Span:    p.linesSpan(li, end),
		Part:    part,
	}
	sec.Label = strings.TrimSpace(part.Number + " " + title)
	for j := li; j < end; j++ {
		sec.Paragraphs = append(sec.Paragraphs, p.doc.Paragraphs[j])
	}
	return sec
}

// finishSection assigns paragraphs and finds items.
func (p *parser) finishSection(part *Part, sec *Section) {
	for _, para := range sec.Paragraphs {
		para.Section = sec
	}
	p.ordinalItems(sec, sec.Paragraphs, true)
	if len(sec.Items) == 0 && sec.Kind == SectionNumbered {
		p.subheadItems(sec)
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

func (p *parser) addItem(sec *Section, s *Sentence, ordinal, text string) {
	head := trimSentenceEnd(text)
	title := strings.TrimLeft(strings.TrimPrefix(head, ordinal), ",，:：、 ")
	if runeLen(title) > 30 {
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

// subheadItems treats the paragraphs of a numbered section that open with
// a short heading sentence (大力提振消费。…) as its items.
func (p *parser) subheadItems(sec *Section) {
	for k, para := range sec.Paragraphs {
		if k == 0 || len(para.Sentences) < 2 {
			continue
		}
		first := p.doc.Slice(para.Sentences[0].Span)
		if runeLen(first) > 21 || !strings.HasSuffix(first, "。") {
			continue
		}
		p.addItem(sec, para.Sentences[0], "", first)
		sec.Items[len(sec.Items)-1].Span.End = para.Span.End
	}
}

// blockItems gives work blocks their 一是 items and highlight blocks one
// item per —— paragraph.
func (p *parser) blockItems(b *Section) {
	switch b.Kind {
	case SectionWork:
		p.ordinalItems(b, b.Paragraphs, false)
	case SectionHighlights:
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
