package ingest

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// readHTML returns the text of a web page's main content and the charset
// it was decoded from. See [Read] for the shape of the text.
//
// The page is decoded (BOM, then valid UTF-8, then the declared charset,
// then GB18030), parsed, and stripped of scripts, styles, forms, navigation,
// page headers and footers, sidebars and blocks that are mostly links
// (breadcrumbs, related links). The main content is the element that holds
// the most paragraph text, widened by up to two ancestors when they add only
// a little text (the title and dateline above the article). Each block
// element and each <br> ends a paragraph.
func readHTML(ctx context.Context, data []byte) (text, enc string, err error) {
	s, enc, err := decodeHTML(data)
	if err != nil {
		return "", "", err
	}
	if err := ctx.Err(); err != nil {
		return "", "", err
	}
	var paras []string
	if maxDepth(s) > maxHTMLDepth {
		// The tree builder is quadratic in nesting depth; read such pages
		// token by token instead.
		paras = flatText(s)
	} else {
		doc, err := html.Parse(strings.NewReader(s))
		if err != nil {
			return "", "", failf(ErrCorrupt, "the page cannot be parsed: %v", err)
		}
		if err := ctx.Err(); err != nil {
			return "", "", err
		}
		paras = mainText(doc)
	}
	text, err = joinParagraphs(paras)
	if err != nil {
		return "", "", failf(ErrNoText, "the page has no text in its body; if it loads the report with JavaScript, save the report itself")
	}
	return text, enc, nil
}

// maxHTMLDepth is the deepest element nesting read as a tree; deeper pages
// are read flat.
const maxHTMLDepth = 512

var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.-]+)`)

// decodeHTML decodes a page. Valid UTF-8 wins over a declared charset,
// because Chinese sites often declare gb2312 on UTF-8 pages; a declared
// Latin-1 on a page that reads as GB18030 is read as GB18030 for the same
// reason.
func decodeHTML(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
		if !utf8.Valid(data) {
			return "", "", badUTF8(data)
		}
		return string(data), encUTF8, nil
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		return decodeUTF16(data[2:], false, encUTF16LE)
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		return decodeUTF16(data[2:], true, encUTF16BE)
	case utf8.Valid(data):
		return string(data), encUTF8, nil
	}
	label := declaredCharset(data)
	e, name := charset.Lookup(label)
	switch {
	// No charset, a wrong UTF-8 or Latin-1 (windows-1252 in HTML's
	// labels) and the GB family are all read as GB18030.
	case e == nil, name == "utf-8", name == "gbk", name == "gb18030", name == "windows-1252":
		if name == "utf-8" && damagedUTF8(data) {
			return "", "", badUTF8(data)
		}
		s, _, err := decodeGB18030(data)
		if err != nil {
			return "", "", err
		}
		if name == "gbk" {
			return s, "GBK", nil
		}
		return s, encGB18030, nil
	}
	s, err := decodeWith(e, data)
	if err != nil {
		return "", "", err
	}
	return s, strings.ToUpper(name), nil
}

// declaredCharset returns the charset a page declares in a <meta> tag, or "".
func declaredCharset(data []byte) string {
	if _, name, _ := charset.DetermineEncoding(data, ""); name != "" && name != "windows-1252" {
		return name
	}
	head := data
	if len(head) > 8192 {
		head = head[:8192]
	}
	if m := metaCharset.FindSubmatch(head); m != nil {
		return string(m[1])
	}
	return ""
}

func decodeWith(e encoding.Encoding, data []byte) (string, error) {
	if e == simplifiedchinese.GBK || e == simplifiedchinese.GB18030 {
		s, _, err := decodeGB18030(data)
		return s, err
	}
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return "", failf(ErrEncoding, "the page does not decode in its declared charset: %v; save it as UTF-8", err)
	}
	s := normalizeNewlines(string(out))
	if err := checkDecoded(s); err != nil {
		return "", err
	}
	return s, nil
}

// maxDepth estimates how deep a page nests its elements, from its tags.
// Elements that close themselves implicitly (p, li, td…) are not counted.
func maxDepth(s string) int {
	z := html.NewTokenizer(strings.NewReader(s))
	depth, deepest := 0, 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return deepest
		case html.StartTagToken:
			name, _ := z.TagName()
			if !impliedEnd(atom.Lookup(name)) {
				depth++
				deepest = max(deepest, depth)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if !impliedEnd(atom.Lookup(name)) && depth > 0 {
				depth--
			}
		}
	}
}

func impliedEnd(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Li, atom.Dt, atom.Dd, atom.Option, atom.Tr, atom.Td, atom.Th,
		atom.Tbody, atom.Thead, atom.Tfoot, atom.Br, atom.Img, atom.Hr, atom.Meta,
		atom.Link, atom.Input, atom.Wbr, atom.Col, atom.Base, atom.Area, atom.Source:
		return true
	}
	return false
}

// junk is the elements whose content is never the report.
var junk = map[atom.Atom]bool{
	atom.Head: true, atom.Script: true, atom.Style: true, atom.Noscript: true,
	atom.Template: true, atom.Nav: true, atom.Aside: true, atom.Form: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Svg: true,
	atom.Math: true, atom.Button: true, atom.Select: true, atom.Textarea: true,
	atom.Input: true, atom.Canvas: true, atom.Audio: true, atom.Video: true,
	atom.Map: true, atom.Dialog: true, atom.Menu: true,
}

// junkRoles are ARIA landmark roles of page furniture.
var junkRoles = map[string]bool{
	"navigation": true, "banner": true, "contentinfo": true, "complementary": true,
	"search": true, "menu": true, "menubar": true,
}

// block is the elements that start and end a paragraph.
var block = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Blockquote: true, atom.Caption: true,
	atom.Center: true, atom.Dd: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true, atom.Footer: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Header: true, atom.Hr: true, atom.Li: true, atom.Main: true,
	atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true, atom.Table: true,
	atom.Tbody: true, atom.Td: true, atom.Th: true, atom.Thead: true, atom.Tfoot: true,
	atom.Tr: true, atom.Ul: true, atom.Body: true, atom.Html: true, atom.Legend: true,
	atom.Details: true, atom.Summary: true,
}

// Thresholds of the main-content choice.
const (
	// linkListDensity is the share of a block's text inside links above
	// which the block is navigation (a menu, a breadcrumb, related links).
	linkListDensity = 0.5
	// widenShare is how much text, as a share of the content block's, its
	// parent may add and still be taken in (a title and a dateline).
	widenShare = 0.25
	// widenLinkDensity is the most link text a widened block may hold.
	widenLinkDensity = 0.3
	// widenLevels is how many ancestors the content block may widen to.
	widenLevels = 2
)

// counts holds the text of a subtree, in non-space code points.
type counts struct {
	text, link, links int // all text, text inside <a>, number of <a>
	own               int // text of the node's own inline content (paragraph text)
}

// mainText returns the paragraphs of the page's main content.
func mainText(doc *html.Node) []string {
	body := findBody(doc)
	prune(body)
	c := countAll(body)
	pruneLinkLists(body, c)
	c = countAll(body)
	main := pickMain(body, c)
	return paragraphs(main)
}

func findBody(doc *html.Node) *html.Node {
	stack := []*html.Node{doc}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Type == html.ElementNode && n.DataAtom == atom.Body {
			return n
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return doc
}

// prune removes page furniture: junk elements, hidden elements, landmark
// roles of navigation, and <header>/<footer> outside an article.
func prune(root *html.Node) {
	stack := []*html.Node{root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if isFurniture(c) {
				n.RemoveChild(c)
			} else if c.Type == html.ElementNode {
				stack = append(stack, c)
			}
			c = next
		}
	}
}

func isFurniture(n *html.Node) bool {
	switch n.Type {
	case html.CommentNode, html.DoctypeNode:
		return true
	case html.ElementNode:
	default:
		return false
	}
	if junk[n.DataAtom] {
		return true
	}
	if (n.DataAtom == atom.Header || n.DataAtom == atom.Footer) && !inArticle(n) {
		return true
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "role":
			if junkRoles[strings.ToLower(strings.TrimSpace(a.Val))] {
				return true
			}
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "style":
			v := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(v, "display:none") || strings.Contains(v, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

func inArticle(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.Article || p.DataAtom == atom.Main {
			return true
		}
	}
	return false
}

// countAll counts the text of every subtree, children before parents.
func countAll(root *html.Node) map[*html.Node]*counts {
	out := map[*html.Node]*counts{}
	type frame struct {
		n    *html.Node
		done bool
	}
	stack := []frame{{n: root}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !f.done {
			stack = append(stack, frame{f.n, true})
			for c := f.n.FirstChild; c != nil; c = c.NextSibling {
				stack = append(stack, frame{n: c})
			}
			continue
		}
		n := f.n
		c := &counts{}
		out[n] = c
		if n.Type == html.TextNode {
			c.text = textLen(n.Data)
			c.own = c.text
			continue
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			cc := out[ch]
			c.text += cc.text
			c.link += cc.link
			c.links += cc.links
			if ch.Type == html.TextNode || ch.Type == html.ElementNode && !block[ch.DataAtom] {
				c.own += cc.text
			}
		}
		if n.DataAtom == atom.A {
			c.link = c.text
			c.links++
		}
	}
	return out
}

func textLen(s string) int {
	n := 0
	for _, r := range s {
		if !isSpace(r) {
			n++
		}
	}
	return n
}

// pruneLinkLists removes blocks that are mostly links, outermost first.
func pruneLinkLists(root *html.Node, c map[*html.Node]*counts) {
	stack := []*html.Node{root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for ch := n.FirstChild; ch != nil; {
			next := ch.NextSibling
			if ch.Type == html.ElementNode {
				cc := c[ch]
				if block[ch.DataAtom] && cc.links >= 2 && float64(cc.link) > linkListDensity*float64(cc.text) {
					n.RemoveChild(ch)
				} else {
					stack = append(stack, ch)
				}
			}
			ch = next
		}
	}
}

// pickMain returns the element holding the most paragraph text: each
// element's own inline text counts for itself and its parent in full and
// for its grandparent by half. The winner is widened by up to widenLevels
// ancestors that add little text and few links.
func pickMain(body *html.Node, c map[*html.Node]*counts) *html.Node {
	score := map[*html.Node]float64{}
	var best *html.Node
	var bestScore float64
	for n, cc := range c {
		if n.Type != html.ElementNode || cc.own == 0 {
			continue
		}
		own := float64(cc.own)
		score[n] += own
		if p := n.Parent; p != nil {
			score[p] += own
			if g := p.Parent; g != nil {
				score[g] += own / 2
			}
		}
	}
	for n, s := range score {
		if n.Type != html.ElementNode || n.DataAtom == atom.Html {
			continue
		}
		// Deeper wins a tie, then document order, so the choice does not
		// depend on map order.
		if best == nil || s > bestScore || s == bestScore && before(n, best) {
			best, bestScore = n, s
		}
	}
	if best == nil {
		return body
	}
	for i := 0; i < widenLevels && best != body; i++ {
		p := best.Parent
		if p == nil || p.Type != html.ElementNode || p.DataAtom == atom.Html {
			break
		}
		pc, bc := c[p], c[best]
		extra := pc.text - bc.text
		if float64(extra) > widenShare*float64(bc.text) || float64(pc.link) > widenLinkDensity*float64(max(pc.text, 1)) {
			break
		}
		best = p
	}
	return best
}

// before reports whether a is deeper than b or, at the same depth, comes
// first in the document.
func before(a, b *html.Node) bool {
	da, db := depth(a), depth(b)
	if da != db {
		return da > db
	}
	// Climb to the children of the common ancestor and compare their
	// order among siblings.
	for a.Parent != b.Parent {
		a, b = a.Parent, b.Parent
	}
	for s := a.NextSibling; s != nil; s = s.NextSibling {
		if s == b {
			return true
		}
	}
	return false
}

func depth(n *html.Node) int {
	d := 0
	for ; n != nil; n = n.Parent {
		d++
	}
	return d
}

// paragraphs writes out the text under root, a paragraph per block element
// and per <br>. White space collapses as a browser collapses it, and a line
// break between two Chinese characters disappears (CSS Text's segment break
// rule); <pre> keeps its lines.
func paragraphs(root *html.Node) []string {
	var w paraWriter
	type frame struct {
		n   *html.Node
		end bool
	}
	stack := []frame{{n: root}}
	pre := 0
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := f.n
		if f.end {
			if block[n.DataAtom] {
				w.flush()
			}
			if n.DataAtom == atom.Pre {
				pre--
			}
			continue
		}
		switch n.Type {
		case html.TextNode:
			w.text(n.Data, pre > 0)
			continue
		case html.ElementNode, html.DocumentNode:
		default:
			continue
		}
		switch {
		case n.DataAtom == atom.Br:
			w.flush()
			continue
		case block[n.DataAtom]:
			w.flush()
		}
		if n.DataAtom == atom.Pre {
			pre++
		}
		stack = append(stack, frame{n, true})
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, frame{n: c})
		}
	}
	w.flush()
	return w.paras
}

// flatText reads a page token by token: the text outside junk elements,
// a paragraph per block tag and <br>. It is the fallback for pages nested
// too deeply to build a tree of.
func flatText(s string) []string {
	var w paraWriter
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			w.flush()
			return w.paras
		case html.TextToken:
			if skip == 0 {
				w.text(string(z.Text()), false)
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if junk[a] && tt != html.SelfClosingTagToken {
				if tt == html.StartTagToken {
					skip++
				} else if skip > 0 {
					skip--
				}
			}
			if block[a] || a == atom.Br {
				w.flush()
			}
		}
	}
}

// paraWriter collects paragraphs with HTML white-space collapsing.
type paraWriter struct {
	paras   []string
	cur     strings.Builder
	last    rune // the last rune written to cur
	space   bool // white space is pending
	newline bool // the pending white space holds a line break
}

func (w *paraWriter) text(s string, pre bool) {
	for _, r := range s {
		if pre && r == '\n' {
			w.flush()
			continue
		}
		switch r {
		case ' ', '\t', '\n', '\r', '\f':
			if !pre {
				w.space = true
				w.newline = w.newline || r == '\n' || r == '\r'
				continue
			}
		case '\u00a0':
			r = ' '
		}
		if w.space && w.cur.Len() > 0 && !(w.newline && isWide(w.last) && isWide(r)) {
			w.cur.WriteByte(' ')
		}
		w.space, w.newline = false, false
		w.cur.WriteRune(r)
		w.last = r
	}
}

func (w *paraWriter) flush() {
	if w.cur.Len() > 0 {
		w.paras = append(w.paras, w.cur.String())
	}
	w.cur.Reset()
	w.space, w.newline, w.last = false, false, 0
}
