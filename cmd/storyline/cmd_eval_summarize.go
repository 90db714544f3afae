package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline/internal/analysis/summarize"
	"github.com/storyline/storyline/internal/eval"
)

// summarizeGateDataset is the data set on which --require-lead3 holds our
// summaries to LEAD-3, the hard baseline on news.
const summarizeGateDataset = "cnndm"

func (a *app) evalSummarizeCommand() *cobra.Command {
	var data, dataset, out string
	var sentences int
	var requireLead3 bool
	var minMargin float64
	cmd := &cobra.Command{
		Use:   "summarize --data FILE [--dataset NAME] [--out FILE]",
		Short: "Score extractive summaries against reference summaries with ROUGE",
		Long: `Summarize the article of every line of FILE (JSON Lines with dataset, id,
article, article_lines, reference and system_outputs) and print ROUGE-1, -2 and
-L F1 of ours, of LEAD-3 (the first three article_lines) and of every system in
system_outputs, best ROUGE-1 first, per data set (cnndm, xsum, …) unless
--dataset picks one. ROUGE is computed as Google's rouge_score does with Porter
stemming; ROUGE-L is over the whole texts (rougeL, not rougeLsum).

With --require-lead3 (or --min-margin) it fails when our ROUGE-1 on ` + summarizeGateDataset + ` is
below LEAD-3's plus the margin.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if data == "" {
				return usagef("eval summarize needs --data FILE")
			}
			if sentences < 1 {
				return usagef("--sentences %d: must be at least 1", sentences)
			}
			gate := requireLead3 || cmd.Flags().Changed("min-margin")
			if gate && dataset != "" && dataset != summarizeGateDataset {
				return usagef("--require-lead3 checks %s; it cannot be used with --dataset %s", summarizeGateDataset, dataset)
			}
			rep, err := eval.RunSummarize(cmd.Context(), summarize.NewExtractive(summarize.Options{}), eval.SummarizeOptions{
				DataFile: data, Dataset: dataset, OutFile: out, Sentences: sentences,
			})
			if err != nil {
				return err
			}
			if err := rep.Print(a.stdout); err != nil {
				return err
			}
			if !gate {
				return nil
			}
			d, ok := rep.Dataset(summarizeGateDataset)
			if !ok {
				return fmt.Errorf("eval summarize %s: no %s records to hold against LEAD-3", data, summarizeGateDataset)
			}
			ours, _ := d.System(eval.SummarizerName)
			lead, _ := d.System(eval.Lead3Name)
			if ours.R1.F1 < lead.R1.F1+minMargin {
				return fmt.Errorf("summarization ROUGE-1 %.4f on %s is below LEAD-3's %.4f plus margin %.4f", ours.R1.F1, summarizeGateDataset, lead.R1.F1, minMargin)
			}
			return nil
		},
	}
	// The eval's --data names the data file; it shadows the global --data
	// (the store), which eval does not use.
	cmd.Flags().StringVar(&data, "data", "", "JSON Lines file of articles with reference summaries")
	cmd.Flags().StringVar(&dataset, "dataset", "", "score only this data set (cnndm, xsum); default: each one in the file")
	cmd.Flags().StringVar(&out, "out", "", "write our summaries as JSON {id: summary} to FILE")
	cmd.Flags().IntVar(&sentences, "sentences", 3, "sentences per summary")
	cmd.Flags().BoolVar(&requireLead3, "require-lead3", false, "fail when our "+summarizeGateDataset+" ROUGE-1 is below LEAD-3's")
	cmd.Flags().Float64Var(&minMargin, "min-margin", 0, "with --require-lead3: the ROUGE-1 F1 (0–1) ours must exceed LEAD-3's by; setting it implies --require-lead3")
	return cmd
}
