// Package llm is a client for OpenAI-compatible chat-completions APIs:
// Ollama, the llama.cpp server, vLLM, LM Studio and OpenAI itself.
//
// A Client sends one conversation (a Request) to <root>/v1/chat/completions
// and returns the model's answer as a Completion, either whole (Complete) or
// piece by piece as the server streams it (Stream).
//
// # Retries
//
// A network error, a timed-out attempt, HTTP 429 and HTTP 5xx are retried
// up to Config.MaxRetries more times, waiting 0.5 s, 1 s, 2 s … (at most
// 30 s, less up to a quarter for jitter) or, when the server sends
// Retry-After, that long (at most a minute). Other 4xx answers and malformed
// responses are not retried, nor is a stream once it has delivered text.
//
// # Errors
//
// Every error from Complete and Stream is a *Error. errors.Is tells its kind:
// ErrUnavailable (the service could not answer: network, timeout, 429, 5xx),
// ErrRejected (it refused the request: another 4xx, or a request the client
// would not send) or ErrMalformed (its answer could not be read). When the
// caller's context ends the error wraps the context's error instead, and
// ErrUnavailable too if its deadline passed.
//
// Errors name the endpoint (scheme://host/path) and never the API key; a
// server's own error message is quoted, cut to about 200 bytes, with any
// copy of the key taken out.
//
// # Streams
//
// Stream reads server-sent events. Lines the client does not use (comments,
// "event:", "id:", "retry:" fields, or any other text) are ignored, as the
// event-stream format prescribes; an event whose data is neither JSON nor
// "[DONE]" is ErrMalformed, since text would otherwise be lost silently. A
// stream that ends without "[DONE]" is accepted if a choice finished, and
// is ErrUnavailable otherwise. A server that answers a streaming request
// with plain JSON is understood too: its text arrives as a single delta.
package llm
