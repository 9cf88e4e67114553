package serve_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"

	openai "github.com/sashabaranov/go-openai"

	"github.com/reportbot/reportbot/qa"
	"github.com/reportbot/reportbot/report"
	"github.com/reportbot/reportbot/seeds"
	"github.com/reportbot/reportbot/serve"
)

// A server of the embedded report, asked through the JSON API and through
// go-openai. A real one runs with serve.Run(ctx, engine, serve.Options{})
// on 127.0.0.1:8080 until ctx is cancelled.
func Example() {
	ctx := context.Background()
	doc, _ := report.ParseString(seeds.MustDefault())
	engine, err := qa.New(ctx, []*report.Report{doc})
	if err != nil {
		panic(err)
	}
	s, err := serve.New(engine, serve.Options{})
	if err != nil {
		panic(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()

	resp, err := http.Get(ts.URL + "/api/ask?q=" + url.QueryEscape("2023年规上工业总产值是多少?"))
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	var ans struct {
		Answer    string `json:"answer"`
		Mode      string `json:"mode"`
		Citations []struct {
			Start, End int
			Status     string
		} `json:"citations"`
	}
	json.NewDecoder(resp.Body).Decode(&ans)
	fmt.Println(ans.Answer, ans.Mode)
	c := ans.Citations[0]
	fmt.Println(c.Start, c.End, c.Status)

	cfg := openai.DefaultConfig("")
	cfg.BaseURL = ts.URL + "/v1"
	chat, err := openai.NewClientWithConfig(cfg).CreateChatCompletion(ctx, openai.ChatCompletionRequest{
		Model:    "reportbot",
		Messages: []openai.ChatCompletionMessage{{Role: "user", Content: "2023年规上工业总产值是多少?"}},
	})
	if err != nil {
		panic(err)
	}
	text, sources, _ := strings.Cut(chat.Choices[0].Message.Content, "---")
	fmt.Println(strings.TrimSpace(text))
	lines := strings.Split(strings.TrimSpace(sources), "\n")
	fmt.Println(lines[0])
	fmt.Println(lines[2])
	// Output:
	// 全年规上工业总产值494.91亿元,同比增长1.72%。[1] extractive
	// 336 442 文件已失效
	// 全年规上工业总产值494.91亿元,同比增长1.72%。[1]
	// 来源 Sources:
	// [1] 《2024年观湖街道党工委工作报告》（文件已失效） · 一 主要指标 [336,442)
}

// CheckAddr says, before the reports are loaded, whether an address may be
// served: loopback always, anything else only with a token.
func ExampleCheckAddr() {
	fmt.Println(serve.CheckAddr("", ""))
	fmt.Println(serve.CheckAddr("localhost:8080", ""))
	fmt.Println(errors.Is(serve.CheckAddr(":8080", ""), serve.ErrInsecure))
	fmt.Println(serve.CheckAddr(":8080", "a-long-random-token"))
	// Output:
	// <nil>
	// <nil>
	// true
	// <nil>
}
