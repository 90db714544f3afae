package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// RelatedStories returns the stories related to story id (following
// merges), best first, as storeutil.PickRelated chooses them from those
// sharing the most weight of terms with it.
func (db *DB) RelatedStories(ctx context.Context, id int64, limit int) ([]storyline.RelatedStory, error) {
	base, err := db.Story(ctx, id)
	if err != nil {
		return nil, wrap(err, "stories related to %d", id)
	}
	rows, err := db.pool.Query(ctx, `SELECT story_id, score FROM (
			SELECT b.story_id, LEAST(sum(a.weight * b.weight),
				(sum(a.weight * b.weight) - max(a.weight * b.weight)) / $2) AS score
			FROM story_terms a JOIN story_terms b ON b.term = a.term AND b.story_id <> a.story_id
			WHERE a.story_id = $1
			GROUP BY b.story_id) s
		WHERE score >= $3 ORDER BY score DESC, story_id DESC LIMIT $4`,
		base.ID, 1-storeutil.RelatedTermShare, storeutil.MinRelatedScore, storeutil.RelatedCandidates(limit))
	if err != nil {
		return nil, wrap(err, "stories related to %d", id)
	}
	hits, err := pgx.CollectRows(rows, scanHit)
	if err != nil {
		return nil, wrap(err, "stories related to %d", id)
	}
	stories, err := db.storiesByID(ctx, storeutil.RelatedIDs(hits))
	if err != nil {
		return nil, wrap(err, "stories related to %d", id)
	}
	return storeutil.PickRelated(base, hits, stories, limit), nil
}

// scanHit reads a story's ID and score.
func scanHit(row pgx.CollectableRow) (storeutil.RelatedHit, error) {
	var h storeutil.RelatedHit
	return h, row.Scan(&h.ID, &h.Score)
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
	// Entity keys are the terms from $2 up to $3 (bytea, as story_terms
	// holds them); a story must share $4 of them, or as many as either
	// names if fewer.
	rows, err := db.pool.Query(ctx, `SELECT b.story_id, sum(a.weight * b.weight) AS score
		FROM story_terms a JOIN story_terms b ON b.term = a.term AND b.story_id <> a.story_id
		JOIN stories st ON st.id = b.story_id
		WHERE a.story_id = $1 AND a.term >= $2 AND a.term < $3
			AND st.merged_into IS NULL AND st.language <> '' AND st.language <> $5
			AND st.first_seen <= $6 AND st.last_updated >= $7
		GROUP BY b.story_id
		HAVING count(*) >= LEAST($4,
			(SELECT count(*) FROM story_terms x WHERE x.story_id = $1 AND x.term >= $2 AND x.term < $3),
			(SELECT count(*) FROM story_terms x WHERE x.story_id = b.story_id AND x.term >= $2 AND x.term < $3))
		ORDER BY score DESC, b.story_id DESC LIMIT $8`,
		base.ID, []byte(storeutil.EntityTermPrefix), []byte(storeutil.EntityTermEnd), storeutil.MinSharedEntities,
		base.Language, to, from, storeutil.RelatedLimit(limit))
	if err != nil {
		return nil, wrap(err, "story %d in other languages", id)
	}
	hits, err := pgx.CollectRows(rows, scanHit)
	if err != nil {
		return nil, wrap(err, "story %d in other languages", id)
	}
	stories, err := db.storiesByID(ctx, storeutil.RelatedIDs(hits))
	if err != nil {
		return nil, wrap(err, "story %d in other languages", id)
	}
	return storeutil.PickOtherLanguages(base, hits, stories, limit), nil
}

// storiesByID reads the stories with the given IDs, with their outlets,
// in two queries.
func (db *DB) storiesByID(ctx context.Context, ids []int64) (map[int64]*storyline.Story, error) {
	out := make(map[int64]*storyline.Story, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	list, err := db.queryStories(ctx, `SELECT `+storyColumns+` FROM stories st WHERE st.id = ANY($1)`, ids)
	if err != nil {
		return nil, err
	}
	for _, s := range list {
		out[s.ID] = s
	}
	return out, nil
}
