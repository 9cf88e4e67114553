package bot

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/reportbot/reportbot/answer"
	"github.com/reportbot/reportbot/seeds"
)

func TestRender(t *testing.T) {
	t.Parallel()
	a := answer.Answer{
		Text:       "2023年全社会固定资产投资93.86亿元[1]，交通优先[2]。",
		Answerable: true,
		Citations:  []answer.Citation{citInvest, citTraffic},
	}
	want := "2023年全社会固定资产投资93.86亿元[1]，交通优先[2]。\n\n" +
		"来源 Sources\n" +
		"[1] 一、2023年工作总结 — “全年规上工业总产值494.91亿元,同比增长1.72%,规上工业增加值增速6.8%,全社会固定资产投资93.86亿元,同比增长8.53%,社会消费品零售总额…”\n" +
		"[2] 二(三) 聚焦交通畅行,塑造外通内达新格局 — “坚持交通优先战略,紧抓鹭湖中心城重要发展窗口期,着力推进重大交通基础设施建设,形成高质量的要素流通网络。”"
	if got := Render(a); got != want {
		t.Errorf("Render =\n%s\nwant\n%s", got, want)
	}
	wantFull := "来源 Sources\n\n[1] 一、2023年工作总结 — “" + citInvest.Text + "”\n\n[2] " + citTraffic.Label + " — “" + citTraffic.Text + "”"
	if got := RenderSources(a.Citations); got != wantFull {
		t.Errorf("RenderSources =\n%s\nwant\n%s", got, wantFull)
	}
	if got := RenderSources(nil); got != "" {
		t.Errorf("RenderSources(nil) = %q, want \"\"", got)
	}
}

func TestRenderLabelsNameReportsWhenMixed(t *testing.T) {
	t.Parallel()
	other := citTraffic
	other.Report = "2023年工作报告"
	got := Render(answer.Answer{Text: "x", Citations: []answer.Citation{citInvest, other}})
	for _, want := range []string{"[1] 2024年观湖街道党工委工作报告 · 一、2023年工作总结", "[2] 2023年工作报告 · 二(三)"} {
		if !strings.Contains(got, want) {
			t.Errorf("Render with two reports = %q, want it to contain %q", got, want)
		}
	}
}

// checkEmbed reports the first Discord limit e breaks.
func checkEmbed(e *discordgo.MessageEmbed) error {
	switch {
	case runes(e.Title) > maxTitle:
		return fmt.Errorf("title has %d runes > %d", runes(e.Title), maxTitle)
	case runes(e.Description) > maxDescription:
		return fmt.Errorf("description has %d runes > %d", runes(e.Description), maxDescription)
	case strings.TrimSpace(e.Description) == "" && len(e.Fields) == 0:
		return fmt.Errorf("embed is empty")
	case len(e.Fields) > maxFields:
		return fmt.Errorf("%d fields > %d", len(e.Fields), maxFields)
	case e.Footer != nil && runes(e.Footer.Text) > maxFooter:
		return fmt.Errorf("footer has %d runes", runes(e.Footer.Text))
	}
	for i, f := range e.Fields {
		if runes(f.Name) > maxFieldName || f.Name == "" {
			return fmt.Errorf("field %d name has %d runes", i, runes(f.Name))
		}
		if runes(f.Value) > maxFieldValue || f.Value == "" {
			return fmt.Errorf("field %d value has %d runes", i, runes(f.Value))
		}
	}
	if n := embedSize(e); n > maxEmbedTotal {
		return fmt.Errorf("embed totals %d runes > %d", n, maxEmbedTotal)
	}
	return nil
}

func TestEmbedLimits(t *testing.T) {
	t.Parallel()
	seed := []rune(seeds.MustDefault())
	passage := func(i, n int) string { return string(seed[(i*397)%(len(seed)-n):][:n]) }
	many := func(k, n int) []answer.Citation {
		var cs []answer.Citation
		for i := range k {
			cs = append(cs, answer.Citation{N: i + 1, Label: strings.Repeat("标签", 200), Text: passage(i, n)})
		}
		return cs
	}
	tests := []struct {
		name      string
		a         answer.Answer
		minEmbeds int
	}{
		{name: "short", a: answer.Answer{Question: "投资?", Text: "93.86亿元[1]。", Citations: []answer.Citation{citInvest}}, minEmbeds: 1},
		{name: "5000-rune answer", a: answer.Answer{Question: "总结?", Text: passage(0, 5000), Citations: many(3, 300)}, minEmbeds: 2},
		{name: "40 citations", a: answer.Answer{Question: strings.Repeat("长问题", 200), Text: passage(1, 3000), Citations: many(40, 2000)}, minEmbeds: 1},
		{name: "no citations", a: answer.Answer{Question: "?", Text: "报告中没有提到。", Note: strings.Repeat("注", 5000)}, minEmbeds: 2},
		{name: "empty text", a: answer.Answer{}, minEmbeds: 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			es := answerEmbeds(tc.a)
			if len(es) < tc.minEmbeds {
				t.Errorf("answerEmbeds gave %d embeds, want at least %d", len(es), tc.minEmbeds)
			}
			var desc strings.Builder
			for i, e := range es {
				if err := checkEmbed(e); err != nil {
					t.Errorf("answer embed %d: %v", i, err)
				}
				desc.WriteString(e.Description)
			}
			if tc.a.Text != "" && !strings.HasPrefix(desc.String(), strings.TrimSpace(tc.a.Text)) {
				t.Errorf("answer embeds do not carry the whole answer text")
			}
			if n := len(tc.a.Citations); n > 0 && len(es[0].Fields) == 0 {
				t.Errorf("answer with %d citations has no citation fields", n)
			}
			if n := len(tc.a.Citations); n > len(es[0].Fields) && !strings.Contains(es[0].Footer.Text, "more sources") {
				t.Errorf("%d of %d citations shown but the footer %q does not say so", len(es[0].Fields), n, es[0].Footer.Text)
			}
			pages := sourcePages(tc.a.Citations)
			var all strings.Builder
			for i, e := range pages {
				if err := checkEmbed(e); err != nil {
					t.Errorf("source page %d: %v", i, err)
				}
				all.WriteString(e.Description)
			}
			for _, c := range tc.a.Citations {
				if !strings.Contains(strings.ReplaceAll(all.String(), "\n\n", ""), strings.ReplaceAll(strings.TrimSpace(c.Text), "\n\n", "")) {
					t.Errorf("source pages lose passage [%d]", c.N)
				}
			}
		})
	}
}

func TestSourcePagesPackAndPaginate(t *testing.T) {
	t.Parallel()
	pages := sourcePages([]answer.Citation{citInvest, citTraffic})
	if len(pages) != 1 || pages[0].Title != SourcesHeading {
		t.Fatalf("two short passages: %d pages titled %q, want 1 page titled %q", len(pages), pages[0].Title, SourcesHeading)
	}
	var cs []answer.Citation
	for i := range 30 {
		c := citInvest
		c.N = i + 1
		cs = append(cs, c)
	}
	pages = sourcePages(cs)
	if len(pages) < 2 {
		t.Fatalf("30 passages fit on %d page, want several", len(pages))
	}
	if want := fmt.Sprintf("来源 Sources（1/%d）", len(pages)); pages[0].Title != want {
		t.Errorf("first page title = %q, want %q", pages[0].Title, want)
	}
}
