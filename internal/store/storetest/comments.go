package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// commentIDs returns the IDs of comments, in order.
func commentIDs(list []*storyline.Comment) []int64 {
	out := make([]int64, len(list))
	for i, c := range list {
		out[i] = c.ID
	}
	return out
}

// testComments covers comments on stories and articles: adding, listing
// (with merged stories, hidden comments and cursors), counts, editing,
// hiding and deleting.
func testComments(t *testing.T, open Opener) {
	s := newStore(t, open)
	start := time.Now().Add(-time.Second)
	alice := addUser(t, s, "alice", storyline.RoleAdmin)
	bob := addUser(t, s, "bob", storyline.RoleMember)
	floods := save(t, s, article("https://wire.example/floods", "Wire", "Floods", textFloods)).ID
	vote := save(t, s, article("https://paper.example/vote", "Paper", "Vote", textElection)).ID
	harbour := save(t, s, article("https://herald.example/harbour", "Herald", "Harbour", textHarbour)).ID
	putInStory(t, s, 10, floods)
	putInStory(t, s, 20, vote)
	putInStory(t, s, 30, harbour)

	post := func(u *storyline.User, story, article int64, body string) *storyline.Comment {
		t.Helper()
		c := &storyline.Comment{UserID: u.ID, StoryID: story, ArticleID: article, Body: body}
		if err := s.AddComment(ctx(t), c); err != nil {
			t.Fatalf("AddComment(%q): %v", body, err)
		}
		if c.ID == 0 || c.CreatedAt.IsZero() || !c.UpdatedAt.Equal(c.CreatedAt) || c.Edited() {
			t.Fatalf("AddComment(%q) left ID %d, CreatedAt %v, UpdatedAt %v", body, c.ID, c.CreatedAt, c.UpdatedAt)
		}
		return c
	}
	list := func(f storyline.CommentFilter) []int64 {
		t.Helper()
		got, err := s.Comments(ctx(t), f)
		if err != nil {
			t.Fatalf("Comments(%+v): %v", f, err)
		}
		return commentIDs(got)
	}
	counts := func(what string, want map[int64]int) {
		t.Helper()
		for id, n := range want {
			if st, err := s.Story(ctx(t), id); err != nil || st.CommentCount != n {
				t.Errorf("%s: Story(%d).CommentCount = %v, %v; want %d", what, id, st, err, n)
			}
		}
		stories, err := s.Stories(ctx(t), storyline.StoryFilter{})
		if err != nil {
			t.Fatalf("Stories: %v", err)
		}
		for _, st := range stories {
			if n, ok := want[st.ID]; ok && st.CommentCount != n {
				t.Errorf("%s: Stories lists story %d with CommentCount %d, want %d", what, st.ID, st.CommentCount, n)
			}
		}
	}

	c1 := post(alice, 10, 0, "First!")
	c2 := post(bob, 20, 0, "On the vote.")
	c3 := post(bob, 0, floods, "On the article, with a link: https://example.org/")
	c4 := post(alice, 10, 0, "Second thoughts.")

	t.Run("invalid comments", func(t *testing.T) {
		tests := []struct {
			name string
			c    storyline.Comment
			code string
		}{
			{"story and article", storyline.Comment{UserID: bob.ID, StoryID: 10, ArticleID: floods, Body: "x"}, storyline.EINVALID},
			{"neither story nor article", storyline.Comment{UserID: bob.ID, Body: "x"}, storyline.EINVALID},
			{"empty body", storyline.Comment{UserID: bob.ID, StoryID: 10}, storyline.EINVALID},
			{"blank body", storyline.Comment{UserID: bob.ID, StoryID: 10, Body: " \n\t"}, storyline.EINVALID},
			{"unknown user", storyline.Comment{UserID: bob.ID + 1000, StoryID: 10, Body: "x"}, storyline.ENOTFOUND},
			{"unknown story", storyline.Comment{UserID: bob.ID, StoryID: 999, Body: "x"}, storyline.ENOTFOUND},
			{"unknown article", storyline.Comment{UserID: bob.ID, ArticleID: harbour + 1000, Body: "x"}, storyline.ENOTFOUND},
		}
		for _, tt := range tests {
			wantCode(t, "AddComment("+tt.name+")", s.AddComment(ctx(t), &tt.c), tt.code)
		}
	})

	t.Run("read back", func(t *testing.T) {
		got, err := s.Comment(ctx(t), c3.ID)
		if err != nil || got.UserID != bob.ID || got.UserName != "bob" || got.ArticleID != floods || got.StoryID != 0 ||
			got.Body != c3.Body || got.Hidden || !got.CreatedAt.Equal(c3.CreatedAt) || !got.UpdatedAt.Equal(c3.CreatedAt) {
			t.Errorf("Comment(%d) = %+v, %v; want %+v", c3.ID, got, err, c3)
		}
		_, err = s.Comment(ctx(t), c4.ID+1000)
		wantCode(t, "Comment(unknown)", err, storyline.ENOTFOUND)
	})

	t.Run("lists", func(t *testing.T) {
		tests := []struct {
			name string
			f    storyline.CommentFilter
			want []int64
		}{
			{"story", storyline.CommentFilter{StoryID: 10}, []int64{c1.ID, c4.ID}},
			{"other story", storyline.CommentFilter{StoryID: 20}, []int64{c2.ID}},
			{"story without comments", storyline.CommentFilter{StoryID: 30}, nil},
			{"unknown story", storyline.CommentFilter{StoryID: 999}, nil},
			{"article", storyline.CommentFilter{ArticleID: floods}, []int64{c3.ID}},
			{"user", storyline.CommentFilter{UserID: bob.ID}, []int64{c2.ID, c3.ID}},
			{"user and story", storyline.CommentFilter{UserID: bob.ID, StoryID: 10}, nil},
			{"after a comment", storyline.CommentFilter{StoryID: 10, AfterID: c1.ID}, []int64{c4.ID}},
			{"limit", storyline.CommentFilter{StoryID: 10, Limit: 1}, []int64{c1.ID}},
		}
		for _, tt := range tests {
			if got := list(tt.f); !equalIDs(got, tt.want) {
				t.Errorf("Comments(%s) = %v, want %v", tt.name, got, tt.want)
			}
		}
		if got, err := s.Comments(ctx(t), storyline.CommentFilter{StoryID: 10}); err == nil && len(got) > 0 && got[0].UserName != "alice" {
			t.Errorf("listed comment's UserName = %q, want alice", got[0].UserName)
		}
		_, err := s.Comments(ctx(t), storyline.CommentFilter{Limit: -1})
		wantCode(t, "Comments(negative limit)", err, storyline.EINVALID)
		counts("before the merge", map[int64]int{10: 2, 20: 1, 30: 0})
	})

	var c5 *storyline.Comment
	t.Run("merged stories", func(t *testing.T) {
		if err := s.MergeStories(ctx(t), 10, []int64{20}); err != nil {
			t.Fatalf("MergeStories: %v", err)
		}
		for _, id := range []int64{10, 20} {
			if got := list(storyline.CommentFilter{StoryID: id}); !equalIDs(got, []int64{c1.ID, c2.ID, c4.ID}) {
				t.Errorf("Comments(story %d) after the merge = %v, want %v", id, got, []int64{c1.ID, c2.ID, c4.ID})
			}
		}
		counts("after the merge", map[int64]int{10: 3, 30: 0})
		c5 = post(bob, 20, 0, "Posted on the merged story.")
		if c5.StoryID != 10 {
			t.Errorf("a comment on merged story 20 has StoryID %d, want 10", c5.StoryID)
		}
		if got := list(storyline.CommentFilter{StoryID: 10}); !equalIDs(got, []int64{c1.ID, c2.ID, c4.ID, c5.ID}) {
			t.Errorf("Comments(story 10) = %v, want the new comment last", got)
		}
		counts("after a comment on the merged story", map[int64]int{10: 4})
	})

	t.Run("hide", func(t *testing.T) {
		if err := s.HideComment(ctx(t), c1.ID, true); err != nil {
			t.Fatalf("HideComment: %v", err)
		}
		if got := list(storyline.CommentFilter{StoryID: 10}); !equalIDs(got, []int64{c2.ID, c4.ID, c5.ID}) {
			t.Errorf("Comments with one hidden = %v", got)
		}
		all, err := s.Comments(ctx(t), storyline.CommentFilter{StoryID: 10, IncludeHidden: true})
		if err != nil || len(all) != 4 || all[0].ID != c1.ID || !all[0].Hidden || all[1].Hidden {
			t.Errorf("Comments(IncludeHidden) = %v, %v; want all four, the first hidden", commentIDs(all), err)
		}
		if got, err := s.Comment(ctx(t), c1.ID); err != nil || !got.Hidden {
			t.Errorf("Comment(hidden) = %+v, %v", got, err)
		}
		counts("with a hidden comment", map[int64]int{10: 3})
		if err := s.HideComment(ctx(t), c1.ID, false); err != nil {
			t.Fatalf("HideComment(false): %v", err)
		}
		counts("shown again", map[int64]int{10: 4})
		wantCode(t, "HideComment(unknown)", s.HideComment(ctx(t), c5.ID+1000, true), storyline.ENOTFOUND)
	})

	t.Run("edit", func(t *testing.T) {
		at := c4.CreatedAt.Add(time.Minute).Truncate(time.Microsecond)
		if err := s.EditComment(ctx(t), c4.ID, "Third thoughts.", at); err != nil {
			t.Fatalf("EditComment: %v", err)
		}
		got, err := s.Comment(ctx(t), c4.ID)
		if err != nil || got.Body != "Third thoughts." || !got.UpdatedAt.Equal(at) || !got.CreatedAt.Equal(c4.CreatedAt) || !got.Edited() {
			t.Errorf("Comment after EditComment = %+v, %v; want the new body, UpdatedAt %v", got, err, at)
		}
		wantCode(t, "EditComment(unknown)", s.EditComment(ctx(t), c5.ID+1000, "x", at), storyline.ENOTFOUND)
		wantCode(t, "EditComment(empty body)", s.EditComment(ctx(t), c4.ID, "  ", at), storyline.EINVALID)
	})

	t.Run("delete and count", func(t *testing.T) {
		tests := []struct {
			user  int64
			since time.Time
			want  int
		}{
			{bob.ID, start, 3},
			{alice.ID, start, 2},
			{bob.ID, time.Now().Add(time.Hour), 0},
			{bob.ID + 1000, start, 0},
		}
		for _, tt := range tests {
			if n, err := s.CountUserComments(ctx(t), tt.user, tt.since); err != nil || n != tt.want {
				t.Errorf("CountUserComments(%d, %v) = %d, %v; want %d", tt.user, tt.since, n, err, tt.want)
			}
		}
		if err := s.DeleteComment(ctx(t), c2.ID); err != nil {
			t.Fatalf("DeleteComment: %v", err)
		}
		_, err := s.Comment(ctx(t), c2.ID)
		wantCode(t, "Comment(deleted)", err, storyline.ENOTFOUND)
		wantCode(t, "DeleteComment(deleted)", s.DeleteComment(ctx(t), c2.ID), storyline.ENOTFOUND)
		if n, err := s.CountUserComments(ctx(t), bob.ID, start); err != nil || n != 2 {
			t.Errorf("CountUserComments(bob) after a delete = %d, %v; want 2", n, err)
		}
		counts("after a delete", map[int64]int{10: 3})
	})
}

// testCommentPages covers the default and largest page of comments and
// reading them all after one another.
func testCommentPages(t *testing.T, open Opener) {
	s := newStore(t, open)
	u := addUser(t, s, "alice", storyline.RoleMember)
	a := save(t, s, article("https://wire.example/floods", "Wire", "Floods", textFloods)).ID
	const n = 510
	for i := range n {
		if err := s.AddComment(ctx(t), &storyline.Comment{UserID: u.ID, ArticleID: a, Body: fmt.Sprintf("Comment %d", i)}); err != nil {
			t.Fatalf("AddComment: %v", err)
		}
	}
	for _, tt := range []struct{ limit, want int }{{0, 100}, {7, 7}, {1000, 500}} {
		if got, err := s.Comments(ctx(t), storyline.CommentFilter{ArticleID: a, Limit: tt.limit}); err != nil || len(got) != tt.want {
			t.Errorf("Comments(Limit %d) = %d comments, %v; want %d", tt.limit, len(got), err, tt.want)
		}
	}
	got := walkPages(t, func(c *storyline.Comment) int64 { return c.ID }, func(last **storyline.Comment) ([]*storyline.Comment, error) {
		f := storyline.CommentFilter{ArticleID: a}
		if last != nil {
			f.AfterID = (*last).ID
		}
		return s.Comments(ctx(t), f)
	})
	if len(got) != n {
		t.Errorf("reading comments after one another gave %d, want %d", len(got), n)
	}
	for i := 1; i < len(got); i++ {
		if got[i] <= got[i-1] {
			t.Fatalf("comments not oldest first: %d after %d", got[i], got[i-1])
		}
	}
}

// testCommentTime covers a comment posted with its time given (the
// caller's clock) and counted by that time.
func testCommentTime(t *testing.T, open Opener) {
	s := newStore(t, open)
	u := addUser(t, s, "carol", storyline.RoleMember)
	id := save(t, s, article("https://wire.example/floods", "Wire", "Floods", textFloods)).ID
	at := day().Add(-48 * time.Hour)
	c := &storyline.Comment{UserID: u.ID, ArticleID: id, Body: "Posted earlier.", CreatedAt: at}
	if err := s.AddComment(ctx(t), c); err != nil {
		t.Fatal(err)
	}
	got, err := s.Comment(ctx(t), c.ID)
	if err != nil || !got.CreatedAt.Equal(at) || !got.UpdatedAt.Equal(at) || !c.UpdatedAt.Equal(at) {
		t.Fatalf("Comment = %+v, %v; want created and updated at %v", got, err, at)
	}
	for _, tt := range []struct {
		since time.Time
		want  int
	}{{at, 1}, {at.Add(time.Microsecond), 0}} {
		if n, err := s.CountUserComments(ctx(t), u.ID, tt.since); err != nil || n != tt.want {
			t.Errorf("CountUserComments(since %v) = %d, %v; want %d", tt.since, n, err, tt.want)
		}
	}
}
