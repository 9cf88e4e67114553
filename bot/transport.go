package bot

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// discordHTTPClient copies base (or makes a client), cleans request and
// response bodies with rd and, when apiBase is set, routes discord.com/api
// requests to it.
func discordHTTPClient(base *http.Client, apiBase string, rd *redactor) (*http.Client, error) {
	c := &http.Client{Timeout: 20 * time.Second}
	if base != nil {
		cp := *base
		c = &cp
	}
	next := c.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	if apiBase == "" {
		c.Transport = &redactTransport{r: rd, next: next}
		return c, nil
	}
	u, err := url.Parse(apiBase)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("discord: APIBase %q is not an absolute http(s) URL; use e.g. https://discord.com/api/v10/", apiBase)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		u.RawPath = ""
	}
	c.Transport = &redactTransport{r: rd, next: &rewriteTransport{base: u, next: next}}
	return c, nil
}

// rewriteTransport sends requests for https://discord.com/api/[vN/]PATH to
// base + PATH, leaving everything else alone. It does not touch discordgo's
// global Endpoint variables, so several sessions can point at different
// servers at once.
type rewriteTransport struct {
	base *url.URL
	next http.RoundTripper
}

func (t *rewriteTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	rest, ok := apiPath(req.URL)
	if !ok {
		return t.next.RoundTrip(req)
	}
	r2 := req.Clone(req.Context())
	u := *req.URL
	u.Scheme, u.Host, u.User = t.base.Scheme, t.base.Host, t.base.User
	escaped := t.base.EscapedPath() + rest
	if p, err := url.PathUnescape(escaped); err == nil {
		u.Path, u.RawPath = p, escaped
	} else {
		u.Path, u.RawPath = t.base.Path+rest, ""
	}
	r2.URL = &u
	r2.Host = ""
	return t.next.RoundTrip(r2)
}

// apiPath returns the escaped path after /api/ and an optional vN/ for
// discord.com URLs.
func apiPath(u *url.URL) (string, bool) {
	if u.Host != "discord.com" && u.Host != "discordapp.com" {
		return "", false
	}
	p, ok := strings.CutPrefix(u.EscapedPath(), "/api/")
	if !ok {
		return "", false
	}
	if len(p) > 1 && p[0] == 'v' {
		i := 1
		for i < len(p) && p[i] >= '0' && p[i] <= '9' {
			i++
		}
		switch {
		case i > 1 && i == len(p):
			p = ""
		case i > 1 && p[i] == '/':
			p = p[i+1:]
		}
	}
	return p, true
}
