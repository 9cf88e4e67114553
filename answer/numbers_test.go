package answer

import (
	"math"
	"slices"
	"testing"
)

func TestNumbers(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"plain", "规上工业总产值494.91亿元,同比增长1.72%", []string{"494.91", "1.72"}},
		{"years dropped", "2023年投资93.86亿元,2024年力争100亿元", []string{"93.86", "100"}},
		{"years at the edges of the range", "1989年 1990年 2035年 2036年", []string{"1989", "2036"}},
		{"a year with decimals is a number", "2023.5", []string{"2023.5"}},
		{"citation markers dropped", "产值494.91亿元[1],增长1.72%[2]。", []string{"494.91", "1.72"}},
		{"grouped markers dropped", "见[1,2]和[3，4]与【5】及^6", nil},
		{"thousands folded", "行走楼栋1,116栋", []string{"1116"}},
		{"millions folded", "人口1,234,567人", []string{"1234567"}},
		{"full-width digits", "增长８.５％,投资１２３亿元", []string{"8.5", "123"}},
		{"full-width point", "８．５", []string{"8.5"}},
		{"full-width comma as thousands", "１，１１６栋", []string{"1116"}},
		{"list numbering dropped", "1. 产值增长5%\n 2) 投资增长8%\n3、 消费增长2%", []string{"5", "8", "2"}},
		{"Chinese list numbering without a space", "1、产值增长5%\n2.投资增长8%", []string{"5", "8"}},
		{"Chinese numerals are not counted", "三个社区,五千余场次", nil},
		{"approximate", "5000余场次,600多场", []string{"5000", "600"}},
		{"ranges", "3-5个", []string{"3", "5"}},
		{"empty", "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Numbers(tc.in); !slices.Equal(got, tc.want) {
				t.Errorf("Numbers(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestUnsupportedNumbers(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		sources []string
		want    []string
	}{
		{"copied", "规上工业总产值494.91亿元 [1]", []string{seedHeadline}, nil},
		{"difference", "投资比零售多3.66亿元(93.86−90.2)", []string{seedHeadline}, nil},
		{"difference either way", "相差3.66", []string{"90.2", "93.86"}, nil},
		{"sum of two", "合计184.06亿元", []string{seedHeadline}, nil},
		{"sum of three", "合计6", []string{"1个", "2个", "3个"}, nil},
		{"product is not allowed", "共6个", []string{"2个", "3个"}, []string{"6"}},
		{"invented", "产值约500亿元", []string{seedHeadline}, []string{"500"}},
		{"rounded is not the same", "产值494.9亿元", []string{seedHeadline}, []string{"494.9"}},
		{"wrong scale", "产值494.91万元", []string{seedHeadline}, []string{"494.91万"}},
		{"from the question", "2个", []string{"哪2个项目?", "新建公园3个"}, nil},
		{"years are context", "2023年产值494.91亿元", []string{seedHeadline}, nil},
		{"markers are not numbers", "产值494.91亿元[7]", []string{seedHeadline}, nil},
		{"thousands folded on both sides", "1,116栋", []string{"行走楼栋1116栋"}, nil},
		{"full-width in the answer", "４９４．９１亿元", []string{seedHeadline}, nil},
		{"no sources", "增长5%", nil, []string{"5"}},
		{"no numbers", "报告没有提到这一点。", []string{seedHeadline}, nil},
		{"each bad number once per mention", "7和7", []string{"1"}, []string{"7", "7"}},
		{"Chinese list numbering", "1、新建公园3个[1]\n2、改造老旧小区12个[1]", []string{"新建公园3个,改造老旧小区12个。"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := UnsupportedNumbers(tc.text, tc.sources...); !slices.Equal(got, tc.want) {
				t.Errorf("UnsupportedNumbers(%q, %q) = %q, want %q", tc.text, tc.sources, got, tc.want)
			}
		})
	}
}

// TestScan: what the claim check reads as a number, with its value in
// units (rates in percent).
func TestScan(t *testing.T) {
	type q struct {
		raw   string
		value float64
		rate  bool
		dir   direction
	}
	tests := []struct {
		in    string
		want  []q
		years []int
		dates int
	}{
		{seedHeadline, []q{{"494.91亿元", 494.91e8, false, dirNone}, {"1.72%", 1.72, true, dirUp}, {"6.8%", 6.8, true, dirUp}, {"93.86亿元", 93.86e8, false, dirNone}, {"8.53%", 8.53, true, dirUp}, {"90.2亿元", 90.2e8, false, dirNone}, {"1.8%", 1.8, true, dirUp}}, nil, 0},
		{seedPolice, []q{{"22.1%", 22.1, true, dirDown}}, nil, 0},
		{"四百九十九亿元", []q{{"四百九十九亿元", 499e8, false, dirNone}}, nil, 0},
		{"三个社区,两家企业", []q{{"三个", 3, false, dirNone}, {"两家", 2, false, dirNone}}, nil, 0},
		{"占两成", []q{{"两成", 20, true, dirNone}}, nil, 0},
		{"下降百分之五", []q{{"百分之五", 5, true, dirDown}}, nil, 0},
		{"五千余场次", []q{{"五千余场次", 5000, false, dirNone}}, nil, 0},
		{"增长百分之一点七二", []q{{"百分之一点七二", 1.72, true, dirUp}}, nil, 0},
		{"增长四点四个百分点", []q{{"四点四个百分点", 4.4, true, dirUp}}, nil, 0},
		{"九点五万亿元", []q{{"九点五万亿元", 9.5e12, false, dirNone}}, nil, 0},
		{"一点五亿元", []q{{"一点五亿元", 1.5e8, false, dirNone}}, nil, 0},
		{"9.5万亿元", []q{{"9.5万亿元", 9.5e12, false, dirNone}}, nil, 0},
		{"1.2万余栋", []q{{"1.2万余栋", 1.2e4, false, dirNone}}, nil, 0},
		{"3‰", []q{{"3‰", 0.3, true, dirNone}}, nil, 0},
		{"提高1.2个百分点", []q{{"1.2个百分点", 1.2, true, dirUp}}, nil, 0},
		{"增长5%—5.5%", []q{{"5%", 5, true, dirUp}, {"5.5%", 5.5, true, dirUp}}, nil, 0},
		{"增长5-5.5%", []q{{"5", 5, true, dirUp}, {"5.5%", 5.5, true, dirUp}}, nil, 0},
		{"5千米", []q{{"5千米", 5, false, dirNone}}, nil, 0},
		{"提高到94.6%", []q{{"94.6%", 94.6, true, dirNone}}, nil, 0},
		{"49.49 billion yuan, up 1.72 percent", []q{{"49.49 billion", 49.49e9, false, dirNone}, {"1.72 percent", 1.72, true, dirUp}}, nil, 0},
		{"fell by 3.5 percentage points", []q{{"3.5 percentage points", 3.5, true, dirDown}}, nil, 0},
		{"a 2.1% decline", []q{{"2.1%", 2.1, true, dirDown}}, nil, 0},
		{"grew to 5%", []q{{"5%", 5, true, dirNone}}, nil, 0},
		{"494.91 hundred million yuan", []q{{"494.91 hundred million", 494.91e8, false, dirNone}}, nil, 0},
		// Not numbers: ordinals, sessions, named sets, plans, vague round
		// numbers, 一个, codes.
		{"第一议题、第3项", nil, nil, 0},
		{"党的二十大和二十届二中全会", nil, nil, 0},
		{"八项规定、十四五、上千家、一个中心", nil, nil, 0},
		{"5G基站和PM2.5浓度", nil, nil, 0},
		// Years and dates.
		{"2023年和2024年", nil, []int{2023, 2024}, 0},
		{"in 2023, 3,000 parks", []q{{"3000", 3000, false, dirNone}}, []int{2023}, 0},
		{"2,000 parks", nil, []int{2000}, 0}, // a bare 1990–2035 reads as a year, as in Numbers
		{"2021—2025年", nil, []int{2021, 2025}, 0},
		{"二〇二三年", nil, []int{2023}, 0},
		{"2024年02月02日", nil, []int{2024}, 1},
		{"11月6日至10日", []q{{"10", 10, false, dirNone}}, nil, 1},
		{"1-11月", nil, nil, 2},
		{"2024-02-02", nil, []int{2024}, 1},
		{"6个月", []q{{"6个月", 6, false, dirNone}}, nil, 0},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			sc := scan(foldText(tc.in))
			var got []q
			for _, x := range sc.qs {
				got = append(got, q{x.raw, x.value, x.rate, x.dir})
			}
			if len(got) != len(tc.want) {
				t.Fatalf("scan(%q) quantities = %+v, want %+v", tc.in, got, tc.want)
			}
			for i := range got {
				w := tc.want[i]
				if got[i].raw != w.raw || got[i].rate != w.rate || got[i].dir != w.dir || math.Abs(got[i].value-w.value) > 1e-9*math.Abs(w.value) {
					t.Errorf("scan(%q) quantity %d = %+v, want %+v", tc.in, i, got[i], w)
				}
			}
			if !slices.Equal(sc.years, tc.years) {
				t.Errorf("scan(%q) years = %v, want %v", tc.in, sc.years, tc.years)
			}
			if len(sc.dates) != tc.dates {
				t.Errorf("scan(%q) dates = %+v, want %d", tc.in, sc.dates, tc.dates)
			}
		})
	}
}

func TestHanValue(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"三", 3}, {"十", 10}, {"十五", 15}, {"二十", 20}, {"一百零五", 105}, {"两千", 2000},
		{"四百九十九亿", 499e8}, {"三亿五千万", 3.5e8}, {"一万亿", 1e12}, {"十万", 1e5}, {"万", 1e4},
		{"二〇二三", 2023}, {"五千", 5000},
	}
	for _, tc := range tests {
		if got, ok := hanValue(tc.in); !ok || got != tc.want {
			t.Errorf("hanValue(%q) = %v, %v, want %v", tc.in, got, ok, tc.want)
		}
	}
}
