package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/api"
)

// maxStoriesListed is the most stories the stories command prints.
const maxStoriesListed = 500

func (a *app) storiesCommand() *cobra.Command {
	var (
		source string
		limit  int
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "stories",
		Short: "List stories, most recently updated first, with their briefs",
		Long: `List stories, most recently updated first: each story's title, outlets and
brief, every sentence followed by the IDs of the articles it cites.

--json prints a JSON array of the API's single-story objects (brief, coverage
and timeline included; related stories and other languages left empty).`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if limit < 1 || limit > maxStoriesListed {
				return usagef("--limit must be from 1 to %d", maxStoriesListed)
			}
			ctx := cmd.Context()
			store, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer store.Close()
			list, err := store.Stories(ctx, storyline.StoryFilter{Source: source, Limit: limit})
			if err != nil {
				return err
			}
			details := make([]api.StoryDetail, 0, len(list))
			for _, s := range list {
				st, err := store.Story(ctx, s.ID)
				if err != nil {
					return err
				}
				timeline, err := store.Timeline(ctx, st.ID)
				if err != nil {
					return err
				}
				details = append(details, api.NewStoryDetail(st, timeline, nil, nil))
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(details)
			}
			if len(details) == 0 {
				_, err := fmt.Fprintln(a.stdout, "no stories")
				return err
			}
			for _, d := range details {
				if err := printStory(a.stdout, d); err != nil {
					return err
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&source, "source", "", "only stories with an article from this outlet")
	cmd.Flags().IntVar(&limit, "limit", 20, fmt.Sprintf("most stories (at most %d)", maxStoriesListed))
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON: the API's story objects")
	return cmd
}

// printStory writes one story: title, outlets, and its brief (or its
// summary when it has none), each sentence with the articles it cites.
func printStory(w io.Writer, d api.StoryDetail) error {
	if _, err := fmt.Fprintf(w, "%6d  %s\n        %s · %d articles\n", d.ID, d.Title, strings.Join(d.Outlets, ", "), d.ArticleCount); err != nil {
		return err
	}
	if d.Brief == nil {
		_, err := fmt.Fprintf(w, "        %s\n\n", d.Summary)
		return err
	}
	for _, s := range d.Brief.Sentences {
		if _, err := fmt.Fprintf(w, "        %s %v\n", s.Text, s.ArticleIDs); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintln(w)
	return err
}
