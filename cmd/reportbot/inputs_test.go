package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestCorpusCompare(t *testing.T) {
	t.Parallel()
	r := ok(t, nil, "", "--dir", corpusDir, "compare", "--json", "2026年地区生产总值增长目标")
	rows := jsonLines(t, r.out)
	if len(rows) != 23 {
		t.Fatalf("compare on the 2026 corpus gave %d rows, want 23 (one per report)", len(rows))
	}
	found := 0
	for i, m := range rows {
		for _, k := range compareColumns {
			if _, ok := m[k]; !ok {
				t.Errorf("row %d lacks %q: %v", i+1, k, m)
			}
		}
		if m["found"] != true {
			if m["value"] != nil || m["raw"] != nil {
				t.Errorf("row %d (%v) is not found but has a value %v", i+1, m["file"], m["value"])
			}
			continue
		}
		found++
		if m["kind"] != "target" || m["period"] != "2026" {
			t.Errorf("row %d (%v): %v %v %v, want a 2026 target", i+1, m["file"], m["raw"], m["kind"], m["period"])
		}
		if !strings.Contains(m["sentence"].(string), m["raw"].(string)) {
			t.Errorf("row %d: sentence %q does not hold %q", i+1, m["sentence"], m["raw"])
		}
	}
	if found < 20 {
		t.Errorf("the GDP target was found in %d of 23 reports, want at least 20", found)
	}
	if rows[0]["file"] != "2026-anhui.txt" || rows[0]["value"] != 5.0 || rows[0]["high"] != 5.5 {
		t.Errorf("first row = %v, want 2026-anhui.txt 5%%—5.5%%", rows[0])
	}
	// Loading 23 files prints a progress line per 10.
	if !strings.Contains(r.err, "loading reports: 10/23") || !strings.Contains(r.err, "loading reports: 23/23") {
		t.Errorf("no loading progress on stderr: %q", r.err)
	}

	// --csv: the same columns, a header row, one row per report.
	r = ok(t, nil, "", "--dir", corpusDir, "--report", "2026-h", "compare", "--csv", "2026年地区生产总值增长目标")
	recs, err := csv.NewReader(strings.NewReader(r.out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(recs[0], compareColumns) || len(recs) != 1+4 { // hebei, heilongjiang, henan, hunan
		t.Errorf("compare --csv --report 2026-h: header %v, %d rows", recs[0], len(recs)-1)
	}
	for _, rec := range recs[1:] {
		if !strings.HasPrefix(rec[1], "2026-h") {
			t.Errorf("--report 2026-h let %s through", rec[1])
		}
	}
}

func TestReportFilter(t *testing.T) {
	t.Parallel()
	r := ok(t, nil, "", "--dir", corpusDir, "--report", "安徽", "sections", "--json")
	objs := jsonLines(t, r.out)
	if len(objs) != 1 || objs[0]["file"] != "2026-anhui.txt" {
		t.Errorf("--report 安徽 sections: %d objects, first file %v", len(objs), objs[0]["file"])
	}
	r = ok(t, nil, "", "--dir", corpusDir, "--report", "beijing", "figures", "--json", "--kind", "target")
	for _, m := range jsonLines(t, r.out) {
		if m["file"] != "2026-beijing.txt" {
			t.Fatalf("--report beijing figures gave a figure of %v", m["file"])
		}
	}
	r = ok(t, nil, "", "--dir", corpusDir, "--report", "安徽", "ask", "--json", "2026年地区生产总值增长目标是多少?")
	var ans map[string]any
	if err := json.Unmarshal([]byte(r.out), &ans); err != nil {
		t.Fatal(err)
	}
	cits := ans["citations"].([]any)
	if len(cits) == 0 {
		t.Fatalf("--report 安徽 ask: %v", ans["answer"])
	}
	for _, c := range cits {
		if f := c.(map[string]any)["file"]; f != "2026-anhui.txt" {
			t.Errorf("--report 安徽 ask cited %v", f)
		}
	}
	r = cli(t, nil, "", "--dir", corpusDir, "--report", "上海", "search", "交通")
	if r.code != exitFail || !strings.Contains(r.err, `--report "上海" matches none`) || !strings.Contains(r.err, "2026-anhui.txt") {
		t.Errorf("--report 上海 on the corpus: exit %d, %q; want 1 naming what is loaded", r.code, r.err)
	}
}

func TestIngestFormats(t *testing.T) {
	t.Parallel()
	seed := ok(t, nil, "", "reports", "--json")
	var want reportJSON
	json.Unmarshal([]byte(seed.out), &want)
	tests := []struct {
		file, format, encoding string
	}{
		{"seed.gbk.txt", "txt", "GB18030"},
		{"seed.utf16le.txt", "txt", "UTF-16LE"},
		{"seed.docx", "docx", ""},
		{"seed.html", "html", ""},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(ingestData, tc.file)
			r := ok(t, nil, "", "--file", path, "reports", "--json")
			var got reportJSON
			if err := json.Unmarshal([]byte(r.out), &got); err != nil {
				t.Fatal(err)
			}
			if got.File != tc.file || got.Format != tc.format || (tc.encoding != "" && got.Encoding != tc.encoding) {
				t.Errorf("reports: file %q format %q encoding %q, want %q %q %q", got.File, got.Format, got.Encoding, tc.file, tc.format, tc.encoding)
			}
			if got.Title != want.Title || got.Parts != want.Parts || got.Sections != want.Sections {
				t.Errorf("%s parses as %q with %d parts, %d sections; the seed as %q, %d, %d", tc.file, got.Title, got.Parts, got.Sections, want.Title, want.Parts, want.Sections)
			}
			r = ok(t, nil, "", "--file", path, "ask", "2023年规上工业总产值是多少?")
			if !strings.Contains(r.out, "494.91亿元") || !strings.Contains(r.out, "("+tc.file+")") {
				t.Errorf("ask on %s:\n%s", tc.file, r.out)
			}
		})
	}
}

func TestUnreadableFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	binary := write("binary.txt", []byte("一、标题\n\x00\x01\x02\xff\xfe\x00正文"))
	empty := write("empty.txt", []byte("  \n\t\n"))
	legacy := write("report.doc", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0})
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"missing file", []string{"--file", filepath.Join(dir, "none.txt"), "sections"}, "none.txt"},
		{"binary data", []string{"sections", "--file", binary}, "binary.txt"},
		{"whitespace only", []string{"figures", "--file", empty}, "empty.txt"},
		{"legacy .doc", []string{"ask", "--file", legacy, "q"}, "report.doc"},
		{"no reports in dir", []string{"--dir", t.TempDir(), "reports"}, "no report files"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := cli(t, nil, "", tc.args...)
			if r.code != exitFail || !strings.Contains(r.err, tc.want) || r.out != "" {
				t.Errorf("run(%q) = exit %d, stdout %q, stderr %q; want exit 1 naming %q", tc.args, r.code, r.out, r.err, tc.want)
			}
		})
	}
}

func TestDBRoundTrip(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "idx")
	files := []string{"--file", corpusDir + "/2026-anhui.txt", "--file", ingestData + "/seed.gbk.txt"}
	r := ok(t, nil, "", append(files, "index", "--db", db, "--json")...)
	var idx indexJSON
	if err := json.Unmarshal([]byte(r.out), &idx); err != nil || idx.Reports != 2 || idx.Chunks == 0 {
		t.Fatalf("index --json = %q (%v)", r.out, err)
	}

	// Every command works from the index alone.
	r = ok(t, nil, "", "--db", db, "reports", "--json")
	objs := jsonLines(t, r.out)
	if len(objs) != 2 || objs[0]["file"] != "2026-anhui.txt" || objs[1]["file"] != "seed.gbk.txt" {
		t.Fatalf("--db reports = %v", objs)
	}
	r = ok(t, nil, "", "--db", db, "--report", "观湖", "ask", "--json", "2023年规上工业总产值是多少?")
	var ans map[string]any
	json.Unmarshal([]byte(r.out), &ans)
	if !strings.Contains(ans["answer"].(string), "494.91") {
		t.Errorf("--db ask: %v", ans["answer"])
	}
	for _, c := range ans["citations"].([]any) {
		if f := c.(map[string]any)["file"]; f != "seed.gbk.txt" {
			t.Errorf("--db --report 观湖 ask cited %v", f)
		}
	}
	r = ok(t, nil, "", "--db", db, "compare", "--json", "2026年地区生产总值增长目标")
	if rows := jsonLines(t, r.out); len(rows) != 2 || rows[0]["found"] != true {
		t.Errorf("--db compare = %v", rows)
	}
	r = ok(t, nil, "", "--db", db, "search", "--json", "--k", "3", "新质生产力")
	if !strings.Contains(r.out, `"file":"2026-anhui.txt"`) {
		t.Errorf("--db search does not name the file: %s", r.out)
	}

	// An index built again from the same files is reused.
	r = ok(t, nil, "", append(files, "index", "--db", db)...)
	if !strings.Contains(r.out, "indexed 2 report(s)") {
		t.Errorf("second index: %q", r.out)
	}

	if r := cli(t, nil, "", "--db", t.TempDir(), "ask", "q"); r.code != exitFail || !strings.Contains(r.err, "reportbot --file PATH (or --dir DIR) index --db") {
		t.Errorf("--db of an empty dir: exit %d, %q; want 1 saying how to build it", r.code, r.err)
	}
}
