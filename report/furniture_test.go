package report

import (
	"strings"
	"testing"
)

// TestFurniture parses pages in the shapes web pages give reports and
// checks the header fields and which lines are furniture.
func TestFurniture(t *testing.T) {
	const body = "各位代表：\n一、2025年工作回顾\n全省地区生产总值增长5%。\n二、2026年重点工作\n（一）扩大内需。新增就业50万人。\n"
	tests := []struct {
		name      string
		text      string
		title     string
		region    string
		delivered string
		speaker   string
		date      string
		source    string
		furniture []string // the furniture lines, in order
	}{
		{
			name: "navigation, dateline and a related-link list",
			text: "下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n2026年某某省政府工作报告\n" +
				"——2026年2月5日在某某省第十四届人民代表大会第四次会议上\n来源：某某日报\n时间：2026-02-11\n省人民政府省长 张三\n" +
				body + "相关报道：\n某某省政府工作报告解读\n",
			title: "2026年某某省政府工作报告", region: "某某省", delivered: "2026-02-05", speaker: "张三",
			date: "2026-02-11", source: "某某日报",
			furniture: []string{"下载", "打印", "全屏", "收藏", "【字号：", "加大", "还原", "减小", "】", "来源：某某日报", "时间：2026-02-11", "相关报道：", "某某省政府工作报告解读"},
		},
		{
			name: "breadcrumb one step a line, a page headline, fields on two lines",
			text: "当前位置：\n首页\n>\n政务信息\n>\n本地要闻\n2026年某某自治区政府工作报告\n发表时间：\n2026-02-09 09:45:30\n来源：\n某某日报客户端\n" +
				"阅读量：\n【字体：\n小\n中\n大\n】\n政府工作报告\n——2026年2月3日在某某自治区第十三届人民代表大会第四次会议上\n自治区人民政府主席 王 五\n" +
				body + "扫一扫在手机打开当前页\n【\n打印本页\n】\n",
			title: "2026年某某自治区政府工作报告", region: "某某自治区", delivered: "2026-02-03", speaker: "王五",
			date: "2026-02-09", source: "某某日报客户端",
			furniture: []string{"当前位置：", "首页", ">", "政务信息", ">", "本地要闻", "2026年某某自治区政府工作报告", "发表时间：", "2026-02-09 09:45:30",
				"来源：", "某某日报客户端", "阅读量：", "【字体：", "小", "中", "大", "】", "扫一扫在手机打开当前页", "【", "打印本页", "】"},
		},
		{
			name:  "a caption before the title, a delivery line in brackets, a name alone",
			text:  "政府工作报告。 某某日报记者 李四 摄\n政府工作报告\n（2026年1月27日在某某省第十四届人民代表大会第四次会议上）\n李四\n" + body,
			title: "2026年某某省政府工作报告", region: "某某省", delivered: "2026-01-27", speaker: "李四",
			furniture: []string{"政府工作报告。 某某日报记者 李四 摄"},
		},
		{
			name: "a delivery line cut in two, Chinese numerals, the report repeated after the links",
			text: "政府工作报告\n——二〇二六年一月二十七日在某某省第十四届\n人民代表大会第五次会议上\n某某省省长 张三\n" + body +
				"责任编辑：\n李四\n相关链接>>\n打印本页\n关闭窗口\n2026年某某省政府工作报告\n各位代表：现在，我代表省人民政府，向大会报告工作。\n",
			title: "2026年某某省政府工作报告", region: "某某省", delivered: "2026-01-27", speaker: "张三",
			furniture: []string{"责任编辑：", "李四", "相关链接>>", "打印本页", "关闭窗口", "2026年某某省政府工作报告", "各位代表：现在，我代表省人民政府，向大会报告工作。"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := mustParse(t, tc.text)
			got := []string{doc.Title, doc.Region, doc.Delivered, doc.Speaker, doc.Date, doc.Source}
			want := []string{tc.title, tc.region, tc.delivered, tc.speaker, tc.date, tc.source}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("Title, Region, Delivered, Speaker, Date, Source = %q, want %q", got, want)
			}
			var furn []string
			for _, f := range doc.Furniture {
				furn = append(furn, doc.Slice(f))
			}
			if strings.Join(furn, "\n") != strings.Join(tc.furniture, "\n") {
				t.Errorf("Furniture = %q, want %q", furn, tc.furniture)
			}
			if len(doc.Parts) != 2 || len(doc.Figures) != 2 {
				t.Errorf("%d parts, %d figures; want the body's 2 and 2", len(doc.Parts), len(doc.Figures))
			}
			if body := doc.Slice(doc.Body); strings.Contains(body, "相关") || strings.Contains(body, "打印") {
				t.Errorf("Body holds furniture: …%q", lastRunes(body, 40))
			}
		})
	}
}
