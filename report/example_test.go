package report_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/reportbot/reportbot/report"
)

// exampleText is a short report in the genre's usual layout.
const exampleText = `2024年观湖街道党工委工作报告

来源:龙华区观湖街道办 日期:2024年02月02日
文件已失效

  一、2023年工作总结

  全年规上工业总产值494.91亿元,同比增长1.72%,规上工业增加值增速6.8%。

  二、2024年工作安排

  (一)聚焦产业升级,激发经济发展新动能

  一是主导产业强基础。力争新增规上工业企业23家。二是新兴产业拓增量。

  (二)聚焦交通畅行,塑造外通内达新格局

  一是抓好轨道建设保障。二是打通区域交通大动脉。
`

func ExampleParse() {
	doc, err := report.Parse(strings.NewReader(exampleText))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(doc.Title)
	fmt.Println(doc.Status, doc.ISODate)
	for _, p := range doc.Parts {
		fmt.Println(p.Label, p.Kind)
	}
	// Output:
	// 2024年观湖街道党工委工作报告
	// 文件已失效 2024-02-02
	// 一 2023年工作总结 review
	// 二 2024年工作安排 plan
}

func ExampleParse_error() {
	_, err := report.Parse(strings.NewReader("2024年工作报告\n\xff"))
	var pe *report.ParseError
	if errors.As(err, &pe) && errors.Is(err, report.ErrInvalidUTF8) {
		fmt.Println("invalid UTF-8 at line", pe.Line, "byte", pe.Offset)
	}
	// Output:
	// invalid UTF-8 at line 2 byte 20
}

func ExampleReport_FiguresByMetric() {
	doc, err := report.ParseString("全年规上工业总产值494.91亿元,同比增长1.72%。社会消费品零售总额90.2亿元。")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range doc.FiguresByMetric("规模以上工业总产值") {
		fmt.Printf("%s %s: %g%s (%s) = %g\n", f.Metric, f.Raw, f.Value, f.UnitAsWritten, f.Kind, f.Absolute)
	}
	// Output:
	// 规上工业总产值 494.91亿元: 494.91亿元 (actual) = 4.9491e+10
	// 规上工业总产值 1.72%: 1.72% (change) = 1.72
}

func ExampleReport_FindSection() {
	doc, err := report.ParseString(exampleText)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, ref := range []string{"二（二）", "p2s1", "交通"} {
		s := doc.FindSection(ref)
		fmt.Printf("%s → %s %s\n", ref, s.ID, s.Label)
	}
	// Output:
	// 二（二） → p2s2 二(二) 聚焦交通畅行,塑造外通内达新格局
	// p2s1 → p2s1 二(一) 聚焦产业升级,激发经济发展新动能
	// 交通 → p2s2 二(二) 聚焦交通畅行,塑造外通内达新格局
}

func ExampleReport_Walk() {
	doc, err := report.ParseString(exampleText)
	if err != nil {
		fmt.Println(err)
		return
	}
	doc.Walk(func(depth int, node any) bool {
		indent := strings.Repeat("  ", depth)
		switch n := node.(type) {
		case *report.Part:
			fmt.Println(indent + n.Label)
		case *report.Section:
			fmt.Println(indent + n.ID + " " + string(n.Kind))
			return n.Kind.Headed() // skip the items of unheaded blocks
		case *report.Item:
			fmt.Println(indent + n.Label)
		}
		return true
	})
	// Output:
	// 一 2023年工作总结
	//   p1b1 headline
	// 二 2024年工作安排
	//   p2s1 numbered
	//     二(一) 一是 主导产业强基础
	//     二(一) 二是 新兴产业拓增量
	//   p2s2 numbered
	//     二(二) 一是 抓好轨道建设保障
	//     二(二) 二是 打通区域交通大动脉
}

func ExampleOffsets() {
	text := "增长1.72%,达494.91亿元"
	o := report.NewOffsets(text)
	start := strings.Index(text, "494.91")
	r := o.ByteToRune(start)
	fmt.Println("bytes:", start, "code points:", r, "of", o.Len())
	fmt.Println(o.RuneToByte(r) == start)
	fmt.Println(o.Slice(report.Span{Start: r, End: r + 8}))
	// Output:
	// bytes: 15 code points: 9 of 17
	// true
	// 494.91亿元
}

// A page as found online: furniture around the report, a title that only
// says 政府工作报告, a range target and a five-year goal.
const examplePage = `下载
打印
【字号：
加大
还原
减小
】
政府工作报告
——2026年1月26日在某某省第十四届人民代表大会第五次会议上
某某省省长 张三
各位代表：
一、2025年工作回顾
全省地区生产总值增长5.5%。这五年，年均增长5.7%。
二、“十五五”时期主要目标任务
到2030年，人均预期寿命达到80岁以上。
三、2026年重点工作
地区生产总值增长5%—5.5%。
相关报道：
某某省两会闭幕
`

func ExampleParse_page() {
	doc, err := report.ParseString(examplePage)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(doc.Title, doc.Region, doc.Delivered, doc.Speaker)
	fmt.Println(doc.Meeting)
	fmt.Println(len(doc.Furniture), "furniture lines; the body starts:", strings.Split(doc.Slice(doc.Body), "\n")[0])
	for _, p := range doc.Parts {
		fmt.Println(p.Number, p.Kind)
	}
	for _, f := range doc.Figures {
		fmt.Println(f.Raw, f.Value, f.High, f.Kind, f.Period)
	}
	// Output:
	// 2026年某某省政府工作报告 某某省 2026-01-26 张三
	// 某某省第十四届人民代表大会第五次会议
	// 9 furniture lines; the body starts: 政府工作报告
	// 一 review
	// 二 fiveyear
	// 三 plan
	// 5.5% 5.5 0 change 2025
	// 5.7% 5.7 0 change 2021-2025
	// 80岁 80 0 target 2030
	// 5%—5.5% 5 5.5 target 2026
}
