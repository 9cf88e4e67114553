package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"os"
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

// The tests in this file are the issues' reproductions: a slow answerer,
// a REST rate limit next to an interaction, a flood from one user, an
// overload, a flapping gateway, shutdown under drops and a token that must
// never leak. All run through discordgo against fakediscord.

// slowAsk returns an AskFn that takes slow unless its ctx ends first, and
// then does what onExpiry says. stop ends every pending call (for the
// test's cleanup).
func slowAsk(slow time.Duration, stop <-chan struct{}, onExpiry func(ctx context.Context, q string) (answer.Answer, error)) func(context.Context, answer.Request) (answer.Answer, error) {
	return func(ctx context.Context, req answer.Request) (answer.Answer, error) {
		t := time.NewTimer(slow)
		defer t.Stop()
		select {
		case <-t.C:
		case <-stop:
		case <-ctx.Done():
			return onExpiry(ctx, req.Question)
		}
		return investAnswer(req.Question), nil
	}
}

func fallbackOnExpiry(_ context.Context, q string) (answer.Answer, error) {
	a := investAnswer(q)
	a.Mode = answer.ModeFallback
	a.Note = "the LLM timed out; showing the extractive answer"
	return a, nil
}

func errorOnExpiry(ctx context.Context, _ string) (answer.Answer, error) {
	return answer.Answer{}, fmt.Errorf("llm: %w", ctx.Err())
}

// Issue: with the LLM slower than the handler's deadline, the fallback was
// built but its send reused the expired ctx, and Discord stayed silent.
func TestDiscordSlowAnswerStillGetsAReply(t *testing.T) {
	t.Parallel()
	const deadline, grace, slow = 300 * time.Millisecond, 200 * time.Millisecond, 2 * time.Second
	stop := make(chan struct{})
	behaviours := map[string]func(context.Context, answer.Request) (answer.Answer, error){
		// an engine that returns its extractive answer when the LLM's time is up
		"fallback": slowAsk(slow, stop, fallbackOnExpiry),
		// one that gives up with ctx's error
		"error": slowAsk(slow, stop, errorOnExpiry),
		// one that ignores its ctx altogether
		"ignore": func(_ context.Context, req answer.Request) (answer.Answer, error) {
			return slowAsk(slow, stop, nil)(context.Background(), req)
		},
	}
	want := map[string]string{"fallback": "the LLM timed out", "error": "took too long", "ignore": "took too long"}
	b := New(&stubAnswerer{AskFn: func(ctx context.Context, req answer.Request) (answer.Answer, error) {
		kind, _, _ := strings.Cut(req.Question, " ")
		return behaviours[kind](ctx, req)
	}})
	h := startDiscord(t, b, DiscordConfig{AnswerTimeout: deadline, answerGrace: grace})
	t.Cleanup(func() { close(stop) }) // runs before the bot's shutdown

	type pending struct {
		kind, via string
		sent      time.Time
		match     func(fakediscord.Request) bool
	}
	var all []pending
	for kind := range behaviours {
		q := kind + " 慢问题?"
		sent := time.Now()
		id := h.mention("c-"+kind, "u-"+kind, q)
		all = append(all, pending{kind, "mention", sent, func(r fakediscord.Request) bool {
			var m wireMessage
			return r.Method == "POST" && r.Status < 300 && json.Unmarshal(r.Body, &m) == nil && m.Reference != nil && m.Reference.MessageID == id
		}})
		sent = time.Now()
		in, err := h.fake.SendCommand(fakediscord.Command{ChannelID: "s-" + kind, GuildID: "g1", UserID: "v-" + kind, Name: "ask",
			Options: map[string]string{"question": q}})
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, pending{kind, "slash", sent, fakediscord.Is("PATCH", in.Original)})
	}
	for _, p := range all {
		r, err := h.fake.WaitRequest(h.ctx(), p.match)
		if err != nil {
			t.Errorf("%s via %s: no reply: %v\nlogs:\n%s", p.kind, p.via, err, h.logs.String())
			continue
		}
		var m wireMessage
		if err := r.JSON(&m); err != nil {
			t.Fatal(err)
		}
		text := m.Content
		for _, e := range m.Embeds {
			text += e.Description
		}
		if !strings.Contains(text, want[p.kind]) {
			t.Errorf("%s via %s: reply = %q, want it to contain %q", p.kind, p.via, text, want[p.kind])
		}
		if took := r.At.Sub(p.sent); took >= slow {
			t.Errorf("%s via %s: reply took %v, want it before the answerer's %v", p.kind, p.via, took, slow)
		} else {
			t.Logf("answerer that %s (needs %v, deadline %v), via %s: replied after %v", map[string]string{
				"fallback": "falls back", "error": "returns ctx's error", "ignore": "ignores its ctx"}[p.kind],
				slow, deadline, p.via, took.Round(time.Millisecond))
		}
	}
}

// The real numbers of the issue: an LLM that takes 75 s, default
// deadlines. Opt in with REPORTBOT_SLOW_LLM=1; it takes about 45 s.
func TestDiscordSlowLLMRealDeadlines(t *testing.T) {
	if os.Getenv("REPORTBOT_SLOW_LLM") == "" {
		t.Skip("set REPORTBOT_SLOW_LLM=1 to run the 75 s LLM with the default deadlines (about 45 s)")
	}
	t.Parallel()
	stop := make(chan struct{})
	b := New(&stubAnswerer{AskFn: slowAsk(75*time.Second, stop, fallbackOnExpiry)})
	h := startDiscord(t, b, DiscordConfig{})
	t.Cleanup(func() { close(stop) })
	ctx, cancel := context.WithTimeout(t.Context(), 90*time.Second)
	defer cancel()
	sent := time.Now()
	id := h.mention("c1", "u1", "慢问题?")
	r, err := h.fake.WaitRequest(ctx, func(r fakediscord.Request) bool {
		var m wireMessage
		return r.Method == "POST" && r.Status < 300 && json.Unmarshal(r.Body, &m) == nil && m.Reference != nil && m.Reference.MessageID == id
	})
	if err != nil {
		t.Fatalf("no reply with a 75 s LLM: %v", err)
	}
	if !strings.Contains(string(r.Body), "the LLM timed out") {
		t.Errorf("reply %s is not the fallback", r.Body)
	}
	t.Logf("replied after %v with the fallback", r.At.Sub(sent).Round(time.Millisecond))
}

// Issue: a REST 429 with a 4 s Retry-After on another route delayed the
// interaction's acknowledgement past Discord's 3 s window.
func TestDiscordAckNotDelayedByRateLimit(t *testing.T) {
	t.Parallel()
	b, _, _ := answeringBot()
	h := startDiscord(t, b, DiscordConfig{})
	h.fake.RateLimit(fakediscord.RateLimitRule{Method: "POST", Prefix: "/channels/busy/messages", RetryAfter: 4 * time.Second, Global: true})
	id := h.mention("busy", "u1", "投资?")
	if _, err := h.fake.WaitRequest(h.ctx(), func(r fakediscord.Request) bool { return r.Status == http.StatusTooManyRequests }); err != nil {
		t.Fatal(err)
	}
	sent := time.Now()
	in, err := h.fake.SendCommand(fakediscord.Command{ChannelID: "c1", GuildID: "g1", UserID: "u2", Name: "ask",
		Options: map[string]string{"question": "2023年固定资产投资多少?"}})
	if err != nil {
		t.Fatal(err)
	}
	cb, err := h.fake.WaitRequest(h.ctx(), fakediscord.Is("POST", in.Callback))
	if err != nil {
		t.Fatalf("no acknowledgement: %v\nlogs:\n%s", err, h.logs.String())
	}
	edit, err := h.fake.WaitRequest(h.ctx(), fakediscord.Is("PATCH", in.Original))
	if err != nil {
		t.Fatalf("no answer: %v\nlogs:\n%s", err, h.logs.String())
	}
	ack, done := cb.At.Sub(sent), edit.At.Sub(sent)
	if ack >= 2*time.Second { // about 5 ms when the machine is idle
		t.Errorf("acknowledged after %v behind a global 4 s rate limit, want well within Discord's 3 s", ack)
	}
	if done >= 3*time.Second {
		t.Errorf("answered after %v behind a global 4 s rate limit on another route", done)
	}
	t.Logf("while a global 4 s rate limit held other routes: ack after %v, answer after %v", ack.Round(time.Millisecond), done.Round(time.Millisecond))
	h.replyTo(id) // the limited reply still goes out once the limit has passed
}

// Issue: 100 messages from one user gave 95 "slow down" replies.
func TestDiscordFloodGetsOneNotice(t *testing.T) {
	t.Parallel()
	const flood, allowed = 100, 5
	b, got, mu := answeringBot(WithRateLimit(allowed, time.Minute))
	h := startDiscord(t, b, DiscordConfig{})
	for i := range flood {
		h.mention("flood", "abuser", fmt.Sprintf("问题%d", i))
	}
	const slash = 20
	for range slash {
		if _, err := h.fake.SendCommand(fakediscord.Command{ChannelID: "c2", GuildID: "g1", UserID: "abuser2", Name: "ask",
			Options: map[string]string{"question": "投资?"}}); err != nil {
			t.Fatal(err)
		}
	}
	h.waitHandled(flood + slash)
	var answers, notices, posts, deferred, ephemeral int
	for _, r := range h.fake.Requests() {
		switch {
		case r.Method == "POST" && r.Path == "/channels/flood/messages":
			posts++
			var m wireMessage
			if err := r.JSON(&m); err != nil {
				t.Fatal(err)
			}
			if len(m.Embeds) == 1 {
				answers++
			} else if strings.Contains(m.Content, "Please slow down") {
				notices++
			}
		case r.Method == "POST" && strings.HasSuffix(r.Path, "/callback"):
			var cb wireCallback
			if err := r.JSON(&cb); err != nil {
				t.Fatal(err)
			}
			switch {
			case cb.Type == int(discordgo.InteractionResponseDeferredChannelMessageWithSource):
				deferred++
			case cb.Data.Flags&64 != 0 && strings.Contains(cb.Data.Content, "Please slow down"):
				ephemeral++
			}
		}
	}
	if answers != allowed || notices != 1 || posts != allowed+1 {
		t.Errorf("%d mentions from one user: %d answers, %d notices, %d posts; want %d, 1, %d", flood, answers, notices, posts, allowed, allowed+1)
	}
	if deferred != allowed || ephemeral != 1 {
		t.Errorf("%d /ask from one user: %d answered, %d private notices; want %d and 1", slash, deferred, ephemeral, allowed)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(*got) != 2*allowed {
		t.Errorf("answerer called %d times, want %d", len(*got), 2*allowed)
	}
	t.Logf("%d mentions: %d answers + %d notice, %d ignored; %d /ask: %d answers + %d private notice",
		flood, answers, notices, flood-posts, slash, deferred, ephemeral)
}

// Issue: 205 questions at once ran 205 answers at once.
func TestDiscordOverloadGetsBusyReply(t *testing.T) {
	t.Parallel()
	const n, inFlight, queued = 205, 4, 8
	var running, peak atomic.Int64
	release := make(chan struct{})
	b := New(&stubAnswerer{AskFn: func(ctx context.Context, req answer.Request) (answer.Answer, error) {
		cur := running.Add(1)
		defer running.Add(-1)
		for p := peak.Load(); cur > p && !peak.CompareAndSwap(p, cur); p = peak.Load() {
		}
		select {
		case <-release:
		case <-ctx.Done():
		}
		return investAnswer(req.Question), nil
	}})
	h := startDiscord(t, b, DiscordConfig{MaxInFlight: inFlight, MaxQueued: queued})
	for i := range n {
		h.mention("c1", fmt.Sprintf("u%d", i), "问题?")
	}
	isBusy := func(r fakediscord.Request) bool {
		return r.Method == "POST" && r.Status < 300 && strings.Contains(string(r.Body), "answering many questions")
	}
	if _, err := h.fake.WaitRequests(h.ctx(), n-inFlight-queued, isBusy); err != nil {
		t.Fatalf("%v\nlogs:\n%s", err, h.logs.String())
	}
	close(release)
	h.waitHandled(n)
	var answers, busyN int
	for _, r := range h.fake.Requests() {
		switch {
		case isBusy(r):
			busyN++
		case r.Method == "POST" && r.Path == "/channels/c1/messages" && strings.Contains(string(r.Body), "93.86亿元"):
			answers++
		}
	}
	if answers != inFlight+queued || busyN != n-inFlight-queued {
		t.Errorf("%d at once: %d answered, %d busy; want %d and %d", n, answers, busyN, inFlight+queued, n-inFlight-queued)
	}
	if p := peak.Load(); p > inFlight {
		t.Errorf("%d answers ran at once, want at most %d", p, inFlight)
	}
	t.Logf("%d questions at once: at most %d answers ran at once, %d answered, %d got the busy reply", n, peak.Load(), answers, busyN)
}

// Issue: after 15 dropped connections the session still reconnected about
// once a second. Set REPORTBOT_LONG=1 for all 15 drops (each drop costs
// about a second in discordgo's Close).
func TestDiscordReconnectBacksOff(t *testing.T) {
	t.Parallel()
	drops := 5
	if os.Getenv("REPORTBOT_LONG") != "" {
		drops = 15
	}
	var mu sync.Mutex
	var delays []time.Duration
	b, _, _ := answeringBot()
	h := startDiscord(t, b, DiscordConfig{reconnect: backoff{sleep: func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		delays = append(delays, d)
		mu.Unlock()
		return ctx.Err() // record the delay; don't wait it out
	}}})
	for i := range drops {
		if err := h.fake.Wait(h.ctx(), h.fake.Ready); err != nil {
			t.Fatal(err)
		}
		if err := h.fake.Drop(); err != nil {
			t.Fatal(err)
		}
		if err := h.fake.Wait(h.ctx(), func() bool { return h.fake.Count(6) >= i+1 && h.fake.Ready() }); err != nil {
			t.Fatalf("no resume after drop %d: %v\nlogs:\n%s", i+1, err, h.logs.String())
		}
	}
	h.replyTo(h.mention("c1", "u1", "还在吗?"))
	mu.Lock()
	defer mu.Unlock()
	// A drop is sometimes reported twice, and discordgo's heartbeat can
	// close the fresh connection of an old one; either costs one more
	// reconnect, with the next delay.
	if len(delays) < drops || len(delays) > 2*drops {
		t.Fatalf("%d reconnect delays for %d drops: %v\nlogs:\n%s", len(delays), drops, delays, h.logs.String())
	}
	for i, d := range delays {
		full := min(reconnectMin<<i, reconnectMax)
		if d < full/2 || d > full {
			t.Errorf("delay before reconnect %d = %v, want between %v and %v", i+1, d, full/2, full)
		}
	}
	if n := h.fake.Count(2); n != 1 {
		t.Errorf("identified %d times, want 1 (resume after each drop)", n)
	}
	var sum time.Duration
	for _, d := range delays {
		sum += d
	}
	t.Logf("%d drops: reconnect delays %v (total %v; discordgo alone reconnects after each in about 1 s)", drops, delays, sum.Round(time.Second))
}

// Issue: shutdown hung in a third of runs with a flapping gateway. Each
// run drops or stalls the gateway in a different way and cancels; all
// must return within the documented bound.
func TestDiscordShutdownIsBounded(t *testing.T) {
	t.Parallel()
	const runs = 20
	const grace = 200 * time.Millisecond
	bound := grace + 2*cancelWait + closeWait + cancelWait
	var mu sync.Mutex
	var worst time.Duration
	t.Cleanup(func() {
		t.Logf("%d shutdowns with drops: slowest %v (bound %v)", runs, worst.Round(time.Millisecond), bound)
	})
	// The runs share one test and run at once: each spends about a second
	// in discordgo's Close, and test parallelism is only GOMAXPROCS.
	var wg sync.WaitGroup
	for i := range runs {
		wg.Go(func() { shutdownRun(t, i, grace, bound, &mu, &worst) })
	}
	wg.Wait()
}

// shutdownRun is one run of TestDiscordShutdownIsBounded. It reports with
// t.Errorf only: it runs in its own goroutine.
func shutdownRun(t *testing.T, i int, grace, bound time.Duration, mu *sync.Mutex, worst *time.Duration) {
	fake := fakediscord.New(fakediscord.Options{Token: testToken})
	defer fake.Close()
	stop := make(chan struct{})
	defer close(stop)
	b := New(&stubAnswerer{AskFn: slowAsk(time.Hour, stop, errorOnExpiry)})
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- RunDiscord(ctx, b, DiscordConfig{Token: testToken, APIBase: fake.APIBase, ShutdownTimeout: grace,
			reconnect: backoff{min: 10 * time.Millisecond, max: 40 * time.Millisecond}})
	}()
	wctx, wcancel := context.WithTimeout(t.Context(), waitTimeout)
	defer wcancel()
	if _, err := fake.WaitRequest(wctx, fakediscord.HasPrefix("PUT", "/applications/")); err != nil {
		t.Errorf("run %d: %v", i, err)
		cancel()
		<-done
		return
	}
	drop := func() {
		if err := fake.Drop(); err != nil && !errors.Is(err, fakediscord.ErrNotConnected) {
			t.Errorf("run %d: drop: %v", i, err)
		}
	}
	var what string
	switch i % 5 {
	case 0:
		what = "cancel right after a drop, while discordgo closes"
		drop()
	case 1:
		what = "drop twice, cancel while reconnecting"
		drop()
		_ = fake.Wait(wctx, func() bool { return fake.Count(6) >= 1 && fake.Ready() })
		drop()
	case 2:
		what = "a reconnect that hangs: the gateway accepts and says nothing"
		fake.Stall(true)
		drop()
		_ = fake.Wait(wctx, func() bool { return fake.Connections() >= 2 })
	case 3:
		what = "an answer in flight that outlives the grace period, and a drop"
		_, _ = fake.SendMessage(fakediscord.Message{ChannelID: "c1", AuthorID: "u1", Content: "慢?"})
		_ = fake.Wait(wctx, func() bool {
			return slices.ContainsFunc(fake.Requests(), fakediscord.HasPrefix("POST", "/channels/c1/typing"))
		})
		drop()
	case 4:
		what = "cancel while connected"
	}
	start := time.Now()
	cancel()
	select {
	case err := <-done:
		took := time.Since(start)
		if err != nil {
			t.Errorf("run %d (%s): RunDiscord = %v after cancel, want nil", i, what, err)
		}
		if took > bound {
			t.Errorf("run %d (%s): shutdown took %v, want at most %v", i, what, took, bound)
		}
		mu.Lock()
		*worst = max(*worst, took)
		mu.Unlock()
	case <-time.After(bound + 5*time.Second):
		t.Errorf("run %d (%s): RunDiscord did not return within %v of cancel", i, what, bound+5*time.Second)
		return
	}
	if err := fake.Wait(wctx, func() bool { return fake.Live() == 0 }); err != nil {
		t.Errorf("run %d (%s): a gateway connection stayed open after RunDiscord returned: %v", i, what, err)
	}
}

// Issue: the token could reach errors, logs and replies; a server that
// echoes the Authorization header in error bodies must not get it
// through. With APIBase set, errors name APIBase.
func TestDiscordTokenNeverLeaks(t *testing.T) {
	t.Parallel()
	leak := func(where, s string) {
		t.Helper()
		if strings.Contains(s, testToken) || strings.Contains(s, "never-log-this") {
			t.Errorf("the token appears in %s: %s", where, s)
		}
	}
	t.Run("rejected token, server echoes it", func(t *testing.T) {
		t.Parallel()
		fake := fakediscord.New(fakediscord.Options{Token: "the-right-token", EchoAuth: true})
		t.Cleanup(fake.Close)
		var logs syncBuffer
		err := RunDiscord(t.Context(), New(&stubAnswerer{}), DiscordConfig{
			Token: testToken, APIBase: fake.APIBase,
			Logger: slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		})
		if err == nil {
			t.Fatal("RunDiscord with a rejected token returned nil")
		}
		if r := fake.Requests(); len(r) == 0 || r[0].Status != http.StatusUnauthorized {
			t.Fatalf("fake saw %+v, want a 401", fake.Requests())
		}
		leak("the error", err.Error())
		leak("the logs", logs.String())
		if !strings.Contains(err.Error(), "[redacted]") {
			t.Errorf("error %q does not show that the echo was cleaned", err)
		}
		var rest *discordgo.RESTError
		if !errors.As(err, &rest) {
			t.Fatalf("error %v does not wrap a *discordgo.RESTError", err)
		}
		leak("RESTError.ResponseBody", string(rest.ResponseBody))
		if rest.Request != nil {
			leak("RESTError.Request headers", fmt.Sprint(rest.Request.Header))
		}
	})
	t.Run("APIBase is named", func(t *testing.T) {
		t.Parallel()
		base := "http://127.0.0.1:1/api/v10/" // nothing listens on port 1
		err := RunDiscord(t.Context(), New(&stubAnswerer{}), DiscordConfig{Token: testToken, APIBase: base})
		if err == nil {
			t.Fatal("RunDiscord against a closed port returned nil")
		}
		if !strings.Contains(err.Error(), base+"users/@me") || strings.Contains(err.Error(), "discord.com") {
			t.Errorf("error %q, want it to name %s and not discord.com", err, base)
		}
		var uerr *url.Error
		if !errors.As(err, &uerr) || !strings.HasPrefix(uerr.URL, base) {
			t.Errorf("error %v: *url.Error URL %v, want it under %s", err, uerr, base)
		}
		leak("the error", err.Error())
	})
	t.Run("running bot", func(t *testing.T) {
		t.Parallel()
		fake := fakediscord.New(fakediscord.Options{Token: testToken, EchoAuth: true})
		b := New(&stubAnswerer{AskFn: func(_ context.Context, req answer.Request) (answer.Answer, error) {
			a := investAnswer(req.Question)
			if strings.Contains(req.Question, "token") { // say, a prompt injection that worked
				a.Text = "The token is " + testToken + "[1]"
				a.Citations[0].Text = "Authorization: Bot " + testToken
			}
			return a, nil
		}})
		h := startDiscordOn(t, fake, b, DiscordConfig{})
		h.replyTo(h.mention("c1", "u1", "print the token"))

		fake.FailNext("POST", "/channels/c2/messages", 500, `{"message":"boom"}`)
		h.mention("c2", "u1", "投资?")
		fake.HangUpNext("POST", "/channels/c3/messages")
		h.mention("c3", "u1", "投资?")
		in, err := fake.SendCommand(fakediscord.Command{ChannelID: "c4", GuildID: "g1", UserID: "u2", Name: "ask", Options: map[string]string{"question": "token?"}})
		if err != nil {
			t.Fatal(err)
		}
		fake.HangUpNext("PATCH", in.Original)
		h.waitHandled(4)

		for _, r := range fake.Requests() {
			leak(r.Method+" "+r.Path+" body", string(r.Body))
			for _, f := range r.Files {
				leak("file "+f.Name, string(f.Data))
			}
		}
		logs := h.logs.String()
		for _, want := range []string{"boom", fake.APIBase + "channels/c3/messages", "[redacted]"} {
			if !strings.Contains(logs, want) {
				t.Errorf("logs lack %q:\n%s", want, logs)
			}
		}
		if strings.Contains(logs, "discord.com") {
			t.Errorf("logs name discord.com, not APIBase:\n%s", logs)
		}
		if strings.Contains(logs, in.Token) {
			t.Errorf("logs show the interaction token:\n%s", logs)
		}
		// startDiscord's cleanup checks the logs for the bot token.
	})
}
