package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/reportbot/reportbot/qa"
)

// compareJSON is one line of `compare --json` and one row of --csv: every
// key is always present; what a report does not state is null.
type compareJSON struct {
	Report    string   `json:"report"`
	File      string   `json:"file"`
	Found     bool     `json:"found"`
	Metric    *string  `json:"metric"`
	Value     *float64 `json:"value"`
	High      *float64 `json:"high"`
	Unit      *string  `json:"unit"`
	Qualifier *string  `json:"qualifier"`
	Kind      *string  `json:"kind"`
	Period    *string  `json:"period"`
	Raw       *string  `json:"raw"`
	Start     *int     `json:"start"`
	End       *int     `json:"end"`
	Sentence  *string  `json:"sentence"`
}

// compareColumns are the keys of compareJSON, in order: the CSV header.
var compareColumns = []string{"report", "file", "found", "metric", "value", "high", "unit", "qualifier", "kind", "period", "raw", "start", "end", "sentence"}

func compareOf(r qa.CompareRow) compareJSON {
	j := compareJSON{Report: r.Report, File: r.File, Found: r.Found}
	if !r.Found {
		return j
	}
	j.Metric, j.Unit, j.Qualifier = strPtr(r.Metric), strPtr(r.Unit), strPtr(r.Qualifier)
	j.Kind, j.Period, j.Raw, j.Sentence = strPtr(r.Kind), strPtr(r.Period), strPtr(r.Raw), strPtr(r.Sentence)
	j.Value, j.Start, j.End = &r.Value, &r.Start, &r.End
	if r.High != 0 {
		j.High = &r.High
	}
	return j
}

// csvRecord is j as CSV cells; null is the empty cell.
func (j compareJSON) csvRecord() []string {
	s := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	f := func(p *float64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatFloat(*p, 'f', -1, 64)
	}
	i := func(p *int) string {
		if p == nil {
			return ""
		}
		return strconv.Itoa(*p)
	}
	return []string{j.Report, j.File, strconv.FormatBool(j.Found), s(j.Metric), f(j.Value), f(j.High), s(j.Unit),
		s(j.Qualifier), s(j.Kind), s(j.Period), s(j.Raw), i(j.Start), i(j.End), s(j.Sentence)}
}

func (a *app) compareCmd() *cobra.Command {
	var asCSV bool
	var format, out string
	c := a.command("compare TEXT", "one figure across the loaded reports",
		`Compare finds, in every loaded report (or the --report ones), the figure that
answers TEXT (2026年地区生产总值增长目标, 城镇新增就业): one row per report, in
load order, also for the reports that do not state it.

--json prints one object per report (JSON Lines), every key present, null
where the report does not state the figure:
  {"report","file","found","metric","value","high","unit","qualifier","kind",
   "period","raw","start","end","sentence"}
--csv prints the same columns as CSV with a header row. --format md|html|docx
writes a comparison note (a table citing each figure's sentence) instead, to
-o FILE or stdout. Otherwise a table that fits 80 columns.`,
		nil, append(append([]string{flagJSON}, inputFlags...), embedFlags...),
		func(ctx context.Context, c *cobra.Command, args []string) error {
			if format != "" {
				return a.compareBrief(ctx, args[0], format, out)
			}
			e, _, err := a.qaEngine(ctx, false)
			if err != nil {
				return err
			}
			rows, err := e.Compare(ctx, args[0], a.report)
			if err != nil {
				return err
			}
			switch {
			case a.json:
				for _, r := range rows {
					if err := a.writeJSON(compareOf(r)); err != nil {
						return err
					}
				}
				return nil
			case asCSV:
				w := csv.NewWriter(a.stdout)
				w.Write(compareColumns)
				for _, r := range rows {
					w.Write(compareOf(r).csvRecord())
				}
				w.Flush()
				return w.Error()
			}
			return a.printCompare(args[0], rows)
		})
	c.Args = func(c *cobra.Command, args []string) error {
		if asCSV && a.json || format != "" && (asCSV || a.json) {
			return a.usageErr(c, "--json, --csv and --format exclude each other")
		}
		return a.oneArg("TEXT")(c, args)
	}
	c.Example = `  reportbot --dir reports/2026 compare 2026年地区生产总值增长目标
  reportbot --dir reports/2026 compare --csv 城镇新增就业 > jobs.csv`
	c.Flags().BoolVar(&asCSV, "csv", false, "CSV with a header row, the columns of --json")
	c.Flags().StringVar(&format, "format", "", "a comparison note instead of the table: md, html or docx (also brief --compare TEXT)")
	c.Flags().StringVarP(&out, "output", "o", "", "write the note to `FILE` (required for docx on a terminal)")
	return c
}

// printCompare writes the rows as a table.
func (a *app) printCompare(text string, rows []qa.CompareRow) error {
	found := 0
	for _, r := range rows {
		if r.Found {
			found++
		}
	}
	fmt.Fprintln(a.stdout, fitHead(text, fmt.Sprintf(" — stated in %d of %d reports", found, len(rows))))
	t := newTable(column{"FILE", 18}, column{"REPORT", 10}, column{"FIGURE", 8}, column{"KIND", 0}, column{"PERIOD", 0}, column{"METRIC", 8})
	for _, r := range rows {
		if !r.Found {
			t.add(r.File, r.Report, "—", "", "", "")
			continue
		}
		t.add(r.File, r.Report, qualified(r.Raw, r.Qualifier), r.Kind, r.Period, r.Metric)
	}
	return t.write(a.stdout)
}
