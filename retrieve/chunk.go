package retrieve

import (
	"fmt"
	"strings"

	"github.com/reportbot/reportbot/report"
)

// DefaultChunkSize is the chunk budget in code points.
const DefaultChunkSize = 200

// Chunk is a retrievable passage: whole sentences of one section (and one
// item, when the section has items). Text is exactly the source between
// Start and End, in code points of its report.
type Chunk struct {
	ID        string // p2s3i2c1: section path and ordinal, stable across rebuilds
	ReportID  string // r1 for the first report
	Doc       int    // the report's index in the Index
	SectionID string // p2s3
	ItemID    string // p2s3i2, or ""
	Label     string // 二(三) 二是 打通区域交通大动脉
	// Plan is true for chunks of the plan for the coming year.
	Plan  bool
	Kind  string // review, plan, government, appendix, other, header
	Start int
	End   int
	Text  string
	// Heading is true when the chunk starts with its section's heading.
	Heading bool

	sentences []*report.Sentence
}

// ChunkReport splits a parsed report into chunks of at most size code
// points (0 means [DefaultChunkSize]), breaking only at sentence ends, never
// across sections or items. A sentence longer than size is a chunk of its
// own. The header (title, source, date) is one chunk.
func ChunkReport(doc *report.Report, reportID string, size int) []Chunk {
	if size <= 0 {
		size = DefaultChunkSize
	}
	var out []Chunk
	// Sentences are grouped by the unit they belong to: header, section
	// preamble, or item.
	type unit struct {
		id, sectionID, itemID, label, kind string
		plan                               bool
		sents                              []*report.Sentence
		headingEnd                         int
		partHeadingEnd                     int // the part heading that opens this unit
	}
	var units []*unit
	cur := (*unit)(nil)
	// Sentences come in text order, so the item that holds one is found
	// by a cursor that only moves forward within its section.
	var itemSec *report.Section
	itemAt := 0
	unitFor := func(s *report.Sentence) (key string, u *unit) {
		para := s.Paragraph
		if para.Part == nil {
			return "header", &unit{id: "h", label: doc.Title, kind: "header"}
		}
		part := para.Part
		sec := para.Section
		if sec == nil {
			return part.ID, &unit{id: part.ID, sectionID: part.ID, label: part.Label, kind: string(part.Kind), plan: part.Kind == report.PartPlan}
		}
		u = &unit{id: sec.ID, sectionID: sec.ID, label: sec.Label, kind: string(part.Kind), plan: part.Kind == report.PartPlan, headingEnd: sec.Heading.End}
		if sec != itemSec {
			itemSec, itemAt = sec, 0
		}
		for itemAt < len(sec.Items) && sec.Items[itemAt].Span.End <= s.Span.Start {
			itemAt++
		}
		if itemAt < len(sec.Items) && sec.Items[itemAt].Span.Start <= s.Span.Start {
			it := sec.Items[itemAt]
			u.id, u.itemID, u.label = it.ID, it.ID, it.Label
			u.headingEnd = 0
		}
		return u.id, u
	}
	lastKey := ""
	var pending []*report.Sentence // a part's heading line waits for its first section
	for _, s := range doc.Sentences {
		if p := s.Paragraph.Part; p != nil && s.Paragraph.Section == nil && s.Paragraph.Span == p.Heading {
			pending = append(pending, s)
			continue
		}
		key, u := unitFor(s)
		if cur == nil || key != lastKey {
			cur = u
			units = append(units, cur)
			lastKey = key
		}
		if len(pending) > 0 {
			cur.partHeadingEnd = pending[len(pending)-1].Span.End
		}
		cur.sents = append(cur.sents, pending...)
		pending = nil
		cur.sents = append(cur.sents, s)
	}
	if len(pending) > 0 { // a part with no body
		key, u := unitFor(pending[0])
		if cur == nil || key != lastKey {
			units = append(units, u)
			cur = u
		}
		cur.sents = append(cur.sents, pending...)
	}
	prefix := ""
	if reportID != "" && reportID != "r1" {
		prefix = reportID + "/"
	}
	ordinals := map[string]int{} // per unit ID, so a unit met twice keeps counting
	for _, u := range units {
		emit := func(ss []*report.Sentence) {
			if len(ss) == 0 {
				return
			}
			ordinals[u.id]++
			n := ordinals[u.id]
			start, end := ss[0].Span.Start, ss[len(ss)-1].Span.End
			c := Chunk{
				ID:        fmt.Sprintf("%s%sc%d", prefix, u.id, n),
				ReportID:  reportID,
				SectionID: u.sectionID,
				ItemID:    u.itemID,
				Label:     u.label,
				Plan:      u.plan,
				Kind:      u.kind,
				Start:     start,
				End:       end,
				Text:      doc.Slice(report.Span{Start: start, End: end}),
				Heading:   u.headingEnd > 0 && start < u.headingEnd,
				sentences: append([]*report.Sentence(nil), ss...),
			}
			out = append(out, c)
		}
		var group []*report.Sentence
		length := 0
		for _, s := range u.sents {
			l := s.Span.Len()
			// A standalone heading line stays with the sentence after it.
			onlyHeading := len(group) >= 1 && len(group) <= 2 && u.headingEnd > 0 && group[len(group)-1].Span.End <= u.headingEnd+1 ||
				len(group) == 1 && group[0].Span.End <= u.partHeadingEnd
			if len(group) > 0 && length+l > size && !onlyHeading {
				emit(group)
				group, length = nil, 0
			}
			group = append(group, s)
			length += l
		}
		emit(group)
	}
	return out
}

// Sentences returns the chunk's sentences, in order. The result must not
// be modified.
func (c *Chunk) Sentences() []*report.Sentence { return c.sentences }

// indexRunes appends the index text of the chunk, folded as by
// FoldDigits, to buf, without building the string.
func (c *Chunk) indexRunes(buf []rune) []rune {
	buf = foldRunes(c.Label, buf)
	buf = append(buf, '\n')
	return foldRunes(c.Text, buf)
}

// indexText is what the lexical index and the embedder see for a chunk:
// its label gives it the context of its section.
func (c *Chunk) indexText() string {
	var b strings.Builder
	b.WriteString(c.Label)
	b.WriteString("\n")
	b.WriteString(c.Text)
	return b.String()
}
