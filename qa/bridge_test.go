package qa

import (
	"slices"
	"testing"
)

// TestBridge: a thing the question describes by what it does is found by
// the name a passage defines for it, and its figure under that name; a
// name the best passages only mention (“三甲”, “五经普”) bridges nothing.
func TestBridge(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"2026-sichuan", "给外卖小哥、快递员歇脚喝水充电的地方，四川县里建了多少个？", "“暖心驿站”113个"},
		{"2026-sichuan", "四川去年在县里建了多少个给外卖骑手、快递小哥歇脚喝水充电的地方?", "113个"},
		{"000_006ff7903b525843", "区综合医院的总投资是多少?", ""},
		{"000_006ff7903b525843", "2025年观湖街道计划新增多少家规上工业企业?", ""},
	})
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"14.“暖心驿站”：面向外卖骑手提供饮水、休息、充电服务。", []string{"暖心驿站"}},
		{"实现辖区“三甲”医院零的突破。", nil},
		{"“十四五”：回顾。", []string{"十四五"}},
	} {
		var got []string
		for _, m := range definedNameRE.FindAllStringSubmatch(tt.text, -1) {
			got = append(got, m[1])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("defined names of %q = %q, want %q", tt.text, got, tt.want)
		}
	}
}
