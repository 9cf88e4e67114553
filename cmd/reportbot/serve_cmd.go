package main

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/reportbot/reportbot/serve"
)

// warmQuestions are asked once before the server listens, so that the
// engine's dictionaries (Chinese and English) are loaded before the first
// visitor asks.
var warmQuestions = []string{"2023年规上工业总产值是多少?", "What was the industrial output value in 2023?"}

// serveFlags are the flags of `serve`.
type serveFlags struct {
	addr, token, name string
	cors              []string
	maxInFlight       int
	maxQuestion       int
	maxBody           int64
	rate              float64
	burst             int
	shutdown          time.Duration
}

func (a *app) serveCmd() *cobra.Command {
	var sf serveFlags
	c := a.command("serve", "HTTP server: OpenAI-compatible API, JSON API and a web page",
		`Serve loads the reports once and serves them until Ctrl-C (SIGINT) or
SIGTERM, then lets the requests in flight finish:

  GET  /                     a web page: chat with cited answers ([n] opens
                             the report at the passage), the report's sections
                             and figures, a comparison across reports, briefs
  GET  /v1/models, POST /v1/chat/completions
                             OpenAI-compatible (streaming too): point any chat
                             client at http://ADDR/v1 with model "reportbot"
  /api/ask, /api/search, /api/compare, /api/reports, /api/sections,
  /api/figures, /api/brief   JSON with the fields of the --json contracts
  GET  /healthz              liveness

It listens on 127.0.0.1:8080 unless --addr says otherwise; an address that
is not loopback needs a token (--token or REPORTBOT_TOKEN), which every route
but / and /healthz then requires as "Authorization: Bearer TOKEN" (the page
asks for it). Each request is logged to stderr as one JSON line with its
status, latency and answer mode. The LLM key (OPENAI_API_KEY) never leaves
the server.`,
		a.noArgs, append(append([]string{}, inputFlags...), llmFlags...),
		func(ctx context.Context, c *cobra.Command, args []string) error {
			if sf.token == "" {
				sf.token = a.env("REPORTBOT_TOKEN")
			}
			if err := serve.CheckAddr(sf.addr, sf.token); err != nil {
				return a.usageErr(c, "%s", strings.TrimPrefix(err.Error(), "serve: "))
			}
			e, lib, err := a.qaEngine(ctx, true)
			if err != nil {
				return err
			}
			start := time.Now()
			for _, q := range warmQuestions {
				// Offline answers: a warm-up must not spend LLM calls.
				if _, err := e.Figure(ctx, q); err != nil && ctx.Err() != nil {
					return ctx.Err()
				}
			}
			fmt.Fprintf(a.stderr, "reportbot: serving %d report(s) (%s); warmed up in %v\n", len(lib.docs), lib.summary(3), time.Since(start).Round(time.Millisecond))
			return serve.Run(ctx, e, serve.Options{
				Addr: sf.addr, Token: sf.token, CORSOrigins: sf.cors, ModelName: sf.name,
				MaxBodyBytes: sf.maxBody, MaxQuestionRunes: sf.maxQuestion, MaxInFlight: sf.maxInFlight,
				RatePerClient: sf.rate, RateBurst: sf.burst, ShutdownTimeout: sf.shutdown,
				Logger:  slog.New(slog.NewJSONHandler(a.stderr, nil)),
				Secrets: []string{a.apiKey(), a.env("DISCORD_TOKEN")},
			})
		})
	c.Example = `  reportbot serve                                   # http://127.0.0.1:8080/
  reportbot --dir reports serve --addr :8080 --token "$(openssl rand -hex 16)"
  curl -s localhost:8080/api/ask -H 'Content-Type: application/json' -d '{"question":"2023年规上工业总产值是多少?"}'`
	fs := c.Flags()
	fs.StringVar(&sf.addr, "addr", serve.DefaultAddr, "listen on `HOST:PORT`; not loopback needs --token")
	fs.StringVar(&sf.token, "token", "", "require this bearer `TOKEN` (env REPORTBOT_TOKEN)")
	fs.StringArrayVar(&sf.cors, "cors", nil, "allow browser calls from `ORIGIN` (https://app.example, or *); repeatable")
	fs.StringVar(&sf.name, "name", serve.DefaultModelName, "the model `ID` /v1/models lists")
	fs.IntVar(&sf.maxInFlight, "max-in-flight", serve.DefaultMaxInFlight, "answer at most `N` requests at once; as many more wait, the rest get 503")
	fs.IntVar(&sf.maxQuestion, "max-question", serve.DefaultMaxQuestionRunes, "longest question in `CHARS`")
	fs.Int64Var(&sf.maxBody, "max-body", serve.DefaultMaxBodyBytes, "largest request body in `BYTES`")
	fs.Float64Var(&sf.rate, "rate", serve.DefaultRatePerClient, "allow `R` requests per second per client IP; negative for no limit")
	fs.IntVar(&sf.burst, "burst", serve.DefaultRateBurst, "allow bursts of `N` requests per client IP")
	fs.DurationVar(&sf.shutdown, "shutdown-timeout", serve.DefaultShutdownTimeout, "on Ctrl-C wait up to `D` for requests in flight")
	return c
}
