package serve

import (
	"context"
	"sync/atomic"
	"time"
)

// gate bounds the engine calls running at once. A caller past the bound
// waits for a slot, up to a time limit, when fewer than maxWaiting others
// are waiting; otherwise it is turned away at once. It is safe for
// concurrent use.
type gate struct {
	slots      chan struct{}
	waiting    atomic.Int64
	maxWaiting int64
	wait       time.Duration
}

func newGate(n int, wait time.Duration) *gate {
	return &gate{slots: make(chan struct{}, n), maxWaiting: int64(n), wait: wait}
}

// acquire takes a slot and reports whether it got one; the caller must
// release a slot it got.
func (g *gate) acquire(ctx context.Context) bool {
	select {
	case g.slots <- struct{}{}:
		return true
	default:
	}
	if g.waiting.Add(1) > g.maxWaiting {
		g.waiting.Add(-1)
		return false
	}
	defer g.waiting.Add(-1)
	t := time.NewTimer(g.wait)
	defer t.Stop()
	select {
	case g.slots <- struct{}{}:
		return true
	case <-t.C:
		return false
	case <-ctx.Done():
		return false
	}
}

func (g *gate) release() { <-g.slots }

// inFlight returns the number of slots taken.
func (g *gate) inFlight() int { return len(g.slots) }
