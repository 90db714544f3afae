package api

import (
	"time"

	"github.com/storyline/storyline"
)

// SetReaderState sets what the signed-in reader has of the story: read
// (as it is now, no new reports), saved, and how many of its reports
// arrived since they last opened it (0 when never opened: it is unread).
func (s *Story) SetReaderState(read, saved bool, newReports int) {
	s.Read, s.Saved, s.NewReports = &read, &saved, &newReports
}

// SetReaderState sets whether the signed-in reader has read and saved
// the article.
func (a *Article) SetReaderState(read, saved bool) {
	a.Read, a.Saved = &read, &saved
}

// SavedItem is one item a reader saved, with the article or the story
// (one of them, by Kind).
type SavedItem struct {
	Kind    string    `json:"kind"`
	ID      int64     `json:"id"`
	SavedAt time.Time `json:"saved_at"`
	Article *Article  `json:"article,omitempty"`
	Story   *Story    `json:"story,omitempty"`
}

// SavedPage is a page of a reader's saved items, most recently saved
// first.
type SavedPage struct {
	Items      []SavedItem `json:"items"`
	NextCursor string      `json:"next_cursor,omitempty"`
}

// Follow is one thing a reader follows.
type Follow struct {
	ID    int64  `json:"id"`
	Kind  string `json:"kind"`
	Value string `json:"value"`
	// EntityKind narrows an entity follow to one kind ("person", "place",
	// "organization"); "" for any, and for other follows.
	EntityKind string    `json:"entity_kind"`
	CreatedAt  time.Time `json:"created_at"`
}

// NewFollow converts a domain follow.
func NewFollow(f *storyline.Follow) Follow {
	return Follow{ID: f.ID, Kind: string(f.Kind), Value: f.Value, EntityKind: string(f.EntityKind), CreatedAt: f.CreatedAt}
}

// FollowList is every follow of a reader, oldest first.
type FollowList struct {
	Follows []Follow `json:"follows"`
}

// NewFollowList converts a reader's follows; never a nil list.
func NewFollowList(list []*storyline.Follow) FollowList {
	out := FollowList{Follows: make([]Follow, len(list))}
	for i, f := range list {
		out.Follows[i] = NewFollow(f)
	}
	return out
}

// Mute is one thing a reader does not want to see in their lists.
type Mute struct {
	ID        int64     `json:"id"`
	Kind      string    `json:"kind"`
	Value     string    `json:"value"`
	CreatedAt time.Time `json:"created_at"`
}

// NewMute converts a domain mute.
func NewMute(m *storyline.Mute) Mute {
	return Mute{ID: m.ID, Kind: string(m.Kind), Value: m.Value, CreatedAt: m.CreatedAt}
}

// MuteList is every mute of a reader, oldest first.
type MuteList struct {
	Mutes []Mute `json:"mutes"`
}

// NewMuteList converts a reader's mutes; never a nil list.
func NewMuteList(list []*storyline.Mute) MuteList {
	out := MuteList{Mutes: make([]Mute, len(list))}
	for i, m := range list {
		out.Mutes[i] = NewMute(m)
	}
	return out
}

// Marked answers marking a view read: how many stories were marked.
type Marked struct {
	Marked int `json:"marked"`
}
