package briefing

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/analysis/modelbrief"
	"github.com/storyline/storyline/internal/llm"
)

// BrieferConfig is what a Briefer is made of. Store and Model are
// required.
type BrieferConfig struct {
	Store Store
	Model *Model
	Log   *slog.Logger // nil discards
	Now   func() time.Time
	// Interval is the pause between passes that found nothing to do, or
	// after the model failed; 0 means a minute.
	Interval time.Duration
	// Window: only stories updated within it are briefed; 0 means 7 days.
	Window time.Duration
	// Sleep waits, returning ctx's error early; nil means a timer.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Briefer writes stories' briefs with a language model in the background:
// stories without a model brief, or grown by a quarter (at least one
// article) since theirs was written, the most covered and most recent
// first.
type Briefer struct {
	cfg BrieferConfig
}

// briefTokens is the most tokens a brief's answer may take: 150 words in
// any language, with citations.
const briefTokens = 600

// NewBriefer returns the briefer of cfg.
func NewBriefer(cfg BrieferConfig) (*Briefer, error) {
	if cfg.Store == nil || cfg.Model == nil {
		return nil, errors.New("briefing: new briefer: a store and a model are required")
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Interval <= 0 {
		cfg.Interval = time.Minute
	}
	if cfg.Window <= 0 {
		cfg.Window = 7 * 24 * time.Hour
	}
	if cfg.Sleep == nil {
		cfg.Sleep = sleep
	}
	return &Briefer{cfg: cfg}, nil
}

// Run briefs stories until ctx ends, then returns nil.
func (b *Briefer) Run(ctx context.Context) error {
	b.cfg.Log.Info("language model briefs on", "model", b.cfg.Model.Name())
	for {
		n, err := b.RunOnce(ctx)
		if ctx.Err() != nil {
			return nil
		}
		wait := time.Duration(0)
		switch {
		case errors.Is(err, ErrBudget):
			now := b.cfg.Now().UTC()
			wait = now.Truncate(24*time.Hour).Add(24*time.Hour).Sub(now) + time.Minute
			b.cfg.Log.Warn("language model briefs paused until the budget's next day; built-in briefs stay", "err", err, "resume_in", wait.Round(time.Minute))
		case err != nil:
			b.cfg.Log.Warn("language model briefs: pass failed; built-in briefs stay", "err", err)
			wait = b.cfg.Interval
		case n == 0:
			wait = b.cfg.Interval
		}
		if wait > 0 {
			if b.cfg.Sleep(ctx, wait) != nil {
				return nil
			}
		}
	}
}

// RunOnce briefs the stories due now, as many at once as the model takes,
// and returns how many it looked at. A model that is unavailable or out
// of budget ends the pass with its error.
func (b *Briefer) RunOnce(ctx context.Context) (int, error) {
	batch := 4 * cap(b.cfg.Model.sem)
	due, err := b.cfg.Store.StoriesForModelBrief(ctx, b.cfg.Now().Add(-b.cfg.Window), batch)
	if err != nil {
		return 0, fmt.Errorf("list stories due a model brief: %w", err)
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	jobs := make(chan storyline.ModelBriefDue)
	for range cap(b.cfg.Model.sem) {
		wg.Go(func() {
			for d := range jobs {
				if err := b.BriefStory(ctx, d); err != nil {
					mu.Lock()
					first = cmpErr(first, err)
					mu.Unlock()
				}
			}
		})
	}
	for _, d := range due {
		mu.Lock()
		stop := first != nil
		mu.Unlock()
		if stop || ctx.Err() != nil {
			break
		}
		jobs <- d
	}
	close(jobs)
	wg.Wait()
	return len(due), first
}

// cmpErr returns the error a pass reports: the first one.
func cmpErr(first, err error) error {
	if first != nil {
		return first
	}
	return err
}

// BriefStory asks the model for story d's brief and saves it when it is
// grounded; otherwise the built-in brief stays. It returns an error only
// when the pass should stop: the model unavailable, the budget spent, the
// store failing.
func (b *Briefer) BriefStory(ctx context.Context, d storyline.ModelBriefDue) error {
	st := b.cfg.Store
	log := b.cfg.Log.With("story", d.StoryID, "model", b.cfg.Model.Name())
	s, err := st.Story(ctx, d.StoryID)
	if storyline.ErrorCode(err) == storyline.ENOTFOUND {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read story %d: %w", d.StoryID, err)
	}
	// Claim it: other processes see the attempt and leave the story alone.
	if err := st.SaveModelBrief(ctx, s.ID, nil, d.ArticleCount); err != nil {
		return fmt.Errorf("claim story %d: %w", s.ID, err)
	}
	reports, err := storyReports(ctx, st, s, modelbrief.MaxReports)
	if err != nil || len(reports) == 0 {
		return err
	}
	p := modelbrief.BriefPrompt(reports, s.Language)
	comp, err := b.cfg.Model.call(ctx, "brief", p, briefTokens, nil)
	switch {
	case ctx.Err() != nil:
		b.release(ctx, s.ID)
		return ctx.Err()
	case errors.Is(err, llm.ErrRejected), errors.Is(err, llm.ErrMalformed):
		log.Warn("language model brief failed; the built-in brief stays", "err", err)
		return nil // this story's prompt or answer: not retried until it grows
	case err != nil:
		log.Warn("language model brief failed; the built-in brief stays, and the story is tried again later", "err", err)
		b.release(ctx, s.ID)
		return err
	}
	checked, err := modelbrief.CheckBrief(comp.Text, p, s.Language)
	if err != nil {
		log.Warn("language model brief rejected; the built-in brief stays", "err", err,
			"kept", len(checked.Sentences), "dropped", len(checked.Dropped))
		return nil
	}
	if len(checked.Dropped) > 0 {
		log.Info("language model brief: sentences dropped", "dropped", len(checked.Dropped), "kept", len(checked.Sentences))
	}
	brief := &storyline.Brief{Sentences: briefSentences(checked.Sentences), Generator: b.cfg.Model.Name(), UpdatedAt: b.cfg.Now()}
	if err := st.SaveModelBrief(ctx, s.ID, brief, d.ArticleCount); err != nil {
		return fmt.Errorf("save the model brief of story %d: %w", s.ID, err)
	}
	return nil
}

// release undoes a claim on story id after a failure worth retrying, so
// that the story is due again; a brief the model wrote before stays.
func (b *Briefer) release(ctx context.Context, id int64) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := b.cfg.Store.SaveModelBrief(ctx, id, nil, 0); err != nil && storyline.ErrorCode(err) != storyline.ENOTFOUND {
		b.cfg.Log.Warn("language model briefs: could not release story", "story", id, "err", err)
	}
}

// briefSentences converts checked sentences to the domain's.
func briefSentences(ss []modelbrief.Sentence) []storyline.BriefSentence {
	out := make([]storyline.BriefSentence, len(ss))
	for i, s := range ss {
		out[i] = storyline.BriefSentence{Text: s.Text, ArticleIDs: s.ArticleIDs}
	}
	return out
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
