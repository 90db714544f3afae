package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"time"

	msqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// feedColumns selects a feed from "feeds f"; scanFeed reads them.
const feedColumns = `f.id, f.url, f.title, f.site_url, f.source, f.category,
	f.feed_only, f.paused, f.last_fetch, f.last_error, f.error_count, f.next_poll,
	f.retry_until, f.interval_ns, f.etag, f.last_modified,
	(SELECT count(*) FROM feed_entries e WHERE e.feed_id = f.id), f.created_at`

// scanFeed reads the columns of feedColumns.
func scanFeed(row scanner) (*storyline.Feed, error) {
	var (
		f                                   storyline.Feed
		lastFetch, nextPoll, retry, created sql.NullInt64
		interval                            int64
	)
	if err := row.Scan(&f.ID, &f.URL, &f.Title, &f.SiteURL, &f.Source, &f.Category,
		&f.FeedOnly, &f.Paused, &lastFetch, &f.LastError, &f.ErrorCount, &nextPoll,
		&retry, &interval, &f.ETag, &f.LastModified,
		&f.ArticleCount, &created); err != nil {
		return nil, err
	}
	f.LastFetch = timeOf(lastFetch)
	f.NextPoll = timeOf(nextPoll)
	f.RetryUntil = timeOf(retry)
	f.Interval = time.Duration(interval)
	f.CreatedAt = timeOf(created)
	return &f, nil
}

// AddFeed subscribes to f.URL and sets f.ID, and f.CreatedAt when it is
// zero. An existing subscription to the same URL is an ECONFLICT error; an
// empty URL is EINVALID.
func (db *DB) AddFeed(ctx context.Context, f *storyline.Feed) error {
	if err := storeutil.ValidateNewFeed(f); err != nil {
		return err
	}
	for _, t := range []time.Time{f.LastFetch, f.NextPoll, f.RetryUntil, f.CreatedAt} {
		if !storeutil.InTimeRange(t) {
			return storyline.Errorf(storyline.EINVALID, "feed %q: time %s is out of range", f.URL, t)
		}
	}
	created := f.CreatedAt
	if created.IsZero() {
		created = time.Now()
	}
	var id int64
	err := db.writeTx(ctx, func(t *txn) error {
		var err error
		id, err = t.insertID(storyline.Errorf(storyline.ECONFLICT, "feed %q already exists", f.URL),
			`INSERT INTO feeds (url, title, site_url, source,
			category, feed_only, paused, last_fetch, last_error, error_count, next_poll,
			retry_until, interval_ns, etag, last_modified, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			f.URL, f.Title, f.SiteURL, f.Source,
			f.Category, f.FeedOnly, f.Paused, nullTime(f.LastFetch), f.LastError, f.ErrorCount, nullTime(f.NextPoll),
			nullTime(f.RetryUntil), int64(f.Interval), f.ETag, f.LastModified, created.UnixNano())
		return err
	})
	if err != nil {
		return wrap(err, "add feed %q", f.URL)
	}
	f.ID = id
	f.CreatedAt = time.Unix(0, created.UnixNano()).UTC()
	return nil
}

// UpdateFeed saves the settings a person can change of feed f.ID: title,
// site URL, outlet, category, feed-only and paused. Un-pausing a feed
// makes it due at once and forgets its failures.
func (db *DB) UpdateFeed(ctx context.Context, f *storyline.Feed) error {
	if err := storeutil.ValidateFeedUpdate(f); err != nil {
		return err
	}
	err := db.writeTx(ctx, func(t *txn) error {
		res, err := t.exec(`UPDATE feeds SET title = ?, site_url = ?, source = ?,
			category = ?, feed_only = ?,
			next_poll = CASE WHEN paused AND NOT ? THEN NULL ELSE next_poll END,
			error_count = CASE WHEN paused AND NOT ? THEN 0 ELSE error_count END,
			paused = ?
			WHERE id = ?`,
			f.Title, f.SiteURL, f.Source, f.Category, f.FeedOnly, f.Paused, f.Paused, f.Paused, f.ID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			if err == nil {
				err = storeutil.FeedNotFound(f.ID)
			}
			return err
		}
		return nil
	})
	return wrap(err, "update feed %d", f.ID)
}

// Feed returns one feed, or an ENOTFOUND error.
func (db *DB) Feed(ctx context.Context, id int64) (*storyline.Feed, error) {
	f, err := scanFeed(db.queryRow(ctx, sqlFeedByID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, storeutil.FeedNotFound(id)
	}
	if err != nil {
		return nil, wrap(err, "feed %d", id)
	}
	return f, nil
}

// FeedByURL returns the feed subscribed at url, or an ENOTFOUND error.
func (db *DB) FeedByURL(ctx context.Context, url string) (*storyline.Feed, error) {
	f, err := scanFeed(db.queryRow(ctx, `SELECT `+feedColumns+` FROM feeds f WHERE f.url = ?`, url))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, storyline.Errorf(storyline.ENOTFOUND, "feed %q not found", url)
	}
	if err != nil {
		return nil, wrap(err, "feed %q", url)
	}
	return f, nil
}

// Feeds lists all feeds by category, then title (case-insensitively).
func (db *DB) Feeds(ctx context.Context) ([]*storyline.Feed, error) {
	list, err := db.queryFeeds(ctx, `SELECT `+feedColumns+` FROM feeds f
		ORDER BY f.category COLLATE NOCASE, f.title COLLATE NOCASE, f.id`)
	return list, wrap(err, "list feeds")
}

// DueFeeds lists up to limit feeds that are not paused and are due at now,
// the longest overdue first.
func (db *DB) DueFeeds(ctx context.Context, now time.Time, limit int) ([]*storyline.Feed, error) {
	if err := storeutil.CheckPositiveLimit("due feeds", limit); err != nil {
		return nil, err
	}
	t := boundNanos(now)
	list, err := db.queryFeeds(ctx, `SELECT `+feedColumns+` FROM feeds f
		WHERE f.paused = 0 AND coalesce(f.next_poll, 0) <= ? AND coalesce(f.retry_until, 0) <= ?
		ORDER BY coalesce(f.next_poll, 0), f.id LIMIT ?`, t, t, limit)
	return list, wrap(err, "due feeds")
}

// queryFeeds runs a query selecting feedColumns and collects the rows.
func (db *DB) queryFeeds(ctx context.Context, query string, args ...any) ([]*storyline.Feed, error) {
	return queryAll(ctx, db, scanFeed, query, args...)
}

// RecordPolls stores the outcomes of polls in one transaction. A poll of a
// feed that no longer exists is skipped.
func (db *DB) RecordPolls(ctx context.Context, polls ...storyline.FeedPoll) error {
	for _, p := range polls {
		for _, t := range []time.Time{p.At, p.NextPoll, p.RetryUntil} {
			if !storeutil.InTimeRange(t) {
				return storyline.Errorf(storyline.EINVALID, "poll of feed %d: time %s is out of range", p.FeedID, t)
			}
		}
	}
	if len(polls) == 0 {
		return nil
	}
	err := db.writeTx(ctx, func(t *txn) error {
		for _, p := range polls {
			failed := p.Err != ""
			if _, err := t.exec(`UPDATE feeds SET
				last_fetch = ?, last_error = ?,
				error_count = CASE WHEN ? THEN error_count + 1 ELSE 0 END,
				paused = paused OR ?,
				etag = CASE WHEN ? THEN '' WHEN ? != '' THEN ? ELSE etag END,
				last_modified = CASE WHEN ? THEN '' WHEN ? != '' THEN ? ELSE last_modified END,
				next_poll = ?, retry_until = ?,
				interval_ns = CASE WHEN ? > 0 THEN ? ELSE interval_ns END,
				title = CASE WHEN title = '' THEN ? ELSE title END,
				site_url = CASE WHEN site_url = '' THEN ? ELSE site_url END
				WHERE id = ?`,
				nullTime(p.At), cmp.Or(p.Err, p.EntryErr), failed, p.Gone,
				p.ClearValidators, p.ETag, p.ETag, p.ClearValidators, p.LastModified, p.LastModified,
				nullTime(p.NextPoll), nullTime(p.RetryUntil),
				int64(p.Interval), int64(p.Interval),
				p.Title, p.SiteURL, p.FeedID); err != nil {
				return err
			}
		}
		return nil
	})
	return wrap(err, "record %d polls", len(polls))
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
			return storeutil.FeedNotFound(id)
		}
		return nil
	})
	return wrap(err, "delete feed %d", id)
}

// isUniqueViolation reports whether err is SQLite's UNIQUE constraint
// failure, or that of a PRIMARY KEY that is not a rowid.
func isUniqueViolation(err error) bool {
	var e *msqlite.Error
	return errors.As(err, &e) && (e.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || e.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY)
}

// isBusy reports whether err is SQLite's "database is locked": another
// connection held the lock past the busy timeout.
func isBusy(err error) bool {
	var e *msqlite.Error
	return errors.As(err, &e) && e.Code()&0xff == sqlite3.SQLITE_BUSY
}
