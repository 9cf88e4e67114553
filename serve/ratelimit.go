package serve

import (
	"container/list"
	"math"
	"net"
	"net/http"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// maxClients bounds the limiters kept: past it the least recently seen
// client's limiter is dropped (that client starts again with a full
// burst, which is the worst a flood of new addresses can buy).
const maxClients = 10000

// clientLimiter is a token-bucket rate limit per client, with the buckets
// in a bounded LRU. It is safe for concurrent use.
type clientLimiter struct {
	limit rate.Limit
	burst int
	max   int

	mu    sync.Mutex
	order *list.List // of *clientEntry, most recent at the front
	byKey map[string]*list.Element
}

type clientEntry struct {
	key string
	lim *rate.Limiter
}

func newClientLimiter(perSecond float64, burst, max int) *clientLimiter {
	return &clientLimiter{limit: rate.Limit(perSecond), burst: burst, max: max, order: list.New(), byKey: map[string]*list.Element{}}
}

// allow takes a token for key at now. When none is left it returns false
// and the whole seconds until one will be.
func (c *clientLimiter) allow(key string, now time.Time) (bool, int) {
	lim := c.get(key)
	r := lim.ReserveN(now, 1)
	if !r.OK() {
		return false, 1
	}
	d := r.DelayFrom(now)
	if d == 0 {
		return true, 0
	}
	r.CancelAt(now)
	return false, int(math.Ceil(d.Seconds()))
}

// get returns key's limiter, making it (and dropping the oldest) as needed.
func (c *clientLimiter) get(key string) *rate.Limiter {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byKey[key]; ok {
		c.order.MoveToFront(el)
		return el.Value.(*clientEntry).lim
	}
	e := &clientEntry{key: key, lim: rate.NewLimiter(c.limit, c.burst)}
	c.byKey[key] = c.order.PushFront(e)
	for c.order.Len() > c.max {
		old := c.order.Back()
		c.order.Remove(old)
		delete(c.byKey, old.Value.(*clientEntry).key)
	}
	return e.lim
}

// len returns the number of clients tracked.
func (c *clientLimiter) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

// clientKey names the client of r: the IP address it connects from.
// X-Forwarded-For is not trusted; behind a proxy every client shares the
// proxy's limit.
func clientKey(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
