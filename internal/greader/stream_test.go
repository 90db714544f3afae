package greader

import (
	"strings"
	"testing"
)

func TestParseStreamID(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    Stream
		problem string // in the error; "" for none
	}{
		{in: "feed/42", want: FeedStream(42)},
		{in: "feed/https://example.com/rss?x=1", want: Stream{Kind: StreamFeed, FeedURL: "https://example.com/rss?x=1"}},
		{in: "feed/example.com", want: Stream{Kind: StreamFeed, FeedURL: "example.com"}},
		{in: "user/-/label/Tech", want: LabelStream("Tech")},
		{in: "user/-/label/World/Europe", want: LabelStream("World/Europe")},
		{in: "user/1/label/Tech", want: Stream{Kind: StreamLabel, Label: "Tech", User: "1"}},
		{in: "user/-/state/com.google/reading-list", want: StateStream(StateReadingList)},
		{in: "user/-/state/com.google/read", want: StateStream(StateRead)},
		{in: "user/-/state/com.google/unread", want: StateStream(StateUnread)},
		{in: "user/-/state/com.google/starred", want: StateStream(StateStarred)},
		{in: "user/-/state/com.google/kept-unread", want: StateStream(StateKeptUnread)},
		{in: "user/-/state/com.google/tracking-kept-unread", want: StateStream(StateTrackingKeptUnread)},
		{in: "user/-/state/com.google/broadcast", want: StateStream(StateBroadcast)},
		{in: "user/-/state/com.google/broadcast-friends", want: StateStream(StateBroadcastFriends)},
		{in: "user/-/state/com.google/like", want: StateStream(StateLike)},
		{in: "user/01234567890123456789/state/com.google/starred", want: Stream{Kind: StreamState, State: StateStarred, User: "01234567890123456789"}},
		{in: "", problem: "empty"},
		{in: "feed/", problem: "no feed"},
		{in: "feed/0", problem: "not a feed ID"},
		{in: "feed/007", problem: "not a feed ID"},
		{in: "feed/99999999999999999999", problem: "not a feed ID"},
		{in: "user/-/label/", problem: "empty label"},
		{in: "user/-/state/com.google/fresh", problem: `unknown state "fresh"`},
		{in: "user/-/state/com.google/", problem: `unknown state ""`},
		{in: "user/-/state/com.google/read/x", problem: "unknown state"},
		{in: "user/-/state/com.blogger/blogger-following", problem: "want user/-/label/"},
		{in: "user//label/Tech", problem: "want user/-/label/"},
		{in: "user/-", problem: "want user/-/label/"},
		{in: "reading-list", problem: "unknown stream"},
		{in: "pop/topic/top/language/en", problem: "unknown stream"},
	} {
		got, err := ParseStreamID(tc.in)
		switch {
		case tc.problem == "" && err != nil:
			t.Errorf("ParseStreamID(%q): %v", tc.in, err)
		case tc.problem == "" && got != tc.want:
			t.Errorf("ParseStreamID(%q) = %+v, want %+v", tc.in, got, tc.want)
		case tc.problem != "" && err == nil:
			t.Errorf("ParseStreamID(%q) = %+v, want an error with %q", tc.in, got, tc.problem)
		case tc.problem != "" && (!strings.Contains(err.Error(), tc.problem) || !strings.Contains(err.Error(), `"`+tc.in+`"`)):
			t.Errorf("ParseStreamID(%q): %v, want the input and %q", tc.in, err, tc.problem)
		}
	}
}

func TestStreamString(t *testing.T) {
	for _, tc := range []struct {
		s    Stream
		want string
	}{
		{FeedStream(42), "feed/42"},
		{Stream{Kind: StreamFeed, FeedURL: "https://example.com/rss"}, "feed/https://example.com/rss"},
		{LabelStream("World/Europe"), "user/-/label/World/Europe"},
		{Stream{Kind: StreamLabel, Label: "Tech", User: "7"}, "user/-/label/Tech"},
		{StateStream(StateReadingList), ReadingListID},
		{StateStream(StateRead), ReadID},
		{StateStream(StateStarred), StarredID},
		{Stream{}, ""},
	} {
		if got := tc.s.String(); got != tc.want {
			t.Errorf("%+v.String() = %q, want %q", tc.s, got, tc.want)
		}
		if tc.want == "" {
			continue
		}
		back, err := ParseStreamID(tc.want)
		if err != nil {
			t.Errorf("ParseStreamID(%q): %v", tc.want, err)
		} else if back.String() != tc.want {
			t.Errorf("ParseStreamID(%q).String() = %q", tc.want, back.String())
		}
	}
}

func TestParseStreamPath(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    Stream
		problem string
	}{
		{in: "", want: StateStream(StateReadingList)},
		{in: "/", want: StateStream(StateReadingList)},
		{in: "/reading-list", want: StateStream(StateReadingList)},
		{in: "/feed%2F42", want: FeedStream(42)}, // newsboat's
		{in: "/feed/42", want: FeedStream(42)},
		{in: "/user/-/state/com.google/starred", want: StateStream(StateStarred)},
		{in: "/user%2F-%2Flabel%2FTech%20News", want: LabelStream("Tech News")},
		{in: "/feed%2Fhttps%3A%2F%2Fexample.com%2Frss", want: Stream{Kind: StreamFeed, FeedURL: "https://example.com/rss"}},
		{in: "/feed%2", problem: "bad escape"},
		{in: "/starred", problem: "unknown stream"},
		{in: "/user%2F-%2Fstate%2Fcom.google%2Fnope", problem: "unknown state"},
	} {
		got, err := ParseStreamPath(tc.in)
		switch {
		case tc.problem == "" && err != nil:
			t.Errorf("ParseStreamPath(%q): %v", tc.in, err)
		case tc.problem == "" && got != tc.want:
			t.Errorf("ParseStreamPath(%q) = %+v, want %+v", tc.in, got, tc.want)
		case tc.problem != "" && (err == nil || !strings.Contains(err.Error(), tc.problem)):
			t.Errorf("ParseStreamPath(%q) = %+v, %v; want an error with %q", tc.in, got, err, tc.problem)
		}
	}
}
