package brief

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/reportbot/reportbot/report"
	"github.com/reportbot/reportbot/retrieve"
)

// Searcher finds passages for a query: the k best, from the reports whose
// title or name contains reportFilter ("" for all). The qa engine satisfies
// it. Build uses it, when set, to rank sections for a topic alongside its
// own keyword matching; it asks for hits in the brief's report (filtered by
// its title) and ignores hits whose text is not that report's.
type Searcher interface {
	Search(ctx context.Context, text string, k int, reportFilter string) ([]retrieve.Hit, error)
}

// concept is one entry of the genre glossary: the names that select it
// (English words, lower case, and Chinese words), the Chinese words to look
// for in the report, and phrases whose occurrences of those words belong to
// another topic (主题教育 is party work, not schooling).
type concept struct {
	names  []string
	terms  []string
	except []string
}

// glossary is a small bilingual vocabulary of Chinese work reports
// (政府工作报告, 党工委工作报告): the topics such reports are organised by
// and the words they use for them. It is about the genre, not one report.
var glossary = []concept{
	{
		names: []string{"economy", "economic", "economics", "industry", "industrial", "business", "investment", "经济", "产业"},
		terms: []string{"经济", "产业", "投资", "产值", "增加值", "工业", "制造业", "企业", "服务业", "消费", "零售", "招商", "营收", "税收", "专精特新", "市场主体"},
	},
	{
		names: []string{"transport", "transportation", "traffic", "road", "roads", "metro", "subway", "rail", "railway", "transit", "mobility", "交通", "出行", "道路"},
		terms: []string{"交通", "道路", "轨道", "地铁", "公交", "路网", "干道", "支路", "停车", "通车", "慢行", "拥堵", "治堵", "隧道", "高速", "枢纽", "立交", "号线"},
	},
	{
		names:  []string{"livelihood", "livelihoods", "welfare", "wellbeing", "well-being", "social", "people", "民生", "福祉"},
		terms:  []string{"民生", "就业", "教育", "医疗", "养老", "社保", "住房", "托育", "卫生", "健康", "学位", "长者", "残障", "残疾", "困难群众", "民生微实事"},
		except: []string{"主题教育", "批评教育", "廉政教育", "体验教育", "宣传教育", "纪律教育", "教育引导", "教育分流", "警示教育"},
	},
	{
		names: []string{"safety", "security", "emergency", "emergencies", "fire", "disaster", "risk", "risks", "安全", "应急", "平安", "安全生产"},
		terms: []string{"安全", "安全生产", "应急", "消防", "隐患", "风险", "除险", "防汛", "三防", "危险", "平安", "燃气", "电气"},
	},
	{
		names: []string{"party", "party building", "party-building", "partybuilding", "cpc", "communist", "cadre", "cadres", "discipline", "党建", "党的建设", "党务"},
		terms: []string{"党建", "党的建设", "党组织", "党员", "党支部", "党委", "干部", "从严治党", "廉洁", "纪律", "主题教育", "三会一课", "党课", "党群"},
	},
	{
		names:  []string{"education", "educational", "school", "schools", "schooling", "student", "students", "teacher", "teachers", "教育", "学校"},
		terms:  []string{"教育", "学校", "学位", "学生", "教师", "校园", "幼儿园", "中学", "小学", "高中"},
		except: []string{"主题教育", "批评教育", "廉政教育", "体验教育", "宣传教育", "纪律教育", "教育引导", "教育分流", "警示教育", "党性教育"},
	},
	{
		names:  []string{"environment", "environmental", "ecology", "ecological", "green", "pollution", "climate", "生态", "环境", "环保", "绿色"},
		terms:  []string{"生态", "环境", "绿色", "绿美", "污染", "空气", "河道", "水质", "垃圾", "公园", "碳", "臭氧", "无废"},
		except: []string{"营商环境", "创新环境", "发展环境", "政务环境"},
	},
	{
		names: []string{"culture", "cultural", "arts", "art", "sports", "tourism", "文化", "文体", "文明"},
		terms: []string{"文化", "文体", "文艺", "文明", "艺术", "图书馆", "体育", "展览", "意识形态"},
	},
	{
		names: []string{"governance", "government", "administration", "law", "rule of law", "grassroots", "治理", "法治", "基层治理"},
		terms: []string{"治理", "法治", "执法", "网格", "自治", "共治", "调解", "矛盾纠纷", "诉求"},
	},
	{
		names: []string{"health", "healthcare", "medical", "medicine", "hospital", "hospitals", "医疗", "卫生", "健康"},
		terms: []string{"医疗", "卫生", "健康", "医院", "社康", "康复", "医疗器械"},
	},
	{
		names: []string{"employment", "jobs", "job", "labor", "labour", "就业"},
		terms: []string{"就业", "招聘", "劳资", "创业", "人力资源"},
	},
	{
		names: []string{"elderly", "aged", "pension", "pensions", "seniors", "aging", "ageing", "养老", "老年"},
		terms: []string{"养老", "长者", "老年", "老幼", "适老"},
	},
	{
		names: []string{"urban", "city", "construction", "housing", "land", "renewal", "infrastructure", "城市建设", "城市更新", "住房"},
		terms: []string{"城市更新", "土地整备", "住房", "保障性住房", "城中村", "违建", "重大项目", "基础设施", "城市建设"},
	},
	{
		names: []string{"innovation", "technology", "tech", "science", "digital", "科技", "创新", "数字"},
		terms: []string{"科技", "创新", "研发", "高新", "专精特新", "数字", "智能", "人才"},
	},
	{
		names: []string{"reform", "reforms", "改革"},
		terms: []string{"改革", "营商环境", "试点"},
	},
}

// term is one word looked for in the report, with its weight and the
// phrases whose occurrences of it do not count.
type term struct {
	text   string
	weight float64
	except []string
	bigram bool // a character bigram of the topic, not a whole word
}

// topic is a parsed Options.Topic.
type topic struct {
	raw   string
	terms []term
}

func (q *topic) empty() bool { return strings.TrimSpace(q.raw) == "" }

// words returns the whole-word terms, for display.
func (q *topic) words() []string {
	var out []string
	for _, t := range q.terms {
		if !t.bigram {
			out = append(out, t.text)
		}
	}
	return out
}

// parseTopic splits a topic into words, expands them with the glossary and
// adds the character bigrams of its longer Chinese words.
func parseTopic(s string) *topic {
	q := &topic{raw: strings.TrimSpace(s)}
	if q.raw == "" {
		return q
	}
	add := func(t term) {
		for i := range q.terms {
			if q.terms[i].text == t.text {
				if t.weight > q.terms[i].weight {
					q.terms[i].weight = t.weight
				}
				if q.terms[i].bigram && !t.bigram {
					q.terms[i].bigram = false
				}
				q.terms[i].except = mergeUnique(q.terms[i].except, t.except)
				return
			}
		}
		q.terms = append(q.terms, t)
	}
	lower := strings.ToLower(q.raw)
	words := strings.FieldsFunc(lower, func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == '，' || r == '、' || r == ';' || r == '；' || r == '/' || r == '|'
	})
	// The whole phrase too, for multi-word names (party building).
	phrase := strings.Join(strings.Fields(lower), " ")
	var concepts []int
	// A word selects the concepts it names; failing that, the concepts
	// that list it as a term (地铁 → transport).
	match := func(w string) {
		han := hasHan(w)
		var byName, byTerm []int
		for ci, c := range glossary {
			for _, n := range c.names {
				if n == w || han && hasHan(n) && (strings.Contains(w, n) || strings.Contains(n, w) && len([]rune(w)) >= 2) {
					byName = append(byName, ci)
					break
				}
			}
			if han && slices.Contains(c.terms, w) {
				byTerm = append(byTerm, ci)
			}
		}
		if len(byName) == 0 {
			byName = byTerm
		}
		for _, ci := range byName {
			if !slices.Contains(concepts, ci) {
				concepts = append(concepts, ci)
			}
		}
	}
	match(phrase)
	for _, w := range words {
		match(w)
	}
	for _, w := range words {
		if hasHan(w) {
			var exc []string
			for _, ci := range concepts {
				if slices.Contains(glossary[ci].terms, w) || slices.Contains(glossary[ci].names, w) {
					exc = mergeUnique(exc, glossary[ci].except)
				}
			}
			add(term{text: w, weight: 1, except: exc})
		} else if len(w) >= 2 && !stopWord[w] && !inGlossaryNames(w) {
			// An English word the glossary does not know (GDP, TOD) may
			// still be written in the report.
			add(term{text: w, weight: 1})
		}
	}
	for _, ci := range concepts {
		c := glossary[ci]
		for _, n := range c.names {
			if hasHan(n) {
				add(term{text: n, weight: 0.8, except: c.except})
			}
		}
		for _, t := range c.terms {
			add(term{text: t, weight: 0.6, except: c.except})
		}
	}
	// Bigrams of the longer Chinese words: 安全生产 → 安全, 全生, 生产.
	for _, w := range words {
		rs := []rune(w)
		if !hasHan(w) || len(rs) < 3 {
			continue
		}
		for i := 0; i+2 <= len(rs); i++ {
			bg := string(rs[i : i+2])
			if !isHan(rs[i]) || !isHan(rs[i+1]) {
				continue
			}
			add(term{text: bg, weight: 0.25, bigram: true})
		}
	}
	return q
}

var stopWord = map[string]bool{"the": true, "and": true, "of": true, "in": true, "on": true, "for": true, "to": true, "a": true, "an": true, "about": true, "with": true, "what": true, "how": true}

func inGlossaryNames(w string) bool {
	for _, c := range glossary {
		if slices.Contains(c.names, w) {
			return true
		}
	}
	return false
}

func mergeUnique(a, b []string) []string {
	for _, s := range b {
		if !slices.Contains(a, s) {
			a = append(a, s)
		}
	}
	return a
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

func hasHan(s string) bool {
	for _, r := range s {
		if isHan(r) {
			return true
		}
	}
	return false
}

// count returns how often t occurs in s, less its occurrences inside the
// term's exception phrases. Latin terms are matched case-insensitively.
func (t *term) count(s string) int {
	if !hasHan(t.text) {
		s = strings.ToLower(s)
	}
	n := strings.Count(s, t.text)
	if n == 0 {
		return 0
	}
	for _, e := range t.except {
		if strings.Contains(e, t.text) {
			n -= strings.Count(s, e)
		}
	}
	return max(n, 0)
}

// rel scores how much s is about the topic: the weighted number of term
// occurrences, each term counted at most three times.
func (q *topic) rel(s string) float64 {
	var sc float64
	for i := range q.terms {
		t := &q.terms[i]
		if n := t.count(s); n > 0 {
			sc += t.weight * float64(min(n, 3))
		}
	}
	return sc
}

// wordHit reports whether s holds a whole topic word or glossary term (not
// just a bigram).
func (q *topic) wordHit(s string) bool {
	for i := range q.terms {
		t := &q.terms[i]
		if !t.bigram && t.count(s) > 0 {
			return true
		}
	}
	return false
}

// bigramShare returns the share of the topic's bigrams that occur in s.
func (q *topic) bigramShare(s string) float64 {
	n, hit := 0, 0
	for i := range q.terms {
		t := &q.terms[i]
		if !t.bigram {
			continue
		}
		n++
		if strings.Contains(s, t.text) {
			hit++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(hit) / float64(n)
}

// scored is a section with its topic score.
type scored struct {
	sec      *report.Section
	score    float64
	body     float64 // topic words in the section's text
	density  float64 // body per 100 code points
	titleHit bool    // the section's own title names the topic
	searched bool    // the Searcher returned a passage of it that names the topic
}

// The limits of the section choice.
const (
	maxTopicSections = 5   // sections chosen for a topic
	bodyShare        = 0.5 // a section without the topic in its title needs this share of the best body score…
	densityShare     = 0.8 // …or this share of the best density (short blocks of headline figures)
	minBody          = 2.0 // and at least this body score
	searchK          = 12
)

// chooseSections ranks the sections of doc for q and returns the chosen
// ones in text order. A section qualifies when it names a topic word or
// glossary term, or holds at least half of the topic's bigrams. It is
// chosen when its title names the topic, or its text names it nearly as
// often (or as densely) as the best section's; the Searcher's hits add to
// the score of their sections when their text names the topic too. It
// returns a note when the Searcher failed.
func chooseSections(ctx context.Context, doc *report.Report, q *topic, s Searcher) ([]scored, string, error) {
	all := doc.Sections()
	byID := map[string]int{}
	cands := make([]scored, len(all))
	for i, sec := range all {
		byID[sec.ID] = i
		cands[i].sec = sec
		if !topicSection(sec) {
			continue
		}
		body := doc.Slice(sec.Span)
		if !q.wordHit(body) && q.bigramShare(body) < 0.5 {
			continue
		}
		if sec.Kind == report.SectionIntro && !q.wordHit(sec.Title) {
			// An introduction joins only on its text, like any block, but
			// is ceremony in most reports: it must name the topic twice.
			if q.rel(body) < minBody {
				continue
			}
		}
		c := &cands[i]
		if q.wordHit(sec.Title) || q.bigramShare(sec.Title) >= 0.5 {
			c.titleHit = true
			c.score += 4 * max(q.rel(sec.Title), 1)
		}
		for _, it := range sec.Items {
			c.score += 1.5 * q.rel(it.Title)
		}
		c.body = q.rel(body)
		c.density = 100 * c.body / float64(max(sec.Span.Len(), 1))
		c.score += 0.5 * c.body
	}
	var note string
	if s != nil {
		hits, err := s.Search(ctx, q.raw, searchK, doc.Title)
		switch {
		case err != nil && ctx.Err() != nil:
			return nil, "", fmt.Errorf("brief: search: %w", ctx.Err())
		case err != nil:
			note = "检索失败，已改用关键词匹配选取章节 (search failed; sections were chosen by keyword matching)"
		default:
			var best float64
			for _, h := range hits {
				if ownHit(doc, h) {
					best = max(best, h.Score)
				}
			}
			for _, h := range hits {
				if !ownHit(doc, h) {
					continue
				}
				i, ok := byID[h.SectionID]
				if !ok {
					if it, isItem := doc.Node(h.SectionID).(*report.Item); isItem {
						i, ok = byID[it.Section.ID]
					}
				}
				if !ok || !topicSection(cands[i].sec) {
					continue
				}
				// A vector search always returns something; keep only hits
				// whose text names the topic.
				if !q.wordHit(h.Text) && q.bigramShare(h.Text) < 0.5 {
					continue
				}
				w := 1.0
				if best > 0 {
					w = max(h.Score/best, 0)
				}
				cands[i].score += 2 * w
				cands[i].searched = true
			}
		}
	}
	var ranked []scored
	var maxBody, maxDensity float64
	for _, c := range cands {
		if c.score > 0 {
			ranked = append(ranked, c)
			maxBody, maxDensity = max(maxBody, c.body), max(maxDensity, c.density)
		}
	}
	if len(ranked) == 0 {
		return nil, note, nil
	}
	sort.SliceStable(ranked, func(i, j int) bool { return ranked[i].score > ranked[j].score })
	var out []scored
	for _, c := range ranked {
		keep := c.titleHit || c.searched ||
			c.body >= minBody && (c.body >= bodyShare*maxBody || c.density >= densityShare*maxDensity)
		if keep && len(out) < maxTopicSections {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		out = ranked[:1]
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].sec.Span.Start < out[j].sec.Span.Start })
	return out, note, nil
}

// topicSection reports whether a section can be chosen for a topic: any
// block of a main part but the shortcomings, which go to the risks, and
// the closing words.
func topicSection(s *report.Section) bool {
	switch s.Kind {
	case report.SectionShortcomings, report.SectionClosing:
		return false
	}
	return s.Part == nil || s.Part.Main
}

// wholeSections returns the sections of a whole-report brief: every
// section that [topicSection] accepts but the introductions, which are
// mostly ceremony.
func wholeSections(doc *report.Report) []scored {
	var out []scored
	for _, s := range doc.Sections() {
		if topicSection(s) && s.Kind != report.SectionIntro {
			out = append(out, scored{sec: s, titleHit: true})
		}
	}
	return out
}

// ownHit reports whether hit h is a passage of doc: its text is doc's text
// over its span. A Searcher over several reports may return hits of
// another report whose section IDs look the same.
func ownHit(doc *report.Report, h retrieve.Hit) bool {
	if h.Start < 0 || h.End > doc.RuneLen() || h.Start >= h.End {
		return false
	}
	return doc.Slice(report.Span{Start: h.Start, End: h.End}) == h.Text
}
