package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestReaderPagesOpeningReads(t *testing.T) {
	e := newTestEnv(t)
	m, admin := e.memberPages(), e.adminPages()
	wire := e.ids["wire"]
	steps := []struct {
		open       string // a page the member opens
		unread     int    // then the navigation's unread count
		cards      []string
		wireRead   bool // the wire article shows read on its outlet page
		newReports string
	}{
		{"", 2, []string{"1 unread", "2 unread"}, false, ""},
		{"/stories/1", 1, []string{"1 read", "2 unread"}, false, ""},
		{"/articles/" + itoa(wire), 1, []string{"1 read", "2 unread"}, true, ""},
		{"/stories/2", 0, []string{"1 read", "2 read"}, true, ""},
	}
	for _, s := range steps {
		if s.open != "" {
			m.page(s.open)
		}
		home := m.page("/")
		if got := navCount(home, "/"); got != s.unread {
			t.Errorf("after %q: Top's unread count %d, want %d", s.open, got, s.unread)
		}
		if got := navCount(m.page("/latest"), "/latest"); got != s.unread {
			t.Errorf("after %q: Latest's unread count %d, want %d", s.open, got, s.unread)
		}
		if got := cardStates(home); !slices.Equal(got, s.cards) {
			t.Errorf("after %q: cards %q, want %q", s.open, got, s.cards)
		}
		outlet := m.page("/outlets/Example%20Wire")
		if got := strings.Contains(outlet, `class="read" data-kind="article" data-id="`+itoa(wire)+`"`); got != s.wireRead {
			t.Errorf("after %q: wire article read on its outlet page: %v, want %v", s.open, got, s.wireRead)
		}
	}

	// Another reader's reads never show.
	if home := admin.page("/"); navCount(home, "/") != 2 || !slices.Equal(cardStates(home), []string{"1 unread", "2 unread"}) {
		t.Errorf("the administrator sees the member's reads: count %d, cards %q", navCount(home, "/"), cardStates(home))
	}

	// A report after the member read the story makes it new to them.
	e.addReport(2, "https://late.example/cup")
	home := m.page("/latest") // Top's ranking is kept a while
	card := storyCardOf(home, 2)
	if !strings.Contains(card, `<strong class="new">1 new report</strong>`) || !strings.Contains(card, "data-unread") {
		t.Errorf("story 2 after a new report:\n%s", card)
	}
	if got := navCount(home, "/"); got != 1 {
		t.Errorf("unread count after a new report: %d, want 1", got)
	}
	if story := m.page("/stories/2"); !strings.Contains(story, "1 new report</strong> since you last read it") {
		t.Errorf("the story page does not say what is new:\n%s", mainOf(story))
	}
	if got := navCount(m.page("/latest"), "/"); got != 0 {
		t.Errorf("unread count after reading the new report: %d, want 0", got)
	}
}

func TestReaderPagesMarkForms(t *testing.T) {
	e := newTestEnv(t)
	m := e.memberPages()
	wire := itoa(e.ids["wire"])
	tests := []struct {
		name, from, path, action string
		status                   int
		to                       string
		card                     string // story 2's card on Latest after
	}{
		{"story read", "/latest", "/stories/2/read", "read", http.StatusSeeOther, "/latest", "2 read"},
		{"story unread", "/latest", "/stories/2/read", "unread", http.StatusSeeOther, "/latest", "2 unread"},
		{"no action reads", "/latest?outlet=Example+Daily", "/stories/2/read", "", http.StatusSeeOther, "/latest?outlet=Example+Daily", "2 read"},
		{"article read", "/articles/" + wire, "/articles/" + wire + "/read", "read", http.StatusSeeOther, "/articles/" + wire, "2 read"},
		{"bad action", "/latest", "/stories/2/read", "maybe", http.StatusBadRequest, "", "2 read"},
		{"unknown story", "/latest", "/stories/99/read", "read", http.StatusNotFound, "", "2 read"},
		{"bad id", "/latest", "/stories/x/read", "read", http.StatusBadRequest, "", "2 read"},
	}
	for _, tt := range tests {
		status, to := m.submit(tt.from, tt.path, url.Values{"action": {tt.action}})
		if status != tt.status || (tt.to != "" && to != tt.to) {
			t.Errorf("%s: %d to %q, want %d to %q", tt.name, status, to, tt.status, tt.to)
		}
		if got := cardStates(m.page("/latest")); !slices.Contains(got, tt.card) {
			t.Errorf("%s: cards %q, want %q", tt.name, got, tt.card)
		}
	}
	if got := m.page("/outlets/Example%20Wire"); !strings.Contains(got, `class="read" data-kind="article" data-id="`+wire+`"`) {
		t.Errorf("article marked read shows unread on its outlet page")
	}

	// The page's script gets 204 rather than the page again.
	status, _ := e.submitAs(m.c, "/", "/stories/1/read", url.Values{"action": {"read"}}, http.Header{"X-Requested-With": {"fetch"}})
	if status != http.StatusNoContent {
		t.Errorf("script's mark read: %d, want 204", status)
	}
	// A visitor cannot.
	if status, _ := e.submitAs(nil, "/", "/stories/1/read", url.Values{"action": {"read"}}, nil); status != http.StatusUnauthorized {
		t.Errorf("visitor's mark read: %d, want 401", status)
	}
}

func TestReaderPagesMarkAllRead(t *testing.T) {
	tests := []struct {
		name   string
		form   url.Values
		to     string
		view   string   // the unread-only view after
		unread []string // its cards
	}{
		{"top", url.Values{"view": {"top"}, "unread": {"1"}}, "/?unread=1", "/?unread=1", nil},
		{"latest", url.Values{"view": {"latest"}}, "/latest", "/latest?unread=1", nil},
		{"latest of one outlet", url.Values{"view": {"latest"}, "outlet": {"Example Wire"}, "unread": {"1"}},
			"/latest?outlet=Example+Wire&unread=1", "/latest?unread=1", []string{"2 unread"}},
		{"top of one outlet", url.Values{"view": {"top"}, "outlet": {"Example Wire"}}, "/?outlet=Example+Wire", "/?unread=1", []string{"2 unread"}},
		{"for you", url.Values{"view": {"foryou"}, "unread": {"1"}}, "/foryou?unread=1", "/foryou?unread=1", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t)
			m := e.memberPages()
			m.must("/hashtags/CupFinal", "/follows", url.Values{"kind": {"hashtag"}, "value": {"CupFinal"}}, "/hashtags/CupFinal")
			m.must("/hashtags/DamTalks", "/follows", url.Values{"kind": {"hashtag"}, "value": {"DamTalks"}}, "/hashtags/DamTalks")
			if got := cardStates(m.page(tt.view)); len(got) != 2 {
				t.Fatalf("%s before: cards %q, want both unread", tt.view, got)
			}
			if got := navCount(m.page("/foryou"), "/foryou"); got != 2 {
				t.Errorf("For you's unread count before: %d, want 2", got)
			}
			m.must(tt.view, "/read", tt.form, tt.to)
			page := m.page(tt.view)
			if got := cardStates(page); !slices.Equal(got, tt.unread) {
				t.Errorf("%s after: cards %q, want %q", tt.view, got, tt.unread)
			}
			if tt.unread == nil && !strings.Contains(page, "Nothing unread here.") {
				t.Errorf("%s after: no empty state:\n%s", tt.view, mainOf(page))
			}
			if want := len(tt.unread); navCount(page, "/") != want || navCount(page, "/foryou") != want {
				t.Errorf("unread counts after: Top %d, For you %d, want %d", navCount(page, "/"), navCount(page, "/foryou"), want)
			}
			// The administrator's view is as it was.
			if got := cardStates(e.adminPages().page(tt.view)); len(got) != 2 && tt.view != "/foryou?unread=1" {
				t.Errorf("the administrator's %s: %q", tt.view, got)
			}
		})
	}

	e := newTestEnv(t)
	m := e.memberPages()
	for _, form := range []url.Values{{"view": {"nope"}}, {"view": {"top"}, "outlet": {strings.Repeat("x", 2000)}}} {
		if status, _ := m.submit("/", "/read", form); status != http.StatusBadRequest {
			t.Errorf("mark all read %v: %d, want 400", form, status)
		}
	}
}

func TestReaderPagesViewTools(t *testing.T) {
	e := newTestEnv(t)
	m := e.memberPages()
	for _, tt := range []struct{ path, switchTo, view, hidden string }{
		{"/", "/?unread=1", "top", ""},
		{"/?unread=1", "/", "top", `<input type="hidden" name="unread" value="1">`},
		{"/latest?category=News&outlet=Example+Daily", "/latest?category=News&amp;outlet=Example&#43;Daily&amp;unread=1", "latest",
			`<input type="hidden" name="category" value="News">`},
	} {
		page := m.page(tt.path)
		for _, want := range []string{`href="` + tt.switchTo + `" class="switch"`, `<input type="hidden" name="view" value="` + tt.view + `">`, tt.hidden, "Mark all as read"} {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %s", tt.path, want)
			}
		}
	}
}

func TestReaderPagesSaved(t *testing.T) {
	e := newTestEnv(t)
	m, admin := e.memberPages(), e.adminPages()
	wire := e.ids["wire"]
	if page := m.page("/saved"); !strings.Contains(page, "Nothing saved yet.") {
		t.Errorf("empty Saved page:\n%s", mainOf(page))
	}
	steps := []struct {
		from, path, action string
		to                 string
	}{
		{"/", "/saved/story/2", "save", "/"},
		{"/stories/1", "/saved/story/1", "save", "/stories/1"},
		{"/articles/" + itoa(wire), "/saved/article/" + itoa(wire), "save", "/articles/" + itoa(wire)},
		{"/saved", "/saved/story/1", "unsave", "/saved"},
		{"/", "/saved/story/2", "save", "/"}, // again: kept as first saved
	}
	for _, s := range steps {
		m.must(s.from, s.path, url.Values{"action": {s.action}}, s.to)
	}
	for _, tt := range []struct {
		path, kind string
		id         int64
		want       string
	}{
		{"/", "story", 2, "true"}, {"/", "story", 1, "false"}, {"/stories/2", "story", 2, "true"},
		{"/stories/1", "story", 1, "false"}, {"/articles/" + itoa(wire), "article", wire, "true"},
		{"/outlets/Example%20Wire", "article", wire, "true"}, {"/search?q=dam", "article", wire, "true"},
	} {
		if got := savedPressed(m.page(tt.path), tt.kind, tt.id); got != tt.want {
			t.Errorf("%s: %s %d saved %q, want %q", tt.path, tt.kind, tt.id, got, tt.want)
		}
	}
	saved := m.page("/saved")
	iArticle, iStory := strings.Index(saved, `data-kind="article" data-id="`+itoa(wire)+`"`), strings.Index(saved, `data-kind="story" data-id="2"`)
	if iArticle < 0 || iStory < 0 || iArticle > iStory || strings.Contains(saved, `data-kind="story" data-id="1"`) {
		t.Errorf("Saved page: want the article, then story 2, not story 1:\n%s", mainOf(saved))
	}
	if got := admin.page("/saved"); !strings.Contains(got, "Nothing saved yet.") || savedPressed(admin.page("/"), "story", 2) != "false" {
		t.Errorf("the administrator sees the member's saved items")
	}

	for _, tt := range []struct {
		path, action string
		status       int
	}{{"/saved/story/99", "save", 404}, {"/saved/video/1", "save", 400}, {"/saved/story/1", "keep", 400}} {
		if status, _ := m.submit("/", tt.path, url.Values{"action": {tt.action}}); status != tt.status {
			t.Errorf("POST %s action=%s: %d, want %d", tt.path, tt.action, status, tt.status)
		}
	}
	if status, _ := e.submitAs(nil, "/", "/saved/story/1", url.Values{"action": {"save"}}, nil); status != http.StatusUnauthorized {
		t.Errorf("visitor's save: %d, want 401", status)
	}
}

func TestReaderPagesSavedPages(t *testing.T) {
	e := newTestEnv(t)
	m := e.memberPages()
	ids := e.seedArticles(savedPerPage+5, "Paged Outlet", "archive")
	for i, id := range ids {
		if err := e.db.Save(t.Context(), e.member.ID, "article", id, testNow.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	first, second := m.page("/saved"), m.page("/saved?page=2")
	if n := strings.Count(first, `data-kind="article"`); n != savedPerPage || !strings.Contains(first, `href="/saved?page=2"`) {
		t.Errorf("first page: %d articles (want %d) and a link to the next", n, savedPerPage)
	}
	if n := strings.Count(second, `data-kind="article"`); n != 5 || !strings.Contains(second, `href="/saved?page=1"`) {
		t.Errorf("second page: %d articles (want 5) and a link to the first", n)
	}
	// The last saved comes first.
	if i, j := strings.Index(first, `data-id="`+itoa(ids[len(ids)-1])+`"`), strings.Index(first, `data-id="`+itoa(ids[len(ids)-2])+`"`); i < 0 || j < i {
		t.Errorf("the most recently saved is not first")
	}
	if resp, _ := e.get(m.c, "/saved?page=0"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("page 0: %d, want 400", resp.StatusCode)
	}
}
