package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// batchInput has blank and whitespace-only lines between questions, and
// no line end after the last.
const batchInput = "2023年规上工业总产值是多少?\n\n观湖街道2024年的财政预算总额是多少?\n   \nHow many listed companies were there in 2023?\r\n2023年全社会固定资产投资多少?\n\n交通"

func TestBatchLineForLine(t *testing.T) {
	t.Parallel()
	lines := strings.Split(batchInput, "\n")
	tests := [][]string{
		{"ask", "--batch", "-"}, // batch implies JSON
		{"ask", "--json", "--batch", "-", "--concurrency", "3"},
		{"search", "--batch", "-", "--k", "2", "--concurrency", "1"},
		{"search", "--json", "--batch", "-", "--concurrency", "8"},
	}
	for _, args := range tests {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			t.Parallel()
			r := ok(t, nil, batchInput, args...)
			objs := jsonLines(t, r.out)
			if len(objs) != len(lines) {
				t.Fatalf("run(%q) printed %d objects for %d input lines:\n%s", args, len(objs), len(lines), r.out)
			}
			for i, m := range objs {
				q := strings.TrimSpace(lines[i])
				if int(m["line"].(float64)) != i+1 {
					t.Errorf("object %d has line %v", i+1, m["line"])
				}
				if q == "" {
					if m["error"] != "empty question" || len(m) != 2 {
						t.Errorf("blank line %d gave %v, want {error: empty question, line}", i+1, m)
					}
					continue
				}
				if m["question"] != q && m["query"] != q {
					t.Errorf("line %d: object is about %v/%v, want %q (out of order?)", i+1, m["question"], m["query"], q)
				}
				if _, isErr := m["error"]; isErr {
					t.Errorf("line %d failed: %v", i+1, m["error"])
				}
			}
			if args[0] == "ask" {
				if objs[0]["answerable"] != true || objs[2]["answerable"] != false {
					t.Errorf("answers: %v / %v, want the first answered and the third refused", objs[0]["answer"], objs[2]["answer"])
				}
			}
		})
	}
}

func TestBatchFileAndTimeout(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "q.txt")
	if err := os.WriteFile(path, []byte(batchInput), 0o644); err != nil {
		t.Fatal(err)
	}
	n := len(strings.Split(batchInput, "\n"))
	r := ok(t, nil, "", "ask", "--batch", path)
	if got := len(jsonLines(t, r.out)); got != n {
		t.Errorf("ask --batch FILE printed %d objects for %d lines", got, n)
	}

	// A deadline that has passed: every line still gets its object.
	r = cli(t, nil, "", "search", "--batch", path, "--timeout", "1ns")
	if r.code != exitFail || !strings.Contains(r.err, "questions failed") {
		t.Errorf("batch past its deadline: exit %d, stderr %q; want 1 and a summary", r.code, r.err)
	}
	objs := jsonLines(t, r.out)
	if len(objs) != n {
		t.Fatalf("batch past its deadline printed %d objects for %d lines", len(objs), n)
	}
	for i, m := range objs {
		if e, _ := m["error"].(string); !strings.HasPrefix(e, "timeout") && e != "empty question" {
			t.Errorf("line %d: %v, want a timeout error", i+1, m)
		}
	}

	if r := cli(t, nil, "", "ask", "--batch", filepath.Join(t.TempDir(), "none.txt")); r.code != exitFail || r.out != "" {
		t.Errorf("batch of a missing file: exit %d, stdout %q", r.code, r.out)
	}
}

func TestBatchLongLine(t *testing.T) {
	t.Parallel()
	in := "2023年规上工业总产值是多少?\n" + strings.Repeat("长", maxBatchLine) + "\n交通\n"
	r := cli(t, nil, in, "search", "--batch", "-")
	objs := jsonLines(t, r.out)
	if len(objs) != 3 || objs[1]["error"] == nil || objs[2]["query"] != "交通" {
		t.Fatalf("a too-long line: %d objects (%v), want 3 with the second an error", len(objs), objs)
	}
	if r.code != exitFail {
		t.Errorf("a batch with a failed line exits %d, want 1", r.code)
	}
}
