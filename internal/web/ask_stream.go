package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
)

// askStream writes an answer as server-sent events: "delta" events
// ({"text": …}) as a language model writes, then one "answer" (the
// answer's JSON) or "error" (the API's error shape). Its headers go out
// with the first event, so that an error before any is still an ordinary
// error answer. Each event is flushed and gives the response
// askWriteWindow more to be written. It is safe for concurrent use: the
// Asker may call delta from another goroutine.
type askStream struct {
	w  http.ResponseWriter
	rc *http.ResponseController

	mu      sync.Mutex
	started bool  // the headers are sent
	done    bool  // Ask has returned: a late delta is dropped
	err     error // the first write that failed: the client has gone
}

// deltaEvent is the data of a "delta" event.
type deltaEvent struct {
	Text string `json:"text"`
}

// delta sends a piece of the answer, until finish.
func (st *askStream) delta(text string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.done || text == "" {
		return
	}
	st.writeLocked("delta", deltaEvent{Text: text})
}

// finish marks Ask as returned and reports whether any event was sent.
func (st *askStream) finish() bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.done = true
	return st.started
}

// event sends event name with v as its data.
func (st *askStream) event(name string, v any) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.writeLocked(name, v)
}

// writeLocked sends the headers if not yet sent, then event name with v
// as JSON, and flushes. After a failed write nothing more is sent. st.mu
// must be held.
func (st *askStream) writeLocked(name string, v any) {
	if st.err != nil {
		return
	}
	data, err := json.Marshal(v)
	if err != nil {
		st.err = fmt.Errorf("event %s: %w", name, err)
		return
	}
	if !st.started {
		h := st.w.Header()
		h.Set("Content-Type", "text/event-stream")
		h.Set("Cache-Control", "no-store")
		h.Set("X-Accel-Buffering", "no") // nginx: pass each event on as it comes
		st.w.WriteHeader(http.StatusOK)
		st.started = true
	}
	extendWrite(st.rc)
	// JSON has no raw line breaks, so the data is one "data:" line.
	if _, err := fmt.Fprintf(st.w, "event: %s\ndata: %s\n\n", name, data); err != nil {
		st.err = fmt.Errorf("event %s: %w", name, err)
		return
	}
	if err := st.rc.Flush(); err != nil {
		st.err = fmt.Errorf("event %s: flush: %w", name, err)
	}
}
