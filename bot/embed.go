package bot

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/reportbot/reportbot/answer"
)

// Discord's message and embed limits, in characters (code points).
const (
	maxContent     = 2000
	maxTitle       = 256
	maxDescription = 4096
	maxFields      = 25
	maxFieldName   = 256
	maxFieldValue  = 1024
	maxFooter      = 2048
	maxEmbedTotal  = 6000
	maxCustomID    = 100

	embedColor      = 0x2f6fde
	fieldQuoteRunes = 200
)

func runes(s string) int { return utf8.RuneCountInString(s) }

// embedSize counts the characters Discord adds up for the 6000 limit.
func embedSize(e *discordgo.MessageEmbed) int {
	n := runes(e.Title) + runes(e.Description)
	if e.Footer != nil {
		n += runes(e.Footer.Text)
	}
	if e.Author != nil {
		n += runes(e.Author.Name)
	}
	for _, f := range e.Fields {
		n += runes(f.Name) + runes(f.Value)
	}
	return n
}

// answerEmbeds renders an answer as one or more embeds, each within
// Discord's limits and meant for its own message. The first has the
// question as title, the start of the answer, and up to 25 citation fields
// with short quotes (as many as fit in 6000 characters); the rest carry the
// continuation of a long answer.
func answerEmbeds(a answer.Answer) []*discordgo.MessageEmbed {
	body := strings.TrimSpace(a.Text)
	if a.Note != "" {
		body += "\n\n*注 Note: " + strings.TrimSpace(a.Note) + "*"
	}
	if body == "" {
		body = "（空回答 empty answer）"
	}
	parts := Split(body, maxDescription)
	first := &discordgo.MessageEmbed{
		Type:        discordgo.EmbedTypeRich,
		Title:       truncate("问 "+oneLine(a.Question), maxTitle),
		Description: parts[0],
		Color:       embedColor,
	}
	footer := string(a.Mode)
	if len(a.Citations) > 0 {
		footer = strings.TrimPrefix(footer+" · 点「来源 Sources」查看完整引文", " · ")
	}
	// Reserve room for the footer, and for a note about dropped fields.
	budget := maxEmbedTotal - runes(first.Title) - runes(first.Description) - runes(footer) - 40
	shown := 0
	for _, c := range a.Citations {
		if shown == maxFields {
			break
		}
		f := &discordgo.MessageEmbedField{
			Name:  truncate("["+strconv.Itoa(c.N)+"] "+oneLine(label(c, a.Citations)), maxFieldName),
			Value: "“" + truncate(oneLine(strings.TrimSpace(c.Text)), fieldQuoteRunes) + "”",
		}
		if size := runes(f.Name) + runes(f.Value); size > budget {
			break
		} else {
			budget -= size
		}
		first.Fields = append(first.Fields, f)
		shown++
	}
	if hidden := len(a.Citations) - shown; hidden > 0 {
		footer += " · 另有 " + strconv.Itoa(hidden) + " 条来源 more sources"
	}
	if footer != "" {
		first.Footer = &discordgo.MessageEmbedFooter{Text: truncate(footer, maxFooter)}
	}
	embeds := []*discordgo.MessageEmbed{first}
	for i, p := range parts[1:] {
		embeds = append(embeds, &discordgo.MessageEmbed{
			Type:        discordgo.EmbedTypeRich,
			Title:       "（续 " + strconv.Itoa(i+2) + "/" + strconv.Itoa(len(parts)) + "）",
			Description: p,
			Color:       embedColor,
		})
	}
	return embeds
}

// sourcePages renders the full cited passages as pages of embeds, each
// with a description of at most 4096 characters. Citations are packed
// whole when they fit; a passage longer than a page is split across pages.
func sourcePages(cits []answer.Citation) []*discordgo.MessageEmbed {
	var pages []string
	var cur strings.Builder
	curRunes := 0
	flush := func() {
		if cur.Len() > 0 {
			pages = append(pages, cur.String())
			cur.Reset()
			curRunes = 0
		}
	}
	for _, c := range cits {
		entry := "**[" + strconv.Itoa(c.N) + "] " + label(c, cits) + "**\n“" + strings.TrimSpace(c.Text) + "”"
		if c.Report != "" || c.Date != "" {
			entry += "\n—— " + strings.TrimSpace(c.Report+" "+c.Date)
		}
		sep := ""
		if cur.Len() > 0 {
			sep = "\n\n"
		}
		if n := runes(entry); curRunes+len(sep)+n <= maxDescription {
			cur.WriteString(sep + entry)
			curRunes += len(sep) + n
			continue
		}
		flush()
		ps := Split(entry, maxDescription)
		pages = append(pages, ps[:len(ps)-1]...)
		cur.WriteString(ps[len(ps)-1])
		curRunes = runes(ps[len(ps)-1])
	}
	flush()
	embeds := make([]*discordgo.MessageEmbed, 0, len(pages))
	for i, p := range pages {
		title := SourcesHeading
		if len(pages) > 1 {
			title += "（" + strconv.Itoa(i+1) + "/" + strconv.Itoa(len(pages)) + "）"
		}
		if strings.TrimSpace(p) == "" {
			p = "…"
		}
		embeds = append(embeds, &discordgo.MessageEmbed{
			Type:        discordgo.EmbedTypeRich,
			Title:       title,
			Description: p,
			Color:       embedColor,
		})
	}
	return embeds
}

// textEmbed puts plain text (a brief, a notice) in one embed, cut to fit.
func textEmbed(title, text string) *discordgo.MessageEmbed {
	return &discordgo.MessageEmbed{
		Type:        discordgo.EmbedTypeRich,
		Title:       truncate(oneLine(title), maxTitle),
		Description: truncate(strings.TrimSpace(text), maxDescription),
		Color:       embedColor,
	}
}
