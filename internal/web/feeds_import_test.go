package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/storyline/storyline"
)

// TestFeedsImportListsFailures uploads OPML files through the feeds page
// with a fake ingester: the page counts what was added and already there
// and lists each feed that failed with its reason, under the notice;
// without failures there is no list.
func TestFeedsImportListsFailures(t *testing.T) {
	const failing = `<opml version="2.0"><body>
<outline text="Wire" xmlUrl="https://wire.example.com/rss"/>
<outline text="Gone" xmlUrl="https://gone.example.com/missing.xml"/>
<outline text="Daily" xmlUrl="https://daily.example.org/feed"/>
<outline text="Evil" xmlUrl="https://evil.example.com/missing?&lt;script&gt;alert(1)&lt;/script&gt;"/>
</body></opml>`
	tests := []struct {
		name     string
		doc      string
		notice   string
		failures []string // each a list item, in order
	}{
		{
			name:   "some fail",
			doc:    failing,
			notice: "OPML imported: 1 feed added, 1 already subscribed, 2 failed:",
			failures: []string{
				`<li><span class="url">https://gone.example.com/missing.xml</span>: the server answered 404 (not found)</li>`,
				`<li><span class="url">https://evil.example.com/missing?&lt;script&gt;alert(1)&lt;/script&gt;</span>: the server answered 404 (not found)</li>`,
			},
		},
		{
			name:   "none fail",
			doc:    `<opml version="2.0"><body><outline xmlUrl="https://wire.example.com/rss"/></body></opml>`,
			notice: "OPML imported: 0 feeds added, 1 already subscribed.",
		},
	}
	e, _ := newFeedsEnv(t)
	admin := e.signedIn("admin", adminPassword)
	e.addFeed(&storyline.Feed{URL: "https://daily.example.org/feed", Title: "Daily"})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := e.upload(admin, "/feeds/import", "subs.opml", []byte(tt.doc))
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d", resp.StatusCode)
			}
			at := strings.Index(body, `<p class="notice" role="status">`+tt.notice+`</p>`)
			if at < 0 {
				t.Fatalf("notice %q not shown", tt.notice)
			}
			if len(tt.failures) == 0 {
				if strings.Contains(body, `id="opml-failed"`) {
					t.Error("a list of failures is shown when none failed")
				}
				return
			}
			list := strings.Index(body, `<ul id="opml-failed" class="error">`)
			if list < at {
				t.Fatalf("no list of failures under the notice")
			}
			for _, li := range tt.failures {
				next := strings.Index(body[list:], li)
				if next < 0 {
					t.Fatalf("failure not listed (in order): %s", li)
				}
				list += next
			}
			assertInert(t, "feeds page after an OPML import", body)
		})
	}
	if _, body := e.get(admin, "/feeds"); strings.Contains(body, `id="opml-failed"`) {
		t.Error("the feeds page lists failures on a later visit")
	}
}
