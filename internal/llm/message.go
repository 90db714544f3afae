package llm

// Message is one turn of a conversation.
type Message struct {
	Role    string `json:"role"`    // "system", "user" or "assistant"
	Content string `json:"content"` // the text of the turn
}

// Request is what to ask the model.
type Request struct {
	Messages    []Message // the conversation so far; at least one
	MaxTokens   int       // the most tokens to generate, sent as max_tokens; 0 leaves it to the server
	Temperature *float64  // sampling temperature; nil leaves it to the server
}

// Completion is the model's answer.
type Completion struct {
	Text             string // the generated text (choices[0])
	Model            string // the model that answered, as the server names it
	PromptTokens     int    // usage.prompt_tokens, 0 if the server did not say
	CompletionTokens int    // usage.completion_tokens, 0 if the server did not say
	FinishReason     string // why generation stopped: "stop", "length", …
}
