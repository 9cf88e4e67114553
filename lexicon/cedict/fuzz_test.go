package cedict

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/reportbot/reportbot/seeds"
)

func FuzzSegment(f *testing.F) {
	for _, s := range []string{
		"全社会固定资产投资完成93.86亿元", "GDP增长5%，CPI上涨0.2%。", "  一、2023年工作总结\n", "",
		"\xff\xfe乱码", "1,2,3..", "〇一二", "a", "全", head(seeds.MustDefault(), 2000),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks := Segment(text)
		if got := strings.Join(toks, ""); got != text {
			t.Fatalf("Segment(%q) tokens join to %q", text, got)
		}
		for _, tok := range toks {
			if tok == "" {
				t.Fatalf("Segment(%q) has an empty token: %q", text, toks)
			}
			if utf8.ValidString(text) && !utf8.ValidString(tok) {
				t.Fatalf("Segment(%q) split a character: %q", text, toks)
			}
		}
	})
}

// head returns the first n bytes of s, or s.
func head(s string, n int) string { return s[:min(n, len(s))] }
