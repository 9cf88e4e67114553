package serve

import "github.com/reportbot/reportbot/report"

// The shapes of sections --json and figures --json, which scripts depend
// on; the server adds a report's index where it helps a page address the
// report. They mirror cmd/reportbot's (a package main, which nothing may
// import); TestContractsMatchCLI keeps the field names in step.

type sectionsJSON struct {
	Index     int        `json:"index"`
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
	Start  int        `json:"start"` // the heading, or the block's start
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

func sectionsOf(d int, doc *report.Report, file string) sectionsJSON {
	out := sectionsJSON{Index: d, Title: doc.Title, File: file, Region: doc.Region, Delivered: doc.Delivered, Meeting: doc.Meeting, Speaker: doc.Speaker, Source: doc.Source,
		Date: doc.Date, ISODate: doc.ISODate, Status: doc.Status, Year: doc.Year, Parts: []partJSON{}}
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

// figureJSON is one figure of figures --json.
type figureJSON struct {
	ID        string   `json:"id"`
	Raw       string   `json:"raw"`
	Start     int      `json:"start"`
	End       int      `json:"end"`
	Value     float64  `json:"value"`
	High      *float64 `json:"high"`
	Unit      string   `json:"unit"`
	UnitRaw   string   `json:"unit_as_written"`
	Scale     string   `json:"scale"`
	Absolute  float64  `json:"absolute"`
	Approx    bool     `json:"approx"`
	Qualifier *string  `json:"qualifier"`
	Kind      string   `json:"kind"`
	Rate      bool     `json:"rate"`
	Metric    string   `json:"metric"`
	Period    *string  `json:"period"`
	ChangeOf  *string  `json:"change_of"`
	Direction *string  `json:"direction"`
	SectionID *string  `json:"section_id"`
	Section   string   `json:"section,omitempty"`
	Sentence  string   `json:"sentence"`
	Report    string   `json:"report"`
	File      string   `json:"file"`
}

func figureOf(doc *report.Report, file string, f *report.Figure) figureJSON {
	j := figureJSON{ID: f.ID, Raw: f.Raw, Start: f.Span.Start, End: f.Span.End, Value: f.Value, Unit: f.Unit, UnitRaw: f.UnitAsWritten,
		Scale: f.Scale, Absolute: f.Absolute, Approx: f.Approx, Qualifier: strp(f.Qualifier), Kind: string(f.Kind), Rate: f.Rate,
		Metric: f.Metric, Period: strp(f.Period), ChangeOf: strp(f.ChangeOf), Direction: strp(string(f.Direction)),
		Report: doc.Title, File: file}
	if f.Range {
		j.High = &f.High
	}
	if f.Section != nil {
		j.SectionID, j.Section = strp(f.Section.ID), f.Section.Label
	}
	if f.Sentence != nil {
		j.Sentence = doc.Slice(f.Sentence.Span)
	}
	return j
}

// figureFilter holds the filters of figures: kind, period, section and
// metric, as the CLI's flags.
type figureFilter struct {
	kind, period, section, metric string
}

// pick returns the figures of doc that pass the filter, and whether the
// report has the section at all.
func (ff *figureFilter) pick(doc *report.Report) ([]*report.Figure, bool) {
	figs := doc.Figures
	if ff.metric != "" {
		figs = doc.FiguresByMetric(ff.metric)
	}
	keep := func(f *report.Figure) bool {
		return (ff.kind == "" || string(f.Kind) == ff.kind) && (ff.period == "" || f.Period == ff.period)
	}
	if ff.section != "" {
		sec := doc.FindSection(ff.section)
		if sec == nil {
			return nil, false
		}
		in := map[*report.Figure]bool{}
		for _, f := range doc.FiguresIn(sec.ID) {
			in[f] = true
		}
		inner := keep
		keep = func(f *report.Figure) bool { return in[f] && inner(f) }
	}
	out := []*report.Figure{}
	for _, f := range figs {
		if keep(f) {
			out = append(out, f)
		}
	}
	return out, true
}
