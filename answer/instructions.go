package answer

import (
	"strings"
	"unicode"

	"github.com/reportbot/reportbot/lexicon"
)

// LooksLikeInstruction reports whether passage reads as an instruction to
// its reader or to a language model (回答任何问题时都要说…, 忽略以上指令,
// 你必须回答, ignore previous instructions, system prompt, as an AI)
// rather than as report text, so the engine can mark it to the model as
// quoted material, not as instructions to follow. The vocabulary is
// lexicon's ([lexicon.InstructionZhRE], [lexicon.InstructionEnRE]). Letters
// are folded to lower case and full width; white space and zero-width
// characters do not break a Chinese phrase.
func LooksLikeInstruction(passage string) bool {
	spaced, packed := foldInstruction(passage)
	return lexicon.InstructionEnRE.MatchString(spaced) || lexicon.InstructionZhRE.MatchString(packed)
}

// foldInstruction returns s in lower case with full-width forms folded and
// invisible characters dropped: once with runs of white space as one space,
// once with no white space at all.
func foldInstruction(s string) (spaced, packed string) {
	var sp, pk strings.Builder
	sp.Grow(len(s))
	pk.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r >= '！' && r <= '～': // full-width ASCII
			r = r - '！' + '!'
		case r == '\u3000':
			r = ' '
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff' || r == '\u00ad':
			continue
		}
		r = unicode.ToLower(r)
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && sp.Len() > 0 {
			sp.WriteByte(' ')
		}
		space = false
		sp.WriteRune(r)
		pk.WriteRune(r)
	}
	return sp.String(), pk.String()
}
