package bot_test

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/reportbot/reportbot/answer"
	"github.com/reportbot/reportbot/bot"
)

// reportStub answers from one passage of the report; a real program
// passes a *rag.Engine.
type reportStub struct{}

func (reportStub) Ask(_ context.Context, req answer.Request) (answer.Answer, error) {
	c := answer.Citation{N: 1, Label: "一、2023年工作总结",
		Text: "全社会固定资产投资93.86亿元,同比增长8.53%,社会消费品零售总额90.2亿元,同比增长1.8%。"}
	if len(req.History) > 0 { // a follow-up: 比上年增长多少?
		return answer.Answer{Question: req.Question, Text: "同比增长8.53%[1]。", Answerable: true, Citations: []answer.Citation{c}}, nil
	}
	return answer.Answer{Question: req.Question, Text: "2023年全社会固定资产投资93.86亿元[1]。", Answerable: true, Citations: []answer.Citation{c}}, nil
}

func ExampleBot_Handle() {
	b := bot.New(reportStub{})
	ctx := context.Background()
	for _, text := range []string{"2023年固定资产投资多少?", "比上年增长多少?", "/figure 固定资产投资"} {
		r, err := b.Handle(ctx, bot.Message{ConversationID: "demo", UserID: "me", Text: text})
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Printf("> %s\n%s\n\n", text, r.Text)
	}
	// Output:
	// > 2023年固定资产投资多少?
	// 2023年全社会固定资产投资93.86亿元[1]。
	//
	// 来源 Sources
	// [1] 一、2023年工作总结 — “全社会固定资产投资93.86亿元,同比增长8.53%,社会消费品零售总额90.2亿元,同比增长1.8%。”
	//
	// > 比上年增长多少?
	// 同比增长8.53%[1]。
	//
	// 来源 Sources
	// [1] 一、2023年工作总结 — “全社会固定资产投资93.86亿元,同比增长8.53%,社会消费品零售总额90.2亿元,同比增长1.8%。”
	//
	// > /figure 固定资产投资
	// 指标查询功能暂不可用。
	// figure is not available yet.
}

func ExampleSplit() {
	answer := "全年规上工业总产值494.91亿元,同比增长1.72%。全社会固定资产投资93.86亿元[1]。"
	for _, chunk := range bot.Split(answer, 20) {
		fmt.Printf("%q\n", chunk)
	}
	// Output:
	// "全年规上工业总产值494.91亿元,"
	// "同比增长1.72%。"
	// "全社会固定资产投资93.86亿元[1]。"
}

func ExampleRender() {
	fmt.Println(bot.Render(answer.Answer{
		Text:       "2023年全社会固定资产投资93.86亿元[1]。",
		Answerable: true,
		Citations:  []answer.Citation{{N: 1, Label: "一、2023年工作总结", Text: "全社会固定资产投资93.86亿元,同比增长8.53%。"}},
	}))
	// Output:
	// 2023年全社会固定资产投资93.86亿元[1]。
	//
	// 来源 Sources
	// [1] 一、2023年工作总结 — “全社会固定资产投资93.86亿元,同比增长8.53%。”
}

func ExampleRunTerminal() {
	b := bot.New(reportStub{})
	in := strings.NewReader("2023年固定资产投资多少?\n\n/sources\n")
	if err := bot.RunTerminal(context.Background(), b, in, os.Stdout, bot.TerminalOptions{}); err != nil {
		fmt.Println("error:", err)
	}
	// Output:
	// 2023年全社会固定资产投资93.86亿元[1]。
	//
	// 来源 Sources
	// [1] 一、2023年工作总结 — “全社会固定资产投资93.86亿元,同比增长8.53%,社会消费品零售总额90.2亿元,同比增长1.8%。”
	//
	// 来源 Sources
	//
	// [1] 一、2023年工作总结 — “全社会固定资产投资93.86亿元,同比增长8.53%,社会消费品零售总额90.2亿元,同比增长1.8%。”
}

func ExampleRunDiscord_noToken() {
	err := bot.RunDiscord(context.Background(), bot.New(reportStub{}), bot.DiscordConfig{})
	fmt.Println(err)
	// Output:
	// discord: DISCORD_TOKEN not set; create a bot token in the Discord developer portal and export DISCORD_TOKEN
}

// fullEngine is an engine with every optional capability, as the real
// engine has: bot.New finds them by type assertion, with no glue code.
type fullEngine struct{ reportStub }

func (fullEngine) Figure(_ context.Context, metric string) (answer.Answer, error) {
	c := answer.Citation{N: 1, Label: "一、2023年工作总结", Text: "全社会固定资产投资93.86亿元,同比增长8.53%。"}
	return answer.Answer{Question: metric, Text: metric + "：93.86亿元[1]", Answerable: true, Citations: []answer.Citation{c}}, nil
}

func (fullEngine) Section(_ context.Context, ref string) (answer.Answer, error) {
	return answer.Answer{Question: ref, Text: "（三）聚焦交通畅行,塑造外通内达新格局。", Answerable: true}, nil
}

func (fullEngine) Brief(_ context.Context, topic string) (string, string, error) {
	return topic + "简报：推进轨道22号线建设。", "# " + topic + "简报\n\n推进轨道22号线建设。\n", nil
}

func ExampleNew_capabilities() {
	b := bot.New(fullEngine{}) // an Answerer that is also a Figurer, Sectioner and Briefer
	for _, text := range []string{"/figure 固定资产投资", "/section 二(三)", "/brief 交通"} {
		r, err := b.Handle(context.Background(), bot.Message{ConversationID: "demo", UserID: "me", Text: text})
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Printf("> %s\n%s\n", text, strings.SplitN(r.Text, "\n", 2)[0])
	}
	// Output:
	// > /figure 固定资产投资
	// 固定资产投资：93.86亿元[1]
	// > /section 二(三)
	// （三）聚焦交通畅行,塑造外通内达新格局。
	// > /brief 交通
	// 交通简报：推进轨道22号线建设。
}
