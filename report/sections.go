package report

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/reportbot/reportbot/lexicon"
)

var (
	// (一)聚焦产业升级 or （一）聚焦… at the start of a paragraph.
	sectionHeadRE = regexp.MustCompile(`^[(（]([一二三四五六七八九十]{1,3})[)）]\s*`)
	// 三）… after a line that is only an opening bracket: a heading cut by
	// a line break.
	sectionTailRE = regexp.MustCompile(`^([一二三四五六七八九十]{1,3})[)）]\s*`)
	// 一、聚焦… as a section heading, under unnumbered part headings.
	sectionAltRE = regexp.MustCompile(`^([一二三四五六七八九十]{1,3})[、．]\s*`)
)

// Limits of theme paragraphs (这一年,我们坚持…; 这是经济实力持续提升的五年。).
const (
	themePrefixRunes      = 3 // the shared opening of theme paragraphs
	shortThemePrefixRunes = 2 // … of short, one-sentence theme paragraphs
	maxShortThemeRunes    = 30
	minThemeParagraphs    = 3
	minThemeRunes         = 8
	maxSubheadRunes       = 21 // a subheading sentence (大力提振消费。) is shorter
	maxItemTitleRunes     = 30
	minHeadlineFigures    = 2 // a paragraph of headline figures holds more
	minShortcomingWords   = 2 // a paragraph of shortcomings names more
)

// secHead is a line that opens a numbered section.
type secHead struct {
	line   int // index into p.lines of the heading's first line
	number string
	split  bool // the number's opening bracket is alone on the line before
}

// headed is a headed section with the lines it spans.
type headed struct {
	sec        *Section
	start, end int // lines [start, end)
}

// buildSections finds the sections of a part in lines [from, to): numbered
// sections, theme paragraphs, and the unheaded blocks between them.
func (p *parser) buildSections(part *Part, from, to int) {
	if from >= to {
		return
	}
	secs := p.numberedSections(part, from, to)
	themeTo := to
	if len(secs) > 0 {
		themeTo = secs[0].start // themes only before numbered sections
	}
	if hasThemes(part.Kind) {
		secs = append(p.themeSections(part, from, themeTo), secs...)
	}
	p.walkBlocks(part, from, to, secs)
	for _, s := range part.Sections {
		if !s.Kind.Headed() {
			p.blockItems(s)
		}
	}
}

// sectionHeads returns the numbered section headings of lines [from, to)
// in order (（一）, （二）…), or 一、二、 under an unnumbered part heading.
func (p *parser) sectionHeads(part *Part, from, to int) ([]secHead, *regexp.Regexp) {
	heads := p.findSectionHeads(from, to, sectionHeadRE)
	if len(heads) == 0 && part.Number == "" && part.Kind != PartAppendix {
		if alt := p.findSectionHeads(from, to, sectionAltRE); len(alt) >= 2 {
			return alt, sectionAltRE
		}
	}
	return heads, sectionHeadRE
}

// findSectionHeads returns the lines in [from, to) that re matches with
// numbers in sequence, including headings cut after the opening bracket.
func (p *parser) findSectionHeads(from, to int, re *regexp.Regexp) []secHead {
	var heads []secHead
	next := 1
	for i := from; i < to; i++ {
		h, ok := p.sectionHeadAt(i, to, re)
		if !ok || cnNumber(strings.Trim(h.number, "(（)）、．")) != next {
			continue
		}
		next++
		heads = append(heads, h)
	}
	return heads
}

// sectionHeadAt reads a section heading at line i.
func (p *parser) sectionHeadAt(i, to int, re *regexp.Regexp) (secHead, bool) {
	t := p.lines[i].text
	if m := re.FindString(t); m != "" {
		return secHead{line: i, number: strings.TrimSpace(m)}, true
	}
	if re == sectionHeadRE && (t == "（" || t == "(") && i+1 < to {
		if m := sectionTailRE.FindString(p.lines[i+1].text); m != "" {
			return secHead{line: i, number: t + strings.TrimSpace(m), split: true}, true
		}
	}
	return secHead{}, false
}

// numberedSections builds the numbered sections of lines [from, to). A
// section runs to the next heading, or stops earlier at a salutation
// (各位代表！) or at dash-led paragraphs after its own; when every section
// but the last is one paragraph, the last one is too.
func (p *parser) numberedSections(part *Part, from, to int) []headed {
	heads, re := p.sectionHeads(part, from, to)
	var out []headed
	single := true
	for k, h := range heads {
		end := to
		if k+1 < len(heads) {
			end = heads[k+1].line
		}
		end = p.sectionStop(h, end)
		headLines := 1 + btoi(h.split)
		if k+1 < len(heads) && end-h.line > headLines {
			single = false
		}
		if k+1 == len(heads) && single && k > 0 && p.isInline(h) {
			end = h.line + headLines
		}
		out = append(out, headed{sec: p.numberedSection(part, h, end, re), start: h.line, end: end})
	}
	return out
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// isInline reports whether a section's body continues on its heading line.
func (p *parser) isInline(h secHead) bool {
	_, inl := inlineHeading(p.lines[h.line+btoi(h.split)].text)
	return inl
}

// sectionStop returns where a section that starts at h ends, at most at
// end: at a salutation, or at the first dash-led paragraph after
// paragraphs that are not.
func (p *parser) sectionStop(h secHead, end int) int {
	for j := h.line + 1 + btoi(h.split); j < end; j++ {
		t := p.lines[j].text
		if isSalutation(t) || isDashLed(t) && !isDashLed(p.lines[j-1].text) {
			return j
		}
	}
	return end
}

// isDashLed reports a paragraph led by a dash (——发展韧性持续增强。).
func isDashLed(s string) bool { return strings.HasPrefix(s, "—") }

// inlineHeading returns, for the paragraph text t, the byte end of its
// inline heading (up to, not including, the first 。) and whether the
// body continues after it.
func inlineHeading(t string) (end int, inline bool) {
	i := strings.IndexAny(t, "。！？!?")
	if i < 0 {
		return len(t), false
	}
	_, size := utf8.DecodeRuneInString(t[i:])
	rest := strings.TrimFunc(t[i+size:], isSpace)
	return i, rest != ""
}

// numberedSection builds the section headed at h that runs to line end.
func (p *parser) numberedSection(part *Part, h secHead, end int, re *regexp.Regexp) *Section {
	first := p.lines[h.line]
	hl := p.lines[h.line+btoi(h.split)] // the line with the title
	numEnd := len(re.FindString(hl.text))
	if h.split {
		numEnd = len(sectionTailRE.FindString(hl.text))
	}
	hEnd, inline := inlineHeading(hl.text)
	title := strings.TrimFunc(hl.text[numEnd:hEnd], isSpace)
	if title == "" && h.line+1 < end && !h.split {
		title = p.nextLineTitle(h.line + 1) // （一） alone on its line
	}
	sec := &Section{
		Kind:    SectionNumbered,
		Number:  h.number,
		Title:   title,
		Heading: p.idx.span(first.start, hl.start+hEnd),
		Inline:  inline,
		Span:    p.linesSpan(h.line, end),
		Part:    part,
	}
	sec.Label = sectionLabel(part, h.number, title)
	sec.Paragraphs = p.doc.Paragraphs[h.line:end:end]
	return sec
}

// nextLineTitle returns the opening of line i as the title of a section
// whose number stands alone on the line before.
func (p *parser) nextLineTitle(i int) string {
	next := p.lines[i].text
	te, _ := inlineHeading(next)
	title := strings.TrimFunc(next[:te], isSpace)
	if rs := []rune(title); len(rs) > maxItemTitleRunes {
		title = string(rs[:maxItemTitleRunes])
	}
	return title
}

// sectionLabel is 二(三) 聚焦交通畅行…, or 二、聚焦… for 一、 numbers.
func sectionLabel(part *Part, number, title string) string {
	sep := " "
	if strings.HasSuffix(number, "、") || strings.HasSuffix(number, "．") {
		sep = ""
	}
	return strings.TrimSpace(part.Number+number) + sep + title
}

// themeSections builds theme sections from the paragraphs of lines [from,
// to) that share an opening (这一年,我们坚持…; 这是…的五年。). Each runs to
// the next theme, or stops at a salutation or at numbered sections; when
// every theme but the last is one paragraph, the last one is too.
func (p *parser) themeSections(part *Part, from, to int) []headed {
	lines := p.themeLines(from, to)
	var out []headed
	single := true
	for k, li := range lines {
		end := to
		if k+1 < len(lines) {
			end = lines[k+1]
		}
		end = p.themeStop(li, end)
		if k+1 < len(lines) && end-li > 1 {
			single = false
		}
		if k+1 == len(lines) && single {
			end = li + 1 // themes of one paragraph each: so is the last
		}
		out = append(out, headed{sec: p.themeSection(part, li, end), start: li, end: end})
	}
	return out
}

// themeStop returns where a theme that starts at line li ends, at most at
// end: at a salutation or a dash-led paragraph.
func (p *parser) themeStop(li, end int) int {
	for j := li + 1; j < end; j++ {
		if t := p.lines[j].text; isSalutation(t) || isDashLed(t) {
			return j
		}
	}
	return end
}

// themeLines returns the lines in [from, to) that open with the theme
// prefix of the part, if it has one.
func (p *parser) themeLines(from, to int) []int {
	prefix := themePrefix(p.lines[from:to])
	if prefix == "" {
		return nil
	}
	var out []int
	for i := from; i < to; i++ {
		if isThemeLine(p.lines[i].text, prefix) {
			out = append(out, i)
		}
	}
	if len(out) > 0 && p.hasItemsBetween(out[0], out[len(out)-1]) {
		return nil // 一年来… paragraphs around 一是 items are not themes
	}
	return out
}

// hasItemsBetween reports whether a line in (from, to) is a 一是 or a
// dash-led paragraph, which themes never enclose.
func (p *parser) hasItemsBetween(from, to int) bool {
	for i := from + 1; i < to; i++ {
		if t := p.lines[i].text; ordinalRE.MatchString(t) || isDashLed(t) {
			return true
		}
	}
	return false
}

// isThemeLine reports whether t opens with the theme prefix and can head
// a theme.
func isThemeLine(t, prefix string) bool {
	if !strings.HasPrefix(t, prefix) {
		return false
	}
	n := runeLen(prefix)
	return n >= themePrefixRunes || isShortTheme(t)
}

// themePrefix finds the opening phrase that three or more paragraphs
// share: the first three characters, all CJK ideographs (这一年,我们坚持…),
// or the first two of short one-sentence paragraphs (这是…的五年。).
func themePrefix(lines []line) string {
	if p := sharedPrefix(lines, themePrefixRunes, func(string) bool { return true }); p != "" {
		return p
	}
	return sharedPrefix(lines, shortThemePrefixRunes, isShortTheme)
}

// isShortTheme reports a theme heading that is a paragraph of its own:
// one short sentence.
func isShortTheme(t string) bool {
	return runeLen(t) <= maxShortThemeRunes && strings.HasSuffix(t, "。") && strings.Count(t, "。") == 1
}

// sharedPrefix returns the most common opening of n ideographs among the
// lines that pass ok, if at least minThemeParagraphs lines share it.
func sharedPrefix(lines []line, n int, ok func(string) bool) string {
	count := map[string]int{}
	var order []string
	for _, l := range lines {
		k := hanPrefix(l.text, n)
		if k == "" || !ok(l.text) || ordinalRE.MatchString(l.text) || sectionHeadRE.MatchString(l.text) {
			continue
		}
		if count[k] == 0 {
			order = append(order, k)
		}
		count[k]++
	}
	best := ""
	for _, k := range order {
		if count[k] >= minThemeParagraphs && count[k] > count[best] {
			best = k
		}
	}
	return best
}

// hanPrefix returns the first n runes of s when they are all CJK
// ideographs and s is long enough to be a paragraph, else "".
func hanPrefix(s string, n int) string {
	if runeLen(s) < minThemeRunes {
		return ""
	}
	i := 0
	for k := 0; k < n; k++ {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.Is(unicode.Han, r) {
			return ""
		}
		i += size
	}
	return s[:i]
}

// themeSection builds the theme section headed at line li.
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
	sec.Paragraphs = p.doc.Paragraphs[li:end:end]
	return sec
}

// walkBlocks walks lines [from, to) in order, adding the headed sections
// where they start and grouping the other paragraphs into blocks named by
// their role.
func (p *parser) walkBlocks(part *Part, from, to int, secs []headed) {
	sortHeaded(secs)
	w := blockWalker{p: p, part: part}
	k := 0
	for i := from; i < to; {
		if k < len(secs) && secs[k].start == i {
			w.addHeaded(secs[k].sec)
			i = secs[k].end
			k++
			continue
		}
		w.addLine(i)
		i++
	}
}

// hasThemes reports the kinds of part that may have theme paragraphs.
func hasThemes(k PartKind) bool { return k == PartReview || k == PartFiveYear || k == PartOther }

// sortHeaded orders headed sections by their first line.
func sortHeaded(secs []headed) {
	for i := 1; i < len(secs); i++ {
		for j := i; j > 0 && secs[j].start < secs[j-1].start; j-- {
			secs[j], secs[j-1] = secs[j-1], secs[j]
		}
	}
}

// blockWalker groups a part's unheaded paragraphs into blocks.
type blockWalker struct {
	p                *parser
	part             *Part
	block            *Section
	nBlocks, nHeaded int
	after            bool // the part's main content (sections, items) has begun
	itemBody         bool // the paragraphs follow a 一是 heading that is a paragraph of its own
	listed           bool // the paragraphs follow 主要做了以下工作。
}

// Limits of the paragraphs that head or announce work.
const (
	maxHeadingParagraphRunes = 60 // 一是突出打好“六个攻坚战”，… as a paragraph of its own
	maxAnnounceRunes         = 40 // 五年来主要做了以下工作。
)

// continuesWork reports whether a paragraph of the given role, after a
// 一是 heading paragraph or an announced list, belongs to the work.
func continuesWork(kind SectionKind, text string) bool {
	switch kind {
	case SectionClosing, SectionIntro, SectionHeadline, SectionBody, SectionRequirements, SectionWork:
		return !isSalutation(text)
	}
	return false
}

// isHeadingParagraph reports a paragraph that is one sentence of heading
// length.
func isHeadingParagraph(t string) bool {
	return runeLen(t) <= maxHeadingParagraphRunes && len(splitSentences(t)) == 1 && strings.HasSuffix(t, "。")
}

// announcesList reports a short paragraph that announces the work that
// follows (主要做了以下工作。, 重点抓了以下工作：).
func announcesList(t string) bool {
	if runeLen(t) > maxAnnounceRunes {
		return false
	}
	return strings.HasSuffix(t, "：") || strings.HasSuffix(t, ":") || strings.Contains(t, lexicon.AnnounceWord) && hasSentenceEnd(t)
}

func (w *blockWalker) addHeaded(sec *Section) {
	w.nHeaded++
	sec.ID = fmt.Sprintf("%ss%d", w.part.ID, w.nHeaded)
	w.p.finishSection(sec)
	w.part.Sections = append(w.part.Sections, sec)
	w.block, w.after, w.listed, w.itemBody = nil, true, false, false
}

func (w *blockWalker) addLine(i int) {
	p := w.p
	text := p.lines[i].text
	kind := classify(w.part.Kind, text, w.after)
	if p.inSubheadRun(i) && kind != SectionHighlights && kind != SectionShortcomings && !isSalutation(text) {
		kind = SectionWork // 加强科技创新，驱动能源转型。… paragraphs in a row
	}
	if (w.itemBody || w.listed) && continuesWork(kind, text) {
		kind = SectionWork // the body of a 一是 heading, or an announced list
	}
	w.itemBody = kind == SectionWork && (w.itemBody || isHeadingParagraph(text) && ordinalRE.MatchString(text))
	// An announced list of 一是 paragraphs is left to them: it ends with them.
	w.listed = w.listed && kind == SectionWork && !ordinalRE.MatchString(text) || announcesList(text)
	if kind == SectionWork {
		w.after = true
	}
	if w.block == nil || w.block.Kind != kind {
		w.newBlock(kind, i)
	}
	w.block.Span.End = p.idx.ByteToRune(p.lines[i].end)
	para := p.doc.Paragraphs[i]
	para.Section = w.block
	w.block.Paragraphs = append(w.block.Paragraphs, para)
}

func (w *blockWalker) newBlock(kind SectionKind, i int) {
	p := w.p
	w.nBlocks++
	start := p.idx.ByteToRune(p.lines[i].start)
	w.block = &Section{
		ID:      fmt.Sprintf("%sb%d", w.part.ID, w.nBlocks),
		Kind:    kind,
		Title:   lexicon.BlockTitles[string(kind)],
		Part:    w.part,
		Heading: Span{Start: start, End: start},
		Span:    p.linesSpan(i, i+1),
	}
	w.block.Label = strings.TrimSpace(w.part.Number + " " + w.block.Title)
	w.part.Sections = append(w.part.Sections, w.block)
}

func shortcomingScore(s string) int {
	n := 0
	for _, w := range lexicon.ShortcomingWords {
		if strings.Contains(s, w) {
			n++
		}
	}
	return n
}

// classify names the role of an unheaded paragraph. after is true once the
// part's main content (sections, items) has begun.
func classify(kind PartKind, text string, after bool) SectionKind {
	review := kind == PartReview
	switch {
	case isDashLed(text):
		return SectionHighlights
	case ordinalRE.MatchString(text):
		return SectionWork
	case review && after && shortcomingScore(text) >= minShortcomingWords:
		return SectionShortcomings
	case review && !after && len(figureishRE.FindAllStringIndex(text, minHeadlineFigures+1)) >= minHeadlineFigures:
		return SectionHeadline
	case after:
		return SectionClosing
	case review:
		return SectionIntro
	case kind == PartPlan || kind == PartFiveYear:
		return SectionRequirements
	}
	return SectionBody
}

// inSubheadRun reports whether line i opens with a subheading sentence,
// and so does the line before or after it.
func (p *parser) inSubheadRun(i int) bool {
	if !opensWithSubhead(p.lines[i].text) {
		return false
	}
	return i > 0 && opensWithSubhead(p.lines[i-1].text) || i+1 < len(p.lines) && opensWithSubhead(p.lines[i+1].text)
}

// opensWithSubhead reports a paragraph that opens with a short heading
// sentence and goes on (加强科技创新，驱动能源转型。…).
func opensWithSubhead(t string) bool {
	if isDashLed(t) || ordinalRE.MatchString(t) || isSalutation(t) {
		return false
	}
	i := strings.Index(t, "。")
	return i > 0 && runeLen(t[:i]) < maxSubheadRunes && strings.TrimSpace(t[i+len("。"):]) != "" && !strings.ContainsAny(t[:i], "！？：:")
}

// figureishRE counts quantities, to spot a paragraph of headline figures.
var figureishRE = regexp.MustCompile(`\d+(?:\.\d+)?\s*(?:%|％|亿|万|个百分点)`)
