package qa

import (
	"strings"
	"testing"

	"github.com/reportbot/reportbot/answer"
)

// TestHeaderWhoAndWhere: who delivered a report and at which meeting come
// from its header, each line cited, a spaced-out name included.
func TestHeaderWhoAndWhere(t *testing.T) {
	tests := []struct {
		report, question string
		want             []string
	}{
		{"2026-guangxi", "这份广西政府工作报告是谁在什么会议上作的？", []string{"第十四届人民代表大会第五次会议", "韦 韬"}},
		{"2026-hunan", "Who delivered this report, and at which meeting?", []string{"湖南省第十四届人民代表大会第四次会议", "毛伟明"}},
	}
	for _, tt := range tests {
		e, _ := engineFor(t, reportFile(tt.report))
		a := ask(t, e, answer.Request{Question: tt.question})
		for _, w := range tt.want {
			if !strings.Contains(a.Text, w) {
				t.Errorf("%s %q: answered %q, want %s", tt.report, tt.question, a.Text, w)
			}
		}
		if len(a.Citations) != len(tt.want) {
			t.Errorf("%s %q: %d citations, want the meeting line and the speaker line", tt.report, tt.question, len(a.Citations))
		}
	}
}

// TestHeaderSource: the source line answers who issued the report, cut
// before the page's furniture.
func TestHeaderSource(t *testing.T) {
	as := checkAnswers(t, []answerCase{
		{"000_006ff7903b525843", "这份报告是哪个单位发的，日期是哪天？", "龙华区观湖街道办 日期:2024年02月02日。"},
		{"2026-anhui", "What is the source of this report?", "安徽日报"},
		// who published it: the source line, which dates it too.
		{"000_006ff7903b525843", "Who published this report and on what date?", "龙华区观湖街道办"},
	})
	if strings.Contains(as[0].Text, "字体") {
		t.Errorf("source answer %q holds the page's furniture", as[0].Text)
	}
}

// TestReportAsSourceNotSubject: a question about what the report says
// (whose cases does the report say…, 报告中提到谁) is about its content,
// not about who delivered it; "when building" is no question of when.
func TestReportAsSourceNotSubject(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"2026-neimenggu", "Whose disciplinary cases does the report say the government must learn from when building a clean government?", "孙绍骋"},
		{"2026-hunan", "Who delivered this report?", "毛伟明"},
	})
}
