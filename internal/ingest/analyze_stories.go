package ingest

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/analysis/cluster"
	"github.com/storyline/storyline/internal/analysis/entity"
	"github.com/storyline/storyline/internal/analysis/keyphrase"
	"github.com/storyline/storyline/internal/analysis/summarize"
	"github.com/storyline/storyline/internal/text"
)

// Flush brings the aggregates of the stories changed since the last Flush
// up to date: title, summary, hashtags, entities and the terms related
// stories are found by.
func (an *Analyzer) Flush(ctx context.Context) error {
	an.dirtyMu.Lock()
	ids := make([]int64, 0, len(an.dirty))
	for id := range an.dirty {
		ids = append(ids, id)
	}
	an.dirty = map[int64]bool{}
	an.dirtyMu.Unlock()
	return an.UpdateStories(ctx, ids)
}

// outOfDate returns how many stories Flush would bring up to date.
func (an *Analyzer) outOfDate() int {
	an.dirtyMu.Lock()
	defer an.dirtyMu.Unlock()
	return len(an.dirty)
}

// UpdateStories brings the aggregates of stories ids up to date, a batch
// at a time, so that memory does not grow with the stories to update.
func (an *Analyzer) UpdateStories(ctx context.Context, ids []int64) error {
	var errs []error
	for len(ids) > 0 {
		n := min(len(ids), storyBatch)
		if err := an.updateBatch(ctx, ids[:n]); err != nil {
			if ctx.Err() != nil {
				return err
			}
			errs = append(errs, err)
		}
		ids = ids[n:]
	}
	return errors.Join(errs...)
}

// updateBatch brings the aggregates of stories ids up to date, computed
// on every core and saved in one transaction, in the order of ids.
func (an *Analyzer) updateBatch(ctx context.Context, ids []int64) error {
	snaps, err := an.centroids(ctx, ids)
	if err != nil {
		return fmt.Errorf("update stories: %w", err)
	}
	idfs := an.centroidIDFs(snaps)
	updates := make([]storyline.StoryUpdate, len(ids))
	errs := make([]error, len(ids))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(ids)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(ids); i = int(next.Add(1) - 1) {
				updates[i], errs[i] = an.storyUpdate(ctx, ids[i], snaps[ids[i]], idfs)
			}
		})
	}
	wg.Wait()
	batch := make([]storyline.StoryUpdate, 0, len(ids))
	for i, u := range updates {
		if errs[i] == nil && u.Story != nil {
			batch = append(batch, u)
		}
	}
	if err := an.store.SaveStories(ctx, batch...); err != nil {
		errs = append(errs, fmt.Errorf("update stories: %w", err))
	}
	return errors.Join(errs...)
}

// centroids returns the centroids of the stories among ids that have one.
func (an *Analyzer) centroids(ctx context.Context, ids []int64) (map[int64]storyline.StoryCentroid, error) {
	out := make(map[int64]storyline.StoryCentroid, len(ids))
	for _, id := range ids {
		c, err := an.store.StoryCentroid(ctx, id)
		switch {
		case err == nil:
			out[id] = *c
		case storyline.ErrorCode(err) != storyline.ENOTFOUND:
			return nil, err
		}
	}
	return out, nil
}

// storyBatch is how many story updates are saved in one transaction.
const storyBatch = 500

// storyUpdate recomputes the aggregates of story id from its latest
// articles; snap is its clustering state (zero when closed), idfs the IDF
// of its terms. A story with nothing to show, or merged into another,
// gives a zero update.
func (an *Analyzer) storyUpdate(ctx context.Context, id int64, snap storyline.StoryCentroid, idfs map[string]float64) (storyline.StoryUpdate, error) {
	live, err := an.store.Story(ctx, id)
	if err != nil {
		return storyline.StoryUpdate{}, fmt.Errorf("update story %d: %w", id, err)
	}
	if live.ID != id { // merged into another since: that one's update covers it
		return storyline.StoryUpdate{}, nil
	}
	timeline, err := an.store.Timeline(ctx, id)
	if err != nil {
		return storyline.StoryUpdate{}, fmt.Errorf("update story %d: %w", id, err)
	}
	if len(timeline) == 0 {
		return storyline.StoryUpdate{}, nil
	}
	if len(timeline) == 1 {
		return an.singleStory(ctx, id, timeline[0], snap, idfs)
	}
	timeline = storySample(timeline, storySampleSize)
	var (
		reports  []summarize.Report
		phrases  [][]keyphrase.Phrase
		entities [][]entity.Entity
		titles   []string
		langs    []string
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
		reports = append(reports, summarize.Report{Input: summarize.Input{Title: a.Title, Text: a.Text, Lang: x.Language},
			ID: a.ID, Source: e.Source})
		phrases = append(phrases, fromKeyphrases(x.Keyphrases))
		entities = append(entities, fromEntities(x.Entities))
		titles = append(titles, a.Title)
		langs = append(langs, x.Language)
	}
	if len(reports) == 0 {
		return storyline.StoryUpdate{}, nil
	}
	weights := centroid(snap)
	lang := storyLanguage(langs)
	brief := an.brief(reports, lang)
	s := &storyline.Story{
		ID:         id,
		Title:      representativeTitle(titles, weights, an.analyzer(reports[0].Lang)),
		Summary:    brief.Text(),
		Brief:      brief,
		Keyphrases: toKeyphrases(an.phrases.Story(phrases, storyPhrases)),
		Entities:   toEntities(entity.Aggregate(entities)),
		Language:   lang,
	}
	return storyline.StoryUpdate{Story: s, Terms: storyTerms(snap, idfs, s.Entities)}, nil
}

// brief returns the built-in brief of a story from its sampled reports,
// in the story's language, with how each outlet covered it.
func (an *Analyzer) brief(reports []summarize.Report, lang string) *storyline.Brief {
	sb := an.summarizer.StoryBrief(reports, lang)
	b := &storyline.Brief{Sentences: briefSentences(sb.Sentences), Generator: storyline.BuiltInBrief, UpdatedAt: an.now()}
	for _, o := range sb.Coverage {
		b.Coverage = append(b.Coverage, storyline.OutletPoints{Source: o.Source, ArticleID: o.ID, Title: o.Title, Points: briefSentences(o.Points)})
	}
	return b
}

// briefSentences converts a brief's sentences.
func briefSentences(ss []summarize.BriefSentence) []storyline.BriefSentence {
	out := make([]storyline.BriefSentence, len(ss))
	for i, s := range ss {
		out[i] = storyline.BriefSentence{Text: s.Text, ArticleIDs: s.ArticleIDs}
	}
	return out
}

// storySample returns the articles a story's aggregates are drawn from,
// at most n of a timeline (oldest first, undated last): the first article
// and the latest dated ones, the undated only when there are too few.
func storySample(timeline []storyline.TimelineEntry, n int) []storyline.TimelineEntry {
	if len(timeline) <= n {
		return timeline
	}
	dated := len(timeline)
	for dated > 0 && timeline[dated-1].Published.IsZero() {
		dated--
	}
	out := append(make([]storyline.TimelineEntry, 0, n), timeline[0])
	if from := max(1, dated-(n-1)); from < dated {
		out = append(out, timeline[from:dated]...)
	}
	for i := max(dated, 1); len(out) < n && i < len(timeline); i++ {
		out = append(out, timeline[i])
	}
	return out
}

// singleStory returns the aggregates of a story of one article: its own.
func (an *Analyzer) singleStory(ctx context.Context, id int64, e storyline.TimelineEntry, snap storyline.StoryCentroid, idfs map[string]float64) (storyline.StoryUpdate, error) {
	x, err := an.store.Analysis(ctx, e.ArticleID)
	if storyline.ErrorCode(err) == storyline.ENOTFOUND {
		return storyline.StoryUpdate{}, nil
	}
	if err != nil {
		return storyline.StoryUpdate{}, fmt.Errorf("update story %d: %w", id, err)
	}
	// The brief of a one-report story is the report's summary when its
	// sentences make one (each standing alone, 60 to 150 words), else it
	// is drawn from the report as any story's is; a copy, or a report
	// without text, keeps its summary.
	brief := &storyline.Brief{Generator: storyline.BuiltInBrief, UpdatedAt: an.now()}
	sents, ok := an.summarizer.BriefOfSentences(x.Summary, x.Language)
	if !ok {
		a, err := an.store.Article(ctx, e.ArticleID)
		switch {
		case err == nil && a.CopyOf == 0 && a.Text != "":
			brief = an.brief([]summarize.Report{{Input: summarize.Input{Title: a.Title, Text: leadText(a.Text, singleBriefBytes), Lang: x.Language},
				ID: a.ID, Source: e.Source}}, x.Language)
		case err != nil && storyline.ErrorCode(err) != storyline.ENOTFOUND:
			return storyline.StoryUpdate{}, fmt.Errorf("update story %d: %w", id, err)
		}
	}
	if len(brief.Sentences) == 0 {
		if !ok {
			sents = x.Summary
		}
		words := 0
		for _, sen := range sents {
			// No longer than any brief, however long the summary's
			// sentences (text whose sentences ran together).
			if words += len(strings.Fields(sen)); words > maxBriefWords && len(brief.Sentences) > 0 {
				break
			}
			brief.Sentences = append(brief.Sentences, storyline.BriefSentence{Text: sen, ArticleIDs: []int64{e.ArticleID}})
		}
	}
	s := &storyline.Story{ID: id, Title: e.Title, Summary: brief.Text(), Brief: brief,
		Keyphrases: x.Keyphrases, Entities: x.Entities, Language: storyLanguage([]string{x.Language})}
	return storyline.StoryUpdate{Story: s, Terms: storyTerms(snap, idfs, s.Entities)}, nil
}

// maxBriefWords is the most words a brief made of an article's summary
// holds, as the brief's own bound.
const maxBriefWords = 150

// singleBriefBytes is how much of a one-report story's text its brief is
// drawn from: the news is in its first paragraphs, and a brief of 150
// words at most needs no more.
const singleBriefBytes = 3000

// leadText returns the paragraphs of text that end within its first n
// bytes (at least the first paragraph).
func leadText(text string, n int) string {
	if len(text) <= n {
		return text
	}
	end := strings.LastIndex(text[:n], "\n\n")
	if end <= 0 {
		if i := strings.Index(text, "\n\n"); i > 0 {
			return text[:i]
		}
		return text
	}
	return text[:end]
}

// storyLanguage returns a story's language: the most common of its
// articles' languages langs (ISO 639-1 codes, oldest article first; ""
// unknown), on ties the older article's; "" when none is known.
func storyLanguage(langs []string) string {
	counts := make(map[string]int, len(langs))
	for _, l := range langs {
		counts[l]++
	}
	best := ""
	for _, l := range langs {
		if l != "" && (best == "" || counts[l] > counts[best]) {
			best = l
		}
	}
	return best
}

// centroid returns a story's term masses.
func centroid(s storyline.StoryCentroid) map[string]float64 {
	w := make(map[string]float64, len(s.Terms))
	for _, t := range s.Terms {
		w[t.Key] = t.Mass
	}
	return w
}

// storyTerms returns the terms a story is stored with for related
// stories and coverage in other languages: its storyTermsForLink
// heaviest terms weighed by IDF (relatedTerms), and its
// storyEntitiesForLink most named entities, which the IDF weighing leaves
// out precisely when other stories name them too — the coverage of one
// event in another language is found by those. An entity added so
// weighs entityLinkWeight, too little to move related stories; among
// stories in other languages, the more entities they share, the more
// they weigh.
func storyTerms(snap storyline.StoryCentroid, idfs map[string]float64, entities []storyline.Entity) map[string]float64 {
	terms := relatedTerms(weighted(snap, idfs), storyTermsForLink)
	// The most named (entities come by mentions, most first), not the
	// most distinctive: what the story is about.
	for _, e := range fromEntities(entities[:min(len(entities), storyEntitiesForLink)]) {
		if k := cluster.EntityPrefix + entity.Key(e); len(k) <= cluster.MaxTermBytes {
			if _, ok := terms[k]; !ok {
				terms[k] = entityLinkWeight
			}
		}
	}
	return terms
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

// splitLeadWords splits the words of text s as splitLead splits s.
func splitLeadWords(s string, words []text.Word) (lead, body []text.Word) {
	start := len(s) - len(strings.TrimLeftFunc(s, unicode.IsSpace))
	cut := strings.Index(s[start:], "\n\n")
	if cut < 0 {
		return words, words[len(words):]
	}
	i := sort.Search(len(words), func(i int) bool { return words[i].Start >= start+cut })
	return words[:i], words[i:]
}
