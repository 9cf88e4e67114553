package ingest

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestHTML(t *testing.T) {
	tests := []struct {
		name     string
		page     []byte
		want     string
		encoding string
	}{
		{
			name: "main content among navigation",
			page: []byte(`<!DOCTYPE html><html><head><title>t</title><style>p{}</style></head><body>
<header><a href="/">首页</a></header>
<nav><ul><li><a href="/a">政务公开</a></li><li><a href="/b">办事服务</a></li></ul></nav>
<div class="crumb"><a href="/">首页</a> &gt; <a href="/x">工作报告</a></div>
<div id="content"><h1>2024年政府工作报告</h1>
<p>　　一、2023年工作回顾</p>
<p>&nbsp;&nbsp;全年地区生产总值增长5.2%，
规上工业增加值增长6.8%。</p>
<p>二、2024年工作安排<br>（一）聚焦产业升级</p>
<script>document.write("脚本文字")</script>
</div>
<div class="related"><a href="/1">2023年报告</a><a href="/2">2022年报告</a></div>
<footer><p>版权所有</p></footer>
</body></html>`),
			want:     "2024年政府工作报告\n一、2023年工作回顾\n全年地区生产总值增长5.2%，规上工业增加值增长6.8%。\n二、2024年工作安排\n（一）聚焦产业升级\n",
			encoding: "UTF-8",
		},
		{
			name: "article header kept, tables and pre",
			page: []byte(`<html><body><article><header><h1>标题</h1></header>
<table><tr><td>指标</td><td>数值</td></tr><tr><td>GDP</td><td>5.2%</td></tr></table>
<pre>第一行
  第二行</pre><p>Latin words
wrap with a space.</p></article></body></html>`),
			want:     "标题\n指标\n数值\nGDP\n5.2%\n第一行\n第二行\nLatin words wrap with a space.\n",
			encoding: "UTF-8",
		},
		{
			name:     "declared GBK",
			page:     append([]byte(`<html><head><meta charset="gbk"></head><body><p>`), append(gbk(t, "一、工作回顾"), []byte(`</p></body></html>`)...)...),
			want:     "一、工作回顾\n",
			encoding: "GBK",
		},
		{
			name:     "declared gb2312 but UTF-8",
			page:     []byte(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><p>一、工作回顾</p></body></html>`),
			want:     "一、工作回顾\n",
			encoding: "UTF-8",
		},
		{
			name:     "undeclared GBK",
			page:     append([]byte(`<html><body><p>`), append(gbk(t, "二、工作安排"), []byte(`</p></body></html>`)...)...),
			want:     "二、工作安排\n",
			encoding: "GB18030",
		},
		{
			name:     "hidden and role=navigation dropped",
			page:     []byte(`<html><body><div role="navigation">菜单</div><div style="display: none">隐藏</div><div hidden>也隐藏</div><p>正文。</p></body></html>`),
			want:     "正文。\n",
			encoding: "UTF-8",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(t.Context(), bytes.NewReader(tt.page), "page.html")
			if err != nil {
				t.Fatalf("Read(%s): %v", tt.name, err)
			}
			if doc.Text != tt.want || doc.Encoding != tt.encoding || doc.Format != HTML {
				t.Errorf("Read(%s) = encoding %q, format %q, text:\n%s", tt.name, doc.Encoding, doc.Format, cmp.Diff(tt.want, doc.Text))
			}
		})
	}
}

// TestHTMLDeep reads a page nested deeper than the tree builder is given,
// which is read token by token instead.
func TestHTMLDeep(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("<html><body>")
	for range maxHTMLDepth + 10 {
		b.WriteString("<div>")
	}
	b.WriteString("深处的正文。<script>x</script>")
	doc, err := Read(t.Context(), &b, "deep.html")
	if err != nil || doc.Text != "深处的正文。\n" {
		t.Fatalf("Read(deep.html) = %v, %v; want the text", doc, err)
	}
}
