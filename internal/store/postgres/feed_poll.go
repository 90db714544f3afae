package postgres

import (
	"cmp"
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline"
)

// sqlRecordPoll stores one poll's outcome in its feed's row: $3 is the
// failure flag, $4 gone, $5/$6 the validators (kept when empty, cleared
// when $13 says so), $9 the
// interval in nanoseconds (kept when not positive), $10/$11 a title and
// site URL that fill empty ones. Each CASE reads the row as the UPDATE
// locked it, so concurrent polls of one feed count every failure.
const sqlRecordPoll = `UPDATE feeds SET
	last_fetch = $1, last_error = $2,
	error_count = CASE WHEN $3::boolean THEN error_count + 1 ELSE 0 END,
	paused = paused OR $4::boolean,
	etag = CASE WHEN $13::boolean THEN '' ELSE coalesce(nullif($5::text, ''), etag) END,
	last_modified = CASE WHEN $13::boolean THEN '' ELSE coalesce(nullif($6::text, ''), last_modified) END,
	next_poll = $7, retry_until = $8,
	interval_ns = CASE WHEN $9::bigint > 0 THEN $9::bigint ELSE interval_ns END,
	title = CASE WHEN title = '' THEN $10::text ELSE title END,
	site_url = CASE WHEN site_url = '' THEN $11::text ELSE site_url END
	WHERE id = $12`

// RecordPolls stores the outcomes of polls in one transaction, sent as
// one batch. A poll of a feed that no longer exists is skipped (its
// UPDATE matches no row). A poll's EntryErr becomes the last error
// without counting as a failure.
func (db *DB) RecordPolls(ctx context.Context, polls ...storyline.FeedPoll) error {
	if len(polls) == 0 {
		return nil
	}
	b := &pgx.Batch{}
	for _, p := range polls {
		b.Queue(sqlRecordPoll,
			nullTime(p.At), cleanText(cmp.Or(p.Err, p.EntryErr)), p.Err != "", p.Gone,
			cleanText(p.ETag), cleanText(p.LastModified),
			nullTime(p.NextPoll), nullTime(p.RetryUntil),
			int64(p.Interval), cleanText(p.Title), cleanText(p.SiteURL), p.FeedID, p.ClearValidators)
	}
	err := db.tx(ctx, func(tx pgx.Tx) error {
		return tx.SendBatch(ctx, b).Close()
	})
	return wrap(err, "record %d polls", len(polls))
}
