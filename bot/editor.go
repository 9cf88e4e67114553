package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/peterh/liner"
)

// maxHistory is how many questions the history file keeps.
const maxHistory = 500

// edit runs the chat on the terminal with a line editor
// (github.com/peterh/liner, which measures characters with go-runewidth,
// so Chinese text edits and redraws cleanly). liner reads os.Stdin and
// writes os.Stdout itself; RunTerminal only calls this when in and out are
// those terminals.
func (c *chat) edit(ctx context.Context) error {
	ln := liner.NewLiner()
	closed := false
	closeLiner := func() {
		if !closed {
			closed = true
			ln.Close() // restores the terminal mode
		}
	}
	defer closeLiner()
	ln.SetCtrlCAborts(true)
	ln.SetMultiLineMode(true)
	hist := c.opts.HistoryFile
	if hist != "" {
		if err := loadHistory(ln, hist); err != nil {
			c.w.print("（无法读取历史 history not loaded: " + oneLine(err.Error()) + "）\n")
		}
	}
	c.w.print(terminalBanner)

	type prompted struct {
		line string
		err  error
	}
	for {
		if c.w.err != nil {
			return c.w.wrapErr()
		}
		ch := make(chan prompted, 1)
		go func() {
			line, err := ln.Prompt("> ")
			ch <- prompted{line, err}
		}()
		var p prompted
		select {
		case <-ctx.Done():
			closeLiner()
			c.w.print("\n")
			return nil
		case p = <-ch:
		}
		switch {
		case errors.Is(p.err, liner.ErrPromptAborted): // Ctrl-C
			return c.w.wrapErr()
		case errors.Is(p.err, io.EOF): // Ctrl-D on an empty line
			c.w.print("\n")
			return c.w.wrapErr()
		case p.err != nil:
			return fmt.Errorf("terminal: read: %w", p.err)
		}
		if q := strings.TrimSpace(p.line); q != "" {
			ln.AppendHistory(q)
			if hist != "" {
				if err := saveHistory(ln, hist); err != nil {
					c.w.print("（无法保存历史 history not saved: " + oneLine(err.Error()) + "）\n")
					hist = "" // say it once
				}
			}
		}
		if quit := c.handle(ctx, p.line); quit {
			return c.w.wrapErr()
		}
	}
}

// loadHistory reads the history file into ln; a missing file is no error.
func loadHistory(ln *liner.State, path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := ln.ReadHistory(f); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}

// saveHistory writes the last maxHistory entries to path, replacing it
// atomically. The directory is created 0700 and the file 0600, and an
// existing file is narrowed to 0600: questions can be private.
func saveHistory(ln *liner.State, path string) error {
	var buf bytes.Buffer
	if _, err := ln.WriteHistory(&buf); err != nil {
		return err
	}
	lines := strings.SplitAfter(buf.String(), "\n")
	if n := len(lines); n > 0 && lines[n-1] == "" {
		lines = lines[:n-1]
	}
	lines = lines[max(len(lines)-maxHistory, 0):]
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".history-*") // mode 0600
	if err != nil {
		return err
	}
	_, werr := tmp.WriteString(strings.Join(lines, ""))
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o600); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}
