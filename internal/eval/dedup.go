package eval

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/analysis/dedup"
	"github.com/storyline/storyline/internal/text"
)

// DedupItem is one line of a syndicated-copy data file: a text, its gold
// group (the original and its copies share one) and how it was made.
type DedupItem struct {
	ID    string `json:"id"`
	Text  string `json:"text"`
	Group string `json:"group"`
	Kind  string `json:"kind"` // "original", or the alteration of a copy
}

// maxDedupLine caps one line of a dedup data file.
const maxDedupLine = 4 << 20

// LoadDedupData reads a JSON Lines file of {"id", "text", "group",
// "kind"} records, in file order; blank lines are skipped. IDs must be
// unique and IDs and groups non-empty.
func LoadDedupData(path string) ([]DedupItem, error) {
	return loadJSONLines(path, "dedup data", readDedupData)
}

// readDedupData decodes dedup records from r.
func readDedupData(r io.Reader) ([]DedupItem, error) {
	var items []DedupItem
	seen := make(map[string]int)
	err := eachJSONLine(r, maxDedupLine, func(line int, b []byte) error {
		var it DedupItem
		if err := json.Unmarshal(b, &it); err != nil {
			return err
		}
		switch {
		case it.ID == "":
			return errors.New(`no "id"`)
		case it.Group == "":
			return errors.New(`no "group"`)
		}
		if first, dup := seen[it.ID]; dup {
			return fmt.Errorf("id %q already on line %d", it.ID, first)
		}
		seen[it.ID] = line
		items = append(items, it)
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

// DedupOptions configure RunDedup.
type DedupOptions struct {
	// DataFile is the JSON Lines data file.
	DataFile string
	// OutFile, when set, receives our predicted groups as JSON, {id: group},
	// a group named by the ID of its first item.
	OutFile string
	// Dedup configures the index; the zero value is the defaults.
	Dedup dedup.Options
}

// DedupSystem is one grouping's scores.
type DedupSystem struct {
	Name   string
	Scores PartitionScores
}

// KindRecall is the pairwise recall of our grouping over the gold pairs
// with an item of one kind: how many of those copies were found.
type KindRecall struct {
	Kind   string
	Items  int // items of the kind
	Pairs  int // gold pairs with an item of the kind
	Recall float64
}

// DedupReport is the outcome of RunDedup.
type DedupReport struct {
	// Ours are the scores of the dedup index; Baselines are exact
	// matching of normalized text (storyline.ContentHash) and every item
	// alone.
	Ours      PartitionScores
	Baselines []DedupSystem
	// Kinds is our recall by kind of item, kinds sorted; kinds without
	// gold pairs are left out.
	Kinds []KindRecall
	// Predicted is our group for each item, in file order.
	Predicted []string
	// Options are the index's options, defaults applied.
	Options dedup.Options
	// Elapsed is the time taken to sign, match and add every item;
	// Detect the time taken to detect their languages.
	Elapsed, Detect time.Duration
}

// Names of the groupings in a DedupReport.
const (
	DedupOursName      = "storyline (minhash)"
	DedupExactName     = "exact (content hash)"
	DedupSingletonName = "singletons"
)

// RunDedup groups the items of opts.DataFile as a stream in file order:
// each item is matched against the index of the earlier ones and joins its
// match's group, or starts a new one, and is then added. It scores that
// grouping and the baselines against the gold groups, and writes ours to
// opts.OutFile when set.
func RunDedup(ctx context.Context, opts DedupOptions) (*DedupReport, error) {
	items, err := LoadDedupData(opts.DataFile)
	if err != nil {
		return nil, fmt.Errorf("run dedup eval: %w", err)
	}
	ix := dedup.NewIndex(opts.Dedup)
	rep := &DedupReport{Options: ix.Options()}
	if rep.Predicted, err = dedupGroups(ctx, ix, items, rep); err != nil {
		return nil, fmt.Errorf("run dedup eval %s: %w", opts.DataFile, err)
	}
	pred := rep.Predicted
	gold := make([]string, len(items))
	exact := make([]string, len(items))
	single := make([]string, len(items))
	byHash := make(map[string]string)
	for i, it := range items {
		gold[i], single[i] = it.Group, it.ID
		h := storyline.ContentHash(it.Text)
		if _, ok := byHash[h]; !ok {
			byHash[h] = it.ID
		}
		exact[i] = byHash[h]
	}
	rep.Ours = ScorePartition(gold, pred)
	rep.Baselines = []DedupSystem{
		{DedupExactName, ScorePartition(gold, exact)},
		{DedupSingletonName, ScorePartition(gold, single)},
	}
	rep.Kinds = kindRecalls(items, pred)
	if opts.OutFile != "" {
		if err := writeDedupGroups(opts.OutFile, items, pred); err != nil {
			return nil, fmt.Errorf("run dedup eval: %w", err)
		}
	}
	return rep, nil
}

// dedupGroups returns the predicted group of each item, streaming them
// through the empty index ix, and adds the time taken to rep. Each text
// gets the analyzer of its detected language (English when unsure).
func dedupGroups(ctx context.Context, ix *dedup.Index, items []DedupItem, rep *DedupReport) ([]string, error) {
	analyzers := make(map[string]*text.Analyzer)
	pred := make([]string, len(items))
	for i, it := range items {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		start := time.Now()
		lang := text.DetectLanguage(it.Text)
		a, ok := analyzers[lang]
		if !ok {
			a = text.NewAnalyzer(lang)
			analyzers[lang] = a
		}
		signed := time.Now()
		rep.Detect += signed.Sub(start)
		sig := dedup.Sign(it.Text, a)
		pred[i] = it.ID
		if j, _, ok := ix.Match(sig); ok {
			pred[i] = pred[j]
		}
		ix.Add(int64(i), sig)
		rep.Elapsed += time.Since(signed)
	}
	return pred, nil
}

// kindRecalls returns the pairwise recall of pred over the gold pairs
// with an item of each kind (a pair of two kinds counts for both).
func kindRecalls(items []DedupItem, pred []string) []KindRecall {
	byKind := make(map[string]*KindRecall)
	found := make(map[string]int)
	kind := func(k string) *KindRecall {
		if byKind[k] == nil {
			byKind[k] = &KindRecall{Kind: k}
		}
		return byKind[k]
	}
	members := make(map[string][]int)
	for i, it := range items {
		kind(it.Kind).Items++
		members[it.Group] = append(members[it.Group], i)
	}
	for _, idx := range members {
		for x, i := range idx {
			for _, j := range idx[x+1:] {
				ks := []string{items[i].Kind}
				if items[j].Kind != items[i].Kind {
					ks = append(ks, items[j].Kind)
				}
				for _, k := range ks {
					kind(k).Pairs++
					if pred[i] == pred[j] {
						found[k]++
					}
				}
			}
		}
	}
	var out []KindRecall
	for k, kr := range byKind {
		if kr.Pairs > 0 {
			kr.Recall = float64(found[k]) / float64(kr.Pairs)
			out = append(out, *kr)
		}
	}
	slices.SortFunc(out, func(a, b KindRecall) int {
		switch {
		case a.Kind < b.Kind:
			return -1
		case a.Kind > b.Kind:
			return 1
		}
		return 0
	})
	return out
}

// writeDedupGroups writes {id: group} to path.
func writeDedupGroups(path string, items []DedupItem, pred []string) error {
	out := make(map[string]string, len(items))
	for i, it := range items {
		out[it.ID] = pred[i]
	}
	return writeJSONFile(path, "dedup groups", out, true)
}

// Print writes the report: a table of pairwise and B-cubed scores for
// ours and the baselines, then our recall by kind of copy.
func (r DedupReport) Print(w io.Writer) error {
	o := r.Options
	fmt.Fprintf(w, "ours: MinHash of %d values over %d-term shingles, %d LSH bands; a copy holds %.2f of the shorter text (resemblance %.2f below %d shingles)\n\n",
		dedup.NumHashes, dedup.ShingleSize, o.Bands, o.Threshold, o.ShortJaccard, o.MinShingles)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "system\tpair P\tpair R\tpair F1\tB3 P\tB3 R\tB3 F1\tgroups\n")
	row := func(name string, s PartitionScores) {
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%d\n", name,
			s.PairPrecision, s.PairRecall, s.PairF1, s.BCubedPrecision, s.BCubedRecall, s.BCubedF1, s.PredictedGroups)
	}
	row(DedupOursName, r.Ours)
	for _, b := range r.Baselines {
		row(b.Name, b.Scores)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("print dedup report: %w", err)
	}
	fmt.Fprintf(w, "\n%d items in %d gold groups", r.Ours.Items, r.Ours.GoldGroups)
	if n := r.Ours.Items; r.Elapsed > 0 && n > 0 {
		fmt.Fprintf(w, "; signed, matched and added in %v (%.0f µs an item; language detection %.0f µs more)",
			r.Elapsed.Round(time.Millisecond/10), float64(r.Elapsed.Microseconds())/float64(n), float64(r.Detect.Microseconds())/float64(n))
	}
	fmt.Fprintln(w)
	if len(r.Kinds) > 0 {
		fmt.Fprintf(w, "recall by kind (gold pairs with an item of the kind):")
		for _, k := range r.Kinds {
			fmt.Fprintf(w, " %s %.3f (%d items)", k.Kind, k.Recall, k.Items)
		}
		fmt.Fprintln(w)
	}
	return nil
}
