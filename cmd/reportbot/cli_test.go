package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"
)

// result is what one run of the CLI printed and returned.
type result struct {
	out, err string
	code     int
}

// env is a test environment: variables by name.
type env map[string]string

func (e env) get(k string) string { return e[k] }

// cli runs the CLI as main does, with the environment e and stdin.
func cli(t *testing.T, e env, stdin string, args ...string) result {
	t.Helper()
	return cliCtx(t.Context(), t, e, strings.NewReader(stdin), args...)
}

func cliCtx(ctx context.Context, t *testing.T, e env, stdin io.Reader, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := runEnv(ctx, args, stdin, &out, &errb, e.get)
	return result{out.String(), errb.String(), code}
}

// ok runs the CLI and fails the test unless it exits 0.
func ok(t *testing.T, e env, stdin string, args ...string) result {
	t.Helper()
	r := cli(t, e, stdin, args...)
	if r.code != exitOK {
		t.Fatalf("run(%q) exit %d, want 0; stderr:\n%s", args, r.code, r.err)
	}
	return r
}

// jsonLines decodes every line of out as a JSON object.
func jsonLines(t *testing.T, out string) []map[string]any {
	t.Helper()
	var objs []map[string]any
	if out == "" {
		return nil
	}
	for i, l := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("line %d is not a JSON object: %v: %q", i+1, err, l)
		}
		objs = append(objs, m)
	}
	return objs
}

func TestRunDirectly(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(t.Context(), []string{"--help"}, strings.NewReader(""), &out, &errb); code != exitOK {
		t.Fatalf("run(--help) = %d, want 0; stderr %q", code, errb.String())
	}
	if !strings.Contains(out.String(), "Exit codes:") {
		t.Errorf("run(--help) stdout lacks the exit codes:\n%s", out.String())
	}
}

func TestHelp(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		args     []string
		wantCode int
		inStdout bool // the help goes to stdout (else stderr)
		want     string
	}{
		{"--help", []string{"--help"}, exitOK, true, "Commands:"},
		{"-h", []string{"-h"}, exitOK, true, "Commands:"},
		{"help", []string{"help"}, exitOK, true, "Commands:"},
		{"bare reportbot", nil, exitUsage, false, "Commands:"},
		{"only global flags", []string{"--offline"}, exitUsage, false, "Commands:"},
		{"help ask", []string{"help", "ask"}, exitOK, true, "--batch FILE"},
		{"ask --help", []string{"ask", "--help"}, exitOK, true, "--batch FILE"},
		{"ask -h after flags", []string{"--file", "x.txt", "ask", "-h"}, exitOK, true, "--batch FILE"},
		{"help compare", []string{"help", "compare"}, exitOK, true, `"sentence"`},
		{"help brief", []string{"help", "brief"}, exitOK, true, "-topic string"},
		{"brief -h", []string{"brief", "-h"}, exitOK, true, "-topic string"},
		{"help completion", []string{"help", "completion"}, exitOK, true, "completion SHELL"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := cli(t, nil, "", tc.args...)
			if r.code != tc.wantCode {
				t.Fatalf("run(%q) exit %d, want %d; stderr %q", tc.args, r.code, tc.wantCode, r.err)
			}
			help, other := r.out, r.err
			if !tc.inStdout {
				help, other = r.err, r.out
			}
			if other != "" {
				t.Errorf("run(%q) printed %q on the other stream, want nothing", tc.args, other)
			}
			if n := strings.Count(help, tc.want); n != 1 {
				t.Errorf("run(%q) help has %q %d times, want once:\n%s", tc.args, tc.want, n, help)
			}
			if n := strings.Count(help, "Usage:"); n != 1 {
				t.Errorf("run(%q) printed Usage: %d times, want once", tc.args, n)
			}
			if !strings.Contains(help, "Exit codes") {
				t.Errorf("run(%q) help does not document the exit codes", tc.args)
			}
		})
	}
	// A command's help shows the global flags that apply to it, and only
	// those.
	r := ok(t, nil, "", "help", "sections")
	if !strings.Contains(r.out, "--report NAME") || strings.Contains(r.out, "--model") || strings.Contains(r.out, "--batch") {
		t.Errorf("help sections should list --report but not --model or --batch:\n%s", r.out)
	}
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"unknown flag", []string{"ask", "--nope", "x"}, "unknown flag: --nope"},
		{"ask without question", []string{"ask"}, "missing QUESTION"},
		{"ask with extra arguments", []string{"ask", "a", "b"}, "takes one QUESTION"},
		{"ask with empty question", []string{"ask", "  "}, "the QUESTION is empty"},
		{"ask question and batch", []string{"ask", "--batch", "-", "q"}, "not both"},
		{"concurrency without batch", []string{"ask", "--concurrency", "2", "q"}, "--concurrency applies only with --batch"},
		{"concurrency zero", []string{"search", "--batch", "-", "--concurrency", "0"}, "--concurrency must be at least 1"},
		{"search bad k", []string{"search", "--k", "0", "交通"}, "--k must be positive"},
		{"figures bad kind", []string{"figures", "--kind", "nope"}, "--kind must be"},
		{"sections extra argument", []string{"sections", "extra"}, "takes no arguments"},
		{"batch on sections", []string{"sections", "--batch", "-"}, "unknown flag: --batch"},
		{"json on chat", []string{"chat", "--json"}, "chat: has no JSON output"},
		{"json before chat", []string{"--json", "chat"}, "chat: has no JSON output"},
		{"json and another format on brief", []string{"brief", "--json", "--format", "html"}, "--json prints --format json"},
		{"json on discord", []string{"discord", "--json"}, "discord: has no JSON output"},
		{"model on sections", []string{"sections", "--model", "m"}, "--model does not apply"},
		{"offline on figures", []string{"--offline", "figures"}, "--offline does not apply"},
		{"report on index", []string{"index", "--report", "x"}, "--report does not apply"},
		{"bad duration", []string{"ask", "--llm-timeout", "soon", "q"}, "invalid argument"},
		{"json and csv", []string{"compare", "--json", "--csv", "x"}, "exclude each other"},
		{"compare without text", []string{"compare"}, "missing TEXT"},
		{"eval bad k", []string{"eval", "--k", "0"}, "--k must be positive"},
		{"discord bad rate", []string{"discord", "--rate", "0"}, "--rate must be positive"},
		{"brief bad format", []string{"brief", "--format", "pdf"}, "--format must be"},
		{"brief unknown flag", []string{"brief", "--nope"}, "flag provided but not defined"},
		{"unknown help topic", []string{"help", "nope"}, "unknown help topic"},
		{"completion for no shell", []string{"completion", "tcsh"}, "unknown shell"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := cli(t, nil, "", tc.args...)
			if r.code != exitUsage {
				t.Fatalf("run(%q) exit %d, want %d; stderr %q", tc.args, r.code, exitUsage, r.err)
			}
			if r.out != "" {
				t.Errorf("run(%q) printed %q on stdout, want nothing", tc.args, r.out)
			}
			if !strings.Contains(r.err, tc.want) {
				t.Errorf("run(%q) stderr = %q, want it to contain %q", tc.args, r.err, tc.want)
			}
			if lines := strings.Count(r.err, "\n"); lines > 2 {
				t.Errorf("run(%q) error is %d lines, want one and a hint:\n%s", tc.args, lines, r.err)
			}
		})
	}
}

func TestExitCodes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		env  env
		args []string
		code int
		want string
	}{
		{"unanswerable question", nil, []string{"ask", "观湖街道2024年的财政预算总额是多少?"}, exitOK, ""},
		{"model without key", nil, []string{"ask", "--model", "qwen-plus", "q"}, exitAuth, "OPENAI_API_KEY"},
		{"model without key, global", nil, []string{"--model", "qwen-plus", "chat"}, exitAuth, "OPENAI_API_KEY"},
		{"embed model without key", nil, []string{"search", "--embed-model", "bge-m3", "q"}, exitAuth, "OPENAI_API_KEY"},
		{"EMBED_MODEL without key", env{"EMBED_MODEL": "bge-m3"}, []string{"index"}, exitAuth, "OPENAI_API_KEY"},
		{"model and offline", nil, []string{"ask", "--offline", "--model", "m", "2023年规上工业总产值是多少?"}, exitOK, ""},
		{"LLM_MODEL without key is offline", env{"LLM_MODEL": "m"}, []string{"ask", "2023年规上工业总产值是多少?"}, exitOK, ""},
		{"discord without token", nil, []string{"discord"}, exitAuth, "DISCORD_TOKEN not set"},
		{"missing file", nil, []string{"--file", "/nonexistent/r.txt", "sections"}, exitFail, "/nonexistent/r.txt"},
		{"report matching nothing", nil, []string{"--report", "上海", "sections"}, exitFail, "matches none of the loaded reports: 2024年观湖街道党工委工作报告"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := cli(t, tc.env, "", tc.args...)
			if r.code != tc.code {
				t.Fatalf("run(%q) exit %d, want %d; stderr %q", tc.args, r.code, tc.code, r.err)
			}
			if !strings.Contains(r.err, tc.want) {
				t.Errorf("run(%q) stderr = %q, want it to contain %q", tc.args, r.err, tc.want)
			}
			if tc.code != exitOK && r.out != "" {
				t.Errorf("run(%q) failed but printed %q on stdout", tc.args, r.out)
			}
		})
	}
}

func TestCompletion(t *testing.T) {
	t.Parallel()
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		r := ok(t, nil, "", "completion", shell)
		if !strings.Contains(r.out, "reportbot") || r.err != "" {
			t.Errorf("completion %s: %d bytes of script, stderr %q", shell, len(r.out), r.err)
		}
	}
	// The script's completions come from the command tree.
	r := ok(t, nil, "", "__complete", "fig")
	if !strings.Contains(r.out, "figures") {
		t.Errorf("__complete fig = %q, want figures", r.out)
	}
}

// cancelOnRead is a stdin that cancels the run (as Ctrl-C does) when the
// command first reads it, then serves its text.
type cancelOnRead struct {
	cancel context.CancelFunc
	r      io.Reader
}

func (c *cancelOnRead) Read(p []byte) (int, error) {
	c.cancel()
	return c.r.Read(p)
}

func TestInterrupt(t *testing.T) {
	t.Parallel()
	t.Run("before the work", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		r := cliCtx(ctx, t, nil, strings.NewReader(""), "ask", "2023年规上工业总产值是多少?")
		if r.code != exitInterrupted || !strings.Contains(r.err, "interrupted") {
			t.Errorf("cancelled ask: exit %d, stderr %q; want 130 and a note", r.code, r.err)
		}
	})
	for _, args := range [][]string{{"ask", "--batch", "-"}, {"search", "--batch", "-", "--concurrency", "1"}, {"chat"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(t.Context())
			stdin := &cancelOnRead{cancel, strings.NewReader(strings.Repeat("2023年规上工业总产值是多少?\n", 50))}
			r := cliCtx(ctx, t, nil, stdin, args...)
			if r.code != exitInterrupted {
				t.Fatalf("run(%q) cancelled while reading stdin: exit %d, want 130; stderr %q", args, r.code, r.err)
			}
			if args[0] == "chat" {
				if n := strings.Count(r.out, "来源 Sources"); n >= 50 {
					t.Errorf("run(%q) answered all %d questions after Ctrl-C", args, n)
				}
				return
			}
			// Lines read after Ctrl-C get an "interrupted" object, not an
			// answer.
			answered := 0
			for _, m := range jsonLines(t, r.out) {
				if m["error"] == nil {
					answered++
				} else if m["error"] != "interrupted" {
					t.Errorf("line %v: error %v, want interrupted", m["line"], m["error"])
				}
			}
			if answered >= 50 {
				t.Errorf("run(%q) answered all %d questions after Ctrl-C", args, answered)
			}
		})
	}
}
