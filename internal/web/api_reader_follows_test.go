package web

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/storyline/storyline"
)

func TestAPIFollowsAndMutes(t *testing.T) {
	e := newReaderEnv(t)
	tests := []struct {
		name   string
		authz  string
		method string
		path   string
		body   string
		status int
		want   string // in the error message, or the answer's body
	}{
		{"visitor follows", "", http.MethodGet, "/api/v1/follows", "", 401, "sign in"},
		{"visitor follow", "", http.MethodPost, "/api/v1/follows", `{"kind": "hashtag", "value": "x"}`, 401, "sign in"},
		{"visitor unfollow", "", http.MethodDelete, "/api/v1/follows/1", "", 401, "sign in"},
		{"visitor mutes", "", http.MethodGet, "/api/v1/mutes", "", 401, "sign in"},
		{"visitor mute", "", http.MethodPost, "/api/v1/mutes", `{"kind": "word", "value": "x"}`, 401, "sign in"},
		{"follow hashtag", e.member, http.MethodPost, "/api/v1/follows", `{"kind": "hashtag", "value": "#CupFinal"}`, 201, `"kind":"hashtag","value":"CupFinal","entity_kind":""`},
		{"follow again", e.member, http.MethodPost, "/api/v1/follows", `{"kind": "hashtag", "value": "cupfinal"}`, 409, "already follow"},
		{"another follows it", e.admin, http.MethodPost, "/api/v1/follows", `{"kind": "hashtag", "value": "CupFinal"}`, 201, `"value":"CupFinal"`},
		{"follow entity", e.member, http.MethodPost, "/api/v1/follows", `{"kind": "entity", "value": "Geneva", "entity_kind": "place"}`, 201, `"entity_kind":"place"`},
		{"follow outlet", e.member, http.MethodPost, "/api/v1/follows", `{"kind": "outlet", "value": "Example Wire"}`, 201, `"kind":"outlet"`},
		{"follow search", e.member, http.MethodPost, "/api/v1/follows", `{"kind": "search", "value": "river dam"}`, 201, `"kind":"search"`},
		{"follow: bad kind", e.member, http.MethodPost, "/api/v1/follows", `{"kind": "word", "value": "x"}`, 400, `field "kind"`},
		{"follow: no kind", e.member, http.MethodPost, "/api/v1/follows", `{"value": "x"}`, 400, `field "kind"`},
		{"follow: empty value", e.member, http.MethodPost, "/api/v1/follows", `{"kind": "hashtag", "value": " # "}`, 400, `field "value"`},
		{"follow: long value", e.member, http.MethodPost, "/api/v1/follows", jsonBody(map[string]string{"kind": "search", "value": strings.Repeat("x", 501)}), 400, `field "value"`},
		{"follow: entity kind on a hashtag", e.member, http.MethodPost, "/api/v1/follows", `{"kind": "hashtag", "value": "x", "entity_kind": "place"}`, 400, `field "entity_kind"`},
		{"follow: bad entity kind", e.member, http.MethodPost, "/api/v1/follows", `{"kind": "entity", "value": "x", "entity_kind": "planet"}`, 400, `field "entity_kind"`},
		{"follow: unknown field", e.member, http.MethodPost, "/api/v1/follows", `{"kind": "entity", "value": "x", "colour": "red"}`, 400, `"colour"`},
		{"follow: not JSON", e.member, http.MethodPost, "/api/v1/follows", `kind=hashtag`, 400, "malformed JSON"},
		{"mute word", e.member, http.MethodPost, "/api/v1/mutes", `{"kind": "word", "value": "dam"}`, 201, `"kind":"word","value":"dam"`},
		{"mute again", e.member, http.MethodPost, "/api/v1/mutes", `{"kind": "word", "value": "DAM"}`, 409, "already mute"},
		{"mute outlet", e.member, http.MethodPost, "/api/v1/mutes", `{"kind": "outlet", "value": "Nobody"}`, 201, `"kind":"outlet"`},
		{"mute: bad kind", e.member, http.MethodPost, "/api/v1/mutes", `{"kind": "hashtag", "value": "x"}`, 400, `field "kind"`},
		{"mute: empty value", e.member, http.MethodPost, "/api/v1/mutes", `{"kind": "word", "value": ""}`, 400, `field "value"`},
		{"mute: entity kind", e.member, http.MethodPost, "/api/v1/mutes", `{"kind": "word", "value": "x", "entity_kind": "place"}`, 400, `"entity_kind"`},
	}
	for _, tt := range tests {
		r := e.as(tt.authz, tt.method, tt.path, tt.body)
		got := r.body
		if r.status >= 400 {
			got = errMessage(r)
		}
		if r.status != tt.status || !strings.Contains(got, tt.want) {
			t.Errorf("%s: %s %s %s: %d %s, want %d with %s", tt.name, tt.method, tt.path, tt.body, r.status, got, tt.status, tt.want)
		}
	}

	// Each reader sees their own only.
	var follows struct {
		Follows []struct {
			ID                      int64
			Kind, Value, EntityKind string
		}
	}
	e.must(e.member, http.MethodGet, "/api/v1/follows", "", 200).decode(t, &follows)
	var kinds []string
	for _, f := range follows.Follows {
		kinds = append(kinds, f.Kind+" "+f.Value)
	}
	if want := []string{"hashtag CupFinal", "entity Geneva", "outlet Example Wire", "search river dam"}; !slices.Equal(kinds, want) {
		t.Errorf("member's follows %q, want %q", kinds, want)
	}
	var adminFollows struct{ Follows []struct{ ID int64 } }
	e.must(e.admin, http.MethodGet, "/api/v1/follows", "", 200).decode(t, &adminFollows)
	var mutes struct{ Mutes []struct{ ID int64 } }
	e.must(e.admin, http.MethodGet, "/api/v1/mutes", "", 200).decode(t, &mutes)
	if len(adminFollows.Follows) != 1 || len(mutes.Mutes) != 0 {
		t.Errorf("admin's follows %+v, mutes %+v", adminFollows, mutes)
	}

	// No one removes another's.
	e.must(e.member, http.MethodGet, "/api/v1/mutes", "", 200).decode(t, &mutes)
	memberFollow, memberMute := itoa(follows.Follows[0].ID), itoa(mutes.Mutes[0].ID)
	for _, path := range []string{"/api/v1/follows/" + memberFollow, "/api/v1/mutes/" + memberMute, "/api/v1/follows/999", "/api/v1/mutes/999"} {
		if r := e.as(e.admin, http.MethodDelete, path, ""); r.status != 404 || r.errCode() != storyline.ENOTFOUND {
			t.Errorf("admin DELETE %s: %d %s", path, r.status, r.body)
		}
	}
	e.must(e.member, http.MethodDelete, "/api/v1/follows/"+memberFollow, "", 204)
	e.must(e.member, http.MethodDelete, "/api/v1/mutes/"+memberMute, "", 204)
	e.must(e.member, http.MethodDelete, "/api/v1/mutes/"+memberMute, "", 404)
	e.must(e.member, http.MethodDelete, "/api/v1/follows/x", "", 400)
	e.must(e.member, http.MethodGet, "/api/v1/follows", "", 200).decode(t, &follows)
	e.must(e.member, http.MethodGet, "/api/v1/mutes", "", 200).decode(t, &mutes)
	if len(follows.Follows) != 3 || len(mutes.Mutes) != 1 {
		t.Errorf("after deleting: follows %+v mutes %+v", follows, mutes)
	}
}

func TestAPIMutesHideStories(t *testing.T) {
	e := newReaderEnv(t)
	for _, path := range []string{"/api/v1/stories", "/api/v1/stories/top"} {
		if got := e.storyIDs(e.member, path); !slices.Equal(got, []int64{e.story, e.other}) {
			t.Fatalf("%s before muting: %v", path, got)
		}
	}
	word := e.follow(e.member, "/api/v1/mutes", `{"kind": "word", "value": "dam"}`)
	// An outlet mute hides a story only when every outlet of it is muted.
	e.follow(e.member, "/api/v1/mutes", `{"kind": "outlet", "value": "Example Daily"}`)
	tests := []struct {
		path           string
		member, others []int64
	}{
		{"/api/v1/stories", []int64{e.other}, []int64{e.story, e.other}},
		{"/api/v1/stories?limit=1", []int64{}, []int64{e.story}},
		{"/api/v1/stories/top", []int64{e.other}, []int64{e.story, e.other}},
		{"/api/v1/stories/top?outlet=Example+Wire", []int64{}, []int64{e.story}},
	}
	for _, tt := range tests {
		if got := e.storyIDs(e.member, tt.path); !slices.Equal(got, tt.member) {
			t.Errorf("%s as the member: %v, want %v", tt.path, got, tt.member)
		}
		for _, who := range []string{e.admin, ""} {
			if got := e.storyIDs(who, tt.path); !slices.Equal(got, tt.others) {
				t.Errorf("%s as another: %v, want %v", tt.path, got, tt.others)
			}
		}
	}
	// A page emptied by mutes still leads on.
	var page struct {
		NextCursor string `json:"next_cursor"`
	}
	e.must(e.member, http.MethodGet, "/api/v1/stories?limit=1", "", 200).decode(t, &page)
	if got := e.storyIDs(e.member, "/api/v1/stories?limit=1&cursor="+page.NextCursor); page.NextCursor == "" || !slices.Equal(got, []int64{e.other}) {
		t.Errorf("next page after a muted story: cursor %q, %v", page.NextCursor, got)
	}
	// Unmuting shows them again at once.
	e.must(e.member, http.MethodDelete, "/api/v1/mutes/"+itoa(word), "", 204)
	if got := e.storyIDs(e.member, "/api/v1/stories/top"); !slices.Equal(got, []int64{e.story, e.other}) {
		t.Errorf("top after unmuting: %v", got)
	}
}

func TestAPIForYou(t *testing.T) {
	e := newReaderEnv(t)
	e.must("", http.MethodGet, "/api/v1/foryou", "", 401)
	e.must(e.member, http.MethodGet, "/api/v1/foryou?limit=0", "", 400)
	if got := e.storyIDs(e.member, "/api/v1/foryou"); len(got) != 0 {
		t.Errorf("for you, following nothing: %v", got)
	}
	tag := e.follow(e.member, "/api/v1/follows", `{"kind": "hashtag", "value": "CupFinal"}`)
	if got := e.storyIDs(e.member, "/api/v1/foryou"); !slices.Equal(got, []int64{e.other}) {
		t.Errorf("for you after following #CupFinal: %v", got)
	}
	if got := e.storyIDs(e.admin, "/api/v1/foryou"); len(got) != 0 {
		t.Errorf("another reader's for you: %v", got)
	}
	e.follow(e.member, "/api/v1/follows", `{"kind": "entity", "value": "geneva"}`)
	if got := e.storyIDs(e.member, "/api/v1/foryou"); !slices.Equal(got, []int64{e.story, e.other}) {
		t.Errorf("for you after following Geneva: %v", got)
	}
	e.must(e.member, http.MethodPut, "/api/v1/saved/story/1", "", 204)
	if got := e.stories(e.member, "/api/v1/foryou")[e.story].state(); got != "unread saved 0" {
		t.Errorf("for you story state: %s", got)
	}
	e.follow(e.member, "/api/v1/mutes", `{"kind": "word", "value": "dam"}`)
	e.must(e.member, http.MethodDelete, "/api/v1/follows/"+itoa(tag), "", 204)
	if got := e.storyIDs(e.member, "/api/v1/foryou"); len(got) != 0 {
		t.Errorf("for you after muting dam and unfollowing #CupFinal: %v", got)
	}
	r := e.must(e.member, http.MethodPost, "/api/v1/read", `{"view": "foryou"}`, 200)
	if !strings.Contains(r.body, `"marked":0`) {
		t.Errorf("marking an empty for you read: %s", r.body)
	}
}
