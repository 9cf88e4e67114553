package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/reportbot/reportbot/ingest"
	"github.com/reportbot/reportbot/report"
	"github.com/reportbot/reportbot/retrieve"
	"github.com/reportbot/reportbot/seeds"
)

// source says where a loaded report came from.
type source struct {
	Name     string // the name hits and citations carry: the file's base name
	Path     string // the path it was read from; "" for the seed and --db
	Format   string // txt, html, docx, pdf; "" when read back from --db
	Encoding string
}

// library is the loaded reports, in load order, with where each came from.
// ix is set when the reports were read back from a persisted index.
type library struct {
	docs []*report.Report
	srcs []source
	ix   *retrieve.Index
}

// progressEvery is how often, in files, loading prints a progress line
// when stderr is not a terminal; fewer files than this print nothing.
const progressEvery = 10

// hasInputs reports whether --file or --dir name reports.
func (a *app) hasInputs() bool { return len(a.files) > 0 || a.dir != "" }

// loadReports reads the reports the flags name: --file and --dir through
// ingest, else the reports in the --db index (opened with opts), else the
// embedded seed.
func (a *app) loadReports(ctx context.Context, opts ...retrieve.Option) (*library, error) {
	switch {
	case a.hasInputs():
		return a.loadFiles(ctx)
	case a.db != "":
		return a.openIndex(ctx, opts...)
	}
	return loadSeed(ctx)
}

// loadSeed parses the embedded report.
func loadSeed(ctx context.Context) (*library, error) {
	b, err := seeds.Read(seeds.Default)
	if err != nil {
		return nil, err
	}
	d, err := ingest.Read(ctx, bytes.NewReader(b), seeds.Default)
	if err != nil {
		return nil, fmt.Errorf("embedded report: %w", err)
	}
	doc, err := report.ParseString(d.Text)
	if err != nil {
		return nil, fmt.Errorf("embedded report: %w", err)
	}
	return &library{docs: []*report.Report{doc}, srcs: []source{{Name: seeds.Default, Format: string(d.Format), Encoding: d.Encoding}}}, nil
}

// openIndex reads the reports back from the index in --db.
func (a *app) openIndex(ctx context.Context, opts ...retrieve.Option) (*library, error) {
	ix, err := retrieve.Open(ctx, a.db, opts...)
	if errors.Is(err, retrieve.ErrNoIndex) {
		return nil, fmt.Errorf("%w; build one with: reportbot --file PATH (or --dir DIR) index --db %s", err, a.db)
	}
	if err != nil {
		return nil, err
	}
	lib := &library{docs: ix.Reports(), ix: ix}
	for d := range lib.docs {
		lib.srcs = append(lib.srcs, source{Name: ix.Name(d)})
	}
	return lib, nil
}

// inputPaths lists the --file paths, then the files under --dir, without
// repeats.
func (a *app) inputPaths(ctx context.Context) ([]string, error) {
	paths := append([]string(nil), a.files...)
	if a.dir != "" {
		found, err := ingest.Walk(ctx, a.dir)
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("no report files (.txt, .html, .docx, .pdf) under %s", a.dir)
		}
		paths = append(paths, found...)
	}
	seen := map[string]bool{}
	out := paths[:0]
	for _, p := range paths {
		key := filepath.Clean(p)
		if abs, err := filepath.Abs(p); err == nil {
			key = abs
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, p)
		}
	}
	return out, nil
}

// loadFiles reads and parses the input files in parallel, in order, with
// progress on stderr when there are many.
func (a *app) loadFiles(ctx context.Context) (*library, error) {
	paths, err := a.inputPaths(ctx)
	if err != nil {
		return nil, err
	}
	lib := &library{docs: make([]*report.Report, len(paths)), srcs: make([]source, len(paths))}
	errs := make([]error, len(paths))
	prog := a.progress("loading reports", len(paths))
	var (
		mu   sync.Mutex
		done int
		wg   sync.WaitGroup
	)
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(paths)) {
		wg.Go(func() {
			for i := range next {
				doc, d, err := ingest.Load(ctx, paths[i])
				if err == nil {
					lib.docs[i] = doc
					lib.srcs[i] = source{Name: filepath.Base(paths[i]), Path: paths[i], Format: string(d.Format), Encoding: d.Encoding}
				}
				errs[i] = err
				mu.Lock()
				done++
				prog(done)
				mu.Unlock()
			}
		})
	}
feed:
	for i := range paths {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i, err := range errs {
		if err != nil {
			return nil, fileError(paths[i], err)
		}
	}
	uniqueNames(lib.srcs)
	return lib, nil
}

// fileError makes sure the error of a file names it (ingest's errors do;
// this is for anything else).
func fileError(path string, err error) error {
	if strings.Contains(err.Error(), path) {
		return err
	}
	return fmt.Errorf("%s: %w", path, err)
}

// uniqueNames gives reports with the same base name their paths as names,
// so that --report and citations tell them apart.
func uniqueNames(srcs []source) {
	count := map[string]int{}
	for _, s := range srcs {
		count[s.Name]++
	}
	for i, s := range srcs {
		if count[s.Name] > 1 && s.Path != "" {
			srcs[i].Name = s.Path
		}
	}
}

// progress returns a function to call with the number of items done: on a
// terminal it redraws a counter, otherwise it prints a line every
// progressEvery items and at the end. For fewer items it prints nothing.
func (a *app) progress(what string, total int) func(done int) {
	if total < progressEvery {
		return func(int) {}
	}
	return func(done int) {
		switch {
		case a.ttyErr:
			fmt.Fprintf(a.stderr, "\r%s %d/%d", what, done, total)
			if done == total {
				fmt.Fprintln(a.stderr)
			}
		case done%progressEvery == 0 || done == total:
			fmt.Fprintf(a.stderr, "%s: %d/%d\n", what, done, total)
		}
	}
}

// names returns the reports' names, in order.
func (l *library) names() []string {
	out := make([]string, len(l.srcs))
	for i, s := range l.srcs {
		out[i] = s.Name
	}
	return out
}

// label names report i for people: its title and file name.
func (l *library) label(i int) string {
	return reportLabel(l.docs[i].Title, l.srcs[i].Name)
}

func reportLabel(title, name string) string {
	switch {
	case title == "":
		return name
	case name == "":
		return title
	}
	return title + " (" + name + ")"
}

// matches reports whether report i's title, region or file name contains
// filter (ignoring case), as the engine's report filter does.
func (l *library) matches(i int, filter string) bool {
	f := strings.ToLower(strings.TrimSpace(filter))
	doc := l.docs[i]
	region := doc.Region
	if region == "" {
		region = doc.Source // the issuing body, when no region was found
	}
	for _, s := range []string{doc.Title, region, l.srcs[i].Name} {
		if s != "" && strings.Contains(strings.ToLower(s), f) {
			return true
		}
	}
	return false
}

// selected returns the indexes of the reports --report names, all of them
// when it is not set. A name that matches nothing is an error that lists
// what is loaded.
func (a *app) selected(l *library) ([]int, error) {
	var out []int
	for i := range l.docs {
		if a.report == "" || l.matches(i, a.report) {
			out = append(out, i)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("--report %q matches none of the loaded reports: %s", a.report, l.summary(8))
	}
	return out, nil
}

// summary lists up to n loaded reports by name and title, on one line.
func (l *library) summary(n int) string {
	var parts []string
	for i := range l.docs {
		if i == n {
			parts = append(parts, fmt.Sprintf("and %d more", len(l.docs)-n))
			break
		}
		parts = append(parts, l.label(i))
	}
	return strings.Join(parts, ", ")
}

// subset returns a library of the reports at idx.
func (l *library) subset(idx []int) *library {
	if len(idx) == len(l.docs) {
		return l
	}
	out := &library{} // an index of all the reports does not fit a subset
	for _, i := range idx {
		out.docs = append(out.docs, l.docs[i])
		out.srcs = append(out.srcs, l.srcs[i])
	}
	return out
}
