package main

import (
	"strings"
	"testing"
)

func TestEvalLanguages(t *testing.T) {
	code, stdout, stderr := cli(t, nil, "eval", "languages", "--texts", "../../internal/ingest/testdata/languages", "--min-recall", "0.9", "--max-stop-rate", "0.05")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"stop-word hashtags", "\n    zh ", "\n    ar ", "\n   all ", "9/9"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"eval", "languages"}, 2, "--pages DIR or --texts DIR"},
		{[]string{"eval", "languages", "--texts", "no/such/dir"}, 1, "no/such/dir"},
		{[]string{"eval", "languages", "--texts", "testdata", "--min-recall", "2"}, 2, "shares from 0 to 1"},
	}
	for _, tt := range tests {
		code, _, stderr := cli(t, nil, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, %q; want %d and %q", tt.args, code, stderr, tt.code, tt.want)
		}
	}
}
