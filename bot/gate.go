package bot

import (
	"context"
	"errors"
	"sync"
)

// errBusy is returned by gate.enter when every slot is taken and the
// queue is full.
var errBusy = errors.New("bot: busy")

// gate bounds the answers in flight: at most n run at once, up to queue
// more wait for a slot, and the rest are turned away at once with errBusy.
// It is safe for concurrent use.
type gate struct {
	slots chan struct{}
	queue int

	mu      sync.Mutex
	waiting int
	running int
	peak    int // the most running at once, for tests and logs
}

func newGate(n, queue int) *gate {
	return &gate{slots: make(chan struct{}, max(n, 1)), queue: max(queue, 0)}
}

// enter takes a slot, waiting in the queue if there is room. It returns a
// release func to call exactly once when the work is done, errBusy when
// the queue is full, or ctx's error when ctx ends while waiting.
func (g *gate) enter(ctx context.Context) (release func(), err error) {
	select {
	case g.slots <- struct{}{}:
		return g.took(), nil
	default:
	}
	g.mu.Lock()
	if g.waiting >= g.queue {
		g.mu.Unlock()
		return nil, errBusy
	}
	g.waiting++
	g.mu.Unlock()
	defer func() {
		g.mu.Lock()
		g.waiting--
		g.mu.Unlock()
	}()
	select {
	case g.slots <- struct{}{}:
		return g.took(), nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (g *gate) took() func() {
	g.mu.Lock()
	g.running++
	g.peak = max(g.peak, g.running)
	g.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			g.mu.Lock()
			g.running--
			g.mu.Unlock()
			<-g.slots
		})
	}
}

// stats returns how many answers run now, wait now, and the most that ran
// at once.
func (g *gate) stats() (running, waiting, peak int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.running, g.waiting, g.peak
}
