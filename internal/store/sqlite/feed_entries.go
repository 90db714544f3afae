package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// insertEntry records entry guid of a feed as article articleID, unless
// the entry is already recorded.
func insertEntry(t *txn, feedID int64, guid string, articleID int64, from storyline.ContentOrigin, now int64) error {
	_, err := t.exec(sqlInsertEntry, feedID, guid, articleID, string(from), now)
	return err
}

// entryBatch is how many GUIDs one FeedEntries query looks up: well under
// SQLite's limit on bound parameters.
const entryBatch = 500

// FeedEntries returns which of the entry GUIDs of a feed are stored,
// mapped to their article IDs.
func (db *DB) FeedEntries(ctx context.Context, feedID int64, guids []string) (map[string]int64, error) {
	known := make(map[string]int64)
	for len(guids) > 0 {
		n := min(len(guids), entryBatch)
		args := make([]any, 0, n+1)
		args = append(args, feedID)
		for _, g := range guids[:n] {
			args = append(args, g)
		}
		rows, err := db.query(ctx, `SELECT guid, article_id FROM feed_entries
			WHERE feed_id = ? AND guid IN (?`+strings.Repeat(", ?", n-1)+`)`, args...)
		if err != nil {
			return nil, wrap(err, "entries of feed %d", feedID)
		}
		for rows.Next() {
			var guid string
			var id int64
			if err := rows.Scan(&guid, &id); err != nil {
				rows.Close()
				return nil, wrap(err, "entries of feed %d", feedID)
			}
			known[guid] = id
		}
		if err := rows.Close(); err != nil {
			return nil, wrap(err, "entries of feed %d", feedID)
		}
		guids = guids[n:]
	}
	return known, nil
}

// LinkEntry records that entry guid of a feed is the stored article
// articleID. Linking a known entry again changes nothing; an unknown feed
// or article is EINVALID.
func (db *DB) LinkEntry(ctx context.Context, feedID int64, guid string, articleID int64) error {
	if err := storeutil.CheckEntryGUID(feedID, guid); err != nil {
		return err
	}
	err := db.writeTx(ctx, func(t *txn) error {
		if err := checkFeed(t, feedID); err != nil {
			return err
		}
		var one int
		if err := t.queryRow(`SELECT 1 FROM articles WHERE id = ?`, articleID).Scan(&one); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return storyline.Errorf(storyline.EINVALID, "article %d does not exist", articleID)
			}
			return err
		}
		return insertEntry(t, feedID, guid, articleID, "", time.Now().UnixNano())
	})
	return wrap(err, "link entry %q of feed %d", guid, feedID)
}
