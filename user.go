package storyline

import (
	"context"
	"time"
)

// Role is what a user may do.
type Role string

// Roles.
const (
	// RoleAdmin manages feeds, users and settings, and moderates comments.
	RoleAdmin Role = "admin"
	// RoleMember reads and comments.
	RoleMember Role = "member"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == RoleAdmin || r == RoleMember }

// User is an account of the reader.
type User struct {
	ID           int64
	Name         string // unique, case-insensitive
	PasswordHash string // an encoded password hash; never the password
	Role         Role
	// Disabled accounts cannot sign in, and their sessions and API tokens
	// are refused; an administrator enables them again.
	Disabled  bool
	CreatedAt time.Time
}

// IsAdmin reports whether u is an administrator.
func (u *User) IsAdmin() bool { return u != nil && u.Role == RoleAdmin }

// Session is a signed-in browser. The store keeps only a hash of the
// session's secret token, so a copy of the database cannot be used to sign
// in.
type Session struct {
	TokenHash string
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

// APIToken lets a program use the JSON API as a user. As with sessions,
// only a hash of the secret is stored.
type APIToken struct {
	ID        int64
	UserID    int64
	Name      string // what the user calls it, e.g. "phone"
	TokenHash string
	CreatedAt time.Time
}

// UserStore stores accounts, their sessions and their API tokens.
type UserStore interface {
	// AddUser stores u and sets u.ID and u.CreatedAt. A name already taken
	// (ignoring case) is ECONFLICT; an empty name or an unknown role is
	// EINVALID.
	AddUser(ctx context.Context, u *User) error
	// AddFirstUser stores u like AddUser, but only when there are no users
	// yet, atomically; otherwise it is ECONFLICT. First-run setup uses it.
	AddFirstUser(ctx context.Context, u *User) error
	// User returns a user by ID, or ENOTFOUND.
	User(ctx context.Context, id int64) (*User, error)
	// UserByName returns a user by name (ignoring case), or ENOTFOUND.
	UserByName(ctx context.Context, name string) (*User, error)
	// Users lists every user by name.
	Users(ctx context.Context) ([]*User, error)
	// CountUsers returns how many users there are.
	CountUsers(ctx context.Context) (int, error)
	// SetPassword replaces a user's password hash, ends all of the user's
	// sessions and revokes all of the user's API tokens, app passwords and
	// feed token (a password
	// changed because it leaked leaves nothing signed in), or returns
	// ENOTFOUND.
	SetPassword(ctx context.Context, userID int64, hash string) error
	// SetRole changes a user's role, or returns ENOTFOUND; an unknown role
	// is EINVALID, and demoting the last active administrator ECONFLICT.
	SetRole(ctx context.Context, userID int64, role Role) error
	// SetDisabled disables or enables a user, or returns ENOTFOUND.
	// Disabling ends the user's sessions; its API tokens are kept but
	// refused while it is disabled. Disabling the last active
	// administrator is ECONFLICT.
	SetDisabled(ctx context.Context, userID int64, disabled bool) error
	// DeleteUser removes a user with its sessions and API tokens, or
	// returns ENOTFOUND; its comments stay, without an author. Deleting
	// the last active administrator is ECONFLICT.
	DeleteUser(ctx context.Context, userID int64) error

	// AddSession stores a new session.
	AddSession(ctx context.Context, s *Session) error
	// Session returns the session with the token hash, or ENOTFOUND when
	// there is none or it expired at or before now.
	Session(ctx context.Context, tokenHash string, now time.Time) (*Session, error)
	// DeleteSession ends a session; ending an unknown one is not an error.
	DeleteSession(ctx context.Context, tokenHash string) error
	// DeleteExpiredSessions removes the sessions expired at or before now
	// and returns how many.
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error)

	// AddToken stores a new API token and sets t.ID and t.CreatedAt.
	AddToken(ctx context.Context, t *APIToken) error
	// TokenByHash returns the token with the hash, or ENOTFOUND.
	TokenByHash(ctx context.Context, hash string) (*APIToken, error)
	// Tokens lists a user's tokens, newest first.
	Tokens(ctx context.Context, userID int64) ([]*APIToken, error)
	// DeleteToken removes token id of user userID; a token that does not
	// exist or belongs to someone else is ENOTFOUND.
	DeleteToken(ctx context.Context, userID, id int64) error
	// DeleteTokens removes every token of user userID and returns how
	// many there were.
	DeleteTokens(ctx context.Context, userID int64) (int, error)
}
