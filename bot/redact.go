package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// redactor keeps the bot token out of every text the Discord front hands
// on: returned errors, log records, and the bodies of REST requests and
// responses (so a reply quoting the token, or a server echoing the
// Authorization header in an error body, is cleaned before anyone reads
// it). It also hides interaction tokens in webhook URLs and, with an
// APIBase, names that base in place of discordgo's https://discord.com/api
// URLs, which are rewritten only on the wire.
//
// A redactor is immutable after newRedactor and safe for concurrent use.
type redactor struct {
	secrets []string
	base    string // APIBase with a trailing slash, or ""
}

// hookTokenRE finds the token part of interaction and webhook URLs:
// webhooks/{application id}/{token}, interactions/{id}/{token}.
var hookTokenRE = regexp.MustCompile(`((?:webhooks|interactions)/[0-9]+/)[A-Za-z0-9_.\-]{8,}`)

// discordAPIRE matches the REST base URLs discordgo builds requests on.
var discordAPIRE = regexp.MustCompile(`https://(?:discord|discordapp)\.com/api(?:/v[0-9]+)?/`)

const redacted = "[redacted]"

func newRedactor(token, apiBase string) *redactor {
	r := &redactor{}
	if token != "" {
		r.secrets = []string{token} // "Bot xyz" becomes "Bot [redacted]"
	}
	if apiBase != "" {
		if !strings.HasSuffix(apiBase, "/") {
			apiBase += "/"
		}
		r.base = apiBase
	}
	return r
}

// clean returns s with the secrets and interaction tokens hidden and, with
// an APIBase, discord.com API URLs renamed to it.
func (r *redactor) clean(s string) string {
	for _, sec := range r.secrets {
		s = strings.ReplaceAll(s, sec, redacted)
	}
	if strings.Contains(s, "webhooks/") || strings.Contains(s, "interactions/") {
		s = hookTokenRE.ReplaceAllString(s, "${1}"+redacted)
	}
	if r.base != "" && strings.Contains(s, "discord") {
		s = discordAPIRE.ReplaceAllLiteralString(s, r.base)
	}
	return s
}

func (r *redactor) has(b []byte) bool {
	for _, sec := range r.secrets {
		if bytes.Contains(b, []byte(sec)) {
			return true
		}
	}
	return false
}

func (r *redactor) cleanBytes(b []byte) []byte {
	for _, sec := range r.secrets {
		b = bytes.ReplaceAll(b, []byte(sec), []byte(redacted))
	}
	return b
}

// cleanError is an error whose message has been cleaned; it unwraps to a
// cleaned copy of the upstream error where there is one, so errors.As
// still finds *discordgo.RESTError and *url.Error.
type cleanError struct {
	msg string
	err error
}

func (e *cleanError) Error() string { return e.msg }
func (e *cleanError) Unwrap() error { return e.err }

// error cleans err. A *discordgo.RESTError in the chain is copied without
// the request's Authorization header and with its body cleaned; a
// *url.Error is copied with its URL cleaned. Other chains are kept when
// their text holds nothing to hide.
func (r *redactor) error(err error) error {
	if err == nil {
		return nil
	}
	msg := r.clean(err.Error())
	var rest *discordgo.RESTError
	var uerr *url.Error
	switch {
	case errors.As(err, &rest):
		c := *rest
		c.ResponseBody = r.cleanBytes(rest.ResponseBody)
		if rest.Message != nil {
			m := *rest.Message
			m.Message = r.clean(m.Message)
			c.Message = &m
		}
		if rest.Request != nil {
			c.Request = rest.Request.Clone(rest.Request.Context())
			c.Request.Header.Del("Authorization")
			if u, err := url.Parse(r.clean(rest.Request.URL.String())); err == nil {
				c.Request.URL = u
			}
		}
		return &cleanError{msg: msg, err: &c}
	case errors.As(err, &uerr):
		c := *uerr
		c.URL = r.clean(uerr.URL)
		return &cleanError{msg: msg, err: &c}
	case msg == err.Error():
		return err
	case errors.Is(err, context.DeadlineExceeded):
		return &cleanError{msg: msg, err: context.DeadlineExceeded}
	case errors.Is(err, context.Canceled):
		return &cleanError{msg: msg, err: context.Canceled}
	}
	return &cleanError{msg: msg, err: errors.New(msg)}
}

// errorf formats like fmt.Errorf and cleans the result.
func (r *redactor) errorf(format string, args ...any) error {
	return r.error(fmt.Errorf(format, args...))
}

// maxRedactBody bounds how much of a response body is read to clean it.
// Discord's JSON answers are far smaller.
const maxRedactBody = 16 << 20

// redactTransport cleans REST request and response bodies of the token,
// so that neither Discord nor discordgo's errors ever carry it.
type redactTransport struct {
	r    *redactor
	next http.RoundTripper
}

func (t *redactTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil && req.Body != http.NoBody {
		body, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, t.r.error(fmt.Errorf("discord: read request body: %w", err))
		}
		req = req.Clone(req.Context())
		if t.r.has(body) {
			body = t.r.cleanBytes(body)
		}
		req.Body = io.NopCloser(bytes.NewReader(body))
		req.ContentLength = int64(len(body))
		req.Header.Set("Content-Length", strconv.Itoa(len(body)))
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	}
	resp, err := t.next.RoundTrip(req)
	if err != nil || resp.Body == nil {
		return resp, err
	}
	body, rerr := io.ReadAll(io.LimitReader(resp.Body, maxRedactBody))
	resp.Body.Close()
	if rerr != nil {
		return nil, t.r.error(fmt.Errorf("discord: read response body: %w", rerr))
	}
	if t.r.has(body) {
		body = t.r.cleanBytes(body)
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	resp.Header.Del("Content-Length")
	return resp, nil
}

// redactHandler passes log records on with every message and attribute
// cleaned by r.
type redactHandler struct {
	h slog.Handler
	r *redactor
}

func (h redactHandler) Enabled(ctx context.Context, l slog.Level) bool { return h.h.Enabled(ctx, l) }

func (h redactHandler) Handle(ctx context.Context, rec slog.Record) error {
	n := slog.NewRecord(rec.Time, rec.Level, h.r.clean(rec.Message), rec.PC)
	rec.Attrs(func(a slog.Attr) bool {
		n.AddAttrs(h.attr(a))
		return true
	})
	return h.h.Handle(ctx, n)
}

func (h redactHandler) WithAttrs(as []slog.Attr) slog.Handler {
	out := make([]slog.Attr, len(as))
	for i, a := range as {
		out[i] = h.attr(a)
	}
	return redactHandler{h: h.h.WithAttrs(out), r: h.r}
}

func (h redactHandler) WithGroup(name string) slog.Handler {
	return redactHandler{h: h.h.WithGroup(name), r: h.r}
}

func (h redactHandler) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, h.r.clean(v.String()))
	case slog.KindGroup:
		g := v.Group()
		out := make([]slog.Attr, len(g))
		for i, ga := range g {
			out[i] = h.attr(ga)
		}
		return slog.Attr{Key: a.Key, Value: slog.GroupValue(out...)}
	case slog.KindAny:
		if err, ok := v.Any().(error); ok {
			return slog.String(a.Key, h.r.clean(err.Error()))
		}
		s := fmt.Sprint(v.Any())
		if c := h.r.clean(s); c != s {
			return slog.String(a.Key, c)
		}
	}
	return slog.Attr{Key: a.Key, Value: v}
}
