package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// Users are compared by name_key, the name folded by storeutil.FoldName in Go, so
// that names that differ only in case (in any script) are one name, as in
// the SQLite store; its unique index settles racing adds.

// userColumns selects a user from "users u"; scanUser reads them.
const userColumns = `u.id, u.name, u.password_hash, u.role, u.disabled, u.created_at`

// scanUser reads the columns of userColumns.
func scanUser(row pgx.Row) (*storyline.User, error) {
	var u storyline.User
	var role string
	var created *time.Time
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
// yet; otherwise it is ECONFLICT. The transaction takes a SHARE ROW
// EXCLUSIVE lock on users before counting them: the lock conflicts with
// itself and with inserts, so of processes racing to add the first user
// exactly one sees an empty table.
func (db *DB) AddFirstUser(ctx context.Context, u *storyline.User) error {
	return db.addUser(ctx, u, true)
}

// addUser stores u; first: only when there are no users.
func (db *DB) addUser(ctx context.Context, u *storyline.User, first bool) error {
	if err := storeutil.ValidateNewUser(u); err != nil {
		return err
	}
	if err := checkStorable("user name", u.Name, u.PasswordHash); err != nil {
		return err
	}
	var (
		id      int64
		created time.Time
	)
	err := db.tx(ctx, func(tx pgx.Tx) error {
		if first {
			if _, err := tx.Exec(ctx, `LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE`); err != nil {
				return err
			}
			var taken bool
			if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM users)`).Scan(&taken); err != nil {
				return err
			}
			if taken {
				return storyline.Errorf(storyline.ECONFLICT, "user %q cannot be the first user: there are users already", u.Name)
			}
		}
		err := tx.QueryRow(ctx, `INSERT INTO users (name, name_key, password_hash, role, created_at)
			VALUES ($1, $2, $3, $4, $5) RETURNING id, created_at`,
			u.Name, storeutil.FoldName(u.Name), u.PasswordHash, string(u.Role), time.Now().UTC()).Scan(&id, &created)
		if isUniqueViolation(err) {
			return storyline.Errorf(storyline.ECONFLICT, "user name %q is taken", u.Name)
		}
		return err
	})
	if err != nil {
		return wrap(err, "add user %q", u.Name)
	}
	u.ID = id
	u.CreatedAt = created.UTC()
	return nil
}

// User returns a user by ID, or ENOTFOUND.
func (db *DB) User(ctx context.Context, id int64) (*storyline.User, error) {
	u, err := scanUser(db.pool.QueryRow(ctx, `SELECT `+userColumns+` FROM users u WHERE u.id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, storeutil.UserNotFound(id)
	}
	return u, wrap(err, "user %d", id)
}

// UserByName returns a user by name (ignoring case), or ENOTFOUND.
func (db *DB) UserByName(ctx context.Context, name string) (*storyline.User, error) {
	u, err := scanUser(db.pool.QueryRow(ctx, `SELECT `+userColumns+` FROM users u WHERE u.name_key = $1`, storeutil.FoldName(name)))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, storyline.Errorf(storyline.ENOTFOUND, "user %q not found", name)
	}
	return u, wrap(err, "user %q", name)
}

// Users lists every user by name, ignoring case: by name_key in byte
// order (the "C" collation), as SQLite compares it.
func (db *DB) Users(ctx context.Context) ([]*storyline.User, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+userColumns+` FROM users u ORDER BY u.name_key COLLATE "C", u.id`)
	if err != nil {
		return nil, wrap(err, "list users")
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*storyline.User, error) { return scanUser(row) })
	return list, wrap(err, "list users")
}

// CountUsers returns how many users there are.
func (db *DB) CountUsers(ctx context.Context) (int, error) {
	var n int
	if err := db.pool.QueryRow(ctx, `SELECT count(*) FROM users`).Scan(&n); err != nil {
		return 0, wrap(err, "count users")
	}
	return n, nil
}

// SetPassword replaces a user's password hash, and ends all of the
// user's sessions, revokes its API tokens and app passwords and removes
// its feed token in the same transaction, or returns ENOTFOUND.
func (db *DB) SetPassword(ctx context.Context, userID int64, hash string) error {
	err := db.tx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE users SET password_hash = $1, feed_token_hash = NULL WHERE id = $2`, hash, userID)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return storeutil.UserNotFound(userID)
		}
		if _, err = tx.Exec(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID); err != nil {
			return err
		}
		if _, err = tx.Exec(ctx, `DELETE FROM api_tokens WHERE user_id = $1`, userID); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `DELETE FROM app_passwords WHERE user_id = $1`, userID)
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
	err := db.tx(ctx, func(tx pgx.Tx) error {
		if role != storyline.RoleAdmin {
			if err := keepAnAdmin(ctx, tx, userID); err != nil {
				return err
			}
		}
		tag, err := tx.Exec(ctx, `UPDATE users SET role = $1 WHERE id = $2`, string(role), userID)
		if err == nil && tag.RowsAffected() == 0 {
			err = storeutil.UserNotFound(userID)
		}
		return err
	})
	return wrap(err, "set role of user %d", userID)
}

// SetDisabled disables or enables a user; disabling ends its sessions.
func (db *DB) SetDisabled(ctx context.Context, userID int64, disabled bool) error {
	err := db.tx(ctx, func(tx pgx.Tx) error {
		if disabled {
			if err := keepAnAdmin(ctx, tx, userID); err != nil {
				return err
			}
		}
		tag, err := tx.Exec(ctx, `UPDATE users SET disabled = $1 WHERE id = $2`, disabled, userID)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return storeutil.UserNotFound(userID)
		}
		if !disabled {
			return nil
		}
		_, err = tx.Exec(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID)
		return err
	})
	return wrap(err, "set user %d disabled %v", userID, disabled)
}

// DeleteUser removes a user; sessions, tokens, app passwords and its
// reading state (reads, saves, follows, mutes) go with it (ON DELETE
// CASCADE), and its comments lose their author (ON DELETE SET NULL).
func (db *DB) DeleteUser(ctx context.Context, userID int64) error {
	err := db.tx(ctx, func(tx pgx.Tx) error {
		if err := keepAnAdmin(ctx, tx, userID); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `DELETE FROM users WHERE id = $1`, userID)
		if err == nil && tag.RowsAffected() == 0 {
			err = storeutil.UserNotFound(userID)
		}
		return err
	})
	return wrap(err, "delete user %d", userID)
}

// keepAnAdmin returns storeutil.LastAdmin when user id is the only active
// administrator, whom a change is about to demote or disable. The active
// administrators' rows are locked until the transaction ends, so that two
// such changes at once cannot each leave the other the last one and then
// both go through.
func keepAnAdmin(ctx context.Context, tx pgx.Tx, id int64) error {
	rows, err := tx.Query(ctx, `SELECT id FROM users WHERE role = 'admin' AND NOT disabled ORDER BY id FOR UPDATE`)
	if err != nil {
		return err
	}
	admins, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return err
	}
	if len(admins) == 1 && admins[0] == id {
		return storeutil.LastAdmin(id)
	}
	return nil
}
