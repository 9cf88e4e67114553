// Command ask answers a few questions about the embedded report offline,
// using reportbot as a library.
package main

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/reportbot/reportbot/answer"
	"github.com/reportbot/reportbot/qa"
	"github.com/reportbot/reportbot/report"
	"github.com/reportbot/reportbot/seeds"
)

func main() {
	ctx := context.Background()
	text, err := seeds.Read("")
	if err != nil {
		log.Fatal(err)
	}
	doc, err := report.ParseString(string(text))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s (%s, %s)\n\n", doc.Title, doc.ISODate, doc.Status)

	eng, err := qa.New(ctx, []*report.Report{doc})
	if err != nil {
		log.Fatal(err)
	}
	questions := os.Args[1:]
	if len(questions) == 0 {
		questions = []string{
			"2023年观湖街道规上工业总产值是多少?",
			"2024年力争新增多少家规上工业企业?",
			"How much commercial housing floor area was sold in 2023?",
			"观湖街道2024年的财政预算总额是多少?",
		}
	}
	for _, q := range questions {
		ans, err := eng.Ask(ctx, answer.Request{Question: q})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("Q:", q)
		fmt.Println(ans.Text)
		for _, c := range ans.Citations {
			fmt.Printf("  [%d] %s [%d,%d)\n", c.N, c.Label, c.Start, c.End)
		}
		fmt.Println()
	}
}
