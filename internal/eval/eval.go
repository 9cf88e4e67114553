package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/reportbot/reportbot/answer"
	"github.com/reportbot/reportbot/retrieve"
)

// EvalItem is one question of an evaluation set, in the format of
// shared/eval/qa.dev.jsonl.
type EvalItem struct {
	ID          string     `json:"id"`
	Lang        string     `json:"lang"`
	Type        string     `json:"type"`
	Question    string     `json:"question"`
	Answerable  bool       `json:"answerable"`
	Answer      string     `json:"answer"`
	MustContain [][]string `json:"must_contain"`
	Evidence    []string   `json:"evidence"`
	SectionHint *string    `json:"section_hint"`
}

// ReadEvalItems reads JSON Lines of EvalItem; blank lines are skipped. The
// error names the line that does not parse.
func ReadEvalItems(r io.Reader) ([]EvalItem, error) {
	var out []EvalItem
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		t := strings.TrimSpace(sc.Text())
		if t == "" {
			continue
		}
		var it EvalItem
		if err := json.Unmarshal([]byte(t), &it); err != nil {
			return nil, fmt.Errorf("eval: eval set line %d: %w", line, err)
		}
		if strings.TrimSpace(it.Question) == "" {
			return nil, fmt.Errorf("eval: eval set line %d: empty question", line)
		}
		out = append(out, it)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("eval: read eval set: %w", err)
	}
	return out, nil
}

// EvalMetrics are the scores of one group of questions. They are computed
// the way shared/eval/score_qa.py computes them.
type EvalMetrics struct {
	N                 int      `json:"n"`
	Answerable        int      `json:"answerable"`
	HitAtK            float64  `json:"hit_at_k"`
	FullAtK           float64  `json:"full_at_k"`
	MRR               float64  `json:"mrr"`
	AnswerAcc         float64  `json:"answer_acc"`
	Unanswerable      int      `json:"unanswerable"`
	RefusalAcc        *float64 `json:"refusal_acc"`
	FalseRefusals     int      `json:"false_refusals"`
	Numbers           int      `json:"numbers"`
	UnsupportedNums   int      `json:"unsupported_numbers"`
	BadSpans          int      `json:"bad_spans"`
	RetrievalMisses   []string `json:"retrieval_misses,omitempty"`
	WrongAnswers      []string `json:"wrong_answers,omitempty"`
	UnsupportedDetail []string `json:"unsupported,omitempty"`
}

// EvalReport holds the metrics overall, by question type and by language.
type EvalReport struct {
	K       int                     `json:"k"`
	Overall EvalMetrics             `json:"overall"`
	ByType  map[string]*EvalMetrics `json:"by_type"`
	ByLang  map[string]*EvalMetrics `json:"by_lang"`
	// Failures describe each wrong answer: id, question, what was wanted
	// and what came back, one line each.
	Failures []string `json:"failures,omitempty"`

	outs []evalOutcome
}

type evalOutcome struct {
	item                EvalItem
	retrievable         bool
	hit, full           bool
	rr                  float64
	answerOK            bool
	refused             bool
	nums, unsupported   int
	badSpans            int
	unsupportedExamples []string
	// got is the answer given, for reading failures.
	got string
}

// Engine is what an evaluation runs: search and ask, restricted to one
// report. *qa.Engine satisfies it.
type Engine interface {
	Search(ctx context.Context, text string, k int, reportFilter string) ([]retrieve.Hit, error)
	Ask(ctx context.Context, req answer.Request) (answer.Answer, error)
}

// Evaluate runs every question through Search (top k) and Ask on the
// report named by reportFilter, whose source text is source, and scores them: retrieval hit@k, full@k and MRR against
// the evidence spans, answer accuracy (every must_contain requirement met,
// after NFKC, ignoring case and whitespace), refusal accuracy, numbers in
// answers not found in the cited passages, and citations whose text is not
// the source slice.
func Evaluate(ctx context.Context, e Engine, source, reportFilter string, items []EvalItem, k int) (*EvalReport, error) {
	if k <= 0 {
		k = 5
	}
	src := []rune(source)
	var outs []evalOutcome
	for _, it := range items {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		o := evalOutcome{item: it}
		hits, err := e.Search(ctx, it.Question, k, reportFilter)
		if err != nil {
			return nil, fmt.Errorf("eval: eval %s: %w", it.ID, err)
		}
		for _, h := range hits {
			if sliceRunes(src, h.Start, h.End) != h.Text {
				o.badSpans++
			}
		}
		if it.Answerable && len(it.Evidence) > 0 {
			o.retrievable = true
			evs := make([][][2]int, len(it.Evidence))
			for i, ev := range it.Evidence {
				evs[i] = spansOf(src, []rune(ev))
			}
			first := -1
			for r, h := range hits {
				for _, es := range evs {
					if covered(es, h.Start, h.End) {
						first = r
						break
					}
				}
				if first >= 0 {
					break
				}
			}
			if first >= 0 {
				o.hit, o.rr = true, 1/float64(first+1)
			}
			o.full = true
			for _, es := range evs {
				any := false
				for _, h := range hits {
					if covered(es, h.Start, h.End) {
						any = true
						break
					}
				}
				if !any {
					o.full = false
				}
			}
		}
		ans, err := e.Ask(ctx, answer.Request{Question: it.Question, Report: reportFilter})
		if err != nil {
			return nil, fmt.Errorf("eval: eval %s: %w", it.ID, err)
		}
		o.refused = !ans.Answerable
		o.got = ans.Text
		var pool []string
		for _, c := range ans.Citations {
			if sliceRunes(src, c.Start, c.End) != c.Text {
				o.badSpans++
			}
			pool = append(pool, c.Text)
		}
		pool = append(pool, it.Question)
		if it.Answerable {
			a := normEval(ans.Text)
			ok := true
			for _, req := range it.MustContain {
				met := false
				for _, alt := range req {
					if strings.Contains(a, normEval(alt)) {
						met = true
						break
					}
				}
				if !met {
					ok = false
				}
			}
			o.answerOK = ok && !o.refused
		}
		if !o.refused {
			nums := answer.Numbers(ans.Text)
			o.nums = len(nums)
			bad := answer.UnsupportedNumbers(ans.Text, pool...)
			o.unsupported = len(bad)
			for _, b := range bad {
				o.unsupportedExamples = append(o.unsupportedExamples, it.ID+":"+b)
			}
		}
		outs = append(outs, o)
	}
	return report(k, outs), nil
}

// Pool merges the reports of several evaluations into one, as if their
// questions were one set.
func Pool(reps []*EvalReport) *EvalReport {
	var outs []evalOutcome
	k := 5
	for _, r := range reps {
		outs = append(outs, r.outs...)
		k = r.K
	}
	return report(k, outs)
}

func report(k int, outs []evalOutcome) *EvalReport {
	rep := &EvalReport{K: k, ByType: map[string]*EvalMetrics{}, ByLang: map[string]*EvalMetrics{}, outs: outs}
	rep.Overall = summarize(outs)
	for _, o := range outs {
		if o.item.Answerable && !o.answerOK || !o.item.Answerable && !o.refused {
			want := "refusal"
			if o.item.Answerable {
				want = fmt.Sprint(o.item.MustContain)
			}
			rep.Failures = append(rep.Failures, fmt.Sprintf("%s\t%s\t%s\twant %s\tgot %s", o.item.ID, o.item.Type, o.item.Question, want, strings.ReplaceAll(o.got, "\n", " ")))
		}
	}
	group := func(key func(EvalItem) string, into map[string]*EvalMetrics) {
		m := map[string][]evalOutcome{}
		for _, o := range outs {
			m[key(o.item)] = append(m[key(o.item)], o)
		}
		for g, os := range m {
			s := summarize(os)
			into[g] = &s
		}
	}
	group(func(it EvalItem) string { return it.Type }, rep.ByType)
	group(func(it EvalItem) string { return it.Lang }, rep.ByLang)
	return rep
}

func summarize(outs []evalOutcome) EvalMetrics {
	m := EvalMetrics{N: len(outs)}
	var retr, hit, full int
	var rr float64
	var ok, refuseOK int
	for _, o := range outs {
		if o.retrievable {
			retr++
			if o.hit {
				hit++
			} else {
				m.RetrievalMisses = append(m.RetrievalMisses, o.item.ID)
			}
			if o.full {
				full++
			}
			rr += o.rr
		}
		if o.item.Answerable {
			m.Answerable++
			if o.refused {
				m.FalseRefusals++
			}
			if o.answerOK {
				ok++
			} else {
				m.WrongAnswers = append(m.WrongAnswers, o.item.ID)
			}
		} else {
			m.Unanswerable++
			if o.refused {
				refuseOK++
			} else {
				m.WrongAnswers = append(m.WrongAnswers, o.item.ID)
			}
		}
		m.Numbers += o.nums
		m.UnsupportedNums += o.unsupported
		m.BadSpans += o.badSpans
		m.UnsupportedDetail = append(m.UnsupportedDetail, o.unsupportedExamples...)
	}
	if retr > 0 {
		m.HitAtK = round4(float64(hit) / float64(retr))
		m.FullAtK = round4(float64(full) / float64(retr))
		m.MRR = round4(rr / float64(retr))
	}
	if m.Answerable > 0 {
		m.AnswerAcc = round4(float64(ok) / float64(m.Answerable))
	}
	if m.Unanswerable > 0 {
		v := round4(float64(refuseOK) / float64(m.Unanswerable))
		m.RefusalAcc = &v
	}
	sort.Strings(m.RetrievalMisses)
	return m
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

func sliceRunes(src []rune, start, end int) string {
	if start < 0 || end > len(src) || start > end {
		return "\x00invalid"
	}
	return string(src[start:end])
}

func spansOf(text, ev []rune) [][2]int {
	var out [][2]int
	if len(ev) == 0 {
		return out
	}
	for i := 0; i+len(ev) <= len(text); i++ {
		if text[i] == ev[0] && string(text[i:i+len(ev)]) == string(ev) {
			out = append(out, [2]int{i, i + len(ev)})
		}
	}
	return out
}

// covered mirrors the scorer: a passage covers an evidence span when it
// contains it or overlaps at least half of it.
func covered(spans [][2]int, start, end int) bool {
	for _, s := range spans {
		o := min(s[1], end) - max(s[0], start)
		if o < 0 {
			o = 0
		}
		if o >= max(1, (s[1]-s[0])/2) || start <= s[0] && s[1] <= end {
			return true
		}
	}
	return false
}

var (
	evalThousandsRE = regexp.MustCompile(`(\d),(\d{3})`)
	evalSpaceRE     = regexp.MustCompile(`\s+`)
)

func normEval(s string) string {
	s = norm.NFKC.String(s)
	s = evalThousandsRE.ReplaceAllString(s, "$1$2")
	return strings.ToLower(evalSpaceRE.ReplaceAllString(s, ""))
}
