package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync/atomic"
	"time"
)

// maxBatchLine is the longest batch line read as a question; a longer line
// gets an error object of its own.
const maxBatchLine = 1 << 20

// lineError is the output object of a batch line that got no answer.
type lineError struct {
	Error    string `json:"error"`
	Line     int    `json:"line"`
	Question string `json:"question,omitempty"`
}

// batchOpts are the flags of a batch.
type batchOpts struct {
	path        string        // FILE, or - for stdin
	concurrency int           // questions answered at once
	timeout     time.Duration // deadline of the whole batch; 0 means none
}

// answerFunc answers one batch question with the value to print.
type answerFunc func(ctx context.Context, line int, q string) (any, error)

// runBatch answers one question per input line, up to concurrency at once,
// and prints exactly one JSON object per line, in input order: the answer,
// or {"error","line","question"} for a blank line, a line too long, a
// failed question or one the deadline or Ctrl-C cut off. Lines that failed
// (blank lines aside) make the batch fail.
func (a *app) runBatch(ctx context.Context, r io.Reader, bo batchOpts, answer answerFunc) error {
	interrupt := ctx
	if bo.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, bo.timeout)
		defer cancel()
	}

	type slot struct{ out chan any }
	order := make(chan slot, bo.concurrency)
	sem := make(chan struct{}, bo.concurrency)
	var lines, failed atomic.Int64
	var readErr error
	fail := func(line int, q string, err error) lineError {
		failed.Add(1)
		return lineError{Error: a.batchErrText(err, bo.timeout), Line: line, Question: q}
	}
	go func() {
		defer close(order)
		br := bufio.NewReader(r)
		for n := 1; ; n++ {
			q, tooLong, err := readLine(br, maxBatchLine)
			if err != nil {
				if !errors.Is(err, io.EOF) {
					readErr = err
				}
				return
			}
			lines.Add(1)
			s := slot{out: make(chan any, 1)}
			order <- s
			q = strings.TrimSpace(q)
			switch {
			case tooLong:
				s.out <- fail(n, "", fmt.Errorf("line longer than %d bytes", maxBatchLine))
				continue
			case q == "":
				s.out <- lineError{Error: "empty question", Line: n}
				continue
			}
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
			}
			if err := ctx.Err(); err != nil {
				s.out <- fail(n, q, err)
				continue
			}
			go func(n int, q string) {
				defer func() { <-sem }()
				if err := ctx.Err(); err != nil {
					s.out <- fail(n, q, err)
					return
				}
				v, err := answer(ctx, n, q)
				if err != nil {
					s.out <- fail(n, q, err)
					return
				}
				s.out <- v
			}(n, q)
		}
	}()

	enc := json.NewEncoder(a.stdout)
	enc.SetEscapeHTML(false)
	print := func(s slot) error { return enc.Encode(<-s.out) }
	for done := false; !done; {
		if interrupt.Err() != nil {
			return drain(order, print, interrupt.Err())
		}
		select {
		case s, ok := <-order:
			if !ok {
				done = true
				break
			}
			if err := print(s); err != nil {
				return err
			}
		case <-interrupt.Done():
			return drain(order, print, interrupt.Err())
		}
	}
	if readErr != nil {
		return fmt.Errorf("batch: read %s: %w", bo.path, readErr)
	}
	if n := failed.Load(); n > 0 {
		return fmt.Errorf("batch: %d of %d questions failed (see their error objects)", n, lines.Load())
	}
	return nil
}

// drain prints the answers already queued when Ctrl-C came (they resolve
// at once) and returns err without waiting for more input.
func drain[S any](order <-chan S, print func(S) error, err error) error {
	for {
		select {
		case s, ok := <-order:
			if !ok {
				return err
			}
			if perr := print(s); perr != nil {
				return perr
			}
		default:
			return err
		}
	}
}

// batchErrText is the error of a batch line, in a few words.
func (a *app) batchErrText(err error, timeout time.Duration) string {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Sprintf("timeout: the batch deadline (--timeout %s) passed", timeout)
	case errors.Is(err, context.Canceled):
		return "interrupted"
	}
	return a.redact(err.Error())
}

// batchInput opens the batch input: a file, or stdin for "-". It is
// opened before the engine is built, so that a missing file fails at once.
func (a *app) batchInput(path string) (io.Reader, func(), error) {
	if path == "-" {
		return a.stdin, func() {}, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("batch: %w", err)
	}
	return f, func() { f.Close() }, nil
}

// readLine reads one line without its line end. A line over max bytes is
// read to its end, cut, and reported as tooLong. At the end of the input it
// returns io.EOF and no line.
func readLine(br *bufio.Reader, max int) (line string, tooLong bool, err error) {
	var buf []byte
	for {
		chunk, isPrefix, err := br.ReadLine()
		if err != nil {
			if len(buf) > 0 || tooLong {
				return string(buf), tooLong, nil
			}
			return "", false, err
		}
		if len(buf)+len(chunk) <= max {
			buf = append(buf, chunk...)
		} else {
			tooLong = true
		}
		if !isPrefix {
			return string(buf), tooLong, nil
		}
	}
}

// writeJSON prints v as one line of JSON.
func (a *app) writeJSON(v any) error {
	enc := json.NewEncoder(a.stdout)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
