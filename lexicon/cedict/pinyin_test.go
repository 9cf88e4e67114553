package cedict

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

func TestReadings(t *testing.T) {
	tests := []struct {
		r    rune
		want []string // a prefix of the readings, in this order
	}{
		{'观', []string{"guan"}},
		{'湖', []string{"hu"}},
		{'坂', []string{"ban"}},
		{'圳', []string{"zhen"}},
		{'行', []string{"xing", "hang"}}, // polyphone: 行 in 银行 …
		{'重', []string{"zhong", "chong"}},
		{'都', []string{"du", "dou"}},
		{'吕', []string{"lv"}},
		{'略', []string{"lve"}},
		{'〇', []string{"ling"}},
		{'關', []string{"guan"}}, // traditional
		{'儿', []string{"er"}},   // not the erhua "r"
	}
	for _, tt := range tests {
		got := Readings(tt.r)
		if len(got) < len(tt.want) || !slices.Equal(got[:len(tt.want)], tt.want) {
			t.Errorf("Readings(%c) = %q, want it to start %q", tt.r, got, tt.want)
		}
	}
	for _, r := range []rune{'a', '1', '。', ' ', utf8.RuneError, -1, '兙' /* kilogram-unit: two syllables */} {
		if got := Readings(r); got != nil {
			t.Errorf("Readings(%q) = %q, want nil", r, got)
		}
	}
	// The caller owns the slice.
	Readings('行')[0] = "x"
	if Readings('行')[0] != "xing" {
		t.Error("Readings returned the table's own slice")
	}
}

func TestCharacters(t *testing.T) {
	tests := []struct {
		syllable string
		top      int    // every character of want is within the first top
		want     string // in this order
	}{
		{"guan", 5, "关观"},
		{"hu", 3, "湖"},
		{"long", 1, "龙"},
		{"hua", 3, "华"},
		{"xin", 2, "新"},
		{"tian", 3, "田"},
		{"cheng", 3, "成"},
		{"du", 20, "都"},
		{"shen", 5, "深"},
		{"zhen", 20, "圳"},
		{"lv", 20, "吕"},
		{"Lü", 20, "吕"},
		{"lu", 1, "路"}, // the characters read lu before those read lü
		{"lu", 120, "吕"},
		{"lue", 1, "略"},
		{"Guan", 5, "关观"},
	}
	for _, tt := range tests {
		got := Characters(tt.syllable)
		last := -1
		for _, c := range tt.want {
			i := slices.Index(got, c)
			if i < 0 || i >= tt.top || i < last {
				t.Errorf("Characters(%q) = %q…, want %s within the first %d in this order", tt.syllable, string(got[:min(len(got), tt.top)]), tt.want, tt.top)
				break
			}
			last = i
		}
	}
	// Simplified forms before traditional ones.
	if g := Characters("guan"); slices.Index(g, '關') < slices.Index(g, '关') {
		t.Errorf("Characters(guan): 關 before 关")
	}
	for _, s := range []string{"", "xyz", "guan1", "gu an", "r", "xx"} {
		if got := Characters(s); got != nil {
			t.Errorf("Characters(%q) = %q, want nil", s, string(got))
		}
	}
}

// TestReadingsCharactersAgree checks the whole table: a character has a
// reading if and only if the reading lists it.
func TestReadingsCharactersAgree(t *testing.T) {
	tab := pinyinTable()
	pairs := 0
	for r, sp := range tab.readings {
		rds := Readings(r)
		if len(rds) != int(sp.n) || slices.Contains(rds, "") {
			t.Fatalf("Readings(%c) = %q", r, rds)
		}
		for _, s := range rds {
			if !slices.Contains(Characters(s), r) {
				t.Errorf("Readings(%c) has %s, but Characters(%s) lacks it", r, s, s)
			}
			pairs++
		}
	}
	total := 0
	for s, rs := range tab.chars {
		total += len(rs)
		for _, r := range rs {
			if !slices.Contains(Readings(r), s) {
				t.Errorf("Characters(%s) has %c, but Readings(%c) = %q", s, r, r, Readings(r))
			}
		}
	}
	if pairs != total {
		t.Errorf("%d readings of characters, %d characters of readings", pairs, total)
	}
	if len(tab.readings) < 14000 {
		t.Errorf("%d characters have readings, want all of CC-CEDICT's (about 14,500)", len(tab.readings))
	}
}

func TestSyllables(t *testing.T) {
	tests := []struct {
		word string
		want string // the splits, syllables joined by " ", splits by "|"
	}{
		{"guanhu", "guan hu|gu an hu"},
		{"xian", "xian|xi an"},
		{"longhua", "long hua|long hu a"},
		{"banlan", "ban lan"},
		{"shenzhen", "shen zhen"},
		{"chengdu", "cheng du"},
		{"xintian", "xin tian|xin ti an"},
		{"fangan", "fan gan|fang an"}, // apostrophe-less first (fang'an)
		{"xinan", "xi nan|xin an"},
		{"lvyou", "lv you"},
		{"lu", "lu"},
		{"lue", "lue|lu e"},
		{"a", "a"},
		{"zhonghuarenmingongheguo", "zhong hua ren min gong he guo|zhong hua ren min gong he gu o|zhong hu a ren min gong he guo"},
		{"", ""},
		{"Guanhu", ""},    // upper case
		{"guan hu", ""},   // space
		{"xi'an", ""},     // apostrophe
		{"guanhuq", ""},   // no syllable q
		{"hm", ""},        // interjections without a vowel are left out
		{"ng", ""},        //
		{"guān", ""},      // not ASCII
		{"shenzhen1", ""}, // digit
	}
	for _, tt := range tests {
		var parts []string
		for _, s := range Syllables(tt.word) {
			parts = append(parts, strings.Join(s, " "))
		}
		if got := strings.Join(parts, "|"); got != tt.want {
			t.Errorf("Syllables(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
	if got := Syllables(strings.Repeat("xian", 50)); len(got) != maxSplits || len(got[0]) != 50 {
		t.Errorf("Syllables(xian×50) = %d splits, the first of %d syllables; want %d, 50", len(got), len(got[0]), maxSplits)
	}
}

func TestMatchesPinyin(t *testing.T) {
	tests := []struct {
		han, word string
		want      bool
	}{
		{"观湖", "guanhu", true},
		{"观湖", "Guanhu", true},
		{"观湖", "guan hu", true},
		{"观湖", "Guan-Hu", true},
		{"观湖", "Guānhú", true}, // tone marks
		{"龙华", "longhua", true},
		{"龙华", "Longhua", true},
		{"坂澜", "banlan", true},
		{"坂澜", "Bǎnlán", true},
		{"深圳", "shenzhen", true},
		{"深圳", "Shen Zhen", true},
		{"成都", "chengdu", true},
		{"新田", "xintian", true},
		{"吕", "lv", true},
		{"吕", "lu", true},
		{"吕", "Lü", true},
		{"绿", "lu", true},           // 绿 reads lü and lu
		{"略", "lue", true},          // lüe
		{"银行", "yinhang", true},     // 行: any reading
		{"行人", "xingren", true},     //
		{"重庆", "Chongqing", true},   //
		{"西安", "Xi'an", true},       //
		{"西安", "Xian", true},        // apostrophe dropped
		{"西安", "xi’an", true},       // typographic apostrophe
		{"先", "xian", true},         //
		{"關", "guan", true},         // traditional
		{"观湖", "guanhua", false},    //
		{"观湖", "guan", false},       // too short
		{"观湖", "guanhuguan", false}, // too long
		{"龙华", "longhu", false},     //
		{"深圳", "shenzen", false},    //
		{"新田", "xintia", false},     //
		{"新田", "xin tian dao", false},
		{"路", "lv", false},       // lu is not lü
		{"先", "xi'an", false},    // the apostrophe splits the syllable
		{"观湖", "gua nhu", false}, // so does a space
		{"观湖", "guan1hu2", false},
		{"观湖", "Guanhu Street", false},
		{"观湖a", "guanhua", false},
		{"观湖", "", false},
		{"", "guanhu", false},
		{"", "", false},
		{"观湖", " - ", false},
		{"GDP", "gdp", false},
		{"兙", "shike", false}, // no reading
	}
	for _, tt := range tests {
		if got := MatchesPinyin(tt.han, tt.word); got != tt.want {
			t.Errorf("MatchesPinyin(%q, %q) = %v, want %v", tt.han, tt.word, got, tt.want)
		}
	}
	// Long words take the heap path.
	long := strings.Repeat("观湖", 40)
	if !MatchesPinyin(long, strings.Repeat("guan hu ", 40)) || MatchesPinyin(long, strings.Repeat("guanhu", 39)) {
		t.Error("MatchesPinyin of 80 characters")
	}
}

// TestMatchesPinyinHeadwords reads every headword whose characters all have
// readings by the first reading of each.
func TestMatchesPinyinHeadwords(t *testing.T) {
	if testing.Short() {
		t.Skip("reads every headword")
	}
	n := 0
	for _, w := range load().words {
		var b strings.Builder
		ok := true
		for _, r := range w {
			rds := Readings(r)
			if rds == nil {
				ok = false
				break
			}
			b.WriteString(rds[0])
		}
		if !ok {
			continue
		}
		n++
		if !MatchesPinyin(w, b.String()) {
			t.Errorf("MatchesPinyin(%q, %q) = false", w, b.String())
		}
	}
	if n < 100000 {
		t.Errorf("only %d headwords have a reading for every character", n)
	}
}

func TestPinyinConcurrentFirstUse(t *testing.T) {
	// Run with -race: every entry point may be the first to load.
	var wg sync.WaitGroup
	for _, f := range []func(){
		func() { Readings('观') },
		func() { Characters("guan") },
		func() { Syllables("guanhu") },
		func() { MatchesPinyin("观湖", "guanhu") },
	} {
		wg.Go(f)
	}
	wg.Wait()
}

func FuzzSyllables(f *testing.F) {
	for _, s := range []string{"guanhu", "xian", "zhonghuarenmingongheguo", "lvyou", "", "Guanhu", "aaaaaaaa", "xi'an", "ng", strings.Repeat("xian", 30)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, word string) {
		splits := Syllables(word)
		if len(splits) > maxSplits {
			t.Fatalf("Syllables(%q): %d splits", word, len(splits))
		}
		seen := map[string]bool{}
		for i, sp := range splits {
			if got := strings.Join(sp, ""); got != word {
				t.Fatalf("Syllables(%q) has %q, which joins to %q", word, sp, got)
			}
			for _, s := range sp {
				if Characters(s) == nil {
					t.Fatalf("Syllables(%q) has %q, and %q is no reading", word, sp, s)
				}
			}
			if i > 0 && len(sp) < len(splits[i-1]) || len(sp) > len(splits[0])+1 {
				t.Fatalf("Syllables(%q) = %q: not fewest syllables first", word, splits)
			}
			key := strings.Join(sp, " ")
			if seen[key] {
				t.Fatalf("Syllables(%q) = %q: %q twice", word, splits, key)
			}
			seen[key] = true
		}
		if splits == nil && word != "" && strings.Trim(word, "abcdefghijklmnopqrstuvwxyz") == "" {
			// No split: then no prefix of one syllable can be completed.
			// Check the cheap case: a word that is one syllable splits.
			if Characters(word) != nil && word != "m" && word != "hm" && word != "hng" {
				t.Fatalf("Syllables(%q) = nil, but it is a syllable", word)
			}
		}
	})
}

func BenchmarkLoadPinyin(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		parsePinyin(decompress(pinyinGz))
	}
}

func BenchmarkSyllables(b *testing.B) {
	for _, w := range []string{"guanhu", "xian", "zhonghuarenmingongheguo"} {
		b.Run(w, func(b *testing.B) {
			Syllables(w)
			b.ReportAllocs()
			for b.Loop() {
				Syllables(w)
			}
		})
	}
}

func BenchmarkCharacters(b *testing.B) {
	for _, s := range []string{"guan", "lu"} {
		b.Run(s, func(b *testing.B) {
			Characters(s)
			b.ReportAllocs()
			for b.Loop() {
				Characters(s)
			}
		})
	}
}

func BenchmarkReadings(b *testing.B) {
	Readings('行')
	b.ReportAllocs()
	for b.Loop() {
		Readings('行')
	}
}

func BenchmarkMatchesPinyin(b *testing.B) {
	MatchesPinyin("", "")
	b.ReportAllocs()
	for b.Loop() {
		MatchesPinyin("观湖", "Guanhu")
	}
}
