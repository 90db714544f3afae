package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
)

// saveState saves the keyphrase document frequencies; the caller holds
// an.mu.
func (an *Analyzer) saveState(ctx context.Context) error {
	an.savedAt = an.now()
	an.dfMu.RLock()
	df, err := json.Marshal(an.df)
	an.dfMu.RUnlock()
	if err != nil {
		return fmt.Errorf("save analysis state: %w", err)
	}
	return an.store.SetMeta(ctx, keyphraseDFKey, string(df))
}

// restore loads the keyphrase document frequencies saveState saved, if
// any, and the signatures of the articles copies are looked for among.
func (an *Analyzer) restore(ctx context.Context) error {
	err := an.store.Signatures(ctx, an.now().Add(-copyWindow), func(id int64, b []byte) error {
		an.addSignature(id, b)
		return nil
	})
	if err != nil {
		return fmt.Errorf("restore analysis state: %w", err)
	}
	v, ok, err := an.store.Meta(ctx, keyphraseDFKey)
	if err != nil {
		return fmt.Errorf("restore analysis state: %w", err)
	}
	if ok {
		an.dfMu.Lock()
		defer an.dfMu.Unlock()
		if err := json.Unmarshal([]byte(v), an.df); err != nil {
			return fmt.Errorf("restore analysis state: %w", err)
		}
		an.df.Limit(maxDFTerms) // saved by a build that kept every term
	}
	return nil
}

// Close brings the stories up to date and saves the keyphrase document
// frequencies.
func (an *Analyzer) Close(ctx context.Context) error {
	err := an.Flush(ctx)
	if lerr := an.acquire(ctx); lerr != nil {
		return errors.Join(err, fmt.Errorf("save analysis state: %w", lerr))
	}
	defer an.release()
	return errors.Join(err, an.saveState(ctx))
}
