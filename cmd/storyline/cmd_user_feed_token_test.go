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

func TestUserFeedToken(t *testing.T) {
	data := t.TempDir()
	if code, _, stderr := cliStdin(t, "admin-password\n", "--data", data, "user", "add", "alice", "--admin", "--password-stdin"); code != 0 {
		t.Fatalf("user add: %s", stderr)
	}
	secretIn := regexp.MustCompile(`/top/feed\?token=([A-Za-z0-9_-]+)`)
	// owner returns the name of the user of feed token secret, or "".
	owner := func(secret string) string {
		var name string
		withDataStore(t, data, func(db *sqlite.DB) {
			u, err := db.UserByFeedToken(context.Background(), auth.HashToken(secret))
			if err == nil {
				name = u.Name
			} else if storyline.ErrorCode(err) != storyline.ENOTFOUND {
				t.Fatal(err)
			}
		})
		return name
	}
	var secrets []string
	tests := []struct {
		name string
		args []string
		code int
		want []string // in stdout on success, in stderr's first line on failure
	}{
		{"new", []string{"alice"}, 0, []string{"new feed token of alice", "https://SITE/top/feed?token=", "https://SITE/latest/feed?token=",
			"https://SITE/foryou/feed?token=", "https://SITE/saved/feed?token=", "put the site's address for SITE"}},
		{"rotate, with the site", []string{"ALICE", "--url", "https://news.example.com/"}, 0, []string{"https://news.example.com/top/feed?token=", "https://news.example.com/saved/feed?token="}},
		{"revoke", []string{"alice", "--revoke"}, 0, []string{"revoked the feed token of alice"}},
		{"unknown user", []string{"carol"}, 1, []string{`user feed-token: user "carol" not found`}},
		{"bad url", []string{"alice", "--url", "news.example.com"}, 2, []string{`--url "news.example.com": want the site's address`}},
		{"revoke and url", []string{"alice", "--revoke", "--url", "https://news.example.com"}, 2, []string{"--revoke and --url: give one"}},
		{"no name", nil, 2, []string{"exactly one user NAME"}},
	}
	for _, tt := range tests {
		code, stdout, stderr := cliStdin(t, "", append([]string{"--data", data, "user", "feed-token"}, tt.args...)...)
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
		if m := secretIn.FindStringSubmatch(stdout); m != nil {
			secrets = append(secrets, m[1])
			if !strings.Contains(stdout, "\n"+m[1]+"\n") {
				t.Errorf("%s: the token is not on a line of its own: %q", tt.name, stdout)
			}
			// The new token is the user's; the ones before stop working.
			for i, s := range secrets {
				want := ""
				if i == len(secrets)-1 {
					want = "alice"
				}
				if got := owner(s); got != want {
					t.Errorf("%s: token %d belongs to %q, want %q", tt.name, i, got, want)
				}
			}
		}
	}
	if len(secrets) != 2 || owner(secrets[1]) != "" {
		t.Errorf("%d tokens printed, want 2, the last revoked", len(secrets))
	}
}
