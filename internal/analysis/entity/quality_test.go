package entity

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// labelled is one hand-labelled article of testdata/labelled: NAME.txt
// (headline, blank line, text) and NAME.gold ("kind: Name|alias|…" per
// line).
type labelled struct {
	name, title, text string
	gold              map[string]string // Key of every name and alias → Key of the entity
	entities          int
}

// loadLabelled reads the hand-labelled articles of testdata/labelled (the
// articles the rules were developed on).
func loadLabelled(t testing.TB) []labelled { return loadArticles(t, "testdata/labelled") }

// loadArticles reads the hand-labelled articles of a directory.
func loadArticles(t testing.TB, dir string) []labelled {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no labelled articles: %v", err)
	}
	var out []labelled
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		title, body, _ := strings.Cut(string(b), "\n\n")
		g, err := os.ReadFile(strings.TrimSuffix(f, ".txt") + ".gold")
		if err != nil {
			t.Fatal(err)
		}
		l := labelled{name: filepath.Base(f), title: title, text: body, gold: map[string]string{}}
		for _, line := range strings.Split(string(g), "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			kind, names, ok := strings.Cut(line, ":")
			if !ok {
				t.Fatalf("%s: bad gold line %q", f, line)
			}
			var main string
			for i, n := range strings.Split(names, "|") {
				k := Key(Entity{Name: strings.TrimSpace(n), Kind: Kind(strings.TrimSpace(kind))})
				if i == 0 {
					main = k
				}
				l.gold[k] = main
			}
			l.entities++
		}
		out = append(out, l)
	}
	return out
}

// score returns the right predictions of one article, and the keys of the
// wrong ones and of the labelled entities missed.
func (l labelled) score(got []Entity) (tp int, wrong, missed []string) {
	found := map[string]bool{}
	for _, e := range got {
		switch g, ok := l.gold[Key(e)]; {
		case !ok:
			wrong = append(wrong, Key(e))
		case found[g]:
			wrong = append(wrong, "again "+Key(e))
		default:
			found[g] = true
			tp++
		}
	}
	seen := map[string]bool{}
	for _, g := range l.gold {
		if !found[g] && !seen[g] {
			seen[g] = true
			missed = append(missed, g)
		}
	}
	sort.Strings(missed)
	return tp, wrong, missed
}

// TestLabelledPrecision measures precision and recall on the
// hand-labelled articles: testdata/labelled, the articles the rules were
// developed on, and testdata/heldout, written and labelled afterwards and
// not tuned on. An entity is right when its Key is the Key of a labelled
// entity (or of one of its listed other names); counts are not scored.
func TestLabelledPrecision(t *testing.T) {
	x := New()
	for _, dir := range []string{"testdata/labelled", "testdata/heldout", "testdata/fresh", "testdata/final"} {
		var tp, predicted, gold int
		for _, l := range loadArticles(t, dir) {
			got := x.Extract(l.title, l.text)
			a, wrong, missed := l.score(got)
			tp += a
			predicted += len(got)
			gold += l.entities
			t.Logf("%s: %d predicted, %d right, %d labelled; wrong %v; missed %v", l.name, len(got), a, l.entities, wrong, missed)
		}
		p := float64(tp) / float64(max(predicted, 1))
		r := float64(tp) / float64(max(gold, 1))
		t.Logf("%s: precision %.3f (%d/%d), recall %.3f (%d/%d)", dir, p, tp, predicted, r, tp, gold)
		if p < 0.9 {
			t.Errorf("%s: precision %.3f, want ≥ 0.9", dir, p)
		}
		if r < 0.6 {
			t.Errorf("%s: recall %.3f, want ≥ 0.6", dir, r)
		}
	}
}
