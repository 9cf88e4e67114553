package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/reportbot/reportbot/answer"
	"github.com/reportbot/reportbot/qa"
	"github.com/reportbot/reportbot/retrieve"
)

// defaultConcurrency is how many batch questions are answered at once.
const defaultConcurrency = 4

// questionFlags are the flags ask and search share.
type questionFlags struct {
	batchOpts
}

func (qf *questionFlags) add(fs *pflag.FlagSet) {
	fs.StringVar(&qf.path, "batch", "", "read one question per line from `FILE` (- for stdin) and print one JSON object per line, in order")
	fs.IntVar(&qf.concurrency, "concurrency", defaultConcurrency, "with --batch, answer `N` questions at once")
	fs.DurationVar(&qf.timeout, "timeout", 0, "give up after `D` (the whole batch, or the one question); 0 means no limit")
}

// questionArgs checks the positional question against --batch.
func (a *app) questionArgs(qf *questionFlags, what string) cobra.PositionalArgs {
	one := a.oneArg(what)
	return func(c *cobra.Command, args []string) error {
		if qf.concurrency < 1 {
			return a.usageErr(c, "--concurrency must be at least 1, not %d", qf.concurrency)
		}
		if qf.timeout < 0 {
			return a.usageErr(c, "--timeout must not be negative, not %v", qf.timeout)
		}
		if qf.path != "" {
			if len(args) > 0 {
				return a.usageErr(c, "give a %s or --batch, not both", what)
			}
			return nil
		}
		if c.Flags().Changed("concurrency") {
			return a.usageErr(c, "--concurrency applies only with --batch")
		}
		if err := one(c, args); err != nil {
			return err
		}
		if strings.TrimSpace(args[0]) == "" {
			return a.usageErr(c, "the %s is empty", what)
		}
		return nil
	}
}

func (a *app) askCmd() *cobra.Command {
	var qf questionFlags
	c := a.command("ask QUESTION", "answer a question with cited passages",
		`Ask answers a question from the loaded reports, citing the passages that
prove it; each citation names its report (title and file) and carries its
text and [start,end) offsets in code points. A question the reports do not
answer gets a refusal: that is a success (exit 0).

With OPENAI_API_KEY the LLM writes the answer and every sentence is checked
against its passages; on failure, a timeout or a server error the extractive
answer is shown with mode "fallback" and a note.

--json prints one object:
  {"question","answer","answerable","grounded","mode","note","citations":
   [{"n","id","label","section_id","report","file","date","status","text",
     "start","end"}],"reports"}
--batch prints one such object per input line (with "line"), or
  {"error","line","question"}; a blank line gets {"error":"empty question"}.`,
		a.questionArgs(&qf, "QUESTION"), append(append([]string{flagJSON}, inputFlags...), llmFlags...),
		func(ctx context.Context, c *cobra.Command, args []string) error {
			if qf.path != "" {
				in, closeIn, err := a.batchInput(qf.path)
				if err != nil {
					return err
				}
				defer closeIn()
				e, _, err := a.qaEngine(ctx, true)
				if err != nil {
					return err
				}
				return a.runBatch(ctx, in, qf.batchOpts, func(ctx context.Context, line int, q string) (any, error) {
					ans, err := a.ask(ctx, e, q)
					return batchAnswer{ans, line}, err
				})
			}
			e, lib, err := a.qaEngine(ctx, true)
			if err != nil {
				return err
			}
			ctx, cancel := withOptionalTimeout(ctx, qf.timeout)
			defer cancel()
			ans, err := a.ask(ctx, e, args[0])
			if err != nil {
				return timeoutErr(err, qf.timeout)
			}
			if a.json {
				return a.writeJSON(ans)
			}
			printAnswer(a.stdout, ans, lib)
			return nil
		})
	c.Example = `  reportbot ask "2023年观湖街道规上工业总产值是多少?"
  reportbot --dir reports --report 安徽 ask --json "2026年经济增长目标是多少?"
  reportbot ask --batch questions.txt --concurrency 8 --timeout 5m > answers.jsonl`
	qf.add(c.Flags())
	return c
}

// batchAnswer is an answer as a batch line: the answer's fields and the
// input line number.
type batchAnswer struct {
	answer.Answer
	Line int `json:"line"`
}

// ask answers q, restricted to --report, and notes a vector search that
// fell back to words.
func (a *app) ask(ctx context.Context, e *qa.Engine, q string) (answer.Answer, error) {
	pctx, p := withProbe(ctx)
	ans, err := e.Ask(pctx, answer.Request{Question: q, Report: a.report})
	if err != nil {
		return ans, err
	}
	if ans.Citations == nil {
		ans.Citations = []answer.Citation{}
	}
	if perr := p.failed(); perr != nil {
		ans.Note = addNote(ans.Note, vectorNote(perr))
	}
	return ans, nil
}

// timeoutErr says that a question ran out of its --timeout.
func timeoutErr(err error, d time.Duration) error {
	if d > 0 && errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("no answer within --timeout %s", d)
	}
	return err
}

func withOptionalTimeout(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	if d <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, d)
}

// printAnswer writes the answer, its note, then its numbered sources, each
// naming its report.
func printAnswer(w io.Writer, ans answer.Answer, lib *library) {
	fmt.Fprintln(w, ans.Text)
	if ans.Note != "" {
		fmt.Fprintf(w, "(%s)\n", ans.Note)
	}
	if len(ans.Citations) > 0 {
		fmt.Fprintln(w, "\n来源 Sources:")
		for _, c := range ans.Citations {
			fmt.Fprintf(w, "[%d] %s · %s [%d,%d)\n    “%s”\n", c.N, reportLabel(c.Report, c.File), c.Label, c.Start, c.End, oneLine(c.Text))
		}
	} else if len(lib.docs) > 1 {
		fmt.Fprintf(w, "(searched %d reports)\n", len(lib.docs))
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// searchJSON is one line of `search --json`.
type searchJSON struct {
	Query   string         `json:"query"`
	Results []retrieve.Hit `json:"results"`
	Note    string         `json:"note,omitempty"`
	Line    int            `json:"line,omitempty"`
}

func (a *app) searchCmd() *cobra.Command {
	var qf questionFlags
	k := 5
	c := a.command("search QUERY", "the passages that best match a query",
		`Search prints the passages that best match a query: BM25 over the reports'
words fused with vector similarity. Each result names its report (title and
file) and section, with its [start,end) offsets in code points.

--json prints one object:
  {"query","results":[{"rank","id","label","section_id","report_id","report",
   "file","text","start","end","score","plan"}],"note"}
--batch prints one such object per input line (with "line"), or
  {"error","line","question"}; a blank line gets {"error":"empty question"}.`,
		nil, append(append([]string{flagJSON}, inputFlags...), embedFlags...),
		func(ctx context.Context, c *cobra.Command, args []string) error {
			if qf.path != "" {
				in, closeIn, err := a.batchInput(qf.path)
				if err != nil {
					return err
				}
				defer closeIn()
				e, _, err := a.qaEngine(ctx, false)
				if err != nil {
					return err
				}
				return a.runBatch(ctx, in, qf.batchOpts, func(ctx context.Context, line int, q string) (any, error) {
					res, err := a.search(ctx, e, q, k)
					res.Line = line
					return res, err
				})
			}
			e, lib, err := a.qaEngine(ctx, false)
			if err != nil {
				return err
			}
			ctx, cancel := withOptionalTimeout(ctx, qf.timeout)
			defer cancel()
			res, err := a.search(ctx, e, args[0], k)
			if err != nil {
				return timeoutErr(err, qf.timeout)
			}
			if a.json {
				return a.writeJSON(res)
			}
			printHits(a.stdout, res, lib)
			return nil
		})
	c.Args = func(c *cobra.Command, args []string) error {
		if k < 1 {
			return a.usageErr(c, "--k must be positive, not %d", k)
		}
		return a.questionArgs(&qf, "QUERY")(c, args)
	}
	c.Example = `  reportbot search --k 3 交通拥堵
  reportbot --dir reports search --json 新质生产力`
	c.Flags().IntVarP(&k, "k", "k", k, "number of passages")
	qf.add(c.Flags())
	return c
}

// search returns the k best passages for q in the --report reports.
func (a *app) search(ctx context.Context, e *qa.Engine, q string, k int) (searchJSON, error) {
	pctx, p := withProbe(ctx)
	hits, err := e.Search(pctx, q, k, a.report)
	if err != nil {
		return searchJSON{}, err
	}
	if hits == nil {
		hits = []retrieve.Hit{}
	}
	res := searchJSON{Query: q, Results: hits}
	if perr := p.failed(); perr != nil {
		res.Note = vectorNote(perr)
	}
	return res, nil
}

// printHits writes the results, each headed by its report and section.
func printHits(w io.Writer, res searchJSON, lib *library) {
	fmt.Fprintf(w, "Q: %s\n", res.Query)
	if res.Note != "" {
		fmt.Fprintf(w, "(%s)\n", res.Note)
	}
	for _, h := range res.Results {
		fmt.Fprintf(w, "%d. %s · %s [%d,%d) score %.4f\n   %s\n", h.Rank, reportLabel(h.Report, h.File), h.Label, h.Start, h.End, h.Score, oneLine(h.Text))
	}
	if len(res.Results) == 0 {
		fmt.Fprintf(w, "(no matching passage in %d reports)\n", len(lib.docs))
	}
}
