package fever

import (
	"testing"
	"time"
)

// FuzzArgs checks that the parsers of the API's arguments never panic
// and that what they accept holds.
func FuzzArgs(f *testing.F) {
	for _, s := range []string{"", "1,2,3", " 4 , 5,", "x", "-1", "99999999999999999999", "1,1,1"} {
		f.Add(s)
	}
	now := time.Unix(1_700_000_000, 0)
	f.Fuzz(func(t *testing.T, s string) {
		if ids, err := idList(s); err == nil {
			if len(ids) > itemsPerCall {
				t.Fatalf("idList(%q) accepted %d IDs", s, len(ids))
			}
			for _, id := range ids {
				if id <= 0 {
					t.Fatalf("idList(%q) accepted ID %d", s, id)
				}
			}
		}
		if at, err := beforeArg(s, now); err == nil && at.Before(time.Unix(0, 0)) {
			t.Fatalf("beforeArg(%q) = %v", s, at)
		}
	})
}
