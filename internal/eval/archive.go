package eval

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"
)

// ArchiveOptions turn a clustering data set, which carries no dates, into
// a dated archive as a user's saved archive or first poll would be: each
// gold story happens at a random moment within SpreadDays, its items
// within EventHours of that moment; Undated items have no date; arrival
// order is shuffled or by date.
type ArchiveOptions struct {
	// SpreadDays spreads the stories' dates over this many days. 0 keeps
	// the data's own order with item i published i seconds after the
	// first (the one-pass evaluation), and the fields below are unused.
	SpreadDays int
	// EventHours is how long after its story's moment an item may be
	// published; 0 means 36.
	EventHours float64
	// Undated items, drawn at random, have no date.
	Undated int
	// Shuffle puts the items in a random arrival order; otherwise they
	// arrive by date, the undated ones last.
	Shuffle bool
	// Seed makes the dates and the order reproducible.
	Seed uint64
}

// Archive epoch and defaults.
var archiveEpoch = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

const defaultEventHours = 36

// ArchiveItem is one item of a dated archive.
type ArchiveItem struct {
	Line  int       // the item's place in the data file
	Text  string    // its text
	Label string    // its gold story
	Time  time.Time // its date; zero when undated
}

// Check checks the options on their own: ranges, and that undated items
// and shuffling come with a spread.
func (o ArchiveOptions) Check() error {
	switch {
	case o.SpreadDays < 0 || o.SpreadDays > 100*366:
		return fmt.Errorf("--spread %d: must be between 0 and 36,600 days", o.SpreadDays)
	case math.IsNaN(o.EventHours) || o.EventHours < 0 || o.EventHours > 24*366:
		return fmt.Errorf("--event-hours %g: must be between 0 and a year", o.EventHours)
	case o.Undated < 0:
		return fmt.Errorf("--undated %d: must not be negative", o.Undated)
	case o.SpreadDays == 0 && (o.Undated > 0 || o.Shuffle || o.EventHours > 0):
		return fmt.Errorf("--undated, --shuffle and --event-hours need --spread")
	}
	return nil
}

// validate checks the options against the data's size.
func (o ArchiveOptions) validate(items int) error {
	if err := o.Check(); err != nil {
		return err
	}
	if o.Undated > items {
		return fmt.Errorf("--undated %d: more than the %d items", o.Undated, items)
	}
	return nil
}

// Describe says in words how the archive was made.
func (o ArchiveOptions) Describe() string {
	if o.SpreadDays == 0 {
		return fmt.Sprintf("file order, item i published at %s + i s", archiveEpoch.Format(time.DateOnly))
	}
	order := "by date, undated last"
	if o.Shuffle {
		order = "shuffled"
	}
	return fmt.Sprintf("stories spread over %d days from %s, items within %gh of their story's start, %d undated, arrival %s (seed %d)",
		o.SpreadDays, archiveEpoch.Format(time.DateOnly), o.eventHours(), o.Undated, order, o.Seed)
}

// eventHours returns EventHours or its default.
func (o ArchiveOptions) eventHours() float64 {
	if o.EventHours == 0 {
		return defaultEventHours
	}
	return o.EventHours
}

// MakeArchive dates and orders the items as opts say.
func MakeArchive(items []ClusterItem, opts ArchiveOptions) ([]ArchiveItem, error) {
	if err := opts.validate(len(items)); err != nil {
		return nil, fmt.Errorf("archive: %w", err)
	}
	out := make([]ArchiveItem, len(items))
	for i, it := range items {
		out[i] = ArchiveItem{Line: i, Text: it.Text, Label: it.Label, Time: archiveEpoch.Add(time.Duration(i) * time.Second)}
	}
	if opts.SpreadDays == 0 {
		return out, nil
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x5eed))
	spread := time.Duration(opts.SpreadDays) * 24 * time.Hour
	event := time.Duration(opts.eventHours() * float64(time.Hour))
	// Stories in order of first appearance, so that the dates depend on
	// the seed and the data only.
	starts := make(map[string]time.Time)
	for _, it := range items {
		if _, ok := starts[it.Label]; !ok {
			starts[it.Label] = archiveEpoch.Add(time.Duration(rng.Int64N(int64(spread))).Truncate(time.Second))
		}
	}
	for i := range out {
		out[i].Time = starts[out[i].Label].Add(time.Duration(rng.Int64N(int64(event) + 1)).Truncate(time.Second))
	}
	for _, i := range rng.Perm(len(out))[:opts.Undated] {
		out[i].Time = time.Time{}
	}
	if opts.Shuffle {
		rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
		return out, nil
	}
	slices.SortStableFunc(out, func(a, b ArchiveItem) int {
		switch {
		case a.Time.IsZero() != b.Time.IsZero():
			if a.Time.IsZero() {
				return 1
			}
			return -1
		}
		return cmp.Or(a.Time.Compare(b.Time), cmp.Compare(a.Line, b.Line))
	})
	return out, nil
}

// MaxStorySpan returns the widest span of true dates among the stories
// of labels (per archive item), and the story with it.
func MaxStorySpan(archive []ArchiveItem, labels []int64) (time.Duration, int64) {
	type span struct{ first, last time.Time }
	spans := make(map[int64]*span)
	for i, it := range archive {
		if it.Time.IsZero() {
			continue
		}
		s := spans[labels[i]]
		if s == nil {
			spans[labels[i]] = &span{it.Time, it.Time}
			continue
		}
		if it.Time.Before(s.first) {
			s.first = it.Time
		}
		if it.Time.After(s.last) {
			s.last = it.Time
		}
	}
	var widest time.Duration
	var story int64
	for id, s := range spans {
		if d := s.last.Sub(s.first); d > widest || d == widest && id < story {
			widest, story = d, id
		}
	}
	return widest, story
}
