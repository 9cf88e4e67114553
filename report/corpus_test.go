package report

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/reportbot/reportbot/lexicon"
)

// The development corpus (23 real 2026 provincial reports, as collected)
// and its hand-checked heading gold, in the module's testdata.
var (
	corpusDir     = filepath.Join("..", "testdata", "corpus", "2026")
	goldStructDir = filepath.Join("..", "testdata", "gold", "structure")
)

// corpusGold is a testdata/gold/structure/<stem>.structure.json: the
// header fields and the main parts and numbered sections of one report.
type corpusGold struct {
	File      string `json:"file"`
	Title     string `json:"title"`
	Region    string `json:"region"`
	Delivered string `json:"delivered"`
	Meeting   string `json:"meeting"`
	Speaker   string `json:"speaker"`
	Parts     []struct {
		Number   *string `json:"number"`
		Title    string  `json:"title"`
		Start    int     `json:"start"`
		End      int     `json:"end"`
		IsMain   bool    `json:"is_main"`
		Kind     string  `json:"kind"`
		Sections []struct {
			Number string `json:"number"`
			Title  string `json:"title"`
			Start  int    `json:"start"`
			End    int    `json:"end"`
			Inline bool   `json:"inline"`
		} `json:"sections"`
	} `json:"parts"`
}

// corpusFiles returns the corpus reports, skipping the test when the
// corpus is not there.
func corpusFiles(tb testing.TB) []string {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.txt"))
	if len(files) == 0 {
		tb.Skipf("no corpus in %s", corpusDir)
	}
	return files
}

// stem is the file name without directory and extension.
func stem(path string) string { return strings.TrimSuffix(filepath.Base(path), ".txt") }

// readCorpusGold reads the structure gold of a report, nil when there is
// none yet.
func readCorpusGold(tb testing.TB, name string) *corpusGold {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(goldStructDir, name+".structure.json"))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		tb.Fatal(err)
	}
	var g corpusGold
	if err := json.Unmarshal(b, &g); err != nil {
		tb.Fatalf("gold %s: %v", name, err)
	}
	return &g
}

// summary is the one-line view of a parse the corpus test logs: title |
// region | delivered | parts with their kinds and numbered sections.
func summary(doc *Report) string {
	var parts []string
	for _, p := range doc.Parts {
		n := 0
		for _, s := range p.Sections {
			if s.Kind == SectionNumbered {
				n++
			}
		}
		parts = append(parts, fmt.Sprintf("%s:%d %s", strings.TrimSpace(p.Number+" "+shortTitle(p.Title)), n, p.Kind))
	}
	return fmt.Sprintf("%s | %s | %s | %s", doc.Title, doc.Region, doc.Delivered, strings.Join(parts, "; "))
}

func shortTitle(s string) string {
	if rs := []rune(s); len(rs) > 12 {
		return string(rs[:12]) + "…"
	}
	return s
}

// TestCorpus parses every corpus report, checks the model's invariants,
// logs a summary line per report, and checks the header fields, every
// main part and every numbered section against the heading gold where
// there is gold. It is the parser's regression floor on real input.
func TestCorpus(t *testing.T) {
	for _, path := range corpusFiles(t) {
		name := stem(path)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc := mustParse(t, string(b))
			t.Log(summary(doc))
			checkNoFurnitureInReport(t, doc)
			if g := readCorpusGold(t, name); g != nil {
				checkCorpusHeader(t, doc, g)
				checkCorpusParts(t, doc, g)
			}
		})
	}
}

// checkNoFurnitureInReport checks that no paragraph overlaps a furniture
// line and that the title is not a navigation word, a caption, a field or
// a breadcrumb.
func checkNoFurnitureInReport(t *testing.T, doc *Report) {
	t.Helper()
	if lexicon.IsNavWord(doc.Title) || isCaptionLine(doc.Title) || isLabelLine(doc.Title) || lexicon.HasBreadcrumbSeparator(doc.Title) || doc.Title == "" {
		t.Errorf("Title = %q, want a title", doc.Title)
	}
	for _, f := range doc.Furniture {
		for _, para := range doc.Paragraphs {
			if para.Span.Overlaps(f) {
				t.Errorf("paragraph %s %q overlaps furniture %v", para.ID, squeeze(doc.Slice(para.Span)), f)
			}
		}
	}
}

// composedTitleRE splits a gold title that names no region (政府工作报告,
// 2026年政府工作报告) into its year and the rest.
var composedTitleRE = regexp.MustCompile(`^(?:(\d{4})年)?(政府工作报告)$`)

// titleMatches reports whether got is the gold title, or the title
// composed from the year and region when the gold title names no region.
func titleMatches(got string, g *corpusGold, year int) bool {
	if got == g.Title {
		return true
	}
	m := composedTitleRE.FindStringSubmatch(g.Title)
	return m != nil && got == fmt.Sprintf("%d年%s%s", year, g.Region, m[2])
}

func checkCorpusHeader(t *testing.T, doc *Report, g *corpusGold) {
	t.Helper()
	if !titleMatches(doc.Title, g, doc.Year) {
		t.Errorf("Title = %q, want %q (or composed from year and region)", doc.Title, g.Title)
	}
	for _, c := range []struct{ field, got, want string }{
		{"Region", doc.Region, g.Region},
		{"Delivered", doc.Delivered, g.Delivered},
		{"Meeting", doc.Meeting, g.Meeting},
		{"Speaker", doc.Speaker, g.Speaker},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
}

// checkCorpusParts compares the parts in order (number, title, kind,
// heading span, main) and, for main parts, every numbered section
// (number, title, heading span, inline), with no stray numbered section.
func checkCorpusParts(t *testing.T, doc *Report, g *corpusGold) {
	t.Helper()
	if len(doc.Parts) != len(g.Parts) {
		t.Errorf("%d parts, want %d:\n%s", len(doc.Parts), len(g.Parts), outlineOf(doc))
	}
	for i := range min(len(doc.Parts), len(g.Parts)) {
		p, gp := doc.Parts[i], g.Parts[i]
		num := ""
		if gp.Number != nil {
			num = *gp.Number
		}
		got := fmt.Sprintf("%s|%s|%s|%v|%v", p.Number, p.Title, p.Kind, p.Heading, p.Main)
		want := fmt.Sprintf("%s|%s|%s|%v|%v", num, gp.Title, gp.Kind, Span{gp.Start, gp.End}, gp.IsMain)
		if got != want {
			t.Errorf("part %d = %s, want %s", i+1, got, want)
		}
		if !gp.IsMain {
			continue
		}
		var secs []string
		for _, s := range p.Sections {
			if s.Kind == SectionNumbered {
				secs = append(secs, fmt.Sprintf("%s|%s|%v|%v", s.Number, s.Title, s.Heading, s.Inline))
			}
		}
		var want2 []string
		for _, gs := range gp.Sections {
			want2 = append(want2, fmt.Sprintf("%s|%s|%v|%v", gs.Number, gs.Title, Span{gs.Start, gs.End}, gs.Inline))
		}
		if strings.Join(secs, "\n") != strings.Join(want2, "\n") {
			t.Errorf("part %d %s sections:\n got  %q\n want %q", i+1, gp.Title, secs, want2)
		}
	}
}
