package llm

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
)

// chatRequest is the JSON body of a chat-completions request.
type chatRequest struct {
	Model         string         `json:"model"`
	Messages      []Message      `json:"messages"`
	MaxTokens     int            `json:"max_tokens,omitempty"`
	Temperature   *float64       `json:"temperature,omitempty"`
	Stream        bool           `json:"stream,omitempty"`
	StreamOptions *streamOptions `json:"stream_options,omitempty"`
}

// streamOptions asks a streaming server to send usage in a last chunk.
type streamOptions struct {
	IncludeUsage bool `json:"include_usage"`
}

// chatResponse is a chat-completions answer, or one chunk of a stream:
// a whole answer fills choices[].message, a chunk choices[].delta.
type chatResponse struct {
	Model   string `json:"model"`
	Choices []struct {
		Message      content `json:"message"`
		Delta        content `json:"delta"`
		FinishReason string  `json:"finish_reason"`
	} `json:"choices"`
	Usage *struct {
		PromptTokens     int `json:"prompt_tokens"`
		CompletionTokens int `json:"completion_tokens"`
	} `json:"usage"`
	Error json.RawMessage `json:"error"`
}

// content is a message or a delta; a null content reads as "".
type content struct {
	Content string `json:"content"`
}

// hasError reports whether the response carries a non-null "error".
func (r *chatResponse) hasError() bool {
	e := bytes.TrimSpace(r.Error)
	return len(e) > 0 && !bytes.Equal(e, []byte("null"))
}

// encodeRequest returns the JSON body asking model for req, streamed or
// not, or an error saying why the request cannot be sent.
func encodeRequest(model string, req Request, stream bool) ([]byte, error) {
	switch {
	case len(req.Messages) == 0:
		return nil, errors.New("request has no messages")
	case req.MaxTokens < 0:
		return nil, fmt.Errorf("MaxTokens %d is negative", req.MaxTokens)
	case req.Temperature != nil && (math.IsNaN(*req.Temperature) || math.IsInf(*req.Temperature, 0)):
		return nil, errors.New("Temperature is not a finite number")
	}
	body := chatRequest{
		Model:       model,
		Messages:    req.Messages,
		MaxTokens:   req.MaxTokens,
		Temperature: req.Temperature,
	}
	if stream {
		body.Stream = true
		body.StreamOptions = &streamOptions{IncludeUsage: true}
	}
	b, err := json.Marshal(body)
	if err != nil {
		return nil, fmt.Errorf("encoding the request: %w", err)
	}
	return b, nil
}
