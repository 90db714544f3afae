package storeutil

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/storyline/storyline"
)

// What the stores keep of reading state (storyline.ReadingStore).

// Default and largest page sizes of SavedItems.
const (
	DefaultSavedLimit = 50  // SavedItems' page size for a limit of 0
	MaxSavedLimit     = 500 // SavedItems' largest page size
)

// MaxFollowValue is the longest value of a follow or a mute, in bytes.
const MaxFollowValue = 500

// ReadTime returns the time a read or save at is recorded with: at in
// UTC, to the microsecond as every store keeps times, or now for the zero
// time. A time outside TimeBounds is EINVALID, naming what.
func ReadTime(what string, at time.Time) (time.Time, error) {
	if at.IsZero() {
		at = time.Now()
	}
	if !InTimeRange(at) {
		return time.Time{}, storyline.Errorf(storyline.EINVALID, "%s: time %s is out of range", what, at)
	}
	return at.UTC().Truncate(time.Microsecond), nil
}

// CheckItemKind returns EINVALID, naming what, unless kind is an article
// or a story; list also allows "" (both kinds).
func CheckItemKind(what string, kind storyline.ItemKind, list bool) error {
	if kind.Valid() || list && kind == "" {
		return nil
	}
	return storyline.Errorf(storyline.EINVALID, "%s: unknown kind %q", what, kind)
}

// SaveTime checks what Save requires (a known kind, see CheckItemKind)
// and returns the time to record (see ReadTime).
func SaveTime(kind storyline.ItemKind, at time.Time) (time.Time, error) {
	if err := CheckItemKind("save", kind, false); err != nil {
		return time.Time{}, err
	}
	return ReadTime("save", at)
}

// SavedLimit checks SavedItems' limit and offset (see PageLimit) and
// returns the limit to use.
func SavedLimit(limit, offset int) (int, error) {
	return PageLimit(limit, offset, DefaultSavedLimit, MaxSavedLimit)
}

// ItemNotFound is the ENOTFOUND error of an unknown article or story.
func ItemNotFound(kind storyline.ItemKind, id int64) error {
	return storyline.Errorf(storyline.ENOTFOUND, "%s %d not found", kind, id)
}

// followValue returns value as a follow or mute of kind keeps it (trimmed;
// a hashtag without its "#") and its key, by which one user's follows or
// mutes of a kind are unique (folded as FoldName folds names). A value
// empty once trimmed, too long or with a NUL character or invalid UTF-8
// (which PostgreSQL cannot store) is EINVALID, naming it.
func followValue(what, kind, value string) (kept, key string, err error) {
	kept = strings.TrimSpace(value)
	if kind == string(storyline.FollowHashtag) {
		kept = strings.TrimSpace(strings.TrimPrefix(kept, "#"))
	}
	switch {
	case kept == "":
		return "", "", storyline.Errorf(storyline.EINVALID, "%s %s: value %q is empty", what, kind, value)
	case len(kept) > MaxFollowValue:
		return "", "", storyline.Errorf(storyline.EINVALID, "%s %s: value %.40q… is longer than %d bytes", what, kind, value, MaxFollowValue)
	case strings.ContainsRune(kept, 0) || !utf8.ValidString(kept):
		return "", "", storyline.Errorf(storyline.EINVALID, "%s %s: value %q holds a NUL character or invalid UTF-8", what, kind, value)
	}
	return kept, FoldName(kept), nil
}

// PrepareFollow checks what AddFollow requires of a follow (one is
// given, of a known kind, with a value; an entity kind only on an entity
// follow, and a known one), sets f.Value to the value kept (trimmed, a
// hashtag without "#") and returns its key (see followValue). Its
// EINVALID errors name the input.
func PrepareFollow(f *storyline.Follow) (key string, err error) {
	if f == nil {
		return "", storyline.Errorf(storyline.EINVALID, "no follow to add")
	}
	switch f.Kind {
	case storyline.FollowHashtag, storyline.FollowEntity, storyline.FollowOutlet, storyline.FollowSearch:
	default:
		return "", storyline.Errorf(storyline.EINVALID, "follow %q: unknown kind %q", f.Value, f.Kind)
	}
	switch f.EntityKind {
	case "":
	case storyline.EntityPerson, storyline.EntityPlace, storyline.EntityOrganization:
		if f.Kind != storyline.FollowEntity {
			return "", storyline.Errorf(storyline.EINVALID, "follow %s %q: entity kind %q on a follow of no entity", f.Kind, f.Value, f.EntityKind)
		}
	default:
		return "", storyline.Errorf(storyline.EINVALID, "follow %s %q: unknown entity kind %q", f.Kind, f.Value, f.EntityKind)
	}
	kept, key, err := followValue("follow", string(f.Kind), f.Value)
	if err != nil {
		return "", err
	}
	f.Value = kept
	return key, nil
}

// PrepareMute checks what AddMute requires of a mute (one is given, of a
// known kind, with a value), sets m.Value to the value kept (trimmed)
// and returns its key (see followValue). Its EINVALID errors name the
// input.
func PrepareMute(m *storyline.Mute) (key string, err error) {
	if m == nil {
		return "", storyline.Errorf(storyline.EINVALID, "no mute to add")
	}
	if m.Kind != storyline.MuteOutlet && m.Kind != storyline.MuteWord {
		return "", storyline.Errorf(storyline.EINVALID, "mute %q: unknown kind %q", m.Value, m.Kind)
	}
	kept, key, err := followValue("mute", string(m.Kind), m.Value)
	if err != nil {
		return "", err
	}
	m.Value = kept
	return key, nil
}

// FollowTaken is the ECONFLICT error of following one thing twice.
func FollowTaken(f *storyline.Follow) error {
	return storyline.Errorf(storyline.ECONFLICT, "user %d already follows %s %q", f.UserID, f.Kind, f.Value)
}

// MuteTaken is the ECONFLICT error of muting one thing twice.
func MuteTaken(m *storyline.Mute) error {
	return storyline.Errorf(storyline.ECONFLICT, "user %d already mutes %s %q", m.UserID, m.Kind, m.Value)
}

// FollowNotFound is the ENOTFOUND error of an unknown follow, or one of
// another user.
func FollowNotFound(userID, id int64) error {
	return storyline.Errorf(storyline.ENOTFOUND, "follow %d of user %d not found", id, userID)
}

// MuteNotFound is the ENOTFOUND error of an unknown mute, or one of
// another user.
func MuteNotFound(userID, id int64) error {
	return storyline.Errorf(storyline.ENOTFOUND, "mute %d of user %d not found", id, userID)
}

// FeedTokenTaken is the ECONFLICT error of a feed token hash another
// user has.
func FeedTokenTaken(userID int64) error {
	return storyline.Errorf(storyline.ECONFLICT, "feed token of user %d: token hash already in use", userID)
}

// FeedTokenNotFound is the ENOTFOUND error of a feed token no user has.
func FeedTokenNotFound() error {
	return storyline.Errorf(storyline.ENOTFOUND, "feed token not found")
}
