package cedict

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// irregular maps irregular English forms to the form they fold to. Only
// forms that are not also common words of another meaning are listed: "left",
// "found", "rose", "saw" and "felt" stay as they are.
var irregular = map[string]string{
	"sold": "sell", "bought": "buy", "built": "build", "grew": "grow", "grown": "grow",
	"made": "make", "paid": "pay", "took": "take", "taken": "take", "gave": "give",
	"given": "give", "went": "go", "gone": "go", "did": "do", "done": "do", "held": "hold",
	"led": "lead", "spent": "spend", "sent": "send", "brought": "bring", "taught": "teach",
	"caught": "catch", "kept": "keep", "lost": "lose", "met": "meet", "won": "win",
	"ran": "run", "began": "begin", "begun": "begin", "wrote": "write", "written": "write",
	"spoke": "speak", "spoken": "speak", "chose": "choose", "chosen": "choose",
	"knew": "know", "known": "know", "shown": "show", "seen": "see", "told": "tell",
	"said": "say", "became": "become", "came": "come", "stood": "stand",
	"understood": "understand", "got": "get", "gotten": "get", "fed": "feed", "fled": "flee",
	"dealt": "deal", "meant": "mean", "lent": "lend", "stolen": "steal", "frozen": "freeze",
	"drove": "drive", "driven": "drive", "rode": "ride", "ridden": "ride", "hidden": "hide",
	"broke": "break", "broken": "break", "fought": "fight", "sought": "seek",
	"struck": "strike", "slept": "sleep", "fell": "fall", "fallen": "fall", "risen": "rise",
	"children": "child", "men": "man", "women": "woman", "feet": "foot", "teeth": "tooth",
	"mice": "mouse", "geese": "goose", "crises": "crisis", "analyses": "analysis",
	"criteria": "criterion", "phenomena": "phenomenon", "indices": "index",
}

// keep are words that look inflected but are not: folding them would merge
// them with another word ("news" is not "new", "goods" not "good").
var keep = map[string]bool{
	"news": true, "goods": true, "series": true, "species": true, "means": true,
	"arms": true, "customs": true, "savings": true, "earnings": true, "surroundings": true,
	"bed": true, "red": true, "shed": true, "wed": true, "sled": true, "need": true,
	"feed": true, "seed": true, "weed": true, "deed": true, "heed": true, "reed": true,
	"speed": true, "greed": true, "creed": true, "breed": true, "bleed": true,
	"hundred": true, "thing": true, "king": true, "ring": true, "sing": true,
	"bring": true, "spring": true, "string": true, "wing": true, "swing": true,
	"evening": true, "morning": true, "ceiling": true, "during": true, "something": true,
	"nothing": true, "anything": true, "everything": true, "bus": true, "gas": true,
	"yes": true, "this": true, "his": true, "its": true, "is": true, "was": true,
	"has": true, "does": true, "as": true, "us": true, "thus": true, "plus": true,
	"less": true, "always": true, "perhaps": true, "sometimes": true,
}

// stop are English words too common to look a sense up by.
var stop = map[string]bool{
	"a": true, "an": true, "the": true, "to": true, "of": true, "and": true, "or": true,
	"in": true, "on": true, "for": true, "with": true, "by": true, "at": true, "as": true,
	"from": true, "is": true, "be": true, "sb": true, "sth": true, "one's": true, "etc": true,
	"used": true, "see": true, "also": true, "abbr": true, "lit": true, "fig": true,
}

// tokens appends the lower-case words of s to dst: runs of Latin letters,
// digits and apostrophes. Hyphens and all other characters separate words.
func tokens(s string, dst []string) []string {
	start, plain := -1, true // plain: the word so far is ASCII lower case and digits
	for i := 0; i < len(s); {
		c, size := s[i], 1
		var word bool
		if c < utf8.RuneSelf {
			lower := 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
			word = lower || 'A' <= c && c <= 'Z' || c == '\''
			if word && !lower {
				plain = false
			}
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			word = r == '’' || r < 0x250 && unicode.IsLetter(r)
			plain = plain && !word
		}
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			dst = appendWord(dst, s[start:i], plain)
			start, plain = -1, true
		}
		i += size
	}
	if start >= 0 {
		dst = appendWord(dst, s[start:], plain)
	}
	return dst
}

// appendWord appends w to dst, lower-cased and with ’ written as ', unless
// it is only apostrophes. plain says w needs neither.
func appendWord(dst []string, w string, plain bool) []string {
	if !plain {
		w = strings.Trim(strings.ToLower(strings.ReplaceAll(w, "’", "'")), "'")
	}
	if w == "" {
		return dst
	}
	return append(dst, w)
}

// fold returns the form w (lower case) is looked up by: plurals, -ed and -ing
// forms fold to the stem when the stem is a word of the dictionary's English
// (vocab reports which words are), and irregular forms fold by a small list: "enterprises" →
// "enterprise", "invested" → "invest", "planned" → "plan", "sold" → "sell".
// fold does not need to produce real words, only the same form for the same
// word on both sides of a lookup.
func fold(w string, vocab func(string) bool) string {
	if f, ok := irregular[w]; ok {
		return f
	}
	if keep[w] || utf8.RuneCountInString(w) < 4 {
		return w
	}
	var c [4]string
	cands := c[:0]
	switch {
	case strings.HasSuffix(w, "ies"):
		cands = append(cands, w[:len(w)-3]+"y")
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
	case strings.HasSuffix(w, "es"):
		cands = append(cands, w[:len(w)-1], w[:len(w)-2])
	case strings.HasSuffix(w, "s"):
		cands = append(cands, w[:len(w)-1])
	case strings.HasSuffix(w, "ied"):
		cands = append(cands, w[:len(w)-3]+"y")
	case strings.HasSuffix(w, "ed"):
		cands = append(cands, w[:len(w)-1], w[:len(w)-2], undouble(w[:len(w)-2]))
	case strings.HasSuffix(w, "ing") && len(w) > 5:
		stem := w[:len(w)-3]
		cands = append(cands, stem, stem+"e", undouble(stem))
	}
	for _, s := range cands {
		if len(s) >= 3 && vocab(s) {
			return s
		}
	}
	return w
}

// undouble drops a doubled final consonant: "plann" → "plan".
func undouble(s string) string {
	if n := len(s); n >= 2 && s[n-1] == s[n-2] && !strings.ContainsRune("aeiou", rune(s[n-1])) {
		return s[:n-1]
	}
	return s
}

// britishEndings pair British spelling endings with the American ones
// CC-CEDICT glosses use, longest first.
var britishEndings = [][2]string{
	{"isation", "ization"}, {"isations", "izations"}, {"ising", "izing"}, {"ised", "ized"}, {"ises", "izes"}, {"ise", "ize"},
	{"ogramme", "ogram"}, {"ogrammes", "ograms"}, {"tres", "ters"}, {"tre", "ter"}, {"bres", "bers"}, {"bre", "ber"},
	{"ours", "ors"}, {"our", "or"}, {"ence", "ense"}, {"elled", "eled"}, {"elling", "eling"},
}

// minOurWord is the shortest word whose -our is British (labour), not a
// word of its own (hour, tour, four).
const minOurWord = 6

// americanSpelling rewrites the British spellings of the words of s
// (centre, programme, labour, organisation) as American ones; other
// words stay as they are. The caller tries it only when the British
// spelling finds nothing, so a word that merely ends alike (hour, tour)
// is looked up as written first.
func americanSpelling(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		lw := strings.ToLower(w)
		for _, e := range britishEndings {
			if strings.HasSuffix(lw, e[0]) && len(lw) > len(e[0])+1 && !(strings.HasPrefix(e[0], "our") && len(lw) < minOurWord) {
				words[i] = w[:len(w)-len(e[0])] + e[1]
				break
			}
		}
	}
	return strings.Join(words, " ")
}
