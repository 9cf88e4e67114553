package serve

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"sync"
)

// webFS holds the page: plain HTML, CSS and JavaScript written by hand, so
// there is no build step.
//
//go:embed web
var webFS embed.FS

// pageCSP allows the page its own script, style and API calls, and nothing
// else: no inline script, no other origin, no framing.
const pageCSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
	"font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

func (s *Server) handlePage(w http.ResponseWriter, r *http.Request) {
	s.serveFile(w, r, "index.html")
}

// handleStatic serves /static/NAME from web/; names are looked up in the
// embedded tree only, never on disk.
func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) {
	name := path.Clean(r.URL.Path[len("/static/"):])
	if name == "index.html" {
		http.Redirect(w, r, "/", http.StatusMovedPermanently)
		return
	}
	s.serveFile(w, r, name)
}

func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, name string) {
	sub, _ := fs.Sub(webFS, "web")
	if !fs.ValidPath(name) {
		writeError(w, errRouteNotFound)
		return
	}
	if st, err := fs.Stat(sub, name); err != nil || st.IsDir() {
		writeError(w, errRouteNotFound)
		return
	}
	h := w.Header()
	h.Set("ETag", etag(sub, name))
	h.Set("Content-Security-Policy", pageCSP)
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cache-Control", "no-cache")
	http.ServeFileFS(w, r, sub, name)
}

// etags holds the ETag of each embedded file, so that a browser
// revalidates the page cheaply (embedded files have no modification time).
var etags sync.Map // name → string

func etag(fsys fs.FS, name string) string {
	if v, ok := etags.Load(name); ok {
		return v.(string)
	}
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	tag := `"` + hex.EncodeToString(sum[:8]) + `"`
	etags.Store(name, tag)
	return tag
}
