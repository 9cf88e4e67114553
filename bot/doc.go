// Package bot is reportbot's chat front: it answers questions about the
// loaded work reports, with citations, in a terminal or on Discord.
//
// # Overview
//
// [Bot] is the conversation core and knows no chat service. [New] takes an
// [Answerer] (a *rag.Engine satisfies it) and [Bot.Handle] turns one
// [Message] into a [Reply]: it parses commands, passes the conversation's
// last turns as history so that follow-ups work (2023年固定资产投资多少?
// then 比上年增长多少?), applies per-user rate limits and renders the answer
// with [n] markers and a "来源 Sources" list ([Render], [RenderSources]).
// Optional backend capabilities, [Figurer], [Sectioner] and [Briefer], are
// found by type assertion; without one, its command says "not available
// yet".
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
// Package bot imports rag only for its types, and is the only package of
// the module that imports discordgo. It never reads environment variables:
// cmd and the examples do. It logs only to the *slog.Logger it is given.
//
//	eng, err := rag.New(ctx, docs)
//	b := bot.New(eng, bot.WithRateLimit(5, time.Minute))
//	err = bot.RunTerminal(ctx, b, os.Stdin, os.Stdout, bot.TerminalOptions{Interactive: true})
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
// The example's flags map onto [DiscordConfig] (cmd/reportbot wires the
// same struct to the real engine; see its -help): -guilds (Guilds,
// comma-separated; without it commands are registered globally, which
// Discord can take up to an hour to show), -channels (Channels, an
// allowlist of channel IDs; direct messages are always answered), -api-base
// or DISCORD_API_BASE (APIBase, for a proxy or a test server) and -timeout
// (AnswerTimeout). Without DISCORD_TOKEN [RunDiscord] returns [ErrNoToken],
// a one-line message saying what to set.
//
// In a server, mention the bot (@reportbot 2023年固定资产投资多少?) or use
// /ask, /figure, /section, /brief and /help; in a DM just type. Answers come
// as an embed with the citations as fields and a "来源 Sources" button that
// shows the full passages privately, page by page.
package bot
