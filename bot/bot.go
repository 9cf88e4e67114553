package bot

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/reportbot/reportbot/answer"
)

// Answerer answers questions about the loaded reports. *rag.Engine
// satisfies it. Implementations must be safe for concurrent use: the
// Discord front calls Ask from many goroutines at once.
type Answerer interface {
	Ask(ctx context.Context, req answer.Request) (answer.Answer, error)
}

// Figurer is an optional capability of an [Answerer]: it looks up one
// metric (指标), such as 固定资产投资. The figure command uses it when the
// Answerer has it and says "not available yet" otherwise.
type Figurer interface {
	Figure(ctx context.Context, metric string) (answer.Answer, error)
}

// Sectioner is an optional capability of an [Answerer]: it shows one
// section of a report, by number (二(三)) or keyword.
type Sectioner interface {
	Section(ctx context.Context, ref string) (answer.Answer, error)
}

// Briefer is an optional capability of an [Answerer]: it writes a brief on
// a topic, both as a short text for a chat message and as a full markdown
// document.
type Briefer interface {
	Brief(ctx context.Context, topic string) (short string, markdown string, err error)
}

// Command names what a message asks the bot to do.
type Command string

// The commands. Each also has a Chinese alias: 帮助, 问, 指标, 章节, 简报, 来源.
const (
	CmdHelp    Command = "help"
	CmdAsk     Command = "ask"
	CmdFigure  Command = "figure"
	CmdSection Command = "section"
	CmdBrief   Command = "brief"
	CmdSources Command = "sources"
)

// Message is one incoming chat message.
type Message struct {
	// ConversationID groups messages whose earlier turns a follow-up may
	// refer to, such as a Discord channel and user, or one terminal session.
	ConversationID string
	// UserID is who sent it; rate limits are per user.
	UserID string
	// Text is the message as typed: a command (/figure 固定资产投资,
	// 指标 固定资产投资) or a plain question.
	Text string
	// OnDelta, when set, is passed to the Answerer as
	// answer.Request.OnDelta: it receives text the engine has already
	// checked (whole sentences whose claims passed), never a raw LLM
	// draft. The Reply still holds the final answer, which can differ when
	// the engine fell back after part of the text was streamed.
	OnDelta func(string)
}

// Reply is the bot's answer to a [Message].
type Reply struct {
	// Command is the command that produced the reply. Unknown commands
	// and empty questions produce CmdHelp.
	Command Command
	// Answer is the answer for ask, figure and section; nil otherwise, and
	// nil when the command was rate limited or is not available.
	Answer *answer.Answer
	// Citations are the answer's citations; for sources they are the
	// citations of the conversation's last answer.
	Citations []answer.Citation
	// Text is the reply rendered as markdown-ish plain text: the answer
	// with its [n] markers and a "来源 Sources" list, the help, the full
	// passages for sources, the short brief, or a notice.
	Text string
	// Markdown is the full brief document (brief only).
	Markdown string
	// RateLimited is true when the user asked too often; Text then says
	// when to try again, and RetryAfter says it as a duration.
	RateLimited bool
	RetryAfter  time.Duration
	// Quiet is true for a rate-limited message after the user has already
	// been told in this window: Text is empty and a front sends nothing.
	Quiet bool
}

// Option configures a [Bot].
type Option func(*Bot)

// WithLogger sets the logger for bot events (Debug level, stable keys). The
// default discards everything. A nil logger keeps the default.
func WithLogger(l *slog.Logger) Option {
	return func(b *Bot) {
		if l != nil {
			b.log = l
		}
	}
}

// WithHistory sets how many earlier turns of a conversation are passed to
// the Answerer as answer.Request.History. The default is 4; 0 turns history
// off.
func WithHistory(turns int) Option {
	return func(b *Bot) { b.historyN = max(turns, 0) }
}

// WithRateLimit allows each user at most n questions (ask, figure,
// section, brief) per duration, as a token bucket (golang.org/x/time/rate)
// that refills steadily. Past it the user gets one notice per duration and
// then [Reply.Quiet] replies. Help, sources and commands the Answerer
// cannot serve are never limited. The limiter remembers at most 4096
// users, forgetting the least recently seen. The default is no limit;
// n < 1 or per <= 0 also means no limit.
func WithRateLimit(n int, per time.Duration) Option {
	return func(b *Bot) {
		if n < 1 || per <= 0 {
			b.limit = nil
			return
		}
		b.limit = newLimiter(n, per)
	}
}

// WithMaxConversations bounds how many conversations the bot remembers;
// past it, the least recently used is forgotten. The default is 1000.
func WithMaxConversations(n int) Option {
	return func(b *Bot) { b.convs.max = max(n, 1) }
}

// WithClock sets the clock used by the rate limiter, for tests. A nil
// function keeps time.Now.
func WithClock(now func() time.Time) Option {
	return func(b *Bot) {
		if now != nil {
			b.now = now
		}
	}
}

// Bot is the chat front's conversation core, independent of any chat
// service: it parses commands, keeps per-conversation history, applies
// rate limits and renders replies. [RunTerminal] and [RunDiscord] drive it.
//
// A Bot is safe for concurrent use.
type Bot struct {
	a        Answerer
	log      *slog.Logger
	historyN int
	now      func() time.Time
	limit    *limiter
	convs    *conversations
}

// New returns a Bot that answers with a, which must not be nil. Optional
// capabilities (Figurer, Sectioner, Briefer) are discovered on a by type
// assertion.
func New(a Answerer, opts ...Option) *Bot {
	b := &Bot{
		a:        a,
		log:      slog.New(slog.DiscardHandler),
		historyN: 4,
		now:      time.Now,
		convs:    newConversations(1000),
	}
	for _, o := range opts {
		o(b)
	}
	return b
}

// Handle answers one message. Commands are accepted with or without a
// leading slash and in English or Chinese (help/帮助, ask/问, figure/指标,
// section/章节, brief/简报, sources/来源); any other text is a question.
//
// A question gets the conversation's last turns as history, and its answer
// is remembered for follow-ups and for sources. Handle returns an error only
// when the Answerer fails; "not in the report", "not available yet" and
// "rate limited" are replies. A rate-limited user gets one notice per
// window and then replies with Quiet set, which a front should not send.
func (b *Bot) Handle(ctx context.Context, m Message) (Reply, error) {
	j, r, done := b.plan(m)
	if done {
		return r, nil
	}
	if r, limited := b.rateLimit(j); limited {
		return r, nil
	}
	return b.run(ctx, j)
}

// job is a planned message that needs the Answerer.
type job struct {
	cmd Command
	arg string
	m   Message
}

// plan parses m. It returns done with the reply when m needs no Answerer
// (help, sources, a usage hint, an unknown command, a capability the
// Answerer lacks), and otherwise the job to run.
func (b *Bot) plan(m Message) (j job, r Reply, done bool) {
	cmd, arg, known := parse(m.Text)
	if !known {
		return job{}, Reply{Command: CmdHelp, Text: fmt.Sprintf("未知命令 Unknown command: %s\n\n%s", cmd, helpText)}, true
	}
	switch cmd {
	case CmdHelp:
		return job{}, Reply{Command: CmdHelp, Text: helpText}, true
	case CmdSources:
		return job{}, b.sources(m.ConversationID), true
	}
	if arg == "" {
		return job{}, Reply{Command: CmdHelp, Text: emptyArgText(cmd)}, true
	}
	if !b.can(cmd) {
		return job{}, notAvailable(cmd), true
	}
	return job{cmd: cmd, arg: arg, m: m}, Reply{}, false
}

// can reports whether the Answerer has what cmd needs.
func (b *Bot) can(cmd Command) bool {
	var ok bool
	switch cmd {
	case CmdFigure:
		_, ok = b.a.(Figurer)
	case CmdSection:
		_, ok = b.a.(Sectioner)
	case CmdBrief:
		_, ok = b.a.(Briefer)
	default:
		ok = true
	}
	return ok
}

// run asks the Answerer for a planned job and renders the reply.
func (b *Bot) run(ctx context.Context, j job) (Reply, error) {
	cmd, arg, m := j.cmd, j.arg, j.m
	start := time.Now()
	defer func() {
		b.log.DebugContext(ctx, "bot: handled", "command", string(cmd), "conversation", m.ConversationID,
			"user", m.UserID, "latency_ms", time.Since(start).Milliseconds())
	}()

	var (
		ans answer.Answer
		err error
	)
	switch cmd {
	case CmdAsk:
		ans, err = b.a.Ask(ctx, answer.Request{Question: arg, History: b.convs.history(m.ConversationID, b.historyN), OnDelta: m.OnDelta})
	case CmdFigure:
		ans, err = b.a.(Figurer).Figure(ctx, arg)
	case CmdSection:
		ans, err = b.a.(Sectioner).Section(ctx, arg)
	case CmdBrief:
		short, md, err := b.a.(Briefer).Brief(ctx, arg)
		if err != nil {
			return Reply{}, fmt.Errorf("bot: brief %q: %w", arg, err)
		}
		return Reply{Command: CmdBrief, Text: short, Markdown: md}, nil
	}
	if err != nil {
		return Reply{}, fmt.Errorf("bot: %s %q: %w", cmd, arg, err)
	}
	if ans.Question == "" {
		ans.Question = arg
	}
	b.convs.add(m.ConversationID, answer.Turn{Question: arg, Answer: ans}, b.historyN)
	return Reply{Command: cmd, Answer: &ans, Citations: ans.Citations, Text: Render(ans)}, nil
}

// rateLimit spends one of the user's questions. When none is left it
// returns a reply: the notice for the first refusal in a window, then
// Quiet replies.
func (b *Bot) rateLimit(j job) (Reply, bool) {
	if b.limit == nil {
		return Reply{}, false
	}
	wait, notice := b.limit.take(j.m.UserID, b.now())
	if wait <= 0 {
		return Reply{}, false
	}
	wait = max(wait.Round(time.Second), time.Second)
	b.log.Debug("bot: rate limited", "user", j.m.UserID, "command", string(j.cmd),
		"retry_after_ms", wait.Milliseconds(), "notice", notice)
	r := Reply{Command: j.cmd, RateLimited: true, RetryAfter: wait, Quiet: !notice}
	if notice {
		r.Text = fmt.Sprintf("请稍等一下：每位用户每 %s 最多提 %d 个问题，请 %s 后再试。\nPlease slow down a little: try again in %s.",
			b.limit.per, b.limit.n, wait, wait)
	}
	return r, true
}

func (b *Bot) sources(conv string) Reply {
	last, ok := b.convs.last(conv)
	if !ok {
		return Reply{Command: CmdSources, Text: "还没有回答可以查看来源，请先提问。\nNo answer yet: ask a question first."}
	}
	if len(last.Citations) == 0 {
		return Reply{Command: CmdSources, Answer: &last, Text: "上一个回答没有引用来源。\nThe last answer cites no sources."}
	}
	return Reply{Command: CmdSources, Answer: &last, Citations: last.Citations, Text: RenderSources(last.Citations)}
}

func notAvailable(cmd Command) Reply {
	zh := map[Command]string{CmdFigure: "指标查询", CmdSection: "章节查看", CmdBrief: "简报"}[cmd]
	return Reply{Command: cmd, Text: fmt.Sprintf("%s功能暂不可用。\n%s is not available yet.", zh, cmd)}
}

func emptyArgText(cmd Command) string {
	switch cmd {
	case CmdFigure:
		return "请在 figure（指标）后写上指标名称，例如：/figure 固定资产投资\nUsage: /figure <metric>"
	case CmdSection:
		return "请在 section（章节）后写上章节编号或关键词，例如：/section 二(三)\nUsage: /section <number or keyword>"
	case CmdBrief:
		return "请在 brief（简报）后写上主题，例如：/brief 交通\nUsage: /brief <topic>"
	}
	return "请输入问题，例如：2023年全社会固定资产投资是多少？\nPlease type a question.\n\n" + helpText
}

// helpText lists the commands. It is the same for every front.
const helpText = `我可以回答关于工作报告的问题，并标注引用来源 [n]。
I answer questions about the work report, citing the passages [n].

/ask <问题>              提问（直接输入问题也可以） ask a question (plain text works too)
/figure <指标>           查指标，如 /figure 固定资产投资 · 指标
/section <编号或关键词>   看章节，如 /section 二(三) · 章节
/brief <主题>            生成简报，如 /brief 交通 · 简报
/sources                上一个回答的完整引文 · 来源
/help                   帮助

追问会结合前几轮对话，例如先问“2023年固定资产投资多少？”再问“比上年增长多少？”。
Follow-up questions use the last few turns of the conversation.`

var aliases = map[string]Command{
	"help": CmdHelp, "h": CmdHelp, "?": CmdHelp, "？": CmdHelp, "帮助": CmdHelp,
	"ask": CmdAsk, "问": CmdAsk, "提问": CmdAsk,
	"figure": CmdFigure, "fig": CmdFigure, "指标": CmdFigure,
	"section": CmdSection, "sec": CmdSection, "章节": CmdSection,
	"brief": CmdBrief, "简报": CmdBrief,
	"sources": CmdSources, "source": CmdSources, "来源": CmdSources,
}

// parse splits text into a command and its argument. Plain text is CmdAsk.
// A slash-prefixed word that is no command returns known == false, with
// the word as cmd.
func parse(text string) (cmd Command, arg string, known bool) {
	text = strings.TrimSpace(text)
	slash := strings.HasPrefix(text, "/") || strings.HasPrefix(text, "／")
	body := strings.TrimLeft(text, "/／")
	word, rest := body, ""
	if i := strings.IndexFunc(body, func(r rune) bool { return unicode.IsSpace(r) || r == ':' || r == '：' }); i >= 0 {
		word, rest = body[:i], body[i:]
	}
	if c, ok := aliases[strings.ToLower(word)]; ok {
		return c, strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(rest), ":：")), true
	}
	if slash {
		return Command("/" + word), "", false
	}
	return CmdAsk, text, true
}

// conversations is a bounded, concurrency-safe map of conversation ID to
// its recent turns, evicting the least recently used past max.
type conversations struct {
	mu   sync.Mutex
	max  int
	tick uint64
	m    map[string]*conversation
}

type conversation struct {
	turns []answer.Turn // oldest first
	used  uint64
}

func newConversations(max int) *conversations {
	return &conversations{max: max, m: make(map[string]*conversation)}
}

// history returns a copy of the last n turns of conv, oldest first.
func (c *conversations) history(conv string, n int) []answer.Turn {
	c.mu.Lock()
	defer c.mu.Unlock()
	cv, ok := c.m[conv]
	if !ok || n == 0 {
		return nil
	}
	c.tick++
	cv.used = c.tick
	t := cv.turns[max(len(cv.turns)-n, 0):]
	return append([]answer.Turn(nil), t...)
}

// last returns the answer of the conversation's most recent turn.
func (c *conversations) last(conv string) (answer.Answer, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cv, ok := c.m[conv]
	if !ok || len(cv.turns) == 0 {
		return answer.Answer{}, false
	}
	return cv.turns[len(cv.turns)-1].Answer, true
}

// add appends a turn, keeping at most keep turns (at least one, so that
// sources works with history off).
func (c *conversations) add(conv string, t answer.Turn, keep int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.tick++
	cv, ok := c.m[conv]
	if !ok {
		if len(c.m) >= c.max {
			c.evict()
		}
		cv = &conversation{}
		c.m[conv] = cv
	}
	cv.used = c.tick
	cv.turns = append(cv.turns, t)
	if keep = max(keep, 1); len(cv.turns) > keep {
		cv.turns = append(cv.turns[:0:0], cv.turns[len(cv.turns)-keep:]...)
	}
}

// evict drops the least recently used conversation. It is O(n), which is
// fine for n ≈ 1000 and runs only when a new conversation starts at the
// bound.
func (c *conversations) evict() {
	var oldest string
	var used uint64
	first := true
	for id, cv := range c.m {
		if first || cv.used < used {
			oldest, used, first = id, cv.used, false
		}
	}
	delete(c.m, oldest)
}

func (c *conversations) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}
