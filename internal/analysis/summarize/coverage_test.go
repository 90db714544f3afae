package summarize

import (
	"strings"
	"testing"
)

func TestCoverage(t *testing.T) {
	got := NewExtractive(Options{}).Coverage(portStrike, "en")
	if len(got) != 3 {
		t.Fatalf("coverage of %d outlets, want the three English ones: %+v", len(got), got)
	}
	want := []string{"Coastal Wire", "Harbor Daily", "Metro Times"}
	for i, o := range got {
		if o.Source != want[i] || o.ID != portStrike[i].ID || o.Title != portStrike[i].Title {
			t.Errorf("outlet %d = %s %d %q", i, o.Source, o.ID, o.Title)
		}
		if len(o.Points) == 0 || len(o.Points) > coveragePoints {
			t.Errorf("%s: %d points", o.Source, len(o.Points))
		}
		for _, p := range o.Points {
			t.Logf("%s: %s", o.Source, p.Text)
			if len(p.ArticleIDs) != 1 || p.ArticleIDs[0] != o.ID {
				t.Errorf("%s: point %q cites %v", o.Source, p.Text, p.ArticleIDs)
			}
			// What every outlet reports is no outlet's own point.
			if strings.Contains(p.Text, "Port Arlen") && strings.Contains(p.Text, "Monday") {
				t.Errorf("%s: the shared news %q is given as its own point", o.Source, p.Text)
			}
		}
	}
	// The raise the union wants is Harbor Daily's alone.
	found := false
	for _, p := range got[1].Points {
		found = found || strings.Contains(p.Text, "9 percent")
	}
	if !found {
		t.Errorf("Harbor Daily's points %+v lack the pay claim only it reports", got[1].Points)
	}
	if c := NewExtractive(Options{}).Coverage(portStrike[:1], "en"); c != nil {
		t.Errorf("one outlet: %+v", c)
	}
}
