package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	msqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/storyline/storyline"
)

// feedColumns selects a feed; scanFeed reads them.
const feedColumns = `id, url, title, site_url, source, category, last_fetch,
	last_error, error_count, next_poll, created_at`

// scanFeed reads the columns of feedColumns.
func scanFeed(row scanner) (*storyline.Feed, error) {
	var (
		f                            storyline.Feed
		lastFetch, nextPoll, created sql.NullInt64
	)
	if err := row.Scan(&f.ID, &f.URL, &f.Title, &f.SiteURL, &f.Source, &f.Category,
		&lastFetch, &f.LastError, &f.ErrorCount, &nextPoll, &created); err != nil {
		return nil, err
	}
	f.LastFetch = timeOf(lastFetch)
	f.NextPoll = timeOf(nextPoll)
	f.CreatedAt = timeOf(created)
	return &f, nil
}

// AddFeed subscribes to f.URL and sets f.ID, and f.CreatedAt when it is
// zero. An existing subscription to the same URL is an ECONFLICT error; an
// empty URL is EINVALID.
func (db *DB) AddFeed(ctx context.Context, f *storyline.Feed) error {
	if f == nil || f.URL == "" {
		return storyline.Errorf(storyline.EINVALID, "feed URL is required")
	}
	for _, t := range []time.Time{f.LastFetch, f.NextPoll, f.CreatedAt} {
		if !inNanoRange(t) {
			return storyline.Errorf(storyline.EINVALID, "feed %q: time %s is out of range", f.URL, t)
		}
	}
	created := f.CreatedAt
	if created.IsZero() {
		created = time.Now()
	}
	var id int64
	err := db.writeTx(ctx, func(t *txn) error {
		res, err := t.exec(`INSERT INTO feeds (url, title, site_url, source,
			category, last_fetch, last_error, error_count, next_poll, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			f.URL, f.Title, f.SiteURL, f.Source,
			f.Category, nullTime(f.LastFetch), f.LastError, f.ErrorCount, nullTime(f.NextPoll), created.UnixNano())
		if isUniqueViolation(err) {
			return storyline.Errorf(storyline.ECONFLICT, "feed %q already exists", f.URL)
		}
		if err != nil {
			return err
		}
		id, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return wrap(err, "add feed %q", f.URL)
	}
	f.ID = id
	f.CreatedAt = time.Unix(0, created.UnixNano()).UTC()
	return nil
}

// Feed returns one feed, or an ENOTFOUND error.
func (db *DB) Feed(ctx context.Context, id int64) (*storyline.Feed, error) {
	f, err := scanFeed(db.read.QueryRowContext(ctx, `SELECT `+feedColumns+` FROM feeds WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, storyline.Errorf(storyline.ENOTFOUND, "feed %d not found", id)
	}
	if err != nil {
		return nil, wrap(err, "feed %d", id)
	}
	return f, nil
}

// Feeds lists all feeds by category, then title (case-insensitively).
func (db *DB) Feeds(ctx context.Context) ([]*storyline.Feed, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+feedColumns+` FROM feeds
		ORDER BY category COLLATE NOCASE, title COLLATE NOCASE, id`)
	if err != nil {
		return nil, wrap(err, "list feeds")
	}
	defer rows.Close()
	var list []*storyline.Feed
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, wrap(err, "list feeds")
		}
		list = append(list, f)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap(err, "list feeds")
	}
	return list, nil
}

// DeleteFeed removes a feed, or returns ENOTFOUND. Its articles stay, no
// longer linked to a feed.
func (db *DB) DeleteFeed(ctx context.Context, id int64) error {
	err := db.writeTx(ctx, func(t *txn) error {
		res, err := t.exec(`DELETE FROM feeds WHERE id = ?`, id)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if n == 0 {
			return storyline.Errorf(storyline.ENOTFOUND, "feed %d not found", id)
		}
		return nil
	})
	return wrap(err, "delete feed %d", id)
}

// isUniqueViolation reports whether err is SQLite's UNIQUE constraint
// failure.
func isUniqueViolation(err error) bool {
	var e *msqlite.Error
	return errors.As(err, &e) && e.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE
}
