package serve

import (
	"embed"
	"io/fs"
	"net/http"
	"path"
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
	h.Set("Content-Security-Policy", pageCSP)
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cache-Control", "no-cache")
	http.ServeFileFS(w, r, sub, name)
}
