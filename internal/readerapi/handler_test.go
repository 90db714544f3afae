package readerapi

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/auth"
	"github.com/storyline/storyline/internal/greader"
	"github.com/storyline/storyline/internal/store/sqlite"
)

// apiEnv is the Google Reader API over a real store with one reader
// signed in through ClientLogin.
type apiEnv struct {
	t     *testing.T
	db    *sqlite.DB
	srv   *httptest.Server
	token string
	user  *storyline.User
	feed  *storyline.Feed
}

func newAPIEnv(t *testing.T, articles int) (*apiEnv, []int64) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "greader.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	e := &apiEnv{t: t, db: db}
	e.user = &storyline.User{Name: "reader", PasswordHash: "x", Role: storyline.RoleMember}
	if err := db.AddUser(ctx, e.user); err != nil {
		t.Fatal(err)
	}
	secret, secretHash, feverHash := auth.NewAppPassword(e.user.Name)
	if err := db.AddAppPassword(ctx, &storyline.AppPassword{UserID: e.user.ID, SecretHash: secretHash, FeverHash: feverHash}); err != nil {
		t.Fatal(err)
	}
	e.feed = &storyline.Feed{URL: "https://feeds.example/rss", Title: "Feed"}
	if err := db.AddFeed(ctx, e.feed); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for i := range articles {
		text := "Item " + strconv.Itoa(i) + " of the paging test, with words of its own."
		res, err := db.SaveArticle(ctx, &storyline.Article{URL: "https://feeds.example/" + strconv.Itoa(i), Source: "Feed",
			Title: "Item " + strconv.Itoa(i), Text: text, FeedID: e.feed.ID, ContentHash: storyline.ContentHash(text)})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.ID)
	}
	e.srv = httptest.NewServer(New(Config{Store: db}))
	t.Cleanup(e.srv.Close)
	resp, err := http.PostForm(e.srv.URL+"/accounts/ClientLogin", url.Values{"Email": {"reader"}, "Passwd": {secret}})
	if err != nil {
		t.Fatal(err)
	}
	body := readBody(t, resp)
	_, tok, ok := strings.Cut(body, "Auth=")
	if !ok {
		t.Fatalf("ClientLogin: %s", body)
	}
	e.token = strings.TrimSpace(tok)
	return e, ids
}

// get calls path with the reader's token and decodes the JSON answer
// into v.
func (e *apiEnv) get(path string, v any) {
	e.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, e.srv.URL+path, nil)
	req.Header.Set("Authorization", "GoogleLogin auth="+e.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	body := readBody(e.t, resp)
	if resp.StatusCode != http.StatusOK {
		e.t.Fatalf("GET %s: %d %s", path, resp.StatusCode, body)
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		e.t.Fatalf("GET %s: %v", path, err)
	}
}

func readBody(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return b.String()
}

// walk follows stream/items/ids from query, page by page, and returns
// every ID in order.
func (e *apiEnv) walk(query string) []int64 {
	e.t.Helper()
	var all []int64
	c := ""
	for pages := 0; ; pages++ {
		if pages > 100 {
			e.t.Fatal("more than 100 pages: the continuation does not end")
		}
		var page greader.ItemIDs
		e.get("/reader/api/0/stream/items/ids?"+query+c, &page)
		for _, r := range page.ItemRefs {
			id, err := greader.ParseItemID(r.ID)
			if err != nil {
				e.t.Fatal(err)
			}
			all = append(all, id)
		}
		if page.Continuation == "" {
			return all
		}
		c = "&c=" + url.QueryEscape(page.Continuation)
	}
}

// TestPagingOver10000Items walks a stream of 10,050 items with the
// continuation, newest and oldest first and unread only, and checks that
// every item comes once and in order.
func TestPagingOver10000Items(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 items: not in -short mode")
	}
	e, ids := newAPIEnv(t, 10_050)
	newest := slices.Clone(ids)
	slices.Reverse(newest)
	if got := e.walk("s=user/-/state/com.google/reading-list&n=1000"); !slices.Equal(got, newest) {
		t.Errorf("newest first: %d IDs, want %d, in order", len(got), len(newest))
	}
	if got := e.walk("s=feed/" + strconv.FormatInt(e.feed.ID, 10) + "&n=3000&r=o"); !slices.Equal(got, ids) {
		t.Errorf("oldest first: %d IDs, want %d, in order", len(got), len(ids))
	}
	if err := e.db.MarkArticlesRead(context.Background(), e.user.ID, ids[:5000], true, time.Now()); err != nil {
		t.Fatal(err)
	}
	unread := e.walk("s=user/-/state/com.google/reading-list&xt=user/-/state/com.google/read&n=777")
	if want := newest[:len(newest)-5000]; !slices.Equal(unread, want) {
		t.Errorf("unread only: %d IDs, want %d", len(unread), len(want))
	}
	var counts greader.UnreadCounts
	e.get("/reader/api/0/unread-count?output=json", &counts)
	if counts.Max != 5050 {
		t.Errorf("unread-count max %d, want 5050", counts.Max)
	}
}

// TestItemIDForms asks for the same items by the ID forms apps send:
// long, long without padding, short decimal and bare hex.
func TestItemIDForms(t *testing.T) {
	e, ids := newAPIEnv(t, 3)
	hex := strconv.FormatInt(ids[1], 16)
	for _, form := range []string{greader.LongItemID(ids[1]), "tag:google.com,2005:reader/item/" + hex,
		greader.ShortItemID(ids[1]), strings.Repeat("0", 16-len(hex)) + hex} {
		req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/reader/api/0/stream/items/contents?output=json",
			strings.NewReader(url.Values{"i": {form}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Authorization", "GoogleLogin auth="+e.token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var page greader.StreamContents
		if err := json.Unmarshal([]byte(readBody(t, resp)), &page); err != nil || len(page.Items) != 1 ||
			page.Items[0].ID != greader.LongItemID(ids[1]) || page.Items[0].Title != "Item 1" {
			t.Errorf("i=%s: %+v, %v", form, page.Items, err)
		}
	}
}
