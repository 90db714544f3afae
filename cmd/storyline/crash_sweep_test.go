package main

import (
	"bufio"
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/store/sqlite"
)

// TestServeAnalysesWhatAKilledImportLeft kills an import with SIGKILL
// between storing articles and analysing them all, then starts serve:
// its first sweep analyses every article left, at once (not ten minutes
// later), so that the store holds no unanalysed article.
func TestServeAnalysesWhatAKilledImportLeft(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	input := filepath.Join(dir, "many.jsonl")
	writeArticles(t, input, 20_000)
	data := filepath.Join(dir, "data")

	imp := exec.Command(bin, "--data", data, "import", "--progress-every", "50ms", input)
	stderr, err := imp.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := imp.Start(); err != nil {
		t.Fatal(err)
	}
	killed := false
	for lines := bufio.NewScanner(stderr); lines.Scan(); {
		if m := progressLine.FindStringSubmatch(lines.Text()); m != nil && m[1] != "0" {
			killed = imp.Process.Kill() == nil
			break
		}
	}
	_ = imp.Wait()
	if !killed {
		t.Fatal("the import ended before it reported an added article")
	}
	pending := func() int {
		t.Helper()
		ctx := context.Background()
		db, err := sqlite.Open(ctx, filepath.Join(data, "storyline.db"), sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		list, err := db.PendingAnalysis(ctx, ingest.AnalysisVersion, time.Time{}, 0, 100_000)
		if err != nil {
			t.Fatal(err)
		}
		return len(list)
	}
	left := pending()
	if left == 0 {
		t.Skip("the kill came after every stored article was analysed; nothing to sweep")
	}

	serve := exec.Command(bin, "--data", data, "serve", "--addr", "127.0.0.1:0", "--poll=false")
	logs, err := serve.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	stop := time.AfterFunc(3*time.Minute, func() { _ = serve.Process.Kill() })
	defer stop.Stop()
	swept := false
	for lines := bufio.NewScanner(logs); lines.Scan(); {
		if strings.Contains(lines.Text(), "analysed articles left unanalysed") {
			swept = true
			break
		}
	}
	_ = serve.Process.Signal(syscall.SIGTERM)
	_ = serve.Wait()
	if !swept {
		t.Fatalf("serve never logged its sweep of the %d unanalysed articles", left)
	}
	if n := pending(); n != 0 {
		t.Errorf("%d of %d articles still unanalysed after serve's first sweep", n, left)
	}
}
