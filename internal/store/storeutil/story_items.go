package storeutil

import "github.com/storyline/storyline"

// Stories as items (ItemQuery.Stories): one item per live story holding
// a canonical article that arrived through a feed.

// leadFeed is the lead feed of story st: that of its first (lowest ID)
// canonical article that arrived through a feed, NULL when it has none.
// The primary key of story_articles gives a story's articles in ID
// order.
const leadFeed = `(SELECT la.feed_id FROM story_articles lsa JOIN articles la ON la.id = lsa.article_id
	WHERE lsa.story_id = st.id AND la.feed_id IS NOT NULL AND la.copy_of IS NULL
	ORDER BY lsa.article_id LIMIT 1)`

// storyArticleCount is the number of articles of story s, copies
// included: what a read of it has seen when it was read as it is now
// (MarkStoriesRead).
const storyArticleCount = `(SELECT count(*) FROM story_articles ca WHERE ca.story_id = s.id)`

// storyItems are the live stories with their lead feed, stories s:
// s.id, s.feed_id, s.last_updated and s.first_seen; those without a lead
// feed are no items. A user has read a story unless it has more articles
// than their read of it has seen (none when never read).
func storyItems() itemSource {
	return itemSource{
		from: " FROM (SELECT st.id, st.last_updated, st.first_seen, " + leadFeed +
			" AS feed_id FROM stories st WHERE st.merged_into IS NULL) s",
		cols:  itemColumns{"s.id", "s.feed_id", "s.last_updated", "s.first_seen"},
		base:  []string{"s.feed_id IS NOT NULL"},
		saved: storyline.KindStory,
		read: func(user string) string {
			return "(" + storyArticleCount + " <= coalesce((SELECT r.seen FROM story_reads r WHERE r.user_id = " +
				user + " AND r.story_id = s.id), 0))"
		},
	}
}

// markStoriesSQL returns the statements of MarkItemsSQL for stories.
//
// Marking them read first marks every article of the stories q selects
// read (copies too; those read already keep their read), then reads each
// story as it is now: its article count as seen, at at. A story already
// read as it is now keeps its read, so the second statement affects the
// stories that were unread, which is how many changed. Marking articles
// read changes no story's state, so both statements select the same
// stories (the second sees no change of its own: its SELECT is evaluated
// before its rows are written).
//
// Marking them unread deletes the user's reads of the stories only, their
// articles' reads kept.
func markStoriesSQL(q storyline.ItemQuery, d ItemDialect, read bool, at any) []ItemStmt {
	where, args := ItemWhere(q, d)
	args = append(args, q.UserID)
	user := d.Param(len(args))
	if !read {
		return []ItemStmt{{"DELETE FROM story_reads WHERE user_id = " + user + " AND story_id IN (SELECT s.id" + where + ")", args}}
	}
	args = append(args, at)
	when := d.Param(len(args))
	return []ItemStmt{
		{"INSERT INTO article_reads (user_id, article_id, read_at) SELECT " + user + ", sa.article_id, " + when +
			" FROM story_articles sa WHERE sa.story_id IN (SELECT s.id" + where + ")" +
			" ON CONFLICT (user_id, article_id) DO NOTHING", args},
		{"INSERT INTO story_reads (user_id, story_id, seen, read_at) SELECT " + user + ", s.id, " + storyArticleCount + ", " + when +
			where + " ON CONFLICT (user_id, story_id) DO UPDATE SET seen = excluded.seen, read_at = excluded.read_at" +
			" WHERE story_reads.seen < excluded.seen", args},
	}
}
