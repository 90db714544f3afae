package llm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// Complete asks the model to answer req and returns the answer whole.
func (c *Client) Complete(ctx context.Context, req Request) (Completion, error) {
	body, err := encodeRequest(c.cfg.Model, req, false)
	if err != nil {
		return Completion{}, c.newError(opComplete, ErrRejected, "", err)
	}
	var out Completion
	err = c.send(ctx, opComplete, body, false, func(actx context.Context, resp *http.Response) *failure {
		var f *failure
		out, f = c.readCompletion(ctx, actx, opComplete, resp.Body)
		return f
	})
	if err != nil {
		return Completion{}, err
	}
	return out, nil
}

// readCompletion reads a whole chat-completions answer of at most maxBody
// bytes from body.
func (c *Client) readCompletion(ctx, actx context.Context, op string, body io.Reader) (Completion, *failure) {
	b, err := io.ReadAll(&cappedReader{r: body, left: maxBody})
	switch {
	case errors.Is(err, errTooLarge):
		return Completion{}, c.malformed(op, fmt.Sprintf("response body exceeds %d MiB", maxBody>>20), nil)
	case err != nil:
		return Completion{}, c.ioFailure(ctx, actx, op, "reading the response", err)
	}
	var r chatResponse
	if err := json.Unmarshal(b, &r); err != nil {
		return Completion{}, c.malformed(op, "response is not chat-completion JSON", err)
	}
	if len(r.Choices) == 0 {
		msg := "response has no choices"
		if r.hasError() {
			msg += ": " + serverText(b, c.cfg.APIKey)
		}
		return Completion{}, c.malformed(op, msg, nil)
	}
	comp := Completion{
		Text:         r.Choices[0].Message.Content,
		Model:        r.Model,
		FinishReason: r.Choices[0].FinishReason,
	}
	if r.Usage != nil {
		comp.PromptTokens = r.Usage.PromptTokens
		comp.CompletionTokens = r.Usage.CompletionTokens
	}
	return comp, nil
}

// malformed describes an answer that cannot be read; retrying will not help.
func (c *Client) malformed(op, msg string, err error) *failure {
	return &failure{err: c.newError(op, ErrMalformed, msg, err), after: -1}
}
