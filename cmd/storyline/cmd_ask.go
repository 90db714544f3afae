package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/api"
	"github.com/storyline/storyline/internal/briefing"
	"github.com/storyline/storyline/internal/metrics"
)

func (a *app) askCommand() *cobra.Command {
	var (
		asJSON bool
		llmOpt llmFlags
	)
	cmd := &cobra.Command{
		Use:   "ask STORY-ID QUESTION",
		Short: "Answer a question about a story from its coverage, with citations",
		Long: `Answer a question about a story from the story's articles only: the
sentences that answer it, each followed by the IDs of the articles it cites,
or "Not in the coverage" when none does. With --llm-url and --llm-model a
language model writes the answer from those sentences (the key, if needed,
from $` + llmKeyEnv + `); it falls back to the sentences themselves.

--json prints the API's answer object: found, answer, sentences, generator.`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := strconv.ParseInt(args[0], 10, 64)
			if err != nil || id < 1 {
				return usagef("story ID %q: want a positive number", args[0])
			}
			if err := llmOpt.check(); err != nil {
				return err
			}
			ctx := cmd.Context()
			store, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer store.Close()
			log := a.logger()
			model, err := a.languageModel(llmOpt, store, metrics.New(nil, log), log)
			if err != nil {
				return err
			}
			ans, err := briefing.NewAsker(store, model, log).Ask(ctx, storyline.Question{StoryID: id, Text: args[1], Model: model != nil})
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(api.NewAnswer(ans))
			}
			if !ans.Found {
				_, err := fmt.Fprintln(a.stdout, ans.Text)
				return err
			}
			var b strings.Builder
			for _, s := range ans.Sentences {
				fmt.Fprintf(&b, "%s %v\n", s.Text, s.ArticleIDs)
			}
			fmt.Fprintf(&b, "(%s)\n", answeredBy(ans.Generator))
			_, err = fmt.Fprint(a.stdout, b.String())
			return err
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON: the API's answer object")
	llmOpt.register(cmd)
	return cmd
}

// answeredBy says what wrote an answer.
func answeredBy(generator string) string {
	if generator == storyline.BuiltInBrief {
		return "answered from the coverage's own sentences"
	}
	return "written by " + generator + " from the coverage"
}
