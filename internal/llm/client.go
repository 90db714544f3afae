package llm

import (
	"fmt"
	"net"
	"net/http"
	"time"
)

// Client calls one model of one chat-completions service. It is safe for
// concurrent use.
type Client struct {
	cfg      Config        // with defaults filled in
	endpoint string        // <root>/v1/chat/completions
	jitter   *lockedSource // cfg.Jitter behind a mutex
}

// New returns a Client for cfg, or an error naming the field that is
// unusable: BaseURL must be an absolute http or https URL and Model must
// not be empty.
func New(cfg Config) (*Client, error) {
	endpoint, err := endpointURL(cfg.BaseURL)
	if err == nil {
		cfg, err = cfg.withDefaults()
	}
	if err != nil {
		return nil, fmt.Errorf("llm: new client: %w", err)
	}
	return &Client{cfg: cfg, endpoint: endpoint, jitter: &lockedSource{src: cfg.Jitter}}, nil
}

// Endpoint returns the URL the client posts to, such as
// "http://localhost:11434/v1/chat/completions".
func (c *Client) Endpoint() string { return c.endpoint }

// Model returns the model the client asks.
func (c *Client) Model() string { return c.cfg.Model }

// newHTTPClient returns an HTTP client with a transport of its own (no
// connection pool shared with http.DefaultTransport) that hands redirects
// back as answers: a redirected POST would lose its body, and a redirect
// is a sign of a wrong BaseURL.
func newHTTPClient() *http.Client {
	return &http.Client{
		Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			ForceAttemptHTTP2:     true,
			MaxIdleConns:          16,
			IdleConnTimeout:       90 * time.Second,
			TLSHandshakeTimeout:   10 * time.Second,
			ExpectContinueTimeout: time.Second,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}
