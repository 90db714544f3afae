package eval

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadClusterData(t *testing.T) {
	items, err := readClusterData(strings.NewReader(`{"text": "port strike", "cluster": 3}

{"text": "museum", "cluster": "arts"}
{"text": "", "cluster": 3.0}
`))
	if err != nil {
		t.Fatal(err)
	}
	want := []ClusterItem{{"port strike", "3"}, {"museum", "arts"}, {"", "3.0"}}
	if len(items) != len(want) {
		t.Fatalf("items %+v, want %+v", items, want)
	}
	for i := range want {
		if items[i] != want[i] {
			t.Errorf("item %d = %+v, want %+v", i, items[i], want[i])
		}
	}
	for in, msg := range map[string]string{
		`{"text": "a", "cluster": 1}` + "\n{oops": "line 2",
		`{"cluster": 1}`:                  `line 1: no "text"`,
		`{"text": "a"}`:                   `line 1: no "cluster"`,
		`{"text": "a", "cluster": null}`:  `line 1: no "cluster"`,
		`{"text": "a", "cluster": [1]}`:   "neither a number nor a string",
		"\n\n":                            "no items",
		`{"text": 5, "cluster": 1}`:       "line 1",
		strings.Repeat("x", 2<<20) + "\n": "longer than",
	} {
		if _, err := readClusterData(strings.NewReader(in)); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("readClusterData(%.30q) = %v, want an error with %q", in, err, msg)
		}
	}
	missing := filepath.Join(t.TempDir(), "absent.jsonl")
	if _, err := LoadClusterData(missing); err == nil || !strings.Contains(err.Error(), missing) || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

// clusterFixture is three small stories, interleaved as a stream would
// bring them.
var clusterFixture = []struct{ text, story string }{
	{"dock workers strike port valmora container ships stranded", "strike"},
	{"museum reopens medieval gallery after renovation", "museum"},
	{"earthquake shakes port elin buildings damaged", "quake"},
	{"valmora port strike strands cargo ships wage dispute", "strike"},
	{"medieval gallery museum renovation tapestries restored", "museum"},
	{"port elin earthquake magnitude buildings residents flee", "quake"},
	{"striking dockers shut valmora port container terminals", "strike"},
	{"museum medieval gallery visitors return after renovation", "museum"},
	{"earthquake port elin damage roads buildings", "quake"},
}

// writeFixture writes the fixture as a data file and returns its path.
func writeFixture(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	for _, it := range clusterFixture {
		line, _ := json.Marshal(map[string]string{"text": it.text, "cluster": it.story})
		b.Write(line)
		b.WriteByte('\n')
	}
	path := filepath.Join(t.TempDir(), "stories.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestBaselineCluster(t *testing.T) {
	texts := make([]string, len(clusterFixture))
	for i, it := range clusterFixture {
		texts[i] = it.text
	}
	texts = append(texts, "", "the of and")
	labels := BaselineCluster(texts, DefaultBaselineThreshold)
	if len(labels) != len(texts) {
		t.Fatalf("%d labels for %d texts", len(labels), len(texts))
	}
	for i, it := range clusterFixture {
		first := labels[i%3]
		if labels[i] != first {
			t.Errorf("text %d (%s) in cluster %d, want %d", i, it.story, labels[i], first)
		}
	}
	if labels[0] == labels[1] || labels[1] == labels[2] || labels[0] == labels[2] {
		t.Errorf("stories share clusters: %v", labels[:3])
	}
	if n := len(texts); labels[n-2] == labels[n-1] || labels[n-2] < 3 {
		t.Errorf("texts without terms: %v", labels[n-2:])
	}
}

func TestRunCluster(t *testing.T) {
	data := writeFixture(t)
	out := filepath.Join(t.TempDir(), "labels.json")
	rep, err := RunCluster(context.Background(), ClusterOptions{DataFile: data, OutFile: out})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Items != 9 || rep.GoldGroups != 3 {
		t.Errorf("items %d, gold %d", rep.Items, rep.GoldGroups)
	}
	if rep.Ours.NMI != 1 || rep.Ours.ACC != 1 || rep.Ours.PairF1 != 1 || rep.Ours.BCubedF1 != 1 {
		t.Errorf("ours on three plain stories: %+v", rep.Ours)
	}
	if rep.Baseline.ACC != 1 {
		t.Errorf("baseline on three plain stories: %+v", rep.Baseline)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var got struct{ Labels []int64 }
	if err := json.Unmarshal(b, &got); err != nil || len(got.Labels) != 9 {
		t.Fatalf("labels file %s: %v", b, err)
	}
	for i, l := range got.Labels {
		if l != rep.Labels[i] || l != got.Labels[i%3] {
			t.Errorf("label %d = %d", i, l)
		}
	}
	var w strings.Builder
	if err := rep.Print(&w); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"9 items, 3 gold stories", "ours", "baseline", "NMI", "ACC", "B3 F1", "file order", "widest story"} {
		if !strings.Contains(w.String(), s) {
			t.Errorf("report lacks %q:\n%s", s, w.String())
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := RunCluster(ctx, ClusterOptions{DataFile: data}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled run: %v", err)
	}
	if _, err := RunCluster(context.Background(), ClusterOptions{DataFile: data, OutFile: filepath.Join(data, "x")}); err == nil {
		t.Error("unwritable --out: no error")
	}
}
