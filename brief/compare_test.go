package brief

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildCompareGold builds a comparison from each gold comparison of
// the 2026 reports and checks it against the reports themselves: every
// found row is cited, its figure is the report's text over its span and
// its sentence is the report's text; rows not found say 未提及 and cite
// nothing; every passage is cited in the body of each format.
func TestBuildCompareGold(t *testing.T) {
	paths, err := filepath.Glob("../testdata/gold/compare/*.jsonl")
	if err != nil || len(paths) == 0 {
		t.Skip("no gold comparisons")
	}
	texts := map[string][]rune{}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			rows := loadGold(t, path)
			c, err := BuildCompare(rows[0].Metric, rows)
			if err != nil {
				t.Fatalf("BuildCompare(%s): %v", path, err)
			}
			if len(c.Rows) != len(rows) || len(c.Cites) != len(rows) {
				t.Fatalf("comparison has %d rows and %d cites for %d rows", len(c.Rows), len(c.Cites), len(rows))
			}
			n := 0
			for i, r := range c.Rows {
				if !r.Found {
					if c.Cites[i] != 0 {
						t.Errorf("row %s not found cites [%d]", r.Report, c.Cites[i])
					}
					continue
				}
				n++
				if c.Cites[i] != n {
					t.Errorf("row %s cites [%d], want [%d]", r.Report, c.Cites[i], n)
				}
				text, ok := texts[r.File]
				if !ok {
					raw, err := os.ReadFile(filepath.Join("../testdata/corpus/2026", r.File))
					if err != nil {
						t.Fatalf("read %s: %v", r.File, err)
					}
					text = []rune(string(raw))
					texts[r.File] = text
				}
				p := c.Passages[n-1]
				if p.Span.End > len(text) || string(text[p.Span.Start:p.Span.End]) != p.Raw {
					t.Errorf("passage [%d] %s: %q is not the report's text over %v", p.N, p.Report, p.Raw, p.Span)
				}
				if !strings.Contains(string(text), p.Text) {
					t.Errorf("passage [%d] %s: sentence %q is not in the report", p.N, p.Report, p.Text)
				}
			}
			if len(c.Passages) != n {
				t.Errorf("%d passages for %d found rows", len(c.Passages), n)
			}
			md := string(c.Markdown())
			page := string(c.HTML())
			docx, err := c.DOCX()
			if err != nil {
				t.Fatalf("DOCX(): %v", err)
			}
			bodies := map[string]string{
				"markdown": md[:strings.Index(md+"\n## 引文\n", "\n## 引文\n")],
				"html":     page[:strings.Index(page+"<h2>引文</h2>", "<h2>引文</h2>")],
				"docx":     docxText(t, docx),
			}
			if i := strings.Index(bodies["docx"], "\n引文\n"); i >= 0 {
				bodies["docx"] = bodies["docx"][:i]
			}
			for format, body := range bodies {
				for _, p := range c.Passages {
					if !strings.Contains(body, Cite([]int{p.N})) {
						t.Errorf("%s body never cites [%d]", format, p.N)
					}
				}
				for _, r := range c.Rows {
					if !strings.Contains(body, r.Report) || !r.Found && !strings.Contains(body, "未提及") {
						t.Errorf("%s body lacks the row of %s", format, r.Report)
					}
				}
			}
			checkWellFormedHTML(t, page)
			short := c.Short()
			if strings.Count(short, "\n") != len(c.Rows) {
				t.Errorf("Short() has %d lines for %d rows:\n%s", strings.Count(short, "\n")+1, len(c.Rows), short)
			}
		})
	}
}

// checkWellFormedHTML parses a page leniently and checks that its tags
// balance and that it has no script.
func checkWellFormedHTML(t *testing.T, page string) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(page))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	var stack []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("HTML does not parse: %v", err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tk.Name.Local)
		case xml.EndElement:
			if len(stack) == 0 || stack[len(stack)-1] != tk.Name.Local {
				t.Fatalf("HTML: </%s> closes %v", tk.Name.Local, stack)
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) != 0 {
		t.Errorf("HTML ends with %v open", stack)
	}
	if strings.Contains(page, "<script") {
		t.Errorf("HTML has a script")
	}
}

func TestBuildCompareErrors(t *testing.T) {
	good := CompareRow{Report: "甲省", Found: true, Raw: "5%左右", Start: 10, End: 14, Sentence: "地区生产总值增长5%左右"}
	cases := []struct {
		name string
		rows []CompareRow
	}{
		{"no rows", nil},
		{"found without a figure", []CompareRow{{Report: "甲省", Found: true, Sentence: "增长5%"}}},
		{"figure not in its sentence", []CompareRow{{Report: "甲省", Found: true, Raw: "6%", Start: 1, End: 3, Sentence: "增长5%"}}},
		{"span of another length", []CompareRow{{Report: "甲省", Found: true, Raw: "5%左右", Start: 10, End: 12, Sentence: good.Sentence}}},
		{"negative span", []CompareRow{{Report: "甲省", Found: true, Raw: "5%", Start: -2, End: 0, Sentence: "增长5%"}}},
	}
	for _, tc := range cases {
		c, err := BuildCompare("测试", tc.rows)
		if !errors.Is(err, ErrInvalidRow) || c != nil {
			t.Errorf("BuildCompare(%s) = %v, %v; want nil and ErrInvalidRow", tc.name, c, err)
		}
	}
	c, err := BuildCompare("测试", []CompareRow{good, {Report: "乙省"}})
	if err != nil {
		t.Fatalf("BuildCompare(good rows): %v", err)
	}
	if _, err := c.Render("pdf"); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("Render(pdf) error = %v, want ErrUnknownFormat", err)
	}
	for _, f := range []string{"md", "html", "docx", "short", "json"} {
		if out, err := c.Render(f); err != nil || len(out) == 0 {
			t.Errorf("Render(%q) = %d bytes, %v", f, len(out), err)
		}
	}
}

// TestCompareChart checks that the chart is drawn only when the found
// figures share a unit, with a lighter bar for the rest of a range.
func TestCompareChart(t *testing.T) {
	rows := []CompareRow{
		{Report: "甲省", Found: true, Raw: "5%—5.5%", Value: 5, High: 5.5, Unit: "%", Start: 0, End: 7, Sentence: "增长5%—5.5%"},
		{Report: "乙省", Found: true, Raw: "4.5%", Value: 4.5, Unit: "%", Start: 0, End: 4, Sentence: "增长4.5%"},
		{Report: "丙省"},
	}
	c, err := BuildCompare("增长目标", rows)
	if err != nil {
		t.Fatal(err)
	}
	bars, _ := c.bars()
	if len(bars) != 2 || bars[0].RangeW == "" || bars[1].RangeW != "" {
		t.Errorf("bars = %+v, want two, the first with a range", bars)
	}
	if !bytes.Contains(c.HTML(), []byte(`class="range"`)) {
		t.Errorf("HTML draws no range")
	}
	rows[1].Unit = "元"
	c, _ = BuildCompare("增长目标", rows)
	if bars, _ := c.bars(); bars != nil {
		t.Errorf("bars over mixed units = %+v, want none", bars)
	}
	// 5.3万亿元 and 40000亿元 are both 元: the larger is 5.3万亿.
	scaled := []CompareRow{
		{Report: "甲省", Found: true, Raw: "5.3万亿元", Value: 5.3, Unit: "万亿元", Start: 0, End: 6, Sentence: "5.3万亿元"},
		{Report: "乙省", Found: true, Raw: "40000亿元", Value: 40000, Unit: "亿元", Start: 0, End: 7, Sentence: "40000亿元"},
	}
	c, _ = BuildCompare("地区生产总值", scaled)
	bars, _ = c.bars()
	if len(bars) != 2 || bars[0].Width != ftoa(compareBarMax) || bars[1].Width != ftoa(4/5.3*compareBarMax) {
		t.Errorf("bars over scaled units = %+v, want 甲省 the longest", bars)
	}
}
