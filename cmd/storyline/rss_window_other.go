//go:build !linux

package main

// resetPeakRSS does nothing where the peak cannot be reset.
func resetPeakRSS() {}

// windowPeakRSS returns the process's peak resident set size: this
// system cannot measure it over a window.
func windowPeakRSS() int64 { return peakRSS() }

// rssParts cannot tell anonymous from file-backed memory here.
func rssParts() (anon, file int64) { return 0, 0 }
