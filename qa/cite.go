package qa

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/reportbot/reportbot/answer"
	"github.com/reportbot/reportbot/report"
)

// citer numbers the citations of one answer, once per passage.
type citer struct {
	e    *Engine
	list []answer.Citation
	seen map[[3]int]int
}

func (e *Engine) newCiter() *citer { return &citer{e: e, seen: map[[3]int]int{}} }

// cite returns the marker number of the passage span of report d, adding
// it when it is new.
func (c *citer) cite(d int, span report.Span) int {
	key := [3]int{d, span.Start, span.End}
	if n, ok := c.seen[key]; ok {
		return n
	}
	doc := c.e.docs[d]
	ct := answer.Citation{
		N: len(c.list) + 1, Text: doc.Slice(span), Start: span.Start, End: span.End,
		Report: doc.Title, File: c.e.idx.Name(d), Date: doc.ISODate, Status: doc.Status,
	}
	if ch := c.e.idx.ChunkAt(d, span.Start); ch >= 0 {
		chunk := c.e.idx.Chunk(ch)
		ct.ID, ct.Label, ct.SectionID = chunk.ID, chunk.Label, chunk.SectionID
	} else if sec := doc.SectionAt(span.Start); sec != nil {
		ct.ID, ct.Label, ct.SectionID = sec.ID, sec.Label, sec.ID
	}
	c.list = append(c.list, ct)
	c.seen[key] = ct.N
	return ct.N
}

// marker is the [n] text of a citation number.
func marker(n int) string { return fmt.Sprintf("[%d]", n) }

// citations returns the collected citations, never nil.
func (c *citer) citations() []answer.Citation {
	if c.list == nil {
		return []answer.Citation{}
	}
	return c.list
}

// reports returns the titles of the cited reports, in order of first
// citation.
func (c *citer) reports() []string { return citedReports(c.list) }

// markerRE finds a citation marker in an answer's text.
var markerRE = regexp.MustCompile(`\[(\d+)\]`)

// dropUnused removes the citations text never marks (an ask's passage
// that a later choice replaced) and numbers the rest in order; it returns
// text and cits unchanged when every citation is marked.
func dropUnused(text string, cits []answer.Citation) (string, []answer.Citation) {
	used := map[int]bool{}
	for _, m := range markerRE.FindAllStringSubmatch(text, -1) {
		if n, err := strconv.Atoi(m[1]); err == nil {
			used[n] = true
		}
	}
	renum := map[int]int{}
	kept := make([]answer.Citation, 0, len(cits))
	for _, c := range cits {
		if used[c.N] {
			renum[c.N] = len(kept) + 1
			c.N = len(kept) + 1
			kept = append(kept, c)
		}
	}
	if len(kept) == len(cits) {
		return text, cits
	}
	var b strings.Builder
	last := 0
	for _, m := range markerRE.FindAllStringSubmatchIndex(text, -1) {
		n, _ := strconv.Atoi(text[m[2]:m[3]])
		if to, ok := renum[n]; ok {
			b.WriteString(text[last:m[0]])
			b.WriteString(marker(to))
			last = m[1]
		}
	}
	b.WriteString(text[last:])
	return b.String(), kept
}
