package main

import (
	"bytes"
	"os"
	"strconv"
)

// resetPeakRSS starts a new window for windowPeakRSS: Linux resets the
// process's peak resident set size (VmHWM) to the current one when "5"
// is written to /proc/self/clear_refs.
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// windowPeakRSS returns the peak resident set size in bytes since the
// last resetPeakRSS (VmHWM in /proc/self/status), or the process's peak
// when that cannot be read.
func windowPeakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return peakRSS()
	}
	for line := range bytes.Lines(b) {
		if v, ok := bytes.CutPrefix(line, []byte("VmHWM:")); ok {
			kb, err := strconv.ParseInt(string(bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimSpace(v), []byte("kB")))), 10, 64)
			if err == nil {
				return kb * 1024
			}
		}
	}
	return peakRSS()
}
