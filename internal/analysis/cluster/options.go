package cluster

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// Options tune a Clusterer. Zero values take the documented defaults.
type Options struct {
	// Threshold is the least similarity between an article and a story
	// (cosine, lowered by the time between them) for the article to join
	// it; below it, the article starts a new story. Default 0.15.
	Threshold float64
	// Cohesion is the least share of a story's member similarity (how
	// alike its articles are, estimated from its centroid) an article's
	// similarity must reach to join it, so that a story whose articles
	// are close does not take in an article of another event that shares
	// a few of its words (two launches by one company): the article
	// starts a story of its own. Default 0.3.
	Cohesion float64
	// MergeThreshold is the least cosine similarity between two stories'
	// centroids for them to be merged. Default 0.3.
	MergeThreshold float64
	// Window is how far outside a story's span an article may lie and
	// still join it, and how far apart two stories' spans may be for a
	// merge. Default 72 h.
	Window time.Duration
	// TimePenalty is how much of its similarity an article loses to a
	// story whose span it lies a whole Window outside of; proportionally
	// less when nearer, nothing within the span. Default 0.5.
	TimePenalty float64
	// MaxMergeSpan is the widest span a merge may make. Default 7 days.
	MaxMergeSpan time.Duration
	// MaxSpan is the widest span an article may give a story by joining
	// it: continuous coverage past it starts a new story. It matches how
	// far back a store's index looks for a story by its last date.
	// Default 60 days; at most 60 days.
	MaxSpan time.Duration

	// Field weights: how much one occurrence of a term in each field
	// counts. Defaults 2 (title), 1.5 (lead), 1 (body), 2 (an entity key).
	TitleWeight, LeadWeight, BodyWeight, EntityWeight float64

	// CentroidTerms is how many weighted terms a story keeps (its size
	// bound). Default 100.
	CentroidTerms int
	// IndexTerms is how many of a story's top terms it is indexed under.
	// Default 24.
	IndexTerms int
	// QueryTerms is how many of an article's top terms look up candidate
	// stories. Default 24.
	QueryTerms int
	// MaxQueryShare is the largest share of the stories a term may index
	// and still look up candidates. Default 0.02.
	MaxQueryShare float64
	// Candidates is how many stories, those sharing the most query
	// weight, are compared with an article in full. Default 8 (16 scores
	// the same on the evaluation data and reads twice as much).
	Candidates int
}

// Defaults for Options.
const (
	DefaultThreshold      = 0.15
	DefaultMergeThreshold = 0.3
	DefaultCohesion       = 0.3
	DefaultWindow         = 72 * time.Hour
	DefaultTimePenalty    = 0.5
	DefaultMaxMergeSpan   = 7 * 24 * time.Hour
	DefaultMaxSpan        = 60 * 24 * time.Hour
	DefaultTitleWeight    = 2
	DefaultLeadWeight     = 1.5
	DefaultBodyWeight     = 1
	DefaultEntityWeight   = 2
	DefaultCentroidTerms  = 100
	DefaultIndexTerms     = 24
	DefaultQueryTerms     = 24
	DefaultCandidates     = 8
	DefaultMaxQueryShare  = 0.02
)

// minQueryCount is how many stories a term may always index and still
// look up candidates, however few stories there are.
const minQueryCount = 50

// maxWeight bounds the field weights, so that no weight overflows.
const maxWeight = 1e6

// maxDuration bounds the window and the merge span: 30 days.
const maxDuration = 30 * 24 * time.Hour

// ErrInvalidOptions is wrapped by the error New returns for options out of
// range.
var ErrInvalidOptions = errors.New("invalid clustering options")

// withDefaults returns o with zero values replaced by the defaults, or an
// error naming the first value out of range.
func (o Options) withDefaults() (Options, error) {
	floats := []struct {
		name string
		v    *float64
		def  float64
		max  float64
	}{
		{"Threshold", &o.Threshold, DefaultThreshold, 1},
		{"MergeThreshold", &o.MergeThreshold, DefaultMergeThreshold, 1},
		{"Cohesion", &o.Cohesion, DefaultCohesion, 1},
		{"TimePenalty", &o.TimePenalty, DefaultTimePenalty, 1},
		{"MaxQueryShare", &o.MaxQueryShare, DefaultMaxQueryShare, 1},
		{"TitleWeight", &o.TitleWeight, DefaultTitleWeight, maxWeight},
		{"LeadWeight", &o.LeadWeight, DefaultLeadWeight, maxWeight},
		{"BodyWeight", &o.BodyWeight, DefaultBodyWeight, maxWeight},
		{"EntityWeight", &o.EntityWeight, DefaultEntityWeight, maxWeight},
	}
	for _, f := range floats {
		if math.IsNaN(*f.v) || *f.v < 0 || *f.v > f.max {
			return o, fmt.Errorf("%w: %s %v", ErrInvalidOptions, f.name, *f.v)
		}
		if *f.v == 0 {
			*f.v = f.def
		}
	}
	ints := []struct {
		name string
		v    *int
		def  int
	}{
		{"CentroidTerms", &o.CentroidTerms, DefaultCentroidTerms},
		{"IndexTerms", &o.IndexTerms, DefaultIndexTerms},
		{"QueryTerms", &o.QueryTerms, DefaultQueryTerms},
		{"Candidates", &o.Candidates, DefaultCandidates},
	}
	for _, f := range ints {
		if *f.v < 0 || *f.v > 1<<16 {
			return o, fmt.Errorf("%w: %s %d", ErrInvalidOptions, f.name, *f.v)
		}
		if *f.v == 0 {
			*f.v = f.def
		}
	}
	durations := []struct {
		name string
		v    *time.Duration
		def  time.Duration
		max  time.Duration
	}{
		{"Window", &o.Window, DefaultWindow, maxDuration},
		{"MaxMergeSpan", &o.MaxMergeSpan, DefaultMaxMergeSpan, maxDuration},
		{"MaxSpan", &o.MaxSpan, DefaultMaxSpan, DefaultMaxSpan},
	}
	for _, f := range durations {
		if *f.v < 0 || *f.v > f.max {
			return o, fmt.Errorf("%w: %s %v", ErrInvalidOptions, f.name, *f.v)
		}
		if *f.v == 0 {
			*f.v = f.def
		}
	}
	o.IndexTerms = min(o.IndexTerms, o.CentroidTerms)
	return o, nil
}
