package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reportbot/reportbot/report"
)

// figureJSON is one line of `figures --json`: a contract.
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

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func figureOf(doc *report.Report, file string, f *report.Figure) figureJSON {
	j := figureJSON{ID: f.ID, Raw: f.Raw, Start: f.Span.Start, End: f.Span.End, Value: f.Value, Unit: f.Unit, UnitRaw: f.UnitAsWritten,
		Scale: f.Scale, Absolute: f.Absolute, Approx: f.Approx, Qualifier: strPtr(f.Qualifier), Kind: string(f.Kind), Rate: f.Rate,
		Metric: f.Metric, Period: strPtr(f.Period), ChangeOf: strPtr(f.ChangeOf), Direction: strPtr(string(f.Direction)),
		Report: doc.Title, File: file}
	if f.Range {
		j.High = &f.High
	}
	if f.Section != nil {
		j.SectionID, j.Section = strPtr(f.Section.ID), f.Section.Label
	}
	if f.Sentence != nil {
		j.Sentence = doc.Slice(f.Sentence.Span)
	}
	return j
}

// figureFilter holds the flags of `figures`.
type figureFilter struct {
	kind, period, section, metric string
}

// pick returns the figures of doc that pass the filter, and whether the
// report has the --section at all.
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
	var out []*report.Figure
	for _, f := range figs {
		if keep(f) {
			out = append(out, f)
		}
	}
	return out, true
}

func (a *app) figuresCmd() *cobra.Command {
	var ff figureFilter
	c := a.command("figures", "every figure: value, unit, kind, period, metric",
		`Figures lists the figures of each report: a table per report, headed by its
title and file, that fits 80 columns.

--json prints one object per figure (JSON Lines):
  {"id","raw","start","end","value","high","unit","unit_as_written","scale",
   "absolute","approx","qualifier","kind","rate","metric","period","change_of",
   "direction","section_id","section","sentence","report","file"}
kind is actual (a result), target (a goal) or change (a growth or decline
rate; change_of is the id of the figure it belongs to, direction up or down).`,
		nil, append([]string{flagJSON}, inputFlags...),
		func(ctx context.Context, c *cobra.Command, args []string) error {
			lib, err := a.readReports(ctx)
			if err != nil {
				return err
			}
			found := false
			for i, doc := range lib.docs {
				figs, ok := ff.pick(doc)
				found = found || ok
				if !ok {
					continue
				}
				if a.json {
					for _, f := range figs {
						if err := a.writeJSON(figureOf(doc, lib.srcs[i].Name, f)); err != nil {
							return err
						}
					}
					continue
				}
				if i > 0 {
					fmt.Fprintln(a.stdout)
				}
				if err := a.printFigures(lib, i, figs); err != nil {
					return err
				}
			}
			if !found {
				return fmt.Errorf("figures: no section %q in %s", ff.section, lib.summary(8))
			}
			return nil
		})
	c.Args = func(c *cobra.Command, args []string) error {
		switch ff.kind {
		case "", string(report.Actual), string(report.Target), string(report.Change):
		default:
			return a.usageErr(c, "--kind must be actual, target or change, not %q", ff.kind)
		}
		return a.noArgs(c, args)
	}
	c.Example = `  reportbot figures --kind target --period 2026
  reportbot figures --metric 规模以上工业总产值
  reportbot --dir reports figures --json --section 二(三)`
	fs := c.Flags()
	fs.StringVar(&ff.kind, "kind", "", "only figures of this `kind`: actual, target or change")
	fs.StringVar(&ff.period, "period", "", "only figures of this `period`: a year (2025), a span (2021-2025) or cumulative")
	fs.StringVar(&ff.section, "section", "", "only figures in the section with this `ID` (p2s3) or label (二(三))")
	fs.StringVar(&ff.metric, "metric", "", "only figures whose metric matches `M` (规模以上工业总产值 finds 规上工业总产值)")
	return c
}

// printFigures writes report i's figures as a table.
func (a *app) printFigures(lib *library, i int, figs []*report.Figure) error {
	fmt.Fprintln(a.stdout, fitHead(lib.label(i), fmt.Sprintf(" — %d figures", len(figs))))
	t := newTable(column{"ID", 0}, column{"FIGURE", 10}, column{"KIND", 0}, column{"PERIOD", 0}, column{"METRIC", 8}, column{"SECTION", 6})
	for _, f := range figs {
		kind := string(f.Kind)
		switch f.Direction {
		case report.Up:
			kind += " ↑"
		case report.Down:
			kind += " ↓"
		}
		sec := ""
		if f.Section != nil {
			sec = f.Section.Label
		}
		t.add(f.ID, withQualifier(f), kind, f.Period, f.Metric, sec)
	}
	return t.write(a.stdout)
}

// withQualifier writes a figure with its qualifier where the text has it:
// 近500场, 30家以上.
func withQualifier(f *report.Figure) string {
	return qualified(f.Raw, f.Qualifier)
}

func qualified(raw, q string) string {
	switch {
	case q == "" || strings.Contains(raw, q):
		return raw
	case strings.Contains("以上左右上下以内以下之多", q):
		return raw + q
	}
	return q + raw
}
