package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/reportbot/reportbot/internal/fakediscord"
)

const testToken = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.Example.not-a-real-token-42"

// TestBotAgainstFakeDiscord builds the example, runs it as its own process
// against a fake Discord started here, asks it through a mention and the
// slash commands, and stops it with SIGINT as a user would with Ctrl-C.
func TestBotAgainstFakeDiscord(t *testing.T) {
	t.Parallel()
	bin := filepath.Join(t.TempDir(), "discordbot")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	fake := fakediscord.New(fakediscord.Options{Token: testToken})
	t.Cleanup(fake.Close)
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()

	cmd := exec.Command(bin, "-guilds", "g1", "-channels", "c1")
	cmd.Env = append(os.Environ(), "DISCORD_TOKEN="+testToken, "DISCORD_API_BASE="+fake.APIBase)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
	})

	if _, err := fake.WaitRequest(ctx, fakediscord.Is("PUT", "/applications/"+fake.AppID+"/guilds/g1/commands")); err != nil {
		t.Fatalf("the bot did not register its commands: %v\nstderr:\n%s", err, stderr.String())
	}

	// A mention in an allowed channel gets a cited answer from the offline engine.
	id, err := fake.SendMessage(fakediscord.Message{ChannelID: "c1", GuildID: "g1", AuthorID: "u1",
		Content: "<@" + fake.BotID + "> 2023年规上工业总产值是多少?", Mentions: []string{fake.BotID}})
	if err != nil {
		t.Fatal(err)
	}
	reply, err := fake.WaitRequest(ctx, func(r fakediscord.Request) bool {
		var m struct {
			Ref *struct {
				MessageID string `json:"message_id"`
			} `json:"message_reference"`
		}
		return r.Method == "POST" && r.Status < 300 && json.Unmarshal(r.Body, &m) == nil && m.Ref != nil && m.Ref.MessageID == id
	})
	if err != nil {
		t.Fatalf("no reply to the mention: %v\nstderr:\n%s", err, stderr.String())
	}
	if !strings.Contains(string(reply.Body), "494.91亿元") {
		t.Errorf("reply %s lacks the figure 494.91亿元", reply.Body)
	}

	// Slash commands: /figure uses the engine; /brief says it is not
	// available while the engine has no Briefer.
	for _, c := range []struct{ name, opt, value, want string }{
		{"figure", "metric", "规上工业总产值", "494.91"},
		{"brief", "topic", "交通", "简报"},
	} {
		in, err := fake.SendCommand(fakediscord.Command{ChannelID: "c1", GuildID: "g1", UserID: "u2", Name: c.name,
			Options: map[string]string{c.opt: c.value}})
		if err != nil {
			t.Fatal(err)
		}
		r, err := fake.WaitRequest(ctx, func(r fakediscord.Request) bool {
			return r.Status < 300 && ((r.Method == "PATCH" && r.Path == in.Original) ||
				(r.Method == "POST" && r.Path == in.Callback && strings.Contains(string(r.Body), `"type":4`)))
		})
		if err != nil {
			t.Fatalf("/%s got no answer: %v\nstderr:\n%s", c.name, err, stderr.String())
		}
		if !strings.Contains(string(r.Body), c.want) {
			t.Errorf("/%s answered %s, want %q in it", c.name, r.Body, c.want)
		}
	}

	// Ctrl-C: a graceful shutdown, exit status 0, the gateway closed.
	start := time.Now()
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("after SIGINT the bot exited with %v, want status 0\nstderr:\n%s", err, stderr.String())
		}
		t.Logf("stopped %v after SIGINT", time.Since(start).Round(time.Millisecond))
	case <-ctx.Done():
		t.Fatalf("the bot did not exit after SIGINT\nstderr:\n%s", stderr.String())
	}
	if err := fake.Wait(ctx, func() bool { return fake.Live() == 0 }); err != nil {
		t.Errorf("the gateway connection stayed open: %v", err)
	}
	if strings.Contains(stderr.String(), testToken) {
		t.Errorf("the token appears on stderr:\n%s", stderr.String())
	}
	if !strings.Contains(stderr.String(), "discord: stopped") {
		t.Errorf("stderr does not record the shutdown:\n%s", stderr.String())
	}
}

func TestNoTokenSaysWhatToSet(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	err := run(t.Context(), nil, strings.NewReader(""), &stdout, &stderr, func(string) string { return "" })
	if err != nil {
		t.Fatalf("run without a token = %v, want nil", err)
	}
	if !strings.Contains(stderr.String(), "DISCORD_TOKEN") {
		t.Errorf("stderr = %q, want it to say to set DISCORD_TOKEN", stderr.String())
	}
}

func TestTerminalOffline(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	in := strings.NewReader("2023年规上工业总产值是多少?\n/figure 规上工业总产值\n")
	if err := run(t.Context(), []string{"-terminal"}, in, &stdout, &stderr, func(string) string { return "" }); err != nil {
		t.Fatalf("run -terminal: %v\nstderr:\n%s", err, stderr.String())
	}
	if n := strings.Count(stdout.String(), "494.91亿元"); n < 2 {
		t.Errorf("terminal output mentions 494.91亿元 %d times, want an answer and a figure:\n%s", n, stdout.String())
	}
}
