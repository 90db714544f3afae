package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/analysis/cluster"
	"github.com/storyline/storyline/internal/analysis/dedup"
	"github.com/storyline/storyline/internal/analysis/entity"
	"github.com/storyline/storyline/internal/analysis/keyphrase"
	"github.com/storyline/storyline/internal/analysis/summarize"
	"github.com/storyline/storyline/internal/text"
)

// AnalysisVersion is the version of the analysis. Raise it when the
// analysis changes: `storyline analyze` then redoes older analyses.
const AnalysisVersion = 1

// AnalysisStore is what analysis needs from storage.
type AnalysisStore interface {
	Article(ctx context.Context, id int64) (*storyline.Article, error)
	Analysis(ctx context.Context, articleID int64) (*storyline.Analysis, error)
	SaveAnalysis(ctx context.Context, a *storyline.Analysis) error
	SaveStories(ctx context.Context, updates ...storyline.StoryUpdate) error
	MergeStories(ctx context.Context, into int64, from []int64) error
	Story(ctx context.Context, id int64) (*storyline.Story, error)
	Timeline(ctx context.Context, storyID int64) ([]storyline.TimelineEntry, error)
	LinkNearCopy(ctx context.Context, a, b int64) (int64, error)
	Signatures(ctx context.Context, since time.Time, fn func(articleID int64, sig []byte) error) error
	Meta(ctx context.Context, key string) (string, bool, error)
	SetMeta(ctx context.Context, key, value string) error
}

// Analysis settings.
const (
	summarySentences  = 3
	storySentences    = 4
	articlePhrases    = 10
	storyPhrases      = 10
	storySampleSize   = 12 // articles a story's aggregates are drawn from
	stateKey          = "analysis:state"
	keyphraseDFKey    = "analysis:keyphrase-df"
	snapshotEvery     = 5 * time.Minute     // between saves of the analysis state while running
	copyWindow        = 30 * 24 * time.Hour // how far back copies are looked for after a restart
	storyTermsForLink = 30                  // weighted terms kept per story for related stories
)

// Analyzer analyses articles as they are stored: language, summary,
// keyphrases and entities per article; syndicated copies linked to one
// canonical article; the article put in a story (new, or one that covers
// the same event), and the stories' aggregates (title, summary, hashtags,
// entities) kept up to date. It is safe for concurrent use: the features
// of articles are computed in parallel, their assignment to copies and
// stories one at a time.
type Analyzer struct {
	store      AnalysisStore
	summarizer summarize.Summarizer
	phrases    *keyphrase.Extractor
	entities   *entity.Extractor

	analyzers sync.Map // language → *text.Analyzer

	dfMu sync.RWMutex
	df   *text.DocFreq // for keyphrases

	// writeMu orders the saves of assignments: taken before mu is let
	// go, so that one article's saves overlap the next one's assignment
	// but never overtake an earlier article's.
	writeMu sync.Mutex
	mu      sync.Mutex // guards what follows: assignment is one at a time; taken before writeMu
	copies  *dedup.Index
	stories *cluster.Clusterer
	dirty   map[int64]bool // stories whose aggregates are out of date
	savedAt time.Time      // when the state was last saved
}

// NewAnalyzer returns an analyzer on store, resuming the clustering and
// document frequencies it saved last.
func NewAnalyzer(ctx context.Context, store AnalysisStore) (*Analyzer, error) {
	stories, err := cluster.New(cluster.Options{})
	if err != nil {
		return nil, fmt.Errorf("analysis: %w", err)
	}
	an := &Analyzer{
		store:      store,
		summarizer: summarize.NewExtractive(summarize.Options{}),
		phrases:    keyphrase.New(keyphrase.Options{}),
		entities:   entity.New(),
		df:         text.NewDocFreq(),
		copies:     dedup.NewIndex(dedup.Options{}),
		stories:    stories,
		dirty:      map[int64]bool{},
		savedAt:    time.Now(),
	}
	if err := an.restore(ctx); err != nil {
		return nil, err
	}
	return an, nil
}

// analyzer returns the text analyzer of a language.
func (an *Analyzer) analyzer(lang string) *text.Analyzer {
	if a, ok := an.analyzers.Load(lang); ok {
		return a.(*text.Analyzer)
	}
	a, _ := an.analyzers.LoadOrStore(lang, text.NewAnalyzer(lang))
	return a.(*text.Analyzer)
}

// features are what analysing one article finds before it is assigned.
type features struct {
	lang     string
	sig      dedup.Signature
	summary  []string
	phrases  []keyphrase.Phrase
	entities []entity.Entity
	terms    []string
}

// Article analyses stored article a (which must have its text, unless it
// is an exact copy) and saves the analysis, its copy link and its story.
func (an *Analyzer) Article(ctx context.Context, a *storyline.Article) (*storyline.Analysis, error) {
	if a.CopyOf != 0 {
		return an.copyOf(ctx, a.ID, a.CopyOf)
	}
	f := an.features(a)
	res := &storyline.Analysis{
		ArticleID: a.ID, Version: AnalysisVersion, Language: f.lang, Summary: f.summary,
		Keyphrases: toKeyphrases(f.phrases), Entities: toEntities(f.entities),
	}
	if sig, err := f.sig.MarshalBinary(); err == nil {
		res.Signature = sig
	}

	an.mu.Lock()
	as, copied, err := an.assign(ctx, a, f, res)
	if err != nil || copied {
		an.mu.Unlock()
		return res, err
	}
	// Save in assignment order, while the next article is assigned.
	an.writeMu.Lock()
	an.mu.Unlock()
	defer an.writeMu.Unlock()
	if err := an.save(ctx, res); err != nil {
		return nil, err
	}
	if len(as.Merged) > 0 {
		if err := an.store.MergeStories(ctx, as.Story, as.Merged); err != nil {
			return nil, fmt.Errorf("analyse article %d: %w", a.ID, err)
		}
	}
	return res, nil
}

// assign links article a as a copy of an earlier one (saving it, copied
// true) or puts it in a story (res.StoryID; the caller saves it). The
// caller holds an.mu.
func (an *Analyzer) assign(ctx context.Context, a *storyline.Article, f features, res *storyline.Analysis) (as cluster.Assignment, copied bool, err error) {
	if match, _, ok := an.copies.Match(f.sig); ok && match != a.ID {
		// Earlier saves must be in before the copy is linked and filed.
		an.writeMu.Lock()
		defer an.writeMu.Unlock()
		canonical, err := an.store.LinkNearCopy(ctx, a.ID, match)
		if err != nil {
			return as, true, fmt.Errorf("analyse article %d: %w", a.ID, err)
		}
		if canonical == a.ID { // the new text is the more complete one
			an.copies.Remove(match)
			an.copies.Add(a.ID, f.sig)
		}
		if other, err := an.store.Analysis(ctx, match); err == nil {
			res.StoryID = other.StoryID
		}
		return as, true, an.save(ctx, res)
	}
	an.copies.Add(a.ID, f.sig)
	an.dfMu.Lock()
	an.df.Add(f.terms)
	an.dfMu.Unlock()

	lead, body := splitLead(a.Text)
	keys := make([]string, len(f.entities))
	for i, e := range f.entities {
		keys[i] = entity.Key(e)
	}
	as = an.stories.Add(cluster.Document{
		ID: a.ID, Title: a.Title, Lead: lead, Body: body, Entities: keys,
		Time: articleTime(a), Lang: f.lang,
	})
	res.StoryID = as.Story
	for _, m := range as.Merged {
		delete(an.dirty, m)
	}
	an.dirty[as.Story] = true
	if time.Since(an.savedAt) >= snapshotEvery {
		if err := an.saveState(ctx); err != nil {
			return as, false, err
		}
	}
	return as, false, nil
}

// saved analyses article a just saved with result res, when an is not
// nil and the save stored something new.
func (an *Analyzer) saved(ctx context.Context, a *storyline.Article, res storyline.SaveResult) error {
	if an == nil {
		return nil
	}
	switch res.Outcome {
	case storyline.Added, storyline.Updated, storyline.Copied:
	default:
		return nil
	}
	stored := *a
	stored.ID, stored.CopyOf = res.ID, res.CopyOf
	_, err := an.Article(ctx, &stored)
	return err
}

// copyOf files exact copy id in the story of its canonical article.
func (an *Analyzer) copyOf(ctx context.Context, id, canonical int64) (*storyline.Analysis, error) {
	an.mu.Lock()
	defer an.mu.Unlock()
	an.writeMu.Lock() // the canonical article's analysis may be on its way
	defer an.writeMu.Unlock()
	res := &storyline.Analysis{ArticleID: id, Version: AnalysisVersion}
	if c, err := an.store.Analysis(ctx, canonical); err == nil {
		res.StoryID, res.Language, res.Summary = c.StoryID, c.Language, c.Summary
		res.Keyphrases, res.Entities = c.Keyphrases, c.Entities
	} else if storyline.ErrorCode(err) != storyline.ENOTFOUND {
		return nil, fmt.Errorf("analyse copy %d: %w", id, err)
	}
	if res.StoryID != 0 {
		an.dirty[res.StoryID] = true
	}
	return res, an.save(ctx, res)
}

// save stores an analysis.
func (an *Analyzer) save(ctx context.Context, res *storyline.Analysis) error {
	if err := an.store.SaveAnalysis(ctx, res); err != nil {
		return fmt.Errorf("analyse article %d: %w", res.ArticleID, err)
	}
	return nil
}

// features computes what can be computed of an article on its own.
func (an *Analyzer) features(a *storyline.Article) features {
	lang := a.Language
	if lang == "" {
		lang = text.DetectLanguage(a.Text)
	}
	if i := strings.IndexAny(lang, "-_"); i > 0 {
		lang = lang[:i]
	}
	lang = strings.ToLower(lang)
	ta := an.analyzer(lang)
	f := features{lang: lang}
	f.sig = dedup.Sign(a.Text, ta)
	f.summary = an.summarizer.Article(summarize.Input{Title: a.Title, Text: a.Text, Lang: lang}, summarySentences)
	f.terms = ta.Terms(a.Title + "\n\n" + a.Text)
	an.dfMu.RLock()
	f.phrases = an.phrases.Extract(a.Title, a.Text, lang, an.df, articlePhrases)
	an.dfMu.RUnlock()
	f.entities = an.entities.Extract(a.Title, a.Text)
	return f
}

// Flush brings the aggregates of the stories changed since the last Flush
// up to date: title, summary, hashtags, entities and the terms related
// stories are found by.
func (an *Analyzer) Flush(ctx context.Context) error {
	an.mu.Lock()
	an.writeMu.Lock() // wait for the saves under way
	an.writeMu.Unlock()
	ids := make([]int64, 0, len(an.dirty))
	for id := range an.dirty {
		ids = append(ids, id)
	}
	an.dirty = map[int64]bool{}
	snaps := make(map[int64]cluster.StorySnapshot, len(ids))
	for _, id := range ids {
		if s, ok := an.stories.Story(id); ok {
			snaps[id] = s
		}
	}
	an.mu.Unlock()
	var errs []error
	var batch []storyline.StoryUpdate
	save := func() {
		if err := an.store.SaveStories(ctx, batch...); err != nil {
			errs = append(errs, fmt.Errorf("update stories: %w", err))
		}
		batch = batch[:0]
	}
	for _, id := range ids {
		u, err := an.storyUpdate(ctx, id, snaps[id])
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if u.Story != nil {
			batch = append(batch, u)
		}
		if len(batch) == storyBatch {
			save()
		}
	}
	save()
	return errors.Join(errs...)
}

// storyBatch is how many story updates are saved in one transaction.
const storyBatch = 500

// storyUpdate recomputes the aggregates of story id from its latest
// articles; snap is its clustering state (zero when closed). A story with
// nothing to show gives a zero update.
func (an *Analyzer) storyUpdate(ctx context.Context, id int64, snap cluster.StorySnapshot) (storyline.StoryUpdate, error) {
	timeline, err := an.store.Timeline(ctx, id)
	if err != nil {
		return storyline.StoryUpdate{}, fmt.Errorf("update story %d: %w", id, err)
	}
	if len(timeline) == 0 {
		return storyline.StoryUpdate{}, nil
	}
	if len(timeline) == 1 {
		return an.singleStory(ctx, id, timeline[0], snap)
	}
	if len(timeline) > storySampleSize {
		// The first article and the latest ones.
		timeline = append(timeline[:1:1], timeline[len(timeline)-storySampleSize+1:]...)
	}
	var (
		inputs   []summarize.Input
		phrases  [][]keyphrase.Phrase
		entities [][]entity.Entity
		titles   []string
	)
	for _, e := range timeline {
		a, err := an.store.Article(ctx, e.ArticleID)
		if err != nil {
			return storyline.StoryUpdate{}, fmt.Errorf("update story %d: %w", id, err)
		}
		if a.CopyOf != 0 || a.Text == "" {
			continue
		}
		x, err := an.store.Analysis(ctx, a.ID)
		if err != nil {
			continue
		}
		inputs = append(inputs, summarize.Input{Title: a.Title, Text: a.Text, Lang: x.Language})
		phrases = append(phrases, fromKeyphrases(x.Keyphrases))
		entities = append(entities, fromEntities(x.Entities))
		titles = append(titles, a.Title)
	}
	if len(inputs) == 0 {
		return storyline.StoryUpdate{}, nil
	}
	weights := centroid(snap)
	s := &storyline.Story{
		ID:         id,
		Title:      representativeTitle(titles, weights, an.analyzer(inputs[0].Lang)),
		Summary:    strings.Join(an.summarizer.Story(inputs, storySentences), " "),
		Keyphrases: toKeyphrases(an.phrases.Story(phrases, storyPhrases)),
		Entities:   toEntities(entity.Aggregate(entities)),
	}
	return storyline.StoryUpdate{Story: s, Terms: relatedTerms(weights, storyTermsForLink)}, nil
}

// singleStory returns the aggregates of a story of one article: its own.
func (an *Analyzer) singleStory(ctx context.Context, id int64, e storyline.TimelineEntry, snap cluster.StorySnapshot) (storyline.StoryUpdate, error) {
	x, err := an.store.Analysis(ctx, e.ArticleID)
	if storyline.ErrorCode(err) == storyline.ENOTFOUND {
		return storyline.StoryUpdate{}, nil
	}
	if err != nil {
		return storyline.StoryUpdate{}, fmt.Errorf("update story %d: %w", id, err)
	}
	s := &storyline.Story{ID: id, Title: e.Title, Summary: strings.Join(x.Summary, " "),
		Keyphrases: x.Keyphrases, Entities: x.Entities}
	return storyline.StoryUpdate{Story: s, Terms: relatedTerms(centroid(snap), storyTermsForLink)}, nil
}

// centroid returns a story's term weights from its clustering snapshot.
func centroid(s cluster.StorySnapshot) map[string]float64 {
	w := make(map[string]float64, len(s.Terms))
	for _, t := range s.Terms {
		w[t.Key] = t.Mass
	}
	return w
}

// relatedTerms keeps the n heaviest terms, normalised to unit length.
func relatedTerms(w map[string]float64, n int) map[string]float64 {
	type kv struct {
		k string
		v float64
	}
	all := make([]kv, 0, len(w))
	for k, v := range w {
		all = append(all, kv{k, v})
	}
	sortByWeight(all, func(x kv) float64 { return x.v }, func(x kv) string { return x.k })
	all = all[:min(n, len(all))]
	norm := 0.0
	for _, x := range all {
		norm += x.v * x.v
	}
	out := make(map[string]float64, len(all))
	for _, x := range all {
		out[x.k] = x.v / sqrt(norm)
	}
	return out
}

// representativeTitle returns the headline whose terms weigh most in the
// story's centroid (per term, so that long headlines are not favoured);
// the first on ties.
func representativeTitle(titles []string, w map[string]float64, ta *text.Analyzer) string {
	best, bestScore := titles[0], -1.0
	for _, t := range titles {
		terms := ta.Terms(t)
		if len(terms) == 0 {
			continue
		}
		score := 0.0
		for _, term := range terms {
			score += w[term]
		}
		score /= sqrt(float64(len(terms)))
		if score > bestScore {
			best, bestScore = t, score
		}
	}
	return best
}

// splitLead returns the first paragraph of text and the rest.
func splitLead(s string) (lead, body string) {
	lead, body, _ = strings.Cut(strings.TrimSpace(s), "\n\n")
	return lead, body
}

// articleTime is when an article was published, or stored.
func articleTime(a *storyline.Article) time.Time {
	if !a.Published.IsZero() {
		return a.Published
	}
	return a.CreatedAt
}

// savedState is what the analyzer saves to resume after a restart.
type savedState struct {
	Clustering cluster.State `json:"clustering"`
}

// saveState saves the clustering state and the keyphrase document
// frequencies; the caller holds an.mu.
func (an *Analyzer) saveState(ctx context.Context) error {
	an.savedAt = time.Now()
	st, err := json.Marshal(savedState{Clustering: an.stories.State()})
	if err != nil {
		return fmt.Errorf("save analysis state: %w", err)
	}
	an.dfMu.RLock()
	df, err := json.Marshal(an.df)
	an.dfMu.RUnlock()
	if err != nil {
		return fmt.Errorf("save analysis state: %w", err)
	}
	return errors.Join(an.store.SetMeta(ctx, stateKey, string(st)), an.store.SetMeta(ctx, keyphraseDFKey, string(df)))
}

// restore loads the state saveState saved, if any.
func (an *Analyzer) restore(ctx context.Context) error {
	v, ok, err := an.store.Meta(ctx, stateKey)
	if err != nil {
		return fmt.Errorf("restore analysis state: %w", err)
	}
	if ok {
		var st savedState
		if err := json.Unmarshal([]byte(v), &st); err != nil {
			return fmt.Errorf("restore analysis state: %w", err)
		}
		if err := an.stories.Restore(st.Clustering); err != nil {
			return fmt.Errorf("restore analysis state: %w", err)
		}
	}
	err = an.store.Signatures(ctx, time.Now().Add(-copyWindow), func(id int64, b []byte) error {
		var sig dedup.Signature
		if sig.UnmarshalBinary(b) == nil {
			an.copies.Add(id, sig)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("restore analysis state: %w", err)
	}
	v, ok, err = an.store.Meta(ctx, keyphraseDFKey)
	if err != nil {
		return fmt.Errorf("restore analysis state: %w", err)
	}
	if ok {
		if err := json.Unmarshal([]byte(v), an.df); err != nil {
			return fmt.Errorf("restore analysis state: %w", err)
		}
	}
	return nil
}

// Close brings the stories up to date and saves the analysis state.
func (an *Analyzer) Close(ctx context.Context) error {
	err := an.Flush(ctx)
	an.mu.Lock()
	defer an.mu.Unlock()
	return errors.Join(err, an.saveState(ctx))
}
