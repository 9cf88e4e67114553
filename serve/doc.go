// Package serve is reportbot's HTTP front: one process that serves the
// loaded reports to programs, to OpenAI-compatible chat clients and to
// people in a browser.
//
// # Routes
//
// Public (no token):
//
//	GET  /                      the web page (embedded; chat, report view, comparison, briefs)
//	GET  /healthz               {"status":"ok","reports":N,"model":"reportbot"}
//
// OpenAI-compatible (bearer token when one is set):
//
//	GET  /v1/models             the loaded corpus as one model (Options.ModelName)
//	GET  /v1/models/{id}
//	POST /v1/chat/completions   with and without "stream": true
//
// The last user message is the question; the earlier user/assistant pairs are
// the history. The reply's content is the answer with its [n] markers, then a
// block of the cited passages (report, section label, quote), so any client
// shows them; the structured citations are also in a top-level "citations"
// field (and in the final chunk of a stream) with the fields of ask --json,
// next to a "reportbot" object holding answerable, grounded, mode and note.
// An extra "report" field in the request limits the answer to the reports
// whose title, region or file name contains it. Errors have OpenAI's shape,
// {"error":{"message","type","param","code"}}.
//
// JSON for programs (bearer token when one is set), with the field names of
// the CLI's --json contracts:
//
//	GET|POST /api/ask           {"question","history":[{"question","answer"}],"report","section","stream"}
//	                            → ask --json; with "stream": true, server-sent events
//	                            "delta" {"text"} (checked text as an LLM writes it) and
//	                            "answer" (the final answer, which replaces the deltas)
//	GET|POST /api/search        q (or query), k, report → search --json
//	GET|POST /api/compare       text, report → {"text","rows":[compare --json rows + "index"]}
//	GET  /api/reports           {"reports":[reports --json objects + "index"]}
//	GET  /api/sections          report → {"reports":[sections --json objects]}
//	GET  /api/figures           report, kind, period, section, metric → {"figures":[figures --json]}
//	GET  /api/brief             report, topic, format=md|html|docx|json → a download
//	GET  /api/reports/{i}/text  {"index","file","title","status","length","text"}
//	GET  /api/reports/{i}/sections, /figures, /brief: the same for report i
//
// # Safe by default
//
// The zero Options listen on 127.0.0.1:8080. A non-loopback address needs a
// Token (ErrInsecure otherwise); with a token every route but / and /healthz
// wants "Authorization: Bearer TOKEN", and the page asks for it. Request
// bodies, questions and concurrent engine calls are bounded, every client
// (by IP address) has a token-bucket rate limit, and CORS is off unless
// Options.CORSOrigins lists origins.
//
// Without a token (so on loopback) the API answers only requests addressed
// to localhost or a loopback address, against DNS rebinding, and browsers'
// cross-site requests (Sec-Fetch-Site: cross-site) are refused unless their
// origin is listed, so another site cannot make the server call a paid LLM;
// POST bodies must be JSON, which a cross-site form cannot send.
//
// No request ever names a file (reports are addressed by their index), and
// error messages never carry upstream error text, so an LLM API key the
// engine holds cannot leak into a response; Options.Secrets are redacted
// from the log as well.
//
// # Operation
//
// Every request is logged (slog, Info) with its method, path, status,
// latency and, for answers, the answer mode (extractive, llm, fallback).
// Server.Serve and Run stop on ctx cancellation and let requests in flight
// finish (up to Options.ShutdownTimeout).
//
// # Imports
//
// serve imports answer, brief, qa (for CompareRow), report and retrieve (for
// Hit), and golang.org/x/time/rate. It declares the Engine interface it
// needs; *qa.Engine satisfies it. serve never reads environment variables.
package serve
