package web

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// realClock runs a test server on the wall clock, which the store stamps
// comments with, so that rate limits and edits line up.
func realClock(c *Config) { c.Now = time.Now }

// commentOn posts body on the page at path with c and returns the new
// comment's ID, failing unless it was accepted.
func (e *testEnv) commentOn(c *http.Client, path, body string) int64 {
	e.t.Helper()
	resp := e.post(c, path+"/comments", url.Values{"body": {body}})
	loc := resp.Header.Get("Location")
	_, frag, _ := strings.Cut(loc, "#comment-")
	id, err := strconv.ParseInt(frag, 10, 64)
	if resp.StatusCode != http.StatusSeeOther || err != nil || !strings.HasPrefix(loc, path+"#") {
		e.t.Fatalf("comment on %s: status %d, location %q", path, resp.StatusCode, loc)
	}
	return id
}

// comments lists the comments f selects, hidden ones too.
func (e *testEnv) comments(f storyline.CommentFilter) []*storyline.Comment {
	e.t.Helper()
	f.IncludeHidden = true
	list, err := e.db.Comments(context.Background(), f)
	if err != nil {
		e.t.Fatal(err)
	}
	return list
}

func TestCommentPostAndShow(t *testing.T) {
	e := newTestEnv(t, realClock)
	member := e.signedIn("member", memberPassword)
	body := e.mustGet(member, "/stories/1", http.StatusOK)
	assertContains(t, "signed-in story", body, `action="/stories/1/comments"`, `<label for="comment-body">`)

	id := e.commentOn(member, "/stories/1", "First!\nA second line.")
	page := e.mustGet(member, "/stories/1", http.StatusOK)
	assertContains(t, "story after comment", page, `id="comment-`+itoa(id)+`"`, "First!\nA second line.", "<strong>member</strong>",
		"1 comment<", `action="/comments/`+itoa(id)+`/edit"`, `action="/comments/`+itoa(id)+`/delete"`, "just now")
	if strings.Contains(page, "/hide") {
		t.Error("a member is offered to hide comments")
	}
	visitor := e.mustGet(nil, "/stories/1", http.StatusOK)
	assertContains(t, "visitor", visitor, "First!", "1 comment<")
	if strings.Contains(visitor, "/edit") || strings.Contains(visitor, "/delete") {
		t.Error("a visitor is offered to edit or delete comments")
	}

	aid := e.commentOn(member, "/articles/"+itoa(e.ids["wire"]), "On the article.")
	page = e.mustGet(nil, "/articles/"+itoa(e.ids["wire"]), http.StatusOK)
	assertContains(t, "article comments", page, `id="comment-`+itoa(aid)+`"`, "On the article.", "1 comment<")
	if got := e.comments(storyline.CommentFilter{ArticleID: e.ids["wire"]}); len(got) != 1 || got[0].Body != "On the article." {
		t.Errorf("stored article comments %+v", got)
	}
}

func TestCommentRefusals(t *testing.T) {
	e := newTestEnv(t, realClock)
	member := e.signedIn("member", memberPassword)
	tests := []struct {
		name   string
		c      *http.Client
		path   string
		body   string
		status int
		says   string
	}{
		{"visitor", e.client(), "/stories/1", "Hello", http.StatusUnauthorized, "sign in to comment"},
		{"empty", member, "/stories/1", "  \n ", http.StatusBadRequest, "write something first"},
		{"too long", member, "/stories/1", strings.Repeat("é", maxCommentLength+1), http.StatusBadRequest, "the limit is 4000"},
		{"unknown story", member, "/stories/999", "Hello", http.StatusNotFound, "999"},
		{"bad story id", member, "/stories/x", "Hello", http.StatusBadRequest, "positive whole number"},
		{"unknown article", member, "/articles/999", "Hello", http.StatusNotFound, "999"},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(http.MethodPost, e.ts.URL+tt.path+"/comments", strings.NewReader(url.Values{"body": {tt.body}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		resp, err := tt.c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		page := readBody(t, resp)
		if resp.StatusCode != tt.status || !strings.Contains(page, tt.says) {
			t.Errorf("%s: status %d, want %d with %q\n%s", tt.name, resp.StatusCode, tt.status, tt.says, mainOf(page))
		}
	}
	if got := e.comments(storyline.CommentFilter{}); len(got) != 0 {
		t.Errorf("refused comments were stored: %+v", got)
	}
}

// readBody reads and closes a response's body.
func readBody(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCommentRefusalKeepsDraft(t *testing.T) {
	e := newTestEnv(t, realClock)
	member := e.signedIn("member", memberPassword)
	for i := range commentBurst {
		e.commentOn(member, "/stories/1", "Comment "+strconv.Itoa(i))
	}
	req, _ := http.NewRequest(http.MethodPost, e.ts.URL+"/stories/1/comments", strings.NewReader("body=One+too+many"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := member.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	page := readBody(t, resp)
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("6th comment in a minute: status %d, want 429", resp.StatusCode)
	}
	assertContains(t, "rate limited", page, "at most 5 comments in a minute", ">One too many</textarea>", `role="alert"`)
	if got := e.comments(storyline.CommentFilter{StoryID: 1}); len(got) != commentBurst {
		t.Errorf("%d comments stored, want %d", len(got), commentBurst)
	}
}

func TestCommentOwnership(t *testing.T) {
	e := newTestEnv(t, realClock)
	admin, member := e.signedIn("admin", adminPassword), e.signedIn("member", memberPassword)
	theirs := e.commentOn(admin, "/stories/1", "The administrator's word.")
	mine := e.commentOn(member, "/stories/1", "A member's word.")

	page := e.mustGet(member, "/stories/1", http.StatusOK)
	if strings.Contains(page, "/comments/"+itoa(theirs)+"/") {
		t.Error("a member is offered to change the administrator's comment")
	}
	for _, action := range []string{"edit", "delete", "hide"} {
		resp := e.post(member, "/comments/"+itoa(theirs)+"/"+action, url.Values{"body": {"Defaced"}, "hidden": {"1"}})
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("member %s of admin's comment: status %d, want 403", action, resp.StatusCode)
		}
	}
	c, err := e.db.Comment(context.Background(), theirs)
	if err != nil || c.Body != "The administrator's word." || c.Hidden {
		t.Errorf("admin's comment changed: %+v, %v", c, err)
	}

	// The author edits.
	resp := e.post(member, "/comments/"+itoa(mine)+"/edit", url.Values{"body": {"A better word from the member."}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/stories/1#comment-"+itoa(mine) {
		t.Errorf("edit: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	assertContains(t, "edited", e.mustGet(nil, "/stories/1", http.StatusOK), "A better word from the member.", "(edited)")
	if resp := e.post(member, "/comments/"+itoa(mine)+"/edit", url.Values{"body": {""}}); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("empty edit: status %d, want 400", resp.StatusCode)
	}
	// Visitors change nothing.
	if resp := e.post(e.client(), "/comments/"+itoa(mine)+"/delete", nil); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("visitor delete: status %d, want 401", resp.StatusCode)
	}
	// The author deletes.
	resp = e.post(member, "/comments/"+itoa(mine)+"/delete", nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/stories/1#comments" {
		t.Errorf("delete: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, err := e.db.Comment(context.Background(), mine); storyline.ErrorCode(err) != storyline.ENOTFOUND {
		t.Errorf("deleted comment still there: %v", err)
	}
}

func TestCommentModeration(t *testing.T) {
	e := newTestEnv(t, realClock)
	admin, member := e.signedIn("admin", adminPassword), e.signedIn("member", memberPassword)
	path := "/articles/" + itoa(e.ids["daily"])
	id := e.commentOn(member, path, "Rude words.")

	page := e.mustGet(admin, path, http.StatusOK)
	assertContains(t, "admin's view", page, `action="/comments/`+itoa(id)+`/hide"`, `action="/comments/`+itoa(id)+`/delete"`)
	if strings.Contains(page, `action="/comments/`+itoa(id)+`/edit"`) {
		t.Error("the administrator is offered to edit another's comment")
	}

	resp := e.post(admin, "/comments/"+itoa(id)+"/hide", url.Values{"hidden": {"1"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != path+"#comment-"+itoa(id) {
		t.Errorf("hide: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	for _, c := range []*http.Client{nil, member} {
		page := e.mustGet(c, path, http.StatusOK)
		if strings.Contains(page, "Rude words.") || !strings.Contains(page, "0 comments") {
			t.Error("a hidden comment is shown to a reader")
		}
	}
	assertContains(t, "admin sees hidden", e.mustGet(admin, path, http.StatusOK), "Rude words.", `class="comment hidden"`, "<em>hidden</em>", ">Show</button>")
	if resp := e.post(admin, "/comments/"+itoa(id)+"/hide", url.Values{"hidden": {"yes"}}); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("hidden=yes: status %d, want 400", resp.StatusCode)
	}
	e.post(admin, "/comments/"+itoa(id)+"/hide", url.Values{"hidden": {"0"}})
	assertContains(t, "shown again", e.mustGet(nil, path, http.StatusOK), "Rude words.")

	if resp := e.post(admin, "/comments/"+itoa(id)+"/delete", nil); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("admin delete: status %d", resp.StatusCode)
	}
	if got := e.comments(storyline.CommentFilter{}); len(got) != 0 {
		t.Errorf("comments left after the admin deleted: %+v", got)
	}
	for _, tt := range []struct {
		path   string
		status int
	}{{"/comments/abc/delete", 400}, {"/comments/999/delete", 404}, {"/comments/999/hide", 404}, {"/comments/0/edit", 400}} {
		if resp := e.post(admin, tt.path, url.Values{"hidden": {"1"}, "body": {"x"}}); resp.StatusCode != tt.status {
			t.Errorf("%s: status %d, want %d", tt.path, resp.StatusCode, tt.status)
		}
	}
}

func TestCommentLinksAndEscaping(t *testing.T) {
	e := newTestEnv(t, realClock)
	member := e.signedIn("member", memberPassword)
	e.commentOn(member, "/stories/1", "See https://example.com/report?a=1&b=2 and <script>alert(1)</script>")
	page := e.mustGet(member, "/stories/1", http.StatusOK)
	assertContains(t, "linkified", page,
		`<a href="https://example.com/report?a=1&amp;b=2" rel="nofollow ugc noopener noreferrer">`,
		"&lt;script&gt;alert(1)&lt;/script&gt;")
	if strings.Contains(page, "<script>alert(1)") {
		t.Error("a comment's script came out live")
	}
}

func TestCommentCrossOriginRefused(t *testing.T) {
	e := newTestEnv(t, realClock)
	member := e.signedIn("member", memberPassword)
	id := e.commentOn(member, "/stories/1", "Mine.")
	for _, h := range []map[string]string{
		{"Sec-Fetch-Site": "cross-site"},
		{"Origin": "https://evil.example"},
	} {
		for _, p := range []string{"/stories/1/comments", "/articles/" + itoa(e.ids["wire"]) + "/comments", "/comments/" + itoa(id) + "/edit", "/comments/" + itoa(id) + "/delete"} {
			req, _ := http.NewRequest(http.MethodPost, e.ts.URL+p, strings.NewReader("body=Forged"))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			for k, v := range h {
				req.Header.Set(k, v)
			}
			resp, err := member.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("%v POST %s: status %d, want 403", h, p, resp.StatusCode)
			}
		}
	}
	if got := e.comments(storyline.CommentFilter{}); len(got) != 1 || got[0].Body != "Mine." {
		t.Errorf("a cross-origin request changed the comments: %+v", got)
	}
}
