package sqlite

import (
	"testing"

	"github.com/storyline/storyline"
)

func TestPorterStem(t *testing.T) {
	for in, want := range map[string]string{
		"caresses": "caress", "ponies": "poni", "cats": "cat", "caress": "caress",
		"agreed": "agre", "plastered": "plaster", "motoring": "motor", "sing": "sing",
		"hopping": "hop", "falling": "fall", "hissing": "hiss", "filing": "file",
		"happy": "happi", "sky": "sky", "relational": "relat", "running": "run",
		"runs": "run", "libraries": "librari", "library": "librari", "elections": "elect",
		"election": "elect", "generalizations": "gener", "hopeful": "hope", "goodness": "good",
		"a": "a", "is": "is", "crème": "crème",
	} {
		if got := porterStem(in); got != want {
			t.Errorf("porterStem(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSearchKey(t *testing.T) {
	for in, want := range map[string]string{"Café": "cafe", "RUNNING": "run", "Brûlée": "brule", "Ünïcödé": "unicod"} {
		if got := searchKey(in); got != want {
			t.Errorf("searchKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMatchExpr(t *testing.T) {
	if got := matchExpr([]string{"a", `b"c`}); got != `"a" AND "b""c"` {
		t.Errorf("matchExpr = %s", got)
	}
}

func TestMakeSnippet(t *testing.T) {
	keys := map[string]bool{searchKey("running"): true, searchKey("cafe"): true}
	tests := []struct {
		text string
		want string
	}{
		{"The café runs late.", "The [café] [runs] late."},
		{"No match here at all.", "No match here at all."},
		{"one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo twentythree twentyfour twentyfive twentysix twentyseven twentyeight Running\n\nlast words",
			"…eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo twentythree twentyfour twentyfive twentysix twentyseven twentyeight [Running] last words"},
		{"Running one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo twentythree twentyfour",
			"[Running] one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo twentythree…"},
	}
	for _, tt := range tests {
		got := makeSnippet(tt.text, keys).String("[", "]")
		if got != tt.want {
			t.Errorf("makeSnippet(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	if s := makeSnippet("", keys); s != nil {
		t.Errorf("makeSnippet(\"\") = %v, want nil", s)
	}
	var _ storyline.Snippet = makeSnippet("x", keys)
}
