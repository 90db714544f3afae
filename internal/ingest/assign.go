package ingest

import (
	"context"
	"fmt"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/analysis/cluster"
	"github.com/storyline/storyline/internal/analysis/dedup"
	"github.com/storyline/storyline/internal/analysis/entity"
)

// lock takes an.mu and the store's assignment lock, in that order (so
// that one goroutine per process waits for the store's lock, holding at
// most one of its connections), and brings the assignment state up to
// date with the log: most of the way before the store's lock is taken, so
// that replaying others' work holds no one up, the rest after. The
// returned function lets both go.
func (an *Analyzer) lock(ctx context.Context) (func(), error) {
	if err := an.acquire(ctx); err != nil {
		return nil, err
	}
	var err error
	if an.stale {
		err = an.reload(ctx)
	}
	if err == nil {
		err = an.catchUp(ctx)
	}
	if err == nil && time.Since(an.savedAt) >= snapshotEvery {
		err = an.saveState(ctx) // while others may assign
	}
	if err != nil {
		an.release()
		return nil, err
	}
	unlockStore, err := an.store.LockAssignments(ctx)
	if err != nil {
		an.release()
		return nil, err
	}
	unlock := func() {
		unlockStore()
		an.release()
	}
	if err := an.catchUp(ctx); err != nil {
		unlock()
		return nil, err
	}
	return unlock, nil
}

// catchUp replays the log entries after an.seq; the caller holds the
// locks. A failure leaves the state stale, to be reloaded.
func (an *Analyzer) catchUp(ctx context.Context) error {
	for {
		recs, err := an.store.Assignments(ctx, an.seq, catchUpBatch)
		if err != nil {
			return fmt.Errorf("catch up with the assignments: %w", err)
		}
		for _, r := range recs {
			if an.own[r.Seq] {
				delete(an.own, r.Seq)
			} else if err := an.replay(ctx, r); err != nil {
				an.stale = true
				return fmt.Errorf("replay the assignment of article %d: %w", r.ArticleID, err)
			}
			an.seq = r.Seq
		}
		if len(recs) < catchUpBatch {
			return nil
		}
	}
}

// replay applies log entry r, made by another analyzer, to the state.
func (an *Analyzer) replay(ctx context.Context, r storyline.Assignment) error {
	x, err := an.store.Analysis(ctx, r.ArticleID)
	if err != nil && storyline.ErrorCode(err) != storyline.ENOTFOUND {
		return err
	}
	if r.NearCopy {
		if r.Dropped != 0 {
			an.copies.Remove(r.Dropped)
		}
		if r.Kept != 0 && x != nil {
			an.addSignature(r.Kept, x.Signature)
		}
		return nil
	}
	var doc cluster.Document
	a, err := an.store.Article(ctx, r.ArticleID)
	switch {
	case err == nil && x != nil:
		an.addSignature(a.ID, x.Signature)
		an.addTerms(an.analyzer(x.Language).Terms(a.Title + "\n\n" + a.Text))
		doc = document(a, fromEntities(x.Entities), x.Language)
	case err != nil && storyline.ErrorCode(err) != storyline.ENOTFOUND:
		return err
	}
	// A vanished article still holds its story's id.
	an.stories.Replay(doc, cluster.Assignment{Joined: r.Joined, Story: r.Story, Folds: toFolds(r.Folds)})
	from := make([]int64, len(r.Folds))
	for i, f := range r.Folds {
		from[i] = f.From
	}
	an.forget(from)
	return nil
}

// forget drops stories merged away from those whose aggregates are to be
// brought up to date: they have none of their own any more.
func (an *Analyzer) forget(merged []int64) {
	an.dirtyMu.Lock()
	defer an.dirtyMu.Unlock()
	for _, id := range merged {
		delete(an.dirty, id)
	}
}

// assign links article a as a near copy of an earlier one or puts it in
// a story, saves res with the log entry, and applies the entry to the
// state; the caller holds the locks.
func (an *Analyzer) assign(ctx context.Context, a *storyline.Article, f features, res *storyline.Analysis) error {
	rec := storyline.Assignment{ArticleID: a.ID}
	if match, _, ok := an.copies.Match(f.sig); ok && match != a.ID {
		canonical, err := an.store.LinkNearCopy(ctx, a.ID, match)
		if err != nil {
			return err
		}
		rec.NearCopy = true
		if canonical == a.ID { // the new text is the more complete one
			rec.Kept, rec.Dropped = a.ID, match
		}
		if other, err := an.store.Analysis(ctx, match); err == nil {
			res.StoryID = other.StoryID
		}
		if err := an.record(ctx, res, &rec); err != nil {
			return err
		}
		if rec.Kept != 0 {
			an.copies.Remove(match)
			an.copies.Add(a.ID, f.sig)
		}
		return an.changed(ctx, res.StoryID)
	}
	as := an.stories.Add(document(a, f.entities, f.lang))
	rec.Joined, rec.Story = as.Joined, as.Story
	for _, fold := range as.Folds {
		rec.Folds = append(rec.Folds, storyline.StoryFold{Into: fold.Into, From: fold.From})
	}
	res.StoryID = as.Story
	if err := an.record(ctx, res, &rec); err != nil {
		an.stale = true // the clusterer holds what the log does not
		return err
	}
	an.copies.Add(a.ID, f.sig)
	an.addTerms(f.terms)
	an.forget(as.Merged)
	return an.changed(ctx, as.Story)
}

// record saves analysis res with log entry rec and moves an.seq past it.
func (an *Analyzer) record(ctx context.Context, res *storyline.Analysis, rec *storyline.Assignment) error {
	if err := an.store.SaveAssignment(ctx, res, rec); err != nil {
		return err
	}
	if rec.Seq == an.seq+1 {
		an.seq = rec.Seq
	} else {
		// Entries by others (or gaps in the sequence) come first: replay
		// them next time, and skip this one.
		an.own[rec.Seq] = true
	}
	return nil
}

// document is article a as the clusterer sees it.
func document(a *storyline.Article, entities []entity.Entity, lang string) cluster.Document {
	lead, body := splitLead(a.Text)
	keys := make([]string, len(entities))
	for i, e := range entities {
		keys[i] = entity.Key(e)
	}
	return cluster.Document{ID: a.ID, Title: a.Title, Lead: lead, Body: body, Entities: keys,
		Time: articleTime(a), Lang: lang}
}

// addSignature puts a stored near-duplicate signature in the copy index.
func (an *Analyzer) addSignature(id int64, b []byte) {
	var sig dedup.Signature
	if sig.UnmarshalBinary(b) == nil {
		an.copies.Add(id, sig)
	}
}

// addTerms counts an article's terms in the keyphrase document
// frequencies.
func (an *Analyzer) addTerms(terms []string) {
	an.dfMu.Lock()
	an.df.Add(terms)
	an.dfMu.Unlock()
}

// toFolds converts logged folds to the clusterer's.
func toFolds(fs []storyline.StoryFold) []cluster.Fold {
	out := make([]cluster.Fold, len(fs))
	for i, f := range fs {
		out[i] = cluster.Fold{Into: f.Into, From: f.From}
	}
	return out
}
