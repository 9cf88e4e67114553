package ingest

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pdfLine is a line of text on a page.
type pdfLine struct {
	x0, x1, y, size float64
	text            string
	indent          bool // starts with white space (an indent typed as spaces)
}

// Thresholds of the line and paragraph rebuilding, in multiples of the font
// size (em) or of the typical line spacing.
const (
	// sameLine is how far apart two baselines may be, in em, and still be
	// one line (superscripts and mixed fonts wobble).
	sameLine = 0.5
	// overprint is how close a repeat of the same text must start to be a
	// copy drawn for fake bold: within this share of an em and of the
	// text's own width (two l's in a row are not a copy).
	overprint = 0.3
	// wordGap is the gap, in em, between two runs of Latin text, digits or
	// ASCII punctuation that is a space the PDF did not draw; tabGap is the
	// gap that is a space in any script (tabs, spread-out fields).
	wordGap = 0.15
	tabGap  = 1.0
	// indentEm is how far right of the margin, in em, a line starts to be
	// indented.
	indentEm = 0.8
	// shortEm is how far left of the right edge, in em, a line ends to be
	// short (the last line of a paragraph).
	shortEm = 1.5
	// sizeChange is the relative change of font size that starts a new
	// paragraph (a heading, a title).
	sizeChange = 0.15
	// paraGap is the vertical gap, in typical line spacings, that separates
	// paragraphs; furnitureGap the gap that sets a header or footer apart
	// from the body.
	paraGap      = 1.8
	furnitureGap = 1.5
	// furnitureShare is the share of pages a header or footer must repeat
	// on (and at least two).
	furnitureShare = 0.4
)

// layout turns each page's text runs into paragraphs: runs into lines, page
// headers, footers and page numbers dropped, then lines joined into
// paragraphs. A line starts a new paragraph when it is indented, starts
// with a heading number (一、 （一） 1.), follows a line ending in
// 。！？： or a short line, changes the font size, or stands apart from
// the line above. The lines of a paragraph are joined without a space
// between Chinese characters; between two Latin letters or digits a
// space is kept when the PDF had one (a letter and a letter always get one,
// as Latin text wraps at spaces). Spaces inside a line are kept as drawn.
func layout(pages [][]textRun) []string {
	lines := make([][]pdfLine, len(pages))
	for i, runs := range pages {
		lines[i] = pageLines(runs)
	}
	lead := typicalLeading(lines)
	lines = dropFurniture(lines, lead)
	return buildParagraphs(lines, lead)
}

// pageLines groups a page's runs into lines, top to bottom, each read left
// to right.
func pageLines(runs []textRun) []pdfLine {
	runs = slices.Clone(runs)
	slices.SortStableFunc(runs, func(a, b textRun) int {
		switch {
		case a.y > b.y:
			return -1
		case a.y < b.y:
			return 1
		}
		return 0
	})
	var out []pdfLine
	for i := 0; i < len(runs); {
		j := i + 1
		for j < len(runs) && math.Abs(runs[j].y-runs[i].y) <= sameLine*math.Min(runs[i].size, runs[j].size) {
			j++
		}
		if l, ok := makeLine(runs[i:j]); ok {
			out = append(out, l)
		}
		i = j
	}
	return out
}

// makeLine builds a line from runs on one baseline.
func makeLine(runs []textRun) (pdfLine, bool) {
	slices.SortStableFunc(runs, func(a, b textRun) int {
		switch {
		case a.x0 < b.x0:
			return -1
		case a.x0 > b.x0:
			return 1
		}
		return 0
	})
	var b strings.Builder
	l := pdfLine{x0: math.Inf(1), x1: math.Inf(-1)}
	var prev *textRun
	var sizes = map[float64]int{}
	for k := range runs {
		r := &runs[k]
		blank := strings.TrimFunc(r.text, isSpace) == ""
		if prev != nil && r.text == prev.text && math.Abs(r.x0-prev.x0) < overprint*math.Min(r.size, r.x1-r.x0) {
			continue // the same text drawn again, slightly offset, for fake bold
		}
		if prev != nil && b.Len() > 0 {
			last, _ := utf8.DecodeLastRuneInString(b.String())
			first, _ := utf8.DecodeRuneInString(r.text)
			gap := r.x0 - prev.x1
			em := math.Max(r.size, prev.size)
			if !isSpace(last) && !isSpace(first) &&
				(gap > tabGap*em || gap > wordGap*em && !isWide(last) && !isWide(first)) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(r.text)
		prev = r
		if blank {
			if l.x0 == math.Inf(1) {
				l.indent = true
			}
			continue
		}
		l.x0 = math.Min(l.x0, r.x0)
		l.x1 = math.Max(l.x1, r.x1)
		sizes[math.Round(r.size*2)/2] += utf8.RuneCountInString(r.text)
	}
	l.text = b.String()
	if l.x0 == math.Inf(1) {
		return pdfLine{}, false
	}
	l.y = runs[0].y
	l.size = mode(sizes)
	if first, _ := utf8.DecodeRuneInString(l.text); isSpace(first) {
		l.indent = true
	}
	return l, true
}

// mode returns the key with the highest count, the larger key on a tie.
func mode(counts map[float64]int) float64 {
	best, n := 0.0, -1
	for k, c := range counts {
		if c > n || c == n && k > best {
			best, n = k, c
		}
	}
	return best
}

// typicalLeading returns the median distance between consecutive lines.
func typicalLeading(pages [][]pdfLine) float64 {
	var d []float64
	for _, p := range pages {
		for i := 1; i < len(p); i++ {
			if g := p[i-1].y - p[i].y; g > 0 {
				d = append(d, g)
			}
		}
	}
	if len(d) == 0 {
		return 0
	}
	slices.Sort(d)
	return d[len(d)/2]
}

var pageNumberRE = regexp.MustCompile(`^(?:[-—–－_~·•\s]*\d{1,4}[-—–－_~·•\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|(?i:page)\s*\d{1,4}(?:\s*(?i:of|/)\s*\d{1,4})?|[-—–－\s]*[ivxlcdm]{1,6}[-—–－\s]*)$`)

// dropFurniture removes page headers, footers and page numbers: lines at
// the top or bottom of a page, set apart from the body, that are a page
// number or repeat at the same height on other pages.
func dropFurniture(pages [][]pdfLine, lead float64) [][]pdfLine {
	if lead <= 0 {
		return pages
	}
	seen := map[string]int{}
	for _, p := range pages {
		keys := map[string]bool{}
		for _, l := range edgeLines(p, lead) {
			keys[furnitureKey(l)] = true
		}
		for k := range keys {
			seen[k]++
		}
	}
	need := max(2, int(math.Ceil(furnitureShare*float64(len(pages)))))
	out := make([][]pdfLine, len(pages))
	for i, p := range pages {
		drop := map[int]bool{}
		top, bottom := 0, len(p)-1
		for n := 0; n < 2 && top < bottom; n++ {
			if !apart(p, top, top+1, lead) || !isPageFurniture(p[top], seen, need) {
				break
			}
			drop[top] = true
			top++
		}
		for n := 0; n < 2 && bottom > top; n++ {
			if !apart(p, bottom-1, bottom, lead) || !isPageFurniture(p[bottom], seen, need) {
				break
			}
			drop[bottom] = true
			bottom--
		}
		if len(p) == 1 && pageNumberRE.MatchString(strings.TrimSpace(p[0].text)) {
			drop[0] = true
		}
		for j, l := range p {
			if !drop[j] {
				out[i] = append(out[i], l)
			}
		}
	}
	return out
}

// edgeLines returns the up to two lines at the top and at the bottom of a
// page that stand apart from the lines next to them.
func edgeLines(p []pdfLine, lead float64) []pdfLine {
	var out []pdfLine
	for i := 0; i < 2 && i+1 < len(p); i++ {
		if apart(p, i, i+1, lead) {
			out = append(out, p[i])
		}
	}
	for i := len(p) - 1; i > len(p)-3 && i > 0; i-- {
		if apart(p, i-1, i, lead) {
			out = append(out, p[i])
		}
	}
	return out
}

// apart reports whether lines i and j of a page are further apart than the
// body's line spacing, or differ in size as a header differs from the body.
func apart(p []pdfLine, i, j int, lead float64) bool {
	if i < 0 || j >= len(p) {
		return false
	}
	small := math.Min(p[i].size, p[j].size) < (1-sizeChange)*math.Max(p[i].size, p[j].size)
	return p[i].y-p[j].y > furnitureGap*lead || small
}

// furnitureKey identifies a header or footer across pages: its text with
// digits and spaces dropped, and its height.
func furnitureKey(l pdfLine) string {
	t := strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) || isSpace(r) {
			return -1
		}
		return r
	}, l.text)
	return t + "@" + itoa(int(math.Round(l.y/4)))
}

func isPageFurniture(l pdfLine, seen map[string]int, need int) bool {
	if pageNumberRE.MatchString(strings.TrimSpace(l.text)) {
		return true
	}
	return seen[furnitureKey(l)] >= need
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

var headingRE = regexp.MustCompile(`^(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百]+[）)]|[（(]\d{1,3}[）)]|\d{1,3}[、．.](?:\D|$)|第[一二三四五六七八九十百零\d]+[章节条部分篇])`)

// pageGeometry is the body's left margin and right edge on a page.
type pageGeometry struct{ left, right float64 }

func geometry(p []pdfLine) pageGeometry {
	if len(p) == 0 {
		return pageGeometry{}
	}
	lefts := map[float64]int{}
	var rights []float64
	for _, l := range p {
		lefts[math.Round(l.x0)]++
		rights = append(rights, l.x1)
	}
	slices.Sort(rights)
	// The left margin is where most lines start; the right edge is where
	// the longest lines end, ignoring the odd one that sticks out.
	return pageGeometry{left: modeMin(lefts), right: rights[(len(rights)*9)/10]}
}

// modeMin returns the most common key, the smallest on a tie.
func modeMin(counts map[float64]int) float64 {
	best, n := 0.0, -1
	for k, c := range counts {
		if c > n || c == n && k < best {
			best, n = k, c
		}
	}
	return best
}

// Thresholds of telling an indented layout.
const (
	// indentedShare is the share of lines after a short line that must be
	// indented for the layout to mark paragraphs by indenting.
	indentedShare = 0.8
	// indentedMin is the fewest such lines that say so.
	indentedMin = 3
)

// buildParagraphs joins lines into paragraphs across pages.
func buildParagraphs(pages [][]pdfLine, lead float64) []string {
	geos := make([]pageGeometry, len(pages))
	for i, p := range pages {
		geos[i] = geometry(p)
	}
	b := paraBuilder{lead: lead, indented: marksByIndent(pages, geos)}
	var paras []string
	var cur strings.Builder
	var prev *pdfLine
	var prevGeo pageGeometry
	for pi, p := range pages {
		geo := geos[pi]
		for i := range p {
			l := &p[i]
			samePage := i > 0
			if prev == nil || b.starts(prev, l, prevGeo, geo, samePage) {
				if cur.Len() > 0 {
					paras = append(paras, cur.String())
					cur.Reset()
				}
				cur.WriteString(l.text)
			} else {
				joined := joinLines(cur.String(), l.text)
				cur.Reset()
				cur.WriteString(joined)
			}
			prev, prevGeo = l, geo
		}
	}
	if cur.Len() > 0 {
		paras = append(paras, cur.String())
	}
	return paras
}

// paraBuilder decides where paragraphs start.
type paraBuilder struct {
	lead float64
	// indented is true when the document marks paragraphs by indenting
	// their first line. Then a line that ends in 。 at the right edge is
	// not a paragraph's end unless the next line is indented: sentences
	// end at the right edge by chance about once in thirty lines, and
	// splitting there would cut paragraphs (and sections) in two.
	indented bool
}

func (b paraBuilder) starts(prev, l *pdfLine, prevGeo, geo pageGeometry, samePage bool) bool {
	text := strings.TrimLeftFunc(l.text, isSpace)
	switch {
	case isIndented(l, geo):
		return true
	case headingRE.MatchString(text):
		return true
	case !b.indented && endsSentence(prev.text):
		return true
	case isShort(prev, l, prevGeo):
		return true
	case math.Abs(l.size-prev.size) > sizeChange*math.Max(l.size, prev.size):
		return true
	case samePage && b.lead > 0 && prev.y-l.y > paraGap*b.lead:
		return true
	}
	return false
}

func isIndented(l *pdfLine, geo pageGeometry) bool {
	return l.indent || l.x0 > geo.left+indentEm*l.size
}

// isShort reports whether line l ends short of the right edge: by more
// than shortEm, and by more than the first word of the next line would
// have needed (ragged Latin text ends lines early by up to a word).
func isShort(l, next *pdfLine, geo pageGeometry) bool {
	room := geo.right - l.x1
	return room > shortEm*l.size && room > firstWordWidth(next)+0.5*l.size
}

// firstWordWidth estimates how wide the first word of a line is: its
// letters or digits, or its first character in Chinese text, at the
// line's average character width.
func firstWordWidth(l *pdfLine) float64 {
	t := strings.TrimLeftFunc(l.text, isSpace)
	n := 0
	for _, r := range t {
		if !isWordChar(r) {
			break
		}
		n++
	}
	total := utf8.RuneCountInString(t)
	if n == 0 || total == 0 {
		return 0
	}
	return float64(n) * (l.x1 - l.x0) / float64(total)
}

// marksByIndent reports whether the lines that follow a short line (which
// start paragraphs) are nearly all indented.
func marksByIndent(pages [][]pdfLine, geos []pageGeometry) bool {
	indented, all := 0, 0
	for pi, p := range pages {
		for i := 1; i < len(p); i++ {
			if !isShort(&p[i-1], &p[i], geos[pi]) || headingRE.MatchString(strings.TrimLeftFunc(p[i].text, isSpace)) {
				continue
			}
			all++
			if isIndented(&p[i], geos[pi]) {
				indented++
			}
		}
	}
	return indented >= indentedMin && float64(indented) >= indentedShare*float64(all)
}

// endsSentence reports whether a line ends a sentence or introduces what
// follows: 。！？： (or their ASCII forms), possibly inside closing quotes
// or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return isSpace(r) || strings.ContainsRune("”’」』）)】》\"'", r)
	})
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("。！？：!?:", r)
}

// joinLines joins the next line of a paragraph to the text so far. No
// space goes between Chinese characters or between Chinese text and
// anything. Between two Latin letters or digits a space the PDF drew at
// the line end is kept. A line of Latin text (a letter, possibly followed
// by ASCII punctuation) gets a space before a next line that starts with a
// letter or digit even when none was drawn, as Latin text wraps at spaces
// that PDFs leave out; digits wrapped onto digits join without one.
func joinLines(a, b string) string {
	ta := strings.TrimRightFunc(a, isSpace)
	tb := strings.TrimLeftFunc(b, isSpace)
	if ta == "" || tb == "" {
		return ta + tb
	}
	hadSpace := len(ta) < len(a) || len(tb) < len(b)
	last, _ := utf8.DecodeLastRuneInString(ta)
	first, _ := utf8.DecodeRuneInString(tb)
	if !isWordChar(first) {
		return ta + tb
	}
	word, _ := utf8.DecodeLastRuneInString(strings.TrimRight(ta, latinPunct))
	switch {
	case hadSpace && isWordChar(last):
	case !isWordChar(word):
		return ta + tb
	case unicode.IsDigit(word) && unicode.IsDigit(first):
		return ta + tb
	}
	return ta + " " + tb
}

// latinPunct is the ASCII punctuation that may end a line of Latin text.
const latinPunct = ",.;:!?)]}'\""
