package storeutil

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

func TestPageLimit(t *testing.T) {
	for _, tt := range []struct {
		limit, offset, want int
		err                 bool
	}{
		{0, 0, 20, false}, {5, 3, 5, false}, {500, 0, 200, false}, {-1, 0, 0, true}, {1, -1, 0, true},
	} {
		got, err := PageLimit(tt.limit, tt.offset, 20, 200)
		if got != tt.want || (err != nil) != tt.err {
			t.Errorf("PageLimit(%d, %d) = %d, %v", tt.limit, tt.offset, got, err)
		}
	}
}

func TestInTimeRange(t *testing.T) {
	for _, tt := range []struct {
		t    time.Time
		want bool
	}{
		{time.Time{}, true}, {time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC), false}, {time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC), false},
	} {
		if got := InTimeRange(tt.t); got != tt.want {
			t.Errorf("InTimeRange(%s) = %v", tt.t, got)
		}
	}
}

func TestValidation(t *testing.T) {
	far := time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name string
		err  error
		want string // the message, "" for nil
	}{
		{"article ok", ValidateArticle(&storyline.Article{URL: "u", ContentHash: "h", Title: "t"}), ""},
		{"no article", ValidateArticle(nil), "no article to save"},
		{"no hash", ValidateArticle(&storyline.Article{URL: "u", Title: "t"}), `article "u" has no content hash`},
		{"no title", ValidateArticle(&storyline.Article{URL: "u", ContentHash: "h"}), `article "u" has neither title nor text`},
		{"far", ValidateArticle(&storyline.Article{URL: "u", ContentHash: "h", Text: "x", Published: far}), `article "u": publication time ` + far.String() + ` is out of range`},
		{"negative", ValidateArticle(&storyline.Article{URL: "u", ContentHash: "h", Text: "x", WordCount: -1}), `article "u": negative feed ID or word count`},
		{"comment ok", ValidateNewComment(&storyline.Comment{StoryID: 1, Body: "hi"}), ""},
		{"no comment", ValidateNewComment(nil), "no comment to add"},
		{"both targets", ValidateNewComment(&storyline.Comment{StoryID: 1, ArticleID: 2, Body: "hi"}), "a comment is on a story or on an article (got story 1 and article 2)"},
		{"blank body", ValidateNewComment(&storyline.Comment{ArticleID: 2, Body: " \n"}), `comment body " \n" is empty`},
		{"user ok", ValidateNewUser(&storyline.User{Name: "ann", Role: storyline.RoleAdmin}), ""},
		{"no user", ValidateNewUser(nil), "no user to add"},
		{"blank name", ValidateNewUser(&storyline.User{Name: " ", Role: storyline.RoleAdmin}), `user name " " is empty`},
		{"bad role", ValidateNewUser(&storyline.User{Name: "ann", Role: "king"}), `user "ann": unknown role "king"`},
		{"set role", CheckRole(3, "king"), `user 3: unknown role "king"`},
		{"session ok", ValidateNewSession(&storyline.Session{UserID: 1, TokenHash: "h", ExpiresAt: far}), ""},
		{"no session", ValidateNewSession(nil), "no session to add"},
		{"session hash", ValidateNewSession(&storyline.Session{UserID: 1, ExpiresAt: far}), "session of user 1 has an empty token hash"},
		{"session expiry", ValidateNewSession(&storyline.Session{UserID: 1, TokenHash: "h"}), "session of user 1 has no expiry time"},
		{"token ok", ValidateNewToken(&storyline.APIToken{Name: "k", UserID: 1, TokenHash: "h"}), ""},
		{"no token", ValidateNewToken(nil), "no API token to add"},
		{"token hash", ValidateNewToken(&storyline.APIToken{Name: "k", UserID: 1}), `API token "k" of user 1 has an empty token hash`},
		{"feed ok", ValidateNewFeed(&storyline.Feed{URL: "u"}), ""},
		{"no feed URL", ValidateNewFeed(&storyline.Feed{}), "feed URL is required"},
		{"no feed", ValidateNewFeed(nil), "feed URL is required"},
		{"no feed update", ValidateFeedUpdate(nil), "no feed to update"},
		{"guid", CheckEntryGUID(4, ""), "feed 4: entry without a GUID"},
		{"meta empty", CheckMetaKey(""), `meta key "" is not allowed`},
		{"meta id", CheckMetaKey("id"), `meta key "id" is not allowed`},
		{"meta ok", CheckMetaKey("theme"), ""},
		{"limit", CheckPositiveLimit("due feeds", 0), "due feeds: limit 0 is not positive"},
		{"limit ok", CheckPositiveLimit("due feeds", 1), ""},
	} {
		var got string
		if tt.err != nil {
			got = storyline.ErrorMessage(tt.err)
		}
		if got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
		if tt.err != nil && storyline.ErrorCode(tt.err) != storyline.EINVALID {
			t.Errorf("%s: code %q, want EINVALID", tt.name, storyline.ErrorCode(tt.err))
		}
	}
}

func TestNotFound(t *testing.T) {
	for _, err := range []error{CommentNotFound(1), UserNotFound(1), FeedNotFound(1)} {
		if storyline.ErrorCode(err) != storyline.ENOTFOUND {
			t.Errorf("%v: code %q, want ENOTFOUND", err, storyline.ErrorCode(err))
		}
	}
}

func TestWrap(t *testing.T) {
	domain := storyline.Errorf(storyline.ENOTFOUND, "gone")
	plain := errors.New("disk")
	for _, tt := range []struct {
		err  error
		want string
	}{
		{nil, "<nil>"},
		{domain, domain.Error()},
		{fmt.Errorf("x: %w", domain), "x: " + domain.Error()},
		{plain, "db: save 7: disk"},
	} {
		got := fmt.Sprint(Wrap("db", tt.err, "save %d", 7))
		if got != tt.want {
			t.Errorf("Wrap(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
	if !errors.Is(Wrap("db", plain, "x"), plain) {
		t.Error("Wrap does not wrap")
	}
}

func TestLabels(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{FoldName("  ÅSA "), "åsa"},
		{HashtagLabel(" #CoastRoad"), "#coastroad"},
		{HashtagLabel("coastroad"), "#coastroad"},
		{HashtagLabel("# "), ""},
		{EntityLabel("", "Zoë"), ":zoë"},
		{EntityLabel("Person", " Zoë "), "person:zoë"},
		{EntityLabel("person", " "), ""},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	got := StoryLabels(
		[]storyline.Keyphrase{{Hashtag: "#A"}, {Hashtag: "a"}, {Hashtag: ""}},
		[]storyline.Entity{{Name: "Bo", Kind: "person"}, {Name: "bo", Kind: "place"}, {Name: ""}})
	want := []string{"#a", ":bo", "person:bo", "place:bo"}
	if !slices.Equal(got, want) {
		t.Errorf("StoryLabels = %q, want %q", got, want)
	}
	if l, err := EntityFilterLabel(storyline.Entity{Kind: "person"}); l != "" || storyline.ErrorMessage(err) != `entity filter (kind "person") has no name` {
		t.Errorf("EntityFilterLabel without a name = %q, %v", l, err)
	}
	if l, err := EntityFilterLabel(storyline.Entity{Name: "Bo"}); l != ":bo" || err != nil {
		t.Errorf("EntityFilterLabel = %q, %v", l, err)
	}
}

func TestSnippet(t *testing.T) {
	var b SnippetBuilder
	if b.Snippet() != nil {
		t.Error("empty builder has parts")
	}
	b.Add(Ellipsis, false)
	b.Add("a ", false)
	b.Add("", true)
	b.Add("x", true)
	b.Add("y", true)
	b.Add(" z", false)
	want := storyline.Snippet{{Text: "…a "}, {Text: "xy", Match: true}, {Text: " z"}}
	if got := b.Snippet(); !reflect.DeepEqual(got, want) {
		t.Errorf("Snippet = %+v, want %+v", got, want)
	}
	for in, want := range map[string]string{"a  b": "a b", "a\n\tb ": "a b ", "ab": "ab", "\n": " "} {
		if got := CollapseSpace(in); got != want {
			t.Errorf("CollapseSpace(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPickRelated(t *testing.T) {
	day := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	story := func(id int64, first, last time.Duration) *storyline.Story {
		return &storyline.Story{ID: id, FirstSeen: day.Add(first), LastUpdated: day.Add(last)}
	}
	const d = 24 * time.Hour
	base := story(1, 0, 2*d)
	stories := map[int64]*storyline.Story{
		1: base,
		2: story(2, d, 3*d),                                                   // overlapping
		3: story(3, 10*d, 11*d),                                               // 8 days after: near
		4: story(4, 2*d+RelatedNear+RelatedFade, 3*d+RelatedNear+RelatedFade), // a Fade beyond Near: half
		5: story(5, -20*d, -19*d),                                             // 19 days before: a little less
	}
	tests := []struct {
		name  string
		hits  []RelatedHit
		limit int
		want  []int64
	}{
		{"in order", []RelatedHit{{2, 0.5}, {3, 0.45}}, 5, []int64{2, 3}},
		{"below the floor", []RelatedHit{{2, MinRelatedScore / 2}}, 5, nil},
		{"below the cut", []RelatedHit{{2, 0.5}, {3, 0.5 * RelatedCut * 0.9}}, 5, []int64{2}},
		{"far in time: halved, and below the cut", []RelatedHit{{4, 0.6}, {2, 0.5}}, 5, []int64{2}},
		{"far in time but strong", []RelatedHit{{4, 1}, {2, 0.5}}, 5, []int64{4, 2}},
		{"a little far", []RelatedHit{{5, 0.5}, {3, 0.48}}, 5, []int64{3, 5}},
		{"the limit", []RelatedHit{{2, 0.5}, {3, 0.5}}, 1, []int64{2}},
		{"unread and itself left out", []RelatedHit{{9, 0.9}, {1, 0.9}, {3, 0.4}}, 5, []int64{3}},
		{"none", nil, 5, nil},
	}
	for _, tt := range tests {
		got := PickRelated(base, tt.hits, stories, tt.limit)
		if got == nil {
			t.Errorf("%s: nil list", tt.name)
		}
		var ids []int64
		for _, r := range got {
			ids = append(ids, r.Story.ID)
		}
		if !slices.Equal(ids, tt.want) {
			t.Errorf("%s: PickRelated = %v, want %v", tt.name, ids, tt.want)
		}
	}
	if got := PickRelated(base, []RelatedHit{{4, 0.6}}, stories, 5); len(got) != 1 || math.Abs(got[0].Score-0.3) > 1e-9 {
		t.Errorf("a story a Fade beyond Near scores %+v, want half of 0.6", got)
	}
	if got := RelatedIDs([]RelatedHit{{3, 0.9}, {2, 0.5}}); !slices.Equal(got, []int64{3, 2}) {
		t.Errorf("RelatedIDs = %v", got)
	}
}

func TestPreferCanonical(t *testing.T) {
	t0 := time.Unix(100, 0)
	for _, tt := range []struct {
		a, b CopyCandidate
		want bool
	}{
		{CopyCandidate{1, 10, t0}, CopyCandidate{2, 5, t0.Add(-1)}, true},  // published first, shorter
		{CopyCandidate{1, 5, t0.Add(-1)}, CopyCandidate{2, 10, t0}, false}, // published later, longer
		{CopyCandidate{1, 5, time.Time{}}, CopyCandidate{2, 10, t0}, true}, // a date unknown: more words
		{CopyCandidate{1, 10, t0}, CopyCandidate{2, 5, time.Time{}}, false},
		{CopyCandidate{1, 10, t0}, CopyCandidate{2, 11, t0}, true}, // ties: more words
		{CopyCandidate{1, 11, t0}, CopyCandidate{2, 10, t0}, false},
		{CopyCandidate{2, 10, t0}, CopyCandidate{1, 10, t0}, true}, // then the lower ID
		{CopyCandidate{1, 10, t0}, CopyCandidate{2, 10, t0}, false},
	} {
		if got := PreferCanonical(tt.a, tt.b); got != tt.want {
			t.Errorf("PreferCanonical(%v, %v) = %v", tt.a, tt.b, got)
		}
	}
	for _, tt := range []struct {
		a, b time.Time
		want bool
	}{{t0, t0.Add(1), true}, {t0.Add(1), t0, false}, {t0, t0, false}, {time.Time{}, t0, false}, {t0, time.Time{}, false}} {
		if got := PublishedBefore(tt.a, tt.b); got != tt.want {
			t.Errorf("PublishedBefore(%v, %v) = %v", tt.a, tt.b, got)
		}
	}
}

func TestRelatedLimit(t *testing.T) {
	for _, tt := range []struct{ in, want int }{{0, DefaultRelatedLimit}, {-3, DefaultRelatedLimit}, {5, 5}, {MaxRelatedLimit + 1, MaxRelatedLimit}} {
		if got := RelatedLimit(tt.in); got != tt.want {
			t.Errorf("RelatedLimit(%d) = %d, want %d", tt.in, got, tt.want)
		}
	}
}
