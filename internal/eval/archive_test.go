package eval

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// fixtureItems returns n items in stories of size per.
func fixtureItems(n, per int) []ClusterItem {
	items := make([]ClusterItem, n)
	for i := range items {
		items[i] = ClusterItem{Text: fmt.Sprintf("item %d", i), Label: fmt.Sprint(i / per)}
	}
	return items
}

func TestMakeArchive(t *testing.T) {
	items := fixtureItems(60, 6)
	for _, shuffle := range []bool{false, true} {
		a, err := MakeArchive(items, ArchiveOptions{SpreadDays: 30, Undated: 4, Shuffle: shuffle, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[int]bool{}
		first := map[string]time.Time{}
		undated := 0
		for i, it := range a {
			seen[it.Line] = true
			if it.Text != items[it.Line].Text || it.Label != items[it.Line].Label {
				t.Fatalf("item %d lost its text or label", it.Line)
			}
			if it.Time.IsZero() {
				undated++
				continue
			}
			if it.Time.Before(archiveEpoch) || it.Time.After(archiveEpoch.Add(31*24*time.Hour+36*time.Hour)) {
				t.Errorf("item %d dated %v, outside the spread", it.Line, it.Time)
			}
			if f, ok := first[it.Label]; !ok || it.Time.Before(f) {
				first[it.Label] = it.Time
			}
			if !shuffle && i > 0 && !a[i-1].Time.IsZero() && it.Time.Before(a[i-1].Time) {
				t.Errorf("date order: item %d before %d", it.Line, a[i-1].Line)
			}
		}
		if len(seen) != 60 || undated != 4 {
			t.Errorf("%d distinct items, %d undated", len(seen), undated)
		}
		for _, it := range a {
			if !it.Time.IsZero() && it.Time.Sub(first[it.Label]) > 36*time.Hour {
				t.Errorf("item %d is %v after its story's first", it.Line, it.Time.Sub(first[it.Label]))
			}
		}
		if !shuffle {
			for _, it := range a[len(a)-4:] {
				if !it.Time.IsZero() {
					t.Error("date order: the undated items are not last")
				}
			}
		}
	}
	again, _ := MakeArchive(items, ArchiveOptions{SpreadDays: 30, Undated: 4, Shuffle: true, Seed: 3})
	other, _ := MakeArchive(items, ArchiveOptions{SpreadDays: 30, Undated: 4, Shuffle: true, Seed: 4})
	same, _ := MakeArchive(items, ArchiveOptions{SpreadDays: 30, Undated: 4, Shuffle: true, Seed: 3})
	if fmt.Sprint(again) != fmt.Sprint(same) || fmt.Sprint(again) == fmt.Sprint(other) {
		t.Error("the seed does not fix the archive")
	}
}

func TestMakeArchiveRejectsBadOptions(t *testing.T) {
	items := fixtureItems(10, 2)
	for _, o := range []ArchiveOptions{{SpreadDays: -1}, {SpreadDays: 5, Undated: 11}, {Undated: 1}, {Shuffle: true}, {SpreadDays: 5, EventHours: -1}} {
		if _, err := MakeArchive(items, o); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
}

func TestMaxStorySpan(t *testing.T) {
	a := []ArchiveItem{{Time: archiveEpoch}, {Time: archiveEpoch.Add(50 * time.Hour)}, {}, {Time: archiveEpoch.Add(time.Hour)}}
	d, story := MaxStorySpan(a, []int64{1, 1, 1, 2})
	if d != 50*time.Hour || story != 1 {
		t.Errorf("span %v of story %d", d, story)
	}
}

func TestRunClusterStreamScoresWhatRunReturns(t *testing.T) {
	data := writeFixture(t)
	// A run that puts everything in one story scores as that.
	rep, err := RunClusterStream(context.Background(), ClusterOptions{DataFile: data, Archive: ArchiveOptions{SpreadDays: 3, Shuffle: true}}, "test",
		func(_ context.Context, a []ArchiveItem) ([]int64, error) { return make([]int64, len(a)), nil })
	if err != nil {
		t.Fatal(err)
	}
	if rep.Ours.PredictedGroups != 1 || rep.Ours.ACC > 0.34 {
		t.Errorf("one story scored %+v", rep.Ours)
	}
	if _, err := RunClusterStream(context.Background(), ClusterOptions{DataFile: data}, "test",
		func(context.Context, []ArchiveItem) ([]int64, error) { return nil, nil }); err == nil {
		t.Error("a run returning no labels: no error")
	}
}
