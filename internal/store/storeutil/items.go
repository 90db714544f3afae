package storeutil

import (
	"strings"
	"time"

	"github.com/storyline/storyline"
)

// MaxItemIDs is the most IDs an ItemQuery or ArticlesByID may name: what
// one request of an app asks for, with room.
const MaxItemIDs = 10_000

// ItemDialect is how a store writes the parts of an item query that
// differ between SQL dialects.
type ItemDialect struct {
	// Param returns the placeholder of the nth argument (1-based).
	Param func(n int) string
	// InIDs returns the condition that column is one of the IDs passed
	// as the argument whose placeholder is param (see IDsArg).
	InIDs func(column, param string) string
	// IDsArg turns IDs into that argument.
	IDsArg func(ids []int64) any
	// Time turns a time into the argument a stored time compares with.
	Time func(t time.Time) any
}

// CheckItemQuery refuses a query no store can answer: negative bounds or
// limit, or too many IDs.
func CheckItemQuery(q storyline.ItemQuery) error {
	switch {
	case q.Limit < 0:
		return storyline.Errorf(storyline.EINVALID, "items: limit %d: want 0 (all) or more", q.Limit)
	case q.AfterID < 0 || q.BeforeID < 0:
		return storyline.Errorf(storyline.EINVALID, "items: ID bounds %d and %d: want 0 (none) or more", q.AfterID, q.BeforeID)
	case len(q.IDs) > MaxItemIDs || len(q.FeedIDs) > MaxItemIDs:
		return storyline.Errorf(storyline.EINVALID, "items: %d IDs and %d feeds: at most %d at once", len(q.IDs), len(q.FeedIDs), MaxItemIDs)
	case (q.Unread || q.Read || q.Saved) && q.UserID <= 0:
		return storyline.Errorf(storyline.EINVALID, "items: a reading-state filter needs a user")
	}
	return nil
}

// itemSource is what an item query reads: the FROM clause, the columns
// of an item in it, the conditions every item meets, the kind its saves
// are of, and the condition that a user (the placeholder passed) has
// read an item.
type itemSource struct {
	from  string
	cols  itemColumns
	base  []string
	saved storyline.ItemKind
	read  func(user string) string
}

// itemColumns are the columns of an item in the FROM clause of an
// itemSource: its ID, its feed, when it was stored and when it was
// published.
type itemColumns struct{ id, feed, stored, published string }

// articleItems are the canonical articles that arrived through a feed,
// articles a.
func articleItems() itemSource {
	return itemSource{
		from:  " FROM articles a",
		cols:  itemColumns{"a.id", "a.feed_id", "a.created_at", "a.published"},
		base:  []string{"a.copy_of IS NULL", "a.feed_id IS NOT NULL"},
		saved: storyline.KindArticle,
		read: func(user string) string {
			return "EXISTS (SELECT 1 FROM article_reads r WHERE r.user_id = " + user + " AND r.article_id = a.id)"
		},
	}
}

// sourceOf returns what q reads: articles, or stories (storyItems).
func sourceOf(q storyline.ItemQuery) itemSource {
	if q.Stories {
		return storyItems()
	}
	return articleItems()
}

// ItemWhere returns the FROM and WHERE clauses of q over its items —
// articles a, or with q.Stories the stories s (see storyItems) — and
// feeds f when it filters by category (the feed's, or a story's lead
// feed's), with their arguments, the first numbered from 1.
func ItemWhere(q storyline.ItemQuery, d ItemDialect) (string, []any) {
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return d.Param(len(args))
	}
	src := sourceOf(q)
	c := src.cols
	from := src.from
	conds := src.base
	if q.Category != "" {
		from += " JOIN feeds f ON f.id = " + c.feed
		conds = append(conds, "f.category = "+arg(q.Category))
	}
	if q.FeedID != 0 {
		conds = append(conds, c.feed+" = "+arg(q.FeedID))
	}
	if q.FeedIDs != nil {
		conds = append(conds, d.InIDs(c.feed, arg(d.IDsArg(q.FeedIDs))))
	}
	if q.Unread || q.Read {
		read := src.read(arg(q.UserID))
		if q.Unread {
			read = "NOT " + read
		}
		conds = append(conds, read)
	}
	if q.Saved {
		conds = append(conds, "EXISTS (SELECT 1 FROM saved_items v WHERE v.user_id = "+arg(q.UserID)+
			" AND v.kind = '"+string(src.saved)+"' AND v.item_id = "+c.id+")")
	}
	if !q.StoredSince.IsZero() {
		conds = append(conds, c.stored+" >= "+arg(d.Time(q.StoredSince)))
	}
	if !q.StoredBefore.IsZero() {
		conds = append(conds, c.stored+" < "+arg(d.Time(q.StoredBefore)))
	}
	if q.AfterID > 0 {
		conds = append(conds, c.id+" > "+arg(q.AfterID))
	}
	if q.BeforeID > 0 {
		conds = append(conds, c.id+" < "+arg(q.BeforeID))
	}
	if q.IDs != nil {
		conds = append(conds, d.InIDs(c.id, arg(d.IDsArg(q.IDs))))
	}
	return from + " WHERE " + strings.Join(conds, " AND "), args
}

// ItemOrder returns the ORDER BY and LIMIT clauses of q, its limit added
// to args.
func ItemOrder(q storyline.ItemQuery, d ItemDialect, args []any) (string, []any) {
	order := " ORDER BY " + sourceOf(q).cols.id + " DESC"
	if q.OldestFirst {
		order = " ORDER BY " + sourceOf(q).cols.id + " ASC"
	}
	if q.Limit > 0 {
		args = append(args, q.Limit)
		order += " LIMIT " + d.Param(len(args))
	}
	return order, args
}

// ItemRefsSQL returns the query of the items q selects, in its order and
// up to its limit, with its arguments: each row an item's ID, feed ID,
// stored time and published time (either may be NULL), as ItemRef has
// them.
func ItemRefsSQL(q storyline.ItemQuery, d ItemDialect) (string, []any) {
	where, args := ItemWhere(q, d)
	order, args := ItemOrder(q, d, args)
	c := sourceOf(q).cols
	return "SELECT " + c.id + ", " + c.feed + ", " + c.stored + ", " + c.published + where + order, args
}

// CountItemsSQL returns the query of how many items q selects (its Limit
// ignored), with its arguments.
func CountItemsSQL(q storyline.ItemQuery, d ItemDialect) (string, []any) {
	where, args := ItemWhere(q, d)
	return "SELECT count(*)" + where, args
}

// UnreadByFeedSQL returns the query of UnreadByFeed: of the items q
// selects that q.UserID has not read (Unread implied; its Limit and order
// ignored), by feed (a story's lead feed) in ascending ID order, each
// row a feed's ID, how many and the latest stored time (NULL when none is
// known). A query without a user, or one CheckItemQuery refuses, is
// EINVALID.
func UnreadByFeedSQL(q storyline.ItemQuery, d ItemDialect) (string, []any, error) {
	if err := CheckItemQuery(q); err != nil {
		return "", nil, err
	}
	if q.UserID <= 0 {
		return "", nil, storyline.Errorf(storyline.EINVALID, "unread by feed: no user")
	}
	q.Unread, q.Limit, q.OldestFirst = true, 0, false
	where, args := ItemWhere(q, d)
	c := sourceOf(q).cols
	return "SELECT " + c.feed + ", count(*), max(" + c.stored + ")" + where +
		" GROUP BY " + c.feed + " ORDER BY " + c.feed, args, nil
}

// InIDOrder returns the articles of list in the order of ids, each once.
func InIDOrder(list []*storyline.Article, ids []int64) []*storyline.Article {
	byID := make(map[int64]*storyline.Article, len(list))
	for _, a := range list {
		byID[a.ID] = a
	}
	out := make([]*storyline.Article, 0, len(list))
	for _, id := range ids {
		if a, ok := byID[id]; ok {
			out = append(out, a)
			delete(byID, id)
		}
	}
	return out
}

// ItemStmt is one SQL statement with its arguments.
type ItemStmt struct {
	SQL  string
	Args []any
}

// MarkItemsSQL returns the statements that mark the items q selects read
// (read true, at the argument at the store makes of the time) or unread
// for q.UserID, with their arguments; its Limit and order are ignored. A
// store runs them in order in one transaction: the rows the last one
// affects are how many items it changed. See markStoriesSQL for stories.
func MarkItemsSQL(q storyline.ItemQuery, d ItemDialect, read bool, at any) []ItemStmt {
	q.Limit, q.OldestFirst = 0, false
	if q.Stories {
		return markStoriesSQL(q, d, read, at)
	}
	where, args := ItemWhere(q, d)
	args = append(args, q.UserID)
	user := d.Param(len(args))
	if !read {
		return []ItemStmt{{"DELETE FROM article_reads WHERE user_id = " + user + " AND article_id IN (SELECT a.id" + where + ")", args}}
	}
	args = append(args, at)
	return []ItemStmt{{"INSERT INTO article_reads (user_id, article_id, read_at) SELECT " + user + ", a.id, " + d.Param(len(args)) +
		where + " ON CONFLICT (user_id, article_id) DO NOTHING", args}}
}
