package answer

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// Real report sentences: the seed report (report/testdata/000_…) and the
// 2026 provincial reports (testdata/corpus/2026).
const (
	seedHeadline  = "全年规上工业总产值494.91亿元,同比增长1.72%,规上工业增加值增速6.8%,全社会固定资产投资93.86亿元,同比增长8.53%,社会消费品零售总额90.2亿元,同比增长1.8%,较好完成了全年目标任务。(以统计公布为准)"
	seedPolice    = "积极推动警社合署办公,街面“两抢”案件零发案,刑事、治安警情实现“双降”,违法犯罪总警情同比下降22.1%。"
	seedParty     = "紧扣主题教育主线,举办读书班、现场参观、专题授课等56场次,落实“第一议题”和理论学习中心组学习74次,开展“三会一课”、主题党日活动5000余场次,讲党课600余场次。"
	seedTargets   = "聚焦科技创新、智改数转、高企培育、专精特新等方面,加大企业创新支持力度,鼓励企业不断加大研发投入,力争2024年新增专精特新、单项冠军、上市企业等30家以上;聚焦电子信息、生物医药、智能制造等优势领域,持续丰富规上企业库,力争2024年新增规上工业企业23家。"
	gdTrade       = "货物进出口总额9.5万亿元、增长4.4%，贡献了全国24.1%的增量。"
	gdRetail      = "开展“以旧换新”等促消费活动，社会消费品零售总额实现4.6万亿元、增长2.8%。"
	bjBusiness    = "持续营造国际一流营商环境，累计推出119个“高效办成一件事”重点事项，平均压减时间58%、材料52%；月均现场检查量下降42.9%、非现场检查量占比提升至70.6%，纳入“无事不扰”白名单企业55万户、占全部企业超两成，为服务包企业和服务热线拨打企业提供服务64.8万项、增长107.2%。"
	jsSafety      = "持续巩固“一年小灶、三年大灶”成果，实施安全生产治本攻坚三年行动，生产安全事故起数、死亡人数比2020年分别下降65.3%、58.3%。"
	sxCoal        = "能源保供彰显山西担当，五年生产原煤65亿吨，占全国近三成，以长协价为24个省份保供电煤20亿吨。"
	gdVisit       = "11月6日至10日，习近平总书记亲临广东视察并出席第十五届全国运动会开幕式，作出一系列重要讲话重要指示，全省广大干部群众备受鼓舞、倍感振奋。"
	bjFourCenters = "这五年，我们牢记嘱托、锚定蓝图，“四个中心”功能建设不断加强。"
)

// cites numbers texts as passages [1], [2], ….
func cites(texts ...string) []Citation {
	out := make([]Citation, len(texts))
	for i, t := range texts {
		out[i] = Citation{N: i + 1, ID: fmt.Sprintf("c%d", i+1), Text: t}
	}
	return out
}

// fixture returns the passages the table tests cite, with the titles and
// dates the engine sets: [1] to [4] the seed report, [5] to [10] provincial
// reports of 2026.
func fixture() []Citation {
	cs := cites(seedHeadline, seedPolice, seedParty, seedTargets, gdTrade, bjBusiness, jsSafety, sxCoal, gdVisit, bjFourCenters)
	for i := range cs[:4] {
		cs[i].Report, cs[i].Date = "2024年观湖街道党工委工作报告", "2024-02-02"
	}
	for i, r := range []string{"广东省", "北京市", "江苏省", "山西省", "广东省", "北京市"} {
		cs[4+i].Report, cs[4+i].Date = "2026年"+r+"政府工作报告", "2026-02-02"
	}
	return cs
}

func kinds(ps []Problem) []ProblemKind {
	var out []ProblemKind
	for _, p := range ps {
		out = append(out, p.Kind)
	}
	return out
}

type checkCase struct {
	name string
	text string
	opt  CheckOptions
	want []ProblemKind // nil: the text passes
}

func runCheckCases(t *testing.T, cases []checkCase) {
	t.Helper()
	cs := fixture()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Check(tc.text, cs, tc.opt)
			if !slices.Equal(kinds(got), tc.want) {
				t.Errorf("Check(%q, fixture, %+v) = %v, want kinds %v", tc.text, tc.opt, got, tc.want)
			}
		})
	}
}

var (
	k = func(ks ...ProblemKind) []ProblemKind { return ks }
	// guanhu is what the engine passes for a question about the seed
	// report: its reviewed and planned years.
	guanhu = CheckOptions{Years: []int{2023, 2024}}
)

// TestCheckProblems: for every kind of problem, the adversarial reply is
// flagged and the honest reply next to it passes.
func TestCheckProblems(t *testing.T) { runCheckCases(t, problemCases) }

var problemCases = []checkCase{
	// NoCitation.
	{"uncited number", "规上工业总产值494.91亿元。", guanhu, k(NoCitation)},
	{"uncited number, cited", "规上工业总产值494.91亿元[1]。", guanhu, nil},
	{"uncited content", "观湖街道推动警社合署办公。", guanhu, k(NoCitation)},
	{"uncited content, cited", "观湖街道推动警社合署办公[2]。", guanhu, nil},
	{"marker names no passage", "规上工业总产值494.91亿元[12]。", guanhu, k(NoCitation)},
	{"marker on the next line is not the sentence's", "规上工业总产值494.91亿元。\n[1]", guanhu, k(NoCitation)},
	{"uncited English", "Industrial output was 494.91亿 yuan.", guanhu, k(NoCitation)},
	{"uncited English, cited", "Industrial output was 494.91亿 yuan [1].", guanhu, nil},
	{"one sentence of two uncited", "规上工业总产值494.91亿元[1]。社会消费品零售总额90.2亿元。", guanhu, k(NoCitation)},

	// UnsupportedNumber.
	{"wrong scale", "规上工业总产值494.91万元[1]。", guanhu, k(UnsupportedNumber)},
	{"invented", "规上工业总产值约500亿元[1]。", guanhu, k(UnsupportedNumber)},
	{"rounded at the same scale", "规上工业总产值494.9亿元[1]。", guanhu, k(UnsupportedNumber)},
	{"in a passage the sentence does not cite", "违法犯罪总警情同比下降22.1%[1]。", guanhu, k(UnsupportedNumber, UnsupportedTerms)},
	{"in the cited passage", "违法犯罪总警情同比下降22.1%[2]。", guanhu, nil},
	{"Chinese numeral with scale", "山西五年生产原煤四百九十九亿吨[8]。", nil2(), k(UnsupportedNumber)},
	{"Chinese numeral with scale, right", "山西五年生产原煤六十五亿吨[8]。", nil2(), nil},
	{"Chinese numeral with measure word", "开展主题党日活动六千余场次[3]。", guanhu, k(UnsupportedNumber)},
	{"Chinese numeral with measure word, right", "开展主题党日活动五千余场次[3]。", guanhu, nil},
	{"成", "纳入白名单企业占全部企业超三成[6]。", nil2(), k(UnsupportedNumber)},
	{"成, right", "纳入白名单企业占全部企业超两成[6]。", nil2(), nil},
	{"approximate 成", "山西原煤产量占全国近四成[8]。", nil2(), k(UnsupportedNumber)},
	{"approximate 成, right", "山西原煤产量占全国近三成[8]。", nil2(), nil},
	{"百分之", "北京平均压减办事时间百分之六十[6]。", nil2(), k(UnsupportedNumber)},
	{"百分之, right", "北京平均压减办事时间百分之五十八[6]。", nil2(), nil},
	{"Chinese decimal", "规上工业总产值同比增长百分之一点八二[1]。", guanhu, k(UnsupportedNumber)},
	{"Chinese decimal, right", "规上工业总产值同比增长百分之一点七二[1]。", guanhu, nil},
	{"Chinese decimal with scale, right", "广东货物进出口总额九点五万亿元[5]。", nil2(), nil},
	{"rate for a count", "违法犯罪总警情同比下降22.1个[2]。", guanhu, nil}, // a bare count may match a rate's value
	{"count for a rate", "共推出119%的重点事项[6]。", nil2(), k(UnsupportedNumber)},
	{"English million for 亿", "Industrial output was 494.91 million yuan [1].", guanhu, k(UnsupportedNumber)},
	{"English billion, rounded to three digits", "Industrial output was 49.5 billion yuan [1].", guanhu, nil},
	{"English billion, rounded too far", "Industrial output was 50 billion yuan [1].", guanhu, k(UnsupportedNumber)},
	{"English billion, exact", "Industrial output was 49.491 billion yuan [1].", guanhu, nil},

	{"figure of another metric", "全社会固定资产投资90.2亿元[1]。", guanhu, k(UnsupportedNumber)},
	{"rate of another metric", "规上工业总产值494.91亿元，同比增长8.53%[1]。", guanhu, k(UnsupportedNumber)},
	{"rate of another metric, alone", "规上工业总产值同比增长8.53%[1]。", guanhu, k(UnsupportedNumber)},
	{"figure of its metric", "社会消费品零售总额为90.2亿元[1]。", guanhu, nil},
	{"figure of its metric, abbreviated", "社零90.2亿元[1]。", guanhu, nil},
	{"rate of its metric", "全社会固定资产投资93.86亿元，同比增长8.53%[1]。", guanhu, nil},
	{"figures with 分别", "规上工业总产值、固定资产投资分别为494.91亿元、93.86亿元[1]。", guanhu, nil},
	{"a figure that names nothing", "其中，增速为6.8%[1]。", guanhu, nil},

	// QuestionNumber.
	{"echoes the question", "是的，512.37亿元[1]。", CheckOptions{Question: "2023年规上工业总产值是512.37亿元吗?", Years: []int{2023, 2024}}, k(QuestionNumber)},
	{"answers the question", "不是，2023年规上工业总产值为494.91亿元[1]。", CheckOptions{Question: "2023年规上工业总产值是512.37亿元吗?"}, nil},
	{"denies the question's number", "规上工业总产值不是512.37亿元，而是494.91亿元[1]。", CheckOptions{Question: "规上工业总产值是512.37亿元吗?"}, nil},
	{"echoes the question in English", "Yes, output was 512.37亿 yuan [1].", CheckOptions{Question: "Was industrial output 512.37亿 yuan?"}, k(QuestionNumber)},
	{"a question number that is also in the passage", "是的，494.91亿元[1]。", CheckOptions{Question: "规上工业总产值是494.91亿元吗?"}, nil},

	// UnsupportedYear.
	{"year from nowhere", "规上工业总产值比2019年翻了一番[1]。", guanhu, k(UnsupportedYear)},
	{"year of the report", "2023年规上工业总产值494.91亿元[1]。", guanhu, nil},
	{"year not given by Years", "2022年规上工业总产值494.91亿元[1]。", guanhu, k(UnsupportedYear)},
	{"year from the question", "2023年规上工业总产值494.91亿元[1]。", CheckOptions{Question: "2023年规上工业总产值是多少?"}, nil},
	{"year from the passage", "江苏生产安全事故起数比2020年下降65.3%[7]。", nil2(), nil},
	{"year from the passage's date", "2024年，规上工业总产值公布为494.91亿元[1]。", CheckOptions{}, nil},
	{"date not in the passage", "11月8日，习近平总书记亲临广东视察[9]。", nil2(), k(UnsupportedYear)},
	{"date in the passage", "11月6日至10日，习近平总书记亲临广东视察[9]。", nil2(), nil},
	{"English year from nowhere", "Gross industrial output reached 494.91亿 yuan, up from 2019 [1].", guanhu, k(UnsupportedYear)},
	{"year range", "2021-2025年规上工业总产值494.91亿元[1]。", guanhu, k(UnsupportedYear, UnsupportedYear)},
	{"five-year plan years", "规上工业总产值494.91亿元，2025年是十四五收官之年[1]。", CheckOptions{}, k(UnsupportedYear)},

	// DirectionFlip.
	{"up for down", "违法犯罪总警情同比增长22.1%[2]。", guanhu, k(DirectionFlip)},
	{"down for up", "规上工业总产值同比下降1.72%[1]。", guanhu, k(DirectionFlip)},
	{"reduced for grew", "全社会固定资产投资减少8.53%[1]。", guanhu, k(DirectionFlip)},
	{"English fell for 增长", "Gross industrial output fell 1.72% [1].", guanhu, k(DirectionFlip)},
	{"English decline of", "Fixed-asset investment saw a decline of 8.53% [1].", guanhu, k(DirectionFlip)},
	{"English rose for 下降", "Total reported crime rose 22.1% [2].", guanhu, k(DirectionFlip)},
	{"English after the number", "Crime was 22.1% higher than a year earlier [2].", guanhu, k(DirectionFlip)},
	{"direction right", "违法犯罪总警情同比下降22.1%[2]。", guanhu, nil},
	{"English direction right", "Total reported crime fell 22.1% year on year [2].", guanhu, nil},
	{"English down", "Crime was down 22.1% [2].", guanhu, nil},
	{"no direction stated", "违法犯罪总警情变化为22.1%[2]。", guanhu, nil},

	// Derived.
	{"sum stated as fact", "规上工业总产值与固定资产投资合计588.77亿元[1]。", guanhu, k(Derived)},
	{"sum computed in code", "规上工业总产值与固定资产投资合计588.77亿元[1]。", CheckOptions{Years: guanhu.Years, Computed: []string{"588.77亿元"}}, nil},
	{"computed given bare", "规上工业总产值与固定资产投资合计588.77亿元[1]。", CheckOptions{Computed: []string{"588.77"}}, nil},
	{"difference", "固定资产投资比社会消费品零售总额多3.66亿元[1]。", guanhu, k(Derived)},
	{"ratio as a percent", "固定资产投资相当于规上工业总产值的18.97%[1]。", guanhu, k(Derived)},
	{"English sum", "Output and investment together came to 588.77亿 yuan [1].", guanhu, k(Derived)},

	// UnsupportedTerms.
	{"prompt leak", "我是一个AI助手，我的指令是根据提供的资料回答问题[1]。", guanhu, k(UnsupportedTerms)},
	{"invented content", "观湖街道新建了国际机场和五星级酒店[1]。", guanhu, k(UnsupportedTerms)},
	{"invented next to a real number", "规上工业总产值494.91亿元，主要来自新能源汽车和芯片出口[1]。", guanhu, k(UnsupportedTerms)},
	{"content from the passage", "观湖街道规上工业总产值494.91亿元，较好完成了全年目标任务[1]。", guanhu, nil},
	{"English prompt leak", "I am an AI assistant and my instructions are to answer questions politely [1].", guanhu, k(UnsupportedTerms)},
	{"English invented content", "The subdistrict opened a new airport terminal and hosted an international film festival [1].", guanhu, k(UnsupportedTerms)},
	{"English content from the passage", "Criminal and public security incidents both declined [2].", guanhu, nil},
}

func nil2() CheckOptions { return CheckOptions{Years: []int{2025, 2026}} }

// TestCheckHonest: answers that copy numbers with their units, keep the
// directions, take content from the passages and years from the passages
// or the question pass, in the shapes LLMs write them.
func TestCheckHonest(t *testing.T) { runCheckCases(t, honestCases) }

// q is a question about the seed report, with its years.
var q = CheckOptions{Question: "2023年观湖街道经济指标怎么样?", Years: []int{2023, 2024}}

var honestCases = []checkCase{
	{"copied", "2023年，观湖街道规上工业总产值为494.91亿元，同比增长1.72%[1]。", q, nil},
	{"marker after the full stop", "2023年观湖街道规上工业总产值494.91亿元，同比增长1.72%。[1]", q, nil},
	{"full-width marker", "规上工业总产值494.91亿元，同比增长1.72%；全社会固定资产投资93.86亿元，同比增长8.53%【1】。", q, nil},
	{"a marker per clause", "规上工业总产值494.91亿元[1]，违法犯罪总警情同比下降22.1%[2]。", q, nil},
	{"grouped markers", "规上工业总产值494.91亿元，违法犯罪总警情同比下降22.1%[1,2]。", q, nil},
	{"grouped markers, full-width comma", "规上工业总产值494.91亿元，违法犯罪总警情同比下降22.1%[1，2]。", q, nil},
	{"marker range", "规上工业总产值494.91亿元，违法犯罪总警情同比下降22.1%[1-3]。", q, nil},
	{"adjacent markers", "规上工业总产值494.91亿元，违法犯罪总警情同比下降22.1%[1][2]。", q, nil},
	{"closing sentence without claim", "规上工业总产值494.91亿元[1]。以上信息来自报告。", q, nil},
	{"closing sentence in English", "Industrial output was 494.91亿 yuan [1]. The information above comes from the report.", q, nil},
	{"greeting and closing", "您好！规上工业总产值494.91亿元[1]。希望对您有帮助。", q, nil},
	{"English greeting and closing", "Sure. Industrial output was 494.91亿 yuan [1]. Hope this helps!", q, nil},
	{"list with an intro", "主要经济指标如下：\n1. 规上工业总产值494.91亿元，同比增长1.72%[1]\n2. 全社会固定资产投资93.86亿元，同比增长8.53%[1]\n3. 社会消费品零售总额90.2亿元，同比增长1.8%[1]", q, nil},
	{"Chinese list numbering", "1、规上工业总产值494.91亿元[1]\n2、违法犯罪总警情同比下降22.1%[2]", q, nil},
	{"Markdown heading and bullets", "### 2023年主要指标\n- 规上工业总产值：494.91亿元[1]\n- 社会消费品零售总额：90.2亿元[1]", q, nil},
	{"bold labels", "**规上工业总产值**：494.91亿元，同比增长1.72%[1]。", q, nil},
	{"several sentences, several passages", "观湖街道举办读书班、现场参观、专题授课等56场次，开展主题党日活动五千余场次，讲党课600余场次[3]。违法犯罪总警情同比下降22.1%[2]。", q, nil},
	{"target year", "2024年，观湖街道力争新增规上工业企业23家[4]。", q, nil},
	{"万亿", "广东货物进出口总额9.5万亿元，增长4.4%[5]。", nil2(), nil},
	{"万亿 written out", "广东货物进出口总额达到95000亿元[5]。", nil2(), nil},
	{"万 written out", "规上工业总产值达到4949100万元[1]。", q, nil},
	{"thousands separators", "规上工业总产值达到4,949,100万元[1]。", q, nil},
	{"full-width digits", "规上工业总产值４９４．９１亿元，同比增长１．７２％[1]。", q, nil},
	{"两成", "北京纳入“无事不扰”白名单企业55万户，占全部企业超两成[6]。", nil2(), nil},
	{"passage year", "江苏生产安全事故起数、死亡人数比2020年分别下降65.3%、58.3%[7]。", nil2(), nil},
	{"approximate", "山西五年生产原煤65亿吨，占全国近三成[8]。", nil2(), nil},
	{"named set copied", "北京“四个中心”功能建设不断加强[10]。", nil2(), nil},
	{"the report does not say", "报告没有提到2024年的具体产值目标。", q, nil},
	{"English copied", "In 2023, Guanhu's gross industrial output above designated size was 494.91亿 yuan, up 1.72% year on year [1].", q, nil},
	{"English converted to billions", "Gross industrial output reached 49.49 billion yuan in 2023, an increase of 1.72% [1].", q, nil},
	{"English two figures", "Fixed-asset investment was 9.386 billion yuan, up 8.53%, and retail sales of consumer goods were 9.02 billion yuan, up 1.8% [1].", q, nil},
	{"English decline", "Total reported crime fell 22.1% year on year [2].", q, nil},
	{"English trillion", "Guangdong's total imports and exports of goods reached 9.5 trillion yuan, up 4.4% [5].", nil2(), nil},
	{"English tonnes", "Shanxi produced 6.5 billion tonnes of raw coal over five years [8].", nil2(), nil},
	{"English percent", "Crime fell 22.1 percent [2].", q, nil},
	{"English the report does not say", "The report does not give a figure for 2024.", q, nil},
	{"English list", "Key figures:\n1. Gross industrial output: 494.91亿 yuan, up 1.72% [1]\n2. Fixed-asset investment: 93.86亿 yuan, up 8.53% [1]", q, nil},
	{"marker before the full stop in English", "Retail sales of consumer goods grew 1.8% [1].", q, nil},
	{"marker after the full stop in English", "Retail sales of consumer goods grew 1.8%. [1]", q, nil},
	{"empty", "", q, nil},
}

// TestCheckDetails: the details say what was wrong and where the right
// figure is.
func TestCheckDetails(t *testing.T) {
	cs := fixture()
	tests := []struct{ text, want string }{
		{"规上工业总产值494.91万元[1]。", "[1] has 494.91亿元"},
		{"违法犯罪总警情同比下降22.1%[1]。", "it is in [2], which the sentence does not cite"},
		{"违法犯罪总警情同比增长22.1%[2]。", "增长22.1%: [2] has 下降22.1%"},
		{"合计588.77亿元[1]。", "588.77亿元 = 494.91亿元 + 93.86亿元"},
		{"全社会固定资产投资90.2亿元[1]。", "90.2亿元: [1] gives it for 社会消费品零售总额, not 全社会固定资产投资"},
		{"规上工业总产值494.91亿元[12]。", "markers [12] name no passage"},
		{"比2019年翻了一番[1]。", "2019: not in [1]"},
	}
	for _, tc := range tests {
		ps := Check(tc.text, cs, guanhu)
		if len(ps) == 0 || !strings.Contains(ps[0].Detail, tc.want) {
			t.Errorf("Check(%q) = %v, want a detail containing %q", tc.text, ps, tc.want)
		}
	}
	p := Problem{Sentence: "s", Kind: Derived, Detail: "d"}
	if got, want := p.String(), `derived: d: "s"`; got != want {
		t.Errorf("Problem.String() = %q, want %q", got, want)
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"Chinese", "产值494.91亿元[1]。投资93.86亿元【2】！", []string{"产值494.91亿元[1]。", "投资93.86亿元【2】！"}},
		{"markers after the stop", "产值494.91亿元。[1][2] 投资。 [3]", []string{"产值494.91亿元。[1][2]", "投资。 [3]"}},
		{"closing quote", "他说“好。”[1]然后", []string{"他说“好。”[1]", "然后"}},
		{"lines", "1. 产值[1]\n2. 投资[2]\n\n完", []string{"1. 产值[1]", "2. 投资[2]", "完"}},
		{"decimal point", "Output grew 1.72% [1]. Investment rose.", []string{"Output grew 1.72% [1].", "Investment rose."}},
		{"abbreviation", "Output (e.g. steel) rose. No. 1 is here.", []string{"Output (e.g. steel) rose.", "No. 1 is here."}},
		{"list number", "1. Output rose.", []string{"1. Output rose."}},
		{"year at the end", "It was in 2023.", []string{"It was in 2023."}},
		{"ellipsis", "等等……还有", []string{"等等……", "还有"}},
		{"spaces only", " \n\t ", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for i := 0; ; {
				sp, ok := nextSentence(tc.in, i, true)
				if !ok {
					break
				}
				got = append(got, tc.in[sp.start:sp.end])
				i = sp.end
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("sentences of %q = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// termShareOf returns the share of the content units of answer that the
// term check finds in passage, and the units counted.
func termShareOf(answer string, passage Citation) (float64, int) {
	c := newChecker([]Citation{passage}, CheckOptions{})
	sc := scan(foldText(answer))
	units := contentUnits(sc.masked, isEnglish(sc.text))
	found, total := 0, 0
	for _, r := range c.terms(units, []*passageInfo{c.passage(0)}) {
		switch r {
		case termFound:
			found++
			total++
		case termMissing:
			total++
		}
	}
	if total == 0 {
		return 1, 0
	}
	return float64(found) / float64(total), total
}

// TestTermShareCalibration measures the term check's thresholds: honest
// rewordings of real passages, in Chinese and English, must reach them,
// and sentences of other reports cited for a passage must not.
func TestTermShareCalibration(t *testing.T) {
	guanhuReport := "2024年观湖街道党工委工作报告"
	honest := []struct{ passage, report, answer string }{
		{seedHeadline, guanhuReport, "根据报告，2023年观湖街道规上工业总产值达到494.91亿元，比上年增长1.72%[1]。"},
		{seedHeadline, guanhuReport, "观湖街道去年较好完成了全年目标任务[1]。"},
		{seedHeadline, guanhuReport, "去年规模以上工业增加值增速为6.8%[1]。"},
		{seedHeadline, guanhuReport, "全社会固定资产投资完成93.86亿元，增速8.53%[1]。"},
		{seedHeadline, guanhuReport, "社会消费品零售总额为90.2亿元，同比增长1.8%，这些数据以统计公布为准[1]。"},
		{seedPolice, guanhuReport, "街道推动警社合署办公，“两抢”案件实现零发案，违法犯罪总警情同比下降22.1%[1]。"},
		{seedPolice, guanhuReport, "在治安方面，刑事和治安警情都实现了下降[1]。"},
		{seedParty, guanhuReport, "街道围绕主题教育举办了读书班、现场参观和专题授课共56场次[1]。"},
		{seedParty, guanhuReport, "党员干部讲党课600余场次，主题党日等活动超过5000场次[1]。"},
		{seedTargets, guanhuReport, "2024年，街道力争新增规上工业企业23家，并新增专精特新、单项冠军和上市企业等30家以上[1]。"},
		{seedTargets, guanhuReport, "报告提出要鼓励企业加大研发投入，聚焦电子信息、生物医药和智能制造等优势领域[1]。"},
		{gdTrade, "2026年广东省政府工作报告", "广东货物进出口总额达到9.5万亿元，增长4.4%，占全国增量的24.1%[1]。"},
		{gdRetail, "2026年广东省政府工作报告", "通过以旧换新等促消费活动，全省社会消费品零售总额实现4.6万亿元，增长2.8%[1]。"},
		{bjBusiness, "2026年北京市政府工作报告", "北京累计推出119个“高效办成一件事”重点事项，平均压减办理时间58%[1]。"},
		{bjBusiness, "2026年北京市政府工作报告", "月均现场检查量下降了42.9%，非现场检查占比提升到70.6%[1]。"},
		{jsSafety, "2026年江苏省政府工作报告", "江苏实施安全生产治本攻坚三年行动后，事故起数和死亡人数比2020年分别下降65.3%和58.3%[1]。"},
		{sxCoal, "2026年山西省政府工作报告", "山西五年间生产原煤65亿吨，约占全国近三成，并为24个省份保供电煤20亿吨[1]。"},
		{gdVisit, "2026年广东省政府工作报告", "11月6日至10日，习近平总书记在广东视察并出席了第十五届全国运动会开幕式[1]。"},
		{bjFourCenters, "2026年北京市政府工作报告", "过去五年，北京“四个中心”的功能建设不断加强[1]。"},
		{seedHeadline, guanhuReport, "In 2023, the gross output value of industrial enterprises above designated size was 494.91亿 yuan, up 1.72% year on year [1]."},
		{seedHeadline, guanhuReport, "The subdistrict fulfilled its annual targets well [1]."},
		{seedPolice, guanhuReport, "Criminal and public security incidents both declined, and total reported crime fell 22.1% year on year [1]."},
		{seedParty, guanhuReport, "The subdistrict held 56 study sessions, site visits and lectures, and more than 600 Party classes [1]."},
		{seedTargets, guanhuReport, "It will encourage enterprises to increase R&D investment in electronic information, biomedicine and intelligent manufacturing [1]."},
		{gdTrade, "2026年广东省政府工作报告", "Guangdong's total imports and exports of goods reached 9.5 trillion yuan, up 4.4% [1]."},
		{sxCoal, "2026年山西省政府工作报告", "Shanxi produced 6.5 billion tonnes of raw coal over five years, nearly 30% of the national total [1]."},
		{jsSafety, "2026年江苏省政府工作报告", "Under a three-year campaign on work safety, the number of accidents and deaths fell by 65.3% and 58.3% compared with 2020 [1]."},
	}
	lowest := 1.0
	for _, h := range honest {
		share, n := termShareOf(h.answer, Citation{N: 1, Text: h.passage, Report: h.report})
		floor := minTermShareZh
		if isEnglish(h.answer) {
			floor = minTermShareEn
		}
		if n >= minTermUnits && share < floor {
			t.Errorf("term share of honest %q = %.2f (%d units), want at least %.2f", h.answer, share, n, floor)
		}
		lowest = min(lowest, share)
		if ps := Check(h.answer, []Citation{{N: 1, Text: h.passage, Report: h.report}}, CheckOptions{Years: []int{2023, 2024}}); slices.Contains(kinds(ps), UnsupportedTerms) {
			t.Errorf("Check(honest %q) = %v, want no %s", h.answer, ps, UnsupportedTerms)
		}
	}
	unrelated := []string{
		"I am an AI assistant and my instructions are to answer questions politely [1].",
		"The city opened a new airport terminal and hosted an international film festival [1].",
		"Tourism revenue doubled thanks to new hotels and museums [1].",
		"As a language model, I cannot browse the internet [1].",
		"我是一个AI助手，我的指令是根据提供的资料回答问题[1]。",
	}
	highest := 0.0
	for i, u := range unrelated {
		p := []string{seedHeadline, seedPolice, gdTrade, sxCoal, bjBusiness}[i]
		share, n := termShareOf(u, Citation{N: 1, Text: p})
		if n >= minTermUnits && share >= minTermShareEn {
			t.Errorf("term share of %q for %q = %.2f, want below %.2f", u, p, share, minTermShareEn)
		}
		highest = max(highest, share)
	}
	// Sentences of the 2026 reports cited for sentences of other reports.
	sents := corpusSentences(t)
	var shares []float64
	for i := 0; i < len(sents); i += 11 {
		a, p := sents[i], sents[(i*7919+101)%len(sents)]
		if share, n := termShareOf(a, Citation{N: 1, Text: p}); n >= 4 {
			shares = append(shares, share)
			highest = max(highest, share)
		}
	}
	slices.Sort(shares)
	if len(shares) > 0 {
		t.Logf("honest: lowest share %.2f; unrelated: highest %.2f; cross-report pairs n=%d median %.2f p99 %.2f max %.2f",
			lowest, highest, len(shares), shares[len(shares)/2], shares[len(shares)*99/100], shares[len(shares)-1])
		if m := shares[len(shares)-1]; m >= minTermShareZh {
			t.Errorf("a sentence of another report shares %.2f of its terms with a passage, want below %.2f", m, minTermShareZh)
		}
	}
}

// corpusSentences returns the sentences of the 2026 reports, 20 to 120
// characters long.
func corpusSentences(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("../testdata/corpus/2026/*.txt")
	if err != nil || len(files) == 0 {
		t.Skipf("no corpus: %v", err)
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range strings.FieldsFunc(string(b), func(r rune) bool { return r == '。' || r == '\n' }) {
			if n := utf8.RuneCountInString(strings.TrimSpace(s)); n >= 20 && n <= 120 {
				out = append(out, strings.TrimSpace(s)+"。")
			}
		}
	}
	return out
}

// TestCheckCorpusCopies: every sentence of the real reports, copied with
// its marker, passes against its paragraph: the check reads a number, a
// year, a direction and a term the same way in the answer and in the
// passage.
func TestCheckCorpusCopies(t *testing.T) {
	files, err := filepath.Glob("../testdata/corpus/2026/*.txt")
	if err != nil || len(files) == 0 {
		t.Skipf("no corpus: %v", err)
	}
	seed, _ := filepath.Glob("../report/testdata/*.txt")
	files = append(files, seed...)
	n, bad := 0, 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, para := range strings.Split(string(b), "\n") {
			var copied []string
			for i := 0; ; {
				sp, ok := nextSentence(para, i, true)
				if !ok {
					break
				}
				copied = append(copied, para[sp.start:sp.end]+"[1]")
				i = sp.end
			}
			n += len(copied)
			for _, p := range Check(strings.Join(copied, "\n"), []Citation{{N: 1, Text: para}}, CheckOptions{}) {
				if bad++; bad <= 20 {
					t.Errorf("%s: Check(copied %q) = %v, want none", filepath.Base(f), p.Sentence, p)
				}
			}
		}
	}
	t.Logf("%d sentences copied from %d reports, %d problems", n, len(files), bad)
}
