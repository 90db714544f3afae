package llm

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Defaults for Config's zero values.
const (
	// DefaultTimeout bounds one attempt when Config.Timeout is 0.
	DefaultTimeout = 60 * time.Second
	// DefaultMaxRetries is the number of retries when Config.MaxRetries is 0.
	DefaultMaxRetries = 3
)

// Config describes an OpenAI-compatible chat-completions service and how
// to call it. Its String, Format and LogValue methods never show APIKey.
type Config struct {
	// BaseURL is the service's address, an absolute http or https URL such
	// as "http://localhost:11434" or "https://api.openai.com/v1". A trailing
	// "/v1" (or "/v1/chat/completions") and trailing slashes are optional:
	// requests go to <root>/v1/chat/completions either way. It may not
	// carry credentials, a query or a fragment.
	BaseURL string
	// Model names the model to ask, as the service spells it.
	Model string
	// APIKey, when not empty, is sent as "Authorization: Bearer <APIKey>".
	APIKey string
	// Timeout bounds each attempt, from sending the request to reading the
	// end of the answer (for Stream, the whole stream). 0 means
	// DefaultTimeout.
	Timeout time.Duration
	// MaxRetries is how many more attempts may follow one that failed for
	// a reason worth retrying. 0 means DefaultMaxRetries; a negative value
	// means none.
	MaxRetries int
	// HTTP sends the requests. nil means a client of this Client's own,
	// sharing nothing with http.DefaultClient, that follows no redirects.
	HTTP *http.Client
	// Sleep waits between attempts and must return ctx's error early when
	// ctx ends. nil means a timer.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now tells the time, to read a Retry-After date. nil means time.Now.
	Now func() time.Time
	// Jitter is the randomness in the waits between attempts. nil means a
	// generator seeded at random. The Client serialises its calls to it.
	Jitter rand.Source
}

// withDefaults returns cfg with its zero fields filled in, or an error
// naming the first field that is unusable.
func (cfg Config) withDefaults() (Config, error) {
	if strings.TrimSpace(cfg.Model) == "" {
		return cfg, errors.New("Model is empty")
	}
	for i := 0; i < len(cfg.APIKey); i++ {
		if c := cfg.APIKey[i]; c <= ' ' || c >= 0x7f {
			return cfg, errors.New("APIKey has a character other than printable ASCII")
		}
	}
	if cfg.APIKey != "" && strings.Contains(cfg.BaseURL, cfg.APIKey) {
		return cfg, errors.New("BaseURL contains the APIKey")
	}
	switch {
	case cfg.Timeout < 0:
		return cfg, fmt.Errorf("Timeout %v is negative", cfg.Timeout)
	case cfg.Timeout == 0:
		cfg.Timeout = DefaultTimeout
	}
	switch {
	case cfg.MaxRetries < 0:
		cfg.MaxRetries = 0
	case cfg.MaxRetries == 0:
		cfg.MaxRetries = DefaultMaxRetries
	}
	if cfg.HTTP == nil {
		cfg.HTTP = newHTTPClient()
	}
	if cfg.Sleep == nil {
		cfg.Sleep = sleep
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Jitter == nil {
		cfg.Jitter = rand.NewPCG(rand.Uint64(), rand.Uint64())
	}
	return cfg, nil
}

// endpointURL returns the chat-completions URL for base, or an error
// naming base (without credentials or query) and what is wrong with it.
func endpointURL(base string) (string, error) {
	u, err := url.Parse(base)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return "", fmt.Errorf("BaseURL %q is not a URL: %w", base, err)
	}
	// name is base without a password, a query or a fragment.
	name := (&url.URL{Scheme: u.Scheme, Opaque: u.Opaque, User: u.User, Host: u.Host, Path: u.Path}).Redacted()
	switch {
	case (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		return "", fmt.Errorf("BaseURL %q is not an absolute http or https URL", name)
	case u.User != nil:
		return "", fmt.Errorf("BaseURL %q carries credentials; give the key as APIKey", name)
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return "", fmt.Errorf("BaseURL %q has a query or a fragment", name)
	}
	p := strings.TrimRight(u.Path, "/")
	p = strings.TrimSuffix(p, "/chat/completions")
	p = strings.TrimSuffix(p, "/v1")
	end := url.URL{Scheme: u.Scheme, Host: u.Host, Path: p + "/v1/chat/completions"}
	return end.String(), nil
}
