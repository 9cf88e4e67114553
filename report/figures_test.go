package report

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var strict = flag.Bool("strict", false, "fail, instead of skip, on the parser's known weak spots")

// knownWeakSpot skips (or, under -strict, fails) a check that the parser
// is known to get wrong. The final report of the test run lists them with
// -v; they are documented where the table marks them.
func knownWeakSpot(t *testing.T, why, diff string) {
	t.Helper()
	if *strict {
		t.Errorf("known weak spot (%s):\n%s", why, diff)
		return
	}
	t.Skipf("known weak spot (%s), skipped; run with -strict to fail:\n%s", why, diff)
}

// figView is the part of a Figure the table tests compare. ChangeOf holds
// the Raw of the base figure rather than its ID.
type figView struct {
	Raw       string
	Value     float64
	Unit      string
	Scale     string
	Absolute  float64
	Approx    bool
	Qualifier string
	Kind      Kind
	Rate      bool
	Direction Direction
	ChangeOf  string
}

func viewFigure(doc *Report, f *Figure) figView {
	v := figView{
		Raw: f.Raw, Value: f.Value, Unit: f.Unit, Scale: f.Scale, Absolute: f.Absolute,
		Approx: f.Approx, Qualifier: f.Qualifier, Kind: f.Kind, Rate: f.Rate, Direction: f.Direction,
	}
	if b := doc.Figure(f.ChangeOf); b != nil {
		v.ChangeOf = b.Raw
	}
	return v
}

// figureAt returns the figure whose Raw is raw, or nil.
func figureAt(doc *Report, raw string) *Figure {
	for _, f := range doc.Figures {
		if f.Raw == raw {
			return f
		}
	}
	return nil
}

// planDoc wraps body as the plan part of a minimal report.
func planDoc(body string) string {
	return "2024年某街道工作报告\n一、2023年工作总结\n全年完成各项任务。\n二、2024年工作安排\n" + body + "\n"
}

func TestFigures(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		want   figView
		metric string // checked when not empty
		weak   string // a known weak spot: skip on mismatch unless -strict
	}{
		{
			name:   "yi yuan",
			text:   "全年规上工业总产值494.91亿元。",
			want:   figView{Raw: "494.91亿元", Value: 494.91, Unit: "元", Scale: "亿", Absolute: 4.9491e10, Kind: Actual},
			metric: "规上工业总产值",
		},
		{
			name: "wan with 余 inside",
			text: "落实社区“丈量计划”行走楼栋1.2万余栋。",
			want: figView{Raw: "1.2万余栋", Value: 1.2, Unit: "栋", Scale: "万", Absolute: 12000, Approx: true, Qualifier: "余", Kind: Actual},
		},
		{
			name: "余 before a two-character unit",
			text: "开展主题党日活动5000余场次。",
			want: figView{Raw: "5000余场次", Value: 5000, Unit: "场次", Absolute: 5000, Approx: true, Qualifier: "余", Kind: Actual},
		},
		{
			name:   "change up",
			text:   "全年规上工业总产值494.91亿元,同比增长1.72%。",
			want:   figView{Raw: "1.72%", Value: 1.72, Unit: "%", Absolute: 1.72, Kind: Change, Direction: Up, ChangeOf: "494.91亿元"},
			metric: "规上工业总产值",
		},
		{
			name:   "change down",
			text:   "违法犯罪总警情同比下降22.1%。",
			want:   figView{Raw: "22.1%", Value: 22.1, Unit: "%", Absolute: 22.1, Kind: Change, Direction: Down},
			metric: "违法犯罪总警情",
		},
		{
			name:   "rate, not change",
			text:   "土地入库40.56公顷，入库率达83.9%。",
			want:   figView{Raw: "83.9%", Value: 83.9, Unit: "%", Absolute: 83.9, Kind: Actual, Rate: true},
			metric: "入库率",
		},
		{
			name: "增至 gives a level",
			text: "“四上”企业增至543家，增长4.8%。",
			want: figView{Raw: "543家", Value: 543, Unit: "家", Absolute: 543, Kind: Actual},
		},
		{
			name: "Chinese numeral 两座",
			text: "新建社区消防安全体验教育馆两座。",
			want: figView{Raw: "两座", Value: 2, Unit: "座", Absolute: 2, Kind: Actual},
		},
		{
			name: "Chinese numeral 三个",
			text: "形成调研课题三个。",
			want: figView{Raw: "三个", Value: 3, Unit: "个", Absolute: 3, Kind: Actual},
		},
		{
			name: "近万家",
			text: "清查底册单位1.6万余家、个体近万家。",
			want: figView{Raw: "万家", Value: 1, Unit: "家", Scale: "万", Absolute: 10000, Approx: true, Qualifier: "近", Kind: Actual},
		},
		{
			name:   "target in a plan part",
			text:   planDoc("力争新增规上工业企业23家。"),
			want:   figView{Raw: "23家", Value: 23, Unit: "家", Absolute: 23, Kind: Target},
			metric: "新增规上工业企业",
		},
		{
			name: "以上 after the unit",
			text: "新增专精特新、单项冠军、上市企业等30家以上。",
			want: figView{Raw: "30家", Value: 30, Unit: "家", Absolute: 30, Approx: true, Qualifier: "以上", Kind: Actual},
		},
		{
			name: "thousands separator",
			text: "涉及19家股份合作公司、1,116栋地上建筑。",
			want: figView{Raw: "1,116栋", Value: 1116, Unit: "栋", Absolute: 1116, Kind: Actual},
		},
		{
			name: "full-width digits and ％",
			text: "产业投资增长１２．５％。",
			want: figView{Raw: "１２．５％", Value: 12.5, Unit: "%", Absolute: 12.5, Kind: Change, Direction: Up},
		},
		{
			name: "full-width digits with a measure word",
			text: "新增企业１２家。",
			want: figView{Raw: "１２家", Value: 12, Unit: "家", Absolute: 12, Kind: Actual},
		},
		{
			name: "full-width ％ as a rate",
			text: "空气质量优良天数92.9％。",
			want: figView{Raw: "92.9％", Value: 92.9, Unit: "%", Absolute: 92.9, Kind: Actual, Rate: true},
		},
		{
			name: "突破 before the numeral",
			text: "高速公路里程突破1万公里。",
			want: figView{Raw: "1万公里", Value: 1, Unit: "公里", Scale: "万", Absolute: 10000, Approx: true, Qualifier: "突破", Kind: Actual},
		},
		{
			name: "左右 after a change",
			text: "全区地区生产总值增长4.2%左右。",
			want: figView{Raw: "4.2%", Value: 4.2, Unit: "%", Absolute: 4.2, Approx: true, Qualifier: "左右", Kind: Change, Direction: Up},
		},
		{
			name: "亿斤",
			text: "粮食产量280.76亿斤。",
			want: figView{Raw: "280.76亿斤", Value: 280.76, Unit: "斤", Scale: "亿", Absolute: 2.8076e10, Kind: Actual},
		},
		{
			name: "多 after the scale",
			text: "受益群众5万多人次。",
			want: figView{Raw: "5万多人次", Value: 5, Unit: "人次", Scale: "万", Absolute: 50000, Approx: true, Qualifier: "多", Kind: Actual},
		},
		{
			name: "万 is not 千瓦",
			text: "新增装机容量30万千瓦。",
			want: figView{Raw: "30万千瓦", Value: 30, Unit: "千瓦", Scale: "万", Absolute: 300000, Kind: Actual},
		},
		{
			name: "list carries the direction",
			text: "总资产、总收入分别增长5%、3%。",
			want: figView{Raw: "3%", Value: 3, Unit: "%", Absolute: 3, Kind: Change, Direction: Up},
		},
		{
			name: "target change in a plan part",
			text: planDoc("地区生产总值增长5%左右。"),
			want: figView{Raw: "5%", Value: 5, Unit: "%", Absolute: 5, Approx: true, Qualifier: "左右", Kind: Target, Direction: Up},
		},
		// Known weak spots: skipped unless -strict.
		{
			name: "Chinese numeral with 余",
			text: "引进人才两千余人。",
			want: figView{Raw: "两千余人", Value: 2000, Unit: "人", Absolute: 2000, Approx: true, Qualifier: "余", Kind: Actual},
		},
		{
			name: "Chinese numeral with 多",
			text: "培育一百多家企业。",
			want: figView{Raw: "一百多家", Value: 100, Unit: "家", Absolute: 100, Approx: true, Qualifier: "多", Kind: Actual},
		},
		{
			name: "negative growth",
			text: "营收增长-2.5%。",
			want: figView{Raw: "-2.5%", Value: -2.5, Unit: "%", Absolute: -2.5, Kind: Change, Direction: Down},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := mustParse(t, tc.text)
			f := figureAt(doc, tc.want.Raw)
			if f == nil {
				var raws []string
				for _, f := range doc.Figures {
					raws = append(raws, f.Raw)
				}
				msg := fmt.Sprintf("ParseString(%q): no figure %q; figures = %q", tc.text, tc.want.Raw, raws)
				if tc.weak != "" {
					knownWeakSpot(t, tc.weak, msg)
					return
				}
				t.Fatal(msg)
			}
			diff := cmp.Diff(tc.want, viewFigure(doc, f))
			if tc.metric != "" && f.Metric != tc.metric {
				diff += "\nMetric = " + f.Metric + ", want " + tc.metric
			}
			switch {
			case diff == "":
			case tc.weak != "":
				knownWeakSpot(t, tc.weak, diff)
			default:
				t.Errorf("figure %q of %q mismatch (-want +got):\n%s", tc.want.Raw, tc.text, diff)
			}
		})
	}
}

// TestNotFigures checks that numbers inside names, codes, dates and years
// do not become figures.
func TestNotFigures(t *testing.T) {
	tests := []struct {
		name, text, name2 string // name2: the substring that must not hold a figure
		weak              string // a known weak spot: skip unless -strict
	}{
		{"metro line", "推进地铁22号线道路建设。", "22号线", ""},
		{"quoted cluster", "构建“12+4”产业集群。", "“12+4”", ""},
		{"quoted model", "推广“1+4+5”模式。", "“1+4+5”", ""},
		{"unquoted plus", "构建12+4产业集群。", "12+4", ""},
		{"party congress", "深入贯彻党的二十大精神。", "二十大", ""},
		{"plenary session", "二十届二中全会精神。", "二十届二中全会", ""},
		{"quoted pilot", "开展“9961”试点。", "“9961”", ""},
		{"year", "2023年是开局之年。", "2023年", ""},
		{"date", "日期:2024年02月02日。", "2024年02月02日", ""},
		{"month and day", "9月26日正式开业。", "9月26日", ""},
		{"month range", "1—11月，产值增长5%。", "1—11月", ""},
		{"code", "引进T800项目。", "T800", ""},
		{"plot number", "完成04-02地块出让。", "04-02地块", ""},
		{"ordinal", "排名全市第一。", "第一", ""},
		{"rank", "入选中国电气工业100强。", "100强", ""},
		{"anniversary", "庆祝建区30周年。", "30周年", ""},
		{"item ordinal", "一是加快建设。", "一是", ""},
		{"plan name", "实施三年行动计划。", "三年", ""},
		{"slogan count", "坚决做到“两个维护”。", "两个", ""},
		{"month with 份", "10月份以来，出口回升。", "10月份", ""},
		{"end of month", "截至11月底，新增企业12家。", "11月底", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := mustParse(t, tc.text)
			i := strings.Index(tc.text, tc.name2)
			if i < 0 {
				t.Fatalf("bad test: %q not in %q", tc.name2, tc.text)
			}
			span := Span{Start: len([]rune(tc.text[:i])), End: len([]rune(tc.text[:i+len(tc.name2)]))}
			for _, f := range doc.Figures {
				if !f.Span.Overlaps(span) {
					continue
				}
				msg := fmt.Sprintf("ParseString(%q) found figure %q at %v inside %q, want none there", tc.text, f.Raw, f.Span, tc.name2)
				if tc.weak != "" {
					knownWeakSpot(t, tc.weak, msg)
					return
				}
				t.Error(msg)
			}
		})
	}
}

// TestFiguresAfterName keeps the figures next to a month range and a line
// number.
func TestFiguresAfterName(t *testing.T) {
	doc := mustParse(t, "1—11月，产值增长5%。推进地铁22号线建设48条道路。")
	var raws []string
	for _, f := range doc.Figures {
		raws = append(raws, f.Raw)
	}
	if want := []string{"5%", "48条"}; !cmp.Equal(raws, want) {
		t.Errorf("figures = %q, want %q", raws, want)
	}
}

// goldFigure is a line of figures.dev.jsonl or of a report's
// *.figures.jsonl. Value is a number, a list or null.
type goldFigure struct {
	ID       string `json:"id"`
	Raw      string `json:"raw"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Value    any    `json:"value"`
	Kind     string `json:"kind"`
	ChangeOf string `json:"change_of"`
}

func readGoldFigures(tb testing.TB, name string) []goldFigure {
	tb.Helper()
	var out []goldFigure
	sc := bufio.NewScanner(strings.NewReader(readTestdata(tb, name)))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var g goldFigure
		if err := json.Unmarshal([]byte(line), &g); err != nil {
			tb.Fatalf("%s: %v", name, err)
		}
		out = append(out, g)
	}
	return out
}

func (g goldFigure) span() Span { return Span{Start: g.Start, End: g.End} }

// overlap is the number of code points two spans share.
func overlap(a, b Span) int { return max(0, min(a.End, b.End)-max(a.Start, b.Start)) }

// optionalGold are the debatable entries score_figures.py neither requires
// nor penalises (ranks, idiomatic zeros and halves, counts in slogans).
var optionalGold = map[string]bool{
	"F006": true, "F038": true, "F054": true, "F081": true, "F097": true, "F098": true, "F100": true,
	"F105": true, "F129": true, "F157": true, "F162": true, "F176": true, "F222": true, "F223": true, "F240": true,
}

// kindGroup is score_figures.py's KIND_GROUP.
var kindGroup = map[string]string{
	"actual": "actual", "result": "actual", "ratio": "actual", "rank": "actual", "count_in_name": "actual",
	"target": "target", "goal": "target", "plan": "target",
	"change": "change", "growth": "change", "delta": "change",
}

type figureScore struct {
	gold, pred, matched          int
	precision, recall            float64
	valueAcc, kindAcc            float64
	falseNames, falseOther       int
	missed, falsePos, wrongValue []string
	wrongKind                    []string
	pairs                        map[string]*Figure // gold ID → matched prediction
}

// scoreFigures reimplements score_figures.py: greedy matching of each gold
// figure to the unused prediction it overlaps most, names cost precision,
// ranks and optional entries are neither required nor penalised.
func scoreFigures(goldAll []goldFigure, predAll []*Figure) figureScore {
	var opt, gold, names []goldFigure
	for _, g := range goldAll {
		isOpt := g.Kind == "rank" || optionalGold[g.ID]
		if isOpt {
			opt = append(opt, g)
		}
		if g.Kind != "name" && g.Kind != "rank" && !optionalGold[g.ID] {
			gold = append(gold, g)
		}
		if g.Kind == "name" {
			names = append(names, g)
		}
	}
	touches := func(gs []goldFigure, s Span) bool {
		for _, g := range gs {
			if overlap(g.span(), s) > 0 {
				return true
			}
		}
		return false
	}
	var pred []*Figure
	for _, p := range predAll {
		if touches(opt, p.Span) && !touches(gold, p.Span) {
			continue
		}
		pred = append(pred, p)
	}
	sc := figureScore{pairs: map[string]*Figure{}}
	used := map[int]bool{}
	valueOK, kindOK := 0, 0
	for _, g := range gold {
		best, bo := -1, 0
		for i, p := range pred {
			if used[i] {
				continue
			}
			if o := overlap(g.span(), p.Span); o > bo {
				best, bo = i, o
			}
		}
		if best < 0 {
			sc.missed = append(sc.missed, g.ID+" "+g.Raw)
			continue
		}
		used[best] = true
		sc.matched++
		p := pred[best]
		sc.pairs[g.ID] = p
		if v, ok := g.Value.(float64); ok {
			if math.Abs(p.Value-v) < 1e-9 {
				valueOK++
			} else {
				sc.wrongValue = append(sc.wrongValue, g.ID+" "+g.Raw+" got "+p.Raw)
			}
		}
		want, ok := kindGroup[g.Kind]
		if !ok {
			want = g.Kind
		}
		if kindGroup[strings.ToLower(string(p.Kind))] == want {
			kindOK++
		} else {
			sc.wrongKind = append(sc.wrongKind, g.ID+" "+g.Raw+" "+g.Kind+" got "+string(p.Kind))
		}
	}
	for i, p := range pred {
		if used[i] {
			continue
		}
		sc.falsePos = append(sc.falsePos, p.ID+" "+p.Raw)
		if touches(names, p.Span) {
			sc.falseNames++
		} else {
			sc.falseOther++
		}
	}
	sc.gold, sc.pred = len(gold), len(pred)
	if len(pred) > 0 {
		sc.precision = float64(sc.matched) / float64(len(pred))
	}
	if len(gold) > 0 {
		sc.recall = float64(sc.matched) / float64(len(gold))
	}
	if sc.matched > 0 {
		sc.valueAcc = float64(valueOK) / float64(sc.matched)
		sc.kindAcc = float64(kindOK) / float64(sc.matched)
	}
	return sc
}

// TestFiguresOracle scores the parser on the hand-checked annotation of
// the first part of the seed, restricted to the annotated stretch.
func TestFiguresOracle(t *testing.T) {
	doc := parseSeed(t)
	gold := readGoldFigures(t, "figures.dev.jsonl")
	last := 0
	for _, g := range gold {
		if got := doc.Slice(g.span()); got != g.Raw {
			t.Fatalf("gold %s: source[%d:%d] = %q, want %q (testdata out of sync?)", g.ID, g.Start, g.End, got, g.Raw)
		}
		last = max(last, g.End)
	}
	var pred []*Figure
	for _, f := range doc.Figures {
		if f.Span.Start < last {
			pred = append(pred, f)
		}
	}
	sc := scoreFigures(gold, pred)
	t.Logf("seed figures (first %d code points): gold %d, pred %d, matched %d; precision %.4f, recall %.4f, value acc %.4f, kind acc %.4f; false names %d, false other %d",
		last, sc.gold, sc.pred, sc.matched, sc.precision, sc.recall, sc.valueAcc, sc.kindAcc, sc.falseNames, sc.falseOther)
	// change_of is not scored by score_figures.py; log the agreement.
	links, linked := 0, 0
	for _, g := range gold {
		if g.ChangeOf == "" || sc.pairs[g.ID] == nil {
			continue
		}
		links++
		if base := sc.pairs[g.ChangeOf]; base != nil && sc.pairs[g.ID].ChangeOf == base.ID {
			linked++
		}
	}
	t.Logf("change_of: %d of %d gold links found", linked, links)
	for _, s := range [][]string{sc.missed, sc.falsePos, sc.wrongValue, sc.wrongKind} {
		if len(s) > 0 {
			t.Logf("  %q", s)
		}
	}
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"precision", sc.precision, 0.97},
		{"recall", sc.recall, 0.95},
		{"value accuracy", sc.valueAcc, 0.98},
		{"kind accuracy", sc.kindAcc, 0.95},
	} {
		if c.got < c.want {
			t.Errorf("%s = %.4f, want >= %.2f (missed %q, false %q, wrong value %q, wrong kind %q)",
				c.name, c.got, c.want, sc.missed, sc.falsePos, sc.wrongValue, sc.wrongKind)
		}
	}
}

// TestFiguresSample checks the provincial reports' figure samples: every
// gold figure overlaps a predicted one, with the right value and kind where
// the gold value is a single number.
func TestFiguresSample(t *testing.T) {
	for _, name := range []string{guangxiFile, jilinFile} {
		t.Run(name, func(t *testing.T) {
			doc := mustParse(t, readTestdata(t, name+".txt"))
			gold := readGoldFigures(t, name+".figures.jsonl")
			for i := range gold {
				gold[i].ID = "G" + gold[i].Raw // no ids in the sample; none is optional
			}
			sc := scoreFigures(gold, doc.Figures)
			t.Logf("%s: gold %d, matched %d, recall %.4f, value acc %.4f, kind acc %.4f", name, sc.gold, sc.matched, sc.recall, sc.valueAcc, sc.kindAcc)
			if sc.recall != 1 {
				t.Errorf("recall = %.4f, want 1; missed %q", sc.recall, sc.missed)
			}
			if len(sc.wrongValue) > 0 {
				t.Errorf("wrong values: %q", sc.wrongValue)
			}
			if len(sc.wrongKind) > 0 {
				t.Errorf("wrong kinds: %q", sc.wrongKind)
			}
		})
	}
}
