package report

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

func TestFigDump(t *testing.T) {
	f := os.Getenv("FIGFILE")
	b, _ := os.ReadFile(f)
	doc, err := ParseString(string(b))
	if err != nil {
		t.Fatal(err)
	}
	out, _ := os.Create(os.Getenv("FIGOUT"))
	defer out.Close()
	for _, g := range doc.Figures {
		sid := ""
		if g.Section != nil {
			sid = g.Section.ID
		}
		m := map[string]any{"id": g.ID, "raw": g.Raw, "start": g.Span.Start, "end": g.Span.End, "value": g.Value, "unit": g.Unit, "scale": g.Scale, "absolute": g.Absolute, "approx": g.Approx, "qualifier": g.Qualifier, "kind": g.Kind, "metric": g.Metric, "period": g.Period, "change_of": g.ChangeOf, "direction": g.Direction, "section_id": sid}
		bb, _ := json.Marshal(m)
		fmt.Fprintln(out, string(bb))
	}
}
