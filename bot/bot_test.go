package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/reportbot/reportbot/answer"
)

// stubAnswerer is an Answerer with only Ask, in the wtf mock style.
type stubAnswerer struct {
	AskFn func(ctx context.Context, req answer.Request) (answer.Answer, error)
}

func (s *stubAnswerer) Ask(ctx context.Context, req answer.Request) (answer.Answer, error) {
	return s.AskFn(ctx, req)
}

// fullStub has every optional capability.
type fullStub struct {
	stubAnswerer
	FigureFn  func(ctx context.Context, metric string) (answer.Answer, error)
	SectionFn func(ctx context.Context, ref string) (answer.Answer, error)
	BriefFn   func(ctx context.Context, topic string) (string, string, error)
}

func (s *fullStub) Figure(ctx context.Context, metric string) (answer.Answer, error) {
	return s.FigureFn(ctx, metric)
}

func (s *fullStub) Section(ctx context.Context, ref string) (answer.Answer, error) {
	return s.SectionFn(ctx, ref)
}

func (s *fullStub) Brief(ctx context.Context, topic string) (string, string, error) {
	return s.BriefFn(ctx, topic)
}

// Passages from the seed report, used as citations.
var (
	citInvest = answer.Citation{N: 1, ID: "p1s0#2", Label: "一、2023年工作总结", SectionID: "p1",
		Report: "2024年观湖街道党工委工作报告", Date: "2024-02-02",
		Text: "全年规上工业总产值494.91亿元,同比增长1.72%,规上工业增加值增速6.8%,全社会固定资产投资93.86亿元,同比增长8.53%,社会消费品零售总额90.2亿元,同比增长1.8%,较好完成了全年目标任务。"}
	citTraffic = answer.Citation{N: 2, ID: "p2s3#0", Label: "二(三) 聚焦交通畅行,塑造外通内达新格局", SectionID: "p2s3",
		Report: "2024年观湖街道党工委工作报告", Date: "2024-02-02",
		Text: "坚持交通优先战略,紧抓鹭湖中心城重要发展窗口期,着力推进重大交通基础设施建设,形成高质量的要素流通网络。"}
)

func investAnswer(q string) answer.Answer {
	return answer.Answer{
		Question: q, Text: "2023年全社会固定资产投资93.86亿元[1]。", Answerable: true, Grounded: true,
		Mode: answer.ModeExtractive, Citations: []answer.Citation{citInvest},
	}
}

// recordingAsk returns an AskFn that records requests and answers with
// investAnswer.
func recordingAsk(mu *sync.Mutex, got *[]answer.Request) func(context.Context, answer.Request) (answer.Answer, error) {
	return func(_ context.Context, req answer.Request) (answer.Answer, error) {
		mu.Lock()
		*got = append(*got, req)
		mu.Unlock()
		return investAnswer(req.Question), nil
	}
}

func TestHandleCommands(t *testing.T) {
	t.Parallel()
	full := &fullStub{
		stubAnswerer: stubAnswerer{AskFn: func(_ context.Context, req answer.Request) (answer.Answer, error) {
			return investAnswer(req.Question), nil
		}},
		FigureFn: func(_ context.Context, metric string) (answer.Answer, error) {
			return answer.Answer{Text: metric + ": 93.86亿元[1]", Answerable: true, Citations: []answer.Citation{citInvest}}, nil
		},
		SectionFn: func(_ context.Context, ref string) (answer.Answer, error) {
			return answer.Answer{Text: "章节 " + ref + "[1]", Answerable: true, Citations: []answer.Citation{citTraffic}}, nil
		},
		BriefFn: func(_ context.Context, topic string) (string, string, error) {
			return "简报：" + topic, "# 简报\n\n" + topic, nil
		},
	}
	askOnly := &stubAnswerer{AskFn: full.AskFn}

	tests := []struct {
		name      string
		a         Answerer
		text      string
		wantCmd   Command
		wantQ     string // Answer.Question, when an answer is expected
		wantText  string // substring of Reply.Text
		wantMD    string
		wantNoAns bool
	}{
		{name: "plain text asks", a: full, text: "2023年固定资产投资多少?", wantCmd: CmdAsk, wantQ: "2023年固定资产投资多少?", wantText: "93.86亿元[1]"},
		{name: "slash ask", a: full, text: "/ask 投资多少", wantCmd: CmdAsk, wantQ: "投资多少", wantText: SourcesHeading},
		{name: "ask without slash", a: full, text: "ask 投资多少", wantCmd: CmdAsk, wantQ: "投资多少"},
		{name: "问 alias", a: full, text: "问 投资多少", wantCmd: CmdAsk, wantQ: "投资多少"},
		{name: "figure", a: full, text: "/figure 固定资产投资", wantCmd: CmdFigure, wantQ: "固定资产投资", wantText: "固定资产投资: 93.86亿元[1]"},
		{name: "指标 alias with colon", a: full, text: "指标：固定资产投资", wantCmd: CmdFigure, wantQ: "固定资产投资"},
		{name: "full-width slash", a: full, text: "／figure 固定资产投资", wantCmd: CmdFigure, wantQ: "固定资产投资"},
		{name: "section", a: full, text: "section 二(三)", wantCmd: CmdSection, wantQ: "二(三)", wantText: "[2] 二(三) 聚焦交通畅行"},
		{name: "章节 alias", a: full, text: "/章节 交通", wantCmd: CmdSection, wantQ: "交通"},
		{name: "brief", a: full, text: "/brief 交通", wantCmd: CmdBrief, wantText: "简报：交通", wantMD: "# 简报\n\n交通", wantNoAns: true},
		{name: "简报 alias", a: full, text: "简报 交通", wantCmd: CmdBrief, wantText: "简报：交通", wantMD: "# 简报\n\n交通", wantNoAns: true},
		{name: "help", a: full, text: "/help", wantCmd: CmdHelp, wantText: "/figure <指标>", wantNoAns: true},
		{name: "帮助", a: full, text: "帮助", wantCmd: CmdHelp, wantText: "/sources", wantNoAns: true},
		{name: "unknown slash command", a: full, text: "/frobnicate x", wantCmd: CmdHelp, wantText: "Unknown command: /frobnicate", wantNoAns: true},
		{name: "empty ask", a: full, text: "/ask   ", wantCmd: CmdHelp, wantText: "请输入问题", wantNoAns: true},
		{name: "empty figure", a: full, text: "指标", wantCmd: CmdHelp, wantText: "Usage: /figure", wantNoAns: true},
		{name: "figure not available", a: askOnly, text: "/figure 固定资产投资", wantCmd: CmdFigure, wantText: "not available yet", wantNoAns: true},
		{name: "section not available", a: askOnly, text: "章节 二", wantCmd: CmdSection, wantText: "章节查看功能暂不可用", wantNoAns: true},
		{name: "brief not available", a: askOnly, text: "brief 交通", wantCmd: CmdBrief, wantText: "brief is not available yet", wantNoAns: true},
		{name: "sources before any answer", a: full, text: "来源", wantCmd: CmdSources, wantText: "ask a question first", wantNoAns: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b := New(tc.a)
			r, err := b.Handle(t.Context(), Message{ConversationID: "c", UserID: "u", Text: tc.text})
			if err != nil {
				t.Fatalf("Handle(%q) error: %v", tc.text, err)
			}
			if r.Command != tc.wantCmd {
				t.Errorf("Handle(%q).Command = %q, want %q", tc.text, r.Command, tc.wantCmd)
			}
			if !strings.Contains(r.Text, tc.wantText) {
				t.Errorf("Handle(%q).Text = %q, want it to contain %q", tc.text, r.Text, tc.wantText)
			}
			if r.Markdown != tc.wantMD {
				t.Errorf("Handle(%q).Markdown = %q, want %q", tc.text, r.Markdown, tc.wantMD)
			}
			switch {
			case tc.wantNoAns && r.Answer != nil:
				t.Errorf("Handle(%q).Answer = %+v, want nil", tc.text, r.Answer)
			case !tc.wantNoAns && r.Answer == nil:
				t.Errorf("Handle(%q).Answer = nil, want an answer", tc.text)
			case !tc.wantNoAns && r.Answer.Question != tc.wantQ:
				t.Errorf("Handle(%q).Answer.Question = %q, want %q", tc.text, r.Answer.Question, tc.wantQ)
			case !tc.wantNoAns && len(r.Citations) == 0:
				t.Errorf("Handle(%q).Citations is empty, want the answer's citations", tc.text)
			}
		})
	}
}

func TestHandleFollowUpPassesHistory(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var got []answer.Request
	b := New(&stubAnswerer{AskFn: recordingAsk(&mu, &got)}, WithHistory(2))
	ctx := t.Context()
	ask := func(conv, q string) {
		t.Helper()
		if _, err := b.Handle(ctx, Message{ConversationID: conv, UserID: "u1", Text: q}); err != nil {
			t.Fatalf("Handle(%q): %v", q, err)
		}
	}
	ask("c1", "2023年固定资产投资多少?")
	ask("c1", "比上年增长多少?")
	ask("c2", "另一个对话")
	ask("c1", "第三个问题")
	ask("c1", "第四个问题")

	questions := func(ts []answer.Turn) []string {
		var qs []string
		for _, t := range ts {
			qs = append(qs, t.Question)
		}
		return qs
	}
	want := [][]string{
		nil,
		{"2023年固定资产投资多少?"},
		nil,
		{"2023年固定资产投资多少?", "比上年增长多少?"},
		{"比上年增长多少?", "第三个问题"},
	}
	for i, req := range got {
		if diff := cmp.Diff(want[i], questions(req.History)); diff != "" {
			t.Errorf("request %d (%q) history questions (-want +got):\n%s", i, req.Question, diff)
		}
	}
	if h := got[1].History; len(h) == 1 && h[0].Answer.Text != "2023年全社会固定资产投资93.86亿元[1]。" {
		t.Errorf("follow-up history answer = %q, want the first answer", h[0].Answer.Text)
	}
}

func TestHandleHistoryOff(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var got []answer.Request
	b := New(&stubAnswerer{AskFn: recordingAsk(&mu, &got)}, WithHistory(0))
	for _, q := range []string{"一", "二"} {
		if _, err := b.Handle(t.Context(), Message{ConversationID: "c", Text: q}); err != nil {
			t.Fatal(err)
		}
	}
	if len(got[1].History) != 0 {
		t.Errorf("WithHistory(0): second request history = %+v, want none", got[1].History)
	}
	r, err := b.Handle(t.Context(), Message{ConversationID: "c", Text: "/sources"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Citations) != 1 {
		t.Errorf("sources with history off: %d citations, want 1 (the last answer is kept)", len(r.Citations))
	}
}

func TestHandleSourcesShowsFullPassages(t *testing.T) {
	t.Parallel()
	long := citInvest
	long.Text = strings.Repeat("全社会固定资产投资93.86亿元,同比增长8.53%。", 10)
	b := New(&stubAnswerer{AskFn: func(_ context.Context, req answer.Request) (answer.Answer, error) {
		return answer.Answer{Question: req.Question, Text: "答[1]", Answerable: true, Citations: []answer.Citation{long}}, nil
	}})
	ctx := t.Context()
	r, err := b.Handle(ctx, Message{ConversationID: "c", Text: "投资?"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(r.Text, long.Text) {
		t.Errorf("answer Text quotes the whole %d-rune passage; want it cut for the short list", runes(long.Text))
	}
	if !strings.Contains(r.Text, "…”") {
		t.Errorf("answer Text = %q, want a truncated quote ending in …”", r.Text)
	}
	for _, text := range []string{"/sources", "sources", "来源"} {
		s, err := b.Handle(ctx, Message{ConversationID: "c", Text: text})
		if err != nil {
			t.Fatal(err)
		}
		if s.Command != CmdSources || !strings.Contains(s.Text, "“"+long.Text+"”") {
			t.Errorf("Handle(%q) = %q (%s), want the full passage quoted", text, s.Text, s.Command)
		}
	}
	other, _ := b.Handle(ctx, Message{ConversationID: "other", Text: "来源"})
	if len(other.Citations) != 0 {
		t.Errorf("sources in another conversation returned %d citations, want 0", len(other.Citations))
	}
}

func TestHandleErrorIsWrapped(t *testing.T) {
	t.Parallel()
	boom := errors.New("llm down")
	b := New(&stubAnswerer{AskFn: func(context.Context, answer.Request) (answer.Answer, error) { return answer.Answer{}, boom }})
	_, err := b.Handle(t.Context(), Message{Text: "投资?"})
	if !errors.Is(err, boom) {
		t.Fatalf("Handle error = %v, want it to wrap %v", err, boom)
	}
	if !strings.HasPrefix(err.Error(), "bot: ask ") {
		t.Errorf("Handle error = %q, want it to start with \"bot: ask \"", err)
	}
}

func TestHandleUnanswerable(t *testing.T) {
	t.Parallel()
	b := New(&stubAnswerer{AskFn: func(_ context.Context, req answer.Request) (answer.Answer, error) {
		return answer.Answer{Question: req.Question, Text: "报告中没有提到这一点。", Answerable: false, Note: "no passage matched"}, nil
	}})
	r, err := b.Handle(t.Context(), Message{Text: "火星基地?"})
	if err != nil {
		t.Fatal(err)
	}
	want := "报告中没有提到这一点。\n\n注 Note: no passage matched"
	if r.Text != want {
		t.Errorf("unanswerable Text = %q, want %q", r.Text, want)
	}
}

type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func TestHandleRateLimit(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: time.Date(2024, 2, 2, 9, 0, 0, 0, time.UTC)}
	var mu sync.Mutex
	var got []answer.Request
	b := New(&stubAnswerer{AskFn: recordingAsk(&mu, &got)}, WithRateLimit(2, time.Minute), WithClock(clock.Now))
	ctx := t.Context()
	handle := func(user, text string) Reply {
		t.Helper()
		r, err := b.Handle(ctx, Message{ConversationID: user, UserID: user, Text: text})
		if err != nil {
			t.Fatalf("Handle(%s, %q): %v", user, text, err)
		}
		return r
	}
	steps := []struct {
		user, text string
		advance    time.Duration
		limited    bool
		quiet      bool // limited, and already told in this window
		retry      time.Duration
	}{
		{user: "a", text: "q1"},
		{user: "a", text: "q2"},
		{user: "a", text: "q3", limited: true, retry: 30 * time.Second},
		{user: "a", text: "/help"},     // help is never limited
		{user: "a", text: "/sources"},  // nor sources
		{user: "a", text: "/figure x"}, // nor a command the answerer cannot serve
		{user: "b", text: "q1"},        // limits are per user
		{user: "a", text: "q4", advance: 29 * time.Second, limited: true, quiet: true, retry: time.Second},
		{user: "a", text: "q5", advance: time.Second},
		{user: "a", text: "q6", limited: true, quiet: true, retry: 30 * time.Second},
		{user: "a", text: "q7", advance: 31 * time.Second},
		{user: "a", text: "q8", limited: true, retry: 29 * time.Second}, // a new window: told again
	}
	for i, s := range steps {
		clock.Advance(s.advance)
		r := handle(s.user, s.text)
		if r.RateLimited != s.limited || r.Quiet != s.quiet || r.RetryAfter != s.retry {
			t.Errorf("step %d: Handle(%s, %q) RateLimited=%v Quiet=%v RetryAfter=%v, want %v %v %v (Text %q)",
				i, s.user, s.text, r.RateLimited, r.Quiet, r.RetryAfter, s.limited, s.quiet, s.retry, r.Text)
		}
		switch {
		case s.limited && !s.quiet && !strings.Contains(r.Text, "Please slow down"):
			t.Errorf("step %d: limited reply %q is not the polite notice", i, r.Text)
		case s.quiet && r.Text != "":
			t.Errorf("step %d: quiet reply has text %q", i, r.Text)
		}
	}
	if len(got) != 5 {
		t.Errorf("answerer called %d times, want 5 (limited questions must not reach it)", len(got))
	}
}

func TestConversationsEvictOldest(t *testing.T) {
	t.Parallel()
	b := New(&stubAnswerer{AskFn: func(_ context.Context, req answer.Request) (answer.Answer, error) {
		return investAnswer(req.Question), nil
	}}, WithMaxConversations(3))
	ctx := t.Context()
	for _, c := range []string{"c1", "c2", "c3", "c1", "c4"} { // c2 is the least recently used when c4 arrives
		if _, err := b.Handle(ctx, Message{ConversationID: c, Text: "q " + c}); err != nil {
			t.Fatal(err)
		}
	}
	if n := b.convs.len(); n != 3 {
		t.Errorf("remembered %d conversations, want 3", n)
	}
	for c, want := range map[string]bool{"c1": true, "c2": false, "c3": true, "c4": true} {
		if _, ok := b.convs.last(c); ok != want {
			t.Errorf("conversation %s remembered = %v, want %v", c, ok, want)
		}
	}
}

func TestHandleConcurrent(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var got []answer.Request
	b := New(&stubAnswerer{AskFn: recordingAsk(&mu, &got)}, WithMaxConversations(20), WithRateLimit(1000, time.Hour))
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Go(func() {
			conv := fmt.Sprintf("c%d", i%30)
			for _, text := range []string{"问题", "/sources", "追问"} {
				if _, err := b.Handle(t.Context(), Message{ConversationID: conv, UserID: conv, Text: text}); err != nil {
					t.Errorf("Handle: %v", err)
				}
			}
		})
	}
	wg.Wait()
	if len(got) != 100 {
		t.Errorf("answerer called %d times, want 100", len(got))
	}
	if n := b.convs.len(); n > 20 {
		t.Errorf("remembered %d conversations, want at most 20", n)
	}
}

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in    string
		cmd   Command
		arg   string
		known bool
	}{
		{"", CmdAsk, "", true},
		{"  2023年投资多少？ ", CmdAsk, "2023年投资多少？", true},
		{"/HELP", CmdHelp, "", true},
		{"Figure:投资", CmdFigure, "投资", true},
		{"指标\u3000固定资产投资", CmdFigure, "固定资产投资", true},
		{"来源于哪里", CmdAsk, "来源于哪里", true}, // an alias must be the whole first word
		{"2023年: 投资", CmdAsk, "2023年: 投资", true},
		{"/nope", "/nope", "", false},
	}
	for _, tc := range tests {
		cmd, arg, known := parse(tc.in)
		if cmd != tc.cmd || arg != tc.arg || known != tc.known {
			t.Errorf("parse(%q) = %q, %q, %v; want %q, %q, %v", tc.in, cmd, arg, known, tc.cmd, tc.arg, tc.known)
		}
	}
}

func TestRateLimiterMemoryIsBounded(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: time.Date(2024, 2, 2, 9, 0, 0, 0, time.UTC)}
	b := New(&stubAnswerer{AskFn: func(_ context.Context, req answer.Request) (answer.Answer, error) {
		return investAnswer(req.Question), nil
	}}, WithRateLimit(1, time.Minute), WithClock(clock.Now), WithMaxConversations(10))
	ctx := t.Context()
	ask := func(user string) Reply {
		t.Helper()
		r, err := b.Handle(ctx, Message{ConversationID: user, UserID: user, Text: "投资?"})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	ask("abuser")
	if r := ask("abuser"); !r.RateLimited {
		t.Fatalf("second question of a 1/min user was not limited")
	}
	const users = 10000
	peak := 0
	for i := range users {
		if i%100 == 0 {
			ask("abuser") // stays recently seen, so stays remembered
		}
		ask(fmt.Sprintf("user%d", i))
		peak = max(peak, b.limit.len())
	}
	if peak > defaultLimiterUsers {
		t.Errorf("limiter remembered up to %d users after %d distinct users, want at most %d", peak, users, defaultLimiterUsers)
	}
	if r := ask("abuser"); !r.RateLimited {
		t.Errorf("an active limited user was forgotten among %d others", users)
	}
	if r := ask("user0"); r.RateLimited {
		t.Errorf("user0, the least recently seen, should have been forgotten and start afresh")
	}
	t.Logf("%d users: at most %d limiters remembered", users, peak)
}
