package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reportbot/reportbot/internal/fakeopenai"
)

func TestRedactor(t *testing.T) {
	t.Parallel()
	r := newRedactor("key-0123456789", "Bot discord.token.abcdef", "x")
	tests := []struct{ in, want string }{
		{"401: Incorrect API key provided: key-0123456789.", "401: Incorrect API key provided: [redacted]."},
		{"Authorization: Bearer abcdefghijkl", "Authorization: [redacted]"},
		{"token discord.token.abcdef rejected", "token [redacted] rejected"},
		{"an sk-proj-ABCDEFGH12345678 key", "an [redacted] key"},
		{"x marks nothing: a short secret is not redacted", "x marks nothing: a short secret is not redacted"},
	}
	for _, tc := range tests {
		if got := r.redact(tc.in); got != tc.want {
			t.Errorf("redact(%q) = %q, want %q", tc.in, got, tc.want)
		}
		var b bytes.Buffer
		redactWriter{&b, r}.Write([]byte(tc.in))
		if b.String() != tc.want {
			t.Errorf("redactWriter wrote %q for %q, want %q", b.String(), tc.in, tc.want)
		}
	}
}

// TestKeyNeverPrinted points every command that talks to a model server at
// one that echoes the API key in its error bodies, and checks that the key
// appears nowhere in what the CLI prints.
func TestKeyNeverPrinted(t *testing.T) {
	t.Parallel()
	const key = "rb-test-key-5f2c9e"
	echo := fakeopenai.NewEcho(t, 401)
	e := env{"OPENAI_API_KEY": key, "OPENAI_BASE_URL": echo.URL, "LLM_MODEL": "m", "DISCORD_TOKEN": "discord-token-7a1b"}
	db := filepath.Join(t.TempDir(), "idx")
	tests := []struct {
		name  string
		stdin string
		args  []string
		code  int
	}{
		{"index with a remote embedder", "", []string{"index", "--embed-model", "e", "--db", db}, exitFail},
		{"ask with the LLM", "", []string{"ask", "--json", "2023年规上工业总产值是多少?"}, exitOK},
		{"ask, human output", "", []string{"ask", "2023年规上工业总产值是多少?"}, exitOK},
		{"search with a remote embedder", "", []string{"search", "--embed-model", "e", "交通"}, exitFail},
		{"batch", "2023年规上工业总产值是多少?\n\n交通\n", []string{"ask", "--batch", "-"}, exitOK},
		{"chat", "2023年规上工业总产值是多少?\nbrief 交通\n", []string{"chat"}, exitOK},
		{"brief", "", []string{"brief", "--topic", "交通"}, exitOK},
		{"discord", "", []string{"discord", "--api-base", echo.URL + "/"}, exitFail},
	}
	t.Run("commands", func(t *testing.T) {
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				t.Parallel()
				r := cli(t, e, tc.stdin, tc.args...)
				if r.code != tc.code {
					t.Errorf("run(%q) exit %d, want %d; stderr %q", tc.args, r.code, tc.code, r.err)
				}
				for _, secret := range []string{key, e["DISCORD_TOKEN"]} {
					if strings.Contains(r.out+r.err, secret) {
						t.Errorf("run(%q) printed the secret %q:\nstdout %s\nstderr %s", tc.args, secret, r.out, r.err)
					}
				}
			})
		}
	})
	if echo.Requests() < len(tests) {
		t.Errorf("%d requests reached the echoing server, want one per command at least", echo.Requests())
	}
}
