package imaging

import "errors"

// The kinds of error Process returns; test for them with errors.Is.
var (
	// ErrTooLarge: the encoded image has more bytes than Limits.MaxBytes.
	ErrTooLarge = errors.New("image too large")
	// ErrTooManyPixels: the declared dimensions exceed Limits.MaxPixels,
	// MaxWidth or MaxHeight, or are zero.
	ErrTooManyPixels = errors.New("image has too many pixels")
	// ErrUnsupportedType: the bytes are not JPEG, PNG, GIF or WebP.
	ErrUnsupportedType = errors.New("unsupported image type")
	// ErrCorrupt: the bytes start like a supported image but do not decode.
	ErrCorrupt = errors.New("corrupt image")
)

// Error is an error of Process: one of the kinds above, a message naming
// the problem and its numbers, and the decoder's error when there is one.
type Error struct {
	Kind  error  // ErrTooLarge, ErrTooManyPixels, ErrUnsupportedType or ErrCorrupt
	Type  string // the type sniffed from the bytes, e.g. "image/svg+xml"
	Msg   string
	Cause error // the decoder's error, or nil
}

// Error returns the message, followed by the decoder's error when there is one.
func (e *Error) Error() string {
	if e.Cause != nil {
		return e.Msg + ": " + e.Cause.Error()
	}
	return e.Msg
}

// Is reports whether target is e's kind, so errors.Is(err, ErrCorrupt) works.
func (e *Error) Is(target error) bool { return target == e.Kind }

// Unwrap returns the decoder's error.
func (e *Error) Unwrap() error { return e.Cause }
