package serve

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowser drives the page in headless Chromium: ask the seed question,
// wait for the answer, click [1] and check that the highlighted text is the
// citation's text; on a laptop and on a phone, with screenshots. It runs
// only with REPORTBOT_BROWSER=1 (apt-get install -y chromium
// fonts-noto-cjk); REPORTBOT_SCREENSHOTS=DIR keeps the screenshots there.
func TestBrowser(t *testing.T) {
	if os.Getenv("REPORTBOT_BROWSER") != "1" {
		t.Skip("set REPORTBOT_BROWSER=1 to drive headless Chromium")
	}
	exe := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			exe = p
			break
		}
	}
	if exe == "" {
		t.Fatal("REPORTBOT_BROWSER=1 but no chromium on PATH; apt-get install -y chromium fonts-noto-cjk")
	}
	shots := os.Getenv("REPORTBOT_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}

	// The citation the page should highlight, from the JSON API.
	base, _ := setup(t, nil, Options{})
	_, _, body := call(t, "GET", base+"/api/ask?q="+url.QueryEscape(seedQuestion), "", "")
	var ans struct {
		Citations []struct {
			N     int    `json:"n"`
			Text  string `json:"text"`
			Start int    `json:"start"`
			End   int    `json:"end"`
		} `json:"citations"`
	}
	if err := json.Unmarshal(body, &ans); err != nil || len(ans.Citations) == 0 {
		t.Fatalf("GET /api/ask = %s (%v), want citations", body, err)
	}
	want := ans.Citations[0].Text

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.Flag("lang", "zh-CN"))
	actx, cancel := chromedp.NewExecAllocator(t.Context(), opts...)
	defer cancel()

	for _, dev := range []struct {
		name          string
		width, height int64
		mobile        bool
		scale         float64
	}{
		{"desktop", 1280, 800, false, 1},
		{"phone", 390, 844, true, 2},
	} {
		t.Run(dev.name, func(t *testing.T) {
			bctx, cancel := chromedp.NewContext(actx)
			defer cancel()
			// The first run starts the browser; it gets no timeout of its
			// own (a timeout there would stop the browser).
			view := []chromedp.EmulateViewportOption{chromedp.EmulateScale(dev.scale)}
			if dev.mobile {
				view = append(view, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
			}
			if err := chromedp.Do(bctx, chromedp.EmulateViewport(dev.width, dev.height, view...)); err != nil {
				t.Fatalf("chromedp: start: %v", err)
			}
			ctx, cancel := context.WithTimeout(bctx, 60*time.Second)
			defer cancel()
			shot := func(name string) chromedp.Action[chromedp.Void] {
				return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
					buf, err := chromedp.CaptureScreenshot()(ctx, tg)
					if err != nil {
						return err
					}
					p := filepath.Join(shots, dev.name+"-"+name+".png")
					t.Logf("screenshot %s", p)
					return os.WriteFile(p, buf, 0o644)
				})
			}
			css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
			step := func(what string, steps ...chromedp.Action[chromedp.Void]) {
				t.Helper()
				if err := chromedp.Do(ctx, steps...); err != nil {
					t.Fatalf("chromedp: %s: %v", what, err)
				}
			}
			text := func(sel string) string {
				t.Helper()
				s, err := chromedp.Run(ctx, chromedp.TextContent(css(sel)))
				if err != nil {
					t.Fatalf("chromedp: text of %s: %v", sel, err)
				}
				return s
			}

			step("open the page",
				chromedp.Navigate(base+"/"),
				chromedp.WaitVisible(css(`body[data-ready="1"]`)),
				shot("start"))
			step("ask",
				chromedp.SendKeys(css(`#question`), seedQuestion),
				chromedp.Click(css(`#send`)),
				chromedp.WaitVisible(css(`.msg.bot .bubble:not(.pending) button.cite`)),
				shot("answer"))
			step("click [1]",
				chromedp.Click(css(`.msg.bot button.cite[data-n="1"]`)),
				chromedp.WaitVisible(css(`#hl`)))
			// Wait until the highlight has been scrolled into the reader.
			_, err := chromedp.Run(ctx, chromedp.Poll[bool](`(() => { const m = document.getElementById('hl');
				const b = document.getElementById('reader-text'); if (!m || !b) return false;
				const r = m.getBoundingClientRect(), v = b.getBoundingClientRect();
				return r.height > 0 && r.top >= v.top && r.bottom <= v.bottom; })()`, chromedp.WithPollingTimeout(10*time.Second)))
			if err != nil {
				t.Errorf("the highlight is not scrolled into the reader's view: %v", err)
			}
			step("screenshot", shot("citation"))
			if hl := text(`#hl`); hl != want {
				t.Errorf("highlighted text = %q, want citation [1]'s text %q", hl, want)
			}
			if where := text(`#reader-where`); !strings.Contains(where, "336") {
				t.Errorf("reader location = %q, want the citation's offsets", where)
			}
			if st := text(`#reader-status`); !strings.Contains(st, "文件已失效") {
				t.Errorf("reader status = %q, want 文件已失效", st)
			}

			// The report view, the comparison, the briefs, the English page.
			step("report view",
				chromedp.Click(css(`#reader-close`)),
				chromedp.Click(css(`#tabbtn-report`)),
				chromedp.WaitVisible(css(`#fig-table tbody tr`)),
				chromedp.SetValue(css(`#f-kind`), "target"),
				chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
					_, err := chromedp.Evaluate[chromedp.Void](`document.getElementById('f-kind').dispatchEvent(new Event('change'))`)(ctx, tg)
					return err
				}),
				chromedp.ScrollIntoView(css(`#fig-count`)),
				shot("report"))
			rows, err := chromedp.Run(ctx, chromedp.Evaluate[int](`[...document.querySelectorAll('#fig-table tbody tr')].filter(r => r.textContent.includes('目标')).length`))
			if err != nil || rows == 0 {
				t.Errorf("figures filtered to targets: %d rows (%v)", rows, err)
			}
			if meta := text(`#report-meta`); !strings.Contains(meta, "文件已失效") {
				t.Errorf("report header = %q, want the 文件已失效 mark", meta)
			}
			step("compare",
				chromedp.Click(css(`#tabbtn-compare`)),
				chromedp.SendKeys(css(`#compare-text`), "规上工业总产值"),
				chromedp.Click(css(`#compare-form button[type=submit]`)),
				chromedp.WaitVisible(css(`#compare-table tr.clickable`)),
				shot("compare"))
			if row := text(`#compare-table tr.clickable`); !strings.Contains(row, seedFigure) {
				t.Errorf("comparison row = %q, want %s", row, seedFigure)
			}
			step("brief",
				chromedp.Click(css(`#tabbtn-brief`)),
				chromedp.SendKeys(css(`#brief-topic`), "交通"),
				chromedp.Click(css(`#brief-form [data-format="docx"]`)),
				chromedp.Poll[chromedp.Void](`document.getElementById('brief-result').textContent.includes('.docx')`, chromedp.WithPollingTimeout(20*time.Second)),
				shot("brief"))
			if res := text(`#brief-result`); !strings.Contains(res, "交通.docx") {
				t.Errorf("brief download says %q, want the DOCX file name", res)
			}
			step("english",
				chromedp.Click(css(`#lang`)),
				chromedp.Click(css(`#tabbtn-chat`)),
				shot("english"))
			if tab := text(`#tabbtn-chat`); tab != "Ask" {
				t.Errorf("after the language toggle the chat tab reads %q, want Ask", tab)
			}
		})
	}

	// Several reports: the comparison has a row per report, and a row
	// opens that report's text at the figure.
	t.Run("multi", func(t *testing.T) {
		e, texts := multi(t)
		murl, _ := setup(t, e, Options{})
		bctx, cancel := chromedp.NewContext(actx)
		defer cancel()
		if err := chromedp.Do(bctx, chromedp.EmulateViewport(1280, 800)); err != nil {
			t.Fatalf("chromedp: start: %v", err)
		}
		ctx, cancel := context.WithTimeout(bctx, 60*time.Second)
		defer cancel()
		shot := func(name string) chromedp.Action[chromedp.Void] {
			return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				buf, err := chromedp.CaptureScreenshot()(ctx, tg)
				if err != nil {
					return err
				}
				return os.WriteFile(filepath.Join(shots, "multi-"+name+".png"), buf, 0o644)
			})
		}
		err := chromedp.Do(ctx,
			chromedp.Navigate(murl+"/"),
			chromedp.WaitVisible(chromedp.CSS(`body[data-ready="1"]`)),
			chromedp.Click(chromedp.CSS(`#tabbtn-compare`)),
			chromedp.SendKeys(chromedp.CSS(`#compare-text`), "2026年地区生产总值增长目标"),
			chromedp.Click(chromedp.CSS(`#compare-form button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`#compare-table tr.clickable`)),
			shot("compare"),
			chromedp.Click(chromedp.CSS(`#compare-table tr.clickable`)),
			chromedp.WaitVisible(chromedp.CSS(`#hl`)),
			shot("compare-reader"),
		)
		if err != nil {
			t.Fatalf("chromedp: %v", err)
		}
		rows, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#compare-table tbody tr:not(.summary)').length`))
		if err != nil || rows != len(texts) {
			t.Errorf("comparison rows = %d (%v), want %d", rows, err, len(texts))
		}
		hl, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(`#hl`)))
		if err != nil || hl == "" || !strings.Contains(texts[1]+texts[2], hl) {
			t.Errorf("the highlighted figure %q (%v) is not in the provincial reports", hl, err)
		}

		// Asking one report of several: its citations open that report.
		err = chromedp.Do(ctx,
			chromedp.Click(chromedp.CSS(`#reader-close`)),
			chromedp.Click(chromedp.CSS(`#tabbtn-chat`)),
			chromedp.SetValue(chromedp.CSS(`#scope`), multiFiles[0]),
			chromedp.SendKeys(chromedp.CSS(`#question`), "2026年地区生产总值增长目标是多少?"),
			chromedp.Click(chromedp.CSS(`#send`)),
			chromedp.WaitVisible(chromedp.CSS(`.msg.bot .bubble:not(.pending) button.cite`)),
			chromedp.Click(chromedp.CSS(`.msg.bot button.cite[data-n="1"]`)),
			chromedp.WaitVisible(chromedp.CSS(`#hl`)),
			shot("chat-scope"),
		)
		if err != nil {
			t.Fatalf("chromedp: %v", err)
		}
		if title, _ := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(`#reader-title`))); !strings.Contains(title, "安徽") {
			t.Errorf("a question scoped to %s opened %q", multiFiles[0], title)
		}
	})

	// With a token the page asks for it, and then works.
	t.Run("token", func(t *testing.T) {
		tokURL, _ := setup(t, nil, Options{Token: "s3cret-token"})
		bctx, cancel := chromedp.NewContext(actx)
		defer cancel()
		if err := chromedp.Do(bctx, chromedp.EmulateViewport(1280, 800)); err != nil {
			t.Fatalf("chromedp: start: %v", err)
		}
		ctx, cancel := context.WithTimeout(bctx, 60*time.Second)
		defer cancel()
		err := chromedp.Do(ctx,
			chromedp.Navigate(tokURL+"/"),
			chromedp.WaitVisible(chromedp.CSS(`#token-dialog[open] #token-input`)),
			chromedp.SendKeys(chromedp.CSS(`#token-input`), "s3cret-token"),
			chromedp.Click(chromedp.CSS(`#token-form button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`body[data-ready="1"]`)),
		)
		if err != nil {
			t.Fatalf("chromedp: %v", err)
		}
		loaded, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(`#loaded`)))
		if err != nil || !strings.Contains(loaded, "观湖") {
			t.Errorf("after the token the page lists %q (%v), want the seed report", loaded, err)
		}
	})
}
