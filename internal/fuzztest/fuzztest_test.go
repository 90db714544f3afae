package fuzztest

import (
	"flag"
	"testing"
)

// FuzzLimitMinimizing checks that the limit reaches the flag the fuzzer
// reads, and that a limit set on the command line is left alone.
func FuzzLimitMinimizing(f *testing.F) {
	fl := flag.Lookup(minimizeFlag)
	if fl == nil {
		f.Fatalf("no flag %s", minimizeFlag)
	}
	before := fl.Value.String()
	set := false
	flag.Visit(func(v *flag.Flag) { set = set || v.Name == minimizeFlag })
	LimitMinimizing(f, "7x")
	want := "7x"
	if set {
		want = before
	}
	if got := fl.Value.String(); got != want {
		f.Errorf("-%s = %s, want %s", minimizeFlag, got, want)
	}
	f.Fuzz(func(t *testing.T, b []byte) {})
}
