package brief

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"slices"
	"strings"
	"testing"
)

// wordDoc is the part of word/document.xml the layout checks read.
type wordDoc struct {
	Body struct {
		Items []wordItem `xml:",any"`
	} `xml:"body"`
}

type wordItem struct {
	XMLName xml.Name
	PPr     *wordPPr  `xml:"pPr"`
	Runs    []wordRun `xml:"r"`
	Rows    []wordRow `xml:"tr"`
}

type wordPPr struct {
	Style *struct {
		Val string `xml:"val,attr"`
	} `xml:"pStyle"`
	KeepNext *struct{} `xml:"keepNext"`
}

type wordRun struct {
	Text string `xml:"t"`
}

type wordRow struct {
	TrPr *struct {
		CantSplit *struct{} `xml:"cantSplit"`
		TblHeader *struct{} `xml:"tblHeader"`
	} `xml:"trPr"`
	Cells []struct {
		Paras []wordItem `xml:"p"`
	} `xml:"tc"`
}

func (it wordItem) style() string {
	if it.PPr == nil || it.PPr.Style == nil {
		return ""
	}
	return it.PPr.Style.Val
}

func (it wordItem) keepNext() bool { return it.PPr != nil && it.PPr.KeepNext != nil }

func (it wordItem) text() string {
	var sb strings.Builder
	for _, r := range it.Runs {
		sb.WriteString(r.Text)
	}
	return sb.String()
}

// docxParts unzips a DOCX into its parts.
func docxParts(t *testing.T, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("DOCX is not a zip: %v", err)
	}
	parts := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = string(body)
	}
	return parts
}

// TestDOCXLayout checks the page layout rules of the DOCX on the seed's
// briefs and a comparison: headings keep with the next paragraph; every
// table's first row is its header, holds the column titles, repeats on
// each page, does not split and keeps with the next row; no other row is
// a header; no row splits.
func TestDOCXLayout(t *testing.T) {
	doc := seed(t)
	docs := map[string]func() ([]byte, error){}
	for _, topic := range []string{"", "交通", "经济"} {
		b := build(t, doc, Options{Topic: topic})
		docs["brief "+topicName(topic)] = b.DOCX
	}
	c, err := BuildCompare("2025年地区生产总值增速", loadGold(t, "../testdata/gold/compare/gdp-growth-2025.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	docs["compare"] = c.DOCX
	for name, render := range docs {
		t.Run(name, func(t *testing.T) {
			data, err := render()
			if err != nil {
				t.Fatalf("DOCX() error: %v", err)
			}
			var d wordDoc
			if err := xml.Unmarshal([]byte(docxParts(t, data)["word/document.xml"]), &d); err != nil {
				t.Fatalf("word/document.xml: %v", err)
			}
			tables := 0
			for i, it := range d.Body.Items {
				switch {
				case it.XMLName.Local == "p" && strings.HasPrefix(it.style(), "Heading"):
					if !it.keepNext() {
						t.Errorf("heading %q (%s) has no keepNext", it.text(), it.style())
					}
					if i+1 == len(d.Body.Items) {
						t.Errorf("heading %q ends the document", it.text())
					}
				case it.XMLName.Local == "tbl":
					tables++
					checkTable(t, it)
				}
			}
			if tables == 0 {
				t.Errorf("DOCX has no table")
			}
		})
	}
}

func checkTable(t *testing.T, tbl wordItem) {
	t.Helper()
	if len(tbl.Rows) < 2 {
		t.Errorf("table has %d rows, want a header and data", len(tbl.Rows))
		return
	}
	for i, r := range tbl.Rows {
		head := r.TrPr != nil && r.TrPr.TblHeader != nil
		if head != (i == 0) {
			t.Errorf("row %d: tblHeader %v, want it on the first row only", i, head)
		}
		if r.TrPr == nil || r.TrPr.CantSplit == nil {
			t.Errorf("row %d may split across pages (no cantSplit)", i)
		}
		for j, c := range r.Cells {
			for _, p := range c.Paras {
				if i == 0 && (p.text() == "" || !p.keepNext()) {
					t.Errorf("header cell %d = %q keepNext %v; want its title, kept with the next row", j, p.text(), p.keepNext())
				}
			}
		}
	}
	var titles []string
	for _, c := range tbl.Rows[0].Cells {
		for _, p := range c.Paras {
			titles = append(titles, p.text())
		}
	}
	if !slices.Contains(titles, "出处") {
		t.Errorf("header row %q lacks the 出处 column", titles)
	}
}

// TestDOCXFonts checks the East Asian font setup: Microsoft YaHei for
// East Asian text, hinted and tagged zh-CN; a font table describing it
// and PingFang SC, Noto Sans CJK SC and SimSun as GB2312 fonts; the
// settings' theme language; and that every part is declared and linked.
func TestDOCXFonts(t *testing.T) {
	data, err := build(t, seed(t), Options{Topic: "交通"}).DOCX()
	if err != nil {
		t.Fatal(err)
	}
	parts := docxParts(t, data)
	for part, wants := range map[string][]string{
		"word/styles.xml": {`w:eastAsia="Microsoft YaHei"`, `w:hint="eastAsia"`, `w:eastAsia="zh-CN"`},
		"word/fontTable.xml": {`<w:font w:name="Microsoft YaHei"><w:altName w:val="微软雅黑"/>`, `<w:font w:name="PingFang SC">`,
			`<w:font w:name="Noto Sans CJK SC">`, `<w:font w:name="SimSun">`, `<w:charset w:val="86"/>`},
		"word/settings.xml":            {`<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>`},
		"[Content_Types].xml":          {`/word/fontTable.xml`, `/word/settings.xml`, `/word/styles.xml`},
		"word/_rels/document.xml.rels": {`Target="fontTable.xml"`, `Target="settings.xml"`, `Target="styles.xml"`},
	} {
		for _, w := range wants {
			if !strings.Contains(parts[part], w) {
				t.Errorf("%s lacks %s", part, w)
			}
		}
	}
	if n := strings.Count(parts["word/fontTable.xml"], `<w:charset w:val="86"/>`); n != 4 {
		t.Errorf("font table has %d GB2312 fonts, want 4", n)
	}
}
