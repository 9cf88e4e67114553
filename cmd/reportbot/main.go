// Command reportbot answers questions about Chinese government work reports
// with cited passages, lists their sections and figures, compares a figure
// across reports, writes briefing notes and chats in the terminal or on
// Discord. Run `reportbot help` for usage.
//
// main is tiny: it builds a context that Ctrl-C cancels and calls run, which
// the tests call directly.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit codes, documented in the help text.
const (
	exitOK          = 0
	exitFail        = 1
	exitUsage       = 2
	exitAuth        = 4
	exitInterrupted = 130
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// After the first Ctrl-C, a second one kills the process at once.
		<-ctx.Done()
		stop()
	}()
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run runs the command line args and returns the exit code. Data goes to
// stdout, diagnostics to stderr. When ctx is cancelled (Ctrl-C) the work
// stops and the code is 130.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runEnv(ctx, args, stdin, stdout, stderr, os.Getenv)
}

// runEnv is run with the environment given as a function, so that tests
// can set variables without touching the process's environment.
func runEnv(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	a := newApp(stdin, stdout, stderr, getenv)
	err := a.execute(ctx, args)
	return a.exitCode(ctx, err)
}

// usageError is an error in the invocation itself: exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// authError is missing credentials: exit code 4.
type authError struct{ msg string }

func (e *authError) Error() string { return e.msg }

// exitStatus ends the run with a code and no message of its own (bare
// `reportbot`, which has printed the help to stderr already).
type exitStatus int

func (e exitStatus) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// exitCode prints err (with secrets redacted) and maps it to the exit code.
func (a *app) exitCode(ctx context.Context, err error) int {
	interrupted := ctx.Err() != nil
	var (
		ue *usageError
		ae *authError
		st exitStatus
	)
	switch {
	case interrupted:
		fmt.Fprintln(a.stderr, "reportbot: interrupted")
		return exitInterrupted
	case err == nil:
		return exitOK
	case errors.As(err, &st):
		return int(st)
	case errors.As(err, &ue) || !a.started:
		topic := "reportbot help"
		if a.cmdName != "" {
			topic += " " + a.cmdName
		}
		fmt.Fprintf(a.stderr, "reportbot: %s\nRun '%s' for usage.\n", a.redact(err.Error()), topic)
		return exitUsage
	case errors.As(err, &ae):
		fmt.Fprintf(a.stderr, "reportbot: %s\n", a.redact(err.Error()))
		return exitAuth
	}
	fmt.Fprintf(a.stderr, "reportbot: %s\n", a.redact(err.Error()))
	return exitFail
}
