package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/reportbot/reportbot/answer"
)

// ErrNoToken is returned by [RunDiscord] when DiscordConfig.Token is empty.
var ErrNoToken = errors.New("discord: DISCORD_TOKEN not set; create a bot token in the Discord developer portal and export DISCORD_TOKEN")

// DiscordConfig configures [RunDiscord].
type DiscordConfig struct {
	// Token is the bot token from the developer portal, with or without
	// the "Bot " prefix. It never appears in logs or returned errors.
	Token string
	// APIBase overrides the REST base URL, for a proxy or a test server,
	// e.g. http://127.0.0.1:1234/api/v10/. Requests discordgo makes to
	// https://discord.com/api/v9/… go to APIBase + "…" instead, including
	// GET gateway, whose answer names the websocket to dial. Empty means
	// Discord itself.
	APIBase string
	// Guilds lists the guild (server) IDs to register the slash commands
	// in, which takes effect at once. Empty registers them globally, which
	// Discord may take a while to show.
	Guilds []string
	// Channels, when not empty, is the allowlist of guild channel IDs the
	// bot answers in. Direct messages are always answered.
	Channels []string
	// HTTPClient is copied and used for REST calls; nil means a client with
	// a 20s timeout, as discordgo's default.
	HTTPClient *http.Client
	// Logger receives connection events at Info/Warn and per-message
	// events at Debug; nil discards them.
	Logger *slog.Logger
	// AnswerTimeout bounds each message or interaction, including its
	// replies; 0 means 60s.
	AnswerTimeout time.Duration
	// ShutdownTimeout bounds how long shutdown waits for answers in flight
	// before cancelling them; 0 means 10s.
	ShutdownTimeout time.Duration

	// handled, when set (by tests), is called after each message or
	// interaction handler returns, even by panic.
	handled func()
}

// RunDiscord connects b to Discord and answers until ctx is done.
//
// It registers the slash commands /ask, /figure, /section, /brief and
// /help (in cfg.Guilds, or globally), answers @mentions in guild channels
// and every direct message, and ignores bots, itself and channels outside
// cfg.Channels. Slash commands are deferred at once and then edited with
// the answer: an embed with citation fields and a "来源 Sources" button
// that shows the full passages as an ephemeral, paged message. /brief
// attaches the full markdown as brief.md.
//
// Each event is handled in its own goroutine with its own timeout
// (cfg.AnswerTimeout); a panic there is logged and the bot goes on.
// discordgo reconnects (resuming the session when it can) and waits out
// REST 429s. When ctx is done, RunDiscord stops taking new events, waits up
// to cfg.ShutdownTimeout for answers in flight, closes the gateway
// connection and returns nil, also when ctx ends during start-up.
//
// It returns [ErrNoToken] without a token, and a wrapped error when the
// token is rejected, the gateway cannot be opened or the commands cannot be
// registered; errors.As finds *discordgo.RESTError where there is one.
func RunDiscord(ctx context.Context, b *Bot, cfg DiscordConfig) error {
	token := strings.TrimSpace(cfg.Token)
	if rest, ok := strings.CutPrefix(token, "Bot "); ok {
		token = strings.TrimSpace(rest)
	}
	if token == "" || token == "Bot" {
		return ErrNoToken
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = slog.New(redactHandler{h: log.Handler(), secret: token})
	client, err := discordHTTPClient(cfg.HTTPClient, cfg.APIBase)
	if err != nil {
		return err
	}

	s, err := discordgo.New("Bot " + token)
	if err != nil {
		return redact(fmt.Errorf("discord: new session: %w", err), token)
	}
	s.Client = client
	// discordgo logs through a package-global logger, and at debug level it
	// prints the identify payload, token included. Silence it; the handlers
	// below log connection events to our logger instead.
	s.LogLevel = -1
	s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages |
		discordgo.IntentsDirectMessages | discordgo.IntentsMessageContent
	s.ShouldReconnectOnError = true
	s.ShouldRetryOnRateLimit = true

	d := newDiscord(ctx, b, cfg, log)
	d.addHandlers(s)

	me, err := s.User("@me", discordgo.WithContext(ctx))
	if err != nil {
		if ctx.Err() != nil {
			return nil // stopped before start-up
		}
		return redact(fmt.Errorf("discord: check token (GET users/@me): %w", err), token)
	}
	d.botID = me.ID
	if err := s.Open(); err != nil {
		return redact(fmt.Errorf("discord: open gateway: %w", err), token)
	}
	appID := me.ID
	s.State.RLock()
	if a := s.State.Application; a != nil && a.ID != "" {
		appID = a.ID
	}
	s.State.RUnlock()

	guilds := cfg.Guilds
	if len(guilds) == 0 {
		guilds = []string{""}
	}
	for _, g := range guilds {
		if _, err := s.ApplicationCommandBulkOverwrite(appID, g, slashCommands, discordgo.WithContext(ctx)); err != nil {
			d.shutdown(s)
			if ctx.Err() != nil {
				return nil // stopped during start-up
			}
			where := "globally"
			if g != "" {
				where = "in guild " + g
			}
			return redact(fmt.Errorf("discord: register slash commands %s: %w", where, err), token)
		}
	}
	log.InfoContext(ctx, "discord: running", "bot_id", me.ID, "app_id", appID,
		"guilds", len(cfg.Guilds), "channels", len(cfg.Channels))

	<-ctx.Done()
	d.shutdown(s)
	return nil
}

// discord is one RunDiscord's state, shared by its handlers.
type discord struct {
	bot      *Bot
	log      *slog.Logger
	botID    string // set before the gateway opens, then read-only
	channels map[string]bool
	timeout  time.Duration
	grace    time.Duration
	answers  *answerStore
	handled  func()

	base       context.Context // parent of every handler's ctx; outlives the run ctx by the grace period
	cancelBase context.CancelFunc

	mu      sync.Mutex
	closing bool
	wg      sync.WaitGroup
}

func newDiscord(ctx context.Context, b *Bot, cfg DiscordConfig, log *slog.Logger) *discord {
	d := &discord{
		bot:     b,
		log:     log,
		timeout: cfg.AnswerTimeout,
		grace:   cfg.ShutdownTimeout,
		answers: newAnswerStore(1000),
		handled: cfg.handled,
	}
	if d.timeout <= 0 {
		d.timeout = 60 * time.Second
	}
	if d.grace <= 0 {
		d.grace = 10 * time.Second
	}
	if len(cfg.Channels) > 0 {
		d.channels = make(map[string]bool, len(cfg.Channels))
		for _, c := range cfg.Channels {
			d.channels[strings.TrimSpace(c)] = true
		}
	}
	// Answers in flight must survive ctx's cancellation long enough to be
	// sent, so handlers derive from a ctx that is cancelled by shutdown.
	d.base, d.cancelBase = context.WithCancel(context.WithoutCancel(ctx))
	return d
}

func (d *discord) addHandlers(s *discordgo.Session) {
	s.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) {
		if r != nil {
			d.log.Info("discord: ready", "guilds", len(r.Guilds))
		}
	})
	s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Connect) { d.log.Info("discord: connected") })
	s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Disconnect) { d.log.Warn("discord: disconnected") })
	s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Resumed) { d.log.Info("discord: resumed") })
	s.AddHandler(func(_ *discordgo.Session, rl *discordgo.RateLimit) {
		if rl != nil && rl.TooManyRequests != nil {
			d.log.Info("discord: REST rate limited; retrying", "retry_after_ms", rl.RetryAfter.Milliseconds())
		}
	})
	s.AddHandler(func(s *discordgo.Session, m *discordgo.MessageCreate) {
		d.run("message", func(ctx context.Context) { d.message(ctx, s, m) })
	})
	s.AddHandler(func(s *discordgo.Session, i *discordgo.InteractionCreate) {
		d.run("interaction", func(ctx context.Context) { d.interaction(ctx, s, i) })
	})
}

// run runs fn as one tracked handler with its own timeout, unless shutdown
// has begun. A panic in fn is logged and swallowed.
func (d *discord) run(kind string, fn func(ctx context.Context)) {
	d.mu.Lock()
	if d.closing {
		d.mu.Unlock()
		return
	}
	d.wg.Add(1)
	d.mu.Unlock()
	defer d.wg.Done()
	if d.handled != nil {
		defer d.handled()
	}
	ctx, cancel := context.WithTimeout(d.base, d.timeout)
	defer cancel()
	defer func() {
		if p := recover(); p != nil {
			d.log.Error("discord: handler panic", "handler", kind, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		}
	}()
	fn(ctx)
}

// shutdown stops new handlers, waits (bounded) for running ones, then
// closes the session.
func (d *discord) shutdown(s *discordgo.Session) {
	d.mu.Lock()
	d.closing = true
	d.mu.Unlock()
	done := make(chan struct{})
	go func() {
		d.wg.Wait()
		close(done)
	}()
	t := time.NewTimer(d.grace)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
		d.log.Warn("discord: shutdown timeout; cancelling answers in flight", "grace_ms", d.grace.Milliseconds())
		d.cancelBase()
		t.Reset(2 * time.Second)
		select {
		case <-done:
		case <-t.C:
		}
	}
	d.cancelBase()
	if err := s.Close(); err != nil {
		d.log.Warn("discord: close gateway", "err", err)
	}
	d.log.Info("discord: stopped")
}

func (d *discord) allowed(channelID string) bool {
	return d.channels == nil || d.channels[channelID]
}

// message answers an @mention in a guild channel, or any direct message.
func (d *discord) message(ctx context.Context, s *discordgo.Session, m *discordgo.MessageCreate) {
	if m == nil || m.Message == nil || m.Author == nil || m.Author.ID == "" || m.ChannelID == "" {
		return
	}
	if m.Author.Bot || m.Author.ID == d.botID {
		return
	}
	if m.GuildID != "" && (!d.allowed(m.ChannelID) || !mentions(m.Message, d.botID)) {
		return
	}
	text := stripMention(m.Content, d.botID)
	if err := s.ChannelTyping(m.ChannelID, discordgo.WithContext(ctx)); err != nil {
		d.log.DebugContext(ctx, "discord: typing", "channel_id", m.ChannelID, "err", err)
	}
	r := d.handle(ctx, m.ChannelID, m.Author.ID, text)
	ref := &discordgo.MessageReference{MessageID: m.ID, ChannelID: m.ChannelID, GuildID: m.GuildID}
	for i, o := range d.outgoing(r) {
		ms := &discordgo.MessageSend{
			Content:         o.content,
			Components:      o.components,
			Files:           o.files,
			AllowedMentions: noMentions(),
		}
		if o.embed != nil {
			ms.Embeds = []*discordgo.MessageEmbed{o.embed}
		}
		if i == 0 && m.ID != "" {
			ms.Reference = ref
		}
		if _, err := s.ChannelMessageSendComplex(m.ChannelID, ms, discordgo.WithContext(ctx)); err != nil {
			d.log.ErrorContext(ctx, "discord: send reply", "channel_id", m.ChannelID, "err", err)
			return
		}
	}
}

// sorry is the reply when answering failed; details go to the log.
var sorry = Reply{Command: CmdAsk, Text: "抱歉，暂时无法回答，请稍后再试。\nSorry, I could not answer that just now; please try again later."}

// handle runs the bot for one Discord user in one channel and turns an
// error or a panic into a polite reply.
func (d *discord) handle(ctx context.Context, channelID, userID, text string) (r Reply) {
	start := time.Now()
	defer func() {
		if p := recover(); p != nil {
			d.log.ErrorContext(ctx, "discord: handler panic", "handler", "answer", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			r = sorry
		}
	}()
	r, err := d.bot.Handle(ctx, Message{
		ConversationID: "discord:" + channelID + ":" + userID,
		UserID:         "discord:" + userID,
		Text:           text,
	})
	if err != nil {
		d.log.ErrorContext(ctx, "discord: answer", "channel_id", channelID, "user_id", userID, "err", err)
		return sorry
	}
	d.log.DebugContext(ctx, "discord: answered", "channel_id", channelID, "user_id", userID,
		"command", string(r.Command), "rate_limited", r.RateLimited, "latency_ms", time.Since(start).Milliseconds())
	return r
}

// interaction handles slash commands and button presses.
func (d *discord) interaction(ctx context.Context, s *discordgo.Session, ic *discordgo.InteractionCreate) {
	if ic == nil || ic.Interaction == nil || ic.ID == "" || ic.Token == "" {
		return
	}
	i := ic.Interaction
	var user *discordgo.User
	switch {
	case i.Member != nil && i.Member.User != nil:
		user = i.Member.User
	case i.User != nil:
		user = i.User
	}
	if user == nil || user.ID == "" || user.Bot {
		return
	}
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		if data, ok := i.Data.(discordgo.ApplicationCommandInteractionData); ok {
			d.command(ctx, s, i, user, data)
		}
	case discordgo.InteractionMessageComponent:
		if data, ok := i.Data.(discordgo.MessageComponentInteractionData); ok {
			d.component(ctx, s, i, data)
		}
	}
}

func (d *discord) command(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, user *discordgo.User, data discordgo.ApplicationCommandInteractionData) {
	if i.GuildID != "" && !d.allowed(i.ChannelID) {
		d.ephemeral(ctx, s, i, "这个频道没有启用本机器人。\nThe bot is not enabled in this channel.")
		return
	}
	cmd := Command(data.Name)
	switch cmd {
	case CmdHelp:
		d.ephemeral(ctx, s, i, helpText)
		return
	case CmdAsk, CmdFigure, CmdSection, CmdBrief, CmdSources:
	default:
		d.ephemeral(ctx, s, i, "未知命令 Unknown command: /"+data.Name)
		return
	}
	var arg string
	for _, o := range data.Options {
		if o != nil && o.Type == discordgo.ApplicationCommandOptionString {
			if v, ok := o.Value.(string); ok {
				arg = v
				break
			}
		}
	}
	err := s.InteractionRespond(i, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
	}, discordgo.WithContext(ctx))
	if err != nil {
		d.log.ErrorContext(ctx, "discord: defer interaction", "command", data.Name, "err", err)
		return
	}
	r := d.handle(ctx, i.ChannelID, user.ID, string(cmd)+" "+arg)
	outs := d.outgoing(r)
	first := outs[0]
	edit := &discordgo.WebhookEdit{AllowedMentions: noMentions(), Files: first.files}
	content := first.content
	edit.Content = &content
	embeds := []*discordgo.MessageEmbed{}
	if first.embed != nil {
		embeds = append(embeds, first.embed)
	}
	edit.Embeds = &embeds
	if first.components != nil {
		edit.Components = &first.components
	}
	if _, err := s.InteractionResponseEdit(i, edit, discordgo.WithContext(ctx)); err != nil {
		d.log.ErrorContext(ctx, "discord: edit interaction response", "command", data.Name, "err", err)
		return
	}
	for _, o := range outs[1:] {
		p := &discordgo.WebhookParams{Content: o.content, Components: o.components, Files: o.files, AllowedMentions: noMentions()}
		if o.embed != nil {
			p.Embeds = []*discordgo.MessageEmbed{o.embed}
		}
		if _, err := s.FollowupMessageCreate(i, true, p, discordgo.WithContext(ctx)); err != nil {
			d.log.ErrorContext(ctx, "discord: follow-up", "command", data.Name, "err", err)
			return
		}
	}
}

// Custom IDs of the sources buttons: "src:KEY" opens page 1 as a new
// ephemeral message; "srcp:KEY:PAGE" turns the page of that message.
const (
	openSources = "src:"
	pageSources = "srcp:"
)

func (d *discord) component(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, data discordgo.MessageComponentInteractionData) {
	id := data.CustomID
	var key string
	page := 0
	update := false
	switch {
	case strings.HasPrefix(id, openSources):
		key = strings.TrimPrefix(id, openSources)
	case strings.HasPrefix(id, pageSources):
		k, p, ok := strings.Cut(strings.TrimPrefix(id, pageSources), ":")
		n, err := strconv.Atoi(p)
		if !ok || err != nil {
			d.ephemeral(ctx, s, i, "这个按钮已失效。\nThis button no longer works.")
			return
		}
		key, page, update = k, n, true
	default:
		d.ephemeral(ctx, s, i, "这个按钮已失效。\nThis button no longer works.")
		return
	}
	cits, ok := d.answers.get(key)
	if !ok {
		d.ephemeral(ctx, s, i, "这条回答的来源已过期，请重新提问。\nThese sources have expired; please ask again.")
		return
	}
	pages := sourcePages(cits)
	page = min(max(page, 0), len(pages)-1)
	resp := &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Embeds:          []*discordgo.MessageEmbed{pages[page]},
			Components:      pager(key, page, len(pages)),
			Flags:           discordgo.MessageFlagsEphemeral,
			AllowedMentions: noMentions(),
		},
	}
	if update {
		resp.Type = discordgo.InteractionResponseUpdateMessage
	}
	if err := s.InteractionRespond(i, resp, discordgo.WithContext(ctx)); err != nil {
		d.log.ErrorContext(ctx, "discord: sources", "page", page, "err", err)
	}
}

// ephemeral answers an interaction at once with a message only its user
// sees.
func (d *discord) ephemeral(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, text string) {
	err := s.InteractionRespond(i, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Content:         truncate(text, maxContent),
			Flags:           discordgo.MessageFlagsEphemeral,
			Components:      []discordgo.MessageComponent{},
			AllowedMentions: noMentions(),
		},
	}, discordgo.WithContext(ctx))
	if err != nil {
		d.log.ErrorContext(ctx, "discord: respond", "err", err)
	}
}

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

// discordHTTPClient copies base (or makes a client) and, when apiBase is
// set, routes discord.com/api requests to it.
func discordHTTPClient(base *http.Client, apiBase string) (*http.Client, error) {
	c := &http.Client{Timeout: 20 * time.Second}
	if base != nil {
		cp := *base
		c = &cp
	}
	if apiBase == "" {
		return c, nil
	}
	u, err := url.Parse(apiBase)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("discord: APIBase %q is not an absolute http(s) URL; use e.g. https://discord.com/api/v10/", apiBase)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		u.RawPath = ""
	}
	next := c.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	c.Transport = &rewriteTransport{base: u, next: next}
	return c, nil
}

// rewriteTransport sends requests for https://discord.com/api/[vN/]PATH to
// base + PATH, leaving everything else alone. It does not touch discordgo's
// global Endpoint variables, so several sessions can point at different
// servers at once.
type rewriteTransport struct {
	base *url.URL
	next http.RoundTripper
}

func (t *rewriteTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	rest, ok := apiPath(req.URL)
	if !ok {
		return t.next.RoundTrip(req)
	}
	r2 := req.Clone(req.Context())
	u := *req.URL
	u.Scheme, u.Host, u.User = t.base.Scheme, t.base.Host, t.base.User
	escaped := t.base.EscapedPath() + rest
	if p, err := url.PathUnescape(escaped); err == nil {
		u.Path, u.RawPath = p, escaped
	} else {
		u.Path, u.RawPath = t.base.Path+rest, ""
	}
	r2.URL = &u
	r2.Host = ""
	return t.next.RoundTrip(r2)
}

// apiPath returns the escaped path after /api/ and an optional vN/ for
// discord.com URLs.
func apiPath(u *url.URL) (string, bool) {
	if u.Host != "discord.com" && u.Host != "discordapp.com" {
		return "", false
	}
	p, ok := strings.CutPrefix(u.EscapedPath(), "/api/")
	if !ok {
		return "", false
	}
	if len(p) > 1 && p[0] == 'v' {
		i := 1
		for i < len(p) && p[i] >= '0' && p[i] <= '9' {
			i++
		}
		switch {
		case i > 1 && i == len(p):
			p = ""
		case i > 1 && p[i] == '/':
			p = p[i+1:]
		}
	}
	return p, true
}

// redactHandler replaces a secret in every message and attribute before
// passing records on.
type redactHandler struct {
	h      slog.Handler
	secret string
}

func (r redactHandler) Enabled(ctx context.Context, l slog.Level) bool { return r.h.Enabled(ctx, l) }

func (r redactHandler) Handle(ctx context.Context, rec slog.Record) error {
	n := slog.NewRecord(rec.Time, rec.Level, r.clean(rec.Message), rec.PC)
	rec.Attrs(func(a slog.Attr) bool {
		n.AddAttrs(r.attr(a))
		return true
	})
	return r.h.Handle(ctx, n)
}

func (r redactHandler) WithAttrs(as []slog.Attr) slog.Handler {
	out := make([]slog.Attr, len(as))
	for i, a := range as {
		out[i] = r.attr(a)
	}
	return redactHandler{h: r.h.WithAttrs(out), secret: r.secret}
}

func (r redactHandler) WithGroup(name string) slog.Handler {
	return redactHandler{h: r.h.WithGroup(name), secret: r.secret}
}

func (r redactHandler) clean(s string) string { return strings.ReplaceAll(s, r.secret, "[redacted]") }

func (r redactHandler) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, r.clean(v.String()))
	case slog.KindGroup:
		g := v.Group()
		out := make([]slog.Attr, len(g))
		for i, ga := range g {
			out[i] = r.attr(ga)
		}
		return slog.Attr{Key: a.Key, Value: slog.GroupValue(out...)}
	case slog.KindAny:
		if err, ok := v.Any().(error); ok {
			return slog.String(a.Key, r.clean(err.Error()))
		}
		if s := fmt.Sprint(v.Any()); strings.Contains(s, r.secret) {
			return slog.String(a.Key, r.clean(s))
		}
	}
	return slog.Attr{Key: a.Key, Value: v}
}

// redactedError hides a secret in an error's message but still unwraps to
// the original, so errors.As finds *discordgo.RESTError.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

func redact(err error, secret string) error {
	if err == nil || secret == "" || !strings.Contains(err.Error(), secret) {
		return err
	}
	return &redactedError{msg: strings.ReplaceAll(err.Error(), secret, "[redacted]"), err: err}
}
