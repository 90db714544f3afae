package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline/internal/eval"
	"github.com/storyline/storyline/internal/extract"
)

func (a *app) evalCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Measure the analysis against evaluation data",
		Args:  noArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(a.evalExtractCommand())
	cmd.AddCommand(a.evalDedupCommand())
	cmd.AddCommand(a.evalSummarizeCommand())
	cmd.AddCommand(a.evalClusterCommand())
	cmd.AddCommand(a.evalKeyphrasesCommand())
	cmd.AddCommand(a.evalLanguagesCommand())
	cmd.AddCommand(a.evalBriefCommand())
	cmd.AddCommand(a.evalRelatedCommand())
	return cmd
}

// baselineSystem is the system our extraction must not fall behind.
const baselineSystem = "go_trafilatura"

func (a *app) evalExtractCommand() *cobra.Command {
	var dir, out string
	var workers int
	cmd := &cobra.Command{
		Use:   "extract --data DIR [--out FILE]",
		Short: "Score article extraction on a benchmark directory",
		Long: `Run the extractor on DIR/html/*.html.gz, score it against DIR/ground-truth.json
with the article-extraction-benchmark metric, and print precision, recall and F1
for ours and for every system in DIR/output/, best first. Fails when our F1 is
below ` + baselineSystem + `'s.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if dir == "" {
				return usagef("eval extract needs --data DIR")
			}
			rep, err := eval.RunExtract(cmd.Context(), extract.New(extract.Options{}), eval.ExtractOptions{DataDir: dir, OutFile: out, Workers: workers})
			if err != nil {
				return err
			}
			if err := rep.Print(a.stdout); err != nil {
				return err
			}
			if base, ok := rep.System(baselineSystem); ok && rep.Ours.F1 < base.F1 {
				return fmt.Errorf("extraction F1 %.4f is below %s's %.4f", rep.Ours.F1, baselineSystem, base.F1)
			}
			return nil
		},
	}
	// The eval's --data names the benchmark directory; it shadows the
	// global --data (the store), which eval does not use.
	cmd.Flags().StringVar(&dir, "data", "", "benchmark directory with html/, ground-truth.json and output/")
	cmd.Flags().StringVar(&out, "out", "", "write our extractions as JSON to FILE")
	cmd.Flags().IntVar(&workers, "workers", 0, "pages extracted at once (0: one per CPU)")
	return cmd
}
