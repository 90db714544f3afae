package storyline

import (
	"context"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// AppPassword lets a feed-reading app (NetNewsWire, Reeder, Read You,
// newsboat…) sign in to the Google Reader and Fever APIs as a user,
// never with the user's own password. Each app gets its own, which the
// user revokes alone. As with API tokens, only hashes are stored: the
// password is shown once, when it is made.
type AppPassword struct {
	ID     int64
	UserID int64
	// Label is what the user calls it, e.g. "NetNewsWire on the phone".
	Label string
	// SecretHash is auth.HashToken of the password, under which a Google
	// Reader API sign-in (the user's name and the app password) finds it.
	SecretHash string
	// FeverHash is the stored form of the key a Fever client sends:
	// auth.FeverKeyHash of the lower-case hex MD5 of the user's name (as
	// stored, exactly) + ":" + the password, which the client computes
	// from what the user typed. A Fever request finds the app password
	// by it.
	FeverHash string
	// StoriesAsItems is the option "one item per story": the app sees
	// each story as one item rather than each of its articles.
	StoriesAsItems bool
	CreatedAt      time.Time
	// LastUsedAt is when an app last signed in with it; zero if never.
	// It is kept to about AppPasswordTouchEvery.
	LastUsedAt time.Time
}

// MaxAppPasswordLabel is the longest label of an app password, in
// characters.
const MaxAppPasswordLabel = 60

// CleanAppPasswordLabel returns label as an app password keeps it: with
// surrounding space trimmed. It may be empty; one longer than
// MaxAppPasswordLabel characters, not UTF-8 or holding control characters
// is EINVALID.
func CleanAppPasswordLabel(label string) (string, error) {
	label = strings.TrimSpace(label)
	if !utf8.ValidString(label) || strings.ContainsFunc(label, unicode.IsControl) {
		return "", Errorf(EINVALID, "app password label: letters, digits, spaces and punctuation only, please")
	}
	if utf8.RuneCountInString(label) > MaxAppPasswordLabel {
		return "", Errorf(EINVALID, "app password label: at most %d characters, please, such as \"Reeder on my phone\"", MaxAppPasswordLabel)
	}
	return label, nil
}

// AppPasswordTouchEvery is how often, at most, an app password's
// LastUsedAt is brought up to date: an app that polls every few seconds
// costs a write a minute, not one a request.
const AppPasswordTouchEvery = time.Minute

// TouchDue reports whether a use of p at time at should be recorded with
// TouchAppPassword: it has never been used, or was last used
// AppPasswordTouchEvery or longer before at.
func (p *AppPassword) TouchDue(at time.Time) bool {
	return p.LastUsedAt.IsZero() || !at.Before(p.LastUsedAt.Add(AppPasswordTouchEvery))
}

// AppPasswordStore stores the users' app passwords. It checks neither
// secrets nor accounts: the APIs' sign-in must refuse the app passwords
// of a disabled account (User.Disabled) as it refuses its API tokens,
// without deleting them, so that enabling the account again brings them
// back. A new password (UserStore.SetPassword) revokes all of the user's
// app passwords, and deleting the user deletes them.
type AppPasswordStore interface {
	// AddAppPassword stores p and sets p.ID and p.CreatedAt. An empty
	// secret or Fever hash is EINVALID; an unknown user is ENOTFOUND; a
	// hash already stored is ECONFLICT.
	AddAppPassword(ctx context.Context, p *AppPassword) error
	// AppPasswords lists a user's app passwords, newest first.
	AppPasswords(ctx context.Context, userID int64) ([]*AppPassword, error)
	// AppPasswordBySecret returns the app password with the secret hash,
	// or ENOTFOUND.
	AppPasswordBySecret(ctx context.Context, secretHash string) (*AppPassword, error)
	// AppPasswordByFeverKey returns the app password with the Fever hash,
	// or ENOTFOUND.
	AppPasswordByFeverKey(ctx context.Context, feverHash string) (*AppPassword, error)
	// TouchAppPassword records that app password id was used at at. It
	// keeps the latest time: an earlier one than the stored changes
	// nothing. Touching one that no longer exists (revoked while the
	// request ran) is not an error. Callers skip it unless TouchDue.
	TouchAppPassword(ctx context.Context, id int64, at time.Time) error
	// DeleteAppPassword revokes app password id of user userID; one that
	// does not exist or belongs to someone else is ENOTFOUND.
	DeleteAppPassword(ctx context.Context, userID, id int64) error
	// DeleteAppPasswords revokes every app password of user userID and
	// returns how many there were.
	DeleteAppPasswords(ctx context.Context, userID int64) (int, error)
}
