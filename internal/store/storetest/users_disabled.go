package storetest

import (
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// testDisabledUsers covers disabling accounts and the rule that a store
// always keeps an active administrator.
func testDisabledUsers(t *testing.T, open Opener) {
	s := newStore(t, open)
	admin := addUser(t, s, "admin", storyline.RoleAdmin)
	member := addUser(t, s, "member", storyline.RoleMember)
	if admin.Disabled || member.Disabled {
		t.Fatal("a new user is disabled")
	}
	expires := day().Add(24 * time.Hour)
	for _, sess := range []*storyline.Session{
		{TokenHash: "member-phone", UserID: member.ID, CreatedAt: day(), ExpiresAt: expires},
		{TokenHash: "admin-laptop", UserID: admin.ID, CreatedAt: day(), ExpiresAt: expires},
	} {
		if err := s.AddSession(ctx(t), sess); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AddToken(ctx(t), &storyline.APIToken{UserID: member.ID, Name: "app", TokenHash: "member-token"}); err != nil {
		t.Fatal(err)
	}

	// Disabling ends the sessions and keeps the tokens (refused while
	// disabled, by whoever checks them); enabling restores the account.
	if err := s.SetDisabled(ctx(t), member.ID, true); err != nil {
		t.Fatalf("SetDisabled(member): %v", err)
	}
	if got, _ := s.User(ctx(t), member.ID); !got.Disabled {
		t.Error("member is not disabled")
	}
	if list, _ := s.Users(ctx(t)); len(list) != 2 || !list[1].Disabled || list[0].Disabled {
		t.Errorf("Users does not say who is disabled: %+v, %+v", list[0], list[1])
	}
	_, err := s.Session(ctx(t), "member-phone", day())
	wantCode(t, "Session of a disabled user", err, storyline.ENOTFOUND)
	if _, err := s.Session(ctx(t), "admin-laptop", day()); err != nil {
		t.Errorf("another user's session ended: %v", err)
	}
	if _, err := s.TokenByHash(ctx(t), "member-token"); err != nil {
		t.Errorf("the token of a disabled user is gone: %v", err)
	}
	if err := s.SetDisabled(ctx(t), member.ID, false); err != nil {
		t.Fatalf("SetDisabled(member, false): %v", err)
	}
	if got, _ := s.UserByName(ctx(t), "member"); got.Disabled {
		t.Error("member is still disabled")
	}
	wantCode(t, "SetDisabled(unknown)", s.SetDisabled(ctx(t), member.ID+1000, true), storyline.ENOTFOUND)

	// The last active administrator is neither disabled nor demoted.
	wantCode(t, "SetDisabled(last admin)", s.SetDisabled(ctx(t), admin.ID, true), storyline.ECONFLICT)
	wantCode(t, "SetRole(last admin, member)", s.SetRole(ctx(t), admin.ID, storyline.RoleMember), storyline.ECONFLICT)
	if got, _ := s.User(ctx(t), admin.ID); got.Disabled || !got.IsAdmin() {
		t.Errorf("the last administrator changed: %+v", got)
	}
	// With a second active administrator, either may go; a disabled
	// administrator does not count.
	if err := s.SetRole(ctx(t), member.ID, storyline.RoleAdmin); err != nil {
		t.Fatal(err)
	}
	if err := s.SetDisabled(ctx(t), member.ID, true); err != nil {
		t.Fatalf("SetDisabled(second admin): %v", err)
	}
	wantCode(t, "SetRole(last active admin, member)", s.SetRole(ctx(t), admin.ID, storyline.RoleMember), storyline.ECONFLICT)
	if err := s.SetDisabled(ctx(t), member.ID, false); err != nil {
		t.Fatal(err)
	}
	if err := s.SetRole(ctx(t), admin.ID, storyline.RoleMember); err != nil {
		t.Errorf("SetRole(an admin of two, member): %v", err)
	}
}

// testDeleteUser covers deleting accounts: sessions and tokens go, the
// comments stay without an author, and the last active administrator
// stays.
func testDeleteUser(t *testing.T, open Opener) {
	s := newStore(t, open)
	admin := addUser(t, s, "admin", storyline.RoleAdmin)
	member := addUser(t, s, "member", storyline.RoleMember)
	a := save(t, s, article("https://wire.example/floods", "Wire", "Floods", textFloods)).ID
	putInStory(t, s, 1, a)
	c := &storyline.Comment{UserID: member.ID, StoryID: 1, Body: "The valley road is open again."}
	if err := s.AddComment(ctx(t), c); err != nil {
		t.Fatal(err)
	}
	if err := s.AddSession(ctx(t), &storyline.Session{TokenHash: "member-phone", UserID: member.ID, CreatedAt: day(), ExpiresAt: day().Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddToken(ctx(t), &storyline.APIToken{UserID: member.ID, Name: "app", TokenHash: "member-token"}); err != nil {
		t.Fatal(err)
	}

	if err := s.DeleteUser(ctx(t), member.ID); err != nil {
		t.Fatalf("DeleteUser: %v", err)
	}
	_, err := s.User(ctx(t), member.ID)
	wantCode(t, "User(deleted)", err, storyline.ENOTFOUND)
	_, err = s.Session(ctx(t), "member-phone", day())
	wantCode(t, "Session of a deleted user", err, storyline.ENOTFOUND)
	_, err = s.TokenByHash(ctx(t), "member-token")
	wantCode(t, "TokenByHash of a deleted user", err, storyline.ENOTFOUND)
	got, err := s.Comment(ctx(t), c.ID)
	if err != nil || got.UserID != 0 || got.UserName != "" || got.Body != c.Body {
		t.Errorf("the deleted user's comment = %+v, %v; want it kept without an author", got, err)
	}
	if list, err := s.Comments(ctx(t), storyline.CommentFilter{StoryID: 1}); err != nil || len(list) != 1 {
		t.Errorf("the story's comments = %d, %v; want the deleted user's one", len(list), err)
	}
	if st, _ := s.Story(ctx(t), 1); st.CommentCount != 1 {
		t.Errorf("the story counts %d comments, want 1", st.CommentCount)
	}
	wantCode(t, "DeleteUser(deleted)", s.DeleteUser(ctx(t), member.ID), storyline.ENOTFOUND)
	wantCode(t, "DeleteUser(last admin)", s.DeleteUser(ctx(t), admin.ID), storyline.ECONFLICT)

	// The name is free again, for a new account with nothing of the old
	// (SQLite may give it the old ID: the comment has no user to follow).
	again := addUser(t, s, "member", storyline.RoleMember)
	if list, _ := s.Comments(ctx(t), storyline.CommentFilter{UserID: again.ID}); len(list) != 0 {
		t.Errorf("a new account of the same name has %d comments", len(list))
	}
}
