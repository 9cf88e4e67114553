package main

import (
	"bytes"
	"io"
	"regexp"
	"strings"
)

// minSecretLen is the shortest secret that is redacted: a placeholder key
// of a few letters (OPENAI_API_KEY=x for a local server) is not a secret,
// and replacing it everywhere would garble output.
const minSecretLen = 6

const redacted = "[redacted]"

// tokenPatterns catch key-shaped text the CLI was not told about: a bearer
// token echoed in a server's error, an OpenAI-style sk-… key.
var tokenPatterns = regexp.MustCompile(`(?i)\bbearer\s+[A-Za-z0-9._~+/=-]{6,}|\bsk-[A-Za-z0-9_-]{8,}`)

// redactor removes secrets (the API key, the Discord token) from text the
// CLI prints, wherever the text came from: an upstream error body, a log
// line, a library's message.
type redactor struct {
	secrets []string
}

func newRedactor(secrets ...string) *redactor {
	r := &redactor{}
	for _, s := range secrets {
		s = strings.TrimSpace(s)
		s = strings.TrimPrefix(s, "Bot ")
		if len(s) >= minSecretLen {
			r.secrets = append(r.secrets, s)
		}
	}
	return r
}

// redact returns s with every secret replaced.
func (r *redactor) redact(s string) string {
	for _, sec := range r.secrets {
		s = strings.ReplaceAll(s, sec, redacted)
	}
	return tokenPatterns.ReplaceAllString(s, redacted)
}

// redactWriter redacts each Write. The CLI writes whole lines or whole
// records, so a secret is never split between two writes.
type redactWriter struct {
	w io.Writer
	r *redactor
}

func (rw redactWriter) Write(p []byte) (int, error) {
	q := p
	for _, sec := range rw.r.secrets {
		if bytes.Contains(q, []byte(sec)) {
			q = bytes.ReplaceAll(q, []byte(sec), []byte(redacted))
		}
	}
	if tokenPatterns.Match(q) {
		q = tokenPatterns.ReplaceAll(q, []byte(redacted))
	}
	if _, err := rw.w.Write(q); err != nil {
		return 0, err
	}
	return len(p), nil
}
