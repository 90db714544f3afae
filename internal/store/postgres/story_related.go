package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline"
)

// minRelatedScore is the least weight of shared terms (of unit-length term
// vectors: a cosine over the stories' top terms) that makes two stories
// related; below it they merely share common words. As in the SQLite
// store.
const minRelatedScore = 0.1

// RelatedStories ranks other stories by the weight of the terms they
// share with story id (following merges), best first; stories that share
// little are left out. The stories are read in one query.
func (db *DB) RelatedStories(ctx context.Context, id int64, limit int) ([]storyline.RelatedStory, error) {
	if limit <= 0 {
		limit = 10
	}
	type hit struct {
		id    int64
		score float64
	}
	rows, err := db.pool.Query(ctx, `SELECT b.story_id, sum(a.weight * b.weight) AS score
		FROM story_terms a JOIN story_terms b ON b.term = a.term AND b.story_id <> a.story_id
		WHERE a.story_id = `+liveStoryID+`
		GROUP BY b.story_id HAVING sum(a.weight * b.weight) >= $2
		ORDER BY score DESC, b.story_id DESC LIMIT $3`, id, minRelatedScore, limit)
	if err != nil {
		return nil, wrap(err, "stories related to %d", id)
	}
	hits, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (hit, error) {
		var h hit
		return h, row.Scan(&h.id, &h.score)
	})
	if err != nil {
		return nil, wrap(err, "stories related to %d", id)
	}
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.id
	}
	stories, err := db.storiesByID(ctx, ids)
	if err != nil {
		return nil, wrap(err, "stories related to %d", id)
	}
	list := make([]storyline.RelatedStory, 0, len(hits))
	for _, h := range hits {
		if s := stories[h.id]; s != nil {
			list = append(list, storyline.RelatedStory{Story: s, Score: h.score})
		}
	}
	return list, nil
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
