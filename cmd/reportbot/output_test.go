package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"

	"github.com/reportbot/reportbot/seeds"
)

// Paths of test inputs, relative to this package.
const (
	corpusDir  = "../../testdata/corpus/2026"
	ingestData = "../../ingest/testdata"
)

func seedRunes(t *testing.T) []rune {
	t.Helper()
	b, err := seeds.Read("")
	if err != nil {
		t.Fatal(err)
	}
	return []rune(string(b))
}

func TestSectionsJSONContract(t *testing.T) {
	t.Parallel()
	r := ok(t, nil, "", "sections", "--json")
	var got sectionsJSON
	if err := json.Unmarshal([]byte(r.out), &got); err != nil {
		t.Fatalf("sections --json is not one JSON object: %v", err)
	}
	src := seedRunes(t)
	if got.Status != "文件已失效" || got.Date == "" || got.Source == "" || got.Title == "" || got.File != seeds.Default {
		t.Errorf("header = %q %q %q %q %q, want title, file, source, date and status 文件已失效", got.Title, got.File, got.Source, got.Date, got.Status)
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
	for _, s := range got.Parts[1].Sections {
		for _, it := range s.Items {
			if !strings.HasPrefix(string(src[it.Start:it.End]), it.Ordinal) {
				t.Errorf("item %s = %q, want it to start with its ordinal %q", it.ID, string(src[it.Start:it.End]), it.Ordinal)
			}
		}
	}
}

func TestSectionsJSONLinesSeveralReports(t *testing.T) {
	t.Parallel()
	r := ok(t, nil, "", "--file", corpusDir+"/2026-anhui.txt", "--file", ingestData+"/seed.gbk.txt", "--file", corpusDir+"/2026-beijing.txt", "sections", "--json")
	lines := strings.Split(strings.TrimRight(r.out, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("sections --json on 3 files printed %d lines, want 3 (JSON Lines)", len(lines))
	}
	dec := json.NewDecoder(strings.NewReader(r.out))
	var files []string
	for dec.More() {
		var s sectionsJSON
		if err := dec.Decode(&s); err != nil {
			t.Fatalf("object %d does not decode: %v", len(files)+1, err)
		}
		if s.Title == "" || len(s.Parts) == 0 {
			t.Errorf("%s: title %q, %d parts", s.File, s.Title, len(s.Parts))
		}
		files = append(files, s.File)
	}
	if want := []string{"2026-anhui.txt", "seed.gbk.txt", "2026-beijing.txt"}; strings.Join(files, " ") != strings.Join(want, " ") {
		t.Errorf("files = %v, want %v in load order", files, want)
	}
}

func TestFiguresJSONLines(t *testing.T) {
	t.Parallel()
	r := ok(t, nil, "", "figures", "--json")
	src := seedRunes(t)
	figs := jsonLines(t, r.out)
	if len(figs) < 100 {
		t.Fatalf("got %d figures, want over 100", len(figs))
	}
	required := []string{"id", "raw", "start", "end", "value", "unit", "scale", "absolute", "approx", "qualifier", "kind", "metric", "period", "change_of", "direction", "section_id", "sentence", "report", "file"}
	ids := map[string]bool{}
	for _, m := range figs {
		for _, k := range required {
			if _, ok := m[k]; !ok {
				t.Fatalf("figure %v lacks %q", m["id"], k)
			}
		}
		start, end := int(m["start"].(float64)), int(m["end"].(float64))
		if got := string(src[start:end]); got != m["raw"] {
			t.Errorf("figure %v: source[%d:%d] = %q, want raw %q", m["id"], start, end, got, m["raw"])
		}
		if m["file"] != seeds.Default || !strings.Contains(m["report"].(string), "观湖") {
			t.Errorf("figure %v names report %v, file %v", m["id"], m["report"], m["file"])
		}
		ids[m["id"].(string)] = true
	}
	for _, m := range figs {
		if c, ok := m["change_of"].(string); ok && !ids[c] {
			t.Errorf("figure %v change_of %q is not a figure id", m["id"], c)
		}
	}
	r = ok(t, nil, "", "figures", "--json", "--kind", "target", "--period", "2024")
	for _, m := range jsonLines(t, r.out) {
		if m["kind"] != "target" || m["period"] != "2024" {
			t.Errorf("figures --kind target --period 2024 gave %v %v %v", m["id"], m["kind"], m["period"])
		}
	}
	r = ok(t, nil, "", "figures", "--metric", "规模以上工业总产值")
	if !strings.Contains(r.out, "494.91亿元") {
		t.Errorf("figures --metric 规模以上工业总产值 = %q, want 494.91亿元", r.out)
	}
	if r := cli(t, nil, "", "figures", "--section", "九(九)"); r.code != exitFail || !strings.Contains(r.err, "no section") {
		t.Errorf("figures --section of no section: exit %d, %q", r.code, r.err)
	}
}

// maxWidth returns the widest line of s in terminal columns.
func maxWidth(s string) (int, string) {
	w, widest := 0, ""
	for _, l := range strings.Split(s, "\n") {
		if n := runewidth.StringWidth(l); n > w {
			w, widest = n, l
		}
	}
	return w, widest
}

func TestTablesFit80Columns(t *testing.T) {
	t.Parallel()
	tests := [][]string{
		{"figures"},
		{"figures", "--kind", "change"},
		{"sections"},
		{"reports"},
		{"--file", corpusDir + "/2026-neimenggu.txt", "--file", corpusDir + "/2026-guangxi.txt", "reports"},
		{"--file", corpusDir + "/2026-neimenggu.txt", "figures"},
		{"--file", corpusDir + "/2026-neimenggu.txt", "--file", corpusDir + "/2026-ningxia.txt", "compare", "2026年地区生产总值增长目标"},
	}
	for _, args := range tests {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			t.Parallel()
			r := ok(t, nil, "", args...)
			if w, line := maxWidth(r.out); w > tableWidth {
				t.Errorf("run(%q) has a line %d columns wide, want at most %d:\n%s", args, w, tableWidth, line)
			}
			if strings.Count(r.out, "\n") < 2 {
				t.Errorf("run(%q) printed %q", args, r.out)
			}
		})
	}
}

func TestSearchNamesReports(t *testing.T) {
	t.Parallel()
	args := []string{"--file", corpusDir + "/2026-anhui.txt", "--file", corpusDir + "/2026-hebei.txt", "search", "--k", "4", "新质生产力"}
	r := ok(t, nil, "", args...)
	results := 0
	for _, l := range strings.Split(r.out, "\n") {
		if len(l) > 2 && l[0] >= '1' && l[0] <= '9' && l[1] == '.' {
			results++
			if !strings.Contains(l, "政府工作报告 (2026-") || !strings.Contains(l, ".txt) · ") {
				t.Errorf("result line does not name its report by title and file: %q", l)
			}
		}
	}
	if results != 4 {
		t.Errorf("search --k 4 printed %d results:\n%s", results, r.out)
	}
	r = ok(t, nil, "", append(args, "--json")...)
	var got searchJSON
	if err := json.Unmarshal([]byte(r.out), &got); err != nil {
		t.Fatal(err)
	}
	for i, h := range got.Results {
		if h.Rank != i+1 || h.Report == "" || !strings.HasPrefix(h.File, "2026-") || h.Label == "" {
			t.Errorf("result %d = rank %d, report %q, file %q, label %q", i, h.Rank, h.Report, h.File, h.Label)
		}
	}
}

func TestAskJSON(t *testing.T) {
	t.Parallel()
	r := ok(t, nil, "", "ask", "--json", "2023年规上工业总产值是多少?")
	var m map[string]any
	if err := json.Unmarshal([]byte(r.out), &m); err != nil || strings.Count(r.out, "\n") != 1 {
		t.Fatalf("ask --json is not one JSON line: %v: %q", err, r.out)
	}
	for _, k := range []string{"question", "answer", "answerable", "grounded", "mode", "citations"} {
		if _, ok := m[k]; !ok {
			t.Errorf("answer lacks %q", k)
		}
	}
	src := seedRunes(t)
	cits := m["citations"].([]any)
	if len(cits) == 0 || !strings.Contains(m["answer"].(string), "494.91") {
		t.Fatalf("answer %q with %d citations, want 494.91 cited", m["answer"], len(cits))
	}
	for _, c := range cits {
		c := c.(map[string]any)
		s, e := int(c["start"].(float64)), int(c["end"].(float64))
		if string(src[s:e]) != c["text"] {
			t.Errorf("citation text != source[%d:%d]", s, e)
		}
		if c["file"] != seeds.Default || c["report"] == "" {
			t.Errorf("citation names report %v, file %v", c["report"], c["file"])
		}
	}
	// The human answer names the report of each source.
	r = ok(t, nil, "", "ask", "2023年规上工业总产值是多少?")
	if !strings.Contains(r.out, "[1] 2024年观湖街道党工委工作报告 ("+seeds.Default+") · ") {
		t.Errorf("ask's sources do not name the report:\n%s", r.out)
	}
}

func TestReportsJSON(t *testing.T) {
	t.Parallel()
	r := ok(t, nil, "", "reports", "--json")
	objs := jsonLines(t, r.out)
	if len(objs) != 1 {
		t.Fatalf("reports --json printed %d objects for the seed, want 1", len(objs))
	}
	m := objs[0]
	if m["file"] != seeds.Default || m["format"] != "txt" || m["encoding"] != "UTF-8" || m["status"] != "文件已失效" || m["figures"].(float64) < 100 {
		t.Errorf("reports --json = %v", m)
	}
}
