package qa

import (
	"strings"
	"testing"
)

// TestShortcomings: the problems a report admits come from its block of
// shortcomings, in Chinese and English.
func TestShortcomings(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"000_006ff7903b525843", "报告认为观湖发展还存在哪些问题和不足?", "发展不足、发展不优、发展不平衡"},
		{"000_006ff7903b525843", "What does the committee describe as Guanhu's biggest underlying problem?", "发展不平衡"},
		{"2026-hunan", "政府工作还存在哪些不足?", "清醒看到"},
	})
}

// TestPartQuestions: which part deals with the government's own conduct,
// and what parts a report has.
func TestPartQuestions(t *testing.T) {
	cases := []answerCase{
		{"2026-fujian", "福建这份报告中专门讲政府自身建设的是第几部分？标题是什么？", "四、一以贯之转作风"},
		{"000_006ff7903b525843", "这份报告分为哪几大部分?", "两个部分"},
	}
	for i, a := range checkAnswers(t, cases) {
		if strings.Contains(a.Text, "没有提到") {
			t.Errorf("%q: answered %q, with a refusal in it", cases[i].question, a.Text)
		}
	}
}

// TestQuotedPhrase: a phrase the question quotes and the report writes is
// a term of its own, whatever the fillers cut from it (最大).
func TestQuotedPhrase(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"000_006ff7903b525843", "报告在总结2023年工作时,认为观湖“最大的实际”是什么?", "发展不平衡"},
	})
}
