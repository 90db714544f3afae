package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/llm/llmtest"
)

// fakeKey is the API key the language-model tests give serve.
const fakeKey = "sk-serve-test-0123456789"

// articleBlock finds each quoted article of a prompt: its number and
// body (after the header lines and a blank line).
var articleBlock = regexp.MustCompile(`(?s)=== ARTICLE \[(\d+)\] ===\n.*?\n\n(.*?)\n=== END OF ARTICLE`)

// extractiveModel is a fake language model that follows its prompt: a
// brief made of each article's first sentence with its citation, or an
// answer made of the first quoted passage.
func extractiveModel(req llmtest.Request) llmtest.Response {
	var out []string
	for _, m := range articleBlock.FindAllStringSubmatch(req.Prompt(), -1) {
		first, _, _ := strings.Cut(strings.TrimSpace(m[2]), "\n")
		if i := strings.Index(first, ". "); i > 0 {
			first = first[:i+1]
		}
		out = append(out, fmt.Sprintf("%s [%s]", strings.TrimSuffix(first, "."), m[1])+".")
		if strings.Contains(req.Prompt(), "Question (quoted data)") {
			break
		}
	}
	return llmtest.Response{Text: strings.Join(out, " "), PromptTokens: 800, CompletionTokens: 80}
}

// TestServeWithLanguageModel runs serve with a language model: the
// briefer replaces the built-in brief of a story with the model's, cited
// and grounded, and the key never shows in the log.
func TestServeWithLanguageModel(t *testing.T) {
	data := t.TempDir()
	id := importRecall(t, data)
	if code, _, stderr := cliStdin(t, "admin-password\n", "--data", data, "user", "add", "ada", "--admin", "--password-stdin"); code != 0 {
		t.Fatalf("user add: %s", stderr)
	}
	srv := llmtest.New(t, extractiveModel)
	base, log := startServerWith(t, data, map[string]string{llmKeyEnv: fakeKey},
		"--llm-url", srv.URL, "--llm-model", "fake-extractive", "--llm-daily-tokens", "100000", "--llm-ask-visitors")
	var story struct {
		Summary string `json:"summary"`
		Brief   struct {
			Generator string `json:"generator"`
			Sentences []struct {
				Text       string  `json:"text"`
				ArticleIDs []int64 `json:"article_ids"`
			} `json:"sentences"`
		} `json:"brief"`
		Coverage []any `json:"coverage"`
	}
	deadline := time.Now().Add(20 * time.Second)
	for story.Brief.Generator != "fake-extractive" {
		if time.Now().After(deadline) {
			t.Fatalf("no model brief: %+v\nlog:\n%s", story, log)
		}
		time.Sleep(100 * time.Millisecond)
		resp, err := http.Get(fmt.Sprintf("%s/api/v1/stories/%d", base, id))
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("story: %s", resp.Status)
		}
		err = json.NewDecoder(resp.Body).Decode(&story)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(story.Brief.Sentences) != 2 || len(story.Coverage) != 2 {
		t.Fatalf("brief %+v, coverage %d", story.Brief, len(story.Coverage))
	}
	for _, s := range story.Brief.Sentences {
		if len(s.ArticleIDs) != 1 || !strings.Contains(story.Summary, s.Text) {
			t.Errorf("sentence %+v (summary %q)", s, story.Summary)
		}
	}
	reqs := srv.Requests()
	if len(reqs) == 0 || reqs[0].Authorization != "Bearer "+fakeKey {
		t.Fatalf("requests %+v", reqs)
	}
	if strings.Contains(reqs[0].Prompt(), "comment") {
		t.Errorf("the prompt mentions comments:\n%s", reqs[0].Prompt())
	}
	page := get(t, fmt.Sprintf("%s/stories/%d", base, id))
	if !strings.Contains(page, "fake-extractive") {
		t.Errorf("the story page does not name the model")
	}
	askStreamed(t, fmt.Sprintf("%s/api/v1/stories/%d/ask", base, id))
	if strings.Contains(log.String(), fakeKey) {
		t.Errorf("the key is in the log:\n%s", log)
	}
	if !strings.Contains(log.String(), "language model") {
		t.Errorf("the log does not say a model is on:\n%s", log)
	}
}

// get returns the body of a GET of url, failing the test on any status
// but 200.
func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d, %v", url, resp.StatusCode, err)
	}
	return string(b)
}

// askStreamed asks the story at url a question as a browser's script
// does, reading the answer as server-sent events: the model's text in
// delta events, then the checked answer.
func askStreamed(t *testing.T, url string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(`{"question": "How many stands are recalled?"}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("ask: %s, %s", resp.Status, resp.Header.Get("Content-Type"))
	}
	events, deltas := map[string]string{}, ""
	sc := bufio.NewScanner(resp.Body)
	name := ""
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			data := strings.TrimPrefix(line, "data: ")
			if name == "delta" {
				var d struct{ Text string }
				if err := json.Unmarshal([]byte(data), &d); err != nil {
					t.Fatalf("delta %q: %v", data, err)
				}
				deltas += d.Text
			}
			events[name] = data
		}
	}
	var ans struct {
		Found     bool   `json:"found"`
		Answer    string `json:"answer"`
		Generator string `json:"generator"`
		Sentences []struct {
			ArticleIDs []int64 `json:"article_ids"`
		} `json:"sentences"`
	}
	if err := json.Unmarshal([]byte(events["answer"]), &ans); err != nil {
		t.Fatalf("answer event %q: %v (events %v)", events["answer"], err, events)
	}
	if !ans.Found || ans.Generator != "fake-extractive" || len(ans.Sentences) == 0 || len(ans.Sentences[0].ArticleIDs) == 0 || deltas == "" {
		t.Errorf("streamed answer %+v, deltas %q", ans, deltas)
	}
}
