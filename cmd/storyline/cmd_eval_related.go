package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline/internal/eval"
	"github.com/storyline/storyline/internal/store/sqlite"
)

// relatedLimit is how many related stories a story page shows.
const relatedLimit = 5

func (a *app) evalRelatedCommand() *cobra.Command {
	var dir, events string
	var days int
	var seed uint64
	var minPrecision, minShare float64
	cmd := &cobra.Command{
		Use:   "related [--data DIR] [--events FILE] [--min-precision P] [--min-share S]",
		Short: "Score related stories against news categories and gold events",
		Long: `Score the related stories a story page shows (at most ` + fmt.Sprint(relatedLimit) + `) against labels,
through the path that ships: the documents are imported as dated articles,
with analysis, into a temporary store, as ` + "`storyline import`" + ` does, and every
story's related stories read back. A related story is right when it shares a
label with the story; a story's labels are those of at least half its
documents (or, when none has that many, those of the most). Prints how many
stories show any, the precision of all shown, and of the first.

--data DIR: the keyphrase set, DIR/docs/<category>-<id>.txt (first line the
title), labelled by the ten news categories of the file names; a document
filed under several categories (the same number in two file names) has them
all. Documents are dated at random within --days (seeded by --seed).

--events FILE: a clustering set (JSON Lines of text and gold story), labelled
by gold story: the pieces of one event that the clustering split, and other
coverage of the same subject, should show each other. The stories are spread
over --days as ` + "`storyline eval cluster --stream --spread`" + ` does.

--min-precision and --min-share (0: no check) fail the run when the precision,
or the share of stories showing a related story, is below them for a set.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if dir == "" && events == "" {
				return usagef("eval related needs --data DIR or --events FILE")
			}
			for _, f := range []struct {
				name string
				v    float64
			}{{"--min-precision", minPrecision}, {"--min-share", minShare}} {
				if f.v < 0 || f.v > 1 {
					return usagef("%s %g: must be between 0 and 1", f.name, f.v)
				}
			}
			if days < 1 || days > 3650 {
				return usagef("--days %d: must be from 1 to 3650", days)
			}
			sets := []struct {
				what, path string
				score      func(context.Context, string, int, uint64) (eval.RelatedScores, error)
			}{{"category", dir, a.relatedByCategory}, {"event", events, a.relatedByEvent}}
			var fails []string
			for _, set := range sets {
				if set.path == "" {
					continue
				}
				sc, err := set.score(cmd.Context(), set.path, days, seed)
				if err != nil {
					return err
				}
				if err := sc.Print(a.stdout, set.what); err != nil {
					return err
				}
				if minPrecision > 0 && sc.Precision < minPrecision {
					fails = append(fails, fmt.Sprintf("%s precision %.3f is below --min-precision %g", set.what, sc.Precision, minPrecision))
				}
				if minShare > 0 && sc.Share < minShare {
					fails = append(fails, fmt.Sprintf("%s share of stories showing one %.3f is below --min-share %g", set.what, sc.Share, minShare))
				}
			}
			if len(fails) > 0 {
				return fmt.Errorf("related stories: %s", strings.Join(fails, "; "))
			}
			return nil
		},
	}
	// The eval's --data names the data directory; it shadows the global
	// --data (the store), which eval does not use.
	cmd.Flags().StringVar(&dir, "data", "", "keyphrase set directory with docs/<category>-<id>.txt")
	cmd.Flags().StringVar(&events, "events", "", "clustering set (JSON Lines of text and gold story)")
	cmd.Flags().IntVar(&days, "days", 14, "date the documents (--data) or spread the gold stories (--events) over this many days")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "seed of the dates")
	cmd.Flags().Float64Var(&minPrecision, "min-precision", 0, "fail when a set's precision is below this (0: no check)")
	cmd.Flags().Float64Var(&minShare, "min-share", 0, "fail when a set's share of stories showing a related story is below this (0: no check)")
	return cmd
}

// relatedByCategory scores related stories on the keyphrase set in dir.
func (a *app) relatedByCategory(ctx context.Context, dir string, days int, seed uint64) (eval.RelatedScores, error) {
	all, err := eval.LoadKeyphraseData(dir)
	if err != nil {
		return eval.RelatedScores{}, err
	}
	// A document without text is no article: the import refuses it.
	var docs []eval.KeyphraseDoc
	for _, d := range all {
		if strings.TrimSpace(d.Text) != "" {
			docs = append(docs, d)
		}
	}
	labels := categories(docs)
	stories, related, err := streamRelated(ctx, docs, days, seed)
	if err != nil {
		return eval.RelatedScores{}, err
	}
	fmt.Fprintf(a.stdout, "%s: %d documents in %d categories (%d without text left out), dated within %d days (seed %d); path: %s\n",
		dir, len(docs), countCategories(labels), len(all)-len(docs), days, seed, streamPath)
	return eval.ScoreRelated(labels, stories, related)
}

// relatedByEvent scores related stories on the clustering set in file.
func (a *app) relatedByEvent(ctx context.Context, file string, days int, seed uint64) (eval.RelatedScores, error) {
	items, err := eval.LoadClusterData(file)
	if err != nil {
		return eval.RelatedScores{}, err
	}
	opts := eval.ArchiveOptions{SpreadDays: days, Seed: seed}
	archive, err := eval.MakeArchive(items, opts)
	if err != nil {
		return eval.RelatedScores{}, err
	}
	tmp, err := os.MkdirTemp("", "storyline-eval-")
	if err != nil {
		return eval.RelatedScores{}, err
	}
	defer os.RemoveAll(tmp)
	db, stories, err := importArchive(ctx, tmp, archive)
	if err != nil {
		return eval.RelatedScores{}, err
	}
	defer db.Close()
	related, err := relatedOf(ctx, db, stories)
	if err != nil {
		return eval.RelatedScores{}, err
	}
	labels := make([][]string, len(archive))
	for i, it := range archive {
		labels[i] = []string{it.Label}
	}
	fmt.Fprintf(a.stdout, "%s: %d items; %s; path: %s\n", file, len(archive), opts.Describe(), streamPath)
	return eval.ScoreRelated(labels, stories, related)
}

// categories returns each document's categories: the prefix of its file
// name, and those of the files under other categories with its number (the
// set files one story under several).
func categories(docs []eval.KeyphraseDoc) [][]string {
	byNumber := map[string][]string{}
	for _, d := range docs {
		cat, num := categoryOf(d.ID)
		byNumber[num] = append(byNumber[num], cat)
	}
	out := make([][]string, len(docs))
	for i, d := range docs {
		_, num := categoryOf(d.ID)
		out[i] = byNumber[num]
	}
	return out
}

// categoryOf splits a document ID into its category and number
// ("sports-20913" → "sports", "20913"); an ID without a dash is its own
// category and number.
func categoryOf(id string) (category, number string) {
	if cat, num, ok := strings.Cut(id, "-"); ok {
		return cat, num
	}
	return id, id
}

// countCategories returns how many distinct categories labels name.
func countCategories(labels [][]string) int {
	seen := map[string]bool{}
	for _, ls := range labels {
		for _, l := range ls {
			seen[l] = true
		}
	}
	return len(seen)
}

// streamRelated imports docs as dated articles with analysis into a
// temporary store and returns each document's story and every story's
// related stories, best first.
func streamRelated(ctx context.Context, docs []eval.KeyphraseDoc, days int, seed uint64) ([]int64, map[int64][]int64, error) {
	tmp, err := os.MkdirTemp("", "storyline-eval-")
	if err != nil {
		return nil, nil, err
	}
	defer os.RemoveAll(tmp)
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	url := func(i int) string { return fmt.Sprintf("https://eval.example/%d/doc-%s", i%evalOutlets, docs[i].ID) }
	file := filepath.Join(tmp, "archive.jsonl")
	err = writeJSONLines(file, len(docs), func(i int) any {
		at := start.Add(time.Duration(rng.Int64N(int64(days) * int64(24*time.Hour))))
		return map[string]any{"url": url(i), "title": docs[i].Title, "text": docs[i].Text,
			"source": fmt.Sprintf("Outlet %d", i%evalOutlets), "published": at.Format(time.RFC3339)}
	})
	if err != nil {
		return nil, nil, err
	}
	db, err := importWithAnalysis(ctx, tmp, file)
	if err != nil {
		return nil, nil, err
	}
	defer db.Close()
	stories := make([]int64, len(docs))
	for i, d := range docs {
		if stories[i], err = storyOf(ctx, db, url(i)); err != nil {
			return nil, nil, fmt.Errorf("document %s: %w", d.ID, err)
		}
	}
	related, err := relatedOf(ctx, db, stories)
	return stories, related, err
}

// relatedOf returns the related stories of every story among stories
// (negative IDs are none), best first, as a story page lists them.
func relatedOf(ctx context.Context, db *sqlite.DB, stories []int64) (map[int64][]int64, error) {
	related := map[int64][]int64{}
	for _, id := range stories {
		if _, done := related[id]; done || id < 0 {
			continue
		}
		list, err := db.RelatedStories(ctx, id, relatedLimit)
		if err != nil {
			return nil, err
		}
		ids := make([]int64, len(list))
		for j, r := range list {
			ids[j] = r.Story.ID
		}
		related[id] = ids
	}
	return related, nil
}
