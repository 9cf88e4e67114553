package bot

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Reconnect policy defaults. discordgo's own reconnect loop retries a
// failed Open with backoff, but a connection that opens and drops again is
// reopened at once, about once a second (the time its Close sleeps), for
// ever. The supervisor below replaces it.
const (
	reconnectMin    = time.Second     // delay before the first reconnect
	reconnectMax    = 2 * time.Minute // cap of the doubling delay
	reconnectStable = time.Minute     // a connection up this long resets the delay
)

// backoff configures gateway reconnects. The zero value means the
// defaults above and real timers.
type backoff struct {
	min, max, stable time.Duration
	// sleep waits d or until ctx is done; nil means a timer. Tests use it
	// to record the delays without waiting them out.
	sleep func(ctx context.Context, d time.Duration) error
}

func (b backoff) withDefaults() backoff {
	if b.min <= 0 {
		b.min = reconnectMin
	}
	if b.max < b.min {
		b.max = max(reconnectMax, b.min)
	}
	if b.stable <= 0 {
		b.stable = reconnectStable
	}
	if b.sleep == nil {
		b.sleep = sleepCtx
	}
	return b
}

// delay returns the wait before reconnect attempt n (0-based): min·2ⁿ
// capped at max, with "equal jitter" (half fixed, half random) so that
// many bots dropped at once do not come back in step.
func (b backoff) delay(n int) time.Duration {
	d := b.max
	if n < 32 {
		d = min(b.min<<n, b.max)
	}
	half := d / 2
	return half + rand.N(d-half+1)
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// supervisor reopens the gateway connection after it drops, with backoff,
// until stopped. discordgo's Open resumes the session when it can.
type supervisor struct {
	s    *discordgo.Session
	log  *slog.Logger
	b    backoff
	live func() int // open gateway connections

	down    chan struct{}
	ctx     context.Context
	cancel  context.CancelFunc
	done    chan struct{}
	opening atomic.Bool // inside s.Open
	started atomic.Bool

	mu      sync.Mutex
	upSince time.Time
}

func newSupervisor(ctx context.Context, s *discordgo.Session, log *slog.Logger, b backoff, live func() int) *supervisor {
	sv := &supervisor{s: s, log: log, b: b.withDefaults(), live: live, down: make(chan struct{}, 1), done: make(chan struct{})}
	sv.ctx, sv.cancel = context.WithCancel(ctx)
	s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Connect) {
		sv.mu.Lock()
		sv.upSince = time.Now()
		sv.mu.Unlock()
	})
	s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Disconnect) {
		select {
		case sv.down <- struct{}{}:
		default: // a reconnect is already due
		}
	})
	return sv
}

// start runs the reconnect loop in its own goroutine.
func (sv *supervisor) start() {
	sv.started.Store(true)
	go sv.loop()
}

// stop ends the loop (a wait in progress ends at once) and returns a
// channel closed when it has returned.
func (sv *supervisor) stop() <-chan struct{} {
	sv.cancel()
	if !sv.started.Load() {
		done := make(chan struct{})
		close(done)
		return done
	}
	return sv.done
}

func (sv *supervisor) loop() {
	defer close(sv.done)
	attempt := 0
	for {
		select {
		case <-sv.ctx.Done():
			return
		case <-sv.down:
		}
		if sv.connected() {
			continue // a late second report of a drop already repaired
		}
		sv.mu.Lock()
		if !sv.upSince.IsZero() && time.Since(sv.upSince) >= sv.b.stable {
			attempt = 0
		}
		sv.mu.Unlock()
		for {
			d := sv.b.delay(attempt)
			attempt++
			sv.log.Warn("discord: disconnected; reconnecting", "attempt", attempt, "delay_ms", d.Milliseconds())
			if sv.b.sleep(sv.ctx, d) != nil {
				return
			}
			sv.opening.Store(true)
			err := sv.s.Open()
			sv.opening.Store(false)
			if err == nil || errors.Is(err, discordgo.ErrWSAlreadyOpen) {
				// One drop can be reported twice (discordgo's reader and
				// its heartbeat both close the session); forget reports
				// that came before this connection opened.
				select {
				case <-sv.down:
				default:
				}
				break
			}
			if sv.ctx.Err() != nil {
				return
			}
			sv.log.Warn("discord: reconnect failed", "attempt", attempt, "err", err)
		}
	}
}

// connected reports whether a gateway connection is open. discordgo's
// Close closes the connection before it reports the disconnect, so a
// report that finds one open is about a drop already repaired.
func (sv *supervisor) connected() bool { return sv.live != nil && sv.live() > 0 }

// errGatewayClosed is returned by the gateway dialer after shutdown.
var errGatewayClosed = errors.New("discord: gateway closed")

// conns tracks the gateway's network connections so that shutdown can cut
// them when discordgo's Close is stuck (for example behind an Open that
// waits for a HELLO that never comes), and so that nothing dials after
// shutdown.
type conns struct {
	mu     sync.Mutex
	closed bool
	live   map[*trackedConn]struct{}
}

func newConns() *conns { return &conns{live: make(map[*trackedConn]struct{})} }

// dialer returns a websocket dialer like discordgo's default, dialing
// through c.
func (c *conns) dialer() *websocket.Dialer {
	return &websocket.Dialer{
		Proxy:            http.ProxyFromEnvironment,
		HandshakeTimeout: 15 * time.Second,
		NetDialContext:   c.dial,
	}
}

func (c *conns) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	c.mu.Lock()
	closed := c.closed
	c.mu.Unlock()
	if closed {
		return nil, errGatewayClosed
	}
	nc, err := (&net.Dialer{Timeout: 15 * time.Second, KeepAlive: 30 * time.Second}).DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	tc := &trackedConn{Conn: nc, c: c}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		nc.Close()
		return nil, errGatewayClosed
	}
	c.live[tc] = struct{}{}
	return tc, nil
}

// refuse makes every later dial fail.
func (c *conns) refuse() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
}

// closeAll refuses later dials and closes every live connection.
func (c *conns) closeAll() {
	c.mu.Lock()
	c.closed = true
	live := make([]*trackedConn, 0, len(c.live))
	for tc := range c.live {
		live = append(live, tc)
	}
	c.mu.Unlock()
	for _, tc := range live {
		tc.Close()
	}
}

// open returns how many connections are open.
func (c *conns) open() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.live)
}

type trackedConn struct {
	net.Conn
	c    *conns
	once sync.Once
}

func (tc *trackedConn) Close() error {
	var err error
	tc.once.Do(func() {
		tc.c.mu.Lock()
		delete(tc.c.live, tc)
		tc.c.mu.Unlock()
		err = tc.Conn.Close()
	})
	return err
}
