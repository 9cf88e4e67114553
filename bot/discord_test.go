package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/reportbot/reportbot/answer"
	"github.com/reportbot/reportbot/internal/fakediscord"
)

// testToken looks like a real token so that a leak would be obvious.
const testToken = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GsEcRt.never-log-this-token-7f3a9c"

// waitTimeout bounds every wait in these tests; nothing sleeps.
const waitTimeout = 15 * time.Second

// harness runs RunDiscord against a fake Discord.
type harness struct {
	t      *testing.T
	fake   *fakediscord.Server
	logs   *syncBuffer
	cancel context.CancelFunc
	done   chan error

	handledN atomic.Int64
	handledC chan struct{} // receives after each handler returns
}

// startDiscord starts the bot on a fresh fake and waits until its slash
// commands are registered, the last step of start-up. At cleanup it stops
// the bot, checks that RunDiscord returned nil and that no log line holds
// the token.
func startDiscord(t *testing.T, b *Bot, cfg DiscordConfig) *harness {
	t.Helper()
	return startDiscordOn(t, fakediscord.New(fakediscord.Options{Token: testToken}), b, cfg)
}

// startDiscordOn is startDiscord on a given fake, which it closes at
// cleanup.
func startDiscordOn(t *testing.T, fake *fakediscord.Server, b *Bot, cfg DiscordConfig) *harness {
	t.Helper()
	t.Cleanup(fake.Close)
	h := &harness{t: t, fake: fake, logs: &syncBuffer{}, done: make(chan error, 1), handledC: make(chan struct{}, 1024)}
	cfg.Token = testToken
	cfg.APIBase = fake.APIBase
	cfg.Logger = slog.New(slog.NewTextHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	cfg.handled = func() {
		h.handledN.Add(1)
		h.handledC <- struct{}{}
	}
	ctx, cancel := context.WithCancel(t.Context())
	h.cancel = cancel
	go func() { h.done <- RunDiscord(ctx, b, cfg) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-h.done:
			if err != nil {
				t.Errorf("RunDiscord returned %v after cancel, want nil", err)
			}
		case <-time.After(waitTimeout):
			t.Errorf("RunDiscord did not return within %v of cancel", waitTimeout)
		}
		if strings.Contains(h.logs.String(), testToken) || strings.Contains(h.logs.String(), "never-log-this") {
			t.Errorf("the token appears in the logs:\n%s", h.logs.String())
		}
	})
	ctx2 := h.ctx()
	select {
	case err := <-h.done:
		t.Fatalf("RunDiscord returned early: %v\nlogs:\n%s", err, h.logs.String())
	default:
	}
	if _, err := fake.WaitRequest(ctx2, fakediscord.HasPrefix("PUT", "/applications/")); err != nil {
		t.Fatalf("bot did not register its commands: %v\nlogs:\n%s", err, h.logs.String())
	}
	return h
}

// ctx returns a context bounded by waitTimeout.
func (h *harness) ctx() context.Context {
	ctx, cancel := context.WithTimeout(h.t.Context(), waitTimeout)
	h.t.Cleanup(cancel)
	return ctx
}

// waitHandled waits until n message or interaction handlers have returned.
func (h *harness) waitHandled(n int64) {
	h.t.Helper()
	ctx := h.ctx()
	for h.handledN.Load() < n {
		select {
		case <-h.handledC:
		case <-ctx.Done():
			h.t.Fatalf("%d of %d handlers returned before the deadline\nlogs:\n%s", h.handledN.Load(), n, h.logs.String())
		}
	}
}

// mention sends a guild message that mentions the bot.
func (h *harness) mention(channel, user, text string) string {
	h.t.Helper()
	id, err := h.fake.SendMessage(fakediscord.Message{
		ChannelID: channel, GuildID: "g1", AuthorID: user,
		Content: "<@" + h.fake.BotID + "> " + text, Mentions: []string{h.fake.BotID},
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return id
}

// replyTo waits for the bot's channel message that replies to msgID.
func (h *harness) replyTo(msgID string) wireMessage {
	h.t.Helper()
	r, err := h.fake.WaitRequest(h.ctx(), func(r fakediscord.Request) bool {
		if r.Method != "POST" || !strings.HasSuffix(r.Path, "/messages") || r.Status >= 300 {
			return false
		}
		var m wireMessage
		return json.Unmarshal(r.Body, &m) == nil && m.Reference != nil && m.Reference.MessageID == msgID
	})
	if err != nil {
		h.t.Fatalf("no reply to message %s: %v\nlogs:\n%s", msgID, err, h.logs.String())
	}
	var m wireMessage
	if err := r.JSON(&m); err != nil {
		h.t.Fatal(err)
	}
	return m
}

// wireMessage is what the bot posts, decoded independently of discordgo.
type wireMessage struct {
	Content   string `json:"content"`
	Embeds    []wireEmbed
	Reference *struct {
		MessageID string `json:"message_id"`
	} `json:"message_reference"`
	Components      []wireRow `json:"components"`
	Flags           int       `json:"flags"`
	AllowedMentions *struct {
		Parse []string `json:"parse"`
	} `json:"allowed_mentions"`
}

type wireEmbed struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Fields      []struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	} `json:"fields"`
	Footer *struct {
		Text string `json:"text"`
	} `json:"footer"`
}

type wireRow struct {
	Type       int `json:"type"`
	Components []struct {
		Type     int    `json:"type"`
		Label    string `json:"label"`
		CustomID string `json:"custom_id"`
		Disabled bool   `json:"disabled"`
	} `json:"components"`
}

type wireCallback struct {
	Type int         `json:"type"`
	Data wireMessage `json:"data"`
}

// button returns the custom_id of the button whose label contains label.
func (m wireMessage) button(label string) (string, bool) {
	for _, row := range m.Components {
		for _, c := range row.Components {
			if strings.Contains(c.Label, label) && !c.Disabled {
				return c.CustomID, true
			}
		}
	}
	return "", false
}

func answeringBot(opts ...Option) (*Bot, *[]answer.Request, *sync.Mutex) {
	var mu sync.Mutex
	var got []answer.Request
	return New(&stubAnswerer{AskFn: recordingAsk(&mu, &got)}, opts...), &got, &mu
}

func TestDiscordMentionGetsCitedAnswer(t *testing.T) {
	t.Parallel()
	b, got, mu := answeringBot()
	h := startDiscord(t, b, DiscordConfig{Guilds: []string{"g1"}})

	id := h.mention("c1", "u1", "2023年固定资产投资多少?")
	m := h.replyTo(id)
	if len(m.Embeds) != 1 {
		t.Fatalf("reply has %d embeds, want 1: %+v", len(m.Embeds), m)
	}
	e := m.Embeds[0]
	if !strings.Contains(e.Description, "93.86亿元[1]") {
		t.Errorf("embed description = %q, want the answer with its [1] marker", e.Description)
	}
	if len(e.Fields) != 1 || !strings.HasPrefix(e.Fields[0].Name, "[1] 一、2023年工作总结") || !strings.Contains(e.Fields[0].Value, "93.86亿元") {
		t.Errorf("embed fields = %+v, want one citation field for [1]", e.Fields)
	}
	if _, ok := m.button("来源 Sources"); !ok {
		t.Errorf("reply has no 来源 Sources button: %+v", m.Components)
	}
	if m.AllowedMentions == nil || len(m.AllowedMentions.Parse) != 0 {
		t.Errorf("allowed_mentions = %+v, want parse: [] so replies ping nobody", m.AllowedMentions)
	}
	mu.Lock()
	if len(*got) != 1 || (*got)[0].Question != "2023年固定资产投资多少?" {
		t.Errorf("answerer got %+v, want the question with the mention stripped", *got)
	}
	mu.Unlock()

	// Follow-up in the same channel by the same user carries history.
	h.replyTo(h.mention("c1", "u1", "比上年增长多少?"))
	mu.Lock()
	if n := len((*got)[1].History); n != 1 {
		t.Errorf("follow-up had %d history turns, want 1", n)
	}
	mu.Unlock()

	// Commands were registered in the guild, with the expected names.
	put, err := h.fake.WaitRequest(h.ctx(), fakediscord.Is("PUT", "/applications/"+h.fake.AppID+"/guilds/g1/commands"))
	if err != nil {
		t.Fatal(err)
	}
	var cmds []struct{ Name string }
	if err := put.JSON(&cmds); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range cmds {
		names = append(names, c.Name)
	}
	if want := []string{"ask", "figure", "section", "brief", "help"}; !slices.Equal(names, want) {
		t.Errorf("registered commands %v, want %v", names, want)
	}
	if a := put.Header.Get("Authorization"); a != "Bot "+testToken {
		t.Errorf("REST Authorization header is not the bot token")
	}
	var ident struct {
		Intents int `json:"intents"`
	}
	f, err := h.fake.WaitFrame(h.ctx(), func(f fakediscord.Frame) bool { return f.Dir == "in" && f.Op == 2 })
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(f.Data, &ident); err != nil {
		t.Fatal(err)
	}
	want := int(discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages | discordgo.IntentsMessageContent)
	if ident.Intents != want {
		t.Errorf("IDENTIFY intents = %d, want %d (guilds, guild messages, DMs, message content)", ident.Intents, want)
	}
}

func TestDiscordIgnoresWhatItShould(t *testing.T) {
	t.Parallel()
	b, got, mu := answeringBot()
	h := startDiscord(t, b, DiscordConfig{Channels: []string{"allowed"}})
	bot := h.fake.BotID
	msgs := []struct {
		name   string
		m      fakediscord.Message
		answer bool
	}{
		{"no mention in a guild", fakediscord.Message{ChannelID: "allowed", GuildID: "g", AuthorID: "u1", Content: "投资多少?"}, false},
		{"from a bot", fakediscord.Message{ChannelID: "allowed", GuildID: "g", AuthorID: "u2", Bot: true, Content: "<@" + bot + "> 投资?", Mentions: []string{bot}}, false},
		{"from itself", fakediscord.Message{ChannelID: "allowed", GuildID: "g", AuthorID: bot, Content: "<@" + bot + "> 投资?", Mentions: []string{bot}}, false},
		{"channel not allowed", fakediscord.Message{ChannelID: "other", GuildID: "g", AuthorID: "u1", Content: "<@" + bot + "> 投资?", Mentions: []string{bot}}, false},
		{"mention with nick syntax", fakediscord.Message{ChannelID: "allowed", GuildID: "g", AuthorID: "u1", Content: "<@!" + bot + "> 昵称提及?"}, true},
		{"direct message", fakediscord.Message{ChannelID: "dm1", AuthorID: "u3", Content: "私信提问?"}, true},
	}
	for _, tc := range msgs {
		if _, err := h.fake.SendMessage(tc.m); err != nil {
			t.Fatal(err)
		}
	}
	h.waitHandled(int64(len(msgs)))
	var want []string
	for _, tc := range msgs {
		if tc.answer {
			want = append(want, strings.TrimSpace(strings.TrimPrefix(tc.m.Content, "<@!"+bot+">")))
		}
	}
	mu.Lock()
	var asked []string
	for _, r := range *got {
		asked = append(asked, r.Question)
	}
	mu.Unlock()
	slices.Sort(asked)
	slices.Sort(want)
	if !slices.Equal(asked, want) {
		t.Errorf("answered %q, want only %q", asked, want)
	}
	posts := 0
	for _, r := range h.fake.Requests() {
		if r.Method == "POST" && strings.HasSuffix(r.Path, "/messages") {
			posts++
		}
	}
	if posts != len(want) {
		t.Errorf("bot posted %d messages, want %d", posts, len(want))
	}
}

func TestDiscordSlashAskDeferredThenEdited(t *testing.T) {
	t.Parallel()
	b, _, _ := answeringBot()
	h := startDiscord(t, b, DiscordConfig{})
	in, err := h.fake.SendCommand(fakediscord.Command{ChannelID: "c1", GuildID: "g1", UserID: "u1", Name: "ask",
		Options: map[string]string{"question": "2023年固定资产投资多少?"}})
	if err != nil {
		t.Fatal(err)
	}
	edit, err := h.fake.WaitRequest(h.ctx(), fakediscord.Is("PATCH", in.Original))
	if err != nil {
		t.Fatalf("no edit of the original response: %v\nlogs:\n%s", err, h.logs.String())
	}
	reqs := h.fake.Requests()
	iDefer := slices.IndexFunc(reqs, fakediscord.Is("POST", in.Callback))
	iEdit := slices.IndexFunc(reqs, fakediscord.Is("PATCH", in.Original))
	if iDefer < 0 || iDefer > iEdit {
		t.Fatalf("callback at %d, edit at %d: want the deferral first", iDefer, iEdit)
	}
	var cb wireCallback
	if err := reqs[iDefer].JSON(&cb); err != nil {
		t.Fatal(err)
	}
	if cb.Type != int(discordgo.InteractionResponseDeferredChannelMessageWithSource) {
		t.Errorf("callback type = %d, want %d (deferred)", cb.Type, discordgo.InteractionResponseDeferredChannelMessageWithSource)
	}
	var m wireMessage
	if err := edit.JSON(&m); err != nil {
		t.Fatal(err)
	}
	if len(m.Embeds) != 1 || !strings.Contains(m.Embeds[0].Description, "93.86亿元[1]") {
		t.Fatalf("edited response = %+v, want the answer embed", m)
	}
	if _, ok := m.button("来源 Sources"); !ok {
		t.Errorf("edited response has no sources button: %+v", m.Components)
	}

	// /help answers at once, ephemerally, without deferring.
	help, err := h.fake.SendCommand(fakediscord.Command{ChannelID: "c1", GuildID: "g1", UserID: "u1", Name: "help"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := h.fake.WaitRequest(h.ctx(), fakediscord.Is("POST", help.Callback))
	if err != nil {
		t.Fatal(err)
	}
	if err := r.JSON(&cb); err != nil {
		t.Fatal(err)
	}
	if cb.Type != 4 || cb.Data.Flags&64 == 0 || !strings.Contains(cb.Data.Content, "/figure") {
		t.Errorf("/help callback = %+v, want an ephemeral message with the help", cb)
	}
}

func TestDiscordSourcesButtonPages(t *testing.T) {
	t.Parallel()
	var cits []answer.Citation
	for i := range 30 {
		c := citInvest
		c.N = i + 1
		c.Text = strings.Repeat(citInvest.Text, 2)
		cits = append(cits, c)
	}
	b := New(&stubAnswerer{AskFn: func(_ context.Context, req answer.Request) (answer.Answer, error) {
		return answer.Answer{Question: req.Question, Text: "很多来源[1][2]。", Answerable: true, Citations: cits}, nil
	}})
	h := startDiscord(t, b, DiscordConfig{})
	in, err := h.fake.SendCommand(fakediscord.Command{ChannelID: "c1", GuildID: "g1", UserID: "u1", Name: "ask",
		Options: map[string]string{"question": "来源多吗?"}})
	if err != nil {
		t.Fatal(err)
	}
	edit, err := h.fake.WaitRequest(h.ctx(), fakediscord.Is("PATCH", in.Original))
	if err != nil {
		t.Fatal(err)
	}
	var m wireMessage
	if err := edit.JSON(&m); err != nil {
		t.Fatal(err)
	}
	id, ok := m.button("来源 Sources")
	if !ok {
		t.Fatalf("no sources button in %+v", m.Components)
	}

	press := func(customID string) wireCallback {
		t.Helper()
		in, err := h.fake.SendComponent(fakediscord.Component{ChannelID: "c1", GuildID: "g1", UserID: "u2", CustomID: customID})
		if err != nil {
			t.Fatal(err)
		}
		r, err := h.fake.WaitRequest(h.ctx(), fakediscord.Is("POST", in.Callback))
		if err != nil {
			t.Fatalf("pressing %q got no response: %v", customID, err)
		}
		var cb wireCallback
		if err := r.JSON(&cb); err != nil {
			t.Fatal(err)
		}
		return cb
	}
	first := press(id)
	if first.Type != 4 || first.Data.Flags&64 == 0 {
		t.Fatalf("sources button answered type %d flags %d, want an ephemeral message (4, 64)", first.Type, first.Data.Flags)
	}
	pages := len(sourcePages(cits))
	if want := fmt.Sprintf("来源 Sources（1/%d）", pages); len(first.Data.Embeds) != 1 || first.Data.Embeds[0].Title != want {
		t.Fatalf("first page embeds = %+v, want one titled %q", first.Data.Embeds, want)
	}
	if !strings.Contains(first.Data.Embeds[0].Description, "“"+cits[0].Text+"”") {
		t.Errorf("first page does not quote passage [1] in full")
	}
	next, ok := first.Data.button("下一页")
	if !ok {
		t.Fatalf("first page has no next button: %+v", first.Data.Components)
	}
	second := press(next)
	if second.Type != int(discordgo.InteractionResponseUpdateMessage) {
		t.Errorf("next page answered type %d, want %d (update the ephemeral message)", second.Type, discordgo.InteractionResponseUpdateMessage)
	}
	if want := fmt.Sprintf("来源 Sources（2/%d）", pages); len(second.Data.Embeds) != 1 || second.Data.Embeds[0].Title != want {
		t.Errorf("second page embeds = %+v, want one titled %q", second.Data.Embeds, want)
	}
	if _, ok := second.Data.button("上一页"); !ok {
		t.Errorf("second page has no previous button")
	}
	expired := press("src:unknown")
	if expired.Type != 4 || !strings.Contains(expired.Data.Content, "expired") {
		t.Errorf("unknown key answered %+v, want an ephemeral 'expired' notice", expired)
	}
}

func TestDiscordBriefAttachesMarkdown(t *testing.T) {
	t.Parallel()
	md := "# 交通简报\n\n" + strings.Repeat("轨道22号线观湖站土地整备。\n", 400)
	b := New(&fullStub{
		stubAnswerer: stubAnswerer{AskFn: func(context.Context, answer.Request) (answer.Answer, error) { return answer.Answer{}, nil }},
		BriefFn: func(context.Context, string) (string, string, error) {
			return "交通：推进轨道建设。", md, nil
		},
	})
	h := startDiscord(t, b, DiscordConfig{})
	in, err := h.fake.SendCommand(fakediscord.Command{ChannelID: "c1", UserID: "u1", Name: "brief", Options: map[string]string{"topic": "交通"}})
	if err != nil {
		t.Fatal(err)
	}
	edit, err := h.fake.WaitRequest(h.ctx(), fakediscord.Is("PATCH", in.Original))
	if err != nil {
		t.Fatalf("no brief: %v\nlogs:\n%s", err, h.logs.String())
	}
	if len(edit.Files) != 1 || edit.Files[0].Name != "brief.md" || string(edit.Files[0].Data) != md {
		t.Fatalf("brief edit files = %d %+v, want brief.md with the full markdown", len(edit.Files), edit.Files)
	}
	var m wireMessage
	if err := edit.JSON(&m); err != nil {
		t.Fatal(err)
	}
	if len(m.Embeds) != 1 || m.Embeds[0].Description != "交通：推进轨道建设。" {
		t.Errorf("brief embed = %+v, want the short version", m.Embeds)
	}
}

func TestDiscordBurstRateLimitedPerUser(t *testing.T) {
	t.Parallel()
	const users, perUser, allowed = 10, 5, 3
	b, got, mu := answeringBot(WithRateLimit(allowed, time.Minute))
	// The queue holds every allowed answer, so that on a loaded machine the
	// busy gate (TestDiscordOverloadGetsBusyReply) never turns one away: this test is about
	// the per-user limit.
	h := startDiscord(t, b, DiscordConfig{MaxQueued: users * allowed})
	h.fake.RateLimitOnce("POST", "/channels/burst/messages", 20*time.Millisecond)

	owner := map[string]string{} // message ID → user
	start := time.Now()
	for i := range users * perUser {
		user := fmt.Sprintf("u%d", i%users)
		owner[h.mention("burst", user, fmt.Sprintf("问题%d", i))] = user
	}
	h.waitHandled(users * perUser)
	// Each user: the allowed answers, then one notice, then silence.
	want := users * (allowed + 1)
	replies, err := h.fake.WaitRequests(h.ctx(), want, fakediscord.Is("POST", "/channels/burst/messages"))
	if err != nil {
		t.Fatalf("%v\nlogs:\n%s", err, h.logs.String())
	}
	latency := time.Since(start)
	t.Logf("%d questions from %d users handled in %v (%v per question)", users*perUser, users, latency, latency/time.Duration(users*perUser))

	answered, limited := map[string]int{}, map[string]int{}
	seen := map[string]bool{}
	for _, r := range replies {
		var m wireMessage
		if err := r.JSON(&m); err != nil {
			t.Fatal(err)
		}
		if m.Reference == nil || owner[m.Reference.MessageID] == "" || seen[m.Reference.MessageID] {
			t.Errorf("reply %+v does not answer a distinct question", m.Reference)
			continue
		}
		seen[m.Reference.MessageID] = true
		user := owner[m.Reference.MessageID]
		switch {
		case len(m.Embeds) == 1:
			answered[user]++
		case strings.Contains(m.Content, "Please slow down"):
			limited[user]++
		default:
			t.Errorf("reply is neither an answer nor the rate-limit notice: %+v", m)
		}
	}
	if len(replies) != want {
		t.Errorf("bot posted %d replies, want %d", len(replies), want)
	}
	for u := range users {
		user := fmt.Sprintf("u%d", u)
		if answered[user] != allowed || limited[user] != 1 {
			t.Errorf("user %s: %d answered, %d notices; want %d and 1", user, answered[user], limited[user], allowed)
		}
	}
	mu.Lock()
	if len(*got) != users*allowed {
		t.Errorf("answerer called %d times, want %d", len(*got), users*allowed)
	}
	mu.Unlock()
	n429 := 0
	for _, r := range h.fake.Requests() {
		if r.Status == http.StatusTooManyRequests {
			n429++
		}
	}
	if n429 != 1 {
		t.Errorf("fake answered 429 %d times, want 1 (discordgo should have retried)", n429)
	}
}

func TestDiscordResumesAfterDisconnect(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		disrupt func(*fakediscord.Server) error
	}{
		{"dropped connection", (*fakediscord.Server).Drop},
		{"op 7 reconnect", (*fakediscord.Server).Reconnect},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b, _, _ := answeringBot()
			h := startDiscord(t, b, DiscordConfig{})
			h.replyTo(h.mention("c1", "u1", "断线前?"))
			if err := tc.disrupt(h.fake); err != nil {
				t.Fatal(err)
			}
			// Sent while the bot is away: the fake replays it on RESUME.
			during := h.mention("c1", "u1", "断线期间?")
			if err := h.fake.Wait(h.ctx(), func() bool { return h.fake.Count(6) >= 1 && h.fake.Ready() }); err != nil {
				t.Fatalf("bot did not resume: %v\nlogs:\n%s", err, h.logs.String())
			}
			if n := h.fake.Count(2); n != 1 {
				t.Errorf("bot identified %d times, want 1 (it should resume, not re-identify)", n)
			}
			h.replyTo(during)
			h.replyTo(h.mention("c1", "u1", "恢复后?"))
			// discordgo runs the RESUMED handler on its own goroutine: the
			// log line may follow the replies.
			if !eventually(func() bool { return strings.Contains(h.logs.String(), "discord: resumed") }) {
				t.Errorf("logs do not record the resume:\n%s", h.logs.String())
			}
		})
	}
}

func TestDiscordSurvivesMalformedEventsAndPanics(t *testing.T) {
	t.Parallel()
	b := New(&stubAnswerer{AskFn: func(_ context.Context, req answer.Request) (answer.Answer, error) {
		if req.Question == "panic" {
			panic("answerer bug")
		}
		return investAnswer(req.Question), nil
	}})
	h := startDiscord(t, b, DiscordConfig{})
	raw := []string{
		`not json at all`,
		`{"op":0,"s":`,
	}
	for _, r := range raw {
		if err := h.fake.SendRaw([]byte(r)); err != nil {
			t.Fatal(err)
		}
	}
	events := []struct{ t, d string }{
		{"MESSAGE_CREATE", `{"id": 5, "author": "nobody", "content": 7}`},
		{"MESSAGE_CREATE", `{}`},
		{"MESSAGE_CREATE", `null`},
		{"INTERACTION_CREATE", `{"id": "1", "token": "t", "type": 2, "data": 5}`},
		{"INTERACTION_CREATE", `{"id": "2", "token": "t", "type": 3, "data": {"custom_id": "src:x"}}`},
		{"INTERACTION_CREATE", `{"id": "3", "token": "t", "type": 2, "member": {"user": {"id": "u"}}}`},
		{"INTERACTION_CREATE", `{}`},
		{"SOMETHING_NEW", `{"x": 1}`},
	}
	for _, e := range events {
		if _, err := h.fake.Dispatch(e.t, json.RawMessage(e.d)); err != nil {
			t.Fatal(err)
		}
	}
	h.replyTo(h.mention("c1", "u1", "panic"))
	h.replyTo(h.mention("c1", "u1", "还活着吗?"))
	if !eventually(func() bool { return strings.Contains(h.logs.String(), "discord: handler panic") }) {
		t.Errorf("the answerer's panic was not logged:\n%s", h.logs.String())
	}
}

func TestDiscordGracefulShutdownWaitsForAnswers(t *testing.T) {
	t.Parallel()
	entered := make(chan struct{})
	release := make(chan struct{})
	b := New(&stubAnswerer{AskFn: func(_ context.Context, req answer.Request) (answer.Answer, error) {
		close(entered)
		<-release
		return investAnswer(req.Question), nil
	}})
	h := startDiscord(t, b, DiscordConfig{})
	id := h.mention("c1", "u1", "慢问题?")
	select {
	case <-entered:
	case <-h.ctx().Done():
		t.Fatal("answerer never called")
	}
	h.cancel()
	close(release)
	select {
	case err := <-h.done:
		h.done <- err // for the cleanup check
	case <-h.ctx().Done():
		t.Fatal("RunDiscord did not return after cancel")
	}
	// RunDiscord has returned, so the reply must already be recorded.
	found := slices.ContainsFunc(h.fake.Requests(), func(r fakediscord.Request) bool {
		var m wireMessage
		return r.Method == "POST" && json.Unmarshal(r.Body, &m) == nil && m.Reference != nil && m.Reference.MessageID == id
	})
	if !found {
		t.Errorf("the answer in flight at shutdown was not sent\nlogs:\n%s", h.logs.String())
	}
}

func TestDiscordShutdownCancelsSlowAnswers(t *testing.T) {
	t.Parallel()
	entered := make(chan struct{})
	var sawCancel atomic.Bool
	b := New(&stubAnswerer{AskFn: func(ctx context.Context, _ answer.Request) (answer.Answer, error) {
		close(entered)
		<-ctx.Done()
		sawCancel.Store(true)
		return answer.Answer{}, ctx.Err()
	}})
	h := startDiscord(t, b, DiscordConfig{ShutdownTimeout: 50 * time.Millisecond})
	h.mention("c1", "u1", "永远答不完?")
	select {
	case <-entered:
	case <-h.ctx().Done():
		t.Fatal("answerer never called")
	}
	h.cancel()
	select {
	case err := <-h.done:
		h.done <- err
	case <-h.ctx().Done():
		t.Fatal("RunDiscord did not return after cancel")
	}
	if !sawCancel.Load() {
		t.Errorf("the slow answer's ctx was not cancelled at shutdown")
	}
}

func TestDiscordChannelAllowlistForCommands(t *testing.T) {
	t.Parallel()
	b, got, mu := answeringBot()
	h := startDiscord(t, b, DiscordConfig{Channels: []string{"allowed"}})
	in, err := h.fake.SendCommand(fakediscord.Command{ChannelID: "other", GuildID: "g1", UserID: "u1", Name: "ask", Options: map[string]string{"question": "投资?"}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := h.fake.WaitRequest(h.ctx(), fakediscord.Is("POST", in.Callback))
	if err != nil {
		t.Fatal(err)
	}
	var cb wireCallback
	if err := r.JSON(&cb); err != nil {
		t.Fatal(err)
	}
	if cb.Type != 4 || cb.Data.Flags&64 == 0 || !strings.Contains(cb.Data.Content, "not enabled") {
		t.Errorf("command in a channel outside the allowlist answered %+v, want an ephemeral notice", cb)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(*got) != 0 {
		t.Errorf("answerer was called for a channel outside the allowlist")
	}
}

func TestDiscordBadTokenIsNotLeaked(t *testing.T) {
	t.Parallel()
	fake := fakediscord.New(fakediscord.Options{Token: "the-right-token"})
	t.Cleanup(fake.Close)
	var logs syncBuffer
	ctx, cancel := context.WithTimeout(t.Context(), waitTimeout)
	defer cancel()
	err := RunDiscord(ctx, New(&stubAnswerer{}), DiscordConfig{
		Token:   "Bot " + testToken,
		APIBase: fake.APIBase,
		Logger:  slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	})
	if err == nil {
		t.Fatal("RunDiscord with a rejected token returned nil")
	}
	if strings.Contains(err.Error(), testToken) || strings.Contains(logs.String(), testToken) {
		t.Errorf("the token leaked: error %q, logs %q", err, logs.String())
	}
	var rest *discordgo.RESTError
	if !errors.As(err, &rest) || rest.Response.StatusCode != http.StatusUnauthorized {
		t.Errorf("RunDiscord error = %v, want it to wrap a 401 *discordgo.RESTError", err)
	}
	if slices.ContainsFunc(fake.Requests(), fakediscord.Is("GET", "/gateway")) || fake.Connections() > 0 {
		t.Errorf("bot went on to the gateway with a rejected token")
	}
}

func TestDiscordNoToken(t *testing.T) {
	t.Parallel()
	for _, tok := range []string{"", "   ", "Bot "} {
		err := RunDiscord(t.Context(), New(&stubAnswerer{}), DiscordConfig{Token: tok})
		if !errors.Is(err, ErrNoToken) {
			t.Errorf("RunDiscord(Token %q) = %v, want ErrNoToken", tok, err)
			continue
		}
		if msg := err.Error(); strings.Contains(msg, "\n") || !strings.Contains(msg, "export DISCORD_TOKEN") {
			t.Errorf("no-token error %q is not one line saying what to do", msg)
		}
	}
}

func TestDiscordBadAPIBase(t *testing.T) {
	t.Parallel()
	err := RunDiscord(t.Context(), New(&stubAnswerer{}), DiscordConfig{Token: testToken, APIBase: "127.0.0.1:1234"})
	if err == nil || !strings.Contains(err.Error(), "APIBase") || strings.Contains(err.Error(), testToken) {
		t.Errorf("RunDiscord with APIBase without scheme = %v, want an APIBase error", err)
	}
}

// roundTripFunc records requests for the rewrite tests.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestRewriteTransport(t *testing.T) {
	t.Parallel()
	tests := []struct {
		base, in, want string
	}{
		{"http://127.0.0.1:1234/api/v10/", "https://discord.com/api/v9/channels/1/messages", "http://127.0.0.1:1234/api/v10/channels/1/messages"},
		{"http://127.0.0.1:1234/api/v10", "https://discord.com/api/v9/gateway", "http://127.0.0.1:1234/api/v10/gateway"},
		{"https://proxy.example/discord/", "https://discord.com/api/v9/users/@me", "https://proxy.example/discord/users/@me"},
		{"https://proxy.example/x/", "https://discord.com/api/v9/webhooks/1/a%2Fb/messages/@original?wait=true", "https://proxy.example/x/webhooks/1/a%2Fb/messages/@original?wait=true"},
		{"https://proxy.example/x/", "https://discord.com/api/gateway", "https://proxy.example/x/gateway"},
		{"https://proxy.example/x/", "https://cdn.discordapp.com/avatars/1.png", "https://cdn.discordapp.com/avatars/1.png"},
	}
	for _, tc := range tests {
		var got string
		c, err := discordHTTPClient(&http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			got = r.URL.String()
			return &http.Response{StatusCode: 204, Body: io.NopCloser(strings.NewReader("")), Request: r}, nil
		})}, tc.base, newRedactor(testToken, tc.base))
		if err != nil {
			t.Fatalf("discordHTTPClient(%q): %v", tc.base, err)
		}
		u, _ := url.Parse(tc.in)
		resp, err := c.Do(&http.Request{Method: "GET", URL: u, Header: http.Header{}})
		if err != nil {
			t.Fatalf("GET %s: %v", tc.in, err)
		}
		resp.Body.Close()
		if got != tc.want {
			t.Errorf("base %s: %s went to %s, want %s", tc.base, tc.in, got, tc.want)
		}
	}
}

func TestRedactHandler(t *testing.T) {
	t.Parallel()
	var buf syncBuffer
	rd := newRedactor("s3cret", "")
	l := slog.New(redactHandler{h: slog.NewTextHandler(&buf, nil), r: rd})
	l = l.With("with", "x s3cret").WithGroup("g")
	l.Info("msg s3cret", "str", "s3cret", "err", errors.New("bad s3cret"),
		slog.Group("grp", "inner", "s3cret"), "any", []string{"s3cret"}, "n", 5)
	if out := buf.String(); strings.Contains(out, "s3cret") || !strings.Contains(out, "[redacted]") {
		t.Errorf("redacted log = %s", out)
	}
	err := rd.error(fmt.Errorf("wrap: %w", &discordgo.RESTError{Response: &http.Response{Status: "401"}, ResponseBody: []byte("s3cret")}))
	var rest *discordgo.RESTError
	if strings.Contains(err.Error(), "s3cret") || !errors.As(err, &rest) {
		t.Errorf("redact = %q (As RESTError %v), want the secret hidden and the chain kept", err, rest != nil)
	}
}

// eventually polls cond until it holds or a few seconds pass: for what
// another goroutine does without telling the fake (a log line).
func eventually(cond func() bool) bool {
	deadline := time.Now().Add(eventuallyTimeout)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(10 * time.Millisecond)
	}
	return true
}

// eventuallyTimeout bounds eventually.
const eventuallyTimeout = 5 * time.Second
