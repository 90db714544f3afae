package eval

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/extract"
)

// TestRunExtractShared runs the extractor over the shared benchmark (when
// present) and requires it to beat go-trafilatura's recorded output and
// to match or beat every recorded system's F1. EVAL_OUT, when set, keeps
// our extracted texts in that file.
func TestRunExtractShared(t *testing.T) {
	dir := requireSharedData(t)
	out := filepath.Join(t.TempDir(), "ours.json")
	if env := os.Getenv("EVAL_OUT"); env != "" {
		out = env
	}
	rep, err := RunExtract(context.Background(), extract.New(extract.Options{}), ExtractOptions{DataDir: dir, OutFile: out})
	if err != nil {
		t.Fatal(err)
	}
	var buf strings.Builder
	if err := rep.Print(&buf); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + buf.String())
	gt, ok := rep.System("go_trafilatura")
	if !ok {
		t.Fatal("go_trafilatura output missing")
	}
	if rep.Ours.F1 <= gt.F1 {
		t.Errorf("our F1 %.4f does not beat go_trafilatura's %.4f", rep.Ours.F1, gt.F1)
	}
	if best := rep.Systems[0]; rep.Ours.F1 < best.F1 {
		t.Errorf("our F1 %.4f is below %s's %.4f", rep.Ours.F1, best.Name, best.F1)
	}
}
