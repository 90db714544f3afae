package main

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/auth"
)

// harbourOutlet is an outlet of the harbour fixtures: its name, and its
// reports, by file name in testdata/harbour.
type harbourOutlet struct {
	slug, name string
	reports    []string
	copyOf     string // the outlet whose first report it runs word for word
}

// harbourOutlets are the outlets of TestAppStoriesAsItems: five report
// the event, a sixth runs one of their reports, a seventh reports it
// the next day; the first also has two unrelated reports.
var harbourOutlets = []harbourOutlet{
	{slug: "harbour-post", name: "Harbour Post", reports: []string{"harbour-post", "library", "buses"}},
	{slug: "valley-times", name: "Valley Times", reports: []string{"valley-times"}},
	{slug: "coast-radio", name: "Coast Radio", reports: []string{"coast-radio"}},
	{slug: "river-gazette", name: "River Gazette", reports: []string{"river-gazette"}},
	{slug: "north-herald", name: "North Herald", reports: []string{"north-herald"}},
	{slug: "coastline-courier", name: "Coastline Courier", reports: []string{"harbour-post"}, copyOf: "harbour-post"},
	{slug: "bay-observer", name: "Bay Observer", reports: []string{"bay-observer"}},
}

// harbourSite serves the outlets' feeds at /<slug>/rss.xml and their
// reports at /<slug>/<report>, each page naming its outlet.
func harbourSite(t *testing.T) *httptest.Server {
	t.Helper()
	files := map[string]string{}
	var mu sync.Mutex
	base := time.Date(2026, 11, 30, 5, 0, 0, 0, time.UTC)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		body, ok := files[r.URL.Path]
		mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		if strings.HasSuffix(r.URL.Path, ".xml") {
			w.Header().Set("Content-Type", "application/rss+xml")
		} else {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		}
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	for i, o := range harbourOutlets {
		var items strings.Builder
		for j, name := range o.reports {
			raw, err := os.ReadFile(filepath.Join("testdata", "harbour", name+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			title, text, _ := strings.Cut(strings.TrimSpace(string(raw)), "\n")
			var paras strings.Builder
			for p := range strings.SplitSeq(text, "\n") {
				paras.WriteString("<p>" + html.EscapeString(p) + "</p>\n")
			}
			path := "/" + o.slug + "/" + name
			at := base.Add(time.Duration(i*20+j) * time.Minute)
			if o.slug == "bay-observer" {
				at = at.Add(24 * time.Hour)
			}
			files[path] = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>` + html.EscapeString(title) + `</title>
<meta property="og:site_name" content="` + o.name + `"></head><body><nav><a href="/">Home</a></nav>
<article><h1>` + html.EscapeString(title) + `</h1>` + paras.String() + `</article><footer>© ` + o.name + `</footer></body></html>`
			fmt.Fprintf(&items, "<item><title>%s</title><link>%s%s</link><guid>%s</guid><pubDate>%s</pubDate></item>\n",
				html.EscapeString(title), srv.URL, path, path, at.Format(time.RFC1123Z))
		}
		files["/"+o.slug+"/rss.xml"] = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>` + o.name +
			`</title><link>` + srv.URL + "/" + o.slug + "/</link>\n" + items.String() + `</channel></rss>`
	}
	return srv
}

// TestAppStoriesAsItems follows an app whose password shows one item per
// story, over the real path: feeds fetched and analysed, then the Google
// Reader and Fever APIs of a running server. Five outlets' reports of an
// event and a sixth outlet's copy of one are one item, whose text links
// each report once; marking it read marks its articles read; a seventh
// outlet's report, fetched later, brings it back unread with the new
// report in it.
func TestAppStoriesAsItems(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test: not in -short mode")
	}
	site := harbourSite(t)
	data := t.TempDir()
	run := runIn(t, data)
	for _, o := range harbourOutlets[:6] {
		run("", "feeds", "add", "--allow-private", "--category", "Local", site.URL+"/"+o.slug+"/rss.xml")
	}
	run("", "fetch", "--allow-private")
	run("editor-password\n", "user", "add", "editor", "--admin", "--password-stdin")
	storiesSecret := appPasswordIn(t, run("", "user", "app-password", "editor", "--label", "phone", "--stories"))
	articlesSecret := appPasswordIn(t, run("", "user", "app-password", "editor", "--label", "desktop"))
	base, _ := startServerWith(t, data, nil, "--poll=false", "--allow-private", "--images=false")
	stories := &greaderApp{t: t, base: base, token: clientLogin(t, base, "editor", storiesSecret)}
	articles := &greaderApp{t: t, base: base, token: clientLogin(t, base, "editor", articlesSecret)}

	// The app sees every feed, in the folder Stories.
	var subs struct {
		Subscriptions []struct {
			ID         string
			Categories []struct{ Label string }
		}
	}
	stories.get("/reader/api/0/subscription/list?output=json", &subs)
	if len(subs.Subscriptions) != 6 {
		t.Fatalf("%d subscriptions, want the 6 feeds", len(subs.Subscriptions))
	}
	for _, s := range subs.Subscriptions {
		if len(s.Categories) != 1 || s.Categories[0].Label != "Stories" {
			t.Errorf("subscription %s in %+v, want the folder Stories", s.ID, s.Categories)
		}
	}

	// Three stories: the event, the library, the buses; the articles app
	// sees seven articles (the copy is its original's item).
	items := stories.all()
	if len(items) != 3 {
		t.Fatalf("the stories app sees %d items, want 3: %s", len(items), titles(items))
	}
	if n := len(articles.all()); n != 7 {
		t.Errorf("the articles app sees %d items, want 7", n)
	}
	event := itemWith(t, items, "Meridian Star")
	for _, o := range harbourOutlets[:5] {
		link := `<li><a href="` + site.URL + "/" + o.slug + "/" + o.reports[0] + `">`
		if n := strings.Count(event.Summary.Content, link); n != 1 {
			t.Errorf("the story's text lists %s's report %d times, want once:\n%s", o.name, n, event.Summary.Content)
		}
	}
	if strings.Contains(event.Summary.Content, "/coastline-courier/") || !strings.Contains(event.Summary.Content, "also run by Coastline Courier") {
		t.Errorf("the copy is not with its original in the story's text:\n%s", event.Summary.Content)
	}
	for _, it := range items {
		if it.ID == event.ID {
			continue
		}
		if strings.Contains(it.Summary.Content, "Meridian Star") {
			t.Errorf("item %q holds a report of the event too", it.Title)
		}
	}
	if !strings.HasPrefix(event.Alternate[0].Href, base+"/stories/") {
		t.Errorf("the story item links to %s, want its page on the site", event.Alternate[0].Href)
	}

	// Read in the app: the story and its articles are read.
	stories.post("/reader/api/0/edit-tag", url.Values{"i": {event.ID}, "a": {"user/-/state/com.google/read"}})
	if n := stories.unread(); n != 2 {
		t.Errorf("stories app: %d unread after reading the event, want 2", n)
	}
	if n := articles.unread(); n != 2 {
		t.Errorf("articles app: %d unread after the event's story was read, want 2 (its 5 reports read)", n)
	}

	// A Fever app on the same password sees the same three items.
	secretKey := auth.FeverKey("editor", storiesSecret)
	var fever struct {
		Auth          int    `json:"auth"`
		Total         int    `json:"total_items"`
		UnreadItemIDs string `json:"unread_item_ids"`
		Items         []struct {
			ID     int64 `json:"id"`
			IsRead int   `json:"is_read"`
		} `json:"items"`
	}
	feverCall(t, base+"/fever/?api&items&unread_item_ids", secretKey, &fever)
	if fever.Auth != 1 || fever.Total != 3 || len(fever.Items) != 3 || len(strings.Split(fever.UnreadItemIDs, ",")) != 2 {
		t.Errorf("fever: %+v; want 3 items, 2 unread", fever)
	}

	// A seventh outlet reports the event the next day: the story is
	// unread again, with the new report in it.
	var added struct{ StreamID string }
	stories.postJSON("/reader/api/0/subscription/quickadd", url.Values{"quickadd": {site.URL + "/bay-observer/rss.xml"}}, &added)
	feedID := strings.TrimPrefix(added.StreamID, "feed/")
	web := signInWeb(t, base, "editor", "editor-password")
	if st := postForm(t, web, base, "/feeds/"+feedID+"/retry", url.Values{}); st != http.StatusSeeOther {
		t.Fatalf("retry the new feed: status %d", st)
	}
	items = stories.all()
	if len(items) != 3 {
		t.Fatalf("after the seventh outlet: %d items, want 3: %s", len(items), titles(items))
	}
	grown := itemWith(t, items, "Meridian Star")
	if grown.ID != event.ID || !strings.Contains(grown.Summary.Content, site.URL+"/bay-observer/bay-observer") {
		t.Errorf("the story item %s does not hold the new report:\n%s", grown.ID, grown.Summary.Content)
	}
	if n := stories.unread(); n != 3 {
		t.Errorf("stories app: %d unread after new coverage, want 3 (the story is new again)", n)
	}
}

// greaderApp is an app signed in to the Google Reader API.
type greaderApp struct {
	t           *testing.T
	base, token string
}

// appItem is an item of stream/contents.
type appItem struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Summary   struct{ Content string }
	Alternate []struct{ Href string }
}

func (a *greaderApp) do(method, path string, form url.Values) *http.Response {
	a.t.Helper()
	req, err := http.NewRequest(method, a.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		a.t.Fatal(err)
	}
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set("Authorization", "GoogleLogin auth="+a.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	return resp
}

func (a *greaderApp) get(path string, v any) {
	a.t.Helper()
	resp := a.do(http.MethodGet, path, nil)
	body := readAll(a.t, resp)
	if resp.StatusCode != http.StatusOK {
		a.t.Fatalf("GET %s: %d %s", path, resp.StatusCode, body)
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		a.t.Fatalf("GET %s: %v: %s", path, err, body)
	}
}

func (a *greaderApp) post(path string, form url.Values) {
	a.t.Helper()
	resp := a.do(http.MethodPost, path, form)
	if body := readAll(a.t, resp); resp.StatusCode != http.StatusOK {
		a.t.Fatalf("POST %s: %d %s", path, resp.StatusCode, body)
	}
}

func (a *greaderApp) postJSON(path string, form url.Values, v any) {
	a.t.Helper()
	resp := a.do(http.MethodPost, path, form)
	body := readAll(a.t, resp)
	if resp.StatusCode != http.StatusOK {
		a.t.Fatalf("POST %s: %d %s", path, resp.StatusCode, body)
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		a.t.Fatalf("POST %s: %v: %s", path, err, body)
	}
}

// all returns every item of the reading list.
func (a *greaderApp) all() []appItem {
	a.t.Helper()
	var page struct{ Items []appItem }
	a.get("/reader/api/0/stream/contents/user/-/state/com.google/reading-list?n=1000&output=json", &page)
	return page.Items
}

// unread returns the reading list's unread count.
func (a *greaderApp) unread() int {
	a.t.Helper()
	var counts struct {
		UnreadCounts []struct {
			ID    string
			Count int
		}
	}
	a.get("/reader/api/0/unread-count?output=json", &counts)
	for _, c := range counts.UnreadCounts {
		if strings.HasSuffix(c.ID, "/state/com.google/reading-list") {
			return c.Count
		}
	}
	return -1
}

// itemWith returns the one item whose text holds s.
func itemWith(t *testing.T, items []appItem, s string) appItem {
	t.Helper()
	var found []appItem
	for _, it := range items {
		if strings.Contains(it.Summary.Content, s) {
			found = append(found, it)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d items hold %q, want 1: %s", len(found), s, titles(items))
	}
	return found[0]
}

// titles lists the items' titles for messages.
func titles(items []appItem) string {
	var out []string
	for _, it := range items {
		out = append(out, strconv.Quote(it.Title))
	}
	return strings.Join(out, ", ")
}

// feverCall posts a Fever API call with key and decodes the answer.
func feverCall(t *testing.T, u, key string, v any) {
	t.Helper()
	resp, err := http.PostForm(u, url.Values{"api_key": {key}})
	if err != nil {
		t.Fatal(err)
	}
	body := readAll(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("fever %s: %d %s", u, resp.StatusCode, body)
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("fever %s: %v: %s", u, err, body)
	}
}
