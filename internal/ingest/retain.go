package ingest

import (
	"context"
	"fmt"
	"time"

	"github.com/storyline/storyline"
)

// pruneBatch is how many articles one transaction of Retention deletes:
// enough to keep up with any feed load, few enough that other writers
// wait for it no longer than for a few saves.
const pruneBatch = 500

// Retention deletes the coverage stored longer ago than an age (see
// storyline.RetentionStore for what stays), and gives the space back.
type Retention struct {
	// Store is where articles are deleted.
	Store storyline.RetentionStore
	// Analyzer, when set, forgets the deleted articles in its keyphrase
	// document frequencies, and its copy of the story index follows the
	// stories deleted (it prunes under the analyzer's lock).
	Analyzer *Analyzer
	// Age returns the retention age in force: 0 keeps everything. It is
	// asked at every run, so that a change on the Settings page applies
	// without a restart.
	Age func(ctx context.Context) (time.Duration, error)
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Run deletes, batch by batch, every article older than the age in
// force, then reclaims the space, and reports what it deleted.
func (r *Retention) Run(ctx context.Context) (storyline.Pruned, error) {
	var total storyline.Pruned
	age, err := r.Age(ctx)
	if err != nil || age <= 0 {
		return total, err
	}
	now := time.Now
	if r.Now != nil {
		now = r.Now
	}
	cut := now().Add(-age)
	for {
		p, err := r.prune(ctx, cut)
		total.Articles += p.Articles
		total.Stories += p.Stories
		if err != nil {
			return total, fmt.Errorf("retention: %w", err)
		}
		if !p.More {
			break
		}
	}
	if total.Articles == 0 {
		return total, nil
	}
	if r.Analyzer != nil {
		r.Analyzer.forgetArticles(total.Articles)
	}
	if err := r.Store.Reclaim(ctx); err != nil {
		return total, fmt.Errorf("retention: %w", err)
	}
	return total, nil
}

// prune deletes one batch. With an Analyzer, it does so under the
// analyzer's lock, and the analyzer's copy of the story index follows the
// stories deleted instead of being reloaded.
func (r *Retention) prune(ctx context.Context, cut time.Time) (storyline.Pruned, error) {
	an := r.Analyzer
	if an == nil {
		return r.Store.Prune(ctx, cut, pruneBatch)
	}
	if err := an.acquire(ctx); err != nil {
		return storyline.Pruned{}, err
	}
	defer an.release()
	p, err := r.Store.Prune(ctx, cut, pruneBatch)
	if err == nil && p.IndexVersion != 0 {
		an.mirror.pruned(p.StoryIDs, p.IndexVersion)
		an.terms.reset() // the stories' terms left the index
	}
	return p, err
}

// forgetArticles scales the keyphrase document frequencies down for n
// articles deleted: once those deleted since the last scaling are a tenth
// of the articles counted (so that rounding does not keep small counts
// from ever falling), every count shrinks by their share.
func (an *Analyzer) forgetArticles(n int) {
	an.dfMu.Lock()
	defer an.dfMu.Unlock()
	an.forgotten += n
	docs := an.df.Docs()
	if docs == 0 {
		an.forgotten = 0
		return
	}
	if an.forgotten*10 < docs {
		return
	}
	an.df.Shrink(float64(docs-min(an.forgotten, docs)) / float64(docs))
	an.forgotten = 0
}
