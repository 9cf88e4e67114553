package qa

import (
	"strings"
	"testing"

	"github.com/reportbot/reportbot/answer"
)

// answerCase is a question to one real report (a testdata stem, see
// reportFile) and what its answer must contain; an empty want asks for a
// refusal, an answer with no citation.
type answerCase struct {
	report, question, want string
}

// checkAnswers asks each case of its report and checks the answer; every
// citation is checked against the report's text by ask. It returns the
// answers, in order, for further checks.
func checkAnswers(t *testing.T, cases []answerCase) []answer.Answer {
	t.Helper()
	out := make([]answer.Answer, len(cases))
	for i, tt := range cases {
		e, _ := engineFor(t, reportFile(tt.report))
		a := ask(t, e, answer.Request{Question: tt.question})
		switch {
		case tt.want == "" && len(a.Citations) > 0:
			t.Errorf("%s %q: answered %q, want a refusal", tt.report, tt.question, a.Text)
		case tt.want != "" && !strings.Contains(a.Text, tt.want):
			t.Errorf("%s %q: answered %q, want %s", tt.report, tt.question, a.Text, tt.want)
		}
		out[i] = a
	}
	return out
}

// TestDropUnused: citations the text never marks are dropped and the rest
// numbered in order, markers and all.
func TestDropUnused(t *testing.T) {
	cits := []answer.Citation{{N: 1, Text: "a"}, {N: 2, Text: "b"}, {N: 3, Text: "c"}}
	text, got := dropUnused("甲[1]乙[3]丙[3]", cits)
	if text != "甲[1]乙[2]丙[2]" || len(got) != 2 || got[1].Text != "c" || got[1].N != 2 {
		t.Errorf("dropUnused = %q %+v, want 甲[1]乙[2]丙[2] and citations a, c", text, got)
	}
	text, got = dropUnused("甲[1]乙[2]", cits[:2])
	if text != "甲[1]乙[2]" || len(got) != 2 {
		t.Errorf("dropUnused changed an answer that marks every citation: %q %+v", text, got)
	}
}
