package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/spf13/cobra"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/briefing"
	"github.com/storyline/storyline/internal/llm"
	"github.com/storyline/storyline/internal/metrics"
)

// llmKeyEnv names the variable the language model's API key is read
// from: never a flag (flags show in process lists), never logged.
const llmKeyEnv = "STORYLINE_LLM_KEY"

// llmFlags configure the optional language model of serve and worker.
type llmFlags struct {
	url         string
	model       string
	concurrency int
	dailyTokens int64
	timeout     time.Duration
}

// register adds the flags to cmd.
func (o *llmFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&o.url, "llm-url", "", "an OpenAI-compatible chat API to write story briefs and answers with, e.g.\nhttp://localhost:11434 (Ollama), with or without /v1; \"\": none, built-in only.\nThe API key, if it needs one, is read from $"+llmKeyEnv+". Only article text is sent")
	f.StringVar(&o.model, "llm-model", "", "the model to ask at --llm-url, as the server names it (e.g. llama3.1:8b)")
	f.IntVar(&o.concurrency, "llm-concurrency", 2, "requests to the language model at once, per process")
	f.Int64Var(&o.dailyTokens, "llm-daily-tokens", 1_000_000, "tokens the language model may use per UTC day, all processes together\n(counted in the store); 0: no limit")
	f.DurationVar(&o.timeout, "llm-timeout", 2*time.Minute, "how long one request to the language model may take")
}

// check rejects flag values out of range.
func (o *llmFlags) check() error {
	switch {
	case o.url == "" && o.model != "":
		return usagef("--llm-model %q needs --llm-url", o.model)
	case o.url != "" && o.model == "":
		return usagef("--llm-url %q needs --llm-model", o.url)
	case o.concurrency < 1 || o.concurrency > 64:
		return usagef("--llm-concurrency %d: want 1 to 64", o.concurrency)
	case o.dailyTokens < 0:
		return usagef("--llm-daily-tokens %d: want 0 (no limit) or more", o.dailyTokens)
	case o.timeout <= 0:
		return usagef("--llm-timeout %v: want a positive duration", o.timeout)
	}
	if o.url != "" {
		if _, err := llm.New(llm.Config{BaseURL: o.url, Model: o.model}); err != nil {
			return usagef("--llm-url %q: %v", o.url, err)
		}
	}
	return nil
}

// languageModel returns the language model the flags configure, or nil
// when there is none.
func (a *app) languageModel(o llmFlags, store storyline.ModelBriefStore, m *metrics.Metrics, log *slog.Logger) (*briefing.Model, error) {
	if o.url == "" {
		return nil, nil
	}
	client, err := llm.New(llm.Config{BaseURL: o.url, Model: o.model, APIKey: a.getenv(llmKeyEnv), Timeout: o.timeout})
	if err != nil {
		return nil, usagef("--llm-url %q: %v", o.url, err)
	}
	model, err := briefing.NewModel(briefing.ModelConfig{LLM: client, Tokens: store, DailyTokens: o.dailyTokens,
		Concurrency: o.concurrency, Metrics: m, Log: log})
	if err != nil {
		return nil, err
	}
	log.Info("language model", "endpoint", client.Endpoint(), "model", o.model, "key", a.getenv(llmKeyEnv) != "",
		"daily_tokens", o.dailyTokens, "concurrency", o.concurrency)
	return model, nil
}

// newBriefer returns the briefer that writes story briefs with model,
// or nil when there is no model.
func newBriefer(store briefing.Store, model *briefing.Model, log *slog.Logger) (*briefing.Briefer, error) {
	if model == nil {
		return nil, nil
	}
	b, err := briefing.NewBriefer(briefing.BrieferConfig{Store: store, Model: model, Log: log})
	if err != nil {
		return nil, fmt.Errorf("start the briefer: %w", err)
	}
	return b, nil
}

// runBriefer runs b, when not nil, in the background of in until ctx
// ends.
func (in *ingestion) runBriefer(ctx context.Context, b *briefing.Briefer) {
	if b != nil {
		in.wg.Go(func() { _ = b.Run(ctx) })
	}
}
