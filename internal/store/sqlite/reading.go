package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	msqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// Reading state (storyline.ReadingStore) lives in article_reads,
// story_reads, saved_items, follows, mutes and users.feed_token_hash
// (migration 0017). Lists of IDs go to SQLite as one JSON array
// (json_each), so that a call of any length is one fixed statement.
//
// Story reads and saved stories are kept of live stories only: the
// methods follow merges to the live story, and mergeStories carries the
// rows of the stories it merges away.

// jsonIDs encodes ids for json_each.
func jsonIDs(ids []int64) string {
	b, _ := json.Marshal(ids) // integers always encode
	return string(b)
}

// isForeignKeyViolation reports whether err is SQLite's FOREIGN KEY
// constraint failure: here, a user that does not exist.
func isForeignKeyViolation(err error) bool {
	var e *msqlite.Error
	return errors.As(err, &e) && e.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
}

// userWrite runs fn in a write transaction, with the ENOTFOUND error of
// user userID when it breaks a foreign key (no such user).
func (db *DB) userWrite(ctx context.Context, userID int64, fn func(t *txn) error) error {
	err := db.writeTx(ctx, fn)
	if isForeignKeyViolation(err) {
		return storeutil.UserNotFound(userID)
	}
	return err
}

// MarkArticlesRead marks articles ids read (read true, at at; the zero
// time is now) or unread for user userID; unknown articles are skipped,
// an unknown user is ENOTFOUND.
func (db *DB) MarkArticlesRead(ctx context.Context, userID int64, ids []int64, read bool, at time.Time) error {
	at, err := storeutil.ReadTime("mark articles read", at)
	if err != nil || len(ids) == 0 {
		return err
	}
	err = db.userWrite(ctx, userID, func(t *txn) error {
		if !read {
			_, err := t.exec(`DELETE FROM article_reads WHERE user_id = ? AND article_id IN (SELECT value FROM json_each(?))`,
				userID, jsonIDs(ids))
			return err
		}
		_, err := t.exec(`INSERT INTO article_reads (user_id, article_id, read_at)
			SELECT ?1, a.id, ?3 FROM articles a WHERE a.id IN (SELECT value FROM json_each(?2))
			ON CONFLICT (user_id, article_id) DO UPDATE SET read_at = excluded.read_at`, userID, jsonIDs(ids), at.UnixNano())
		return err
	})
	return wrap(err, "mark %d articles read %v for user %d", len(ids), read, userID)
}

// ArticlesRead returns which of articles ids user userID has read: those
// read are true, the others missing.
func (db *DB) ArticlesRead(ctx context.Context, userID int64, ids []int64) (map[int64]bool, error) {
	out := make(map[int64]bool)
	if len(ids) == 0 {
		return out, nil
	}
	read, err := queryAll(ctx, db, scanID, `SELECT article_id FROM article_reads
		WHERE user_id = ? AND article_id IN (SELECT value FROM json_each(?))`, userID, jsonIDs(ids))
	if err != nil {
		return nil, wrap(err, "articles read by user %d", userID)
	}
	for _, id := range read {
		out[id] = true
	}
	return out, nil
}

// scanID reads one integer column.
func scanID(row scanner) (int64, error) {
	var id int64
	return id, row.Scan(&id)
}

// liveStoriesOf selects the live stories of the story IDs in the JSON
// array ?2 (following merges).
const liveStoriesOf = `SELECT coalesce(m.merged_into, m.id) FROM stories m WHERE m.id IN (SELECT value FROM json_each(?2))`

// MarkStoriesRead marks stories ids (following merges) read by user
// userID at at (the zero time is now) with their article count as Seen,
// or unread; unknown stories are skipped, an unknown user is ENOTFOUND.
func (db *DB) MarkStoriesRead(ctx context.Context, userID int64, ids []int64, read bool, at time.Time) error {
	at, err := storeutil.ReadTime("mark stories read", at)
	if err != nil || len(ids) == 0 {
		return err
	}
	err = db.userWrite(ctx, userID, func(t *txn) error {
		if !read {
			_, err := t.exec(`DELETE FROM story_reads WHERE user_id = ?1 AND story_id IN (`+liveStoriesOf+`)`, userID, jsonIDs(ids))
			return err
		}
		_, err := t.exec(`INSERT INTO story_reads (user_id, story_id, seen, read_at)
			SELECT ?1, s.id, (SELECT count(*) FROM story_articles sa WHERE sa.story_id = s.id), ?3
			FROM stories s WHERE s.id IN (`+liveStoriesOf+`)
			ON CONFLICT (user_id, story_id) DO UPDATE SET seen = excluded.seen, read_at = excluded.read_at`,
			userID, jsonIDs(ids), at.UnixNano())
		return err
	})
	return wrap(err, "mark %d stories read %v for user %d", len(ids), read, userID)
}

// StoriesRead returns user userID's reads of stories ids, keyed by the
// IDs asked; a read's StoryID is the live story's (see Story).
func (db *DB) StoriesRead(ctx context.Context, userID int64, ids []int64) (map[int64]storyline.StoryRead, error) {
	out := make(map[int64]storyline.StoryRead)
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := db.query(ctx, `SELECT m.id, r.story_id, r.seen, r.read_at FROM stories m
		JOIN story_reads r ON r.user_id = ?1 AND r.story_id = coalesce(m.merged_into, m.id)
		WHERE m.id IN (SELECT value FROM json_each(?2))`, userID, jsonIDs(ids))
	if err != nil {
		return nil, wrap(err, "stories read by user %d", userID)
	}
	defer rows.Close()
	for rows.Next() {
		var asked int64
		var r storyline.StoryRead
		var at int64
		if err := rows.Scan(&asked, &r.StoryID, &r.Seen, &at); err != nil {
			return nil, wrap(err, "stories read by user %d", userID)
		}
		r.ReadAt = time.Unix(0, at).UTC()
		out[asked] = r
	}
	return out, wrap(rows.Err(), "stories read by user %d", userID)
}

// CountUnreadStories returns how many live stories with articles, last
// updated at or after since, user userID has never read or has read
// with fewer articles than they have now. One pass over the
// stories_updated index from since, with a look-up of the user's read
// and a count of the story's articles (more than seen, 0 when never
// read), each by primary key.
func (db *DB) CountUnreadStories(ctx context.Context, userID int64, since time.Time) (int, error) {
	var n int
	err := db.queryRow(ctx, `SELECT count(*) FROM stories st
		LEFT JOIN story_reads r ON r.user_id = ?1 AND r.story_id = st.id
		WHERE st.merged_into IS NULL AND st.last_updated >= ?2
			AND (SELECT count(*) FROM story_articles sa WHERE sa.story_id = st.id) > coalesce(r.seen, 0)`,
		userID, boundNanos(since)).Scan(&n)
	if err != nil {
		return 0, wrap(err, "count unread stories of user %d", userID)
	}
	return n, nil
}

// Save saves item id of kind for user userID at at (the zero time is
// now; saving again keeps the first time); a story merged away saves the
// live one. An unknown item or user is ENOTFOUND, an unknown kind
// EINVALID.
func (db *DB) Save(ctx context.Context, userID int64, kind storyline.ItemKind, id int64, at time.Time) error {
	at, err := storeutil.SaveTime(kind, at)
	if err != nil {
		return err
	}
	err = db.userWrite(ctx, userID, func(t *txn) error {
		item := id
		if kind == storyline.KindStory {
			var err error
			if item, err = liveStory(t, id); err != nil {
				return err
			}
		} else if err := t.queryRow(`SELECT id FROM articles WHERE id = ?`, id).Scan(&item); errors.Is(err, sql.ErrNoRows) {
			return storeutil.ItemNotFound(kind, id)
		} else if err != nil {
			return err
		}
		_, err := t.exec(`INSERT INTO saved_items (user_id, kind, item_id, saved_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (user_id, kind, item_id) DO NOTHING`, userID, string(kind), item, at.UnixNano())
		return err
	})
	return wrap(err, "save %s %d for user %d", kind, id, userID)
}

// savedItem is the item_id of saved_items that item ?3 of kind ?2 is
// saved as: the live story of a story merged away.
const savedItem = `CASE WHEN ?2 = 'story' THEN coalesce((SELECT merged_into FROM stories WHERE id = ?3), ?3) ELSE ?3 END`

// Unsave removes a saved item (following merges); one not saved is not
// an error, an unknown kind is EINVALID.
func (db *DB) Unsave(ctx context.Context, userID int64, kind storyline.ItemKind, id int64) error {
	if err := storeutil.CheckItemKind("unsave", kind, false); err != nil {
		return err
	}
	err := db.writeTx(ctx, func(t *txn) error {
		_, err := t.exec(`DELETE FROM saved_items WHERE user_id = ?1 AND kind = ?2 AND item_id = `+savedItem, userID, string(kind), id)
		return err
	})
	return wrap(err, "unsave %s %d for user %d", kind, id, userID)
}

// SavedItems lists user userID's saved items of kind ("" for both) that
// still exist, most recently saved first (then articles before stories,
// higher IDs first), at most limit (0 means 50, at most 500) after
// offset.
func (db *DB) SavedItems(ctx context.Context, userID int64, kind storyline.ItemKind, limit, offset int) ([]storyline.Saved, error) {
	if err := storeutil.CheckItemKind("saved items", kind, true); err != nil {
		return nil, err
	}
	limit, err := storeutil.SavedLimit(limit, offset)
	if err != nil {
		return nil, err
	}
	list, err := queryAll(ctx, db, scanSaved, `SELECT v.kind, v.item_id, v.saved_at FROM saved_items v
		WHERE v.user_id = ?1 AND (?2 = '' OR v.kind = ?2) AND CASE v.kind
			WHEN 'article' THEN EXISTS (SELECT 1 FROM articles a WHERE a.id = v.item_id)
			ELSE EXISTS (SELECT 1 FROM stories s WHERE s.id = v.item_id) END
		ORDER BY v.saved_at DESC, v.kind, v.item_id DESC LIMIT ?3 OFFSET ?4`, userID, string(kind), limit, offset)
	return list, wrap(err, "saved items of user %d", userID)
}

// scanSaved reads a saved item's kind, ID and time.
func scanSaved(row scanner) (storyline.Saved, error) {
	var v storyline.Saved
	var kind string
	var at int64
	err := row.Scan(&kind, &v.ItemID, &at)
	v.Kind, v.SavedAt = storyline.ItemKind(kind), time.Unix(0, at).UTC()
	return v, err
}

// SavedAmong returns which of items ids of kind user userID saved
// (following merges), keyed by the IDs asked: those saved are true, the
// others missing. An unknown kind is EINVALID.
func (db *DB) SavedAmong(ctx context.Context, userID int64, kind storyline.ItemKind, ids []int64) (map[int64]bool, error) {
	if err := storeutil.CheckItemKind("saved among", kind, false); err != nil {
		return nil, err
	}
	out := make(map[int64]bool)
	if len(ids) == 0 {
		return out, nil
	}
	// CROSS JOIN keeps json_each outside: the planner would otherwise
	// scan the IDs (parsing them again) for each of the user's saves.
	saved, err := queryAll(ctx, db, scanID, `SELECT j.value FROM json_each(?3) j
		CROSS JOIN saved_items v ON v.user_id = ?1 AND v.kind = ?2 AND v.item_id = CASE WHEN ?2 = 'story'
			THEN coalesce((SELECT merged_into FROM stories WHERE id = j.value), j.value) ELSE j.value END`,
		userID, string(kind), jsonIDs(ids))
	if err != nil {
		return nil, wrap(err, "saved %ss of user %d", kind, userID)
	}
	for _, id := range saved {
		out[id] = true
	}
	return out, nil
}

// AddFollow stores f (see storeutil.PrepareFollow) and sets its ID and
// CreatedAt.
func (db *DB) AddFollow(ctx context.Context, f *storyline.Follow) error {
	key, err := storeutil.PrepareFollow(f)
	if err != nil {
		return err
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	var id int64
	err = db.userWrite(ctx, f.UserID, func(t *txn) error {
		var err error
		id, err = t.insertID(storeutil.FollowTaken(f), `INSERT INTO follows (user_id, kind, value, value_key, entity_kind, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, f.UserID, string(f.Kind), f.Value, key, string(f.EntityKind), now.UnixNano())
		return err
	})
	if err != nil {
		return wrap(err, "add follow %s %q of user %d", f.Kind, f.Value, f.UserID)
	}
	f.ID, f.CreatedAt = id, now
	return nil
}

// Follows lists user userID's follows, oldest first.
func (db *DB) Follows(ctx context.Context, userID int64) ([]*storyline.Follow, error) {
	list, err := queryAll(ctx, db, func(row scanner) (*storyline.Follow, error) {
		var f storyline.Follow
		var at int64
		err := row.Scan(&f.ID, &f.UserID, &f.Kind, &f.Value, &f.EntityKind, &at)
		f.CreatedAt = time.Unix(0, at).UTC()
		return &f, err
	}, `SELECT id, user_id, kind, value, entity_kind, created_at FROM follows WHERE user_id = ? ORDER BY created_at, id`, userID)
	return list, wrap(err, "follows of user %d", userID)
}

// DeleteFollow removes follow id of user userID; one that does not
// exist or is someone else's is ENOTFOUND.
func (db *DB) DeleteFollow(ctx context.Context, userID, id int64) error {
	err := db.writeTx(ctx, func(t *txn) error {
		return t.execOne(storeutil.FollowNotFound(userID, id), `DELETE FROM follows WHERE id = ? AND user_id = ?`, id, userID)
	})
	return wrap(err, "delete follow %d of user %d", id, userID)
}

// AddMute stores m (see storeutil.PrepareMute) and sets its ID and
// CreatedAt.
func (db *DB) AddMute(ctx context.Context, m *storyline.Mute) error {
	key, err := storeutil.PrepareMute(m)
	if err != nil {
		return err
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	var id int64
	err = db.userWrite(ctx, m.UserID, func(t *txn) error {
		var err error
		id, err = t.insertID(storeutil.MuteTaken(m), `INSERT INTO mutes (user_id, kind, value, value_key, created_at)
			VALUES (?, ?, ?, ?, ?)`, m.UserID, string(m.Kind), m.Value, key, now.UnixNano())
		return err
	})
	if err != nil {
		return wrap(err, "add mute %s %q of user %d", m.Kind, m.Value, m.UserID)
	}
	m.ID, m.CreatedAt = id, now
	return nil
}

// Mutes lists user userID's mutes, oldest first.
func (db *DB) Mutes(ctx context.Context, userID int64) ([]*storyline.Mute, error) {
	list, err := queryAll(ctx, db, func(row scanner) (*storyline.Mute, error) {
		var m storyline.Mute
		var at int64
		err := row.Scan(&m.ID, &m.UserID, &m.Kind, &m.Value, &at)
		m.CreatedAt = time.Unix(0, at).UTC()
		return &m, err
	}, `SELECT id, user_id, kind, value, created_at FROM mutes WHERE user_id = ? ORDER BY created_at, id`, userID)
	return list, wrap(err, "mutes of user %d", userID)
}

// DeleteMute removes mute id of user userID; one that does not exist or
// is someone else's is ENOTFOUND.
func (db *DB) DeleteMute(ctx context.Context, userID, id int64) error {
	err := db.writeTx(ctx, func(t *txn) error {
		return t.execOne(storeutil.MuteNotFound(userID, id), `DELETE FROM mutes WHERE id = ? AND user_id = ?`, id, userID)
	})
	return wrap(err, "delete mute %d of user %d", id, userID)
}

// SetFeedToken replaces user userID's feed token hash; "" removes it. An
// unknown user is ENOTFOUND, a hash another user has ECONFLICT.
func (db *DB) SetFeedToken(ctx context.Context, userID int64, hash string) error {
	err := db.writeTx(ctx, func(t *txn) error {
		err := t.execOne(storeutil.UserNotFound(userID), `UPDATE users SET feed_token_hash = nullif(?, '') WHERE id = ?`, hash, userID)
		if isUniqueViolation(err) {
			return storeutil.FeedTokenTaken(userID)
		}
		return err
	})
	return wrap(err, "set the feed token of user %d", userID)
}

// UserByFeedToken returns the user whose feed token has hash, disabled
// or not (the caller refuses disabled users, as for API tokens), or
// ENOTFOUND.
func (db *DB) UserByFeedToken(ctx context.Context, hash string) (*storyline.User, error) {
	if hash == "" {
		return nil, storeutil.FeedTokenNotFound()
	}
	u, err := scanUser(db.queryRow(ctx, `SELECT `+userColumns+` FROM users u WHERE u.feed_token_hash = ?`, hash))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, storeutil.FeedTokenNotFound()
	}
	return u, wrap(err, "user by feed token")
}
