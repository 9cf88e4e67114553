package regions

import (
	"testing"
	"unicode/utf8"

	"github.com/reportbot/reportbot/seeds"
)

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"深圳市龙华区观湖街道", "安徽、广西壮族自治区、重庆和内蒙古", "深圳市场", "吉林省吉林市", "",
		"\xff深圳\xfe市", "海口市龙华区和深圳龙华区", head(seeds.MustDefault(), 3000),
	} {
		f.Add(s, 2)
	}
	f.Fuzz(func(t *testing.T, text string, level int) {
		runes := []rune(text) // invalid bytes count as one code point each, as in FindLevel
		end := 0
		for _, m := range FindLevel(text, Level(level)) {
			if m.Start < end || m.End <= m.Start || m.End > len(runes) {
				t.Fatalf("FindLevel(%q): span [%d,%d) after %d, text of %d code points", text, m.Start, m.End, end, len(runes))
			}
			if got := string(runes[m.Start:m.End]); got != m.Text || !utf8.ValidString(m.Text) {
				t.Fatalf("FindLevel(%q): text[%d:%d] = %q, Text %q", text, m.Start, m.End, got, m.Text)
			}
			if m.Text != m.Name && m.Text != m.Short {
				t.Fatalf("FindLevel(%q): Text %q is neither %q nor %q", text, m.Text, m.Name, m.Short)
			}
			end = m.End
		}
	})
}

// head returns the first n bytes of s, or s.
func head(s string, n int) string { return s[:min(n, len(s))] }
