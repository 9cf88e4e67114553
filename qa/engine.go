package qa

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	openai "github.com/sashabaranov/go-openai"

	"github.com/reportbot/reportbot/lexicon/cedict"
	"github.com/reportbot/reportbot/lexicon/regions"
	"github.com/reportbot/reportbot/report"
	"github.com/reportbot/reportbot/retrieve"
)

// ErrEmptyQuestion is returned for a blank question.
var ErrEmptyQuestion = errors.New("qa: empty question")

// ChatClient is the part of go-openai's client that the LLM answerer uses.
// *openai.Client satisfies it.
type ChatClient interface {
	CreateChatCompletion(ctx context.Context, req openai.ChatCompletionRequest) (openai.ChatCompletionResponse, error)
	CreateChatCompletionStream(ctx context.Context, req openai.ChatCompletionRequest) (*openai.ChatCompletionStream, error)
}

// Option configures an Engine.
type Option func(*config)

type config struct {
	llm        ChatClient
	model      string
	llmTimeout time.Duration
	logger     *slog.Logger
	retrieve   []retrieve.Option
	index      *retrieve.Index
}

// DefaultLLMTimeout bounds one LLM call unless [WithLLMTimeout] says
// otherwise.
const DefaultLLMTimeout = 60 * time.Second

// WithLLM makes Ask write answers with a chat model (any OpenAI-compatible
// server), checked against the cited passages. Without it answers are
// extractive.
func WithLLM(client ChatClient, model string) Option {
	return func(c *config) { c.llm, c.model = client, model }
}

// WithLLMTimeout bounds one LLM call (default [DefaultLLMTimeout]).
func WithLLMTimeout(d time.Duration) Option { return func(c *config) { c.llmTimeout = d } }

// WithLogger sets a logger for debug events; the default discards.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) {
		c.logger = l
		c.retrieve = append(c.retrieve, retrieve.WithLogger(l))
	}
}

// WithRetrieve passes options to the retrieval index New builds
// (embedder, persistence, chunk size, report names).
func WithRetrieve(opts ...retrieve.Option) Option {
	return func(c *config) { c.retrieve = append(c.retrieve, opts...) }
}

// WithIndex answers from an index built beforehand (retrieve.New) instead
// of building one; the reports given to New must be the index's.
func WithIndex(ix *retrieve.Index) Option { return func(c *config) { c.index = ix } }

// Engine answers questions about one or more reports. It is safe for
// concurrent use.
type Engine struct {
	cfg    config
	docs   []*report.Report
	idx    *retrieve.Index
	corpus *corpus
	log    *slog.Logger
	// figsOf lists the figures of each sentence, in text order.
	figsOf map[*report.Sentence][]*report.Figure
	// scope[d] is the folded text that names report d itself: title,
	// region, issuing body and file name.
	scope []string
	// ancestors[d] are the names of the divisions above report d's region
	// (龙华区, 龙华, 深圳市 above 观湖街道).
	ancestors [][]string
	// instr caches whether a sentence reads as instructions; folded the
	// folded text of sentences and headings.
	instr, folded sync.Map
}

// New indexes the reports (see package retrieve) and returns an engine.
// It returns retrieve.ErrNoReports when docs is empty.
func New(ctx context.Context, docs []*report.Report, opts ...Option) (*Engine, error) {
	cfg := config{llmTimeout: DefaultLLMTimeout}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.logger == nil {
		cfg.logger = slog.New(slog.DiscardHandler)
	}
	idx := cfg.index
	if idx == nil {
		var err error
		if idx, err = retrieve.New(ctx, docs, cfg.retrieve...); err != nil {
			return nil, err
		}
	}
	e := &Engine{cfg: cfg, docs: idx.Reports(), idx: idx, log: cfg.logger, figsOf: map[*report.Sentence][]*report.Figure{}}
	e.corpus = newCorpus(idx)
	for d, doc := range e.docs {
		for _, f := range doc.Figures {
			if f.Sentence != nil {
				e.figsOf[f.Sentence] = append(e.figsOf[f.Sentence], f)
			}
		}
		names := []string{doc.Title, doc.Source, idx.Name(d), regionOf(doc)}
		anc := ancestorsOf(doc)
		names = append(names, anc...)
		e.scope = append(e.scope, fold(strings.Join(names, " ")))
		e.ancestors = append(e.ancestors, anc)
	}
	return e, nil
}

// Reports returns the loaded reports, in the order given to New.
func (e *Engine) Reports() []*report.Report { return e.docs }

// Index returns the retrieval index the engine answers from.
func (e *Engine) Index() *retrieve.Index { return e.idx }

// Search returns the passages that best match a query; see
// [retrieve.Index.Search]. The query's words are understood as a
// question's are: synonyms, abbreviations and English are matched.
func (e *Engine) Search(ctx context.Context, text string, k int, reportFilter string) ([]retrieve.Hit, error) {
	if strings.TrimSpace(text) == "" {
		return nil, ErrEmptyQuestion
	}
	q := e.understand(text)
	docs := e.docsMatching(reportFilter)
	return e.idx.Search(ctx, e.searchQuery(q, docs, "", k))
}

// docsMatching returns the reports whose title, region, date or name
// contains filter; nil (all) when filter is empty.
func (e *Engine) docsMatching(filter string) []int {
	if filter == "" {
		return nil
	}
	out := []int{}
	for d, doc := range e.docs {
		if matchesReport(doc, e.idx.Name(d), e.idx.ReportID(d), filter) {
			out = append(out, d)
		}
	}
	return out
}

func matchesReport(doc *report.Report, name, id, filter string) bool {
	f := strings.ToLower(strings.TrimSpace(filter))
	for _, s := range []string{doc.Title, name, id, doc.ISODate, regionOf(doc)} {
		if s != "" && strings.Contains(strings.ToLower(s), f) {
			return true
		}
	}
	return false
}

// regionOf returns the report's region or issuing body when the parser
// found one.
func regionOf(doc *report.Report) string {
	if doc.Region != "" {
		return doc.Region
	}
	return doc.Source
}

// wordBounds returns the offsets where the dictionary's segmentation of s
// starts a word: in code points, or in bytes when inBytes is set.
func wordBounds(s string, inBytes bool) map[int]bool {
	out := map[int]bool{0: true}
	at := 0
	for _, w := range cedict.Segment(s) {
		if inBytes {
			at += len(w)
		} else {
			at += utf8.RuneCountInString(w)
		}
		out[at] = true
	}
	return out
}

// ancestorsOf returns the names (full and short) of the divisions above
// the report's own region (龙华区 and 深圳市 above 观湖街道): a question
// that names them still asks about this report. Of the divisions the
// region's name may be, the one whose ancestors the report mentions most
// is taken; none when the report mentions none.
func ancestorsOf(doc *report.Report) []string {
	var best []string
	bestSeen := 0
	for _, m := range regions.FindLevel(regionOf(doc)+" "+doc.Title, regions.Town) {
		var names []string
		seen := 0
		for code := m.Parent; code != ""; {
			div, ok := regions.ByCode(code)
			if !ok {
				break
			}
			names = append(names, div.Name, div.Short)
			if strings.Contains(doc.Text, div.Short) {
				seen++
			}
			code = div.Parent
		}
		if seen > bestSeen {
			best, bestSeen = names, seen
		}
	}
	return best
}

// placesIn returns the region names a question mentions.
// Provinces and cities count by their full or short name; counties and
// towns (subdistricts) only by their full name (观澜街道), since their short
// names are often ordinary words.
func (e *Engine) placesIn(q string) []string {
	var out []string
	seen := map[string]bool{}
	var bounds map[int]bool
	for _, m := range regions.FindLevel(q, regions.Town) {
		if m.Level > regions.City && m.Text != m.Name || seen[m.Text] {
			continue
		}
		if m.Level == regions.Town {
			if bounds == nil {
				bounds = wordBounds(q, false)
			}
			if !bounds[m.Start] || !bounds[m.End] {
				continue // 城里人和乡下人 does not name 人和乡
			}
		}
		seen[m.Text] = true
		out = append(out, m.Text)
	}
	return out
}
