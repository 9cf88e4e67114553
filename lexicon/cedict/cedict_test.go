package cedict

import (
	"slices"
	"strings"
	"testing"
)

func TestChinese(t *testing.T) {
	tests := []struct {
		english string
		top     int      // every word of want is within the first top results
		want    []string // in this order
	}{
		{"enterprise", 1, []string{"企业"}},
		{"enterprises", 1, []string{"企业"}}, // plural folded
		{"elderly", 4, []string{"老年", "老年人", "老人"}},
		{"the elderly", 4, []string{"老年人", "老人"}},
		{"unemployment", 1, []string{"失业"}},
		{"unemployment rate", 1, []string{"失业率"}},
		{"employment", 1, []string{"就业"}},
		{"grain", 8, []string{"谷物"}},
		{"investment", 1, []string{"投资"}},
		{"retail", 1, []string{"零售"}},
		{"highway", 4, []string{"公路", "高速公路"}},
		{"hospital", 1, []string{"医院"}},
		{"school", 1, []string{"学校"}},
		{"industry", 1, []string{"工业"}},
		{"sell", 4, []string{"销售", "出售"}},
		{"sold", 4, []string{"销售", "出售"}}, // irregular form
		{"to sell", 4, []string{"销售", "出售"}},
		{"Agriculture", 1, []string{"农业"}},
		{"infrastructure", 1, []string{"基础设施"}},
		{"poverty alleviation", 1, []string{"扶贫"}},
		{"medical insurance", 2, []string{"医保", "医疗保险"}},
		{"fixed assets", 1, []string{"固定资产"}},
		// A phrase that no gloss renders falls back to its parts, in order.
		{"fixed asset investment", 4, []string{"固定资产", "投资"}},
		{"industrial output", 6, []string{"产量"}},
	}
	for _, tt := range tests {
		t.Run(tt.english, func(t *testing.T) {
			got := Chinese(tt.english)
			last := -1
			for _, w := range tt.want {
				i := slices.Index(got, w)
				if i < 0 || i >= tt.top {
					t.Fatalf("Chinese(%q) = %v, want %s within the first %d", tt.english, got, w, tt.top)
				}
				if i < last {
					t.Fatalf("Chinese(%q) = %v, want %v in this order", tt.english, got, tt.want)
				}
				last = i
			}
			if len(got) > maxResults {
				t.Errorf("Chinese(%q) returned %d results, want at most %d", tt.english, len(got), maxResults)
			}
		})
	}
}

func TestChineseExactBeforeContaining(t *testing.T) {
	got := Chinese("elderly")
	exact, containing := slices.Index(got, "老年人"), slices.Index(got, "中老年人") // "middle-aged and elderly"
	if exact < 0 || containing >= 0 && containing < exact {
		t.Errorf("Chinese(elderly) = %v, want 老年人 before 中老年人", got)
	}
}

func TestChineseNothing(t *testing.T) {
	for _, q := range []string{"", "   ", "the", "to of", "xyzzyplugh", "老人"} {
		if got := Chinese(q); got != nil {
			t.Errorf("Chinese(%q) = %v, want nil", q, got)
		}
	}
}

func TestEnglish(t *testing.T) {
	tests := []struct {
		word    string
		want    string // a sense that must be there
		notWant string // a substring no sense may have
	}{
		{"企业", "company; firm; enterprise; corporation", ""},
		{"就业", "employment", ""},
		{"张", "to open up", "surname"},     // the surname sense is dropped
		{"了", "to finish", "variant of 瞭"}, // variant pointers are dropped
		{"销售", "to sell", "[xiao1"},        // no pinyin
		{"医院", "hospital", "CL:"},          // no classifiers
		{"老人", "the elderly", ""},
	}
	for _, tt := range tests {
		got := English(tt.word)
		if !slices.Contains(got, tt.want) {
			t.Errorf("English(%q) = %q, want a sense %q", tt.word, got, tt.want)
		}
		if tt.notWant != "" {
			for _, s := range got {
				if strings.Contains(s, tt.notWant) {
					t.Errorf("English(%q) has sense %q, want none with %q", tt.word, s, tt.notWant)
				}
			}
		}
	}
	if got := English("不是词语啊"); got != nil {
		t.Errorf("English(不是词语啊) = %q, want nil", got)
	}
}

func TestIsWord(t *testing.T) {
	for w, want := range map[string]bool{
		"固定资产": true, "投资": true, "失业率": true, "粮食": true, "零售": true, "公路": true,
		"医院": true, "学校": true, "了": true, "": false, "固定资": false, "hospital": false,
	} {
		if got := IsWord(w); got != want {
			t.Errorf("IsWord(%q) = %v, want %v", w, got, want)
		}
	}
	if n := MaxWordLen(); n < 8 || n > 64 {
		t.Errorf("MaxWordLen() = %d, want a length between 8 and 64", n)
	}
}

func TestSegment(t *testing.T) {
	tests := []struct{ text, want string }{ // want: the tokens joined by |
		{"全社会固定资产投资完成93.86亿元", "全|社会|固定资产|投资|完成|93.86|亿|元"},
		{"规模以上工业增加值增长5.1%，社会消费品零售总额增长7.2%。", "规模|以上|工业|增加值|增长|5.1|%|，|社会|消费品|零售|总额|增长|7.2|%|。"},
		{"推进乡村振兴和新型城镇化建设", "推进|乡村|振兴|和|新型|城镇化|建设"},
		{"城镇调查失业率控制在5.5%以内", "城镇|调查|失业率|控制|在|5.5|%|以内"},
		{"粮食产量1.3万亿斤", "粮食|产量|1.3|万亿|斤"},
		{"新建5G基站2,000个", "新建|5G|基站|2,000|个"},
		{"GDP增长  5%, 1.", "GDP|增长|  |5|%|,| |1|."},
		{"", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(Segment(tt.text), "|"); got != tt.want {
			t.Errorf("Segment(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestRelated(t *testing.T) {
	tests := []struct{ word, want string }{
		{"老人", "老年人"},
		{"老年人", "老人"},
		{"销售", "出售"},
		{"出售", "销售"},
		{"企业", "公司"},
		{"发展", "发育"},
	}
	for _, tt := range tests {
		got := Related(tt.word)
		if i := slices.Index(got, tt.want); i < 0 || i > 10 {
			t.Errorf("Related(%q) = %v, want %s among the first 10", tt.word, got, tt.want)
		}
		if slices.Contains(got, tt.word) || len(got) > maxResults {
			t.Errorf("Related(%q) = %v: has the word itself or more than %d", tt.word, got, maxResults)
		}
	}
	if got := Related("不是词语啊"); got != nil {
		t.Errorf("Related(不是词语啊) = %v, want nil", got)
	}
}

func TestFold(t *testing.T) {
	vocab := func(w string) bool {
		return slices.Contains([]string{"enterprise", "invest", "plan", "use", "us", "city", "box", "sell", "make", "run", "fix"}, w)
	}
	for in, want := range map[string]string{
		"enterprises": "enterprise", "invested": "invest", "planned": "plan", "used": "use",
		"cities": "city", "boxes": "box", "selling": "sell", "making": "make", "running": "run",
		"sold": "sell", "fixed": "fix", "news": "news", "goods": "goods", "feed": "feed", "unknowns": "unknowns",
	} {
		if got := fold(in, vocab); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestConcurrentFirstUse(t *testing.T) {
	// Run with -race: every entry point may be the first to load.
	done := make(chan bool)
	for _, f := range []func(){
		func() { Segment("推进乡村振兴") },
		func() { Chinese("school") },
		func() { Related("企业") },
		func() { English("企业") },
		func() { IsWord("企业") },
	} {
		go func() { f(); done <- true }()
	}
	for range 5 {
		<-done
	}
}

func TestIsName(t *testing.T) {
	for w, want := range map[string]bool{
		"北京": true, "北京时间": true, "中山大学": true, "湖北": true,
		"安康": false, "同心圆": false, "企业": false, "不是词语啊": false,
	} {
		if got := IsName(w); got != want {
			t.Errorf("IsName(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestBritishSpelling: CC-CEDICT glosses in American spelling, so a
// British spelling that finds nothing is looked up in American spelling.
func TestBritishSpelling(t *testing.T) {
	for _, tt := range []struct{ british, want string }{
		{"centres", "中心"},
		{"programme", "计划"},
		{"labour", "劳工"},
	} {
		if got := Chinese(tt.british); !slices.Contains(got, tt.want) {
			t.Errorf("Chinese(%q) = %v, want it to hold %s", tt.british, got, tt.want)
		}
	}
	if got := americanSpelling("centre of labour"); got != "center of labor" {
		t.Errorf("americanSpelling = %q", got)
	}
}
