package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/reportbot/reportbot/retrieve"
)

// indexJSON is the output of `index --json`.
type indexJSON struct {
	Reports int    `json:"reports"`
	Chunks  int    `json:"chunks"`
	DB      string `json:"db,omitempty"`
	Ms      int64  `json:"ms"`
}

func (a *app) indexCmd() *cobra.Command {
	c := a.command("index", "build the search index (persist it with --db)",
		`Index chunks the reports (--file, --dir, or the embedded one), builds the
lexical index and embeds the chunks. With --db it keeps the index, with the
reports' texts, in that directory: an index built from the same reports and
embedder is reused as is, so remote embeddings are paid for once, and every
other command run with --db alone reads its reports from it.

--json prints {"reports","chunks","db","ms"}.`,
		a.noArgs, []string{flagJSON, flagFile, flagDir, flagDB, flagOffline, flagBaseURL, flagEmbedModel},
		func(ctx context.Context, c *cobra.Command, args []string) error {
			start := time.Now()
			opts, err := a.embedOptions(true)
			if err != nil {
				return err
			}
			lib, err := a.loadIndexInputs(ctx)
			if err != nil {
				return err
			}
			opts = append(opts, retrieve.WithNames(lib.names()...))
			if a.db != "" {
				opts = append(opts, retrieve.WithPersistDir(a.db))
			}
			ix, err := retrieve.New(ctx, lib.docs, opts...)
			if err != nil {
				return err
			}
			out := indexJSON{Reports: len(lib.docs), Chunks: ix.Len(), DB: a.db, Ms: time.Since(start).Milliseconds()}
			if a.json {
				return a.writeJSON(out)
			}
			where := "in memory"
			if a.db != "" {
				where = "in " + a.db
			}
			fmt.Fprintf(a.stdout, "indexed %d report(s), %d chunks %s in %s\n", out.Reports, out.Chunks, where, time.Since(start).Round(time.Millisecond))
			return nil
		})
	c.Example = `  reportbot --dir reports/2026 index --db ~/.cache/reportbot
  EMBED_MODEL=bge-m3 reportbot --file report.pdf index --db idx`
	return c
}

// loadIndexInputs reads the reports an index is built from: --file and
// --dir, or the embedded report. It never reads them back from --db.
func (a *app) loadIndexInputs(ctx context.Context) (*library, error) {
	if a.hasInputs() {
		return a.loadFiles(ctx)
	}
	return loadSeed(ctx)
}
