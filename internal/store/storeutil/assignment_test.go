package storeutil

import (
	"reflect"
	"testing"

	"github.com/storyline/storyline"
)

func TestFoldsRoundTrip(t *testing.T) {
	for _, folds := range [][]storyline.StoryFold{
		nil,
		{{Into: 5, From: 6}},
		{{Into: 5, From: 6}, {Into: 9, From: 5}, {Into: 9, From: 1 << 62}},
	} {
		got, err := DecodeFolds(EncodeFolds(folds))
		if err != nil || !reflect.DeepEqual(got, folds) {
			t.Errorf("round trip of %v: %v, %v", folds, got, err)
		}
	}
	for _, bad := range []string{"", "[", `[[1]]`, `[["a","b"]]`, `{"into":1}`, `[[1,2,3]]`, `[[0,4]]`, `[[3,-1]]`} {
		if got, err := DecodeFolds(bad); err == nil {
			t.Errorf("DecodeFolds(%q) = %v, want an error", bad, got)
		}
	}
}

func FuzzDecodeFolds(f *testing.F) {
	for _, s := range []string{"[]", "[[1,2]]", "[[1,2],[3,4]]", "[[1]]", "[[0,1]]", "null"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		folds, err := DecodeFolds(s)
		if err != nil {
			return
		}
		again, err := DecodeFolds(EncodeFolds(folds))
		if err != nil || !reflect.DeepEqual(again, folds) {
			t.Fatalf("%q decoded to %v, which does not round-trip: %v, %v", s, folds, again, err)
		}
	})
}
