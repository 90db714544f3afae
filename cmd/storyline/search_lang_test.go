package main

import (
	"strings"
	"testing"
)

// TestSearchInflectionsFromTheCommandLine: an imported German article is
// found by another form of its words, in every language or with --lang
// de, not with --lang en; a bad --lang is a usage error.
func TestSearchInflectionsFromTheCommandLine(t *testing.T) {
	data := t.TempDir()
	if code, _, stderr := cli(t, nil, "--data", data, "import", "../../internal/ingest/testdata/languages/de.txt"); code != 0 {
		t.Fatalf("import: exit %d, %s", code, stderr)
	}
	tests := []struct {
		args  []string
		found bool
	}{
		{[]string{"search", "Verhandlung"}, true},
		{[]string{"search", "--lang", "de", "Verhandlung"}, true},
		{[]string{"search", "--lang", "en", "Verhandlung"}, false},
	}
	for _, tt := range tests {
		code, out, stderr := cli(t, nil, append([]string{"--data", data}, tt.args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d, %s", tt.args, code, stderr)
		}
		if got := strings.Contains(out, "Verhandlungen"); got != tt.found {
			t.Errorf("%v: found %v, want %v:\n%s", tt.args, got, tt.found, out)
		}
	}
	if code, _, stderr := cli(t, nil, "--data", data, "search", "--lang", "not a tag", "x"); code != 2 || !strings.Contains(stderr, `--lang "not a tag"`) {
		t.Errorf("bad --lang: exit %d, %q", code, stderr)
	}
}
