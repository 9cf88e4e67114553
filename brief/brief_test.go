package brief

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	openai "github.com/sashabaranov/go-openai"

	"github.com/reportbot/reportbot/answer"
	"github.com/reportbot/reportbot/report"
	"github.com/reportbot/reportbot/retrieve"
	"github.com/reportbot/reportbot/seeds"
)

var (
	seedOnce sync.Once
	seedDoc  *report.Report
	seedErr  error
)

// seed returns the parsed default report, parsed once per test binary.
func seed(tb testing.TB) *report.Report {
	tb.Helper()
	seedOnce.Do(func() {
		raw, err := seeds.Read("")
		if err != nil {
			seedErr = err
			return
		}
		seedDoc, seedErr = report.ParseString(string(raw))
	})
	if seedErr != nil {
		tb.Fatalf("parse seed: %v", seedErr)
	}
	return seedDoc
}

// topicCases are the topics every renderer is checked on, with a section
// each brief must draw on.
var topicCases = []struct {
	topic   string
	section string // a section ID the brief must include
}{
	{"", "p2s3"},
	{"经济", "p2s1"},
	{"交通", "p2s3"},
	{"民生", "p2s4"},
	{"安全生产", "p2s6"},
	{"党建", "p2s8"},
	{"教育", "p2s4"},
	{"economy", "p2s1"},
	{"transport", "p2s3"},
}

func build(t *testing.T, doc *report.Report, opts Options) *Brief {
	t.Helper()
	b, err := Build(t.Context(), doc, opts)
	if err != nil {
		t.Fatalf("Build(%+v) error: %v", opts, err)
	}
	return b
}

func TestBuildTopics(t *testing.T) {
	doc := seed(t)
	for _, tc := range topicCases {
		name := tc.topic
		if name == "" {
			name = "whole"
		}
		t.Run(name, func(t *testing.T) {
			b := build(t, doc, Options{Topic: tc.topic})
			if !b.Covered {
				t.Fatalf("Build(%q).Covered = false, notes %q", tc.topic, b.Notes)
			}
			var ids []string
			for _, s := range b.Sections {
				ids = append(ids, s.ID)
			}
			if !slices.Contains(ids, tc.section) {
				t.Errorf("Build(%q) sections %v, want %s among them", tc.topic, ids, tc.section)
			}
			if n := len(b.Summary); n < 2 || n > 4 {
				t.Errorf("Build(%q) summary has %d sentences, want 2..4", tc.topic, n)
			}
			if b.SummaryMode != answer.ModeExtractive {
				t.Errorf("Build(%q).SummaryMode = %q, want extractive", tc.topic, b.SummaryMode)
			}
			if len(b.KeyFigures) == 0 || len(b.Points) == 0 {
				t.Errorf("Build(%q): %d key figures, %d point groups; want some of each", tc.topic, len(b.KeyFigures), len(b.Points))
			}
			for _, g := range b.Points {
				if len(g.Points) == 0 || len(g.Points) > 6 {
					t.Errorf("Build(%q) section %s has %d points, want 1..6", tc.topic, g.SectionID, len(g.Points))
				}
			}
			if b.Status != "文件已失效" || b.Warning == "" {
				t.Errorf("Build(%q) Status %q Warning %q, want the 文件已失效 mark and a warning", tc.topic, b.Status, b.Warning)
			}
			checkPassages(t, doc, b)
			checkMarkdown(t, doc, b, b.Markdown())
			checkHTML(t, doc, b, b.HTML())
			checkDOCX(t, b)
		})
	}
}

// checkPassages checks that passages are numbered 1..n, that each Text is
// exactly the report's text over its Span, that every citation names a
// passage and that every passage is cited.
func checkPassages(t *testing.T, doc *report.Report, b *Brief) {
	t.Helper()
	cited := map[int]bool{}
	for _, c := range allCites(b) {
		if c < 1 || c > len(b.Passages) {
			t.Errorf("citation [%d] names no passage (have %d)", c, len(b.Passages))
		}
		cited[c] = true
	}
	for i, p := range b.Passages {
		if p.N != i+1 {
			t.Errorf("Passages[%d].N = %d, want %d", i, p.N, i+1)
		}
		if got := doc.Slice(p.Span); p.Text != got {
			t.Errorf("passage [%d] Text %q != doc.Slice(%v) %q", p.N, p.Text, p.Span, got)
		}
		if p.Span.Start < 0 || p.Span.End > doc.RuneLen() || p.Span.Len() <= 0 {
			t.Errorf("passage [%d] span %v outside the report (%d code points)", p.N, p.Span, doc.RuneLen())
		}
		if p.Label == "" {
			t.Errorf("passage [%d] has no label", p.N)
		}
		if !cited[p.N] {
			t.Errorf("passage [%d] is never cited", p.N)
		}
	}
}

func allCites(b *Brief) []int {
	var out []int
	for _, c := range b.Summary {
		out = append(out, c.Cites...)
	}
	for _, r := range b.KeyFigures {
		out = append(out, r.Cites...)
	}
	for _, r := range b.Targets {
		out = append(out, r.Cites...)
	}
	for _, r := range b.Changes {
		out = append(out, r.Cites...)
	}
	for _, g := range b.Points {
		for _, c := range g.Points {
			out = append(out, c.Cites...)
		}
	}
	for _, c := range b.Risks {
		out = append(out, c.Cites...)
	}
	return out
}

// problems collects what a check found wrong.
type problems []string

func (p *problems) add(format string, args ...any) { *p = append(*p, fmt.Sprintf(format, args...)) }

// checkMarkdown and checkHTML fail t with every problem found.
func checkMarkdown(t *testing.T, doc *report.Report, b *Brief, md []byte) {
	t.Helper()
	for _, p := range markdownProblems(doc, b, md) {
		t.Error(p)
	}
}

func checkHTML(t *testing.T, doc *report.Report, b *Brief, page []byte) {
	t.Helper()
	for _, p := range htmlProblems(doc, b, page) {
		t.Error(p)
	}
}

// checkClaim checks one rendered statement against the passages it cites:
// every Arabic number in it (years and [n] markers aside, as
// answer.Numbers sees them) must be written in one of those passages, so
// answer.UnsupportedNumbers finds nothing.
func checkClaim(pr *problems, where, text string, cites []int, b *Brief) {
	nums := answer.Numbers(text)
	if len(nums) == 0 {
		return
	}
	if len(cites) == 0 {
		pr.add("%s: %q states numbers %v but cites nothing", where, text, nums)
		return
	}
	var srcs []string
	have := map[float64]bool{}
	for _, n := range cites {
		p := b.Passage(n)
		if p == nil {
			pr.add("%s: cites [%d], which is not a passage", where, n)
			continue
		}
		srcs = append(srcs, p.Text)
		for _, s := range answer.Numbers(p.Text) {
			v, _ := strconv.ParseFloat(s, 64)
			have[v] = true
		}
	}
	written := func(s string) bool {
		for _, src := range srcs {
			if strings.Contains(src, s) {
				return true
			}
		}
		return false
	}
	for _, s := range nums {
		v, _ := strconv.ParseFloat(s, 64)
		// The number check reads 1/10，4386 as one number; a number
		// written as is in a cited passage is supported all the same.
		if !have[v] && !written(s) {
			pr.add("%s: number %s in %q is not in its cited passages %v", where, s, text, cites)
		}
	}
	for _, s := range answer.UnsupportedNumbers(text, srcs...) {
		if !written(s) {
			pr.add("%s: answer.UnsupportedNumbers(%q) reports %s", where, text, s)
		}
	}
}

// checkFree checks text that is not a claim against the report's own
// words: the header, the topic, the labels of its sections.
func checkFree(pr *problems, where, text string, sources ...string) {
	if bad := answer.UnsupportedNumbers(text, sources...); len(bad) > 0 {
		pr.add("%s: %q has numbers %v that are neither cited nor in the report's header or labels", where, text, bad)
	}
}

// headerText is what the header of a brief may state: the report's
// title, header, source and date as the parser read them, and the topic.
func headerText(doc *report.Report, b *Brief) string {
	return strings.Join([]string{doc.Title, doc.Slice(doc.Header), doc.Source, doc.Date, doc.ISODate, b.Topic}, "\n")
}

func labelsOf(doc *report.Report) string {
	var sb strings.Builder
	for _, s := range doc.Sections() {
		sb.WriteString(s.Label + "\n")
	}
	return sb.String()
}

var (
	markerRE   = regexp.MustCompile(`\[(\d+)\]`)
	appendixRE = regexp.MustCompile(`^\[(\d+)\] (.*) · \[(\d+),(\d+)\)  $`)
	mdUnescape = regexp.MustCompile(`\\(.)`)
)

func markers(s string) []int {
	var out []int
	for _, m := range markerRE.FindAllStringSubmatch(s, -1) {
		n, _ := strconv.Atoi(m[1])
		out = append(out, n)
	}
	return out
}

// checkMarkdown checks every line of the Markdown: the header against the
// report's header and the topic, headings against section labels, each
// statement and table row against the passages its [n] markers cite, and
// each appendix entry against the report text.
func markdownProblems(doc *report.Report, b *Brief, md []byte) problems {
	var pr problems
	header := headerText(doc, b)
	labels := labelsOf(doc)
	section := ""
	lines := strings.Split(string(md), "\n")
	seen := 0
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		where := "markdown line " + strconv.Itoa(i+1)
		switch {
		case strings.TrimSpace(line) == "":
		case strings.HasPrefix(line, "## "):
			section = strings.TrimPrefix(line, "## ")
			checkFree(&pr, where, line)
		case section == "":
			checkFree(&pr, where, line, header, labels)
		case section == "引文":
			m := appendixRE.FindStringSubmatch(line)
			if m == nil {
				pr.add("%s: %q is not an appendix entry", where, line)
				continue
			}
			n, _ := strconv.Atoi(m[1])
			start, _ := strconv.Atoi(m[3])
			end, _ := strconv.Atoi(m[4])
			p := b.Passage(n)
			if p == nil || p.Span != (report.Span{Start: start, End: end}) {
				pr.add("%s: appendix entry [%d] %v does not match passage %+v", where, n, [2]int{start, end}, p)
				continue
			}
			if i+1 >= len(lines) || !strings.HasPrefix(lines[i+1], "> ") {
				pr.add("%s: appendix entry [%d] has no quote line", where, n)
				continue
			}
			i++
			if got, want := mdUnescape.ReplaceAllString(strings.TrimPrefix(lines[i], "> "), "$1"), doc.Slice(p.Span); got != want {
				pr.add("%s: appendix quote [%d] = %q, want doc.Slice(%v) = %q", where, n, got, p.Span, want)
			}
			seen++
		case strings.HasPrefix(line, "#"):
			checkFree(&pr, where, line, labels)
		default:
			text := mdUnescape.ReplaceAllString(markerRE.ReplaceAllString(line, " "), "$1")
			checkClaim(&pr, where, text, markers(line), b)
		}
	}
	if seen != len(b.Passages) {
		pr.add("markdown appendix lists %d passages, want %d", seen, len(b.Passages))
	}
	return pr
}

// htmlFrame is an open element while checking the HTML.
type htmlFrame struct {
	name    string
	kind    string // claim, meta, heading, passage, quote, skip, or ""
	cites   []int
	passage int
	text    strings.Builder
}

// checkHTML parses the page leniently with encoding/xml (HTML void
// elements and entities), checks that tags balance, and checks the text
// of every element with data-cites against its passages, the header
// against the report's header, the appendix quotes against the report,
// and that no other text states a number.
func htmlProblems(doc *report.Report, b *Brief, page []byte) problems {
	var pr problems
	if !bytes.HasPrefix(page, []byte("<!DOCTYPE html>")) {
		pr.add("HTML does not start with <!DOCTYPE html>")
	}
	header := headerText(doc, b)
	labels := labelsOf(doc)
	dec := xml.NewDecoder(bytes.NewReader(page))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	var stack []*htmlFrame
	counts := map[string]int{}
	rows, quotes := 0, 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			pr.add("HTML does not parse: %v", err)
			return pr
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			f := &htmlFrame{name: tk.Name.Local}
			counts[f.name]++
			parent := ""
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i].kind != "" {
					parent = stack[i].kind
					f.passage = stack[i].passage
					break
				}
			}
			for _, a := range tk.Attr {
				switch {
				case a.Name.Local == "data-cites":
					f.kind = "claim"
					for _, s := range strings.Fields(a.Value) {
						n, _ := strconv.Atoi(s)
						f.cites = append(f.cites, n)
					}
				case a.Name.Local == "data-passage":
					f.kind = "passage"
					f.passage, _ = strconv.Atoi(a.Value)
				case a.Name.Local == "class" && slices.Contains(strings.Fields(a.Value), "meta"):
					f.kind = "meta"
				}
			}
			switch {
			case f.kind != "":
			case f.name == "style":
				f.kind = "skip"
			case f.name == "title" || f.name == "h1":
				f.kind = "meta"
			case f.name == "h2" || f.name == "h3":
				f.kind = "heading"
			case f.name == "blockquote" && parent == "passage":
				f.kind = "quote"
			}
			if f.kind == "claim" && f.name == "tr" {
				rows++
			}
			stack = append(stack, f)
		case xml.EndElement:
			if len(stack) == 0 {
				pr.add("HTML: </%s> closes nothing", tk.Name.Local)
				return pr
			}
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if f.name == "td" || f.name == "th" {
				// Cells are apart: 36.2 in one and 54 in the next are
				// not 36.254.
				for i := len(stack) - 1; i >= 0; i-- {
					if stack[i].kind != "" {
						stack[i].text.WriteByte(' ')
						break
					}
				}
			}
			if f.name != tk.Name.Local {
				pr.add("HTML: <%s> closed by </%s>", f.name, tk.Name.Local)
				return pr
			}
			where := "HTML <" + f.name + ">"
			switch f.kind {
			case "claim":
				checkClaim(&pr, where, f.text.String(), f.cites, b)
			case "meta":
				checkFree(&pr, where, f.text.String(), header, labels)
			case "heading":
				checkFree(&pr, where, f.text.String(), labels)
			case "quote":
				quotes++
				if p := b.Passage(f.passage); p == nil || f.text.String() != doc.Slice(p.Span) {
					pr.add("HTML appendix quote [%d] = %q, want the passage's report text", f.passage, f.text.String())
				}
			}
		case xml.CharData:
			owner := (*htmlFrame)(nil)
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i].kind != "" {
					owner = stack[i]
					break
				}
			}
			switch {
			case owner == nil:
				checkFree(&pr, "HTML text", string(tk))
			case owner.kind == "skip", owner.kind == "passage":
			default:
				owner.text.Write(tk)
			}
		}
	}
	if len(stack) != 0 {
		pr.add("HTML ends with %d unclosed elements (first <%s>)", len(stack), stack[0].name)
	}
	if want := len(b.KeyFigures) + len(b.Targets); rows != want {
		pr.add("HTML has %d table rows with citations, want %d", rows, want)
	}
	if want := min(len(b.KeyFigures), 1) + min(len(b.Targets), 1); counts["table"] != want {
		pr.add("HTML has %d tables, want %d", counts["table"], want)
	}
	if (counts["svg"] > 0) != (len(b.Changes) > 0) {
		pr.add("HTML has %d svg charts for %d changes", counts["svg"], len(b.Changes))
	}
	if quotes != len(b.Passages) {
		pr.add("HTML appendix has %d quotes, want %d", quotes, len(b.Passages))
	}
	if b.Status != "" && !bytes.Contains(page, []byte(`class="status"`)) {
		pr.add("HTML has no status box for %q", b.Status)
	}
	for _, css := range []string{`"Noto Sans CJK SC"`, "@media print", "</html>"} {
		if !bytes.Contains(page, []byte(css)) {
			pr.add("HTML lacks %s", css)
		}
	}
	if bytes.Contains(page, []byte("<script")) {
		pr.add("HTML contains a script element")
	}
	return pr
}

// checkDOCX opens the package as a zip, checks its parts, parses every XML
// part strictly and checks the document's tables and text.
func checkDOCX(t *testing.T, b *Brief) {
	t.Helper()
	data, err := b.DOCX()
	if err != nil {
		t.Fatalf("DOCX() error: %v", err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("DOCX is not a zip: %v", err)
	}
	parts := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("DOCX part %s: %v", f.Name, err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("DOCX part %s: %v", f.Name, err)
		}
		parts[f.Name] = string(body)
		dec := xml.NewDecoder(bytes.NewReader(body))
		for {
			_, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("DOCX part %s is not well-formed XML: %v", f.Name, err)
			}
		}
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels", "docProps/core.xml"} {
		if _, ok := parts[name]; !ok {
			t.Errorf("DOCX lacks %s", name)
		}
	}
	docXML := parts["word/document.xml"]
	if want := len(b.KeyFigures) > 0 || len(b.Targets) > 0; strings.Contains(docXML, "<w:tbl>") != want {
		t.Errorf("DOCX has w:tbl = %v, want %v", !want, want)
	}
	if !strings.Contains(parts["word/styles.xml"], `w:eastAsia="`) {
		t.Errorf("DOCX styles set no East Asian font")
	}
	// The document's text holds the status and every passage.
	var text strings.Builder
	dec := xml.NewDecoder(strings.NewReader(docXML))
	inT := false
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			inT = tk.Name.Local == "t"
		case xml.EndElement:
			inT = false
		case xml.CharData:
			if inT {
				text.Write(tk)
			}
		}
	}
	if b.Status != "" && !strings.Contains(text.String(), b.Status) {
		t.Errorf("DOCX text lacks the status %q", b.Status)
	}
	for _, p := range b.Passages {
		if !strings.Contains(text.String(), p.Text) {
			t.Errorf("DOCX text lacks passage [%d]", p.N)
		}
	}
}

// TestCheckersCatchTampering makes sure the render checks above would fail
// on a brief that states a number its passages do not hold, cites a
// passage that is not the report's text, or breaks the HTML.
func TestCheckersCatchTampering(t *testing.T) {
	doc := seed(t)
	fresh := func() *Brief { return build(t, doc, Options{Topic: "经济"}) }
	cases := []struct {
		name   string
		tamper func(b *Brief)
		html   func([]byte) []byte
	}{
		{"invented value", func(b *Brief) { b.KeyFigures[0].Value = "999.99亿元" }, nil},
		{"invented summary number", func(b *Brief) { b.Summary[0].Text += "增长了77.7%" }, nil},
		{"uncited number", func(b *Brief) { b.Risks = append(b.Risks, Claim{Text: "缺口达321亿元"}) }, nil},
		{"passage not the report's text", func(b *Brief) { b.Passages[0].Text = "改写过的" + b.Passages[0].Text }, nil},
		{"wrong span", func(b *Brief) { b.Passages[0].Span.End++ }, nil},
		{"number in free text", func(b *Brief) { b.Notes = append(b.Notes, "共计4321项") }, nil},
		{"unbalanced HTML", nil, func(p []byte) []byte { return bytes.Replace(p, []byte("</td>"), []byte("</tr>"), 1) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := fresh()
			if tc.tamper != nil {
				tc.tamper(b)
			}
			page := b.HTML()
			if tc.html != nil {
				page = tc.html(page)
			} else if len(markdownProblems(doc, b, b.Markdown())) == 0 {
				t.Errorf("markdown check missed: %s", tc.name)
			}
			if len(htmlProblems(doc, b, page)) == 0 {
				t.Errorf("HTML check missed: %s", tc.name)
			}
		})
	}
}

func TestTargetsPairWithReviewYear(t *testing.T) {
	b := build(t, seed(t), Options{})
	var found bool
	for _, r := range b.Targets {
		if strings.Contains(r.Metric, "城中村物业") {
			found = true
			if r.Target != "75%" || r.Baseline != "50%" {
				t.Errorf("城中村物业 target row = %+v, want 75%% with 2023's 50%%", r)
			}
			if len(r.Cites) != 2 {
				t.Errorf("城中村物业 row cites %v, want the target's and the baseline's passages", r.Cites)
			}
		}
		if r.Baseline != "" {
			tf, bf := seed(t).Figure(r.FigureID), seed(t).Figure(r.BaselineID)
			if tf == nil || bf == nil || tf.Unit != bf.Unit {
				t.Errorf("target row %+v pairs figures of different units", r)
			}
		}
	}
	if !found {
		t.Errorf("whole-report targets %+v lack 城中村物业签约进驻率", b.Targets)
	}
	if b.TargetHeader() != "2024年目标" || b.BaselineHeader() != "2023年实绩" {
		t.Errorf("headers %q, %q; want 2024年目标, 2023年实绩", b.TargetHeader(), b.BaselineHeader())
	}
}

func TestKeyFiguresLinkChanges(t *testing.T) {
	b := build(t, seed(t), Options{Topic: "经济"})
	var row *FigureRow
	for i := range b.KeyFigures {
		if b.KeyFigures[i].Value == "494.91亿元" {
			row = &b.KeyFigures[i]
		}
	}
	if row == nil {
		t.Fatalf("经济 key figures %+v lack 494.91亿元", b.KeyFigures)
	}
	if row.Metric != "规上工业总产值" || row.Change != "↑1.72%" || row.Direction != report.Up || row.KindLabel != "2023年实绩" {
		t.Errorf("494.91亿元 row = %+v, want 规上工业总产值, ↑1.72%%, up, 2023年实绩", *row)
	}
	if len(b.Changes) == 0 {
		t.Errorf("经济 brief has no change bars")
	}
}

func TestStatusShown(t *testing.T) {
	b := build(t, seed(t), Options{Topic: "交通"})
	for format, want := range map[string]string{"md": "**文件状态：文件已失效**", "html": "⚠ 文件状态：文件已失效", "short": "⚠ 文件已失效"} {
		out, err := b.Render(format)
		if err != nil {
			t.Fatalf("Render(%q) error: %v", format, err)
		}
		if !strings.Contains(string(out), want) {
			t.Errorf("Render(%q) lacks %q", format, want)
		}
	}
	// The warning comes before the content.
	md := string(b.Markdown())
	if strings.Index(md, "文件已失效") > strings.Index(md, "## 摘要") {
		t.Errorf("markdown shows the status after the summary")
	}
}

func TestNotCovered(t *testing.T) {
	doc := seed(t)
	for _, topic := range []string{"量子计算", "cryptocurrency", "航天 火箭"} {
		t.Run(topic, func(t *testing.T) {
			b := build(t, doc, Options{Topic: topic})
			if b.Covered || len(b.Sections) > 0 || len(b.Summary) > 0 || len(b.KeyFigures) > 0 || len(b.Passages) > 0 || len(b.Points) > 0 || len(b.Risks) > 0 {
				t.Fatalf("Build(%q) = covered %v with %d sections, %d passages; want nothing", topic, b.Covered, len(b.Sections), len(b.Passages))
			}
			if !slices.Contains(b.Notes, noteNotCovered) {
				t.Errorf("Build(%q).Notes = %q, want %q", topic, b.Notes, noteNotCovered)
			}
			for _, f := range []string{"md", "html", "short"} {
				out, err := b.Render(f)
				if err != nil {
					t.Fatalf("Render(%q) error: %v", f, err)
				}
				if !strings.Contains(string(out), "报告未涉及该主题") {
					t.Errorf("Render(%q) lacks the not-covered note", f)
				}
			}
			checkMarkdown(t, doc, b, b.Markdown())
			checkHTML(t, doc, b, b.HTML())
			checkDOCX(t, b)
		})
	}
}

func TestOptionErrors(t *testing.T) {
	doc := seed(t)
	cases := []struct {
		name string
		doc  *report.Report
		opts Options
	}{
		{"nil report", nil, Options{}},
		{"negative MaxPoints", doc, Options{MaxPoints: -1}},
		{"large MaxPoints", doc, Options{MaxPoints: 13}},
		{"LLM without model", doc, Options{LLM: &fakeLLM{}}},
		{"long topic", doc, Options{Topic: strings.Repeat("交通", MaxTopicRunes)}},
		{"invalid UTF-8", doc, Options{Topic: "\xff交通"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b, err := Build(t.Context(), tc.doc, tc.opts)
			if !errors.Is(err, ErrInvalidOptions) || b != nil {
				t.Errorf("Build(%s) = %v, %v; want nil and an error wrapping ErrInvalidOptions", tc.name, b, err)
			}
		})
	}
	b := build(t, doc, Options{Topic: "交通"})
	for _, f := range []string{"pdf", "", "docxx"} {
		if _, err := b.Render(f); !errors.Is(err, ErrUnknownFormat) || !strings.Contains(err.Error(), "md, html, docx") {
			t.Errorf("Render(%q) error = %v, want ErrUnknownFormat listing the formats", f, err)
		}
	}
	for _, f := range []string{"md", "MARKDOWN", "html", "docx", "short", "json"} {
		if out, err := b.Render(f); err != nil || len(out) == 0 {
			t.Errorf("Render(%q) = %d bytes, %v; want output", f, len(out), err)
		}
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := Build(ctx, doc, Options{Topic: "交通"}); !errors.Is(err, context.Canceled) {
		t.Errorf("Build(cancelled ctx) error = %v, want context.Canceled", err)
	}
}

func TestMaxPoints(t *testing.T) {
	doc := seed(t)
	for _, n := range []int{1, 2, 6} {
		b := build(t, doc, Options{Topic: "交通", MaxPoints: n})
		for _, g := range b.Points {
			if len(g.Points) > n {
				t.Errorf("MaxPoints %d: section %s has %d points", n, g.SectionID, len(g.Points))
			}
		}
	}
}

// fakeLLM is a ChatClient that answers with reply(req), or fails with
// err, and records the requests.
type fakeLLM struct {
	mu    sync.Mutex
	reply func(req openai.ChatCompletionRequest) string
	err   error
	reqs  []openai.ChatCompletionRequest
}

func (f *fakeLLM) CreateChatCompletion(ctx context.Context, req openai.ChatCompletionRequest) (openai.ChatCompletionResponse, error) {
	f.mu.Lock()
	f.reqs = append(f.reqs, req)
	f.mu.Unlock()
	if f.err != nil {
		return openai.ChatCompletionResponse{}, f.err
	}
	return openai.ChatCompletionResponse{Choices: []openai.ChatCompletionChoice{{
		Message: openai.ChatCompletionMessage{Role: openai.ChatMessageRoleAssistant, Content: f.reply(req)},
	}}}, nil
}

func (f *fakeLLM) CreateChatCompletionStream(context.Context, openai.ChatCompletionRequest) (*openai.ChatCompletionStream, error) {
	return nil, errors.New("fakeLLM: no streaming")
}

// passageRE reads the numbered passages of the summary prompt.
var passageRE = regexp.MustCompile(`(?m)^\[(\d+)\] (?:\([^)]*\) )?(.*)$`)

func offeredPassages(req openai.ChatCompletionRequest) map[string]string {
	out := map[string]string{}
	user := req.Messages[len(req.Messages)-1].Content
	for _, m := range passageRE.FindAllStringSubmatch(user, -1) {
		out[m[1]] = m[2]
	}
	return out
}

func TestLLMSummary(t *testing.T) {
	doc := seed(t)
	offline := build(t, doc, Options{Topic: "交通"})
	cases := []struct {
		name     string
		llm      *fakeLLM
		mode     answer.Mode
		noteHas  string
		notInOut string
	}{
		{
			name: "grounded",
			llm: &fakeLLM{reply: func(req openai.ChatCompletionRequest) string {
				p := offeredPassages(req)
				return "报告提到：" + p["2"] + "[2] 另外，" + p["1"] + "[1]"
			}},
			mode: answer.ModeLLM,
		},
		{
			name: "invents a number",
			llm: &fakeLLM{reply: func(req openai.ChatCompletionRequest) string {
				p := offeredPassages(req)
				return p["1"] + "[1] 全年交通投资达到987.65亿元。[2]"
			}},
			mode:     answer.ModeFallback,
			noteHas:  "numbers not in its cited passages",
			notInOut: "987.65",
		},
		{
			name:    "cites nothing",
			llm:     &fakeLLM{reply: func(openai.ChatCompletionRequest) string { return "交通建设稳步推进。" }},
			mode:    answer.ModeFallback,
			noteHas: "cited no passage",
		},
		{
			name:    "server error",
			llm:     &fakeLLM{err: &openai.APIError{HTTPStatusCode: http.StatusInternalServerError, Message: "boom"}},
			mode:    answer.ModeFallback,
			noteHas: "server error",
		},
		{
			name:    "rate limited",
			llm:     &fakeLLM{err: &openai.APIError{HTTPStatusCode: http.StatusTooManyRequests, Message: "slow down"}},
			mode:    answer.ModeFallback,
			noteHas: "rate limited",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := build(t, doc, Options{Topic: "交通", LLM: tc.llm, Model: "test-model"})
			if b.SummaryMode != tc.mode {
				t.Fatalf("SummaryMode = %q, want %q (notes %q)", b.SummaryMode, tc.mode, b.Notes)
			}
			if len(tc.llm.reqs) != 1 || tc.llm.reqs[0].Model != "test-model" {
				t.Fatalf("LLM got %d requests (%+v), want one for test-model", len(tc.llm.reqs), tc.llm.reqs)
			}
			if tc.mode == answer.ModeFallback {
				if !slices.EqualFunc(b.Summary, offline.Summary, func(a, c Claim) bool { return a.Text == c.Text }) {
					t.Errorf("fallback summary %+v, want the extractive one %+v", b.Summary, offline.Summary)
				}
				if !slices.ContainsFunc(b.Notes, func(n string) bool { return strings.Contains(n, tc.noteHas) }) {
					t.Errorf("Notes = %q, want one containing %q", b.Notes, tc.noteHas)
				}
				if strings.Contains(string(b.Markdown()), "boom") {
					t.Errorf("markdown repeats the API error body")
				}
			} else {
				if len(b.Summary) != 2 || !strings.HasPrefix(b.Summary[0].Text, "报告提到：") {
					t.Errorf("LLM summary = %+v, want the model's two sentences", b.Summary)
				}
				if len(b.Notes) != 0 {
					t.Errorf("Notes = %q, want none", b.Notes)
				}
			}
			if tc.notInOut != "" {
				for _, f := range []string{"md", "html", "short"} {
					out, _ := b.Render(f)
					if strings.Contains(string(out), tc.notInOut) {
						t.Errorf("Render(%q) shows the invented number %s", f, tc.notInOut)
					}
				}
			}
			checkPassages(t, doc, b)
			checkMarkdown(t, doc, b, b.Markdown())
			checkHTML(t, doc, b, b.HTML())
		})
	}
}

func TestLLMCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	llm := &fakeLLM{reply: func(openai.ChatCompletionRequest) string { cancel(); return "" }}
	_, err := Build(ctx, seed(t), Options{Topic: "交通", LLM: llm, Model: "m"})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Build with a cancelled LLM call error = %v, want context.Canceled", err)
	}
}

// fakeSearcher returns fixed hits or an error.
type fakeSearcher struct {
	hits []retrieve.Hit
	err  error
	got  []string
}

func (s *fakeSearcher) Search(ctx context.Context, text string, k int, reportFilter string) ([]retrieve.Hit, error) {
	s.got = append(s.got, text)
	return s.hits, s.err
}

func hitOf(doc *report.Report, id string, score float64) retrieve.Hit {
	sec := doc.Node(id).(*report.Section)
	return retrieve.Hit{SectionID: id, Text: doc.Slice(sec.Span), Start: sec.Span.Start, End: sec.Span.End, Score: score}
}

func TestSearcher(t *testing.T) {
	doc := seed(t)
	t.Run("hits add sections that name the topic", func(t *testing.T) {
		// p2s2 mentions 公园 but not 交通: the hit on p2s8 (party work)
		// names neither and must be ignored.
		s := &fakeSearcher{hits: []retrieve.Hit{hitOf(doc, "p2s3", 0.9), hitOf(doc, "p2s6", 0.8), hitOf(doc, "p2s8", 0.7)}}
		b := build(t, doc, Options{Topic: "交通", Searcher: s})
		var ids []string
		for _, sec := range b.Sections {
			ids = append(ids, sec.ID)
		}
		if !slices.Contains(ids, "p2s3") || !slices.Contains(ids, "p2s6") || slices.Contains(ids, "p2s8") {
			t.Errorf("sections %v, want p2s3 and p2s6 (hits naming 交通) and not p2s8", ids)
		}
		if len(s.got) != 1 || s.got[0] != "交通" {
			t.Errorf("Searcher got %+v, want one query for 交通", s.got)
		}
		checkPassages(t, doc, b)
		checkMarkdown(t, doc, b, b.Markdown())
	})
	t.Run("a failing searcher falls back to keywords", func(t *testing.T) {
		b := build(t, doc, Options{Topic: "交通", Searcher: &fakeSearcher{err: errors.New("embedder down")}})
		want := build(t, doc, Options{Topic: "交通"})
		if !b.Covered || len(b.Sections) != len(want.Sections) {
			t.Errorf("sections %+v, want the keyword choice %+v", b.Sections, want.Sections)
		}
		if len(b.Notes) != 1 || !strings.Contains(b.Notes[0], "search failed") {
			t.Errorf("Notes = %q, want a search-failed note", b.Notes)
		}
	})
	t.Run("hits cannot cover an absent topic", func(t *testing.T) {
		b := build(t, doc, Options{Topic: "量子计算", Searcher: &fakeSearcher{hits: []retrieve.Hit{hitOf(doc, "p2s3", 0.9)}}})
		if b.Covered {
			t.Errorf("Build(量子计算) with unrelated hits is covered: %+v", b.Sections)
		}
	})
}

func TestEscaping(t *testing.T) {
	doc := seed(t)
	b := build(t, doc, Options{Topic: `交通 <script>alert("x")</script> | **`})
	html := string(b.HTML())
	if strings.Contains(html, "<script>") {
		t.Errorf("HTML contains the topic's <script> unescaped")
	}
	if !strings.Contains(html, "&lt;script&gt;") {
		t.Errorf("HTML lacks the escaped topic")
	}
	md := string(b.Markdown())
	if strings.Contains(md, "<script>") || strings.Contains(md, "| **") {
		t.Errorf("markdown does not escape the topic")
	}
	checkHTML(t, doc, b, b.HTML())
	checkDOCX(t, b)
}

func TestDeterministic(t *testing.T) {
	doc := seed(t)
	a, b := build(t, doc, Options{Topic: "民生"}), build(t, doc, Options{Topic: "民生"})
	if !bytes.Equal(a.Markdown(), b.Markdown()) || !bytes.Equal(a.HTML(), b.HTML()) {
		t.Errorf("two builds of the same brief render differently")
	}
	da, _ := a.DOCX()
	db, _ := b.DOCX()
	if !bytes.Equal(da, db) {
		t.Errorf("two builds of the same brief give different DOCX bytes")
	}
}

func TestParseTopic(t *testing.T) {
	cases := []struct {
		topic string
		want  []string // terms that must be present
		not   []string
	}{
		{"transport", []string{"交通", "道路", "轨道", "地铁"}, nil},
		{"Party Building", []string{"党建", "党组织", "干部"}, []string{"就业"}},
		{"安全生产", []string{"安全生产", "应急", "消防"}, nil},
		{"教育", []string{"教育", "学校", "学位"}, []string{"就业"}},
		{"economy, environment", []string{"经济", "投资", "生态", "环境"}, nil},
		{"GDP", []string{"gdp"}, nil},
	}
	for _, tc := range cases {
		q := parseTopic(tc.topic)
		var words []string
		for _, term := range q.terms {
			words = append(words, term.text)
		}
		for _, w := range tc.want {
			if !slices.Contains(words, w) {
				t.Errorf("parseTopic(%q) terms %v lack %q", tc.topic, words, w)
			}
		}
		for _, w := range tc.not {
			if slices.Contains(words, w) {
				t.Errorf("parseTopic(%q) terms %v contain %q", tc.topic, words, w)
			}
		}
	}
	// 主题教育 is party work: it does not count for education.
	q := parseTopic("教育")
	if got := q.rel("紧扣主题教育主线"); got != 0 {
		t.Errorf("rel(主题教育) for 教育 = %v, want 0", got)
	}
	if got := q.rel("新增小初学位1480个"); got == 0 {
		t.Errorf("rel(学位) for 教育 = 0, want > 0")
	}
}

func TestWindow(t *testing.T) {
	doc := seed(t)
	x := newExtractor(doc, parseTopic(""), nil, &Brief{}, 0)
	for _, s := range doc.Sentences {
		for _, f := range x.figs[s] {
			span, cl, cr := x.window(s.Span, f.Span, 60)
			if !span.Contains(f.Span) || !s.Span.Contains(span) {
				t.Fatalf("window(%v, %v) = %v, want inside the sentence and around the figure", s.Span, f.Span, span)
			}
			if cl != (span.Start > s.Span.Start) || cr != (span.End < s.Span.End) {
				t.Errorf("window(%v) cut flags %v %v for %v", s.Span, cl, cr, span)
			}
		}
	}
}
