// Package fuzztest helps fuzz targets whose calls are slow (a millisecond,
// not a microsecond) run thousands of inputs in a short fuzzing run.
//
// The fuzzer minimizes every new input it keeps, in calls quadratic in the
// input's length, for up to a minute by default, and counts none of those
// calls until it is done (golang/go#48820). For a target that costs about
// a millisecond a call, a new input of a few hundred bytes keeps a worker
// minimizing for the whole of a 30-second run. LimitMinimizing caps that.
package fuzztest

import (
	"flag"
	"testing"
)

// minimizeFlag is the test binary's flag behind go test -fuzzminimizetime.
const minimizeFlag = "test.fuzzminimizetime"

// MinimizeCalls is a limit for LimitMinimizing: enough calls for the
// fuzzer to cut an input's tail and drop its bytes one at a time, not to
// try every range of bytes.
const MinimizeCalls = "1000x"

// LimitMinimizing holds the fuzzer to limit (a duration, or a count of
// calls like "1000x") when it minimizes an input, unless the command line
// set -fuzzminimizetime. Call it before f.Fuzz, which reads the limit.
func LimitMinimizing(f *testing.F, limit string) {
	f.Helper()
	set := false
	flag.Visit(func(fl *flag.Flag) { set = set || fl.Name == minimizeFlag })
	if set {
		return
	}
	if err := flag.Set(minimizeFlag, limit); err != nil {
		f.Fatalf("-%s=%s: %v", minimizeFlag, limit, err)
	}
}
