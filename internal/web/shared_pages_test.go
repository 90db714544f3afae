package web

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// TestSharedPagesAsRendered checks that the pages signed-in readers get
// from shared pages with holes filled are byte for byte the pages
// rendered for them: one server with the page cache on (shared pages)
// and one with it off, over one store, for readers with reads, saves,
// follows, a mute that hides a story, comments of their own and of
// another, and each page both as gzip (stitched) and plain.
func TestSharedPagesAsRendered(t *testing.T) {
	direct := newTestEnv(t)
	ctx := context.Background()
	db, m := direct.db, direct.member
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.MarkStoriesRead(ctx, m.ID, []int64{direct.story}, true, testNow))
	must(db.Save(ctx, m.ID, storyline.KindArticle, direct.ids["daily"], testNow))
	must(db.AddFollow(ctx, &storyline.Follow{UserID: m.ID, Kind: storyline.FollowHashtag, Value: "DamTalks"}))
	must(db.AddComment(ctx, &storyline.Comment{UserID: m.ID, StoryID: direct.story, Body: "Mine."}))
	must(db.AddComment(ctx, &storyline.Comment{UserID: direct.admin.ID, ArticleID: direct.ids["wire"], Body: "The admin's."}))

	shared := &testEnv{t: t, db: db, ids: direct.ids, story: direct.story, other: direct.other, admin: direct.admin, member: m}
	shared.start(func(c *Config) { c.Now = func() time.Time { return testNow }; c.PageCache = time.Minute })

	pages := []string{"/", "/latest", "/foryou", "/stories/" + itoa(direct.story), "/stories/" + itoa(direct.other),
		"/articles/" + itoa(direct.ids["wire"]), "/articles/" + itoa(direct.ids["copy"]), "/?category=none"}
	readers := []struct{ name, password string }{{"member", memberPassword}, {"admin", adminPassword}}
	for _, muted := range []bool{false, true} {
		if muted { // hides the cup story from the member's lists
			must(db.AddMute(ctx, &storyline.Mute{UserID: m.ID, Kind: storyline.MuteWord, Value: "Cup"}))
			shared.srv.forgetReader(m.ID)
		}
		for _, rd := range readers {
			dc, sc := direct.signedIn(rd.name, rd.password), shared.signedIn(rd.name, rd.password)
			for _, p := range pages {
				direct.mustGet(dc, p, http.StatusOK) // opening marks read: both see the same state after
				shared.mustGet(sc, p, http.StatusOK)
			}
			// What one server kept of a reader another changed lasts its
			// TTL; the read marks of opened pages are stored a moment later.
			shared.srv.marks.flush(ctx)
			shared.srv.readers.forget(m.ID)
			shared.srv.readers.forget(direct.admin.ID)
			for _, p := range pages {
				want := direct.mustGet(dc, p, http.StatusOK)
				for _, enc := range []string{"gzip", ""} {
					got := sharedGet(t, shared, sc, p, enc)
					if got != want {
						t.Errorf("%s, muted %v, %s, encoding %q: shared page differs from the rendered one:\n%s",
							rd.name, muted, p, enc, firstDiff(got, want))
					}
				}
			}
		}
	}
	if n := len(shared.srv.sharedPages.entries); n < len(pages)-1 {
		t.Errorf("%d shared pages kept, want at least %d", n, len(pages)-1)
	}
}

// sharedGet fetches path with c asking for encoding enc ("" for none)
// and returns the body decoded.
func sharedGet(t *testing.T, e *testEnv, c *http.Client, path, enc string) string {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, e.ts.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if enc == "" {
		req.Header.Set("Accept-Encoding", "identity")
	}
	resp, body := e.roundTrip(c, req)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d", path, resp.StatusCode)
	}
	if enc != "" && !resp.Uncompressed {
		t.Errorf("GET %s: not sent compressed (Content-Encoding %q)", path, resp.Header.Get("Content-Encoding"))
	}
	return body
}

// firstDiff shows where a and b first differ.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-120)
	return "got:  …" + strings.TrimSpace(a[from:min(len(a), i+120)]) + "…\nwant: …" + strings.TrimSpace(b[from:min(len(b), i+120)]) + "…"
}

// TestOpenMarksShowAtOnce checks that with the page cache on, a page
// opened shows read at once on the reader's pages and in their unread
// count, while its mark waits to be stored, and that it is stored.
func TestOpenMarksShowAtOnce(t *testing.T) {
	e := newTestEnv(t, func(c *Config) { c.PageCache = time.Minute })
	m := e.memberPages()
	if got := navCount(m.page("/"), "/"); got != 2 {
		t.Fatalf("unread count %d before, want 2", got)
	}
	m.page("/stories/" + itoa(e.story))
	m.page("/articles/" + itoa(e.ids["cup"]))
	home := m.page("/")
	if got := navCount(home, "/"); got != 1 {
		t.Errorf("unread count %d after opening a story, want 1", got)
	}
	if got := cardStates(home); !slices.Equal(got, []string{"1 read", "2 unread"}) {
		t.Errorf("cards %q after opening story 1", got)
	}
	if outlet := m.page("/outlets/Example%20Daily"); !strings.Contains(outlet, `class="read" data-kind="article" data-id="`+itoa(e.ids["cup"])+`"`) {
		t.Errorf("the opened article is not read on its outlet page")
	}
	// A reader whose counts are not kept yet: the marks waiting are
	// stored before the counts are read.
	a := e.adminPages()
	a.page("/stories/" + itoa(e.story))
	if got := navCount(a.page("/"), "/"); got != 1 {
		t.Errorf("unread count %d after opening a story first thing, want 1", got)
	}
	e.srv.marks.flush(context.Background())
	reads, err := e.db.StoriesRead(context.Background(), e.member.ID, []int64{e.story})
	if err != nil || reads[e.story].Seen == 0 {
		t.Errorf("the opened story's mark was not stored: %v, %v", reads, err)
	}
	if got, err := e.db.ArticlesRead(context.Background(), e.member.ID, []int64{e.ids["cup"]}); err != nil || !got[e.ids["cup"]] {
		t.Errorf("the opened article's mark was not stored: %v, %v", got, err)
	}
}
