package llm

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strings"
)

// Stream asks the model to answer req and passes each piece of text to
// onDelta (which may be nil) as the server sends it; it returns the whole
// answer, with usage if the server sent it, when the stream ends. An error
// from onDelta stops the stream and is returned wrapped. Once a piece has
// reached onDelta, a failure is not retried.
func (c *Client) Stream(ctx context.Context, req Request, onDelta func(string) error) (Completion, error) {
	body, err := encodeRequest(c.cfg.Model, req, true)
	if err != nil {
		return Completion{}, c.newError(opStream, ErrRejected, "", err)
	}
	if onDelta == nil {
		onDelta = func(string) error { return nil }
	}
	var out Completion
	err = c.send(ctx, opStream, body, true, func(actx context.Context, resp *http.Response) *failure {
		s := &streamReader{c: c, ctx: ctx, actx: actx, onDelta: onDelta}
		var f *failure
		out, f = s.read(resp)
		return f
	})
	if err != nil {
		return Completion{}, err
	}
	return out, nil
}

// errStop is how streamReader.event stops readEvents.
var errStop = errors.New("stop reading events")

// streamReader reads one attempt's answer to a streaming request.
type streamReader struct {
	c         *Client
	ctx, actx context.Context // the caller's and the attempt's
	onDelta   func(string) error
	text      strings.Builder
	comp      Completion
	started   bool     // a piece of text reached onDelta
	done      bool     // "[DONE]" arrived
	finished  bool     // a choice came with a finish_reason
	fail      *failure // why event stopped the stream, if it failed
}

// read reads the answer: an event stream or, from a server that does not
// stream, a whole completion (said by its Content-Type, or seen by its
// first byte, since event streams never start with "{").
func (s *streamReader) read(resp *http.Response) (Completion, *failure) {
	body := bufio.NewReader(resp.Body)
	if mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); mt == "application/json" || startsJSON(body) {
		comp, f := s.c.readCompletion(s.ctx, s.actx, opStream, body)
		if f != nil {
			return Completion{}, f
		}
		if comp.Text != "" {
			if err := s.onDelta(comp.Text); err != nil {
				return Completion{}, s.callbackFailure(err)
			}
		}
		return comp, nil
	}
	err := readEvents(&cappedReader{r: body, left: maxStreamBody}, maxEvent, s.event)
	var f *failure
	switch {
	case s.fail != nil:
		f = s.fail
	case s.done:
	case errors.Is(err, errTooLarge):
		f = s.c.malformed(opStream, fmt.Sprintf("stream exceeds %d MiB", maxStreamBody>>20), nil)
	case errors.Is(err, bufio.ErrTooLong), errors.Is(err, errEventTooLarge):
		f = s.c.malformed(opStream, fmt.Sprintf("stream has a line or event over %d KiB", maxEvent>>10), nil)
	case err != nil:
		f = s.c.ioFailure(s.ctx, s.actx, opStream, "reading the stream", err)
	case !s.finished:
		f = &failure{err: s.c.newError(opStream, ErrUnavailable, "stream ended before [DONE]", nil), retry: true, after: -1}
	}
	if f != nil {
		f.retry = f.retry && !s.started
		return Completion{}, f
	}
	s.comp.Text = s.text.String()
	return s.comp, nil
}

// startsJSON reports whether the first byte of r after any white space
// (of the first 64 bytes) is "{", leaving r unread.
func startsJSON(r *bufio.Reader) bool {
	for i := 1; i <= 64; i++ {
		b, _ := r.Peek(i)
		if len(b) < i {
			return false
		}
		switch b[i-1] {
		case ' ', '\t', '\r', '\n':
			continue
		case '{':
			return true
		}
		return false
	}
	return false
}

// event takes in one event's data: a chunk of the answer, or "[DONE]".
func (s *streamReader) event(data []byte) error {
	data = bytes.TrimSpace(data)
	switch {
	case len(data) == 0:
		return nil
	case string(data) == "[DONE]":
		s.done = true
		return errStop
	}
	var chunk chatResponse
	if err := json.Unmarshal(data, &chunk); err != nil {
		s.fail = s.c.malformed(opStream, "stream event is not JSON", err)
		return errStop
	}
	if chunk.hasError() {
		msg := "server reported an error in the stream: " + serverText(data, s.c.cfg.APIKey)
		s.fail = &failure{err: s.c.newError(opStream, ErrUnavailable, msg, nil), retry: true, after: -1}
		return errStop
	}
	if chunk.Model != "" {
		s.comp.Model = chunk.Model
	}
	if u := chunk.Usage; u != nil {
		s.comp.PromptTokens, s.comp.CompletionTokens = u.PromptTokens, u.CompletionTokens
	}
	if len(chunk.Choices) == 0 {
		return nil
	}
	choice := chunk.Choices[0]
	if choice.FinishReason != "" {
		s.comp.FinishReason, s.finished = choice.FinishReason, true
	}
	delta := choice.Delta.Content
	if delta == "" {
		return nil
	}
	if s.text.Len()+len(delta) > maxText {
		s.fail = s.c.malformed(opStream, fmt.Sprintf("streamed text exceeds %d MiB", maxText>>20), nil)
		return errStop
	}
	s.text.WriteString(delta)
	s.started = true
	if err := s.onDelta(delta); err != nil {
		s.fail = s.callbackFailure(err)
		return errStop
	}
	return nil
}

// callbackFailure describes onDelta's refusal of a piece of text.
func (s *streamReader) callbackFailure(err error) *failure {
	return &failure{err: s.c.newError(opStream, nil, "onDelta", err), after: -1}
}
