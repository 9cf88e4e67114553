package report

import (
	"strings"
	"unicode"
)

func (p *parser) index() {
	doc := p.doc
	doc.byID = map[string]any{}
	for _, part := range doc.Parts {
		doc.byID[part.ID] = part
		for _, s := range part.Sections {
			doc.byID[s.ID] = s
			for _, it := range s.Items {
				doc.byID[it.ID] = it
			}
		}
	}
	for _, para := range doc.Paragraphs {
		doc.byID[para.ID] = para
	}
}

func (p *parser) indexFigures() {
	for _, f := range p.doc.Figures {
		p.doc.byID[f.ID] = f
	}
}

// Node returns the part, section, item, paragraph or figure with the given
// ID, or nil.
func (r *Report) Node(id string) any { return r.byID[id] }

// Figure returns the figure with the given ID, or nil.
func (r *Report) Figure(id string) *Figure {
	f, _ := r.byID[id].(*Figure)
	return f
}

// Sections returns every section and block of every part, in text order.
func (r *Report) Sections() []*Section {
	var out []*Section
	for _, p := range r.Parts {
		out = append(out, p.Sections...)
	}
	return out
}

// normRef folds a section reference for matching: full-width brackets and
// spaces become ASCII and are dropped.
func normRef(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '（':
			r = '('
		case '）':
			r = ')'
		case '，':
			r = ','
		}
		if isSpace(r) || r == '、' || r == '.' {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// FindSection finds a section by reference: its ID (p2s3), its label or
// number (二(三), 二（三）, (三) when only one part has it), or, failing
// those, a word of its title (交通). It returns nil when nothing matches.
func (r *Report) FindSection(ref string) *Section {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return nil
	}
	if s, ok := r.byID[ref].(*Section); ok {
		return s
	}
	if it, ok := r.byID[ref].(*Item); ok {
		return it.Section
	}
	n := normRef(ref)
	all := r.Sections()
	for _, s := range all {
		if normRef(s.Label) == n || normRef(s.Part.Number+s.Number) == n {
			return s
		}
	}
	var byNumber []*Section
	for _, s := range all {
		if s.Number != "" && normRef(s.Number) == n {
			byNumber = append(byNumber, s)
		}
	}
	if len(byNumber) > 0 {
		// Prefer the plan, where numbered sections usually are.
		for _, s := range byNumber {
			if s.Part.Kind == PartPlan {
				return s
			}
		}
		return byNumber[0]
	}
	for _, s := range all {
		if s.Kind.Headed() && strings.Contains(normRef(s.Title), n) {
			return s
		}
	}
	for _, s := range all {
		if strings.Contains(normRef(s.Title), n) {
			return s
		}
	}
	return nil
}

// Walk visits the parts, their sections and their items in text order,
// depth first. fn receives the depth (0 for parts) and a *Part, *Section
// or *Item; returning false skips the node's children.
func (r *Report) Walk(fn func(depth int, node any) bool) {
	for _, p := range r.Parts {
		if !fn(0, p) {
			continue
		}
		for _, s := range p.Sections {
			if !fn(1, s) {
				continue
			}
			for _, it := range s.Items {
				fn(2, it)
			}
		}
	}
}

// SectionAt returns the innermost section containing code point pos, or
// nil.
func (r *Report) SectionAt(pos int) *Section {
	for _, p := range r.Parts {
		if pos < p.Span.Start || pos >= p.Span.End {
			continue
		}
		for _, s := range p.Sections {
			if s.Span.Start <= pos && pos < s.Span.End {
				return s
			}
		}
	}
	return nil
}

// ItemAt returns the item containing code point pos, or nil.
func (r *Report) ItemAt(pos int) *Item {
	s := r.SectionAt(pos)
	if s == nil {
		return nil
	}
	for _, it := range s.Items {
		if it.Span.Start <= pos && pos < it.Span.End {
			return it
		}
	}
	return nil
}

// FiguresByKind returns the figures of the given kind, in text order.
func (r *Report) FiguresByKind(k Kind) []*Figure {
	var out []*Figure
	for _, f := range r.Figures {
		if f.Kind == k {
			out = append(out, f)
		}
	}
	return out
}

// FiguresIn returns the figures inside the section (or block) with the
// given ID, or inside the part when id is a part ID.
func (r *Report) FiguresIn(id string) []*Figure {
	var span Span
	switch n := r.byID[id].(type) {
	case *Part:
		span = n.Span
	case *Section:
		span = n.Span
	case *Item:
		span = n.Span
	default:
		return nil
	}
	var out []*Figure
	for _, f := range r.Figures {
		if span.Contains(f.Span) {
			out = append(out, f)
		}
	}
	return out
}

// metricAliases fold the long and short forms of the genre's indicator
// names, so 规模以上工业总产值 finds 规上工业总产值.
var metricAliases = strings.NewReplacer(
	"规模以上", "规上",
	"限额以上", "限上",
	"全社会固定资产投资", "固定资产投资",
	"固定资产投资总额", "固定资产投资",
	"社会消费品零售总额", "社消零",
	"国内生产总值", "gdp",
	"地区生产总值", "gdp",
	"生产总值", "gdp",
	"一般公共预算收入", "财政收入",
	"增长率", "增速",
	"增长速度", "增速",
	"百分比", "%",
)

// NormalizeMetric folds a metric name for comparison: aliases of the
// genre (规模以上→规上, 地区生产总值→gdp…), case, width and punctuation.
func NormalizeMetric(s string) string {
	s = strings.ToLower(foldWidth(s))
	s = metricAliases.Replace(s)
	var b strings.Builder
	for _, r := range s {
		if unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// foldWidth maps full-width ASCII forms to ASCII.
func foldWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0xFF01 && r <= 0xFF5E {
			return r - 0xFEE0
		}
		if r == '\u3000' {
			return ' '
		}
		return r
	}, s)
}

// FiguresByMetric returns the figures whose metric matches the query,
// tolerantly: after [NormalizeMetric], a figure matches when one name
// contains the other. Exact matches come first, then the rest in text
// order. A query of fewer than two characters matches nothing.
func (r *Report) FiguresByMetric(metric string) []*Figure {
	q := NormalizeMetric(metric)
	if len([]rune(q)) < 2 {
		return nil
	}
	var exact, partial []*Figure
	for _, f := range r.Figures {
		m := f.normMetric
		switch {
		case m == "":
		case m == q:
			exact = append(exact, f)
		case strings.Contains(m, q) || strings.Contains(q, m) && len([]rune(m)) >= 2:
			partial = append(partial, f)
		}
	}
	return append(exact, partial...)
}

// Changes returns the change figures that belong to f.
func (r *Report) Changes(f *Figure) []*Figure {
	if f == nil {
		return nil
	}
	var out []*Figure
	for _, g := range r.Figures {
		if g.ChangeOf == f.ID {
			out = append(out, g)
		}
	}
	return out
}
