package postgres

import (
	"context"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/storyline/storyline"
)

// Story labels (the story_labels table) are what stories are filtered by
// besides their articles: hashtags and entities, which are stored only
// inside the stories' jsonb columns. They are folded with foldName, as the
// SQLite store folds them, so that both stores find the same stories.

// hashtagLabel returns the label of a hashtag, given with or without its
// "#", or "" for an empty one.
func hashtagLabel(tag string) string {
	tag = foldName(strings.TrimPrefix(strings.TrimSpace(tag), "#"))
	if tag == "" {
		return ""
	}
	return "#" + tag
}

// entityLabel returns the label of an entity of a kind ("" for any kind),
// or "" for an entity without a name. A kind never starts with "#", so
// labels of entities and hashtags cannot meet.
func entityLabel(kind storyline.EntityKind, name string) string {
	name = foldName(name)
	if name == "" {
		return ""
	}
	return foldName(string(kind)) + ":" + name
}

// storyLabels returns the labels of a story, each once: each hashtag, and
// each entity under its kind and under any kind.
func storyLabels(keyphrases []storyline.Keyphrase, entities []storyline.Entity) []string {
	seen := map[string]bool{"": true}
	var labels []string
	add := func(label string) {
		if !seen[label] {
			seen[label] = true
			labels = append(labels, label)
		}
	}
	for _, k := range keyphrases {
		add(hashtagLabel(k.Hashtag))
	}
	for _, e := range entities {
		add(entityLabel("", e.Name))
		add(entityLabel(e.Kind, e.Name))
	}
	return labels
}

// relabelStory replaces the labels of story id, inserting them all in one
// statement.
func relabelStory(ctx context.Context, tx pgx.Tx, id int64, keyphrases []storyline.Keyphrase, entities []storyline.Entity) error {
	if _, err := tx.Exec(ctx, `DELETE FROM story_labels WHERE story_id = $1`, id); err != nil {
		return err
	}
	labels := storyLabels(keyphrases, entities)
	if len(labels) == 0 {
		return nil
	}
	_, err := tx.Exec(ctx, `INSERT INTO story_labels (label, story_id)
		SELECT unnest($1::text[]), $2`, labels, id)
	return err
}
