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
	var maxSpanDays float64
	var archive eval.ArchiveOptions
	var stream bool
	cmd := &cobra.Command{
		Use:   "cluster --data FILE [--out FILE]",
		Short: "Score online story clustering on a labelled set of texts",
		Long: `Run the lines of FILE (JSON Lines with text and cluster) once through story
assignment, without telling it how many stories there are: each text joins a
story or starts one. By default the texts go through the clusterer alone, in
file order, item i dated i seconds after the first.

--spread DAYS turns the data into a dated archive, as a saved archive or the
first poll of many feeds is: each gold story happens at a random moment within
DAYS, its items within --event-hours of it; --undated N items have no date;
--shuffle makes arrival order random (otherwise by date); --seed fixes it all.
--stream runs the path that ships: the archive is imported as articles, with
analysis, into a temporary store, and each item's story is read back.

Print NMI, ACC (accuracy under the best one-to-one matching of stories,
Hungarian), pairwise and B-cubed precision, recall and F1 against the gold
stories, and the widest story over its items' true dates, beside the reference
baseline (plain single-pass TF-IDF with one fixed threshold and no merges, in
file order) on the same data.

--min-nmi and --min-acc (0: no check) fail the run when our NMI or ACC is below
them; --max-span-days when a story spans more days of its items' true dates.`,
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
			if maxSpanDays < 0 {
				return usagef("--max-span-days %g: must not be negative", maxSpanDays)
			}
			if err := archive.Check(); err != nil {
				return usagef("eval cluster: %v", err)
			}
			opts := eval.ClusterOptions{DataFile: data, OutFile: out, Archive: archive}
			var rep eval.ClusterReport
			var err error
			if stream {
				rep, err = eval.RunClusterStream(cmd.Context(), opts, streamPath, streamCluster)
			} else {
				rep, err = eval.RunCluster(cmd.Context(), opts)
			}
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
			if maxSpanDays > 0 && rep.MaxSpan.Hours() > 24*maxSpanDays {
				fails = append(fails, fmt.Sprintf("story %d spans %.1f days, more than --max-span-days %g", rep.MaxSpanStory, rep.MaxSpan.Hours()/24, maxSpanDays))
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
	cmd.Flags().Float64Var(&maxSpanDays, "max-span-days", 0, "fail when a story spans more days than this over its items' true dates (0: no check)")
	cmd.Flags().BoolVar(&stream, "stream", false, "run the path that ships: import the archive with analysis into a temporary store and read the stories back")
	cmd.Flags().IntVar(&archive.SpreadDays, "spread", 0, "date the gold stories at random over this many days (0: file order, no spread)")
	cmd.Flags().Float64Var(&archive.EventHours, "event-hours", 0, "with --spread: a story's items are published within this many hours of its start (0: 36)")
	cmd.Flags().IntVar(&archive.Undated, "undated", 0, "with --spread: leave this many items, drawn at random, undated")
	cmd.Flags().BoolVar(&archive.Shuffle, "shuffle", false, "with --spread: items arrive in random order instead of by date")
	cmd.Flags().Uint64Var(&archive.Seed, "seed", 1, "with --spread: seed of the dates, the undated items and the order")
	return cmd
}
