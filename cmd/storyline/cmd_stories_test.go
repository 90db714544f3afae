package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestStoriesCommand: two outlets' reports of one event, imported each
// with its outlet, list as one story whose brief cites both.
func TestStoriesCommand(t *testing.T) {
	data := t.TempDir()
	code, stdout, _ := cli(t, nil, "--data", data, "stories")
	if code != 0 || !strings.Contains(stdout, "no stories") {
		t.Fatalf("empty store: exit %d, %q", code, stdout)
	}
	importRecallReports(t, data)
	code, stdout, stderr := cli(t, nil, "--data", data, "stories")
	if code != 0 || !strings.Contains(stdout, "Gadget Ledger, Silicon Coast Review · 2 articles") && !strings.Contains(stdout, "Silicon Coast Review, Gadget Ledger · 2 articles") {
		t.Fatalf("stories: exit %d, %s\n%s", code, stderr, stdout)
	}
	code, stdout, stderr = cli(t, nil, "--data", data, "stories", "--json")
	var list []struct {
		ArticleCount int `json:"article_count"`
		Brief        struct {
			Sentences []struct {
				Text       string
				ArticleIDs []int64 `json:"article_ids"`
			}
		}
		Coverage []struct{ Source string }
	}
	if err := json.Unmarshal([]byte(stdout), &list); code != 0 || err != nil {
		t.Fatalf("stories --json: exit %d, %v, %s", code, err, stderr)
	}
	if len(list) != 1 || list[0].ArticleCount != 2 || len(list[0].Brief.Sentences) == 0 || len(list[0].Brief.Sentences[0].ArticleIDs) != 2 || len(list[0].Coverage) != 2 {
		t.Errorf("stories --json = %+v; want one story of two reports, its lead citing both", list)
	}
	if code, _, stderr := cli(t, nil, "--data", data, "stories", "--limit", "0"); code != 2 || !strings.Contains(stderr, "--limit") {
		t.Errorf("--limit 0: exit %d, %q", code, stderr)
	}
}
