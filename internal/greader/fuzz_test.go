package greader

import (
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/fuzztest"
)

// FuzzParseItemID checks that any string parses to a nonzero ID or fails
// with an error naming it, and that every ID reads back from its long
// and short forms, and a Storyline ID from its bare hex too.
func FuzzParseItemID(f *testing.F) {
	for _, s := range []string{
		"tag:google.com,2005:reader/item/00000000148b9369", "tag:google.com,2005:reader/item/2f2",
		"344691561", "-3587166568350259386", "000000000000048c", "4503599627370503", "0", "", "-0", "0x1f",
		"tag:google.com,2005:reader/item/", "99999999999999999999",
	} {
		f.Add(s, int64(344691561))
	}
	f.Add("", StoryItemID(MaxStoryID))
	f.Add("", int64(-1))
	fuzztest.LimitMinimizing(f, fuzztest.MinimizeCalls)
	f.Fuzz(func(t *testing.T, s string, id int64) {
		got, err := ParseItemID(s)
		if err != nil {
			if !strings.Contains(err.Error(), "item ID") {
				t.Errorf("ParseItemID(%q): %v does not say what it read", s, err)
			}
		} else if got == 0 {
			t.Errorf("ParseItemID(%q) = 0 without an error", s)
		}
		if id == 0 {
			return
		}
		forms := []string{LongItemID(id), ShortItemID(id)}
		if kind, _ := SplitItemID(id); kind != ItemUnknown {
			forms = append(forms, strings.TrimPrefix(LongItemID(id), LongItemIDPrefix))
		}
		for _, form := range forms {
			if back, err := ParseItemID(form); err != nil || back != id {
				t.Errorf("ParseItemID(%q) = %d, %v; want %d", form, back, err, id)
			}
		}
	})
}
