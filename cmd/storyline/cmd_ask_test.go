package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// importRecall imports the product-recall fixture as two outlets into
// data and returns the story's ID.
func importRecall(t *testing.T, data string) int64 {
	t.Helper()
	importRecallReports(t, data)
	code, stdout, stderr := cli(t, nil, "--data", data, "stories", "--json")
	var list []struct {
		ID           int64 `json:"id"`
		ArticleCount int   `json:"article_count"`
	}
	if err := json.Unmarshal([]byte(stdout), &list); code != 0 || err != nil || len(list) != 1 || list[0].ArticleCount != 2 {
		t.Fatalf("stories --json: exit %d, %v, %s %s", code, err, stderr, stdout)
	}
	return list[0].ID
}

// importRecallReports imports the product-recall fixture's two reports,
// each with its outlet, into data.
func importRecallReports(t *testing.T, data string) {
	t.Helper()
	dir := "../../internal/eval/testdata/briefs/product-recall"
	for _, f := range []struct{ file, outlet string }{{"01-gadget-ledger.txt", "Gadget Ledger"}, {"02-silicon-coast-review.txt", "Silicon Coast Review"}} {
		b, err := os.ReadFile(filepath.Join(dir, f.file))
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "report.txt")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if code, _, stderr := cli(t, nil, "--data", data, "import", "--source", f.outlet, path); code != 0 {
			t.Fatalf("import %s: exit %d, %s", f.file, code, stderr)
		}
	}
}

func TestAskCommand(t *testing.T) {
	data := t.TempDir()
	id := strconv.FormatInt(importRecall(t, data), 10)
	code, stdout, stderr := cli(t, nil, "--data", data, "ask", id, "How many stands are recalled?")
	if code != 0 || !strings.Contains(stdout, "212,000") || !strings.Contains(stdout, "answered from the coverage's own sentences") {
		t.Fatalf("ask: exit %d, %s\n%s", code, stderr, stdout)
	}
	code, stdout, stderr = cli(t, nil, "--data", data, "ask", "--json", id, "What did the Pope say?")
	var ans struct {
		Found     *bool  `json:"found"`
		Answer    string `json:"answer"`
		Sentences []any  `json:"sentences"`
		Generator string `json:"generator"`
	}
	if err := json.Unmarshal([]byte(stdout), &ans); code != 0 || err != nil {
		t.Fatalf("ask --json: exit %d, %v, %s", code, err, stderr)
	}
	if ans.Found == nil || *ans.Found || ans.Sentences == nil || len(ans.Sentences) != 0 || ans.Generator != "built-in" || !strings.Contains(ans.Answer, "Not in the coverage") {
		t.Errorf("the Pope: %s", stdout)
	}
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"ask", "x", "why?"}, 2, `story ID "x"`},
		{[]string{"ask", "999", "why?"}, 1, "not found"},
		{[]string{"ask", id, " "}, 1, "the question is empty"},
		{[]string{"ask", id, "why?", "--llm-url", "http://127.0.0.1:1"}, 2, "--llm-url \"http://127.0.0.1:1\" needs --llm-model"},
		{[]string{"ask", id, "why?", "--llm-url", "ftp://x", "--llm-model", "m"}, 2, "--llm-url \"ftp://x\""},
	} {
		code, _, stderr := cli(t, nil, append([]string{"--data", data}, tt.args...)...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, %q; want %d and %q", tt.args, code, stderr, tt.code, tt.want)
		}
	}
}
