package brief_test

import (
	"context"
	"fmt"
	"log"

	"github.com/reportbot/reportbot/brief"
	"github.com/reportbot/reportbot/report"
)

// exampleReport is a short work report in the genre's layout.
const exampleReport = `2024年示例街道工作报告

来源:示例街道办 日期:2024年01月15日
文件已失效

  一、2023年工作总结

  全年地区生产总值120.5亿元,同比增长5.2%,固定资产投资30.1亿元。

  这一年,我们坚持交通先行,出行条件持续改善。道路建设提速。新建道路12条,新增停车位800个,公交线路增至25条。

  这一年,我们坚持民生为本,群众生活持续改善。新增学位1200个,建成长者食堂5家。

  二、2024年工作安排

  (一)聚焦交通畅行,完善城市路网

  坚持交通优先,加快补齐路网短板。一是加快道路建设。力争新建道路15条,打通断头路4条。二是优化公交服务。新增公交线路3条,公交线路达到28条。
`

func ExampleBuild() {
	doc, err := report.ParseString(exampleReport)
	if err != nil {
		log.Fatal(err)
	}
	b, err := brief.Build(context.Background(), doc, brief.Options{Topic: "transport"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(b.Short())
	fmt.Println("--- targets")
	for _, r := range b.Targets {
		fmt.Println(r.Metric, r.Target, "←", r.Baseline, brief.Cite(r.Cites))
	}
	fmt.Println("--- passages")
	for _, p := range b.Passages {
		fmt.Printf("[%d] %s [%d,%d) %s\n", p.N, p.Label, p.Span.Start, p.Span.End, p.Text)
	}
	// Output:
	// 简报：2024年示例街道工作报告 · transport
	// ⚠ 文件已失效：引用前请核实现行文件
	// 摘要：这一年,我们坚持交通先行,出行条件持续改善。[1]新建道路12条,新增停车位800个,公交线路增至25条。[2]新增公交线路3条,公交线路达到28条。[3]
	// · 新建道路 12条[2]
	// · 新增停车位 800个[2]
	// · 公交线路 25条[2]
	// --- targets
	// 新建道路 15条 ← 12条 [4][2]
	// 打通断头路 4条 ←  [4]
	// 新增公交线路 3条 ←  [3]
	// 公交线路 28条 ← 25条 [3][2]
	// --- passages
	// [1] 一 引言 [105,127) 这一年,我们坚持交通先行,出行条件持续改善。
	// [2] 一 引言 [134,162) 新建道路12条,新增停车位800个,公交线路增至25条。
	// [3] 二(一) 二是 优化公交服务 [298,317) 新增公交线路3条,公交线路达到28条。
	// [4] 二(一) 一是 加快道路建设 [271,289) 力争新建道路15条,打通断头路4条。
	// [5] 二(一) 聚焦交通畅行,完善城市路网 [246,262) 坚持交通优先,加快补齐路网短板。
}

func ExampleBrief_Render() {
	doc, err := report.ParseString(exampleReport)
	if err != nil {
		log.Fatal(err)
	}
	b, err := brief.Build(context.Background(), doc, brief.Options{Topic: "量子计算"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(b.Covered)
	_, err = b.Render("pdf")
	fmt.Println(err)
	// Output:
	// false
	// brief: format "pdf": unknown brief format (want md, html, docx, short, json)
}

func ExampleBuildCompare() {
	rows := []brief.CompareRow{
		{Report: "甲省", File: "2026-jia.txt", Found: true, Metric: "2026年地区生产总值增长目标", Value: 5, High: 5.5, Unit: "%",
			Kind: "target", Period: "2026", Raw: "5%—5.5%", Start: 120, End: 127, Sentence: "地区生产总值增长5%—5.5%"},
		{Report: "乙省", File: "2026-yi.txt", Found: true, Metric: "2026年地区生产总值增长目标", Value: 5, Unit: "%", Qualifier: "左右",
			Kind: "target", Period: "2026", Raw: "5%左右", Start: 88, End: 92, Sentence: "全省地区生产总值增长5%左右"},
		{Report: "丙省", File: "2026-bing.txt"},
	}
	c, err := brief.BuildCompare("2026年地区生产总值增长目标", rows)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.Short())
	for _, p := range c.Passages {
		fmt.Printf("[%d] %s %s [%d,%d) %s\n", p.N, p.Report, p.Raw, p.Span.Start, p.Span.End, p.Text)
	}
	// Output:
	// 对比：2026年地区生产总值增长目标
	// · 甲省 5%—5.5%（2026年目标）[1]
	// · 乙省 5%左右（2026年目标）[2]
	// · 丙省 未提及
	// [1] 甲省 5%—5.5% [120,127) 地区生产总值增长5%—5.5%
	// [2] 乙省 5%左右 [88,92) 全省地区生产总值增长5%左右
}

func ExamplePolarityOf() {
	for _, m := range []string{"违法犯罪总警情", "规上工业总产值", "单位GDP能耗", "居民消费价格"} {
		p := brief.PolarityOf(m)
		fmt.Printf("%s: 下降 %s, 上升 %s\n", m, brief.OutcomeOf(p, report.Down), brief.OutcomeOf(p, report.Up))
	}
	// Output:
	// 违法犯罪总警情: 下降 good, 上升 bad
	// 规上工业总产值: 下降 bad, 上升 good
	// 单位GDP能耗: 下降 good, 上升 bad
	// 居民消费价格: 下降 neutral, 上升 neutral
}
