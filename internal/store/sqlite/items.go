package sqlite

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// Items for feed-reading apps (storyline.ItemStore): queries over the
// canonical articles of feeds, or over stories, built by storeutil with
// lists of IDs as one JSON array (json_each).

// itemDialect is SQLite's way of writing an item query.
func itemDialect() storeutil.ItemDialect {
	return storeutil.ItemDialect{
		Param:  func(n int) string { return "?" + strconv.Itoa(n) },
		InIDs:  func(column, param string) string { return column + " IN (SELECT value FROM json_each(" + param + "))" },
		IDsArg: func(ids []int64) any { return jsonIDs(ids) },
		Time:   func(t time.Time) any { return boundNanos(t) },
	}
}

// ItemRefs lists the items q selects.
func (db *DB) ItemRefs(ctx context.Context, q storyline.ItemQuery) ([]storyline.ItemRef, error) {
	if err := storeutil.CheckItemQuery(q); err != nil {
		return nil, err
	}
	query, args := storeutil.ItemRefsSQL(q, itemDialect())
	refs, err := queryAll(ctx, db, func(row scanner) (storyline.ItemRef, error) {
		var r storyline.ItemRef
		var stored, published sql.NullInt64
		err := row.Scan(&r.ID, &r.FeedID, &stored, &published)
		r.Stored, r.Published = timeOf(stored), timeOf(published)
		return r, err
	}, query, args...)
	return refs, wrap(err, "items")
}

// CountItems counts the items q selects, ignoring its Limit.
func (db *DB) CountItems(ctx context.Context, q storyline.ItemQuery) (int, error) {
	if err := storeutil.CheckItemQuery(q); err != nil {
		return 0, err
	}
	query, args := storeutil.CountItemsSQL(q, itemDialect())
	var n int
	err := db.queryRow(ctx, query, args...).Scan(&n)
	return n, wrap(err, "count items")
}

// ArticlesByID returns the articles with ids as Article does, in the
// order asked, each once.
func (db *DB) ArticlesByID(ctx context.Context, ids []int64) ([]*storyline.Article, error) {
	if len(ids) > storeutil.MaxItemIDs {
		return nil, storyline.Errorf(storyline.EINVALID, "articles by ID: %d IDs: at most %d at once", len(ids), storeutil.MaxItemIDs)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	list, err := queryAll(ctx, db, func(row scanner) (*storyline.Article, error) { return scanArticle(row) },
		`SELECT `+articleColumns(true)+articleFrom+`WHERE a.id IN (SELECT value FROM json_each(?))`, jsonIDs(ids))
	if err != nil {
		return nil, wrap(err, "articles by ID")
	}
	return storeutil.InIDOrder(list, ids), nil
}

// UnreadByFeed counts the unread items q selects by feed.
func (db *DB) UnreadByFeed(ctx context.Context, q storyline.ItemQuery) ([]storyline.FeedUnread, error) {
	query, args, err := storeutil.UnreadByFeedSQL(q, itemDialect())
	if err != nil {
		return nil, err
	}
	list, err := queryAll(ctx, db, func(row scanner) (storyline.FeedUnread, error) {
		var u storyline.FeedUnread
		var newest sql.NullInt64
		err := row.Scan(&u.FeedID, &u.Count, &newest)
		u.Newest = timeOf(newest)
		return u, err
	}, query, args...)
	return list, wrap(err, "unread by feed for user %d", q.UserID)
}

// MarkItemsRead marks the items q selects read or unread for q.UserID,
// the statements of storeutil.MarkItemsSQL in one write transaction.
func (db *DB) MarkItemsRead(ctx context.Context, q storyline.ItemQuery, read bool, at time.Time) (int, error) {
	if err := storeutil.CheckItemQuery(q); err != nil {
		return 0, err
	}
	if q.UserID <= 0 {
		return 0, storyline.Errorf(storyline.EINVALID, "mark items read: no user")
	}
	at, err := storeutil.ReadTime("mark items read", at)
	if err != nil {
		return 0, err
	}
	stmts := storeutil.MarkItemsSQL(q, itemDialect(), read, at.UnixNano())
	var n int64
	err = db.userWrite(ctx, q.UserID, func(t *txn) error {
		for _, st := range stmts {
			res, err := t.exec(st.SQL, st.Args...)
			if err == nil {
				n, err = res.RowsAffected()
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	return int(n), wrap(err, "mark items read %v for user %d", read, q.UserID)
}
