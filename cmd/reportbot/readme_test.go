package main

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestREADMECommands runs every reportbot command of the README's sh
// blocks that can run offline from a fresh clone, as written, and wants
// exit 0. Commands that need a key, a token, a network server, a user's
// own files or a pipe are skipped (each reason is listed in skipReason).
func TestREADMECommands(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	cmds := readmeCommands(t, filepath.Join(root, "README.md"))
	if len(cmds) < 3 {
		t.Fatalf("found %d runnable README commands; the README's examples are missing", len(cmds))
	}
	t.Chdir(root)
	for _, args := range cmds {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var errb strings.Builder
			code := runEnv(t.Context(), args, strings.NewReader(""), io.Discard, &errb, func(string) string { return "" })
			if code != 0 {
				t.Errorf("reportbot %s: exit %d; stderr:\n%s", strings.Join(args, " "), code, errb.String())
			}
		})
	}
}

// skipReason says why a README line cannot run in a test: it needs
// something the test does not have.
var skipReason = regexp.MustCompile(`OPENAI_API_KEY|DISCORD_TOKEN|EMBED_MODEL|LLM_MODEL|~/|\||&&|报告\.|--dir reports|serve|chat|discord|--batch`)

// readmeCommands returns the arguments of the README's reportbot command
// lines, comments cut.
func readmeCommands(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out [][]string
	inSh := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "```sh"):
			inSh = true
			continue
		case strings.HasPrefix(line, "```"):
			inSh = false
			continue
		}
		if !inSh {
			continue
		}
		line = strings.TrimSpace(cutComment(line))
		var rest string
		switch {
		case strings.HasPrefix(line, "reportbot "):
			rest = strings.TrimPrefix(line, "reportbot ")
		case strings.HasPrefix(line, "go run ./cmd/reportbot "):
			rest = strings.TrimPrefix(line, "go run ./cmd/reportbot ")
		default:
			continue
		}
		if skipReason.MatchString(rest) {
			continue
		}
		out = append(out, shellWords(rest))
	}
	return out
}

// cutComment drops a trailing "# …" comment outside quotes.
func cutComment(line string) string {
	inQuote := false
	for i, r := range line {
		switch {
		case r == '"':
			inQuote = !inQuote
		case r == '#' && !inQuote && i > 0 && line[i-1] == ' ':
			return line[:i]
		}
	}
	return line
}

// shellWords splits a command line at spaces outside double quotes.
func shellWords(s string) []string {
	var out []string
	var cur strings.Builder
	inQuote := false
	for _, r := range s {
		switch {
		case r == '"':
			inQuote = !inQuote
		case r == ' ' && !inQuote:
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
		default:
			cur.WriteRune(r)
		}
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}
