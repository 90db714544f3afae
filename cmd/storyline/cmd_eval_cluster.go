package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline/internal/eval"
)

func (a *app) evalClusterCommand() *cobra.Command {
	var data, out string
	var minNMI, minACC float64
	cmd := &cobra.Command{
		Use:   "cluster --data FILE [--out FILE]",
		Short: "Score online story clustering on a labelled set of texts",
		Long: `Run the lines of FILE (JSON Lines with text and cluster) once, in file order,
through the story clusterer, without telling it how many stories there are: each
text joins a story or starts one. Print NMI, ACC (accuracy under the best
one-to-one matching of stories, Hungarian), pairwise and B-cubed precision,
recall and F1 against the gold stories, beside the reference baseline (plain
single-pass TF-IDF with one fixed threshold and no merges) on the same data.

--min-nmi and --min-acc (0: no check) fail the run when our NMI or ACC is below
them.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if data == "" {
				return usagef("eval cluster needs --data FILE")
			}
			for _, f := range []struct {
				name string
				v    float64
			}{{"--min-nmi", minNMI}, {"--min-acc", minACC}} {
				if f.v < 0 || f.v > 1 {
					return usagef("%s %g: must be between 0 and 1", f.name, f.v)
				}
			}
			rep, err := eval.RunCluster(cmd.Context(), eval.ClusterOptions{DataFile: data, OutFile: out})
			if err != nil {
				return err
			}
			if err := rep.Print(a.stdout); err != nil {
				return err
			}
			var fails []string
			if v := rep.Ours.NMI; v < minNMI {
				fails = append(fails, fmt.Sprintf("NMI %.4f is below --min-nmi %g", v, minNMI))
			}
			if v := rep.Ours.ACC; v < minACC {
				fails = append(fails, fmt.Sprintf("ACC %.4f is below --min-acc %g", v, minACC))
			}
			if len(fails) > 0 {
				return fmt.Errorf("eval cluster %s: %s", data, strings.Join(fails, "; "))
			}
			return nil
		},
	}
	// --data names the data file; it shadows the global --data (the
	// store), which eval does not use.
	cmd.Flags().StringVar(&data, "data", "", "JSON Lines data file of {text, cluster}")
	cmd.Flags().StringVar(&out, "out", "", `write our labels, line-aligned, as JSON {"labels": [...]} to FILE`)
	cmd.Flags().Float64Var(&minNMI, "min-nmi", 0, "fail when NMI is below this (0: no check)")
	cmd.Flags().Float64Var(&minACC, "min-acc", 0, "fail when ACC is below this (0: no check)")
	return cmd
}
