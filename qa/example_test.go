package qa_test

import (
	"context"
	"fmt"
	"log"

	"github.com/reportbot/reportbot/answer"
	"github.com/reportbot/reportbot/qa"
	"github.com/reportbot/reportbot/report"
	"github.com/reportbot/reportbot/retrieve"
)

const sampleA = `2026年某省政府工作报告
一、2025年工作回顾
全省地区生产总值5.3万亿元、增长5.5%，粮食产量838.6亿斤。
二、2026年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，城镇新增就业68万人以上。
`

const sampleB = `2026年另一省政府工作报告
一、2025年工作回顾
全省地区生产总值6.1万亿元、增长4.8%。
二、2026年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右。
`

func parse(text string) *report.Report {
	doc, err := report.ParseString(text)
	if err != nil {
		log.Fatal(err)
	}
	return doc
}

// An offline engine answers from the report and cites the sentence that
// proves it; a question the report does not answer is refused.
func ExampleEngine_Ask() {
	ctx := context.Background()
	eng, err := qa.New(ctx, []*report.Report{parse(sampleA)})
	if err != nil {
		log.Fatal(err)
	}
	for _, q := range []string{"2026年GDP增长目标是多少？", "2025年粮食产量是多少？", "2025年财政赤字是多少？"} {
		ans, err := eng.Ask(ctx, answer.Request{Question: q})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(ans.Text)
		for _, c := range ans.Citations {
			fmt.Printf("  [%d] [%d,%d) %s\n", c.N, c.Start, c.End, c.Text)
		}
	}
	// Output:
	// 今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。[1]
	//   [1] [73,116) 今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，城镇新增就业68万人以上。
	// 粮食产量838.6亿斤。[1]
	//   [1] [26,60) 全省地区生产总值5.3万亿元、增长5.5%，粮食产量838.6亿斤。
	// 报告没有提到这一点。
}

// Compare finds the same quantity in every loaded report, one row each.
func ExampleEngine_Compare() {
	ctx := context.Background()
	eng, err := qa.New(ctx, []*report.Report{parse(sampleA), parse(sampleB)},
		qa.WithRetrieve(retrieve.WithNames("a.txt", "b.txt")))
	if err != nil {
		log.Fatal(err)
	}
	rows, err := eng.Compare(ctx, "2026年地区生产总值增长目标", "")
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range rows {
		fmt.Println(r.File, r.Found, r.Raw+r.Qualifier, r.Kind, r.Period)
	}
	// Output:
	// a.txt true 5%左右 target 2026
	// b.txt true 5.5%左右 target 2026
}
