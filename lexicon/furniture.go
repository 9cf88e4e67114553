package lexicon

import (
	"strings"
	"unicode"
)

// Page furniture: the words a web page or a PDF puts around a report that
// are not the report (navigation, breadcrumbs, share bars, datelines,
// photo captions, related links). Package report recognises furniture
// lines with these words plus their position (before the title and the
// salutation, or after the closing paragraph).
//
// The slices are shared: callers must not modify them.

// NavWords are whole lines of page navigation and tool bars, compared
// after [FurnitureKey] (brackets, colons, separators and spaces dropped):
// 下载, 【字号：, 加大, 扫一扫在手机打开当前页, 分享到微信.
var NavWords = []string{
	"下载", "打印", "全屏", "收藏", "字号", "字体", "加大", "还原", "减小", "大", "中", "小", "默认", "放大", "缩小",
	"首页", "返回", "返回顶部", "返回首页", "关闭", "关闭窗口", "打印本页", "打印此页", "打印正文", "分享", "分享到",
	"分享到微信", "分享到微博", "分享到QQ空间", "微信", "微博", "QQ空间", "扫一扫", "扫一扫在手机打开当前页",
	"扫一扫在手机上查看当前页面", "手机扫一扫", "用手机扫描二维码", "纠错", "我要纠错", "点击图片进入专题",
	"上一篇", "下一篇", "字号大中小", "字体大中小", "阅读", "×", "|", ">",
}

// FurnitureLabels are the labels of dateline and byline fields (来源：,
// 发表时间：, 阅读量：). A line that is only such a label carries its
// value on the next line.
var FurnitureLabels = []string{
	"来源", "稿源", "作者", "编辑", "责任编辑", "责编", "审核", "校对", "发表时间", "发布时间", "发布日期", "时间",
	"日期", "阅读量", "阅读次数", "浏览量", "浏览次数", "点击量", "点击数", "访问量", "字号", "字体", "当前位置",
	"您的位置", "您当前的位置", "当前所在位置", "所在位置", "分享", "分享到", "索引号", "发文机关", "发布机构",
}

// DateLabels label a publication date (时间：2026-02-11, 日期:2024年02月02日),
// longest first.
var DateLabels = []string{"发表时间", "发布时间", "发布日期", "日期", "时间"}

// SourceLabels label the publisher of a page (来源：某某日报).
var SourceLabels = []string{"来源", "稿源"}

// BreadcrumbLabels open a breadcrumb trail (当前位置：首页 > 政务信息).
var BreadcrumbLabels = []string{"当前位置", "您的位置", "您当前的位置", "当前所在位置", "所在位置"}

// BreadcrumbSeparators separate the steps of a breadcrumb trail.
var BreadcrumbSeparators = []string{">", "＞", "»", "›", "→", ">>"}

// RelatedLinkMarkers open the list of related links after a report
// (相关报道：, 相关文档：, 相关链接>>); every line after one is furniture.
var RelatedLinkMarkers = []string{
	"相关报道", "相关文档", "相关附件", "相关链接", "相关阅读", "相关新闻", "相关稿件", "相关文章", "延伸阅读", "推荐阅读",
	"热点推荐", "专题", "点击图片进入专题",
}

// EndMarkers are furniture lines that only occur after the report's text:
// the first of them ends the report.
var EndMarkers = []string{
	"扫一扫在手机打开当前页", "扫一扫在手机上查看当前页面", "打印本页", "打印此页", "关闭窗口", "返回顶部",
	"责任编辑", "责编", "分享到", "点击图片进入专题",
}

// CaptionMarks end or sign a photo caption (…本报记者 李四摄).
var CaptionMarks = []string{"摄", "摄影", "供图", "图片来源"}

// ReporterWords name who took a photo or wrote a dispatch (记者, 通讯员).
var ReporterWords = []string{"记者", "通讯员", "全媒体记者", "融媒体记者"}

// FurnitureKey folds a line for comparison with [NavWords],
// [FurnitureLabels] and the marker lists: it drops spaces, brackets,
// colons and separators such as 【】[]：:>|.
func FurnitureKey(line string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '【', '】', '[', ']', '：', ':', '（', '）', '(', ')', '《', '》':
			return -1
		}
		if unicode.IsSpace(r) || r == '\u3000' {
			return -1
		}
		return r
	}, line)
}

// IsNavWord reports whether a whole line is page navigation (下载,
// 【字号：, 关闭窗口, a lone > or 】).
func IsNavWord(line string) bool {
	k := FurnitureKey(line)
	if k == "" {
		return strings.TrimSpace(line) != "" // a lone bracket or colon
	}
	return furnitureWordIn(k, NavWords)
}

// FurnitureLabel returns the dateline or byline label a line starts with
// (来源 for 来源：某某日报) and the value after it, or "" when the line
// does not start with a label followed by a colon.
func FurnitureLabel(line string) (label, value string) {
	line = strings.TrimLeft(strings.TrimSpace(line), "【[")
	for _, l := range FurnitureLabels {
		rest, ok := strings.CutPrefix(line, l)
		if !ok {
			continue
		}
		rest = strings.TrimSpace(rest)
		if v, ok := furnitureCutColon(rest); ok {
			return l, strings.TrimSpace(v)
		}
	}
	return "", ""
}

// IsRelatedLinkMarker reports whether a whole line opens a related-link
// list (相关报道：, 相关链接>>).
func IsRelatedLinkMarker(line string) bool {
	k := strings.TrimRight(FurnitureKey(line), ">»")
	return furnitureWordIn(k, RelatedLinkMarkers)
}

// IsEndMarker reports whether a whole line is furniture that only follows
// a report (扫一扫在手机打开当前页, 打印本页, 相关报道：, 责任编辑：…).
func IsEndMarker(line string) bool {
	if IsRelatedLinkMarker(line) {
		return true
	}
	k := FurnitureKey(line)
	if furnitureWordIn(k, EndMarkers) {
		return true
	}
	label, _ := FurnitureLabel(line)
	return label == "责任编辑" || label == "责编"
}

// IsBreadcrumbLabel reports whether a line opens a breadcrumb trail
// (当前位置：, 您的位置: 首页 > …).
func IsBreadcrumbLabel(line string) bool {
	k := FurnitureKey(line)
	for _, l := range BreadcrumbLabels {
		if strings.HasPrefix(k, l) {
			return true
		}
	}
	return false
}

// HasBreadcrumbSeparator reports whether a line holds a breadcrumb step
// separator (首页 > 政务信息 > 本地要闻, or a lone >).
func HasBreadcrumbSeparator(line string) bool {
	for _, s := range BreadcrumbSeparators {
		if strings.Contains(line, s) {
			return true
		}
	}
	return false
}

// IsCaption reports whether a line is a photo caption or a photo credit:
// it ends with a credit mark (…记者 张三 摄) or names a reporter in a short
// line.
func IsCaption(line string) bool {
	t := strings.TrimRight(strings.TrimSpace(line), "）)")
	for _, m := range CaptionMarks {
		if strings.HasSuffix(t, m) && furnitureHasAny(t, ReporterWords) {
			return true
		}
	}
	for _, m := range CaptionMarks {
		if strings.HasSuffix(t, " "+m) || strings.HasSuffix(t, "\u3000"+m) {
			return true
		}
	}
	return false
}

func furnitureCutColon(s string) (string, bool) {
	for _, c := range []string{"：", ":"} {
		if rest, ok := strings.CutPrefix(s, c); ok {
			return rest, true
		}
	}
	return "", false
}

func furnitureWordIn(s string, list []string) bool {
	for _, w := range list {
		if s == w {
			return true
		}
	}
	return false
}

func furnitureHasAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
