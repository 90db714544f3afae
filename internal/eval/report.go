package eval

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// Print writes the report as a table: our scores first, then every
// recorded system best first, then the pages that failed to extract.
func (r Report) Print(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "system\tprecision\trecall\tF1\tdocs\n")
	row := func(name string, s Scores) {
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%d\n", name, s.Precision, s.Recall, s.F1, s.Docs)
	}
	row(OursName+" (ours)", r.Ours)
	for _, s := range r.Systems {
		row(s.Name, s.Scores)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("print report: %w", err)
	}
	if r.Pages > 0 && r.Elapsed > 0 {
		fmt.Fprintf(w, "\nextracted %d pages in %v (%.0f pages/s)\n", r.Pages, r.Elapsed.Round(1e6), float64(r.Pages)/r.Elapsed.Seconds())
	}
	if len(r.Failures) > 0 {
		fmt.Fprintf(w, "\n%d pages failed to extract (scored as empty):\n", len(r.Failures))
		for _, f := range r.Failures {
			fmt.Fprintf(w, "  %s: %s\n", f.ID, f.Err)
		}
	}
	return nil
}
