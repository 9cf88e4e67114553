package brief

import (
	"slices"
	"strconv"
	"strings"
)

// Cite formats citation numbers as markers: [1][3].
func Cite(ns []int) string {
	var sb strings.Builder
	for _, n := range ns {
		sb.WriteByte('[')
		sb.WriteString(strconv.Itoa(n))
		sb.WriteByte(']')
	}
	return sb.String()
}

// citeLists returns every citation list of the brief's body, in the order
// every renderer shows them: the summary, the key figures, the changes, the
// targets, the key points and the risks.
func (b *Brief) citeLists() []*[]int {
	var out []*[]int
	for i := range b.Summary {
		out = append(out, &b.Summary[i].Cites)
	}
	for i := range b.KeyFigures {
		out = append(out, &b.KeyFigures[i].Cites)
	}
	for i := range b.Changes {
		out = append(out, &b.Changes[i].Cites)
	}
	for i := range b.Targets {
		out = append(out, &b.Targets[i].Cites)
	}
	for i := range b.Points {
		for j := range b.Points[i].Points {
			out = append(out, &b.Points[i].Points[j].Cites)
		}
	}
	for i := range b.Risks {
		out = append(out, &b.Risks[i].Cites)
	}
	return out
}

// renumber numbers the passages in the order the body first cites them
// and drops the passages the body does not cite, so that every passage of
// the appendix has a marker in the body of every format and the markers
// read 1, 2, 3… from the top. A marker repeated within one statement is
// dropped.
func (b *Brief) renumber() {
	lists := b.citeLists()
	newN := make(map[int]int, len(b.Passages))
	var kept []Passage
	for _, l := range lists {
		out := (*l)[:0:0]
		for _, n := range *l {
			p := b.Passage(n)
			if p == nil {
				continue
			}
			m, ok := newN[n]
			if !ok {
				m = len(kept) + 1
				newN[n] = m
				q := *p
				q.N = m
				kept = append(kept, q)
			}
			if !slices.Contains(out, m) {
				out = append(out, m)
			}
		}
		*l = out
	}
	b.Passages = kept
}
