package qa

import (
	"slices"
	"strings"
	"testing"
)

// TestUnderstandTerms: what understand makes of a question's words, on the
// seed engine.
func TestUnderstandTerms(t *testing.T) {
	e := seedEngine(t)
	tests := []struct {
		name, question string
		ask            []string // terms that only say what kind of answer is wanted
		absent         []string // texts that must not be terms
	}{
		{"answer type at the end", "观湖获得了什么荣誉？", []string{"荣誉"}, []string{"到了", "得了"}},
		{"answer type before a verb", "哪部作品摘得了文华剧目奖？", []string{"作品"}, nil},
		{"aspect particle glued by the dictionary", "入库率达到了多少?", nil, []string{"到了"}},
		{"what is X asks about X", "什么是瓶改管？", nil, nil},
		{"longest filler first", "吉祥物叫什么名字？", nil, []string{"叫", "名字"}},
		{"more or less", "2026年目标比2025年实际多还是少?", []string{"实际"}, []string{"还是", "多", "少"}},
		{"compare words ask", "就业目标与实际完成数相比差多少?", []string{"相比", "数"}, nil},
		{"when words ask", "习近平总书记是什么时间到云南考察的？", []string{"时间"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := e.understand(tt.question)
			terms := map[string]*Term{}
			for _, tm := range q.Terms {
				terms[tm.Text] = tm
			}
			for _, w := range tt.ask {
				if tm, ok := terms[w]; !ok || !tm.Ask {
					t.Errorf("%q: term %q should be an ask word (terms %v)", tt.question, w, keys(terms))
				}
			}
			for _, w := range tt.absent {
				if _, ok := terms[w]; ok {
					t.Errorf("%q: %q should not be a term", tt.question, w)
				}
			}
			if tt.ask == nil {
				for _, tm := range q.Terms {
					if tm.Ask && !isAskWord(tm.Text) {
						t.Errorf("%q: %q marked as an answer type", tt.question, tm.Text)
					}
				}
			}
		})
	}
}

func keys(m map[string]*Term) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestDefinesTerm: which sentences are glossary entries of a question's
// term.
func TestDefinesTerm(t *testing.T) {
	e := seedEngine(t)
	tests := []struct {
		question, sentence string
		want               bool
	}{
		{"“三大高地”分别是什么？", "7.“三大高地”“五大战略”：革命老区高质量发展高地、内陆地区改革开放高地", true},
		{"“两新”是指什么？", "2.“两新”：是指大规模设备更新和消费品以旧换新。", true},
		{"“三大高地”分别是什么？", "围绕加快打造“三大高地”，深入实施“五大战略”。", false},
		{"“两新”是指什么？", "主要预期目标是：经济增长5%左右，“两新”政策加力扩围。", false},
		{"“两新”是指什么？", "3.“自审自发”：国务院办公厅印发意见。", false},
	}
	for _, tt := range tests {
		q := e.understand(tt.question)
		if got := definesTerm(q, fold(tt.sentence)); got != tt.want {
			t.Errorf("definesTerm(%q, %q) = %v, want %v", tt.question, tt.sentence, got, tt.want)
		}
	}
}

// TestHowLong: an English how long asks a length when it is followed by
// a form of be, a time when something takes or lasts.
func TestHowLong(t *testing.T) {
	e := seedEngine(t)
	tests := []struct {
		question string
		duration bool
		unit     string
	}{
		{"How long was the expressway network by the end of 2025?", false, "公里"},
		{"How long is the new metro line?", false, "公里"},
		{"How long did the average case take to close?", true, ""},
		{"How long does the project last?", true, ""},
	}
	for _, tt := range tests {
		q := e.understand(tt.question)
		if q.Duration != tt.duration || q.Unit != tt.unit {
			t.Errorf("%q: duration %v unit %q, want %v %q", tt.question, q.Duration, q.Unit, tt.duration, tt.unit)
		}
	}
}

// TestListAnchors: the count and noun a list question asks for, as a
// report may write them.
func TestListAnchors(t *testing.T) {
	tests := []struct {
		question string
		want     []string
	}{
		{"2025年统筹推进城乡融合发展要开展哪4项行动?", []string{"4项行动", "四项行动"}},
		{"江西要打造哪三大高地?", []string{"3大高地", "三大高地"}},
		{"四大流域是哪四个？", nil},
		{"2025年GDP是多少?", nil},
	}
	for _, tt := range tests {
		got := listAnchors(tt.question)
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("listAnchors(%q) = %v, want %v", tt.question, got, tt.want)
		}
	}
}

// TestOrdinalOrFirst: 第N个 is an item of a list only before a word for
// one (方面, 任务, 是); 第一个低空经济产业园 is a first-ever park.
func TestOrdinalOrFirst(t *testing.T) {
	e := seedEngine(t)
	tests := []struct {
		question string
		want     int
	}{
		{"2024年工作安排的第三个方面是什么?", 3},
		{"第二个重点任务讲什么?", 2},
		{"第四个是什么?", 4},
		{"龙华区第一个低空经济产业园是哪个园区?", 0},
	}
	for _, tt := range tests {
		if got := e.understand(tt.question).Ordinal; got != tt.want {
			t.Errorf("ordinal of %q = %d, want %d", tt.question, got, tt.want)
		}
	}
}

// TestAncestorsInScope: the divisions above a report's own region belong
// to it, so a question naming its city is not about another place.
func TestAncestorsInScope(t *testing.T) {
	got := strings.Join(ancestorsOf(seedReport(t)), " ")
	for _, want := range []string{"龙华区", "深圳市", "广东省"} {
		if !strings.Contains(got, want) {
			t.Errorf("ancestors of the seed's region = %q, want %s", got, want)
		}
	}
}

// TestAncestorAsAWhole: a question about a division above the report's
// region as a whole (Longhua district as a whole, 龙华全区) is answered
// only by what the report says of that division (全区首创), not by the
// report's own figures, which still answer the plain question.
func TestAncestorAsAWhole(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"000_006ff7903b525843", "What was the fixed-asset investment total for Longhua district as a whole in 2023?", ""},
		{"000_006ff7903b525843", "龙华全区2023年全社会固定资产投资是多少?", ""},
		{"000_006ff7903b525843", "2023年全社会固定资产投资是多少?", "93.86亿元"},
		{"000_006ff7903b525843", "龙华全区首创的街面应急管理服务站是什么模式?", "1+4+5"},
	})
}

// TestEnglishPhrases: an English phrase does not cross a comma, and the
// words of a period (last year) are not terms.
func TestEnglishPhrases(t *testing.T) {
	e := seedEngine(t)
	tests := []struct {
		question string
		want     []string // terms that must be there
		absent   []string // terms that must not
	}{
		{"On the transport side, how many road projects were pushed?", []string{"road projects"}, []string{"side road", "side road projects"}},
		{"What was the total fixed-asset investment last year, in absolute terms?", []string{"fixed-asset investment"}, []string{"last year", "absolute", "terms"}},
		{"How many school places came on stream in 2023?", []string{"school places", "came on stream"}, nil},
	}
	for _, tt := range tests {
		terms := map[string]bool{}
		for _, tm := range e.understand(tt.question).Terms {
			terms[tm.Text] = true
		}
		for _, w := range tt.want {
			if !terms[w] {
				t.Errorf("%q: no term %q (terms %v)", tt.question, w, terms)
			}
		}
		for _, w := range tt.absent {
			if terms[w] {
				t.Errorf("%q: %q should not be a term", tt.question, w)
			}
		}
	}
}

// TestTownNamesOnWordBounds: a town's name counts as a place only where
// the question's words have it whole (城里人和乡下人 holds 人和乡 across
// words).
func TestTownNamesOnWordBounds(t *testing.T) {
	e := seedEngine(t)
	tests := []struct {
		question string
		want     string // a place that must be found; "" none
	}{
		{"云南城里人和乡下人的收入差距缩小了吗？", ""},
		{"观澜街道2023年GDP是多少?", "观澜街道"},
	}
	for _, tt := range tests {
		got := strings.Join(e.placesIn(tt.question), ",")
		if got != tt.want && !strings.Contains(got, tt.want) || tt.want == "" && strings.Contains(got, "人和乡") {
			t.Errorf("placesIn(%q) = %q, want %q", tt.question, got, tt.want)
		}
	}
}

// TestOrdinalPlace: 排在第六位的是哪项 asks the sixth item.
func TestOrdinalPlace(t *testing.T) {
	e := seedEngine(t)
	if got := e.understand("重点抓好的十个方面工作里，排在第六位的是哪项？").Ordinal; got != 6 {
		t.Errorf("ordinal = %d, want 6", got)
	}
	if got := e.understand("广东GDP在全国排第几位？").Ordinal; got != 0 {
		t.Errorf("a rank question read as ordinal %d", got)
	}
}

// TestEitherOr: a question comparing two things becomes one question
// about each; a target compared with its result (相比) does not.
func TestEitherOr(t *testing.T) {
	tests := []struct {
		question string
		want     []string
	}{
		{"Which grew faster in 2023, digital economy output or fixed-asset investment?",
			[]string{"Which grew faster in 2023, digital economy output", "Which grew faster in 2023, fixed-asset investment"}},
		{"2023年数字经济产值和固定资产投资哪个增长更快?", []string{"2023年数字经济产值哪个增长更快", "固定资产投资哪个增长更快"}},
		{"2026年规上工业增加值增速目标与2025年的实际增速相比，哪个更高？", []string{"2026年规上工业增加值增速目标与2025年的实际增速相比，哪个更高"}},
		{"Which had the higher rate in 2023: the renewal project or the land consolidation?",
			[]string{"Which had the higher rate in 2023, the renewal project", "Which had the higher rate in 2023, the land consolidation"}},
		// A comma clause that opens with the base of a comparison is an ask.
		{"入库率目前是多少,和2024年的目标比还差多少?", []string{"入库率目前是多少", "和2024年的目标比还差多少"}},
		{"投资增长多少，比上年快多少？", []string{"投资增长多少", "比上年快多少"}},
	}
	for _, tt := range tests {
		if got := subQuestions(tt.question); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("subQuestions(%q) = %q, want %q", tt.question, got, tt.want)
		}
	}
}

// TestSwitchContraction: a switch said in full (煤气罐换成管道燃气) finds
// the genre's contraction of it (瓶改管) in the reports.
func TestSwitchContraction(t *testing.T) {
	e := seedEngine(t)
	for _, question := range []string{
		"家里煤气罐换成管道燃气的改造,观湖一共改了多少户?",
		"家里不用煤气罐、改通管道燃气,观湖累计改了多少户?",
		"观湖把家里用煤气罐的改成通管道燃气,一共改了多少户?",
	} {
		found := false
		for _, tm := range e.understand(question).Terms {
			for _, f := range tm.Forms {
				found = found || f == "瓶改管"
			}
		}
		if !found {
			t.Errorf("%q: no term has the form 瓶改管", question)
		}
	}
}

// TestWhichPart: 讲X的是第几部分 asks which part, not how many.
func TestWhichPart(t *testing.T) {
	e := seedEngine(t)
	q := e.understand("报告里讲“十四五”成就的是第几部分？")
	if q.Count || !q.Section {
		t.Errorf("第几部分: count %v section %v, want a section question", q.Count, q.Section)
	}
	if q := e.understand("报告共分几个部分？"); !q.Count {
		t.Errorf("几个部分: not a count question")
	}
}

// TestPlanningAsks: planning, aiming and targets only say that a goal is
// asked.
func TestPlanningAsks(t *testing.T) {
	for _, w := range []string{"planning", "plans", "aiming", "targets", "goals"} {
		if !isAskWord(w) {
			t.Errorf("isAskWord(%q) = false", w)
		}
	}
}

// TestZones: a named development zone is a place the question insists on;
// a kind of zone is not.
func TestZones(t *testing.T) {
	tests := []struct {
		question string
		want     string
	}{
		{"雄安新区2025年地区生产总值是多少？", "雄安新区"},
		{"报告列举了哪些迁驻雄安新区运营的标志性疏解项目？", "雄安新区"},
		{"国家级新区有几个？", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(zonesIn(tt.question), ","); got != tt.want {
			t.Errorf("zonesIn(%q) = %q, want %q", tt.question, got, tt.want)
		}
	}
}

// TestEverydayWordsInsideWords: an everyday word the lexicon knows counts
// only where the question's words have it whole (盖了 is not in 覆盖了),
// the genre's own abbreviations anywhere (规上 after 家).
func TestEverydayWordsInsideWords(t *testing.T) {
	e := seedEngine(t)
	tests := []struct {
		question string
		want     string // a term that must be there
		absent   string // a term that must not
	}{
		{"江苏去年发的养娃补贴覆盖了多少小宝宝？", "覆盖", "盖了"},
		{"2024年观湖计划新增多少家规上工业企业?", "规上", "家规"},
	}
	for _, tt := range tests {
		terms := map[string]bool{}
		for _, tm := range e.understand(tt.question).Terms {
			terms[tm.Text] = true
		}
		if !terms[tt.want] || terms[tt.absent] {
			t.Errorf("%q: terms %v, want %q and not %q", tt.question, terms, tt.want, tt.absent)
		}
	}
}

// TestUnresolvedPlaces: an English place named with its kind that no
// report reads as is a place the question insists on; a sentence's
// capitalised first word before "subdistrict" is not.
func TestUnresolvedPlaces(t *testing.T) {
	e := seedEngine(t)
	tests := []struct {
		question string
		want     string
	}{
		{"The subdistrict's emergency agency met which standard?", ""},
		{"What was Minzhi subdistrict's GDP in 2023?", "Minzhi"},
		{"How many party members does Guanhu subdistrict have?", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(e.unresolvedPlaces(tt.question), ","); got != tt.want {
			t.Errorf("unresolvedPlaces(%q) = %q, want %q", tt.question, got, tt.want)
		}
	}
}

// TestBaseYears: the year an English question measures from is not a
// period asked, unless it is a goal's year.
func TestBaseYears(t *testing.T) {
	for _, tt := range []struct {
		q    string
		want []int
	}{
		{"How much did GDP grow in 2025 compared with 2020?", []int{2025}},
		{"What rate was achieved in 2023 compared with the 2024 goal?", []int{2023, 2024}},
		{"How did output change versus 2019 levels in 2025?", []int{2025}},
	} {
		got, _ := yearsAndSpan(withoutBaseYears(tt.q))
		if !slices.Equal(uniqueInts(got), tt.want) {
			t.Errorf("years of %q = %v, want %v", tt.q, got, tt.want)
		}
	}
}
