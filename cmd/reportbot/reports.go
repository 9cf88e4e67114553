package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
)

// reportJSON is one line of `reports --json`.
type reportJSON struct {
	File      string `json:"file"`
	Path      string `json:"path,omitempty"`
	Title     string `json:"title"`
	Region    string `json:"region"`
	Delivered string `json:"delivered"`
	Date      string `json:"date"`
	Status    string `json:"status"`
	Year      int    `json:"year"`
	Format    string `json:"format"`
	Encoding  string `json:"encoding"`
	Parts     int    `json:"parts"`
	Sections  int    `json:"sections"`
	Figures   int    `json:"figures"`
}

func (a *app) reportsCmd() *cobra.Command {
	return a.command("reports", "list the loaded reports",
		`Reports prints one line per loaded report (the embedded one when no --file,
--dir or --db is given): file, title, region, date of delivery, validity
status, format and encoding, and the numbers of parts, sections and figures
(PTS/SEC/FIG).
Format and encoding are empty for reports read back from --db.

--json prints one object per report (JSON Lines):
  {"file","path","title","region","delivered","date","status","year",
   "format","encoding","parts","sections","figures"}`,
		a.noArgs, append([]string{flagJSON}, inputFlags...),
		func(ctx context.Context, c *cobra.Command, args []string) error {
			lib, err := a.readReports(ctx)
			if err != nil {
				return err
			}
			t := newTable(column{"FILE", 14}, column{"TITLE", 10}, column{"REGION", 6}, column{"DELIVERED", 0},
				column{"STATUS", 6}, column{"FORMAT", 0}, column{"PTS/SEC/FIG", 0})
			for i, doc := range lib.docs {
				s := lib.srcs[i]
				j := reportJSON{File: s.Name, Path: s.Path, Title: doc.Title, Region: doc.Region, Delivered: doc.Delivered,
					Date: doc.ISODate, Status: doc.Status, Year: doc.Year, Format: s.Format, Encoding: s.Encoding,
					Parts: len(doc.Parts), Sections: headedSections(doc), Figures: len(doc.Figures)}
				if a.json {
					if err := a.writeJSON(j); err != nil {
						return err
					}
					continue
				}
				format := j.Format
				if j.Encoding != "" {
					format += "/" + j.Encoding
				}
				t.add(j.File, j.Title, j.Region, j.Delivered, j.Status, format, fmt.Sprintf("%d/%d/%d", j.Parts, j.Sections, j.Figures))
			}
			if a.json {
				return nil
			}
			return t.write(a.stdout)
		})
}
