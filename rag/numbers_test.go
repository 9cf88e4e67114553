package rag

import (
	"slices"
	"testing"
)

func TestNumbers(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"plain", "规上工业总产值494.91亿元,同比增长1.72%", []string{"494.91", "1.72"}},
		{"years dropped", "2023年投资93.86亿元,2024年力争100亿元", []string{"93.86", "100"}},
		{"years at the edges of the range", "1989年 1990年 2035年 2036年", []string{"1989", "2036"}},
		{"a year with decimals is a number", "2023.5", []string{"2023.5"}},
		{"citation markers dropped", "产值494.91亿元[1],增长1.72%[2]。", []string{"494.91", "1.72"}},
		{"grouped markers dropped", "见[1,2]和[3，4]与【5】及^6", nil},
		{"thousands folded", "行走楼栋1,116栋", []string{"1116"}},
		{"millions folded", "人口1,234,567人", []string{"1234567"}},
		{"full-width digits", "增长８.５％,投资１２３亿元", []string{"8.5", "123"}},
		{"full-width point", "８．５", []string{"8.5"}},
		{"full-width comma as thousands", "１，１１６栋", []string{"1116"}},
		{"list numbering dropped", "1. 产值增长5%\n 2) 投资增长8%\n3、 消费增长2%", []string{"5", "8", "2"}},
		{"Chinese numerals are not numbers", "三个社区,五千余场次", nil},
		{"approximate", "5000余场次,600多场", []string{"5000", "600"}},
		{"ranges", "3-5个", []string{"3", "5"}},
		{"empty", "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Numbers(tc.in); !slices.Equal(got, tc.want) {
				t.Errorf("Numbers(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestUnsupportedNumbers(t *testing.T) {
	headline := "全年规上工业总产值494.91亿元,同比增长1.72%,规上工业增加值增速6.8%,全社会固定资产投资93.86亿元,同比增长8.53%,社会消费品零售总额90.2亿元,同比增长1.8%。"
	tests := []struct {
		name    string
		text    string
		sources []string
		want    []string
	}{
		{"copied", "规上工业总产值494.91亿元 [1]", []string{headline}, nil},
		{"difference", "投资比零售多3.66亿元(93.86−90.2)", []string{headline}, nil},
		{"difference either way", "相差3.66", []string{"90.2", "93.86"}, nil},
		{"sum of two", "合计184.06亿元", []string{headline}, nil},
		{"sum of three", "合计6", []string{"1个", "2个", "3个"}, nil},
		{"product is not allowed", "共6个", []string{"2个", "3个"}, []string{"6"}},
		{"invented", "产值约500亿元", []string{headline}, []string{"500"}},
		{"rounded is not the same", "产值494.9亿元", []string{headline}, []string{"494.9"}},
		{"from the question", "2个", []string{"哪2个项目?", "新建公园3个"}, nil},
		{"years are context", "2023年产值494.91亿元", []string{headline}, nil},
		{"markers are not numbers", "产值494.91亿元[7]", []string{headline}, nil},
		{"thousands folded on both sides", "1,116栋", []string{"行走楼栋1116栋"}, nil},
		{"full-width in the answer", "４９４．９１亿元", []string{headline}, nil},
		{"no sources", "增长5%", nil, []string{"5"}},
		{"no numbers", "报告没有提到这一点。", []string{headline}, nil},
		{"each bad number once per mention", "7和7", []string{"1"}, []string{"7", "7"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := UnsupportedNumbers(tc.text, tc.sources...); !slices.Equal(got, tc.want) {
				t.Errorf("UnsupportedNumbers(%q, %q) = %q, want %q", tc.text, tc.sources, got, tc.want)
			}
		})
	}
}

// TestKnownBugChineseListNumbers: list numbering is dropped only when a
// space follows the marker, but Chinese lists are written 1、新建… with no
// space. An LLM answer formatted as a Chinese list then fails the
// grounding check and falls back, although every figure is copied:
//
//	UnsupportedNumbers("1、新建公园3个[1]\n2、改造老旧小区12个[1]", "新建公园3个,改造老旧小区12个。")
//
// returns ["1" "2"].
func TestRegressionChineseListNumbers(t *testing.T) {
	text := "1、新建公园3个[1]\n2、改造老旧小区12个[1]"
	if got := UnsupportedNumbers(text, "新建公园3个,改造老旧小区12个。"); len(got) != 0 {
		t.Errorf("UnsupportedNumbers(%q) = %q, want none: 1、 and 2、 are list numbering", text, got)
	}
	if got := Numbers("1、产值增长5%\n2.投资增长8%"); !slices.Equal(got, []string{"5", "8"}) {
		t.Errorf("Numbers(1、…\\n2.…) = %q, want [5 8]", got)
	}
}
