package retrieve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// Defaults of [OpenAIEmbedder]; each has an [OpenAIOption].
const (
	DefaultEmbedBatchSize      = 32
	DefaultEmbedMaxAttempts    = 4
	DefaultEmbedBackoffBase    = 500 * time.Millisecond
	DefaultEmbedBackoffMax     = 20 * time.Second
	DefaultEmbedRequestTimeout = 60 * time.Second
)

// OpenAIEmbedder embeds texts through an OpenAI-compatible /embeddings
// endpoint. It batches inputs, retries transient failures (429, 5xx,
// per-request timeouts and transport errors) with exponential backoff and
// jitter, and returns L2-normalized vectors, as chromem-go requires.
//
// Create it with [NewOpenAIEmbedder]. It is safe for concurrent use.
type OpenAIEmbedder struct {
	client      *openai.Client
	model       string
	batchSize   int
	maxAttempts int
	backoffBase time.Duration
	backoffMax  time.Duration
	timeout     time.Duration
	dimensions  int
	apiKey      string

	// wait blocks for d or until ctx is done; tests replace it to record
	// the backoff without sleeping.
	wait func(ctx context.Context, d time.Duration) error
}

// OpenAIOption configures an [OpenAIEmbedder].
type OpenAIOption func(*OpenAIEmbedder)

// WithBatchSize sets how many texts go into one request. The default is
// [DefaultEmbedBatchSize]; n < 1 keeps the default.
func WithBatchSize(n int) OpenAIOption {
	return func(e *OpenAIEmbedder) {
		if n >= 1 {
			e.batchSize = n
		}
	}
}

// WithMaxAttempts sets how many times one batch is tried in total, the
// first try included. The default is [DefaultEmbedMaxAttempts]; n < 1
// means 1 (no retries).
func WithMaxAttempts(n int) OpenAIOption {
	return func(e *OpenAIEmbedder) { e.maxAttempts = max(n, 1) }
}

// WithBackoff sets the backoff before retry k (k = 1, 2, …) to about
// base·2^(k-1), with jitter, capped at maxDelay. A server's retry hint
// ("Please try again in 20s") replaces the computed wait, still capped at
// maxDelay. The defaults are [DefaultEmbedBackoffBase] and
// [DefaultEmbedBackoffMax]; base <= 0 keeps the default base, and
// maxDelay < base means maxDelay = base. Tests may use a base of 1ms.
func WithBackoff(base, maxDelay time.Duration) OpenAIOption {
	return func(e *OpenAIEmbedder) {
		if base > 0 {
			e.backoffBase = base
		}
		e.backoffMax = maxDelay
		if e.backoffMax < e.backoffBase {
			e.backoffMax = e.backoffBase
		}
	}
}

// WithRequestTimeout bounds each HTTP request (one attempt of one batch).
// The default is [DefaultEmbedRequestTimeout]; d <= 0 means no per-request
// timeout, only the caller's context.
func WithRequestTimeout(d time.Duration) OpenAIOption {
	return func(e *OpenAIEmbedder) { e.timeout = d }
}

// WithDimensions asks the model for vectors of n dimensions (the API's
// dimensions field, supported by text-embedding-3 models). n <= 0, the
// default, leaves the field out. When set, vectors of another length are
// an error.
func WithDimensions(n int) OpenAIOption {
	return func(e *OpenAIEmbedder) { e.dimensions = max(n, 0) }
}

// WithAPIKey tells the embedder the API key its client sends, so that no
// error it returns repeats it: some servers echo the key in their 401
// messages. Errors are scrubbed of "Bearer …" values and sk-… keys even
// without it; a key of another shape needs it.
func WithAPIKey(key string) OpenAIOption {
	return func(e *OpenAIEmbedder) { e.apiKey = key }
}

// NewOpenAIEmbedder returns an embedder that calls client's embeddings
// endpoint with model (for example "text-embedding-3-small").
func NewOpenAIEmbedder(client *openai.Client, model string, opts ...OpenAIOption) *OpenAIEmbedder {
	e := &OpenAIEmbedder{
		client:      client,
		model:       model,
		batchSize:   DefaultEmbedBatchSize,
		maxAttempts: DefaultEmbedMaxAttempts,
		backoffBase: DefaultEmbedBackoffBase,
		backoffMax:  DefaultEmbedBackoffMax,
		timeout:     DefaultEmbedRequestTimeout,
		wait:        oaiSleep,
	}
	for _, opt := range opts {
		opt(e)
	}
	return e
}

// Name returns "openai:" followed by the model name. Persisted indexes are
// tagged with it so that vectors from different models are never mixed.
func (e *OpenAIEmbedder) Name() string { return "openai:" + e.model }

// Embed returns the normalized embedding of text. Its method value has the
// shape of [EmbedFunc]: retrieve.EmbedFunc(e.Embed). Errors are those of
// [OpenAIEmbedder.EmbedBatch].
func (e *OpenAIEmbedder) Embed(ctx context.Context, text string) ([]float32, error) {
	vecs, err := e.EmbedBatch(ctx, []string{text}, nil)
	if err != nil {
		return nil, err
	}
	return vecs[0], nil
}

// EmbedBatch returns one normalized vector per text, in the order of
// texts. Requests carry at most the batch size of texts each and are sent
// one after another; after each, progress (if not nil) is called with the
// number of texts embedded so far and len(texts). No texts gives nil.
//
// An empty text is an error (the API rejects it). API failures are wrapped
// so that errors.As(err, &apiErr) finds the *openai.APIError (or
// *openai.RequestError); 400, 401, 403 and 404 are not retried. A response
// with the wrong number of vectors, an empty or zero vector, or vectors of
// differing lengths is an error. If ctx ends, the error wraps ctx.Err().
// No error text holds the API key (see [WithAPIKey]).
func (e *OpenAIEmbedder) EmbedBatch(ctx context.Context, texts []string, progress func(done, total int)) ([][]float32, error) {
	vecs, err := e.embedBatch(ctx, texts, progress)
	return vecs, e.redact(err)
}

func (e *OpenAIEmbedder) embedBatch(ctx context.Context, texts []string, progress func(done, total int)) ([][]float32, error) {
	if len(texts) == 0 {
		return nil, nil
	}
	for i, t := range texts {
		if t == "" {
			return nil, fmt.Errorf("retrieve: openai embed: text %d is empty", i)
		}
	}
	out := make([][]float32, len(texts))
	dim := e.dimensions
	for start := 0; start < len(texts); start += e.batchSize {
		end := min(start+e.batchSize, len(texts))
		vecs, err := e.embedWithRetry(ctx, texts[start:end])
		if err != nil {
			return nil, fmt.Errorf("retrieve: openai embed texts %d-%d of %d: %w", start, end-1, len(texts), err)
		}
		for i, v := range vecs {
			if dim == 0 {
				dim = len(v)
			}
			if len(v) != dim {
				return nil, fmt.Errorf("retrieve: openai embed text %d: got %d dimensions, want %d", start+i, len(v), dim)
			}
			out[start+i] = v
		}
		if progress != nil {
			progress(end, len(texts))
		}
	}
	return out, nil
}

// embedWithRetry embeds one batch, retrying transient failures.
func (e *OpenAIEmbedder) embedWithRetry(ctx context.Context, batch []string) ([][]float32, error) {
	for attempt := 1; ; attempt++ {
		vecs, err := e.embedOnce(ctx, batch)
		if err == nil {
			return vecs, nil
		}
		if cerr := ctx.Err(); cerr != nil {
			if !errors.Is(err, cerr) {
				err = fmt.Errorf("%w: %w", cerr, err)
			}
			return nil, fmt.Errorf("attempt %d: %w", attempt, err)
		}
		retry, hint := oaiRetryable(err)
		if !retry || attempt >= e.maxAttempts {
			return nil, fmt.Errorf("attempt %d of %d: %w", attempt, e.maxAttempts, err)
		}
		d := e.backoff(attempt, hint)
		if werr := e.wait(ctx, d); werr != nil {
			return nil, fmt.Errorf("attempt %d of %d: waiting %v to retry: %w (last error: %w)", attempt, e.maxAttempts, d, werr, err)
		}
	}
}

// embedOnce sends one request for batch under the per-request timeout.
func (e *OpenAIEmbedder) embedOnce(ctx context.Context, batch []string) ([][]float32, error) {
	if e.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, e.timeout)
		defer cancel()
	}
	resp, err := e.client.CreateEmbeddings(ctx, openai.EmbeddingRequestStrings{
		Input:      batch,
		Model:      openai.EmbeddingModel(e.model),
		Dimensions: e.dimensions,
	})
	if err != nil {
		return nil, err
	}
	if len(resp.Data) != len(batch) {
		return nil, fmt.Errorf("got %d embeddings for %d inputs", len(resp.Data), len(batch))
	}
	out := make([][]float32, len(batch))
	for _, d := range resp.Data {
		if d.Index < 0 || d.Index >= len(batch) || out[d.Index] != nil {
			return nil, fmt.Errorf("embedding index %d out of range or repeated (%d inputs)", d.Index, len(batch))
		}
		if len(d.Embedding) == 0 {
			return nil, fmt.Errorf("empty embedding for input %d", d.Index)
		}
		v, err := oaiNormalize(d.Embedding)
		if err != nil {
			return nil, fmt.Errorf("embedding for input %d: %w", d.Index, err)
		}
		out[d.Index] = v
	}
	return out, nil
}

// backoff returns the wait before retry number attempt (1-based): the
// server's hint if it gave one, else base·2^(attempt-1) with equal jitter
// (half fixed, half random), both capped at the maximum.
func (e *OpenAIEmbedder) backoff(attempt int, hint time.Duration) time.Duration {
	if hint > 0 {
		return min(hint, e.backoffMax)
	}
	d := e.backoffMax
	if shift := attempt - 1; shift < 32 {
		if x := e.backoffBase << shift; x > 0 && x < d {
			d = x
		}
	}
	half := d / 2
	return half + rand.N(d-half+1)
}

// oaiSleep waits for d or until ctx is done, whichever comes first.
func oaiSleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// oaiRetryable says whether err is worth another attempt and returns the
// server's retry hint, if any. The caller has already checked that its own
// context is still alive, so a deadline here is the per-request timeout.
func oaiRetryable(err error) (bool, time.Duration) {
	var apiErr *openai.APIError
	if errors.As(err, &apiErr) {
		return oaiRetryStatus(apiErr.HTTPStatusCode), oaiRetryHint(apiErr.Message)
	}
	var reqErr *openai.RequestError
	if errors.As(err, &reqErr) {
		return oaiRetryStatus(reqErr.HTTPStatusCode), oaiRetryHint(string(reqErr.Body))
	}
	var syntaxErr *json.SyntaxError
	if errors.As(err, &syntaxErr) {
		return false, 0 // a server that sends garbage will likely do it again
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return true, 0
	}
	var netErr net.Error
	var urlErr *url.Error
	if errors.As(err, &netErr) || errors.As(err, &urlErr) {
		return true, 0
	}
	return false, 0
}

// oaiRetryStatus reports whether an HTTP status is transient.
func oaiRetryStatus(code int) bool {
	return code == http.StatusTooManyRequests || code == http.StatusRequestTimeout || code >= 500
}

// oaiRetryHintRE matches the wait that OpenAI-compatible servers put in
// 429 messages: "Please try again in 20s", "try again in 1.5 seconds",
// "retry after 300ms". go-openai's error types do not carry the response
// headers, so the Retry-After header itself is out of reach.
var oaiRetryHintRE = regexp.MustCompile(`(?i)(?:try again in|retry after)\s*(\d+(?:\.\d+)?)(?:\s*(ms|milliseconds?|seconds?|secs?|s|minutes?|mins?|m))?\b`)

// oaiRetryHint returns the wait named in msg, or 0.
func oaiRetryHint(msg string) time.Duration {
	m := oaiRetryHintRE.FindStringSubmatch(msg)
	if m == nil {
		return 0
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil || v <= 0 {
		return 0
	}
	unit := time.Second
	switch u := strings.ToLower(m[2]); {
	case u == "ms" || strings.HasPrefix(u, "milli"):
		unit = time.Millisecond
	case strings.HasPrefix(u, "m"):
		unit = time.Minute
	}
	if v > float64(math.MaxInt64/int64(unit)) {
		return time.Duration(math.MaxInt64)
	}
	return time.Duration(v * float64(unit))
}

// oaiNormalize scales v to unit length in place and returns it. A zero or
// non-finite vector is an error.
func oaiNormalize(v []float32) ([]float32, error) {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	norm := math.Sqrt(sum)
	if norm == 0 || math.IsNaN(norm) || math.IsInf(norm, 0) {
		return nil, fmt.Errorf("vector of %d dimensions has norm %v", len(v), norm)
	}
	for i, x := range v {
		v[i] = float32(float64(x) / norm)
	}
	return v, nil
}

// Patterns of secrets that servers echo: an Authorization value and an
// OpenAI-style key.
var (
	bearerRE = regexp.MustCompile(`(?i)(bearer\s+)[^\s"'\\,;]+`)
	skKeyRE  = regexp.MustCompile(`\bsk-[A-Za-z0-9_\-]{6,}`)
)

const redacted = "[REDACTED]"

// scrub removes the API key and anything that looks like one from s.
func (e *OpenAIEmbedder) scrub(s string) string {
	if e.apiKey != "" {
		s = strings.ReplaceAll(s, e.apiKey, redacted)
	}
	s = bearerRE.ReplaceAllString(s, "${1}"+redacted)
	return skKeyRE.ReplaceAllString(s, "sk-"+redacted)
}

// redact scrubs err's text of secrets. The go-openai errors in its chain
// are scrubbed in place (they are this call's own), so that errors.As
// still finds them and they print clean too.
func (e *OpenAIEmbedder) redact(err error) error {
	if err == nil {
		return nil
	}
	walkErrors(err, func(x error) {
		switch x := x.(type) {
		case *openai.APIError:
			x.Message = e.scrub(x.Message)
		case *openai.RequestError:
			x.Body = []byte(e.scrub(string(x.Body)))
		}
	})
	if msg := e.scrub(err.Error()); msg != err.Error() {
		return &redactedError{msg: msg, err: err}
	}
	return err
}

// walkErrors calls fn for err and every error it wraps.
func walkErrors(err error, fn func(error)) {
	for err != nil {
		fn(err)
		switch x := err.(type) {
		case interface{ Unwrap() []error }:
			for _, inner := range x.Unwrap() {
				walkErrors(inner, fn)
			}
			return
		case interface{ Unwrap() error }:
			err = x.Unwrap()
		default:
			return
		}
	}
}

// redactedError is an error whose text had a secret removed; it unwraps
// to the original, so errors.Is and errors.As work as before.
type redactedError struct {
	msg string
	err error
}

func (r *redactedError) Error() string { return r.msg }
func (r *redactedError) Unwrap() error { return r.err }
