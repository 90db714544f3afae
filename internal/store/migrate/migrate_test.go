package migrate_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/store/migrate"
	"github.com/storyline/storyline/internal/store/postgres"
	"github.com/storyline/storyline/internal/store/postgres/pgtest"
	"github.com/storyline/storyline/internal/store/sqlite"
)

// TestSQLiteSchemaVersion keeps the version this package copies in step
// with the SQLite store's migrations.
func TestSQLiteSchemaVersion(t *testing.T) {
	files, err := filepath.Glob("../sqlite/migrations/*.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("sqlite migrations: %v %v", files, err)
	}
	slices.Sort(files)
	last, _, _ := strings.Cut(filepath.Base(files[len(files)-1]), "_")
	n, err := strconv.Atoi(last)
	if err != nil || n != migrate.SQLiteSchemaVersion {
		t.Fatalf("last SQLite migration %s, SQLiteSchemaVersion %d: copy the new tables and columns, then update it",
			files[len(files)-1], migrate.SQLiteSchemaVersion)
	}
}

// fixture is what was stored in the SQLite store, to look for in
// PostgreSQL.
type fixture struct {
	canonical, copy, fromFeed, other int64
	feed                             *storyline.Feed
	story, merged, related           int64
	user                             *storyline.User
	session                          *storyline.Session
	token                            *storyline.APIToken
	appPasswords                     []*storyline.AppPassword // newest first
	comment                          *storyline.Comment
	follow                           *storyline.Follow
	mute                             *storyline.Mute
	// quake is an article in an undated story of its own, undated, made by
	// AssignStory; centroids are the centroids AssignStory stored.
	quake, undated int64
	centroids      []storyline.StoryCentroid
	// images are the kept images fill saved (the failed one is of
	// f.other).
	images []*storyline.ArticleImage
}

var day = time.Date(2025, 3, 14, 9, 26, 53, 589793238, time.UTC)

func article(url, source, title, text string, hour int) *storyline.Article {
	return &storyline.Article{
		URL: url, Source: source, Title: title, Byline: "By A. Reporter", SiteName: source, Language: "en",
		Published: day.Add(time.Duration(hour) * time.Hour), HTML: "<p>" + text + "</p>", Text: text,
		WordCount: len(strings.Fields(text)), ContentHash: storyline.ContentHash(text),
	}
}

// fill stores something of every kind through the SQLite store's API.
func fill(t *testing.T, ctx context.Context, s storyline.Store) *fixture {
	t.Helper()
	var f fixture
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	save := func(a *storyline.Article) storyline.SaveResult {
		t.Helper()
		res, err := s.SaveArticle(ctx, a)
		must("SaveArticle "+a.URL, err)
		return res
	}
	floods := "Floods closed the coast road on Tuesday as the river rose above the old harbour wall."
	f.canonical = save(article("https://wire.example/floods", "Wire", "Floods close the coast road", floods, 0)).ID
	cp := save(article("https://paper.example/floods", "Paper", "Coast road closed", floods, 1))
	if cp.Outcome != storyline.Copied || cp.CopyOf != f.canonical {
		t.Fatalf("copy: %+v", cp)
	}
	f.copy = cp.ID

	f.feed = &storyline.Feed{URL: "https://harbour.example/rss", Title: "Harbour", Source: "Harbour Herald", Category: "Local", FeedOnly: true}
	must("AddFeed", s.AddFeed(ctx, f.feed))
	must("RecordPolls", s.RecordPolls(ctx, storyline.FeedPoll{
		FeedID: f.feed.ID, At: day, ETag: `"v1"`, LastModified: "Fri, 14 Mar 2025 09:00:00 GMT",
		NextPoll: day.Add(time.Hour), Interval: 45 * time.Minute, EntryErr: "one entry failed",
	}))
	a := article("https://harbour.example/reopens", "Harbour Herald", "Harbour reopens", "The harbour reopened to ferries after the storm damage was repaired by the council.", 2)
	a.FeedID, a.EntryGUID, a.ContentFrom, a.Truncated = f.feed.ID, "guid-1", storyline.ContentFeed, true
	f.fromFeed = save(a).ID
	f.other = save(article("https://paper.example/vote", "paper", "Council vote on the bridge", "The council voted on the new bridge across the estuary late on Monday night.", 3)).ID

	f.story, f.merged, f.related = 100, 200, 300
	for _, an := range []*storyline.Analysis{
		{ArticleID: f.canonical, Version: 2, Language: "en", Summary: []string{"Floods.", "Road closed."},
			Keyphrases: []storyline.Keyphrase{{Text: "coast road", Hashtag: "#CoastRoad", Score: 2}},
			Entities:   []storyline.Entity{{Name: "Jonas Berg", Kind: storyline.EntityPerson, Count: 2}},
			Signature:  []byte{0, 1, 2, 255}, StoryID: f.story},
		{ArticleID: f.fromFeed, Version: 2, StoryID: f.merged},
		{ArticleID: f.other, Version: 2, StoryID: f.related},
	} {
		must("SaveAnalysis", s.SaveAnalysis(ctx, an))
	}
	entity := "\x00person:jonas berg"
	must("SaveStories", s.SaveStories(ctx,
		storyline.StoryUpdate{Story: &storyline.Story{ID: f.story, Title: "Storms on the coast", Summary: "A summary.", Language: "en",
			Brief:      &storyline.Brief{Generator: storyline.BuiltInBrief, Sentences: []storyline.BriefSentence{{Text: "A summary.", ArticleIDs: []int64{f.canonical}}}},
			Keyphrases: []storyline.Keyphrase{{Text: "storm", Hashtag: "#Storm", Score: 1}},
			Entities:   []storyline.Entity{{Name: "Jonas Berg", Kind: storyline.EntityPerson, Count: 2}}},
			Terms: map[string]float64{"storm": 2, entity: 1, "\xff\xfeodd": 0.5}},
		storyline.StoryUpdate{Story: &storyline.Story{ID: f.merged, Title: "Harbour"}, Terms: map[string]float64{"harbour": 1}},
		storyline.StoryUpdate{Story: &storyline.Story{ID: f.related, Title: "Bridge vote"}, Terms: map[string]float64{entity: 1, "bridge": 2, "storm": 0.5}},
	))
	must("MergeStories", s.MergeStories(ctx, f.story, []int64{f.merged}))
	// A model's brief, saved through the story merged away, and a
	// model's attempt that wrote none.
	must("SaveModelBrief", s.SaveModelBrief(ctx, f.merged, &storyline.Brief{Generator: "model-x",
		Sentences: []storyline.BriefSentence{{Text: "The model's summary.", ArticleIDs: []int64{f.canonical}}}}, 2))
	must("SaveModelBrief(nil)", s.SaveModelBrief(ctx, f.related, nil, 1))
	for _, d := range []string{"2025-03-13", "2025-03-14", "2025-03-14"} {
		_, err := s.AddModelTokens(ctx, d, 1500)
		must("AddModelTokens", err)
	}

	// Story assignment: the related story gets a dated centroid, and a new
	// story an undated one; both are indexed under the entity.
	quake := article("https://wire.example/quake", "Wire", "Quake", "A small quake shook the valley before dawn, and nobody was hurt.", 4)
	quake.Published = time.Time{}
	f.quake = save(quake).ID
	unlock, err := s.LockAssignments(ctx)
	must("LockAssignments", err)
	at := day.Add(3 * time.Hour)
	for _, a := range []*storyline.StoryAssignment{
		{Analysis: &storyline.Analysis{ArticleID: f.other, Version: 2},
			Centroid: storyline.StoryCentroid{StoryID: f.related, Articles: 1, First: at, Last: at,
				Terms: []storyline.CentroidTerm{{Key: "bridge", Mass: 2.5}, {Key: entity, Mass: 1}, {Key: "vote", Mass: 0.125}}},
			Index: []string{"bridge", entity}},
		{Analysis: &storyline.Analysis{ArticleID: f.quake, Version: 2},
			Centroid: storyline.StoryCentroid{Articles: 1, Terms: []storyline.CentroidTerm{{Key: "quake", Mass: 3}, {Key: entity, Mass: 0.5}}},
			Index:    []string{"quake", entity}},
	} {
		must("AssignStory", s.AssignStory(ctx, a))
		f.centroids = append(f.centroids, a.Centroid)
	}
	unlock()
	f.undated = f.centroids[1].StoryID

	f.user = &storyline.User{Name: "Åsa", PasswordHash: "hash", Role: storyline.RoleAdmin}
	must("AddUser", s.AddUser(ctx, f.user))
	f.session = &storyline.Session{TokenHash: "session-hash", UserID: f.user.ID, CreatedAt: day, ExpiresAt: day.Add(24 * time.Hour)}
	must("AddSession", s.AddSession(ctx, f.session))
	f.token = &storyline.APIToken{UserID: f.user.ID, Name: "phone", TokenHash: "token-hash"}
	must("AddToken", s.AddToken(ctx, f.token))
	// App passwords: one used (at nanoseconds, kept to the microsecond),
	// one new with the option "one item per story".
	for _, p := range []*storyline.AppPassword{
		{UserID: f.user.ID, Label: "Reeder", SecretHash: "app-secret-1", FeverHash: "app-fever-1"},
		{UserID: f.user.ID, Label: "newsboat", SecretHash: "app-secret-2", FeverHash: "app-fever-2", StoriesAsItems: true},
	} {
		must("AddAppPassword", s.AddAppPassword(ctx, p))
		f.appPasswords = append([]*storyline.AppPassword{p}, f.appPasswords...)
	}
	must("TouchAppPassword", s.TouchAppPassword(ctx, f.appPasswords[1].ID, day))
	f.appPasswords[1].LastUsedAt = day.Truncate(time.Microsecond)
	// A comment on the story merged away lands on the surviving one.
	f.comment = &storyline.Comment{UserID: f.user.ID, StoryID: f.story, Body: "Stay safe.", CreatedAt: day}
	must("AddComment", s.AddComment(ctx, f.comment))
	must("AddComment on an article", s.AddComment(ctx, &storyline.Comment{UserID: f.user.ID, ArticleID: f.other, Body: "Finally."}))
	must("SetMeta", s.SetMeta(ctx, "snapshot", `{"n":1}`))

	// Reading state: reads, saves (a story through the one merged
	// away), a follow, a mute and a feed token.
	must("MarkArticlesRead", s.MarkArticlesRead(ctx, f.user.ID, []int64{f.canonical, f.other}, true, day))
	must("MarkStoriesRead", s.MarkStoriesRead(ctx, f.user.ID, []int64{f.story}, true, day))
	must("Save(article)", s.Save(ctx, f.user.ID, storyline.KindArticle, f.other, day))
	must("Save(story)", s.Save(ctx, f.user.ID, storyline.KindStory, f.merged, day.Add(time.Hour)))
	f.follow = &storyline.Follow{UserID: f.user.ID, Kind: storyline.FollowEntity, Value: "Jonas Berg", EntityKind: storyline.EntityPerson}
	must("AddFollow", s.AddFollow(ctx, f.follow))
	f.mute = &storyline.Mute{UserID: f.user.ID, Kind: storyline.MuteWord, Value: "Ärger"}
	must("AddMute", s.AddMute(ctx, f.mute))
	must("SetFeedToken", s.SetFeedToken(ctx, f.user.ID, "feed-hash"))

	// Lead images: two kept (bytes of every value), one failed.
	for i, id := range []int64{f.canonical, f.fromFeed} {
		img := &storyline.ArticleImage{ArticleID: id, SourceURL: fmt.Sprintf("https://img.example/%d.jpg", i),
			Thumb: []byte{0xff, 0xd8, 0, byte(i), 0xff, 0xd9}, Page: []byte{0xff, 0xd8, 0, 1, 2, byte(i), 0xff, 0xd9},
			ThumbWidth: 320, ThumbHeight: 180, PageWidth: 960, PageHeight: 540 + i, FetchedAt: day.Add(time.Duration(i) * time.Minute)}
		must("SaveImage", s.SaveImage(ctx, img))
		f.images = append(f.images, img)
	}
	must("SaveImage(failed)", s.SaveImage(ctx, &storyline.ArticleImage{ArticleID: f.other,
		SourceURL: "https://img.example/gone.jpg", FetchedAt: day, Err: "404 Not Found"}))
	return &f
}

func TestMigrate(t *testing.T) {
	url := pgtest.URL(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "storyline.db")
	src, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := fill(t, ctx, src)
	if err := src.Close(); err != nil {
		t.Fatal(err)
	}

	var progress strings.Builder
	report, err := migrate.Run(ctx, path, url, migrate.Options{BatchSize: 2, Progress: &progress})
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, progress.String())
	}
	counts := map[string]int64{}
	for _, c := range report.Counts {
		if !c.Match() {
			t.Errorf("%s: %d in SQLite, %d in PostgreSQL", c.Table, c.SQLite, c.Postgres)
		}
		counts[c.Table] = c.SQLite
	}
	for table, want := range map[string]int64{"articles": 5, "sources": 3, "feeds": 1, "feed_entries": 1, "stories": 4,
		"users": 1, "sessions": 1, "api_tokens": 1, "app_passwords": 2, "comments": 2, "store_meta": 1, "model_tokens": 2,
		"article_reads": 2, "story_reads": 1, "saved_items": 2, "follows": 1, "mutes": 1,
		"story_centroids": 2, "story_postings": 4, "article_images": 3} {
		if counts[table] != want {
			t.Errorf("%s: %d rows, want %d", table, counts[table], want)
		}
	}
	if !strings.Contains(progress.String(), "story_terms") {
		t.Errorf("progress = %q", progress.String())
	}

	dst, err := postgres.Open(ctx, url, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	check(t, ctx, dst, f)

	// Again: nothing changes, the counts still match.
	again, err := migrate.Run(ctx, path, url, migrate.Options{})
	if err != nil {
		t.Fatalf("second Run: %v", err)
	}
	if !slices.Equal(again.Counts, report.Counts) {
		t.Errorf("second Run counts = %+v, want %+v", again.Counts, report.Counts)
	}
	check(t, ctx, dst, f)

	// A story stays dated: a dated article joining it inside its span
	// leaves its times alone.
	before, err := dst.Story(ctx, f.story)
	if err != nil {
		t.Fatal(err)
	}
	inside, err := dst.SaveArticle(ctx, article("https://inside.example/a", "Wire", "Inside", "A report dated inside the story's span.", 0))
	if err != nil {
		t.Fatal(err)
	}
	if err := dst.SaveAnalysis(ctx, &storyline.Analysis{ArticleID: inside.ID, Version: 2, StoryID: f.story}); err != nil {
		t.Fatal(err)
	}
	if after, err := dst.Story(ctx, f.story); err != nil || !after.FirstSeen.Equal(before.FirstSeen) || !after.LastUpdated.Equal(before.LastUpdated) {
		t.Errorf("story %d's times %v–%v became %v–%v (%v): its dated flag was not copied", f.story, before.FirstSeen, before.LastUpdated, after.FirstSeen, after.LastUpdated, err)
	}

	// The sequences moved past the copied IDs.
	res, err := dst.SaveArticle(ctx, article("https://new.example/a", "Wire", "New", "A brand new article about something else entirely.", 5))
	if err != nil || res.ID <= f.other {
		t.Fatalf("SaveArticle after the migration: %+v, %v", res, err)
	}
	if err := dst.SaveAnalysis(ctx, &storyline.Analysis{ArticleID: res.ID, Version: 2, StoryID: f.undated + 1}); err != nil {
		t.Fatalf("SaveAnalysis into a new story: %v", err)
	}
	if st, err := dst.Story(ctx, f.undated+1); err != nil || st.ArticleCount != 1 || st.Title != "New" {
		t.Errorf("new story: %+v, %v", st, err)
	}
	u := &storyline.User{Name: "bob", Role: storyline.RoleMember}
	if err := dst.AddUser(ctx, u); err != nil || u.ID <= f.user.ID {
		t.Errorf("AddUser after the migration: %+v, %v", u, err)
	}
	fw := &storyline.Follow{UserID: u.ID, Kind: storyline.FollowHashtag, Value: "storm"}
	if err := dst.AddFollow(ctx, fw); err != nil || fw.ID <= f.follow.ID {
		t.Errorf("AddFollow after the migration: %+v, %v", fw, err)
	}
	m := &storyline.Mute{UserID: u.ID, Kind: storyline.MuteWord, Value: "storm"}
	if err := dst.AddMute(ctx, m); err != nil || m.ID <= f.mute.ID {
		t.Errorf("AddMute after the migration: %+v, %v", m, err)
	}
	p := &storyline.AppPassword{UserID: u.ID, Label: "bob's", SecretHash: "app-secret-3", FeverHash: "app-fever-3"}
	if err := dst.AddAppPassword(ctx, p); err != nil || p.ID <= f.appPasswords[0].ID {
		t.Errorf("AddAppPassword after the migration: %+v, %v", p, err)
	}
	c := &storyline.Comment{UserID: u.ID, StoryID: f.story, Body: "New."}
	if err := dst.AddComment(ctx, c); err != nil || c.ID <= f.comment.ID {
		t.Errorf("AddComment after the migration: %+v, %v", c, err)
	}
	unlock, err := dst.LockAssignments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	next := &storyline.StoryAssignment{Analysis: &storyline.Analysis{ArticleID: res.ID, Version: 2},
		Centroid: storyline.StoryCentroid{Articles: 1, Terms: []storyline.CentroidTerm{{Key: "brand", Mass: 1}}}, Index: []string{"brand"}}
	if err := dst.AssignStory(ctx, next); err != nil || next.Centroid.StoryID <= f.undated+1 {
		t.Errorf("AssignStory into a new story after the migration: %+v, %v", next.Centroid, err)
	}
	if n, counts, err := dst.StoryTermCounts(ctx, []string{"brand", "quake"}); err != nil || n != 3 || counts["brand"] != 1 || counts["quake"] != 1 {
		t.Errorf("StoryTermCounts after the migration and an assignment = %d, %v, %v", n, counts, err)
	}
}

// check looks through the store contract for what fill stored.
func check(t *testing.T, ctx context.Context, s storyline.Store, f *fixture) {
	t.Helper()
	a, err := s.Article(ctx, f.canonical)
	if err != nil || a.URL != "https://wire.example/floods" || a.Source != "Wire" || a.CopyOf != 0 ||
		!a.Published.Equal(day.Truncate(time.Microsecond)) || a.Text == "" || a.Truncated {
		t.Errorf("Article(%d) = %+v, %v", f.canonical, a, err)
	}
	checkAssignment(t, ctx, s, f)
	checkReading(t, ctx, s, f)
	checkImages(t, ctx, s, f)
	cp, err := s.ArticleByURL(ctx, "https://paper.example/floods")
	if err != nil || cp.ID != f.copy || cp.CopyOf != f.canonical {
		t.Errorf("ArticleByURL(copy) = %+v, %v", cp, err)
	}
	copies, err := s.Copies(ctx, f.canonical)
	if err != nil || len(copies) != 1 || copies[0].ID != f.copy {
		t.Errorf("Copies = %+v, %v", copies, err)
	}
	hits, err := s.Search(ctx, storyline.SearchQuery{Text: "harbour ferries"})
	if err != nil || len(hits) != 1 || hits[0].Article.ID != f.fromFeed {
		t.Errorf("Search = %+v, %v", hits, err)
	}
	sources, err := s.Sources(ctx)
	if err != nil || len(sources) != 3 {
		t.Errorf("Sources = %+v, %v", sources, err)
	}
	for _, src := range sources {
		if src.ArticleCount != 1 && !(src.Name != "Harbour Herald" && src.ArticleCount == 2) {
			t.Errorf("source %+v", src)
		}
	}

	feeds, err := s.Feeds(ctx)
	if err != nil || len(feeds) != 1 {
		t.Fatalf("Feeds = %+v, %v", feeds, err)
	}
	fd := feeds[0]
	if fd.ID != f.feed.ID || fd.URL != f.feed.URL || !fd.FeedOnly || fd.Paused || fd.ETag != `"v1"` ||
		fd.Interval != 45*time.Minute || !fd.NextPoll.Equal(day.Add(time.Hour).Truncate(time.Microsecond)) ||
		!fd.LastFetch.Equal(day.Truncate(time.Microsecond)) || fd.LastError != "one entry failed" || fd.Category != "Local" {
		t.Errorf("feed = %+v", fd)
	}
	entries, err := s.FeedEntries(ctx, f.feed.ID, []string{"guid-1", "guid-2"})
	if err != nil || len(entries) != 1 || entries["guid-1"] != f.fromFeed {
		t.Errorf("FeedEntries = %v, %v", entries, err)
	}
	if a, err := s.Article(ctx, f.fromFeed); err != nil || a.FeedID != f.feed.ID || !a.Truncated {
		t.Errorf("Article(from feed) = %+v, %v", a, err)
	}

	st, err := s.Story(ctx, f.story)
	if err != nil || st.Title != "Storms on the coast" || st.ArticleCount != 2 ||
		!slices.Equal(st.Outlets, []string{"Harbour Herald", "Wire"}) || len(st.Keyphrases) != 1 || len(st.Entities) != 1 || st.CommentCount != 1 || st.Language != "en" ||
		st.Brief == nil || len(st.Brief.Sentences) != 1 || !slices.Equal(st.Brief.Sentences[0].ArticleIDs, []int64{f.canonical}) ||
		st.Brief.Generator != "model-x" || st.Summary != "The model's summary." {
		t.Errorf("Story(%d) = %+v, %v", f.story, st, err)
	}
	// Only the undated story awaits a model's brief: the others were
	// attempted with the articles they have.
	if due, err := s.StoriesForModelBrief(ctx, time.Time{}, 10); err != nil ||
		!slices.Equal(due, []storyline.ModelBriefDue{{StoryID: f.undated, ArticleCount: 1}}) {
		t.Errorf("StoriesForModelBrief = %+v, %v; want story %d", due, err, f.undated)
	}
	for d, want := range map[string]int64{"2025-03-13": 1500, "2025-03-14": 3000, "2025-03-15": 0} {
		if n, err := s.ModelTokens(ctx, d); err != nil || n != want {
			t.Errorf("ModelTokens(%s) = %d, %v; want %d", d, n, err, want)
		}
	}
	if old, err := s.Story(ctx, f.merged); err != nil || old.ID != f.story {
		t.Errorf("Story(merged %d) = %+v, %v", f.merged, old, err)
	}
	an, err := s.Analysis(ctx, f.canonical)
	if err != nil || an.StoryID != f.story || string(an.Signature) != "\x00\x01\x02\xff" || len(an.Summary) != 2 || an.Version != 2 {
		t.Errorf("Analysis = %+v, %v", an, err)
	}
	tl, err := s.Timeline(ctx, f.story)
	if err != nil || len(tl) != 2 || tl[0].ArticleID != f.canonical || tl[1].ArticleID != f.fromFeed {
		t.Errorf("Timeline = %+v, %v", tl, err)
	}
	rel, err := s.RelatedStories(ctx, f.story, 5)
	if err != nil || len(rel) != 1 || rel[0].Story.ID != f.related {
		t.Errorf("RelatedStories = %+v, %v", rel, err)
	}
	tagged, err := s.Stories(ctx, storyline.StoryFilter{Hashtag: "storm"})
	if err != nil || len(tagged) != 1 || tagged[0].ID != f.story {
		t.Errorf("Stories(#storm) = %+v, %v", tagged, err)
	}

	users, err := s.Users(ctx)
	if err != nil || len(users) < 1 || users[0].ID != f.user.ID || users[0].Role != storyline.RoleAdmin {
		t.Errorf("Users = %+v, %v", users, err)
	}
	if u, err := s.UserByName(ctx, " åsa "); err != nil || u.ID != f.user.ID || u.PasswordHash != "hash" {
		t.Errorf("UserByName = %+v, %v", u, err)
	}
	sess, err := s.Session(ctx, "session-hash", day)
	if err != nil || sess.UserID != f.user.ID || !sess.ExpiresAt.Equal(day.Add(24*time.Hour).Truncate(time.Microsecond)) {
		t.Errorf("Session = %+v, %v", sess, err)
	}
	tok, err := s.TokenByHash(ctx, "token-hash")
	if err != nil || tok.ID != f.token.ID || tok.Name != "phone" || tok.UserID != f.user.ID {
		t.Errorf("TokenByHash = %+v, %v", tok, err)
	}
	checkAppPasswords(t, ctx, s, f)
	comments, err := s.Comments(ctx, storyline.CommentFilter{StoryID: f.merged})
	if err != nil || len(comments) != 1 || comments[0].ID != f.comment.ID || comments[0].Body != "Stay safe." ||
		comments[0].UserName != "Åsa" || !comments[0].CreatedAt.Equal(day.Truncate(time.Microsecond)) {
		t.Errorf("Comments(story) = %+v, %v", comments, err)
	}
	if v, ok, err := s.Meta(ctx, "snapshot"); err != nil || !ok || v != `{"n":1}` {
		t.Errorf("Meta = %q %v %v", v, ok, err)
	}
}

// checkAssignment looks for the centroids, the index and the term counts
// AssignStory stored: the same through the contract, dates truncated to
// microseconds.
func checkAssignment(t *testing.T, ctx context.Context, s storyline.Store, f *fixture) {
	t.Helper()
	for _, want := range f.centroids {
		want.First, want.Last = want.First.Truncate(time.Microsecond), want.Last.Truncate(time.Microsecond)
		got, err := s.StoryCentroid(ctx, want.StoryID)
		if err != nil || got.StoryID != want.StoryID || got.Articles != want.Articles || !got.First.Equal(want.First) ||
			!got.Last.Equal(want.Last) || got.Last.IsZero() != want.Last.IsZero() || !slices.Equal(got.Terms, want.Terms) {
			t.Errorf("StoryCentroid(%d) = %+v, %v; want %+v", want.StoryID, got, err, want)
		}
	}
	entity := "\x00person:jonas berg"
	q := storyline.CandidateQuery{Terms: []storyline.WeightedTerm{{Key: entity, Weight: 1}, {Key: "bridge", Weight: 1}},
		Time: day.Add(3 * time.Hour), Window: time.Hour, Limit: 10}
	if got, err := s.StoryCandidates(ctx, q); err != nil || len(got) != 2 || got[0].StoryID != f.related || got[1].StoryID != f.undated {
		t.Errorf("StoryCandidates(dated) = %+v, %v; want stories %d and %d", got, err, f.related, f.undated)
	}
	q.Time = day.Add(30 * 24 * time.Hour)
	if got, err := s.StoryCandidates(ctx, q); err != nil || len(got) != 1 || got[0].StoryID != f.undated {
		t.Errorf("StoryCandidates(a month later) = %+v, %v; want story %d", got, err, f.undated)
	}
	n, counts, err := s.StoryTermCounts(ctx, []string{"bridge", "quake", entity, "vote"})
	if want := map[string]int{"bridge": 1, "quake": 1, entity: 2}; err != nil || n != 2 || !maps.Equal(counts, want) {
		t.Errorf("StoryTermCounts = %d, %v, %v; want 2, %v", n, counts, err, want)
	}
}

// checkReading looks for the reading state fill stored.
func checkReading(t *testing.T, ctx context.Context, s storyline.Store, f *fixture) {
	t.Helper()
	u := f.user.ID
	if read, err := s.ArticlesRead(ctx, u, []int64{f.canonical, f.copy, f.other}); err != nil ||
		!maps.Equal(read, map[int64]bool{f.canonical: true, f.other: true}) {
		t.Errorf("ArticlesRead = %v, %v", read, err)
	}
	if read, err := s.StoriesRead(ctx, u, []int64{f.story, f.merged}); err != nil || len(read) != 2 ||
		read[f.merged].StoryID != f.story || read[f.story].Seen != 2 || !read[f.story].ReadAt.Equal(day.Truncate(time.Microsecond)) {
		t.Errorf("StoriesRead = %+v, %v", read, err)
	}
	want := []storyline.Saved{{Kind: storyline.KindStory, ItemID: f.story, SavedAt: day.Add(time.Hour).Truncate(time.Microsecond)},
		{Kind: storyline.KindArticle, ItemID: f.other, SavedAt: day.Truncate(time.Microsecond)}}
	if saved, err := s.SavedItems(ctx, u, "", 0, 0); err != nil || len(saved) != 2 ||
		saved[0].Kind != want[0].Kind || saved[0].ItemID != want[0].ItemID || !saved[0].SavedAt.Equal(want[0].SavedAt) ||
		saved[1].Kind != want[1].Kind || saved[1].ItemID != want[1].ItemID || !saved[1].SavedAt.Equal(want[1].SavedAt) {
		t.Errorf("SavedItems = %+v, %v; want %+v", saved, err, want)
	}
	if fs, err := s.Follows(ctx, u); err != nil || len(fs) != 1 || fs[0].ID != f.follow.ID || fs[0].Value != "Jonas Berg" ||
		fs[0].EntityKind != storyline.EntityPerson || !fs[0].CreatedAt.Equal(f.follow.CreatedAt) {
		t.Errorf("Follows = %+v, %v", fs, err)
	}
	dup := &storyline.Follow{UserID: u, Kind: storyline.FollowEntity, Value: "JONAS BERG", EntityKind: storyline.EntityPerson}
	if err := s.AddFollow(ctx, dup); storyline.ErrorCode(err) != storyline.ECONFLICT {
		t.Errorf("AddFollow(the same, in capitals) = %v, want ECONFLICT", err)
	}
	if ms, err := s.Mutes(ctx, u); err != nil || len(ms) != 1 || ms[0].ID != f.mute.ID || ms[0].Value != "Ärger" {
		t.Errorf("Mutes = %+v, %v", ms, err)
	}
	if got, err := s.UserByFeedToken(ctx, "feed-hash"); err != nil || got.ID != u {
		t.Errorf("UserByFeedToken = %+v, %v", got, err)
	}
}

// checkAppPasswords looks for the app passwords fill stored, by user and
// by both hashes, their times truncated to microseconds.
func checkAppPasswords(t *testing.T, ctx context.Context, s storyline.Store, f *fixture) {
	t.Helper()
	list, err := s.AppPasswords(ctx, f.user.ID)
	if err != nil || len(list) != len(f.appPasswords) {
		t.Fatalf("AppPasswords = %d, %v; want %d", len(list), err, len(f.appPasswords))
	}
	for i, want := range f.appPasswords {
		got := list[i]
		if got.ID != want.ID || got.UserID != want.UserID || got.Label != want.Label || got.SecretHash != want.SecretHash ||
			got.FeverHash != want.FeverHash || got.StoriesAsItems != want.StoriesAsItems ||
			!got.CreatedAt.Equal(want.CreatedAt.Truncate(time.Microsecond)) || !got.LastUsedAt.Equal(want.LastUsedAt) {
			t.Errorf("AppPasswords[%d] = %+v, want %+v", i, got, want)
		}
	}
	if got, err := s.AppPasswordBySecret(ctx, "app-secret-1"); err != nil || got.ID != f.appPasswords[1].ID {
		t.Errorf("AppPasswordBySecret = %+v, %v", got, err)
	}
	if got, err := s.AppPasswordByFeverKey(ctx, "app-fever-2"); err != nil || got.ID != f.appPasswords[0].ID || !got.StoriesAsItems {
		t.Errorf("AppPasswordByFeverKey = %+v, %v", got, err)
	}
}

// checkImages looks for the images fill stored: the renditions byte for
// byte, the fetch times truncated to microseconds, the failed image still
// recorded (nothing pending).
func checkImages(t *testing.T, ctx context.Context, s storyline.Store, f *fixture) {
	t.Helper()
	refs := map[int64]storyline.ImageRef{}
	for _, img := range f.images {
		for size, data := range map[storyline.ImageSize][]byte{storyline.ImageThumb: img.Thumb, storyline.ImagePage: img.Page} {
			got, err := s.Image(ctx, img.ArticleID, size)
			if err != nil || !bytes.Equal(got.Data, data) || got.Hash != img.Hash || !got.FetchedAt.Equal(img.FetchedAt.Truncate(time.Microsecond)) {
				t.Errorf("Image(%d, %s) = %+v, %v; want %q, hash %q", img.ArticleID, size, got, err, data, img.Hash)
			}
		}
		refs[img.ArticleID] = storyline.ImageRef{ArticleID: img.ArticleID, Hash: img.Hash, ThumbWidth: img.ThumbWidth,
			ThumbHeight: img.ThumbHeight, PageWidth: img.PageWidth, PageHeight: img.PageHeight}
	}
	want := map[int64]storyline.ImageRef{f.canonical: refs[f.canonical], f.copy: refs[f.canonical], f.fromFeed: refs[f.fromFeed]}
	if got, err := s.ArticleImages(ctx, []int64{f.canonical, f.copy, f.fromFeed, f.other}); err != nil || !maps.Equal(got, want) {
		t.Errorf("ArticleImages = %+v, %v; want %+v", got, err, want)
	}
	if _, err := s.Image(ctx, f.other, storyline.ImageThumb); storyline.ErrorCode(err) != storyline.ENOTFOUND {
		t.Errorf("Image(failed) = %v, want ENOTFOUND", err)
	}
	// The story's most covered report is the canonical article (a copy).
	if got, err := s.StoryImages(ctx, []int64{f.merged}); err != nil || !maps.Equal(got, map[int64]storyline.ImageRef{f.merged: refs[f.canonical]}) {
		t.Errorf("StoryImages(merged story) = %+v, %v; want the canonical article's", got, err)
	}
}

func TestMigrateRefuses(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	_, err := migrate.Run(ctx, filepath.Join(dir, "absent.db"), "postgres://127.0.0.1:1/x", migrate.Options{})
	if err == nil || !strings.Contains(err.Error(), "absent.db") {
		t.Errorf("missing file: %v", err)
	}
	junk := filepath.Join(dir, "junk.db")
	if err := os.WriteFile(junk, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = migrate.Run(ctx, junk, "postgres://127.0.0.1:1/x", migrate.Options{})
	if err == nil || !strings.Contains(err.Error(), "schema version") || errors.Is(err, migrate.ErrCountMismatch) {
		t.Errorf("not a Storyline database: %v", err)
	}
}
