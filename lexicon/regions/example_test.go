package regions_test

import (
	"fmt"

	"github.com/reportbot/reportbot/lexicon/regions"
)

func Example() {
	for _, m := range regions.FindLevel("深圳市龙华区观湖街道2023年规上工业总产值494.91亿元", regions.Town) {
		fmt.Println(m.Start, m.End, m.Text, m.Code, m.Level, m.Short)
	}
	// Output:
	// 0 3 深圳市 440300 city 深圳
	// 3 6 龙华区 440309 county 龙华
	// 6 10 观湖街道 440309001 town 观湖
}

func ExampleFind() {
	for _, m := range regions.Find("安徽、广西壮族自治区、重庆和内蒙古的市场主体") {
		fmt.Println(m.Text, m.Name, m.Code)
	}
	// Output:
	// 安徽 安徽省 340000
	// 广西壮族自治区 广西壮族自治区 450000
	// 重庆 重庆市 500000
	// 内蒙古 内蒙古自治区 150000
}

func ExampleLookup() {
	for _, d := range regions.Lookup("吉林")[:2] {
		fmt.Printf("%s %s %v parent %q\n", d.Code, d.Name, d.Level, d.Parent)
	}
	// Output:
	// 220000 吉林省 province parent ""
	// 220200 吉林市 city parent "220000"
}
