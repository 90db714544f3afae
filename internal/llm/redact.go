package llm

import (
	"fmt"
	"log/slog"
	"strings"
)

// redacted stands in for the API key wherever it would be shown.
const redacted = "[redacted]"

// String describes the configuration with the API key left out.
func (cfg Config) String() string {
	key := `""`
	if cfg.APIKey != "" {
		key = redacted
	}
	s := fmt.Sprintf("llm.Config{BaseURL:%q Model:%q APIKey:%s Timeout:%v MaxRetries:%d HTTP:%s Sleep:%s Now:%s Jitter:%s}",
		cfg.BaseURL, cfg.Model, key, cfg.Timeout, cfg.MaxRetries,
		setOrNil(cfg.HTTP != nil), setOrNil(cfg.Sleep != nil), setOrNil(cfg.Now != nil), setOrNil(cfg.Jitter != nil))
	return scrub(s, cfg.APIKey)
}

// Format makes every fmt verb (%v, %+v, %#v, %s, %q, …) show String, so
// that the API key never reaches a log line.
func (cfg Config) Format(f fmt.State, verb rune) { format(f, verb, cfg.String()) }

// LogValue describes the configuration to log/slog without the API key.
func (cfg Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("base_url", scrub(cfg.BaseURL, cfg.APIKey)),
		slog.String("model", scrub(cfg.Model, cfg.APIKey)),
		slog.Bool("api_key_set", cfg.APIKey != ""),
		slog.Duration("timeout", cfg.Timeout),
		slog.Int("max_retries", cfg.MaxRetries),
	)
}

// String describes the client with the API key left out.
func (c Client) String() string {
	key := `""`
	if c.cfg.APIKey != "" {
		key = redacted
	}
	s := fmt.Sprintf("llm.Client{Endpoint:%q Model:%q APIKey:%s Timeout:%v MaxRetries:%d}",
		c.endpoint, c.cfg.Model, key, c.cfg.Timeout, c.cfg.MaxRetries)
	return scrub(s, c.cfg.APIKey)
}

// Format makes every fmt verb show String, so that the API key never
// reaches a log line.
func (c Client) Format(f fmt.State, verb rune) { format(f, verb, c.String()) }

// LogValue describes the client to log/slog without the API key.
func (c Client) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("endpoint", scrub(c.endpoint, c.cfg.APIKey)),
		slog.String("model", scrub(c.cfg.Model, c.cfg.APIKey)),
		slog.Bool("api_key_set", c.cfg.APIKey != ""),
	)
}

// format writes s for verb: as it is for %v in all its forms, and through
// fmt for the others (%s, %q, %x …).
func format(f fmt.State, verb rune, s string) {
	if verb == 'v' {
		fmt.Fprint(f, s)
		return
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), s)
}

// setOrNil describes whether an optional field is set.
func setOrNil(set bool) string {
	if set {
		return "<set>"
	}
	return "<nil>"
}

// scrub replaces every copy of key in s. If a copy survives (the key
// overlaps the replacement), it gives up on s altogether.
func scrub(s, key string) string {
	if key == "" || !strings.Contains(s, key) {
		return s
	}
	s = strings.ReplaceAll(s, key, redacted)
	if strings.Contains(s, key) {
		return redacted
	}
	return s
}
