package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var update = flag.Bool("update", false, "update golden files")

// The golden views of a report: plain data with stable lowercase JSON
// names, no pointers, so a diff reads like the report.
type goldenReport struct {
	Title      string          `json:"title"`
	Region     string          `json:"region"`
	Meeting    string          `json:"meeting"`
	Delivered  string          `json:"delivered"`
	Speaker    string          `json:"speaker"`
	Source     string          `json:"source"`
	Date       string          `json:"date"`
	ISODate    string          `json:"iso_date"`
	Status     string          `json:"status"`
	Year       int             `json:"year"`
	ReviewYear int             `json:"review_year"`
	Header     Span            `json:"header"`
	Body       Span            `json:"body"`
	Furniture  []Span          `json:"furniture,omitempty"`
	Paragraphs int             `json:"paragraphs"`
	Sentences  int             `json:"sentences"`
	Parts      []goldenPart    `json:"parts"`
	Figures    []goldenFigureV `json:"figures,omitempty"`
}

type goldenPart struct {
	ID       string          `json:"id"`
	Number   string          `json:"number"`
	Title    string          `json:"title"`
	Label    string          `json:"label"`
	Kind     PartKind        `json:"kind"`
	Main     bool            `json:"main"`
	Heading  Span            `json:"heading"`
	Span     Span            `json:"span"`
	Sections []goldenSection `json:"sections"`
}

type goldenSection struct {
	ID         string       `json:"id"`
	Kind       SectionKind  `json:"kind"`
	Number     string       `json:"number,omitempty"`
	Title      string       `json:"title"`
	Label      string       `json:"label"`
	Heading    Span         `json:"heading"`
	Inline     bool         `json:"inline"`
	Span       Span         `json:"span"`
	Paragraphs int          `json:"paragraphs"`
	Items      []goldenItem `json:"items,omitempty"`
}

type goldenItem struct {
	ID      string `json:"id"`
	Ordinal string `json:"ordinal"`
	N       int    `json:"n"`
	Title   string `json:"title"`
	Label   string `json:"label"`
	Heading Span   `json:"heading"`
	Span    Span   `json:"span"`
}

type goldenFigureV struct {
	ID            string    `json:"id"`
	Raw           string    `json:"raw"`
	Span          Span      `json:"span"`
	Value         float64   `json:"value"`
	Unit          string    `json:"unit"`
	UnitAsWritten string    `json:"unit_as_written"`
	Scale         string    `json:"scale,omitempty"`
	Absolute      float64   `json:"absolute"`
	Approx        bool      `json:"approx"`
	Qualifier     string    `json:"qualifier,omitempty"`
	Kind          Kind      `json:"kind"`
	Rate          bool      `json:"rate"`
	Metric        string    `json:"metric"`
	Period        string    `json:"period,omitempty"`
	ChangeOf      string    `json:"change_of,omitempty"`
	Direction     Direction `json:"direction,omitempty"`
	Milestone     bool      `json:"milestone,omitempty"`
	Reached       bool      `json:"reached,omitempty"`
	Section       string    `json:"section,omitempty"`
}

// goldenOf builds the golden view of doc; figures are included when
// withFigures is set.
func goldenOf(doc *Report, withFigures bool) goldenReport {
	g := goldenReport{
		Title: doc.Title, Region: doc.Region, Meeting: doc.Meeting, Delivered: doc.Delivered, Speaker: doc.Speaker,
		Source: doc.Source, Date: doc.Date, ISODate: doc.ISODate, Status: doc.Status,
		Year: doc.Year, ReviewYear: doc.ReviewYear, Header: doc.Header, Body: doc.Body, Furniture: doc.Furniture,
		Paragraphs: len(doc.Paragraphs), Sentences: len(doc.Sentences),
	}
	for _, p := range doc.Parts {
		gp := goldenPart{ID: p.ID, Number: p.Number, Title: p.Title, Label: p.Label, Kind: p.Kind, Main: p.Main, Heading: p.Heading, Span: p.Span}
		for _, s := range p.Sections {
			gs := goldenSection{ID: s.ID, Kind: s.Kind, Number: s.Number, Title: s.Title, Label: s.Label, Heading: s.Heading, Inline: s.Inline, Span: s.Span, Paragraphs: len(s.Paragraphs)}
			for _, it := range s.Items {
				gs.Items = append(gs.Items, goldenItem{ID: it.ID, Ordinal: it.Ordinal, N: it.N, Title: it.Title, Label: it.Label, Heading: it.Heading, Span: it.Span})
			}
			gp.Sections = append(gp.Sections, gs)
		}
		g.Parts = append(g.Parts, gp)
	}
	if withFigures {
		for _, f := range doc.Figures {
			gf := goldenFigureV{
				ID: f.ID, Raw: f.Raw, Span: f.Span, Value: f.Value, Unit: f.Unit, UnitAsWritten: f.UnitAsWritten,
				Scale: f.Scale, Absolute: f.Absolute, Approx: f.Approx, Qualifier: f.Qualifier, Kind: f.Kind,
				Rate: f.Rate, Metric: f.Metric, Period: f.Period, ChangeOf: f.ChangeOf, Direction: f.Direction,
				Milestone: f.Milestone, Reached: f.Reached,
			}
			if f.Section != nil {
				gf.Section = f.Section.ID
			}
			g.Figures = append(g.Figures, gf)
		}
	}
	return g
}

// checkGolden compares got with the JSON in testdata/golden, or rewrites
// the file under -update.
func checkGolden(t *testing.T, golden string, got goldenReport) {
	t.Helper()
	path := filepath.Join("testdata", golden)
	if *update {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(got); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("updated %s", path)
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file: %v (run go test ./report -run %s -update to create it)", err, t.Name())
	}
	var want goldenReport
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatalf("golden file %s: %v", path, err)
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("parse result differs from %s (-want +got):\n%s\nIf the change is intended, review it and run: go test ./report -run %s -update", path, diff, t.Name())
	}
}

// TestGoldenSeed pins the whole parse of the seed: header, structure and
// every figure.
func TestGoldenSeed(t *testing.T) {
	checkGolden(t, "seed.golden.json", goldenOf(parseSeed(t), true))
}

// TestGoldenProvincial pins the structure (parts, sections, items) of the
// two provincial reports.
func TestGoldenProvincial(t *testing.T) {
	for _, name := range []string{guangxiFile, jilinFile} {
		t.Run(name, func(t *testing.T) {
			doc := mustParse(t, readTestdata(t, name+".txt"))
			checkGolden(t, name+".golden.json", goldenOf(doc, false))
		})
	}
}
