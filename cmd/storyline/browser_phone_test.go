package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/chromedp"
)

// phoneWidth is the narrowest phone screen every page must fit, in CSS
// pixels.
const phoneWidth = 360

// testFeeds serves small RSS feeds, "Feed N" at /feed/N, and one at
// /flaky that answers 404 once broken is set.
func testFeeds(t *testing.T, broken *atomic.Bool) *httptest.Server {
	t.Helper()
	rss := func(w http.ResponseWriter, title string) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>%s</title><link>https://example.org/</link><description>test</description></channel></rss>`, title)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/feed/{n}", func(w http.ResponseWriter, r *http.Request) { rss(w, "Feed "+r.PathValue("n")) })
	mux.HandleFunc("/flaky/a-rather-long-path/that-does-not-wrap-on-its-own/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		if broken.Load() {
			http.NotFound(w, r)
			return
		}
		rss(w, "Flaky feed with a long title that must wrap on a phone screen")
	})
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return ts
}

// TestBrowserPhone opens every page at a 360 pixel wide phone screen and
// checks that none is wider than the screen (no sideways scrolling),
// saving each as <page>-360.png; it also checks the web-app manifest and
// its icons, and that a failing feed's error is in plain words.
func TestBrowserPhone(t *testing.T) {
	b := newBrowserSession(t)
	var broken atomic.Bool
	feeds := testFeeds(t, &broken)
	base, _ := startServerWith(t, t.TempDir(), nil, "--allow-private")
	var pages []string
	check := func(name string) {
		t.Helper()
		var width int
		var png []byte
		b.step("at 360 px: "+name,
			chromedp.EmulateViewport(phoneWidth, 740, chromedp.EmulateScale(1), emulateMobile(true)),
			chromedp.Evaluate(`document.documentElement.scrollWidth`, &width),
			chromedp.FullScreenshot(&png, 100),
		)
		if err := os.WriteFile(filepath.Join(b.shots, name+"-360.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
		pages = append(pages, fmt.Sprintf("%s %d", name, width))
		if width > phoneWidth {
			var wide string
			b.step("widest of "+name, chromedp.Evaluate(widestScript, &wide))
			t.Errorf("%s page is %d px wide at %d px: %s", name, width, phoneWidth, wide)
		}
		b.step("back to desktop", chromedp.EmulateViewport(1280, 900))
	}
	visit := func(name, path, waitFor string) {
		t.Helper()
		b.step(name, chromedp.Navigate(base+path), chromedp.WaitVisible(waitFor, chromedp.ByQuery))
		check(name)
	}
	href := func(sel string) string {
		t.Helper()
		var h string
		b.step("link "+sel, chromedp.AttributeValue(sel, "href", &h, nil, chromedp.ByQuery))
		return h
	}

	visit("setup", "/", `#confirm`)
	b.setUp(base, recentArticles(t))

	// Feeds: a few, naturally sorted, and one that fails.
	for _, u := range []string{feeds.URL + "/feed/10", feeds.URL + "/feed/2", feeds.URL + "/feed/1", feeds.URL + "/flaky/a-rather-long-path/that-does-not-wrap-on-its-own/feed.xml"} {
		b.step("add "+u, chromedp.Navigate(base+"/feeds"),
			chromedp.SendKeys(`#feed-url`, u, chromedp.ByQuery), chromedp.Submit(`#feed-url`, chromedp.ByQuery),
			chromedp.WaitVisible(`.notice[role=status]`, chromedp.ByQuery))
	}
	var addError string
	b.step("add a missing feed", chromedp.Navigate(base+"/feeds"),
		chromedp.SendKeys(`#feed-url`, feeds.URL+"/missing", chromedp.ByQuery), chromedp.Submit(`#feed-url`, chromedp.ByQuery),
		chromedp.WaitVisible(`[role=alert]`, chromedp.ByQuery), chromedp.Text(`[role=alert] p`, &addError, chromedp.ByQuery))
	if !strings.Contains(addError, "does not exist (404)") {
		t.Errorf("adding a missing feed says %q", addError)
	}
	check("feeds-add-error")
	broken.Store(true)
	var problem string
	b.step("poll the flaky feed", chromedp.Navigate(base+"/feeds"),
		chromedp.Click(`form[action$="/retry"] button[aria-label*="flaky"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.feed-error`, chromedp.ByQuery),
		chromedp.Text(`.feed-error strong`, &problem, chromedp.ByQuery))
	if !strings.Contains(problem, "does not exist (404)") {
		t.Errorf("the failing feed says %q", problem)
	}
	var titles []string
	b.step("feed order", chromedp.Evaluate(`[...document.querySelectorAll("table.feeds .feed-main strong:first-child")].map(e => e.textContent)`, &titles))
	if got := strings.Join(titles, ", "); !strings.HasPrefix(got, "Feed 1, Feed 2, Feed 10") {
		t.Errorf("feeds in the order %s", got)
	}
	check("feeds")
	b.step("open an edit form", chromedp.Click(`table.feeds details summary`, chromedp.ByQuery), chromedp.WaitVisible(`table.feeds details .form`, chromedp.ByQuery))
	check("feed-edit")
	visit("feeds-filter", "/feeds?q=flaky", `table.feeds`)
	b.step("tick two feeds", chromedp.Navigate(base+"/feeds"),
		chromedp.Click(`table.feeds tr:nth-child(1) input[type=checkbox]`, chromedp.ByQuery),
		chromedp.Click(`table.feeds tr:nth-child(2) input[type=checkbox]`, chromedp.ByQuery),
		chromedp.Submit(`#bulk`, chromedp.ByQuery), chromedp.WaitVisible(`#remove-h`, chromedp.ByQuery))
	check("feeds-remove")

	// Reading pages.
	visit("home", "/", `[data-item] [data-open]`)
	story := href(`[data-item] [data-open]`)
	visit("latest", "/latest", `main h1`)
	visit("story", story, `#comments`)
	b.step("ask without the script", chromedp.SendKeys(`#ask-q`, "How many people are missing?", chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector("#ask form").submit()`, nil), chromedp.WaitVisible(`.ask-result`, chromedp.ByQuery))
	check("ask")
	b.step("back to the story", chromedp.Navigate(base+story), chromedp.WaitVisible(`#comments`, chromedp.ByQuery))
	article, outlet := href(`a[href^="/articles/"]`), href(`a[href^="/outlets/"]`)
	hashtag, entity := href(`a[href^="/hashtags/"]`), href(`a[href^="/entities/"]`)
	visit("article", article, `main h1`)
	visit("outlet", outlet, `main h1`)
	visit("hashtag", hashtag, `main h1`)
	visit("entity", entity, `main h1`)
	visit("search", "/search?q=dam", `[data-item] mark`)
	visit("foryou", "/foryou", `main h1`)
	visit("saved", "/saved", `main h1`)
	visit("settings", "/settings", `main h1`)
	visit("404", "/no/such/page", `main h1`)

	// The web-app manifest and its icons.
	manifest := href(`link[rel=manifest]`)
	resp, err := http.Get(base + manifest)
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Name  string `json:"name"`
		Icons []struct {
			Src string `json:"src"`
		} `json:"icons"`
	}
	err = json.NewDecoder(resp.Body).Decode(&m)
	resp.Body.Close()
	if err != nil || m.Name == "" || len(m.Icons) < 3 {
		t.Errorf("manifest: %v, %+v", err, m)
	}
	for _, icon := range m.Icons {
		resp, err := http.Get(base + icon.Src)
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Errorf("icon %s: %v %v", icon.Src, err, resp)
			continue
		}
		resp.Body.Close()
	}

	b.step("sign out", chromedp.Navigate(base+"/"), chromedp.Submit(`form[action="/logout"] button`, chromedp.ByQuery),
		chromedp.WaitVisible(`a[href="/login"]`, chromedp.ByQuery))
	visit("login", "/login", `#password`)
	t.Logf("widths at %d px: %s; screenshots in %s", phoneWidth, strings.Join(pages, ", "), b.shots)
}

// widestScript names the elements that reach past the screen's right
// edge, the innermost first, for a failure's message.
const widestScript = `(() => {
  const w = document.documentElement.clientWidth, out = [];
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect();
    if (r.right > w + 1 && ![...el.children].some(c => c.getBoundingClientRect().right > w + 1)) {
      out.push(el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ").join(".") : "") + " " + Math.round(r.right));
    }
  }
  return out.slice(0, 8).join("; ");
})()`
