package llm

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// The operations, as errors name them.
const (
	opComplete = "complete"
	opStream   = "stream"
)

// failure is why an attempt failed, and whether another may succeed.
type failure struct {
	err   *Error
	retry bool          // another attempt may succeed
	after time.Duration // the server's Retry-After; negative when it sent none
}

// readFunc reads a 2xx answer within the attempt's context actx.
type readFunc func(actx context.Context, resp *http.Response) *failure

// send posts body to the endpoint until an attempt succeeds (read returns
// nil), one fails for good, the retries run out or ctx ends.
func (c *Client) send(ctx context.Context, op string, body []byte, stream bool, read readFunc) error {
	for attempt := 1; ; attempt++ {
		f := c.attempt(ctx, op, body, stream, read)
		if f == nil {
			return nil
		}
		f.err.Attempts = attempt
		if ctx.Err() != nil && errors.Is(f.err.Kind, ErrUnavailable) {
			return stopped(f.err, ctx.Err())
		}
		if !f.retry || attempt > c.cfg.MaxRetries {
			return f.err
		}
		wait := c.backoff(attempt - 1)
		if f.after >= 0 {
			wait = f.after
		}
		if err := c.cfg.Sleep(ctx, wait); err != nil {
			return stopped(f.err, err)
		}
	}
}

// stopped returns the last attempt's error, last, as the caller's context
// (or the sleeper) ended it with cause: wrapping cause, and ErrUnavailable
// only if cause is a passed deadline.
func stopped(last *Error, cause error) *Error {
	e := *last
	e.Err = cause
	e.Kind = nil
	if errors.Is(cause, context.DeadlineExceeded) {
		e.Kind = ErrUnavailable
	}
	return &e
}

// attempt makes one request, within its own timeout, and reads its answer.
func (c *Client) attempt(ctx context.Context, op string, body []byte, stream bool, read readFunc) *failure {
	actx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodPost, c.endpoint, bytes.NewReader(body))
	if err != nil {
		return &failure{err: c.newError(op, ErrRejected, "building the request", err)}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	if stream {
		req.Header.Set("Accept", "text/event-stream")
	}
	if c.cfg.APIKey != "" {
		req.Header.Set("Authorization", "Bearer "+c.cfg.APIKey)
	}
	resp, err := c.cfg.HTTP.Do(req)
	if err != nil {
		return c.ioFailure(ctx, actx, op, "sending the request", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return c.statusFailure(op, resp)
	}
	f := read(actx, resp)
	if f != nil {
		f.err.Status = resp.StatusCode
	}
	return f
}

// newError returns an *Error for op at the client's endpoint.
func (c *Client) newError(op string, kind error, msg string, err error) *Error {
	return &Error{Op: op, Endpoint: c.endpoint, Kind: kind, Msg: msg, Err: err}
}

// ioFailure describes a failure to send the request or read the answer
// (what was being done) as worth retrying, saying so when the attempt's
// own timeout, not ctx, cut it short.
func (c *Client) ioFailure(ctx, actx context.Context, op, what string, err error) *failure {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err // the URL is in the Error already
	}
	if ctx.Err() == nil && errors.Is(actx.Err(), context.DeadlineExceeded) {
		what = fmt.Sprintf("%s: no answer within %v", what, c.cfg.Timeout)
	}
	return &failure{err: c.newError(op, ErrUnavailable, what, err), retry: true, after: -1}
}

// statusFailure describes a non-2xx answer, quoting the server's message:
// 429 and 5xx are worth retrying (after Retry-After, if sent); others not.
func (c *Client) statusFailure(op string, resp *http.Response) *failure {
	b, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	code := resp.StatusCode
	msg := fmt.Sprintf("HTTP %d", code)
	if text := http.StatusText(code); text != "" {
		msg += " " + text
	}
	if code >= 300 && code < 400 {
		msg += " (redirects are not followed; check BaseURL)"
	}
	if s := serverText(b, c.cfg.APIKey); s != "" {
		msg += ": " + s
	}
	retry := code == http.StatusTooManyRequests || (code >= 500 && code < 600)
	kind := ErrRejected
	if retry {
		kind = ErrUnavailable
	}
	e := c.newError(op, kind, msg, nil)
	e.Status = code
	f := &failure{err: e, retry: retry, after: -1}
	if retry {
		if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), c.cfg.Now()); ok {
			f.after = d
		}
	}
	return f
}
