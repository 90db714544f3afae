package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFeedsImportReportsFailures imports an OPML file whose feeds are a
// good one, one the server answers 404 for, a page on a site without a
// feed, and one on a host that refuses connections: the good one is
// subscribed to, the others are listed with the reason in plain words,
// and the command exits 1. A second import finds the good one already
// there; without --allow-private the loopback feeds are refused.
func TestFeedsImportReportsFailures(t *testing.T) {
	site := newsSite(t)
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/about" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<!DOCTYPE html><html><head><title>About</title></head><body><p>A page, and no feed.</p></body></html>")
	}))
	t.Cleanup(plain.Close)
	data := t.TempDir()
	opmlPath := filepath.Join(t.TempDir(), "subs.opml")
	doc := `<?xml version="1.0"?><opml version="2.0"><body><outline text="Local">
<outline text="Valley Times" xmlUrl="` + site.URL + `/rss.xml"/>
<outline text="Old" xmlUrl="` + site.URL + `/old/feed.xml"/>
<outline text="About" xmlUrl="` + plain.URL + `/about"/>
<outline text="Down" xmlUrl="http://127.0.0.1:1/feed"/>
</outline></body></opml>`
	if err := os.WriteFile(opmlPath, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		code    int
		out     []string
		stderr  string
		outNone string
	}{
		{
			name: "first import",
			args: []string{"--allow-private", opmlPath},
			code: 1,
			out: []string{
				"feeds: 1 subscribed, 0 already subscribed, 3 failed\n",
				"  failed: " + site.URL + "/old/feed.xml: the server answered 404 (not found)\n",
				"  failed: " + plain.URL + "/about: not a feed, and the page links to none\n",
				"  failed: http://127.0.0.1:1/feed: could not be reached: the connection was refused\n",
			},
			stderr: "3 of 4 feeds failed",
		},
		{
			name:   "again",
			args:   []string{"--allow-private", opmlPath},
			code:   1,
			out:    []string{"feeds: 0 subscribed, 1 already subscribed, 3 failed\n"},
			stderr: "3 of 4 feeds failed",
		},
		{
			name:    "private addresses refused",
			args:    []string{opmlPath},
			code:    1,
			out:     []string{"feeds: 0 subscribed, 1 already subscribed, 3 failed\n", "/about: the address is on a private network"},
			outNone: "answered 404",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := cli(t, nil, append([]string{"--data", data, "feeds", "import"}, tt.args...)...)
			if code != tt.code || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stderr %q; want %d with %q", code, stderr, tt.code, tt.stderr)
			}
			at := 0
			for _, want := range tt.out {
				i := strings.Index(out[at:], want)
				if i < 0 {
					t.Fatalf("output lacks (in order) %q:\n%s", want, out)
				}
				at += i + len(want)
			}
			if tt.outNone != "" && strings.Contains(out, tt.outNone) {
				t.Errorf("output has %q:\n%s", tt.outNone, out)
			}
		})
	}
	_, out, _ := cli(t, nil, "--data", data, "feeds", "list", "--json")
	if strings.Count(out, `"url"`) != 1 || !strings.Contains(out, site.URL+"/rss.xml") || !strings.Contains(out, `"category": "Local"`) {
		t.Errorf("stored feeds: %s", out)
	}
}
