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
	if v := procStatus("VmHWM:"); v > 0 {
		return v
	}
	return peakRSS()
}

// rssParts returns the resident memory now, in bytes: anonymous (the
// heap, stacks) and file-backed (mapped files, such as the database the
// read connections map), or zeros when they cannot be read.
func rssParts() (anon, file int64) {
	return procStatus("RssAnon:"), procStatus("RssFile:")
}

// procStatus returns a kB field of /proc/self/status in bytes, or 0.
func procStatus(field string) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range bytes.Lines(b) {
		if v, ok := bytes.CutPrefix(line, []byte(field)); ok {
			kb, err := strconv.ParseInt(string(bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimSpace(v), []byte("kB")))), 10, 64)
			if err == nil {
				return kb * 1024
			}
		}
	}
	return 0
}
