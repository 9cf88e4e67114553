package bot

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/reportbot/reportbot/seeds"
)

func TestSplit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		in    string
		limit int
		want  []string
	}{
		{name: "empty", in: "", limit: 10, want: nil},
		{name: "fits", in: "投资93.86亿元。", limit: 10, want: []string{"投资93.86亿元。"}},
		{name: "sentence end", in: "第一句。第二句话。", limit: 6, want: []string{"第一句。", "第二句话。"}},
		{name: "line end", in: "一二三\n四五六七", limit: 6, want: []string{"一二三\n", "四五六七"}},
		{name: "closing quote stays with its sentence", in: "他说“好。”然后走了", limit: 7, want: []string{"他说“好。”", "然后走了"}},
		{name: "ascii question mark", in: "why? because", limit: 8, want: []string{"why? ", "because"}},
		{name: "comma when no sentence end", in: "甲乙丙，丁戊己庚", limit: 6, want: []string{"甲乙丙，", "丁戊己庚"}},
		{name: "enumeration comma", in: "交通、教育、医疗", limit: 4, want: []string{"交通、", "教育、", "医疗"}},
		{name: "spaces after a sentence stay with it", in: "一。  二三", limit: 4, want: []string{"一。  ", "二三"}},
		{name: "space", in: "hello brave new world", limit: 8, want: []string{"hello ", "brave ", "new ", "world"}},
		{name: "late comma beats early sentence end", in: "好。甲乙丙丁戊己，庚辛", limit: 10, want: []string{"好。甲乙丙丁戊己，", "庚辛"}},
		{name: "decimal not split", in: "总产值494.91亿元", limit: 7, want: []string{"总产值", "494.91亿", "元"}},
		{name: "decimal not split at dot", in: "投资为494.91", limit: 6, want: []string{"投资为", "494.91"}},
		{name: "thousands comma not a clause break", in: "共1,116家企业", limit: 5, want: []string{"共", "1,116", "家企业"}},
		{name: "ascii comma between clauses", in: "494.91亿元,同比增长1.72%,增速", limit: 12, want: []string{"494.91亿元,", "同比增长1.72%,增速"}},
		{name: "percent stays", in: "增长8.53%", limit: 6, want: []string{"增长", "8.53%"}},
		{name: "marker not split", in: "亿元[12]。下一句", limit: 4, want: []string{"亿元", "[12]", "。下一句"}},
		{name: "hard cut", in: "一二三四五六七八九十", limit: 4, want: []string{"一二三四", "五六七八", "九十"}},
		{name: "number longer than limit is cut", in: "1234567", limit: 3, want: []string{"123", "456", "7"}},
		{name: "crlf kept together", in: "ab\r\ncd", limit: 3, want: []string{"ab", "\r\n", "cd"}},
		{name: "limit below one", in: "一二", limit: 0, want: []string{"一", "二"}},
		{name: "invalid utf-8 kept", in: "a\xffb。c", limit: 3, want: []string{"a\xffb", "。c"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Split(tc.in, tc.limit)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Split(%q, %d) (-want +got):\n%s", tc.in, tc.limit, diff)
			}
			checkSplit(t, tc.in, tc.limit, got)
		})
	}
}

// TestSplitLongChineseAnswer splits a 5000-rune answer from the seed
// report at Discord's 2000 and checks every chunk ends a sentence.
func TestSplitLongChineseAnswer(t *testing.T) {
	t.Parallel()
	text := []rune(seeds.MustDefault())
	answer := string(text[:5000])
	chunks := Split(answer, maxContent)
	checkSplit(t, answer, maxContent, chunks)
	if len(chunks) != 3 {
		t.Errorf("Split(5000 runes, 2000) gave %d chunks, want 3", len(chunks))
	}
	for i, c := range chunks[:len(chunks)-1] {
		n := runes(c)
		last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(c, "\n"))
		if !strings.ContainsRune("。；！？!?\n", last) && !strings.HasSuffix(c, "\n") {
			t.Errorf("chunk %d (%d runes) ends with %q, want a sentence end", i, n, string(last))
		}
		if n < maxContent/2 {
			t.Errorf("chunk %d has %d runes, want at least %d (no needlessly short chunks)", i, n, maxContent/2)
		}
	}
}

// checkSplit checks Split's properties: chunks are non-empty and within
// limit, they rejoin to the input, and a chunk ends inside a number or a
// [n] marker only when it had no legal break at all.
func checkSplit(t *testing.T, in string, limit int, chunks []string) {
	t.Helper()
	if got := strings.Join(chunks, ""); got != in {
		t.Fatalf("Split(%q, %d): chunks rejoin to %q", in, limit, got)
	}
	limit = max(limit, 1)
	for i, c := range chunks {
		if c == "" {
			t.Errorf("Split(%q, %d): chunk %d is empty", in, limit, i)
		}
		if n := utf8.RuneCountInString(c); n > limit {
			t.Errorf("Split(%q, %d): chunk %d has %d runes: %q", in, limit, i, n, c)
		}
	}
	rs, _ := decode(in)
	g := glue(rs)
	pos := 0
	for i, c := range chunks[:max(len(chunks)-1, 0)] {
		start := pos
		pos += utf8.RuneCountInString(c)
		if !splitsNumberOrMarker(rs, pos) {
			continue
		}
		for p := start + 1; p < pos; p++ {
			if !g[p] {
				t.Errorf("Split(%q, %d): chunk %d %q ends inside a number or marker though it could break at rune %d",
					in, limit, i, c, p-start)
				break
			}
		}
	}
}

// splitsNumberOrMarker reports whether a break before rs[p] cuts a digit
// run or a [digits] marker. It is written independently of glue.
func splitsNumberOrMarker(rs []rune, p int) bool {
	if p <= 0 || p >= len(rs) {
		return false
	}
	if isDigit(rs[p-1]) && isDigit(rs[p]) {
		return true
	}
	// Inside [digits]: walk left over digits to '[', right over digits to ']'.
	l := p - 1
	for l >= 0 && isDigit(rs[l]) {
		l--
	}
	r := p
	for r < len(rs) && isDigit(rs[r]) {
		r++
	}
	return l >= 0 && r < len(rs) && rs[l] == '[' && rs[r] == ']' && r-l > 1
}

func FuzzSplit(f *testing.F) {
	seed := seeds.MustDefault()
	f.Add(seed[:3000], 200)
	f.Add("全年规上工业总产值494.91亿元,同比增长1.72%[1]。共1,116家。", 7)
	f.Add("[12][3]", 2)
	f.Add("a\r\nb\xff\xfe。", 1)
	f.Add("e\u0301\u0301\u200d1234", 3)
	f.Add("", 5)
	f.Fuzz(func(t *testing.T, s string, limit int) {
		limit = limit%300 + 1
		if limit < 1 {
			limit += 300
		}
		chunks := Split(s, limit)
		checkSplit(t, s, limit, chunks)
		if s == "" && chunks != nil {
			t.Errorf("Split(\"\", %d) = %q, want nil", limit, chunks)
		}
	})
}

func TestTruncate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"短文本", 5, "短文本"},
		{"一二三四五六", 4, "一二三…"},
		{"投资93.86亿元", 6, "投资…"},
		{"abc", 1, "…"},
		{"abc", 0, ""},
	}
	for _, tc := range tests {
		if got := truncate(tc.in, tc.max); got != tc.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
	}
}
