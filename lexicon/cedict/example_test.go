package cedict_test

import (
	"fmt"

	"github.com/reportbot/reportbot/lexicon/cedict"
)

func Example() {
	fmt.Println(cedict.Segment("全社会固定资产投资完成93.86亿元"))
	fmt.Println(cedict.Chinese("enterprises")[0], cedict.Chinese("hospital")[0])
	fmt.Println(cedict.English("失业率"))
	fmt.Println(cedict.IsWord("零售"), cedict.IsWord("零售额度"))
	// Output:
	// [全 社会 固定资产 投资 完成 93.86 亿 元]
	// 企业 医院
	// [unemployment rate]
	// true false
}

func ExampleRelated() {
	fmt.Println(cedict.Related("老人"))
	// Output:
	// [老年 老年人 高龄]
}
