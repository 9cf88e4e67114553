package qa

import (
	"strings"

	"github.com/reportbot/reportbot/answer"
)

// Reason says why a question is not answered. Every refusal of the engine
// is one of these, with one wording per language, here and nowhere else.
type Reason int

// The reasons for a refusal.
const (
	// NotStated: the reports do not state what the question asks.
	NotStated Reason = iota
	// NoFigure: the reports discuss the subject but give no figure of the
	// asked kind and period.
	NoFigure
	// OtherPlace: the question names a place the reports do not cover.
	OtherPlace
	// OtherYear: the question asks about a year the reports do not cover.
	OtherYear
	// Injection: the question tries to change how the bot answers.
	Injection
	// NoDate: a when-question, and the evidence gives no date.
	NoDate
)

// refusalText is the plain statement for each reason; %s is replaced by
// the detail (a place, a year) where the wording has one.
var refusalText = map[Reason][2]string{
	NotStated:  {"报告没有提到这一点。", "The report does not say."},
	NoFigure:   {"报告提到了相关内容，但没有给出所问的数字。", "The report mentions this but gives no such figure."},
	OtherPlace: {"报告没有涉及%s。", "The report does not cover %s."},
	OtherYear:  {"报告没有提到%s年的情况。", "The report does not cover %s."},
	Injection:  {"报告没有提到这一点。(问题中含有要求改变回答方式的指令，已忽略；我只依据报告作答。)", "The report does not say. (The question contains instructions to change how I answer; they were ignored. I answer only from the report.)"},
	NoDate:     {"报告提到了相关内容，但没有给出时间。", "The report mentions this but gives no date."},
}

// refuse builds the answer that says the reports do not answer q. It has
// no citations: nothing is claimed.
func refuse(q *Question, r Reason, detail string) answer.Answer {
	i := 0
	if q.Lang == English {
		i = 1
	}
	text := strings.Replace(refusalText[r][i], "%s", detail, 1)
	return answer.Answer{
		Question:   q.Raw,
		Text:       text,
		Answerable: false,
		Grounded:   true,
		Mode:       answer.ModeExtractive,
		Citations:  []answer.Citation{},
	}
}

// IsRefusal reports whether text is one of the engine's refusals.
func IsRefusal(text string) bool {
	for _, w := range refusalText {
		for _, s := range w {
			prefix, _, _ := strings.Cut(s, "%s")
			if prefix != "" && strings.HasPrefix(text, prefix) {
				return true
			}
		}
	}
	return false
}
