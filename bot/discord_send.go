package bot

import (
	"crypto/rand"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/bwmarrin/discordgo"
	"github.com/reportbot/reportbot/answer"
)

// outgoingMsg is one message to send, before it becomes a MessageSend, a
// WebhookEdit or WebhookParams.
type outgoingMsg struct {
	content    string
	embed      *discordgo.MessageEmbed
	components []discordgo.MessageComponent
	files      []*discordgo.File
}

// outgoing turns a reply into one or more messages within Discord's
// limits. It always returns at least one.
func (d *discord) outgoing(r Reply) []outgoingMsg {
	var outs []outgoingMsg
	switch {
	case r.Command == CmdSources && len(r.Citations) > 0:
		for _, e := range sourcePages(r.Citations) {
			outs = append(outs, outgoingMsg{embed: e})
		}
	case r.Answer != nil && r.Command != CmdSources:
		for n, e := range answerEmbeds(*r.Answer) {
			o := outgoingMsg{embed: e}
			if n == 0 && len(r.Answer.Citations) > 0 {
				key := d.answers.put(r.Answer.Citations)
				o.components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
					discordgo.Button{Label: "来源 Sources", Style: discordgo.SecondaryButton, CustomID: openSources + key},
				}}}
			}
			outs = append(outs, o)
		}
	case r.Command == CmdBrief && r.Markdown != "":
		outs = append(outs, outgoingMsg{
			embed: textEmbed("简报 Brief", r.Text),
			files: []*discordgo.File{{Name: "brief.md", ContentType: "text/markdown; charset=utf-8", Reader: strings.NewReader(r.Markdown)}},
		})
	default:
		for _, c := range Split(r.Text, maxContent) {
			if strings.TrimSpace(c) != "" {
				outs = append(outs, outgoingMsg{content: c})
			}
		}
	}
	if len(outs) == 0 {
		outs = append(outs, outgoingMsg{content: "（无内容 nothing to show）"})
	}
	return outs
}

// pager returns the previous/next buttons for page of n, or none for one
// page.
func pager(key string, page, n int) []discordgo.MessageComponent {
	if n <= 1 {
		return []discordgo.MessageComponent{}
	}
	id := func(p int) string { return pageSources + key + ":" + strconv.Itoa(p) }
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "◀ 上一页 Prev", Style: discordgo.SecondaryButton, CustomID: id(page - 1), Disabled: page == 0},
		discordgo.Button{Label: "下一页 Next ▶", Style: discordgo.PrimaryButton, CustomID: id(page + 1), Disabled: page == n-1},
	}}}
}

// noMentions stops replies from pinging anyone, whatever the quoted text
// contains.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// mentions reports whether m mentions the user botID.
func mentions(m *discordgo.Message, botID string) bool {
	if botID == "" {
		return false
	}
	for _, u := range m.Mentions {
		if u != nil && u.ID == botID {
			return true
		}
	}
	return strings.Contains(m.Content, "<@"+botID+">") || strings.Contains(m.Content, "<@!"+botID+">")
}

// stripMention removes mentions of botID and trims the rest.
func stripMention(s, botID string) string {
	if botID != "" {
		s = strings.ReplaceAll(s, "<@!"+botID+">", " ")
		s = strings.ReplaceAll(s, "<@"+botID+">", " ")
	}
	return strings.TrimSpace(s)
}

// slashCommands are registered with ApplicationCommandBulkOverwrite.
var slashCommands = []*discordgo.ApplicationCommand{
	slash("ask", "Ask a question about the work report", "就工作报告提问",
		"question", "问题", "Your question, e.g. 2023年固定资产投资多少？"),
	slash("figure", "Look up a figure (metric) in the report", "查询报告中的指标",
		"metric", "指标", "The metric, e.g. 固定资产投资"),
	slash("section", "Show a section by number or keyword", "按编号或关键词查看章节",
		"ref", "编号", "Section number or keyword, e.g. 二(三)"),
	slash("brief", "Write a brief on a topic, with the full text attached", "生成某一主题的简报",
		"topic", "主题", "The topic, e.g. 交通"),
	{
		Name:                     "help",
		Description:              "How to use the report bot",
		DescriptionLocalizations: &map[discordgo.Locale]string{discordgo.ChineseCN: "使用说明", discordgo.ChineseTW: "使用說明"},
	},
}

func slash(name, desc, descZH, opt, optZH, optDesc string) *discordgo.ApplicationCommand {
	return &discordgo.ApplicationCommand{
		Name:                     name,
		Description:              desc,
		DescriptionLocalizations: &map[discordgo.Locale]string{discordgo.ChineseCN: descZH, discordgo.ChineseTW: descZH},
		Options: []*discordgo.ApplicationCommandOption{{
			Type:              discordgo.ApplicationCommandOptionString,
			Name:              opt,
			NameLocalizations: map[discordgo.Locale]string{discordgo.ChineseCN: optZH, discordgo.ChineseTW: optZH},
			Description:       optDesc,
			Required:          true,
		}},
	}
}

// answerStore keeps the citations of recent answers for the sources
// button, keyed by a short random-prefixed ID, forgetting the oldest past
// max. It is safe for concurrent use.
type answerStore struct {
	mu     sync.Mutex
	prefix string
	next   uint64
	max    int
	order  []string
	m      map[string][]answer.Citation
}

func newAnswerStore(max int) *answerStore {
	var b [3]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand docs)
	return &answerStore{prefix: hex.EncodeToString(b[:]), max: max, m: make(map[string][]answer.Citation)}
}

func (a *answerStore) put(cits []answer.Citation) string {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.next++
	key := a.prefix + strconv.FormatUint(a.next, 36)
	a.m[key] = slices.Clone(cits)
	a.order = append(a.order, key)
	if len(a.order) > a.max {
		delete(a.m, a.order[0])
		a.order = a.order[1:]
	}
	return key
}

func (a *answerStore) get(key string) ([]answer.Citation, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	c, ok := a.m[key]
	return c, ok
}
