package bot

import (
	"container/list"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// defaultLimiterUsers bounds how many users' limiters are remembered.
const defaultLimiterUsers = 4096

// limiter applies a per-user token bucket (golang.org/x/time/rate): n
// questions, refilled steadily at n per per. Its memory is bounded: it
// remembers at most max users and forgets the least recently seen first. A
// forgotten user starts again with a full bucket, which is what a user who
// has been away for a while would have anyway.
//
// A refused user is told once per window (per): take reports notice for
// the first refusal and then stays quiet until the window has passed, so a
// flood of messages gets one notice, not one per message.
//
// A limiter is safe for concurrent use.
type limiter struct {
	n   int
	per time.Duration
	max int

	mu    sync.Mutex
	users map[string]*list.Element // of *userLimit
	lru   list.List                // most recently seen at the front
}

type userLimit struct {
	user    string
	lim     *rate.Limiter
	noticed time.Time // last notice; zero if none
}

func newLimiter(n int, per time.Duration) *limiter {
	return &limiter{n: n, per: per, max: defaultLimiterUsers, users: make(map[string]*list.Element)}
}

// take spends one of user's tokens at now. It returns wait == 0 when the
// question may go ahead; otherwise wait is how long until a token is
// available and notice says whether to tell the user (the first refusal in
// a window) or to stay quiet.
func (l *limiter) take(user string, now time.Time) (wait time.Duration, notice bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	u := l.get(user)
	if u.lim.AllowN(now, 1) {
		return 0, false
	}
	short := 1 - u.lim.TokensAt(now)
	wait = time.Duration(short / float64(u.lim.Limit()) * float64(time.Second))
	if u.noticed.IsZero() || now.Sub(u.noticed) >= l.per {
		u.noticed = now
		return max(wait, 1), true
	}
	return max(wait, 1), false
}

// get returns user's entry, creating it (and forgetting the least recently
// seen user at the bound) and marking it most recently seen. Call with
// l.mu held.
func (l *limiter) get(user string) *userLimit {
	if e, ok := l.users[user]; ok {
		l.lru.MoveToFront(e)
		return e.Value.(*userLimit)
	}
	for len(l.users) >= l.max {
		old := l.lru.Back()
		l.lru.Remove(old)
		delete(l.users, old.Value.(*userLimit).user)
	}
	u := &userLimit{user: user, lim: rate.NewLimiter(rate.Every(l.per/time.Duration(l.n)), l.n)}
	l.users[user] = l.lru.PushFront(u)
	return u
}

// len returns how many users are remembered.
func (l *limiter) len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.users)
}
