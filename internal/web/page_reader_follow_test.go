package web

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// followID returns the ID of the reader's follow (or mute, with path
// "/mutes") whose delete form a page has, the first one; "" for none.
func followID(body, path string) string {
	m := regexp.MustCompile(`action="` + path + `/(\d+)/delete"`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return m[1]
}

func TestReaderPagesFollow(t *testing.T) {
	tests := []struct {
		name, page string
		form       url.Values
		cards      []string // For you's cards after
		settings   string   // how Settings lists the follow
	}{
		{"hashtag", "/hashtags/DamTalks", url.Values{"kind": {"hashtag"}, "value": {"#DamTalks"}}, []string{"1 unread"}, `<a href="/hashtags/DamTalks">#DamTalks</a>`},
		{"entity", "/entities/place/Geneva", url.Values{"kind": {"entity"}, "value": {"Geneva"}, "entity_kind": {"place"}}, []string{"1 unread"}, "Geneva"},
		{"outlet", "/outlets/Example%20Wire", url.Values{"kind": {"outlet"}, "value": {"Example Wire"}}, []string{"1 unread"}, `<a href="/outlets/Example%20Wire">Example Wire</a>`},
		{"search", "/search?q=cup", url.Values{"kind": {"search"}, "value": {"cup"}}, []string{"2 unread"}, `<a href="/search?q=cup">“cup”</a>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t)
			m := e.memberPages()
			if got := m.page("/foryou"); !strings.Contains(got, "You follow nothing yet.") || navCount(got, "/foryou") != 0 {
				t.Fatalf("For you before following:\n%s", mainOf(got))
			}
			if got := m.page(tt.page); !strings.Contains(got, `aria-pressed="false" aria-label="Follow`) {
				t.Fatalf("%s has no Follow button:\n%s", tt.page, mainOf(got))
			}
			m.must(tt.page, "/follows", tt.form, tt.page)
			m.must(tt.page, "/follows", tt.form, tt.page) // again: nothing changes
			page := m.page(tt.page)
			if !strings.Contains(page, `aria-pressed="true" aria-label="Follow`) {
				t.Errorf("%s after following: the button is not pressed", tt.page)
			}
			foryou := m.page("/foryou")
			if got := cardStates(foryou); !slices.Equal(got, tt.cards) {
				t.Errorf("For you: %q, want %q", got, tt.cards)
			}
			if got := navCount(foryou, "/foryou"); got != len(tt.cards) {
				t.Errorf("For you's unread count %d, want %d", got, len(tt.cards))
			}
			settings := m.page("/settings")
			if !strings.Contains(settings, tt.settings) {
				t.Errorf("Settings does not list the follow as %s", tt.settings)
			}
			id := followID(settings, "/follows")
			if got := e.adminPages().page("/foryou"); !strings.Contains(got, "You follow nothing yet.") {
				t.Errorf("the administrator's For you shows the member's follows")
			}
			if status, _ := e.adminPages().submit("/settings", "/follows/"+id+"/delete", nil); status != http.StatusNotFound {
				t.Errorf("the administrator removes the member's follow: %d, want 404", status)
			}
			m.must("/settings", "/follows/"+id+"/delete", nil, "/settings")
			if got := m.page("/foryou"); !strings.Contains(got, "You follow nothing yet.") {
				t.Errorf("For you after unfollowing:\n%s", mainOf(got))
			}
		})
	}

	e := newTestEnv(t)
	m := e.memberPages()
	for _, form := range []url.Values{{"kind": {"planet"}, "value": {"Mars"}}, {"kind": {"hashtag"}, "value": {" # "}},
		{"kind": {"hashtag"}, "value": {"x"}, "entity_kind": {"place"}}} {
		if status, _ := m.submit("/", "/follows", form); status != http.StatusBadRequest {
			t.Errorf("follow %v: %d, want 400", form, status)
		}
	}
	if status, _ := e.submitAs(nil, "/", "/follows", url.Values{"kind": {"hashtag"}, "value": {"x"}}, nil); status != http.StatusUnauthorized {
		t.Errorf("visitor's follow: %d, want 401", status)
	}
}

func TestReaderPagesMute(t *testing.T) {
	e := newTestEnv(t)
	m, admin := e.memberPages(), e.adminPages()
	m.must("/hashtags/CupFinal", "/follows", url.Values{"kind": {"hashtag"}, "value": {"CupFinal"}}, "/hashtags/CupFinal")
	m.must("/", "/saved/story/2", url.Values{"action": {"save"}}, "/")
	const evil = "Evil <img src=x onerror=alert(1)> Outlet"
	lists := func() (top, latest, foryou, saved bool) {
		has := func(path string) bool { return slices.Contains(cardStates(m.page(path)), "2 unread") }
		return has("/"), has("/latest"), has("/foryou"), has("/saved")
	}
	steps := []struct {
		name      string
		from      string
		path      string
		form      url.Values
		hidden    bool // story 2 hidden from Top, Latest and For you
		mutedText string
	}{
		{"a word", "/settings", "/mutes", url.Values{"kind": {"word"}, "value": {"cup"}}, true, "“cup”"},
		{"unmute the word", "/settings", "/mutes/{id}/delete", nil, false, ""},
		{"one of its outlets", "/outlets/Example%20Daily", "/mutes", url.Values{"kind": {"outlet"}, "value": {"Example Daily"}}, false, "Example Daily"},
		{"all its outlets", "/outlets/x", "/mutes", url.Values{"kind": {"outlet"}, "value": {evil}}, true, "Evil &lt;img"},
	}
	for _, s := range steps {
		path := strings.Replace(s.path, "{id}", followID(m.page("/settings"), "/mutes"), 1)
		m.must(s.from, path, s.form, s.from)
		top, latest, foryou, saved := lists()
		if top == s.hidden || latest == s.hidden || foryou == s.hidden || !saved {
			t.Errorf("after muting %s: story 2 on Top %v, Latest %v, For you %v, Saved %v; want hidden %v but saved",
				s.name, top, latest, foryou, saved, s.hidden)
		}
		if s.mutedText != "" && !strings.Contains(m.page("/settings"), s.mutedText) {
			t.Errorf("after muting %s: Settings does not list it", s.name)
		}
	}
	if got := m.page("/outlets/Example%20Daily"); !strings.Contains(got, `aria-pressed="true" aria-label="Mute outlet Example Daily"`) {
		t.Errorf("the outlet page's Mute button is not pressed")
	}
	if got := cardStates(admin.page("/")); !slices.Contains(got, "2 unread") {
		t.Errorf("the member's mutes hide story 2 from the administrator: %q", got)
	}
	for _, form := range []url.Values{{"kind": {"colour"}, "value": {"red"}}, {"kind": {"word"}, "value": {"  "}}} {
		if status, _ := m.submit("/settings", "/mutes", form); status != http.StatusBadRequest {
			t.Errorf("mute %v: %d, want 400", form, status)
		}
	}
}

func TestReaderPagesVisitors(t *testing.T) {
	e := newTestEnv(t, func(c *Config) { c.PageCache = time.Minute })
	paths := []string{"/", "/latest", "/?unread=1", "/stories/1", "/articles/" + itoa(e.ids["wire"]), "/outlets/Example%20Daily",
		"/hashtags/DamTalks", "/entities/place/Geneva", "/search?q=dam"}
	before := map[string]string{}
	for _, p := range paths {
		before[p] = e.mustGet(nil, p, http.StatusOK)
		for _, personal := range []string{"data-kind=", `href="/saved"`, `href="/foryou"`, "Mark all as read", `class="count"`,
			"data-reader", `action="/follows"`, `action="/mutes"`, "data-unread", "Unread: "} {
			if strings.Contains(before[p], personal) {
				t.Errorf("a visitor's %s has %s", p, personal)
			}
		}
	}
	m := e.memberPages()
	m.page("/stories/1")
	m.must("/", "/saved/story/2", url.Values{"action": {"save"}}, "/")
	m.must("/", "/follows", url.Values{"kind": {"hashtag"}, "value": {"DamTalks"}}, "/")
	m.must("/", "/mutes", url.Values{"kind": {"word"}, "value": {"cup"}}, "/")
	m.must("/", "/read", url.Values{"view": {"latest"}}, "/latest")
	m.must("/", "/stories/2/read", url.Values{"action": {"unread"}}, "/")
	for _, p := range paths {
		resp, got := e.get(nil, p)
		if got != before[p] || resp.Header.Get("Age") == "" {
			t.Errorf("a visitor's %s changed, or was not kept (Age %q), after a reader's changes", p, resp.Header.Get("Age"))
		}
	}
	for _, p := range []string{"/saved", "/foryou"} {
		if resp, _ := e.get(nil, p); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login?next=") {
			t.Errorf("a visitor's %s: %d to %q, want the sign-in page", p, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	for _, p := range []string{"/read", "/mutes/1/delete", "/follows/1/delete", "/articles/1/read"} {
		if status, _ := e.submitAs(nil, "/", p, url.Values{"view": {"top"}}, nil); status != http.StatusUnauthorized {
			t.Errorf("a visitor's POST %s: %d, want 401", p, status)
		}
	}
	// Signed-in pages are never cached.
	if resp, _ := e.get(m.c, "/"); resp.Header.Get("Cache-Control") != "private, no-store" {
		t.Errorf("a reader's page: Cache-Control %q", resp.Header.Get("Cache-Control"))
	}
}
