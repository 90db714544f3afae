package web

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/storyline/storyline"
)

// commentJSON is a comment as the API gives it.
type commentJSON struct {
	ID        int64
	AuthorID  int64 `json:"author_id"`
	Author    string
	StoryID   int64 `json:"story_id"`
	ArticleID int64 `json:"article_id"`
	Body      string
	Hidden    bool
}

// listComments returns the ids of the comments at path, as c sees them.
func (e *testEnv) listComments(c *http.Client, path string, header ...string) []int64 {
	e.t.Helper()
	r := e.apiCall(c, http.MethodGet, path, "", header...)
	if r.status != http.StatusOK {
		e.t.Fatalf("GET %s: %d %s", path, r.status, r.body)
	}
	var page struct{ Comments []commentJSON }
	r.decode(e.t, &page)
	var ids []int64
	for _, c := range page.Comments {
		ids = append(ids, c.ID)
	}
	return ids
}

// storedComment reads comment id from the store; nil when it is gone.
func (e *testEnv) storedComment(id int64) *storyline.Comment {
	e.t.Helper()
	c, err := e.db.Comment(context.Background(), id)
	if storyline.ErrorCode(err) == storyline.ENOTFOUND {
		return nil
	}
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

func TestAPICommentsPostAndList(t *testing.T) {
	e := newTestEnv(t)
	storyPath := "/api/v1/stories/" + itoa(e.story) + "/comments"
	articlePath := "/api/v1/articles/" + itoa(e.ids["wire"]) + "/comments"
	if ids := e.listComments(nil, storyPath); len(ids) != 0 {
		t.Errorf("comments before any: %v", ids)
	}
	if r := e.apiCall(nil, http.MethodPost, storyPath, `{"body":"hi"}`); r.status != 401 || r.errCode() != storyline.EUNAUTHORIZED {
		t.Errorf("visitor posts: %d %s", r.status, r.body)
	}

	member := e.signedIn("member", memberPassword)
	hostile := "Look " + xssScript + " " + xssImg + " https://example.com/x"
	r := e.apiCall(member, http.MethodPost, storyPath, `{"body":`+jsonString(hostile)+`}`)
	var c commentJSON
	r.decode(t, &c)
	if r.status != http.StatusCreated || c.ID == 0 || c.Author != "member" || c.AuthorID != e.member.ID || c.StoryID != e.story || c.Body != hostile {
		t.Fatalf("member posts: %d %s", r.status, r.body)
	}
	if strings.Contains(r.body, "<script") {
		t.Errorf("comment body not escaped in JSON: %s", r.body)
	}

	token := e.apiToken(e.admin)
	r = e.apiCall(nil, http.MethodPost, articlePath, `{"body":"from a program"}`, "Authorization", token)
	var ac commentJSON
	r.decode(t, &ac)
	if r.status != http.StatusCreated || ac.ArticleID != e.ids["wire"] || ac.Author != "admin" {
		t.Fatalf("token posts: %d %s", r.status, r.body)
	}
	if ids := e.listComments(nil, storyPath); !slices.Equal(ids, []int64{c.ID}) {
		t.Errorf("story comments %v", ids)
	}
	if ids := e.listComments(nil, articlePath); !slices.Equal(ids, []int64{ac.ID}) {
		t.Errorf("article comments %v", ids)
	}
	var st storyJSON
	e.apiCall(nil, http.MethodGet, "/api/v1/stories/"+itoa(e.story), "").decode(t, &st)
	if st.CommentCount != 1 {
		t.Errorf("comment count %d", st.CommentCount)
	}
}

func TestAPICommentsCursorWalk(t *testing.T) {
	e := newTestEnv(t)
	var want []int64
	for i := range 7 {
		c := &storyline.Comment{UserID: e.member.ID, StoryID: e.story, Body: "comment " + itoa(int64(i))}
		if err := e.db.AddComment(context.Background(), c); err != nil {
			t.Fatal(err)
		}
		want = append(want, c.ID)
	}
	for _, limit := range []string{"1", "2", "7", "8"} {
		got := e.apiWalk("/api/v1/stories/"+itoa(e.story)+"/comments?limit="+limit, "comments")
		if !slices.Equal(got, want) {
			t.Errorf("limit %s: walked %v, want %v", limit, got, want)
		}
	}
}

func TestAPICommentsRateLimit(t *testing.T) {
	e := newTestEnv(t)
	member := e.signedIn("member", memberPassword)
	path := "/api/v1/articles/" + itoa(e.ids["daily"]) + "/comments"
	var last apiResp
	for range commentBurst + 1 {
		last = e.apiCall(member, http.MethodPost, path, `{"body":"again"}`)
	}
	if last.status != http.StatusTooManyRequests || last.errCode() != storyline.ETOOMANY {
		t.Errorf("comment %d in a minute: %d %s", commentBurst+1, last.status, last.body)
	}
}

func TestAPICommentBodies(t *testing.T) {
	e := newTestEnv(t)
	member := e.signedIn("member", memberPassword)
	path := "/api/v1/stories/" + itoa(e.story) + "/comments"
	tests := []struct {
		name, body, contentType, says string
	}{
		{"no content type", `{"body":"x"}`, "-", "Content-Type"},
		{"form content type", `{"body":"x"}`, "application/x-www-form-urlencoded", "application/json"},
		{"text content type", `{"body":"x"}`, "text/plain", "application/json"},
		{"unknown field", `{"body":"x","admin":true}`, "", `"admin"`},
		{"wrong type", `{"body":5}`, "", `"body"`},
		{"array", `[{"body":"x"}]`, "", "object"},
		{"malformed", `{"body":"x"`, "", "cut short"},
		{"syntax", `{"body" "x"}`, "", "malformed"},
		{"trailing data", `{"body":"x"} {"body":"y"}`, "", "trailing"},
		{"empty", ``, "application/json", "empty"},
		{"blank comment", `{"body":"   "}`, "", "comment"},
		{"null", `null`, "", "comment"},
		{"too long", `{"body":"` + strings.Repeat("é", maxCommentLength+1) + `"}`, "", "limit"},
		{"oversized body", `{"body":"` + strings.Repeat("a", maxJSONBytes) + `"}`, "", "larger than"},
	}
	for _, tt := range tests {
		var header []string
		switch tt.contentType {
		case "":
		case "-":
			header = []string{"Content-Type", ""}
		default:
			header = []string{"Content-Type", tt.contentType}
		}
		r := e.apiCall(member, http.MethodPost, path, tt.body, header...)
		var er apiError
		r.decode(t, &er)
		if r.status != http.StatusBadRequest || er.Error.Code != storyline.EINVALID || !strings.Contains(er.Error.Message, tt.says) {
			t.Errorf("%s: %d %s, want 400 invalid saying %q", tt.name, r.status, r.body, tt.says)
		}
	}
	if ids := e.listComments(nil, path); len(ids) != 0 {
		t.Errorf("refused bodies stored comments %v", ids)
	}
}

func TestAPICommentChanges(t *testing.T) {
	e := newTestEnv(t)
	member := e.signedIn("member", memberPassword)
	admin := e.signedIn("admin", adminPassword)
	path := "/api/v1/stories/" + itoa(e.story) + "/comments"
	var mine, theirs commentJSON
	e.apiCall(member, http.MethodPost, path, `{"body":"member's"}`).decode(t, &mine)
	e.apiCall(admin, http.MethodPost, path, `{"body":"admin's"}`).decode(t, &theirs)
	if mine.ID == 0 || theirs.ID == 0 {
		t.Fatal("comments not posted")
	}
	one := func(id int64) string { return "/api/v1/comments/" + itoa(id) }

	// Edits: the author only.
	r := e.apiCall(member, http.MethodPatch, one(mine.ID), `{"body":"member's, edited"}`)
	var edited commentJSON
	r.decode(t, &edited)
	if r.status != 200 || edited.Body != "member's, edited" || edited.Author != "member" {
		t.Errorf("edit own: %d %s", r.status, r.body)
	}
	for _, tt := range []struct {
		who    *http.Client
		method string
		path   string
		body   string
		status int
	}{
		{member, http.MethodPatch, one(theirs.ID), `{"body":"hacked"}`, 403},
		{admin, http.MethodPatch, one(mine.ID), `{"body":"hacked"}`, 403},
		{nil, http.MethodPatch, one(mine.ID), `{"body":"hacked"}`, 401},
		{member, http.MethodDelete, one(theirs.ID), ``, 403},
		{nil, http.MethodDelete, one(theirs.ID), ``, 401},
		{member, http.MethodPost, one(theirs.ID) + "/hide", `{"hidden":true}`, 403},
		{member, http.MethodPost, one(mine.ID) + "/hide", `{"hidden":true}`, 403},
		{admin, http.MethodPost, one(mine.ID) + "/hide", `{}`, 400},
		{admin, http.MethodPost, one(mine.ID) + "/hide", `{"hidden":"yes"}`, 400},
		{member, http.MethodPatch, one(999), `{"body":"x"}`, 404},
		{member, http.MethodPatch, "/api/v1/comments/x", `{"body":"x"}`, 400},
		{member, http.MethodPatch, one(mine.ID), `{"text":"x"}`, 400},
	} {
		if r := e.apiCall(tt.who, tt.method, tt.path, tt.body); r.status != tt.status {
			t.Errorf("%s %s %s: %d %s, want %d", tt.method, tt.path, tt.body, r.status, r.body, tt.status)
		}
	}
	if c := e.storedComment(theirs.ID); c == nil || c.Body != "admin's" || c.Hidden {
		t.Errorf("refused changes changed the admin's comment: %+v", c)
	}
	if c := e.storedComment(mine.ID); c == nil || c.Body != "member's, edited" || c.Hidden {
		t.Errorf("refused changes changed the member's comment: %+v", c)
	}

	// Hiding: administrators; hidden comments are listed for them only.
	r = e.apiCall(admin, http.MethodPost, one(mine.ID)+"/hide", `{"hidden":true}`)
	var hidden commentJSON
	r.decode(t, &hidden)
	if r.status != 200 || !hidden.Hidden {
		t.Errorf("hide: %d %s", r.status, r.body)
	}
	if ids := e.listComments(nil, path); !slices.Equal(ids, []int64{theirs.ID}) {
		t.Errorf("a visitor sees %v", ids)
	}
	if ids := e.listComments(member, path); !slices.Equal(ids, []int64{theirs.ID}) {
		t.Errorf("a member sees %v", ids)
	}
	if ids := e.listComments(admin, path); !slices.Equal(ids, []int64{mine.ID, theirs.ID}) {
		t.Errorf("an administrator sees %v", ids)
	}

	// Deleting: the author, or an administrator.
	if r := e.apiCall(admin, http.MethodDelete, one(mine.ID), ""); r.status != http.StatusNoContent || r.body != "" {
		t.Errorf("admin deletes: %d %q", r.status, r.body)
	}
	var again commentJSON
	e.apiCall(member, http.MethodPost, path, `{"body":"once more"}`).decode(t, &again)
	if r := e.apiCall(member, http.MethodDelete, one(again.ID), ""); r.status != http.StatusNoContent {
		t.Errorf("member deletes own: %d %s", r.status, r.body)
	}
	if e.storedComment(mine.ID) != nil || e.storedComment(again.ID) != nil {
		t.Error("deleted comments remain")
	}
	if r := e.apiCall(member, http.MethodDelete, one(again.ID), ""); r.status != 404 {
		t.Errorf("delete twice: %d", r.status)
	}
}

func TestAPICrossOriginRefused(t *testing.T) {
	e := newTestEnv(t)
	member := e.signedIn("member", memberPassword)
	admin := e.signedIn("admin", adminPassword)
	var c commentJSON
	e.apiCall(member, http.MethodPost, "/api/v1/stories/"+itoa(e.story)+"/comments", `{"body":"original"}`).decode(t, &c)
	one := "/api/v1/comments/" + itoa(c.ID)
	for _, tt := range []struct {
		who          *http.Client
		method, path string
		body         string
	}{
		{member, http.MethodPatch, one, `{"body":"forged"}`},
		{member, http.MethodDelete, one, ``},
		{member, http.MethodPost, "/api/v1/stories/" + itoa(e.story) + "/comments", `{"body":"forged"}`},
		{admin, http.MethodPost, one + "/hide", `{"hidden":true}`},
		{admin, http.MethodPost, "/api/v1/feeds", `{"url":"https://feeds.example.com/rss"}`},
	} {
		r := e.apiCall(tt.who, tt.method, tt.path, tt.body, "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example")
		if r.status != http.StatusForbidden || r.errCode() != storyline.EFORBIDDEN {
			t.Errorf("cross-site %s %s: %d %s", tt.method, tt.path, r.status, r.body)
		}
	}
	got := e.storedComment(c.ID)
	if got == nil || got.Body != "original" || got.Hidden {
		t.Errorf("a cross-site request changed the comment: %+v", got)
	}
	if ids := e.listComments(nil, "/api/v1/stories/"+itoa(e.story)+"/comments"); len(ids) != 1 {
		t.Errorf("a cross-site post was stored: %v", ids)
	}
	if feeds, _ := e.db.Feeds(context.Background()); len(feeds) != 0 {
		t.Errorf("a cross-site request added feeds: %d", len(feeds))
	}
}
