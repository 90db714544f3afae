package briefing

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/storyline/storyline/internal/analysis/modelbrief"
	"github.com/storyline/storyline/internal/llm"
)

// Completer is a language model's chat-completions client, as
// internal/llm's Client is.
type Completer interface {
	Complete(ctx context.Context, req llm.Request) (llm.Completion, error)
	Stream(ctx context.Context, req llm.Request, onDelta func(string) error) (llm.Completion, error)
	// Model names the model asked.
	Model() string
}

// TokenStore counts the tokens spent each day, for every process.
type TokenStore interface {
	AddModelTokens(ctx context.Context, day string, n int64) (int64, error)
	ModelTokens(ctx context.Context, day string) (int64, error)
}

// Metrics records what the model is asked and what it costs.
type Metrics interface {
	// ObserveModel records one call: its operation ("brief" or "ask"),
	// result ("ok", "unavailable", "rejected", "malformed", "budget",
	// "canceled", "error"), duration and the tokens used.
	ObserveModel(op, result string, d time.Duration, promptTokens, completionTokens int)
}

// ErrBudget is returned when the day's token budget is spent.
var ErrBudget = errors.New("the language model's daily token budget is spent")

// ModelConfig is what a Model is made of. LLM and Tokens are required.
type ModelConfig struct {
	LLM    Completer
	Tokens TokenStore
	// DailyTokens is the most tokens (prompt and answer) spent per UTC
	// day by all processes together; 0 means no limit. A call that starts
	// under the budget may end above it.
	DailyTokens int64
	// Concurrency is the most calls at once in this process; 0 means 2.
	Concurrency int
	Metrics     Metrics      // nil records nothing
	Log         *slog.Logger // nil discards
	Now         func() time.Time
}

// Model is a language model with a daily token budget, a cap on
// concurrent calls and metrics. It is safe for concurrent use.
type Model struct {
	cfg ModelConfig
	sem chan struct{}
}

// NewModel returns the model of cfg.
func NewModel(cfg ModelConfig) (*Model, error) {
	if cfg.LLM == nil || cfg.Tokens == nil {
		return nil, errors.New("briefing: new model: a client and a token store are required")
	}
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = 2
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Model{cfg: cfg, sem: make(chan struct{}, cfg.Concurrency)}, nil
}

// Name returns the model's name, as briefs credit it.
func (m *Model) Name() string { return m.cfg.LLM.Model() }

// day returns the budget's day of t.
func day(t time.Time) string { return t.UTC().Format("2006-01-02") }

// call sends prompt p to the model for operation op, streaming the answer
// to onDelta when it is not nil, and counts the tokens it used.
func (m *Model) call(ctx context.Context, op string, p modelbrief.Prompt, maxTokens int, onDelta func(string)) (llm.Completion, error) {
	start := m.cfg.Now()
	comp, err := m.send(ctx, p, maxTokens, onDelta)
	if m.cfg.Metrics != nil {
		m.cfg.Metrics.ObserveModel(op, resultOf(err), m.cfg.Now().Sub(start), comp.PromptTokens, comp.CompletionTokens)
	}
	return comp, err
}

// send checks the budget, waits for a free slot and asks the model.
func (m *Model) send(ctx context.Context, p modelbrief.Prompt, maxTokens int, onDelta func(string)) (llm.Completion, error) {
	if m.cfg.DailyTokens > 0 {
		used, err := m.cfg.Tokens.ModelTokens(ctx, day(m.cfg.Now()))
		if err != nil {
			return llm.Completion{}, fmt.Errorf("read the token budget: %w", err)
		}
		if used >= m.cfg.DailyTokens {
			return llm.Completion{}, fmt.Errorf("%w (%d of %d tokens today)", ErrBudget, used, m.cfg.DailyTokens)
		}
	}
	select {
	case m.sem <- struct{}{}:
	case <-ctx.Done():
		return llm.Completion{}, ctx.Err()
	}
	defer func() { <-m.sem }()
	temp := 0.2
	req := llm.Request{Messages: []llm.Message{{Role: "system", Content: p.System}, {Role: "user", Content: p.User}},
		MaxTokens: maxTokens, Temperature: &temp}
	var comp llm.Completion
	var err error
	if onDelta != nil {
		comp, err = m.cfg.LLM.Stream(ctx, req, func(s string) error { onDelta(s); return nil })
	} else {
		comp, err = m.cfg.LLM.Complete(ctx, req)
	}
	if comp.PromptTokens == 0 && comp.CompletionTokens == 0 && err == nil {
		// A server that does not report usage: about four bytes a token.
		comp.PromptTokens = (len(p.System) + len(p.User)) / 4
		comp.CompletionTokens = len(comp.Text) / 4
	}
	if n := int64(comp.PromptTokens + comp.CompletionTokens); n > 0 {
		// Counted even when the context has ended: the tokens were spent.
		if _, cerr := m.cfg.Tokens.AddModelTokens(context.WithoutCancel(ctx), day(m.cfg.Now()), n); cerr != nil {
			m.cfg.Log.Warn("language model: could not count tokens", "tokens", n, "err", cerr)
		}
	}
	return comp, err
}

// resultOf names the result of a call for metrics.
func resultOf(err error) string {
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, ErrBudget):
		return "budget"
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.Is(err, llm.ErrUnavailable), errors.Is(err, context.DeadlineExceeded):
		return "unavailable"
	case errors.Is(err, llm.ErrRejected):
		return "rejected"
	case errors.Is(err, llm.ErrMalformed):
		return "malformed"
	}
	return "error"
}
