package greader

import (
	"math"
	"strings"
	"testing"
)

func TestParseItemID(t *testing.T) {
	story7 := StoryItemID(7) // 4503599627370503: 16 digits, a decimal
	for _, tc := range []struct {
		in      string
		want    int64
		problem string // in the error; "" for none
	}{
		{in: "tag:google.com,2005:reader/item/00000000148b9369", want: 0x148b9369},
		{in: "tag:google.com,2005:reader/item/2f2", want: 0x2f2}, // NetNewsWire's, unpadded
		{in: "tag:google.com,2005:reader/item/00000000148B9369", want: 0x148b9369},
		{in: "tag:google.com,2005:reader/item/cb3de0b0c6a94b46", want: -3801635460578981050},
		{in: "344691561", want: 344691561},
		{in: "-3587166568350259386", want: -3587166568350259386}, // Google's signed short form
		{in: "000000000000048c", want: 0x48c},                    // Reeder's and Read You's bare hex
		{in: "2f2", want: 0x2f2},
		{in: "0123", want: 0x123}, // a leading 0 is hex, as FreshRSS reads it
		{in: "4503599627370503", want: story7},
		{in: "0010000000000007", want: story7},
		{in: "tag:google.com,2005:reader/item/0010000000000007", want: story7},
		{in: "9223372036854775807", want: math.MaxInt64},
		{in: "", problem: "empty"},
		{in: "0", problem: "0 names no item"},
		{in: "tag:google.com,2005:reader/item/0000000000000000", problem: "0 names no item"},
		{in: "tag:google.com,2005:reader/item/", problem: "hex digits after"},
		{in: "tag:google.com,2005:reader/item/00000000000000001", problem: "hex digits after"},
		{in: "tag:google.com,2005:reader/item/xyz", problem: "hex digits after"},
		{in: "9223372036854775808", problem: "out of the signed 64-bit range"},
		{in: "00000000000000001", problem: "not an item ID"}, // 17 hex digits
		{in: "-0", problem: "not an item ID"},
		{in: "+5", problem: "not an item ID"},
		{in: "0x10", problem: "not an item ID"},
		{in: " 5", problem: "not an item ID"},
		{in: "feed/5", problem: "not an item ID"},
	} {
		got, err := ParseItemID(tc.in)
		switch {
		case tc.problem == "" && err != nil:
			t.Errorf("ParseItemID(%q): %v", tc.in, err)
		case tc.problem == "" && got != tc.want:
			t.Errorf("ParseItemID(%q) = %d, want %d", tc.in, got, tc.want)
		case tc.problem != "" && err == nil:
			t.Errorf("ParseItemID(%q) = %d, want an error with %q", tc.in, got, tc.problem)
		case tc.problem != "" && (!strings.Contains(err.Error(), tc.problem) || !strings.Contains(err.Error(), "item ID")):
			t.Errorf("ParseItemID(%q): %v, want the input and %q", tc.in, err, tc.problem)
		}
	}
}

func TestItemIDForms(t *testing.T) {
	for _, tc := range []struct {
		id          int64
		long, short string
	}{
		{1, "tag:google.com,2005:reader/item/0000000000000001", "1"},
		{0x148b9369, "tag:google.com,2005:reader/item/00000000148b9369", "344691561"},
		{MaxArticleID, "tag:google.com,2005:reader/item/000fffffffffffff", "4503599627370495"},
		{StoryItemID(1), "tag:google.com,2005:reader/item/0010000000000001", "4503599627370497"},
		{StoryItemID(MaxStoryID), "tag:google.com,2005:reader/item/001fffffffffffff", "9007199254740991"},
		{-3587166568350259386, "tag:google.com,2005:reader/item/ce37d302ff536746", "-3587166568350259386"},
		{math.MinInt64, "tag:google.com,2005:reader/item/8000000000000000", "-9223372036854775808"},
	} {
		if got := LongItemID(tc.id); got != tc.long {
			t.Errorf("LongItemID(%d) = %q, want %q", tc.id, got, tc.long)
		}
		if got := ShortItemID(tc.id); got != tc.short {
			t.Errorf("ShortItemID(%d) = %q, want %q", tc.id, got, tc.short)
		}
		forms := []string{tc.long, tc.short}
		if kind, _ := SplitItemID(tc.id); kind != ItemUnknown {
			// Bare hex is unambiguous for Storyline's IDs only:
			// "8000000000000000" is a decimal.
			forms = append(forms, strings.TrimPrefix(tc.long, LongItemIDPrefix))
		}
		for _, form := range forms {
			if got, err := ParseItemID(form); err != nil || got != tc.id {
				t.Errorf("ParseItemID(%q) = %d, %v; want %d", form, got, err, tc.id)
			}
		}
	}
}

func TestStoryItemID(t *testing.T) {
	for _, tc := range []struct {
		id        int64
		kind      ItemKind
		value     int64
		storyItem int64 // StoryItemID(id); 0 when out of range
	}{
		{id: 1, kind: ItemArticle, value: 1, storyItem: 1<<52 + 1},
		{id: 1 << 40, kind: ItemArticle, value: 1 << 40, storyItem: 1<<52 + 1<<40},
		{id: MaxArticleID, kind: ItemArticle, value: MaxArticleID, storyItem: 1<<53 - 1},
		{id: 1 << 52, kind: ItemUnknown}, // story 0
		{id: 1<<52 + 5, kind: ItemStory, value: 5},
		{id: 1<<53 - 1, kind: ItemStory, value: MaxStoryID},
		{id: 1 << 53, kind: ItemUnknown},
		{id: 1 << 62, kind: ItemUnknown},
		{id: 0, kind: ItemUnknown},
		{id: -1, kind: ItemUnknown},
		{id: math.MinInt64, kind: ItemUnknown},
	} {
		kind, value := SplitItemID(tc.id)
		if kind != tc.kind || value != tc.value {
			t.Errorf("SplitItemID(%d) = %v, %d; want %v, %d", tc.id, kind, value, tc.kind, tc.value)
		}
		if got := StoryItemID(tc.id); got != tc.storyItem {
			t.Errorf("StoryItemID(%d) = %d, want %d", tc.id, got, tc.storyItem)
		}
		if tc.storyItem != 0 {
			if kind, value := SplitItemID(tc.storyItem); kind != ItemStory || value != tc.id {
				t.Errorf("SplitItemID(StoryItemID(%d)) = %v, %d", tc.id, kind, value)
			}
		}
	}
}

// TestItemIDsFitADouble checks the promise of StoryItemID: every item ID
// survives a trip through a float64, as JavaScript apps may make it.
func TestItemIDsFitADouble(t *testing.T) {
	for _, id := range []int64{1, MaxArticleID, StoryItemID(1), StoryItemID(MaxStoryID)} {
		if int64(float64(id)) != id {
			t.Errorf("item ID %d changes as a float64", id)
		}
	}
}
