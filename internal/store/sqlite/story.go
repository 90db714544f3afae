package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// SaveAnalysis stores an article's analysis and puts the article in story
// a.StoryID (created, titled after the article, when new; followed when
// merged), in one transaction. A StoryID of 0 takes the article out of
// its story.
func (db *DB) SaveAnalysis(ctx context.Context, a *storyline.Analysis) error {
	if a == nil || a.ArticleID <= 0 {
		return storyline.Errorf(storyline.EINVALID, "save analysis: no article")
	}
	err := db.writeTx(ctx, func(t *txn) error { return saveAnalysis(t, a) })
	return wrap(err, "save analysis of article %d", a.ArticleID)
}

// saveAnalysis stores analysis a and puts its article in its story.
func saveAnalysis(t *txn, a *storyline.Analysis) error {
	summary, err1 := json.Marshal(nonNil(a.Summary))
	keyphrases, err2 := json.Marshal(nonNil(a.Keyphrases))
	entities, err3 := json.Marshal(nonNil(a.Entities))
	if err := errors.Join(err1, err2, err3); err != nil {
		return err
	}
	var title string
	var published sql.NullInt64
	var created int64
	err := t.queryRow(`SELECT title, published, created_at FROM articles WHERE id = ?`, a.ArticleID).Scan(&title, &published, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return storyline.Errorf(storyline.ENOTFOUND, "article %d not found", a.ArticleID)
	}
	if err != nil {
		return err
	}
	if _, err := t.exec(`INSERT INTO article_analysis (article_id, version, language, summary,
		keyphrases, entities, signature, analyzed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (article_id) DO UPDATE SET version = excluded.version,
		language = excluded.language, summary = excluded.summary,
		keyphrases = excluded.keyphrases, entities = excluded.entities,
		signature = excluded.signature, analyzed_at = excluded.analyzed_at`,
		a.ArticleID, a.Version, a.Language, string(summary), string(keyphrases), string(entities),
		a.Signature, time.Now().UnixNano()); err != nil {
		return err
	}
	return joinStory(t, a.ArticleID, a.StoryID, title, published, created)
}

// joinStory makes story id (created if new) the one story of an article
// titled title, published when published says (NULL: undated) and stored
// at created; id 0 takes the article out of any story. A dated article
// stretches the story's times to its date; an undated one only gives a
// story without dated articles the time it was stored, if it has none.
// The story the article leaves, if another, is dealt with by leaveStory.
func joinStory(t *txn, article, id int64, title string, published sql.NullInt64, created int64) error {
	at := created
	if published.Valid {
		at = published.Int64
	}
	var left int64
	if err := t.queryRow(`SELECT coalesce((SELECT story_id FROM story_articles WHERE article_id = ?), 0)`, article).Scan(&left); err != nil {
		return err
	}
	if _, err := t.exec(`DELETE FROM story_articles WHERE article_id = ?`, article); err != nil {
		return err
	}
	if id == 0 {
		return leaveStory(t, left, 0)
	}
	if _, err := t.exec(`INSERT INTO stories (id, title, first_seen, last_updated) VALUES (?, ?, ?, ?)
		ON CONFLICT (id) DO NOTHING`, id, title, at, at); err != nil {
		return err
	}
	live, err := liveStory(t, id)
	if err != nil {
		return err
	}
	if _, err := t.exec(`INSERT INTO story_articles (story_id, article_id) VALUES (?, ?)`, live, article); err != nil {
		return err
	}
	if published.Valid {
		_, err = t.exec(`UPDATE stories SET
			first_seen = CASE WHEN dated THEN min(first_seen, ?1) ELSE ?1 END,
			last_updated = CASE WHEN dated THEN max(last_updated, ?1) ELSE ?1 END,
			dated = 1 WHERE id = ?2`, at, live)
	} else {
		_, err = t.exec(`UPDATE stories SET first_seen = coalesce(first_seen, ?1),
			last_updated = coalesce(last_updated, ?1) WHERE id = ?2`, at, live)
	}
	if err != nil || left == live {
		return err
	}
	return leaveStory(t, left, live)
}

// leaveStory deals with story left (0: none), which an article just left
// for story live (0: none): a story made before stories were indexed (no
// centroid) that is now empty is merged into live, so that its comments
// and links follow; otherwise its times are worked out again from the
// articles it keeps.
func leaveStory(t *txn, left, live int64) error {
	if left == 0 {
		return nil
	}
	var orphan bool
	if err := t.queryRow(`SELECT NOT EXISTS (SELECT 1 FROM story_articles WHERE story_id = ?1)
		AND NOT EXISTS (SELECT 1 FROM story_centroids WHERE story_id = ?1)
		AND EXISTS (SELECT 1 FROM stories WHERE id = ?1 AND merged_into IS NULL)`, left).Scan(&orphan); err != nil {
		return err
	}
	if orphan && live != 0 {
		if err := mergeStories(t, live, []int64{left}); err != nil {
			return err
		}
		return storyTimes(t, live)
	}
	return storyTimes(t, left)
}

// storyTimes works out story id's times again from its articles: its dated
// articles' dates, else when its first article was stored. A story left
// without articles keeps its times.
func storyTimes(t *txn, id int64) error {
	_, err := t.exec(`UPDATE stories SET
		dated = d.dated,
		first_seen = CASE WHEN d.dated THEN d.first ELSE d.stored END,
		last_updated = CASE WHEN d.dated THEN d.last ELSE d.stored END
		FROM (SELECT count(a.published) > 0 AS dated, min(a.published) AS first, max(a.published) AS last,
			min(a.created_at) AS stored, count(*) AS n
			FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ?1) AS d
		WHERE stories.id = ?1 AND d.n > 0`, id)
	return err
}

// liveStory returns the story that id is, or was merged into.
func liveStory(t *txn, id int64) (int64, error) {
	var live int64
	err := t.queryRow(`SELECT coalesce(merged_into, id) FROM stories WHERE id = ?`, id).Scan(&live)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, storyline.Errorf(storyline.ENOTFOUND, "story %d not found", id)
	}
	return live, err
}

// Analysis returns an article's analysis, or ENOTFOUND.
func (db *DB) Analysis(ctx context.Context, articleID int64) (*storyline.Analysis, error) {
	a := &storyline.Analysis{ArticleID: articleID}
	var summary, keyphrases, entities string
	var story sql.NullInt64
	err := db.queryRow(ctx, `SELECT x.version, x.language, x.summary, x.keyphrases,
		x.entities, x.signature, (SELECT story_id FROM story_articles WHERE article_id = x.article_id)
		FROM article_analysis x WHERE x.article_id = ?`, articleID).
		Scan(&a.Version, &a.Language, &summary, &keyphrases, &entities, &a.Signature, &story)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, storyline.Errorf(storyline.ENOTFOUND, "analysis of article %d not found", articleID)
	}
	if err != nil {
		return nil, wrap(err, "analysis of article %d", articleID)
	}
	a.StoryID = story.Int64
	if err := errors.Join(json.Unmarshal([]byte(summary), &a.Summary),
		json.Unmarshal([]byte(keyphrases), &a.Keyphrases),
		json.Unmarshal([]byte(entities), &a.Entities)); err != nil {
		return nil, wrap(err, "analysis of article %d", articleID)
	}
	return a, nil
}

// SaveStories stores stories' aggregates, weighted terms and labels (see
// labels.go) in one transaction.
func (db *DB) SaveStories(ctx context.Context, updates ...storyline.StoryUpdate) error {
	type encoded struct{ keyphrases, entities, brief string }
	enc := make([]encoded, len(updates))
	for i, u := range updates {
		if u.Story == nil || u.Story.ID <= 0 {
			return storyline.Errorf(storyline.EINVALID, "save stories: update %d has no story", i)
		}
		k, err1 := json.Marshal(nonNil(u.Story.Keyphrases))
		e, err2 := json.Marshal(nonNil(u.Story.Entities))
		b, err3 := storeutil.EncodeBrief(u.Story.Brief)
		if err := errors.Join(err1, err2, err3); err != nil {
			return wrap(err, "save story %d", u.Story.ID)
		}
		enc[i] = encoded{string(k), string(e), b}
	}
	if len(updates) == 0 {
		return nil
	}
	err := db.writeTx(ctx, func(t *txn) error {
		for i, u := range updates {
			s := u.Story
			live, err := liveStory(t, s.ID)
			if err != nil {
				return err
			}
			// A model's brief, when there is one, keeps its text as the
			// summary (see SaveModelBrief).
			if _, err := t.exec(`UPDATE stories SET title = ?, summary = CASE WHEN model_brief IS NULL THEN ? ELSE summary END,
				keyphrases = ?, entities = ?, language = ?, brief = ? WHERE id = ?`,
				s.Title, s.Summary, enc[i].keyphrases, enc[i].entities, s.Language, enc[i].brief, live); err != nil {
				return err
			}
			if _, err := t.exec(`DELETE FROM story_terms WHERE story_id = ?`, live); err != nil {
				return err
			}
			if err := insertTerms(t, live, u.Terms); err != nil {
				return err
			}
			if err := relabelStory(t, live, s.Keyphrases, s.Entities); err != nil {
				return err
			}
		}
		return nil
	})
	return wrap(err, "save %d stories", len(updates))
}

// insertTerms writes the weighted terms of story id.
func insertTerms(t *txn, id int64, terms map[string]float64) error {
	args := make([]any, 0, 3*len(terms))
	for term, w := range terms {
		args = append(args, term, id, w)
	}
	return insertRows(t.exec, `INSERT INTO story_terms (term, story_id, weight) VALUES `, 3, args)
}

// MergeStories moves the articles of the stories from into story into.
// The stories merged away keep their comments, which count as the
// surviving story's, and lose their terms and labels.
func (db *DB) MergeStories(ctx context.Context, into int64, from []int64) error {
	err := db.writeTx(ctx, func(t *txn) error { return mergeStories(t, into, from) })
	return wrap(err, "merge stories %v into %d", from, into)
}

// mergeStories moves the articles of stories from into story into.
func mergeStories(t *txn, into int64, from []int64) error {
	target, err := liveStory(t, into)
	if err != nil {
		return err
	}
	for _, f := range from {
		src, err := liveStory(t, f)
		if err != nil {
			return err
		}
		if src == target {
			continue
		}
		for _, q := range []string{
			`UPDATE story_articles SET story_id = ?2 WHERE story_id = ?1`,
			`UPDATE stories SET merged_into = ?2 WHERE id = ?1 OR merged_into = ?1`,
			`DELETE FROM story_terms WHERE story_id = ?1`,
			`DELETE FROM story_labels WHERE story_id = ?1`,
			// Users' reads and saves (see reading.go): a user who read
			// both stories has read the sum of what each had (one who
			// read src only has target unread, its new reports showing);
			// src's saves become target's, at the earlier time when both
			// were saved.
			`UPDATE story_reads SET seen = story_reads.seen + m.seen, read_at = max(story_reads.read_at, m.read_at)
				FROM story_reads m WHERE m.story_id = ?1 AND m.user_id = story_reads.user_id AND story_reads.story_id = ?2`,
			`DELETE FROM story_reads WHERE story_id = ?1`,
			`INSERT INTO saved_items (user_id, kind, item_id, saved_at)
				SELECT user_id, kind, ?2, saved_at FROM saved_items WHERE kind = 'story' AND item_id = ?1
				ON CONFLICT (user_id, kind, item_id) DO UPDATE SET saved_at = min(saved_at, excluded.saved_at)`,
			`DELETE FROM saved_items WHERE kind = 'story' AND item_id = ?1`,
		} {
			if _, err := t.exec(q, src, target); err != nil {
				return err
			}
		}
		// Dated times win over undated stories' storage times.
		if _, err := t.exec(`UPDATE stories SET
			first_seen = CASE WHEN s.dated = stories.dated THEN min(stories.first_seen, s.first_seen)
				WHEN s.dated THEN s.first_seen ELSE stories.first_seen END,
			last_updated = CASE WHEN s.dated = stories.dated THEN max(stories.last_updated, s.last_updated)
				WHEN s.dated THEN s.last_updated ELSE stories.last_updated END,
			dated = stories.dated OR s.dated
			FROM (SELECT first_seen, last_updated, dated FROM stories WHERE id = ?1) AS s
			WHERE stories.id = ?2`, src, target); err != nil {
			return err
		}
	}
	return nil
}

// storyColumns selects a story from "stories st"; scanStory reads them.
var storyColumns = `st.id, st.title, st.summary, st.first_seen, st.last_updated, st.keyphrases,
	st.entities, st.language, (SELECT count(*) FROM story_articles sa WHERE sa.story_id = st.id),
	(SELECT count(*) FROM comments c WHERE c.hidden = 0 AND c.story_id IN (` + storyFamily("st.id") + `))`

// storyFamily returns a query of the IDs of live story id (an SQL
// expression) and of the stories merged into it, whose comments are the
// story's.
func storyFamily(id string) string {
	return `SELECT m.id FROM stories m WHERE m.id = ` + id + ` OR m.merged_into = ` + id
}

// scanStory reads the columns of storyColumns.
func scanStory(row scanner) (*storyline.Story, error) {
	var s storyline.Story
	var first, last sql.NullInt64
	var keyphrases, entities string
	if err := row.Scan(&s.ID, &s.Title, &s.Summary, &first, &last, &keyphrases, &entities, &s.Language,
		&s.ArticleCount, &s.CommentCount); err != nil {
		return nil, err
	}
	s.FirstSeen, s.LastUpdated = timeOf(first), timeOf(last)
	if err := errors.Join(json.Unmarshal([]byte(keyphrases), &s.Keyphrases), json.Unmarshal([]byte(entities), &s.Entities)); err != nil {
		return nil, err
	}
	return &s, nil
}

// Story returns a story, following merges, or ENOTFOUND.
func (db *DB) Story(ctx context.Context, id int64) (*storyline.Story, error) {
	s, err := scanStory(db.queryRow(ctx, `SELECT `+storyColumns+` FROM stories st
		WHERE st.id = (SELECT coalesce(merged_into, id) FROM stories WHERE id = ?)`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, storyline.Errorf(storyline.ENOTFOUND, "story %d not found", id)
	}
	if err != nil {
		return nil, wrap(err, "story %d", id)
	}
	if err := db.fillBrief(ctx, s); err != nil {
		return nil, wrap(err, "story %d", id)
	}
	if err := db.fillOutlets(ctx, s); err != nil {
		return nil, wrap(err, "story %d", id)
	}
	return s, nil
}

// fillBrief sets the brief of story s (its ID the live one's): its
// model brief, with the coverage of its built-in one, when it has one
// (its text then the summary), else the built-in brief.
func (db *DB) fillBrief(ctx context.Context, s *storyline.Story) error {
	var enc string
	var model *string
	if err := db.queryRow(ctx, `SELECT brief, model_brief FROM stories WHERE id = ?`, s.ID).Scan(&enc, &model); err != nil {
		return err
	}
	b, fromModel, err := storeutil.StoryBrief(enc, model)
	if err != nil {
		return err
	}
	s.Brief = b
	if fromModel {
		s.Summary = b.Text()
	}
	return nil
}

// fillOutlets sets the outlets of stories, each by articles, then name,
// in one query.
func (db *DB) fillOutlets(ctx context.Context, stories ...*storyline.Story) error {
	byID := make(map[int64]*storyline.Story, len(stories))
	ids := make([]any, len(stories))
	for i, s := range stories {
		s.Outlets = nil
		byID[s.ID] = s
		ids[i] = s.ID
	}
	rows, err := db.query(ctx, `SELECT sa.story_id, so.name FROM story_articles sa
		JOIN articles a ON a.id = sa.article_id JOIN sources so ON so.id = a.source_id
		WHERE sa.story_id IN (`+placeholders(len(ids))+`)
		GROUP BY sa.story_id, so.name ORDER BY sa.story_id, count(*) DESC, so.name`, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return err
		}
		if s := byID[id]; s != nil {
			s.Outlets = append(s.Outlets, name)
		}
	}
	return rows.Err()
}

// storyOrder lists stories most recently updated first. It matches the
// stories_updated index.
const storyOrder = ` ORDER BY st.last_updated DESC, st.id DESC `

// Stories lists the live stories f selects (see storyConditions), most
// recently updated first.
func (db *DB) Stories(ctx context.Context, f storyline.StoryFilter) ([]*storyline.Story, error) {
	limit, err := storeutil.PageLimit(f.Limit, f.Offset, 50, 500)
	if err != nil {
		return nil, err
	}
	where, args, err := db.storyConditions(ctx, f)
	if err != nil {
		return nil, wrap(err, "list stories")
	}
	args = append(args, limit, f.Offset)
	// The page's IDs first, then their columns: the counts are worked out
	// for the stories listed only.
	rows, err := db.query(ctx, `SELECT `+storyColumns+` FROM (SELECT st.id FROM stories st WHERE `+
		strings.Join(where, " AND ")+storyOrder+`LIMIT ? OFFSET ?) page JOIN stories st ON st.id = page.id`+storyOrder, args...)
	if err != nil {
		return nil, wrap(err, "list stories")
	}
	var list []*storyline.Story
	for rows.Next() {
		s, err := scanStory(rows)
		if err != nil {
			rows.Close()
			return nil, wrap(err, "list stories")
		}
		list = append(list, s)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, wrap(err, "list stories")
	}
	if len(list) > 0 {
		if err := db.fillOutlets(ctx, list...); err != nil {
			return nil, wrap(err, "list stories")
		}
	}
	return list, nil
}

// Timeline lists a story's articles in the order they were published,
// the undated ones last.
func (db *DB) Timeline(ctx context.Context, storyID int64) ([]storyline.TimelineEntry, error) {
	rows, err := db.query(ctx, `SELECT a.id, coalesce(so.name, ''), a.title, coalesce(a.url, ''),
		a.published, coalesce(a.copy_of, 0)
		FROM story_articles sa JOIN articles a ON a.id = sa.article_id
		LEFT JOIN sources so ON so.id = a.source_id
		WHERE sa.story_id = (SELECT coalesce(merged_into, id) FROM stories WHERE id = ?)
		ORDER BY a.published IS NULL, a.published, a.id`, storyID)
	if err != nil {
		return nil, wrap(err, "timeline of story %d", storyID)
	}
	defer rows.Close()
	var list []storyline.TimelineEntry
	for rows.Next() {
		var e storyline.TimelineEntry
		var at sql.NullInt64
		if err := rows.Scan(&e.ArticleID, &e.Source, &e.Title, &e.URL, &at, &e.CopyOf); err != nil {
			return nil, wrap(err, "timeline of story %d", storyID)
		}
		e.Published = timeOf(at)
		list = append(list, e)
	}
	return list, wrap(rows.Err(), "timeline of story %d", storyID)
}

// RelatedStories returns the stories related to story id (following
// merges), best first, as storeutil.PickRelated chooses them from those
// sharing the most weight of terms with it.
func (db *DB) RelatedStories(ctx context.Context, id int64, limit int) ([]storyline.RelatedStory, error) {
	base, err := db.Story(ctx, id)
	if err != nil {
		return nil, wrap(err, "stories related to %d", id)
	}
	rows, err := db.query(ctx, `SELECT b.story_id,
			min(sum(a.weight * b.weight), (sum(a.weight * b.weight) - max(a.weight * b.weight)) / ?) AS score
		FROM story_terms a JOIN story_terms b ON b.term = a.term AND b.story_id != a.story_id
		WHERE a.story_id = ?
		GROUP BY b.story_id HAVING score >= ? ORDER BY score DESC, b.story_id DESC LIMIT ?`,
		1-storeutil.RelatedTermShare, base.ID, storeutil.MinRelatedScore, storeutil.RelatedCandidates(limit))
	if err != nil {
		return nil, wrap(err, "stories related to %d", id)
	}
	var hits []storeutil.RelatedHit
	for rows.Next() {
		var h storeutil.RelatedHit
		if err := rows.Scan(&h.ID, &h.Score); err != nil {
			rows.Close()
			return nil, wrap(err, "stories related to %d", id)
		}
		hits = append(hits, h)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, wrap(err, "stories related to %d", id)
	}
	stories, err := db.storiesByID(ctx, storeutil.RelatedIDs(hits))
	if err != nil {
		return nil, wrap(err, "stories related to %d", id)
	}
	return storeutil.PickRelated(base, hits, stories, limit), nil
}

// OtherLanguages returns the coverage of story id's event (following
// merges) in other languages, best first, as storeutil.PickOtherLanguages
// chooses it from the stories that share the most weight of entities with
// it.
func (db *DB) OtherLanguages(ctx context.Context, id int64, limit int) ([]storyline.RelatedStory, error) {
	base, err := db.Story(ctx, id)
	if err != nil {
		return nil, wrap(err, "story %d in other languages", id)
	}
	from, to, ok := storeutil.OtherLanguageWindow(base)
	if !ok {
		return []storyline.RelatedStory{}, nil
	}
	// Entity keys are the terms from ?2 up to ?3; a story must share
	// ?4 of them, or as many as either names if fewer.
	hits, err := queryAll(ctx, db, scanHit, `SELECT b.story_id, sum(a.weight * b.weight) AS score
		FROM story_terms a JOIN story_terms b ON b.term = a.term AND b.story_id != a.story_id
		JOIN stories st ON st.id = b.story_id
		WHERE a.story_id = ?1 AND a.term >= ?2 AND a.term < ?3
			AND st.merged_into IS NULL AND st.language != '' AND st.language != ?5
			AND st.first_seen <= ?6 AND st.last_updated >= ?7
		GROUP BY b.story_id
		HAVING count(*) >= min(?4,
			(SELECT count(*) FROM story_terms x WHERE x.story_id = ?1 AND x.term >= ?2 AND x.term < ?3),
			(SELECT count(*) FROM story_terms x WHERE x.story_id = b.story_id AND x.term >= ?2 AND x.term < ?3))
		ORDER BY score DESC, b.story_id DESC LIMIT ?8`,
		base.ID, storeutil.EntityTermPrefix, storeutil.EntityTermEnd, storeutil.MinSharedEntities,
		base.Language, boundNanos(to), boundNanos(from), storeutil.RelatedLimit(limit))
	if err != nil {
		return nil, wrap(err, "story %d in other languages", id)
	}
	stories, err := db.storiesByID(ctx, storeutil.RelatedIDs(hits))
	if err != nil {
		return nil, wrap(err, "story %d in other languages", id)
	}
	return storeutil.PickOtherLanguages(base, hits, stories, limit), nil
}

// scanHit reads a story's ID and score.
func scanHit(row scanner) (storeutil.RelatedHit, error) {
	var h storeutil.RelatedHit
	return h, row.Scan(&h.ID, &h.Score)
}

// storiesByID reads the live stories with the given IDs, with their
// outlets, in two queries.
func (db *DB) storiesByID(ctx context.Context, ids []int64) (map[int64]*storyline.Story, error) {
	out := make(map[int64]*storyline.Story, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	list, err := queryAll(ctx, db, scanStory, `SELECT `+storyColumns+` FROM stories st WHERE st.id IN (`+placeholders(len(ids))+`)`, args...)
	if err != nil {
		return nil, err
	}
	if err := db.fillOutlets(ctx, list...); err != nil {
		return nil, err
	}
	for _, s := range list {
		out[s.ID] = s
	}
	return out, nil
}

// LinkNearCopy makes the later published of articles a and b (with its
// own copies) a copy of the other, as storeutil.PreferCanonical decides,
// and returns the canonical one's ID.
func (db *DB) LinkNearCopy(ctx context.Context, a, b int64) (int64, error) {
	var canonical int64
	err := db.writeTx(ctx, func(t *txn) error {
		load := func(id int64) (storeutil.CopyCandidate, error) {
			var r storeutil.CopyCandidate
			var published sql.NullInt64
			err := t.queryRow(`SELECT c.id, c.word_count, c.published
				FROM articles x JOIN articles c ON c.id = coalesce(x.copy_of, x.id) WHERE x.id = ?`, id).
				Scan(&r.ID, &r.Words, &published)
			if errors.Is(err, sql.ErrNoRows) {
				return r, storyline.Errorf(storyline.ENOTFOUND, "article %d not found", id)
			}
			r.Published = timeOf(published)
			return r, err
		}
		ra, err := load(a)
		if err != nil {
			return err
		}
		rb, err := load(b)
		if err != nil {
			return err
		}
		win, lose := ra, rb
		if storeutil.PreferCanonical(ra, rb) {
			win, lose = rb, ra
		}
		canonical = win.ID
		if win.ID == lose.ID {
			return nil
		}
		now := time.Now().UnixNano()
		if _, err := t.exec(`UPDATE articles SET copy_of = ?, updated_at = ? WHERE copy_of = ?`, win.ID, now, lose.ID); err != nil {
			return err
		}
		_, err = t.exec(`UPDATE articles SET copy_of = ?, updated_at = ? WHERE id = ?`, win.ID, now, lose.ID)
		return err
	})
	if err != nil {
		return 0, wrap(err, "link articles %d and %d as copies", a, b)
	}
	db.index.signal()
	return canonical, nil
}

// nonNil returns s, or an empty slice for nil, so that JSON says [].
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// PendingAnalysis lists up to limit articles after afterID whose analysis
// is missing, older than version, or made before before.
func (db *DB) PendingAnalysis(ctx context.Context, version int, before time.Time, afterID int64, limit int) ([]*storyline.Article, error) {
	if err := storeutil.CheckPositiveLimit("pending analysis", limit); err != nil {
		return nil, err
	}
	var beforeNanos int64
	if !before.IsZero() {
		beforeNanos = boundNanos(before)
	}
	list, err := db.queryArticles(ctx, `SELECT `+articleColumns(true)+articleFrom+`
		LEFT JOIN article_analysis x ON x.article_id = a.id
		WHERE a.id > ? AND (x.article_id IS NULL OR x.version < ? OR x.analyzed_at < ?)
		ORDER BY a.id LIMIT ?`, afterID, version, beforeNanos, limit)
	return list, wrap(err, "pending analysis")
}

// Signatures calls fn with the signature of every canonical article
// published (or stored) at or after since, oldest first.
func (db *DB) Signatures(ctx context.Context, since time.Time, fn func(articleID int64, sig []byte) error) error {
	rows, err := db.query(ctx, `SELECT x.article_id, x.signature FROM article_analysis x
		JOIN articles a ON a.id = x.article_id
		WHERE a.copy_of IS NULL AND x.signature IS NOT NULL AND coalesce(a.published, a.created_at) >= ?
		ORDER BY coalesce(a.published, a.created_at), a.id`, boundNanos(since))
	if err != nil {
		return wrap(err, "signatures")
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var sig []byte
		if err := rows.Scan(&id, &sig); err != nil {
			return wrap(err, "signatures")
		}
		if err := fn(id, sig); err != nil {
			return err
		}
	}
	return wrap(rows.Err(), "signatures")
}
