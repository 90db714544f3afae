package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline/internal/eval"
)

func (a *app) evalDedupCommand() *cobra.Command {
	var data, out string
	var minPrecision, minRecall float64
	cmd := &cobra.Command{
		Use:   "dedup --data FILE [--out FILE]",
		Short: "Score syndicated-copy detection on a labelled stream of texts",
		Long: `Stream the lines of FILE (JSON Lines with id, text, group and kind) in order
through the copy detector: each text joins the group of the earlier text it is a
copy of, or starts its own. Print pairwise and B-cubed precision, recall and F1
against the gold groups, beside exact matching of normalized text and every text
alone, and our recall by kind of copy.

--min-precision and --min-recall (0: no check) fail the run when our pairwise
precision or recall is below them.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if data == "" {
				return usagef("eval dedup needs --data FILE")
			}
			for _, f := range []struct {
				name string
				v    float64
			}{{"--min-precision", minPrecision}, {"--min-recall", minRecall}} {
				if f.v < 0 || f.v > 1 {
					return usagef("%s %g: must be between 0 and 1", f.name, f.v)
				}
			}
			rep, err := eval.RunDedup(cmd.Context(), eval.DedupOptions{DataFile: data, OutFile: out})
			if err != nil {
				return err
			}
			if err := rep.Print(a.stdout); err != nil {
				return err
			}
			if p := rep.Ours.PairPrecision; p < minPrecision {
				return fmt.Errorf("eval dedup %s: pairwise precision %.4f is below --min-precision %g", data, p, minPrecision)
			}
			if r := rep.Ours.PairRecall; r < minRecall {
				return fmt.Errorf("eval dedup %s: pairwise recall %.4f is below --min-recall %g", data, r, minRecall)
			}
			return nil
		},
	}
	// --data names the data file; it shadows the global --data (the
	// store), which eval does not use.
	cmd.Flags().StringVar(&data, "data", "", "JSON Lines data file of {id, text, group, kind}")
	cmd.Flags().StringVar(&out, "out", "", "write our groups as JSON {id: group} to FILE")
	cmd.Flags().Float64Var(&minPrecision, "min-precision", 0, "fail when pairwise precision is below this (0: no check)")
	cmd.Flags().Float64Var(&minRecall, "min-recall", 0, "fail when pairwise recall is below this (0: no check)")
	return cmd
}
