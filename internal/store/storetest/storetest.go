// Package storetest is the contract suite for storyline.Store: every
// implementation (internal/store/sqlite, and any other) runs Run in its
// tests and must pass it unchanged. It tests only through the interface.
//
// It also holds the benchmarks every implementation reports (BenchSave,
// BenchSearch) and the synthetic news corpus they use (Corpus).
package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// Opener returns a new, empty store for one test. Run closes it when the
// test ends.
type Opener func(t *testing.T) storyline.Store

// Run runs the contract suite against stores made by open.
func Run(t *testing.T, open Opener) {
	t.Helper()
	groups := []struct {
		name string
		run  func(t *testing.T, open Opener)
	}{
		{"Save", testSave},
		{"Update", testUpdate},
		{"Copies", testCopies},
		{"Truncated", testTruncated},
		{"Read", testRead},
		{"List", testList},
		{"Search", testSearch},
		{"Sources", testSources},
		{"SourcesOfOneSite", testSourcesOfOneSite},
		{"RenameSource", testRenameSource},
		{"Feeds", testFeeds},
		{"FeedSettings", testFeedSettings},
		{"DueFeeds", testDueFeeds},
		{"FeedEntries", testFeedEntries},
		{"Stories", testStories},
		{"StoryTimes", testStoryTimes},
		{"StoryFilters", testStoryFilters},
		{"StoryPages", testStoryPages},
		{"Users", testUsers},
		{"DisabledUsers", testDisabledUsers},
		{"DeleteUser", testDeleteUser},
		{"Sessions", testSessions},
		{"APITokens", testAPITokens},
		{"AppPasswords", testAppPasswords},
		{"Comments", testComments},
		{"CommentTime", testCommentTime},
		{"CommentPages", testCommentPages},
		{"NearCopies", testNearCopies},
		{"StoryTermBytes", testStoryTermBytes},
		{"OtherLanguages", testOtherLanguages},
		{"Meta", testMeta},
		{"Ping", testPing},
		{"PendingAnalysis", testPendingAnalysis},
		{"Signatures", testSignatures},
		{"Assignments", testAssignments},
		{"Prune", testPrune},
		{"Concurrency", testConcurrency},
		{"ModelBriefs", testModelBriefs},
		{"ModelBriefsDue", testModelBriefsDue},
		{"ModelTokens", testModelTokens},
		{"ReadArticles", testReadArticles},
		{"ReadStories", testReadStories},
		{"ReadMerges", testReadMerges},
		{"UnreadCount", testUnreadCount},
		{"Saved", testSaved},
		{"PruneSaved", testPruneSaved},
		{"Follows", testFollows},
		{"Mutes", testMutes},
		{"FeedTokens", testFeedTokens},
		{"DeleteUserReading", testDeleteUserReading},
		{"Images", testImages},
		{"Items", testItems},
		{"StoryItems", testStoryItems},
	}
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) { g.run(t, open) })
	}
}

// newStore opens a store that is closed (and the closing checked) when t
// ends.
func newStore(t *testing.T, open Opener) storyline.Store {
	t.Helper()
	s := open(t)
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

// ctx returns a context for one test, cancelled when the test ends.
func ctx(t *testing.T) context.Context {
	return t.Context()
}

// day returns a fixed point in time that tests build publication times on.
// Times in the suite have whole microseconds, which every store keeps
// exactly.
func day() time.Time { return time.Date(2024, 3, 14, 9, 30, 0, 123456000, time.UTC) }

// article returns a complete article with text's content hash.
func article(url, source, title, text string) *storyline.Article {
	return &storyline.Article{
		URL:         url,
		Source:      source,
		Title:       title,
		Byline:      "By A. Reporter",
		SiteName:    source,
		Language:    "en",
		ImageURL:    url + "/lead.jpg",
		Published:   day(),
		HTML:        "<p>" + text + "</p>",
		Text:        text,
		WordCount:   len(storyline.NormalizeText(text)) / 5,
		ContentHash: storyline.ContentHash(text),
	}
}

// clone returns a copy of a that can be changed independently.
func clone(a *storyline.Article) *storyline.Article {
	c := *a
	return &c
}

// save saves a and fails the test on error.
func save(t *testing.T, s storyline.Store, a *storyline.Article) storyline.SaveResult {
	t.Helper()
	res, err := s.SaveArticle(ctx(t), a)
	if err != nil {
		t.Fatalf("SaveArticle(%q): %v", a.URL, err)
	}
	return res
}

// saveAs saves a and fails the test unless the outcome is want.
func saveAs(t *testing.T, s storyline.Store, a *storyline.Article, want storyline.SaveOutcome) storyline.SaveResult {
	t.Helper()
	res := save(t, s, a)
	if res.Outcome != want {
		t.Fatalf("SaveArticle(%q) outcome = %v, want %v", a.URL, res.Outcome, want)
	}
	if res.ID == 0 {
		t.Fatalf("SaveArticle(%q) returned ID 0", a.URL)
	}
	return res
}

// get returns the stored article with id and fails the test on error.
func get(t *testing.T, s storyline.Store, id int64) *storyline.Article {
	t.Helper()
	a, err := s.Article(ctx(t), id)
	if err != nil {
		t.Fatalf("Article(%d): %v", id, err)
	}
	return a
}

// count returns CountArticles and fails the test on error.
func count(t *testing.T, s storyline.Store) int {
	t.Helper()
	n, err := s.CountArticles(ctx(t))
	if err != nil {
		t.Fatalf("CountArticles: %v", err)
	}
	return n
}

// wantCode fails the test unless err carries the domain error code.
func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := storyline.ErrorCode(err); got != code {
		t.Errorf("%s: error %v has code %q, want %q", what, err, got, code)
	}
}

// ids returns the IDs of articles, in order.
func ids(list []*storyline.Article) []int64 {
	out := make([]int64, len(list))
	for i, a := range list {
		out[i] = a.ID
	}
	return out
}

// hitIDs returns the IDs of the hits' articles, in order.
func hitIDs(hits []storyline.SearchHit) []int64 {
	out := make([]int64, len(hits))
	for i, h := range hits {
		out[i] = h.Article.ID
	}
	return out
}

// equalIDs reports whether two ID lists are equal.
func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// sameArticle reports the differences between a stored article and the
// article saved, ignoring the fields the store sets.
func sameArticle(got, want *storyline.Article) error {
	type field struct {
		name      string
		got, want any
	}
	fields := []field{
		{"URL", got.URL, want.URL},
		{"Source", got.Source, want.Source},
		{"Title", got.Title, want.Title},
		{"Byline", got.Byline, want.Byline},
		{"SiteName", got.SiteName, want.SiteName},
		{"Language", got.Language, want.Language},
		{"ImageURL", got.ImageURL, want.ImageURL},
		{"HTML", got.HTML, want.HTML},
		{"Text", got.Text, want.Text},
		{"WordCount", got.WordCount, want.WordCount},
		{"Truncated", got.Truncated, want.Truncated},
		{"ContentHash", got.ContentHash, want.ContentHash},
		{"FeedID", got.FeedID, want.FeedID},
	}
	for _, f := range fields {
		if f.got != f.want {
			return fmt.Errorf("%s = %#v, want %#v", f.name, f.got, f.want)
		}
	}
	if !got.Published.Equal(want.Published) {
		return fmt.Errorf("Published = %v, want %v", got.Published, want.Published)
	}
	return nil
}
