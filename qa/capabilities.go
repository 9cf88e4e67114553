package qa

import (
	"context"
	"fmt"
	"strings"

	"github.com/reportbot/reportbot/answer"
	"github.com/reportbot/reportbot/brief"
	"github.com/reportbot/reportbot/report"
)

// The chat front (package bot) discovers these methods by interface: an
// Engine answers /figure, /section and /brief with no glue.

// Figure looks up one quantity by what it measures (规上工业总产值, GDP增长
// 目标) and answers with the figure and the sentence that states it.
func (e *Engine) Figure(ctx context.Context, metric string) (answer.Answer, error) {
	metric = strings.TrimSpace(metric)
	if metric == "" {
		return answer.Answer{}, ErrEmptyQuestion
	}
	q := e.understand(metric)
	q.Quantity = true
	ans, _, err := e.extractive(ctx, q, nil, "")
	return ans, err
}

// Section shows one section of the first report by ID (p2s3), label
// (二(三)) or a word of its title, citing its heading and opening.
func (e *Engine) Section(ctx context.Context, ref string) (answer.Answer, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return answer.Answer{}, ErrEmptyQuestion
	}
	q := e.understand(ref)
	for d, doc := range e.docs {
		if err := ctx.Err(); err != nil {
			return answer.Answer{}, err
		}
		s := doc.FindSection(ref)
		if s == nil {
			continue
		}
		ct := e.newCiter()
		return e.join(q, []part{e.sectionPart(q, d, s, ct)}, ct), nil
	}
	return refuse(q, NotStated, ""), nil
}

// sectionPart quotes a section's heading and its first sentences.
func (e *Engine) sectionPart(q *Question, d int, s *report.Section, ct *citer) part {
	doc := e.docs[d]
	var texts []string
	if s.Heading.Len() > 0 {
		texts = append(texts, strings.TrimSpace(doc.Slice(s.Heading))+marker(ct.cite(d, s.Heading)))
	}
	shown := 0
	for _, p := range s.Paragraphs {
		for _, sent := range p.Sentences {
			if shown == sectionSentences || s.Heading.Contains(sent.Span) {
				continue
			}
			texts = append(texts, strings.TrimSpace(doc.Slice(sent.Span))+marker(ct.cite(d, sent.Span)))
			shown++
		}
	}
	sep := ""
	if q.Lang == English {
		sep = " "
	}
	return part{strings.Join(texts, sep)}
}

// sectionSentences is how many sentences of a section Section shows.
const sectionSentences = 3

// Brief writes a briefing note on a topic ("" for the whole report) of
// the first report: a short text for a chat message and the note in
// Markdown. With an LLM configured the summary is written by it and
// checked, else extractive.
func (e *Engine) Brief(ctx context.Context, topic string) (short, markdown string, err error) {
	b, err := e.BuildBrief(ctx, 0, brief.Options{Topic: topic})
	if err != nil {
		return "", "", err
	}
	md, err := b.Render("md")
	if err != nil {
		return "", "", err
	}
	return b.Short(), string(md), nil
}

// BuildBrief builds the briefing note of report d with the engine as its
// searcher and LLM (opts may override them).
func (e *Engine) BuildBrief(ctx context.Context, d int, opts brief.Options) (*brief.Brief, error) {
	if d < 0 || d >= len(e.docs) {
		return nil, fmt.Errorf("qa: brief: no report %d", d)
	}
	if opts.Searcher == nil {
		opts.Searcher = e
	}
	if opts.LLM == nil && e.cfg.llm != nil {
		opts.LLM, opts.Model = e.cfg.llm, e.cfg.model
		if opts.LLMTimeout == 0 {
			opts.LLMTimeout = e.cfg.llmTimeout
		}
	}
	return brief.Build(ctx, e.docs[d], opts)
}
