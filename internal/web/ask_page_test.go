package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
)

func TestAskBoxOnStoryPage(t *testing.T) {
	box := []string{`id="ask-q"`, `action="/stories/1/ask"`, `data-ask-api="/api/v1/stories/1/ask"`, `aria-live="polite"`, `<label for="ask-q">`, "/static/ask.js?v="}
	t.Run("with an Asker", func(t *testing.T) {
		e := newTestEnv(t, withAsker(&fakeAsker{}), func(c *Config) { c.PageCache = 10 * time.Second })
		resp, body := e.get(nil, "/stories/1")
		for _, want := range box {
			if !strings.Contains(body, want) {
				t.Errorf("story page lacks %q", want)
			}
		}
		assertInert(t, "story page", body)
		// The box is the same for every visitor: the page stays cacheable.
		resp2, body2 := e.get(nil, "/stories/1")
		if resp.Header.Get("Cache-Control") != "no-cache" || resp2.Header.Get("Age") == "" || body2 != body {
			t.Errorf("visitors' story page: Cache-Control %q, second view Age %q", resp.Header.Get("Cache-Control"), resp2.Header.Get("Age"))
		}
		// The brief keeps its citations.
		if !strings.Contains(body, `<sup class="cite"><a href="/articles/`+itoa(e.ids["wire"])+`" title="Example Wire">[1]</a></sup>`) {
			t.Error("the brief lost its citation links")
		}
		js, _ := e.get(nil, e.srv.static.url("ask.js"))
		if js.StatusCode != 200 || !strings.Contains(js.Header.Get("Content-Type"), "javascript") {
			t.Errorf("ask.js: %d %q", js.StatusCode, js.Header.Get("Content-Type"))
		}
	})
	t.Run("without", func(t *testing.T) {
		e := newTestEnv(t)
		_, body := e.get(nil, "/stories/1")
		for _, unwanted := range box {
			if strings.Contains(body, unwanted) {
				t.Errorf("story page without an Asker has %q", unwanted)
			}
		}
		if r := e.apiCall(nil, http.MethodPost, "/api/v1/stories/1/ask", askBody("When?")); r.status != 404 || r.errCode() != storyline.ENOTFOUND {
			t.Errorf("API without an Asker: %d %s", r.status, r.body)
		}
		if resp, _ := e.postBody(e.client(), "/stories/1/ask", url.Values{"question": {"When?"}}); resp.StatusCode != 404 {
			t.Errorf("form without an Asker: %d", resp.StatusCode)
		}
	})
}

func TestAskPage(t *testing.T) {
	fake := &fakeAsker{}
	e := newTestEnv(t, withAsker(fake))
	wire, daily := itoa(e.ids["wire"]), itoa(e.ids["daily"])
	hostile := storyline.Answer{Found: true, Generator: "Model " + xssImg, Text: "Talks restart " + xssScript,
		Sentences: []storyline.BriefSentence{
			{Text: "Talks restart " + xssScript, ArticleIDs: []int64{e.ids["daily"], e.ids["wire"]}},
			{Text: "In Geneva.", ArticleIDs: []int64{e.ids["wire"], 9999}}, // 9999: no longer in the story
		}}
	tests := []struct {
		name     string
		story    string
		question string
		answer   storyline.Answer
		site     string // Sec-Fetch-Site; "" same-origin
		want     int
		contains []string
		lacks    []string
	}{
		{name: "built-in answer", story: "1", question: "When do talks restart?", answer: e.damAnswer(), want: 200, contains: []string{
			`<a href="/stories/1" dir="auto">← Dam talks to resume</a>`, "When do talks restart?",
			`Talks restart next week in Geneva.<sup class="cite"><a href="/articles/` + wire + `" title="Example Wire">[1]</a></sup><sup class="cite"><a href="/articles/` + daily + `" title="Example Daily">[2]</a></sup>`,
			"Answered from the coverage's own sentences", `value="When do talks restart?"`,
		}, lacks: []string{"Not in the coverage"}},
		{name: "hostile question and answer", story: "1", question: xssScript + " when?", answer: hostile, want: 200, contains: []string{
			"&lt;script&gt;alert(1)&lt;/script&gt; when?", "Talks restart &lt;script&gt;",
			`<a href="/articles/` + daily + `" title="Example Daily">[1]</a></sup><sup class="cite"><a href="/articles/` + wire + `" title="Example Wire">[2]</a>`,
			`In Geneva.<sup class="cite"><a href="/articles/` + wire + `" title="Example Wire">[2]</a></sup></p>`,
			"Written by Model &lt;img src=x onerror=alert(1)&gt; from the coverage",
		}, lacks: []string{"/articles/9999"}},
		{name: "not in the coverage", story: "2", question: "Who scored?", want: 200,
			answer:   storyline.Answer{Found: false, Text: "The reports do not say.", Generator: storyline.BuiltInBrief},
			contains: []string{"Not in the coverage", "The reports do not say."}, lacks: []string{"Answered from the coverage"}},
		{name: "empty question", story: "1", question: "  ", want: 400, contains: []string{`role="alert"`, "question: empty", `aria-invalid="true"`}},
		{name: "too long", story: "1", question: strings.Repeat("<", 501), want: 400, contains: []string{"at most 500", "&lt;&lt;&lt;"}},
		{name: "unknown story", story: "999", question: "When?", want: 404},
		{name: "from another site", story: "1", question: "When?", site: "cross-site", want: 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake.answer = tt.answer
			site := tt.site
			if site == "" {
				site = "same-origin"
			}
			resp, body := e.send(e.client(), "/stories/"+tt.story+"/ask", "application/x-www-form-urlencoded",
				url.Values{"question": {tt.question}}.Encode(), site)
			if resp.StatusCode != tt.want {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.want)
			}
			for _, want := range tt.contains {
				if !strings.Contains(body, want) {
					t.Errorf("page lacks %q", want)
				}
			}
			for _, unwanted := range tt.lacks {
				if strings.Contains(body, unwanted) {
					t.Errorf("page has %q", unwanted)
				}
			}
			assertInert(t, "answer page", body)
			if strings.Contains(body, hostileAny) && strings.Contains(body, "<script>alert") {
				t.Error("hostile text came back unescaped")
			}
		})
	}
}
