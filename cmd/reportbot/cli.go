package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// The global flags. Every command accepts, anywhere on the line, the ones
// listed in its appliesTo annotation and rejects the others.
const (
	flagFile       = "file"
	flagDir        = "dir"
	flagDB         = "db"
	flagReport     = "report"
	flagJSON       = "json"
	flagOffline    = "offline"
	flagModel      = "model"
	flagBaseURL    = "base-url"
	flagEmbedModel = "embed-model"
	flagLLMTimeout = "llm-timeout"
)

// Groups of global flags, for the appliesTo annotations.
var (
	inputFlags = []string{flagFile, flagDir, flagDB, flagReport}
	embedFlags = []string{flagOffline, flagBaseURL, flagEmbedModel}
	llmFlags   = []string{flagOffline, flagModel, flagBaseURL, flagEmbedModel, flagLLMTimeout}
)

// appliesTo is the annotation key that lists the global flags a command
// accepts.
const appliesTo = "reportbot/global-flags"

func (a *app) addGlobalFlags(fs *pflag.FlagSet) {
	fs.StringArrayVar(&a.files, flagFile, nil, "read the report at `PATH` (.txt in UTF-8, UTF-16 or GBK, .html, .docx, .pdf); repeatable")
	fs.StringVar(&a.dir, flagDir, "", "read every report file under `DIR`")
	fs.StringVar(&a.db, flagDB, "", "the persisted index in `DIR`: index --db builds it; other commands read their reports from it when no --file or --dir is given")
	fs.StringVar(&a.report, flagReport, "", "only the reports whose title, region or file name contains `NAME`")
	fs.BoolVar(&a.json, flagJSON, false, "JSON Lines output: one object per record")
	fs.BoolVar(&a.offline, flagOffline, false, "never call a model server, even with OPENAI_API_KEY set")
	fs.StringVar(&a.model, flagModel, "", "chat model `NAME` for answers (env LLM_MODEL; needs OPENAI_API_KEY)")
	fs.StringVar(&a.baseURL, flagBaseURL, "", "OpenAI-compatible API base `URL` (env OPENAI_BASE_URL)")
	fs.StringVar(&a.embedModel, flagEmbedModel, "", "remote embedding model `NAME` (env EMBED_MODEL); default: the offline embedder")
	fs.DurationVar(&a.llmTimeout, flagLLMTimeout, a.llmTimeout, "give up on one LLM call after `D` and show the extractive answer")
}

// newRoot builds the command tree for this run.
func (a *app) newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:           "reportbot",
		Short:         "query, cite, compare and brief from Chinese government work reports",
		SilenceErrors: true,
		SilenceUsage:  true,
		// Bare `reportbot` is a usage error: the help goes to stderr.
		RunE: func(c *cobra.Command, _ []string) error {
			a.writeHelp(a.stderr, c)
			return exitStatus(exitUsage)
		},
		PersistentPreRunE: a.checkFlags,
	}
	root.SetIn(a.stdin)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return a.usageErr(c, "%v", err)
	})
	root.SetHelpFunc(func(c *cobra.Command, _ []string) { a.writeHelp(c.OutOrStdout(), c) })
	root.SetUsageFunc(func(c *cobra.Command) error { a.writeHelp(c.ErrOrStderr(), c); return nil })
	a.addGlobalFlags(root.PersistentFlags())
	root.AddCommand(
		a.askCmd(), a.searchCmd(), a.sectionsCmd(), a.figuresCmd(), a.compareCmd(),
		a.briefCmd(), a.chatCmd(), a.discordCmd(), a.evalCmd(), a.indexCmd(), a.reportsCmd(),
		a.serveCmd(),
	)
	root.SetHelpCommand(a.helpCmd())
	root.CompletionOptions.DisableDefaultCmd = true
	root.AddCommand(a.completionCmd())
	return root
}

// completionCmd prints cobra's completion script for a shell; an unknown
// shell is a usage error.
func (a *app) completionCmd() *cobra.Command {
	gen := map[string]func(root *cobra.Command, w io.Writer) error{
		"bash":       func(r *cobra.Command, w io.Writer) error { return r.GenBashCompletionV2(w, true) },
		"zsh":        func(r *cobra.Command, w io.Writer) error { return r.GenZshCompletion(w) },
		"fish":       func(r *cobra.Command, w io.Writer) error { return r.GenFishCompletion(w, true) },
		"powershell": func(r *cobra.Command, w io.Writer) error { return r.GenPowerShellCompletionWithDesc(w) },
	}
	c := a.command("completion SHELL", "shell completion script: bash, zsh, fish or powershell",
		`Completion prints the completion script for a shell. For example:
  bash:  source <(reportbot completion bash)
  zsh:   reportbot completion zsh > "${fpath[1]}/_reportbot"
  fish:  reportbot completion fish > ~/.config/fish/completions/reportbot.fish`,
		nil, nil,
		func(ctx context.Context, c *cobra.Command, args []string) error {
			return gen[args[0]](c.Root(), a.stdout)
		})
	c.ValidArgs = []string{"bash", "zsh", "fish", "powershell"}
	c.Args = func(c *cobra.Command, args []string) error {
		if err := a.oneArg("SHELL")(c, args); err != nil {
			return err
		}
		if gen[args[0]] == nil {
			return a.usageErr(c, "unknown shell %q: want bash, zsh, fish or powershell", args[0])
		}
		return nil
	}
	return c
}

// command returns a command whose RunE gets the run's context, that accepts
// the given global flags and whose arguments are checked by args.
func (a *app) command(use, short, long string, args cobra.PositionalArgs, globals []string, run func(ctx context.Context, c *cobra.Command, args []string) error) *cobra.Command {
	return &cobra.Command{
		Use:         use,
		Short:       short,
		Long:        long,
		Args:        args,
		Annotations: map[string]string{appliesTo: strings.Join(globals, ",")},
		RunE: func(c *cobra.Command, args []string) error {
			a.started = true
			return run(c.Context(), c, args)
		},
	}
}

// usageErr returns a usage error about command c.
func (a *app) usageErr(c *cobra.Command, format string, args ...any) error {
	if c != nil && c.HasParent() {
		a.cmdName = c.Name()
		return usagef("%s: %s", c.Name(), fmt.Sprintf(format, args...))
	}
	return usagef(format, args...)
}

// noArgs rejects any positional argument.
func (a *app) noArgs(c *cobra.Command, args []string) error {
	if len(args) > 0 {
		return a.usageErr(c, "takes no arguments, got %q", args)
	}
	return nil
}

// oneArg wants exactly one argument, named what.
func (a *app) oneArg(what string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		switch {
		case len(args) == 0:
			return a.usageErr(c, "missing %s", what)
		case len(args) > 1:
			return a.usageErr(c, "takes one %s (quote it), got %d arguments: %q", what, len(args), args)
		}
		return nil
	}
}

// checkFlags rejects global flags that do not apply to the command.
func (a *app) checkFlags(c *cobra.Command, _ []string) error {
	a.cmdName = c.Name()
	list, ok := c.Annotations[appliesTo]
	if !ok {
		return nil // cobra's own commands: completion, help
	}
	allowed := strings.Split(list, ",")
	var bad error
	c.Root().PersistentFlags().VisitAll(func(f *pflag.Flag) {
		if bad != nil || !c.Flags().Changed(f.Name) || slices.Contains(allowed, f.Name) {
			return
		}
		if f.Name == flagJSON {
			bad = a.usageErr(c, "has no JSON output; --json applies to ask, search, sections, figures, compare, brief, eval, index and reports")
			return
		}
		bad = a.usageErr(c, "--%s does not apply to this command", f.Name)
	})
	return bad
}

// helpCmd is `reportbot help [command]`; an unknown topic is a usage
// error.
func (a *app) helpCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "help on a command",
		RunE: func(c *cobra.Command, args []string) error {
			target, rest, err := c.Root().Find(args)
			if err != nil || len(rest) > 0 || target == nil {
				a.cmdName = ""
				return a.usageErr(nil, "unknown help topic %q", strings.Join(args, " "))
			}
			a.started = true
			target.InitDefaultHelpFlag()
			return target.Help()
		},
	}
}

const exitCodesHelp = `Exit codes:
  0    success (an unanswerable question is a success)
  1    failure (a file that cannot be read, a server error, a failed batch line)
  2    usage error
  4    missing credentials (--model or --embed-model without OPENAI_API_KEY,
       discord without DISCORD_TOKEN)
  130  interrupted (Ctrl-C)
`

const rootIntro = `reportbot answers questions about Chinese government work reports
(政府工作报告) with cited passages, lists their sections and figures, compares
a figure across reports and writes briefing notes. It runs offline; an LLM
or a remote embedding model is used only when configured.

Usage:
  reportbot [global flags] <command> [flags] [args]
`

const rootFooter = `Reports come from --file and --dir (read through package ingest), from the
index in --db, or else from the embedded report (2024 work report of the
Guanhu subdistrict, Shenzhen).

Environment:
  OPENAI_API_KEY   enables LLM answers (and --embed-model); unset: offline
  OPENAI_BASE_URL, LLM_MODEL, EMBED_MODEL, DISCORD_TOKEN
  Flags override the environment. Secrets never appear in any output.

Data goes to stdout; progress and diagnostics to stderr.

Examples:
  reportbot ask "2023年观湖街道规上工业总产值是多少?"
  reportbot --dir reports/2026 compare 2026年地区生产总值增长目标
  printf 'q1\nq2\n' | reportbot ask --batch -
  reportbot --dir reports index --db ~/.cache/reportbot
  reportbot --db ~/.cache/reportbot --report 安徽 search 新质生产力
`

// writeHelp prints the help of c: for the root, the commands and every
// global flag; for a command, its flags and the global flags that apply
// to it.
func (a *app) writeHelp(w io.Writer, c *cobra.Command) {
	if !c.HasParent() {
		fmt.Fprint(w, rootIntro, "\nCommands:\n")
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() || sub.Name() == "help" {
				fmt.Fprintf(w, "  %-16s %s\n", sub.Use, sub.Short)
			}
		}
		fmt.Fprintf(w, "\nGlobal flags (each command accepts those that apply to it; see its help):\n%s\n", c.PersistentFlags().FlagUsagesWrapped(80))
		fmt.Fprint(w, rootFooter, "\n", exitCodesHelp)
		return
	}
	fmt.Fprintf(w, "Usage:\n  %s\n", c.UseLine())
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(w, "  %s <command>\n\nCommands:\n", c.CommandPath())
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() {
				fmt.Fprintf(w, "  %-12s %s\n", sub.Name(), sub.Short)
			}
		}
	}
	if c.Long != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimRight(c.Long, "\n"))
	} else {
		fmt.Fprintf(w, "\n%s\n", c.Short)
	}
	if f := c.LocalNonPersistentFlags(); f.HasAvailableFlags() {
		fmt.Fprintf(w, "\nFlags:\n%s", f.FlagUsagesWrapped(80))
	}
	if list := c.Annotations[appliesTo]; list != "" {
		g := pflag.NewFlagSet(c.Name(), pflag.ContinueOnError)
		allowed := strings.Split(list, ",")
		c.Root().PersistentFlags().VisitAll(func(f *pflag.Flag) {
			if slices.Contains(allowed, f.Name) {
				g.AddFlag(f)
			}
		})
		fmt.Fprintf(w, "\nGlobal flags:\n%s", g.FlagUsagesWrapped(80))
	}
	if c.Example != "" {
		fmt.Fprintf(w, "\nExamples:\n%s\n", strings.TrimRight(c.Example, "\n"))
	}
	fmt.Fprint(w, "\nExit codes: 0 success, 1 failure, 2 usage, 4 missing credentials, 130 interrupted.\n")
}
