package qa

import "testing"

// TestEnumeratedItem: an ordinal question about a list written inside
// running text, after the count that announces it.
func TestEnumeratedItem(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"2026-beijing", "《纲要草案》部署的13项任务举措中，第四项是什么？", "聚力创新策源"},
		{"2026-guizhou", "贵州2026年“十件民生实事”中的第（5）件是什么？", "避险搬迁"},
		// The section's short title points at the list in its body:
		// （二）重点任务。主要包括：一是…；二是….
		{"2026-jilin", "“十五五”的重点任务中，第七是什么？", "七是进一步全面深化改革"},
		// A long title is named by its first clause, with or without its
		// opening verb, and its list may follow an opening sentence.
		{"000_006ff7903b525843", "“聚焦改革破难”那部分里,“二是”讲的是什么?", "二是智治为翼"},
		{"000_006ff7903b525843", "2024年党的建设部分里,“二是”讲的是什么?", "二是强化党建阵地建设"},
		// 第四个“优化” is the fourth item, whatever noun is quoted after it.
		{"000_006ff7903b525843", "“聚焦环境优化”这一部分列出的第四个“优化”是什么?", "四是优化生态环境"},
	})
}

// TestItemAt: markers of an enumeration, and none where the list does not
// start right after its announcement.
func TestItemAt(t *testing.T) {
	tests := []struct {
		text string
		n    int
		want string
	}{
		{"：一是坚守职责使命；二是繁荣首都文化；三是深化改革。", 2, "二是繁荣首都文化"},
		{"”。（1）做好就业；（2）办好教育；", 2, "（2）办好教育"},
		{"：1.扩大消费。2.稳定投资。", 2, "2.稳定投资"},
		{"，要统筹发展和安全。一是稳增长；二是防风险。", 2, ""},
	}
	for _, tt := range tests {
		start, end, ok := itemAt(tt.text, tt.n)
		got := ""
		if ok {
			got = tt.text[start:end]
		}
		if got != tt.want {
			t.Errorf("itemAt(%q, %d) = %q, want %q", tt.text, tt.n, got, tt.want)
		}
	}
}

// FuzzItemAt: any text and number give offsets inside the text or none.
func FuzzItemAt(f *testing.F) {
	f.Add("：一是坚守职责使命；二是繁荣首都文化；", 2)
	f.Add("（1）做好就业；（2）办好教育", 1)
	f.Fuzz(func(t *testing.T, s string, n int) {
		if n < 1 || n > 99 {
			return
		}
		start, end, ok := itemAt(s, n)
		if ok && (start < 0 || end < start || end > len(s)) {
			t.Fatalf("itemAt(%q, %d) = %d, %d", s, n, start, end)
		}
	})
}

// TestListSiblings: a list the report spreads over sentences (轨道22号线…;
// 轨道17号线…) is answered with each of them.
func TestListSiblings(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"000_006ff7903b525843", "Which metro lines feature in the 2024 transport plans?", "17号线"},
		{"000_006ff7903b525843", "Which metro lines feature in the 2024 transport plans?", "22号线"},
	})
}
