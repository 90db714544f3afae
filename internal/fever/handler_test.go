package fever

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/auth"
	"github.com/storyline/storyline/internal/store/sqlite"
)

// feverEnv is a Fever API over a real store with one reader, two feeds
// (one in the group "World") and three items, one of them with a
// syndicated copy.
type feverEnv struct {
	t      *testing.T
	db     *sqlite.DB
	srv    *httptest.Server
	key    string // the reader's api_key
	reader *storyline.User
	news   *storyline.Feed
	tech   *storyline.Feed
	items  []int64 // oldest first
	copyID int64
}

func newFeverEnv(t *testing.T, th *auth.Throttle) *feverEnv {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "fever.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	e := &feverEnv{t: t, db: db}
	e.reader = &storyline.User{Name: "Alice", PasswordHash: "x", Role: storyline.RoleMember}
	if err := db.AddUser(ctx, e.reader); err != nil {
		t.Fatal(err)
	}
	secret, secretHash, feverHash := auth.NewAppPassword(e.reader.Name)
	if err := db.AddAppPassword(ctx, &storyline.AppPassword{UserID: e.reader.ID, Label: "Reeder", SecretHash: secretHash, FeverHash: feverHash}); err != nil {
		t.Fatal(err)
	}
	e.key = auth.FeverKey(e.reader.Name, secret)
	e.news = &storyline.Feed{URL: "https://news.example/rss", Title: "News", Category: "World"}
	e.tech = &storyline.Feed{URL: "https://tech.example/rss", Title: "Tech"}
	for _, f := range []*storyline.Feed{e.news, e.tech} {
		if err := db.AddFeed(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	for i, f := range []*storyline.Feed{e.news, e.news, e.tech} {
		text := "Report number " + strconv.Itoa(i+1) + " of the day, with its facts."
		res, err := db.SaveArticle(ctx, &storyline.Article{URL: "https://x.example/" + strconv.Itoa(i+1), Source: f.Title,
			Title: "Report " + strconv.Itoa(i+1), Text: text, HTML: "<p>" + text + "</p>", FeedID: f.ID,
			ContentHash: storyline.ContentHash(text), Published: time.Date(2026, 3, 1, i, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		e.items = append(e.items, res.ID)
	}
	text := "Report number 1 of the day, with its facts."
	res, err := db.SaveArticle(ctx, &storyline.Article{URL: "https://mirror.example/1", Source: "Tech", Title: "Report 1 again",
		Text: text, FeedID: e.tech.ID, ContentHash: storyline.ContentHash(text)})
	if err != nil || res.CopyOf != e.items[0] {
		t.Fatalf("the copy: %+v, %v", res, err)
	}
	e.copyID = res.ID
	h := New(Config{Store: db, Throttle: th, Now: func() time.Time { return time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC) }})
	e.srv = httptest.NewServer(h)
	t.Cleanup(e.srv.Close)
	return e
}

// call posts form with the reader's key (unless form has one) to
// ?api&query and decodes the JSON answer; it fails the test unless the
// status is want.
func (e *feverEnv) call(query string, form url.Values, want int) map[string]any {
	e.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if !form.Has("api_key") {
		form.Set("api_key", e.key)
	}
	resp, err := http.PostForm(e.srv.URL+"/fever/?api"+query, form)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != want {
		e.t.Fatalf("?api%s: status %d, want %d", query, resp.StatusCode, want)
	}
	if want != http.StatusOK {
		return nil
	}
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		e.t.Fatalf("?api%s: %v", query, err)
	}
	return out
}

// ids returns the IDs of the items of answer.
func ids(answer map[string]any) []int64 {
	var out []int64
	items, _ := answer["items"].([]any)
	for _, it := range items {
		out = append(out, int64(it.(map[string]any)["id"].(float64)))
	}
	return out
}

// list joins ids with commas, as Fever lists them.
func list(ids ...int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, ",")
}

func TestAuthentication(t *testing.T) {
	e := newFeverEnv(t, nil)
	if got := e.call("", nil, 200); got["auth"] != 1.0 || got["api_version"] != 3.0 || got["last_refreshed_on_time"] == nil {
		t.Fatalf("with the key: %v", got)
	}
	for _, key := range []string{"", "not-a-key", strings.Repeat("0", 32), strings.ToUpper(e.key)} {
		got := e.call("&items", url.Values{"api_key": {key}}, 200)
		if key == strings.ToUpper(e.key) {
			if got["auth"] != 1.0 {
				t.Errorf("an upper-case key is refused: %v", got)
			}
			continue
		}
		if got["auth"] != 0.0 || got["items"] != nil {
			t.Errorf("key %q: %v, want auth 0 and nothing else", key, got)
		}
	}
	if err := e.db.SetDisabled(context.Background(), e.reader.ID, true); err != nil {
		t.Fatal(err)
	}
	if got := e.call("", nil, 200); got["auth"] != 0.0 {
		t.Errorf("a disabled account's key: %v", got)
	}
}

func TestThrottle(t *testing.T) {
	e := newFeverEnv(t, &auth.Throttle{Burst: 2, Every: time.Hour})
	for range 2 {
		e.call("", url.Values{"api_key": {strings.Repeat("f", 32)}}, 200)
	}
	if got := e.call("", nil, 200); got["auth"] != 0.0 {
		t.Errorf("the right key after too many wrong ones from the address: %v, want auth 0", got)
	}
}

func TestGroupsAndFeeds(t *testing.T) {
	e := newFeverEnv(t, nil)
	got := e.call("&groups&feeds&favicons&links", nil, 200)
	groups := got["groups"].([]any)
	if len(groups) != 1 || groups[0].(map[string]any)["title"] != "World" {
		t.Errorf("groups %v, want World", groups)
	}
	fg := got["feeds_groups"].([]any)
	if len(fg) != 1 || fg[0].(map[string]any)["feed_ids"] != list(e.news.ID) ||
		fg[0].(map[string]any)["group_id"] != float64(groupID("World")) {
		t.Errorf("feeds_groups %v, want World holding feed %d", fg, e.news.ID)
	}
	if feeds := got["feeds"].([]any); len(feeds) != 2 {
		t.Errorf("feeds %v, want 2", feeds)
	}
	if len(got["favicons"].([]any)) != 0 || len(got["links"].([]any)) != 0 {
		t.Errorf("favicons %v, links %v: want empty lists", got["favicons"], got["links"])
	}
}

func TestItems(t *testing.T) {
	e := newFeverEnv(t, nil)
	a1, a2, a3 := e.items[0], e.items[1], e.items[2]
	tests := []struct {
		query string
		want  []int64
	}{
		{"&items", []int64{a3, a2, a1}},
		{"&items&since_id=0", []int64{a1, a2, a3}},
		{"&items&since_id=" + list(a1), []int64{a2, a3}},
		{"&items&max_id=" + list(a3), []int64{a2, a1}},
		{"&items&max_id=0", []int64{a3, a2, a1}},
		{"&items&with_ids=" + list(a3, a1, e.copyID), []int64{a3, a1}},
	}
	for _, tt := range tests {
		got := e.call(tt.query, nil, 200)
		if g := ids(got); list(g...) != list(tt.want...) {
			t.Errorf("%s: items %v, want %v", tt.query, g, tt.want)
		}
		if got["total_items"] != 3.0 {
			t.Errorf("%s: total_items %v, want 3 (a copy is not an item)", tt.query, got["total_items"])
		}
	}
	it := e.call("&items&with_ids="+list(a1), nil, 200)["items"].([]any)[0].(map[string]any)
	if it["feed_id"] != float64(e.news.ID) || it["title"] != "Report 1" || !strings.Contains(it["html"].(string), "Report number 1") ||
		it["url"] != "https://x.example/1" || it["is_read"] != 0.0 || it["is_saved"] != 0.0 || it["created_on_time"] == 0.0 {
		t.Errorf("item %v", it)
	}
	var many []int64
	for i := range 51 {
		many = append(many, int64(i+1))
	}
	for _, bad := range []string{"&items&since_id=x", "&items&with_ids=1,x", "&items&with_ids=" + list(many...)} {
		e.call(bad, nil, http.StatusBadRequest)
	}
}

// TestSync replays what a Fever app does to sync: the unread and saved
// IDs, marking items, a feed and then everything read, as a client's
// scripted session would.
func TestSync(t *testing.T) {
	e := newFeverEnv(t, nil)
	a1, a2, a3 := e.items[0], e.items[1], e.items[2]
	wantIDs := func(what, want string) {
		t.Helper()
		if got := e.call("&"+what, nil, 200)[what]; got != want {
			t.Errorf("%s = %q, want %q", what, got, want)
		}
	}
	wantIDs("unread_item_ids", list(a1, a2, a3))
	wantIDs("saved_item_ids", "")
	e.call("", url.Values{"mark": {"item"}, "as": {"read"}, "id": {list(a2)}}, 200)
	e.call("", url.Values{"mark": {"item"}, "as": {"saved"}, "id": {list(a1)}}, 200)
	wantIDs("unread_item_ids", list(a1, a3))
	wantIDs("saved_item_ids", list(a1))
	byID := map[float64]map[string]any{}
	for _, it := range e.call("&items&with_ids="+list(a1, a2), nil, 200)["items"].([]any) {
		byID[it.(map[string]any)["id"].(float64)] = it.(map[string]any)
	}
	if byID[float64(a1)]["is_saved"] != 1.0 || byID[float64(a2)]["is_read"] != 1.0 {
		t.Errorf("items after marking: %v", byID)
	}
	e.call("", url.Values{"mark": {"item"}, "as": {"unread"}, "id": {list(a2)}}, 200)
	e.call("", url.Values{"mark": {"item"}, "as": {"unsaved"}, "id": {list(a1)}}, 200)
	wantIDs("unread_item_ids", list(a1, a2, a3))
	wantIDs("saved_item_ids", "")

	future := strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10)
	e.call("", url.Values{"mark": {"feed"}, "as": {"read"}, "id": {list(e.news.ID)}, "before": {future}}, 200)
	wantIDs("unread_item_ids", list(a3))
	e.call("", url.Values{"mark": {"group"}, "as": {"read"}, "id": {"-1"}, "before": {future}}, 200) // Sparks: nothing
	wantIDs("unread_item_ids", list(a3))
	e.call("", url.Values{"mark": {"group"}, "as": {"read"}, "id": {"0"}, "before": {"1"}}, 200) // before 1970: nothing
	wantIDs("unread_item_ids", list(a3))
	e.call("", url.Values{"mark": {"group"}, "as": {"read"}, "id": {"0"}, "before": {future}}, 200)
	wantIDs("unread_item_ids", "")

	for _, bad := range []url.Values{
		{"mark": {"item"}, "as": {"starred"}, "id": {"1"}},
		{"mark": {"feed"}, "as": {"unread"}, "id": {"1"}},
		{"mark": {"item"}, "as": {"read"}, "id": {"x"}},
		{"mark": {"story"}, "as": {"read"}, "id": {"1"}},
	} {
		e.call("", bad, http.StatusBadRequest)
	}
	e.call("", url.Values{"mark": {"item"}, "as": {"read"}, "id": {"999999"}}, 200) // unknown: nothing changes
}
