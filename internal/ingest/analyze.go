package ingest

import (
	"context"
	"fmt"
	"slices"
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
// analysis changes: `storyline analyze`, and serve's and the workers'
// sweeps in the background, then redo older analyses.
//
// Version 2 analyses every language on its own terms: the language
// detected from the text, its stop words, stems, segmentation and
// entities (version 1 treated most text as English).
const AnalysisVersion = 2

// AnalysisStore is what analysis needs from storage.
type AnalysisStore interface {
	Article(ctx context.Context, id int64) (*storyline.Article, error)
	Analysis(ctx context.Context, articleID int64) (*storyline.Analysis, error)
	SaveAnalysis(ctx context.Context, a *storyline.Analysis) error
	SaveStories(ctx context.Context, updates ...storyline.StoryUpdate) error
	Story(ctx context.Context, id int64) (*storyline.Story, error)
	Timeline(ctx context.Context, storyID int64) ([]storyline.TimelineEntry, error)
	LinkNearCopy(ctx context.Context, a, b int64) (int64, error)
	Signatures(ctx context.Context, since time.Time, fn func(articleID int64, sig []byte) error) error
	Meta(ctx context.Context, key string) (string, bool, error)
	SetMeta(ctx context.Context, key, value string) error
	storyline.AssignmentStore
}

// Analysis settings.
const (
	summarySentences  = 3
	articlePhrases    = 10
	storyPhrases      = 10
	storySampleSize   = 12 // articles a story's aggregates are drawn from
	keyphraseDFKey    = "analysis:keyphrase-df"
	snapshotEvery     = 5 * time.Minute     // between saves of the keyphrase document frequencies
	copyWindow        = 30 * 24 * time.Hour // how far back copies are looked for
	copyLimit         = 20000               // the most articles copies are looked for among
	storyTermsForLink = 30                  // weighted terms kept per story for related stories
	// storyEntitiesForLink is how many of a story's most named entities
	// are kept among its terms whatever their IDF, weighing
	// entityLinkWeight (see storyTerms): what it is about, not the names
	// it mentions in passing.
	storyEntitiesForLink = 5
	entityLinkWeight     = 1e-3
	// maxDFTerms bounds the keyphrase document frequencies, saved whole
	// every snapshotEvery: about 5 MB of JSON, however many articles.
	maxDFTerms = 250_000
)

// Analyzer analyses articles as they are stored: language, summary,
// keyphrases and entities per article; syndicated copies linked to one
// canonical article; the article put in a story (new, or one that covers
// the same event around the article's date), and the stories' aggregates
// (title, summary, hashtags, entities) kept up to date. It is safe for
// concurrent use: the features of articles are computed in parallel,
// their assignment to copies and stories one at a time.
//
// Several analyzers — in several processes — may share one store: the
// stories they decide from are the store's (candidates found through its
// story index), and each decides under the store's assignment lock.
type Analyzer struct {
	store      AnalysisStore
	summarizer summarize.Summarizer
	phrases    *keyphrase.Extractor
	entities   *entity.Extractor
	cluster    *cluster.Clusterer
	terms      *termCache
	now        func() time.Time

	// StoriesChanged, when set, is told of the stories whose aggregates
	// are out of date (the job queue schedules their update) instead of
	// Flush keeping them. Set it before the first article.
	StoriesChanged func(ctx context.Context, ids []int64) error

	analyzers sync.Map // language → *text.Analyzer

	dfMu    sync.RWMutex
	df      *text.DocFreq // for keyphrases
	savedAt time.Time     // when df was last saved
	// forgotten counts the articles deleted by retention that df still
	// counts (see forgetArticles); guarded by dfMu.
	forgotten int

	// mu guards the near-copy index and orders assignments within the
	// process: a one-slot semaphore, so that a wait for it ends with its
	// context. It is taken before the store's assignment lock.
	mu     chan struct{}
	copies *copyIndex
	mirror *storyMirror // the recent story index; guarded by mu

	dirtyMu sync.Mutex
	dirty   map[int64]bool // stories whose aggregates are out of date
}

// AnalyzerOptions configure an Analyzer. Zero values take defaults.
type AnalyzerOptions struct {
	// Clustering tunes story assignment.
	Clustering cluster.Options
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// NewAnalyzer returns an analyzer on store, with the near-copy index and
// document frequencies it saved last.
func NewAnalyzer(ctx context.Context, store AnalysisStore) (*Analyzer, error) {
	return NewAnalyzerWith(ctx, store, AnalyzerOptions{})
}

// NewAnalyzerWith is NewAnalyzer with options.
func NewAnalyzerWith(ctx context.Context, store AnalysisStore, opts AnalyzerOptions) (*Analyzer, error) {
	cl, err := cluster.New(opts.Clustering)
	if err != nil {
		return nil, fmt.Errorf("analysis: %w", err)
	}
	an := &Analyzer{
		store:      store,
		summarizer: summarize.NewExtractive(summarize.Options{}),
		phrases:    keyphrase.New(keyphrase.Options{}),
		entities:   entity.New(),
		cluster:    cl,
		terms:      &termCache{},
		mirror:     newStoryMirror(cl.Options().IndexTerms),
		now:        opts.Now,
		dirty:      map[int64]bool{},
		mu:         make(chan struct{}, 1),
		copies:     newCopyIndex(copyWindow, copyLimit),
		df:         text.NewDocFreq(),
	}
	if an.now == nil {
		an.now = time.Now
	}
	an.savedAt = an.now()
	if err := an.restore(ctx); err != nil {
		return nil, err
	}
	return an, nil
}

// acquire takes an.mu, or returns ctx's cause when ctx ends first.
func (an *Analyzer) acquire(ctx context.Context) error {
	select {
	case an.mu <- struct{}{}:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// release lets an.mu go.
func (an *Analyzer) release() { <-an.mu }

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
	counts   cluster.Counts // the article's terms as story assignment weighs them
	terms    []string       // its distinct terms, for the keyphrase document frequencies
	// republished marks a copy assigned on its own date, or an article
	// reassigned: it is neither matched as a near copy nor put in the
	// near-copy index.
	republished bool
	// reuse is the story the article was in before a reassignment: a new
	// story takes its ID while it has no centroid.
	reuse int64
}

// Article analyses stored article a (which must have its text, unless it
// is an exact copy) and saves the analysis, its copy link and its story.
// An article analysed before is analysed again.
func (an *Analyzer) Article(ctx context.Context, a *storyline.Article) (*storyline.Analysis, error) {
	return an.analyze(ctx, a, true, false)
}

// ArticleOnce is Article for an article that may have been analysed
// already — by a job run twice, say: a current analysis is returned as it
// is.
func (an *Analyzer) ArticleOnce(ctx context.Context, a *storyline.Article) (*storyline.Analysis, error) {
	return an.analyze(ctx, a, false, false)
}

// analyze analyses article a; with redo false, an article whose analysis
// is current is left as it is. fresh says the article was just added, so
// that it has no analysis to look up.
func (an *Analyzer) analyze(ctx context.Context, a *storyline.Article, redo, fresh bool) (*storyline.Analysis, error) {
	if a.CopyOf != 0 {
		return an.copyOf(ctx, a, redo)
	}
	f := an.features(a)
	unlock, err := an.lock(ctx)
	if err != nil {
		return nil, fmt.Errorf("analyse article %d: %w", a.ID, err)
	}
	defer unlock()
	return an.decide(ctx, a, f, redo, fresh)
}

// newAnalysis is the analysis of article a with features f, before its
// story is decided.
func newAnalysis(a *storyline.Article, f features) *storyline.Analysis {
	res := &storyline.Analysis{
		ArticleID: a.ID, Version: AnalysisVersion, Language: f.lang, Summary: f.summary,
		Keyphrases: toKeyphrases(f.phrases), Entities: toEntities(f.entities),
	}
	if sig, err := f.sig.MarshalBinary(); err == nil {
		res.Signature = sig
	}
	return res
}

// decide links article a, of features f, as a near copy or puts it in a
// story and saves its analysis (see analyze); the caller holds the locks.
func (an *Analyzer) decide(ctx context.Context, a *storyline.Article, f features, redo, fresh bool) (*storyline.Analysis, error) {
	res := newAnalysis(a, f)
	var prev *storyline.Analysis
	if !fresh {
		var err error
		if prev, err = an.previous(ctx, a.ID); err != nil {
			return nil, fmt.Errorf("analyse article %d: %w", a.ID, err)
		}
	}
	if !redo && prev != nil && prev.Version >= AnalysisVersion && prev.StoryID != 0 {
		// Analysed by a run of this job that died before it could note
		// the story's change: note it now.
		return prev, an.changed(ctx, prev.StoryID)
	}
	if kept, err := an.keepStory(ctx, prev, res); err != nil || kept {
		if err != nil {
			return nil, fmt.Errorf("analyse article %d: %w", a.ID, err)
		}
		return res, nil
	}
	if err := an.assign(ctx, a, f, res); err != nil {
		return nil, fmt.Errorf("analyse article %d: %w", a.ID, err)
	}
	if an.now().Sub(an.savedAt) >= snapshotEvery {
		if err := an.saveState(ctx); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// keepStory saves analysis res of an article analysed again (analyze
// --all, an updated page) in the story it is in, when that story is in
// the story index: the article's mass is in the story's centroid already,
// and assigning it again would count it twice. It reports whether it did.
// `analyze --reassign` is what decides stories again.
// prev is the analysis it had, if any.
func (an *Analyzer) keepStory(ctx context.Context, prev, res *storyline.Analysis) (bool, error) {
	if prev == nil || prev.StoryID == 0 {
		return false, nil
	}
	if _, err := an.store.StoryCentroid(ctx, prev.StoryID); storyline.ErrorCode(err) == storyline.ENOTFOUND {
		return false, nil
	} else if err != nil {
		return false, err
	}
	res.StoryID = prev.StoryID
	if err := an.store.SaveAnalysis(ctx, res); err != nil {
		return false, err
	}
	return true, an.changed(ctx, res.StoryID)
}

// previous returns the analysis article id has, or nil when it has none.
func (an *Analyzer) previous(ctx context.Context, id int64) (*storyline.Analysis, error) {
	prev, err := an.store.Analysis(ctx, id)
	if storyline.ErrorCode(err) == storyline.ENOTFOUND {
		return nil, nil
	}
	return prev, err
}

// saved analyses article a just saved with result res, when an is not
// nil and the save stored something new.
func (an *Analyzer) saved(ctx context.Context, a *storyline.Article, res storyline.SaveResult) error {
	if an == nil {
		return nil
	}
	stored, ok := toAnalyse(a, res)
	if !ok {
		return nil
	}
	_, err := an.analyze(ctx, stored, true, res.Outcome == storyline.Added)
	return err
}

// toAnalyse returns article a as saved with result res, when the save
// stored something new to analyse (an article added or updated, or a
// copy).
func toAnalyse(a *storyline.Article, res storyline.SaveResult) (*storyline.Article, bool) {
	switch res.Outcome {
	case storyline.Added, storyline.Updated, storyline.Copied:
	default:
		return nil, false
	}
	stored := *a
	stored.ID, stored.CopyOf = res.ID, res.CopyOf
	return &stored, true
}

// copyOf files exact copy a in the story of its canonical article,
// analysing that one first when it has not been; a copy dated far from
// that story (republished later) is assigned a story of its own date.
func (an *Analyzer) copyOf(ctx context.Context, a *storyline.Article, redo bool) (*storyline.Analysis, error) {
	id, canonical := a.ID, a.CopyOf
	if !redo {
		if prev, err := an.store.Analysis(ctx, id); err == nil && prev.Version >= AnalysisVersion {
			return prev, nil
		}
	}
	c, err := an.store.Analysis(ctx, canonical)
	if storyline.ErrorCode(err) == storyline.ENOTFOUND {
		c, err = an.analyzeCanonical(ctx, canonical)
	}
	if err != nil {
		return nil, fmt.Errorf("analyse copy %d: %w", id, err)
	}
	if far, err := an.farFromStory(ctx, a.Published, c.StoryID); err != nil {
		return nil, fmt.Errorf("analyse copy %d: %w", id, err)
	} else if far {
		return an.republished(ctx, a)
	}
	res := &storyline.Analysis{ArticleID: id, Version: AnalysisVersion, StoryID: c.StoryID,
		Language: c.Language, Summary: c.Summary, Keyphrases: c.Keyphrases, Entities: c.Entities}
	if err := an.store.SaveAnalysis(ctx, res); err != nil {
		return nil, fmt.Errorf("analyse copy %d: %w", id, err)
	}
	return res, an.changed(ctx, res.StoryID)
}

// farFromStory reports whether date t lies farther outside story id's
// span than the clustering window: a copy dated so is a republication.
func (an *Analyzer) farFromStory(ctx context.Context, t time.Time, id int64) (bool, error) {
	if t.IsZero() || id == 0 {
		return false, nil
	}
	c, err := an.store.StoryCentroid(ctx, id)
	if storyline.ErrorCode(err) == storyline.ENOTFOUND {
		return false, nil
	}
	if err != nil || c.Last.IsZero() {
		return false, err
	}
	w := an.cluster.Options().Window
	return t.Before(c.First.Add(-w)) || t.After(c.Last.Add(w)), nil
}

// republished assigns copy a, dated far from its canonical article's
// story, a story of its own date, from the canonical article's text.
func (an *Analyzer) republished(ctx context.Context, a *storyline.Article) (*storyline.Analysis, error) {
	ca, err := an.store.Article(ctx, a.CopyOf)
	if err != nil {
		return nil, fmt.Errorf("analyse copy %d: %w", a.ID, err)
	}
	art := *ca
	art.ID, art.Published, art.CopyOf = a.ID, a.Published, 0
	f := an.features(&art)
	f.republished = true
	res := &storyline.Analysis{ArticleID: a.ID, Version: AnalysisVersion, Language: f.lang, Summary: f.summary,
		Keyphrases: toKeyphrases(f.phrases), Entities: toEntities(f.entities)}
	unlock, err := an.lock(ctx)
	if err != nil {
		return nil, fmt.Errorf("analyse copy %d: %w", a.ID, err)
	}
	defer unlock()
	if err := an.assign(ctx, &art, f, res); err != nil {
		return nil, fmt.Errorf("analyse copy %d: %w", a.ID, err)
	}
	return res, nil
}

// analyzeCanonical analyses the canonical article of a copy whose
// analysis is not there yet (a copy's job can run before its original's).
func (an *Analyzer) analyzeCanonical(ctx context.Context, id int64) (*storyline.Analysis, error) {
	a, err := an.store.Article(ctx, id)
	if err != nil {
		return nil, err
	}
	if a.CopyOf != 0 {
		return nil, storyline.Errorf(storyline.ECONFLICT, "article %d is itself a copy of %d", id, a.CopyOf)
	}
	return an.analyze(ctx, a, false, false)
}

// changed notes that the aggregates of stories ids (0 ignored) are out of
// date.
func (an *Analyzer) changed(ctx context.Context, ids ...int64) error {
	ids = slices.DeleteFunc(ids, func(id int64) bool { return id == 0 })
	if len(ids) == 0 {
		return nil
	}
	if an.StoriesChanged != nil {
		return an.StoriesChanged(ctx, ids)
	}
	an.dirtyMu.Lock()
	defer an.dirtyMu.Unlock()
	for _, id := range ids {
		an.dirty[id] = true
	}
	return nil
}

// features computes what can be computed of an article on its own.
func (an *Analyzer) features(a *storyline.Article) features {
	// The text's language when it is long enough to tell: a page's
	// declared language is often its site's, not its article's.
	lang := text.ChooseLanguage(a.Language, a.Text)
	// One text pass for the article's analyses: its words and sentences
	// found once, each distinct word stemmed once for all of them.
	td := text.NewDoc(an.analyzer(lang), a.Title, a.Text)
	f := features{lang: lang}
	f.sig = dedup.SignDoc(td)
	f.summary = an.summarizer.Article(summarize.Input{Title: a.Title, Text: a.Text, Lang: lang, Analyzer: td.Analyzer, Doc: td}, summarySentences)
	an.dfMu.RLock()
	f.phrases = an.phrases.ExtractDoc(td, an.df, articlePhrases)
	an.dfMu.RUnlock()
	f.entities = an.entities.ExtractDoc(td)
	doc := document(a, f.entities, lang)
	doc.Analyzer = td.Analyzer
	doc.TitleWords = td.TitleWords
	doc.LeadWords, doc.BodyWords = splitLeadWords(a.Text, td.Words)
	f.counts = an.cluster.Count(doc)
	f.terms = f.counts.Keys()
	return f
}
