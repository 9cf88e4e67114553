package brief

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"time"
)

// The DOCX is a minimal WordprocessingML package written with archive/zip
// and the standard library only: [Content_Types].xml, the package and
// document relationships, word/document.xml (headings, paragraphs, w:tbl
// tables), word/styles.xml, word/fontTable.xml, word/settings.xml and the
// core and app properties. It opens in Word, LibreOffice and WPS.
//
// Layout: headings and the subheading of a table keep with what follows
// (w:keepNext); a table's header row holds its column titles, repeats on
// every page (w:tblHeader), never splits (w:cantSplit) and keeps with the
// first data row, so a table never starts with a stranded header at the
// foot of a page.
//
// Fonts: Latin text is Calibri; East Asian text asks for Microsoft YaHei
// (Windows, and Office for Mac) with its runs tagged zh-CN and rFonts
// hinted eastAsia, so Chinese punctuation uses the Chinese font too. The
// font table describes it as a GB2312 (charset 86) sans-serif with its
// Chinese name, and lists PingFang SC (macOS), Noto Sans CJK SC (Linux)
// and SimSun as the same kind of font: an application without YaHei
// substitutes a Simplified Chinese sans-serif by that description and the
// zh-CN tag (LibreOffice on Linux asks fontconfig for "Microsoft
// YaHei:lang=zh-cn", which is Noto Sans CJK SC), never a Japanese face.

// docxFontLatin and docxFontEastAsia are the fonts of the document.
const (
	docxFontLatin    = "Calibri"
	docxFontEastAsia = "Microsoft YaHei"
)

// docxFonts are the entries of word/fontTable.xml: name, alternative
// name, PANOSE, charset and family. The East Asian ones cover Windows,
// macOS and Linux.
var docxFonts = []struct{ name, alt, panose, charset, family string }{
	{docxFontLatin, "", "020F0502020204030204", "00", "swiss"},
	{docxFontEastAsia, "微软雅黑", "020B0503020204020204", "86", "swiss"},
	{"PingFang SC", "苹方-简", "020B0400000000000000", "86", "swiss"},
	{"Noto Sans CJK SC", "Source Han Sans SC", "020B0500000000000000", "86", "swiss"},
	{"SimSun", "宋体", "02010600030101010101", "86", "auto"},
}

// docxTime is the timestamp of the zip entries, fixed so that the same
// brief gives the same bytes.
var docxTime = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// DOCX renders the brief as a Word document with the same content as
// [Brief.Markdown]: the status warning in a shaded, bordered paragraph,
// the key figures and targets as real tables, and the appendix. The
// output is deterministic.
func (b *Brief) DOCX() ([]byte, error) {
	return docxPackage(b.docxDocument(), b.heading(), b.Title)
}

// docxPackage zips a document body (word/document.xml) with the parts
// every brief shares; title and subject go to the core properties.
func docxPackage(document, title, subject string) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", docxContentTypes},
		{"_rels/.rels", docxRels},
		{"word/_rels/document.xml.rels", docxDocRels},
		{"word/document.xml", document},
		{"word/styles.xml", docxStyles},
		{"word/fontTable.xml", docxFontTable()},
		{"word/settings.xml", docxSettings},
		{"docProps/core.xml", docxCore(title, subject)},
		{"docProps/app.xml", docxApp},
	}
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: docxTime})
		if err != nil {
			return nil, fmt.Errorf("brief: docx %s: %w", p.name, err)
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			return nil, fmt.Errorf("brief: docx %s: %w", p.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("brief: docx: %w", err)
	}
	return buf.Bytes(), nil
}

// xesc escapes text for XML character data and attribute values, and
// drops characters XML 1.0 does not allow.
func xesc(s string) string {
	var sb strings.Builder
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF {
			return r
		}
		return -1
	}, s)
	_ = xml.EscapeText(&sb, []byte(s)) // a strings.Builder never fails
	return sb.String()
}

// docxWriter builds word/document.xml.
type docxWriter struct{ sb strings.Builder }

// open starts word/document.xml.
func (d *docxWriter) open() {
	d.sb.WriteString(xml.Header)
	d.sb.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>`)
}

// close ends word/document.xml with an A4 page and returns it.
func (d *docxWriter) close() string {
	d.sb.WriteString(`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>`)
	return d.sb.String()
}

// run is a run of text with optional formatting.
type run struct {
	text        string
	bold, super bool
	color       string
}

func (d *docxWriter) runs(rs ...run) {
	for _, r := range rs {
		if r.text == "" {
			continue
		}
		d.sb.WriteString("<w:r>")
		if r.bold || r.super || r.color != "" {
			d.sb.WriteString("<w:rPr>")
			if r.bold {
				d.sb.WriteString("<w:b/><w:bCs/>")
			}
			if r.color != "" {
				d.sb.WriteString(`<w:color w:val="` + r.color + `"/>`)
			}
			if r.super {
				d.sb.WriteString(`<w:vertAlign w:val="superscript"/>`)
			}
			d.sb.WriteString("</w:rPr>")
		}
		d.sb.WriteString(`<w:t xml:space="preserve">` + xesc(r.text) + "</w:t></w:r>")
	}
}

// para writes a paragraph of style (may be "") made of runs.
func (d *docxWriter) para(style string, rs ...run) { d.paraKeep(style, false, rs...) }

// paraKeep writes a paragraph that, when keep is set, stays on the page
// of the next one (w:keepNext), as headings and table captions do.
func (d *docxWriter) paraKeep(style string, keep bool, rs ...run) {
	d.sb.WriteString("<w:p>")
	if style != "" || keep {
		d.sb.WriteString("<w:pPr>")
		if style != "" {
			d.sb.WriteString(`<w:pStyle w:val="` + style + `"/>`)
		}
		if keep {
			d.sb.WriteString("<w:keepNext/>")
		}
		d.sb.WriteString("</w:pPr>")
	}
	d.runs(rs...)
	d.sb.WriteString("</w:p>")
}

// heading writes a heading that keeps with the next paragraph.
func (d *docxWriter) heading(style, text string) { d.paraKeep(style, true, run{text: text}) }

// claim writes a claim as a paragraph: the lead in bold, the text, the
// markers in superscript.
func (d *docxWriter) claim(style string, c Claim) {
	var rs []run
	if style == "Bullet" {
		rs = append(rs, run{text: "•\u00a0"})
	}
	if c.Lead != "" && c.Text != "" {
		rs = append(rs, run{text: c.Lead + "：", bold: true})
	}
	rs = append(rs, run{text: c.Text}, run{text: Cite(c.Cites), super: true, color: "1F4E79"})
	d.para(style, rs...)
}

// cell is a table cell: its text and an optional colour.
type cell struct{ text, color string }

func cells(texts ...string) []cell {
	out := make([]cell, len(texts))
	for i, t := range texts {
		out[i] = cell{text: t}
	}
	return out
}

// table writes a bordered table. Its header row holds the column titles,
// is shaded, repeats on every page, does not split and keeps with the
// first data row; no row splits across pages.
func (d *docxWriter) table(header []string, rows [][]cell, widths []int) {
	d.sb.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="BriefTable"/><w:tblW w:w="5000" w:type="pct"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		fmt.Fprintf(&d.sb, `<w:gridCol w:w="%d"/>`, w)
	}
	d.sb.WriteString("</w:tblGrid>")
	row := func(cs []cell, head bool) {
		d.sb.WriteString("<w:tr><w:trPr><w:cantSplit/>")
		if head {
			d.sb.WriteString("<w:tblHeader/>")
		}
		d.sb.WriteString("</w:trPr>")
		for i, c := range cs {
			fmt.Fprintf(&d.sb, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, widths[i])
			if head {
				d.sb.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="E8EEF5"/>`)
			}
			d.sb.WriteString("</w:tcPr>")
			d.paraKeep("TableText", head, run{text: c.text, bold: head, color: c.color})
			d.sb.WriteString("</w:tc>")
		}
		d.sb.WriteString("</w:tr>")
	}
	row(cells(header...), true)
	for _, r := range rows {
		row(r, false)
	}
	d.sb.WriteString("</w:tbl>")
	d.para("AfterTable") // Word wants a paragraph between tables and what follows.
}

// outcomeColor is the text colour of an outcome in the DOCX tables.
func outcomeColor(o Outcome) string {
	switch o {
	case OutcomeGood:
		return "2E7D32"
	case OutcomeBad:
		return "B42318"
	case OutcomeNeutral:
		return "5B6B80"
	}
	return ""
}

func (b *Brief) docxDocument() string {
	var d docxWriter
	d.open()
	d.para("Title", run{text: b.heading()})
	if b.Source != "" {
		d.para("Meta", run{text: "来源：", bold: true}, run{text: b.Source})
	}
	if b.Date != "" {
		d.para("Meta", run{text: "日期：", bold: true}, run{text: b.Date})
	}
	d.para("Meta", run{text: "主题：", bold: true}, run{text: b.topicLine()})
	if len(b.Sections) > 0 && b.Topic != "" {
		labels := make([]string, len(b.Sections))
		for i, s := range b.Sections {
			labels[i] = s.Label
		}
		d.para("Meta", run{text: "章节：", bold: true}, run{text: strings.Join(labels, "；")})
	}
	if b.Status != "" {
		d.para("Warning", run{text: "⚠ 文件状态：" + b.Status, bold: true})
		d.para("Warning", run{text: b.Warning})
	}
	for _, n := range b.Notes {
		d.para("Note", run{text: "注：" + n})
	}
	if b.Covered {
		if len(b.Summary) > 0 {
			d.heading("Heading1", "摘要")
			for _, c := range b.Summary {
				d.claim("", c)
			}
		}
		if len(b.KeyFigures) > 0 || len(b.Changes) > 0 {
			d.heading("Heading1", "关键数据")
		}
		if len(b.KeyFigures) > 0 {
			rows := make([][]cell, len(b.KeyFigures))
			for i, r := range b.KeyFigures {
				rows[i] = []cell{{text: r.Metric}, {text: orDash(r.Value)}, {text: orDash(withOutcome(r.Change, r.Outcome)), color: outcomeColor(r.Outcome)}, {text: r.KindLabel}, {text: Cite(r.Cites)}}
				if !b.hasChanges() {
					rows[i] = slices.Delete(rows[i], 2, 3)
				}
			}
			if b.hasChanges() {
				d.table([]string{"指标", "数值", "变化", "类型", "出处"}, rows, []int{3300, 1600, 1900, 1500, 1300})
			} else {
				d.table([]string{"指标", "数值", "类型", "出处"}, rows, []int{4800, 1900, 1600, 1300})
			}
		}
		if extra := b.otherChanges(); len(extra) > 0 {
			d.heading("Heading3", b.otherChangesHeading())
			d.paraKeep("Caption", true, run{text: changesLegend})
			rows := make([][]cell, len(extra))
			for i, c := range extra {
				col := outcomeColor(c.Outcome)
				rows[i] = []cell{{text: c.Metric}, {text: arrow(c.Direction) + c.Raw, color: col}, {text: orDash(c.Outcome.Label()), color: col}, {text: Cite(c.Cites)}}
			}
			d.table([]string{"指标", "变化", "解读", "出处"}, rows, []int{4800, 1900, 1600, 1300})
		}
		if len(b.Targets) > 0 {
			d.heading("Heading1", "目标任务")
			rows := make([][]cell, len(b.Targets))
			for i, r := range b.Targets {
				rows[i] = cells(r.Metric, r.Target, orDash(r.Baseline), Cite(r.Cites))
			}
			d.table([]string{"指标", b.TargetHeader(), b.BaselineHeader(), "出处"}, rows, []int{4400, 1900, 1900, 1400})
		}
		if len(b.Points) > 0 {
			d.heading("Heading1", "分节要点")
			for _, g := range b.Points {
				d.heading("Heading2", g.Label)
				for _, c := range g.Points {
					d.claim("Bullet", c)
				}
			}
		}
		if len(b.Risks) > 0 {
			d.heading("Heading1", "风险与不足")
			for _, c := range b.Risks {
				d.claim("Bullet", c)
			}
		}
		if len(b.Passages) > 0 {
			d.heading("Heading1", "引文")
			for _, p := range b.Passages {
				d.paraKeep("PassageLabel", true, run{text: Cite([]int{p.N}) + " " + p.Label + " ", bold: true}, run{text: spanText(p), color: "59636E"})
				d.para("Passage", run{text: p.Text})
			}
		}
	}
	return d.close()
}

func docxCore(title, subject string) string {
	return xml.Header + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + xesc(title) + `</dc:title><dc:subject>` + xesc(subject) + `</dc:subject><dc:creator>reportbot</dc:creator><dc:language>zh-CN</dc:language>` +
		`</cp:coreProperties>`
}

const docxContentTypes = xml.Header + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const docxRels = xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const docxDocRels = xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
	`</Relationships>`

const docxApp = xml.Header + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>reportbot</Application></Properties>`

// docxFontTable describes the fonts of [docxFonts].
func docxFontTable() string {
	var sb strings.Builder
	sb.WriteString(xml.Header + `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">`)
	for _, f := range docxFonts {
		sb.WriteString(`<w:font w:name="` + xesc(f.name) + `">`)
		if f.alt != "" {
			sb.WriteString(`<w:altName w:val="` + xesc(f.alt) + `"/>`)
		}
		sb.WriteString(`<w:panose1 w:val="` + f.panose + `"/><w:charset w:val="` + f.charset + `"/><w:family w:val="` + f.family + `"/><w:pitch w:val="variable"/></w:font>`)
	}
	sb.WriteString(`</w:fonts>`)
	return sb.String()
}

// docxSettings tells Word the document's East Asian language is
// Simplified Chinese (for theme fonts and line breaking) and to use
// Chinese punctuation compression.
const docxSettings = xml.Header + `<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/>` +
	`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
	`<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>` +
	`</w:settings>`

// docxStyles defines the document defaults (Latin and East Asian fonts,
// zh-CN) and the styles the document uses.
const docxStyles = xml.Header + `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="` + docxFontLatin + `" w:hAnsi="` + docxFontLatin + `" w:eastAsia="` + docxFontEastAsia + `" w:cs="` + docxFontLatin + `" w:hint="eastAsia"/><w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:after="80" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="160"/></w:pPr><w:rPr><w:b/><w:color w:val="1F4E79"/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:pBdr><w:bottom w:val="single" w:sz="8" w:space="2" w:color="1F4E79"/></w:pBdr><w:spacing w:before="320" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:color w:val="1F4E79"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="200" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="160" w:after="40"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:color w:val="1F4E79"/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:after="60"/></w:pPr><w:rPr><w:color w:val="59636E"/><w:sz w:val="17"/><w:szCs w:val="17"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="AfterTable"><w:name w:val="Brief After Table"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0" w:line="120" w:lineRule="exact"/></w:pPr><w:rPr><w:sz w:val="8"/><w:szCs w:val="8"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Meta"><w:name w:val="Brief Meta"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:color w:val="59636E"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Warning"><w:name w:val="Brief Warning"/><w:basedOn w:val="Normal"/><w:pPr><w:pBdr><w:top w:val="single" w:sz="12" w:space="4" w:color="B42318"/><w:left w:val="single" w:sz="12" w:space="4" w:color="B42318"/><w:bottom w:val="single" w:sz="12" w:space="4" w:color="B42318"/><w:right w:val="single" w:sz="12" w:space="4" w:color="B42318"/></w:pBdr><w:shd w:val="clear" w:color="auto" w:fill="FEF3F2"/><w:spacing w:before="0" w:after="0"/></w:pPr><w:rPr><w:color w:val="7A271A"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Note"><w:name w:val="Brief Note"/><w:basedOn w:val="Normal"/><w:pPr><w:pBdr><w:left w:val="single" w:sz="24" w:space="6" w:color="D4A72C"/></w:pBdr><w:shd w:val="clear" w:color="auto" w:fill="FFF8C5"/><w:spacing w:before="120"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Bullet"><w:name w:val="Brief Bullet"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="360" w:hanging="240"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Brief Table Text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="PassageLabel"><w:name w:val="Brief Passage Label"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="0"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Passage"><w:name w:val="Brief Passage"/><w:basedOn w:val="Normal"/><w:pPr><w:keepLines/><w:pBdr><w:left w:val="single" w:sz="12" w:space="6" w:color="D0D7DE"/></w:pBdr><w:shd w:val="clear" w:color="auto" w:fill="F6F8FA"/><w:ind w:left="284"/></w:pPr><w:rPr><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr></w:style>` +
	`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
	`<w:style w:type="table" w:styleId="BriefTable"><w:name w:val="Brief Table"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="D0D7DE"/><w:left w:val="single" w:sz="4" w:space="0" w:color="D0D7DE"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="D0D7DE"/><w:right w:val="single" w:sz="4" w:space="0" w:color="D0D7DE"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="D0D7DE"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="D0D7DE"/></w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="100" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
	`</w:styles>`
