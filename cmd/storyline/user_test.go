package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/auth"
	"github.com/storyline/storyline/internal/store/sqlite"
)

// cliStdin runs the command line in-process with stdin as its standard
// input and returns the exit status, stdout and stderr.
func cliStdin(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, func(string) string { return "" }, strings.NewReader(stdin), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// withDataStore opens the store of a data directory for a check between
// commands.
func withDataStore(t *testing.T, data string, fn func(*sqlite.DB)) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(data, "storyline.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fn(db)
}

func TestUserCommands(t *testing.T) {
	data := t.TempDir()
	steps := []struct {
		name  string
		stdin string
		args  []string
		code  int
		want  string // in stdout on success, in stderr's first line on failure
	}{
		{"list empty", "", []string{"user", "list"}, 0, "no users"},
		{"first is a member", "member-password\n", []string{"user", "add", "bob", "--password-stdin"}, 1, `"bob" would be the first account: the first must be an administrator`},
		{"add admin", "admin-password\n", []string{"user", "add", "alice", "--admin", "--password-stdin"}, 0, "added administrator alice (id 1)"},
		{"name taken", "other-password\n", []string{"user", "add", "ALICE", "--password-stdin"}, 1, `user add: user name "ALICE" is taken`},
		{"bad name", "", []string{"user", "add", "bob smith", "--password-stdin"}, 2, `user name "bob smith": only letters, digits`},
		{"no name", "", []string{"user", "add"}, 2, "exactly one user NAME"},
		{"short password", "short\n", []string{"user", "add", "bob", "--password-stdin"}, 1, "user add bob: password: at least 8 characters"},
		{"empty stdin", "", []string{"user", "add", "bob", "--password-stdin"}, 2, "standard input is empty"},
		{"not a terminal", "", []string{"user", "add", "bob"}, 2, "standard input is not a terminal: send the password with --password-stdin"},
		{"add member", "member-password\r\nignored\n", []string{"user", "add", "bob", "--password-stdin"}, 0, "added member bob (id 2)"},
		{"passwd unknown", "new-password\n", []string{"user", "passwd", "carol", "--password-stdin"}, 1, `user passwd: user "carol" not found`},
		{"passwd short", "short", []string{"user", "passwd", "bob", "--password-stdin"}, 1, "user passwd bob: password: at least 8 characters"},
		{"passwd", "bob-new-password", []string{"user", "passwd", "BOB", "--password-stdin"}, 0, "password changed for bob; their sessions have ended"},
		{"list", "", []string{"user", "list"}, 0, "administrator"},
		{"disable", "", []string{"user", "disable", "bob"}, 0, "bob is disabled: their sessions have ended"},
		{"list disabled", "", []string{"user", "list"}, 0, "disabled"},
		{"disable the last admin", "", []string{"user", "disable", "alice"}, 1, "user disable alice: user 1 is the last active administrator: make another one first"},
		{"disable unknown", "", []string{"user", "disable", "carol"}, 1, `user disable: user "carol" not found`},
		{"enable", "", []string{"user", "enable", "bob"}, 0, "bob is enabled"},
		{"tokens", "", []string{"user", "tokens", "bob"}, 0, "phone"},
		{"revoke unknown", "", []string{"user", "tokens", "bob", "--revoke", "999"}, 1, "API token 999 of user 2 not found"},
		{"revoke one", "", []string{"user", "tokens", "bob", "--revoke", "1"}, 0, "revoked API token 1 of bob"},
		{"revoke both ways", "", []string{"user", "tokens", "bob", "--revoke", "2", "--revoke-all"}, 2, "--revoke and --revoke-all: give one"},
		{"revoke all", "", []string{"user", "tokens", "bob", "--revoke-all"}, 0, "revoked 1 API token(s) of bob"},
		{"no tokens left", "", []string{"user", "tokens", "bob"}, 0, "bob has no API tokens"},
	}
	for _, s := range steps {
		if s.name == "tokens" {
			withDataStore(t, data, func(db *sqlite.DB) {
				for _, name := range []string{"phone", "script"} {
					if err := db.AddToken(context.Background(), &storyline.APIToken{UserID: 2, Name: name, TokenHash: "hash-" + name}); err != nil {
						t.Fatal(err)
					}
				}
			})
		}
		if s.name == "passwd" {
			withDataStore(t, data, func(db *sqlite.DB) {
				if err := db.AddSession(context.Background(), &storyline.Session{TokenHash: "bob-session", UserID: 2, CreatedAt: time.Now(), ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
					t.Fatal(err)
				}
			})
		}
		code, stdout, stderr := cliStdin(t, s.stdin, append([]string{"--data", data}, s.args...)...)
		if code != s.code {
			t.Errorf("%s: exit %d, want %d; stderr %q", s.name, code, s.code, stderr)
			continue
		}
		got := stdout
		if code != 0 {
			got, _, _ = strings.Cut(stderr, "\n")
		}
		if !strings.Contains(got, s.want) {
			t.Errorf("%s: got %q, want %q in it", s.name, got, s.want)
		}
	}

	withDataStore(t, data, func(db *sqlite.DB) {
		ctx := context.Background()
		for name, pw := range map[string]string{"alice": "admin-password", "bob": "bob-new-password"} {
			u, err := db.UserByName(ctx, name)
			if err != nil {
				t.Fatal(err)
			}
			if ok, err := auth.VerifyPassword(u.PasswordHash, pw); !ok || err != nil {
				t.Errorf("%s's password is not %q (%v)", name, pw, err)
			}
		}
		if _, err := db.Session(ctx, "bob-session", time.Now()); storyline.ErrorCode(err) != storyline.ENOTFOUND {
			t.Errorf("bob's session outlived the new password: %v", err)
		}
	})

	code, out, _ := cliStdin(t, "", "--data", data, "user", "list", "--json")
	var users []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &users) != nil {
		t.Fatalf("user list --json: exit %d, %q", code, out)
	}
	if len(users) != 2 || users[0]["name"] != "alice" || users[0]["role"] != "admin" || users[1]["role"] != "member" {
		t.Errorf("user list --json: %v", users)
	}
	if strings.Contains(out, "argon2") || strings.Contains(out, "password") {
		t.Errorf("user list --json shows password hashes: %s", out)
	}
}

func TestUserDelete(t *testing.T) {
	data := t.TempDir()
	for _, s := range []struct {
		stdin string
		args  []string
		code  int
		want  string
	}{
		{"admin-password\n", []string{"user", "add", "alice", "--admin", "--password-stdin"}, 0, "added administrator alice"},
		{"member-password\n", []string{"user", "add", "bob", "--password-stdin"}, 0, "added member bob"},
		{"", []string{"user", "delete", "alice"}, 1, "user delete alice: user 1 is the last active administrator"},
		{"", []string{"user", "delete", "bob"}, 0, "deleted bob"},
		{"", []string{"user", "delete", "bob"}, 1, `user delete: user "bob" not found`},
		{"", []string{"user", "list"}, 0, "alice"},
	} {
		code, stdout, stderr := cliStdin(t, s.stdin, append([]string{"--data", data}, s.args...)...)
		got := stdout
		if code != 0 {
			got, _, _ = strings.Cut(stderr, "\n")
		}
		if code != s.code || !strings.Contains(got, s.want) {
			t.Errorf("%v: exit %d, %q; want %d and %q", s.args, code, got, s.code, s.want)
		}
	}
}
