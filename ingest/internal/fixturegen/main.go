// Command fixturegen writes the test fixtures of package ingest from the
// UTF-8 seed report: the same text as GBK, UTF-16LE and UTF-8 with BOM, as a
// saved GBK web page with navigation around it, as a .docx written here with
// archive/zip, and as a .pdf that LibreOffice makes from that .docx.
//
// Run it from the ingest directory with go generate. The PDF needs
// LibreOffice and a CJK font (apt-get install -y libreoffice-writer-nogui
// fonts-noto-cjk); without soffice on PATH the PDFs already in testdata are
// kept and a note is printed. The tests themselves never need LibreOffice.
package main

import (
	"archive/zip"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func main() {
	seed := flag.String("seed", "../report/testdata/000_006ff7903b525843.txt", "the UTF-8 seed report")
	out := flag.String("out", "testdata", "output directory")
	only := flag.String("only", "", "comma-separated fixture sets to write (seed, short, spaced); all when empty")
	flag.Parse()
	if err := run(*seed, *out, *only); err != nil {
		fmt.Fprintln(os.Stderr, "fixturegen:", err)
		os.Exit(1)
	}
}

// shortLines is how many lines of the seed go into the short fixtures, which
// keep fuzzing and the example fast.
const shortLines = 11

func run(seedPath, out, only string) error {
	want := func(set string) bool {
		return only == "" || slices.Contains(strings.Split(only, ","), set)
	}
	text, err := os.ReadFile(seedPath)
	if err != nil {
		return err
	}
	if !utf8.Valid(text) {
		return errors.New("seed is not UTF-8")
	}
	lines := strings.Split(string(text), "\n")
	short := strings.Join(lines[:shortLines], "\n") + "\n"

	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(text)
	if err != nil {
		return fmt.Errorf("encode GBK: %w", err)
	}
	page, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(webPage(lines)))
	if err != nil {
		return fmt.Errorf("encode page as GBK: %w", err)
	}
	files := map[string][]byte{
		"seed.txt":         text,
		"seed.utf8bom.txt": append([]byte("\ufeff"), text...),
		"seed.utf16le.txt": utf16LE(string(text)),
		"seed.gbk.txt":     gbk,
		"seed.html":        page,
		"short.txt":        []byte(short),
	}
	for name, b := range files {
		if !want(strings.SplitN(name, ".", 2)[0]) {
			continue
		}
		if err := os.WriteFile(filepath.Join(out, name), b, 0o644); err != nil {
			return err
		}
	}
	if want("spaced") {
		if err := os.WriteFile(filepath.Join(out, "spaced.txt"), []byte(spaced), 0o644); err != nil {
			return err
		}
	}
	for name, src := range map[string]string{"seed": string(text), "short": short, "spaced": indent(spaced)} {
		if !want(name) {
			continue
		}
		b, err := docx(strings.Split(src, "\n"), name != "spaced")
		if err != nil {
			return err
		}
		path := filepath.Join(out, name+".docx")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			return err
		}
		if err := toPDF(path, out); err != nil {
			return err
		}
	}
	return nil
}

// spaced is a text whose PDF wraps English words and numbers written with
// spaces (28.1 万人), to check how lines are joined.
const spaced = `The quick brown fox jumps over the lazy dog while the report says that the industrial output grew by 5.2 percent and investment reached 93.86 billion yuan, which is a remarkable achievement for the subdistrict.
全年规上工业总产值 494.91 亿元，同比增长 1.72%，规上工业增加值增速 6.8%，全社会固定资产投资 93.86 亿元，同比增长 8.53%，社会消费品零售总额 90.2 亿元，同比增长 1.8%，新增就业 28.1 万人。
`

// indent gives every line the seed's two-space indent, which the .docx
// turns into a first-line indent.
func indent(s string) string {
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = "  " + l
	}
	return strings.Join(lines, "\n")
}

func utf16LE(s string) []byte {
	b := []byte{0xff, 0xfe}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// toPDF converts the .docx at path with LibreOffice into out, or keeps the
// PDF that is there when soffice is missing.
func toPDF(path, out string) error {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		fmt.Fprintf(os.Stderr, "fixturegen: soffice not found; kept %s\n", strings.TrimSuffix(path, ".docx")+".pdf")
		return nil
	}
	tmp, err := os.MkdirTemp("", "fixturegen")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(tmp, "profile"),
		"--headless", "--convert-to", "pdf", "--outdir", tmp, path)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("soffice: %w", err)
	}
	name := strings.TrimSuffix(filepath.Base(path), ".docx") + ".pdf"
	b, err := os.ReadFile(filepath.Join(tmp, name))
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, name), b, 0o644)
}

// webPage renders the seed as a government web page: a header with a
// navigation bar, a breadcrumb list, a sidebar of links, the article, a list
// of related links, a footer and scripts. Long paragraphs are wrapped in the
// source between Chinese characters, as some CMSs do.
func webPage(lines []string) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>` + html.EscapeString(lines[0]) + `_深圳市龙华区人民政府门户网站</title>
<style type="text/css">body{font-size:14px} .nav li{float:left} p{text-indent:2em}</style>
<script type="text/javascript">var _title = "龙华政府在线 2024年工作报告"; document.write("<p>不应出现</p>");</script>
</head>
<body>
<div class="top">
  <div class="logo"><img src="logo.png" alt="深圳市龙华区人民政府门户网站" /></div>
  <ul class="nav">
    <li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/bsfw/">办事服务</a></li>
    <li><a href="/hdjl/">互动交流</a></li><li><a href="/zjlh/">走进龙华</a></li><li><a href="/ztzl/">专题专栏</a></li>
  </ul>
</div>
<div class="container">
  <div class="position">当前位置：<ul class="crumbs"><li><a href="/">首页</a> &gt; </li><li><a href="/zwgk/">政务公开</a> &gt; </li><li><a href="/zwgk/ghjh/">规划计划</a> &gt; </li><li><a href="/zwgk/ghjh/gzbg/">工作报告</a></li></ul></div>
  <div class="side">
    <h3>栏目导航</h3>
    <ul><li><a href="/a">政府工作报告</a></li><li><a href="/b">部门工作计划</a></li><li><a href="/c">街道工作报告</a></li><li><a href="/d">专项规划</a></li></ul>
  </div>
  <div class="article">
`)
	fmt.Fprintf(&b, "    <h1 class=\"title\">%s</h1>\n", html.EscapeString(lines[0]))
	rest := lines[1:]
	for len(rest) > 0 && strings.TrimSpace(rest[0]) == "" {
		rest = rest[1:]
	}
	// The source/date line carries the font-size links, as on the real page.
	info, _, _ := strings.Cut(rest[0], "【")
	fmt.Fprintf(&b, "    <div class=\"info\">%s【字体：<a href=\"javascript:doZoom(16)\">大</a> <a href=\"javascript:doZoom(14)\">中</a> <a href=\"javascript:doZoom(12)\">小</a>】</div>\n", html.EscapeString(info))
	b.WriteString("    <div class=\"TRS_Editor\" id=\"zoom\">\n")
	for _, l := range rest[1:] {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		fmt.Fprintf(&b, "      <p>&nbsp;&nbsp;%s</p>\n", wrapCJK(html.EscapeString(l), 60))
	}
	b.WriteString(`    </div>
    <div class="pages"><a href="/prev.html">上一篇：2023年观湖街道工作计划</a> <a href="/next.html">下一篇：观湖街道2024年民生实事</a></div>
    <div class="related"><h4>相关链接</h4>
      <ul><li><a href="/r1">2023年观湖街道党工委工作报告</a></li><li><a href="/r2">2022年观湖街道党工委工作报告</a></li><li><a href="/r3">龙华区2024年政府工作报告</a></li></ul>
    </div>
  </div>
</div>
<div class="footer">
  <p><a href="/about">关于我们</a> | <a href="/map">网站地图</a> | <a href="/contact">联系我们</a></p>
  <p>主办：深圳市龙华区人民政府办公室 版权所有 网站标识码 4403090001</p>
</div>
<script type="text/javascript">function doZoom(size){document.getElementById('zoom').style.fontSize=size+'px';}</script>
</body>
</html>
`)
	return b.String()
}

// wrapCJK breaks s into source lines of about width runes, only between two
// Han characters, so that a browser would join them without a space.
func wrapCJK(s string, width int) string {
	rs := []rune(s)
	var b strings.Builder
	n := 0
	for i, r := range rs {
		b.WriteRune(r)
		n++
		if n >= width && i+1 < len(rs) && isHan(r) && isHan(rs[i+1]) {
			b.WriteString("\n        ")
			n = 0
		}
	}
	return b.String()
}

func isHan(r rune) bool { return r >= 0x4e00 && r <= 0x9fff }

// docx builds a Word document of the lines, laid out like the original: a
// centred bold title and header lines, then paragraphs with a first-line
// indent of two characters (the seed indents with two spaces), headings in
// bold. Runs are split the way Word splits them (digits in runs of their
// own, proofing marks, bookmarks), and, when furniture is set, every page
// has a header with the title and a footer with the page number.
func docx(lines []string, furniture bool) ([]byte, error) {
	var body strings.Builder
	title := ""
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if title == "" {
			title = l
		}
		indented := strings.HasPrefix(l, " ")
		t := strings.TrimLeft(l, " ")
		heading := i == 0 || isHeading(t)
		body.WriteString("<w:p><w:pPr>")
		switch {
		case !indented:
			body.WriteString(`<w:jc w:val="center"/>`)
		default:
			body.WriteString(`<w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/>`)
		}
		body.WriteString("</w:pPr>")
		if i == 0 {
			body.WriteString(`<w:bookmarkStart w:id="0" w:name="_Toc1"/>`)
		}
		for _, run := range splitRuns(t) {
			body.WriteString("<w:r>")
			var rpr string
			if heading {
				rpr += "<w:b/>"
			}
			if run.ascii {
				rpr += `<w:rFonts w:ascii="Liberation Serif" w:hAnsi="Liberation Serif"/>`
			}
			if i == 0 {
				rpr += `<w:sz w:val="36"/>`
			}
			if rpr != "" {
				body.WriteString("<w:rPr>" + rpr + "</w:rPr>")
			}
			fmt.Fprintf(&body, `<w:t xml:space="preserve">%s</w:t></w:r>`, xmlEscape(run.text))
			if run.proof {
				body.WriteString(`<w:proofErr w:type="spellStart"/>`)
			}
		}
		if i == 0 {
			body.WriteString(`<w:bookmarkEnd w:id="0"/>`)
		}
		body.WriteString("</w:p>\n")
	}

	tail := documentTail
	if !furniture {
		tail = strings.Replace(tail, sectionFurniture, "", 1)
	}
	files := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", rootRels},
		{"docProps/app.xml", appXML},
		{"word/_rels/document.xml.rels", documentRels},
		{"word/styles.xml", stylesXML},
		{"word/header1.xml", fmt.Sprintf(headerXML, xmlEscape(title))},
		{"word/footer1.xml", footerXML},
		{"word/document.xml", documentHead + body.String() + tail},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{
			Name:     f.name,
			Method:   zip.Deflate,
			Modified: time.Date(2024, 2, 2, 9, 0, 0, 0, time.UTC),
		})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(f.body)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func isHeading(t string) bool {
	for _, p := range []string{"一、", "二、", "三、", "四、", "(", "（"} {
		if strings.HasPrefix(t, p) {
			return utf8.RuneCountInString(t) < 40
		}
	}
	return false
}

type textRun struct {
	text         string
	ascii, proof bool
}

// splitRuns cuts a paragraph into runs: ASCII stretches (digits, %, .) in
// runs of their own, and Chinese text in runs of at most 50 characters,
// the way Word leaves a document after editing.
func splitRuns(s string) []textRun {
	var out []textRun
	var cur []rune
	ascii := false
	flush := func() {
		if len(cur) > 0 {
			out = append(out, textRun{text: string(cur), ascii: ascii, proof: len(out)%5 == 3})
			cur = cur[:0]
		}
	}
	for _, r := range s {
		a := r < utf8.RuneSelf
		if len(cur) > 0 && (a != ascii || len(cur) >= 50) {
			flush()
		}
		ascii = a
		cur = append(cur, r)
	}
	flush()
	return out
}

func xmlEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`

const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`

const appXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>reportbot fixturegen</Application></Properties>`

const documentRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>`

const stylesXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Liberation Serif" w:eastAsia="Noto Serif CJK SC" w:hAnsi="Liberation Serif" w:cs="Liberation Serif"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="560" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>`

const headerXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t>%s</w:t></w:r></w:p></w:hdr>`

const footerXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve">— </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>`

const documentHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>
`

const sectionFurniture = `<w:headerReference w:type="default" r:id="rId2"/><w:footerReference w:type="default" r:id="rId3"/>`

const documentTail = `<w:sectPr>` + sectionFurniture + `<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>`
