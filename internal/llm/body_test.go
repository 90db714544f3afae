package llm

import (
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCappedReader(t *testing.T) {
	tests := []struct {
		in      string
		limit   int64
		wantErr error
	}{
		{"", 4, nil},
		{"abc", 4, nil},
		{"abcd", 4, nil},
		{"abcde", 4, errTooLarge},
		{"a", 0, errTooLarge},
	}
	for _, tt := range tests {
		got, err := io.ReadAll(&cappedReader{r: strings.NewReader(tt.in), left: tt.limit})
		if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
			t.Errorf("reading %q capped at %d: error %v, want %v", tt.in, tt.limit, err, tt.wantErr)
		}
		if tt.wantErr == nil && string(got) != tt.in {
			t.Errorf("reading %q capped at %d: got %q", tt.in, tt.limit, got)
		}
	}
}

func TestServerText(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"OpenAI", `{"error":{"message":"Invalid model","type":"invalid_request_error"}}`, "Invalid model"},
		{"Ollama", `{"error":"model \"x\" not found, try pulling it first"}`, `model "x" not found, try pulling it first`},
		{"message", `{"message":"busy","code":503}`, "busy"},
		{"FastAPI detail", `{"detail":"Not Found"}`, "Not Found"},
		{"error object without a message", `{"error":{"code":1}}`, `{"error":{"code":1}}`},
		{"plain text", "upstream connect error\n", "upstream connect error"},
		{"control characters and runs of space", "a\x00\x1b[31m  b\r\n\tc", "a [31m b c"},
		{"invalid UTF-8", "a\xffb", "a\uFFFDb"},
		{"key", "your key " + testKey + " is wrong", "your key [redacted] is wrong"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		if got := serverText([]byte(tt.body), testKey); got != tt.want {
			t.Errorf("%s: serverText(%q) = %q, want %q", tt.name, tt.body, got, tt.want)
		}
	}
}

func TestClip(t *testing.T) {
	for _, s := range []string{strings.Repeat("a", 1000), strings.Repeat("é", 1000), strings.Repeat("日本", 300)} {
		got := clip(s, maxServerText)
		if len(got) > maxServerText+len("…") || !utf8.ValidString(got) || !strings.HasSuffix(got, "…") {
			t.Errorf("clip of %d bytes = %d bytes %q", len(s), len(got), got)
		}
	}
	if got := clip("short", maxServerText); got != "short" {
		t.Errorf("clip(short) = %q", got)
	}
}
