package qa

import (
	"slices"
	"strings"
	"testing"
)

// TestEnglishGenreWording: English wordings the dictionary renders badly
// (ahead of schedule, passengers, benefited, industrial park) reach the
// genre's Chinese, and "how many consecutive years" asks for a duration.
func TestEnglishGenreWording(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"000_006ff7903b525843", "How many years in a row has the subdistrict completed its illegal-building task ahead of schedule?", "7年"},
		{"000_006ff7903b525843", "Which park became the district's first low-altitude economy industrial park?", "联嘉祥科创园"},
		{"000_006ff7903b525843", "How many people benefited from the community public health committees' activities?", "4万人"},
		{"2026-shaanxi", "What was the passenger throughput of Xi'an Xianyang International Airport?", "4850万人次"},
		{"2026-liaoning", "How many China-Europe freight trains ran in 2025?", "924列"},
		{"2026-neimenggu", "What new-energy installed capacity is to be added this year?", "3000万千瓦"},
		{"2026-heilongjiang", "By how much did grain output go up last year?", "39.7亿斤"},
		// A hyphenated wording of an official term, and a hyphenated word
		// no dictionary holds, split into its words.
		{"000_006ff7903b525843", "What is the 2024 land-storage target for the Guanhu North project?", "100%"},
		// An aside in brackets explains; it is not more to find, unless it
		// names the official term the words before it paraphrase.
		{"2026-jiangxi", "What R&D intensity (R&D spending as a share of GDP) does Jiangxi target for 2026?", "2.09%"},
		{"000_006ff7903b525843", "What was the output of big industrial firms (above designated size) in 2023?", "494.91亿元"},
		{"000_006ff7903b525843", "Which places does Guanhu give counterpart assistance to?", "东兰"},
		{"2026-henan", "How many China-Europe freight train runs does Henan plan this year?", "4000班次"},
		{"000_006ff7903b525843", "How many Party lectures were given in 2023?", "600余场次"},
		{"2026-jiangsu", "What share of GDP did the private economy account for in 2025?", "58.5%"},
		// Numbered names: Line 17 is 17号线, 5A-level is 5A级 (a name, not a
		// level asked).
		{"000_006ff7903b525843", "What is planned for the Line 17 branch?", "17号线支线"},
		{"03_guangxi-2025-zhengfu-gongzuo-baogao", "Which scenic areas became national 5A-rated tourist attractions?", "程阳八寨"},
		// An amount asked in yuan is not a growth rate.
		{"03_guangxi-2025-zhengfu-gongzuo-baogao", "What was the value of foreign trade in 2024, in yuan?", ""},
		{"2026-sichuan", "What was Sichuan's GDP in 2025, in yuan?", "67665亿元"},
		// The size of the economy is an amount of money; a goal over the
		// whole five years is the five years' figure, not one year's.
		{"2026-henan", "How big was Henan's economy at the end of the 14th Five-Year Plan?", "6.66万亿元"},
		{"2026-henan", "How many new urban jobs does Henan target over the entire 15th Five-Year Plan period?", "500万人"},
		// "above target" describes a result; a term in single quotes is
		// the term.
		{"000_006ff7903b525843", "For how many years in a row has Guanhu finished its illegal-construction task early and above target?", "7年"},
		{"000_006ff7903b525843", "How many people were handled under the 'four forms' in 2023?", "68人次"},
		// Coverage is a rate: 进驻率75%.
		{"000_006ff7903b525843", "What is the 2024 target for property-management coverage in urban villages?", "75%"},
		// A name given in Chinese outweighs the English around it, and a
		// capitalized English name glossed by it is only its gloss; a
		// quoted name rendered word by word is a name the report writes
		// ('City Eyes' → 城市眼睛).
		{"2026-fujian", "Which edition of the China International Fair for Investment and Trade (投洽会) will Fujian host this year?", "第二十六届"},
		{"000_006ff7903b525843", "Under the 'City Eyes' initiative, which workers take part in community governance?", "外卖骑手"},
		// A noun of action is read through its verb (cooperation → 合作);
		// a region's name is the region, not places it contains.
		{"000_006ff7903b525843", "What are the four elements of the new human-resources cooperation model?", "精准对接"},
		{"2026-guangdong", "For how many years in a row has Guangdong been the only province with over a million births?", "连续6年"},
		{"2026-fujian", "How many new Taiwan-funded firms were set up in Fujian in 2025?", "2612家"},
		{"2026-sichuan", "By how much did value added of high-tech manufacturing grow in 2025?", "12.3%"},
		// English kind words match whole words only (hydropower holds no
		// drop, a plant no plan), and speed up is no speed asked.
		{"2026-yunnan", "Which hydropower stations does Yunnan intend to speed up building in 2026?", "旭龙"},
		{"2026-hebei", "Which high-speed rail line is to be finished and running in 2026?", "雄商高铁"},
		// A capitalized name must be said in part by the passage: the
		// report names the project but gives no budget for it.
		{"2026-yunnan", "How much is the total investment budgeted for Phase II of the Central Yunnan Water Diversion project?", ""},
		// How did X perform: the verb is no subject (演出).
		{"2026-fujian", "How did fixed-asset investment in Fujian perform last year?", "固定资产投资下降3.3%"},
		// complaints and requests are 诉求, handling time 办结时间.
		{"000_006ff7903b525843", "How many public complaints were resolved through the rapid-response platform, and what was the average handling time?", "0.95天"},
		// point four is the fourth item; switched from bottled gas to piped
		// gas is 瓶改管; police reports are 警情; banked land 入库.
		{"000_006ff7903b525843", "In the people's-wellbeing section of the 2024 plan, what is point four?", "四是提升基层卫生健康服务水平"},
		{"000_006ff7903b525843", "How many households were switched from bottled gas to piped gas?", "2.8万余户"},
		{"000_006ff7903b525843", "By what percentage did crime-related police reports fall in 2023?", "22.1%"},
		{"000_006ff7903b525843", "The Guanhu North land consolidation project: what share of land was banked in 2023?", "83.9%"},
		// how many people counts persons (5万多人次), not events (14场);
		// people's congress is no such count.
		{"000_006ff7903b525843", "How many people got to see the art shows Guanhu co-hosted in 2023?", "5万多人次 (result"},
		{"000_006ff7903b525843", "How many people's congress suggestions and CPPCC proposals did the subdistrict handle in 2023?", "165"},
		// "compared with 2020" is the base of the change, not the period.
		{"2026-jiangsu", "Compared with 2020, by how much did the number of production safety accidents and the number of deaths fall in Jiangsu?", "58.3%"},
		{"2026-shandong", "How did Shandong's share of China's national GDP change between 2020 and 2025?", "7.4%"},
		// how did X change asks a from-to pair.
		{"2026-heilongjiang", "How did the number of national key laboratories in Heilongjiang change over the 14th Five-Year Plan period?", "由7家增至16家"},
		// what is it now asks the latest result, not the year's goal.
		{"2026-gansu", "What is the computing-power scale of the Qingyang data center cluster now?", "11.4万P"},
		// compared with the national rate brings the comparison along.
		{"2026-shanxi", "How fast did private investment in Shanxi grow in 2025 compared with the national rate?", "快于全国9.2个百分点"},
		// the government's own work is 政府自身建设.
		{"2026-heilongjiang", "Which four areas does the report list under strengthening the provincial government's own work and conduct?", "（四）坚持清正廉洁"},
		// what growth does the outline envisage asks a figure.
		{"2026-anhui", "Looking ahead to the 15th Five-Year Plan, what average annual GDP growth does Anhui's draft outline envisage?", "5%—5.5%"},
		// section (二) names the section by its heading's number.
		{"000_006ff7903b525843", "What is the title of section (二) of the 2024 work arrangements?", "聚焦环境优化"},
		// the Yellow River is also 沿黄 (along it); 中欧（亚）班列.
		{"2026-henan", "How long is the Yellow River ecological corridor in Henan that has been fully connected?", "1194公里"},
		{"2026-henan", "How many China-Europe (Asia) freight train trips does Henan plan to run in 2026?", "4000班次"},
		{"2026-guizhou", "By the end of the 14th Five-Year Plan, how long were Guizhou's expressway and high-speed rail networks?", "9500公里"},
		// which + adjectives + a plural noun asks a list, not a figure.
		{"000_006ff7903b525843", "Which strategic emerging industries does the 2024 plan single out for expanding new growth?", "低空经济"},
		// "on average" is a mean, not an average over years.
		{"000_006ff7903b525843", "Via the public-opinion rapid response platform, how many residents' requests were resolved in 2023, and how long on average did each take?", "0.95天"},
		{"2026-shaanxi", "How much grain did Shaanxi harvest in 2025?", "1347万吨"},
		// how large was the economy asks an amount of money.
		{"2026-hunan", "How large was Hunan's economy (GDP) in 2025?", "5.53万亿元"},
		// British spelling (centres) reads as American (centers).
		{"2026-guizhou", "How many new county-level sub-central medical centres will Guizhou build in 2026?", "58个"},
		{"000_006ff7903b525843", "What project does the committee treat as the overarching lever for its 2024 work?", "鹭湖中心城"},
		{"000_006ff7903b525843", "Which places outside Shenzhen is Guanhu paired with for targeted assistance?", "东兰"},
	})
}

// TestNameWords: the words of capitalized names, not the first word, not
// region names, not quoted names.
func TestNameWords(t *testing.T) {
	tests := []struct {
		question string
		want     string
	}{
		{"How much is budgeted for the Central Yunnan Water Diversion project?", "central diversion water"},
		{"What coal output does Inner Mongolia plan?", ""},
		{"How many events were held under the 'Read Beauty Guanhu' banner?", ""},
		{"What was the passenger throughput of Xi'an Xianyang International Airport?", "airport international"},
		{"Which Edition is planned?", ""},
	}
	for _, tt := range tests {
		var got []string
		for w := range nameWords(tt.question) {
			got = append(got, w)
		}
		slices.Sort(got)
		if strings.Join(got, " ") != tt.want {
			t.Errorf("nameWords(%q) = %v, want %s", tt.question, got, tt.want)
		}
	}
}

// TestEnglishGenreTerms: English names of the genre's measures (actual use
// of foreign investment, consumption vouchers, daycare spots, listed
// companies) reach the reports' terms, and a share after a growth (无人机
// 产量增长39%、占全国9成) is the share of what the growth names.
func TestEnglishGenreTerms(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"2026-heilongjiang", "By how much did Heilongjiang's actual use of foreign investment grow in 2025?", "6.1%"},
		{"2026-heilongjiang", "How much in government consumption vouchers will Heilongjiang hand out in 2026?", "8亿"},
		{"000_006ff7903b525843", "How many extra daycare spots for little kids did the subdistrict create last year?", "141个"},
		{"2026-guangdong", "What share of China's drone output does Guangdong account for?", "9成 (result"},
	})
}

// TestCoverageAsk: how far something reaches may be stated as a share.
func TestCoverageAsk(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"2026-beijing", "北京解决老年人吃饭问题的助餐点覆盖了多少社区？", "九成"},
	})
}

// TestThreeIndustries: primary, secondary and tertiary industries are the
// genre's 一、二、三产业 (第一产业…), each its own term.
func TestThreeIndustries(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"03_guangxi-2025-zhengfu-gongzuo-baogao", "What were the 2024 growth rates of value added in Guangxi's primary, secondary and tertiary industries?", "分别增长4%、5.3%、3.4%"},
	})
}

// TestSRDI: the English names of 专精特新 (specialized, refined,
// distinctive and innovative; SRDI) are the Chinese term, commas and all.
func TestSRDI(t *testing.T) {
	checkAnswers(t, []answerCase{
		{"000_006ff7903b525843", "How many companies in Guanhu hold municipal-level or higher 'specialized, refined, distinctive and innovative' (SRDI) status?", "150家"},
		{"000_006ff7903b525843", "How many municipal-level SRDI firms did Guanhu have in 2023?", "150家"},
	})
}
