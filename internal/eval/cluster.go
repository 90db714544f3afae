package eval

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/storyline/storyline/internal/analysis/cluster"
)

// ClusterItem is one line of a story-clustering data file: a text and its
// gold story label.
type ClusterItem struct {
	Text  string
	Label string // the "cluster" value, a number or a string
}

// maxClusterLine caps one line of a clustering data file.
const maxClusterLine = 1 << 20

// LoadClusterData reads a JSON Lines file of {"text": …, "cluster": …}
// records; blank lines are skipped.
func LoadClusterData(path string) ([]ClusterItem, error) {
	return loadJSONLines(path, "clustering data", readClusterData)
}

// readClusterData decodes clustering records from r.
func readClusterData(r io.Reader) ([]ClusterItem, error) {
	var items []ClusterItem
	err := eachJSONLine(r, maxClusterLine, func(_ int, b []byte) error {
		var rec struct {
			Text    *string         `json:"text"`
			Cluster json.RawMessage `json:"cluster"`
		}
		if err := json.Unmarshal(b, &rec); err != nil {
			return err
		}
		if rec.Text == nil {
			return errors.New(`no "text"`)
		}
		label, err := clusterLabel(rec.Cluster)
		if err != nil {
			return err
		}
		items = append(items, ClusterItem{Text: *rec.Text, Label: label})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return nil, errors.New("no items")
	}
	return items, nil
}

// clusterLabel returns a gold label given as a JSON number or string.
func clusterLabel(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", errors.New(`no "cluster"`)
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil {
		return "", fmt.Errorf(`"cluster" %s is neither a number nor a string`, raw)
	}
	return n.String(), nil
}

// ClusterScores are the scores of one clustering of the items.
type ClusterScores struct {
	PartitionScores
	ACC float64 // Hungarian-matched accuracy
}

// scoreClusters scores predicted labels against gold ones.
func scoreClusters(gold, pred []string) ClusterScores {
	return ClusterScores{PartitionScores: ScorePartition(gold, pred), ACC: NewContingency(gold, pred).MatchedAccuracy()}
}

// ClusterOptions configure RunCluster.
type ClusterOptions struct {
	DataFile string // JSON Lines of {"text", "cluster"}
	OutFile  string // when set, our labels are written there as {"labels": [...]}
	// Clustering configures our clusterer; zero values are its defaults.
	Clustering cluster.Options
	// BaselineThreshold is the baseline's cosine threshold; 0 means
	// DefaultBaselineThreshold.
	BaselineThreshold float64
}

// ClusterReport is the result of a clustering evaluation.
type ClusterReport struct {
	Data              string
	Items, GoldGroups int
	Ours, Baseline    ClusterScores
	BaselineThreshold float64
	Options           cluster.Options // ours, defaults filled in
	Merges            int64           // stories our clusterer folded into others
	Labels            []int64         // our story per item, merges resolved
	Elapsed           time.Duration   // our clustering alone
	TimeNote          string          // how items were given times
}

// clusterEpoch is the time of the first item; the data carries no times.
var clusterEpoch = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// clusterTimeStep is how much later each item is than the one before.
const clusterTimeStep = time.Second

// ClusterDocument turns one evaluation text into a clusterer document:
// the data holds one field (a title, a snippet, or a title followed by a
// snippet, already lower-cased and without stop words), given whole as
// the title, since nothing in it marks where a title would end. Item i is
// clusterTimeStep after item i-1, so time runs forwards but the quiet
// window never closes a story within the data.
func ClusterDocument(i int, text string) cluster.Document {
	return cluster.Document{
		ID:    int64(i),
		Title: text,
		Time:  clusterEpoch.Add(time.Duration(i) * clusterTimeStep),
		Lang:  "en",
	}
}

// RunCluster clusters the items of a data file in one pass, in file order,
// with our clusterer and with the baseline, and scores both against the
// gold labels. The number of stories is not given to either.
func RunCluster(ctx context.Context, opts ClusterOptions) (ClusterReport, error) {
	items, err := LoadClusterData(opts.DataFile)
	if err != nil {
		return ClusterReport{}, err
	}
	c, err := cluster.New(opts.Clustering)
	if err != nil {
		return ClusterReport{}, fmt.Errorf("eval cluster: %w", err)
	}
	rep := ClusterReport{Data: opts.DataFile, Items: len(items), Options: c.Options()}
	rep.BaselineThreshold = opts.BaselineThreshold
	if rep.BaselineThreshold == 0 {
		rep.BaselineThreshold = DefaultBaselineThreshold
	}
	rep.TimeNote = fmt.Sprintf("item i published at %s + i×%v; quiet window %v never closes a story", clusterEpoch.Format(time.DateOnly), clusterTimeStep, rep.Options.QuietWindow)

	start := time.Now()
	rep.Labels = make([]int64, len(items))
	parent := make(map[int64]int64) // merged story → the story it went into
	for i, it := range items {
		if i%1024 == 0 && ctx.Err() != nil {
			return ClusterReport{}, fmt.Errorf("eval cluster %s: %w", opts.DataFile, ctx.Err())
		}
		a := c.Add(ClusterDocument(i, it.Text))
		rep.Labels[i] = a.Story
		for _, m := range a.Merged {
			parent[m] = a.Story
		}
	}
	rep.Elapsed = time.Since(start)
	rep.Merges = c.Stats().Merges
	for i, s := range rep.Labels {
		rep.Labels[i] = resolve(parent, s)
	}

	gold := make([]string, len(items))
	texts := make([]string, len(items))
	for i, it := range items {
		gold[i], texts[i] = it.Label, it.Text
	}
	ours := make([]string, len(items))
	for i, s := range rep.Labels {
		ours[i] = strconv.FormatInt(s, 10)
	}
	rep.Ours = scoreClusters(gold, ours)
	rep.GoldGroups = rep.Ours.GoldGroups
	base := BaselineCluster(texts, rep.BaselineThreshold)
	baseLabels := make([]string, len(base))
	for i, l := range base {
		baseLabels[i] = strconv.Itoa(l)
	}
	rep.Baseline = scoreClusters(gold, baseLabels)

	if opts.OutFile != "" {
		if err := writeLabels(opts.OutFile, rep.Labels); err != nil {
			return ClusterReport{}, err
		}
	}
	return rep, nil
}

// resolve follows merges from story s to the story that holds it now.
func resolve(parent map[int64]int64, s int64) int64 {
	for {
		p, ok := parent[s]
		if !ok {
			return s
		}
		s = p
	}
}

// writeLabels writes {"labels": [...]} to path.
func writeLabels(path string, labels []int64) error {
	return writeJSONFile(path, "labels", struct {
		Labels []int64 `json:"labels"`
	}{labels}, false)
}

// Print writes the report: how the run was set up, then ours and the
// baseline's scores side by side.
func (r ClusterReport) Print(w io.Writer) error {
	o := r.Options
	fmt.Fprintf(w, "data: %s: %d items, %d gold stories; one pass in file order, number of stories not given\n", r.Data, r.Items, r.GoldGroups)
	fmt.Fprintf(w, "times: %s\n", r.TimeNote)
	fmt.Fprintf(w, "ours: threshold %.2f, merge threshold %.2f, centroid %d terms, %d indexed, %d merges, %v (%.0f items/s)\n",
		o.Threshold, o.MergeThreshold, o.CentroidTerms, o.IndexTerms, r.Merges, r.Elapsed.Round(time.Millisecond), float64(r.Items)/max(r.Elapsed.Seconds(), 1e-9))
	fmt.Fprintf(w, "baseline: plain single-pass TF-IDF, cosine to every centroid, threshold %.2f, no merges\n\n", r.BaselineThreshold)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "system\tstories\tNMI\tACC\tpair P\tpair R\tpair F1\tB3 P\tB3 R\tB3 F1\t\n")
	row := func(name string, s ClusterScores) {
		fmt.Fprintf(tw, "%s\t%d\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t\n", name, s.PredictedGroups, s.NMI, s.ACC,
			s.PairPrecision, s.PairRecall, s.PairF1, s.BCubedPrecision, s.BCubedRecall, s.BCubedF1)
	}
	row("ours", r.Ours)
	row("baseline", r.Baseline)
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("print report: %w", err)
	}
	return nil
}
