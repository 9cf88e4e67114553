package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/reportbot/reportbot/report"
	"github.com/reportbot/reportbot/seeds"
)

// JSON shapes of `sections --json`: a contract that scripts depend on.
type sectionsJSON struct {
	Title   string     `json:"title"`
	Source  string     `json:"source"`
	Date    string     `json:"date"`
	ISODate string     `json:"iso_date,omitempty"`
	Status  string     `json:"status"`
	Year    int        `json:"year,omitempty"`
	File    string     `json:"file,omitempty"`
	Parts   []partJSON `json:"parts"`
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
	out := sectionsJSON{Title: doc.Title, Source: doc.Source, Date: doc.Date, ISODate: doc.ISODate, Status: doc.Status, Year: doc.Year, File: file, Parts: []partJSON{}}
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

func cmdSections(_ context.Context, g *globals, args []string) error {
	fs := commandFlags(g, "sections", "sections [--json] [--file PATH]")
	if _, err := parseCommand(fs, args); err != nil {
		return err
	}
	docs, err := g.loadReports()
	if err != nil {
		return err
	}
	for i, doc := range docs {
		file := ""
		if i < len(g.files) {
			file = g.files[i]
		}
		if g.json {
			b, err := json.Marshal(sectionsOf(doc, file))
			if err != nil {
				return err
			}
			fmt.Fprintln(g.stdout, string(b))
			continue
		}
		printTree(g, doc)
	}
	return nil
}

func printTree(g *globals, doc *report.Report) {
	w := g.stdout
	fmt.Fprintln(w, doc.Title)
	var meta []string
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
		fmt.Fprintln(w, strings.Join(meta, " · "))
	}
	for pi, p := range doc.Parts {
		lastPart := pi == len(doc.Parts)-1
		branch, stem := "├─ ", "│  "
		if lastPart {
			branch, stem = "└─ ", "   "
		}
		kind := string(p.Kind)
		if !p.Main && p.Kind != report.PartAppendix {
			kind += ", appendix"
		}
		fmt.Fprintf(w, "%s%s  [%s] %s\n", branch, p.Label, kind, p.ID)
		for si, s := range p.Sections {
			last := si == len(p.Sections)-1
			b2, s2 := "├─ ", "│  "
			if last {
				b2, s2 = "└─ ", "   "
			}
			label := s.Label
			if !s.Kind.Headed() {
				label = fmt.Sprintf("〔%s〕 %s", s.Title, truncate(doc.Slice(s.Span), 24))
			}
			fmt.Fprintf(w, "%s%s%s  %s\n", stem, b2, label, s.ID)
			for ii, it := range s.Items {
				b3 := "├─ "
				if ii == len(s.Items)-1 {
					b3 = "└─ "
				}
				fmt.Fprintf(w, "%s%s%s%s %s  %s\n", stem, s2, b3, it.Ordinal, it.Title, it.ID)
			}
		}
	}
	fmt.Fprintf(w, "%d parts, %d paragraphs, %d sentences, %d figures\n", len(doc.Parts), len(doc.Paragraphs), len(doc.Sentences), len(doc.Figures))
}

// figureJSON is one line of `figures --json`: a contract.
type figureJSON struct {
	ID        string  `json:"id"`
	Raw       string  `json:"raw"`
	Start     int     `json:"start"`
	End       int     `json:"end"`
	Value     float64 `json:"value"`
	Unit      string  `json:"unit"`
	UnitRaw   string  `json:"unit_as_written"`
	Scale     string  `json:"scale"`
	Absolute  float64 `json:"absolute"`
	Approx    bool    `json:"approx"`
	Qualifier *string `json:"qualifier"`
	Kind      string  `json:"kind"`
	Rate      bool    `json:"rate"`
	Metric    string  `json:"metric"`
	Period    *string `json:"period"`
	ChangeOf  *string `json:"change_of"`
	Direction *string `json:"direction"`
	SectionID *string `json:"section_id"`
	Section   string  `json:"section,omitempty"`
	Sentence  string  `json:"sentence"`
	Report    string  `json:"report,omitempty"`
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func figureOf(doc *report.Report, f *report.Figure) figureJSON {
	j := figureJSON{ID: f.ID, Raw: f.Raw, Start: f.Span.Start, End: f.Span.End, Value: f.Value, Unit: f.Unit, UnitRaw: f.UnitAsWritten,
		Scale: f.Scale, Absolute: f.Absolute, Approx: f.Approx, Qualifier: strPtr(f.Qualifier), Kind: string(f.Kind), Rate: f.Rate,
		Metric: f.Metric, Period: strPtr(f.Period), ChangeOf: strPtr(f.ChangeOf), Direction: strPtr(string(f.Direction))}
	if f.Section != nil {
		j.SectionID, j.Section = strPtr(f.Section.ID), f.Section.Label
	}
	if f.Sentence != nil {
		j.Sentence = doc.Slice(f.Sentence.Span)
	}
	return j
}

func cmdFigures(_ context.Context, g *globals, args []string) error {
	fs := commandFlags(g, "figures", "figures [--json] [--kind actual|target|change] [--metric M] [--section ID] [--file PATH]")
	kind := fs.String("kind", "", "only figures of this `kind` (actual, target, change)")
	metric := fs.String("metric", "", "only figures whose metric matches `M` (规模以上工业总产值 finds 规上工业总产值)")
	section := fs.String("section", "", "only figures in the section with this `ID` (p2s3) or label (二(三))")
	if _, err := parseCommand(fs, args); err != nil {
		return err
	}
	switch *kind {
	case "", "actual", "target", "change":
	default:
		return usagef("figures: --kind must be actual, target or change, not %q", *kind)
	}
	docs, err := g.loadReports()
	if err != nil {
		return err
	}
	for _, doc := range docs {
		figs := doc.Figures
		if *metric != "" {
			figs = doc.FiguresByMetric(*metric)
		}
		if *section != "" {
			sec := doc.FindSection(*section)
			if sec == nil {
				return fmt.Errorf("figures: no section %q in %s", *section, doc.Title)
			}
			in := map[*report.Figure]bool{}
			for _, f := range doc.FiguresIn(sec.ID) {
				in[f] = true
			}
			figs = filterFigs(figs, func(f *report.Figure) bool { return in[f] })
		}
		if *kind != "" {
			figs = filterFigs(figs, func(f *report.Figure) bool { return string(f.Kind) == *kind })
		}
		if g.json {
			for _, f := range figs {
				j := figureOf(doc, f)
				if len(docs) > 1 {
					j.Report = doc.Title
				}
				b, err := json.Marshal(j)
				if err != nil {
					return err
				}
				fmt.Fprintln(g.stdout, string(b))
			}
			continue
		}
		printFigureTable(g, doc, figs)
	}
	return nil
}

func filterFigs(fs []*report.Figure, keep func(*report.Figure) bool) []*report.Figure {
	var out []*report.Figure
	for _, f := range fs {
		if keep(f) {
			out = append(out, f)
		}
	}
	return out
}

func printFigureTable(g *globals, doc *report.Report, figs []*report.Figure) {
	fmt.Fprintf(g.stdout, "%s — %d figures\n", doc.Title, len(figs))
	rows := [][]string{{"ID", "RAW", "VALUE", "UNIT", "KIND", "METRIC", "SECTION"}}
	for _, f := range figs {
		kind := string(f.Kind)
		if f.Direction != "" {
			kind += " " + map[report.Direction]string{report.Up: "↑", report.Down: "↓"}[f.Direction]
		}
		raw := withQualifier(f)
		sec := ""
		if f.Section != nil {
			sec = truncate(f.Section.Label, 14)
		}
		unit := f.Unit
		if f.Scale != "" {
			unit = f.Scale + "·" + f.Unit
		}
		rows = append(rows, []string{f.ID, raw, strconv.FormatFloat(f.Value, 'f', -1, 64), unit, kind, truncate(f.Metric, 18), sec})
	}
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			if i == len(r)-1 {
				b.WriteString(c)
			} else {
				b.WriteString(pad(c, widths[i]+2))
			}
		}
		fmt.Fprintln(g.stdout, strings.TrimRight(b.String(), " "))
	}
}

func cmdReports(_ context.Context, g *globals, args []string) error {
	fs := commandFlags(g, "reports", "reports [--json]")
	if _, err := parseCommand(fs, args); err != nil {
		return err
	}
	for _, name := range seeds.Names() {
		b, err := seeds.Read(name)
		if err != nil {
			return err
		}
		doc, err := report.ParseString(string(b))
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if g.json {
			j, _ := json.Marshal(map[string]any{"name": name, "title": doc.Title, "date": doc.ISODate, "status": doc.Status, "default": name == seeds.Default})
			fmt.Fprintln(g.stdout, string(j))
			continue
		}
		mark := " "
		if name == seeds.Default {
			mark = "*"
		}
		fmt.Fprintf(g.stdout, "%s %s  %s  %s %s\n", mark, name, doc.Title, doc.ISODate, doc.Status)
	}
	return nil
}

// withQualifier writes a figure with its qualifier where the text has it:
// 近500场, 30家以上.
func withQualifier(f *report.Figure) string {
	switch {
	case f.Qualifier == "" || strings.Contains(f.Raw, f.Qualifier):
		return f.Raw
	case strings.Contains("以上左右上下以内以下之多", f.Qualifier):
		return f.Raw + f.Qualifier
	}
	return f.Qualifier + f.Raw
}
