package imaging

import (
	"fmt"
	"strconv"
	"strings"
)

// Default limits, used for any field of Limits left at zero.
const (
	// DefaultMaxBytes is the largest encoded image accepted: 10 MiB.
	DefaultMaxBytes = 10 << 20
	// DefaultMaxPixels is the largest decoded image accepted: 40 Mpx,
	// which takes 160 MB as RGBA while it is scaled (320 MB at 16 bits
	// per channel).
	DefaultMaxPixels = 40_000_000
	// DefaultMaxSide is the longest side accepted, in pixels.
	DefaultMaxSide = 12_000
)

// Limits bound what Process accepts. A zero field takes its default.
type Limits struct {
	MaxBytes  int64 // encoded size
	MaxPixels int64 // width × height
	MaxWidth  int
	MaxHeight int
}

// DefaultLimits returns the default limits.
func DefaultLimits() Limits {
	return Limits{MaxBytes: DefaultMaxBytes, MaxPixels: DefaultMaxPixels, MaxWidth: DefaultMaxSide, MaxHeight: DefaultMaxSide}
}

// withDefaults returns l with its zero (or negative) fields set to the defaults.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxBytes <= 0 {
		l.MaxBytes = d.MaxBytes
	}
	if l.MaxPixels <= 0 {
		l.MaxPixels = d.MaxPixels
	}
	if l.MaxWidth <= 0 {
		l.MaxWidth = d.MaxWidth
	}
	if l.MaxHeight <= 0 {
		l.MaxHeight = d.MaxHeight
	}
	return l
}

// checkBytes refuses n encoded bytes beyond the limit.
func (l Limits) checkBytes(n int64) error {
	if n > l.MaxBytes {
		return &Error{Kind: ErrTooLarge, Msg: fmt.Sprintf("image is %s, more than the %s allowed", byteSize(n), byteSize(l.MaxBytes))}
	}
	return nil
}

// checkDimensions refuses declared dimensions beyond the limits, before
// anything is decoded.
func (l Limits) checkDimensions(typ string, w, h int) error {
	var msg string
	switch {
	case w <= 0 || h <= 0:
		msg = fmt.Sprintf("image declares %d×%d px", w, h)
	case int64(w)*int64(h) > l.MaxPixels:
		msg = fmt.Sprintf("image is %d×%d px, more than the %s allowed", w, h, megapixels(l.MaxPixels))
	case w > l.MaxWidth:
		msg = fmt.Sprintf("image is %d×%d px, wider than the %d px allowed", w, h, l.MaxWidth)
	case h > l.MaxHeight:
		msg = fmt.Sprintf("image is %d×%d px, taller than the %d px allowed", w, h, l.MaxHeight)
	default:
		return nil
	}
	return &Error{Kind: ErrTooManyPixels, Type: typ, Msg: msg}
}

// byteSize formats n bytes for a message: "12 bytes", "340 KiB", "10 MiB",
// "10.5 MiB".
func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return strings.TrimSuffix(fmt.Sprintf("%.1f", float64(n)/(1<<20)), ".0") + " MiB"
	case n >= 1<<10:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// megapixels formats a pixel count for a message: "40 Mpx", "2.5 Mpx".
func megapixels(n int64) string {
	if n < 1_000_000 {
		return strconv.FormatInt(n, 10) + " px"
	}
	return strconv.FormatFloat(float64(n)/1e6, 'f', -1, 64) + " Mpx"
}
