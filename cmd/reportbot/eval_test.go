package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// headOf writes the first n lines of a blind dev set to dir under the
// same name, for a quick evaluation.
func headOf(t *testing.T, dir, set string, n int) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("../../testdata/blind/dev", set))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")[:n]
	p := filepath.Join(dir, set)
	if err := os.WriteFile(p, []byte(strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestEval(t *testing.T) {
	t.Parallel()
	if d := defaultQA(); !strings.HasSuffix(d, filepath.FromSlash(defaultQASet)) {
		t.Errorf("defaultQA() = %q, want the module's %s", d, defaultQASet)
	}
	dir := t.TempDir()
	seedSet := headOf(t, dir, "000_006ff7903b525843.jsonl", 3)
	anhui := headOf(t, dir, "2026-anhui.jsonl", 2)
	hebei := headOf(t, dir, "2026-hebei.jsonl", 2)

	r := ok(t, nil, "", "eval", "--qa", seedSet, "--json")
	var rep struct {
		K       int
		Overall struct{ N int }
	}
	if err := json.Unmarshal([]byte(r.out), &rep); err != nil || rep.Overall.N != 3 || rep.K != 5 {
		t.Errorf("eval --json = %q (%v), want 3 questions at k=5", r.out, err)
	}

	// Several reports: each set goes with the report of its name, and the
	// sets are pooled.
	r = ok(t, nil, "", "--file", corpusDir+"/2026-anhui.txt", "--file", corpusDir+"/2026-hebei.txt", "eval", "--qa", anhui, "--qa", hebei)
	if !strings.Contains(r.out, "4 questions") || !strings.Contains(r.err, "2026-anhui.jsonl on 2026年安徽省") || !strings.Contains(r.err, "2026-hebei.jsonl on 2026年河北省") {
		t.Errorf("eval of two sets on two reports:\nstdout %s\nstderr %s", r.out, r.err)
	}
	if w, line := maxWidth(r.out); w > tableWidth {
		t.Errorf("eval's table is %d columns wide: %q", w, line)
	}

	empty := filepath.Join(dir, "empty.jsonl")
	os.WriteFile(empty, []byte("\n\n"), 0o644)
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte("{\"id\": 1,\n"), 0o644)
	for _, tc := range []struct{ args []string }{
		{[]string{"eval", "--qa", empty}},
		{[]string{"eval", "--qa", bad}},
		{[]string{"eval", "--qa", filepath.Join(dir, "none.jsonl")}},
		{[]string{"--file", corpusDir + "/2026-anhui.txt", "--file", corpusDir + "/2026-hebei.txt", "eval", "--qa", seedSet}},
	} {
		if r := cli(t, nil, "", tc.args...); r.code != exitFail || r.out != "" {
			t.Errorf("run(%q): exit %d, stdout %q, stderr %q; want exit 1", tc.args, r.code, r.out, r.err)
		}
	}
}
