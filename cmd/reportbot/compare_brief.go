package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/reportbot/reportbot/brief"
	"github.com/reportbot/reportbot/qa"
)

// compareBrief writes the comparison of text across the loaded reports as a
// note (md, html or docx) to out, or to stdout when out is "": the same
// rows as `compare`, each found figure citing its sentence.
func (a *app) compareBrief(ctx context.Context, text, format, out string) error {
	switch format {
	case "md", "markdown", "html", "docx":
	default:
		return usagef("compare: --format must be md, html or docx, not %q", format)
	}
	if format == "docx" && out == "" && isTerminal(a.stdout) {
		return usagef("compare: DOCX is binary; give -o FILE")
	}
	e, _, err := a.qaEngine(ctx, false)
	if err != nil {
		return err
	}
	rows, err := e.Compare(ctx, text, a.report)
	if err != nil {
		return err
	}
	c, err := brief.BuildCompare(text, briefRows(rows))
	if errors.Is(err, brief.ErrInvalidRow) {
		return fmt.Errorf("compare: %w", err)
	}
	if err != nil {
		return err
	}
	b, err := c.Render(format)
	if err != nil {
		return err
	}
	if out == "" {
		_, err = a.stdout.Write(b)
		return err
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		return fmt.Errorf("compare: %w", err)
	}
	fmt.Fprintf(a.stderr, "wrote %s (%d bytes)\n", out, len(b))
	return nil
}

// briefRows copies the engine's rows into the brief's.
func briefRows(rows []qa.CompareRow) []brief.CompareRow {
	out := make([]brief.CompareRow, len(rows))
	for i, r := range rows {
		out[i] = brief.CompareRow{
			Report: r.Report, File: r.File, Found: r.Found, Metric: r.Metric, Value: r.Value, High: r.High,
			Unit: r.Unit, Qualifier: r.Qualifier, Kind: r.Kind, Period: r.Period, Raw: r.Raw,
			Start: r.Start, End: r.End, Sentence: r.Sentence,
		}
	}
	return out
}

// briefCompareArgs finds --compare TEXT (or --compare=TEXT) in brief's
// arguments, with --format and -o, before "--".
func briefCompareArgs(args []string) (text, format, out string, ok bool) {
	format = "md"
	for i := 0; i < len(args); i++ {
		arg := args[i]
		next := func() string {
			if i+1 < len(args) {
				i++
				return args[i]
			}
			return ""
		}
		switch {
		case arg == "--":
			return text, format, out, ok
		case arg == "--compare" || arg == "-compare":
			text, ok = next(), true
		case strings.HasPrefix(arg, "--compare="):
			text, ok = strings.TrimPrefix(arg, "--compare="), true
		case arg == "--format" || arg == "-format":
			format = next()
		case strings.HasPrefix(arg, "--format="):
			format = strings.TrimPrefix(arg, "--format=")
		case arg == "-o" || arg == "--o":
			out = next()
		}
	}
	return text, format, out, ok
}
