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
)

// relatedLimit is how many related stories a story page shows.
const relatedLimit = 5

func (a *app) evalRelatedCommand() *cobra.Command {
	var dir string
	var days int
	var seed uint64
	var minPrecision, minShare float64
	cmd := &cobra.Command{
		Use:   "related --data DIR [--min-precision P] [--min-share S]",
		Short: "Score related stories against the news categories of a labelled set",
		Long: `Import every DIR/docs/<category>-<id>.txt (the keyphrase set: first line the
title, its file name's prefix one of ten news categories) as an article dated at
random within --days (seeded by --seed), with analysis, into a temporary store,
as ` + "`storyline import`" + ` does; then read the related stories of every story (at most
` + fmt.Sprint(relatedLimit) + `, as the story page shows) and score them: a related story is right when
it shares a category with the story (a story's categories: those of at least
half its documents; a document filed under several categories — the same
number in two file names — has them all). Prints how many stories show any,
the precision of all shown, and of the first.

--min-precision and --min-share (0: no check) fail the run when the precision, or
the share of stories showing a related story, is below them.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if dir == "" {
				return usagef("eval related needs --data DIR")
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
			all, err := eval.LoadKeyphraseData(dir)
			if err != nil {
				return err
			}
			// A document without text is no article: the import refuses it.
			var docs []eval.KeyphraseDoc
			for _, d := range all {
				if strings.TrimSpace(d.Text) != "" {
					docs = append(docs, d)
				}
			}
			labels := categories(docs)
			stories, related, err := streamRelated(cmd.Context(), docs, days, seed)
			if err != nil {
				return err
			}
			sc, err := eval.ScoreRelated(labels, stories, related)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "%d documents in %d categories (%d without text left out), dated within %d days (seed %d); path: %s\n\n",
				len(docs), countCategories(labels), len(all)-len(docs), days, seed, streamPath)
			if err := sc.Print(a.stdout, "category"); err != nil {
				return err
			}
			var fails []string
			if minPrecision > 0 && sc.Precision < minPrecision {
				fails = append(fails, fmt.Sprintf("precision %.3f is below --min-precision %g", sc.Precision, minPrecision))
			}
			if minShare > 0 && sc.Share < minShare {
				fails = append(fails, fmt.Sprintf("share of stories showing one %.3f is below --min-share %g", sc.Share, minShare))
			}
			if len(fails) > 0 {
				return fmt.Errorf("related stories: %s", strings.Join(fails, "; "))
			}
			return nil
		},
	}
	// The eval's --data names the data directory; it shadows the global
	// --data (the store), which eval does not use.
	cmd.Flags().StringVar(&dir, "data", "", "data directory with docs/<category>-<id>.txt")
	cmd.Flags().IntVar(&days, "days", 14, "date the documents at random within this many days")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "seed of the dates")
	cmd.Flags().Float64Var(&minPrecision, "min-precision", 0, "fail when the precision is below this (0: no check)")
	cmd.Flags().Float64Var(&minShare, "min-share", 0, "fail when the share of stories showing a related story is below this (0: no check)")
	return cmd
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
	related := map[int64][]int64{}
	for i, d := range docs {
		a, err := db.ArticleByURL(ctx, url(i))
		if err != nil {
			return nil, nil, fmt.Errorf("document %s: %w", d.ID, err)
		}
		x, err := db.Analysis(ctx, a.ID)
		if err != nil {
			return nil, nil, fmt.Errorf("document %s: %w", d.ID, err)
		}
		st, err := db.Story(ctx, x.StoryID)
		if err != nil {
			return nil, nil, fmt.Errorf("document %s: %w", d.ID, err)
		}
		stories[i] = st.ID
		if _, done := related[st.ID]; done {
			continue
		}
		list, err := db.RelatedStories(ctx, st.ID, relatedLimit)
		if err != nil {
			return nil, nil, fmt.Errorf("document %s: %w", d.ID, err)
		}
		ids := make([]int64, len(list))
		for j, r := range list {
			ids[j] = r.Story.ID
		}
		related[st.ID] = ids
	}
	return stories, related, nil
}
