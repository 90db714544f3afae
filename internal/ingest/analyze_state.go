package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/storyline/storyline/internal/analysis/cluster"
	"github.com/storyline/storyline/internal/analysis/dedup"
	"github.com/storyline/storyline/internal/text"
)

// savedState is what the analyzer saves to resume after a restart: the
// clustering as it was after log entry Seq. Entries after Seq are
// replayed on top of it.
type savedState struct {
	Clustering cluster.State `json:"clustering"`
	Seq        int64         `json:"seq"`
}

// saveState saves the clustering state and the keyphrase document
// frequencies; the caller holds an.mu (the store's assignment lock is not
// needed: the state saved is the one after entry an.seq).
func (an *Analyzer) saveState(ctx context.Context) error {
	an.savedAt = time.Now()
	st, err := json.Marshal(savedState{Clustering: an.stories.State(), Seq: an.seq})
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

// reload replaces the assignment state with the one saved last (the
// log's later entries are replayed by the next catch-up); the caller
// holds an.mu, or has not shared an yet.
func (an *Analyzer) reload(ctx context.Context) error {
	stories, err := cluster.New(cluster.Options{})
	if err != nil {
		return fmt.Errorf("analysis: %w", err)
	}
	an.stories, an.copies, an.seq, an.own = stories, dedup.NewIndex(dedup.Options{}), 0, map[int64]bool{}
	an.dfMu.Lock()
	an.df = text.NewDocFreq()
	an.dfMu.Unlock()
	an.savedAt = time.Now()
	if err := an.restore(ctx); err != nil {
		an.stale = true
		return err
	}
	an.stale = false
	return nil
}

// restore loads the state saveState saved, if any, and the signatures of
// the articles copies are looked for among.
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
		an.seq = st.Seq
	}
	err = an.store.Signatures(ctx, time.Now().Add(-copyWindow), func(id int64, b []byte) error {
		an.addSignature(id, b)
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
		an.dfMu.Lock()
		defer an.dfMu.Unlock()
		if err := json.Unmarshal([]byte(v), an.df); err != nil {
			return fmt.Errorf("restore analysis state: %w", err)
		}
	}
	return nil
}

// Close brings the stories up to date and saves the analysis state.
func (an *Analyzer) Close(ctx context.Context) error {
	err := an.Flush(ctx)
	if lerr := an.acquire(ctx); lerr != nil {
		return errors.Join(err, fmt.Errorf("save analysis state: %w", lerr))
	}
	defer an.release()
	if an.stale { // the next start rebuilds it from the last save and the log
		return err
	}
	if cerr := an.catchUp(ctx); cerr != nil {
		return errors.Join(err, fmt.Errorf("save analysis state: %w", cerr))
	}
	return errors.Join(err, an.saveState(ctx))
}
