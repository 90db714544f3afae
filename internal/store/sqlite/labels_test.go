package sqlite

import (
	"database/sql"
	"path/filepath"
	"slices"
	"testing"

	"github.com/storyline/storyline"
)

// TestMigrationLabelsStories opens a database made before story labels
// existed: the migration labels its live stories.
func TestMigrationLabelsStories(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "storyline.db")
	old, err := sql.Open("sqlite", dsn(path, Options{}.withDefaults(path), true))
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	if _, err := old.ExecContext(ctx, `CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for {
		done, err := migrateOne(ctx, old, mustMigrations(t)[:3])
		if err != nil {
			t.Fatalf("migrate to version 3: %v", err)
		}
		if done {
			break
		}
	}
	for _, q := range []string{
		`INSERT INTO stories (id, title, first_seen, last_updated, keyphrases, entities) VALUES
			(1, 'Coast', 1, 1, '[{"Text":"coast road","Hashtag":"#CoastRoad","Score":1}]', '[{"Name":"Zoë Ångström","Kind":"person","Count":1}]'),
			(2, 'Storm', 2, 2, '[{"Text":"coast road","Hashtag":"#coastroad","Score":1},{"Text":"storm","Hashtag":"","Score":1}]', '[]'),
			(3, 'Merged', 3, 3, '[{"Text":"coast road","Hashtag":"#CoastRoad","Score":1}]', '[]')`,
		`UPDATE stories SET merged_into = 1 WHERE id = 3`,
	} {
		if _, err := old.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}

	db, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer db.Close()
	for _, tt := range []struct {
		f    storyline.StoryFilter
		want []int64
	}{
		{storyline.StoryFilter{Hashtag: "coastroad"}, []int64{2, 1}},
		{storyline.StoryFilter{Entity: &storyline.Entity{Name: "ZOË ÅNGSTRÖM"}}, []int64{1}},
		{storyline.StoryFilter{Entity: &storyline.Entity{Name: "zoë ångström", Kind: storyline.EntityPerson}}, []int64{1}},
	} {
		list, err := db.Stories(ctx, tt.f)
		if err != nil {
			t.Fatalf("Stories(%+v): %v", tt.f, err)
		}
		var got []int64
		for _, s := range list {
			got = append(got, s.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Stories(%+v) = %v, want %v", tt.f, got, tt.want)
		}
	}
	var labels int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM story_labels WHERE story_id = 3`).Scan(&labels); err != nil || labels != 0 {
		t.Errorf("the merged story has %d labels (%v), want none", labels, err)
	}
}
