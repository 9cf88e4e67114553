package qa

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// A question that names a measure with its modifier (旅客吞吐量, 粮食产量)
// is not answered by a sentence that states the same head under another
// modifier (货邮吞吐量) and never says the asked one: that is another
// measure, however many of the question's words it shares.

// contrastingModifier reports whether text holds a head word the question
// writes right after a modifier of its own, under a different modifier,
// while the question's modifier is absent from text.
func contrastingModifier(q *Question, text string) bool {
	if q.Lang != Chinese {
		return false
	}
	for i := 0; i+1 < len(q.Terms); i++ {
		mod, head := q.Terms[i], q.Terms[i+1]
		if mod.Single || head.Single || mod.Ask || head.Ask || mod.Inherited || !mod.Present || !isMeasureHead(head.Text) || slices.Contains(q.Places, mod.Text) {
			continue
		}
		if !strings.Contains(q.Raw, mod.Text+head.Text) || mod.match(text) > 0 || strings.Contains(text, fold(mod.Text)) {
			continue
		}
		if otherModifierBefore(head, text) {
			return true
		}
	}
	return false
}

// otherModifierBefore reports whether every place text writes the head's
// own wording has a content character right before it (货邮吞吐量), not a
// clause start or a neutral word (年吞吐量, 的吞吐量).
func otherModifierBefore(head *Term, text string) bool {
	found := false
	for i, f := range head.folded {
		if i >= len(head.Forms) || head.Forms[i] != head.Text {
			continue // only the head as the question writes it
		}
		for at := 0; ; {
			j := strings.Index(text[at:], f)
			if j < 0 {
				break
			}
			j += at
			r, _ := utf8.DecodeLastRuneInString(text[:j])
			if j == 0 || !isHanRune(r) || strings.ContainsRune(neutralBeforeHead, r) {
				return false
			}
			found = true
			at = j + len(f)
		}
	}
	return found
}

// isMeasureHead reports whether a word names a quantity that modifiers
// divide into kinds (吞吐量 of passengers or of cargo, 销售额, 产值).
func isMeasureHead(w string) bool {
	r, _ := utf8.DecodeLastRuneInString(w)
	return strings.ContainsRune(measureHeadEnds, r)
}

// measureHeadEnds end the words that name a divisible quantity.
const measureHeadEnds = "量额"

// neutralBeforeHead are characters that may stand before a measure's head
// without naming another measure (年吞吐量, 总产量, 全省产量).
const neutralBeforeHead = "的年总全省市区县均之和及与"

func isHanRune(r rune) bool { return r >= 0x4e00 && r <= 0x9fff }
