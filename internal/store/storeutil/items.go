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

// ItemWhere returns the FROM and WHERE clauses of q over articles a (and
// feeds f when it filters by category), with their arguments, the first
// numbered from 1.
func ItemWhere(q storyline.ItemQuery, d ItemDialect) (string, []any) {
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return d.Param(len(args))
	}
	from := " FROM articles a"
	conds := []string{"a.copy_of IS NULL", "a.feed_id IS NOT NULL"}
	if q.Category != "" {
		from += " JOIN feeds f ON f.id = a.feed_id"
		conds = append(conds, "f.category = "+arg(q.Category))
	}
	if q.FeedID != 0 {
		conds = append(conds, "a.feed_id = "+arg(q.FeedID))
	}
	if q.FeedIDs != nil {
		conds = append(conds, d.InIDs("a.feed_id", arg(d.IDsArg(q.FeedIDs))))
	}
	if q.Unread || q.Read {
		exists := "EXISTS (SELECT 1 FROM article_reads r WHERE r.user_id = " + arg(q.UserID) + " AND r.article_id = a.id)"
		if q.Unread {
			exists = "NOT " + exists
		}
		conds = append(conds, exists)
	}
	if q.Saved {
		conds = append(conds, "EXISTS (SELECT 1 FROM saved_items v WHERE v.user_id = "+arg(q.UserID)+
			" AND v.kind = 'article' AND v.item_id = a.id)")
	}
	if !q.StoredSince.IsZero() {
		conds = append(conds, "a.created_at >= "+arg(d.Time(q.StoredSince)))
	}
	if !q.StoredBefore.IsZero() {
		conds = append(conds, "a.created_at < "+arg(d.Time(q.StoredBefore)))
	}
	if q.AfterID > 0 {
		conds = append(conds, "a.id > "+arg(q.AfterID))
	}
	if q.BeforeID > 0 {
		conds = append(conds, "a.id < "+arg(q.BeforeID))
	}
	if q.IDs != nil {
		conds = append(conds, d.InIDs("a.id", arg(d.IDsArg(q.IDs))))
	}
	return from + " WHERE " + strings.Join(conds, " AND "), args
}

// ItemOrder returns the ORDER BY and LIMIT clauses of q, its limit added
// to args.
func ItemOrder(q storyline.ItemQuery, d ItemDialect, args []any) (string, []any) {
	order := " ORDER BY a.id DESC"
	if q.OldestFirst {
		order = " ORDER BY a.id ASC"
	}
	if q.Limit > 0 {
		args = append(args, q.Limit)
		order += " LIMIT " + d.Param(len(args))
	}
	return order, args
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

// MarkItemsSQL returns the statement that marks the items q selects read
// (read true, at the argument atArg makes of the time) or unread for
// q.UserID, with its arguments; its Limit and order are ignored.
func MarkItemsSQL(q storyline.ItemQuery, d ItemDialect, read bool, at any) (string, []any) {
	q.Limit, q.OldestFirst = 0, false
	where, args := ItemWhere(q, d)
	args = append(args, q.UserID)
	user := d.Param(len(args))
	if !read {
		return "DELETE FROM article_reads WHERE user_id = " + user + " AND article_id IN (SELECT a.id" + where + ")", args
	}
	args = append(args, at)
	return "INSERT INTO article_reads (user_id, article_id, read_at) SELECT " + user + ", a.id, " + d.Param(len(args)) +
		where + " ON CONFLICT (user_id, article_id) DO NOTHING", args
}
