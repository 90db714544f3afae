package storeutil

import (
	"bytes"
	"math"
	"reflect"
	"slices"
	"testing"

	"github.com/storyline/storyline"
)

func TestCentroidRoundTrip(t *testing.T) {
	for _, terms := range [][]storyline.CentroidTerm{
		{},
		{{Key: "strike", Mass: 1.5}},
		{{Key: "\x00port of valmora", Mass: 0.25}, {Key: "dock", Mass: 1e-9}, {Key: "ünïcode", Mass: 3}},
	} {
		got, err := DecodeCentroid(EncodeCentroid(terms))
		if err != nil {
			t.Fatalf("decode %v: %v", terms, err)
		}
		if !reflect.DeepEqual(got, terms) {
			t.Errorf("round trip: %v, want %v", got, terms)
		}
	}
}

func TestDecodeCentroidRejectsDamage(t *testing.T) {
	good := EncodeCentroid([]storyline.CentroidTerm{{Key: "a", Mass: 1}})
	nan := EncodeCentroid([]storyline.CentroidTerm{{Key: "a", Mass: math.NaN()}})
	for name, b := range map[string][]byte{
		"empty":      nil,
		"version":    append([]byte{9}, good[1:]...),
		"truncated":  good[:len(good)-1],
		"trailing":   append(slices.Clone(good), 0),
		"nan":        nan,
		"count":      {centroidVersion, 0xff, 0xff, 0x03},
		"long count": {centroidVersion, 0x80, 0x00}, // 0 in two bytes
		"long key":   append([]byte{centroidVersion, 1, 0x81, 0x00}, good[3:]...),
	} {
		if _, err := DecodeCentroid(b); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func FuzzDecodeCentroid(f *testing.F) {
	f.Add(EncodeCentroid([]storyline.CentroidTerm{{Key: "x", Mass: 2}, {Key: "\x00y", Mass: 0.5}}))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		terms, err := DecodeCentroid(b)
		if err != nil {
			return
		}
		if again := EncodeCentroid(terms); !bytes.Equal(again, b) {
			t.Fatalf("decoded %v re-encodes differently", terms)
		}
	})
}

func TestTermChanges(t *testing.T) {
	added, removed := TermChanges([]string{"a", "b", "d"}, []string{"b", "c", "d", "e"})
	if !reflect.DeepEqual(added, []string{"c", "e"}) || !reflect.DeepEqual(removed, []string{"a"}) {
		t.Errorf("added %v removed %v", added, removed)
	}
}

func TestCandidateRanker(t *testing.T) {
	r := NewCandidateRanker(storyline.CandidateQuery{Terms: []storyline.WeightedTerm{{Key: "a", Weight: 0.5}, {Key: "b", Weight: 0.3}}})
	r.Add("a", 7)
	r.Add("b", 3)
	r.Add("b", 9)
	r.Add("a", 9)
	if got := r.Top(2); !reflect.DeepEqual(got, []int64{9, 7}) {
		t.Errorf("top: %v", got)
	}
}

func TestCheckStoryAssignment(t *testing.T) {
	ok := storyline.StoryAssignment{Analysis: &storyline.Analysis{ArticleID: 1},
		Centroid: storyline.StoryCentroid{Terms: []storyline.CentroidTerm{{Key: "a", Mass: 1}}}, Index: []string{"a"}}
	if err := CheckStoryAssignment(&ok); err != nil {
		t.Fatal(err)
	}
	bad := []func(a *storyline.StoryAssignment){
		func(a *storyline.StoryAssignment) { a.Analysis = nil },
		func(a *storyline.StoryAssignment) { a.Index = []string{""} },
		func(a *storyline.StoryAssignment) {
			a.Centroid.Terms = []storyline.CentroidTerm{{Key: "a", Mass: math.Inf(1)}}
		},
		func(a *storyline.StoryAssignment) { a.Merged = []int64{0} },
		func(a *storyline.StoryAssignment) { a.Centroid.Last = a.Centroid.Last.Add(1) },
	}
	for i, f := range bad {
		a := ok
		f(&a)
		if storyline.ErrorCode(CheckStoryAssignment(&a)) != storyline.EINVALID {
			t.Errorf("bad %d accepted", i)
		}
	}
}
