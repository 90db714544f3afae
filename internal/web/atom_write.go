package web

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/atom"
)

// atomEntries is how many entries an Atom feed carries.
const atomEntries = 50

// siteURL is the site's base URL as the client reached it: the scheme
// (https behind TLS, or a trusted proxy that says so) and the Host header.
func (s *Server) siteURL(r *http.Request) string {
	scheme := "http"
	if s.isTLS(r) {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// tagURI is a permanent id for a thing of this site (RFC 4151), e.g.
// tag:news.example.com,2026:stories/1.
func tagURI(r *http.Request, specific string) string {
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	return "tag:" + host + ",2026:" + specific
}

// newAtomFeed starts a feed whose page on the site is page (a path): its
// id and self link are the request's own URL.
func (s *Server) newAtomFeed(r *http.Request, title, page string) *atom.Feed {
	base := s.siteURL(r)
	self := base + r.URL.RequestURI()
	return &atom.Feed{
		ID: self, Title: title, Generator: "Storyline",
		Links: []atom.Link{{Href: self, Rel: "self", Type: atom.MediaType}, {Href: base + page, Type: "text/html"}},
	}
}

// writeAtom writes f as an Atom document, or an error page when it cannot
// be encoded.
func (s *Server) writeAtom(w http.ResponseWriter, r *http.Request, f *atom.Feed) {
	var b bytes.Buffer
	if err := atom.Write(&b, f); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", atom.ContentType)
	w.WriteHeader(http.StatusOK)
	if _, err := w.Write(b.Bytes()); err != nil {
		s.log.Debug("write feed", "err", err)
	}
}

// outletPerson is an outlet as an entry's author, with its page.
func (s *Server) outletPerson(r *http.Request, name string) atom.Person {
	if name == "" {
		return atom.Person{}
	}
	return atom.Person{Name: name, URI: s.siteURL(r) + "/outlets/" + url.PathEscape(name)}
}

// atomArticle is what an Atom entry for an article is made of.
type atomArticle struct {
	ID      int64
	Source  string
	Title   string
	URL     string    // the original; "" for imported documents
	At      time.Time // published, or first stored
	Summary string
}

// articleEntry is an Atom entry for an article: its id is its URL (a tag
// URI when it has none), its link its page on this site with the original
// as a related link, and its author the outlet.
func (s *Server) articleEntry(r *http.Request, a atomArticle) atom.Entry {
	page := articlePath(a.ID)
	e := atom.Entry{
		ID: a.URL, Title: a.Title, Updated: a.At, Published: a.At, Summary: a.Summary,
		Links:   []atom.Link{{Href: s.siteURL(r) + page, Type: "text/html"}},
		Authors: []atom.Person{s.outletPerson(r, a.Source)},
	}
	if a.URL == "" {
		e.ID = tagURI(r, page[1:])
	} else {
		e.Links = append(e.Links, atom.Link{Href: a.URL, Rel: "related", Type: "text/html", Title: "Original"})
	}
	if e.Title == "" {
		e.Title = "(untitled)"
	}
	return e
}

// articleSummary is an article's summary from its analysis, or "" before
// it is analysed.
func (s *Server) articleSummary(ctx context.Context, id int64) (string, error) {
	an, err := s.store.Analysis(ctx, id)
	switch storyline.ErrorCode(err) {
	case "":
		return strings.Join(an.Summary, " "), nil
	case storyline.ENOTFOUND:
		return "", nil
	}
	return "", err
}
