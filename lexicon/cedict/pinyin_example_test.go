package cedict_test

import (
	"fmt"

	"github.com/reportbot/reportbot/lexicon/cedict"
)

func ExampleMatchesPinyin() {
	fmt.Println(cedict.MatchesPinyin("观湖", "Guanhu"), cedict.MatchesPinyin("龙华", "Long-hua"), cedict.MatchesPinyin("吕", "Lu"))
	fmt.Println(cedict.MatchesPinyin("观湖", "Guanhua"), cedict.MatchesPinyin("先", "Xi'an"))
	fmt.Println(cedict.Readings('行'), cedict.Readings('吕'))
	fmt.Println(cedict.Syllables("xian"), cedict.Syllables("banlan"))
	fmt.Println(string(cedict.Characters("guan")[:4]))
	// Output:
	// true true true
	// false false
	// [xing hang heng] [lv]
	// [[xian] [xi an]] [[ban lan]]
	// 管关官观
}
