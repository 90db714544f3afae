package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// addUser adds a user and fails the test on error.
func addUser(t *testing.T, s storyline.Store, name string, role storyline.Role) *storyline.User {
	t.Helper()
	u := &storyline.User{Name: name, PasswordHash: "hash of " + name, Role: role}
	if err := s.AddUser(ctx(t), u); err != nil {
		t.Fatalf("AddUser(%q): %v", name, err)
	}
	if u.ID == 0 || u.CreatedAt.IsZero() {
		t.Fatalf("AddUser(%q) left ID %d, CreatedAt %v", name, u.ID, u.CreatedAt)
	}
	return u
}

// testUsers covers accounts: adding, the first user, names that differ
// only in case, lookups, roles and passwords.
func testUsers(t *testing.T, open Opener) {
	s := newStore(t, open)
	if n, err := s.CountUsers(ctx(t)); err != nil || n != 0 {
		t.Fatalf("CountUsers of an empty store = %d, %v", n, err)
	}
	first := &storyline.User{Name: "Alice", PasswordHash: "h1", Role: storyline.RoleAdmin}
	if err := s.AddFirstUser(ctx(t), first); err != nil || first.ID == 0 {
		t.Fatalf("AddFirstUser = %v, ID %d", err, first.ID)
	}
	wantCode(t, "AddFirstUser(second)", s.AddFirstUser(ctx(t), &storyline.User{Name: "Mallory", Role: storyline.RoleAdmin}), storyline.ECONFLICT)

	t.Run("add", func(t *testing.T) {
		tests := []struct {
			name string
			role storyline.Role
			code string
		}{
			{"bob", storyline.RoleMember, ""},
			{"BOB", storyline.RoleMember, storyline.ECONFLICT},
			{"alice", storyline.RoleAdmin, storyline.ECONFLICT},
			{"Åsa", storyline.RoleMember, ""},
			{"åSA", storyline.RoleMember, storyline.ECONFLICT},
			{"", storyline.RoleMember, storyline.EINVALID},
			{"   ", storyline.RoleMember, storyline.EINVALID},
			{"carol", "owner", storyline.EINVALID},
			{"carol", "", storyline.EINVALID},
		}
		for _, tt := range tests {
			err := s.AddUser(ctx(t), &storyline.User{Name: tt.name, PasswordHash: "h", Role: tt.role})
			wantCode(t, fmt.Sprintf("AddUser(%q, %q)", tt.name, tt.role), err, tt.code)
		}
		if n, err := s.CountUsers(ctx(t)); err != nil || n != 3 {
			t.Errorf("CountUsers = %d, %v; want 3 (Alice, bob, Åsa)", n, err)
		}
	})

	t.Run("lookups", func(t *testing.T) {
		got, err := s.User(ctx(t), first.ID)
		if err != nil || got.Name != "Alice" || got.PasswordHash != "h1" || !got.IsAdmin() || !got.CreatedAt.Equal(first.CreatedAt) {
			t.Errorf("User(%d) = %+v, %v; want %+v", first.ID, got, err, first)
		}
		for _, name := range []string{"Alice", "ALICE", "alice"} {
			if got, err := s.UserByName(ctx(t), name); err != nil || got.ID != first.ID {
				t.Errorf("UserByName(%q) = %+v, %v; want Alice", name, got, err)
			}
		}
		if got, err := s.UserByName(ctx(t), "ÅSA"); err != nil || got.Name != "Åsa" {
			t.Errorf("UserByName(ÅSA) = %+v, %v; want Åsa", got, err)
		}
		_, err = s.User(ctx(t), first.ID+1000)
		wantCode(t, "User(unknown)", err, storyline.ENOTFOUND)
		_, err = s.UserByName(ctx(t), "nobody")
		wantCode(t, "UserByName(unknown)", err, storyline.ENOTFOUND)
	})

	t.Run("users by name ignoring case", func(t *testing.T) {
		s := newStore(t, open)
		for _, name := range []string{"carol", "Dave", "bob", "Alice"} {
			addUser(t, s, name, storyline.RoleMember)
		}
		list, err := s.Users(ctx(t))
		if err != nil {
			t.Fatalf("Users: %v", err)
		}
		var names []string
		for _, u := range list {
			names = append(names, u.Name)
		}
		if fmt.Sprint(names) != "[Alice bob carol Dave]" {
			t.Errorf("Users = %q, want Alice bob carol Dave", names)
		}
	})

	t.Run("roles", func(t *testing.T) {
		bob, err := s.UserByName(ctx(t), "bob")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SetRole(ctx(t), bob.ID, storyline.RoleAdmin); err != nil {
			t.Fatalf("SetRole: %v", err)
		}
		if got, _ := s.User(ctx(t), bob.ID); !got.IsAdmin() {
			t.Errorf("bob's role = %q after SetRole(admin)", got.Role)
		}
		wantCode(t, "SetRole(unknown role)", s.SetRole(ctx(t), bob.ID, "owner"), storyline.EINVALID)
		wantCode(t, "SetRole(unknown user)", s.SetRole(ctx(t), bob.ID+1000, storyline.RoleMember), storyline.ENOTFOUND)
		if got, _ := s.User(ctx(t), bob.ID); got.Role != storyline.RoleAdmin {
			t.Errorf("bob's role = %q after refused changes, want admin", got.Role)
		}
	})

	t.Run("a new password ends the user's sessions and revokes its tokens and feed token", func(t *testing.T) {
		bob, err := s.UserByName(ctx(t), "bob")
		if err != nil {
			t.Fatal(err)
		}
		expires := day().Add(24 * time.Hour)
		for _, sess := range []*storyline.Session{
			{TokenHash: "bob-phone", UserID: bob.ID, CreatedAt: day(), ExpiresAt: expires},
			{TokenHash: "bob-laptop", UserID: bob.ID, CreatedAt: day(), ExpiresAt: expires},
			{TokenHash: "alice-laptop", UserID: first.ID, CreatedAt: day(), ExpiresAt: expires},
		} {
			if err := s.AddSession(ctx(t), sess); err != nil {
				t.Fatalf("AddSession(%q): %v", sess.TokenHash, err)
			}
		}
		bobs := &storyline.APIToken{UserID: bob.ID, Name: "reader app", TokenHash: "bob-token"}
		alices := &storyline.APIToken{UserID: first.ID, Name: "script", TokenHash: "alice-token"}
		for _, tok := range []*storyline.APIToken{bobs, alices} {
			if err := s.AddToken(ctx(t), tok); err != nil {
				t.Fatalf("AddToken(%q): %v", tok.Name, err)
			}
		}
		for _, f := range []struct {
			user int64
			hash string
		}{{bob.ID, "bob-feed"}, {first.ID, "alice-feed"}} {
			if err := s.SetFeedToken(ctx(t), f.user, f.hash); err != nil {
				t.Fatalf("SetFeedToken(%q): %v", f.hash, err)
			}
		}
		if err := s.SetPassword(ctx(t), bob.ID, "new hash"); err != nil {
			t.Fatalf("SetPassword: %v", err)
		}
		_, err = s.UserByFeedToken(ctx(t), "bob-feed")
		wantCode(t, "UserByFeedToken(bob's) after a new password", err, storyline.ENOTFOUND)
		if u, err := s.UserByFeedToken(ctx(t), "alice-feed"); err != nil || u.ID != first.ID {
			t.Errorf("another user's feed token was removed too: %+v, %v", u, err)
		}
		_, err = s.TokenByHash(ctx(t), "bob-token")
		wantCode(t, "TokenByHash(bob's) after a new password", err, storyline.ENOTFOUND)
		if list, err := s.Tokens(ctx(t), bob.ID); err != nil || len(list) != 0 {
			t.Errorf("Tokens(bob) after a new password = %d, %v; want none", len(list), err)
		}
		if _, err := s.TokenByHash(ctx(t), "alice-token"); err != nil {
			t.Errorf("another user's token was revoked too: %v", err)
		}
		if got, _ := s.User(ctx(t), bob.ID); got.PasswordHash != "new hash" {
			t.Errorf("PasswordHash = %q, want the new hash", got.PasswordHash)
		}
		for _, hash := range []string{"bob-phone", "bob-laptop"} {
			_, err := s.Session(ctx(t), hash, day())
			wantCode(t, "Session("+hash+") after a new password", err, storyline.ENOTFOUND)
		}
		if _, err := s.Session(ctx(t), "alice-laptop", day()); err != nil {
			t.Errorf("another user's session ended too: %v", err)
		}
		wantCode(t, "SetPassword(unknown user)", s.SetPassword(ctx(t), bob.ID+1000, "x"), storyline.ENOTFOUND)
	})
}

// testSessions covers sign-in sessions and their expiry.
func testSessions(t *testing.T, open Opener) {
	s := newStore(t, open)
	u := addUser(t, s, "alice", storyline.RoleMember)
	expires := day().Add(time.Hour)
	sess := &storyline.Session{TokenHash: "h1", UserID: u.ID, CreatedAt: day(), ExpiresAt: expires}
	if err := s.AddSession(ctx(t), sess); err != nil {
		t.Fatalf("AddSession: %v", err)
	}

	t.Run("invalid sessions", func(t *testing.T) {
		tests := []struct {
			name string
			s    storyline.Session
			code string
		}{
			{"empty token hash", storyline.Session{UserID: u.ID, ExpiresAt: expires}, storyline.EINVALID},
			{"no expiry", storyline.Session{TokenHash: "h2", UserID: u.ID}, storyline.EINVALID},
			{"unknown user", storyline.Session{TokenHash: "h3", UserID: u.ID + 1000, ExpiresAt: expires}, storyline.ENOTFOUND},
			{"token hash in use", storyline.Session{TokenHash: "h1", UserID: u.ID, ExpiresAt: expires}, storyline.ECONFLICT},
		}
		for _, tt := range tests {
			wantCode(t, "AddSession("+tt.name+")", s.AddSession(ctx(t), &tt.s), tt.code)
		}
	})

	t.Run("expiry", func(t *testing.T) {
		tests := []struct {
			name string
			hash string
			now  time.Time
			code string
		}{
			{"valid", "h1", day(), ""},
			{"a moment before expiry", "h1", expires.Add(-time.Microsecond), ""},
			{"at expiry", "h1", expires, storyline.ENOTFOUND},
			{"after expiry", "h1", expires.Add(time.Hour), storyline.ENOTFOUND},
			{"unknown", "h9", day(), storyline.ENOTFOUND},
			{"empty", "", day(), storyline.ENOTFOUND},
		}
		for _, tt := range tests {
			got, err := s.Session(ctx(t), tt.hash, tt.now)
			wantCode(t, "Session("+tt.name+")", err, tt.code)
			if err == nil && (got.TokenHash != "h1" || got.UserID != u.ID || !got.CreatedAt.Equal(day()) || !got.ExpiresAt.Equal(expires)) {
				t.Errorf("Session(%s) = %+v, want %+v", tt.name, got, sess)
			}
		}
	})

	t.Run("delete", func(t *testing.T) {
		for i, at := range []time.Duration{2 * time.Hour, 3 * time.Hour} {
			other := &storyline.Session{TokenHash: fmt.Sprintf("later%d", i), UserID: u.ID, ExpiresAt: day().Add(at)}
			if err := s.AddSession(ctx(t), other); err != nil {
				t.Fatalf("AddSession: %v", err)
			}
			if other.CreatedAt.IsZero() {
				t.Errorf("AddSession left CreatedAt zero")
			}
		}
		n, err := s.DeleteExpiredSessions(ctx(t), day().Add(2*time.Hour))
		if err != nil || n != 2 {
			t.Errorf("DeleteExpiredSessions = %d, %v; want 2 (h1, later0)", n, err)
		}
		if _, err := s.Session(ctx(t), "later1", day()); err != nil {
			t.Errorf("an unexpired session was deleted: %v", err)
		}
		if err := s.DeleteSession(ctx(t), "later1"); err != nil {
			t.Errorf("DeleteSession: %v", err)
		}
		_, err = s.Session(ctx(t), "later1", day())
		wantCode(t, "Session(deleted)", err, storyline.ENOTFOUND)
		if err := s.DeleteSession(ctx(t), "later1"); err != nil {
			t.Errorf("DeleteSession(unknown) = %v, want nil", err)
		}
		if n, err := s.DeleteExpiredSessions(ctx(t), day().Add(24*time.Hour)); err != nil || n != 0 {
			t.Errorf("DeleteExpiredSessions with none left = %d, %v", n, err)
		}
	})
}

// testAPITokens covers API tokens: adding, lookups, listing and deleting
// only one's own.
func testAPITokens(t *testing.T, open Opener) {
	s := newStore(t, open)
	alice := addUser(t, s, "alice", storyline.RoleMember)
	bob := addUser(t, s, "bob", storyline.RoleMember)
	var added []*storyline.APIToken
	for _, k := range []*storyline.APIToken{
		{UserID: alice.ID, Name: "phone", TokenHash: "t1"},
		{UserID: alice.ID, Name: "script", TokenHash: "t2"},
		{UserID: bob.ID, Name: "phone", TokenHash: "t3"},
	} {
		if err := s.AddToken(ctx(t), k); err != nil {
			t.Fatalf("AddToken(%q): %v", k.TokenHash, err)
		}
		if k.ID == 0 || k.CreatedAt.IsZero() {
			t.Fatalf("AddToken(%q) left ID %d, CreatedAt %v", k.TokenHash, k.ID, k.CreatedAt)
		}
		added = append(added, k)
	}

	t.Run("invalid tokens", func(t *testing.T) {
		tests := []struct {
			name string
			k    storyline.APIToken
			code string
		}{
			{"empty token hash", storyline.APIToken{UserID: alice.ID, Name: "x"}, storyline.EINVALID},
			{"unknown user", storyline.APIToken{UserID: bob.ID + 1000, TokenHash: "t9"}, storyline.ENOTFOUND},
			{"token hash in use", storyline.APIToken{UserID: bob.ID, TokenHash: "t1"}, storyline.ECONFLICT},
		}
		for _, tt := range tests {
			wantCode(t, "AddToken("+tt.name+")", s.AddToken(ctx(t), &tt.k), tt.code)
		}
	})

	t.Run("lookups", func(t *testing.T) {
		got, err := s.TokenByHash(ctx(t), "t2")
		if want := added[1]; err != nil || got.ID != want.ID || got.UserID != want.UserID || got.Name != want.Name ||
			got.TokenHash != want.TokenHash || !got.CreatedAt.Equal(want.CreatedAt) {
			t.Errorf("TokenByHash(t2) = %+v, %v; want %+v", got, err, added[1])
		}
		_, err = s.TokenByHash(ctx(t), "t9")
		wantCode(t, "TokenByHash(unknown)", err, storyline.ENOTFOUND)
		list, err := s.Tokens(ctx(t), alice.ID)
		if err != nil || len(list) != 2 || list[0].ID != added[1].ID || list[1].ID != added[0].ID {
			t.Errorf("Tokens(alice) = %+v, %v; want t2 then t1", list, err)
		}
	})

	t.Run("delete", func(t *testing.T) {
		wantCode(t, "DeleteToken(someone else's)", s.DeleteToken(ctx(t), bob.ID, added[0].ID), storyline.ENOTFOUND)
		if _, err := s.TokenByHash(ctx(t), "t1"); err != nil {
			t.Errorf("a refused delete removed the token: %v", err)
		}
		if err := s.DeleteToken(ctx(t), alice.ID, added[0].ID); err != nil {
			t.Fatalf("DeleteToken: %v", err)
		}
		_, err := s.TokenByHash(ctx(t), "t1")
		wantCode(t, "TokenByHash(deleted)", err, storyline.ENOTFOUND)
		wantCode(t, "DeleteToken(deleted)", s.DeleteToken(ctx(t), alice.ID, added[0].ID), storyline.ENOTFOUND)
		if list, _ := s.Tokens(ctx(t), alice.ID); len(list) != 1 || list[0].ID != added[1].ID {
			t.Errorf("Tokens(alice) after the delete = %+v, want t2", list)
		}
	})

	t.Run("delete all of a user's", func(t *testing.T) {
		if err := s.AddToken(ctx(t), &storyline.APIToken{UserID: bob.ID, Name: "bob's", TokenHash: "bob-1"}); err != nil {
			t.Fatal(err)
		}
		if n, err := s.DeleteTokens(ctx(t), alice.ID); err != nil || n != 1 {
			t.Errorf("DeleteTokens(alice) = %d, %v; want 1", n, err)
		}
		if list, _ := s.Tokens(ctx(t), alice.ID); len(list) != 0 {
			t.Errorf("Tokens(alice) after DeleteTokens = %d", len(list))
		}
		if _, err := s.TokenByHash(ctx(t), "bob-1"); err != nil {
			t.Errorf("another user's token went too: %v", err)
		}
		if n, err := s.DeleteTokens(ctx(t), alice.ID); err != nil || n != 0 {
			t.Errorf("DeleteTokens(none left) = %d, %v", n, err)
		}
	})
}
