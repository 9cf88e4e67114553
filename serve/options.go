package serve

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"time"
)

// Defaults of the zero Options.
const (
	DefaultAddr             = "127.0.0.1:8080"
	DefaultModelName        = "reportbot"
	DefaultMaxBodyBytes     = 1 << 20
	DefaultMaxQuestionRunes = 1000
	DefaultMaxInFlight      = 32
	DefaultQueueWait        = 5 * time.Second
	DefaultRatePerClient    = 10 // requests per second
	DefaultRateBurst        = 40
	DefaultRequestTimeout   = 2 * time.Minute
	DefaultShutdownTimeout  = 30 * time.Second
)

// ErrInsecure is returned for a non-loopback address without a token.
var ErrInsecure = errors.New("serve: refusing to listen on a non-loopback address without a token")

// Options configure a Server. The zero value serves on 127.0.0.1:8080 with
// no token, no CORS and the default limits.
type Options struct {
	// Addr is the address to listen on; "" means DefaultAddr. An address
	// that is not loopback (":8080", "0.0.0.0:8080", a LAN address or a
	// host name other than localhost) needs a Token.
	Addr string
	// Token, when set, is the bearer token every route but / and /healthz
	// requires.
	Token string
	// CORSOrigins lists the origins allowed to call the API from a browser
	// ("https://example.org", or "*" for any). Empty means no CORS headers:
	// only the page served here can call the API.
	CORSOrigins []string
	// MaxBodyBytes bounds a request body (413 past it); 0 means
	// DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// MaxQuestionRunes bounds a question, a search query, a comparison text
	// or a brief topic, in code points (400 past it); 0 means
	// DefaultMaxQuestionRunes.
	MaxQuestionRunes int
	// MaxInFlight bounds the engine calls (answers, searches, comparisons,
	// briefs) running at once; 0 means DefaultMaxInFlight. As many more
	// wait up to QueueWait for a slot; the rest get 503 with Retry-After.
	MaxInFlight int
	// QueueWait is how long a request waits for a slot; 0 means
	// DefaultQueueWait.
	QueueWait time.Duration
	// RatePerClient is each client's sustained rate in requests per second
	// and RateBurst its burst (429 with Retry-After past them); 0 means
	// the defaults, a negative RatePerClient turns the limit off. Clients
	// are told apart by IP address; the limiters of the least recently seen
	// clients are dropped past maxClients.
	RatePerClient float64
	RateBurst     int
	// RequestTimeout bounds one engine call; 0 means
	// DefaultRequestTimeout.
	RequestTimeout time.Duration
	// ShutdownTimeout is how long Serve waits for requests in flight after
	// ctx is cancelled before it closes their connections; 0 means
	// DefaultShutdownTimeout.
	ShutdownTimeout time.Duration
	// Logger receives one Info record per request and the server's own
	// events; nil discards.
	Logger *slog.Logger
	// ModelName is the model id /v1/models lists and chat completions
	// accept; "" means DefaultModelName.
	ModelName string
	// Secrets are strings (the LLM API key) that are replaced by
	// [redacted] in everything the server logs.
	Secrets []string
}

// withDefaults returns o with every zero field set to its default.
func (o Options) withDefaults() Options {
	if o.Addr == "" {
		o.Addr = DefaultAddr
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if o.MaxQuestionRunes <= 0 {
		o.MaxQuestionRunes = DefaultMaxQuestionRunes
	}
	if o.MaxInFlight <= 0 {
		o.MaxInFlight = DefaultMaxInFlight
	}
	if o.QueueWait <= 0 {
		o.QueueWait = DefaultQueueWait
	}
	if o.RatePerClient == 0 {
		o.RatePerClient = DefaultRatePerClient
	}
	if o.RateBurst <= 0 {
		o.RateBurst = DefaultRateBurst
	}
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = DefaultRequestTimeout
	}
	if o.ShutdownTimeout <= 0 {
		o.ShutdownTimeout = DefaultShutdownTimeout
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.ModelName == "" {
		o.ModelName = DefaultModelName
	}
	return o
}

// CheckAddr returns an error wrapping ErrInsecure when addr ("" for
// DefaultAddr) is not a loopback address and token is empty, and an error
// for an address that is not host:port. A CLI calls it before loading
// the reports, so a bad address fails at once.
func CheckAddr(addr, token string) error {
	if addr == "" {
		addr = DefaultAddr
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("serve: address %q: %w", addr, err)
	}
	if token != "" || isLoopback(host) {
		return nil
	}
	return fmt.Errorf("%w: %s (set a token, or listen on 127.0.0.1)", ErrInsecure, addr)
}

// isLoopback reports whether host is a loopback IP address or localhost.
// An empty host (":8080") means every interface, which is not.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}
