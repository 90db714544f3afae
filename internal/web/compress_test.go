package web

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// fetchRaw sends method path as a visitor with Accept-Encoding ae (none
// when empty) and the header pairs, through a transport that neither asks
// for nor decodes compression, and returns the response and its raw body.
func (e *testEnv) fetchRaw(method, path, ae string, header ...string) (*http.Response, []byte) {
	e.t.Helper()
	tr := &http.Transport{DisableCompression: true}
	defer tr.CloseIdleConnections()
	req, err := http.NewRequest(method, e.ts.URL+path, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	if ae != "" {
		req.Header.Set("Accept-Encoding", ae)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, body := e.roundTrip(&http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}, req)
	return resp, []byte(body)
}

func TestCompressionServed(t *testing.T) {
	e := newTestEnv(t)
	css, js := e.srv.static.url("app.css"), e.srv.static.url("app.js")
	tests := []struct {
		name     string
		path     string
		ae       string
		want     string // Content-Encoding
		wantType string
		status   int
	}{
		{"home gzip", "/", "gzip, deflate, br", "gzip", "text/html", 200},
		{"home zstd", "/", "gzip, deflate, br, zstd", "zstd", "text/html", 200},
		{"home plain", "/", "", "", "text/html", 200},
		{"home refused", "/", "gzip;q=0, zstd;q=0", "", "text/html", 200},
		{"home all refused", "/", "*;q=0, identity", "", "text/html", 200},
		{"story gzip", "/stories/1", "gzip", "gzip", "text/html", 200},
		{"json gzip", "/api/v1/stories", "gzip", "gzip", "application/json", 200},
		{"json plain", "/api/v1/stories", "identity", "", "application/json", 200},
		{"atom gzip", "/stories/1/feed", "gzip", "gzip", "application/atom+xml", 200},
		{"atom zstd", "/stories/1/feed", "zstd", "zstd", "application/atom+xml", 200},
		{"css gzip", css, "gzip", "gzip", "text/css", 200},
		{"css zstd", css, "zstd", "zstd", "text/css", 200},
		{"css plain", css, "", "", "text/css", 200},
		{"js gzip", js, "gzip", "gzip", "text/javascript", 200},
		{"small svg plain", e.srv.static.url("icon.svg"), "gzip", "", "image/svg+xml", 200},
		{"small json error plain", "/api/v1/stories/999", "gzip", "", "application/json", 404},
		{"error page gzip", "/no/such/page", "gzip", "gzip", "text/html", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, raw := e.fetchRaw(http.MethodGet, tt.path, tt.ae)
			if resp.StatusCode != tt.status || !strings.HasPrefix(resp.Header.Get("Content-Type"), tt.wantType) {
				t.Fatalf("status %d, type %q; want %d, %s", resp.StatusCode, resp.Header.Get("Content-Type"), tt.status, tt.wantType)
			}
			enc := resp.Header.Get("Content-Encoding")
			if enc != tt.want {
				t.Fatalf("Content-Encoding %q, want %q", enc, tt.want)
			}
			if !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
				t.Errorf("Vary %q lacks Accept-Encoding", resp.Header.Get("Vary"))
			}
			got := decodeBody(t, enc, raw)
			_, plain := e.fetchRaw(http.MethodGet, tt.path, "")
			if string(got) != string(plain) {
				t.Errorf("decoded body (%d bytes) differs from the plain one (%d)", len(got), len(plain))
			}
			if enc != "" && len(raw) >= len(plain) {
				t.Errorf("%s: %d bytes, plain %d", enc, len(raw), len(plain))
			}
		})
	}
}

func TestCompressionNotApplied(t *testing.T) {
	e := newTestEnv(t)
	css := e.srv.static.url("app.css")
	// HEAD: the headers of the plain response, no body.
	resp, body := e.fetchRaw(http.MethodHead, "/", "gzip")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "" || len(body) != 0 {
		t.Errorf("HEAD: %d, Content-Encoding %q, %d bytes", resp.StatusCode, resp.Header.Get("Content-Encoding"), len(body))
	}
	// A range is of the plain bytes.
	resp, body = e.fetchRaw(http.MethodGet, css, "gzip", "Range", "bytes=0-9")
	_, plain := e.fetchRaw(http.MethodGet, css, "")
	if resp.StatusCode != http.StatusPartialContent || resp.Header.Get("Content-Encoding") != "" || string(body) != string(plain[:10]) {
		t.Errorf("range: %d, Content-Encoding %q, %q", resp.StatusCode, resp.Header.Get("Content-Encoding"), body)
	}
}

func TestCompressionStaticETag(t *testing.T) {
	e := newTestEnv(t)
	css := e.srv.static.url("app.css")
	resp, _ := e.fetchRaw(http.MethodGet, css, "gzip")
	gz := resp.Header.Get("ETag")
	resp, _ = e.fetchRaw(http.MethodGet, css, "")
	plain := resp.Header.Get("ETag")
	if !strings.HasSuffix(gz, `-gz"`) || plain == "" || gz == plain {
		t.Fatalf("ETags gzip %q, plain %q: want one per coding", gz, plain)
	}
	for _, tt := range []struct {
		ae, inm string
		want    int
	}{
		{"gzip", gz, 304},
		{"", plain, 304},
		{"gzip", plain, 200},
		{"", gz, 200},
	} {
		if resp, _ := e.fetchRaw(http.MethodGet, css, tt.ae, "If-None-Match", tt.inm); resp.StatusCode != tt.want {
			t.Errorf("Accept-Encoding %q, If-None-Match %s: %d, want %d", tt.ae, tt.inm, resp.StatusCode, tt.want)
		}
	}
}

func TestCompressionCachedPage(t *testing.T) {
	clk := &clock{t: testNow}
	e := newTestEnv(t, func(c *Config) { c.PageCache = 10 * time.Second; c.Now = clk.now })
	z := e.srv.static.codecs
	_, plain := e.fetchRaw(http.MethodGet, "/", "") // renders and keeps the page
	if len(plain) < minCompressSize {
		t.Fatalf("home page of %d bytes: too small to test", len(plain))
	}
	serve := func(ae string, header ...string) (*http.Response, []byte, int64) {
		t.Helper()
		before := z.compressions.Load()
		resp, raw := e.fetchRaw(http.MethodGet, "/", ae, header...)
		return resp, raw, z.compressions.Load() - before
	}
	for _, enc := range []string{"gzip", "zstd"} {
		first, raw1, n1 := serve(enc)
		second, raw2, n2 := serve(enc)
		if first.Header.Get("Age") == "" || second.Header.Get("Age") == "" {
			t.Fatalf("%s: not served from the cache", enc)
		}
		if first.Header.Get("Content-Encoding") != enc || second.Header.Get("Content-Encoding") != enc {
			t.Fatalf("%s: Content-Encoding %q then %q", enc, first.Header.Get("Content-Encoding"), second.Header.Get("Content-Encoding"))
		}
		if n1 != 1 || n2 != 0 {
			t.Errorf("%s: compressed %d times, then %d; want once, then never", enc, n1, n2)
		}
		if string(raw1) != string(raw2) || string(decodeBody(t, enc, raw2)) != string(plain) {
			t.Errorf("%s: cached compressed page differs from the plain one", enc)
		}
		if second.Header.Get("Content-Length") != itoa(int64(len(raw2))) || !strings.Contains(second.Header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("%s: Content-Length %q, Vary %q", enc, second.Header.Get("Content-Length"), second.Header.Get("Vary"))
		}
	}

	// One entity tag per representation; If-None-Match of the one that
	// would be sent is answered 304.
	plainResp, _, _ := serve("")
	gzResp, _, _ := serve("gzip")
	zsResp, _, _ := serve("zstd")
	plainTag, gzTag, zsTag := plainResp.Header.Get("ETag"), gzResp.Header.Get("ETag"), zsResp.Header.Get("ETag")
	if plainTag == "" || gzTag != codedETag(plainTag, codingGzip) || zsTag != codedETag(plainTag, codingZstd) {
		t.Fatalf("ETags plain %q, gzip %q, zstd %q", plainTag, gzTag, zsTag)
	}
	for _, tt := range []struct {
		ae, inm string
		want    int
	}{
		{"gzip", gzTag, 304},
		{"gzip", `"other", ` + gzTag, 304},
		{"gzip", "W/" + gzTag, 304},
		{"", plainTag, 304},
		{"zstd", zsTag, 304},
		{"gzip", plainTag, 200},
		{"", gzTag, 200},
		{"gzip", `"other"`, 200},
	} {
		resp, raw, _ := serve(tt.ae, "If-None-Match", tt.inm)
		if resp.StatusCode != tt.want {
			t.Errorf("Accept-Encoding %q, If-None-Match %s: %d, want %d", tt.ae, tt.inm, resp.StatusCode, tt.want)
		}
		if tt.want == 304 && (len(raw) != 0 || resp.Header.Get("ETag") == "" || resp.Header.Get("Content-Encoding") != "") {
			t.Errorf("304: %d bytes, ETag %q, Content-Encoding %q", len(raw), resp.Header.Get("ETag"), resp.Header.Get("Content-Encoding"))
		}
	}

	// The compressed forms count towards the cache's byte cap.
	c := e.srv.cache
	c.mu.Lock()
	total, coded := 0, 0
	for key, ent := range c.entries {
		if ent.ok {
			total += len(key) + len(ent.body) + ent.codedBytes
			coded += ent.codedBytes
		}
	}
	if coded == 0 || total != c.bytes {
		t.Errorf("cache counts %d bytes, its entries hold %d (%d compressed)", c.bytes, total, coded)
	}
	c.mu.Unlock()
}

func TestCompressionEventStream(t *testing.T) {
	fake := &fakeAsker{deltas: []string{"Talks restart ", "next week."}, gate: make(chan struct{})}
	e := newTestEnv(t, withAsker(fake))
	fake.answer = e.damAnswer()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, e.ts.URL+"/api/v1/stories/1/ask", strings.NewReader(askBody("When?")))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	req.Header.Set("Accept-Encoding", "gzip, zstd")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" || resp.Header.Get("Content-Encoding") != "" {
		t.Fatalf("status %d, type %q, Content-Encoding %q", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Encoding"))
	}
	// The first event arrives while the Asker waits: nothing is held back.
	br := bufio.NewReader(resp.Body)
	if ev, err := readEvent(br); err != nil || ev.name != "delta" {
		t.Fatalf("first event %+v, %v", ev, err)
	}
	close(fake.gate)
	rest, err := io.ReadAll(br)
	if err != nil || strings.Count(string(rest), "event: delta") != 1 || !strings.Contains(string(rest), "event: answer") {
		t.Errorf("events after the first: %q, %v", rest, err)
	}
}
