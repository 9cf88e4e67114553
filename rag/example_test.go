package rag_test

import (
	"context"
	"fmt"
	"log"

	"github.com/reportbot/reportbot/rag"
	"github.com/reportbot/reportbot/report"
)

// exampleText is a tiny work report: a header, a part heading, a
// paragraph of headline figures and a theme paragraph.
const exampleText = `2024年示例街道工作报告

来源:示例街道办 日期:2024年01月15日

  一、2023年工作回顾

  全年规上工业总产值120.5亿元,同比增长3.2%,新增企业45家。

  这一年,我们坚持民生优先。新建公园3个,改造老旧小区12个。
`

func exampleEngine(ctx context.Context) *rag.Engine {
	doc, err := report.ParseString(exampleText)
	if err != nil {
		log.Fatal(err)
	}
	eng, err := rag.New(ctx, []*report.Report{doc})
	if err != nil {
		log.Fatal(err)
	}
	return eng
}

// New with no options builds an offline engine: a local embedder and
// extractive answers, each number cited.
func ExampleNew() {
	ctx := context.Background()
	eng := exampleEngine(ctx)
	ans, err := eng.Ask(ctx, rag.Request{Question: "2023年规上工业总产值是多少?"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ans.Answerable, ans.Mode, ans.Grounded)
	for _, c := range ans.Citations {
		fmt.Printf("[%d] %s [%d,%d)\n", c.N, c.Text, c.Start, c.End)
	}
	// Output:
	// true extractive true
	// [1] 全年规上工业总产值120.5亿元,同比增长3.2%,新增企业45家。 [57,91)
}

// A question the report does not answer is a result, not an error.
func ExampleEngine_Ask_unanswerable() {
	ctx := context.Background()
	eng := exampleEngine(ctx)
	ans, err := eng.Ask(ctx, rag.Request{Question: "2023年财政收入是多少?"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ans.Answerable, len(ans.Citations))
	fmt.Println(ans.Text)
	// Output:
	// false 0
	// 报告没有提到这一点。
}

func ExampleEngine_Ask() {
	ctx := context.Background()
	eng := exampleEngine(ctx)
	ans, err := eng.Ask(ctx, rag.Request{Question: "新建了几个公园?"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ans.Text)
	// Output:
	// 新建公园:3个(2023年)。 [1]
	// 原文:新建公园3个,改造老旧小区12个。 [1]
}

func ExampleEngine_Search() {
	ctx := context.Background()
	eng := exampleEngine(ctx)
	hits, err := eng.Search(ctx, rag.Query{Text: "公园", K: 1})
	if err != nil {
		log.Fatal(err)
	}
	for _, h := range hits {
		fmt.Printf("%d %s %s\n", h.Rank, h.ID, h.Text)
	}
	// Output:
	// 1 p1b2c1 这一年,我们坚持民生优先。新建公园3个,改造老旧小区12个。
}

func ExampleUnsupportedNumbers() {
	cited := "全社会固定资产投资93.86亿元,同比增长8.53%,社会消费品零售总额90.2亿元。"
	// 3.66 = 93.86 − 90.2 is computed from the cited figures; 100 is not.
	fmt.Println(rag.UnsupportedNumbers("投资比零售多3.66亿元 [1]", cited))
	fmt.Println(rag.UnsupportedNumbers("2023年投资约100亿元 [1]", cited))
	// Output:
	// []
	// [100]
}

func ExampleNumbers() {
	fmt.Println(rag.Numbers("2023年行走楼栋1,116栋,增长８.５％ [2]"))
	// Output:
	// [1116 8.5]
}
