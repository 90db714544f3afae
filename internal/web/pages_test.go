package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// seedArticles stores n articles of outlet source whose text has word,
// an hour apart before the fixtures, and returns their IDs.
func (e *testEnv) seedArticles(n int, source, word string) []int64 {
	e.t.Helper()
	ids := make([]int64, n)
	start := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	for i := range ids {
		text := fmt.Sprintf("Report %d about the %s, number %d of many.", i, word, i)
		a := &storyline.Article{URL: fmt.Sprintf("https://paged.example/%s/%d", word, i), Source: source,
			Title: fmt.Sprintf("%s report %d", word, i), Text: text, Published: start.Add(time.Duration(i) * time.Hour)}
		a.ContentHash = storyline.ContentHash(a.Text)
		res, err := e.db.SaveArticle(context.Background(), a)
		if err != nil {
			e.t.Fatal(err)
		}
		ids[i] = res.ID
	}
	return ids
}

// seedStories stores n one-article stories, from story ID first on, each
// with the hashtag tag and the entity ent.
func (e *testEnv) seedStories(n int, first int64, tag string, ent storyline.Entity) {
	e.t.Helper()
	ctx := context.Background()
	ids := e.seedArticles(n, "Paged Outlet", strings.ToLower(strings.TrimPrefix(tag, "#")))
	for i, id := range ids {
		sid := first + int64(i)
		if err := e.db.SaveAnalysis(ctx, &storyline.Analysis{ArticleID: id, StoryID: sid, Version: 1}); err != nil {
			e.t.Fatal(err)
		}
		st := &storyline.Story{ID: sid, Title: fmt.Sprintf("Paged story %d", i),
			Keyphrases: []storyline.Keyphrase{{Text: tag, Hashtag: tag, Score: 1}}, Entities: []storyline.Entity{ent}}
		if err := e.db.SaveStories(ctx, storyline.StoryUpdate{Story: st}); err != nil {
			e.t.Fatal(err)
		}
	}
}

// mustGet fetches path as a visitor and fails unless the status is want.
func (e *testEnv) mustGet(c *http.Client, path string, want int) string {
	e.t.Helper()
	resp, body := e.get(c, path)
	if resp.StatusCode != want {
		e.t.Fatalf("GET %s: status %d, want %d\n%s", path, resp.StatusCode, want, mainOf(body))
	}
	return body
}

// mainOf returns the <main> element of a page, for shorter messages.
func mainOf(body string) string {
	if i := strings.Index(body, "<main"); i >= 0 {
		body = body[i:]
	}
	if i := strings.Index(body, "</main>"); i >= 0 {
		body = body[:i]
	}
	return body
}

// openLinks returns the [data-open] links of a page, in order.
func openLinks(body string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<a href="([^"]*)"[^>]*data-open`).FindAllStringSubmatch(body, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

// relLink returns the href of the page's link with rel (next, prev), or "".
func relLink(body, rel string) string {
	m := regexp.MustCompile(`<a rel="` + rel + `" href="([^"]*)"`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

// assertContains fails for each of want that body lacks.
func assertContains(t *testing.T, what, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s: missing %q", what, w)
		}
	}
}

func TestStoryPage(t *testing.T) {
	e := newTestEnv(t)
	body := e.mustGet(nil, "/stories/1", http.StatusOK)
	assertContains(t, "story", body,
		`<h1 id="story-h" dir="auto">Dam talks to resume</h1>`,
		"Negotiators agreed to resume talks over the river dam; they restart next week in Geneva.",
		// The brief's citations: numbered links to the reports, named by outlet.
		`Geneva.<sup class="cite"><a href="/articles/`+itoa(e.ids["wire"])+`" title="Example Wire">[1]</a></sup><sup class="cite"><a href="/articles/`+itoa(e.ids["daily"])+`" title="Example Daily">[2]</a></sup>`,
		"Brief made from the reports",
		// How each outlet covered it.
		`<h2 id="outlets-h">How outlets covered it</h2>`, `<li>Talks restart in Geneva.</li>`,
		`<a href="/outlets/Example%20Daily">Example Daily</a>: <a href="/articles/`+itoa(e.ids["daily"])+`" dir="auto">Dam negotiations restart</a>`,
		"Nothing the other outlets do not report.",
		`<a href="/outlets/Example%20Wire">Example Wire</a>`, `<a href="/outlets/Example%20Daily">Example Daily</a>`,
		"Dam talks to resume (mirror)", "syndicated copy of Example Wire",
		`<a href="/hashtags/DamTalks">#DamTalks</a>`, `<a href="/hashtags/RiverDam">#RiverDam</a>`,
		">Places</h2>", `<a href="/entities/place/Geneva">Geneva</a>`,
		">Organisations</h2>", `<a href="/entities/organization/River%20Authority">River Authority</a>`,
		`<h2 id="related-h">Related stories</h2>`, `<a href="/stories/2" data-open>`,
		`<link rel="alternate" type="application/atom+xml"`, `href="/stories/1/feed"`,
		"0 comments", `<a href="/login?next=%2Fstories%2F1%23comments">Sign in to comment</a>`)
	if strings.Count(body, "<h1") != 1 {
		t.Errorf("story: %d h1 elements, want 1", strings.Count(body, "<h1"))
	}
	tl := body[strings.Index(body, `id="timeline-h"`):]
	wire, daily := strings.Index(tl, "/articles/"+itoa(e.ids["wire"])), strings.Index(tl, "/articles/"+itoa(e.ids["daily"]))
	if wire < 0 || daily < 0 || wire < daily {
		t.Errorf("timeline not newest first (wire at %d, daily at %d)", wire, daily)
	}
	if strings.Contains(body, `action="/stories/1/comments"`) {
		t.Error("story: visitors get a comment form")
	}
}

// TestStoryPageReachesEveryArticle: a story of 120 articles from three
// outlets, one undated, shows its timeline 50 at a time, newest first,
// the undated last; every article is on a page, and ?all=1 shows them all.
func TestStoryPageReachesEveryArticle(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	var ids []int64
	for i, outlet := range []string{"North Post", "South Post", "East Post"} {
		ids = append(ids, e.seedArticles(40, outlet, fmt.Sprintf("flood%d", i))...)
	}
	undated := &storyline.Article{URL: "https://paged.example/undated", Source: "North Post", Title: "Undated flood note",
		Text: "A flood note without a date.", ContentHash: storyline.ContentHash("A flood note without a date.")}
	res, err := e.db.SaveArticle(ctx, undated)
	if err != nil {
		t.Fatal(err)
	}
	ids = append(ids, res.ID)
	for _, id := range ids {
		if err := e.db.SaveAnalysis(ctx, &storyline.Analysis{ArticleID: id, StoryID: 700, Version: 1}); err != nil {
			t.Fatal(err)
		}
	}
	seen := map[int64]int{}
	count := func(body string) {
		tl := body[strings.Index(body, `id="timeline-h"`):]
		tl = tl[:strings.Index(tl, "</section>")]
		for _, id := range ids {
			if strings.Contains(tl, `"/articles/`+itoa(id)+`"`) {
				seen[id]++
			}
		}
	}
	first := e.mustGet(nil, "/stories/700", http.StatusOK)
	assertContains(t, "page 1", first, "Page 1 of 3", "121 articles, newest first", `href="/stories/700?page=2#timeline-h" rel="next">Older`,
		"Show all 121", "newest 3 of 41", "newest 3 of 40")
	count(first)
	count(e.mustGet(nil, "/stories/700?page=2", http.StatusOK))
	last := e.mustGet(nil, "/stories/700?page=3", http.StatusOK)
	assertContains(t, "page 3", last, "Page 3 of 3", `rel="prev">Newer`, "date unknown")
	count(last)
	for _, id := range ids {
		if seen[id] != 1 {
			t.Errorf("article %d is on %d timeline pages, want 1", id, seen[id])
		}
	}
	// Each outlet's articles run an hour apart from the same start: the
	// 39th of each is newest, the first of each oldest.
	for _, k := range []int{39, 79, 119} {
		if !strings.Contains(first[strings.Index(first, `id="timeline-h"`):], `"/articles/`+itoa(ids[k])+`"`) {
			t.Errorf("page 1 lacks a newest article (%d)", ids[k])
		}
	}
	if strings.Contains(first[strings.Index(first, `id="timeline-h"`):], `"/articles/`+itoa(ids[0])+`"`) {
		t.Error("page 1 has the oldest article")
	}
	if i, j := strings.Index(last, "Undated flood note"), strings.Index(last, itoa(ids[0])); i < j {
		t.Error("the undated article is not last")
	}
	all := e.mustGet(nil, "/stories/700?all=1", http.StatusOK)
	seen = map[int64]int{}
	count(all)
	if len(seen) != len(ids) {
		t.Errorf("?all=1 shows %d of %d articles", len(seen), len(ids))
	}
	assertContains(t, "bad page", e.mustGet(nil, "/stories/700?page=x", http.StatusBadRequest), "want a page number")
}

func TestStoryPageErrors(t *testing.T) {
	e := newTestEnv(t)
	for _, tt := range []struct {
		path   string
		status int
		says   string
	}{
		{"/stories/abc", 400, "want a positive whole number"},
		{"/stories/-1", 400, "want a positive whole number"},
		{"/stories/0", 400, "want a positive whole number"},
		{"/stories/99999999999999999999", 400, "want a positive whole number"},
		{"/stories/999", 404, "story 999 not found"},
	} {
		body := e.mustGet(nil, tt.path, tt.status)
		assertContains(t, tt.path, body, tt.says)
	}
}

func TestStoryMergedRedirects(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	id := e.seedArticles(1, "Example Wire", "merger")[0]
	if err := e.db.SaveAnalysis(ctx, &storyline.Analysis{ArticleID: id, StoryID: 7, Version: 1}); err != nil {
		t.Fatal(err)
	}
	if err := e.db.MergeStories(ctx, 1, []int64{7}); err != nil {
		t.Fatal(err)
	}
	resp, _ := e.get(nil, "/stories/7")
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/stories/1" {
		t.Errorf("merged story: %d to %q, want 301 to /stories/1", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestArticlePage(t *testing.T) {
	e := newTestEnv(t)
	body := e.mustGet(nil, "/articles/"+itoa(e.ids["wire"]), http.StatusOK)
	assertContains(t, "article", body,
		`<h1 id="article-h" dir="auto">Dam talks to resume</h1>`, `<a href="/outlets/Example%20Wire">Example Wire</a>`, "by Ana Ruiz",
		`<time datetime="2026-03-02T08:00:00Z" title="Mon, 2 Mar 2026 08:00 UTC">yesterday</time>`,
		"<p>Talks restart next week in Geneva.</p>",
		`<a href="https://wire.example.com/dam" rel="noopener noreferrer nofollow">`,
		`<a href="/hashtags/DamTalks">#DamTalks</a>`, "Negotiators agreed to resume talks over the river dam.",
		"Also published by", `<a href="/articles/`+itoa(e.ids["copy"])+`" data-open>Example Mirror</a>`,
		`<a href="/stories/1">Dam talks to resume</a>`,
		"Related coverage", `<a href="/articles/`+itoa(e.ids["daily"])+`" data-open dir="auto">River dam negotiations restart</a>`,
		"Example Daily · <time", `<a href="/stories/2" data-open>`,
		"0 comments", "Sign in to comment")
	if strings.Count(body, "<h1") != 1 {
		t.Errorf("article: %d h1 elements, want 1", strings.Count(body, "<h1"))
	}

	// A copy shows its original's text, with the original among the others.
	body = e.mustGet(nil, "/articles/"+itoa(e.ids["copy"]), http.StatusOK)
	assertContains(t, "copy", body, "Dam talks to resume (mirror)", "<p>Talks restart next week in Geneva.</p>",
		"Also published by", `<a href="/articles/`+itoa(e.ids["wire"])+`" data-open>Example Wire</a>`,
		`<a href="/stories/1">Dam talks to resume</a>`)

	// Without HTML, the text comes in paragraphs.
	body = e.mustGet(nil, "/articles/"+itoa(e.ids["daily"]), http.StatusOK)
	assertContains(t, "daily", body, "<p>The river dam negotiations restart next week, officials in Geneva said on Monday.</p>")
	if strings.Contains(body, "Also published by") {
		t.Error("daily: lists others who published it, but none did")
	}
}

// TestArticlePageLanguage: an article's title, summary and text carry
// the language its analysis found, and Arabic and Persian run right to
// left.
func TestArticlePageLanguage(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	tests := []struct {
		declared, analysed, text string
		want                     []string
	}{
		{"de", "ar", "استضافت مسقط جولة جديدة من المفاوضات.", []string{`<h1 id="article-h" lang="ar" dir="rtl">`, `<ul lang="ar" dir="rtl">`, `<div class="prose" lang="ar" dir="rtl">`}},
		{"fa-IR", "", "آلودگی هوای تهران", []string{`<h1 id="article-h" lang="fa" dir="rtl">`, `<div class="prose" lang="fa" dir="rtl">`}},
		{"en", "de", "Die Verhandlungen gehen weiter.", []string{`<h1 id="article-h" lang="de" dir="auto">`, `<div class="prose" lang="de" dir="auto">`}},
	}
	for i, tt := range tests {
		a := &storyline.Article{URL: "https://lang.example/" + itoa(int64(i)), Source: "Lang", Title: "T" + itoa(int64(i)),
			Text: tt.text, Language: tt.declared, ContentHash: storyline.ContentHash(tt.text)}
		res, err := e.db.SaveArticle(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.db.SaveAnalysis(ctx, &storyline.Analysis{ArticleID: res.ID, StoryID: int64(900 + i), Version: 1,
			Language: tt.analysed, Summary: []string{tt.text}}); err != nil {
			t.Fatal(err)
		}
		body := e.mustGet(nil, "/articles/"+itoa(res.ID), http.StatusOK)
		assertContains(t, tt.declared+"/"+tt.analysed, body, tt.want...)
	}
}

func TestArticlePageErrors(t *testing.T) {
	e := newTestEnv(t)
	e.mustGet(nil, "/articles/abc", http.StatusBadRequest)
	e.mustGet(nil, "/articles/0", http.StatusBadRequest)
	body := e.mustGet(nil, "/articles/999", http.StatusNotFound)
	assertContains(t, "unknown article", body, "999")
}

func TestWebURL(t *testing.T) {
	for _, tt := range []struct {
		raw         string
		plain       bool
		want        string
		description string
	}{
		{"https://a.example/x", false, "https://a.example/x", "https"},
		{"http://a.example/x", true, "http://a.example/x", "http allowed"},
		{"http://a.example/x", false, "", "http refused for images"},
		{"javascript:alert(1)", true, "", "javascript"},
		{"data:text/html,x", true, "", "data"},
		{"//a.example/x", true, "", "scheme-relative"},
		{"/local", true, "", "relative"},
		{"", true, "", "empty"},
	} {
		if got := webURL(tt.raw, tt.plain); got != tt.want {
			t.Errorf("%s: webURL(%q) = %q, want %q", tt.description, tt.raw, got, tt.want)
		}
	}
}

func TestParagraphs(t *testing.T) {
	got := paragraphs("One.\r\n\r\nTwo\nlines.\n\n\n\n  Three.  \n\n")
	want := []string{"One.", "Two\nlines.", "Three."}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("paragraphs = %q, want %q", got, want)
	}
}

func TestOutletPage(t *testing.T) {
	e := newTestEnv(t)
	body := e.mustGet(nil, "/outlets/Example%20Daily", http.StatusOK)
	assertContains(t, "outlet", body, "<h1>Example Daily</h1>", `href="/outlets/Example%20Daily/feed"`,
		`type="application/atom+xml"`, "Latest articles", "River dam negotiations restart", `<a href="/stories/1" data-open>`)
	body = e.mustGet(nil, "/outlets/example%20mirror", http.StatusOK)
	assertContains(t, "mirror", body, "<h1>Example Mirror</h1>", "Dam talks to resume (mirror)", "syndicated copy")
	e.mustGet(nil, "/outlets/Nobody%20Here", http.StatusNotFound)
	e.mustGet(nil, "/outlets/Example%20Daily?cursor=bogus", http.StatusBadRequest)
	e.mustGet(nil, "/outlets/"+strings.Repeat("x", maxNameParam+1), http.StatusBadRequest)

	e.seedArticles(outletArticles+5, "Busy Outlet", "walk")
	e.walk("/outlets/Busy%20Outlet", "/articles/", outletArticles, outletArticles+5)
}

// walk follows the "next" links from path, checking that each page but
// the last lists perPage [data-open] links starting with prefix, that none
// repeats, and that there are want in all.
func (e *testEnv) walk(path, prefix string, perPage, want int) {
	e.t.Helper()
	start := path
	seen := map[string]bool{}
	for pages := 0; path != "" && pages < 20; pages++ {
		body := e.mustGet(nil, path, http.StatusOK)
		var links []string
		for _, l := range openLinks(mainOf(body)) {
			if strings.HasPrefix(l, prefix) {
				links = append(links, l)
			}
		}
		next := relLink(body, "next")
		if next != "" && len(links) != perPage {
			e.t.Errorf("%s: %d items on a page that is not the last, want %d", path, len(links), perPage)
		}
		for _, l := range links {
			if seen[l] {
				e.t.Errorf("%s: %s listed twice", path, l)
			}
			seen[l] = true
		}
		if next != "" && !strings.HasPrefix(next, "/") {
			u, _ := url.Parse(path)
			next = u.Path + next
		}
		path = next
	}
	if len(seen) != want {
		e.t.Errorf("%s: the pages listed %d items, want %d", start, len(seen), want)
	}
}

func TestHashtagPage(t *testing.T) {
	e := newTestEnv(t)
	for _, p := range []string{"/hashtags/DamTalks", "/hashtags/damtalks", "/hashtags/%23DamTalks"} {
		body := e.mustGet(nil, p, http.StatusOK)
		assertContains(t, p, body, `<a href="/stories/1" data-open>Dam talks to resume</a>`, `type="application/atom+xml"`, "/feed")
	}
	assertContains(t, "hashtag", e.mustGet(nil, "/hashtags/DamTalks", http.StatusOK), `<h1 id="tag-h">#DamTalks</h1>`, `href="/hashtags/DamTalks/feed"`)
	e.mustGet(nil, "/hashtags/NoSuchTag", http.StatusNotFound)
	e.mustGet(nil, "/hashtags/%23", http.StatusBadRequest)
	e.mustGet(nil, "/hashtags/DamTalks?cursor=bogus", http.StatusBadRequest)

	e.seedStories(storiesPerPage+5, 100, "#Paging", storyline.Entity{Name: "Page Town", Kind: storyline.EntityPlace, Count: 1})
	e.walk("/hashtags/Paging", "/stories/", storiesPerPage, storiesPerPage+5)
}

func TestEntityPage(t *testing.T) {
	e := newTestEnv(t)
	body := e.mustGet(nil, "/entities/place/Geneva", http.StatusOK)
	assertContains(t, "entity", body, `<h1 id="entity-h">Geneva</h1>`, "Place", `<a href="/stories/1" data-open>`)
	e.mustGet(nil, "/entities/organization/River%20Authority", http.StatusOK)
	e.mustGet(nil, "/entities/person/Geneva", http.StatusNotFound)
	for _, p := range []string{"/entities/thing/Geneva", "/entities/place/%20", "/entities/place/Geneva?cursor=x"} {
		e.mustGet(nil, p, http.StatusBadRequest)
	}
	e.seedStories(storiesPerPage+3, 200, "#Walking", storyline.Entity{Name: "Walk Town", Kind: storyline.EntityPlace, Count: 1})
	e.walk("/entities/place/Walk%20Town", "/stories/", storiesPerPage, storiesPerPage+3)
}

func TestSearchPage(t *testing.T) {
	e := newTestEnv(t)
	body := e.mustGet(nil, "/search?q=dam+talks", http.StatusOK)
	assertContains(t, "search", body, "Dam talks to resume", "<mark>talks</mark>", "<mark>dam</mark>",
		`<li data-item>`, `<a href="/articles/`+itoa(e.ids["wire"])+`" data-open>`,
		`<label for="search-outlet">`, `<option value="Example Daily">`, `<label for="search-since">`, `<option value="7d">Past week</option>`,
		`type="application/atom+xml"`, `href="/search/feed?q=dam&#43;talks"`)

	body = e.mustGet(nil, "/search", http.StatusOK)
	assertContains(t, "empty search", body, `<h1 id="search-h">Search</h1>`, `<label for="search-q">`)
	if strings.Contains(body, "data-item") || strings.Contains(body, "No results") {
		t.Error("empty search shows results")
	}

	body = e.mustGet(nil, "/search?q=dam&outlet=Example+Daily", http.StatusOK)
	if links := openLinks(mainOf(body)); len(links) != 1 || links[0] != "/articles/"+itoa(e.ids["daily"]) {
		t.Errorf("outlet filter: results %v, want only the daily article", links)
	}
	assertContains(t, "outlet filter", body, `<option value="Example Daily" selected>`)
	body = e.mustGet(nil, "/search?q=negotiators+agreed&since=1d", http.StatusOK) // published 25 hours ago
	assertContains(t, "since filter", body, "No results", `<option value="1d" selected>`)
	if links := openLinks(mainOf(e.mustGet(nil, "/search?q=dam&since=7d", http.StatusOK))); len(links) != 2 {
		t.Errorf("past week: %d results, want 2", len(links))
	}

	for _, bad := range []string{"/search?q=" + strings.Repeat("a", maxParamLength+1), "/search?q=dam&since=soon", "/search?q=dam&cursor=zzz"} {
		e.mustGet(nil, bad, http.StatusBadRequest)
	}

	e.seedArticles(searchPerPage+5, "Zoo Daily", "zebra")
	first := e.mustGet(nil, "/search?q=zebra&outlet=Zoo+Daily", http.StatusOK)
	next := relLink(first, "next")
	if len(openLinks(mainOf(first))) != searchPerPage || next == "" || relLink(first, "prev") != "" {
		t.Fatalf("first page: %d results, next %q, prev %q", len(openLinks(mainOf(first))), next, relLink(first, "prev"))
	}
	if !strings.Contains(next, "outlet=Zoo+Daily") {
		t.Errorf("next page %q drops the outlet filter", next)
	}
	second := e.mustGet(nil, next, http.StatusOK)
	assertContains(t, "second page", second, "Results 21–25", `start="21"`)
	if len(openLinks(mainOf(second))) != 5 || relLink(second, "next") != "" {
		t.Errorf("second page: %d results, next %q", len(openLinks(mainOf(second))), relLink(second, "next"))
	}
	if prev := relLink(second, "prev"); prev != "/search?outlet=Zoo+Daily&q=zebra" {
		t.Errorf("previous page link %q", prev)
	}
}

// TestStoryTimelineWithoutOutlet: an article with no outlet (a page
// whose site names none) is listed in its story's timeline without an
// empty outlet link.
func TestStoryTimelineWithoutOutlet(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	a := &storyline.Article{URL: "https://nameless.example/rocket", Title: "Seeking a bigger role for a big rocket",
		Text: "The rocket may fly more often.", ContentHash: storyline.ContentHash("The rocket may fly more often."),
		Published: time.Date(2019, 11, 18, 9, 0, 0, 0, time.UTC)}
	res, err := e.db.SaveArticle(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.db.SaveAnalysis(ctx, &storyline.Analysis{ArticleID: res.ID, StoryID: 701, Version: 1}); err != nil {
		t.Fatal(err)
	}
	body := e.mustGet(nil, "/stories/701", http.StatusOK)
	tl := body[strings.Index(body, `id="timeline-h"`):]
	assertContains(t, "timeline", tl, `<a href="/articles/`+itoa(res.ID)+`">Seeking a bigger role for a big rocket</a>`)
	if strings.Contains(tl, `<a href="/outlets/"></a>`) {
		t.Error("the timeline links to an outlet with no name")
	}
}

// TestNoOutletLeavesNoGap: a story whose articles have no outlet (files
// imported without a URL or site name) shows no "0 outlets" and no
// separator left alone on its card, its article's page or in search.
func TestNoOutletLeavesNoGap(t *testing.T) {
	e := newTestEnv(t)
	ids := e.seedArticles(1, "", "lighthouse")
	ctx := context.Background()
	if err := e.db.SaveAnalysis(ctx, &storyline.Analysis{ArticleID: ids[0], StoryID: 900, Version: 1}); err != nil {
		t.Fatal(err)
	}
	if err := e.db.SaveStories(ctx, storyline.StoryUpdate{Story: &storyline.Story{ID: 900, Title: "Lighthouse story"}}); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/latest", "/articles/" + itoa(ids[0]), "/search?q=lighthouse"} {
		body := mainOf(e.mustGet(nil, path, http.StatusOK))
		for _, bad := range []string{"0 outlets", `<p class="meta"> · `, `<p class="meta">· `, `"></a> · `} {
			if strings.Contains(body, bad) {
				t.Errorf("%s shows %q:\n%s", path, bad, body)
			}
		}
	}
}
