package web

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// assertNoLiveHTML fails when body, read as HTML (as a careless feed
// reader might), has a script, an image, a frame, an event handler or a
// javascript: link.
func assertNoLiveHTML(t *testing.T, what, body string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		switch tok.Data {
		case "script", "img", "iframe", "object", "embed", "svg":
			t.Errorf("%s: live <%s> element", what, tok.Data)
		}
		for _, a := range tok.Attr {
			if strings.HasPrefix(a.Key, "on") || strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
				t.Errorf("%s: live attribute %s=%q on <%s>", what, a.Key, a.Val, tok.Data)
			}
		}
	}
}

// atomDoc is an Atom feed as a reader parses it.
type atomDoc struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr"`
	} `xml:"link"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Summary string `xml:"summary"`
		Links   []struct {
			Href string `xml:"href,attr"`
			Rel  string `xml:"rel,attr"`
		} `xml:"link"`
		Authors []struct {
			Name string `xml:"name"`
		} `xml:"author"`
	} `xml:"entry"`
}

// getAtom fetches an Atom feed and parses it.
func (e *testEnv) getAtom(path string, header ...string) atomDoc {
	e.t.Helper()
	r := e.apiCall(nil, http.MethodGet, path, "", header...)
	if r.status != 200 {
		e.t.Fatalf("%s: status %d %s", path, r.status, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/atom+xml; charset=utf-8" {
		e.t.Errorf("%s: Content-Type %q", path, ct)
	}
	assertNoLiveHTML(e.t, path, r.body)
	var doc atomDoc
	if err := xml.Unmarshal([]byte(r.body), &doc); err != nil {
		e.t.Fatalf("%s: not XML: %v\n%s", path, err, r.body)
	}
	return doc
}

func TestAtomFeeds(t *testing.T) {
	e := newTestEnv(t)
	tests := []struct {
		path    string
		title   string
		entries []string // titles, in order
		self    string
	}{
		{"/stories/1/feed", "Dam talks to resume", []string{"River dam negotiations restart", "Dam talks to resume"}, "/stories/1/feed"},
		{"/outlets/Example%20Daily/feed", "Example Daily", []string{"River dam negotiations restart", xssScript + " Cup final"}, "/outlets/Example%20Daily/feed"},
		{"/outlets/" + url.PathEscape(xssOutlet) + "/feed", xssOutlet, []string{"Harbour City parade " + xssImg}, ""},
		{"/hashtags/CupFinal/feed", "#CupFinal", []string{xssScript + " Cup final"}, "/hashtags/CupFinal/feed"},
		{"/hashtags/%23DamTalks/feed", "#DamTalks", []string{"Dam talks to resume"}, ""},
		{"/hashtags/nothing-yet/feed", "#nothing-yet", nil, ""},
		{"/search/feed?q=harbour+city", "Search: harbour city", []string{"Harbour City parade " + xssImg, xssScript + " Cup final"}, "/search/feed?q=harbour+city"},
		{"/search/feed?q=" + url.QueryEscape(xssScript), "Search: " + xssScript, []string{xssScript + " Cup final"}, ""},
	}
	for _, tt := range tests {
		doc := e.getAtom(tt.path)
		if doc.Title != tt.title {
			t.Errorf("%s: title %q, want %q", tt.path, doc.Title, tt.title)
		}
		var titles []string
		newest := ""
		for _, en := range doc.Entries {
			titles = append(titles, en.Title)
			if en.ID == "" || en.Updated == "" || len(en.Links) == 0 || !strings.HasPrefix(en.Links[0].Href, e.ts.URL+"/") {
				t.Errorf("%s: entry %+v lacks an id, a date or a link to this site", tt.path, en)
			}
			newest = max(newest, en.Updated)
		}
		if strings.Join(titles, "|") != strings.Join(tt.entries, "|") {
			t.Errorf("%s: entries %q, want %q", tt.path, titles, tt.entries)
		}
		if newest != "" && doc.Updated != newest {
			t.Errorf("%s: updated %s, newest entry %s", tt.path, doc.Updated, newest)
		}
		if tt.self != "" && (len(doc.Links) == 0 || doc.Links[0].Rel != "self" || doc.Links[0].Href != e.ts.URL+tt.self) {
			t.Errorf("%s: links %+v, want self %s", tt.path, doc.Links, e.ts.URL+tt.self)
		}
	}

	story := e.getAtom("/stories/1/feed")
	wire := story.Entries[1]
	if wire.ID != "https://wire.example.com/dam" || len(wire.Authors) != 1 || wire.Authors[0].Name != "Example Wire" || wire.Summary == "" {
		t.Errorf("article entry %+v", wire)
	}
	if len(wire.Links) != 2 || wire.Links[0].Href != e.ts.URL+"/articles/"+itoa(e.ids["wire"]) || wire.Links[1].Href != "https://wire.example.com/dam" {
		t.Errorf("article entry links %+v", wire.Links)
	}
	cup := e.getAtom("/hashtags/CupFinal/feed").Entries[0]
	if !strings.HasPrefix(cup.ID, "tag:127.0.0.1,2026:stories/") || cup.Links[0].Href != e.ts.URL+"/stories/2" || len(cup.Authors) != 2 {
		t.Errorf("story entry %+v", cup)
	}
}

func TestAtomFeedErrors(t *testing.T) {
	e := newTestEnv(t)
	for _, tt := range []struct {
		path   string
		status int
	}{
		{"/stories/999/feed", 404},
		{"/stories/x/feed", 400},
		{"/outlets/Nobody/feed", 404},
		{"/search/feed", 400},
		{"/search/feed?q=dam&since=soon", 400},
	} {
		if r := e.apiCall(nil, http.MethodGet, tt.path, ""); r.status != tt.status {
			t.Errorf("%s: %d, want %d", tt.path, r.status, tt.status)
		}
	}
	e.apiSetPublic(false)
	if r := e.apiCall(nil, http.MethodGet, "/stories/1/feed", ""); r.status != http.StatusSeeOther {
		t.Errorf("private feed for a visitor: %d", r.status)
	}
	if r := e.apiCall(nil, http.MethodGet, "/stories/1/feed", "", "Authorization", e.apiToken(e.member)); r.status != 200 {
		t.Errorf("private feed with a token: %d", r.status)
	}
}

func TestAtomBaseURL(t *testing.T) {
	for _, trust := range []bool{false, true} {
		e := newTestEnv(t, func(c *Config) { c.TrustProxy = trust })
		doc := e.getAtom("/stories/1/feed", "X-Forwarded-Proto", "https")
		want := "http://"
		if trust {
			want = "https://"
		}
		if !strings.HasPrefix(doc.Links[0].Href, want) {
			t.Errorf("TrustProxy %v: self link %s", trust, doc.Links[0].Href)
		}
	}
}
