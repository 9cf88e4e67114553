// Package bot is reportbot's chat front: it answers questions about the
// loaded work reports, with citations, in a terminal or on Discord.
//
// # Overview
//
// [Bot] is the conversation core and knows no chat service. [New] takes an
// [Answerer] (the engine) and [Bot.Handle] turns one [Message] into a
// [Reply]: it parses commands, passes the conversation's last turns as
// history (answer.Request.History), applies per-user rate limits and
// renders the answer with [n] markers and a "来源 Sources" list ([Render],
// [RenderSources]). Whether a follow-up such as 比上年增长多少? borrows the
// subject of an earlier question is the engine's decision, not the bot's.
//
// The engine alone makes a complete bot: bot.New(engine) answers /figure,
// /section and /brief when the engine is also a [Figurer], [Sectioner] or
// [Briefer] (found by type assertion; the engine implements them, so no
// glue code from cmd is needed). Without one, that command replies "not
// available yet" and costs the user no rate-limit token.
//
// Commands, with or without a slash, in English or Chinese:
//
//	help     帮助   the command list
//	ask      问     a question (plain text is a question too)
//	figure   指标   one metric, e.g. figure 固定资产投资
//	section  章节   one section by number or keyword, e.g. section 二(三)
//	brief    简报   a brief on a topic; the full markdown rides along
//	sources  来源   the full cited passages of the last answer
//
// [RunTerminal] chats over an io.Reader and io.Writer, and [RunDiscord]
// connects to Discord. [Split] cuts long text into message-sized chunks
// without breaking sentences, numbers or [n] markers.
//
// Package bot depends on the engine only through package answer's types
// and the small interfaces it declares, and is the only package of the
// module that imports discordgo. It never reads environment variables:
// cmd and the examples do. It logs only to the *slog.Logger it is given.
//
//	eng, err := rag.New(ctx, docs)            // any Answerer
//	b := bot.New(eng, bot.WithRateLimit(5, time.Minute))
//	err = bot.RunTerminal(ctx, b, os.Stdin, os.Stdout, bot.TerminalOptions{Interactive: true})
//
// # The terminal
//
// Piped input is read one question per line, with no prompt. On a
// terminal, [RunTerminal] uses a line editor (github.com/peterh/liner):
// arrow keys, ↑/↓ history kept in [TerminalOptions].HistoryFile (mode
// 0600, the last 500 questions), editing that knows Chinese characters
// are two columns wide, Ctrl-L to clear the screen, Ctrl-D on an empty
// line or Ctrl-C to leave. It prints only text the engine has checked.
//
// # Running the Discord bot
//
// Create the application: in the Discord developer portal
// (https://discord.com/developers/applications) choose New Application,
// open Bot, press Reset Token and keep the token secret. Still under Bot,
// turn on the privileged "Message Content Intent": without it @mentions
// arrive with empty text (slash commands work regardless). The bot
// identifies with the intents Guilds, Guild Messages, Direct Messages and
// Message Content.
//
// Invite it: under OAuth2 → URL Generator tick the scopes "bot" and
// "applications.commands", and the bot permissions View Channels, Send
// Messages, Embed Links, Attach Files and Read Message History; open the
// generated URL and pick a server.
//
// Run it with the token in the environment:
//
//	export DISCORD_TOKEN=…                       # required; never logged
//	go run ./examples/discordbot -guilds 123…    # stub answers, commands in that server
//
// examples/discordbot is a complete bot: the offline engine over the
// embedded report, bot.New and RunDiscord, with graceful shutdown on
// Ctrl-C. Its flags map onto [DiscordConfig] (cmd/reportbot wires the same
// struct; see its -help): -guilds (Guilds, comma-separated; without it
// commands are registered globally, which Discord can take up to an hour
// to show), -channels (Channels, an allowlist of channel IDs; direct
// messages are always answered), -api-base or DISCORD_API_BASE (APIBase,
// for a proxy or a test server), -timeout (AnswerTimeout) and
// -max-in-flight (MaxInFlight). Without DISCORD_TOKEN [RunDiscord] returns
// [ErrNoToken], a one-line message saying what to set.
//
// # Under load and when things fail
//
// A user over the rate limit gets one notice per window, then silence. At
// most MaxInFlight answers run at once and MaxQueued wait; others get a
// polite "busy" reply. The engine gets AnswerTimeout (45 s) and returns its
// fallback when that ctx expires; the reply then has its own SendTimeout
// (15 s), so a slow LLM never leaves a question unanswered. Slash commands
// are acknowledged first, through a REST session of their own, so a rate
// limit on other routes cannot push the acknowledgement past Discord's
// 3 s. Dropped gateway connections are resumed with exponential backoff
// (1 s to 2 min), and shutdown is bounded. The token never appears in an
// error, a log line or a message, even when a server echoes it.
//
// In a server, mention the bot (@reportbot 2023年固定资产投资多少?) or use
// /ask, /figure, /section, /brief and /help; in a DM just type. Answers come
// as an embed with the citations as fields and a "来源 Sources" button that
// shows the full passages privately, page by page.
package bot
