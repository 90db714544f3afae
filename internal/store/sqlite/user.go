package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// Users are compared by name_key, the name folded by storeutil.FoldName, so that
// names that differ only in case (in any script) are one name.

// userColumns selects a user from "users u"; scanUser reads them.
const userColumns = `u.id, u.name, u.password_hash, u.role, u.disabled, u.created_at`

// scanUser reads the columns of userColumns.
func scanUser(row scanner) (*storyline.User, error) {
	var u storyline.User
	var role string
	var created sql.NullInt64
	if err := row.Scan(&u.ID, &u.Name, &u.PasswordHash, &role, &u.Disabled, &created); err != nil {
		return nil, err
	}
	u.Role = storyline.Role(role)
	u.CreatedAt = timeOf(created)
	return &u, nil
}

// AddUser stores u and sets u.ID and u.CreatedAt. A name already taken
// (ignoring case) is ECONFLICT; an empty name or an unknown role is
// EINVALID.
func (db *DB) AddUser(ctx context.Context, u *storyline.User) error {
	return db.addUser(ctx, u, false)
}

// AddFirstUser stores u like AddUser, but only when there are no users
// yet, checked in the same transaction; otherwise it is ECONFLICT.
func (db *DB) AddFirstUser(ctx context.Context, u *storyline.User) error {
	return db.addUser(ctx, u, true)
}

// addUser stores u; first: only when there are no users.
func (db *DB) addUser(ctx context.Context, u *storyline.User, first bool) error {
	if err := storeutil.ValidateNewUser(u); err != nil {
		return err
	}
	now := time.Now().UnixNano()
	var id int64
	err := db.writeTx(ctx, func(t *txn) error {
		if first {
			var taken bool
			if err := t.queryRow(`SELECT EXISTS (SELECT 1 FROM users)`).Scan(&taken); err != nil {
				return err
			}
			if taken {
				return storyline.Errorf(storyline.ECONFLICT, "user %q cannot be the first user: there are users already", u.Name)
			}
		}
		var err error
		id, err = t.insertID(storyline.Errorf(storyline.ECONFLICT, "user name %q is taken", u.Name),
			`INSERT INTO users (name, name_key, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?)`,
			u.Name, storeutil.FoldName(u.Name), u.PasswordHash, string(u.Role), now)
		return err
	})
	if err != nil {
		return wrap(err, "add user %q", u.Name)
	}
	u.ID = id
	u.CreatedAt = time.Unix(0, now).UTC()
	return nil
}

// User returns a user by ID, or ENOTFOUND.
func (db *DB) User(ctx context.Context, id int64) (*storyline.User, error) {
	u, err := scanUser(db.queryRow(ctx, `SELECT `+userColumns+` FROM users u WHERE u.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, storyline.Errorf(storyline.ENOTFOUND, "user %d not found", id)
	}
	return u, wrap(err, "user %d", id)
}

// UserByName returns a user by name (ignoring case), or ENOTFOUND.
func (db *DB) UserByName(ctx context.Context, name string) (*storyline.User, error) {
	u, err := scanUser(db.queryRow(ctx, `SELECT `+userColumns+` FROM users u WHERE u.name_key = ?`, storeutil.FoldName(name)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, storyline.Errorf(storyline.ENOTFOUND, "user %q not found", name)
	}
	return u, wrap(err, "user %q", name)
}

// Users lists every user by name, ignoring case.
func (db *DB) Users(ctx context.Context) ([]*storyline.User, error) {
	list, err := queryAll(ctx, db, scanUser, `SELECT `+userColumns+` FROM users u ORDER BY u.name_key, u.id`)
	return list, wrap(err, "list users")
}

// CountUsers returns how many users there are.
func (db *DB) CountUsers(ctx context.Context) (int, error) {
	var n int
	if err := db.queryRow(ctx, `SELECT count(*) FROM users`).Scan(&n); err != nil {
		return 0, wrap(err, "count users")
	}
	return n, nil
}

// SetPassword replaces a user's password hash, and ends all of the
// user's sessions, revokes its API tokens and app passwords and removes
// its feed token in the same transaction, or returns ENOTFOUND.
func (db *DB) SetPassword(ctx context.Context, userID int64, hash string) error {
	err := db.writeTx(ctx, func(t *txn) error {
		if err := t.execOne(storeutil.UserNotFound(userID), `UPDATE users SET password_hash = ?, feed_token_hash = NULL WHERE id = ?`,
			hash, userID); err != nil {
			return err
		}
		if _, err := t.exec(`DELETE FROM sessions WHERE user_id = ?`, userID); err != nil {
			return err
		}
		if _, err := t.exec(`DELETE FROM api_tokens WHERE user_id = ?`, userID); err != nil {
			return err
		}
		_, err := t.exec(`DELETE FROM app_passwords WHERE user_id = ?`, userID)
		return err
	})
	return wrap(err, "set password of user %d", userID)
}

// SetRole changes a user's role, or returns ENOTFOUND; an unknown role is
// EINVALID.
func (db *DB) SetRole(ctx context.Context, userID int64, role storyline.Role) error {
	if err := storeutil.CheckRole(userID, role); err != nil {
		return err
	}
	err := db.writeTx(ctx, func(t *txn) error {
		if role != storyline.RoleAdmin {
			if err := keepAnAdmin(t, userID); err != nil {
				return err
			}
		}
		return t.execOne(storeutil.UserNotFound(userID), `UPDATE users SET role = ? WHERE id = ?`, string(role), userID)
	})
	return wrap(err, "set role of user %d", userID)
}

// SetDisabled disables or enables a user; disabling ends its sessions.
func (db *DB) SetDisabled(ctx context.Context, userID int64, disabled bool) error {
	err := db.writeTx(ctx, func(t *txn) error {
		if disabled {
			if err := keepAnAdmin(t, userID); err != nil {
				return err
			}
		}
		if err := t.execOne(storeutil.UserNotFound(userID), `UPDATE users SET disabled = ? WHERE id = ?`, disabled, userID); err != nil {
			return err
		}
		if !disabled {
			return nil
		}
		_, err := t.exec(`DELETE FROM sessions WHERE user_id = ?`, userID)
		return err
	})
	return wrap(err, "set user %d disabled %v", userID, disabled)
}

// DeleteUser removes a user; sessions, tokens, app passwords and its
// reading state (reads, saves, follows, mutes) go with it (ON DELETE
// CASCADE), and its comments lose their author (ON DELETE SET NULL).
func (db *DB) DeleteUser(ctx context.Context, userID int64) error {
	err := db.writeTx(ctx, func(t *txn) error {
		if err := keepAnAdmin(t, userID); err != nil {
			return err
		}
		return t.execOne(storeutil.UserNotFound(userID), `DELETE FROM users WHERE id = ?`, userID)
	})
	return wrap(err, "delete user %d", userID)
}

// keepAnAdmin returns storeutil.LastAdmin when user id is the only active
// administrator, whom a change is about to demote or disable.
func keepAnAdmin(t *txn, id int64) error {
	var others int
	var self bool
	err := t.queryRow(`SELECT
		(SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0 AND id != ?1),
		EXISTS (SELECT 1 FROM users WHERE id = ?1 AND role = 'admin' AND disabled = 0)`, id).Scan(&others, &self)
	if err != nil {
		return err
	}
	if self && others == 0 {
		return storeutil.LastAdmin(id)
	}
	return nil
}

// userName returns the name of user id, or ENOTFOUND.
func userName(t *txn, id int64) (string, error) {
	var name string
	err := t.queryRow(`SELECT name FROM users WHERE id = ?`, id).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", storeutil.UserNotFound(id)
	}
	return name, err
}
