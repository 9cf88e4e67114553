package qa

import (
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/reportbot/reportbot/answer"
)

// TestDebugAsk prints how the engine sees one question: QA_FILE names the
// report, QA_Q the question. It is skipped unless both are set.
func TestDebugAsk(t *testing.T) {
	path, qs := os.Getenv("QA_FILE"), os.Getenv("QA_Q")
	if path == "" || qs == "" {
		t.Skip("set QA_FILE and QA_Q")
	}
	e, _ := engineFor(t, path)
	q := e.understand(qs)
	qs1 := []*Question{q}
	if os.Getenv("QA_ASKS") != "" {
		qs1 = e.asks(q)
	}
	for _, q := range qs1 {
		debugOne(t, e, q)
	}
	a, err := e.Ask(t.Context(), answer.Request{Question: qs})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println("ANSWER:", a.Text)
}

// debugOne prints how q is understood, its evidence and its verdict.
func debugOne(t *testing.T, e *Engine, q *Question) {
	fmt.Printf("ASK %s\n", q.Raw)
	fmt.Printf("lang=%s quantity=%v change=%v list=%v section=%v count=%v ordinal=%d want=%d years=%v places=%v this=%v last=%v past5=%v next5=%v avg=%v unit=%q duration=%v mincover=%.2f/%.2f head=%v\n",
		q.Lang, q.Quantity, q.Change, q.List, q.Section, q.Count, q.Ordinal, q.Want, q.Years, q.Places, q.ThisYear, q.LastYear, q.PastFive, q.NextFive, q.Average, q.Unit, q.Duration, q.minCover(), q.minWindowCover(), termText(e.headTerm(q, 0)))
	for _, tm := range q.Terms {
		fmt.Printf("  term %q forms=%v w=%.2f present=%v\n", tm.Text, tm.Forms, tm.Weight, tm.Present)
	}
	evs, err := e.gather(t.Context(), q, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	for i, ev := range evs {
		if i == debugEvidence() {
			break
		}
		f := e.bestFigure(q, ev)
		fs := ""
		if f != nil {
			fs = f.Raw + "/" + string(f.Kind) + "/" + f.Period
		}
		fmt.Printf("  ev %.2f cover=%.2f own=%.2f fig=%s %s\n", ev.score, ev.cover, ev.own, fs, shorten(ev.text, 80))
		if os.Getenv("QA_FITS") != "" {
			for _, f := range ev.figs {
				s, ok := e.figureFit(q, ev, f)
				fmt.Printf("      fit %s %s/%s ok=%v %.2f %s\n", f.Raw, f.Kind, f.Period, ok, s, e.figureGate(q, ev, f, e.wantFor(q, ev.doc)))
			}
		}
	}
	v, _ := e.verdictFor(t.Context(), q, nil, "")
	fmt.Printf("verdict ok=%v reason=%d detail=%q fig=%v\n", v.ok, v.reason, v.detail, v.fig != nil)
}

// debugEvidence is how many evidence sentences TestDebugAsk prints
// (QA_EV, default 6).
func debugEvidence() int {
	if n, err := strconv.Atoi(os.Getenv("QA_EV")); err == nil && n > 0 {
		return n
	}
	return 6
}

func termText(t *Term) string {
	if t == nil {
		return ""
	}
	return t.Text
}
