package postgres

import (
	"context"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// TestTextPostgresCannotStore covers texts with NUL characters or invalid
// UTF-8: refused as EINVALID where a person typed them, cleaned where the
// store records them on its own (a poll's error).
func TestTextPostgresCannotStore(t *testing.T) {
	db := openTest(t)
	defer db.Close()
	ctx := context.Background()
	u := &storyline.User{Name: "ann", PasswordHash: "x", Role: storyline.RoleMember}
	if err := db.AddUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	a := &storyline.Article{URL: "https://a.example/1", Source: "A", Title: "T", Text: "Some text.", ContentHash: storyline.ContentHash("Some text.")}
	res, err := db.SaveArticle(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	for _, body := range []string{"nul \x00 here", "bad \xff utf-8"} {
		err := db.AddComment(ctx, &storyline.Comment{UserID: u.ID, ArticleID: res.ID, Body: body})
		if storyline.ErrorCode(err) != storyline.EINVALID {
			t.Errorf("AddComment(%q): %v, want EINVALID", body, err)
		}
	}
	if err := db.AddUser(ctx, &storyline.User{Name: "b\x00b", PasswordHash: "x", Role: storyline.RoleMember}); storyline.ErrorCode(err) != storyline.EINVALID {
		t.Errorf("AddUser with a NUL: %v, want EINVALID", err)
	}
	f := &storyline.Feed{URL: "https://a.example/feed"}
	if err := db.AddFeed(ctx, f); err != nil {
		t.Fatal(err)
	}
	if err := db.RecordPolls(ctx, storyline.FeedPoll{FeedID: f.ID, At: time.Now(), Err: "server said \x00\xff"}); err != nil {
		t.Fatalf("RecordPolls with an odd error text: %v", err)
	}
	got, err := db.Feed(ctx, f.ID)
	if err != nil || got.LastError != "server said \ufffd" {
		t.Errorf("feed error %q, %v", got.LastError, err)
	}
}
