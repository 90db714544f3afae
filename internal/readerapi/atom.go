package readerapi

import (
	"cmp"
	"encoding/xml"
	"net/http"
	"strconv"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/greader"
)

// grScheme is the scheme of Google Reader's state categories in Atom,
// by which apps (newsboat's FeedHQ source) read an entry's state.
const grScheme = "http://www.google.com/reader/"

// atomFeed is a stream in Google Reader's Atom form.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	GR      string      `xml:"xmlns:gr,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Link    *atomLink   `xml:"link,omitempty"`
	Entries []atomEntry `xml:"entry"`
}

// atomLink is an Atom link.
type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Href string `xml:"href,attr"`
	Type string `xml:"type,attr,omitempty"`
}

// atomEntry is an item in Atom.
type atomEntry struct {
	Crawl      string         `xml:"gr:crawl-timestamp-msec,attr"`
	ID         string         `xml:"id"`
	Title      atomText       `xml:"title"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Link       atomLink       `xml:"link"`
	Categories []atomCategory `xml:"category"`
	Summary    atomText       `xml:"summary"`
	Author     *atomPerson    `xml:"author,omitempty"`
}

// atomText is text of a type.
type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

// atomCategory is a state or folder of an entry.
type atomCategory struct {
	Term   string `xml:"term,attr"`
	Scheme string `xml:"scheme,attr"`
	Label  string `xml:"label,attr"`
}

// atomPerson is an author.
type atomPerson struct {
	Name string `xml:"name"`
}

// atomStream answers /reader/atom/<stream>?n=…: the newest items of a
// stream in Atom, each with its state as a category: read, or fresh
// (unread), and starred. newsboat's FeedHQ source reads its feeds so.
func (h *Handler) atomStream(w http.ResponseWriter, r *http.Request, sn *session) {
	s, sq, err := pathStream(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ctx := r.Context()
	p, err := h.streamPage(ctx, sn, s, sq, greader.MaxContentsCount)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	entries, err := h.entries(ctx, sn, refIDs(p.refs), p.feeds)
	if err == nil {
		err = h.writeAtom(w, s, entries, p.feeds)
	}
	if err != nil {
		h.fail(w, r, err)
	}
}

// writeAtom writes stream s of entries (from feeds) in Atom.
func (h *Handler) writeAtom(w http.ResponseWriter, s greader.Stream, entries []greader.Entry, feeds []*storyline.Feed) error {
	f := atomFeed{GR: "http://www.google.com/schemas/reader/atom/", ID: "tag:google.com,2005:reader/" + s.String(),
		Title: s.String(), Updated: h.cfg.Now().UTC().Format(time.RFC3339)}
	for _, fd := range feeds {
		if s.Kind == greader.StreamFeed && fd.ID == s.FeedID {
			f.Title = greader.SubscriptionFromFeed(fd, "").Title
			if fd.SiteURL != "" {
				f.Link = &atomLink{Rel: "alternate", Href: fd.SiteURL, Type: "text/html"}
			}
		}
	}
	for _, e := range entries {
		f.Entries = append(f.Entries, atomEntryOf(e))
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	if _, err := w.Write([]byte(xml.Header)); err != nil {
		return nil // the client left
	}
	return xml.NewEncoder(w).Encode(f)
}

// atomEntryOf is the Atom entry of the item e is made of, its state as
// categories.
func atomEntryOf(e greader.Entry) atomEntry {
	published := cmp.Or(e.Published, e.Stored)
	updated := cmp.Or(e.Updated, e.Stored)
	a := atomEntry{
		Crawl: formatMsec(e.Stored), ID: greader.LongItemID(e.ID), Title: atomText{Type: "html", Text: e.Title},
		Published: published.UTC().Format(time.RFC3339), Updated: updated.UTC().Format(time.RFC3339),
		Link:    atomLink{Rel: "alternate", Href: e.URL, Type: "text/html"},
		Summary: atomText{Type: "html", Text: e.HTML},
		Categories: []atomCategory{
			{Term: "user/-/state/com.google/reading-list", Scheme: grScheme, Label: "reading-list"},
		},
	}
	if e.Read {
		a.Categories = append(a.Categories, atomCategory{Term: "user/-/state/com.google/read", Scheme: grScheme, Label: "read"})
	} else {
		a.Categories = append(a.Categories, atomCategory{Term: "user/-/state/com.google/fresh", Scheme: grScheme, Label: "fresh"})
	}
	if e.Starred {
		a.Categories = append(a.Categories, atomCategory{Term: "user/-/state/com.google/starred", Scheme: grScheme, Label: "starred"})
	}
	if e.Author != "" {
		a.Author = &atomPerson{Name: e.Author}
	}
	return a
}

// formatMsec is t in Unix milliseconds, as a decimal string.
func formatMsec(t time.Time) string {
	return strconv.FormatInt(t.UnixMilli(), 10)
}
