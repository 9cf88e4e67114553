package qa

import (
	"slices"
	"testing"
)

// TestRespectiveItems: the subjects before 分别, without what opens the
// list and the head the last shares with the others.
func TestRespectiveItems(t *testing.T) {
	for _, tt := range []struct {
		head string
		want []string
	}{
		{"投资、消费增速", []string{"投资", "消费"}},
		{"其中城镇、农村居民收入", []string{"城镇", "农村"}},
		{"城乡居民基础养老金、城市低保、农村低保标准", []string{"城乡居民基础养老金", "城市低保", "农村低保"}},
		{"力争全年交通、水利、能源领域投资额", []string{"力争全年交通", "水利", "能源"}},
		{"城乡居民人均可支配收入", []string{"城乡居民人均可支配收入"}},
	} {
		if got := respectiveItems(tt.head); !slices.Equal(got, tt.want) {
			t.Errorf("respectiveItems(%q) = %q, want %q", tt.head, got, tt.want)
		}
	}
}

// TestPairWholeForms: a member of a pair compound is looked for in the
// compound too.
func TestPairWholeForms(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"城镇居民", []string{"城乡居民"}},
		{"农村", []string{"城乡"}},
		{"居民收入", nil},
	} {
		if got := pairWholeForms(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("pairWholeForms(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestRespectiveFigures: of figures stated respectively, the answer is
// the one in the place of the subject asked.
func TestRespectiveFigures(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"2026-heilongjiang", "How much did rural residents' per capita disposable income grow in Heilongjiang in 2025?", "5.8% (growth, 2025)"},
		{"2026-heilongjiang", "2025年黑龙江城镇和农村居民人均可支配收入分别增长多少？", "分别增长4.4%、5.8%"},
		{"2026-jiangsu", "What was the per capita disposable income of Jiangsu's rural residents in 2025?", "3.4万元 (result for 2025)"},
		{"2026-ningxia", "Over the 14th Five-Year Plan period, how did per capita disposable income of Ningxia residents change?", "2.57万元"},
		// No listed subject asked: their total is asked, which no one
		// subject's figure is.
		{"2026-jiangsu", "江苏2026年550个省重大项目计划完成总投资多少亿元？", "没有给出所问的数字"},
		{"2026-jiangsu", "江苏2026年水利领域投资额力争达到多少？", "450亿元"},
	})
}
