package brief

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/reportbot/reportbot/report"
)

var (
	corpusOnce sync.Once
	corpusDocs map[string]*report.Report
	corpusErr  error
)

// corpus returns the parsed 2026 provincial reports of
// testdata/corpus/2026, by file name, parsed once per test binary.
func corpus(tb testing.TB) map[string]*report.Report {
	tb.Helper()
	corpusOnce.Do(func() {
		paths, err := filepath.Glob("../testdata/corpus/2026/*.txt")
		if err != nil || len(paths) == 0 {
			corpusErr = err
			return
		}
		corpusDocs = map[string]*report.Report{}
		for _, p := range paths {
			raw, err := os.ReadFile(p)
			if err != nil {
				corpusErr = err
				return
			}
			doc, err := report.ParseString(string(raw))
			if err != nil {
				corpusErr = err
				return
			}
			corpusDocs[filepath.Base(p)] = doc
		}
	})
	if corpusErr != nil {
		tb.Fatalf("parse corpus: %v", corpusErr)
	}
	if len(corpusDocs) == 0 {
		tb.Skip("no corpus reports in ../testdata/corpus/2026")
	}
	return corpusDocs
}

// corpusTopics are the topics each corpus report is briefed on.
var corpusTopics = []string{"", "交通", "民生", "environment"}

// TestEveryPassageReferenced checks, for the seed and every corpus report
// on several topics, that the passages are numbered in the order the body
// first cites them and that every passage listed in the appendix has a
// marker in the body of the Markdown, the HTML and the DOCX.
func TestEveryPassageReferenced(t *testing.T) {
	docs := map[string]*report.Report{"seed": seed(t)}
	for name, doc := range corpus(t) {
		docs[name] = doc
	}
	names := make([]string, 0, len(docs))
	for n := range docs {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, name := range names {
		doc := docs[name]
		topics := corpusTopics
		if name == "seed" {
			topics = nil
			for _, tc := range topicCases {
				topics = append(topics, tc.topic)
			}
		}
		for _, topic := range topics {
			t.Run(name+"/"+topicName(topic), func(t *testing.T) {
				t.Parallel()
				b := build(t, doc, Options{Topic: topic})
				checkPassages(t, doc, b)
				checkFirstCiteOrder(t, b)
				for format, body := range renderedBodies(t, b) {
					for _, p := range b.Passages {
						if !strings.Contains(body, Cite([]int{p.N})) {
							t.Errorf("%s body never cites passage [%d] %q", format, p.N, p.Text)
						}
					}
				}
				checkMarkdown(t, doc, b, b.Markdown())
				checkHTML(t, doc, b, b.HTML())
			})
		}
	}
}

func topicName(topic string) string {
	if topic == "" {
		return "whole"
	}
	return topic
}

// checkFirstCiteOrder checks that [Brief.citeLists], in reading order,
// first cites 1, then 2, and so on.
func checkFirstCiteOrder(t *testing.T, b *Brief) {
	t.Helper()
	next := 1
	for _, l := range b.citeLists() {
		for _, n := range *l {
			if n > next {
				t.Errorf("the body first cites [%d] where [%d] was due", n, next)
				return
			}
			if n == next {
				next++
			}
		}
	}
	if next != len(b.Passages)+1 {
		t.Errorf("the body cites %d passages, the appendix lists %d", next-1, len(b.Passages))
	}
}

// renderedBodies returns the text of each format before its appendix: the
// Markdown and HTML up to their 引文 heading, and the DOCX's text runs up
// to its 引文 heading.
func renderedBodies(t *testing.T, b *Brief) map[string]string {
	t.Helper()
	cut := func(s, marker string) string {
		if i := strings.Index(s, marker); i >= 0 {
			return s[:i]
		}
		return s
	}
	data, err := b.DOCX()
	if err != nil {
		t.Fatalf("DOCX() error: %v", err)
	}
	return map[string]string{
		"markdown": cut(string(b.Markdown()), "\n## 引文\n"),
		"html":     cut(string(b.HTML()), "<h2>引文</h2>"),
		"docx":     cut(docxText(t, data), "\n引文\n"),
	}
}

// docxText returns the text of word/document.xml, a line per paragraph.
func docxText(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("DOCX is not a zip: %v", err)
	}
	for _, f := range zr.File {
		if f.Name != "word/document.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		var sb strings.Builder
		dec := xml.NewDecoder(rc)
		inT := false
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("word/document.xml: %v", err)
			}
			switch tk := tok.(type) {
			case xml.StartElement:
				inT = tk.Name.Local == "t"
			case xml.EndElement:
				inT = false
				if tk.Name.Local == "p" {
					sb.WriteByte('\n')
				}
			case xml.CharData:
				if inT {
					sb.Write(tk)
				}
			}
		}
		return sb.String()
	}
	t.Fatal("DOCX has no word/document.xml")
	return ""
}
