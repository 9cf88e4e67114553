package qa

import (
	"context"
	"regexp"
	"strings"

	"github.com/reportbot/reportbot/lexicon"
)

// A question may describe a thing by what it does (给外卖小哥歇脚喝水充电的
// 地方) where the report names it once in a passage that says what it is
// (“暖心驿站”：面向外卖骑手、快递小哥…提供饮水、休息、充电…) and gives
// its figure elsewhere under that name only (建成县级“暖心驿站”113个). When
// no passage answers a figure but one of the best defines such a thing
// (its quoted name, then a colon), the question is asked again of that
// name.

// bridgeCover is the least cover of the question the passage naming the
// thing needs: it must be about what the question describes.
const bridgeCover = 0.5

// bridgeTailRE finds the question's last clause, which asks the figure
// (四川县里建了多少个); a question of one clause asks 有多少 and its unit.
var bridgeTailRE = regexp.MustCompile(`[^，,；;]*$`)

// bridge asks q again of a name the best passage quotes, and returns the
// verdict when a passage that says the name answers it.
func (e *Engine) bridge(ctx context.Context, q *Question, docs []int, section string, evs []*evidence) (verdict, bool) {
	if !q.Quantity || q.List || q.Lang != Chinese {
		return verdict{}, false
	}
	tail := strings.TrimRight(bridgeTailRE.FindString(strings.TrimSpace(q.Raw)), "？?")
	if tail == strings.TrimRight(q.Raw, "？?") || !lexicon.QuantityRE.MatchString(tail) {
		tail = "有多少" + q.Unit // one clause: the name and the kind of figure asked
	}
	for _, name := range bridgeNames(q, evs) {
		bq := e.understand("“" + name + "”" + tail)
		bq.Lang = q.Lang
		bev, err := e.gather(ctx, bq, docs, section)
		if err != nil || len(bev) == 0 {
			continue
		}
		if v := e.decide(bq, docs, bev); v.ok && v.fig != nil && strings.Contains(v.best.text, fold(name)) {
			return v, true
		}
	}
	return verdict{}, false
}

// definedNameRE finds a quoted name the passage defines: a colon follows
// it (14.“暖心驿站”：面向外卖骑手…提供饮水、休息、充电…).
var definedNameRE = regexp.MustCompile(`[“"]([^”"]{2,16})[”"][：:]`)

// bridgeDepth is how many of the best passages may name the thing.
const bridgeDepth = 3

// bridgeNames returns the names the best passages define, when they are
// about what q describes, and q does not say.
func bridgeNames(q *Question, evs []*evidence) []string {
	var out []string
	seen := map[string]bool{}
	for i, ev := range evs {
		if i == bridgeDepth || ev.cover < bridgeCover {
			break
		}
		for _, m := range definedNameRE.FindAllStringSubmatch(ev.text, -1) {
			name := m[1]
			if seen[name] || strings.Contains(q.Raw, name) || isPeriodWord(name) {
				continue
			}
			seen[name] = true
			out = append(out, name)
		}
	}
	return out
}
