package storeutil

import (
	"strings"

	"github.com/storyline/storyline"
)

// Story labels (the story_labels tables) are what stories are filtered by
// besides their articles: hashtags and entities, which are stored only
// inside the stories' JSON columns.

// FoldName is how the stores compare names ignoring case (sources, user
// names, hashtags, entities, categories): trimmed and lower-cased in Go,
// in every script, so that all stores agree whatever their database's own
// folding does.
func FoldName(s string) string {
	return strings.ToLower(strings.TrimSpace(s))
}

// HashtagLabel returns the label of a hashtag, given with or without its
// "#", or "" for an empty one.
func HashtagLabel(tag string) string {
	tag = FoldName(strings.TrimPrefix(strings.TrimSpace(tag), "#"))
	if tag == "" {
		return ""
	}
	return "#" + tag
}

// EntityLabel returns the label of an entity of a kind ("" for any kind),
// or "" for an entity without a name. A kind never starts with "#", so
// labels of entities and hashtags cannot meet.
func EntityLabel(kind storyline.EntityKind, name string) string {
	name = FoldName(name)
	if name == "" {
		return ""
	}
	return FoldName(string(kind)) + ":" + name
}

// EntityFilterLabel returns the label a story filter's entity selects,
// or EINVALID for an entity without a name.
func EntityFilterLabel(e storyline.Entity) (string, error) {
	label := EntityLabel(e.Kind, e.Name)
	if label == "" {
		return "", storyline.Errorf(storyline.EINVALID, "entity filter (kind %q) has no name", e.Kind)
	}
	return label, nil
}

// StoryLabels returns the labels of a story, each once, in this order:
// each hashtag, and each entity under any kind and under its kind.
func StoryLabels(keyphrases []storyline.Keyphrase, entities []storyline.Entity) []string {
	seen := map[string]bool{"": true}
	var labels []string
	add := func(label string) {
		if !seen[label] {
			seen[label] = true
			labels = append(labels, label)
		}
	}
	for _, k := range keyphrases {
		add(HashtagLabel(k.Hashtag))
	}
	for _, e := range entities {
		add(EntityLabel("", e.Name))
		add(EntityLabel(e.Kind, e.Name))
	}
	return labels
}
