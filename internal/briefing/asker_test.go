package briefing

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/internal/llm/llmtest"
)

// talksStore holds story 7: two outlets' reports of invented talks.
func talksStore() *memStore {
	st := newMemStore()
	st.addStory(&storyline.Story{ID: 7, Title: "Talks in Valdora", Language: "en", LastUpdated: now()},
		[]string{"Wire One", "Daily Ledger"},
		&storyline.Article{ID: 21, Title: "Envoys meet in Valdora", Language: "en",
			Text: "Foreign minister Lena Okafor and envoy Tomas Reyne met in Valdora on Saturday for indirect talks on the river treaty.\n\n" +
				"The host government's mediator carried messages between the two delegations, officials said.\n\n" +
				"A second round is expected next month."},
		&storyline.Article{ID: 22, Title: "River treaty talks open", Language: "en",
			Text: "Negotiators opened talks on the disputed river treaty in Valdora on Saturday.\n\n" +
				"Okafor told reporters the talks were serious and constructive.\n\n" +
				"Farmers downstream have waited three years for a deal on water rights."},
	)
	return st
}

func TestAskBuiltIn(t *testing.T) {
	a := NewAsker(talksStore(), nil, nil)
	ans, err := a.Ask(context.Background(), storyline.Question{StoryID: 7, Text: "Who met in Valdora?", Model: true})
	if err != nil {
		t.Fatal(err)
	}
	if !ans.Found || ans.Generator != storyline.BuiltInBrief || len(ans.Sentences) == 0 {
		t.Fatalf("answer %+v", ans)
	}
	first := ans.Sentences[0]
	if !strings.Contains(first.Text, "Okafor") || !strings.Contains(first.Text, "Reyne") || !slices.Contains(first.ArticleIDs, 21) {
		t.Errorf("first sentence %+v", first)
	}
	ans, err = a.Ask(context.Background(), storyline.Question{StoryID: 7, Text: "What did the Pope say?"})
	if err != nil || ans.Found || ans.Text != NotInCoverage || len(ans.Sentences) != 0 {
		t.Errorf("the Pope: %+v, %v", ans, err)
	}
}

func TestAskErrors(t *testing.T) {
	a := NewAsker(talksStore(), nil, nil)
	tests := []struct {
		q    storyline.Question
		code string
	}{
		{storyline.Question{StoryID: 7, Text: "   "}, storyline.EINVALID},
		{storyline.Question{StoryID: 7, Text: strings.Repeat("why ", 200)}, storyline.EINVALID},
		{storyline.Question{StoryID: 7, Text: "who\xff?"}, storyline.EINVALID},
		{storyline.Question{StoryID: 99, Text: "Who met?"}, storyline.ENOTFOUND},
	}
	for _, tt := range tests {
		if _, err := a.Ask(context.Background(), tt.q); storyline.ErrorCode(err) != tt.code {
			t.Errorf("Ask(%q, story %d) = %v, want %s", tt.q.Text, tt.q.StoryID, err, tt.code)
		}
	}
}

func TestAskModel(t *testing.T) {
	tests := []struct {
		name     string
		respond  func(llmtest.Request) llmtest.Response
		model    bool // the question allows a model
		question string
		calls    int
		found    bool
		gen      string
		text     string // the answer's text contains
		log      string
	}{
		{name: "streamed and cited", model: true, question: "Who met in Valdora?", calls: 1, found: true, gen: "test-model",
			respond: answer("Lena Okafor and Tomas Reyne met in Valdora for indirect talks [1]."),
			text:    "Lena Okafor and Tomas Reyne met in Valdora for indirect talks."},
		{name: "visitor without the model", model: false, question: "Who met in Valdora?", calls: 0, found: true, gen: storyline.BuiltInBrief,
			respond: answer("unused"), text: "Okafor"},
		{name: "not in the coverage asks nothing", model: true, question: "What did the Pope say?", calls: 0, found: false, gen: storyline.BuiltInBrief,
			respond: answer("unused"), text: NotInCoverage},
		{name: "model says not in coverage", model: true, question: "Who met in Valdora?", calls: 1, found: false, gen: "test-model",
			respond: answer("NOT_IN_COVERAGE"), text: NotInCoverage},
		{name: "ungrounded falls back", model: true, question: "Who met in Valdora?", calls: 1, found: true, gen: storyline.BuiltInBrief,
			respond: answer("The Pope met the envoys in Rome [1]."), text: "Okafor", log: "answering from the coverage's own sentences"},
		{name: "server error falls back", model: true, question: "Who met in Valdora?", calls: 2, found: true, gen: storyline.BuiltInBrief,
			respond: func(llmtest.Request) llmtest.Response {
				return llmtest.Response{Status: http.StatusBadGateway, Body: "{}"}
			},
			text: "Okafor", log: "HTTP 502"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, talksStore(), 0, 5*time.Second, tt.respond)
			a := NewAsker(f.st, f.model, slogTo(f.log))
			var deltas []string
			ans, err := a.Ask(context.Background(), storyline.Question{StoryID: 7, Text: tt.question, Model: tt.model,
				Delta: func(s string) { deltas = append(deltas, s) }})
			if err != nil {
				t.Fatal(err)
			}
			if got := len(f.srv.Requests()); got != tt.calls {
				t.Errorf("%d requests, want %d", got, tt.calls)
			}
			if ans.Found != tt.found || ans.Generator != tt.gen || !strings.Contains(ans.Text, tt.text) {
				t.Errorf("answer %+v", ans)
			}
			if !strings.Contains(f.log.String(), tt.log) {
				t.Errorf("log lacks %q:\n%s", tt.log, f.log)
			}
			if tt.calls == 0 {
				return
			}
			req := f.srv.Requests()[0]
			if !req.Stream {
				t.Error("the answer was not streamed")
			}
			if !strings.Contains(req.Prompt(), `Question (quoted data): "`+tt.question+`"`) {
				t.Errorf("prompt lacks the question:\n%s", req.Prompt())
			}
			if tt.gen == "test-model" && tt.found && strings.Join(deltas, "") != "Lena Okafor and Tomas Reyne met in Valdora for indirect talks [1]." {
				t.Errorf("deltas %q", deltas)
			}
			if tt.found && tt.gen == "test-model" && !slices.Equal(ans.Sentences[0].ArticleIDs, []int64{21}) {
				t.Errorf("cites %v, want article 21", ans.Sentences[0].ArticleIDs)
			}
		})
	}
}
