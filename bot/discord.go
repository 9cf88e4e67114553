package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// ErrNoToken is returned by [RunDiscord] when DiscordConfig.Token is empty.
var ErrNoToken = errors.New("discord: DISCORD_TOKEN not set; create a bot token in the Discord developer portal and export DISCORD_TOKEN")

// The defaults of [DiscordConfig].
const (
	DefaultAnswerTimeout   = 45 * time.Second
	DefaultSendTimeout     = 15 * time.Second
	DefaultMaxInFlight     = 8
	DefaultMaxQueued       = 16
	DefaultShutdownTimeout = 10 * time.Second
)

// Internal time limits.
const (
	// answerGrace is how long past AnswerTimeout the front waits for an
	// Answerer to return what it has (a fallback answer) before it gives
	// up on it and says the answer timed out.
	answerGrace = 5 * time.Second
	// ackTimeout bounds an interaction's acknowledgement: Discord drops
	// interactions not acknowledged within 3 s.
	ackTimeout = 3 * time.Second
	// typingTimeout bounds the typing indicator, which is best effort.
	typingTimeout = 5 * time.Second
	// cancelWait is how long shutdown waits for answers after cancelling
	// them, and closeWait how long for discordgo's Close (which sleeps a
	// second by itself) before cutting the connection.
	cancelWait = 2 * time.Second
	closeWait  = 3 * time.Second
)

// DiscordConfig configures [RunDiscord]. Only Token is required.
type DiscordConfig struct {
	// Token is the bot token from the developer portal, with or without
	// the "Bot " prefix. It never appears in returned errors, logs or
	// messages the bot sends: it is cleaned out of every REST request and
	// response body, so not even a server echoing it in an error body
	// gets it through.
	Token string
	// APIBase overrides the REST base URL, for a proxy or a test server,
	// e.g. http://127.0.0.1:1234/api/v10/. Requests discordgo makes to
	// https://discord.com/api/v9/… go to APIBase + "…" instead, including
	// GET gateway, whose answer names the websocket to dial; errors and
	// logs name APIBase too. Empty means Discord itself.
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

	// AnswerTimeout is the Answerer's deadline: the ctx passed to it
	// expires then, so that an engine can return its fallback answer. Time
	// spent queued (see MaxQueued) counts. An Answerer that ignores its ctx
	// is given 5 s more, then the user is told the answer timed out. 0
	// means DefaultAnswerTimeout (45 s).
	AnswerTimeout time.Duration
	// SendTimeout bounds sending one reply. It starts when the reply is
	// ready, so a slow answer never eats the time needed to send it. 0
	// means DefaultSendTimeout (15 s).
	SendTimeout time.Duration
	// MaxInFlight bounds the answers computed at once, and MaxQueued how
	// many more may wait for a turn; past both, users get a polite "busy"
	// reply at once. 0 means DefaultMaxInFlight (8) and DefaultMaxQueued
	// (16); a negative MaxQueued means no queue.
	MaxInFlight int
	MaxQueued   int
	// ShutdownTimeout bounds how long shutdown waits for answers in flight
	// before cancelling them; 0 means DefaultShutdownTimeout (10 s).
	ShutdownTimeout time.Duration

	// handled, when set (by tests), is called after each message or
	// interaction handler returns, even by panic.
	handled func()
	// answerGrace overrides answerGrace, for tests.
	answerGrace time.Duration
	// reconnect overrides the reconnect policy, for tests.
	reconnect backoff
}

// RunDiscord connects b to Discord and answers until ctx is done.
//
// It registers the slash commands /ask, /figure, /section, /brief and
// /help (in cfg.Guilds, or globally), answers @mentions in guild channels
// and every direct message, and ignores bots, itself and channels outside
// cfg.Channels. Slash commands are acknowledged at once ("thinking…") and
// then edited with the answer: an embed with citation fields and a "来源
// Sources" button that shows the full passages as an ephemeral, paged
// message. /brief attaches the full markdown as brief.md. /figure,
// /section and /brief need the Answerer to be a [Figurer], [Sectioner] or
// [Briefer]; without one the user is told the command is not available.
//
// Abuse and overload: per-user limits come from the Bot ([WithRateLimit]);
// a limited user gets one notice per window, then silence. At most
// cfg.MaxInFlight answers run at once and cfg.MaxQueued wait; others get a
// "busy" reply. Interaction acknowledgements go through their own REST
// session, so a rate limit (even a global one) on other routes never holds
// them past Discord's 3 s window.
//
// Deadlines: the Answerer gets cfg.AnswerTimeout; the reply then gets its
// own cfg.SendTimeout, so a slow answer still gets a reply: the Answerer's
// fallback if it returns one, or a polite "timed out". Each event runs in
// its own goroutine; a panic there is logged and the bot goes on.
//
// The gateway connection is reopened after a drop (resuming the session
// when it can) with exponential backoff: 1 s, doubling to 2 min, with
// jitter, reset after a minute of stable connection. When ctx is done,
// RunDiscord stops taking new events, waits up to cfg.ShutdownTimeout for
// answers in flight, cancels the rest, closes the gateway and returns nil,
// also when ctx ends during start-up. Shutdown returns within
// ShutdownTimeout plus about 7 s whatever the connection is doing.
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
	rd := newRedactor(token, cfg.APIBase)
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = slog.New(redactHandler{h: log.Handler(), r: rd})
	client, err := discordHTTPClient(cfg.HTTPClient, cfg.APIBase, rd)
	if err != nil {
		return rd.error(err)
	}

	d := newDiscord(ctx, b, cfg, log, rd)
	s, err := d.session(token, client)
	if err != nil {
		return rd.errorf("discord: new session: %w", err)
	}
	d.ack, err = d.session(token, client)
	if err != nil {
		return rd.errorf("discord: new session: %w", err)
	}
	s.Dialer = d.conns.dialer()
	s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages |
		discordgo.IntentsDirectMessages | discordgo.IntentsMessageContent
	d.sup = newSupervisor(d.base, s, log, cfg.reconnect, d.conns.open)
	d.addHandlers(s)

	me, err := s.User("@me", discordgo.WithContext(ctx))
	if err != nil {
		if ctx.Err() != nil {
			return nil // stopped before start-up
		}
		return rd.errorf("discord: check token (GET users/@me): %w", err)
	}
	d.botID = me.ID
	if err := d.open(ctx, s); err != nil {
		if ctx.Err() != nil {
			d.shutdown(s)
			return nil
		}
		d.conns.closeAll()
		return rd.errorf("discord: open gateway: %w", err)
	}
	d.sup.start()
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
			return rd.errorf("discord: register slash commands %s: %w", where, err)
		}
	}
	log.InfoContext(ctx, "discord: running", "bot_id", me.ID, "app_id", appID,
		"guilds", len(cfg.Guilds), "channels", len(cfg.Channels))

	<-ctx.Done()
	d.shutdown(s)
	return nil
}

// open opens the gateway, giving up (and cutting the connection) when ctx
// ends first: discordgo's Open takes no context.
func (d *discord) open(ctx context.Context, s *discordgo.Session) error {
	done := make(chan error, 1)
	go func() { done <- s.Open() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		d.conns.closeAll()
		return ctx.Err()
	}
}

// discord is one RunDiscord's state, shared by its handlers.
type discord struct {
	bot      *Bot
	log      *slog.Logger
	rd       *redactor
	botID    string // set before the gateway opens, then read-only
	channels map[string]bool
	answers  *answerStore
	gate     *gate
	conns    *conns
	sup      *supervisor
	ack      *discordgo.Session // REST only: interaction responses, on their own rate limiter
	handled  func()

	answerTimeout, answerGrace, sendTimeout, grace time.Duration

	base       context.Context // parent of every handler's ctx; outlives the run ctx by the grace period
	cancelBase context.CancelFunc

	mu      sync.Mutex
	closing bool
	wg      sync.WaitGroup
}

func newDiscord(ctx context.Context, b *Bot, cfg DiscordConfig, log *slog.Logger, rd *redactor) *discord {
	pos := func(v, def time.Duration) time.Duration {
		if v <= 0 {
			return def
		}
		return v
	}
	inFlight, queued := cfg.MaxInFlight, cfg.MaxQueued
	if inFlight <= 0 {
		inFlight = DefaultMaxInFlight
	}
	switch {
	case queued == 0:
		queued = DefaultMaxQueued
	case queued < 0:
		queued = 0
	}
	d := &discord{
		bot:           b,
		log:           log,
		rd:            rd,
		answers:       newAnswerStore(1000),
		gate:          newGate(inFlight, queued),
		conns:         newConns(),
		handled:       cfg.handled,
		answerTimeout: pos(cfg.AnswerTimeout, DefaultAnswerTimeout),
		answerGrace:   pos(cfg.answerGrace, answerGrace),
		sendTimeout:   pos(cfg.SendTimeout, DefaultSendTimeout),
		grace:         pos(cfg.ShutdownTimeout, DefaultShutdownTimeout),
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

// session makes a discordgo session that logs nothing itself (at debug
// level discordgo prints the identify payload, token included) and leaves
// reconnecting to the supervisor.
func (d *discord) session(token string, client *http.Client) (*discordgo.Session, error) {
	s, err := discordgo.New("Bot " + token)
	if err != nil {
		return nil, err
	}
	s.Client = client
	s.LogLevel = -1
	s.ShouldReconnectOnError = false
	s.ShouldRetryOnRateLimit = true
	return s, nil
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
			d.log.Info("discord: REST rate limited; retrying", "url", rl.URL, "retry_after_ms", rl.RetryAfter.Milliseconds())
		}
	})
	s.AddHandler(func(s *discordgo.Session, m *discordgo.MessageCreate) {
		d.run("message", func() { d.message(s, m) })
	})
	s.AddHandler(func(_ *discordgo.Session, i *discordgo.InteractionCreate) {
		d.run("interaction", func() { d.interaction(i) })
	})
}

// run runs fn as one tracked handler, unless shutdown has begun. A panic in
// fn is logged and swallowed.
func (d *discord) run(kind string, fn func()) {
	if !d.track() {
		return
	}
	defer d.wg.Done()
	if d.handled != nil {
		defer d.handled()
	}
	defer func() {
		if p := recover(); p != nil {
			d.log.Error("discord: handler panic", "handler", kind, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		}
	}()
	fn()
}

// track adds one to the handlers shutdown waits for, unless shutdown has
// begun.
func (d *discord) track() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closing {
		return false
	}
	d.wg.Add(1)
	return true
}

// shutdown stops reconnects and new handlers, waits (bounded) for running
// ones, then closes the session (bounded too).
func (d *discord) shutdown(s *discordgo.Session) {
	d.mu.Lock()
	d.closing = true
	d.mu.Unlock()
	supDone := d.sup.stop()
	d.conns.refuse()
	if d.sup.opening.Load() {
		// An Open in progress holds the session's lock, which Close needs.
		d.conns.closeAll()
	}

	done := make(chan struct{})
	go func() {
		d.wg.Wait()
		close(done)
	}()
	if !waitFor(done, d.grace) {
		d.log.Warn("discord: shutdown timeout; cancelling answers in flight", "grace_ms", d.grace.Milliseconds())
		d.cancelBase()
		waitFor(done, cancelWait)
	}
	d.cancelBase()

	closed := make(chan struct{})
	go func() {
		defer close(closed)
		if err := s.Close(); err != nil {
			d.log.Warn("discord: close gateway", "err", err)
		}
	}()
	if !waitFor(closed, closeWait) {
		d.log.Warn("discord: gateway close is slow; cutting the connection")
	}
	d.conns.closeAll()
	waitFor(closed, cancelWait)
	waitFor(supDone, cancelWait)
	d.log.Info("discord: stopped")
}

// waitFor waits until ch is closed or d has passed and reports which.
func waitFor(ch <-chan struct{}, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ch:
		return true
	case <-t.C:
		return false
	}
}

func (d *discord) allowed(channelID string) bool {
	return d.channels == nil || d.channels[channelID]
}

// Replies the Discord front makes itself; details go to the log.
var (
	sorry    = Reply{Command: CmdAsk, Text: "抱歉，暂时无法回答，请稍后再试。\nSorry, I could not answer that just now; please try again later."}
	timedOut = Reply{Command: CmdAsk, Text: "抱歉，回答超时了，请稍后再试或换个问法。\nSorry, that answer took too long; please try again later or rephrase the question."}
	busy     = Reply{Command: CmdAsk, Text: "现在提问的人太多了，请稍后再试。\nI am answering many questions right now; please try again in a minute."}
)

// admission says what to do with a message.
type admission int

const (
	replyNow  admission = iota // send the reply at once: no answer needed
	stayQuiet                  // send nothing (rate limited, already told)
	answerIt                   // run the job
)

// admit plans msg and applies the user's rate limit.
func (d *discord) admit(msg Message) (job, Reply, admission) {
	j, r, done := d.bot.plan(msg)
	if done {
		return j, r, replyNow
	}
	if r, limited := d.bot.rateLimit(j); limited {
		if r.Quiet {
			return j, r, stayQuiet
		}
		return j, r, replyNow
	}
	return j, Reply{}, answerIt
}

// answer runs j with the answer deadline, in a slot of the gate, and
// always returns a reply to send: the answer, the Answerer's fallback, or
// a busy, timed-out or sorry notice.
func (d *discord) answer(j job) Reply {
	start := time.Now()
	ctx, cancel := context.WithTimeout(d.base, d.answerTimeout)
	defer cancel()
	release, err := d.gate.enter(ctx)
	if err != nil {
		running, waiting, _ := d.gate.stats()
		if errors.Is(err, errBusy) {
			d.log.Warn("discord: busy; turned a question away", "user_id", j.m.UserID, "running", running, "waiting", waiting)
			return busy
		}
		d.log.Warn("discord: no answer slot before the deadline", "user_id", j.m.UserID, "err", err)
		return timedOut
	}
	type result struct {
		r   Reply
		err error
	}
	ch := make(chan result, 1)
	d.wg.Add(1) // inside a tracked handler, so the count is positive
	go func() {
		defer d.wg.Done()
		defer release()
		defer func() {
			if p := recover(); p != nil {
				d.log.Error("discord: handler panic", "handler", "answer", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				ch <- result{err: fmt.Errorf("discord: answerer panic: %v", p)}
			}
		}()
		r, err := d.bot.run(ctx, j)
		ch <- result{r, err}
	}()
	deadline, _ := ctx.Deadline()
	wait := time.NewTimer(time.Until(deadline) + d.answerGrace)
	defer wait.Stop()
	var res result
	select {
	case res = <-ch:
	case <-wait.C:
		d.log.Warn("discord: answerer ignored its deadline", "command", string(j.cmd), "user_id", j.m.UserID,
			"latency_ms", time.Since(start).Milliseconds())
		return timedOut
	}
	switch {
	case res.err != nil && ctx.Err() != nil:
		d.log.Warn("discord: answer timed out", "command", string(j.cmd), "user_id", j.m.UserID, "err", res.err,
			"latency_ms", time.Since(start).Milliseconds())
		return timedOut
	case res.err != nil:
		d.log.Error("discord: answer", "command", string(j.cmd), "user_id", j.m.UserID, "err", res.err)
		return sorry
	}
	d.log.Debug("discord: answered", "command", string(res.r.Command), "user_id", j.m.UserID,
		"latency_ms", time.Since(start).Milliseconds(), "late", ctx.Err() != nil)
	return res.r
}

// sendCtx returns the context for sending one reply.
func (d *discord) sendCtx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(d.base, d.sendTimeout)
}

// message answers an @mention in a guild channel, or any direct message.
func (d *discord) message(s *discordgo.Session, m *discordgo.MessageCreate) {
	if m == nil || m.Message == nil || m.Author == nil || m.Author.ID == "" || m.ChannelID == "" {
		return
	}
	if m.Author.Bot || m.Author.ID == d.botID {
		return
	}
	if m.GuildID != "" && (!d.allowed(m.ChannelID) || !mentions(m.Message, d.botID)) {
		return
	}
	msg := Message{
		ConversationID: "discord:" + m.ChannelID + ":" + m.Author.ID,
		UserID:         "discord:" + m.Author.ID,
		Text:           stripMention(m.Content, d.botID),
	}
	j, r, adm := d.admit(msg)
	switch adm {
	case stayQuiet:
		return
	case answerIt:
		go d.typing(s, m.ChannelID)
		r = d.answer(j)
	}
	ctx, cancel := d.sendCtx()
	defer cancel()
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
			d.log.Error("discord: send reply", "channel_id", m.ChannelID, "err", err)
			return
		}
	}
}

// typing shows "reportbot is typing…", best effort: it never waits out a
// rate limit.
func (d *discord) typing(s *discordgo.Session, channelID string) {
	ctx, cancel := context.WithTimeout(d.base, typingTimeout)
	defer cancel()
	if err := s.ChannelTyping(channelID, discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false)); err != nil {
		d.log.Debug("discord: typing", "channel_id", channelID, "err", err)
	}
}

// interaction handles slash commands and button presses.
func (d *discord) interaction(ic *discordgo.InteractionCreate) {
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
			d.command(i, user, data)
		}
	case discordgo.InteractionMessageComponent:
		if data, ok := i.Data.(discordgo.MessageComponentInteractionData); ok {
			d.component(i, data)
		}
	}
}

func (d *discord) command(i *discordgo.Interaction, user *discordgo.User, data discordgo.ApplicationCommandInteractionData) {
	if i.GuildID != "" && !d.allowed(i.ChannelID) {
		d.ephemeral(i, "这个频道没有启用本机器人。\nThe bot is not enabled in this channel.")
		return
	}
	cmd := Command(data.Name)
	switch cmd {
	case CmdHelp:
		d.ephemeral(i, helpText)
		return
	case CmdAsk, CmdFigure, CmdSection, CmdBrief, CmdSources:
	default:
		d.ephemeral(i, "未知命令 Unknown command: /"+data.Name)
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
	j, r, adm := d.admit(Message{
		ConversationID: "discord:" + i.ChannelID + ":" + user.ID,
		UserID:         "discord:" + user.ID,
		Text:           string(cmd) + " " + arg,
	})
	switch adm {
	case stayQuiet:
		return
	case replyNow:
		d.respondNow(i, r)
		return
	}
	// Acknowledge first, on the interaction session: nothing else may
	// delay this past Discord's 3 s window.
	ackCtx, cancelAck := context.WithTimeout(d.base, ackTimeout)
	err := d.ack.InteractionRespond(i, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
	}, discordgo.WithContext(ackCtx), discordgo.WithRetryOnRatelimit(false))
	cancelAck()
	if err != nil {
		d.log.Error("discord: acknowledge interaction", "command", data.Name, "err", err)
		return
	}
	r = d.answer(j)
	ctx, cancel := d.sendCtx()
	defer cancel()
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
	if _, err := d.ack.InteractionResponseEdit(i, edit, discordgo.WithContext(ctx)); err != nil {
		d.log.Error("discord: edit interaction response", "command", data.Name, "err", err)
		return
	}
	for _, o := range outs[1:] {
		p := &discordgo.WebhookParams{Content: o.content, Components: o.components, Files: o.files, AllowedMentions: noMentions()}
		if o.embed != nil {
			p.Embeds = []*discordgo.MessageEmbed{o.embed}
		}
		if _, err := d.ack.FollowupMessageCreate(i, true, p, discordgo.WithContext(ctx)); err != nil {
			d.log.Error("discord: follow-up", "command", data.Name, "err", err)
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

func (d *discord) component(i *discordgo.Interaction, data discordgo.MessageComponentInteractionData) {
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
			d.ephemeral(i, "这个按钮已失效。\nThis button no longer works.")
			return
		}
		key, page, update = k, n, true
	default:
		d.ephemeral(i, "这个按钮已失效。\nThis button no longer works.")
		return
	}
	cits, ok := d.answers.get(key)
	if !ok {
		d.ephemeral(i, "这条回答的来源已过期，请重新提问。\nThese sources have expired; please ask again.")
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
	d.respond(i, resp, "sources")
}

// respondNow answers an interaction at once, privately, with a reply that
// needed no answer (a usage hint, a notice, the sources).
func (d *discord) respondNow(i *discordgo.Interaction, r Reply) {
	o := d.outgoing(r)[0]
	data := &discordgo.InteractionResponseData{
		Content:         o.content,
		Flags:           discordgo.MessageFlagsEphemeral,
		Components:      o.components,
		AllowedMentions: noMentions(),
	}
	if o.embed != nil {
		data.Embeds = []*discordgo.MessageEmbed{o.embed}
	}
	if data.Components == nil {
		data.Components = []discordgo.MessageComponent{}
	}
	d.respond(i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: data}, string(r.Command))
}

// ephemeral answers an interaction at once with a message only its user
// sees.
func (d *discord) ephemeral(i *discordgo.Interaction, text string) {
	d.respond(i, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Content:         truncate(text, maxContent),
			Flags:           discordgo.MessageFlagsEphemeral,
			Components:      []discordgo.MessageComponent{},
			AllowedMentions: noMentions(),
		},
	}, "notice")
}

// respond sends an interaction response on the interaction session,
// within Discord's 3 s window.
func (d *discord) respond(i *discordgo.Interaction, resp *discordgo.InteractionResponse, what string) {
	ctx, cancel := context.WithTimeout(d.base, ackTimeout)
	defer cancel()
	if err := d.ack.InteractionRespond(i, resp, discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false)); err != nil {
		d.log.Error("discord: respond", "what", what, "err", err)
	}
}
