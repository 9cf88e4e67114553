package brief

import (
	"testing"
)

func TestCountedNoun(t *testing.T) {
	cases := []struct {
		unit, after, want string
	}{
		{"条", "道路建设,其中11条道路进入施工阶段。", "道路建设"},
		{"条", "主次干道配套建设慢行系统,建设进度约85%。", "主次干道"},
		{"条", "道路进入施工阶段。", "道路"},
		{"条", "道路采用全过程代建方式实施,推动…", "道路"},
		{"个", "交通拥堵点治理。", "交通拥堵点治理"},
		{"个", "公共文化服务圈", "公共文化服务圈"}, // 共 is inside 公共, not a stop
		{"个", "党群服务中心,让党群服务阵地体系延伸。", "党群服务中心"},
		{"家", "以上企业入驻。", "企业"},
		{"家", "“两新”企业、5个花园小区成立团支部。", "“两新”企业"},
		{"个", "花园小区成立团支部。", "花园小区"},
		{"栋", "地上建筑,经过20个工作组", "地上建筑"},
		{"名", "就业困难人员实现就业", "就业困难人员"},
		{"件", "提高到70件。", ""},    // a change verb, not a noun
		{"个", "、1个社会工作服务巷", ""}, // a list goes on
		{"个月", "的不懈努力", ""},     // time is not counted
		{"亿元", "投资", ""},        // money is not counted
		{"%", "以上", ""},         // rates are not counted
		{"个", "的", ""},          //
		{"个", "重点", "重点"},       // short but a noun
		{"个", "点", ""},          // one character is too short
		{"个", "特色环提项目和一批配套设施工程建设。", "特色环提项目"},
	}
	for _, tc := range cases {
		if got := countedNoun(tc.unit, []rune(tc.after)); got != tc.want {
			t.Errorf("countedNoun(%q, %q) = %q, want %q", tc.unit, tc.after, got, tc.want)
		}
	}
}

func TestModifier(t *testing.T) {
	cases := []struct{ before, want string }{
		{"加强城市更新配套道路建设,推进观城一期城市更新单元配套的", "观城一期城市更新单元配套"},
		{"举办基层治理创新交流会,吸引来自全国各地的", "全国各地"},
		{"推进观城一期城市更新单元配套", ""}, // no 的
		{"新建的", ""},      // nothing left after the verb
		{"完成2023年的", ""}, // a number is not a modifier
	}
	for _, tc := range cases {
		if got := modifier([]rune(tc.before)); got != tc.want {
			t.Errorf("modifier(%q) = %q, want %q", tc.before, got, tc.want)
		}
	}
}

func TestTrimNumberTail(t *testing.T) {
	cases := []struct{ in, want string }{
		{"生活垃圾处理设施覆盖率分别提高20.9、36.2", "生活垃圾处理设施覆盖率"},
		{"总收入分别增长5%、", "总收入"},
		{"地铁22号线", "地铁22号线"},
		{"建设进度", "建设进度"},
		{"20.9", "20.9"}, // nothing would be left
	}
	for _, tc := range cases {
		if got := trimNumberTail(tc.in); got != tc.want {
			t.Errorf("trimNumberTail(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestSeedLabels checks the labels of the seed's figures that users saw
// wrong or that must stay right: a count is labelled with the noun it
// counts (48条道路, not 推进地铁22号线道路建设), a level with its metric,
// a change with its base figure's.
func TestSeedLabels(t *testing.T) {
	doc := seed(t)
	x := newExtractor(doc, parseTopic(""), nil, &Brief{}, 0)
	want := map[string]string{
		"48条":      "道路建设",
		"19条":      "主次干道",
		"8条":       "观城一期城市更新单元配套道路",
		"74个":      "党组织",
		"1116栋":    "地上建筑",
		"14场":      "美术精品展览活动",
		"494.91亿元": "规上工业总产值",
		"1.72%":    "规上工业总产值",
		"22.1%":    "违法犯罪总警情",
		"543家":     "四上企业",
	}
	seen := map[string]bool{}
	for _, f := range doc.Figures {
		w, ok := want[f.Raw]
		if !ok || seen[f.Raw] {
			continue
		}
		seen[f.Raw] = true
		if got := x.metric(f); got != w {
			t.Errorf("label of %s in %q = %q, want %q", f.Raw, doc.Slice(f.Sentence.Span), got, w)
		}
	}
	for raw := range want {
		if !seen[raw] {
			t.Errorf("the seed has no figure %s", raw)
		}
	}
}

func TestTidyMetric(t *testing.T) {
	cases := []struct{ in, want string }{
		{"地区生产总值超过2.5万亿元", "地区生产总值"},
		{"规上制造业、工业战略性新兴产业增加值年均", "规上制造业、工业战略性新兴产业增加值"},
		{"使用外资比十三五时期", "使用外资"},
		{"货物进出口总额比上年", "货物进出口总额"},
		{"地铁22号线", "地铁22号线"}, // 号线 is not a unit
		{"比上年", "比上年"},       // nothing would be left
		{"生活垃圾处理设施覆盖率分别提高20.9、36.2", "生活垃圾处理设施覆盖率"},
		{"规上工业总产值", "规上工业总产值"},
	}
	for _, tc := range cases {
		if got := tidyMetric(tc.in); got != tc.want {
			t.Errorf("tidyMetric(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTidyMetricMore(t *testing.T) {
	cases := []struct{ in, want string }{
		{"地区生产总值超过2.5万亿元、年均", "地区生产总值"},
		{"人均GDP从2020年提高到", "人均GDP"},
		{"比上年提高", "比上年提高"}, // nothing before the base: kept for the fallback
	}
	for _, tc := range cases {
		if got := tidyMetric(tc.in); got != tc.want {
			t.Errorf("tidyMetric(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
