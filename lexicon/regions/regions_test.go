package regions

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestLookup(t *testing.T) {
	tests := []struct {
		name                      string
		code, full, short, parent string // the first division found
		level                     Level
	}{
		{"安徽", "340000", "安徽省", "安徽", "", Province},
		{"安徽省", "340000", "安徽省", "安徽", "", Province},
		{"广西壮族自治区", "450000", "广西壮族自治区", "广西", "", Province},
		{"广西", "450000", "广西壮族自治区", "广西", "", Province},
		{"重庆", "500000", "重庆市", "重庆", "", Province},
		{"内蒙古", "150000", "内蒙古自治区", "内蒙古", "", Province},
		{"新疆", "650000", "新疆维吾尔自治区", "新疆", "", Province},
		{"香港", "810000", "香港特别行政区", "香港", "", Province},
		{"北京", "110000", "北京市", "北京", "", Province},
		{"吉林", "220000", "吉林省", "吉林", "", Province}, // before 吉林市
		{"深圳", "440300", "深圳市", "深圳", "440000", City},
		{"伊犁", "654000", "伊犁哈萨克自治州", "伊犁", "650000", City},
		{"黔东南", "522600", "黔东南苗族侗族自治州", "黔东南", "520000", City},
		{"锡林郭勒盟", "152500", "锡林郭勒盟", "锡林郭勒", "150000", City},
		{"龙华区", "440309", "龙华区", "龙华", "440300", County}, // before 海口's 460106
		{"朝阳区", "110105", "朝阳区", "朝阳", "110000", County}, // 北京's districts have the province as parent
		{"济源市", "419001", "济源市", "济源", "410000", County},
		{"神农架林区", "429021", "神农架林区", "神农架", "420000", County},
		{"城步苗族自治县", "430529", "城步苗族自治县", "城步", "430500", County},
		{"易县", "130633", "易县", "易县", "130600", County}, // no one-character short name
		{"观湖街道", "440309001", "观湖街道", "观湖", "440309", Town},
		{"观湖", "440309001", "观湖街道", "观湖", "440309", Town},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Lookup(tt.name)
			if len(got) == 0 {
				t.Fatalf("Lookup(%q) = nil", tt.name)
			}
			want := Division{Code: tt.code, Name: tt.full, Short: tt.short, Level: tt.level, Parent: tt.parent}
			if got[0] != want {
				t.Errorf("Lookup(%q)[0] = %+v, want %+v", tt.name, got[0], want)
			}
		})
	}
	if got := Lookup("不是地名"); got != nil {
		t.Errorf("Lookup(不是地名) = %v, want nil", got)
	}
}

func TestLookupOrder(t *testing.T) {
	var codes []string
	for _, d := range Lookup("吉林") {
		codes = append(codes, d.Code)
	}
	if len(codes) < 2 || codes[0] != "220000" || codes[1] != "220200" {
		t.Errorf("Lookup(吉林) codes = %v, want 220000 (province), 220200 (city), …", codes)
	}
	if got := Lookup("龙华区"); len(got) != 2 || got[1].Code != "460106" {
		t.Errorf("Lookup(龙华区) = %v, want 深圳's and 海口's", got)
	}
}

func TestShortNames(t *testing.T) {
	for _, d := range load().divs {
		if d.Short != d.Name && (len([]rune(d.Short)) < 2 || !strings.HasPrefix(d.Name, d.Short)) {
			t.Errorf("%s %s: short name %q", d.Code, d.Name, d.Short)
		}
		if d.Level == Province && d.Short == d.Name {
			t.Errorf("province %s has no short name", d.Name)
		}
	}
}

func TestByCode(t *testing.T) {
	for code, name := range map[string]string{"440309001": "观湖街道", "440309": "龙华区", "440300": "深圳市", "440000": "广东省", "710000": "台湾省"} {
		d, ok := ByCode(code)
		if !ok || d.Name != name {
			t.Errorf("ByCode(%s) = %+v, %v; want %s", code, d, ok, name)
		}
	}
	for _, code := range []string{"", "110100", "999999", "4403090011"} { // 110100: the NBS placeholder 市辖区
		if d, ok := ByCode(code); ok {
			t.Errorf("ByCode(%q) = %+v, want none", code, d)
		}
	}
}

func TestHierarchy(t *testing.T) {
	counts := map[Level]int{}
	for _, d := range load().divs {
		counts[d.Level]++
		if d.Level == Province {
			if d.Parent != "" {
				t.Errorf("province %s has parent %s", d.Name, d.Parent)
			}
			continue
		}
		p, ok := ByCode(d.Parent)
		if !ok || p.Level >= d.Level || !strings.HasPrefix(d.Code, strings.TrimRight(p.Code, "0")) {
			t.Errorf("%s %s: parent %q (%+v)", d.Code, d.Name, d.Parent, p)
		}
	}
	want := map[Level]int{Province: 34, City: 333, County: 2978, Town: 41339}
	for l, n := range want {
		if counts[l] != n {
			t.Errorf("%d divisions of level %v, want %d", counts[l], l, n)
		}
	}
}

func TestProvinces(t *testing.T) {
	ps := Provinces()
	if len(ps) != 34 || ps[0].Name != "北京市" || ps[33].Name != "澳门特别行政区" {
		t.Fatalf("Provinces() = %d divisions from %v to %v, want 34 from 北京市 to 澳门特别行政区", len(ps), ps[0], ps[len(ps)-1])
	}
	if !slices.IsSortedFunc(ps, func(a, b Division) int { return strings.Compare(a.Code, b.Code) }) {
		t.Error("Provinces() is not in code order")
	}
}

func TestFind(t *testing.T) {
	tests := []struct {
		text  string
		level Level
		want  string // Text@Start-End:Code, space-separated
	}{
		{"安徽、广西壮族自治区、重庆和内蒙古", City, "安徽@0-2:340000 广西壮族自治区@3-10:450000 重庆@11-13:500000 内蒙古@14-17:150000"},
		{"2024年深圳市龙华区观湖街道党工委工作报告", City, "深圳市@5-8:440300"},
		{"2024年深圳市龙华区观湖街道党工委工作报告", County, "深圳市@5-8:440300 龙华区@8-11:440309"},
		{"2024年深圳市龙华区观湖街道党工委工作报告", Town, "深圳市@5-8:440300 龙华区@8-11:440309 观湖街道@11-15:440309001"},
		{"龙华区观湖街道", Town, "龙华区@0-3:440309 观湖街道@3-7:440309001"},                                  // the child decides
		{"海口市龙华区和深圳龙华区", County, "海口市@0-3:460100 龙华区@3-6:460106 深圳@7-9:440300 龙华区@9-12:440309"}, // the nearest parent decides
		{"吉林省吉林市，吉林", City, "吉林省@0-3:220000 吉林市@3-6:220200 吉林@7-9:220000"},
		{"深圳市场活跃", City, "深圳@0-2:440300"}, // 深圳 + 市场, not 深圳市 + 场
		{"深圳市民", City, "深圳@0-2:440300"},
		{"百姓安康，朝阳产业，日照时数", City, ""}, // short names that are words
		{"安康市、朝阳市", City, "安康市@0-3:610900 朝阳市@4-7:211300"},
		{"城关和新区的中心城区", County, ""}, // 城区 is also the full name of five districts
		{"城关镇", Town, "城关镇@0-3:120114110"},
		{"浙江西部", City, "浙江@0-2:330000"},
		{"画出更大同心圆", City, ""},                   // 大同 would cut 同心圆
		{"北京时间", City, "北京@0-2:110000"},         // a name holds it
		{"观湖北产业片区", Town, "观湖@0-2:440309001"},   // 湖北 is a name, not a word to keep whole
		{"打造景观城市和大同市", Town, "大同市@7-10:140200"}, // 观城 would cut 景观; a full name is never cut
		{"", City, ""},
	}
	for _, tt := range tests {
		var got []string
		for _, m := range FindLevel(tt.text, tt.level) {
			got = append(got, fmt.Sprintf("%s@%d-%d:%s", m.Text, m.Start, m.End, m.Code))
		}
		if s := strings.Join(got, " "); s != tt.want {
			t.Errorf("FindLevel(%q, %v) = %q, want %q", tt.text, tt.level, s, tt.want)
		}
	}
}

func TestFindDefaultIsCity(t *testing.T) {
	text := "深圳市龙华区观湖街道"
	if got, want := Find(text), FindLevel(text, City); !slices.Equal(got, want) {
		t.Errorf("Find(%q) = %v, want FindLevel(…, City) = %v", text, got, want)
	}
}

func TestCities(t *testing.T) {
	cs := Cities()
	if len(cs) < 300 {
		t.Fatalf("Cities() = %d divisions, want the 330-odd prefecture-level ones", len(cs))
	}
	for _, c := range cs {
		if c.Level != City {
			t.Fatalf("Cities() holds %+v", c)
		}
	}
}
