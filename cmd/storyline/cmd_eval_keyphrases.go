package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline/internal/analysis/keyphrase"
	"github.com/storyline/storyline/internal/eval"
)

func (a *app) evalKeyphrasesCommand() *cobra.Command {
	var dir, out string
	var minF1 float64
	cmd := &cobra.Command{
		Use:   "keyphrases --data DIR [--out FILE] [--min-f1 PERCENT]",
		Short: "Score keyphrase extraction against gold keyphrases with F1@10",
		Long: `Extract the keyphrases of every DIR/docs/<id>.txt (first line the title) and score
the top 10 against DIR/keys/<id>.key (one gold keyphrase a line): both sides
lower-cased and Porter-stemmed, exact match, gold duplicates removed; per
document P = matches / min(10, returned), R = matches / gold keys, F1 of the
two, each averaged over the documents. Prints F1@10, P@10 and R@10 as
percentages for ours and for the FirstPhrases and TfIdf baselines on the same
candidates. Document frequencies come from a first pass over all documents.

With --min-f1 it fails when our F1@10 (a percentage, e.g. 18) is below it.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if dir == "" {
				return usagef("eval keyphrases needs --data DIR")
			}
			if minF1 < 0 || minF1 > 100 {
				return usagef("--min-f1 %g: must be a percentage from 0 to 100", minF1)
			}
			rep, err := eval.RunKeyphrases(cmd.Context(), keyphrase.New(keyphrase.Options{}), eval.KeyphraseOptions{DataDir: dir, OutFile: out})
			if err != nil {
				return err
			}
			if err := rep.Print(a.stdout); err != nil {
				return err
			}
			if got := 100 * rep.Ours.F1; minF1 > 0 && got < minF1 {
				return fmt.Errorf("keyphrase F1@%d %.1f is below --min-f1 %g", eval.KeyphraseK, got, minF1)
			}
			return nil
		},
	}
	// The eval's --data names the data directory; it shadows the global
	// --data (the store), which eval does not use.
	cmd.Flags().StringVar(&dir, "data", "", "data directory with docs/<id>.txt and keys/<id>.key")
	cmd.Flags().StringVar(&out, "out", "", "write our keyphrases as JSON {id: [phrase, ...]} to FILE")
	cmd.Flags().Float64Var(&minF1, "min-f1", 0, "fail when our F1@10, in percent, is below this (0: no check)")
	return cmd
}
