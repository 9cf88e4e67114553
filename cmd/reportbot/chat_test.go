package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/reportbot/reportbot/seeds"
)

func TestChatPiped(t *testing.T) {
	t.Parallel()
	in := "2023年规上工业总产值是多少?\n比上年增长多少?\nfigure 全社会固定资产投资\nsection 二(三)\n"
	r := ok(t, nil, in, "chat")
	if strings.Contains(r.out, "\x1b[") {
		t.Error("piped chat output has escape codes")
	}
	answers := strings.Split(r.out, "来源 Sources")
	if len(answers) < 5 {
		t.Fatalf("chat gave %d answers with sources, want 4:\n%s", len(answers)-1, r.out)
	}
	if !strings.Contains(answers[1], "1.72%") {
		t.Errorf("the follow-up answer lacks the change 1.72%%:\n%s", answers[1])
	}
	if !strings.Contains(answers[2], "93.86亿元") {
		t.Errorf("figure 全社会固定资产投资 lacks 93.86亿元:\n%s", answers[2])
	}
	if !strings.Contains(answers[3], "聚焦交通畅行") {
		t.Errorf("section 二(三) lacks its heading:\n%s", answers[3])
	}
	// Every source names the report by title and file.
	for _, l := range strings.Split(r.out, "\n") {
		if strings.HasPrefix(l, "[") && strings.Contains(l, "] ") && !strings.Contains(l, "("+seeds.Default+")") {
			t.Errorf("source line does not name the report: %q", l)
		}
	}
}

func TestChatSeveralReports(t *testing.T) {
	t.Parallel()
	in := "2026年地区生产总值增长目标是多少?\n"
	r := ok(t, nil, in, "--file", corpusDir+"/2026-anhui.txt", "--file", corpusDir+"/2026-hebei.txt", "--report", "河北", "chat")
	if !strings.Contains(r.out, "(2026-hebei.txt)") || strings.Contains(r.out, "2026-anhui.txt") {
		t.Errorf("chat --report 河北 should cite only 2026-hebei.txt:\n%s", r.out)
	}
}

func TestBriefHTMLFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "brief.html")
	r := ok(t, nil, "", "brief", "--topic", "交通", "--format", "html", "-o", path)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !utf8.Valid(b) || !bytes.Contains(b, []byte("<table")) || !bytes.Contains(b, []byte("文件已失效")) {
		t.Errorf("brief.html lacks tables or the status mark (%d bytes)", len(b))
	}
	if !strings.Contains(r.err, "wrote "+path) {
		t.Errorf("brief -o: stderr %q", r.err)
	}
}

func TestBriefJSON(t *testing.T) {
	t.Parallel()
	r := ok(t, nil, "", "brief", "--json", "交通")
	objs := jsonLines(t, r.out)
	if len(objs) != 1 {
		t.Fatalf("brief --json printed %d lines, want one JSON object", len(objs))
	}
	b := objs[0]
	if b["file"] != seeds.Default || b["topic"] != "交通" || !strings.Contains(b["title"].(string), "观湖") {
		t.Errorf("brief --json: file %v, topic %v, title %v", b["file"], b["topic"], b["title"])
	}
}
