package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// Reading state (storyline.ReadingStore) lives in article_reads,
// story_reads, saved_items, follows, mutes and users.feed_token_hash
// (migration 0016), as in the SQLite store. Lists of IDs go to
// PostgreSQL as one bigint[] parameter, so that a call of any length is
// one fixed statement.
//
// Story reads and saved stories are kept of live stories only: the
// methods follow merges to the live story, and mergeStory carries the
// rows of the story it merges away.

// userTx runs fn in a transaction, with the ENOTFOUND error of user
// userID when it breaks a foreign key (no such user).
func (db *DB) userTx(ctx context.Context, userID int64, fn func(tx pgx.Tx) error) error {
	err := db.tx(ctx, fn)
	if isForeignKeyViolation(err) {
		return storeutil.UserNotFound(userID)
	}
	return err
}

// userExec runs one statement in a transaction of its own (see userTx).
func (db *DB) userExec(ctx context.Context, userID int64, query string, args ...any) error {
	return db.userTx(ctx, userID, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, query, args...)
		return err
	})
}

// MarkArticlesRead marks articles ids read (read true, at at; the zero
// time is now) or unread for user userID; unknown articles are skipped,
// an unknown user is ENOTFOUND.
func (db *DB) MarkArticlesRead(ctx context.Context, userID int64, ids []int64, read bool, at time.Time) error {
	at, err := storeutil.ReadTime("mark articles read", at)
	if err != nil || len(ids) == 0 {
		return err
	}
	if read {
		err = db.userExec(ctx, userID, `INSERT INTO article_reads (user_id, article_id, read_at)
			SELECT $1, a.id, $3 FROM articles a WHERE a.id = ANY($2)
			ON CONFLICT (user_id, article_id) DO UPDATE SET read_at = excluded.read_at`, userID, ids, at)
	} else {
		_, err = db.pool.Exec(ctx, `DELETE FROM article_reads WHERE user_id = $1 AND article_id = ANY($2)`, userID, ids)
	}
	return wrap(err, "mark %d articles read %v for user %d", len(ids), read, userID)
}

// ArticlesRead returns which of articles ids user userID has read: those
// read are true, the others missing.
func (db *DB) ArticlesRead(ctx context.Context, userID int64, ids []int64) (map[int64]bool, error) {
	out, err := db.idSet(ctx, `SELECT article_id FROM article_reads WHERE user_id = $1 AND article_id = ANY($2)`, userID, ids)
	return out, wrap(err, "articles read by user %d", userID)
}

// idSet returns the IDs of query's one column (its parameters: userID,
// ids and more) as a set; nothing is asked for no ids.
func (db *DB) idSet(ctx context.Context, query string, userID int64, ids []int64, more ...any) (map[int64]bool, error) {
	out := make(map[int64]bool)
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := db.pool.Query(ctx, query, append([]any{userID, ids}, more...)...)
	if err != nil {
		return nil, err
	}
	list, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, err
	}
	for _, id := range list {
		out[id] = true
	}
	return out, nil
}

// liveStoriesOf selects the live stories of the story IDs $2 (following
// merges).
const liveStoriesOf = `SELECT coalesce(m.merged_into, m.id) FROM stories m WHERE m.id = ANY($2)`

// MarkStoriesRead marks stories ids (following merges) read by user
// userID at at (the zero time is now) with their article count as Seen,
// or unread; unknown stories are skipped, an unknown user is ENOTFOUND.
func (db *DB) MarkStoriesRead(ctx context.Context, userID int64, ids []int64, read bool, at time.Time) error {
	at, err := storeutil.ReadTime("mark stories read", at)
	if err != nil || len(ids) == 0 {
		return err
	}
	if read {
		err = db.userExec(ctx, userID, `INSERT INTO story_reads (user_id, story_id, seen, read_at)
			SELECT $1, s.id, (SELECT count(*) FROM story_articles sa WHERE sa.story_id = s.id), $3
			FROM stories s WHERE s.id IN (`+liveStoriesOf+`)
			ON CONFLICT (user_id, story_id) DO UPDATE SET seen = excluded.seen, read_at = excluded.read_at`, userID, ids, at)
	} else {
		_, err = db.pool.Exec(ctx, `DELETE FROM story_reads WHERE user_id = $1 AND story_id IN (`+liveStoriesOf+`)`, userID, ids)
	}
	return wrap(err, "mark %d stories read %v for user %d", len(ids), read, userID)
}

// StoriesRead returns user userID's reads of stories ids, keyed by the
// IDs asked; a read's StoryID is the live story's (see Story).
func (db *DB) StoriesRead(ctx context.Context, userID int64, ids []int64) (map[int64]storyline.StoryRead, error) {
	out := make(map[int64]storyline.StoryRead)
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := db.pool.Query(ctx, `SELECT m.id, r.story_id, r.seen, r.read_at FROM stories m
		JOIN story_reads r ON r.user_id = $1 AND r.story_id = coalesce(m.merged_into, m.id)
		WHERE m.id = ANY($2)`, userID, ids)
	if err != nil {
		return nil, wrap(err, "stories read by user %d", userID)
	}
	var asked int64
	var r storyline.StoryRead
	_, err = pgx.ForEachRow(rows, []any{&asked, &r.StoryID, &r.Seen, &r.ReadAt}, func() error {
		r.ReadAt = r.ReadAt.UTC()
		out[asked] = r
		return nil
	})
	if err != nil {
		return nil, wrap(err, "stories read by user %d", userID)
	}
	return out, nil
}

// CountUnreadStories returns how many live stories with articles, last
// updated at or after since, user userID has never read or has read
// with fewer articles than they have now: a scan of stories_updated
// from since, joined to the user's reads, with a count of each story's
// articles (more than seen, 0 when never read) by primary key.
func (db *DB) CountUnreadStories(ctx context.Context, userID int64, since time.Time) (int, error) {
	var n int
	err := db.pool.QueryRow(ctx, `SELECT count(*) FROM stories st
		LEFT JOIN story_reads r ON r.user_id = $1 AND r.story_id = st.id
		WHERE st.merged_into IS NULL AND st.last_updated >= $2
			AND (SELECT count(*) FROM story_articles sa WHERE sa.story_id = st.id) > coalesce(r.seen, 0)`,
		userID, clampTime(since)).Scan(&n)
	if err != nil {
		return 0, wrap(err, "count unread stories of user %d", userID)
	}
	return n, nil
}

// Save saves item id of kind for user userID at at (the zero time is
// now; saving again keeps the first time); a story merged away saves the
// live one, whose row is locked (see lockStory) so that a merge waits
// for the save and then carries it. An unknown item or user is
// ENOTFOUND, an unknown kind EINVALID.
func (db *DB) Save(ctx context.Context, userID int64, kind storyline.ItemKind, id int64, at time.Time) error {
	at, err := storeutil.SaveTime(kind, at)
	if err != nil {
		return err
	}
	err = db.userTx(ctx, userID, func(tx pgx.Tx) error {
		item := id
		if kind == storyline.KindStory {
			var err error
			if item, err = lockStory(ctx, tx, id); err != nil {
				return err
			}
		} else if err := tx.QueryRow(ctx, `SELECT id FROM articles WHERE id = $1 FOR KEY SHARE`, id).Scan(&item); errors.Is(err, pgx.ErrNoRows) {
			return storeutil.ItemNotFound(kind, id)
		} else if err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO saved_items (user_id, kind, item_id, saved_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (user_id, kind, item_id) DO NOTHING`, userID, string(kind), item, at)
		return err
	})
	return wrap(err, "save %s %d for user %d", kind, id, userID)
}

// savedItem is the item_id of saved_items that item $3 of kind $2 is
// saved as: the live story of a story merged away.
const savedItem = `CASE WHEN $2 = 'story' THEN coalesce((SELECT merged_into FROM stories WHERE id = $3::bigint), $3::bigint) ELSE $3::bigint END`

// Unsave removes a saved item (following merges); one not saved is not
// an error, an unknown kind is EINVALID.
func (db *DB) Unsave(ctx context.Context, userID int64, kind storyline.ItemKind, id int64) error {
	if err := storeutil.CheckItemKind("unsave", kind, false); err != nil {
		return err
	}
	_, err := db.pool.Exec(ctx, `DELETE FROM saved_items WHERE user_id = $1 AND kind = $2 AND item_id = `+savedItem,
		userID, string(kind), id)
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
	rows, err := db.pool.Query(ctx, `SELECT v.kind, v.item_id, v.saved_at FROM saved_items v
		WHERE v.user_id = $1 AND ($2 = '' OR v.kind = $2) AND CASE v.kind
			WHEN 'article' THEN EXISTS (SELECT 1 FROM articles a WHERE a.id = v.item_id)
			ELSE EXISTS (SELECT 1 FROM stories s WHERE s.id = v.item_id) END
		ORDER BY v.saved_at DESC, v.kind COLLATE "C", v.item_id DESC LIMIT $3 OFFSET $4`, userID, string(kind), limit, offset)
	if err != nil {
		return nil, wrap(err, "saved items of user %d", userID)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (storyline.Saved, error) {
		var v storyline.Saved
		var kind string
		err := row.Scan(&kind, &v.ItemID, &v.SavedAt)
		v.Kind, v.SavedAt = storyline.ItemKind(kind), v.SavedAt.UTC()
		return v, err
	})
	return list, wrap(err, "saved items of user %d", userID)
}

// SavedAmong returns which of items ids of kind user userID saved
// (following merges), keyed by the IDs asked: those saved are true, the
// others missing. An unknown kind is EINVALID.
func (db *DB) SavedAmong(ctx context.Context, userID int64, kind storyline.ItemKind, ids []int64) (map[int64]bool, error) {
	if err := storeutil.CheckItemKind("saved among", kind, false); err != nil {
		return nil, err
	}
	out, err := db.idSet(ctx, `SELECT j.id FROM unnest($2::bigint[]) AS j (id)
		JOIN saved_items v ON v.user_id = $1 AND v.kind = $3 AND v.item_id = CASE WHEN $3 = 'story'
			THEN coalesce((SELECT merged_into FROM stories WHERE id = j.id), j.id) ELSE j.id END`, userID, ids, string(kind))
	return out, wrap(err, "saved %ss of user %d", kind, userID)
}

// AddFollow stores f (see storeutil.PrepareFollow) and sets its ID and
// CreatedAt.
func (db *DB) AddFollow(ctx context.Context, f *storyline.Follow) error {
	key, err := storeutil.PrepareFollow(f)
	if err != nil {
		return err
	}
	var id int64
	var created time.Time
	err = db.userTx(ctx, f.UserID, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO follows (user_id, kind, value, value_key, entity_kind, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, created_at`, f.UserID, string(f.Kind), f.Value, key, string(f.EntityKind),
			time.Now().UTC()).Scan(&id, &created)
		if isUniqueViolation(err) {
			return storeutil.FollowTaken(f)
		}
		return err
	})
	if err != nil {
		return wrap(err, "add follow %s %q of user %d", f.Kind, f.Value, f.UserID)
	}
	f.ID, f.CreatedAt = id, created.UTC()
	return nil
}

// Follows lists user userID's follows, oldest first.
func (db *DB) Follows(ctx context.Context, userID int64) ([]*storyline.Follow, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, user_id, kind, value, entity_kind, created_at FROM follows
		WHERE user_id = $1 ORDER BY created_at, id`, userID)
	if err != nil {
		return nil, wrap(err, "follows of user %d", userID)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*storyline.Follow, error) {
		var f storyline.Follow
		var kind, entity string
		err := row.Scan(&f.ID, &f.UserID, &kind, &f.Value, &entity, &f.CreatedAt)
		f.Kind, f.EntityKind, f.CreatedAt = storyline.FollowKind(kind), storyline.EntityKind(entity), f.CreatedAt.UTC()
		return &f, err
	})
	return list, wrap(err, "follows of user %d", userID)
}

// DeleteFollow removes follow id of user userID; one that does not
// exist or is someone else's is ENOTFOUND.
func (db *DB) DeleteFollow(ctx context.Context, userID, id int64) error {
	tag, err := db.pool.Exec(ctx, `DELETE FROM follows WHERE id = $1 AND user_id = $2`, id, userID)
	if err == nil && tag.RowsAffected() == 0 {
		err = storeutil.FollowNotFound(userID, id)
	}
	return wrap(err, "delete follow %d of user %d", id, userID)
}

// AddMute stores m (see storeutil.PrepareMute) and sets its ID and
// CreatedAt.
func (db *DB) AddMute(ctx context.Context, m *storyline.Mute) error {
	key, err := storeutil.PrepareMute(m)
	if err != nil {
		return err
	}
	var id int64
	var created time.Time
	err = db.userTx(ctx, m.UserID, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO mutes (user_id, kind, value, value_key, created_at)
			VALUES ($1, $2, $3, $4, $5) RETURNING id, created_at`, m.UserID, string(m.Kind), m.Value, key,
			time.Now().UTC()).Scan(&id, &created)
		if isUniqueViolation(err) {
			return storeutil.MuteTaken(m)
		}
		return err
	})
	if err != nil {
		return wrap(err, "add mute %s %q of user %d", m.Kind, m.Value, m.UserID)
	}
	m.ID, m.CreatedAt = id, created.UTC()
	return nil
}

// Mutes lists user userID's mutes, oldest first.
func (db *DB) Mutes(ctx context.Context, userID int64) ([]*storyline.Mute, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, user_id, kind, value, created_at FROM mutes
		WHERE user_id = $1 ORDER BY created_at, id`, userID)
	if err != nil {
		return nil, wrap(err, "mutes of user %d", userID)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*storyline.Mute, error) {
		var m storyline.Mute
		var kind string
		err := row.Scan(&m.ID, &m.UserID, &kind, &m.Value, &m.CreatedAt)
		m.Kind, m.CreatedAt = storyline.MuteKind(kind), m.CreatedAt.UTC()
		return &m, err
	})
	return list, wrap(err, "mutes of user %d", userID)
}

// DeleteMute removes mute id of user userID; one that does not exist or
// is someone else's is ENOTFOUND.
func (db *DB) DeleteMute(ctx context.Context, userID, id int64) error {
	tag, err := db.pool.Exec(ctx, `DELETE FROM mutes WHERE id = $1 AND user_id = $2`, id, userID)
	if err == nil && tag.RowsAffected() == 0 {
		err = storeutil.MuteNotFound(userID, id)
	}
	return wrap(err, "delete mute %d of user %d", id, userID)
}

// SetFeedToken replaces user userID's feed token hash; "" removes it. An
// unknown user is ENOTFOUND, a hash another user has ECONFLICT.
func (db *DB) SetFeedToken(ctx context.Context, userID int64, hash string) error {
	if err := checkStorable("feed token hash", hash); err != nil {
		return err
	}
	tag, err := db.pool.Exec(ctx, `UPDATE users SET feed_token_hash = nullif($1, '') WHERE id = $2`, hash, userID)
	switch {
	case isUniqueViolation(err):
		err = storeutil.FeedTokenTaken(userID)
	case err == nil && tag.RowsAffected() == 0:
		err = storeutil.UserNotFound(userID)
	}
	return wrap(err, "set the feed token of user %d", userID)
}

// UserByFeedToken returns the user whose feed token has hash, disabled
// or not (the caller refuses disabled users, as for API tokens), or
// ENOTFOUND.
func (db *DB) UserByFeedToken(ctx context.Context, hash string) (*storyline.User, error) {
	if hash == "" || !storable(hash) {
		return nil, storeutil.FeedTokenNotFound()
	}
	u, err := scanUser(db.pool.QueryRow(ctx, `SELECT `+userColumns+` FROM users u WHERE u.feed_token_hash = $1`, hash))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, storeutil.FeedTokenNotFound()
	}
	return u, wrap(err, "user by feed token")
}
