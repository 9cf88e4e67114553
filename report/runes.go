package report

import (
	"unicode"
	"unicode/utf8"
)

// Helpers over a paragraph held as runes, where figures are scanned.

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

// digitVal maps a full-width digit to its ASCII form.
func digitVal(r rune) rune {
	if r >= '０' && r <= '９' {
		return r - '０' + '0'
	}
	return r
}

func isCNNumeral(r rune) bool {
	switch r {
	case '零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万', '亿', '两':
		return true
	}
	return false
}

func isASCIILetter(r rune) bool { return r < utf8.RuneSelf && unicode.IsLetter(r) }

// isNumberSpace reports a space that may stand between a number and its
// unit in text from PDFs (28.1 万人, 5.2 %).
func isNumberSpace(r rune) bool { return r == ' ' || r == '\u00a0' || r == '\u2009' || r == '\u202f' }

// hasAt reports whether rs[i:] starts with s.
func hasAt(rs []rune, i int, s string) bool {
	for _, r := range s {
		if i >= len(rs) || rs[i] != r {
			return false
		}
		i++
	}
	return true
}

// matchAt returns the first of words that rs[i:] starts with.
func matchAt(rs []rune, i int, words []string) string {
	for _, w := range words {
		if hasAt(rs, i, w) {
			return w
		}
	}
	return ""
}

// endsWith reports whether rs[:i] ends with s.
func endsWith(rs []rune, i int, s string) bool {
	n := utf8.RuneCountInString(s)
	return i-n >= 0 && hasAt(rs, i-n, s)
}

// matchBefore returns the first of words that rs[:i] ends with.
func matchBefore(rs []rune, i int, words []string) string {
	for _, w := range words {
		if endsWith(rs, i, w) {
			return w
		}
	}
	return ""
}

func allDigits(rs []rune) bool {
	for _, r := range rs {
		if !isDigit(r) {
			return false
		}
	}
	return len(rs) > 0
}

// quoteMask marks the runes inside quotation marks (“…”, "…", 「…」, 《…》).
func quoteMask(rs []rune) []bool {
	m := make([]bool, len(rs))
	depth := 0
	straight := false
	for i, r := range rs {
		switch r {
		case '“', '「', '『', '《':
			depth++
			continue
		case '”', '」', '』', '》':
			if depth > 0 {
				depth--
			}
			continue
		case '"':
			straight = !straight
			continue
		}
		m[i] = depth > 0 || straight
	}
	return m
}
