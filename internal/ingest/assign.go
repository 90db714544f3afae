package ingest

import (
	"context"
	"fmt"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/analysis/cluster"
	"github.com/storyline/storyline/internal/analysis/dedup"
	"github.com/storyline/storyline/internal/analysis/entity"
)

// lock takes an.mu and the store's assignment lock, in that order (so
// that one goroutine per process waits for the store's lock, holding at
// most one of its connections). The returned function lets both go.
func (an *Analyzer) lock(ctx context.Context) (func(), error) {
	if err := an.acquire(ctx); err != nil {
		return nil, err
	}
	unlockStore, err := an.store.LockAssignments(ctx)
	if err != nil {
		an.release()
		return nil, err
	}
	return func() {
		unlockStore()
		an.release()
	}, nil
}

// assign links article a as a near copy of an earlier one or puts it in
// a story, and saves res; the caller holds the locks.
func (an *Analyzer) assign(ctx context.Context, a *storyline.Article, f features, res *storyline.Analysis) error {
	match, _, ok := an.copies.Match(f.sig)
	if ok && !f.republished && match != a.ID {
		// A near copy dated far from the article it copies is a
		// republication: it is assigned on its own date.
		if m, err := an.store.Article(ctx, match); storyline.ErrorCode(err) == storyline.ENOTFOUND {
			an.copies.remove(match) // deleted by retention since it was indexed
			ok = false
		} else if err != nil {
			return err
		} else if w := an.cluster.Options().Window; !m.Published.IsZero() && !a.Published.IsZero() &&
			(a.Published.Sub(m.Published) > w || m.Published.Sub(a.Published) > w) {
			ok = false
		}
	}
	if ok && !f.republished && match != a.ID {
		canonical, err := an.store.LinkNearCopy(ctx, a.ID, match)
		if err != nil {
			return err
		}
		if other, err := an.store.Analysis(ctx, match); err == nil {
			res.StoryID = other.StoryID
		}
		if err := an.store.SaveAnalysis(ctx, res); err != nil {
			return err
		}
		if canonical == a.ID { // the new article is the canonical one
			an.copies.remove(match)
			an.copies.add(a.ID, f.sig, an.now())
		}
		return an.changed(ctx, res.StoryID)
	}
	if changed, err := an.mirror.sync(ctx, an.store); err != nil {
		return fmt.Errorf("read the story index: %w", err)
	} else if changed {
		an.terms.reset() // another process wrote to the index
	}
	ix, err := newStoryIndex(ctx, an.store, an.terms, an.mirror, f.counts.Keys())
	if err != nil {
		return fmt.Errorf("read story term counts: %w", err)
	}
	d, err := an.cluster.Assign(ctx, ix, an.cluster.Weigh(f.counts, ix), ix)
	if err != nil {
		return err
	}
	sa := &storyline.StoryAssignment{Analysis: res, Centroid: toCentroid(d.Story), Index: d.Index, Merged: d.Merged}
	if d.New && f.reuse != 0 {
		// Reassigned: the new story keeps the old one's ID (its links and
		// comments) unless another article already took it.
		switch _, err := an.store.StoryCentroid(ctx, f.reuse); storyline.ErrorCode(err) {
		case storyline.ENOTFOUND:
			sa.Centroid.StoryID = f.reuse
		case "":
		default:
			return err
		}
	}
	err = an.store.AssignStory(ctx, sa)
	if err != nil {
		an.terms.reset() // what was stored is unknown
		an.mirror.forget()
		return err
	}
	an.mirror.apply(sa)
	stories := -len(d.Merged)
	if d.New {
		stories++
	}
	an.terms.apply(countChanges(d, ix, an.cluster.Options().IndexTerms), stories)
	if !f.republished {
		an.copies.add(a.ID, f.sig, an.now())
		an.addTerms(f.terms)
	}
	an.forget(d.Merged)
	return an.changed(ctx, res.StoryID)
}

// countChanges returns how an assignment changed the number of stories
// each term indexes: +1 for the terms the story is indexed under now and
// was not before, -1 for those it no longer is, and for the index terms
// of the stories merged away. A stored story's index terms are the first
// IndexTerms of its centroid, as the clusterer chose them.
func countChanges(d cluster.Decision, ix *storyIndex, indexTerms int) map[string]int {
	delta := make(map[string]int)
	old := func(id int64) {
		terms := ix.seen[id].Terms
		for _, t := range terms[:min(indexTerms, len(terms))] {
			delta[t.Key]--
		}
	}
	if !d.New {
		old(d.Joined)
	}
	for _, m := range d.Merged {
		if m != d.Joined {
			old(m)
		}
	}
	if d.Story.ID != 0 && d.Story.ID != d.Joined {
		old(d.Story.ID) // the joined story was folded into this one
	}
	for _, k := range d.Index {
		delta[k]++
	}
	return delta
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

// document is article a as the clusterer sees it.
func document(a *storyline.Article, entities []entity.Entity, lang string) cluster.Document {
	lead, body := splitLead(a.Text)
	keys := make([]string, len(entities))
	for i, e := range entities {
		keys[i] = entity.Key(e)
	}
	return cluster.Document{Title: a.Title, Lead: lead, Body: body, Entities: keys,
		Time: a.Published, Lang: lang}
}

// addSignature puts a stored near-duplicate signature in the copy index.
func (an *Analyzer) addSignature(id int64, b []byte) {
	var sig dedup.Signature
	if sig.UnmarshalBinary(b) == nil {
		an.copies.add(id, sig, an.now())
	}
}

// addTerms counts an article's terms in the keyphrase document
// frequencies.
func (an *Analyzer) addTerms(terms []string) {
	an.dfMu.Lock()
	an.df.Add(terms)
	an.df.Limit(maxDFTerms)
	an.dfMu.Unlock()
}
