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
	// Archive dates and orders the items; the zero value is the data's
	// own order, item i published i seconds after the first.
	Archive ArchiveOptions
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
	Labels            []int64         // our story per item (in data file order), merges resolved
	Elapsed           time.Duration   // our clustering alone
	Path              string          // which code ran: the clusterer alone, or the import path
	TimeNote          string          // how items were dated and ordered
	// MaxSpan is the widest span of true dates among our stories, and
	// MaxSpanStory the story with it.
	MaxSpan      time.Duration
	MaxSpanStory int64
}

// ClusterDocument turns one evaluation text into a clusterer document:
// the data holds one field (a title, a snippet, or a title followed by a
// snippet, already lower-cased and without stop words), given whole as
// the title, since nothing in it marks where a title would end.
func ClusterDocument(it ArchiveItem) cluster.Document {
	return cluster.Document{Title: it.Text, Time: it.Time, Lang: "en"}
}

// RunCluster clusters the items of a data file in one pass, in the
// archive's order, with our clusterer (in memory) and with the baseline
// (file order, no dates), and scores both against the gold labels. The
// number of stories is not given to either.
func RunCluster(ctx context.Context, opts ClusterOptions) (ClusterReport, error) {
	items, archive, c, rep, err := prepareCluster(opts, "the clusterer alone, stories in memory")
	if err != nil {
		return ClusterReport{}, err
	}

	start := time.Now()
	idx := cluster.NewMemIndex() // its story frequencies are the IDF, as the store's are
	byArrival := make([]int64, len(archive))
	parent := make(map[int64]int64) // merged story → the story it went into
	for i, it := range archive {
		if i%1024 == 0 && ctx.Err() != nil {
			return ClusterReport{}, fmt.Errorf("eval cluster %s: %w", opts.DataFile, ctx.Err())
		}
		d, err := c.Assign(ctx, idx, c.Weigh(c.Count(ClusterDocument(it)), idx), idx)
		if err != nil {
			return ClusterReport{}, fmt.Errorf("eval cluster %s: %w", opts.DataFile, err)
		}
		id := idx.Apply(d)
		byArrival[i] = id
		for _, m := range d.Merged {
			parent[m] = id
			rep.Merges++
		}
	}
	rep.Elapsed = time.Since(start)
	for i := range byArrival {
		byArrival[i] = resolve(parent, byArrival[i])
	}
	rep.finish(items, archive, byArrival)
	if opts.OutFile != "" {
		if err := writeLabels(opts.OutFile, rep.Labels); err != nil {
			return ClusterReport{}, err
		}
	}
	return rep, nil
}

// prepareCluster loads the data, makes the archive and the clusterer, and
// starts the report of a run on path.
func prepareCluster(opts ClusterOptions, path string) ([]ClusterItem, []ArchiveItem, *cluster.Clusterer, ClusterReport, error) {
	items, err := LoadClusterData(opts.DataFile)
	if err != nil {
		return nil, nil, nil, ClusterReport{}, err
	}
	archive, err := MakeArchive(items, opts.Archive)
	if err != nil {
		return nil, nil, nil, ClusterReport{}, fmt.Errorf("eval cluster %s: %w", opts.DataFile, err)
	}
	c, err := cluster.New(opts.Clustering)
	if err != nil {
		return nil, nil, nil, ClusterReport{}, fmt.Errorf("eval cluster: %w", err)
	}
	rep := ClusterReport{Data: opts.DataFile, Items: len(items), Options: c.Options(), Path: path,
		TimeNote: opts.Archive.Describe(), BaselineThreshold: opts.BaselineThreshold}
	return items, archive, c, rep, nil
}

// StreamFunc runs a dated archive through the path that ships (import,
// analysis, stories in a store) and returns each item's story, in the
// archive's order, merges resolved.
type StreamFunc func(ctx context.Context, archive []ArchiveItem) ([]int64, error)

// RunClusterStream is RunCluster through run instead of the clusterer
// alone: every item goes through what run does with it.
func RunClusterStream(ctx context.Context, opts ClusterOptions, path string, run StreamFunc) (ClusterReport, error) {
	items, archive, _, rep, err := prepareCluster(opts, path)
	if err != nil {
		return ClusterReport{}, err
	}
	start := time.Now()
	byArrival, err := run(ctx, archive)
	if err != nil {
		return ClusterReport{}, fmt.Errorf("eval cluster %s: %w", opts.DataFile, err)
	}
	if len(byArrival) != len(archive) {
		return ClusterReport{}, fmt.Errorf("eval cluster %s: %d labels for %d items", opts.DataFile, len(byArrival), len(archive))
	}
	rep.Elapsed = time.Since(start)
	rep.Merges = -1 // not counted on this path
	rep.finish(items, archive, byArrival)
	if opts.OutFile != "" {
		if err := writeLabels(opts.OutFile, rep.Labels); err != nil {
			return ClusterReport{}, err
		}
	}
	return rep, nil
}

// finish scores our labels (per archive item, in arrival order) and the
// baseline's against the gold labels.
func (rep *ClusterReport) finish(items []ClusterItem, archive []ArchiveItem, byArrival []int64) {
	rep.MaxSpan, rep.MaxSpanStory = MaxStorySpan(archive, byArrival)
	rep.Labels = make([]int64, len(items))
	for i, it := range archive {
		rep.Labels[it.Line] = byArrival[i]
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
	if rep.BaselineThreshold == 0 {
		rep.BaselineThreshold = DefaultBaselineThreshold
	}
	base := BaselineCluster(texts, rep.BaselineThreshold)
	baseLabels := make([]string, len(base))
	for i, l := range base {
		baseLabels[i] = strconv.Itoa(l)
	}
	rep.Baseline = scoreClusters(gold, baseLabels)
}

// fmtSpan writes a span in days.
func fmtSpan(d time.Duration) string {
	return fmt.Sprintf("%.1f days", d.Hours()/24)
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
	fmt.Fprintf(w, "data: %s: %d items, %d gold stories; one pass, number of stories not given\n", r.Data, r.Items, r.GoldGroups)
	fmt.Fprintf(w, "archive: %s\n", r.TimeNote)
	fmt.Fprintf(w, "path: %s\n", r.Path)
	merges := fmt.Sprintf("%d merges", r.Merges)
	if r.Merges < 0 {
		merges = "merges not counted"
	}
	fmt.Fprintf(w, "ours: threshold %.2f, cohesion floor %.2f, merge threshold %.2f, window %v, centroid %d terms, %d indexed, %s, %v (%.0f items/s)\n",
		o.Threshold, o.Cohesion, o.MergeThreshold, o.Window, o.CentroidTerms, o.IndexTerms, merges, r.Elapsed.Round(time.Millisecond), float64(r.Items)/max(r.Elapsed.Seconds(), 1e-9))
	fmt.Fprintf(w, "widest story over its items' true dates: %s (story %d)\n", fmtSpan(r.MaxSpan), r.MaxSpanStory)
	fmt.Fprintf(w, "baseline: plain single-pass TF-IDF in file order, cosine to every centroid, threshold %.2f, no merges\n\n", r.BaselineThreshold)
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
