package retrieve

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/reportbot/reportbot/report"
)

// unitID is the section (or part, or "" in the header) a sentence belongs
// to, the unit a chunk must not cross.
func unitID(s *report.Sentence) string {
	p := s.Paragraph
	switch {
	case p.Part == nil:
		return ""
	case p.Section == nil:
		return p.Part.ID
	}
	return p.Section.ID
}

// isHeadingSentence reports whether s is its section's heading: it starts
// inside the heading and ends with it (or one code point after, at a 。).
func isHeadingSentence(s *report.Sentence) bool {
	if p := s.Paragraph.Part; p != nil && s.Paragraph.Section == nil && s.Paragraph.Span == p.Heading {
		return true // a part's heading line
	}
	sec := s.Paragraph.Section
	if sec == nil || sec.Heading.Len() == 0 {
		return false
	}
	h := sec.Heading
	return h.Start <= s.Span.Start && s.Span.Start < h.End && s.Span.End <= h.End+1
}

// itemOf is the item whose span holds the start of s, found by scanning:
// the reference for ChunkReport's cursor.
func itemOf(s *report.Sentence) *report.Item {
	sec := s.Paragraph.Section
	if sec == nil {
		return nil
	}
	for _, it := range sec.Items {
		if it.Span.Start <= s.Span.Start && s.Span.Start < it.Span.End {
			return it
		}
	}
	return nil
}

// checkChunks checks the chunking contract on one report.
func checkChunks(t *testing.T, d *report.Report, reportID string, size int, chunks []Chunk) {
	t.Helper()
	if len(chunks) == 0 {
		t.Fatalf("ChunkReport(%s) gave no chunks", reportID)
	}
	seen := map[*report.Sentence]string{}
	ids := map[string]bool{}
	for i, c := range chunks {
		where := c.ID
		if ids[c.ID] {
			t.Errorf("chunk ID %s is not unique", c.ID)
		}
		ids[c.ID] = true
		if c.ReportID != reportID {
			t.Errorf("%s: ReportID = %q, want %q", where, c.ReportID, reportID)
		}
		if got, ok := runeSlice(d.Text, c.Start, c.End); !ok || got != c.Text {
			t.Errorf("%s: [%d,%d) Text = %q, source slice = %q (in range: %v)", where, c.Start, c.End, c.Text, got, ok)
		}
		if !utf8.ValidString(c.Text) || strings.TrimSpace(c.Text) == "" {
			t.Errorf("%s: Text %q is not valid, non-blank UTF-8", where, c.Text)
		}
		if i > 0 && c.Start < chunks[i-1].End {
			t.Errorf("%s starts at %d, before the end of %s (%d): chunks must be ordered and disjoint", where, c.Start, chunks[i-1].ID, chunks[i-1].End)
		}
		ss := c.Sentences()
		if len(ss) == 0 {
			t.Errorf("%s has no sentences", where)
			continue
		}
		if first, last := ss[0], ss[len(ss)-1]; first.Span.Start != c.Start || last.Span.End != c.End {
			t.Errorf("%s: [%d,%d) but its sentences cover [%d,%d)", where, c.Start, c.End, first.Span.Start, last.Span.End)
		}
		total := 0
		for k, s := range ss {
			// A part's heading line opens the chunk of its first section.
			partHeading := s.Paragraph.Part != nil && s.Paragraph.Section == nil && s.Paragraph.Span == s.Paragraph.Part.Heading
			if partHeading && k == 0 {
				seen[s] = c.ID
				continue
			}
			if got := unitID(s); got != c.SectionID {
				t.Errorf("%s (section %q) holds sentence %s of section %q: a chunk must not cross a section", where, c.SectionID, s.ID, got)
			}
			if it := itemOf(s); !partHeading && (it == nil) != (c.ItemID == "") || it != nil && it.ID != c.ItemID {
				t.Errorf("%s (item %q) holds sentence %s of item %v", where, c.ItemID, s.ID, it)
			}
			if prev, dup := seen[s]; dup {
				t.Errorf("sentence %s is in chunks %s and %s", s.ID, prev, c.ID)
			}
			seen[s] = c.ID
			total += s.Span.Len()
		}
		if total > size {
			heading := len(ss) == 2 && isHeadingSentence(ss[0])
			if len(ss) > 1 && !heading {
				t.Errorf("%s: %d sentences of %d code points in all, over the budget %d", where, len(ss), total, size)
			}
		}
		if c.ItemID != "" && !strings.HasPrefix(c.ItemID, c.SectionID) {
			t.Errorf("%s: item %q is not in section %q", where, c.ItemID, c.SectionID)
		}
	}
	if len(seen) != len(d.Sentences) {
		t.Errorf("chunks hold %d of the report's %d sentences, want all", len(seen), len(d.Sentences))
	}
}

// testReports are the reports the chunk and index tests run on.
func testReports() []struct {
	name string
	doc  func(testing.TB) *report.Report
} {
	return []struct {
		name string
		doc  func(testing.TB) *report.Report
	}{
		{"seed", seedReport},
		{"guangxi", func(t testing.TB) *report.Report { return provincialReport(t, guangxiFile) }},
		{"jilin", func(t testing.TB) *report.Report { return provincialReport(t, jilinFile) }},
		{"2026-anhui", func(t testing.TB) *report.Report { return corpusReport(t, "anhui") }},
		{"2026-guangdong", func(t testing.TB) *report.Report { return corpusReport(t, "guangdong") }},
	}
}

func TestChunkReportInvariants(t *testing.T) {
	t.Parallel()
	for _, r := range testReports() {
		for _, size := range []int{0, 60, DefaultChunkSize, 500} {
			t.Run(r.name+"/size="+strconv.Itoa(size), func(t *testing.T) {
				t.Parallel()
				d := r.doc(t)
				budget := size
				if budget == 0 {
					budget = DefaultChunkSize
				}
				chunks := ChunkReport(d, "r2", size)
				checkChunks(t, d, "r2", budget, chunks)
				again := ChunkReport(d, "r2", size)
				if !slices.EqualFunc(chunks, again, func(a, b Chunk) bool {
					return a.ID == b.ID && a.Start == b.Start && a.End == b.End
				}) {
					t.Errorf("two ChunkReport calls gave different chunk IDs or spans")
				}
			})
		}
	}
}

// TestChunkIDsUnique checks that chunk IDs are unique within a report and
// that the vector store holds one document per chunk: chromem-go keys
// documents by ID, so a repeated ID would lose a chunk from vector search.
// (Regression test: part headings used to form a second "header" unit,
// hc1 twice, and a section's sentences after its items restarted its
// ordinal.)
func TestChunkIDsUnique(t *testing.T) {
	t.Parallel()
	for _, r := range testReports() {
		t.Run(r.name, func(t *testing.T) {
			d := r.doc(t)
			seen := map[string]Chunk{}
			for _, c := range ChunkReport(d, "r1", 0) {
				if p, dup := seen[c.ID]; dup {
					t.Errorf("chunk ID %s is used for [%d,%d) %q and [%d,%d) %q", c.ID, p.Start, p.End, p.Text, c.Start, c.End, c.Text)
				}
				seen[c.ID] = c
			}
			ix := buildIndex(t, []*report.Report{d})
			if got, want := ix.vec.colls[0].Count(), ix.Len(); got != want {
				t.Errorf("vector collection holds %d documents for %d chunks", got, want)
			}
		})
	}
}

// TestRegressionHeadingAlone: a standalone heading line stays with the
// sentence after it. At size 60 the seed once had p2s1c1 =
// "(一)聚焦产业升级,激发经济发展新动能" alone.
func TestRegressionHeadingAlone(t *testing.T) {
	d := seedReport(t)
	chunks := ChunkReport(d, "r1", 60)
	for i, c := range chunks {
		more := i+1 < len(chunks) && chunks[i+1].SectionID == c.SectionID && chunks[i+1].ItemID == c.ItemID
		if more && len(c.Sentences()) == 1 && isHeadingSentence(c.Sentences()[0]) {
			t.Errorf("chunk %s is a heading alone: %q", c.ID, c.Text)
		}
	}
}

// TestChunkIDsStable checks that IDs are the same across two builds, that
// chunks of a second report are prefixed so that IDs stay unique, and that
// a report's IDs do not depend on the other reports.
func TestChunkIDsStable(t *testing.T) {
	docs := []*report.Report{seedReport(t), provincialReport(t, guangxiFile)}
	a := buildIndex(t, docs, WithoutVectors()).Chunks()
	b := buildIndex(t, docs, WithoutVectors()).Chunks()
	ids := func(cs []Chunk) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	if !slices.Equal(ids(a), ids(b)) {
		t.Errorf("chunk IDs differ across two builds over the same reports")
	}
	seen := map[string]bool{}
	for _, c := range a {
		if seen[c.ID] {
			t.Errorf("chunk ID %s appears twice in a two-report index", c.ID)
		}
		seen[c.ID] = true
		if c.ReportID == "r2" && !strings.HasPrefix(c.ID, "r2/") {
			t.Errorf("chunk %s of the second report has no r2/ prefix", c.ID)
		}
	}
	solo := buildIndex(t, docs[:1], WithoutVectors()).Chunks()
	var seedChunks []Chunk
	for _, c := range a {
		if c.ReportID == "r1" {
			seedChunks = append(seedChunks, c)
		}
	}
	if !slices.Equal(ids(solo), ids(seedChunks)) {
		t.Errorf("the seed's chunk IDs change when a second report is loaded")
	}
}

// TestChunkAt checks the binary search against a scan, at every code
// point of two reports, in the gaps between chunks and out of range.
func TestChunkAt(t *testing.T) {
	t.Parallel()
	docs := []*report.Report{seedReport(t), provincialReport(t, jilinFile)}
	ix := buildIndex(t, docs, WithoutVectors())
	scan := func(d, pos int) int {
		for i := range ix.Len() {
			if c := ix.Chunk(i); c.Doc == d && c.Start <= pos && pos < c.End {
				return i
			}
		}
		return -1
	}
	for d, doc := range docs {
		n := doc.RuneLen()
		for pos := -2; pos <= n+1; pos++ {
			if got, want := ix.ChunkAt(d, pos), scan(d, pos); got != want {
				t.Fatalf("ChunkAt(%d, %d) = %d, want %d", d, pos, got, want)
			}
		}
	}
	for _, d := range []int{-1, 2, 100} {
		if got := ix.ChunkAt(d, 0); got != -1 {
			t.Errorf("ChunkAt(%d, 0) on 2 reports = %d, want -1", d, got)
		}
	}
}

func TestSentenceChunk(t *testing.T) {
	docs := []*report.Report{seedReport(t), provincialReport(t, guangxiFile)}
	ix := buildIndex(t, docs, WithoutVectors())
	for d, doc := range docs {
		for _, s := range doc.Sentences {
			i := ix.SentenceChunk(s)
			if i < 0 {
				t.Fatalf("SentenceChunk(%s of report %d) = -1", s.ID, d)
			}
			if !slices.Contains(ix.Chunk(i).Sentences(), s) {
				t.Errorf("SentenceChunk(%s) = %s, which does not hold it", s.ID, ix.Chunk(i).ID)
			}
		}
	}
	other := parseText(t, tinyReport)
	if got := ix.SentenceChunk(other.Sentences[0]); got != -1 {
		t.Errorf("SentenceChunk(a sentence of another report) = %d, want -1", got)
	}
}

func BenchmarkChunkReport(b *testing.B) {
	d := seedReport(b)
	b.ReportAllocs()
	for b.Loop() {
		ChunkReport(d, "r1", 0)
	}
}
