package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/reportbot/reportbot/qa"
	"github.com/reportbot/reportbot/retrieve"
)

// defaultModel is the chat model when OPENAI_API_KEY is set and neither
// --model nor LLM_MODEL names one.
const defaultModel = "gpt-4o-mini"

// Query-time embedding is tried briefly: when the embedding server is down
// a question falls back to the lexical half at once instead of waiting
// through the build-time retries.
const (
	queryEmbedAttempts = 2
	queryEmbedTimeout  = 15 * time.Second
)

// apiKey returns OPENAI_API_KEY.
func (a *app) apiKey() string { return a.env("OPENAI_API_KEY") }

// client returns a go-openai client for the configured server.
func (a *app) client() *openai.Client {
	cfg := openai.DefaultConfig(a.apiKey())
	base := a.baseURL
	if base == "" {
		base = a.env("OPENAI_BASE_URL")
	}
	if base != "" {
		cfg.BaseURL = strings.TrimRight(base, "/")
	}
	return openai.NewClientWithConfig(cfg)
}

// llm returns the chat client and model to answer with, or a nil client
// for the offline path: --offline, or no OPENAI_API_KEY. --model without a
// key is an authError: the user asked for a model and would silently get
// none.
func (a *app) llm() (*openai.Client, string, error) {
	if a.offline {
		return nil, "", nil
	}
	if a.apiKey() == "" {
		if a.model != "" {
			return nil, "", &authError{fmt.Sprintf("--model %s needs OPENAI_API_KEY; set it (any value for a local server) or use --offline", a.model)}
		}
		return nil, "", nil
	}
	model := a.model
	if model == "" {
		model = a.env("LLM_MODEL")
	}
	if model == "" {
		model = defaultModel
	}
	return a.client(), model, nil
}

// embedName returns the remote embedding model, or "" for the offline
// embedder.
func (a *app) embedName() string {
	if a.offline {
		return ""
	}
	if a.embedModel != "" {
		return a.embedModel
	}
	return a.env("EMBED_MODEL")
}

// embedOptions configures the index's embedder: the offline one, or a
// remote model whose query-time failures are recorded on the query's
// context (see withProbe) so that the answer can say it fell back.
func (a *app) embedOptions(progress bool) ([]retrieve.Option, error) {
	model := a.embedName()
	if model == "" {
		return nil, nil
	}
	if a.apiKey() == "" {
		return nil, &authError{fmt.Sprintf("--embed-model %s needs OPENAI_API_KEY; set it (any value for a local server), or drop --embed-model and EMBED_MODEL", model)}
	}
	client, key := a.client(), a.apiKey()
	build := retrieve.NewOpenAIEmbedder(client, model, retrieve.WithAPIKey(key))
	query := retrieve.NewOpenAIEmbedder(client, model, retrieve.WithAPIKey(key),
		retrieve.WithMaxAttempts(queryEmbedAttempts), retrieve.WithRequestTimeout(queryEmbedTimeout), retrieve.WithBackoff(200*time.Millisecond, time.Second))
	opts := []retrieve.Option{retrieve.WithBatchEmbedder(build.Name(), build.EmbedBatch, probed(query.Embed))}
	if progress {
		opts = append(opts, retrieve.WithProgress(a.embedProgress()))
	}
	return opts, nil
}

// embedProgress reports embedding progress on stderr: a counter on a
// terminal, a line per tenth otherwise.
func (a *app) embedProgress() func(done, total int) {
	last := -1
	return func(done, total int) {
		if total <= 0 {
			return
		}
		if a.ttyErr {
			fmt.Fprintf(a.stderr, "\rembedding chunks %d/%d", done, total)
			if done == total {
				fmt.Fprintln(a.stderr)
			}
			return
		}
		if tenth := done * 10 / total; tenth != last {
			last = tenth
			fmt.Fprintf(a.stderr, "embedding chunks: %d/%d\n", done, total)
		}
	}
}

// qaEngine loads the reports and builds the qa engine on them, answering
// with the LLM when llm is set and one is configured. Without a persisted
// index only the --report reports are indexed; with one, all of them are
// and the filter is applied per request.
func (a *app) qaEngine(ctx context.Context, llm bool) (*qa.Engine, *library, error) {
	var opts []qa.Option
	if llm {
		client, model, err := a.llm()
		if err != nil {
			return nil, nil, err
		}
		if client != nil {
			opts = append(opts, qa.WithLLM(client, model), qa.WithLLMTimeout(a.llmTimeout))
		}
	}
	ropts, err := a.embedOptions(true)
	if err != nil {
		return nil, nil, err
	}
	if a.db != "" && !a.hasInputs() {
		return a.engineFromIndex(ctx, opts, ropts)
	}
	lib, err := a.loadReports(ctx)
	if err != nil {
		return nil, nil, err
	}
	idx, err := a.selected(lib)
	if err != nil {
		return nil, nil, err
	}
	if a.db == "" {
		lib = lib.subset(idx)
	} else {
		ropts = append(ropts, retrieve.WithPersistDir(a.db))
	}
	ropts = append(ropts, retrieve.WithNames(lib.names()...))
	e, err := qa.New(ctx, lib.docs, append(opts, qa.WithRetrieve(ropts...))...)
	if err != nil {
		return nil, nil, err
	}
	return e, lib, nil
}

// engineFromIndex builds the engine on the index in --db. An index built
// with a remote embedder that is not configured now is searched by words,
// with a note.
func (a *app) engineFromIndex(ctx context.Context, opts []qa.Option, ropts []retrieve.Option) (*qa.Engine, *library, error) {
	lib, err := a.openIndex(ctx, ropts...)
	if err != nil && a.embedName() == "" && ctx.Err() == nil && !errors.Is(err, retrieve.ErrNoIndex) && !errors.Is(err, retrieve.ErrForeignIndex) {
		fmt.Fprintf(a.stderr, "reportbot: note: the index in %s was built with a remote embedder; searching by words only (set --embed-model and OPENAI_API_KEY to use its vectors)\n", a.db)
		lib, err = a.openIndex(ctx, retrieve.WithoutVectors())
	}
	if err != nil {
		return nil, nil, err
	}
	if _, err := a.selected(lib); err != nil {
		return nil, nil, err
	}
	e, err := qa.New(ctx, lib.docs, append(opts, qa.WithIndex(lib.ix))...)
	if err != nil {
		return nil, nil, err
	}
	return e, lib, nil
}

// A probe records, for one request, whether the remote embedder failed
// while the index searched: retrieve then falls back to its lexical half
// without an error, and the CLI adds a note.
type probe struct {
	mu  sync.Mutex
	err error
}

type probeKey struct{}

// withProbe returns a context whose query embeddings are watched.
func withProbe(ctx context.Context) (context.Context, *probe) {
	p := &probe{}
	return context.WithValue(ctx, probeKey{}, p), p
}

func (p *probe) failed() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err
}

// probed wraps a query embedder so that its failures reach the probe on
// the request's context.
func probed(f retrieve.EmbedFunc) retrieve.EmbedFunc {
	return func(ctx context.Context, text string) ([]float32, error) {
		v, err := f(ctx, text)
		if err != nil && ctx.Err() == nil {
			if p, ok := ctx.Value(probeKey{}).(*probe); ok {
				p.mu.Lock()
				if p.err == nil {
					p.err = err
				}
				p.mu.Unlock()
			}
		}
		return v, err
	}
}

// vectorNote says why the vector half was left out, without any response
// body (which may echo a key).
func vectorNote(err error) string {
	const tail = "; passages were found by words only"
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	var netErr net.Error
	switch {
	case errors.As(err, &apiErr) && apiErr.HTTPStatusCode != 0:
		return fmt.Sprintf("embedding server unavailable (%d %s)", apiErr.HTTPStatusCode, http.StatusText(apiErr.HTTPStatusCode)) + tail
	case errors.As(err, &reqErr) && reqErr.HTTPStatusCode != 0:
		return fmt.Sprintf("embedding server unavailable (%d %s)", reqErr.HTTPStatusCode, http.StatusText(reqErr.HTTPStatusCode)) + tail
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return "embedding server timed out" + tail
	case errors.As(err, &netErr):
		return "embedding server unreachable" + tail
	}
	return "embedding failed" + tail
}

// addNote appends a note to another, separated by "; ".
func addNote(note, more string) string {
	if note == "" {
		return more
	}
	return note + "; " + more
}
