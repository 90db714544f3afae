package web

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

// fakeAsker answers every question with answer (or fails with err), after
// passing deltas to the question's Delta. It knows stories 1 and 2 only,
// refuses questions as the real one does, and records what it was asked.
// With gate set it waits after the first delta until gate is closed.
type fakeAsker struct {
	answer storyline.Answer
	deltas []string
	err    error
	gate   chan struct{}

	mu  sync.Mutex
	got []storyline.Question
}

// Ask implements storyline.Asker.
func (f *fakeAsker) Ask(ctx context.Context, q storyline.Question) (*storyline.Answer, error) {
	f.mu.Lock()
	f.got = append(f.got, q)
	f.mu.Unlock()
	if q.StoryID != 1 && q.StoryID != 2 {
		return nil, storyline.Errorf(storyline.ENOTFOUND, "story %d not found", q.StoryID)
	}
	if t := strings.TrimSpace(q.Text); t == "" || len(t) > storyline.MaxQuestionBytes {
		return nil, storyline.Errorf(storyline.EINVALID, "question: empty or too long")
	}
	for i, d := range f.deltas {
		if q.Delta != nil {
			q.Delta(d)
		}
		if i == 0 && f.gate != nil {
			select {
			case <-f.gate:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
	}
	if f.err != nil {
		return nil, f.err
	}
	a := f.answer
	return &a, nil
}

// questions returns the questions asked so far.
func (f *fakeAsker) questions() []storyline.Question {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]storyline.Question(nil), f.got...)
}

// damAnswer is an answer about the dam story citing its two outlets'
// reports.
func (e *testEnv) damAnswer() storyline.Answer {
	return storyline.Answer{Found: true, Text: "Talks restart next week in Geneva.", Generator: storyline.BuiltInBrief,
		Sentences: []storyline.BriefSentence{{Text: "Talks restart next week in Geneva.", ArticleIDs: []int64{e.ids["wire"], e.ids["daily"]}}}}
}

// withAsker configures a test server with asker.
func withAsker(a storyline.Asker) envOption {
	return func(c *Config) { c.Asker = a }
}

// askBody is the JSON body asking question.
func askBody(question string) string {
	return `{"question":` + jsonString(question) + `}`
}

// sseEvent is one server-sent event as a client reads it.
type sseEvent struct {
	name string
	data string
}

// readEvent reads the next event of a server-sent event stream, as a
// client does: "event:" and "data:" lines up to a blank line, comments
// ignored; io.EOF at the end.
func readEvent(br *bufio.Reader) (sseEvent, error) {
	ev := sseEvent{name: "message"}
	var data []string
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			if err == io.EOF && line == "" && len(data) == 0 {
				return ev, io.EOF
			}
			return ev, err
		}
		line = strings.TrimRight(line, "\r\n")
		switch {
		case line == "":
			if len(data) == 0 {
				continue
			}
			ev.data = strings.Join(data, "\n")
			return ev, nil
		case strings.HasPrefix(line, ":"):
		case strings.HasPrefix(line, "event:"):
			ev.name = strings.TrimPrefix(strings.TrimPrefix(line, "event:"), " ")
		case strings.HasPrefix(line, "data:"):
			data = append(data, strings.TrimPrefix(strings.TrimPrefix(line, "data:"), " "))
		}
	}
}

// askAnswerJSON is an answer as a client decodes it, with its fields'
// presence kept.
type askAnswerJSON struct {
	Found     *bool   `json:"found"`
	Answer    *string `json:"answer"`
	Sentences []struct {
		Text       string  `json:"text"`
		ArticleIDs []int64 `json:"article_ids"`
	} `json:"sentences"`
	Generator string `json:"generator"`
}

func TestAskAPI(t *testing.T) {
	fake := &fakeAsker{}
	e := newTestEnv(t, withAsker(fake))
	fake.answer = e.damAnswer()
	long := strings.Repeat("é", storyline.MaxQuestionBytes/2) + "x" // 501 bytes
	tests := []struct {
		name        string
		path        string
		body        string
		header      []string
		answer      *storyline.Answer // what the asker answers; nil: the dam answer
		want        int
		wantCode    string
		wantMessage string // in the error's message
		wantAsked   bool
	}{
		{name: "answer", path: "/api/v1/stories/1/ask", body: askBody("  When do the talks restart?\n"), want: 200, wantAsked: true},
		{name: "not in the coverage", path: "/api/v1/stories/2/ask", body: askBody("Who scored?"),
			answer: &storyline.Answer{Found: false, Text: "The coverage does not say.", Generator: storyline.BuiltInBrief}, want: 200, wantAsked: true},
		{name: "unknown story", path: "/api/v1/stories/999/ask", body: askBody("Anything?"), want: 404, wantCode: storyline.ENOTFOUND, wantMessage: "story 999", wantAsked: true},
		{name: "bad story id", path: "/api/v1/stories/x/ask", body: askBody("Anything?"), want: 400, wantCode: storyline.EINVALID, wantMessage: "story id"},
		{name: "empty question", path: "/api/v1/stories/1/ask", body: askBody(" \t\n"), want: 400, wantCode: storyline.EINVALID, wantMessage: "question: empty"},
		{name: "missing question", path: "/api/v1/stories/1/ask", body: `{}`, want: 400, wantCode: storyline.EINVALID, wantMessage: "question: empty"},
		{name: "too long", path: "/api/v1/stories/1/ask", body: askBody(long), want: 400, wantCode: storyline.EINVALID, wantMessage: "at most 500"},
		{name: "bad JSON", path: "/api/v1/stories/1/ask", body: `{"question":`, want: 400, wantCode: storyline.EINVALID, wantMessage: "request body"},
		{name: "wrong type", path: "/api/v1/stories/1/ask", body: `{"question":1}`, want: 400, wantCode: storyline.EINVALID, wantMessage: `"question"`},
		{name: "unknown field", path: "/api/v1/stories/1/ask", body: `{"question":"a","model":true}`, want: 400, wantCode: storyline.EINVALID, wantMessage: "unknown field"},
		{name: "body too large", path: "/api/v1/stories/1/ask", body: askBody(strings.Repeat("a", 10_000)), want: 400, wantCode: storyline.EINVALID, wantMessage: "larger than"},
		{name: "not JSON", path: "/api/v1/stories/1/ask", body: "question=a", header: []string{"Content-Type", "application/x-www-form-urlencoded"},
			want: 400, wantCode: storyline.EINVALID, wantMessage: "Content-Type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake.answer = e.damAnswer()
			if tt.answer != nil {
				fake.answer = *tt.answer
			}
			before := len(fake.questions())
			r := e.apiCall(nil, http.MethodPost, tt.path, tt.body, tt.header...)
			if r.status != tt.want {
				t.Fatalf("status %d, want %d: %s", r.status, tt.want, r.body)
			}
			if asked := len(fake.questions()) > before; asked != tt.wantAsked {
				t.Errorf("asked the Asker: %v, want %v", asked, tt.wantAsked)
			}
			if r.header.Get("Cache-Control") != "no-store" {
				t.Errorf("Cache-Control %q", r.header.Get("Cache-Control"))
			}
			if tt.wantCode != "" {
				var got apiError
				r.decode(t, &got)
				if got.Error.Code != tt.wantCode || !strings.Contains(got.Error.Message, tt.wantMessage) {
					t.Errorf("error %+v, want %s naming %q", got.Error, tt.wantCode, tt.wantMessage)
				}
				return
			}
			var got askAnswerJSON
			r.decode(t, &got)
			if got.Found == nil || got.Answer == nil || got.Sentences == nil {
				t.Fatalf("answer lacks found, answer or sentences: %s", r.body)
			}
			if *got.Found != fake.answer.Found || *got.Answer != fake.answer.Text || got.Generator != fake.answer.Generator ||
				len(got.Sentences) != len(fake.answer.Sentences) {
				t.Errorf("answer %s, want %+v", r.body, fake.answer)
			}
			for i, s := range got.Sentences {
				if s.Text != fake.answer.Sentences[i].Text || len(s.ArticleIDs) != len(fake.answer.Sentences[i].ArticleIDs) {
					t.Errorf("sentence %d: %+v", i, s)
				}
			}
		})
	}
	qs := fake.questions()
	if len(qs) == 0 || qs[0].Text != "When do the talks restart?" || qs[0].StoryID != 1 || qs[0].Delta != nil {
		t.Errorf("first question %+v: want the trimmed text, story 1, no Delta", qs)
	}
}

// askStream posts question to story id's ask endpoint asking for events,
// and returns the response, whose body the caller reads and closes.
func (e *testEnv) askStream(ctx context.Context, id, question string) *http.Response {
	e.t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, e.ts.URL+"/api/v1/stories/"+id+"/ask", strings.NewReader(askBody(question)))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json, text/event-stream;q=0.9")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	return resp
}

func TestAskAPIStream(t *testing.T) {
	fake := &fakeAsker{deltas: []string{"Talks restart ", "next week <b>in</b> Geneva."}, gate: make(chan struct{})}
	e := newTestEnv(t, withAsker(fake))
	fake.answer = e.damAnswer()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	resp := e.askStream(ctx, "1", "When?")
	defer resp.Body.Close()
	h := resp.Header
	if resp.StatusCode != 200 || h.Get("Content-Type") != "text/event-stream" || h.Get("Cache-Control") != "no-store" || h.Get("X-Accel-Buffering") != "no" {
		t.Fatalf("status %d, headers %v", resp.StatusCode, h)
	}
	br := bufio.NewReader(resp.Body)
	// The first delta arrives while the Asker is still writing: events
	// are flushed as they come.
	first, err := readEvent(br)
	if err != nil || first.name != "delta" || first.data != `{"text":"Talks restart "}` {
		t.Fatalf("first event %+v, %v", first, err)
	}
	close(fake.gate)
	var events []sseEvent
	for {
		ev, err := readEvent(br)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		events = append(events, ev)
	}
	if len(events) != 2 || events[0].name != "delta" || events[1].name != "answer" {
		t.Fatalf("events after the first: %+v, want a delta then the answer", events)
	}
	var d struct{ Text string }
	if err := json.Unmarshal([]byte(events[0].data), &d); err != nil || d.Text != "next week <b>in</b> Geneva." {
		t.Errorf("second delta %q: %v", events[0].data, err)
	}
	plain := e.apiCall(nil, http.MethodPost, "/api/v1/stories/1/ask", askBody("When?"))
	if strings.TrimSpace(plain.body) != events[1].data {
		t.Errorf("answer event %s, want the JSON answer %s", events[1].data, plain.body)
	}
	if qs := fake.questions(); qs[0].Delta == nil || qs[1].Delta != nil {
		t.Error("Delta: want set when streaming only")
	}
}

func TestAskAPIStreamErrors(t *testing.T) {
	fake := &fakeAsker{}
	e := newTestEnv(t, withAsker(fake))
	// Before any event: an ordinary error answer.
	resp := e.askStream(t.Context(), "999", "Anything?")
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 404 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") || !strings.Contains(string(b), `"not_found"`) {
		t.Errorf("unknown story, streamed: %d %s %s", resp.StatusCode, resp.Header.Get("Content-Type"), b)
	}
	resp = e.askStream(t.Context(), "1", "")
	resp.Body.Close()
	if resp.StatusCode != 400 {
		t.Errorf("empty question, streamed: %d", resp.StatusCode)
	}
	// After a delta: an error event, internal errors not shown.
	fake.deltas, fake.err = []string{"Talks "}, errors.New("model endpoint down: secret detail")
	resp = e.askStream(t.Context(), "1", "When?")
	defer resp.Body.Close()
	br := bufio.NewReader(resp.Body)
	var events []sseEvent
	for {
		ev, err := readEvent(br)
		if err != nil {
			break
		}
		events = append(events, ev)
	}
	if resp.StatusCode != 200 || len(events) != 2 || events[0].name != "delta" || events[1].name != "error" ||
		events[1].data != `{"error":{"code":"internal","message":"internal error"}}` {
		t.Errorf("failure after a delta: %d %+v", resp.StatusCode, events)
	}
}

func TestAskModel(t *testing.T) {
	tests := []struct {
		name     string
		visitors bool // AskVisitorsModel
		who      string
		want     bool
	}{
		{"visitor", false, "", false},
		{"visitor with --llm-ask-visitors", true, "", true},
		{"signed in", false, "session", true},
		{"token", false, "token", true},
		{"visitor's form", false, "form", false},
		{"visitor's form with --llm-ask-visitors", true, "form", true},
		{"signed-in form", false, "session form", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := &fakeAsker{}
			e := newTestEnv(t, withAsker(fake), func(c *Config) { c.AskVisitorsModel = tt.visitors })
			fake.answer = e.damAnswer()
			var c *http.Client
			var header []string
			switch tt.who {
			case "session", "session form":
				c = e.signedIn("member", memberPassword)
			case "token":
				header = []string{"Authorization", e.apiToken(e.member)}
			}
			var status int
			if strings.HasSuffix(tt.who, "form") {
				if c == nil {
					c = e.client()
				}
				resp, _ := e.postBody(c, "/stories/1/ask", url.Values{"question": {"When?"}})
				status = resp.StatusCode
			} else {
				status = e.apiCall(c, http.MethodPost, "/api/v1/stories/1/ask", askBody("When?"), header...).status
			}
			qs := fake.questions()
			if status != 200 || len(qs) != 1 || qs[0].Model != tt.want {
				t.Errorf("status %d, questions %+v: want Model=%v", status, qs, tt.want)
			}
		})
	}
}

func TestAskPrivateSite(t *testing.T) {
	fake := &fakeAsker{}
	e := newTestEnv(t, withAsker(fake))
	fake.answer = e.damAnswer()
	e.apiSetPublic(false)
	story := e.apiCall(nil, http.MethodGet, "/api/v1/stories/1", "")
	ask := e.apiCall(nil, http.MethodPost, "/api/v1/stories/1/ask", askBody("When?"))
	if story.status != http.StatusUnauthorized || ask.status != story.status || ask.errCode() != story.errCode() {
		t.Errorf("a visitor of a private site: story %d %s, ask %d %s", story.status, story.errCode(), ask.status, ask.errCode())
	}
	if resp, _ := e.postBody(e.client(), "/stories/1/ask", url.Values{"question": {"When?"}}); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("a visitor's form on a private site: %d, want 401", resp.StatusCode)
	}
	if n := len(fake.questions()); n != 0 {
		t.Errorf("%d questions reached the Asker", n)
	}
	if r := e.apiCall(nil, http.MethodPost, "/api/v1/stories/1/ask", askBody("When?"), "Authorization", e.apiToken(e.member)); r.status != 200 {
		t.Errorf("a member of a private site: %d %s", r.status, r.body)
	}
	e.apiSetPublic(true)
	if r := e.apiCall(nil, http.MethodPost, "/api/v1/stories/1/ask", askBody("When?")); r.status != 200 {
		t.Errorf("a visitor of a public site: %d %s", r.status, r.body)
	}
}

// FuzzAskAPI checks that any story id, body and Accept header is
// answered (an answer, an event stream, or an error in the API's shape)
// without a panic.
func FuzzAskAPI(f *testing.F) {
	f.Add("1", `{"question":"When?"}`, false)
	f.Add("1", `{"question":"When?"}`, true)
	f.Add("999", `{"question":"<script>alert(1)</script>"}`, true)
	f.Add("-1", `{"question":""}`, false)
	f.Add("1", `{"question":"\ud800\u0000"}`, false)
	f.Add("1", `{"question":`, true)
	f.Add("x", `[]`, false)
	fake := &fakeAsker{deltas: []string{"a", "\n\nevent: x\n"}, answer: storyline.Answer{Found: true, Text: "a", Generator: "m"}}
	s, err := New(Config{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), PasswordParams: fastPasswords,
		Now: func() time.Time { return testNow }, Asker: fake})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, id, body string, stream bool) {
		req := httptest.NewRequest(http.MethodPost, "/api/v1/stories/"+url.PathEscape(id)+"/ask", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if stream {
			req.Header.Set("Accept", "text/event-stream")
		}
		rec := httptest.NewRecorder()
		s.mux.ServeHTTP(rec, req) // the routes, without the store's gate
		ct := rec.Header().Get("Content-Type")
		switch {
		case rec.Code == http.StatusTemporaryRedirect || rec.Code == http.StatusMovedPermanently:
			// The router's own cleaning of paths such as /stories/./ask.
		case rec.Code == 200 && ct == "text/event-stream":
			br := bufio.NewReader(rec.Body)
			var last sseEvent
			for {
				ev, err := readEvent(br)
				if err != nil {
					break
				}
				if !json.Valid([]byte(ev.data)) {
					t.Fatalf("event %q: data %q not JSON", ev.name, ev.data)
				}
				last = ev
			}
			if last.name != "answer" {
				t.Fatalf("stream ends with %q", last.name)
			}
		case strings.HasPrefix(ct, "application/json"):
			if !json.Valid(rec.Body.Bytes()) {
				t.Fatalf("status %d: body %q not JSON", rec.Code, rec.Body)
			}
			if rec.Code != 200 && rec.Code != 400 && rec.Code != 404 && rec.Code != 429 {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
		default:
			t.Fatalf("status %d, Content-Type %q", rec.Code, ct)
		}
	})
}

func TestWantsEventStream(t *testing.T) {
	tests := []struct {
		accept []string
		want   bool
	}{
		{nil, false},
		{[]string{"application/json"}, false},
		{[]string{"text/event-stream"}, true},
		{[]string{"application/json, Text/Event-Stream;q=0.5"}, true},
		{[]string{"application/json", "text/event-stream"}, true},
		{[]string{"text/event-stream;q=0"}, false},
		{[]string{"text/event-stream; q=0.000"}, false},
		{[]string{"text/event-stream;q=1.0"}, true},
		{[]string{"text/event-streams"}, false},
	}
	for _, tt := range tests {
		r := httptest.NewRequest(http.MethodPost, "/api/v1/stories/1/ask", nil)
		for _, v := range tt.accept {
			r.Header.Add("Accept", v)
		}
		if got := wantsEventStream(r); got != tt.want {
			t.Errorf("Accept %q: %v, want %v", tt.accept, got, tt.want)
		}
	}
}
