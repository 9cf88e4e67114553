package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/reportbot/reportbot/seeds"
)

// runCLI runs the CLI with no environment and returns stdout, stderr and
// the exit code.
func runCLI(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := runWithEnv(t, stdin, &out, &errb, func(string) string { return "" }, args...)
	code := exitCode(err, &errb)
	return out.String(), errb.String(), code
}

func runWithEnv(t *testing.T, stdin string, out, errb *bytes.Buffer, getenv func(string) string, args ...string) error {
	t.Helper()
	return runEnv(t.Context(), args, strings.NewReader(stdin), out, errb, getenv)
}

func TestHelpAndUsageErrors(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string
		wantErr  string
	}{
		{"no args prints help", nil, exitOK, "Exit codes", ""},
		{"help", []string{"help"}, exitOK, "Commands:", ""},
		{"unknown command", []string{"frobnicate"}, exitUsage, "", `unknown command "frobnicate"`},
		{"unknown flag", []string{"ask", "--nope", "x"}, exitUsage, "", "flag provided but not defined"},
		{"ask without question", []string{"ask"}, exitUsage, "", "missing question"},
		{"search bad k", []string{"search", "--k", "0", "交通"}, exitUsage, "", "--k must be positive"},
		{"figures bad kind", []string{"figures", "--kind", "nope"}, exitUsage, "", "--kind must be"},
		{"brief bad format", []string{"brief", "--format", "pdf"}, exitUsage, "", "--format must be"},
		{"eval without qa", []string{"eval"}, exitUsage, "", "--qa FILE is required"},
		{"discord without token", []string{"discord"}, exitAuth, "", "DISCORD_TOKEN not set"},
		{"command help", []string{"ask", "-h"}, exitOK, "Usage: reportbot ask", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, "", tc.args...)
			if code != tc.wantCode {
				t.Fatalf("run(%q) exit = %d, want %d; stderr %q", tc.args, code, tc.wantCode, errOut)
			}
			if !strings.Contains(out, tc.wantOut) {
				t.Errorf("run(%q) stdout = %q, want it to contain %q", tc.args, out, tc.wantOut)
			}
			if !strings.Contains(errOut, tc.wantErr) {
				t.Errorf("run(%q) stderr = %q, want it to contain %q", tc.args, errOut, tc.wantErr)
			}
			if tc.wantCode != exitOK && strings.Count(strings.TrimSpace(errOut), "\n") > 1 {
				t.Errorf("run(%q) error is not short: %q", tc.args, errOut)
			}
		})
	}
}

func seedRunes(t *testing.T) []rune {
	t.Helper()
	b, err := seeds.Read("")
	if err != nil {
		t.Fatal(err)
	}
	return []rune(string(b))
}

func TestSectionsJSONContract(t *testing.T) {
	out, errOut, code := runCLI(t, "", "sections", "--json")
	if code != exitOK {
		t.Fatalf("sections --json exit %d: %s", code, errOut)
	}
	var got sectionsJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("sections --json is not one JSON object: %v", err)
	}
	src := seedRunes(t)
	if got.Status != "文件已失效" || got.Date == "" || got.Source == "" || got.Title == "" {
		t.Errorf("header = %q %q %q %q, want title, source, date and status 文件已失效", got.Title, got.Source, got.Date, got.Status)
	}
	if len(got.Parts) != 2 {
		t.Fatalf("got %d parts, want 2", len(got.Parts))
	}
	themes := 0
	for _, s := range got.Parts[0].Sections {
		if s.Kind == "theme" && strings.HasPrefix(string(src[s.Start:s.End]), "这一年") {
			themes++
		}
	}
	if themes != 6 {
		t.Errorf("part 一 has %d theme sections, want 6", themes)
	}
	var items []int
	for _, s := range got.Parts[1].Sections {
		if s.Kind != "numbered" {
			continue
		}
		items = append(items, len(s.Items))
		for _, it := range s.Items {
			if !strings.HasSuffix(it.Ordinal, "是") || !strings.HasPrefix(string(src[it.Start:it.End]), it.Ordinal) {
				t.Errorf("item %s = %q, want it to start with its ordinal %q", it.ID, string(src[it.Start:it.End]), it.Ordinal)
			}
		}
	}
	if want := []int{3, 4, 3, 5, 4, 4, 3, 4}; !equalInts(items, want) {
		t.Errorf("plan items per section = %v, want %v", items, want)
	}
	kinds := map[string]bool{}
	for _, p := range got.Parts {
		for _, b := range p.Blocks {
			kinds[b.Kind] = true
		}
	}
	for _, k := range []string{"headline", "shortcomings", "requirements"} {
		if !kinds[k] {
			t.Errorf("no %s block in %v", k, kinds)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestFiguresJSONLines(t *testing.T) {
	out, errOut, code := runCLI(t, "", "figures", "--json")
	if code != exitOK {
		t.Fatalf("figures --json exit %d: %s", code, errOut)
	}
	src := seedRunes(t)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 100 {
		t.Fatalf("got %d figures, want over 100", len(lines))
	}
	required := []string{"id", "raw", "start", "end", "value", "unit", "scale", "absolute", "approx", "qualifier", "kind", "metric", "period", "change_of", "direction", "section_id", "sentence"}
	ids := map[string]bool{}
	for i, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("line %d is not JSON: %v", i+1, err)
		}
		for _, k := range required {
			if _, ok := m[k]; !ok {
				t.Fatalf("line %d lacks %q: %s", i+1, k, l)
			}
		}
		start, end := int(m["start"].(float64)), int(m["end"].(float64))
		if got := string(src[start:end]); got != m["raw"] {
			t.Errorf("figure %v: source[%d:%d] = %q, want raw %q", m["id"], start, end, got, m["raw"])
		}
		switch m["kind"] {
		case "actual", "target", "change":
		default:
			t.Errorf("figure %v kind %v", m["id"], m["kind"])
		}
		ids[m["id"].(string)] = true
	}
	for _, l := range lines {
		var m map[string]any
		json.Unmarshal([]byte(l), &m)
		if c, ok := m["change_of"].(string); ok && !ids[c] {
			t.Errorf("figure %v change_of %q is not a figure id", m["id"], c)
		}
	}
	// The human table aligns and shows the header.
	table, _, _ := runCLI(t, "", "figures", "--metric", "规模以上工业总产值")
	if !strings.Contains(table, "494.91亿元") {
		t.Errorf("figures --metric 规模以上工业总产值 = %q, want 494.91亿元", table)
	}
}

func TestAskJSONAndBatch(t *testing.T) {
	src := seedRunes(t)
	stdin := "2023年规上工业总产值是多少?\n\n观湖街道2024年的财政预算总额是多少?\nHow many listed companies were there in 2023?\n"
	out, errOut, code := runCLI(t, stdin, "ask", "--json", "--batch", "-")
	if code != exitOK {
		t.Fatalf("ask --batch exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("got %d answers for 3 questions (a blank line skipped): %q", len(lines), out)
	}
	var answers []map[string]any
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("not JSON: %v: %s", err, l)
		}
		for _, k := range []string{"question", "answer", "answerable", "grounded", "mode", "citations"} {
			if _, ok := m[k]; !ok {
				t.Fatalf("answer lacks %q: %s", k, l)
			}
		}
		for _, c := range m["citations"].([]any) {
			c := c.(map[string]any)
			s, e := int(c["start"].(float64)), int(c["end"].(float64))
			if string(src[s:e]) != c["text"] {
				t.Errorf("citation text != source[%d:%d]", s, e)
			}
		}
		answers = append(answers, m)
	}
	if answers[0]["answerable"] != true || !strings.Contains(answers[0]["answer"].(string), "494.91") {
		t.Errorf("first answer = %v, want answerable with 494.91", answers[0]["answer"])
	}
	if answers[1]["answerable"] != false || len(answers[1]["citations"].([]any)) != 0 {
		t.Errorf("second answer = %v, want a refusal without citations", answers[1])
	}
	if answers[2]["question"] != "How many listed companies were there in 2023?" {
		t.Errorf("answers out of order: %v", answers[2]["question"])
	}
}

func TestSearchJSON(t *testing.T) {
	out, errOut, code := runCLI(t, "", "search", "--json", "--k", "3", "交通拥堵")
	if code != exitOK {
		t.Fatalf("search exit %d: %s", code, errOut)
	}
	var got searchJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Query != "交通拥堵" || len(got.Results) != 3 {
		t.Fatalf("search = %q with %d results, want 3", got.Query, len(got.Results))
	}
	for i, h := range got.Results {
		if h.Rank != i+1 || h.ID == "" || h.Label == "" {
			t.Errorf("result %d = %+v", i, h)
		}
	}
}

func TestChatPipedFollowUp(t *testing.T) {
	out, errOut, code := runCLI(t, "2023年规上工业总产值是多少?\n比上年增长多少?\n", "chat")
	if code != exitOK {
		t.Fatalf("chat exit %d: %s", code, errOut)
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("piped chat output has escape codes")
	}
	answers := strings.Split(out, "来源 Sources")
	if len(answers) < 3 {
		t.Fatalf("chat gave %d answers with sources, want 2:\n%s", len(answers)-1, out)
	}
	if !strings.Contains(answers[1], "1.72%") {
		t.Errorf("the follow-up answer lacks the change 1.72%%:\n%s", answers[1])
	}
}

func TestFileFlagAndBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte("一、标题\n\xff\xfe正文"), 0o644)
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, []byte("  \n\t\n"), 0o644)
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"missing file", []string{"--file", filepath.Join(dir, "none.txt"), "sections"}, "no such file"},
		{"invalid UTF-8", []string{"sections", "--file", bad}, "invalid UTF-8"},
		{"whitespace only", []string{"figures", "--file", empty}, "empty report"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, code := runCLI(t, "", tc.args...)
			if code != exitFail || !strings.Contains(errOut, tc.wantErr) {
				t.Errorf("run(%q) = exit %d, %q; want exit 1 mentioning %q", tc.args, code, errOut, tc.wantErr)
			}
		})
	}
	report := filepath.Join(dir, "r.txt")
	os.WriteFile(report, []byte("2025年某区政府工作报告\n\n一、2024年工作回顾\n\n全区地区生产总值增长5.2%。\n\n二、2025年工作安排\n\n（一）扩大内需。力争固定资产投资增长6%。\n"), 0o644)
	out, errOut, code := runCLI(t, "", "--file", report, "sections")
	if code != exitOK || !strings.Contains(out, "（一） 扩大内需") {
		t.Errorf("sections on another report = exit %d, %q %q", code, out, errOut)
	}
}

func TestBriefHTMLFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "brief.html")
	_, errOut, code := runCLI(t, "", "brief", "--topic", "交通", "--format", "html", "-o", path)
	if code != exitOK {
		t.Fatalf("brief exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !utf8.Valid(b) || !bytes.Contains(b, []byte("<table")) || !bytes.Contains(b, []byte("文件已失效")) {
		t.Errorf("brief.html lacks tables or the status mark (%d bytes)", len(b))
	}
}

func TestExitCodeMapping(t *testing.T) {
	var buf bytes.Buffer
	if got := exitCode(errors.New("boom"), &buf); got != exitFail {
		t.Errorf("exitCode(plain) = %d, want %d", got, exitFail)
	}
	if got := exitCode(usagef("bad"), &buf); got != exitUsage {
		t.Errorf("exitCode(usage) = %d, want %d", got, exitUsage)
	}
	if got := exitCode(&authError{"x"}, &buf); got != exitAuth {
		t.Errorf("exitCode(auth) = %d, want %d", got, exitAuth)
	}
}
