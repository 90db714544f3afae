package llm

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestNew(t *testing.T) {
	tests := []struct {
		name    string
		cfg     Config
		wantErr string // "" for success
	}{
		{"ollama", Config{BaseURL: "http://localhost:11434", Model: "llama3.2"}, ""},
		{"openai", Config{BaseURL: "https://api.openai.com/v1", Model: "gpt-4o-mini", APIKey: testKey}, ""},
		{"upper-case scheme", Config{BaseURL: "HTTP://localhost:8080/", Model: "m"}, ""},
		{"empty BaseURL", Config{Model: "m"}, `BaseURL "" is not an absolute http or https URL`},
		{"relative BaseURL", Config{BaseURL: "localhost:11434", Model: "m"}, `BaseURL "localhost:11434" is not an absolute http or https URL`},
		{"no host", Config{BaseURL: "http:///v1", Model: "m"}, `BaseURL "http:///v1" is not an absolute`},
		{"other scheme", Config{BaseURL: "ftp://example.com", Model: "m"}, `BaseURL "ftp://example.com" is not an absolute http or https URL`},
		{"unparsable", Config{BaseURL: "http://[::1", Model: "m"}, `BaseURL "http://[::1" is not a URL`},
		{"credentials", Config{BaseURL: "https://user:hunter2@example.com", Model: "m"}, `BaseURL "https://user:xxxxx@example.com" carries credentials`},
		{"query", Config{BaseURL: "https://example.com/v1?key=abc", Model: "m"}, `BaseURL "https://example.com/v1" has a query`},
		{"fragment", Config{BaseURL: "https://example.com/#x", Model: "m"}, `has a query or a fragment`},
		{"no model", Config{BaseURL: "http://localhost:11434", Model: " "}, "Model is empty"},
		{"negative timeout", Config{BaseURL: "http://localhost:11434", Model: "m", Timeout: -time.Second}, "Timeout -1s is negative"},
		{"key with a newline", Config{BaseURL: "http://localhost:11434", Model: "m", APIKey: testKey + "\n"}, "APIKey has a character other than printable ASCII"},
		{"key in the URL", Config{BaseURL: "http://localhost:11434/" + testKey, Model: "m", APIKey: testKey}, "BaseURL contains the APIKey"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(tt.cfg)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("New: %v", err)
				}
				if !strings.HasSuffix(c.Endpoint(), "/v1/chat/completions") || !strings.HasPrefix(c.Endpoint(), "http") {
					t.Errorf("Endpoint() = %q", c.Endpoint())
				}
				return
			}
			if err == nil {
				t.Fatalf("New succeeded, want an error saying %q", tt.wantErr)
			}
			if !strings.HasPrefix(err.Error(), "llm: new client: ") || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("New error = %q, want it to say %q", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), testKey) || strings.Contains(err.Error(), "hunter2") {
				t.Errorf("New error shows a secret: %q", err)
			}
		})
	}
}

func TestNewDefaults(t *testing.T) {
	c, err := New(Config{BaseURL: "http://localhost:11434", Model: "m"})
	if err != nil {
		t.Fatal(err)
	}
	if c.cfg.Timeout != DefaultTimeout || c.cfg.MaxRetries != DefaultMaxRetries {
		t.Errorf("Timeout %v, MaxRetries %d; want %v, %d", c.cfg.Timeout, c.cfg.MaxRetries, DefaultTimeout, DefaultMaxRetries)
	}
	if c.cfg.HTTP == nil || c.cfg.HTTP == http.DefaultClient || c.cfg.HTTP.Transport == http.DefaultTransport {
		t.Errorf("HTTP client %p shares http.DefaultClient or its transport", c.cfg.HTTP)
	}
	if c.cfg.Sleep == nil || c.cfg.Now == nil || c.cfg.Jitter == nil {
		t.Errorf("Sleep, Now or Jitter not set")
	}
	if c.Model() != "m" {
		t.Errorf("Model() = %q", c.Model())
	}
	other, _ := New(Config{BaseURL: "http://localhost:11434", Model: "m"})
	if other.cfg.HTTP == c.cfg.HTTP {
		t.Errorf("two clients share one HTTP client")
	}
	none, _ := New(Config{BaseURL: "http://localhost:11434", Model: "m", MaxRetries: -1})
	if none.cfg.MaxRetries != 0 {
		t.Errorf("MaxRetries -1 became %d, want 0", none.cfg.MaxRetries)
	}
}
