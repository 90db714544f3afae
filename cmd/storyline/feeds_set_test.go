package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// listFeeds returns `feeds list --json` of the store in data.
func listFeeds(t *testing.T, data string) []feedJSON {
	t.Helper()
	code, out, stderr := cli(t, nil, "--data", data, "feeds", "list", "--json")
	var feeds []feedJSON
	if err := json.Unmarshal([]byte(out), &feeds); code != 0 || err != nil {
		t.Fatalf("feeds list --json: exit %d, %v, %q %q", code, err, out, stderr)
	}
	return feeds
}

// writeOPML writes an OPML file subscribing to the news site's feed and
// returns its path.
func writeOPML(t *testing.T, siteURL string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "subs.opml")
	doc := `<?xml version="1.0"?><opml version="2.0"><body><outline text="Local">
<outline text="Valley Times" xmlUrl="` + siteURL + `/rss.xml"/>
</outline></body></opml>`
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestFeedsImportFeedOnly imports an OPML file with and without
// --feed-only: the feeds it subscribes to are feed-only only with it, and
// polling such a feed keeps the entries' feed text.
func TestFeedsImportFeedOnly(t *testing.T) {
	site := newsSite(t)
	opmlPath := writeOPML(t, site.URL)
	tests := []struct {
		name     string
		flags    []string
		feedOnly bool
		fetched  string // in the output of fetch
	}{
		{"default", nil, false, "3 extracted from their pages"},
		{"feed only", []string{"--feed-only"}, true, "0 extracted from their pages, 3 from the feeds' content"},
		{"feed only false", []string{"--feed-only=false"}, false, "3 extracted from their pages"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := t.TempDir()
			args := append([]string{"--data", data, "feeds", "import", "--allow-private"}, tt.flags...)
			code, out, stderr := cli(t, nil, append(args, opmlPath)...)
			if code != 0 || !strings.Contains(out, "1 subscribed") {
				t.Fatalf("feeds import: exit %d, %q %q", code, out, stderr)
			}
			feeds := listFeeds(t, data)
			if len(feeds) != 1 || feeds[0].FeedOnly != tt.feedOnly || feeds[0].Category != "Local" {
				t.Fatalf("feeds after import: %+v; want one in Local with feed_only %v", feeds, tt.feedOnly)
			}
			code, out, stderr = cli(t, nil, "--data", data, "fetch", "--allow-private")
			if code != 0 || !strings.Contains(out, tt.fetched) {
				t.Errorf("fetch: exit %d, %q %q; want %q", code, out, stderr, tt.fetched)
			}

			// Importing again leaves the feed as it is, and says so.
			code, out, _ = cli(t, nil, "--data", data, "feeds", "import", "--allow-private", "--feed-only", opmlPath)
			if code != 0 || !strings.Contains(out, "1 already subscribed") || !strings.Contains(out, "keep their setting") {
				t.Errorf("feeds import --feed-only again: exit %d, %q", code, out)
			}
			if feeds := listFeeds(t, data); feeds[0].FeedOnly != tt.feedOnly {
				t.Errorf("importing again changed feed_only to %v", feeds[0].FeedOnly)
			}
		})
	}
}

// TestFeedsSet changes a feed's settings step by step: each step changes
// only the settings it gives, and prints the feed as stored.
func TestFeedsSet(t *testing.T) {
	site := newsSite(t)
	data := t.TempDir()
	if code, out, stderr := cli(t, nil, "--data", data, "feeds", "import", "--allow-private", writeOPML(t, site.URL)); code != 0 {
		t.Fatalf("feeds import: exit %d, %q %q", code, out, stderr)
	}
	steps := []struct {
		name string
		env  map[string]string
		args []string
		out  []string
		want feedJSON // its ID, URL and counts are not compared
	}{
		{
			name: "feed only",
			args: []string{"--feed-only=true"},
			out:  []string{"updated: 1\tValley Times\t" + site.URL + "/rss.xml\n", "  content:  feed text only", "  status:   new\n", "  category: Local\n", "  outlet:   each page's site name\n"},
			want: feedJSON{FeedOnly: true, Category: "Local"},
		},
		{
			name: "full articles",
			args: []string{"--feed-only=false"},
			out:  []string{"  content:  full articles"},
			want: feedJSON{Category: "Local"},
		},
		{
			name: "bare flag is true",
			args: []string{"--feed-only"},
			out:  []string{"  content:  feed text only"},
			want: feedJSON{FeedOnly: true, Category: "Local"},
		},
		{
			name: "pause, file and name",
			args: []string{"--paused=true", "--category", " World ", "--source", "Valley Times Co"},
			out:  []string{"  content:  feed text only", "  status:   paused\n", "  category: World\n", "  outlet:   Valley Times Co\n"},
			want: feedJSON{FeedOnly: true, Paused: true, Category: "World", Source: "Valley Times Co"},
		},
		{
			name: "settings in the environment are not taken",
			env:  map[string]string{"STORYLINE_FEED_ONLY": "false", "STORYLINE_CATEGORY": "Env", "STORYLINE_SOURCE": "Env"},
			args: []string{"--paused=false"},
			out:  []string{"  content:  feed text only", "  status:   new\n", "  category: World\n"},
			want: feedJSON{FeedOnly: true, Category: "World", Source: "Valley Times Co"},
		},
		{
			name: "clear category and outlet",
			args: []string{"--category=", "--source", ""},
			out:  []string{"  category: -\n", "  outlet:   each page's site name\n"},
			want: feedJSON{FeedOnly: true},
		},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			code, out, stderr := cli(t, s.env, append([]string{"--data", data, "feeds", "set", "1"}, s.args...)...)
			if code != 0 {
				t.Fatalf("exit %d, %q %q", code, out, stderr)
			}
			for _, want := range s.out {
				if !strings.Contains(out, want) {
					t.Errorf("output %q lacks %q", out, want)
				}
			}
			got := listFeeds(t, data)[0]
			if got.FeedOnly != s.want.FeedOnly || got.Paused != s.want.Paused || got.Category != s.want.Category || got.Source != s.want.Source {
				t.Errorf("feed after set: %+v; want %+v", got, s.want)
			}
		})
	}

	code, out, stderr := cli(t, nil, "--data", data, "feeds", "set", "1", "--json", "--feed-only=false")
	var f feedJSON
	if err := json.Unmarshal([]byte(out), &f); code != 0 || err != nil || f.ID != 1 || f.FeedOnly || f.URL != site.URL+"/rss.xml" {
		t.Errorf("feeds set --json: exit %d, %v, %q %q", code, err, out, stderr)
	}

	code, out, stderr = cli(t, nil, "--data", data, "feeds", "set", "99", "--feed-only")
	if code != 1 || out != "" || !strings.Contains(stderr, "feed 99 not found") {
		t.Errorf("feeds set on an unknown feed: exit %d, %q %q; want 1 naming feed 99", code, out, stderr)
	}
}

func TestFeedsSetUsageErrors(t *testing.T) {
	data := t.TempDir()
	tests := []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, []string{"feeds", "set", "1"}, "feeds set: nothing to change: give --feed-only, --paused, --category or --source"},
		{map[string]string{"STORYLINE_FEED_ONLY": "true"}, []string{"feeds", "set", "1"}, "nothing to change: give --feed-only"},
		{nil, []string{"feeds", "set", "--feed-only"}, "exactly one feed ID"},
		{nil, []string{"feeds", "set", "1", "2", "--feed-only"}, "exactly one feed ID"},
		{nil, []string{"feeds", "set", "abc", "--feed-only"}, `"abc" is not a feed ID`},
		{nil, []string{"feeds", "set", "0", "--feed-only"}, `"0" is not a feed ID`},
		{nil, []string{"feeds", "set", "1", "--feed-only", "false"}, `unexpected "false": give a true/false setting after =, as in --feed-only=false`},
		{nil, []string{"feeds", "set", "--paused", "True", "1"}, `unexpected "True"`},
		{nil, []string{"feeds", "set", "--feed-only", "true"}, `unexpected "true"`},
		{nil, []string{"feeds", "set", "1", "--feed-only=maybe"}, `"maybe" for "--feed-only"`},
		{nil, []string{"feeds", "set", "1", "--title", "x"}, "unknown flag: --title"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, stderr := cli(t, tt.env, append([]string{"--data", data}, tt.args...)...)
			first, _, _ := strings.Cut(stderr, "\n")
			if code != 2 || !strings.Contains(first, tt.want) {
				t.Errorf("exit %d, first line %q; want 2 and %q", code, first, tt.want)
			}
		})
	}
}
