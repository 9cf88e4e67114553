package serve

import (
	"fmt"
	"strings"

	"github.com/reportbot/reportbot/answer"
)

// sourcesHead starts the block of cited passages that follows an answer in
// a chat completion; historyText cuts a returned assistant message there.
const sourcesHead = "\n\n---\n来源 Sources:\n"

// maxQuoteRunes bounds a quote in the sources block; the structured
// citation keeps the whole passage.
const maxQuoteRunes = 400

// content is an answer as a chat message: its text with the [n] markers,
// its note, then the cited passages (report, section label, quote) in
// Markdown that reads as plain text too.
func content(ans answer.Answer) string {
	return ans.Text + tail(ans)
}

// tail is what follows an answer's text in a chat message: the note and
// the sources.
func tail(ans answer.Answer) string {
	var b strings.Builder
	if ans.Note != "" {
		fmt.Fprintf(&b, "\n\n（%s）", ans.Note)
	}
	if len(ans.Citations) == 0 {
		return b.String()
	}
	b.WriteString(sourcesHead)
	for _, c := range ans.Citations {
		fmt.Fprintf(&b, "\n[%d] 《%s》", c.N, oneLine(c.Report))
		if c.Status != "" {
			fmt.Fprintf(&b, "（%s）", c.Status)
		}
		if c.Label != "" {
			fmt.Fprintf(&b, " · %s", oneLine(c.Label))
		}
		fmt.Fprintf(&b, " [%d,%d)\n", c.Start, c.End)
		quote := []rune(oneLine(c.Text))
		if len(quote) > maxQuoteRunes {
			quote = append(quote[:maxQuoteRunes], '…')
		}
		fmt.Fprintf(&b, "> %s\n", string(quote))
	}
	return b.String()
}

// oneLine folds runs of white space, line breaks included, into one space.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// historyText is an assistant message as the engine's history wants it:
// the answer without the sources block and note a chat client sent back.
func historyText(msg string) string {
	if i := strings.Index(msg, strings.TrimLeft(sourcesHead, "\n")); i >= 0 {
		msg = msg[:i]
	}
	if i := strings.Index(msg, strings.TrimLeft(revised, "\n")); i >= 0 {
		msg = msg[i+len(strings.TrimLeft(revised, "\n")):]
	}
	msg = strings.TrimSpace(msg)
	if i := strings.LastIndex(msg, "\n\n（"); i >= 0 && strings.HasSuffix(msg, "）") {
		msg = msg[:i]
	}
	return strings.TrimSpace(msg)
}
