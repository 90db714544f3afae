package storetest

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// wantInvalid fails the test unless err is EINVALID naming name.
func wantInvalid(t *testing.T, what string, err error, name string) {
	t.Helper()
	wantCode(t, what, err, storyline.EINVALID)
	if err != nil && !strings.Contains(storyline.ErrorMessage(err), name) {
		t.Errorf("%s: message %q does not name %q", what, storyline.ErrorMessage(err), name)
	}
}

// testFollows covers AddFollow, Follows and DeleteFollow: values kept
// trimmed (hashtags without "#"), duplicates ignoring case, invalid
// follows, another user's follows.
func testFollows(t *testing.T, open Opener) {
	s := newStore(t, open)
	alice := addUser(t, s, "alice", storyline.RoleAdmin)
	bob := addUser(t, s, "bob", storyline.RoleMember)
	adds := []struct {
		f    storyline.Follow
		kept string // the value kept; "" for an error
		code string
	}{
		{storyline.Follow{UserID: alice.ID, Kind: storyline.FollowHashtag, Value: " #Floods "}, "Floods", ""},
		{storyline.Follow{UserID: alice.ID, Kind: storyline.FollowHashtag, Value: "floods"}, "", storyline.ECONFLICT},
		{storyline.Follow{UserID: alice.ID, Kind: storyline.FollowEntity, Value: "Åsa Berg", EntityKind: storyline.EntityPerson}, "Åsa Berg", ""},
		{storyline.Follow{UserID: alice.ID, Kind: storyline.FollowEntity, Value: "åSA BERG", EntityKind: storyline.EntityPerson}, "", storyline.ECONFLICT},
		{storyline.Follow{UserID: alice.ID, Kind: storyline.FollowEntity, Value: "Åsa Berg"}, "Åsa Berg", ""},
		{storyline.Follow{UserID: alice.ID, Kind: storyline.FollowOutlet, Value: "Floods"}, "Floods", ""},
		{storyline.Follow{UserID: alice.ID, Kind: storyline.FollowSearch, Value: "harbour road"}, "harbour road", ""},
		{storyline.Follow{UserID: bob.ID, Kind: storyline.FollowHashtag, Value: "FLOODS"}, "FLOODS", ""},
		{storyline.Follow{UserID: 9999, Kind: storyline.FollowHashtag, Value: "floods"}, "", storyline.ENOTFOUND},
	}
	var want []storyline.Follow
	for _, a := range adds {
		f := a.f
		err := s.AddFollow(ctx(t), &f)
		wantCode(t, fmt.Sprintf("AddFollow(%+v)", a.f), err, a.code)
		if err != nil || a.code != "" {
			continue
		}
		if f.ID == 0 || f.CreatedAt.IsZero() || f.Value != a.kept {
			t.Errorf("AddFollow(%+v) left %+v, want an ID, a time and value %q", a.f, f, a.kept)
		}
		if f.UserID == alice.ID {
			want = append(want, f)
		}
	}
	invalid := []struct {
		f    *storyline.Follow
		name string
	}{
		{&storyline.Follow{UserID: alice.ID, Kind: "topic", Value: "rain"}, "topic"},
		{&storyline.Follow{UserID: alice.ID, Kind: storyline.FollowHashtag, Value: "  "}, `"  "`},
		{&storyline.Follow{UserID: alice.ID, Kind: storyline.FollowHashtag, Value: "#"}, `"#"`},
		{&storyline.Follow{UserID: alice.ID, Kind: storyline.FollowHashtag, Value: "rain", EntityKind: storyline.EntityPlace}, "place"},
		{&storyline.Follow{UserID: alice.ID, Kind: storyline.FollowEntity, Value: "Rain", EntityKind: "weather"}, "weather"},
		{&storyline.Follow{UserID: alice.ID, Kind: storyline.FollowSearch, Value: strings.Repeat("rain ", 200)}, "rain rain"},
		{&storyline.Follow{UserID: alice.ID, Kind: storyline.FollowSearch, Value: "rain\x00"}, "rain"},
		{nil, "no follow"},
	}
	for _, tt := range invalid {
		wantInvalid(t, fmt.Sprintf("AddFollow(%+v)", tt.f), s.AddFollow(ctx(t), tt.f), tt.name)
	}

	follows := func(user int64) []storyline.Follow {
		t.Helper()
		list, err := s.Follows(ctx(t), user)
		if err != nil {
			t.Fatalf("Follows(%d): %v", user, err)
		}
		return values(list)
	}
	followAt := func(f *storyline.Follow) *time.Time { return &f.CreatedAt }
	if got := follows(alice.ID); !sameAt(got, want, followAt) {
		t.Errorf("Follows(alice) = %+v, want %+v", got, want)
	}
	if got := follows(bob.ID); len(got) != 1 || got[0].Value != "FLOODS" {
		t.Errorf("Follows(bob) = %+v, want his one", got)
	}

	wantCode(t, "DeleteFollow(alice's, as bob)", s.DeleteFollow(ctx(t), bob.ID, want[0].ID), storyline.ENOTFOUND)
	if err := s.DeleteFollow(ctx(t), alice.ID, want[0].ID); err != nil {
		t.Fatalf("DeleteFollow: %v", err)
	}
	wantCode(t, "DeleteFollow(again)", s.DeleteFollow(ctx(t), alice.ID, want[0].ID), storyline.ENOTFOUND)
	wantCode(t, "DeleteFollow(unknown)", s.DeleteFollow(ctx(t), alice.ID, 9999), storyline.ENOTFOUND)
	if got := follows(alice.ID); !sameAt(got, want[1:], followAt) {
		t.Errorf("Follows(alice) after a delete = %+v, want %+v", got, want[1:])
	}
	// Followed again, it is the newest.
	again := storyline.Follow{UserID: alice.ID, Kind: storyline.FollowHashtag, Value: "floods"}
	if err := s.AddFollow(ctx(t), &again); err != nil {
		t.Fatalf("AddFollow(again): %v", err)
	}
	if got := follows(alice.ID); !sameAt(got, append(want[1:], again), followAt) {
		t.Errorf("Follows(alice) after following again = %+v", got)
	}
}

// values returns the values list points to.
func values[T any](list []*T) []T {
	out := make([]T, len(list))
	for i, p := range list {
		out[i] = *p
	}
	return out
}

// sameAt reports whether two lists are equal, their times (at) as
// instants.
func sameAt[T comparable](a, b []T, at func(*T) *time.Time) bool {
	return slices.EqualFunc(a, b, func(x, y T) bool {
		tx, ty := *at(&x), *at(&y)
		*at(&x), *at(&y) = time.Time{}, time.Time{}
		return tx.Equal(ty) && x == y
	})
}

// testMutes covers AddMute, Mutes and DeleteMute as testFollows does
// follows.
func testMutes(t *testing.T, open Opener) {
	s := newStore(t, open)
	alice := addUser(t, s, "alice", storyline.RoleAdmin)
	bob := addUser(t, s, "bob", storyline.RoleMember)
	adds := []struct {
		m    storyline.Mute
		code string
	}{
		{storyline.Mute{UserID: alice.ID, Kind: storyline.MuteOutlet, Value: " Daily Ledger "}, ""},
		{storyline.Mute{UserID: alice.ID, Kind: storyline.MuteOutlet, Value: "DAILY LEDGER"}, storyline.ECONFLICT},
		{storyline.Mute{UserID: alice.ID, Kind: storyline.MuteWord, Value: "Daily Ledger"}, ""},
		{storyline.Mute{UserID: alice.ID, Kind: storyline.MuteWord, Value: "Ärger"}, ""},
		{storyline.Mute{UserID: alice.ID, Kind: storyline.MuteWord, Value: "ärGER"}, storyline.ECONFLICT},
		{storyline.Mute{UserID: bob.ID, Kind: storyline.MuteOutlet, Value: "Daily Ledger"}, ""},
		{storyline.Mute{UserID: 9999, Kind: storyline.MuteWord, Value: "rain"}, storyline.ENOTFOUND},
	}
	var want []storyline.Mute
	for _, a := range adds {
		m := a.m
		err := s.AddMute(ctx(t), &m)
		wantCode(t, fmt.Sprintf("AddMute(%+v)", a.m), err, a.code)
		if err == nil && m.UserID == alice.ID {
			if m.ID == 0 || m.CreatedAt.IsZero() || m.Value != strings.TrimSpace(a.m.Value) {
				t.Errorf("AddMute(%+v) left %+v", a.m, m)
			}
			want = append(want, m)
		}
	}
	invalid := []struct {
		m    *storyline.Mute
		name string
	}{
		{&storyline.Mute{UserID: alice.ID, Kind: "topic", Value: "rain"}, "topic"},
		{&storyline.Mute{UserID: alice.ID, Kind: storyline.MuteWord, Value: " "}, `" "`},
		{&storyline.Mute{UserID: alice.ID, Kind: storyline.MuteWord, Value: "\xffrain"}, "rain"},
		{nil, "no mute"},
	}
	for _, tt := range invalid {
		wantInvalid(t, fmt.Sprintf("AddMute(%+v)", tt.m), s.AddMute(ctx(t), tt.m), tt.name)
	}

	mutes := func(user int64) []storyline.Mute {
		t.Helper()
		list, err := s.Mutes(ctx(t), user)
		if err != nil {
			t.Fatalf("Mutes(%d): %v", user, err)
		}
		return values(list)
	}
	muteAt := func(m *storyline.Mute) *time.Time { return &m.CreatedAt }
	if got := mutes(alice.ID); !sameAt(got, want, muteAt) {
		t.Errorf("Mutes(alice) = %+v, want %+v", got, want)
	}
	if got := mutes(bob.ID); len(got) != 1 || got[0].UserID != bob.ID {
		t.Errorf("Mutes(bob) = %+v, want his one", got)
	}
	wantCode(t, "DeleteMute(alice's, as bob)", s.DeleteMute(ctx(t), bob.ID, want[0].ID), storyline.ENOTFOUND)
	if err := s.DeleteMute(ctx(t), alice.ID, want[0].ID); err != nil {
		t.Fatalf("DeleteMute: %v", err)
	}
	wantCode(t, "DeleteMute(again)", s.DeleteMute(ctx(t), alice.ID, want[0].ID), storyline.ENOTFOUND)
	if got := mutes(alice.ID); !sameAt(got, want[1:], muteAt) {
		t.Errorf("Mutes(alice) after a delete = %+v, want %+v", got, want[1:])
	}
}

// testFeedTokens covers SetFeedToken and UserByFeedToken: set, look up,
// replace, clear, unique, disabled users, unknown users.
func testFeedTokens(t *testing.T, open Opener) {
	s := newStore(t, open)
	alice := addUser(t, s, "alice", storyline.RoleAdmin)
	bob := addUser(t, s, "bob", storyline.RoleMember)
	lookup := func(what, hash string, want int64) {
		t.Helper()
		u, err := s.UserByFeedToken(ctx(t), hash)
		switch {
		case want == 0:
			wantCode(t, what+": UserByFeedToken("+hash+")", err, storyline.ENOTFOUND)
		case err != nil || u.ID != want:
			t.Errorf("%s: UserByFeedToken(%q) = %+v, %v; want user %d", what, hash, u, err, want)
		}
	}
	set := func(user int64, hash string) {
		t.Helper()
		if err := s.SetFeedToken(ctx(t), user, hash); err != nil {
			t.Fatalf("SetFeedToken(%d, %q): %v", user, hash, err)
		}
	}
	lookup("none set", "", 0)
	set(alice.ID, "alice-1")
	set(bob.ID, "bob-1")
	lookup("set", "alice-1", alice.ID)
	lookup("set", "bob-1", bob.ID)
	lookup("unknown", "nobody", 0)
	lookup("empty", "", 0)
	wantCode(t, "SetFeedToken(bob's hash)", s.SetFeedToken(ctx(t), alice.ID, "bob-1"), storyline.ECONFLICT)
	lookup("after a refused change", "alice-1", alice.ID)
	set(alice.ID, "alice-2")
	lookup("replaced", "alice-1", 0)
	lookup("replaced", "alice-2", alice.ID)
	set(alice.ID, "")
	set(bob.ID, "")
	lookup("cleared", "alice-2", 0)
	set(alice.ID, "") // clearing twice: both without a token, no clash
	wantCode(t, "SetFeedToken(unknown user)", s.SetFeedToken(ctx(t), 9999, "x"), storyline.ENOTFOUND)

	// A disabled user is found: the caller refuses it.
	set(bob.ID, "bob-2")
	if err := s.SetDisabled(ctx(t), bob.ID, true); err != nil {
		t.Fatal(err)
	}
	if u, err := s.UserByFeedToken(ctx(t), "bob-2"); err != nil || u.ID != bob.ID || !u.Disabled {
		t.Errorf("UserByFeedToken(disabled) = %+v, %v; want bob, disabled", u, err)
	}
}

// testDeleteUserReading: deleting a user removes its reads, saves,
// follows, mutes and feed token, and a new account (which SQLite may give
// the same ID) starts with none.
func testDeleteUserReading(t *testing.T, open Opener) {
	s := newStore(t, open)
	addUser(t, s, "admin", storyline.RoleAdmin)
	bob := addUser(t, s, "bob", storyline.RoleMember)
	a := storyOf(t, s, 1, 2, day())
	fill := func(user int64) {
		t.Helper()
		if err := s.MarkArticlesRead(ctx(t), user, a, true, day()); err != nil {
			t.Fatal(err)
		}
		markStories(t, s, user, true, 1)
		saveItem(t, s, user, storyline.KindArticle, a[0], day())
		saveItem(t, s, user, storyline.KindStory, 1, day())
		if err := s.AddFollow(ctx(t), &storyline.Follow{UserID: user, Kind: storyline.FollowHashtag, Value: "floods"}); err != nil {
			t.Fatal(err)
		}
		if err := s.AddMute(ctx(t), &storyline.Mute{UserID: user, Kind: storyline.MuteWord, Value: "rain"}); err != nil {
			t.Fatal(err)
		}
	}
	alice := addUser(t, s, "alice", storyline.RoleMember)
	fill(alice.ID)
	fill(bob.ID)
	if err := s.SetFeedToken(ctx(t), alice.ID, "alice-feed"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteUser(ctx(t), alice.ID); err != nil {
		t.Fatal(err)
	}
	again := addUser(t, s, "alice", storyline.RoleMember)
	for _, u := range []struct {
		id   int64
		what string
		n    int // of each kind of state
	}{{again.ID, "a new account", 0}, {alice.ID, "the deleted account", 0}, {bob.ID, "another user", 1}} {
		readA, err1 := s.ArticlesRead(ctx(t), u.id, a)
		readS, err2 := s.StoriesRead(ctx(t), u.id, []int64{1})
		saved, err3 := s.SavedItems(ctx(t), u.id, "", 0, 0)
		follows, err4 := s.Follows(ctx(t), u.id)
		mutes, err5 := s.Mutes(ctx(t), u.id)
		for _, err := range []error{err1, err2, err3, err4, err5} {
			if err != nil {
				t.Fatal(err)
			}
		}
		if len(readA) != 2*u.n || len(readS) != u.n || len(saved) != 2*u.n || len(follows) != u.n || len(mutes) != u.n {
			t.Errorf("%s (user %d) has %d article reads, %d story reads, %d saved, %d follows, %d mutes; want %d of each (2 articles)",
				u.what, u.id, len(readA), len(readS), len(saved), len(follows), len(mutes), u.n)
		}
	}
	_, err := s.UserByFeedToken(ctx(t), "alice-feed")
	wantCode(t, "UserByFeedToken(deleted user's)", err, storyline.ENOTFOUND)
	wantUnread(t, s, "a new account", again.ID, day(), 1)
}
