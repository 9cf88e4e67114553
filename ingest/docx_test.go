package ingest

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDOCX(t *testing.T) {
	body := `<w:p><w:r><w:t>一、</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>2023年</w:t></w:r><w:proofErr/><w:r><w:t>工作总结</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>标题</w:t><w:tab/><w:t>正文</w:t><w:br/><w:t>换行后</w:t></w:r></w:p>` +
		`<w:p><w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del><w:ins><w:r><w:t>插入的</w:t></w:r></w:ins></w:p>` +
		`<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t>7</w:t></w:r></w:p>` +
		`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>5.2%</w:t></w:r></w:p><w:p><w:r><w:t>同比</w:t></w:r></w:p></w:tc></w:tr></w:tbl>` +
		`<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></mc:Choice>` +
		`<mc:Fallback><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>外面</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t xml:space="preserve">  </w:t></w:r></w:p>`
	doc, err := Read(t.Context(), bytes.NewReader(buildDOCX(t, body)), "r.docx")
	if err != nil {
		t.Fatal(err)
	}
	want := "一、2023年工作总结\n标题\t正文\n换行后\n插入的\n7\n指标\n5.2%\n同比\n文本框\n外面\n"
	if doc.Text != want || doc.Format != DOCX || doc.Encoding != "" {
		t.Errorf("Read(r.docx) = format %q, encoding %q, text:\n%s", doc.Format, doc.Encoding, cmp.Diff(want, doc.Text))
	}
}

// TestDOCXMainPart follows the package relationship to a main part that is
// not word/document.xml.
func TestDOCXMainPart(t *testing.T) {
	data := buildZip(t, map[string]string{
		"_rels/.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>`,
		"word/document2.xml": `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>`,
	})
	doc, err := Read(t.Context(), bytes.NewReader(data), "r.docx")
	if err != nil || doc.Text != "正文\n" {
		t.Fatalf("Read(r.docx) = %v, %v; want 正文", doc, err)
	}
}
