package bot

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestTerminalInTmux drives `reportbot chat` in a real terminal: tmux. It
// builds the CLI, types a Chinese question, edits it with the arrow keys
// and backspace, recalls it with ↑, clears the screen with Ctrl-L, leaves
// with Ctrl-D and with Ctrl-C, and checks what the screen shows after each
// step, and the history file. Opt in with REPORTBOT_TMUX=1 (it needs tmux:
// apt-get install -y tmux).
func TestTerminalInTmux(t *testing.T) {
	if os.Getenv("REPORTBOT_TMUX") == "" {
		t.Skip("set REPORTBOT_TMUX=1 to drive the chat in tmux")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Fatal("REPORTBOT_TMUX is set but tmux is not installed (apt-get install -y tmux)")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "reportbot")
	build := exec.Command("go", "build", "-o", bin, "../cmd/reportbot")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ../cmd/reportbot: %v\n%s", err, out)
	}
	cfg := filepath.Join(dir, "config")
	tm := &tmux{t: t, session: "reportbot-test-" + filepath.Base(dir)}
	start := func() {
		tm.run("new-session", "-d", "-s", tm.session, "-x", "100", "-y", "30",
			"env XDG_CONFIG_HOME="+cfg+" HOME="+dir+" "+bin+" chat --offline")
		t.Cleanup(func() { _ = exec.Command("tmux", "kill-session", "-t", tm.session).Run() })
		tm.waitFor("the prompt", func(s string) bool { return strings.Contains(s, "Type a question") && lastLine(s) == ">" })
	}
	start()

	// Type, move left over six Chinese characters, insert one.
	tm.keys("2023年规上工业总值是多少呀？")
	tm.keys("Left", "Left", "Left", "Left", "Left", "Left")
	tm.keys("产")
	tm.waitFor("the insertion", func(s string) bool { return lastLine(s) == "> 2023年规上工业总产值是多少呀？" })
	// Backspace at the end and in the middle: each removes one whole
	// character, two columns, and leaves nothing behind on the screen.
	tm.keys("End", "BSpace", "Left", "BSpace")
	tm.waitFor("the deletions", func(s string) bool { return lastLine(s) == "> 2023年规上工业总产值是多呀" })
	tm.keys("？")
	tm.waitFor("the full-width question mark", func(s string) bool { return lastLine(s) == "> 2023年规上工业总产值是多？呀" })
	tm.keys("Enter")
	screen := tm.waitFor("the answer", func(s string) bool { return strings.Contains(s, "494.91亿元") && lastLine(s) == ">" })
	t.Logf("after the question:\n%s", screen)

	// ↑ recalls it; Ctrl-L clears the screen and keeps the line.
	tm.keys("Up")
	tm.waitFor("the recalled question", func(s string) bool { return lastLine(s) == "> 2023年规上工业总产值是多？呀" })
	tm.keys("C-l")
	screen = tm.waitFor("a cleared screen", func(s string) bool {
		return strings.TrimSpace(s) == "> 2023年规上工业总产值是多？呀"
	})
	t.Logf("after ↑ and Ctrl-L:\n%s", screen)
	tm.keys("Enter")
	tm.waitFor("the second answer", func(s string) bool { return strings.Contains(s, "来源 Sources") && lastLine(s) == ">" })

	// Ctrl-D on the empty line leaves.
	tm.keys("C-d")
	tm.waitGone()

	hist := filepath.Join(cfg, "reportbot", "history")
	for path, want := range map[string]os.FileMode{hist: 0o600, filepath.Dir(hist): 0o700} {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s has mode %v, want %v", path, fi.Mode().Perm(), want)
		}
	}
	data, err := os.ReadFile(hist)
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != "2023年规上工业总产值是多？呀\n" {
		t.Errorf("history file = %q, want the question once", data)
	}

	// Again: the history is back, and Ctrl-C on an empty line leaves.
	start()
	tm.keys("Up")
	tm.waitFor("the question from the last session", func(s string) bool { return lastLine(s) == "> 2023年规上工业总产值是多？呀" })
	tm.keys("Down")
	tm.waitFor("an empty line", func(s string) bool { return lastLine(s) == ">" })
	tm.keys("C-c")
	tm.waitGone()
}

// tmux drives one tmux session.
type tmux struct {
	t       *testing.T
	session string
}

func (tm *tmux) run(args ...string) string {
	tm.t.Helper()
	out, err := exec.Command("tmux", args...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// keys sends keys: tmux key names (Left, BSpace, C-l) or literal text.
func (tm *tmux) keys(keys ...string) {
	tm.t.Helper()
	tm.run(append([]string{"send-keys", "-t", tm.session}, keys...)...)
}

// waitFor polls the screen until ok holds, for at most 10 s, and returns
// it. Polling is the only way to watch a terminal from outside.
func (tm *tmux) waitFor(what string, ok func(screen string) bool) string {
	tm.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var screen string
	for time.Now().Before(deadline) {
		out, err := exec.Command("tmux", "capture-pane", "-p", "-t", tm.session).CombinedOutput()
		if err != nil {
			tm.t.Fatalf("waiting for %s: tmux capture-pane: %v\n%s", what, err, out)
		}
		screen = strings.TrimRight(string(out), "\n ")
		if ok(screen) {
			return screen
		}
		time.Sleep(50 * time.Millisecond)
	}
	tm.t.Fatalf("waiting for %s; the screen shows:\n%s", what, screen)
	return ""
}

// waitGone waits until the session has ended, i.e. the chat has exited.
func (tm *tmux) waitGone() {
	tm.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if exec.Command("tmux", "has-session", "-t", tm.session).Run() != nil {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	tm.t.Fatalf("the chat did not exit")
}

// lastLine returns the last non-empty line of the screen, right-trimmed.
func lastLine(screen string) string {
	lines := strings.Split(strings.TrimRight(screen, "\n "), "\n")
	return strings.TrimRight(lines[len(lines)-1], " ")
}
