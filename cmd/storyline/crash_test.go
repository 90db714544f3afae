package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/store/sqlite"
)

// buildBinary compiles the storyline command into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "storyline")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// writeArticles writes n distinct articles as JSON Lines.
func writeArticles(t *testing.T, path string, n int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for i := range n {
		rec := map[string]string{
			"url":    fmt.Sprintf("https://news.example.com/item/%d", i),
			"title":  fmt.Sprintf("Report number %d on the harbour works", i),
			"text":   fmt.Sprintf("Item %d. The harbour works continued through the night, officials said, as crews poured concrete for the new quay.\n\nResidents were told to expect noise until item %d is finished.", i, i),
			"source": "Example Wire",
		}
		if err := enc.Encode(rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

var progressLine = regexp.MustCompile(`^progress: \d+/\d+ records \(\d+/\d+ files\), added (\d+),`)

// TestKillDuringImportLosesNothingReported kills the real binary with
// SIGKILL in the middle of an import and checks that every article it had
// reported as added is in the store, and that the store still works.
func TestKillDuringImportLosesNothingReported(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	const total = 40_000
	bin := buildBinary(t)
	dir := t.TempDir()
	input := filepath.Join(dir, "many.jsonl")
	writeArticles(t, input, total)
	data := filepath.Join(dir, "data")

	cmd := exec.Command(bin, "--data", data, "import", "--progress-every", "50ms", input)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	reported := -1
	lines := bufio.NewScanner(stderr)
	deadline := time.AfterFunc(2*time.Minute, func() { _ = cmd.Process.Kill() })
	defer deadline.Stop()
	for lines.Scan() {
		if m := progressLine.FindStringSubmatch(lines.Text()); m != nil {
			reported, _ = strconv.Atoi(m[1])
			if reported > 0 {
				break
			}
		}
	}
	if reported <= 0 {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		t.Fatalf("no progress line with added articles before the import ended")
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL: no cleanup runs
		t.Fatal(err)
	}
	_ = cmd.Wait()

	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(data, "storyline.db"), sqlite.Options{})
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer db.Close()
	n, err := db.CountArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n < reported {
		t.Fatalf("store has %d articles after the kill, but %d were reported added", n, reported)
	}
	if n >= total {
		t.Fatalf("the import finished before the kill (%d articles); the test proved nothing", n)
	}
	t.Logf("reported %d added before SIGKILL; store has %d", reported, n)

	// Importing again completes the job, adding only what is missing.
	out, err := exec.Command(bin, "--data", data, "import", input).Output()
	if err != nil {
		t.Fatalf("re-import: %v", err)
	}
	want := fmt.Sprintf("added %d, updated 0, duplicates %d, errors 0", total-n, n)
	if !regexp.MustCompile(regexp.QuoteMeta(want)).Match(out) {
		t.Errorf("re-import said %q, want %q", out, want)
	}
}
