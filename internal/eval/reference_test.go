package eval

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

// sharedDataDir is the benchmark data kept outside the repository; tests
// that need it skip when it is absent.
const sharedDataDir = "../../../shared/data/extraction"

func requireSharedData(t testing.TB) string {
	t.Helper()
	if _, err := os.Stat(filepath.Join(sharedDataDir, GroundTruthFile)); err != nil {
		t.Skipf("benchmark data not present at %s", sharedDataDir)
	}
	return sharedDataDir
}

// TestScoreReproducesReference checks the scorer against figures computed
// by a Python reference implementation of the same metric.
func TestScoreReproducesReference(t *testing.T) {
	dir := requireSharedData(t)
	gt, err := LoadGroundTruth(dir)
	if err != nil {
		t.Fatal(err)
	}
	gold := goldTexts(gt)
	tests := []struct {
		system  string
		p, r, f float64
	}{
		{"rs_trafilatura", 0.951, 0.991, 0.970},
		{"go_trafilatura", 0.950, 0.984, 0.967},
		{"AutoExtract", 0.985, 0.946, 0.966},
		{"html-text", 0.522, 0.994, 0.684},
	}
	for _, tt := range tests {
		t.Run(tt.system, func(t *testing.T) {
			pred, err := LoadOutput(filepath.Join(dir, "output", tt.system+".json"))
			if err != nil {
				t.Fatal(err)
			}
			s := ScoreExtraction(gold, pred)
			t.Logf("%s: P %.4f R %.4f F1 %.4f", tt.system, s.Precision, s.Recall, s.F1)
			for _, c := range []struct {
				name      string
				got, want float64
			}{{"precision", s.Precision, tt.p}, {"recall", s.Recall, tt.r}, {"F1", s.F1, tt.f}} {
				if math.Abs(c.got-c.want) > 0.0005 {
					t.Errorf("%s = %.4f, want %.3f", c.name, c.got, c.want)
				}
			}
		})
	}
}
