package greader

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// The stream ID prefixes. Responses always write the user as "-" (the
// signed-in user): newsboat compares an item's categories with
// "user/-/state/com.google/read" exactly, so Miniflux's
// "user/<id>/state/…" leaves every item unread there.
const (
	feedPrefix  = "feed/"
	userPrefix  = "user/"
	labelPrefix = "user/-/label/"
	statePrefix = "user/-/state/com.google/"
)

// The stream IDs responses use most, in the form they write them.
const (
	ReadingListID = statePrefix + string(StateReadingList)
	ReadID        = statePrefix + string(StateRead)
	StarredID     = statePrefix + string(StateStarred)
)

// StreamKind says which of the three forms a stream ID has.
type StreamKind int8

// Stream kinds. The zero value is StreamNone, the zero Stream's.
const (
	// StreamNone: no stream.
	StreamNone StreamKind = iota
	// StreamFeed: "feed/<feed ID>", or "feed/<URL>" where an app names a
	// feed it subscribes to.
	StreamFeed
	// StreamLabel: "user/-/label/<name>", a folder.
	StreamLabel
	// StreamState: "user/-/state/com.google/<state>", the reading list or
	// a reading state.
	StreamState
)

// State is the last part of a state stream ID, "user/-/state/com.google/<state>".
type State string

// The states apps send. Others ("fresh", "created", "tracking-emailed", …)
// are errors.
const (
	// StateReadingList: every item of every subscription.
	StateReadingList State = "reading-list"
	// StateRead: items read.
	StateRead State = "read"
	// StateUnread: items not read; FreshRSS's, for it= and xt=.
	StateUnread State = "unread"
	// StateStarred: items starred (Storyline's saved).
	StateStarred State = "starred"
	// StateKeptUnread: items marked unread by hand; adding it marks an
	// item unread, removing it marks it read.
	StateKeptUnread State = "kept-unread"
	// StateTrackingKeptUnread: Google's record that an item was kept
	// unread; newsboat adds it with kept-unread. It changes nothing.
	StateTrackingKeptUnread State = "tracking-kept-unread"
	// StateBroadcast: items shared; newsboat's "share" flag. It changes
	// nothing here.
	StateBroadcast State = "broadcast"
	// StateBroadcastFriends: items friends shared. It changes nothing.
	StateBroadcastFriends State = "broadcast-friends"
	// StateLike: items liked. It changes nothing.
	StateLike State = "like"
)

// knownState reports whether s is one of the states above.
func knownState(s State) bool {
	switch s {
	case StateReadingList, StateRead, StateUnread, StateStarred, StateKeptUnread,
		StateTrackingKeptUnread, StateBroadcast, StateBroadcastFriends, StateLike:
		return true
	}
	return false
}

// Stream is a parsed stream ID: a feed, a label (folder) or a state. Only
// the fields of its Kind are set.
type Stream struct {
	Kind StreamKind
	// FeedID is a feed stream's feed ID, or 0 when the app named the feed
	// by its URL.
	FeedID int64
	// FeedURL is the URL of a feed stream that named one instead of an
	// ID ("feed/https://example.com/rss", as subscription/edit's
	// ac=subscribe does).
	FeedURL string
	// Label is a label stream's name.
	Label string
	// State is a state stream's state.
	State State
	// User is the user part of a label or state stream as the app sent
	// it: "-" (the signed-in user), or an ID or name that a handler may
	// check is the signed-in user's. String always writes "-".
	User string
}

// FeedStream is the stream of feed id, "feed/<id>". Storyline names its
// feeds by ID, as FreshRSS and Miniflux do; apps take the stream ID as
// it comes from subscription/list and read the feed's URL from its url
// field.
func FeedStream(id int64) Stream { return Stream{Kind: StreamFeed, FeedID: id} }

// LabelStream is the stream of folder name, "user/-/label/<name>".
func LabelStream(name string) Stream { return Stream{Kind: StreamLabel, Label: name, User: "-"} }

// StateStream is the stream of state s, "user/-/state/com.google/<s>".
func StateStream(s State) Stream { return Stream{Kind: StreamState, State: s, User: "-"} }

// Is reports whether s is the stream of state st.
func (s Stream) Is(st State) bool { return s.Kind == StreamState && s.State == st }

// String is the stream ID, with "-" for the user; "" for the zero Stream.
func (s Stream) String() string {
	switch s.Kind {
	case StreamFeed:
		if s.FeedID != 0 {
			return feedPrefix + strconv.FormatInt(s.FeedID, 10)
		}
		return feedPrefix + s.FeedURL
	case StreamLabel:
		return labelPrefix + s.Label
	case StreamState:
		return statePrefix + string(s.State)
	}
	return ""
}

// ParseStreamID reads a stream ID:
//   - "feed/42", a feed by ID (digits, positive, no leading zero);
//   - "feed/<anything else>", a feed by URL, taken as it is;
//   - "user/<user>/label/<name>", a label; the name may hold slashes;
//   - "user/<user>/state/com.google/<state>", one of the States.
//
// <user> is "-" or, as Google Reader wrote it, the user's ID; any
// segment is accepted and kept in Stream.User. An unknown state, an
// empty label or feed, or any other form is an error naming the ID.
func ParseStreamID(s string) (Stream, error) {
	st, problem := parseStreamID(s)
	if problem != "" {
		return Stream{}, fmt.Errorf("greader: stream ID %q: %s", s, problem)
	}
	return st, nil
}

// parseStreamID is ParseStreamID, with the problem (without the input)
// in place of an error.
func parseStreamID(s string) (Stream, string) {
	switch {
	case s == "":
		return Stream{}, "empty"
	case strings.HasPrefix(s, feedPrefix):
		rest := s[len(feedPrefix):]
		if rest == "" {
			return Stream{}, "no feed after feed/"
		}
		if strings.Trim(rest, "0123456789") != "" {
			return Stream{Kind: StreamFeed, FeedURL: rest}, ""
		}
		id, err := strconv.ParseInt(rest, 10, 64)
		if err != nil || id <= 0 || rest[0] == '0' {
			return Stream{}, "not a feed ID: want a positive number without leading zeros"
		}
		return FeedStream(id), ""
	case strings.HasPrefix(s, userPrefix):
		user, rest, ok := strings.Cut(s[len(userPrefix):], "/")
		if !ok || user == "" {
			return Stream{}, "want user/-/label/<name> or user/-/state/com.google/<state>"
		}
		if name, ok := strings.CutPrefix(rest, "label/"); ok {
			if name == "" {
				return Stream{}, "empty label"
			}
			return Stream{Kind: StreamLabel, Label: name, User: user}, ""
		}
		if state, ok := strings.CutPrefix(rest, "state/com.google/"); ok {
			if !knownState(State(state)) {
				return Stream{}, fmt.Sprintf("unknown state %q", state)
			}
			return Stream{Kind: StreamState, State: State(state), User: user}, ""
		}
		return Stream{}, "want user/-/label/<name> or user/-/state/com.google/<state>"
	}
	return Stream{}, "unknown stream: want feed/<ID>, user/-/label/<name> or user/-/state/com.google/<state>"
}

// ParseStreamPath reads the stream of a stream/contents request named in
// its path, as newsboat and older apps do: escaped is the request's
// escaped path after "/reader/api/0/stream/contents" (URL.EscapedPath,
// so that an escaped slash in a feed URL stays one). newsboat escapes the
// whole stream ID ("/feed%2F42"); others write it plainly
// ("/user/-/state/com.google/reading-list"). Nothing, "/" and
// "/reading-list" (FreshRSS's own example) are the reading list. Other
// paths are parsed as ParseStreamID does once unescaped.
func ParseStreamPath(escaped string) (Stream, error) {
	p := strings.TrimPrefix(escaped, "/")
	if p == "" || p == string(StateReadingList) {
		return StateStream(StateReadingList), nil
	}
	id, err := url.PathUnescape(p)
	if err != nil {
		return Stream{}, fmt.Errorf("greader: stream path %q: bad escape", escaped)
	}
	return ParseStreamID(id)
}
