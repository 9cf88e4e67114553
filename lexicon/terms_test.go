package lexicon

import (
	"slices"
	"testing"
)

func TestAbbreviations(t *testing.T) {
	tests := []struct {
		words []string
		want  []string
	}{
		{[]string{"违章建筑"}, []string{"违建"}},
		{[]string{"违章", "建筑"}, []string{"违建"}},
		{[]string{"固定资产", "投资"}, []string{"固投"}},
		{[]string{"社会", "保障"}, []string{"社保"}},
		{[]string{"工资"}, nil},               // one short word
		{[]string{"增长", "率"}, nil},          // a one-character word
		{[]string{"a", "b", "c", "d"}, nil}, // too many words
	}
	for _, tt := range tests {
		if got := Abbreviations(tt.words); !slices.Equal(got, tt.want) {
			t.Errorf("Abbreviations(%q) = %q, want %q", tt.words, got, tt.want)
		}
	}
}

func TestListAbbreviation(t *testing.T) {
	tests := []struct {
		items []string
		want  string
	}{
		{[]string{"抢劫", "抢夺"}, "两抢"},
		{[]string{"旧城镇", "旧厂房", "旧村庄"}, "三旧"},
		{[]string{"抢劫", "盗窃"}, ""},
		{[]string{"抢劫"}, ""},
	}
	for _, tt := range tests {
		if got := ListAbbreviation(tt.items); got != tt.want {
			t.Errorf("ListAbbreviation(%q) = %q, want %q", tt.items, got, tt.want)
		}
	}
}
