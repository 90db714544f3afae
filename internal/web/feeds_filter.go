package web

import (
	"net/http"
	"strings"

	"github.com/storyline/storyline"
)

// maxFeedsQuery is the longest filter of the feeds page, in bytes.
const maxFeedsQuery = 200

// feedsQuery is the feeds page's filter, ?q=, trimmed and capped.
func feedsQuery(r *http.Request) string {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if len(q) > maxFeedsQuery {
		q = strings.ToValidUTF8(q[:maxFeedsQuery], "")
	}
	return q
}

// filterFeeds keeps the feeds in which each word of q is found, ignoring
// case, in the title, URL, category or outlet name; an empty q keeps all.
func filterFeeds(feeds []*storyline.Feed, q string) []*storyline.Feed {
	words := strings.Fields(strings.ToLower(q))
	if len(words) == 0 {
		return feeds
	}
	var kept []*storyline.Feed
	for _, f := range feeds {
		text := strings.ToLower(strings.Join([]string{f.Title, f.URL, f.Category, f.Source}, "\n"))
		if containsAll(text, words) {
			kept = append(kept, f)
		}
	}
	return kept
}

// containsAll reports whether text contains every one of words.
func containsAll(text string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}
