package eval

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/extract"
)

// storyText is the article of the small test data set.
var storyText = []string{
	"The lighthouse on Grell Head was switched back on at dusk on Friday, three years after a lightning strike cracked its lens and left the northern approach to the bay in darkness.",
	"Volunteers from the island rowing club carried the new lens up the 112 steps in four pieces, wrapped in blankets, while a crowd of about two hundred people waited on the rocks below.",
	"The keeper's cottage has been turned into a small museum with logbooks going back to 1871, including an entry about a whale that followed the supply boat for a whole afternoon.",
}

// writeDataDir writes a two-page data set: one article and one page with
// no article, plus two recorded systems.
func writeDataDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"html", "output"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	page := "<html><head><title>Grell Head light shines again</title></head><body><div><h1>Grell Head light shines again</h1><p>" +
		strings.Join(storyText, "</p><p>") + "</p></div></body></html>"
	writeGzip(t, filepath.Join(dir, "html", "story.html.gz"), page)
	writeGzip(t, filepath.Join(dir, "html", "empty.html.gz"), `<html><body><nav><a href="/">Home</a></nav></body></html>`)
	gold := strings.Join(storyText, "\n\n")
	writeJSON(t, filepath.Join(dir, GroundTruthFile), map[string]Truth{
		"story": {ArticleBody: gold, URL: "https://news.example/grell"},
		"empty": {ArticleBody: "The harbour office posted a short notice about the ferry timetable today.", URL: "https://news.example/empty"},
	})
	writeJSON(t, filepath.Join(dir, "output", "perfect.json"), map[string]outputRecord{
		"story": {gold}, "empty": {"The harbour office posted a short notice about the ferry timetable today."},
	})
	writeJSON(t, filepath.Join(dir, "output", "blank.json"), map[string]outputRecord{"story": {""}})
	return dir
}

// writeGzip writes s gzipped to path.
func writeGzip(t *testing.T, path, s string) {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeJSON writes v as JSON to path.
func writeJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRunExtract runs the evaluation over a small data set.
func TestRunExtract(t *testing.T) {
	dir := writeDataDir(t)
	out := filepath.Join(t.TempDir(), "ours.json")
	rep, err := RunExtract(context.Background(), extract.New(extract.Options{}), ExtractOptions{DataDir: dir, OutFile: out, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Pages != 2 || rep.Ours.Docs != 2 {
		t.Errorf("pages %d, docs %d; want 2, 2", rep.Pages, rep.Ours.Docs)
	}
	// The story is extracted exactly; the empty page fails and scores 0.
	if !near(rep.Ours.Precision, 1) || !near(rep.Ours.Recall, 0.5) {
		t.Errorf("ours = %+v, want P 1, R 0.5", rep.Ours)
	}
	if len(rep.Failures) != 1 || rep.Failures[0].ID != "empty" || !strings.Contains(rep.Failures[0].Err, "no article content") {
		t.Errorf("failures = %+v, want the empty page", rep.Failures)
	}
	if len(rep.Systems) != 2 || rep.Systems[0].Name != "perfect" || rep.Systems[1].Name != "blank" {
		t.Errorf("systems = %+v, want perfect then blank", rep.Systems)
	}
	if s, ok := rep.System("perfect"); !ok || !near(s.F1, 1) {
		t.Errorf("System(perfect) = %+v, %v", s, ok)
	}
	if _, ok := rep.System("missing"); ok {
		t.Error("System(missing) found")
	}
	got, err := LoadOutput(out)
	if err != nil {
		t.Fatal(err)
	}
	if got["story"] != strings.Join(storyText, "\n\n") || got["empty"] != "" || len(got) != 2 {
		t.Errorf("output file = %q", got)
	}

	var buf bytes.Buffer
	if err := rep.Print(&buf); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(buf.String(), "\n")
	if !strings.HasPrefix(lines[1], OursName) || !strings.HasPrefix(lines[2], "perfect") || !strings.HasPrefix(lines[3], "blank") {
		t.Errorf("table rows out of order:\n%s", buf.String())
	}
	for _, want := range []string{"precision", "recall", "F1", "1 pages failed", "empty: "} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, buf.String())
		}
	}
}

// TestRunExtractBadDataDir checks a bad data directory fails with an error
// naming the path.
func TestRunExtractBadDataDir(t *testing.T) {
	noTruth := t.TempDir()
	noPages := t.TempDir()
	writeJSON(t, filepath.Join(noPages, GroundTruthFile), map[string]Truth{"a": {ArticleBody: "x", URL: "u"}})
	badJSON := t.TempDir()
	if err := os.WriteFile(filepath.Join(badJSON, GroundTruthFile), []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{filepath.Join(noTruth, "absent"), file, noTruth, noPages, badJSON} {
		_, err := RunExtract(context.Background(), extract.New(extract.Options{}), ExtractOptions{DataDir: dir})
		if err == nil || !strings.Contains(err.Error(), dir) {
			t.Errorf("RunExtract(%s) error = %v, want one naming the path", dir, err)
		}
	}
}

// TestRunExtractCanceled checks a canceled context stops the run.
func TestRunExtractCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := RunExtract(ctx, extract.New(extract.Options{}), ExtractOptions{DataDir: writeDataDir(t), Workers: 1})
	if err == nil || !strings.Contains(err.Error(), "canceled") {
		t.Errorf("error = %v, want context canceled", err)
	}
}
