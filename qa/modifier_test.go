package qa

import "testing"

// TestContrastingModifier: a measure asked with its own modifier (旅客吞吐量)
// is not what a sentence states under another (货邮吞吐量); a sentence
// that has the question's modifier, or none, or a neutral one, may answer.
func TestContrastingModifier(t *testing.T) {
	e, _ := engineFor(t, reportFile("2026-henan"))
	tests := []struct {
		question, text string
		want           bool
	}{
		{"郑州机场旅客吞吐量是多少？", "郑州机场年货邮吞吐量突破100万吨。", true},
		{"郑州机场旅客吞吐量是多少？", "郑州机场旅客吞吐量突破3000万人次。", false},
		{"郑州机场旅客吞吐量是多少？", "郑州机场年吞吐量突破3000万人次。", false},
		{"郑州机场旅客吞吐量是多少？", "吞吐量突破3000万人次。", false},
		{"粮食产量是多少？", "粮食产量1344亿斤。", false},
	}
	for _, tt := range tests {
		q := e.understand(tt.question)
		if got := contrastingModifier(q, fold(tt.text)); got != tt.want {
			t.Errorf("contrastingModifier(%q, %q) = %v, want %v", tt.question, tt.text, got, tt.want)
		}
	}
	checkAnswers(t, []answerCase{
		{"2026-henan", "郑州机场2025年旅客吞吐量是多少？", ""},
		{"2026-henan", "郑州机场货邮吞吐量突破了多少？", "100万吨"},
	})
}
