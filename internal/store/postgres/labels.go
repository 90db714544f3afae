package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/storeutil"
)

// Story labels (the story_labels table) are what stories are filtered by
// besides their articles: hashtags and entities, which are stored only
// inside the stories' jsonb columns. storeutil builds them, for both
// stores alike, so that both find the same stories.

// relabelStory replaces the labels of story id, inserting them all in one
// statement.
func relabelStory(ctx context.Context, tx pgx.Tx, id int64, keyphrases []storyline.Keyphrase, entities []storyline.Entity) error {
	if _, err := tx.Exec(ctx, `DELETE FROM story_labels WHERE story_id = $1`, id); err != nil {
		return err
	}
	labels := storeutil.StoryLabels(keyphrases, entities)
	if len(labels) == 0 {
		return nil
	}
	_, err := tx.Exec(ctx, `INSERT INTO story_labels (label, story_id)
		SELECT unnest($1::text[]), $2`, labels, id)
	return err
}
