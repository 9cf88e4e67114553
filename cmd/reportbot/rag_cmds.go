package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/reportbot/reportbot/rag"
)

// readBatch reads one question per line from a file, or stdin for "-".
func (g *globals) readBatch(path string) ([]string, error) {
	var r io.Reader
	if path == "-" {
		r = g.stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("batch: %w", err)
		}
		defer f.Close()
		r = f
	}
	var out []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if t := strings.TrimSpace(sc.Text()); t != "" {
			out = append(out, t)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("batch: read: %w", err)
	}
	return out, nil
}

// questions returns the positional question, or the batch.
func (g *globals) questions(cmd string, pos []string, batch string) ([]string, error) {
	switch {
	case batch != "" && len(pos) > 0:
		return nil, usagef("%s: give a question or --batch, not both", cmd)
	case batch != "":
		return g.readBatch(batch)
	case len(pos) == 0:
		return nil, usagef("%s: missing question (or use --batch FILE, - for stdin)", cmd)
	}
	q := strings.TrimSpace(strings.Join(pos, " "))
	if q == "" {
		return nil, usagef("%s: the question is empty", cmd)
	}
	return []string{q}, nil
}

type searchJSON struct {
	Query   string    `json:"query"`
	Results []rag.Hit `json:"results"`
}

func cmdSearch(ctx context.Context, g *globals, args []string) error {
	fs := commandFlags(g, "search", "search [--k 5] [--json] [--batch FILE|-] [--report R] [--section ID] QUERY")
	k := fs.Int("k", 5, "number of results")
	batch := fs.String("batch", "", "read one query per line from `FILE` (- for stdin)")
	rep := fs.String("report", "", "limit to the report whose id (r1) or title contains `R`")
	sec := fs.String("section", "", "limit to sections whose id starts with `ID` (p2, p2s3)")
	pos, err := parseCommand(fs, args)
	if err != nil {
		return err
	}
	if *k <= 0 {
		return usagef("search: --k must be positive, not %d", *k)
	}
	qs, err := g.questions("search", pos, *batch)
	if err != nil {
		return err
	}
	eng, _, err := g.engine(ctx)
	if err != nil {
		return err
	}
	for _, q := range qs {
		hits, err := eng.Search(ctx, rag.Query{Text: q, K: *k, Report: *rep, Section: *sec})
		if err != nil {
			return err
		}
		if hits == nil {
			hits = []rag.Hit{}
		}
		if g.json {
			b, _ := json.Marshal(searchJSON{Query: q, Results: hits})
			fmt.Fprintln(g.stdout, string(b))
			continue
		}
		fmt.Fprintf(g.stdout, "Q: %s\n", q)
		for _, h := range hits {
			fmt.Fprintf(g.stdout, "%d. [%s] %s  (%.4f, %d–%d)\n   %s\n", h.Rank, h.ID, h.Label, h.Score, h.Start, h.End, oneLine(h.Text))
		}
		if len(hits) == 0 {
			fmt.Fprintln(g.stdout, "(no matching passage)")
		}
	}
	return nil
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func cmdAsk(ctx context.Context, g *globals, args []string) error {
	fs := commandFlags(g, "ask", "ask [--json] [--batch FILE|-] [--report R] [--offline] QUESTION")
	batch := fs.String("batch", "", "read one question per line from `FILE` (- for stdin)")
	rep := fs.String("report", "", "limit to the report whose id (r1) or title contains `R`")
	pos, err := parseCommand(fs, args)
	if err != nil {
		return err
	}
	qs, err := g.questions("ask", pos, *batch)
	if err != nil {
		return err
	}
	eng, _, err := g.engine(ctx)
	if err != nil {
		return err
	}
	for _, q := range qs {
		ans, err := eng.Ask(ctx, rag.Request{Question: q, Report: *rep})
		if err != nil {
			return err
		}
		if g.json {
			b, _ := json.Marshal(ans)
			fmt.Fprintln(g.stdout, string(b))
			continue
		}
		printAnswer(g.stdout, ans)
	}
	return nil
}

// printAnswer writes the answer, then its numbered sources.
func printAnswer(w io.Writer, a rag.Answer) {
	fmt.Fprintln(w, a.Text)
	if a.Note != "" {
		fmt.Fprintf(w, "(%s)\n", a.Note)
	}
	if len(a.Citations) > 0 {
		fmt.Fprintln(w, "\n来源 Sources:")
		for _, c := range a.Citations {
			fmt.Fprintf(w, "[%d] %s (%d–%d)\n    “%s”\n", c.N, c.Label, c.Start, c.End, oneLine(c.Text))
		}
	}
	fmt.Fprintln(w)
}

func cmdEval(ctx context.Context, g *globals, args []string) error {
	fs := commandFlags(g, "eval", "eval --qa FILE [--k 5] [--json]")
	qa := fs.String("qa", "", "question set in JSON Lines (`FILE`, format of shared/eval/qa.dev.jsonl)")
	k := fs.Int("k", 5, "retrieval depth for hit@k, full@k and MRR")
	if _, err := parseCommand(fs, args); err != nil {
		return err
	}
	if *qa == "" {
		return usagef("eval: --qa FILE is required")
	}
	f, err := os.Open(*qa)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	items, err := rag.ReadEvalItems(f)
	f.Close()
	if err != nil {
		return err
	}
	eng, _, err := g.engine(ctx)
	if err != nil {
		return err
	}
	start := time.Now()
	rep, err := rag.Evaluate(ctx, eng, items, *k)
	if err != nil {
		return err
	}
	if g.json {
		b, _ := json.Marshal(rep)
		fmt.Fprintln(g.stdout, string(b))
		return nil
	}
	w := g.stdout
	fmt.Fprintf(w, "%d questions in %s (k=%d)\n\n", len(items), time.Since(start).Round(time.Millisecond), rep.K)
	row := func(name string, m *rag.EvalMetrics) {
		ref := "   -"
		if m.RefusalAcc != nil {
			ref = fmt.Sprintf("%.3f", *m.RefusalAcc)
		}
		fmt.Fprintf(w, "%-14s %4d  %6.3f  %6.3f  %6.3f  %6.3f  %7s  %5d  %5d/%d  %4d\n", name, m.N, m.HitAtK, m.FullAtK, m.MRR, m.AnswerAcc, ref, m.FalseRefusals, m.UnsupportedNums, m.Numbers, m.BadSpans)
	}
	fmt.Fprintf(w, "%-14s %4s  %6s  %6s  %6s  %6s  %7s  %5s  %7s  %4s\n", "group", "n", "hit@k", "full@k", "mrr", "answer", "refusal", "f.ref", "unsup#", "bad")
	row("overall", &rep.Overall)
	for _, group := range []map[string]*rag.EvalMetrics{rep.ByLang, rep.ByType} {
		keys := make([]string, 0, len(group))
		for k := range group {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			row("  "+k, group[k])
		}
	}
	if len(rep.Overall.RetrievalMisses) > 0 {
		fmt.Fprintf(w, "\nretrieval misses: %s\n", strings.Join(rep.Overall.RetrievalMisses, " "))
	}
	if len(rep.Overall.WrongAnswers) > 0 {
		fmt.Fprintf(w, "wrong answers: %s\n", strings.Join(rep.Overall.WrongAnswers, " "))
	}
	if len(rep.Overall.UnsupportedDetail) > 0 {
		fmt.Fprintf(w, "unsupported numbers: %s\n", strings.Join(rep.Overall.UnsupportedDetail, " "))
	}
	return nil
}

func cmdIndex(ctx context.Context, g *globals, args []string) error {
	fs := commandFlags(g, "index", "index [--db DIR] [--embed-model NAME] [--json]")
	if _, err := parseCommand(fs, args); err != nil {
		return err
	}
	start := time.Now()
	eng, docs, err := g.engine(ctx)
	if err != nil {
		return err
	}
	chunks := eng.Chunks()
	if g.json {
		b, _ := json.Marshal(map[string]any{"reports": len(docs), "chunks": len(chunks), "db": g.db, "ms": time.Since(start).Milliseconds()})
		fmt.Fprintln(g.stdout, string(b))
		return nil
	}
	where := "in memory"
	if g.db != "" {
		where = "in " + g.db
	}
	fmt.Fprintf(g.stdout, "indexed %d report(s), %d chunks %s in %s\n", len(docs), len(chunks), where, time.Since(start).Round(time.Millisecond))
	return nil
}
