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
	hits, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (storeutil.RelatedHit, error) {
		var h storeutil.RelatedHit
		return h, row.Scan(&h.ID, &h.Score)
	})
	if err != nil {
		return nil, wrap(err, "stories related to %d", id)
	}
	stories, err := db.storiesByID(ctx, storeutil.RelatedIDs(hits))
	if err != nil {
		return nil, wrap(err, "stories related to %d", id)
	}
	return storeutil.PickRelated(base, hits, stories, limit), nil
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
