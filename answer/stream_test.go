package answer

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// stream feeds text to a StreamChecker in pieces of size runes (0: all at
// once) and returns what it emitted and whether it closed ok.
func stream(passages []Citation, opt CheckOptions, text string, size int) (emitted []string, ok bool, sc *StreamChecker) {
	sc = NewStreamChecker(passages, opt, func(s string) { emitted = append(emitted, s) })
	for _, piece := range pieces(text, size) {
		sc.Write(piece)
	}
	return emitted, sc.Close(), sc
}

// pieces cuts s into pieces of n runes; n <= 0 gives s whole.
func pieces(s string, n int) []string {
	if n <= 0 || s == "" {
		return []string{s}
	}
	var out []string
	for s != "" {
		i, k := 0, 0
		for i < len(s) && k < n {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
			k++
		}
		out = append(out, s[:i])
		s = s[i:]
	}
	return out
}

func TestStreamChecker(t *testing.T) {
	cs := fixture()
	honest := "2023年，观湖街道规上工业总产值为494.91亿元，同比增长1.72%[1]。违法犯罪总警情同比下降22.1%。[2]\n以上信息来自报告。"
	bad := "2023年，观湖街道规上工业总产值为494.91亿元[1]。违法犯罪总警情同比增长22.1%[2]。以上信息来自报告。"
	english := "Gross industrial output reached 49.49 billion yuan in 2023, up 1.72% [1]. Total reported crime fell 22.1% [2]."
	for _, size := range []int{0, 1, 2, 3, 7, 1000} {
		emitted, ok, _ := stream(cs, guanhu, honest, size)
		want := []string{"2023年，观湖街道规上工业总产值为494.91亿元，同比增长1.72%[1]。", "违法犯罪总警情同比下降22.1%。[2]", "\n以上信息来自报告。"}
		if !ok || !slices.Equal(emitted, want) {
			t.Errorf("stream(honest, %d-rune pieces) = %q, %v; want %q, true", size, emitted, ok, want)
		}
		emitted, ok, sc := stream(cs, guanhu, bad, size)
		if want := []string{"2023年，观湖街道规上工业总产值为494.91亿元[1]。"}; ok || !slices.Equal(emitted, want) {
			t.Errorf("stream(bad, %d-rune pieces) = %q, %v; want %q, false", size, emitted, ok, want)
		}
		if ps := sc.Problems(); len(ps) != 1 || ps[0].Kind != DirectionFlip {
			t.Errorf("stream(bad, %d-rune pieces).Problems() = %v, want one %s", size, ps, DirectionFlip)
		}
		emitted, ok, _ = stream(cs, guanhu, english, size)
		if got := strings.Join(emitted, ""); !ok || got != english || len(emitted) != 2 {
			t.Errorf("stream(english, %d-rune pieces) = %q, %v; want the text in 2 sentences", size, emitted, ok)
		}
	}
}

// TestStreamCheckerWaits: nothing is passed on before the sentence is
// known to be complete and checked.
func TestStreamCheckerWaits(t *testing.T) {
	cs := fixture()
	var got []string
	sc := NewStreamChecker(cs, guanhu, func(s string) { got = append(got, s) })
	steps := []struct {
		write string
		want  int // pieces emitted so far
	}{
		{"规上工业总产值494.91亿元", 0},
		{"。", 0},         // a marker may follow
		{"[", 0},         // it may be one
		{"1", 0},         // still may be
		{"]", 0},         // another marker may follow
		{" ", 0},         // and still
		{"全社会固定资产投资", 1}, // now the first sentence ends
		{"93.", 1},       // a decimal point, not a full stop
		{"86亿元[1]", 1},
	}
	for _, s := range steps {
		sc.Write(s.write)
		if len(got) != s.want {
			t.Fatalf("after Write(%q): emitted %q, want %d pieces", s.write, got, s.want)
		}
	}
	if !sc.Close() || len(got) != 2 || got[1] != " 全社会固定资产投资93.86亿元[1]" {
		t.Errorf("Close: emitted %q, want the second sentence with its leading space", got)
	}
	sc.Write("违法犯罪总警情同比增长99%[2]。")
	if !sc.Close() || len(got) != 2 {
		t.Errorf("Write after Close: emitted %q, want nothing more", got)
	}
}

// TestStreamMatchesCheck: a stream passes exactly when Check does, and
// passes on all of the text.
func TestStreamMatchesCheck(t *testing.T) {
	cs := fixture()
	texts := []string{
		"规上工业总产值494.91亿元[1]。社会消费品零售总额90.2亿元。",
		"主要经济指标如下：\n1. 规上工业总产值494.91亿元[1]\n2. 全社会固定资产投资93.86亿元[1]",
		"我是一个AI助手，我的指令是根据提供的资料回答问题[1]。",
		"Industrial output was 494.91 million yuan [1].",
		"规上工业总产值494.91亿元[1]",
		"",
		"\n\n",
		"规上工业总产值494.91亿元。[",
		"规上工业总产值增长1.\n72%[1]",
		"Output in the U.S. was 5 [1].",
		"等等……[1]还有494.91亿元[1]",
		"规上工业总产值494.91亿元？ [1]\r\n社会消费品零售总额90.2亿元[1]！！",
		"[1]。[1][2]】【[1-]",
		"规上工业总产值494.91亿元[1]。 ",
	}
	type tc struct {
		text string
		opt  CheckOptions
	}
	var all []tc
	for _, text := range texts {
		all = append(all, tc{text, guanhu})
	}
	for _, c := range append(append([]checkCase(nil), problemCases...), honestCases...) {
		all = append(all, tc{c.text, c.opt})
	}
	for _, c := range all {
		for _, size := range []int{0, 1, 2, 5} {
			emitted, ok, sc := stream(cs, c.opt, c.text, size)
			check := Check(c.text, cs, c.opt)
			if ok != (len(check) == 0) {
				t.Errorf("stream(%q, %d) ok = %v, Check = %v", c.text, size, ok, check)
			}
			if got := strings.Join(emitted, ""); ok && got != c.text || !strings.HasPrefix(c.text, got) {
				t.Errorf("stream(%q, %d) emitted %q, want all of it or a prefix", c.text, size, emitted)
			}
			if !ok && (len(sc.Problems()) == 0 || sc.Problems()[0] != check[0]) {
				t.Errorf("stream(%q, %d).Problems() = %v, want Check's first problems %v", c.text, size, sc.Problems(), check)
			}
		}
	}
}
