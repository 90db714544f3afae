package storeutil

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/storyline/storyline"
)

// What the stores keep of app passwords (storyline.AppPasswordStore).

// ValidateNewAppPassword checks what AddAppPassword requires of an app
// password: one is given, with a secret hash and a Fever hash, and a
// label that every store can keep (valid UTF-8 without NUL characters,
// which PostgreSQL refuses).
func ValidateNewAppPassword(p *storyline.AppPassword) error {
	switch {
	case p == nil:
		return storyline.Errorf(storyline.EINVALID, "no app password to add")
	case p.SecretHash == "" || p.FeverHash == "":
		return storyline.Errorf(storyline.EINVALID, "app password %q of user %d: empty secret or Fever hash", p.Label, p.UserID)
	case !utf8.ValidString(p.Label) || strings.ContainsRune(p.Label, 0):
		return storyline.Errorf(storyline.EINVALID, "app password of user %d: the label %q is not valid text", p.UserID, p.Label)
	}
	return nil
}

// AppPasswordTouchTime returns the time TouchAppPassword records for a
// use at at: at in UTC, to the microsecond as every store keeps times. The
// zero time and one outside TimeBounds are EINVALID.
func AppPasswordTouchTime(id int64, at time.Time) (time.Time, error) {
	if at.IsZero() || !InTimeRange(at) {
		return time.Time{}, storyline.Errorf(storyline.EINVALID, "touch app password %d: time %s is out of range", id, at)
	}
	return at.UTC().Truncate(time.Microsecond), nil
}

// AppPasswordNotFound is the ENOTFOUND error of an app password that is
// not user userID's (or is nobody's).
func AppPasswordNotFound(userID, id int64) error {
	return storyline.Errorf(storyline.ENOTFOUND, "app password %d of user %d not found", id, userID)
}

// NoAppPassword is the ENOTFOUND error of a lookup by hash that finds
// nothing; it names no hash.
func NoAppPassword() error {
	return storyline.Errorf(storyline.ENOTFOUND, "app password not found")
}
