package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
)

// tableWidth is the width every human table fits in, in terminal columns
// (East Asian wide characters count two).
const tableWidth = 80

// colGap is the space between two columns.
const colGap = 2

// column is a table column: its header and the narrowest it may be cut
// to. A column with min 0 is never cut.
type column struct {
	header string
	min    int
}

// table is rows of cells under columns, printed to fit tableWidth.
type table struct {
	cols []column
	rows [][]string
}

func newTable(cols ...column) *table { return &table{cols: cols} }

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

// widths returns each column's width: the widest cell, then cut, widest
// cuttable column first, until the table fits.
func (t *table) widths() []int {
	w := make([]int, len(t.cols))
	for i, c := range t.cols {
		w[i] = runewidth.StringWidth(c.header)
	}
	for _, r := range t.rows {
		for i, cell := range r {
			w[i] = max(w[i], runewidth.StringWidth(cell))
		}
	}
	total := func() int {
		n := colGap * (len(w) - 1)
		for _, x := range w {
			n += x
		}
		return n
	}
	// Cut one column at a time by one column: the one with the most to
	// spare above its minimum, so that cuts are shared.
	for over := total() - tableWidth; over > 0; over-- {
		best := -1
		for i, c := range t.cols {
			if c.min > 0 && w[i] > c.min && (best < 0 || w[i]-c.min > w[best]-t.cols[best].min) {
				best = i
			}
		}
		if best < 0 {
			break // nothing left to cut
		}
		w[best]--
	}
	return w
}

// write prints the table: a header line, then the rows, each cell cut with
// "…" to its column's width and padded by display width.
func (t *table) write(out io.Writer) error {
	w := t.widths()
	line := func(cells []string) string {
		var b strings.Builder
		for i, cell := range cells {
			cell = runewidth.Truncate(cell, w[i], "…")
			if i == len(cells)-1 {
				b.WriteString(cell)
				break
			}
			b.WriteString(runewidth.FillRight(cell, w[i]+colGap))
		}
		return strings.TrimRight(b.String(), " ")
	}
	hdr := make([]string, len(t.cols))
	for i, c := range t.cols {
		hdr[i] = c.header
	}
	if _, err := fmt.Fprintln(out, line(hdr)); err != nil {
		return err
	}
	for _, r := range t.rows {
		if _, err := fmt.Fprintln(out, line(r)); err != nil {
			return err
		}
	}
	return nil
}

// fit cuts s to tableWidth columns, for lines that are not tables.
func fit(s string) string { return runewidth.Truncate(s, tableWidth, "…") }

// fitHead returns name followed by tail, name cut so that the line fits
// tableWidth columns.
func fitHead(name, tail string) string {
	return runewidth.Truncate(name, max(tableWidth-runewidth.StringWidth(tail), 1), "…") + tail
}
