package postgres

import (
	"context"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// FeedEntries returns which of the entry GUIDs of a feed are stored,
// mapped to their article IDs. The GUIDs go as one array parameter, so
// there is no limit on how many are looked up at once.
func (db *DB) FeedEntries(ctx context.Context, feedID int64, guids []string) (map[string]int64, error) {
	known := make(map[string]int64)
	if len(guids) == 0 {
		return known, nil
	}
	rows, err := db.pool.Query(ctx, `SELECT guid, article_id FROM feed_entries
		WHERE feed_id = $1 AND guid = ANY($2)`, feedID, guids)
	if err != nil {
		return nil, wrap(err, "entries of feed %d", feedID)
	}
	defer rows.Close()
	for rows.Next() {
		var guid string
		var id int64
		if err := rows.Scan(&guid, &id); err != nil {
			return nil, wrap(err, "entries of feed %d", feedID)
		}
		known[guid] = id
	}
	if err := rows.Err(); err != nil {
		return nil, wrap(err, "entries of feed %d", feedID)
	}
	return known, nil
}

// LinkEntry records that entry guid of a feed is the stored article
// articleID. Linking a known entry again changes nothing (ON CONFLICT DO
// NOTHING); an unknown feed or article is EINVALID, also when it is
// deleted between the check and the insert (the foreign keys refuse it).
func (db *DB) LinkEntry(ctx context.Context, feedID int64, guid string, articleID int64) error {
	if err := storeutil.CheckEntryGUID(feedID, guid); err != nil {
		return err
	}
	if err := checkStorable("feed entry GUID", guid); err != nil {
		return err
	}
	var feedOK, articleOK bool
	err := db.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM feeds WHERE id = $1),
		EXISTS (SELECT 1 FROM articles WHERE id = $2)`, feedID, articleID).Scan(&feedOK, &articleOK)
	switch {
	case err != nil:
		return wrap(err, "link entry %q of feed %d", guid, feedID)
	case !feedOK:
		return storyline.Errorf(storyline.EINVALID, "feed %d does not exist", feedID)
	case !articleOK:
		return storyline.Errorf(storyline.EINVALID, "article %d does not exist", articleID)
	}
	_, err = db.pool.Exec(ctx, `INSERT INTO feed_entries (feed_id, guid, article_id, content_from, created_at)
		VALUES ($1, $2, $3, '', $4) ON CONFLICT (feed_id, guid) DO NOTHING`,
		feedID, guid, articleID, time.Now().UTC())
	if isForeignKeyViolation(err) {
		return storyline.Errorf(storyline.EINVALID, "feed %d or article %d does not exist", feedID, articleID)
	}
	return wrap(err, "link entry %q of feed %d", guid, feedID)
}
