package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/reportbot/reportbot/internal/eval"
)

// modulePath is this module's path, to find its root for the default
// question set.
const modulePath = "github.com/reportbot/reportbot"

// defaultQASet is the default --qa, relative to the module root: the blind
// development questions of the embedded report.
const defaultQASet = "testdata/blind/dev/000_006ff7903b525843.jsonl"

// moduleRoot returns the directory of this module's go.mod at or above the
// working directory, or "".
func moduleRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && strings.HasPrefix(strings.TrimSpace(string(b)), "module "+modulePath+"\n") {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// defaultQA returns the default question set when it exists, or "".
func defaultQA() string {
	root := moduleRoot()
	if root == "" {
		return ""
	}
	p := filepath.Join(root, defaultQASet)
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

func (a *app) evalCmd() *cobra.Command {
	var sets []string
	k := 5
	c := a.command("eval", "score retrieval and answers on a question set",
		`Eval runs every question of one or more question sets (JSON Lines in the
format of testdata/blind/*/*.jsonl) through search and ask, and scores them as
shared/eval/score_qa.py scores the CLI's output: hit@k, full@k and MRR against
the evidence, answer accuracy, refusals, unsupported numbers, citation spans.

Each set is scored on one report: the only one loaded, the one --report
names, or the one whose file name has the set's name (2026-anhui.jsonl goes
with 2026-anhui.txt). Several sets are pooled. The default set is
`+defaultQASet+`
when it exists under the module root; otherwise --qa is required.`,
		a.noArgs, append(append([]string{flagJSON}, inputFlags...), llmFlags...),
		func(ctx context.Context, c *cobra.Command, args []string) error {
			if len(sets) == 0 {
				if d := defaultQA(); d != "" {
					sets = []string{d}
				} else {
					return a.usageErr(c, "--qa FILE is required (the default %s is not under a module root here)", defaultQASet)
				}
			}
			items := make([][]eval.EvalItem, len(sets))
			for i, path := range sets {
				var err error
				if items[i], err = readEvalSet(path); err != nil {
					return err
				}
			}
			e, lib, err := a.qaEngine(ctx, true)
			if err != nil {
				return err
			}
			start := time.Now()
			var reps []*eval.EvalReport
			n := 0
			for i, path := range sets {
				d, err := a.reportForSet(lib, path)
				if err != nil {
					return err
				}
				filter := lib.srcs[d].Name
				rep, err := eval.Evaluate(ctx, e, lib.docs[d].Text, filter, items[i], k)
				if err != nil {
					return err
				}
				reps = append(reps, rep)
				n += len(items[i])
				fmt.Fprintf(a.stderr, "eval: %s on %s: %d questions\n", filepath.Base(path), lib.label(d), len(items[i]))
			}
			rep := reps[0]
			if len(reps) > 1 {
				rep = eval.Pool(reps)
			}
			if a.json {
				return a.writeJSON(rep)
			}
			a.printEval(rep, n, time.Since(start))
			return nil
		})
	c.Args = func(c *cobra.Command, args []string) error {
		if k < 1 {
			return a.usageErr(c, "--k must be positive, not %d", k)
		}
		return a.noArgs(c, args)
	}
	c.Example = `  reportbot eval
  reportbot --dir testdata/corpus/2026 eval --qa testdata/blind/dev/2026-anhui.jsonl --qa testdata/blind/dev/2026-hebei.jsonl`
	c.Flags().StringArrayVar(&sets, "qa", nil, "a question set in JSON Lines (`FILE`); repeatable")
	c.Flags().IntVarP(&k, "k", "k", k, "retrieval depth for hit@k, full@k and MRR")
	return c
}

// readEvalSet reads a question set; an empty set is an error.
func readEvalSet(path string) ([]eval.EvalItem, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	defer f.Close()
	items, err := eval.ReadEvalItems(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("eval: %s holds no questions", path)
	}
	return items, nil
}

// reportForSet returns the index of the report a question set is scored
// on.
func (a *app) reportForSet(lib *library, set string) (int, error) {
	idx, err := a.selected(lib)
	if err != nil {
		return 0, err
	}
	if len(idx) == 1 {
		return idx[0], nil
	}
	stem := strings.TrimSuffix(filepath.Base(set), filepath.Ext(set))
	for _, i := range idx {
		name := lib.srcs[i].Name
		if strings.TrimSuffix(filepath.Base(name), filepath.Ext(name)) == stem {
			return i, nil
		}
	}
	return 0, fmt.Errorf("eval: no loaded report is named %s.*: pick one with --report (loaded: %s)", stem, lib.subset(idx).summary(8))
}

// printEval writes the metrics as a table, overall, by language and by
// type, then the misses.
func (a *app) printEval(rep *eval.EvalReport, n int, took time.Duration) {
	w := a.stdout
	fmt.Fprintf(w, "%d questions in %s (k=%d)\n\n", n, took.Round(time.Millisecond), rep.K)
	t := newTable(column{"GROUP", 8}, column{"N", 0}, column{"HIT@K", 0}, column{"FULL@K", 0}, column{"MRR", 0},
		column{"ANSWER", 0}, column{"REFUSAL", 0}, column{"F.REF", 0}, column{"UNSUP#", 0}, column{"BAD", 0})
	row := func(name string, m *eval.EvalMetrics) {
		ref := "-"
		if m.RefusalAcc != nil {
			ref = fmt.Sprintf("%.3f", *m.RefusalAcc)
		}
		t.add(name, fmt.Sprint(m.N), fmt.Sprintf("%.3f", m.HitAtK), fmt.Sprintf("%.3f", m.FullAtK), fmt.Sprintf("%.3f", m.MRR),
			fmt.Sprintf("%.3f", m.AnswerAcc), ref, fmt.Sprint(m.FalseRefusals), fmt.Sprintf("%d/%d", m.UnsupportedNums, m.Numbers), fmt.Sprint(m.BadSpans))
	}
	row("overall", &rep.Overall)
	for _, group := range []map[string]*eval.EvalMetrics{rep.ByLang, rep.ByType} {
		keys := make([]string, 0, len(group))
		for k := range group {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			row("  "+k, group[k])
		}
	}
	t.write(w)
	if m := rep.Overall; len(m.RetrievalMisses) > 0 {
		fmt.Fprintf(w, "\nretrieval misses: %s\n", strings.Join(m.RetrievalMisses, " "))
	}
	if m := rep.Overall; len(m.WrongAnswers) > 0 {
		fmt.Fprintf(w, "wrong answers: %s\n", strings.Join(m.WrongAnswers, " "))
	}
	if m := rep.Overall; len(m.UnsupportedDetail) > 0 {
		fmt.Fprintf(w, "unsupported numbers: %s\n", strings.Join(m.UnsupportedDetail, " "))
	}
}
