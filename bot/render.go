package bot

import (
	"strconv"
	"strings"

	"github.com/reportbot/reportbot/answer"
)

// quoteRunes is how much of each passage the short source list quotes.
const quoteRunes = 80

// SourcesHeading introduces the list of cited passages.
const SourcesHeading = "来源 Sources"

// Render formats an answer as markdown-ish plain text: the answer with its
// [n] markers, the note if any, then a "来源 Sources" list with one line per
// citation, `[n] label — “passage”`, each passage cut to 80 runes. Use
// [RenderSources] for the full passages. An answer without citations is
// rendered without the list.
func Render(a answer.Answer) string {
	var sb strings.Builder
	sb.WriteString(strings.TrimSpace(a.Text))
	if a.Note != "" {
		sb.WriteString("\n\n注 Note: ")
		sb.WriteString(strings.TrimSpace(a.Note))
	}
	if len(a.Citations) > 0 {
		sb.WriteString("\n\n" + SourcesHeading + "\n")
		for i, c := range a.Citations {
			if i > 0 {
				sb.WriteByte('\n')
			}
			sb.WriteString(sourceLine(c, a.Citations, quoteRunes))
		}
	}
	return sb.String()
}

// RenderSources formats citations in full, for the sources command: a
// "来源 Sources" heading and one `[n] label — “passage”` entry per
// citation, separated by blank lines. It returns "" for no citations.
func RenderSources(cits []answer.Citation) string {
	if len(cits) == 0 {
		return ""
	}
	var sb strings.Builder
	sb.WriteString(SourcesHeading + "\n")
	for i, c := range cits {
		if i > 0 {
			sb.WriteString("\n\n")
		} else {
			sb.WriteByte('\n')
		}
		sb.WriteString(sourceLine(c, cits, 0))
	}
	return sb.String()
}

// sourceLine renders one citation. quote > 0 cuts the passage to that
// many runes and folds it to one line; 0 keeps it whole.
func sourceLine(c answer.Citation, all []answer.Citation, quote int) string {
	text := strings.TrimSpace(c.Text)
	if quote > 0 {
		text = truncate(oneLine(text), quote)
	}
	return "[" + strconv.Itoa(c.N) + "] " + label(c, all) + " — “" + text + "”"
}

// label names where a citation comes from: its section label, prefixed
// with the report title when the citations span several reports.
func label(c answer.Citation, all []answer.Citation) string {
	l := strings.TrimSpace(c.Label)
	if l == "" {
		l = c.SectionID
	}
	if l == "" {
		l = c.ID
	}
	if c.Report != "" {
		for _, o := range all {
			if o.Report != c.Report {
				return c.Report + " · " + l
			}
		}
	}
	return l
}

// oneLine folds runs of whitespace, including line ends, to one space.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
