package qa

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/reportbot/reportbot/lexicon"
	"github.com/reportbot/reportbot/lexicon/cedict"
	"github.com/reportbot/reportbot/retrieve"
)

// Term is a content term of a question and the wordings that count as it
// in a report.
type Term struct {
	// Text is the term as the question has it (or the English word).
	Text string
	// Forms are the Chinese wordings to look for: Text itself for a
	// Chinese term, its variants (abbreviations, synonyms, translations)
	// that occur in the loaded reports.
	Forms []string
	// Weight is how much the term says: its rarity in the loaded reports
	// (see [Engine.weigh]); a term that is absent weighs the most.
	Weight float64
	// Present is false when no form of the term occurs in any loaded
	// report.
	Present bool
	// Single is true for a one-character term, which says little.
	Single bool
	// Ask is true for a word that only says what kind of answer is
	// wanted (增速, 目标, growth): evidence need not contain it.
	Ask bool
	// Backoff is true when the term's forms are only the head word of a
	// compound the reports do not use (固定资产投资 → 投资): it weighs less.
	Backoff bool
	// Official is true for an English term rendered by the genre's
	// official terms (grain output → 粮食产量): when none of its forms
	// occurs, the report does not state what is asked.
	Official bool
	// Named is true for an English term whose words are part of a
	// capitalized name in the question (Central Yunnan Water Diversion):
	// a passage must say some part of the name.
	Named bool
	// Inherited is true for a term a later ask took from the first one
	// (…，盈利面提升到了多少): it helps find the passage but does not
	// have to stand next to the figure.
	Inherited bool

	folded []string   // the forms as fold makes them
	grams  [][]string // the character bigrams of each form, for partial matches
}

// Term weights.
const (
	// singleCharWeight scales the weight of one-character terms: they
	// match too easily to say much.
	singleCharWeight = 0.3
	// maxRelated bounds the dictionary near-synonyms tried per term.
	maxRelated = 6
)

// chineseTerms finds the content terms of the blanked Chinese text s: the
// genre's variant keys first (longest first), then dictionary words of
// what is left. Adjacent single characters are joined into one term.
func (e *Engine) chineseTerms(s string) []*Term {
	var out []*Term
	seen := map[string]bool{}
	add := func(t string) {
		t = strings.TrimSpace(t)
		if t == "" || seen[t] || isParticle(t) {
			return
		}
		seen[t] = true
		out = append(out, e.newTerm(t, nil))
	}
	for _, run := range hanRunRE.FindAllString(s, -1) {
		for _, w := range e.segment(run) {
			add(w)
		}
	}
	e.addListForms(s, out)
	e.addSwitchForms(s, out)
	return out
}

// addSwitchForms gives two terms joined by a verb of switching (煤气罐换成
// 管道燃气) the genre's contraction of the switch as a form (瓶改管: the
// first character of each side around 改, as in 煤改气 and 油改电) when
// the reports use it.
func (e *Engine) addSwitchForms(s string, terms []*Term) {
	for i := 0; i+1 < len(terms); i++ {
		// The verb may be terms of its own (煤气罐 换成 管道燃气, 改 通),
		// and a word may follow it (改成通管道燃气): try each term after.
		for j := i + 1; j < len(terms) && j <= i+maxSwitchTerms; j++ {
			if !switched(s, terms[i].Text, terms[j].Text) {
				continue
			}
			if c := e.switchContraction(terms[i], terms[j]); c != "" {
				for _, v := range terms[i+1 : j] {
					v.Ask = true // the verb says what kind of thing is asked
				}
				e.addForm(terms[i], c)
				e.addForm(terms[j], c)
				return
			}
		}
	}
}

// switchContraction returns the contraction of a switch from a to b that
// the reports write (瓶改管), or "".
func (e *Engine) switchContraction(a, b *Term) string {
	for _, x := range firstChars(a) {
		for _, y := range firstChars(b) {
			if c := x + lexicon.SwitchWord + y; e.corpus.has(c) {
				return c
			}
		}
	}
	return ""
}

// maxSwitchTerms bounds the terms from one side of a switch to the other.
const maxSwitchTerms = 3

// switched reports whether s has a, a verb of switching, then b.
func switched(s, a, b string) bool {
	i := strings.Index(s, a)
	if i < 0 {
		return false
	}
	rest := s[i+len(a):]
	j := strings.Index(rest, b)
	if j < 0 {
		return false
	}
	return lexicon.SwitchVerbRE.MatchString(rest[:j])
}

// firstChars are the first characters of a term's text, its forms and
// the genre's variants of it (瓶 of 瓶装燃气 for 煤气罐).
func firstChars(t *Term) []string {
	seen := map[string]bool{}
	var out []string
	words := append([]string{t.Text}, t.Forms...)
	for _, w := range append(words, lexicon.Variants(t.Text)...) {
		r, _ := utf8.DecodeRuneInString(w)
		if c := string(r); isHan(c) && !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// addListForms gives the terms of a list in s (抢劫、抢夺) the list's
// contraction as a form (两抢) when the reports use it.
func (e *Engine) addListForms(s string, terms []*Term) {
	for i := 0; i < len(terms); {
		j := i + 1
		for j < len(terms) && listed(s, terms[j-1].Text, terms[j].Text) {
			j++
		}
		if j-i >= 2 {
			e.addListForm(terms[i:j])
		}
		i = j
	}
}

// listed reports whether s lists a and then b (a、b, a和b).
func listed(s, a, b string) bool {
	for _, sep := range []string{"、", "和", "及", "与", "或"} {
		if strings.Contains(s, a+sep+b) {
			return true
		}
	}
	return false
}

// addListForm adds the contraction of a list of terms to each of them.
func (e *Engine) addListForm(list []*Term) {
	items := make([]string, len(list))
	for i, t := range list {
		items[i] = t.Text
	}
	abbr := lexicon.ListAbbreviation(items)
	if abbr == "" || !e.corpus.has(abbr) {
		return
	}
	for _, t := range list {
		e.addForm(t, abbr)
	}
}

// addForm gives t a form the reports write (a contraction of it): a term
// no report wrote now has that form only.
func (e *Engine) addForm(t *Term, form string) {
	if !t.Present {
		t.Forms = nil
	}
	t.Forms = append(t.Forms, form)
	t.Present = true
	t.finish()
	t.Weight = e.termWeight(t)
}

// segment splits a run into terms: variant keys of the lexicon whole, the
// rest by the dictionary.
func (e *Engine) segment(run string) []string {
	low := strings.ToLower(run)
	var bounds map[int]bool
	for _, k := range lexicon.VariantKeys() {
		i := strings.Index(low, k)
		if i < 0 || utf8.RuneCountInString(k) < 2 {
			continue
		}
		if bounds == nil {
			bounds = wordBounds(run, true)
		}
		if !bounds[i] && lexicon.IsColloquial(k) && !(utf8.RuneCountInString(k) >= minLooseColloquial && bounds[i+len(k)]) {
			// 盖了 inside 覆盖了 is not the everyday word; a longer one
			// that ends on a word bound is (给养|小孩 holds 养小孩).
			continue
		}
		left, right := run[:i], run[i+len(k):]
		out := e.segment(left)
		out = append(out, run[i:i+len(k)])
		return append(out, e.segment(right)...)
	}
	var words []string
	for _, w := range cedict.Segment(run) {
		w = trimAspect(w)
		if !isParticle(w) {
			words = append(words, w)
		}
	}
	return e.joinContracted(e.joinUnknown(e.joinSuffixes(words)))
}

// joinSuffixes attaches a word-forming suffix to the word before it when
// the reports write them together (预期 + 性 → 预期性, as in 16个预期性
// 指标): the suffix makes another word, which an ask word (预期) is not.
func (e *Engine) joinSuffixes(words []string) []string {
	var out []string
	for _, w := range words {
		if n := len(out); n > 0 && strings.Contains(lexicon.WordSuffixes, w) && utf8.RuneCountInString(w) == 1 && e.corpus.has(out[n-1]+w) {
			out[n-1] += w
			continue
		}
		out = append(out, w)
	}
	return out
}

// minLooseColloquial is the length from which an everyday word is taken
// where it ends on a word bound, even if it does not start on one.
const minLooseColloquial = 3

// joinContracted joins two words the reports use only contracted (违章 +
// 建筑, written 违建) into one term, which then finds the contraction.
func (e *Engine) joinContracted(words []string) []string {
	var out []string
	for i := 0; i < len(words); i++ {
		if i+1 < len(words) && e.contracted(words[i], words[i+1]) {
			out = append(out, words[i]+words[i+1])
			i++
			continue
		}
		out = append(out, words[i])
	}
	return out
}

// contracted reports whether the compound a+b of two two-character words
// is absent from the reports, its modifier a is too, and its contraction
// occurs.
func (e *Engine) contracted(a, b string) bool {
	if !isHan(a) || !isHan(b) || utf8.RuneCountInString(a) != 2 || utf8.RuneCountInString(b) != 2 || e.corpus.has(a) || e.corpus.has(a+b) {
		return false
	}
	for _, c := range lexicon.Abbreviations([]string{a, b}) {
		if e.corpus.has(c) {
			return true
		}
	}
	return false
}

// maxJoin bounds the characters of a word joined from dictionary pieces.
const maxJoin = 6

// joinUnknown joins runs of dictionary pieces that hold a single character
// into one term when the joined string occurs in the loaded reports: the
// dictionary does not know the report's own names (观湖, 十五运会), and it
// splits them into characters that say nothing alone.
func (e *Engine) joinUnknown(words []string) []string {
	var out []string
	for i := 0; i < len(words); {
		j := e.longestJoin(words, i)
		out = append(out, strings.Join(words[i:j], ""))
		i = j
	}
	return out
}

// longestJoin returns the end of the longest run words[i:j] (j > i+1) that
// holds two one-character pieces and occurs in the reports, or i+1.
func (e *Engine) longestJoin(words []string, i int) int {
	best := i + 1
	chars, singles := 0, 0
	for j := i; j < len(words); j++ {
		n := utf8.RuneCountInString(words[j])
		chars += n
		if n == 1 {
			singles++
		}
		if chars > maxJoin || !isHan(words[j]) {
			break
		}
		// Two loose characters at least: one next to a word is usually
		// a word of its own (民间投资 + 占).
		if j > i && singles >= 2 && e.corpus.has(strings.Join(words[i:j+1], "")) {
			best = j + 1
		}
	}
	return best
}

// newTerm makes a term of text with extra forms (translations), keeping
// the forms that occur in the loaded reports.
func (e *Engine) newTerm(text string, extra []string) *Term {
	t := &Term{Text: text, Single: utf8.RuneCountInString(text) == 1}
	cands := append([]string{}, extra...)
	if isHan(text) || !isASCIIWord(text) || isAcronym(text) || isDigits(text) {
		cands = append([]string{text}, cands...) // GDP and AI as written
	}
	cands = append(cands, lexicon.Variants(text)...)
	if isHan(text) {
		cands = append(cands, pairWholeForms(text)...) // 城镇居民 in 城乡居民…分别
	}
	seen := map[string]bool{}
	keep := func(cs []string) {
		for _, c := range cs {
			if c == "" || seen[c] {
				continue
			}
			seen[c] = true
			if e.corpus.has(c) {
				t.Forms = append(t.Forms, c)
			}
		}
	}
	keep(cands)
	if len(t.Forms) == 0 && isHan(text) && !t.Single {
		// Only a word the reports do not use needs the dictionary's
		// near-synonyms (老人 → 老年人).
		keep(e.related(text))
	}
	if len(t.Forms) == 0 && isHan(text) && utf8.RuneCountInString(text) >= minCompound {
		// A compound the reports do not write out may stand contracted
		// (违章建筑 → 违建).
		keep(lexicon.Abbreviations(cedict.Segment(text)))
	}
	if len(t.Forms) == 0 && utf8.RuneCountInString(text) <= maxAbbreviation && isHan(text) {
		// Only an abbreviation the reports write out otherwise backs off
		// (固投 → 投资): a full official term the reports lack is absent.
		keep(e.headBackoff(cands[1:]))
		t.Backoff = len(t.Forms) > 0
	}
	if len(t.Forms) == 0 && isHan(text) && utf8.RuneCountInString(text) == 2 {
		// A two-character word the reports never write (榜单) still
		// counts a little through its rarer character (排行榜).
		if c := e.rarerChar(text); c != "" {
			keep([]string{c})
			t.Backoff, t.Single = true, true
		}
	}
	t.Present = len(t.Forms) > 0
	if t.Present && !isHan(text) && allSingle(t.Forms) {
		t.Single = true // an English word rendered only by single characters
	}
	if !t.Present && (isHan(text) || !isASCIIWord(text)) {
		t.Forms = []string{text} // still looked for, never found
	}
	t.Weight = e.termWeight(t)
	t.finish()
	if !t.Present || !contains(t.Forms, text) {
		// The question's own wording still counts in part where the
		// report words it otherwise (粮食总产量 for 总产量).
		if g := retrieve.Tokenize(text, nil); utf8.RuneCountInString(text) >= 3 && isHan(text) {
			t.grams = append(t.grams, g)
			t.folded = append(t.folded, "\x00") // never matched whole
		}
	}
	return t
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// finish computes what matching needs once per term.
func (t *Term) finish() {
	t.Ask = isAskWord(t.Text)
	t.grams = make([][]string, len(t.Forms))
	t.folded = make([]string, len(t.Forms))
	for i, f := range t.Forms {
		t.folded[i] = fold(f)
		if utf8.RuneCountInString(f) >= 3 {
			t.grams[i] = retrieve.Tokenize(f, nil)
		}
	}
}

// termWeight is the term's inverse document frequency over chunks: the
// rarest of its forms that occurs, or the highest weight when none does.
func (e *Engine) termWeight(t *Term) float64 {
	n := float64(e.idx.Len())
	w := math.Log(1 + n) // absent
	if t.Present {
		w = 0
		lo := math.Inf(1)
		for _, f := range t.Forms {
			df := float64(e.corpus.df(f))
			if df == 0 {
				continue
			}
			idf := math.Log(1 + (n-df+0.5)/(df+0.5))
			w, lo = max(w, idf), min(lo, idf)
		}
		if !isHan(t.Text) && !t.Official && len(t.Forms) > 1 {
			// An English word's renderings range from its sense in the
			// reports to rare homographs (new → 新, 新高): it weighs
			// between its commonest and rarest rendering.
			w = (w + lo) / 2
		}
	}
	if t.Single {
		w *= singleCharWeight
	}
	if isHan(t.Text) && isVerb(t.Text) {
		w *= verbWeight
	}
	if t.Backoff {
		w *= backoffWeight
	}
	if lexicon.ActorWords[strings.ToLower(t.Text)] || lexicon.SourceDocWords[strings.ToLower(t.Text)] {
		w *= actorWeight
	}
	return w
}

// related returns the dictionary's near-synonyms of w that occur in the
// loaded reports: those sharing a character with w (案子 → 案件), then
// those among the dictionary's closest, at most maxRelated.
func (e *Engine) related(w string) []string {
	var share, other []string
	for i, r := range cedict.Related(w) {
		switch {
		case !e.corpus.has(r):
		case strings.ContainsAny(r, w):
			share = append(share, r)
		case utf8.RuneCountInString(r) < 2:
			// A character not of w says too little to stand for it
			// (截至 → 到).
		case i < maxRelated:
			other = append(other, r) // the dictionary's closest only
		}
	}
	out := append(share, other...)
	return out[:min(len(out), maxRelated)]
}

// maxAbbreviation is the longest question wording treated as an
// abbreviation for the head-word backoff.
const maxAbbreviation = 3

// backoffWeight scales a term that only its head word matches.
const backoffWeight = 0.6

// minCompound is the least length of a wording whose head word may stand
// for it.
const minCompound = 4

// headBackoff returns the head words (the last dictionary word) of the
// compound wordings, for a term none of whose wordings occurs: 固定资产投资
// is written 投资 in a report that says 全年投资增长5%左右.
func (e *Engine) headBackoff(cands []string) []string {
	var out []string
	for _, c := range cands {
		if !isHan(c) || utf8.RuneCountInString(c) < minCompound {
			continue
		}
		words := cedict.Segment(c)
		if head := words[len(words)-1]; utf8.RuneCountInString(head) >= 2 {
			out = append(out, head)
		}
	}
	return out
}

// rarerChar returns the character of w that the fewest chunks hold, among
// those some chunk holds, or "".
func (e *Engine) rarerChar(w string) string {
	best, bestDF := "", 0
	for _, r := range w {
		c := string(r)
		if df := e.corpus.df(c); df > 0 && (best == "" || df < bestDF) {
			best, bestDF = c, df
		}
	}
	return best
}

// actorWeight scales an everyday word for the people a question is about
// (老百姓): it says who, which the figure's words rarely repeat.
const actorWeight = 0.3

// verbWeight scales the weight of a verb: questions ask about things with
// everyday verbs (拆掉, 卖了) that reports word otherwise, so the nouns
// decide.
const verbWeight = 0.5

// isVerb reports whether CC-CEDICT's first sense of w is a verb ("to …").
func isVerb(w string) bool {
	senses := cedict.English(w)
	return len(senses) > 0 && strings.HasPrefix(senses[0], "to ")
}

// isParticle reports whether w is a particle or a filler of questions.
func isParticle(w string) bool {
	if utf8.RuneCountInString(w) == 1 {
		return strings.Contains(lexicon.QuestionParticles, w) || !isHan(w) && !unicode.IsDigit([]rune(w)[0])
	}
	return false
}

// trimAspect drops an aspect particle the dictionary glued to a verb
// (率达 到了 → 到): 到了 is not a term, and its near-synonyms would be.
func trimAspect(w string) string {
	if utf8.RuneCountInString(w) == 2 && strings.HasSuffix(w, lexicon.AspectParticle) && isHan(w) {
		return strings.TrimSuffix(w, lexicon.AspectParticle)
	}
	return w
}

func isHan(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return s != ""
}

// isAcronym reports whether s is an upper-case Latin acronym (GDP, AI,
// PM2.5's PM), which reports write as such.
func isAcronym(s string) bool {
	if len(s) < 2 {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.') {
			return false
		}
	}
	return s[0] >= 'A' && s[0] <= 'Z'
}

// isDigits reports whether s is a number as written (810, 2.5).
func isDigits(s string) bool {
	for _, r := range s {
		if !('0' <= r && r <= '9' || r == '.') {
			return false
		}
	}
	return s != ""
}

func isASCIIWord(s string) bool {
	for _, r := range s {
		if r >= 128 || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return false
		}
	}
	return s != ""
}

// match says how well a text covers a term: 1 when a form occurs in it,
// the share of the form's bigrams it holds when at least half do (a
// partial match), else 0.
func (t *Term) match(text string) float64 {
	best := 0.0
	for i, f := range t.folded {
		if strings.Contains(text, f) {
			return 1
		}
		if i < len(t.grams) {
			best = max(best, gramShare(t.grams[i], text))
		}
	}
	if best < partialMatchFloor {
		return 0
	}
	return best * partialMatchScale
}

// matchClose is match with only the forms that keep two of a Chinese
// term's characters (生产总值 for 地区生产总值, not 经济增长): a heading is
// far from the figure, and a loose synonym there names something else.
func (t *Term) matchClose(text string) bool {
	if !isHan(t.Text) {
		return t.match(text) >= 1
	}
	for i, f := range t.Forms {
		if i < len(t.folded) && sharedRunes(f, t.Text) >= minSharedRunes && strings.Contains(text, t.folded[i]) {
			return true
		}
	}
	return false
}

// minSharedRunes is how many characters a close form shares with its term.
const minSharedRunes = 2

// sharedRunes counts the distinct characters of a that b holds.
func sharedRunes(a, b string) int {
	n := 0
	seen := map[rune]bool{}
	for _, r := range a {
		if !seen[r] && strings.ContainsRune(b, r) {
			n++
		}
		seen[r] = true
	}
	return n
}

// Partial matches: a term whose form's bigrams are half present counts
// for part of its weight.
const (
	partialMatchFloor = 0.5
	partialMatchScale = 0.7
)

// gramShare is the share of a form's character bigrams found in text; 0
// for forms shorter than three characters (no grams), which are matched
// whole.
func gramShare(grams []string, text string) float64 {
	if len(grams) < 2 {
		return 0
	}
	hit := 0
	for _, g := range grams {
		if strings.Contains(text, g) {
			hit++
		}
	}
	return float64(hit) / float64(len(grams))
}

func allSingle(forms []string) bool {
	for _, f := range forms {
		if utf8.RuneCountInString(f) > 1 {
			return false
		}
	}
	return true
}

// matchUnmodified reports whether a form of t occurs in text other than
// right after a modifier that makes it another metric (人均生产总值 is not
// 生产总值, 单位地区生产总值能耗 not 地区生产总值), unless the question
// says the modifier too.
func (t *Term) matchUnmodified(text, question string) bool {
	for _, f := range t.folded {
		for from := 0; ; {
			i := strings.Index(text[from:], f)
			if i < 0 {
				break
			}
			at := from + i
			if m := lexicon.MetricModifierBefore(text[:at]); m == "" || strings.Contains(question, m) {
				return true
			}
			from = at + len(f)
		}
	}
	return false
}
