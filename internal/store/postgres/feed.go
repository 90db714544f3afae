package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// feedColumns selects a feed from "feeds f"; scanFeed reads them. The
// article count is the number of entries stored from the feed.
const feedColumns = `f.id, f.url, f.title, f.site_url, f.source, f.category,
	f.feed_only, f.paused, f.last_fetch, f.last_error, f.error_count, f.next_poll,
	f.retry_until, f.interval_ns, f.etag, f.last_modified,
	(SELECT count(*) FROM feed_entries e WHERE e.feed_id = f.id), f.created_at`

// scanFeed reads the columns of feedColumns.
func scanFeed(row pgx.Row) (*storyline.Feed, error) {
	var (
		f                                   storyline.Feed
		lastFetch, nextPoll, retry, created *time.Time
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

// AddFeed subscribes to f.URL and sets f.ID, and f.CreatedAt (to now when
// it is zero) as stored. An existing subscription to the same URL is an
// ECONFLICT error (the URL's unique index decides between racing
// callers); an empty URL is EINVALID.
func (db *DB) AddFeed(ctx context.Context, f *storyline.Feed) error {
	if err := storeutil.ValidateNewFeed(f); err != nil {
		return err
	}
	if err := checkStorable("feed "+f.URL, f.URL, f.Title, f.SiteURL, f.Source, f.Category); err != nil {
		return err
	}
	created := f.CreatedAt
	if created.IsZero() {
		created = time.Now()
	}
	var id int64
	var stored time.Time
	err := db.pool.QueryRow(ctx, `INSERT INTO feeds (url, title, site_url, source,
		category, feed_only, paused, last_fetch, last_error, error_count, next_poll,
		retry_until, interval_ns, etag, last_modified, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
		RETURNING id, created_at`,
		f.URL, f.Title, f.SiteURL, f.Source,
		f.Category, f.FeedOnly, f.Paused, nullTime(f.LastFetch), f.LastError, f.ErrorCount, nullTime(f.NextPoll),
		nullTime(f.RetryUntil), int64(f.Interval), f.ETag, f.LastModified, created.UTC()).Scan(&id, &stored)
	if isUniqueViolation(err) {
		return storyline.Errorf(storyline.ECONFLICT, "feed %q already exists", f.URL)
	}
	if err != nil {
		return wrap(err, "add feed %q", f.URL)
	}
	f.ID = id
	f.CreatedAt = stored.UTC()
	return nil
}

// UpdateFeed saves the settings a person can change of feed f.ID: title,
// site URL, outlet, category, feed-only and paused. Un-pausing a feed
// makes it due at once and forgets its failures; the CASEs read the row
// as locked by the UPDATE, so a racing poll cannot slip in between.
func (db *DB) UpdateFeed(ctx context.Context, f *storyline.Feed) error {
	if err := storeutil.ValidateFeedUpdate(f); err != nil {
		return err
	}
	if err := checkStorable("feed", f.Title, f.SiteURL, f.Source, f.Category); err != nil {
		return err
	}
	tag, err := db.pool.Exec(ctx, `UPDATE feeds SET title = $1, site_url = $2, source = $3,
		category = $4, feed_only = $5,
		next_poll = CASE WHEN paused AND NOT $6 THEN NULL ELSE next_poll END,
		error_count = CASE WHEN paused AND NOT $6 THEN 0 ELSE error_count END,
		paused = $6
		WHERE id = $7`,
		f.Title, f.SiteURL, f.Source, f.Category, f.FeedOnly, f.Paused, f.ID)
	if err == nil && tag.RowsAffected() == 0 {
		err = storeutil.FeedNotFound(f.ID)
	}
	return wrap(err, "update feed %d", f.ID)
}

// Feed returns one feed, or an ENOTFOUND error.
func (db *DB) Feed(ctx context.Context, id int64) (*storyline.Feed, error) {
	f, err := scanFeed(db.pool.QueryRow(ctx, `SELECT `+feedColumns+` FROM feeds f WHERE f.id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, storeutil.FeedNotFound(id)
	}
	if err != nil {
		return nil, wrap(err, "feed %d", id)
	}
	return f, nil
}

// FeedByURL returns the feed subscribed at url, or an ENOTFOUND error.
func (db *DB) FeedByURL(ctx context.Context, url string) (*storyline.Feed, error) {
	f, err := scanFeed(db.pool.QueryRow(ctx, `SELECT `+feedColumns+` FROM feeds f WHERE f.url = $1`, url))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, storyline.Errorf(storyline.ENOTFOUND, "feed %q not found", url)
	}
	if err != nil {
		return nil, wrap(err, "feed %q", url)
	}
	return f, nil
}

// Feeds lists all feeds by category, then title, ignoring the case of
// ASCII letters and comparing bytes otherwise, as SQLite's NOCASE does
// (lower() under the "C" collation folds ASCII only).
func (db *DB) Feeds(ctx context.Context) ([]*storyline.Feed, error) {
	list, err := db.queryFeeds(ctx, `SELECT `+feedColumns+` FROM feeds f
		ORDER BY lower(f.category COLLATE "C"), lower(f.title COLLATE "C"), f.id`)
	return list, wrap(err, "list feeds")
}

// DueFeeds lists up to limit feeds that are not paused and are due at now,
// the longest overdue first (never polled ones before all others).
func (db *DB) DueFeeds(ctx context.Context, now time.Time, limit int) ([]*storyline.Feed, error) {
	if err := storeutil.CheckPositiveLimit("due feeds", limit); err != nil {
		return nil, err
	}
	list, err := db.queryFeeds(ctx, `SELECT `+feedColumns+` FROM feeds f
		WHERE NOT f.paused
			AND coalesce(f.next_poll, '-infinity'::timestamptz) <= $1
			AND coalesce(f.retry_until, '-infinity'::timestamptz) <= $1
		ORDER BY coalesce(f.next_poll, '-infinity'::timestamptz), f.id LIMIT $2`, now.UTC(), limit)
	return list, wrap(err, "due feeds")
}

// queryFeeds runs a query selecting feedColumns and collects the rows.
func (db *DB) queryFeeds(ctx context.Context, query string, args ...any) ([]*storyline.Feed, error) {
	rows, err := db.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (*storyline.Feed, error) { return scanFeed(row) })
}

// DeleteFeed removes a feed, or returns ENOTFOUND. Its entries go with it
// (ON DELETE CASCADE); its articles stay, no longer linked to a feed (ON
// DELETE SET NULL).
func (db *DB) DeleteFeed(ctx context.Context, id int64) error {
	tag, err := db.pool.Exec(ctx, `DELETE FROM feeds WHERE id = $1`, id)
	if err == nil && tag.RowsAffected() == 0 {
		err = storeutil.FeedNotFound(id)
	}
	return wrap(err, "delete feed %d", id)
}
