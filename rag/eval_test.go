package rag

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readDevItems reads testdata/qa.dev.jsonl, a copy of
// shared/eval/qa.dev.jsonl.
func readDevItems(t *testing.T) []EvalItem {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "qa.dev.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	items, err := ReadEvalItems(f)
	if err != nil {
		t.Fatalf("ReadEvalItems(qa.dev.jsonl) error: %v", err)
	}
	if len(items) == 0 {
		t.Fatal("qa.dev.jsonl has no items")
	}
	return items
}

func logMetrics(t *testing.T, name string, m any) {
	t.Helper()
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s:\n%s", name, b)
}

// TestEvalDevFloors runs the development questions offline and holds the
// issue's floors.
func TestEvalDevFloors(t *testing.T) {
	items := readDevItems(t)
	e := seedEngine(t)
	rep, err := Evaluate(t.Context(), e, items, 5)
	if err != nil {
		t.Fatalf("Evaluate(qa.dev, k=5) error: %v", err)
	}
	logMetrics(t, "all questions", rep)

	// The Chinese answerable subset is scored on its own, so that the
	// unanswerable questions do not dilute its retrieval metrics.
	var zhAnswerable []EvalItem
	for _, it := range items {
		if it.Lang == "zh" && it.Answerable {
			zhAnswerable = append(zhAnswerable, it)
		}
	}
	zhRep, err := Evaluate(t.Context(), e, zhAnswerable, 5)
	if err != nil {
		t.Fatalf("Evaluate(zh answerable) error: %v", err)
	}
	zh := zhRep.Overall
	logMetrics(t, "zh answerable", zh)

	en := rep.ByLang["en"]
	unans := rep.ByType["unanswerable"]
	if en == nil || unans == nil {
		t.Fatalf("EvalReport has no en language or unanswerable type: ByLang %v, ByType %v", keys(rep.ByLang), keys(rep.ByType))
	}
	refusal := 0.0
	if unans.RefusalAcc != nil {
		refusal = *unans.RefusalAcc
	}
	all := rep.Overall
	floors := []struct {
		name      string
		got, want float64
		atMost    bool
	}{
		{"zh answerable hit@5", zh.HitAtK, 0.97, false},
		{"zh answerable MRR", zh.MRR, 0.90, false},
		{"zh answerable answer accuracy", zh.AnswerAcc, 0.90, false},
		{"en answerable hit@5", en.HitAtK, 0.80, false},
		{"en answerable answer accuracy", en.AnswerAcc, 0.70, false},
		{"unanswerable refusal accuracy", refusal, 0.90, false},
		{"false refusals / answerable", float64(all.FalseRefusals) / float64(all.Answerable), 0.03, true},
		{"unsupported numbers", float64(all.UnsupportedNums), 0, true},
		{"bad spans", float64(all.BadSpans), 0, true},
	}
	for _, f := range floors {
		if f.atMost && f.got > f.want || !f.atMost && f.got < f.want {
			rel := ">="
			if f.atMost {
				rel = "<="
			}
			t.Errorf("%s = %.4f, want %s %.2f", f.name, f.got, rel, f.want)
		}
	}
	if t.Failed() {
		t.Logf("retrieval misses: %v; wrong answers: %v; unsupported: %v", all.RetrievalMisses, all.WrongAnswers, all.UnsupportedDetail)
	}
	if zh.N != len(zhAnswerable) || all.N != len(items) {
		t.Errorf("Evaluate counted %d and %d items, want %d and %d", zh.N, all.N, len(zhAnswerable), len(items))
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestEvaluateCancelled checks that Evaluate stops on a cancelled context.
func TestEvaluateCancelled(t *testing.T) {
	e := seedEngine(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := Evaluate(ctx, e, readDevItems(t), 5); err == nil {
		t.Error("Evaluate with a cancelled context returned no error")
	}
}

func TestReadEvalItems(t *testing.T) {
	good := `{"id":"Q1","lang":"zh","type":"figure","question":"产值多少?","answerable":true,"must_contain":[["1亿元"]],"evidence":["产值1亿元"]}`
	tests := []struct {
		name    string
		in      string
		wantN   int
		wantErr []string // substrings of the error; nil means no error
	}{
		{name: "one item", in: good + "\n", wantN: 1},
		{name: "blank lines skipped", in: "\n" + good + "\n\n  \n" + good, wantN: 2},
		{name: "CRLF", in: good + "\r\n" + good + "\r\n", wantN: 2},
		{name: "empty input", in: "", wantN: 0},
		{name: "bad JSON names its line", in: good + "\n\n" + `{"id": "Q2", "question": ` + "\n", wantErr: []string{"line 3"}},
		{name: "wrong type names its line", in: good + "\n" + `{"id":"Q2","question":"x","answerable":"yes"}`, wantErr: []string{"line 2"}},
		{name: "empty question", in: good + "\n" + `{"id":"Q2","question":"  "}`, wantErr: []string{"line 2", "empty question"}},
		{name: "missing question", in: `{"id":"Q2"}`, wantErr: []string{"line 1", "empty question"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			items, err := ReadEvalItems(strings.NewReader(tc.in))
			if tc.wantErr == nil {
				if err != nil {
					t.Fatalf("ReadEvalItems(%q) error: %v", tc.in, err)
				}
				if len(items) != tc.wantN {
					t.Errorf("ReadEvalItems(%q) gave %d items, want %d", tc.in, len(items), tc.wantN)
				}
				return
			}
			if err == nil {
				t.Fatalf("ReadEvalItems(%q) = %d items, nil error; want an error with %q", tc.in, len(items), tc.wantErr)
			}
			for _, w := range tc.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("ReadEvalItems(%q) error = %q, want it to contain %q", tc.in, err, w)
				}
			}
		})
	}
	t.Run("fields", func(t *testing.T) {
		items, err := ReadEvalItems(strings.NewReader(good))
		if err != nil || len(items) != 1 {
			t.Fatalf("ReadEvalItems(good) = %v, %v", items, err)
		}
		it := items[0]
		if it.ID != "Q1" || it.Lang != "zh" || !it.Answerable || len(it.MustContain) != 1 || it.MustContain[0][0] != "1亿元" || it.Evidence[0] != "产值1亿元" || it.SectionHint != nil {
			t.Errorf("ReadEvalItems(good) = %+v", it)
		}
	})
}
