package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestAskRateLimits(t *testing.T) {
	tests := []struct {
		name  string
		burst int
		every time.Duration
		// ask asks once as the asker under test (from address addr);
		// other asks as someone the limit must spare.
		ask, other func(e *testEnv, addr string) (int, http.Header)
	}{
		{
			name: "per user", burst: askUserBurst, every: askUserEvery,
			ask: func(e *testEnv, addr string) (int, http.Header) {
				r := e.apiCall(nil, http.MethodPost, "/api/v1/stories/1/ask", askBody("When?"), "Authorization", e.apiToken(e.member), "X-Forwarded-For", addr)
				return r.status, r.header
			},
			// Another user from the same address.
			other: func(e *testEnv, addr string) (int, http.Header) {
				r := e.apiCall(nil, http.MethodPost, "/api/v1/stories/1/ask", askBody("When?"), "Authorization", e.apiToken(e.admin), "X-Forwarded-For", addr)
				return r.status, r.header
			},
		},
		{
			name: "per address", burst: askAddrBurst, every: askAddrEvery,
			ask: func(e *testEnv, addr string) (int, http.Header) {
				r := e.apiCall(nil, http.MethodPost, "/api/v1/stories/1/ask", askBody("When?"), "X-Forwarded-For", addr)
				return r.status, r.header
			},
			// A visitor elsewhere.
			other: func(e *testEnv, _ string) (int, http.Header) {
				r := e.apiCall(nil, http.MethodPost, "/api/v1/stories/1/ask", askBody("When?"), "X-Forwarded-For", "198.51.100.7")
				return r.status, r.header
			},
		},
		{
			name: "per address, by form", burst: askAddrBurst, every: askAddrEvery,
			ask: func(e *testEnv, addr string) (int, http.Header) {
				resp, _ := e.formFrom(addr, "When?")
				return resp.StatusCode, resp.Header
			},
			other: func(e *testEnv, _ string) (int, http.Header) {
				resp, _ := e.formFrom("198.51.100.7", "When?")
				return resp.StatusCode, resp.Header
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := &clock{t: testNow}
			fake := &fakeAsker{}
			e := newTestEnv(t, withAsker(fake), func(c *Config) { c.TrustProxy = true; c.Now = clk.now })
			fake.answer = e.damAnswer()
			const addr = "203.0.113.9"
			for i := range tt.burst {
				if status, _ := tt.ask(e, addr); status != 200 {
					t.Fatalf("question %d: status %d", i+1, status)
				}
			}
			asked := len(fake.questions())
			status, h := tt.ask(e, addr)
			if status != http.StatusTooManyRequests || h.Get("Retry-After") != strconv.Itoa(int(tt.every/time.Second)) {
				t.Fatalf("after %d questions: status %d, Retry-After %q; want 429 after %v", tt.burst, status, h.Get("Retry-After"), tt.every)
			}
			if len(fake.questions()) != asked {
				t.Error("a refused question reached the Asker")
			}
			if status, _ := tt.other(e, addr); status != 200 {
				t.Errorf("someone else: status %d", status)
			}
			clk.add(tt.every - time.Second)
			if status, _ := tt.ask(e, addr); status != http.StatusTooManyRequests {
				t.Errorf("a second early: status %d", status)
			}
			clk.add(time.Second)
			if status, _ := tt.ask(e, addr); status != 200 {
				t.Errorf("after %v: status %d", tt.every, status)
			}
			if status, _ := tt.ask(e, addr); status != http.StatusTooManyRequests {
				t.Errorf("one more at once: status %d", status)
			}
		})
	}
}

func TestAskRateLimitMessage(t *testing.T) {
	e := newTestEnv(t, withAsker(&fakeAsker{}))
	var r apiResp
	for range askAddrBurst + 1 {
		r = e.apiCall(nil, http.MethodPost, "/api/v1/stories/1/ask", askBody("When?"))
	}
	var got apiError
	r.decode(t, &got)
	if r.status != 429 || got.Error.Code != "too_many" || got.Error.Message != "too many questions: try again in 3 seconds" {
		t.Errorf("refusal %d %s", r.status, r.body)
	}
	resp, body := e.formFrom("", "When?")
	if resp.StatusCode != 429 || !strings.Contains(body, "too many questions: try again in 3 seconds") || resp.Header.Get("Retry-After") != "3" {
		t.Errorf("form refusal: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
}

// formFrom posts the ask form of story 1 as a visitor at addr (through a
// trusted proxy's X-Forwarded-For; "" for none).
func (e *testEnv) formFrom(addr, question string) (*http.Response, string) {
	e.t.Helper()
	a := e.apiCall(e.client(), http.MethodPost, "/stories/1/ask", url.Values{"question": {question}}.Encode(),
		"Content-Type", "application/x-www-form-urlencoded", "Sec-Fetch-Site", "same-origin", "X-Forwarded-For", addr)
	return &http.Response{StatusCode: a.status, Header: a.header}, a.body
}
