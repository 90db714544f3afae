//go:build !unix

package extract

import "time"

// processCPUTime is unavailable on this platform.
func processCPUTime() (time.Duration, bool) { return 0, false }
