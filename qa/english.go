package qa

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/reportbot/reportbot/lexicon"
	"github.com/reportbot/reportbot/lexicon/cedict"
)

// Translation settings.
const (
	// maxTranslations is how many of a word's dictionary renderings that
	// occur in the loaded reports are kept as forms of its term.
	maxTranslations = 6
	// maxShortTranslations is how many one-character renderings are kept
	// beside the longer ones (households → 家庭, and 户).
	maxShortTranslations = 2
	// maxPhraseWords is the longest English phrase looked up whole.
	maxPhraseWords = 3
)

var (
	enPunctRE = regexp.MustCompile(`[^a-z0-9&'\-\p{Han}]+`)
	enHanRE   = regexp.MustCompile(`\p{Han}+`)
)

// englishTerms translates the content of an English question into terms
// whose forms are Chinese wordings that occur in the loaded reports: the
// genre's fixed official terms first, then CC-CEDICT renderings of phrases
// and words, keeping the renderings the reports actually use. It returns
// the content words it could not render.
func (e *Engine) englishTerms(raw string) ([]*Term, []string) {
	var terms []*Term
	raw = lexicon.SRDIEnRE.ReplaceAllString(raw, " 专精特新 ") // its commas would split it
	for _, h := range enHanRE.FindAllString(raw, -1) {
		for _, t := range e.chineseTerms(h) {
			t.Weight *= namedWeight
			terms = append(terms, t)
		}
	}
	// English glossed by its Chinese ('specialized … innovative' (专精特新))
	// is the Chinese: the gloss would only add words to translate.
	raw = glossedRE.ReplaceAllString(raw, " $1 ")
	raw = glossedNameRE.ReplaceAllString(raw, " $1 ") // the China … Fair (投洽会)
	// An English aside in brackets explains the words before it (R&D
	// intensity (total R&D spending relative to GDP)): its words are not
	// more things the passage must say.
	raw = dropAsides(raw)
	raw = lexicon.SharedHeadEnRE.ReplaceAllString(raw, "$1 industry, $2 industry and $3 industry") // primary, secondary and tertiary industries
	calqued, raw := e.calques(raw)
	terms = append(terms, calqued...)
	low := strings.ToLower(enHanRE.ReplaceAllString(raw, " "))
	for _, re := range []*regexp.Regexp{lexicon.ThisYearRE, lexicon.LastYearRE} {
		low = re.ReplaceAllString(low, " ") // said by the question's period, not its terms
	}
	// A clause break (the transport side, how many roads) ends a phrase:
	// it becomes a word no phrase or term crosses.
	low = clauseBreakRE.ReplaceAllString(low, " "+clauseBreak+" ")
	low = " " + enPunctRE.ReplaceAllString(low, " ") + " "
	low = quoteMarkRE.ReplaceAllString(low, " ") // 'four forms' is the term four forms
	low = yearRE.ReplaceAllString(low, " ")
	for _, nn := range lexicon.NumberedNames {
		// Line 17 is 17号线 and 5A-level is 5A级, as the reports write them.
		for _, m := range nn.RE.FindAllStringSubmatch(low, -1) {
			if name := fmt.Sprintf(nn.Format, m[1]); e.corpus.has(name) {
				terms = append(terms, e.newTerm(m[0], []string{name}))
			}
		}
		low = nn.RE.ReplaceAllString(low, " ")
	}
	for _, ot := range lexicon.OfficialTerms() {
		needle := " " + ot.English + " "
		if !strings.Contains(low, needle) && !strings.Contains(ot.English, "-") {
			// land-storage is the official term land storage.
			if spaced := " " + strings.ReplaceAll(ot.English, " ", "-") + " "; strings.Contains(low, spaced) {
				needle = spaced
			}
		}
		if strings.Contains(low, needle) {
			t := e.newTerm(ot.English, ot.Chinese)
			t.Official = true
			terms = append(terms, t)
			low = strings.ReplaceAll(low, needle, " ")
		}
	}
	words := contentWords(low)
	cased := casedWords(raw)
	var unknown []string
	for i := 0; i < len(words); {
		if words[i] == clauseBreak {
			i++
			continue
		}
		n, t := e.translatePhrase(untilBreak(words[i:]), cased)
		if t == nil && strings.Contains(words[i], "-") {
			// land-storage, which no dictionary holds, is land storage.
			words = slices.Concat(words[:i], strings.Split(words[i], "-"), words[i+1:])
			continue
		}
		if t == nil {
			unknown = append(unknown, words[i])
			terms = append(terms, e.unknownTerm(words[i], cased[words[i]] != ""))
			i++
			continue
		}
		terms = append(terms, t)
		i += n
	}
	markNamed(terms, nameWords(raw))
	return terms, unknown
}

// markNamed marks the terms all of whose words are words of a name.
func markNamed(terms []*Term, names map[string]bool) {
	for _, t := range terms {
		words := strings.Fields(t.Text)
		t.Named = len(words) > 0 && !isHan(t.Text)
		for _, w := range words {
			t.Named = t.Named && names[w]
		}
	}
}

// nameWords returns the lower-case words of the capitalized names of an
// English question: runs of two or more capitalized words (joined by of,
// for, and, the), not counting the question's first word and words that
// name a region.
func nameWords(raw string) map[string]bool {
	out := map[string]bool{}
	// A quoted name ('Read Beauty Guanhu') is often a translation no
	// dictionary renders; only names as written are required.
	raw = quotedEnglishRE.ReplaceAllString(raw, " , ")
	words := strings.FieldsFunc(raw, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' || r == '\'')
	})
	var run []string
	flush := func() {
		for len(run) > 0 && nameConnectors[run[len(run)-1]] {
			run = run[:len(run)-1]
		}
		capitals := 0
		for _, w := range run {
			if !nameConnectors[w] {
				capitals++
			}
		}
		if capitals >= minNameWords && regionGlossedAs(strings.Join(run, " ")) == "" {
			for _, w := range run {
				lw := strings.ToLower(w)
				if !nameConnectors[w] && regionReadingAs(w) == "" && regionGlossedAs(w) == "" {
					out[lw] = true
				}
			}
		}
		run = run[:0]
	}
	for i, w := range words {
		switch {
		case i > 0 && w[0] >= 'A' && w[0] <= 'Z':
			run = append(run, w)
		case len(run) > 0 && nameConnectors[w] && w != ",":
			run = append(run, w)
		default:
			flush()
		}
	}
	flush()
	return out
}

// minNameWords is how many capitalized words make a name.
const minNameWords = 2

// nameConnectors are the small words inside a name (Fair for Investment
// and Trade).
var nameConnectors = map[string]bool{"of": true, "for": true, "and": true, "the": true, "on": true, "in": true}

// clauseBreak stands for a comma, semicolon or colon among a question's
// words; clauseBreakRE finds those marks.
const clauseBreak = "xxbreakxx"

var clauseBreakRE = regexp.MustCompile(`[,;:，；：]`)

// untilBreak returns words up to the first clause break.
func untilBreak(words []string) []string {
	for i, w := range words {
		if w == clauseBreak {
			return words[:i]
		}
	}
	return words
}

// quoteMarkRE matches an apostrophe used as a quotation mark: at a word's
// start or end.
var quoteMarkRE = regexp.MustCompile(`(^|\s)'+|'+(\s|$)`)

// asideRE matches an English aside in brackets, with no Chinese in it.
var asideRE = regexp.MustCompile(`[(（][^()（）\p{Han}]{3,120}[)）]`)

// dropAsides removes the English asides of a question, but not one that
// names the official term the words before it only paraphrase (large
// firms (above designated size)).
func dropAsides(raw string) string {
	var b strings.Builder
	last := 0
	for _, m := range asideRE.FindAllStringIndex(raw, -1) {
		before := raw[max(0, m[0]-asideContextBytes):m[0]]
		b.WriteString(raw[last:m[0]])
		if namesOfficialTerm(raw[m[0]:m[1]]) && !namesOfficialTerm(before) {
			b.WriteString(raw[m[0]:m[1]])
		} else {
			b.WriteByte(' ')
		}
		last = m[1]
	}
	b.WriteString(raw[last:])
	return b.String()
}

// asideContextBytes is how much of the question before an aside is read
// for the term the aside explains.
const asideContextBytes = 40

// namesOfficialTerm reports whether text holds one of the genre's fixed
// English terms.
func namesOfficialTerm(text string) bool {
	low := " " + enPunctRE.ReplaceAllString(strings.ToLower(text), " ") + " "
	for _, ot := range lexicon.OfficialTerms() {
		if strings.Contains(low, " "+ot.English+" ") {
			return true
		}
	}
	return false
}

// glossedRE matches a quoted English phrase followed by its Chinese in
// brackets; $1 is the Chinese.
var glossedRE = regexp.MustCompile(`['"‘“][^'"’”]{3,80}['"’”]\s*[(（]\s*(\p{Han}[^)）]{0,30})[)）]`)

// quotedEnglishRE matches a quoted English phrase of two to four words
// ('City Eyes'); $1 is the phrase.
var quotedEnglishRE = regexp.MustCompile(`['"‘“]([A-Za-z]+(?:[ -][A-Za-z]+){1,3})['"’”]`)

// namedWeight multiplies the weight of a name an English question gives
// in Chinese (投洽会) or quotes ('City Eyes'): the asker points at the
// report's own words, more telling than any translated word.
const namedWeight = 2.0

// calqueTop is how many renderings of each word a calque tries.
const calqueTop = 8

// calques turns each quoted English phrase that renders word by word into
// a name the reports write ('City Eyes' → 城市眼睛) into a term, and
// returns the question without those phrases: a quoted name is often a
// literal translation, which no dictionary holds whole.
func (e *Engine) calques(raw string) ([]*Term, string) {
	var terms []*Term
	out := quotedEnglishRE.ReplaceAllStringFunc(raw, func(m string) string {
		phrase := quotedEnglishRE.FindStringSubmatch(m)[1]
		if name := e.calque(strings.Fields(strings.ReplaceAll(phrase, "-", " "))); name != "" {
			t := e.newTerm(strings.ToLower(phrase), []string{name})
			t.Official = true
			t.Weight *= namedWeight
			terms = append(terms, t)
			return " "
		}
		return m
	})
	return terms, out
}

// calque returns the first concatenation of the words' renderings, in
// order, that the loaded reports write, or "".
func (e *Engine) calque(words []string) string {
	names := []string{""}
	for _, w := range words {
		cands := cedict.Chinese(strings.ToLower(w))
		cands = cands[:min(calqueTop, len(cands))]
		var next []string
		for _, n := range names {
			for _, c := range cands {
				if e.corpus.has(n + c) {
					next = append(next, n+c)
				}
			}
		}
		if len(next) == 0 {
			return ""
		}
		names = next
	}
	return names[0]
}

// glossedNameRE matches a capitalized English name followed by its
// Chinese in brackets (the China International Fair for Investment and
// Trade (投洽会)); $1 is the Chinese. A possessive (Fujian's) ends the
// name.
var glossedNameRE = regexp.MustCompile(`\b[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|of|for|and|on|in|the|&))*\s*[(（]\s*(\p{Han}[^)）]{0,30})[)）]`)

// contentWords are the words of a lower-case English text that are not
// stop words or numbers.
func contentWords(low string) []string {
	var out []string
	for _, w := range strings.Fields(low) {
		w = strings.Trim(w, "'-")
		if len(w) < 2 || lexicon.IsEnglishStopword(w) || isNumber(w) {
			continue
		}
		out = append(out, strings.TrimSuffix(w, "'s"))
	}
	return out
}

func isNumber(w string) bool {
	for _, r := range w {
		if !(r >= '0' && r <= '9' || r == '.' || r == ',' || r == '%') {
			return false
		}
	}
	return true
}

// translatePhrase renders the longest phrase at the start of words (up to
// maxPhraseWords) that the dictionary renders whole and the loaded reports
// use; it returns how many words it used and the term, or 0 and nil. A
// word capitalized in the question is looked up capitalized, so names
// rank first (Hunan → 湖南).
func (e *Engine) translatePhrase(words []string, cased map[string]string) (int, *Term) {
	for n := min(maxPhraseWords, len(words)); n >= 1; n-- {
		phrase := strings.Join(words[:n], " ")
		query := phrase
		if n == 1 && cased[phrase] != "" {
			query = cased[phrase]
		}
		cands := cedict.Chinese(query)
		if n == 1 && cased[phrase] != "" {
			// A name: the report's wordings that read as it come first
			// (Ningxia → 宁夏, before 贺兰 whose gloss mentions it).
			cands = append(e.pinyinForms(phrase), cands...)
		}
		if n > 1 {
			cands = wholeRenderings(phrase, cands)
		} else {
			// An adjective is rendered through its noun (industrial →
			// industry → 工业), which reports use far more.
			for _, noun := range nounForms(phrase) {
				cands = append(cedict.Chinese(noun), cands...)
			}
			// A noun of action is also rendered through its verb
			// (cooperation → cooperate → 合作), which the dictionary
			// often glosses only as a verb.
			for _, verb := range verbForms(phrase) {
				cands = append(cands, cedict.Chinese(verb)...)
			}
		}
		forms := e.presentRenderings(cands)
		if len(forms) == 0 {
			continue
		}
		if n == 1 && cased[phrase] != "" {
			forms = regionForms(forms) // Fujian is 福建, not 闽江 or 府间
		}
		t := e.newTerm(phrase, forms)
		if t.Present {
			return n, t
		}
	}
	return 0, nil
}

// regionForms keeps, of a name's renderings, those that name a province or
// city and the renderings that extend them (福建, 福建省), when there are
// any: a region's name read through pinyin or glosses also brings
// homophones and places it contains, which are rarer and would outweigh it.
func regionForms(forms []string) []string {
	var out []string
	for _, f := range forms {
		if isRegion(f) {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return forms
	}
	for _, f := range forms {
		for _, r := range out {
			if f != r && strings.HasPrefix(f, r) && !contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out
}

// presentRenderings keeps the dictionary renderings that occur in the
// loaded reports, in the dictionary's order, at most maxTranslations. A
// one-character rendering is kept only when no longer one occurs: single
// characters occur everywhere and say little.
func (e *Engine) presentRenderings(cands []string) []string {
	var long, short []string
	for _, c := range cands {
		if !e.corpus.has(c) {
			continue
		}
		if utf8.RuneCountInString(c) > 1 {
			long = append(long, c)
		} else {
			short = append(short, c)
		}
	}
	out := long[:min(len(long), maxTranslations)]
	return append(out, short[:min(len(short), maxShortTranslations)]...)
}

// Weights of English words the dictionary cannot bring into the reports.
const (
	// unknownWordWeight scales an unknown lower-case word: it may be a
	// paraphrase the reports word otherwise, or what they lack.
	unknownWordWeight = 0.5
)

// unknownTerm is the term of an English word no rendering of which occurs
// in the loaded reports. A capitalized one is most likely a name written in
// pinyin (Guanhu, Xintian): its forms are the report's wordings that read
// so; when none does, it weighs nothing, so it neither helps nor hurts.
func (e *Engine) unknownTerm(word string, capitalized bool) *Term {
	if capitalized {
		if forms := e.pinyinForms(word); len(forms) > 0 {
			return e.newTerm(word, forms)
		}
	}
	w := e.termWeight(&Term{}) * unknownWordWeight
	if capitalized {
		w = 0
	}
	t := &Term{Text: word, Weight: w}
	t.finish()
	return t
}

// casedWords maps the lower-case form of each capitalized word of raw to
// the word as written.
func casedWords(raw string) map[string]string {
	out := map[string]string{}
	for _, w := range strings.FieldsFunc(raw, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-') }) {
		if w[0] >= 'A' && w[0] <= 'Z' {
			out[strings.ToLower(w)] = w
		}
	}
	return out
}

// wholeRenderings keeps the renderings of a phrase whose senses hold every
// word of it: the dictionary falls back to renderings of the parts, which
// are not renderings of the phrase.
func wholeRenderings(phrase string, cands []string) []string {
	var out []string
	for _, c := range cands {
		for _, sense := range cedict.English(c) {
			if containsWords(strings.ToLower(sense), strings.Fields(phrase)) {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

// containsWords reports whether text holds each word (as a prefix of a
// word of text, so "enterprises" holds "enterprise").
func containsWords(text string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(" "+text, " "+strings.TrimSuffix(w, "s")) {
			return false
		}
	}
	return true
}

// nounForms returns the nouns an English adjective may derive from:
// industrial → industry, environmental → environment, economic → economy,
// agricultural → agriculture, technological → technology.
func nounForms(w string) []string { return swapEnding(w, adjectiveEndings) }

// verbForms returns the verbs a noun of action may come from
// (cooperation → cooperate, development → develop).
func verbForms(w string) []string { return swapEnding(w, nominalEndings) }

// swapEnding returns w with each ending of pairs that it has replaced by
// the ending paired with it; a stem must keep more than three letters.
func swapEnding(w string, pairs [][2]string) []string {
	var out []string
	for _, r := range pairs {
		if strings.HasSuffix(w, r[0]) && len(w) > len(r[0])+3 {
			out = append(out, strings.TrimSuffix(w, r[0])+r[1])
		}
	}
	return out
}

// nominalEndings pair a noun-of-action ending with the verb ending it
// comes from; a candidate that is no word finds nothing in the dictionary.
var nominalEndings = [][2]string{
	{"ation", "ate"}, {"ation", ""}, {"ation", "e"}, {"ment", ""}, {"ion", ""}, {"ion", "e"}, {"ance", ""}, {"ence", "e"},
}

// adjectiveEndings pair an adjective ending with the noun ending it comes
// from, most specific first.
var adjectiveEndings = [][2]string{
	{"ical", "y"}, {"ial", "y"}, {"ural", "ure"}, {"al", ""}, {"ic", "y"}, {"ous", "y"},
}
