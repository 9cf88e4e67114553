package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reportbot/reportbot/report"
	"github.com/reportbot/reportbot/retrieve"
)

// JSON shapes of `sections --json`: a contract that scripts depend on.
type sectionsJSON struct {
	Title     string     `json:"title"`
	File      string     `json:"file"`
	Region    string     `json:"region,omitempty"`
	Delivered string     `json:"delivered,omitempty"`
	Meeting   string     `json:"meeting,omitempty"`
	Speaker   string     `json:"speaker,omitempty"`
	Source    string     `json:"source"`
	Date      string     `json:"date"`
	ISODate   string     `json:"iso_date,omitempty"`
	Status    string     `json:"status"`
	Year      int        `json:"year,omitempty"`
	Parts     []partJSON `json:"parts"`
}

type partJSON struct {
	ID       string        `json:"id"`
	Number   string        `json:"number"`
	Title    string        `json:"title"`
	Label    string        `json:"label"`
	Kind     string        `json:"kind"`
	Main     bool          `json:"is_main"`
	Start    int           `json:"start"` // the heading: 一、2023年工作总结
	End      int           `json:"end"`
	BodyEnd  int           `json:"body_end"`
	Sections []sectionJSON `json:"sections"` // headed sections: numbered and theme
	Blocks   []sectionJSON `json:"blocks"`   // unheaded blocks: headline, requirements, shortcomings…
}

type sectionJSON struct {
	ID     string     `json:"id"`
	Number string     `json:"number"`
	Kind   string     `json:"kind"`
	Title  string     `json:"title"`
	Label  string     `json:"label"`
	Start  int        `json:"start"` // the heading ((三)聚焦交通畅行,…), or the block's start
	End    int        `json:"end"`
	Inline bool       `json:"inline"`
	Body   spanJSON   `json:"body"`
	Items  []itemJSON `json:"items"`
}

type spanJSON struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

type itemJSON struct {
	ID      string   `json:"id"`
	Ordinal string   `json:"ordinal"`
	Title   string   `json:"title"`
	Label   string   `json:"label"`
	Start   int      `json:"start"` // the item's heading: 二是打通区域交通大动脉
	End     int      `json:"end"`
	Body    spanJSON `json:"body"`
}

func sectionsOf(doc *report.Report, file string) sectionsJSON {
	out := sectionsJSON{Title: doc.Title, File: file, Region: doc.Region, Delivered: doc.Delivered, Meeting: doc.Meeting, Speaker: doc.Speaker, Source: doc.Source, Date: doc.Date,
		ISODate: doc.ISODate, Status: doc.Status, Year: doc.Year, Parts: []partJSON{}}
	for _, p := range doc.Parts {
		pj := partJSON{ID: p.ID, Number: p.Number, Title: p.Title, Label: p.Label, Kind: string(p.Kind), Main: p.Main,
			Start: p.Heading.Start, End: p.Heading.End, BodyEnd: p.Span.End, Sections: []sectionJSON{}, Blocks: []sectionJSON{}}
		for _, s := range p.Sections {
			sj := sectionJSON{ID: s.ID, Number: s.Number, Kind: string(s.Kind), Title: s.Title, Label: s.Label,
				Start: s.Heading.Start, End: s.Heading.End, Inline: s.Inline, Body: spanJSON{s.Span.Start, s.Span.End}, Items: []itemJSON{}}
			if !s.Kind.Headed() {
				sj.Start, sj.End = s.Span.Start, s.Span.End
			}
			for _, it := range s.Items {
				sj.Items = append(sj.Items, itemJSON{ID: it.ID, Ordinal: it.Ordinal, Title: it.Title, Label: it.Label,
					Start: it.Heading.Start, End: it.Heading.End, Body: spanJSON{it.Span.Start, it.Span.End}})
			}
			if s.Kind.Headed() {
				pj.Sections = append(pj.Sections, sj)
			} else {
				pj.Blocks = append(pj.Blocks, sj)
			}
		}
		out.Parts = append(out.Parts, pj)
	}
	return out
}

// readReports loads the reports for commands that need no search index,
// restricted to --report.
func (a *app) readReports(ctx context.Context) (*library, error) {
	lib, err := a.loadReports(ctx, retrieve.WithoutVectors())
	if err != nil {
		return nil, err
	}
	idx, err := a.selected(lib)
	if err != nil {
		return nil, err
	}
	return lib.subset(idx), nil
}

func (a *app) sectionsCmd() *cobra.Command {
	return a.command("sections", "parts, sections and items of each report",
		`Sections prints each report's parts, sections and items as a tree, headed by
the report's title and file.

--json prints one object per report (JSON Lines when several are loaded):
  {"title","file","region","delivered","source","date","iso_date","status",
   "year","parts":[{"id","number","title","label","kind","is_main","start",
   "end","body_end","sections":[{"id","number","kind","title","label","start",
   "end","inline","body":{"start","end"},"items":[…]}],"blocks":[…]}]}`,
		a.noArgs, append([]string{flagJSON}, inputFlags...),
		func(ctx context.Context, c *cobra.Command, args []string) error {
			lib, err := a.readReports(ctx)
			if err != nil {
				return err
			}
			for i, doc := range lib.docs {
				if a.json {
					if err := a.writeJSON(sectionsOf(doc, lib.srcs[i].Name)); err != nil {
						return err
					}
					continue
				}
				if i > 0 {
					fmt.Fprintln(a.stdout)
				}
				printTree(a.stdout, doc, lib.srcs[i].Name)
			}
			return nil
		})
}

// printTree writes one report's structure, every line cut to the table
// width.
func printTree(w io.Writer, doc *report.Report, file string) {
	out := func(format string, args ...any) { fmt.Fprintln(w, fit(fmt.Sprintf(format, args...))) }
	out("%s", reportLabel(doc.Title, file))
	var meta []string
	if doc.Region != "" {
		meta = append(meta, doc.Region)
	}
	if doc.Delivered != "" {
		meta = append(meta, "delivered "+doc.Delivered)
	}
	if doc.Speaker != "" {
		meta = append(meta, "by "+doc.Speaker)
	}
	if doc.Source != "" {
		meta = append(meta, "来源 "+doc.Source)
	}
	if doc.Date != "" {
		meta = append(meta, "日期 "+doc.Date)
	}
	if doc.Status != "" {
		meta = append(meta, "⚠ "+doc.Status)
	}
	if len(meta) > 0 {
		out("%s", strings.Join(meta, " · "))
	}
	for pi, p := range doc.Parts {
		branch, stem := "├─ ", "│  "
		if pi == len(doc.Parts)-1 {
			branch, stem = "└─ ", "   "
		}
		kind := string(p.Kind)
		if !p.Main && p.Kind != report.PartAppendix {
			kind += ", appendix"
		}
		out("%s%s  %s [%s]", branch, p.ID, p.Label, kind)
		for si, s := range p.Sections {
			b2, s2 := "├─ ", "│  "
			if si == len(p.Sections)-1 {
				b2, s2 = "└─ ", "   "
			}
			label := s.Label
			if !s.Kind.Headed() {
				label = fmt.Sprintf("〔%s〕 %s", s.Kind, oneLine(doc.Slice(s.Span)))
			}
			out("%s%s%s  %s", stem, b2, s.ID, label)
			for ii, it := range s.Items {
				b3 := "├─ "
				if ii == len(s.Items)-1 {
					b3 = "└─ "
				}
				out("%s%s%s%s  %s %s", stem, s2, b3, it.ID, it.Ordinal, it.Title)
			}
		}
	}
	out("%d parts, %d sections, %d paragraphs, %d sentences, %d figures", len(doc.Parts), headedSections(doc), len(doc.Paragraphs), len(doc.Sentences), len(doc.Figures))
}

// headedSections counts the report's numbered and theme sections.
func headedSections(doc *report.Report) int {
	n := 0
	for _, s := range doc.Sections() {
		if s.Kind.Headed() {
			n++
		}
	}
	return n
}
