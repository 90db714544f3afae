package llm

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestKeyNeverPrinted(t *testing.T) {
	cfg := Config{
		BaseURL:    "https://api.example.com/v1",
		Model:      "gpt-4o-mini",
		APIKey:     testKey,
		Timeout:    time.Second,
		MaxRetries: 2,
		HTTP:       &http.Client{},
		Sleep:      func(context.Context, time.Duration) error { return nil },
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	type holder struct{ Config Config }
	values := map[string]any{"Config": cfg, "*Config": &cfg, "*Client": c, "Client": *c, "struct holding a Config": holder{cfg}}
	for name, v := range values {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d", "%10.3v"} {
			out := fmt.Sprintf(verb, v)
			if strings.Contains(out, testKey) || strings.Contains(out, fmt.Sprintf("%x", testKey)) {
				t.Errorf("fmt %s of %s shows the key: %s", verb, name, out)
			}
		}
		if out := fmt.Sprint(v); !strings.Contains(out, "[redacted]") {
			t.Errorf("fmt %%v of %s = %s, want it to say the key is set", name, out)
		}
	}
	if got := cfg.String(); !strings.Contains(got, `BaseURL:"https://api.example.com/v1"`) || !strings.Contains(got, `Model:"gpt-4o-mini"`) || !strings.Contains(got, "HTTP:<set>") {
		t.Errorf("String() = %s, want it to describe the rest", got)
	}
	for _, h := range []func(*bytes.Buffer) slog.Handler{
		func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
		func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
	} {
		var buf bytes.Buffer
		slog.New(h(&buf)).Info("llm", "config", cfg, "client", c)
		if out := buf.String(); strings.Contains(out, testKey) || !strings.Contains(out, "gpt-4o-mini") {
			t.Errorf("slog output shows the key, or not the model: %s", out)
		}
	}
}

func TestKeylessConfigString(t *testing.T) {
	cfg := Config{BaseURL: "http://localhost:11434", Model: "m"}
	if got := fmt.Sprint(cfg); strings.Contains(got, "[redacted]") || !strings.Contains(got, `APIKey:""`) {
		t.Errorf("fmt of a keyless Config = %s", got)
	}
}

func TestScrub(t *testing.T) {
	tests := []struct{ s, key, want string }{
		{"no key here", "sk-1", "no key here"},
		{"a sk-1 and sk-1", "sk-1", "a [redacted] and [redacted]"},
		{"anything", "", "anything"},
		{"[redac]ted] x", "]", "[redacted]"}, // the key is in the replacement: give up
	}
	for _, tt := range tests {
		if got := scrub(tt.s, tt.key); got != tt.want {
			t.Errorf("scrub(%q, %q) = %q, want %q", tt.s, tt.key, got, tt.want)
		}
	}
}
