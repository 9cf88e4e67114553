package serve

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/reportbot/reportbot/answer"
	"github.com/reportbot/reportbot/brief"
	"github.com/reportbot/reportbot/qa"
	"github.com/reportbot/reportbot/report"
	"github.com/reportbot/reportbot/retrieve"
)

// Engine is what the server needs of the question-answering engine.
// *qa.Engine satisfies it. Its methods are called from many goroutines at
// once.
type Engine interface {
	Ask(ctx context.Context, req answer.Request) (answer.Answer, error)
	Search(ctx context.Context, text string, k int, reportFilter string) ([]retrieve.Hit, error)
	Compare(ctx context.Context, text, reportFilter string) ([]qa.CompareRow, error)
	BuildBrief(ctx context.Context, d int, opts brief.Options) (*brief.Brief, error)
	Reports() []*report.Report
	Index() *retrieve.Index
}

var _ Engine = (*qa.Engine)(nil)

// Server serves one engine over HTTP; see the package documentation for
// its routes. It is an http.Handler and safe for concurrent use.
type Server struct {
	e       Engine
	opts    Options
	docs    []*report.Report
	names   []string // file names, by report index
	log     *slog.Logger
	handler http.Handler
	limiter *clientLimiter
	gate    *gate
	secrets []string
	// tokenHash is the SHA-256 of Options.Token.
	tokenHash [32]byte
	created   int64
	reqSeq    atomic.Uint64 // request ids
}

// New returns a server of e. It returns an error wrapping ErrInsecure when
// opts.Addr is not loopback and opts.Token is empty (see CheckAddr), and
// an error when e has no reports.
func New(e Engine, opts Options) (*Server, error) {
	if e == nil {
		return nil, errors.New("serve: nil engine")
	}
	if err := CheckAddr(opts.Addr, opts.Token); err != nil {
		return nil, err
	}
	opts = opts.withDefaults()
	s := &Server{e: e, opts: opts, docs: e.Reports(), log: opts.Logger, created: time.Now().Unix()}
	if len(s.docs) == 0 {
		return nil, errors.New("serve: the engine has no reports")
	}
	ix := e.Index()
	for d := range s.docs {
		name := ""
		if ix != nil {
			name = ix.Name(d)
		}
		s.names = append(s.names, name)
	}
	for _, sec := range append(opts.Secrets, opts.Token) {
		if sec = strings.TrimSpace(sec); len(sec) >= minSecretLen {
			s.secrets = append(s.secrets, sec)
		}
	}
	s.tokenHash = sha256.Sum256([]byte(opts.Token))
	if opts.RatePerClient > 0 {
		s.limiter = newClientLimiter(opts.RatePerClient, opts.RateBurst, maxClients)
	}
	s.gate = newGate(opts.MaxInFlight, opts.QueueWait)
	s.handler = s.logged(s.cors(s.routes()))
	return s, nil
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	p := func(h http.Handler) http.Handler { return s.protected(h) }
	get := func(h http.HandlerFunc) http.Handler {
		return p(methods(map[string]http.HandlerFunc{http.MethodGet: h}))
	}
	getPost := func(h http.HandlerFunc) http.Handler {
		return p(methods(map[string]http.HandlerFunc{http.MethodGet: h, http.MethodPost: h}))
	}

	mux.Handle("/{$}", methods(map[string]http.HandlerFunc{http.MethodGet: s.handlePage}))
	mux.Handle("/static/", methods(map[string]http.HandlerFunc{http.MethodGet: s.handleStatic}))
	mux.Handle("/healthz", methods(map[string]http.HandlerFunc{http.MethodGet: s.handleHealth}))

	mux.Handle("/v1/models", get(s.handleModels))
	mux.Handle("/v1/models/{id}", get(s.handleModel))
	mux.Handle("/v1/chat/completions", p(methods(map[string]http.HandlerFunc{http.MethodPost: s.engineCall(s.handleChat)})))

	mux.Handle("/api/ask", getPost(s.engineCall(s.handleAsk)))
	mux.Handle("/api/search", getPost(s.engineCall(s.handleSearch)))
	mux.Handle("/api/compare", getPost(s.engineCall(s.handleCompare)))
	mux.Handle("/api/reports", get(s.handleReports))
	mux.Handle("/api/sections", get(s.handleSections))
	mux.Handle("/api/figures", get(s.handleFigures))
	mux.Handle("/api/brief", get(s.engineCall(s.handleBrief)))
	mux.Handle("/api/reports/{i}/text", get(s.handleText))
	mux.Handle("/api/reports/{i}/sections", get(s.handleSections))
	mux.Handle("/api/reports/{i}/figures", get(s.handleFigures))
	mux.Handle("/api/reports/{i}/brief", get(s.engineCall(s.handleBrief)))

	// Unknown API routes get a JSON 404 behind the token, so that the
	// route list does not leak to callers without one.
	mux.Handle("/api/", p(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { writeError(w, errRouteNotFound) })))
	mux.Handle("/v1/", p(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { writeError(w, errRouteNotFound) })))
	mux.Handle("/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { writeError(w, errRouteNotFound) }))
	return mux
}

// ServeHTTP serves one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Addr returns the address the server is configured to listen on.
func (s *Server) Addr() string { return s.opts.Addr }

// ListenAndServe listens on Options.Addr and serves until ctx is
// cancelled; see Serve.
func (s *Server) ListenAndServe(ctx context.Context) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", s.opts.Addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx is cancelled, then stops accepting
// connections and waits up to Options.ShutdownTimeout for the requests in
// flight (streams included) to finish before closing what is left. It
// closes ln. It returns nil after a shutdown that ctx started, an error
// wrapping ErrInsecure at once for a listener that is not on loopback when
// there is no token, and the error that stopped the server otherwise.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	if ta, ok := ln.Addr().(*net.TCPAddr); ok && s.opts.Token == "" && !ta.IP.IsLoopback() {
		ln.Close()
		return fmt.Errorf("%w: %s (set a token, or listen on 127.0.0.1)", ErrInsecure, ta)
	}
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	s.log.Info("listening", "addr", ln.Addr().String(), "url", "http://"+ln.Addr().String()+"/",
		"reports", len(s.docs), "model", s.opts.ModelName, "token", s.opts.Token != "")
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "in_flight", s.gate.inFlight(), "timeout", s.opts.ShutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.opts.ShutdownTimeout)
	defer cancel()
	err := hs.Shutdown(sctx)
	if err != nil {
		hs.Close()
		err = fmt.Errorf("serve: shutdown: %w", err)
	}
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = fmt.Errorf("serve: %w", serr)
	}
	s.log.Info("stopped")
	return err
}

// Run builds a server of e and serves on opts.Addr until ctx is
// cancelled; see New and Server.Serve.
func Run(ctx context.Context, e Engine, opts Options) error {
	s, err := New(e, opts)
	if err != nil {
		return err
	}
	return s.ListenAndServe(ctx)
}
