package web

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"sync"
	"testing"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/auth"
)

// readerEnv is a test server with an API token for each of its two
// readers: the member and the administrator.
type readerEnv struct {
	*testEnv
	member, admin string // Authorization header values
}

// newReaderEnv starts a test server for the reader endpoints.
func newReaderEnv(t *testing.T, opts ...envOption) *readerEnv {
	t.Helper()
	e := newTestEnv(t, opts...)
	return &readerEnv{testEnv: e, member: e.apiToken(e.member), admin: e.apiToken(e.admin)}
}

// as sends method path with body as the reader of Authorization header
// value authz ("" for a visitor).
func (e *readerEnv) as(authz, method, path, body string) apiResp {
	e.t.Helper()
	if authz == "" {
		return e.apiCall(nil, method, path, body)
	}
	return e.apiCall(nil, method, path, body, "Authorization", authz)
}

// must sends method path with body as authz and fails unless the status
// is want.
func (e *readerEnv) must(authz, method, path, body string, want int) apiResp {
	e.t.Helper()
	r := e.as(authz, method, path, body)
	if r.status != want {
		e.t.Fatalf("%s %s %s: status %d %s, want %d", method, path, body, r.status, r.body, want)
	}
	return r
}

// readerItem is a story or an article as the API gives it, with the
// reader's state.
type readerItem struct {
	ID         int64 `json:"id"`
	Read       *bool `json:"read"`
	Saved      *bool `json:"saved"`
	NewReports *int  `json:"new_reports"`
}

// state is the item's reader state as "read saved new", "-" for a field
// absent.
func (it readerItem) state() string {
	b := func(p *bool, yes, no string) string {
		switch {
		case p == nil:
			return "-"
		case *p:
			return yes
		}
		return no
	}
	n := "-"
	if it.NewReports != nil {
		n = itoa(int64(*it.NewReports))
	}
	return b(it.Read, "read", "unread") + " " + b(it.Saved, "saved", "unsaved") + " " + n
}

// stories lists the stories of a story page at path as authz, by ID.
func (e *readerEnv) stories(authz, path string) map[int64]readerItem {
	e.t.Helper()
	var page struct{ Stories []readerItem }
	e.must(authz, http.MethodGet, path, "", http.StatusOK).decode(e.t, &page)
	return byID(page.Stories)
}

// storyIDs lists the IDs of a story page at path as authz, in order.
func (e *readerEnv) storyIDs(authz, path string) []int64 {
	e.t.Helper()
	var page struct{ Stories []readerItem }
	e.must(authz, http.MethodGet, path, "", http.StatusOK).decode(e.t, &page)
	ids := []int64{}
	for _, s := range page.Stories {
		ids = append(ids, s.ID)
	}
	return ids
}

// byID indexes items by ID.
func byID(items []readerItem) map[int64]readerItem {
	out := map[int64]readerItem{}
	for _, it := range items {
		out[it.ID] = it
	}
	return out
}

// follow adds a follow or mute (path /api/v1/follows or /api/v1/mutes)
// as authz and returns its ID.
func (e *readerEnv) follow(authz, path, body string) int64 {
	e.t.Helper()
	var out struct{ ID int64 }
	e.must(authz, http.MethodPost, path, body, http.StatusCreated).decode(e.t, &out)
	return out.ID
}

// setFeedToken gives u a new feed token, as the Settings page does, and
// returns its secret.
func (e *testEnv) setFeedToken(u *storyline.User) string {
	e.t.Helper()
	secret, hash := auth.NewToken()
	if err := e.db.SetFeedToken(context.Background(), u.ID, hash); err != nil {
		e.t.Fatal(err)
	}
	return secret
}

// logBuffer collects a server's log lines; the server's goroutines
// write it at once.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write implements io.Writer.
func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns what was logged.
func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// logTo is an envOption logging everything, debug lines too, to b.
func logTo(b *logBuffer) envOption {
	return func(c *Config) {
		c.Log = slog.New(slog.NewTextHandler(b, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
}

// jsonBody encodes v as a JSON request body.
func jsonBody(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// errMessage is the message of an answer in the API's error shape, or "".
func errMessage(a apiResp) string {
	var e apiError
	if json.Unmarshal([]byte(a.body), &e) != nil {
		return ""
	}
	return e.Error.Message
}

// readerCall is a request of a table test, and the status and error
// code ("" for none) it should get.
type readerCall struct {
	name   string
	authz  string
	method string
	path   string
	status int
	code   string
}

// check sends each call in turn, failing the test for each unexpected
// answer.
func (e *readerEnv) check(calls []readerCall) {
	e.t.Helper()
	for _, c := range calls {
		r := e.as(c.authz, c.method, c.path, "")
		if r.status != c.status || r.errCode() != c.code {
			e.t.Errorf("%s: %s %s: %d %s, want %d %s", c.name, c.method, c.path, r.status, r.body, c.status, c.code)
		}
	}
}
