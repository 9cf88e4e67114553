package report

import (
	"strings"
	"testing"
)

func TestFindSection(t *testing.T) {
	doc := parseSeed(t)
	tests := []struct {
		ref    string
		wantID string // "" for nil
	}{
		{"p2s3", "p2s3"},
		{"p1s1", "p1s1"},
		{"p1b2", "p1b2"},
		{"p2s3i2", "p2s3"}, // an item's ID finds its section
		{"二(三)", "p2s3"},
		{"二（三）", "p2s3"},
		{" 二 ( 三 ) ", "p2s3"},
		{"(三)", "p2s3"},
		{"（八）", "p2s8"},
		{"二(三) 聚焦交通畅行,塑造外通内达新格局", "p2s3"},
		{"二（三） 聚焦交通畅行，塑造外通内达新格局", "p2s3"},
		{"交通", "p2s3"},
		{"风险防控", "p2s6"},
		{"匠心营城", "p1s4"},
		{"问题不足", "p1b3"},
		{"", ""},
		{"   ", ""},
		{"p9s9", ""},
		{"二(九)", ""},
		{"航天", ""},
	}
	for _, tc := range tests {
		t.Run(tc.ref, func(t *testing.T) {
			got := doc.FindSection(tc.ref)
			gotID := ""
			if got != nil {
				gotID = got.ID
			}
			if gotID != tc.wantID {
				label := ""
				if got != nil {
					label = got.Label
				}
				t.Errorf("FindSection(%q) = %q (%s), want %q", tc.ref, gotID, label, tc.wantID)
			}
		})
	}
}

func TestFiguresByMetric(t *testing.T) {
	doc := parseSeed(t)
	tests := []struct {
		metric   string
		wantRaws []string // the first results, in order
		none     bool
	}{
		{metric: "规模以上工业总产值", wantRaws: []string{"494.91亿元", "1.72%"}},
		{metric: "规上工业总产值", wantRaws: []string{"494.91亿元", "1.72%"}},
		{metric: "规上工业增加值", wantRaws: []string{"6.8%"}},
		{metric: "全社会固定资产投资", wantRaws: []string{"93.86亿元", "8.53%"}},
		{metric: "社会消费品零售总额", wantRaws: []string{"90.2亿元", "1.8%"}},
		{metric: "入库率", wantRaws: []string{"83.9%"}},
		{metric: "臭氧平均值", wantRaws: []string{"129微克/立方米"}},
		{metric: "值", none: true}, // too short to match
		{metric: "", none: true},
		{metric: "航天发射次数", none: true},
	}
	for _, tc := range tests {
		t.Run(tc.metric, func(t *testing.T) {
			got := doc.FiguresByMetric(tc.metric)
			var raws []string
			for _, f := range got {
				raws = append(raws, f.Raw)
			}
			if tc.none {
				if len(got) != 0 {
					t.Errorf("FiguresByMetric(%q) = %q, want none", tc.metric, raws)
				}
				return
			}
			if len(raws) < len(tc.wantRaws) || strings.Join(raws[:len(tc.wantRaws)], " ") != strings.Join(tc.wantRaws, " ") {
				t.Errorf("FiguresByMetric(%q) = %q, want it to begin with %q", tc.metric, raws, tc.wantRaws)
			}
		})
	}
}

func TestNormalizeMetric(t *testing.T) {
	tests := []struct{ a, b string }{
		{"规模以上工业总产值", "规上工业总产值"},
		{"地区生产总值增长率", "GDP增速"},
		{"“四上”企业", "四上企业"},
		{"ＧＤＰ", "gdp"},
		{"限额以上批发零售业", "限上批发零售业"},
	}
	for _, tc := range tests {
		if na, nb := NormalizeMetric(tc.a), NormalizeMetric(tc.b); na != nb {
			t.Errorf("NormalizeMetric(%q) = %q, NormalizeMetric(%q) = %q, want equal", tc.a, na, tc.b, nb)
		}
	}
}

func TestFiguresByKind(t *testing.T) {
	doc := parseSeed(t)
	plan := doc.Parts[1]
	total := 0
	for _, k := range []Kind{Actual, Target, Change} {
		got := doc.FiguresByKind(k)
		total += len(got)
		if len(got) == 0 {
			t.Errorf("FiguresByKind(%s) is empty", k)
		}
		for i, f := range got {
			if f.Kind != k {
				t.Errorf("FiguresByKind(%s)[%d] = %s of kind %s", k, i, f.Raw, f.Kind)
			}
			if i > 0 && f.Span.Start < got[i-1].Span.Start {
				t.Errorf("FiguresByKind(%s) not in text order at %d", k, i)
			}
			// In the seed, targets are exactly the figures of the plan.
			if inPlan := plan.Span.Contains(f.Span); inPlan != (k == Target) {
				t.Errorf("figure %s %s of kind %s: in the plan part = %v", f.ID, f.Raw, k, inPlan)
			}
		}
	}
	if total != len(doc.Figures) {
		t.Errorf("FiguresByKind over all kinds gives %d figures, want %d", total, len(doc.Figures))
	}
	if got := doc.FiguresByKind("nonsense"); len(got) != 0 {
		t.Errorf("FiguresByKind(nonsense) = %d figures, want none", len(got))
	}
}

func TestFiguresIn(t *testing.T) {
	doc := parseSeed(t)
	for _, s := range doc.Sections() {
		got := doc.FiguresIn(s.ID)
		var want []*Figure
		for _, f := range doc.Figures {
			if f.Section == s {
				want = append(want, f)
			}
		}
		if len(got) != len(want) {
			t.Errorf("FiguresIn(%q) = %d figures, want the %d whose Section is %s", s.ID, len(got), len(want), s.ID)
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("FiguresIn(%q)[%d] = %s, want %s", s.ID, i, got[i].ID, want[i].ID)
			}
		}
	}
	// Known contents.
	tests := []struct {
		id       string
		wantRaws []string
	}{
		{"p1b2", []string{"494.91亿元", "1.72%", "6.8%", "93.86亿元", "8.53%", "90.2亿元", "1.8%"}},
		{"p2s1i2", nil},
		{"p2s8i2", []string{"1个", "1个", "1个"}},
		{"nope", nil},
		{"", nil},
	}
	for _, tc := range tests {
		var raws []string
		for _, f := range doc.FiguresIn(tc.id) {
			raws = append(raws, f.Raw)
		}
		if strings.Join(raws, " ") != strings.Join(tc.wantRaws, " ") {
			t.Errorf("FiguresIn(%q) = %q, want %q", tc.id, raws, tc.wantRaws)
		}
	}
	// A part holds the figures of all its sections.
	for _, p := range doc.Parts {
		n := 0
		for _, s := range p.Sections {
			n += len(doc.FiguresIn(s.ID))
		}
		if got := len(doc.FiguresIn(p.ID)); got != n {
			t.Errorf("FiguresIn(%q) = %d figures, want %d, the sum over its sections", p.ID, got, n)
		}
	}
}

func TestChanges(t *testing.T) {
	doc := parseSeed(t)
	tests := []struct {
		raw  string
		want []string
	}{
		{"494.91亿元", []string{"1.72%"}},
		{"93.86亿元", []string{"8.53%"}},
		{"90.2亿元", []string{"1.8%"}},
		{"543家", []string{"4.8%"}},
		{"188.19亿元", []string{"8.2%"}},
		{"99.5亿元", []string{"11%"}},
		{"1.72%", nil},
		{"56场次", nil},
	}
	for _, tc := range tests {
		f := figureAt(doc, tc.raw)
		if f == nil {
			t.Errorf("no figure %q in the seed", tc.raw)
			continue
		}
		var raws []string
		for _, g := range doc.Changes(f) {
			raws = append(raws, g.Raw)
			if g.Kind != Change || g.Direction == "" || g.ChangeOf != f.ID {
				t.Errorf("Changes(%s) holds %s with Kind %s, Direction %q, ChangeOf %q", f.ID, g.Raw, g.Kind, g.Direction, g.ChangeOf)
			}
		}
		if strings.Join(raws, " ") != strings.Join(tc.want, " ") {
			t.Errorf("Changes(%s %s) = %q, want %q", f.ID, tc.raw, raws, tc.want)
		}
	}
}

func TestSectionAtItemAt(t *testing.T) {
	doc := parseSeed(t)
	pos := strings.Index(doc.Text, "打通区域交通大动脉")
	r := doc.Offsets().ByteToRune(pos)
	if s := doc.SectionAt(r); s == nil || s.ID != "p2s3" {
		t.Errorf("SectionAt(%d) = %v, want p2s3", r, s)
	}
	if it := doc.ItemAt(r); it == nil || it.ID != "p2s3i2" {
		t.Errorf("ItemAt(%d) = %v, want p2s3i2", r, it)
	}
	for _, pos := range []int{-1, 0, 10, doc.RuneLen(), doc.RuneLen() + 10} {
		if s := doc.SectionAt(pos); s != nil {
			t.Errorf("SectionAt(%d) = %s, want nil outside the parts", pos, s.ID)
		}
		if it := doc.ItemAt(pos); it != nil {
			t.Errorf("ItemAt(%d) = %s, want nil", pos, it.ID)
		}
	}
	// Every figure's position finds its own section.
	for _, f := range doc.Figures {
		if got := doc.SectionAt(f.Span.Start); got != f.Section {
			t.Errorf("SectionAt(%d) = %v, want the section of figure %s", f.Span.Start, got, f.ID)
		}
	}
}

func TestWalk(t *testing.T) {
	doc := parseSeed(t)
	var parts, sections, items int
	prev := -1
	doc.Walk(func(depth int, node any) bool {
		var start int
		switch n := node.(type) {
		case *Part:
			parts++
			start = n.Span.Start
			if depth != 0 {
				t.Errorf("part %s at depth %d", n.ID, depth)
			}
		case *Section:
			sections++
			start = n.Span.Start
			if depth != 1 {
				t.Errorf("section %s at depth %d", n.ID, depth)
			}
		case *Item:
			items++
			start = n.Span.Start
			if depth != 2 {
				t.Errorf("item %s at depth %d", n.ID, depth)
			}
		default:
			t.Errorf("Walk visited %T", node)
		}
		if start < prev {
			t.Errorf("Walk visited %T at %d after %d: not in text order", node, start, prev)
		}
		prev = start
		return true
	})
	if parts != 2 || sections != len(doc.Sections()) || items != 30 {
		t.Errorf("Walk visited %d parts, %d sections, %d items, want 2, %d, 30", parts, sections, items, len(doc.Sections()))
	}
	// Returning false skips the children.
	visited := 0
	doc.Walk(func(depth int, node any) bool {
		visited++
		return false
	})
	if visited != 2 {
		t.Errorf("Walk with a func returning false visited %d nodes, want the 2 parts", visited)
	}
}
