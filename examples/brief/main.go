// Command brief builds the 交通 (transport) brief of the embedded work
// report offline and writes it as brief.html in the current directory, or
// prints it as Markdown with -md.
//
//	go run ./examples/brief        # writes brief.html
//	go run ./examples/brief -md    # prints Markdown
//	go run ./examples/brief -topic 民生 -o minsheng.html
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/reportbot/reportbot/brief"
	"github.com/reportbot/reportbot/report"
	"github.com/reportbot/reportbot/seeds"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "brief:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("brief", flag.ContinueOnError)
	fs.SetOutput(stderr)
	topic := fs.String("topic", "交通", "topic of the brief, Chinese or English; empty for the whole report")
	md := fs.Bool("md", false, "print Markdown to stdout instead of writing HTML")
	out := fs.String("o", "brief.html", "HTML file to write")
	if err := fs.Parse(args); err != nil {
		return err
	}
	raw, err := seeds.Read("")
	if err != nil {
		return err
	}
	doc, err := report.ParseString(string(raw))
	if err != nil {
		return err
	}
	b, err := brief.Build(ctx, doc, brief.Options{Topic: *topic})
	if err != nil {
		return err
	}
	if *md {
		_, err := stdout.Write(b.Markdown())
		return err
	}
	if err := os.WriteFile(*out, b.HTML(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "wrote %s (%d sections, %d passages)\n", *out, len(b.Sections), len(b.Passages))
	return nil
}
