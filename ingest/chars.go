package ingest

import (
	"strings"
	"unicode"
)

// isSpace reports the white space trimmed around paragraphs: Unicode white
// space (which includes the ideographic space U+3000 and the no-break space)
// plus the BOM and the zero-width space.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\ufeff' || r == '\u200b'
}

// isWide reports East Asian wide characters (Han, kana, Hangul and the CJK
// and full-width punctuation): between two of them, a line break is not a
// space.
func isWide(r rune) bool {
	switch {
	case r >= 0x1100 && r <= 0x115f, // Hangul Jamo
		r >= 0x2e80 && r <= 0x303e, // CJK radicals, punctuation
		r >= 0x3041 && r <= 0x33ff, // kana, CJK compatibility
		r >= 0x3400 && r <= 0x4dbf, // CJK extension A
		r >= 0x4e00 && r <= 0x9fff, // CJK unified ideographs
		r >= 0xa960 && r <= 0xa97f,
		r >= 0xac00 && r <= 0xd7a3, // Hangul syllables
		r >= 0xf900 && r <= 0xfaff, // CJK compatibility ideographs
		r >= 0xfe30 && r <= 0xfe4f, // CJK compatibility forms
		r >= 0xff00 && r <= 0xff60, // full-width forms
		r >= 0xffe0 && r <= 0xffe6,
		r >= 0x20000 && r <= 0x3fffd: // CJK extensions B and beyond
		return true
	}
	// Curly quotes and the em dash are set wide in Chinese text.
	return r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…'
}

// isWordChar reports Latin letters and digits, between which a space
// separates words.
func isWordChar(r rune) bool {
	return r < 0x2e80 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// cleanParagraph trims a paragraph's surrounding white space and drops
// control characters other than tab, so converted text is plain lines.
// Invalid UTF-8 becomes U+FFFD.
func cleanParagraph(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\t' {
			return r
		}
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 {
			return -1
		}
		return r
	}, s)
	return strings.TrimFunc(s, isSpace)
}

// joinParagraphs returns the non-empty paragraphs, one per line, each line
// ending in \n. It returns ErrNoText when there are none.
func joinParagraphs(paras []string) (string, error) {
	var b strings.Builder
	for _, p := range paras {
		p = cleanParagraph(p)
		if p == "" {
			continue
		}
		b.WriteString(p)
		b.WriteByte('\n')
	}
	if b.Len() == 0 {
		return "", errNoText
	}
	return b.String(), nil
}

// errNoText is the error of a converted file without any text; the readers
// replace it with one that says what to do for their format.
var errNoText = failf(ErrNoText, "the document holds no text")
