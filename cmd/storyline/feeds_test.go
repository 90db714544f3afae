package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// newsSite serves a homepage that advertises a feed of three entries,
// each linking to its article page.
func newsSite(t *testing.T) *httptest.Server {
	t.Helper()
	modified := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	page := func(title, body string) string {
		var paras strings.Builder
		for i := range 6 {
			fmt.Fprintf(&paras, "<p>%s Paragraph %d adds the details that readers of the report expect to find in a complete article about it.</p>\n", body, i+1)
		}
		return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>` + title + `</title>
<meta property="og:site_name" content="Valley Times"></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>` + title + `</h1>` + paras.String() + `</article><footer><a href="/about">About</a></footer></body></html>`
	}
	files := map[string]string{
		"/": `<!DOCTYPE html><html><head><title>Valley Times</title>
<link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body><h1>Valley Times</h1></body></html>`,
		"/rss.xml": `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Valley Times</title><link>/</link>
<item><title>Dam inspection finds cracks</title><link>/news/dam</link><guid>vt-1</guid><pubDate>Mon, 23 Nov 2026 08:00:00 +0000</pubDate><description>Inspectors found cracks.</description></item>
<item><title>School year extended</title><link>/news/school</link><guid>vt-2</guid><pubDate>Mon, 23 Nov 2026 07:00:00 +0000</pubDate><description>Two more weeks.</description></item>
<item><title>Orchard harvest record</title><link>/news/orchard</link><guid>vt-3</guid><pubDate>Sun, 22 Nov 2026 18:00:00 +0000</pubDate><description>Apples galore.</description></item>
</channel></rss>`,
		"/news/dam":     page("Dam inspection finds cracks", "Engineers inspecting the valley dam found hairline cracks in its spillway."),
		"/news/school":  page("School year extended", "The district will extend the school year by two weeks after the floods."),
		"/news/orchard": page("Orchard harvest record", "Growers in the valley picked more apples this autumn than in any year on record."),
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if strings.HasSuffix(r.URL.Path, ".xml") {
			w.Header().Set("Content-Type", "application/rss+xml")
		} else {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		}
		w.Header().Set("ETag", fmt.Sprintf(`"%d"`, len(body)))
		http.ServeContent(w, r, "", modified, strings.NewReader(body))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestFeedsCommands(t *testing.T) {
	site := newsSite(t)
	data := t.TempDir()
	run := func(args ...string) (int, string, string) {
		t.Helper()
		return cli(t, nil, append([]string{"--data", data}, args...)...)
	}

	// A private address is refused unless allowed.
	code, _, stderr := run("feeds", "add", site.URL+"/")
	if code != 1 || !strings.Contains(stderr, "private") {
		t.Errorf("feeds add on loopback without --allow-private: exit %d, %q", code, stderr)
	}
	code, out, stderr := run("feeds", "add", "--allow-private", "--category", "Local", site.URL+"/")
	if code != 0 || !strings.Contains(out, "subscribed: 1\tValley Times\t"+site.URL+"/rss.xml") {
		t.Fatalf("feeds add: exit %d, %q %q", code, out, stderr)
	}
	if code, _, stderr := run("feeds", "add", "--allow-private", site.URL+"/rss.xml"); code != 1 || !strings.Contains(stderr, "already subscribed") {
		t.Errorf("feeds add again: exit %d, %q", code, stderr)
	}
	if _, out, _ = run("feeds", "list"); !strings.Contains(out, "Valley Times") || !strings.Contains(out, "new") {
		t.Errorf("feeds list before fetching: %q", out)
	}

	code, out, stderr = run("fetch", "--allow-private")
	if code != 0 || !strings.Contains(out, "polled 1 feeds") || !strings.Contains(out, "added 3") ||
		!strings.Contains(out, "3 extracted from their pages") {
		t.Fatalf("fetch: exit %d, %q %q", code, out, stderr)
	}
	_, out, _ = run("feeds", "list", "--json")
	var feeds []feedJSON
	if err := json.Unmarshal([]byte(out), &feeds); err != nil || len(feeds) != 1 {
		t.Fatalf("feeds list --json: %v %q", err, out)
	}
	if f := feeds[0]; f.ArticleCount != 3 || f.LastFetch == nil || f.LastError != "" || f.Category != "Local" {
		t.Errorf("feed after fetching: %+v", f)
	}
	if code, out, _ = run("fetch", "--allow-private", "--feed", "1"); code != 0 || !strings.Contains(out, "1 unchanged (304)") || !strings.Contains(out, "added 0") {
		t.Errorf("second fetch: exit %d, %q", code, out)
	}
	if _, out, _ = run("search", "spillway"); !strings.Contains(out, "Dam inspection finds cracks") {
		t.Errorf("search after fetching: %q", out)
	}

	// OPML out and into another store.
	opmlPath := filepath.Join(t.TempDir(), "subs.opml")
	if code, _, stderr := run("feeds", "export", "--out", opmlPath); code != 0 {
		t.Fatalf("feeds export: %d %q", code, stderr)
	}
	exported, err := os.ReadFile(opmlPath)
	if err != nil || !strings.Contains(string(exported), site.URL+"/rss.xml") || !strings.Contains(string(exported), `"Local"`) {
		t.Errorf("exported OPML: %v %q", err, exported)
	}
	other := t.TempDir()
	for i, want := range []string{"1 subscribed, 0 already", "0 subscribed, 1 already"} {
		code, out, stderr := cli(t, nil, "--data", other, "feeds", "import", "--allow-private", opmlPath)
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("feeds import #%d: exit %d, %q %q", i+1, code, out, stderr)
		}
	}

	if code, out, _ = run("feeds", "remove", "1"); code != 0 || !strings.Contains(out, "its 3 articles stay") {
		t.Errorf("feeds remove: exit %d, %q", code, out)
	}
	if code, _, stderr = run("feeds", "remove", "1"); code != 1 || !strings.Contains(stderr, "not found") {
		t.Errorf("feeds remove again: exit %d, %q", code, stderr)
	}
	if _, out, _ = run("articles"); strings.Count(out, "\n") < 3 {
		t.Errorf("articles after removing the feed: %q", out)
	}
}

func TestAddCommand(t *testing.T) {
	site := newsSite(t)
	data := t.TempDir()
	code, out, stderr := cli(t, nil, "--data", data, "add", "--allow-private", site.URL+"/news/dam", site.URL+"/news/missing")
	if code != 1 || !strings.Contains(out, "added: 1 Dam inspection finds cracks (Valley Times") ||
		!strings.Contains(out, "404") || !strings.Contains(stderr, "1 of 2 page(s)") {
		t.Errorf("add: exit %d, %q %q", code, out, stderr)
	}
}

func TestFeedsUsageErrors(t *testing.T) {
	data := t.TempDir()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"feeds", "add"}, "exactly one URL"},
		{[]string{"feeds", "remove", "abc"}, `"abc" is not a feed ID`},
		{[]string{"feeds", "import"}, "exactly one OPML file"},
		{[]string{"feeds", "import", filepath.Join(data, "none.opml")}, "none.opml"},
		{[]string{"fetch", "--feed", "99"}, "--feed 99"},
		{[]string{"fetch", "--allow-cidr", "junk"}, `--allow-cidr "junk"`},
		{[]string{"fetch", "--host-rate", "nan"}, "--host-rate NaN: want a positive rate"},
		{[]string{"fetch", "--host-rate", "+Inf"}, "--host-rate +Inf: want a positive rate"},
		{[]string{"serve", "--page-cache", "-5s"}, "--page-cache -5s: want 0 (off) or a positive duration"},
		{[]string{"articles", "--db-statement-timeout", "-1s"}, "--db-statement-timeout -1s: want a positive duration"},
		{[]string{"fetch", "--poll-concurrency", "0"}, "--poll-concurrency 0"},
		{[]string{"serve", "--retain", "12h"}, `--retain: retention "12h": want at least 1d`},
		{[]string{"worker", "--retain", "ninety"}, `--retain: retention "ninety": want an age like 90d`},
		{[]string{"add"}, "at least one URL"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, stderr := cli(t, nil, append([]string{"--data", data}, tt.args...)...)
			first, _, _ := strings.Cut(stderr, "\n")
			if code != 2 || !strings.Contains(first, tt.want) {
				t.Errorf("exit %d, first line %q; want 2 and %q", code, first, tt.want)
			}
		})
	}
}

func TestGuardWarnings(t *testing.T) {
	var cidrs []netip.Prefix
	for _, c := range []string{"0.0.0.0/0", "::/0", "0.0.0.0/1", "10.0.0.0/8", "192.168.1.0/24", "fd00::/64"} {
		cidrs = append(cidrs, netip.MustParsePrefix(c))
	}
	got := guardWarnings(cidrs)
	if len(got) != 3 || !strings.Contains(got[0], "every address") || !strings.Contains(got[2], "0.0.0.0/1") {
		t.Errorf("guardWarnings = %q; want the two /0 and the /1", got)
	}
}
