package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"sync"

	"github.com/storyline/storyline"
)

// templateFS holds the page templates: templates/layout.html wraps every
// page, templates/partials/*.html are shared pieces, and each file in
// templates/pages defines one page's "title" and "content".
//
//go:embed templates
var templateFS embed.FS

// page is what every template receives.
type page struct {
	Title    string
	Site     Settings
	User     *storyline.User
	Theme    string // "light", "dark" or "" (follow the system)
	Path     string // the request's path, to mark the current section
	Query    string // the search box's text
	Static   func(name string) string
	CanAdmin bool
	// Reader is the signed-in reader's unread counts, follows and mutes;
	// nil for a visitor.
	Reader *readerNav
	Data   any
}

// UserName is the signed-in reader's name, escaped; a hole on a page
// rendered for every reader alike.
func (p page) UserName() template.HTML {
	switch {
	case p.User == nil:
		return ""
	case p.Reader != nil && p.Reader.readerState != nil && p.Reader.holes != nil:
		return p.Reader.holes.html(holeUser, 0, nil)
	}
	return template.HTML(template.HTMLEscapeString(p.User.Name)) //nolint:gosec // escaped
}

// loadTemplates parses the layout and partials once, and each page on a
// clone of them.
func (s *Server) loadTemplates() (map[string]*template.Template, error) {
	base, err := template.New("layout.html").Funcs(s.templateFuncs()).ParseFS(templateFS, "templates/layout.html", "templates/partials/*.html")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	names, err := fs.Glob(templateFS, "templates/pages/*.html")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	pages := make(map[string]*template.Template, len(names))
	for _, name := range names {
		t, err := template.Must(base.Clone()).ParseFS(templateFS, name)
		if err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
		pages[strings.TrimSuffix(path.Base(name), ".html")] = t
	}
	return pages, nil
}

// bufPool recycles render buffers.
var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render writes page name with data, titled title, with status. The page
// is rendered to a buffer first, so a template error becomes a clean 500.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	t, ok := s.pages[name]
	if !ok {
		s.errorPage(w, r, fmt.Errorf("render: no page template %q", name))
		return
	}
	set, err := s.currentSettings(r.Context())
	if err != nil {
		s.log.Warn("render: settings", "err", err)
	}
	u := userFrom(r.Context())
	p := page{
		Title: title, Site: set, User: u, Theme: themeOf(r), Path: r.URL.Path,
		Query: r.URL.Query().Get("q"), Static: s.static.url, CanAdmin: u.IsAdmin(), Data: data,
	}
	if name != "error" {
		p.Reader = s.readerNav(r.Context(), data)
	}
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if err := t.ExecuteTemplate(buf, "layout.html", p); err != nil {
		if name == "error" {
			s.log.Error("render error page", "err", err)
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		s.errorPage(w, r, fmt.Errorf("render %s: %w", name, err))
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	if u != nil {
		h.Set("Cache-Control", "private, no-store")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// errorView is the data of the error page.
type errorView struct {
	Status  int
	Message string
}

// errorPage answers err as a page with the status of its code; internal
// errors are logged and shown only as "internal error".
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, err error) {
	code := storyline.ErrorCode(err)
	if code == storyline.EINTERNAL {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	status := statusOf(code)
	s.render(w, r, status, "error", http.StatusText(status), errorView{Status: status, Message: storyline.ErrorMessage(err)})
}

// pageNotFound answers paths that match no page.
func (s *Server) pageNotFound(w http.ResponseWriter, r *http.Request) {
	if isAPI(r) {
		s.apiNotFound(w, r)
		return
	}
	s.errorPage(w, r, storyline.Errorf(storyline.ENOTFOUND, "no page at %s", r.URL.Path))
}
