package report

import (
	"strconv"
	"strings"

	"github.com/reportbot/reportbot/lexicon"
)

// partKind names what a part is about from its title, else from the
// first paragraph of its body, else from its place: a numbered part under
// an unnumbered one takes that one's kind, and the first part of a report
// is its review. main is false for appendices.
func (p *parser) partKind(number, title, body string, k int) (kind PartKind, main bool) {
	kind = p.kindOfTitle(title)
	if isAppendixTitle(number) {
		kind = PartAppendix // 附件1 and its title line
	}
	if kind == PartOther {
		kind = p.kindOfText(body)
	}
	if kind == PartOther && number != "" && p.container != "" {
		kind = p.container
	}
	if kind == PartOther && k == 0 {
		kind = PartReview
	}
	if number == "" {
		p.container = kind
	}
	return kind, kind != PartAppendix
}

// kindOfTitle reads a part's kind from its title.
func (p *parser) kindOfTitle(title string) PartKind {
	switch {
	case isExplanation(title):
		return PartExplanation
	case isAppendixTitle(title):
		return PartAppendix
	case containsAny(title, lexicon.PartGovernmentWords...):
		return PartGovernment
	case p.namesPlanYear(title):
		return PartPlan
	case p.namesNextPlan(title) || containsAny(title, lexicon.PartFiveYearWords...):
		return PartFiveYear
	case containsAny(title, lexicon.PartReviewWords...):
		return PartReview
	case containsAny(title, lexicon.PartPlanWords...):
		return PartPlan
	}
	return PartOther
}

// kindOfText reads a part's kind from the opening of its body: a
// five-year plan ahead, the planned year, or the reviewed year.
func (p *parser) kindOfText(s string) PartKind {
	switch {
	case p.namesNextPlan(s) || containsAny(s, lexicon.PartFiveYearWords...):
		return PartFiveYear
	case p.namesPlanYear(s):
		return PartPlan
	case p.doc.Year > 0 && strings.Contains(s, strconv.Itoa(p.doc.Year-1)+"年"):
		return PartReview
	}
	return PartOther
}

// isExplanation reports a part explaining a draft plan:
// 关于《…纲要（草案）》的说明.
func isExplanation(title string) bool {
	return strings.HasPrefix(title, lexicon.PartExplanationPrefix) && strings.HasSuffix(title, lexicon.PartExplanationSuffix)
}

// namesPlanYear reports whether s speaks of the planned year (2026年,
// 今年, 开好局).
func (p *parser) namesPlanYear(s string) bool {
	if containsAny(s, lexicon.PartFirstYearWords...) {
		return true
	}
	return p.doc.Year > 0 && strings.Contains(s, strconv.Itoa(p.doc.Year)+"年")
}

// namesNextPlan reports whether s names a five-year plan that has not
// ended by the planned year (十五五 in a 2026 report); with the year
// unknown, any named plan.
func (p *parser) namesNextPlan(s string) bool {
	for _, loc := range fiveYearRE.FindAllStringIndex(s, -1) {
		_, last, _, ok := lexicon.FiveYearPlan(s[loc[0]:])
		if ok && (p.doc.Year == 0 || last >= p.doc.Year) {
			return true
		}
	}
	return false
}
