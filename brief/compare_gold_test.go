package brief

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
)

// goldRow is a line of testdata/gold/compare: a report's figure for a
// comparison query, hand-checked.
type goldRow struct {
	File      string   `json:"file"`
	Report    string   `json:"report"`
	Query     string   `json:"query"`
	Found     bool     `json:"found"`
	Raw       string   `json:"raw"`
	Value     float64  `json:"value"`
	High      *float64 `json:"high"`
	Unit      string   `json:"unit"`
	Qualifier string   `json:"qualifier"`
	Kind      string   `json:"kind"`
	Period    string   `json:"period"`
	Start     int      `json:"start"`
	End       int      `json:"end"`
	Sentence  string   `json:"sentence"`
}

// loadGold reads a gold comparison file into the rows the qa engine
// would give BuildCompare.
func loadGold(tb testing.TB, path string) []CompareRow {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatalf("open gold %s: %v", path, err)
	}
	defer f.Close()
	var rows []CompareRow
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var g goldRow
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			tb.Fatalf("gold %s: %v", path, err)
		}
		r := CompareRow{Report: g.Report, File: g.File, Found: g.Found, Metric: g.Query, Value: g.Value, Unit: g.Unit,
			Qualifier: g.Qualifier, Kind: g.Kind, Period: g.Period, Raw: g.Raw, Start: g.Start, End: g.End, Sentence: g.Sentence}
		if g.High != nil {
			r.High = *g.High
		}
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("gold %s: %v", path, err)
	}
	return rows
}
