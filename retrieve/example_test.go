package retrieve_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/reportbot/reportbot/report"
	"github.com/reportbot/reportbot/retrieve"
)

const exampleReport = `2024年示例街道工作报告

来源:示例街道办 日期:2024年01月15日

  一、2023年工作回顾

  全年规上工业总产值120.5亿元,同比增长3.2%,新增企业45家。

  这一年,我们坚持民生优先。新建公园3个,改造老旧小区12个。

  二、2024年工作安排

  力争规上工业总产值增长5%。新建口袋公园2个。
`

func ExampleNew() {
	ctx := context.Background()
	doc, err := report.ParseString(exampleReport)
	if err != nil {
		panic(err)
	}
	ix, err := retrieve.New(ctx, []*report.Report{doc}, retrieve.WithNames("example.txt"))
	if err != nil {
		panic(err)
	}
	hits, err := ix.Search(ctx, retrieve.Query{Text: "新建了几个公园?", K: 2})
	if err != nil {
		panic(err)
	}
	for _, h := range hits {
		fmt.Printf("%d %s [%d,%d) %s\n", h.Rank, h.ID, h.Start, h.End, h.Text)
	}
	// Output:
	// 1 p2b1c1 [129,167) 二、2024年工作安排
	//
	//   力争规上工业总产值增长5%。新建口袋公园2个。
	// 2 p1b2c1 [95,125) 这一年,我们坚持民生优先。新建公园3个,改造老旧小区12个。
}

// A query with weighted terms, limited to one report's plan.
func ExampleIndex_Search() {
	ctx := context.Background()
	doc, _ := report.ParseString(exampleReport)
	ix, _ := retrieve.New(ctx, []*report.Report{doc})
	hits, _ := ix.Search(ctx, retrieve.Query{
		Terms:   []retrieve.Term{{Text: "规上工业总产值", Weight: 2}, {Text: "industrial output", Weight: 0.5}},
		Docs:    []int{0},
		Section: "p2",
	})
	fmt.Println(len(hits), hits[0].ID, hits[0].Plan)
	// Output:
	// 1 p2b1c1 true
}

// When the query cannot be embedded (a remote model is down), the search
// falls back to its lexical half and says so.
func ExampleIndex_SearchDetail() {
	ctx := context.Background()
	doc, _ := report.ParseString(exampleReport)
	down := false
	embed := func(ctx context.Context, text string) ([]float32, error) {
		if down {
			return nil, errors.New("503 service unavailable")
		}
		return []float32{1, 0}, nil
	}
	ix, _ := retrieve.New(ctx, []*report.Report{doc}, retrieve.WithEmbedder("two-dims", embed))
	down = true
	res, err := ix.SearchDetail(ctx, retrieve.Query{Text: "公园", K: 1})
	fmt.Println(err, res.Degraded, res.Hits[0].ID)
	fmt.Println(res.VectorErr)
	// Output:
	// <nil> true p1b2c1
	// retrieve: embed query: 503 service unavailable
}

// An index built with a persist directory reopens from it alone.
func ExampleOpen() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "retrieve-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	doc, _ := report.ParseString(exampleReport)
	index := filepath.Join(dir, "index")
	if _, err := retrieve.New(ctx, []*report.Report{doc}, retrieve.WithPersistDir(index), retrieve.WithNames("example.txt")); err != nil {
		panic(err)
	}
	ix, err := retrieve.Open(ctx, index)
	if err != nil {
		panic(err)
	}
	hits, _ := ix.Search(ctx, retrieve.Query{Text: "规上工业总产值", K: 1})
	fmt.Println(ix.Name(0), ix.Reports()[0].Title, ix.Len(), hits[0].ID)
	_, err = retrieve.Open(ctx, dir)
	fmt.Println(errors.Is(err, retrieve.ErrForeignIndex))
	// Output:
	// example.txt 2024年示例街道工作报告 4 p2b1c1
	// true
}

func ExampleTokenize() {
	fmt.Printf("%q\n", retrieve.Tokenize("规上工业总产值４９４.９１亿元, GDP of the district", nil))
	// Output:
	// ["规上" "上工" "工业" "业总" "总产" "产值" "494.91" "亿元" "gdp" "district"]
}
