package qa

import "testing"

// TestEverydayWording: everyday words reach the genre's terms (托班 位子 →
// 托位, 大厂 → 规上, 破旧危险住房 → 危房, 老楼 → 住宅, 工人和老板 → 劳资),
// a unit ask (多少个) and a comparison base (比前一年) are not words of the
// subject, 老百姓 counts for little, 几个百分点 asks a change, and a
// question of how long takes the one duration its sentence states.
func TestEverydayWording(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"000_006ff7903b525843", "托班的位子去年多了多少个?", "141个"},
		{"000_006ff7903b525843", "街道那些大厂去年产值一共多少?", "494.91亿元"},
		{"000_006ff7903b525843", "群众反映的事情平均几天办完?", "0.95天"},
		{"2026-heilongjiang", "今年要改造多少户农村破旧危险住房?", "4600户"},
		{"2026-neimenggu", "今年老楼要加装多少部电梯?", "500部"},
		{"000_006ff7903b525843", "工人和老板之间闹纠纷，街道去年调解了多少起?", "2893起"},
		{"2026-jilin", "吉林去年给老人建了多少个吃饭的餐厅?", "413个"},
		{"2026-jilin", "吉林去年给老年人开了几家吃饭的餐厅?", "413个"},
		{"2026-heilongjiang", "老百姓网上买东西的销售额去年增长多少?", "14.7%"},
		{"2026-shanxi", "山西空气好的天数比例比前一年多了几个百分点?", "7.2个百分点"},
		// 榜单, which the report never writes, counts through 榜 (排行榜).
		{"000_006ff7903b525843", "华润三九在什么榜单上又拿了第一?", "非处方药生产企业排行榜"},
		{"2026-henan", "今年要新增多少城镇就业岗位？", "城镇新增就业110万人"},
		{"2026-jiangxi", "江西拿旧车旧家电换新，去年带动卖了多少钱的东西？", "800亿元"},
		{"2026-henan", "去年来河南玩的人有多少人次？", "11亿人次"},
		// 多少户 asked, 149.5万个 written: one classifier for another.
		{"2026-anhui", "去年有多少户家里有小宝宝的领到了带娃补贴？", "149.5万个"},
		// 旧家电换成新的 is 以旧换新, 拉动 is 带动, 长寿钱 高龄津贴, 暖气 供热,
		// 社区小医院 基层医疗机构 (and 报销多少 asks its ratio); a longer
		// everyday word that ends on a word bound counts (给养|小孩 holds
		// 养小孩).
		{"2026-fujian", "去年福建补贴大家把旧家电、旧车换成新的，一共拉动了多少消费？", "791亿元"},
		{"2026-hunan", "去年买新家电、换新车，政府一共补贴了多少钱？", "121.9亿元"},
		{"2026-shanxi", "去年给多少八十岁以上的老人发了“长寿钱”？", "87万名"},
		{"2026-ningxia", "城里人家冬天屋里暖气的温度标准现在是多少度？", "20℃"},
		{"2026-shandong", "在家门口的社区小医院看门诊，现在能报销多少？", "65%"},
		{"2026-guangxi", "国家给养小孩的家庭发的补贴，去年有多少户人家拿到了？", "154万户"},
		// 多了多少 takes the figures an opening 新增 governs.
		{"000_006ff7903b525843", "去年新建、扩建的学校让孩子们多了多少上学名额?", "高中学位600个"},
		// 网上办事的App is 政务服务's platform; 那个 is no subject.
		{"2026-hunan", "湖南政府那个网上办事的App现在有多少用户？", "3500万"},
		{"000_006ff7903b525843", "老板和工人之间因为工资待遇闹的矛盾,街道去年调解化解了多少起?", "2893起"},
		// 一年生产了 is 年产量 (not 一年生, an annual plant); 老居民楼 is 老楼.
		{"2026-beijing", "2025年北京新能源汽车一年生产了多少辆？", "70万辆"},
		{"2026-beijing", "北京去年给老居民楼装了多少部电梯？", "869台"},
		{"2026-ningxia", "在宁夏办后事，基本的殡葬费用现在大概要花多少钱？", "1000元左右"},
		// 平均每年 asks an average over years (年均), not words to find.
		{"2026-shaanxi", "十四五这五年陕西GDP平均每年涨了多少?", "年均增长5.2"},
		{"000_006ff7903b525843", "观湖去年一共拆除消减了多大面积的违法建筑?", "66.09万平方米"},
		// 什么水平 asks the figure; 空气 is 大气.
		{"2026-hunan", "今年想把空气里的细颗粒物浓度降到什么水平?", "33微克"},
	})
}

// TestEverydayQuotes: a quoted everyday description (“旧的换新的”, “蓝天白
// 云的好日子”) is words to match, not a name the passage must hold; and
// more of the genre's everyday words (种树, 一把手, 打官司, 老年饭桌).
func TestEverydayQuotes(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"2026-guangxi", "去年广西“旧的换新的”补贴带动卖出去多少钱的商品？", "529亿元"},
		{"2026-shanxi", "去年山西“蓝天白云的好日子”占比比前一年多了多少？", "7.2个百分点"},
		{"2026-guangxi", "广西去年一年种了多少亩树？", "479万亩"},
		{"2026-shanxi", "去年山西政府部门当被告打官司时，一把手亲自出庭的比例是多少？", "100%"},
		// A name the report lacks is still required: no answer.
		{"2026-jiangsu", "江苏的“苏BA”联赛吸引了多少观众？", ""},
	})
	for _, tt := range []struct {
		p    string
		want bool
	}{{"旧的换新的", true}, {"第一家店", true}, {"苏超", false}, {"暖心驿站", false}} {
		if got := everydayPhrase(tt.p); got != tt.want {
			t.Errorf("everydayPhrase(%q) = %v, want %v", tt.p, got, tt.want)
		}
	}
}

// TestFiveYearGoalNotThisYears: a goal of the five years planned is not
// the planned year's own target.
func TestFiveYearGoalNotThisYears(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"2026-sichuan", "四川“十五五”规划纲要草案对今后五年经济增速提出了什么预期目标?", "高于全国平均"},
	})
}
