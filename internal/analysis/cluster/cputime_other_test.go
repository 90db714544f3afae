//go:build !unix

package cluster

import "time"

// processCPUTime is unavailable on this platform.
func processCPUTime() (time.Duration, bool) { return 0, false }
