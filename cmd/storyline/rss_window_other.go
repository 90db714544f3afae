//go:build !linux

package main

// resetPeakRSS does nothing where the peak cannot be reset.
func resetPeakRSS() {}

// windowPeakRSS returns the process's peak resident set size: this
// system cannot measure it over a window.
func windowPeakRSS() int64 { return peakRSS() }
