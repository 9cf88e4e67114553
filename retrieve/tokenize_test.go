package retrieve

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"。,;!   ", nil},
		{"观", []string{"观"}},
		{"观湖", []string{"观湖"}},
		{"观湖街道", []string{"观湖", "湖街", "街道"}},
		{"产值494.91亿元", []string{"产值", "494.91", "亿元"}},
		{"增长１０.１％", []string{"增长", "10.1"}},
		{"1,116家", []string{"1", "116", "家"}},
		{"3.", []string{"3"}},
		{"What was the GDP of Guangxi?", []string{"gdp", "guangxi"}},
		{"5G基站", []string{"5", "g", "基站"}},
		{"PM2.5浓度", []string{"pm2", "5", "浓度"}},
		{"一、二", []string{"一", "二"}},
		{"😀增长😀", []string{"增长"}},
	}
	for _, tc := range tests {
		got := Tokenize(tc.in, nil)
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("Tokenize(%q) mismatch (-want +got):\n%s", tc.in, diff)
		}
	}
	if got := Tokenize("公园", []string{"x"}); !slices.Equal(got, []string{"x", "公园"}) {
		t.Errorf("Tokenize appends to out: got %q", got)
	}
}

func TestFoldDigits(t *testing.T) {
	tests := []struct{ in, want string }{
		{"１０.１％", "10.1%"},
		{"１２３．４５", "123.45"},
		{"１，１１６", "1,116"},
		{"\u3000\u3000一、", "  一、"},
		{"abc观湖", "abc观湖"},
	}
	for _, tc := range tests {
		if got := FoldDigits(tc.in); got != tc.want {
			t.Errorf("FoldDigits(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestTermKeys checks that the keys the index computes while scanning are
// the keys of the strings Tokenize returns, on every chunk of two reports
// and on random text, so that ChunksWith and DocFreq find what the index
// holds.
func TestTermKeys(t *testing.T) {
	texts := []string{"", "PM2.5 与 GDP", "１０.１％的增长", "The and of", "观"}
	for _, c := range ChunkReport(provincialReport(t, jilinFile), "r1", 0) {
		texts = append(texts, c.indexText())
	}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("观湖街道增长亿元万0123456789.．１２ABCabc ,。;%\u3000😀")
	for range 500 {
		rs := make([]rune, rng.IntN(30))
		for i := range rs {
			rs[i] = alphabet[rng.IntN(len(alphabet))]
		}
		texts = append(texts, string(rs))
	}
	for _, text := range texts {
		var scanned []uint64
		scanTerms(foldRunes(text, nil), func(ts termSpan) { scanned = append(scanned, ts.key()) })
		var fromStrings []uint64
		for _, term := range Tokenize(text, nil) {
			k, ok := termKey(term)
			if !ok {
				t.Fatalf("termKey(%q), a term of Tokenize(%q), is not a term", term, text)
			}
			fromStrings = append(fromStrings, k)
		}
		if !slices.Equal(scanned, fromStrings) {
			t.Fatalf("keys of %q: scanned %x, from Tokenize's strings %x", text, scanned, fromStrings)
		}
	}
	for _, s := range []string{"", "观湖街", "观a", "é", "观湖"} {
		_, ok := termKey(s)
		if want := s == "观湖"; ok != want {
			t.Errorf("termKey(%q) ok = %v, want %v", s, ok, want)
		}
	}
}

func BenchmarkTokenize(b *testing.B) {
	text := ChunkReport(seedReport(b), "r1", 0)[10].indexText()
	b.ReportAllocs()
	var out []string
	for b.Loop() {
		out = Tokenize(text, out[:0])
	}
}
