package ingest

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// line lays out text as a run of square characters of the given size
// starting at x on baseline y.
func line(x, y, size float64, text string) textRun {
	n := float64(len([]rune(text)))
	return textRun{x0: x, x1: x + n*size, y: y, size: size, text: text}
}

func TestLayout(t *testing.T) {
	const left, size = 72, 10
	// 30 characters fill a line from 72 to 372.
	full := func(y float64, s string) textRun { return line(left, y, size, s) }
	indented := func(y float64, s string) textRun { return line(left+2*size, y, size, s) }
	page := func(n int, body ...textRun) []textRun {
		runs := []textRun{line(200, 800, 8, "二〇二四年政府工作报告")}
		runs = append(runs, body...)
		return append(runs, line(220, 40, 9, fmt.Sprintf("— %d —", n)))
	}
	pages := [][]textRun{
		page(1,
			line(150, 760, 16, "政府工作报告"),
			indented(720, "一、2023年工作回顾"),
			indented(700, "过去一年，全市生产总值增长百分之五点二，规上工"),
			full(680, "业增加值增长百分之六点八，固定资产投资增长百分之"),
		),
		page(2,
			full(720, "三点一。社会消费品零售总额增长百分之七，居民收入"),
			full(700, "稳步提高。"),
			indented(680, "（一）聚焦产业升级"),
		),
	}
	got := layout(pages)
	want := []string{
		"政府工作报告",
		"一、2023年工作回顾",
		"过去一年，全市生产总值增长百分之五点二，规上工业增加值增长百分之六点八，固定资产投资增长百分之三点一。社会消费品零售总额增长百分之七，居民收入稳步提高。",
		"（一）聚焦产业升级",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("layout (-want +got):\n%s", diff)
	}
}

// TestLayoutBlockParagraphs checks a layout without first-line indents:
// a full line ending in 。 ends its paragraph, so does a short one.
func TestLayoutBlockParagraphs(t *testing.T) {
	const left, size = 72, 10
	full := func(y float64, s string) textRun { return line(left, y, size, s) }
	pages := [][]textRun{{
		full(700, "这是第一段的第一行文字，它一直写到右边的边界为止"),
		full(680, "然后在这一行结束并且刚好写满了整整一行的文字。"),
		full(660, "第二段从左边开始，没有缩进，也写满了这一整行字"),
		full(640, "最后一行很短。"),
		full(620, "第三段。"),
	}}
	got := layout(pages)
	want := []string{
		"这是第一段的第一行文字，它一直写到右边的边界为止然后在这一行结束并且刚好写满了整整一行的文字。",
		"第二段从左边开始，没有缩进，也写满了这一整行字最后一行很短。",
		"第三段。",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("layout (-want +got):\n%s", diff)
	}
}

// TestMakeLine checks how runs on one baseline become a line: fake-bold
// copies dropped, gaps between Latin runs made spaces, Chinese runs joined.
func TestMakeLine(t *testing.T) {
	tests := []struct {
		runs []textRun
		want string
	}{
		{[]textRun{{x0: 0, x1: 10, size: 10, text: "观"}, {x0: 0.3, x1: 10.3, size: 10, text: "观"}, {x0: 10, x1: 20, size: 10, text: "湖"}}, "观湖"},
		{[]textRun{{x0: 0, x1: 3, size: 10, text: "l"}, {x0: 3, x1: 6, size: 10, text: "l"}}, "ll"},
		{[]textRun{{x0: 0, x1: 20, size: 10, text: "GDP"}, {x0: 23, x1: 40, size: 10, text: "grew"}}, "GDP grew"},
		{[]textRun{{x0: 0, x1: 20, size: 10, text: "2024"}, {x0: 23, x1: 33, size: 10, text: "年"}}, "2024年"},
		{[]textRun{{x0: 0, x1: 20, size: 10, text: "来源"}, {x0: 60, x1: 80, size: 10, text: "日期"}}, "来源 日期"},
		{[]textRun{{x0: 0, x1: 20, size: 10, text: "增长 "}, {x0: 20, x1: 40, size: 10, text: "5.2%"}}, "增长 5.2%"},
	}
	for _, tt := range tests {
		l, ok := makeLine(tt.runs)
		if !ok || l.text != tt.want {
			t.Errorf("makeLine(%v) = %q, %v; want %q", tt.runs, l.text, ok, tt.want)
		}
	}
}

func TestJoinLines(t *testing.T) {
	tests := []struct{ a, b, want string }{
		{"规上工", "业增加值", "规上工业增加值"},
		{"增长", "5.2%", "增长5.2%"},
		{"494.", "91亿元", "494.91亿元"},
		{"494", "91", "49491"},
		{"494 ", "91", "494 91"},
		{"of the", "industrial", "of the industrial"},
		{"yuan,", "which", "yuan, which"},
		{"之年,", "2023年", "之年,2023年"},
		{"28.1 ", "万人", "28.1万人"},
		{"GDP", "增长", "GDP增长"},
	}
	for _, tt := range tests {
		if got := joinLines(tt.a, tt.b); got != tt.want {
			t.Errorf("joinLines(%q, %q) = %q; want %q", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestPageNumber(t *testing.T) {
	for _, s := range []string{"1", "— 12 —", "-3-", "第 4 页", "第5页 共20页", "6/20", "Page 7", "page 8 of 9", "- ii -"} {
		if !pageNumberRE.MatchString(s) {
			t.Errorf("pageNumberRE does not match %q", s)
		}
	}
	for _, s := range []string{"2023年", "一、总结", "5.2%", "第一章", "1.2万余栋"} {
		if pageNumberRE.MatchString(s) {
			t.Errorf("pageNumberRE matches %q", s)
		}
	}
}

// TestPDFFonts reads text drawn with a CID font (Identity-H with a
// ToUnicode map, as Word and WPS write Chinese) and with a GBK-EUC-H font
// without one (as older Chinese tools write).
func TestPDFFonts(t *testing.T) {
	data := fontsPDF()
	doc, err := Read(t.Context(), bytes.NewReader(data), "fonts.pdf")
	if err != nil {
		t.Fatal(err)
	}
	// 一、工 on the first line, 二、GDP on the second: two short lines.
	if want := "一、工\n二、GDP\n"; doc.Text != want {
		t.Errorf("Read(fonts.pdf) = %q; want %q", doc.Text, want)
	}
}
