package main

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/auth"
	"github.com/storyline/storyline/internal/store/sqlite"
)

func TestUserAppPassword(t *testing.T) {
	data := t.TempDir()
	for _, args := range [][]string{{"add", "Alice", "--admin"}, {"add", "bob"}} {
		if code, _, stderr := cliStdin(t, "the-password\n", append([]string{"--data", data, "user"}, append(args, "--password-stdin")...)...); code != 0 {
			t.Fatalf("user %v: %s", args, stderr)
		}
	}
	secretIn := regexp.MustCompile(`\n([a-z0-9]{4}(?:-[a-z0-9]{4}){3})\n`)
	// lookup returns the app password of secret, found by its hash and by
	// its Fever key as a Fever app computes it from the user's name, or nil.
	lookup := func(secret string) *storyline.AppPassword {
		var p *storyline.AppPassword
		withDataStore(t, data, func(db *sqlite.DB) {
			ctx := context.Background()
			bySecret, err := db.AppPasswordBySecret(ctx, auth.HashToken(secret))
			if storyline.ErrorCode(err) == storyline.ENOTFOUND {
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			byFever, err := db.AppPasswordByFeverKey(ctx, auth.FeverKeyHash(auth.FeverKey("Alice", secret)))
			if err != nil || byFever.ID != bySecret.ID {
				t.Errorf("app password %q by its Fever key = %+v, %v; want %d", secret, byFever, err, bySecret.ID)
			}
			p = bySecret
		})
		return p
	}
	var secrets []string
	tests := []struct {
		name   string
		args   []string
		code   int
		want   []string // in stdout on success, in stderr's first line on failure
		absent []string // not in stdout
	}{
		{"new", []string{"alice", "--label", " Reeder on the phone "}, 0,
			[]string{`new app password 1 of Alice "Reeder on the phone" (shown only now)`, "user name Alice and this password", "Fever apps use the same user name and password, the name typed exactly as Alice"},
			[]string{"each story as one item"}},
		{"new, one item per story", []string{"ALICE", "--stories"}, 0,
			[]string{"new app password 2 of Alice (shown only now)", "The app sees each story as one item"}, nil},
		{"list", []string{"alice", "--list"}, 0,
			[]string{"ID  LABEL", "LAST USED", "2   -                    stories", "1   Reeder on the phone  articles", "never"}, nil},
		{"another user's", []string{"alice", "--revoke", "3"}, 1, []string{"user app-password Alice: app password 3 of user 1 not found"}, nil},
		{"revoke", []string{"alice", "--revoke", "1"}, 0, []string{"revoked app password 1 of Alice"}, nil},
		{"revoke again", []string{"alice", "--revoke", "1"}, 1, []string{"app password 1 of user 1 not found"}, nil},
		{"list after", []string{"alice", "--list"}, 0, []string{"2   -      stories"}, []string{"Reeder"}},
		{"none", []string{"bob", "--list"}, 0, []string{"bob has no app passwords"}, nil},
		{"unknown user", []string{"carol"}, 1, []string{`user app-password: user "carol" not found`}, nil},
		{"label too long", []string{"alice", "--label", strings.Repeat("x", storyline.MaxAppPasswordLabel+1)}, 2, []string{"--label: app password label: at most 60 characters"}, nil},
		{"list and revoke", []string{"alice", "--list", "--revoke", "2"}, 2, []string{"--list: give it alone"}, nil},
		{"revoke and label", []string{"alice", "--revoke", "2", "--label", "x"}, 2, []string{"--revoke and --label or --stories: give one"}, nil},
		{"negative ID", []string{"alice", "--revoke", "-2"}, 2, []string{"--revoke -2: want an app password ID"}, nil},
		{"no name", nil, 2, []string{"exactly one user NAME"}, nil},
	}
	for _, tt := range tests {
		code, stdout, stderr := cliStdin(t, "", append([]string{"--data", data, "user", "app-password"}, tt.args...)...)
		got := stdout
		if code != 0 {
			got, _, _ = strings.Cut(stderr, "\n")
		}
		if code != tt.code {
			t.Errorf("%s: exit %d, want %d; %q", tt.name, code, tt.code, got)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", tt.name, got, w)
			}
		}
		for _, w := range tt.absent {
			if strings.Contains(got, w) {
				t.Errorf("%s: %q holds %q", tt.name, got, w)
			}
		}
		if m := secretIn.FindStringSubmatch(stdout); m != nil {
			secrets = append(secrets, m[1])
			if p := lookup(m[1]); p == nil || p.Label != strings.TrimSpace(tt.args[len(tt.args)-1]) && !p.StoriesAsItems {
				t.Errorf("%s: app password %q stored as %+v", tt.name, m[1], p)
			}
		}
	}
	if len(secrets) != 2 || lookup(secrets[0]) != nil || lookup(secrets[1]) == nil {
		t.Fatalf("%d app passwords printed, want 2, the first revoked", len(secrets))
	}

	// A new password revokes the rest.
	if code, _, stderr := cliStdin(t, "another-password\n", "--data", data, "user", "passwd", "alice", "--password-stdin"); code != 0 {
		t.Fatalf("user passwd: %s", stderr)
	}
	if lookup(secrets[1]) != nil {
		t.Error("an app password works after a new password")
	}
}
