package qa

import (
	"fmt"

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
func (c *citer) reports() []string {
	var out []string
	seen := map[string]bool{}
	for _, ct := range c.list {
		if !seen[ct.Report] {
			seen[ct.Report] = true
			out = append(out, ct.Report)
		}
	}
	return out
}
