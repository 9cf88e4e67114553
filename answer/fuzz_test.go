package answer

import (
	"flag"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func fuzzSeeds(f *testing.F) {
	if fl := flag.Lookup("test.fuzzworker"); fl != nil && fl.Value.String() == "true" {
		// A fuzz worker restarts often, and CC-CEDICT takes seconds to
		// load under coverage instrumentation: workers use a stand-in
		// dictionary (cedict is fuzzed in its own package). The seeds
		// run with the real one.
		englishToChinese = func(w string) []string { return fakeDict[w] }
		chineseToEnglish = func(zh string) []string {
			for en, zhs := range fakeDict {
				if slices.Contains(zhs, zh) {
					return []string{en}
				}
			}
			return nil
		}
		segmentChinese = func(s string) []string { return strings.Split(s, "") }
	} else {
		renderings("output") // load the dictionary before the clock runs
		chineseToEnglish("工业")
	}
	for _, s := range []struct{ text, passage string }{
		{"2023年，观湖街道规上工业总产值为494.91亿元，同比增长1.72%[1]。", seedHeadline},
		{"违法犯罪总警情同比增长22.1%[1]。", seedPolice},
		{"1. 规上工业总产值494.91亿元[1]\n2. 投资93.86亿元[1-2]", seedHeadline},
		{"Gross industrial output fell 1.72% [1]. As an AI, I [1,2].", seedHeadline},
		{"开展主题党日活动五千余场次【1】，讲党课六百余场次。", seedParty},
		{"四百九十九亿元[1]两成百分之五十八", bjBusiness},
		{"11月6日至10日[1]", gdVisit},
		{"[1][1][1]。。。[", "["},
		{"1.", "1."},
		{"\xff\xfe[1]", "\xff"},
		{"", ""},
		{"", "Sales rose.”5% lower."}, // a direction word of the sentence before
		{"", "0\n月"},
		{"", "!0)A1"},
	} {
		f.Add(s.text, s.passage)
	}
}

var fakeDict = map[string][]string{
	"output": {"产值", "输出"}, "industrial": {"工业"}, "investment": {"投资"}, "crime": {"犯罪"},
	"assistant": {"助手"}, "value": {"值", "价值"}, "party": {"党"}, "a": {"一"},
}

// FuzzCheck: Check never panics; every problem names a sentence of the
// text; and a text made only of the passage's own sentences, each with
// its marker, passes.
func FuzzCheck(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, text, passage string) {
		t0 := time.Now()
		defer func() {
			if d := time.Since(t0); d > 2*time.Second {
				t.Fatalf("SLOW %v: %q %q", d, text, passage)
			}
		}()
		cs := []Citation{{N: 1, Text: passage}}
		for _, p := range Check(text, cs, CheckOptions{Question: passage}) {
			if !strings.Contains(text, p.Sentence) || p.Kind == "" || p.Detail == "" {
				t.Fatalf("Check(%q, %q) gave %+v: not a sentence of the text", text, passage, p)
			}
		}
		if !utf8.ValidString(passage) {
			return
		}
		var copied []string
		for i := 0; ; {
			sp, ok := nextSentence(passage, i, true)
			if !ok {
				break
			}
			copied = append(copied, passage[sp.start:sp.end]+"[1]")
			i = sp.end
		}
		answer := strings.Join(copied, "\n")
		if ps := Check(answer, cs, CheckOptions{}); len(ps) > 0 {
			t.Fatalf("Check(passage's own sentences %q, %q) = %v, want none", answer, passage, ps)
		}
	})
}

// FuzzStream: a stream never panics, passes on a prefix of the text,
// passes exactly when Check does and then passes on all of it, whatever
// the size of the pieces.
func FuzzStream(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, text, passage string) {
		cs := []Citation{{N: 1, Text: passage}}
		check := Check(text, cs, CheckOptions{})
		want := len(check) == 0
		for _, size := range []int{1, 3} {
			emitted, ok, sc := stream(cs, CheckOptions{}, text, size)
			if !ok && !want && sc.Problems()[0] != check[0] {
				t.Fatalf("stream(%q, %q, %d).Problems() = %v, want Check's first %v", text, passage, size, sc.Problems(), check[0])
			}
			got := strings.Join(emitted, "")
			if !strings.HasPrefix(text, got) {
				t.Fatalf("stream(%q, %d) emitted %q: not a prefix", text, size, got)
			}
			if ok != want {
				t.Fatalf("stream(%q, %q, %d) ok = %v, Check passes = %v", text, passage, size, ok, want)
			}
			if ok && got != text {
				t.Fatalf("stream(%q, %d) emitted %q, want all of it", text, size, got)
			}
		}
	})
}
