package ingest

import (
	"context"
	"fmt"
	"time"

	"github.com/storyline/storyline"
)

// reassignSinceKey remembers when a reassignment began, so that a run cut
// short resumes instead of starting over.
const reassignSinceKey = "analysis:reassign-before"

// Reassign puts every stored article in a story again, from an empty
// story index: what a store made by a release before stories were indexed
// needs, and what a change of the clustering calls for. Canonical
// articles go first (their stored analysis is kept; only the story is
// decided again), then syndicated copies, which follow their originals.
// A new story takes the ID of the article's old story while that one has
// no new centroid yet, and an old story left empty is merged into the
// story its last article went to, so links and comments follow.
//
// It is resumable: each article is saved as it is reassigned, and a run
// cut short picks up where it stopped (the index is cleared only when a
// run begins). progress is called after each article. It returns how many
// articles it reassigned.
func (an *Analyzer) Reassign(ctx context.Context, store BackfillStore, progress func(done int)) (int, error) {
	before, err := an.reassignStart(ctx, store)
	if err != nil {
		return 0, fmt.Errorf("reassign: %w", err)
	}
	done := 0
	for pass := range 2 { // originals, then copies
		var after int64
		for {
			list, err := store.PendingAnalysis(ctx, AnalysisVersion, before, after, backfillBatch)
			if err != nil {
				return done, fmt.Errorf("reassign: %w", err)
			}
			if len(list) == 0 {
				break
			}
			for _, a := range list {
				after = a.ID
				if pass == 0 && a.CopyOf != 0 {
					continue
				}
				if err := ctx.Err(); err != nil {
					return done, err
				}
				if err := an.reassign(ctx, a); err != nil {
					return done, fmt.Errorf("reassign: %w", err)
				}
				done++
				if progress != nil {
					progress(done)
				}
			}
		}
	}
	if err := an.Flush(ctx); err != nil {
		return done, fmt.Errorf("reassign: %w", err)
	}
	if err := store.SetMeta(ctx, reassignSinceKey, ""); err != nil {
		return done, fmt.Errorf("reassign: %w", err)
	}
	return done, nil
}

// reassignStart returns when the reassignment under way began, or begins
// one: the story index is cleared, then the start noted.
func (an *Analyzer) reassignStart(ctx context.Context, store BackfillStore) (time.Time, error) {
	v, ok, err := store.Meta(ctx, reassignSinceKey)
	if err != nil {
		return time.Time{}, err
	}
	if ok {
		t, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			return time.Time{}, fmt.Errorf("stored start %q: %w", v, err)
		}
		return t, nil
	}
	// Under the assignment lock: an analysis running meanwhile must not
	// save a centroid it read before the index was emptied.
	unlock, err := an.lock(ctx)
	if err != nil {
		return time.Time{}, err
	}
	err = store.ClearStoryIndex(ctx)
	an.terms.reset()
	unlock()
	if err != nil {
		return time.Time{}, err
	}
	start := an.now()
	return start, store.SetMeta(ctx, reassignSinceKey, start.Format(time.RFC3339Nano))
}

// reassign decides article a's story again from its stored analysis (an
// article without a current one is analysed in full).
func (an *Analyzer) reassign(ctx context.Context, a *storyline.Article) error {
	if a.CopyOf != 0 {
		_, err := an.copyOf(ctx, a, true)
		return err
	}
	x, err := an.store.Analysis(ctx, a.ID)
	if storyline.ErrorCode(err) == storyline.ENOTFOUND || err == nil && x.Version < AnalysisVersion {
		_, err = an.Article(ctx, a)
		return err
	}
	if err != nil {
		return err
	}
	f := features{lang: x.Language, republished: true, reuse: x.StoryID}
	f.counts = an.cluster.Count(document(a, fromEntities(x.Entities), x.Language))
	res := *x
	res.StoryID = 0
	unlock, err := an.lock(ctx)
	if err != nil {
		return err
	}
	defer unlock()
	return an.assign(ctx, a, f, &res)
}
