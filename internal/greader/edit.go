package greader

import (
	"fmt"
	"net/url"
	"slices"
	"time"
)

// Change is what an edit-tag does to one of an item's states.
type Change int8

// Changes. The zero value is Unchanged.
const (
	// Unchanged: the request leaves the state as it is.
	Unchanged Change = iota
	// Set: the request sets the state (marks read, stars).
	Set
	// Clear: the request clears it (marks unread, unstars).
	Clear
)

// EditTag is an edit-tag request: the states and labels to change on
// some items.
type EditTag struct {
	// Items are the i values, each once, in the order first given.
	Items []int64
	// Read is Set by a=…/read or r=…/kept-unread, Clear by r=…/read or
	// a=…/kept-unread (Google Reader's "keep unread"; FreshRSS's
	// …/unread counts as its opposite too).
	Read Change
	// Starred is Set by a=…/starred, Clear by r=…/starred.
	Starred Change
	// AddLabels and RemoveLabels are the label (folder) names of a= and r=
	// label streams, each once. FreshRSS files items under such labels;
	// Storyline has no per-item labels, so a handler ignores them or
	// refuses them.
	AddLabels    []string
	RemoveLabels []string
}

// ParseEditTag reads an edit-tag request: i (repeated, any form
// ParseItemID reads, at least one and at most MaxItemIDs), a and r
// (repeated stream IDs of states or labels; empty ones are skipped). It
// needs some a or r.
// Tags that change nothing here are taken and ignored:
// tracking-kept-unread (newsboat adds it when it marks an item unread),
// broadcast (its "share"), broadcast-friends and like. A request that
// contradicts itself (a=read with a=kept-unread or r=read, a and r of
// starred or of one label) is an error, but one that says one thing
// twice (newsboat's a=read with r=kept-unread) is not. Feeds and the
// reading list are not tags. A handler passes the merged form: apps
// send these in a POST's body, some the token or output in its query;
// the token T is the handler's to check.
func ParseEditTag(v url.Values) (EditTag, error) {
	items, err := itemIDParams(v)
	if err != nil {
		return EditTag{}, err
	}
	e := EditTag{Items: items}
	tags := 0
	var readBy, starredBy string // the parameter that set Read, Starred
	set := func(c *Change, by *string, to Change, param, value string) error {
		if *c != Unchanged && *c != to {
			return paramError(param, value, "contradicts "+*by)
		}
		*c, *by = to, param+"="+value
		return nil
	}
	for _, param := range []string{"a", "r"} {
		add := param == "a"
		for _, value := range v[param] {
			if value == "" {
				continue
			}
			tags++
			s, problem := parseStreamID(value)
			if problem != "" {
				return EditTag{}, paramError(param, value, problem)
			}
			switch {
			case s.Kind == StreamLabel:
				mine, other := &e.AddLabels, e.RemoveLabels
				if !add {
					mine, other = &e.RemoveLabels, e.AddLabels
				}
				if slices.Contains(other, s.Label) {
					return EditTag{}, paramError(param, value, "the label is both added and removed")
				}
				if !slices.Contains(*mine, s.Label) {
					*mine = append(*mine, s.Label)
				}
			case s.Kind != StreamState || s.State == StateReadingList:
				return EditTag{}, paramError(param, value, "not a tag: want a state (read, starred, kept-unread) or a label")
			case s.State == StateRead:
				err = set(&e.Read, &readBy, choose(add, Set, Clear), param, value)
			case s.State == StateKeptUnread || s.State == StateUnread:
				err = set(&e.Read, &readBy, choose(add, Clear, Set), param, value)
			case s.State == StateStarred:
				err = set(&e.Starred, &starredBy, choose(add, Set, Clear), param, value)
			}
			if err != nil {
				return EditTag{}, err
			}
		}
	}
	if tags == 0 {
		return EditTag{}, paramError("a", "", "missing: edit-tag needs a tag to add (a) or remove (r)")
	}
	return e, nil
}

// choose is a if cond, else b.
func choose(cond bool, a, b Change) Change {
	if cond {
		return a
	}
	return b
}

// MarkAllAsRead is a mark-all-as-read request.
type MarkAllAsRead struct {
	// Stream is s: a feed, a label (folder) or the reading list.
	Stream Stream
	// Before is ts: mark the items stored at or before it. It is never
	// after the time of the request.
	Before time.Time
}

// ParseMarkAllAsRead reads a mark-all-as-read request: s, a feed, a label
// or the reading list (which FreshRSS and Miniflux take; anything else
// is an error), and ts, the newest item's time the app showed. Apps send
// ts in microseconds (Google Reader's unit) or seconds, and some none at
// all (newsboat, Fluent Reader): missing or 0 is now. The unit is told as
// parseUnixTime says (Miniflux's rule, 16 digits or more being
// microseconds, agrees for every time from 2001). A ts after now is
// now.
func ParseMarkAllAsRead(v url.Values, now time.Time) (MarkAllAsRead, error) {
	sv := v.Get("s")
	if sv == "" {
		return MarkAllAsRead{}, paramError("s", "", "missing: name the feed, folder or reading list to mark read")
	}
	s, problem := parseStreamID(sv)
	if problem != "" {
		return MarkAllAsRead{}, paramError("s", sv, problem)
	}
	if s.Kind == StreamState && s.State != StateReadingList {
		return MarkAllAsRead{}, paramError("s", sv, "want a feed, a label or the reading list")
	}
	m := MarkAllAsRead{Stream: s, Before: now}
	if ts := v.Get("ts"); ts != "" {
		t, ok := parseUnixTime(ts)
		if !ok {
			return MarkAllAsRead{}, paramError("ts", ts, "not a time: want Unix microseconds or seconds")
		}
		if !t.IsZero() && t.Before(now) {
			m.Before = t
		}
	}
	return m, nil
}

// Login is a ClientLogin request.
type Login struct {
	Email  string // the user's name (apps call it Email)
	Passwd string // an app password
	// JSON is output=json: Read You asks for the answer in JSON.
	JSON bool
}

// ParseClientLogin reads a ClientLogin request, Email and Passwd (from a
// POST's body, or the query, as FreshRSS allows) and output. A missing
// name or password is an error; whether they sign in is the handler's to
// check, answering LoginFailed when they do not.
func ParseClientLogin(v url.Values) (Login, error) {
	l := Login{Email: v.Get("Email"), Passwd: v.Get("Passwd"), JSON: v.Get("output") == "json"}
	switch {
	case l.Email == "":
		return Login{}, paramError("Email", "", "missing: the user's name")
	case l.Passwd == "":
		return Login{}, paramError("Passwd", "", "missing: the app password")
	}
	return l, nil
}

// String describes the login without its password, for logs.
func (l Login) String() string { return fmt.Sprintf("ClientLogin %q", l.Email) }
