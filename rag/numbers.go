package rag

import (
	"math"
	"regexp"
	"strconv"
	"strings"
)

var (
	citeMarkerRE = regexp.MustCompile(`\[\d+(?:[,，]\s*\d+)*\]|【\d+】|\^\d+`)
	// List numbering at a line start: "1. ", "2) ", and Chinese "1、" "2．".
	listNumRE   = regexp.MustCompile(`(?m)^\s*\d{1,2}(?:[.)](?:\s|[^\d\s])|[、．)）])`)
	thousandsRE = regexp.MustCompile(`(\d),(\d{3})`)
	numberRE    = regexp.MustCompile(`\d+(?:\.\d+)?`)
)

// foldDigits maps full-width digits, full-width punctuation used inside
// numbers and the ideographic space to ASCII, as NFKC would.
func foldDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == '．':
			return '.'
		case r == '，':
			return ','
		case r == '％':
			return '%'
		case r == '\u3000':
			return ' '
		}
		return r
	}, s)
}

// Numbers returns the Arabic numbers written in s, in order, the way the
// grounding check sees them: full-width digits folded, thousands separators
// removed, citation markers ([1], [1,2]) and list numbering dropped, and
// four-digit years (1990 to 2035) left out because they are context.
func Numbers(s string) []string {
	s = foldDigits(s)
	for {
		t := thousandsRE.ReplaceAllString(s, "$1$2")
		if t == s {
			break
		}
		s = t
	}
	s = citeMarkerRE.ReplaceAllString(s, " ")
	s = listNumRE.ReplaceAllString(s, " ")
	var out []string
	for _, n := range numberRE.FindAllString(s, -1) {
		if isYear(n) {
			continue
		}
		out = append(out, n)
	}
	return out
}

func isYear(n string) bool {
	if len(n) != 4 || strings.Contains(n, ".") {
		return false
	}
	v, err := strconv.Atoi(n)
	return err == nil && v >= 1990 && v <= 2035
}

// UnsupportedNumbers returns the numbers in text that do not occur in any of
// sources and are not the sum or difference of two of their numbers (or the
// sum of three): code may compute those from cited figures, and must say so.
// An empty result means every number in text is grounded.
func UnsupportedNumbers(text string, sources ...string) []string {
	var pool []float64
	seen := map[float64]bool{}
	for _, src := range sources {
		for _, n := range Numbers(src) {
			v, err := strconv.ParseFloat(n, 64)
			if err == nil && !seen[v] {
				seen[v] = true
				pool = append(pool, v)
			}
		}
	}
	var bad []string
	for _, n := range Numbers(text) {
		v, err := strconv.ParseFloat(n, 64)
		if err != nil || !derivable(v, pool) {
			bad = append(bad, n)
		}
	}
	// A number copied with another scale (494.91万元 for 494.91亿元) is
	// not the cited figure.
	srcScales := map[string]map[string]bool{}
	for _, src := range sources {
		for _, m := range scaledRE.FindAllStringSubmatch(foldDigits(src), -1) {
			if srcScales[m[1]] == nil {
				srcScales[m[1]] = map[string]bool{}
			}
			srcScales[m[1]][m[2]] = true
		}
	}
	for _, m := range scaledRE.FindAllStringSubmatch(foldDigits(text), -1) {
		if scales, ok := srcScales[m[1]]; ok && m[2] != "" && !scales[m[2]] {
			bad = append(bad, m[1]+m[2])
		}
	}
	return bad
}

// scaledRE finds a number and the 万/亿 written right after it ("" when none).
var scaledRE = regexp.MustCompile(`(\d+(?:\.\d+)?)(万亿|亿|万|千|百)?`)

// derivable mirrors the evaluation's rule: x is in pool, or a sum or an
// absolute difference of two pool numbers, or a sum of three.
func derivable(x float64, pool []float64) bool {
	const eps = 1e-6
	for _, a := range pool {
		if math.Abs(x-a) < eps {
			return true
		}
	}
	for i, a := range pool {
		for j, b := range pool {
			if i == j {
				continue
			}
			if math.Abs(x-(a+b)) < eps || math.Abs(x-math.Abs(a-b)) < 0.0051 {
				return true
			}
			if i < j {
				for k := j + 1; k < len(pool); k++ {
					if k != i && math.Abs(x-(a+b+pool[k])) < eps {
						return true
					}
				}
			}
		}
	}
	return false
}
