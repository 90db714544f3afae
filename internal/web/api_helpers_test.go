package web

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/auth"
)

// apiResp is an API answer: status and body.
type apiResp struct {
	status int
	body   string
	header http.Header
}

// decode decodes the answer's JSON body into v.
func (a apiResp) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(a.body), v); err != nil {
		t.Fatalf("decode %q: %v", a.body, err)
	}
}

// errCode is the code of an answer in the API's error shape, or "".
func (a apiResp) errCode() string {
	var e apiError
	if json.Unmarshal([]byte(a.body), &e) != nil {
		return ""
	}
	return e.Error.Code
}

// apiCall sends method path with c (nil: a visitor), as a program does: with
// no browser headers. A non-empty body is sent as application/json;
// header pairs ("Name", "value", …) add or override headers.
func (e *testEnv) apiCall(c *http.Client, method, path, body string, header ...string) apiResp {
	e.t.Helper()
	req, err := http.NewRequest(method, e.ts.URL+path, strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, body := e.roundTrip(c, req)
	return apiResp{status: resp.StatusCode, body: body, header: resp.Header}
}

// apiToken creates an API token for u and returns its Authorization header
// value.
func (e *testEnv) apiToken(u *storyline.User) string {
	e.t.Helper()
	secret, hash := auth.NewToken()
	if err := e.db.AddToken(context.Background(), &storyline.APIToken{UserID: u.ID, Name: "test", TokenHash: hash}); err != nil {
		e.t.Fatal(err)
	}
	return "Bearer " + secret
}

// apiAddStories stores n more articles, all published at one time (so that
// listings must order ties by ID), each analysed into a story of its own.
func (e *testEnv) apiAddStories(n int) {
	e.t.Helper()
	ctx := context.Background()
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for i := range n {
		text := "Filler report number " + itoa(int64(i)) + " about the harbour budget."
		a := &storyline.Article{URL: "https://filler.example/" + itoa(int64(i)), Source: "Filler News", Title: "Filler " + itoa(int64(i)),
			Text: text, ContentHash: storyline.ContentHash(text), Published: at}
		res, err := e.db.SaveArticle(ctx, a)
		if err != nil {
			e.t.Fatal(err)
		}
		if err := e.db.SaveAnalysis(ctx, &storyline.Analysis{ArticleID: res.ID, Version: 1, StoryID: int64(100 + i)}); err != nil {
			e.t.Fatal(err)
		}
	}
}

// apiSetPublic sets whether visitors may read.
func (e *testEnv) apiSetPublic(public bool) {
	e.t.Helper()
	if err := e.srv.saveSettings(context.Background(), Settings{SiteName: "Test", PublicReading: public}); err != nil {
		e.t.Fatal(err)
	}
}

// apiWalk follows a listing's next_cursor from path (which has a query)
// until the end, returning the ids in order. key names the list.
func (e *testEnv) apiWalk(path, key string) []int64 {
	e.t.Helper()
	var ids []int64
	cursor := ""
	for range 100 {
		p := path
		if cursor != "" {
			p += "&cursor=" + cursor
		}
		r := e.apiCall(nil, http.MethodGet, p, "")
		if r.status != http.StatusOK {
			e.t.Fatalf("%s: status %d %s", p, r.status, r.body)
		}
		var page map[string]json.RawMessage
		r.decode(e.t, &page)
		var items []struct {
			ID int64 `json:"id"`
		}
		if err := json.Unmarshal(page[key], &items); err != nil {
			e.t.Fatalf("%s: %s: %v", p, key, err)
		}
		for _, it := range items {
			ids = append(ids, it.ID)
		}
		next, ok := page["next_cursor"]
		if !ok {
			return ids
		}
		if err := json.Unmarshal(next, &cursor); err != nil || cursor == "" {
			e.t.Fatalf("%s: next_cursor %s", p, next)
		}
	}
	e.t.Fatalf("%s: the walk did not end", path)
	return nil
}

// jsonString encodes s as a JSON string.
func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
