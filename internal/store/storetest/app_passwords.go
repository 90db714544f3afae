package storetest

import (
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// addAppPassword adds an app password of user userID with hashes made
// from name, and fails the test on error.
func addAppPassword(t *testing.T, s storyline.Store, userID int64, name string, stories bool) *storyline.AppPassword {
	t.Helper()
	p := &storyline.AppPassword{UserID: userID, Label: name, SecretHash: "secret-" + name, FeverHash: "fever-" + name, StoriesAsItems: stories}
	if err := s.AddAppPassword(ctx(t), p); err != nil {
		t.Fatalf("AddAppPassword(%q): %v", name, err)
	}
	if p.ID == 0 || p.CreatedAt.IsZero() || !p.LastUsedAt.IsZero() {
		t.Fatalf("AddAppPassword(%q) left ID %d, CreatedAt %v, LastUsedAt %v", name, p.ID, p.CreatedAt, p.LastUsedAt)
	}
	return p
}

// sameAppPassword reports whether got is want as stored.
func sameAppPassword(got, want *storyline.AppPassword) bool {
	return got != nil && got.ID == want.ID && got.UserID == want.UserID && got.Label == want.Label &&
		got.SecretHash == want.SecretHash && got.FeverHash == want.FeverHash && got.StoriesAsItems == want.StoriesAsItems &&
		got.CreatedAt.Equal(want.CreatedAt) && got.LastUsedAt.Equal(want.LastUsedAt)
}

// appPasswordIDs returns the IDs of list, in order.
func appPasswordIDs(list []*storyline.AppPassword) []int64 {
	out := make([]int64, len(list))
	for i, p := range list {
		out[i] = p.ID
	}
	return out
}

// wantAppPasswords fails the test unless user userID's app passwords are
// want's, newest first.
func wantAppPasswords(t *testing.T, s storyline.Store, what string, userID int64, want ...*storyline.AppPassword) {
	t.Helper()
	list, err := s.AppPasswords(ctx(t), userID)
	if err != nil {
		t.Fatalf("%s: AppPasswords(%d): %v", what, userID, err)
	}
	if len(list) != len(want) {
		t.Fatalf("%s: AppPasswords(%d) = %v, want %v", what, userID, appPasswordIDs(list), appPasswordIDs(want))
	}
	for i := range list {
		if !sameAppPassword(list[i], want[i]) {
			t.Errorf("%s: AppPasswords(%d)[%d] = %+v, want %+v", what, userID, i, list[i], want[i])
		}
	}
}

// testAppPasswords covers app passwords: adding, listing, the lookups
// by secret and by Fever key, recording their use, and revoking one's
// own, all of a user's, by a new password and with the user.
func testAppPasswords(t *testing.T, open Opener) {
	s := newStore(t, open)
	alice := addUser(t, s, "alice", storyline.RoleMember)
	bob := addUser(t, s, "bob", storyline.RoleMember)
	phone := addAppPassword(t, s, alice.ID, "phone", false)
	laptop := addAppPassword(t, s, alice.ID, "laptop", true)
	bobs := addAppPassword(t, s, bob.ID, "bob's reader", false)

	t.Run("invalid", func(t *testing.T) {
		tests := []struct {
			name string
			p    *storyline.AppPassword
			code string
		}{
			{"none", nil, storyline.EINVALID},
			{"empty secret hash", &storyline.AppPassword{UserID: alice.ID, Label: "x", FeverHash: "fever-x"}, storyline.EINVALID},
			{"empty Fever hash", &storyline.AppPassword{UserID: alice.ID, Label: "x", SecretHash: "secret-x"}, storyline.EINVALID},
			{"NUL in the label", &storyline.AppPassword{UserID: alice.ID, Label: "a\x00b", SecretHash: "secret-x", FeverHash: "fever-x"}, storyline.EINVALID},
			{"label not UTF-8", &storyline.AppPassword{UserID: alice.ID, Label: "\xff", SecretHash: "secret-x", FeverHash: "fever-x"}, storyline.EINVALID},
			{"unknown user", &storyline.AppPassword{UserID: bob.ID + 1000, SecretHash: "secret-x", FeverHash: "fever-x"}, storyline.ENOTFOUND},
			{"secret hash in use", &storyline.AppPassword{UserID: bob.ID, SecretHash: "secret-phone", FeverHash: "fever-x"}, storyline.ECONFLICT},
			{"Fever hash in use", &storyline.AppPassword{UserID: bob.ID, SecretHash: "secret-x", FeverHash: "fever-phone"}, storyline.ECONFLICT},
		}
		for _, tt := range tests {
			wantCode(t, "AddAppPassword("+tt.name+")", s.AddAppPassword(ctx(t), tt.p), tt.code)
		}
		wantCode(t, "TouchAppPassword(zero time)", s.TouchAppPassword(ctx(t), phone.ID, time.Time{}), storyline.EINVALID)
		wantAppPasswords(t, s, "after the refused adds", alice.ID, laptop, phone)
		wantAppPasswords(t, s, "after the refused adds", bob.ID, bobs)
	})

	t.Run("lookups", func(t *testing.T) {
		tests := []struct {
			name   string
			lookup func() (*storyline.AppPassword, error)
			want   *storyline.AppPassword // nil: ENOTFOUND
		}{
			{"by secret", func() (*storyline.AppPassword, error) { return s.AppPasswordBySecret(ctx(t), "secret-laptop") }, laptop},
			{"by Fever key", func() (*storyline.AppPassword, error) { return s.AppPasswordByFeverKey(ctx(t), "fever-laptop") }, laptop},
			{"another user's by Fever key", func() (*storyline.AppPassword, error) { return s.AppPasswordByFeverKey(ctx(t), "fever-bob's reader") }, bobs},
			{"unknown secret", func() (*storyline.AppPassword, error) { return s.AppPasswordBySecret(ctx(t), "secret-nothing") }, nil},
			{"a Fever hash as the secret", func() (*storyline.AppPassword, error) { return s.AppPasswordBySecret(ctx(t), "fever-laptop") }, nil},
			{"a secret hash as the Fever key", func() (*storyline.AppPassword, error) { return s.AppPasswordByFeverKey(ctx(t), "secret-laptop") }, nil},
			{"empty secret", func() (*storyline.AppPassword, error) { return s.AppPasswordBySecret(ctx(t), "") }, nil},
			{"empty Fever key", func() (*storyline.AppPassword, error) { return s.AppPasswordByFeverKey(ctx(t), "") }, nil},
		}
		for _, tt := range tests {
			got, err := tt.lookup()
			if tt.want == nil {
				wantCode(t, tt.name, err, storyline.ENOTFOUND)
				continue
			}
			if err != nil || !sameAppPassword(got, tt.want) {
				t.Errorf("%s = %+v, %v; want %+v", tt.name, got, err, tt.want)
			}
		}
		wantAppPasswords(t, s, "a user's, newest first", alice.ID, laptop, phone)
		wantAppPasswords(t, s, "a user without any", bob.ID+1000)
	})

	t.Run("touch", func(t *testing.T) {
		tests := []struct {
			name string
			at   time.Time
			want time.Time // LastUsedAt after the touch
		}{
			{"first use", day(), day()},
			{"later, to the microsecond", day().Add(time.Hour + 1500*time.Nanosecond), day().Add(time.Hour + time.Microsecond)},
			{"earlier changes nothing", day().Add(time.Minute), day().Add(time.Hour + time.Microsecond)},
			{"in another zone", day().Add(2 * time.Hour).In(time.FixedZone("CET", 3600)), day().Add(2 * time.Hour)},
		}
		for _, tt := range tests {
			if err := s.TouchAppPassword(ctx(t), phone.ID, tt.at); err != nil {
				t.Fatalf("%s: TouchAppPassword: %v", tt.name, err)
			}
			got, err := s.AppPasswordBySecret(ctx(t), phone.SecretHash)
			if err != nil || !got.LastUsedAt.Equal(tt.want) || got.LastUsedAt.Location() != time.UTC {
				t.Errorf("%s: LastUsedAt = %v, %v; want %v in UTC", tt.name, got.LastUsedAt, err, tt.want)
			}
		}
		phone.LastUsedAt = day().Add(2 * time.Hour)
		if err := s.TouchAppPassword(ctx(t), bobs.ID+1000, day()); err != nil {
			t.Errorf("TouchAppPassword(unknown) = %v, want nil", err)
		}
		wantAppPasswords(t, s, "after the touches", alice.ID, laptop, phone)
		wantAppPasswords(t, s, "after the touches", bob.ID, bobs)
	})

	t.Run("a disabled account keeps them", func(t *testing.T) {
		if err := s.SetDisabled(ctx(t), bob.ID, true); err != nil {
			t.Fatal(err)
		}
		wantAppPasswords(t, s, "disabled", bob.ID, bobs)
		if err := s.SetDisabled(ctx(t), bob.ID, false); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("delete", func(t *testing.T) {
		tests := []struct {
			name     string
			userID   int64
			id       int64
			code     string
			alice    []*storyline.AppPassword // alice's after the delete
			bobAfter []*storyline.AppPassword // bob's after the delete
		}{
			{"someone else's", bob.ID, phone.ID, storyline.ENOTFOUND, []*storyline.AppPassword{laptop, phone}, []*storyline.AppPassword{bobs}},
			{"unknown", alice.ID, bobs.ID + 1000, storyline.ENOTFOUND, []*storyline.AppPassword{laptop, phone}, []*storyline.AppPassword{bobs}},
			{"one's own", alice.ID, phone.ID, "", []*storyline.AppPassword{laptop}, []*storyline.AppPassword{bobs}},
			{"again", alice.ID, phone.ID, storyline.ENOTFOUND, []*storyline.AppPassword{laptop}, []*storyline.AppPassword{bobs}},
		}
		for _, tt := range tests {
			wantCode(t, "DeleteAppPassword("+tt.name+")", s.DeleteAppPassword(ctx(t), tt.userID, tt.id), tt.code)
			wantAppPasswords(t, s, "after deleting "+tt.name, alice.ID, tt.alice...)
			wantAppPasswords(t, s, "after deleting "+tt.name, bob.ID, tt.bobAfter...)
		}
		_, err := s.AppPasswordBySecret(ctx(t), phone.SecretHash)
		wantCode(t, "AppPasswordBySecret(deleted)", err, storyline.ENOTFOUND)
		_, err = s.AppPasswordByFeverKey(ctx(t), phone.FeverHash)
		wantCode(t, "AppPasswordByFeverKey(deleted)", err, storyline.ENOTFOUND)
		// Its hashes are free again.
		phone = addAppPassword(t, s, alice.ID, "phone", false)
	})

	t.Run("delete all of a user's", func(t *testing.T) {
		if n, err := s.DeleteAppPasswords(ctx(t), alice.ID); err != nil || n != 2 {
			t.Errorf("DeleteAppPasswords(alice) = %d, %v; want 2", n, err)
		}
		wantAppPasswords(t, s, "after DeleteAppPasswords", alice.ID)
		wantAppPasswords(t, s, "another user's after DeleteAppPasswords", bob.ID, bobs)
		if n, err := s.DeleteAppPasswords(ctx(t), alice.ID); err != nil || n != 0 {
			t.Errorf("DeleteAppPasswords(none left) = %d, %v", n, err)
		}
	})

	t.Run("a new password revokes them", func(t *testing.T) {
		mine := addAppPassword(t, s, alice.ID, "tablet", false)
		if err := s.SetPassword(ctx(t), bob.ID, "new hash of bob"); err != nil {
			t.Fatal(err)
		}
		wantAppPasswords(t, s, "after SetPassword", bob.ID)
		_, err := s.AppPasswordByFeverKey(ctx(t), bobs.FeverHash)
		wantCode(t, "AppPasswordByFeverKey after SetPassword", err, storyline.ENOTFOUND)
		wantAppPasswords(t, s, "another user's after SetPassword", alice.ID, mine)
	})

	t.Run("deleting the user deletes them", func(t *testing.T) {
		carol := addUser(t, s, "carol", storyline.RoleMember)
		hers := addAppPassword(t, s, carol.ID, "carol's", true)
		if err := s.DeleteUser(ctx(t), carol.ID); err != nil {
			t.Fatal(err)
		}
		_, err := s.AppPasswordBySecret(ctx(t), hers.SecretHash)
		wantCode(t, "AppPasswordBySecret of a deleted user", err, storyline.ENOTFOUND)
		wantAppPasswords(t, s, "a deleted user's", carol.ID)
		// A new account (perhaps with the old ID) starts with none, and
		// the hashes are free again.
		again := addUser(t, s, "carol", storyline.RoleMember)
		wantAppPasswords(t, s, "a new account of the same name", again.ID)
		addAppPassword(t, s, again.ID, "carol's", false)
	})
}
